"""Inline SVG charts for the organisation and history reports.

Same rules as ``charts``: plain shapes and escaped text, nothing fetched, and
never colour alone (every bar segment carries its count and level, every trend
line its own dash pattern and a label).
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from assess.models.org import DomainSpread, History
from assess.report.charts import GRID, INK, LEVEL_COLOURS, MUTED, _fmt, _svg, _text, fit_lines

LIGHT_TEXT_LEVELS = {1, 5}  # dark fills that need white numbers


def level_spread(domains: Sequence[DomainSpread], *, title: str) -> Markup:
    """One stacked bar per practice area: how many teams sit at each level."""
    label_w, bar_w, row_h, top = 170.0, 330.0, 22.0, 30.0
    width = label_w + bar_w + 60
    height = top + row_h * len(domains) + 10
    parts = []
    for level in range(1, 6):  # legend: colour and words
        x = label_w + (level - 1) * 66
        parts.append(f'<rect x="{_fmt(x)}" y="6" width="12" height="12" fill="{LEVEL_COLOURS[level]}"/>')
        parts.append(_text([f"Level {level}"], x + 16, 16, 9, anchor="start", fill=MUTED))
    for row, spread in enumerate(domains):
        y = top + row * row_h
        parts.append(_text(fit_lines(spread.title, label_w - 8, 9, 1), label_w - 8, y + 13, 9, anchor="end"))
        total = sum(spread.levels.values()) or 1
        x = label_w
        for level in range(1, 6):
            count = spread.levels.get(level, 0)
            if not count:
                continue
            w = bar_w * count / total
            parts.append(
                f'<rect x="{_fmt(x)}" y="{_fmt(y + 2)}" width="{_fmt(w)}" height="{_fmt(row_h - 6)}" '
                f'fill="{LEVEL_COLOURS[level]}" stroke="#ffffff" stroke-width="0.8"/>'
            )
            if w >= 14:
                colour = "#ffffff" if level in LIGHT_TEXT_LEVELS else INK
                parts.append(_text([str(count)], x + w / 2, y + 14, 8.5, fill=colour, weight="bold"))
            x += w
        median = "—" if spread.median is None else f"{spread.median:.0f}"
        parts.append(
            _text([f"median {median}"], label_w + bar_w + 6, y + 13, 8.5, anchor="start", fill=MUTED)
        )
    return _svg(width, height, title, "".join(parts), "chart spread")


DASHES = ("", "6 3", "2 3", "8 3 2 3", "4 4", "1 2", "10 4", "3 3 1 3", "12 3 3 3")


def trend(history: History, *, title: str) -> Markup:
    """Score of each practice area (and overall) over time, one labelled line each."""
    points = history.points
    left, right, top, plot_h = 40.0, 190.0, 14.0, 220.0
    plot_w = max(260.0, 90.0 * (len(points) - 1))
    width, height = left + plot_w + right, top + plot_h + 40

    def x_at(i: int) -> float:
        return left + (plot_w * i / (len(points) - 1) if len(points) > 1 else plot_w / 2)

    def y_at(score: float) -> float:
        return top + plot_h * (1 - score / 100)

    parts = []
    for grid in range(0, 101, 20):
        y = y_at(grid)
        parts.append(
            f'<line x1="{_fmt(left)}" y1="{_fmt(y)}" x2="{_fmt(left + plot_w)}" y2="{_fmt(y)}" '
            f'stroke="{GRID}" stroke-width="0.6"/>'
        )
        parts.append(_text([str(grid)], left - 6, y + 3, 8, anchor="end", fill=MUTED))
    for i, p in enumerate(points):
        parts.append(_text([p.assessed_at.isoformat()], x_at(i), top + plot_h + 16, 8, fill=MUTED))
    series = [("Overall", [p.overall for p in points], "", 2.4)] + [
        (title_, [p.scores.get(domain_id) for p in points], DASHES[n % len(DASHES)], 1.2)
        for n, (domain_id, title_) in enumerate(history.domains.items())
    ]
    label_slots: list[float] = []
    for name, values, dash, stroke in series:
        coords = [(x_at(i), y_at(v)) for i, v in enumerate(values) if v is not None]
        if not coords:
            continue
        path = " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in coords)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<polyline points="{path}" fill="none" stroke="{INK}" stroke-width="{stroke}"{dash_attr}/>'
        )
        parts.extend(f'<circle cx="{_fmt(x)}" cy="{_fmt(y)}" r="2" fill="{INK}"/>' for x, y in coords)
        # End labels, nudged apart so they never overlap.
        y = coords[-1][1] + 3
        while any(abs(y - other) < 10 for other in label_slots):
            y += 10
        label_slots.append(y)
        last = values[-1]
        label = f"{name} {last:.0f}" if last is not None else name
        parts.append(
            f'<line x1="{_fmt(left + plot_w + 4)}" y1="{_fmt(y - 3)}" x2="{_fmt(left + plot_w + 22)}" '
            f'y2="{_fmt(y - 3)}" stroke="{INK}" stroke-width="{stroke}"'
            + (f' stroke-dasharray="{dash}"' if dash else "")
            + "/>"
        )
        parts.append(_text(fit_lines(label, right - 30, 8, 1), left + plot_w + 26, y, 8, anchor="start"))
    height = max(height, max(label_slots, default=0) + 10)
    return _svg(width, height, title, "".join(parts), "chart trend")
