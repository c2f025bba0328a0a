"""Hanging indents for list rows: wrapped lines line up under the text, not under the number.

Textual wraps Content itself but has no hanging indent, and Rich tables (which do)
cost tens of milliseconds per question; wrapping here, by cell width, is cheap.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap by terminal cell width; a word longer than a line is cut."""
    width = max(1, width)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0
        for word in paragraph.split():
            size = cell_len(word)
            while size > width:  # an unbreakable run (a URL): cut it
                room = width - used - (1 if line else 0)
                if room <= 0:
                    lines.append(line)
                    line, used = "", 0
                    continue
                cut, cut_size = "", 0
                for ch in word:
                    if cut_size + cell_len(ch) > room:
                        break
                    cut += ch
                    cut_size += cell_len(ch)
                lines.append(f"{line} {cut}" if line else cut)
                line, used = "", 0
                word = word[len(cut) :]
                size = cell_len(word)
            if not word:
                continue
            if line and used + 1 + size > width:
                lines.append(line)
                line, used = "", 0
            line, used = (f"{line} {word}", used + 1 + size) if line else (word, size)
        lines.append(line)
    return lines


def hanging(prefix: Content, text: str, width: int, style: str = "") -> Content:
    """``prefix`` then ``text`` wrapped to ``width`` cells, continuation lines indented under the text."""
    indent = prefix.cell_length
    lines = wrap(text, width - indent)
    out = [Content.assemble(prefix, (lines[0], style))]
    pad = " " * indent
    out.extend(Content.assemble(pad, (line, style)) for line in lines[1:])
    return Content("\n").join(out)
