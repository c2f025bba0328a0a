"""What the organisation and history reports show, worded once for HTML, PDF and Markdown.

Nothing here scores or recommends: it words the roll-up's and the history's numbers (a level below
its target as "2 \u25bc3", the staffing as rows that add up to the headcount, a change as "+4.0").
"""

from __future__ import annotations

from dataclasses import dataclass

from assess.models.org import History, OrgRollup, TeamRow
from assess.words import counted


@dataclass(frozen=True)
class Cell:
    """One team's level in one area, in words: "2", "2 ▼3" (below its target level 3), "—"."""

    text: str
    level: int | None
    below: bool
    label: str


@dataclass(frozen=True)
class StaffingRow:
    what: str
    sres: int
    total: bool = False


def cells(t: TeamRow, domains: list[tuple[str, str]]) -> list[Cell]:
    out = []
    for domain_id, title in domains:
        level = t.levels.get(domain_id)
        target = t.targets.get(domain_id)
        below = target is not None and (level or 0) < target
        text = "—" if level is None else str(level)
        if below:
            text += f" \u25bc{target}"
        label = (
            f"{title}: "
            + ("not scored" if level is None else f"level {level}")
            + (f", below its target level {target}" if below else "")
        )
        out.append(Cell(text, level, below, label))
    return out


def staffing(r: OrgRollup) -> tuple[list[StaffingRow], str | None]:
    """Where the organisation's SREs go, adding up to the headcount, and what is still to hire."""
    h = r.topology.headcount
    if h is None:
        return [], None
    embedded = [c.team for c in r.topology.embedded_first if c.staffed]
    rows = [
        StaffingRow("Embedded in teams" + (f" ({', '.join(embedded)})" if embedded else ""), h.embedded),
        StaffingRow("Enabling team (coaching)", h.enabling),
        StaffingRow("SRE team rotation", h.separate),
    ]
    used = h.embedded + h.enabling + h.separate
    have = "not given" if h.sres is None else str(h.sres)
    rows.append(StaffingRow(f"From today's headcount ({have})", used, total=True))
    rows.append(StaffingRow("Still to hire", h.hires))
    rows.append(StaffingRow("Needed for everything proposed", used + h.hires, total=True))
    note = None
    if h.sres is not None and used < h.sres:
        note = f"{counted(h.sres - used, 'SRE')} of today's headcount not spent by this advice."
    return rows, note


@dataclass(frozen=True)
class TrendRow:
    """One area over time: "42.9 (L3)" at each date, and the change since the first and the last."""

    title: str
    cells: list[str]
    since_first: str
    since_last: str


def _delta(old: float | None, new: float | None) -> str:
    if old is None or new is None:
        return "—"
    change = round(new - old, 1)
    return "no change" if change == 0 else f"{change:+.1f}"


def _cell(score: float | None, level: int | None) -> str:
    return "—" if score is None else f"{score:.1f} (L{level})" if level else f"{score:.1f}"


def trend_rows(h: History) -> list[TrendRow]:
    rows = [
        TrendRow(
            "Overall",
            [_cell(p.overall, p.level) for p in h.points],
            _delta(h.points[0].overall, h.points[-1].overall),
            _delta(h.points[-2].overall, h.points[-1].overall) if len(h.points) > 1 else "—",
        )
    ]
    for domain_id, title in h.domains.items():
        scores = [p.scores.get(domain_id) for p in h.points]
        rows.append(
            TrendRow(
                title,
                [_cell(s, p.levels.get(domain_id)) for s, p in zip(scores, h.points, strict=True)],
                _delta(scores[0], scores[-1]),
                _delta(scores[-2], scores[-1]) if len(scores) > 1 else "—",
            )
        )
    return rows
