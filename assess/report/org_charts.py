"""Inline SVG charts for the organisation and history reports.

Same rules as ``charts``: plain shapes and escaped text, nothing fetched, and
never colour alone (every bar segment carries its count and level, every trend
line its own dash pattern and a label).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from markupsafe import Markup

from assess.models.org import DomainSpread, History
from assess.report.charts import GRID, INK, LEVEL_COLOURS, MUTED, _fmt, _svg, _text, fit_lines
from assess.report.metrics import text_width

LIGHT_TEXT_LEVELS = {1, 5}  # dark fills that need white numbers


# One pattern per level, drawn over its colour, so a level reads without colour: from dense
# cross-hatching (level 1) to plain (level 5).
_PATTERNS = {
    1: '<path d="M0,0 L6,6 M6,0 L0,6" stroke="#ffffff" stroke-width="1.2"/>',
    2: '<path d="M0,6 L6,0" stroke="#ffffff" stroke-width="1.2"/>',
    3: '<circle cx="3" cy="3" r="1.1" fill="#ffffff"/>',
    4: '<path d="M0,3 L6,3" stroke="#ffffff" stroke-width="0.9"/>',
    5: "",
}


def _level_patterns() -> str:
    defs = []
    for level, mark in _PATTERNS.items():
        defs.append(
            f'<pattern id="lvl{level}" width="6" height="6" patternUnits="userSpaceOnUse">'
            f'<rect width="6" height="6" fill="{LEVEL_COLOURS[level]}"/>{mark}</pattern>'
        )
    return "<defs>" + "".join(defs) + "</defs>"


def level_spread(domains: Sequence[DomainSpread], *, title: str) -> Markup:
    """One stacked bar per practice area: how many teams sit at each level, each segment in its
    level's pattern and labelled "L2: 4" (or its count alone, or nothing when too narrow; the
    description carries every number)."""
    label_w, bar_w, row_h, top = 170.0, 330.0, 22.0, 30.0
    width = label_w + bar_w + 60
    height = top + row_h * len(domains) + 10
    parts = [_level_patterns()]
    for level in range(1, 6):  # legend: pattern and words
        x = label_w + (level - 1) * 66
        parts.append(
            f'<rect x="{_fmt(x)}" y="5" width="14" height="14" fill="url(#lvl{level})" stroke="{MUTED}" '
            'stroke-width="0.5"/>'
        )
        parts.append(_text([f"Level {level}"], x + 18, 16, 9, anchor="start", fill=MUTED))
    described = []
    for row, spread in enumerate(domains):
        y = top + row * row_h
        parts.append(_text(fit_lines(spread.title, label_w - 8, 9, 1), label_w - 8, y + 13, 9, anchor="end"))
        total = sum(spread.levels.values()) or 1
        x = label_w
        counts = []
        for level in range(1, 6):
            count = spread.levels.get(level, 0)
            if not count:
                continue
            counts.append(f"level {level}: {count}")
            w = bar_w * count / total
            parts.append(
                f'<rect x="{_fmt(x)}" y="{_fmt(y + 2)}" width="{_fmt(w)}" height="{_fmt(row_h - 6)}" '
                f'fill="url(#lvl{level})" stroke="#ffffff" stroke-width="0.8"/>'
            )
            label = f"L{level}: {count}"
            if text_width(label, 8.5, bold=True) + 6 > w:
                label = str(count) if w >= 14 else ""
            if label:
                colour = "#ffffff" if level in LIGHT_TEXT_LEVELS else INK
                backing = (
                    f'<rect x="{_fmt(x + w / 2 - text_width(label, 8.5, bold=True) / 2 - 2)}" '
                    f'y="{_fmt(y + 5)}" width="{_fmt(text_width(label, 8.5, bold=True) + 4)}" height="11" '
                    f'rx="2" fill="{LEVEL_COLOURS[level]}"/>'
                )
                parts.append(backing + _text([label], x + w / 2, y + 14, 8.5, fill=colour, weight="bold"))
            x += w
        median = "—" if spread.median is None else f"{spread.median:.0f}"
        parts.append(
            _text([f"median {median}"], label_w + bar_w + 6, y + 13, 8.5, anchor="start", fill=MUTED)
        )
        unscored = f", {spread.unscored} not scored" if spread.unscored else ""
        described.append(
            f"{spread.title}: {', '.join(counts) or 'no team scored'}{unscored}; median {median}"
        )
    return _svg(width, height, title, "".join(parts), "chart spread", desc="; ".join(described))


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


def trend_grid(history: History, *, title: str, columns: int = 3) -> Markup:
    """Small multiples: overall and each practice area in its own panel over time, with its first
    and latest score written at the ends of its line, so no line has to be told from another."""
    points = history.points
    series = [("Overall", [p.overall for p in points])] + [
        (name, [p.scores.get(domain_id) for p in points]) for domain_id, name in history.domains.items()
    ]
    panel_w, panel_h, gap = 200.0, 92.0, 14.0
    plot_top, plot_h, plot_left, plot_right = 26.0, 44.0, 22.0, 30.0
    rows = math.ceil(len(series) / columns)
    width = columns * panel_w + (columns - 1) * gap
    height = rows * panel_h + (rows - 1) * gap
    parts: list[str] = []
    described = []
    dates = [p.assessed_at.isoformat() for p in points]
    for index, (name, values) in enumerate(series):
        col, row = index % columns, index // columns
        x0, y0 = col * (panel_w + gap), row * (panel_h + gap)
        left, right = x0 + plot_left, x0 + panel_w - plot_right

        def x_at(i: int, left: float = left, right: float = right) -> float:
            return left + ((right - left) * i / (len(points) - 1) if len(points) > 1 else (right - left) / 2)

        def y_at(v: float, y0: float = y0) -> float:
            return y0 + plot_top + plot_h * (1 - v / 100)

        parts.append(
            f'<rect x="{_fmt(x0)}" y="{_fmt(y0)}" width="{_fmt(panel_w)}" height="{_fmt(panel_h)}" '
            f'fill="none" stroke="{GRID}" stroke-width="0.6" rx="3"/>'
        )
        parts.append(
            _text(fit_lines(name, panel_w - 12, 9, 1), x0 + 6, y0 + 13, 9, anchor="start", weight="bold")
        )
        for grid in (0, 50, 100):
            y = y_at(grid)
            parts.append(
                f'<line x1="{_fmt(left)}" y1="{_fmt(y)}" x2="{_fmt(right)}" y2="{_fmt(y)}" stroke="{GRID}" '
                'stroke-width="0.5"/>'
            )
            parts.append(_text([str(grid)], left - 4, y + 3, 7, anchor="end", fill=MUTED))
        coords = [(x_at(i), y_at(v)) for i, v in enumerate(values) if v is not None]
        if coords:
            path = " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in coords)
            weight = 2.2 if index == 0 else 1.6
            parts.append(f'<polyline points="{path}" fill="none" stroke="{INK}" stroke-width="{weight}"/>')
            parts.extend(f'<circle cx="{_fmt(x)}" cy="{_fmt(y)}" r="2.2" fill="{INK}"/>' for x, y in coords)
            known = [v for v in values if v is not None]
            first, last = known[0], known[-1]
            parts.append(
                _text(
                    [f"{last:.0f}"], coords[-1][0] + 5, coords[-1][1] + 3, 8.5, anchor="start", weight="bold"
                )
            )
            if len(coords) > 1:
                parts.append(
                    _text(
                        [f"{first:.0f}"], coords[0][0] - 3, coords[0][1] - 5, 7.5, anchor="start", fill=MUTED
                    )
                )
        parts.append(_text([dates[0]], left, y0 + panel_h - 8, 7, anchor="start", fill=MUTED))
        if len(dates) > 1:
            parts.append(_text([dates[-1]], right, y0 + panel_h - 8, 7, anchor="end", fill=MUTED))
        said = ", ".join("not scored" if v is None else f"{v:.0f}" for v in values)
        described.append(f"{name}: {said}")
    desc = f"Scores at {', '.join(dates)}: " + "; ".join(described)
    return _svg(width, height, title, "".join(parts), "chart trend-grid", desc=desc)
