"""Inline SVG charts for the HTML and PDF report: radar, score bars, roadmap timeline, topology diagram.

Everything is plain SVG shapes and text generated here (no scripts, nothing fetched), so WeasyPrint
draws it as vectors and a browser shows the same picture. Every piece of text, including domain titles
from custom questionnaires and the team name, goes through ``escape``. Colour is never the only carrier
of meaning: each shape and line says in words what it is, and line styles differ by interaction mode.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup
from markupsafe import escape as _escape

from assess.models import PatternId
from assess.printable import visible
from assess.report.metrics import text_width
from assess.words import counted

# Team Topologies colours (fill, stroke) and the colour of each maturity level.
STREAM_ALIGNED = ("#fde9a9", "#b58900")
PLATFORM = ("#bcd8f3", "#2f6ea8")
ENABLING = ("#e7cdf1", "#86449f")
SRE_TEAM = ("#c3e6d3", "#257a50")
LEVEL_COLOURS = {1: "#c0392b", 2: "#d9822b", 3: "#c9a800", 4: "#6aa537", 5: "#2e8b57"}
INK = "#1f2933"
MUTED = "#5f6b7a"
GRID = "#c8ced6"


def escape(text: str) -> Markup:
    """Text for the SVG: escaped, with control characters and bidi overrides shown as marks."""
    return _escape(visible(text))


@dataclass(frozen=True)
class Axis:
    """One domain on the radar: its title and score (None when nothing was scored)."""

    title: str
    score: float | None


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def fit_lines(text: str, width: float, size: float, max_lines: int, *, bold: bool = False) -> list[str]:
    """Wrap text into at most ``max_lines`` lines no wider than ``width``; long words are cut, and
    text that does not fit ends in an ellipsis (the full text is always elsewhere in the report)."""

    def fits(line: str) -> bool:
        return text_width(line, size, bold=bold) <= width

    pending = text.split()
    lines: list[str] = []
    current = ""
    while pending and len(lines) <= max_lines:
        word = pending.pop(0)
        candidate = f"{current} {word}" if current else word
        if fits(candidate):
            current = candidate
        elif current:
            lines.append(current)
            current = ""
            pending.insert(0, word)
        else:  # one word wider than the line
            cut = len(word) - 1
            while cut > 1 and not fits(word[:cut]):
                cut -= 1
            lines.append(word[:cut])
            pending.insert(0, word[cut:])
    if current:
        lines.append(current)
    if len(lines) > max_lines or pending:
        last = lines[max_lines - 1] if len(lines) >= max_lines else lines[-1]
        while last and not fits(last + " …"):
            last = last[:-1]
        lines = [*lines[: max_lines - 1], last.rstrip() + " …"]
    return lines or [""]


def _text(
    lines: Sequence[str],
    x: float,
    y: float,
    size: float,
    *,
    anchor: str = "middle",
    weight: str = "normal",
    fill: str = INK,
    line_height: float = 1.2,
) -> str:
    """A multi-line <text> whose first baseline is at y."""
    spans = "".join(
        f'<tspan x="{_fmt(x)}" y="{_fmt(y + i * size * line_height)}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return (
        f'<text font-size="{_fmt(size)}" text-anchor="{anchor}" font-weight="{weight}" '
        f'fill="{fill}">{spans}</text>'
    )


def _svg(
    width: float, height: float, title: str, body: str, css_class: str, desc: str | None = None
) -> Markup:
    """The chart; ``title`` (and ``desc``) say in words, with the numbers, what it shows. WeasyPrint
    makes the title the figure's alternative text in the tagged PDF, so the description is part of it."""
    # Safe by construction: every text in ``body`` went through ``escape`` in ``_text``/``_pill``.
    described = f"<desc>{escape(desc)}</desc>" if desc else ""
    if desc:
        title = f"{title}. {desc}"
    return Markup(  # noqa: S704
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{css_class}" viewBox="0 0 {_fmt(width)} '
        f'{_fmt(height)}" role="img" aria-label="{escape(title)}" '
        f'font-family="DejaVu Sans, sans-serif"><title>{escape(title)}</title>{described}{body}</svg>'
    )


# --------------------------------------------------------------------------
# Radar of every domain
# --------------------------------------------------------------------------


def radar(axes: Sequence[Axis], *, title: str) -> Markup:
    """A spider chart; fewer than three domains cannot make a polygon, so they get bars instead."""
    if len(axes) < 3:
        return score_bars(axes, title=title)
    width, height = 480.0, 300.0
    cx, cy, radius = width / 2, height / 2, 92.0
    size, gap = 12.0, 12.0
    n = len(axes)

    def point(i: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * i / n
        return cx + math.cos(angle) * radius * value, cy + math.sin(angle) * radius * value

    parts: list[str] = []
    for ring in (0.2, 0.4, 0.6, 0.8, 1.0):
        pts = " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in (point(i, ring) for i in range(n)))
        parts.append(f'<polygon points="{pts}" fill="none" stroke="{GRID}" stroke-width="0.8"/>')
    for i in range(n):
        x, y = point(i, 1.0)
        parts.append(
            f'<line x1="{_fmt(cx)}" y1="{_fmt(cy)}" x2="{_fmt(x)}" y2="{_fmt(y)}" '
            f'stroke="{GRID}" stroke-width="0.8"/>'
        )
    for ring in (20, 40, 60, 80):
        parts.append(_text([str(ring)], cx + 3, cy - radius * ring / 100 - 2, 8, anchor="start", fill=MUTED))

    values = [(a.score or 0.0) / 100 for a in axes]
    pts = " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in (point(i, v) for i, v in enumerate(values)))
    parts.append(
        f'<polygon points="{pts}" fill="#2f6ea8" fill-opacity="0.22" stroke="#2f6ea8" stroke-width="2"/>'
    )
    for i, axis in enumerate(axes):
        x, y = point(i, values[i])
        if axis.score is None:  # hollow marker: nothing scored here
            parts.append(
                f'<circle cx="{_fmt(x)}" cy="{_fmt(y)}" r="3.5" fill="#ffffff" stroke="{MUTED}" '
                'stroke-width="1.2"/>'
            )
        else:
            parts.append(f'<circle cx="{_fmt(x)}" cy="{_fmt(y)}" r="3.5" fill="#2f6ea8"/>')

    line = size * 1.2
    for i, axis in enumerate(axes):
        angle = -math.pi / 2 + 2 * math.pi * i / n
        cos, sin = math.cos(angle), math.sin(angle)
        lx, ly = cx + cos * (radius + gap), cy + sin * (radius + gap)
        anchor = "middle" if abs(cos) < 0.2 else ("start" if cos > 0 else "end")
        room = (
            width - 8 - lx
            if anchor == "start"
            else lx - 8
            if anchor == "end"
            else 2 * min(lx, width - lx) - 16
        )
        lines = fit_lines(axis.title, room, size, 2)
        block = (len(lines) + 1) * line
        if sin < -0.5:  # above the chart: the block ends just above the axis end
            top = ly - block + size
        elif sin > 0.5:
            top = ly + size
        else:
            top = ly - block / 2 + size * 0.85
        score = "not scored" if axis.score is None else _fmt(axis.score)
        parts.append(_text(lines, lx, top, size, anchor=anchor))
        parts.append(_text([score], lx, top + len(lines) * line, size, anchor=anchor, weight="bold"))
    described = "; ".join(f"{a.title} {'not scored' if a.score is None else _fmt(a.score)}" for a in axes)
    return _svg(width, height, f"{title}: {described}", "".join(parts), "chart chart-radar")


# --------------------------------------------------------------------------
# Score bars
# --------------------------------------------------------------------------


def score_bar(
    score: float | None, level: int | None, label: str | None, *, title: str, target: int | None = None
) -> Markup:
    """One horizontal bar over the five level bands, with the score and level written out.

    A target level, when set, is a dashed marker where that level starts, named in the title."""
    width, height, track = 300.0, 30.0, 210.0
    parts = [f'<rect x="0" y="2" width="{_fmt(track)}" height="14" rx="2" fill="#eef1f4"/>']
    for band in range(1, 5):
        x = track * band / 5
        parts.append(f'<line x1="{_fmt(x)}" y1="0" x2="{_fmt(x)}" y2="18" stroke="{GRID}" stroke-width="1"/>')
    for band in range(5):
        parts.append(_text([f"L{band + 1}"], track * (band + 0.5) / 5, 27, 8, fill=MUTED))
    if score is not None and level is not None:
        parts.append(
            f'<rect x="0" y="2" width="{_fmt(track * score / 100)}" height="14" rx="2" '
            f'fill="{LEVEL_COLOURS[level]}"/>'
        )
        words = f"{score:.1f} · L{level}"
        described = f"{title}: {score:.1f} of 100, level {level} {label or ''}".strip()
    else:
        words = "not scored"
        described = f"{title}: not scored"
    if target is not None:
        x = track * (target - 1) / 5
        parts.append(
            f'<line x1="{_fmt(x)}" y1="-1" x2="{_fmt(x)}" y2="19" stroke="{INK}" stroke-width="2" '
            'stroke-dasharray="3 2"/>'
        )
        described += f"; target level {target}"
    parts.append(_text([words], track + 7, 14, 12, anchor="start", weight="bold"))
    return _svg(width, height, described, "".join(parts), "chart chart-bar")


def score_bars(axes: Sequence[Axis], *, title: str) -> Markup:
    """Every domain as a labelled bar (the radar's fallback for one or two domains)."""
    row, label_width, track = 26.0, 180.0, 240.0
    width, height = label_width + track + 70, row * len(axes) + 20
    parts: list[str] = []
    for i, axis in enumerate(axes):
        y = i * row
        parts.append(_text(fit_lines(axis.title, label_width - 8, 9, 1), 0, y + 13, 9, anchor="start"))
        parts.append(
            f'<rect x="{_fmt(label_width)}" y="{_fmt(y + 4)}" width="{_fmt(track)}" height="12" '
            'fill="#eef1f4"/>'
        )
        if axis.score is not None:
            parts.append(
                f'<rect x="{_fmt(label_width)}" y="{_fmt(y + 4)}" width="{_fmt(track * axis.score / 100)}" '
                'height="12" fill="#2f6ea8"/>'
            )
        words = "not scored" if axis.score is None else _fmt(axis.score)
        parts.append(_text([words], label_width + track + 6, y + 14, 9, anchor="start", weight="bold"))
    described = "; ".join(f"{a.title} {'not scored' if a.score is None else _fmt(a.score)}" for a in axes)
    return _svg(width, height, f"{title}: {described}", "".join(parts), "chart chart-bars")


# --------------------------------------------------------------------------
# Roadmap timeline
# --------------------------------------------------------------------------


def timeline(phases: Sequence[tuple[str, str, int]]) -> Markup:
    """Chevrons for now / next / later: (name, what goes there, number of actions)."""
    width, height = 600.0, 64.0
    step = width / max(1, len(phases))
    fills = ("#f6d5d1", "#fbe6c8", "#dbe8f5")
    parts: list[str] = []
    for i, (name, what, count) in enumerate(phases):
        x0, x1 = i * step, (i + 1) * step - 4
        tip = 14.0
        notch = tip if i else 0.0
        pts = [
            (x0, 0),
            (x1 - tip, 0),
            (x1, height / 2),
            (x1 - tip, height),
            (x0, height),
            (x0 + notch, height / 2),
        ]
        points = " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in pts)
        parts.append(
            f'<polygon points="{points}" fill="{fills[i % 3]}" stroke="{MUTED}" stroke-width="0.8"/>'
        )
        centre = (x0 + notch + x1 - tip) / 2
        actions = counted(count, "action")
        parts.append(_text([f"{name.upper()} · {actions}"], centre, 24, 11, weight="bold"))
        parts.append(_text(fit_lines(what, step - tip - notch - 10, 8.5, 2), centre, 38, 8.5, fill=MUTED))
    described = "Roadmap: " + "; ".join(f"{name}: {count} actions" for name, _, count in phases)
    return _svg(width, height, described, "".join(parts), "chart chart-timeline")


# --------------------------------------------------------------------------
# Topology diagram
# --------------------------------------------------------------------------

_DEFS = (
    "<defs>"
    '<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
    f'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{INK}"/></marker>'
    '<pattern id="hatch" width="7" height="7" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
    f'<rect width="7" height="7" fill="#f3e6f7"/><line x1="0" y1="0" x2="0" y2="7" stroke="{ENABLING[1]}" '
    'stroke-width="2.2"/></pattern>'
    "</defs>"
)

# Line style per interaction mode, so the mode reads without colour.
_MODE_STYLE = {
    "facilitating": 'stroke-width="2.2" stroke-dasharray="1.5 4" stroke-linecap="round"',
    "x-as-a-service": 'stroke-width="2"',
    "later": 'stroke-width="1.5" stroke-dasharray="7 4"',
}
_LEGEND_MODES = {
    "collaboration": "collaboration (hatched overlap)",
    "facilitating": "facilitating",
    "x-as-a-service": "X-as-a-Service",
    "later": "later step",
}
_TEAM_COLOURS = {"stream": STREAM_ALIGNED, "platform": PLATFORM, "enabling": ENABLING, "sre": SRE_TEAM}


@dataclass(frozen=True)
class _Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2


def _team(
    box: _Box,
    colours: tuple[str, str],
    name: str,
    kind: str,
    *,
    rx: float = 12,
    dashed: bool = False,
    label_top: float | None = None,
) -> str:
    """A team shape with its name (bold, up to two lines) and what kind of team it is, in words."""
    fill, stroke = colours
    dash = ' stroke-dasharray="6 4"' if dashed else ""
    shape = (
        f'<rect x="{_fmt(box.x)}" y="{_fmt(box.y)}" width="{_fmt(box.w)}" height="{_fmt(box.h)}" '
        f'rx="{_fmt(rx)}" fill="{fill}" stroke="{stroke}" stroke-width="2"{dash}/>'
    )
    size, kind_size = 11.0, 8.5
    name_lines = fit_lines(name, box.w - 16, size, 2 if box.h >= 56 else 1, bold=True)
    kind_lines = fit_lines(kind, box.w - 12, kind_size, 2 if box.h >= 80 else 1)
    block = len(name_lines) * size * 1.2 + len(kind_lines) * kind_size * 1.2
    top = label_top if label_top is not None else box.cy - block / 2 + size * 0.85
    label = _text(name_lines, box.cx, top, size, weight="bold")
    label += _text(kind_lines, box.cx, top + len(name_lines) * size * 1.2 + 1, kind_size, fill=MUTED)
    return shape + label


def _pill(x: float, y: float, label: str) -> str:
    """A label on a white pill centred at (x, y), readable over lines and hatching."""
    size = 8.5
    w = text_width(label, size, bold=True) + 12
    return (
        f'<rect x="{_fmt(x - w / 2)}" y="{_fmt(y - 8)}" width="{_fmt(w)}" height="15" rx="7" '
        f'fill="#ffffff" stroke="{MUTED}" stroke-width="0.8"/>'
        + _text([label], x, y + 3, size, weight="bold")
    )


def _arrow(start: tuple[float, float], end: tuple[float, float], mode: str, label: str) -> str:
    (x1, y1), (x2, y2) = start, end
    line = (
        f'<line x1="{_fmt(x1)}" y1="{_fmt(y1)}" x2="{_fmt(x2)}" y2="{_fmt(y2)}" stroke="{INK}" '
        f'{_MODE_STYLE[mode]} marker-end="url(#arrow)"/>'
    )
    return line + _pill((x1 + x2) / 2, (y1 + y2) / 2, label)


def _legend(y: float, teams: Sequence[str], modes: Sequence[str]) -> str:
    """Swatches for the team types shown and samples of the interaction modes shown, all named."""
    names = {
        "stream": "stream-aligned team",
        "platform": "platform team",
        "enabling": "enabling team",
        "sre": "SRE team",
    }
    parts: list[str] = []
    x = 8.0
    for key in teams:
        fill, stroke = _TEAM_COLOURS[key]
        parts.append(
            f'<rect x="{_fmt(x)}" y="{_fmt(y - 9)}" width="18" height="11" rx="3" fill="{fill}" '
            f'stroke="{stroke}" stroke-width="1.5"/>'
        )
        parts.append(_text([names[key]], x + 23, y, 8.5, anchor="start"))
        x += 23 + text_width(names[key], 8.5) + 14
    for mode in modes:
        if mode == "collaboration":
            parts.append(f'<rect x="{_fmt(x)}" y="{_fmt(y - 9)}" width="26" height="11" fill="url(#hatch)"/>')
        else:
            parts.append(
                f'<line x1="{_fmt(x)}" y1="{_fmt(y - 3.5)}" x2="{_fmt(x + 26)}" y2="{_fmt(y - 3.5)}" '
                f'stroke="{INK}" {_MODE_STYLE[mode]}/>'
            )
        name = _LEGEND_MODES[mode]
        parts.append(_text([name], x + 31, y, 8.5, anchor="start"))
        x += 31 + text_width(name, 8.5) + 14
    return "".join(parts)


def _neighbour_count(teams_in_org: int | None) -> int:
    """Other stream-aligned teams to draw: up to two, none when the team is the whole organisation."""
    return 2 if teams_in_org is None else max(0, min(2, teams_in_org - 1))


def _served_row(
    provider: _Box, colours: tuple[str, str], name: str, kind: str, team_name: str, neighbours: int
) -> list[str]:
    """Stream-aligned teams in a row above a provider team that serves them X-as-a-Service."""
    body: list[str] = []
    count = 1 + neighbours
    span = provider.w / count
    for i in range(count):
        box = _Box(provider.x + i * span + 6, 14, span - 12, 72)
        team = team_name if i == 0 else "Another stream-aligned team"
        body.append(_team(box, STREAM_ALIGNED, team, "stream-aligned team", dashed=i > 0))
        body.append(
            _arrow((box.cx, provider.y), (box.cx, box.y + box.h + 2), "x-as-a-service", "X-as-a-Service")
        )
    body.append(_team(provider, colours, name, kind, rx=4))
    return body


def topology_caption(pattern: PatternId, team_name: str, teams_in_org: int | None) -> str:
    """What the topology diagram draws, shape by shape, in words (its caption and its description)."""
    others = _neighbour_count(teams_in_org)
    neighbours = (
        f" and {'one other stream-aligned team' if others == 1 else f'{others} other stream-aligned teams'}"
        " drawn with dashed outlines"
        if others
        else ""
    )
    if pattern == "within-team":
        return (
            f"One stream-aligned team, {team_name}, holding its own SLOs and alerts, on-call rotation and "
            "postmortems; no other team is drawn and no interaction mode applies."
        )
    if pattern == "embedded":
        return (
            f"{team_name}, a stream-aligned team, with an embedded SRE inside it; on the right the SRE team "
            "the SRE comes from. A hatched band labelled collaboration, months 0-3, joins the two, and a "
            "dotted arrow labelled then facilitating runs from the SRE team back to the team."
        )
    if pattern == "enabling":
        later = (
            f", and dashed arrows labelled facilitating, later, to {counted(others, 'neighbouring team')} "
            "drawn with dashed outlines"
            if others
            else ""
        )
        return (
            f"An enabling SRE team on the left, with a dotted arrow labelled facilitating to {team_name}"
            f"{later}."
        )
    provider = "A reliability platform team" if pattern == "platform" else "An SRE team"
    arrows = "solid arrows labelled X-as-a-Service"
    return f"{provider} along the bottom, with {arrows} up to {team_name}{neighbours}."


def topology(pattern: PatternId, team_name: str, teams_in_org: int | None, *, title: str) -> Markup:
    """The proposed setup, drawn with Team Topologies shapes, colours and interaction modes."""
    width, height = 640.0, 236.0
    neighbours = _neighbour_count(teams_in_org)
    body: list[str] = [_DEFS]
    teams: list[str] = ["stream"]
    modes: list[str] = []

    if pattern == "within-team":
        team = _Box(140, 10, 360, 150)
        body.append(
            _team(
                team,
                STREAM_ALIGNED,
                team_name,
                "stream-aligned team that owns its reliability",
                label_top=team.y + 34,
            )
        )
        for i, chip in enumerate(("SLOs and alerts", "on-call rotation", "postmortems")):
            cx = team.x + team.w * (i + 0.5) / 3
            body.append(
                f'<rect x="{_fmt(cx - 54)}" y="{_fmt(team.y + team.h - 46)}" width="108" height="26" '
                f'rx="13" fill="#ffffff" stroke="{STREAM_ALIGNED[1]}" stroke-width="1"/>'
            )
            body.append(_text([chip], cx, team.y + team.h - 29, 8.5))
        body.append(
            _text(
                [
                    "Interaction mode: none. Reliability is a practice of the team itself;",
                    "no SRE team, enabling team or platform is needed at this size.",
                ],
                width / 2,
                182,
                9,
                fill=MUTED,
            )
        )
    elif pattern == "embedded":
        team = _Box(30, 10, 300, 180)
        home = _Box(470, 10, 140, 180)
        body.append(_team(team, STREAM_ALIGNED, team_name, "stream-aligned team", label_top=team.y + 36))
        body.append(
            _team(_Box(100, 104, 160, 56), SRE_TEAM, "Embedded SRE", "works in the team's backlog", rx=8)
        )
        body.append(_team(home, SRE_TEAM, "SRE team", "home of the embedded SRE"))
        band = _Box(team.x + team.w, 30, home.x - team.x - team.w, 70)
        body.append(
            f'<rect x="{_fmt(band.x)}" y="{_fmt(band.y)}" width="{_fmt(band.w)}" height="{_fmt(band.h)}" '
            'fill="url(#hatch)"/>'
        )
        body.append(_pill(band.cx, band.y + 18, "collaboration"))
        body.append(_pill(band.cx, band.y + band.h - 16, "months 0-3"))
        body.append(_arrow((home.x, 160), (team.x + team.w + 2, 160), "facilitating", "then facilitating"))
        teams.append("sre")
        modes += ["collaboration", "facilitating"]
    elif pattern == "enabling":
        enabling = _Box(30, 10, 150, 186)
        body.append(_team(enabling, ENABLING, "Enabling SRE team", "coaches teams in turn, then moves on"))
        rows = 1 + neighbours
        pitch = 186 / rows
        for i in range(rows):
            box = _Box(380, 10 + i * pitch + (0 if rows == 1 else 3), 230, pitch - (0 if rows == 1 else 8))
            if i == 0:
                body.append(_team(box, STREAM_ALIGNED, team_name, "stream-aligned team"))
                body.append(
                    _arrow(
                        (enabling.x + enabling.w, box.cy), (box.x - 2, box.cy), "facilitating", "facilitating"
                    )
                )
            else:
                body.append(_team(box, STREAM_ALIGNED, "Neighbouring team", "next in turn", dashed=True))
                body.append(
                    _arrow(
                        (enabling.x + enabling.w, box.cy), (box.x - 2, box.cy), "later", "facilitating, later"
                    )
                )
        teams.append("enabling")
        modes += ["facilitating"] + (["later"] if neighbours else [])
    elif pattern == "platform":
        platform = _Box(30, 136, 580, 58)
        body += _served_row(
            platform,
            PLATFORM,
            "Reliability platform team",
            "self-service paging, dashboards, deploys and infrastructure templates",
            team_name,
            neighbours,
        )
        teams.append("platform")
        modes.append("x-as-a-service")
    else:  # separate
        sre = _Box(30, 136, 580, 58)
        body += _served_row(
            sre,
            SRE_TEAM,
            "SRE team",
            "owns shared reliability work; engaged through SLOs; operations capped at 50%",
            team_name,
            neighbours,
        )
        teams.append("sre")
        modes.append("x-as-a-service")

    body.append(_legend(height - 8, teams, modes))
    return _svg(
        width,
        height,
        title,
        "".join(body),
        "chart chart-topology",
        desc=topology_caption(pattern, team_name, teams_in_org),
    )


@dataclass(frozen=True)
class Relation:
    """One arrow of the topology diagram, in words (the Markdown report lists these)."""

    provider: str
    provider_type: str
    mode: str
    receiver: str


def relations(pattern: PatternId, team_name: str, teams_in_org: int | None) -> list[Relation]:
    """The interactions the topology diagram draws, with the same names and mode labels."""
    others = _neighbour_count(teams_in_org)
    if pattern == "embedded":
        return [
            Relation(
                "SRE team",
                "SRE team",
                "collaboration (months 0-3: the embedded SRE works in the team's backlog), then facilitating",
                team_name,
            )
        ]
    if pattern == "enabling":
        found = [Relation("Enabling SRE team", "enabling team", "facilitating", team_name)]
        if others:
            found.append(
                Relation("Enabling SRE team", "enabling team", "facilitating, later", "neighbouring teams")
            )
        return found
    if pattern in ("platform", "separate"):
        name, kind = (
            ("Reliability platform team", "platform team")
            if pattern == "platform"
            else ("SRE team", "SRE team")
        )
        mode = "X-as-a-Service" + (", engaged through SLOs" if pattern == "separate" else "")
        found = [Relation(name, kind, mode, team_name)]
        if others:
            found.append(Relation(name, kind, mode, "other stream-aligned teams"))
        return found
    return []
