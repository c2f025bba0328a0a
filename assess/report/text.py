"""Plain-text summary for the terminal (``assess score --format text``, ``assess demo``).

Every text from a file (team name, titles, risks, actions) is shown on one line with its
control characters as visible marks (``assess.printable``): it is meant for a terminal.
"""

from __future__ import annotations

from assess.models import Assessment
from assess.printable import one_line, visible

BAR_WIDTH = 20


def bar(score: float | None, width: int = BAR_WIDTH) -> str:
    if score is None:
        return "·" * width
    filled = round(score / 100 * width)
    return "█" * filled + "░" * (width - filled)


def render(a: Assessment, *, roadmap_limit: int = 10) -> str:
    lines: list[str] = []
    team = one_line(a.team.name)
    when = f" — assessed {a.assessed_at.isoformat()}" if a.assessed_at else ""
    lines.append(f"{team}{when}")
    lines.append(f"{one_line(a.questionnaire.title)} (v{a.questionnaire.version}), {a.coverage:.0%} answered")
    lines.append("")
    o = a.overall
    if o.score is None:
        lines.append("Overall: not enough answers to score")
    else:
        cap = f" (capped by {one_line(o.capped_by)})" if o.capped_by else ""
        lines.append(f"Overall  {bar(o.score)} {o.score:5.1f}  level {o.level} {o.label}{cap}")
    lines.append("")
    titles = {d.id: one_line(d.title) for d in a.domains}
    width = max(len(t) for t in titles.values())
    for d in a.domains:
        score = "   —" if d.score is None else f"{d.score:5.1f}"
        level = f"level {d.level} {d.label}" if d.level else "not answered"
        target = ""
        if d.target is not None:
            target = f"  target {d.target}" + (f", {d.gap_to_target:g} to go" if d.gap_to_target else " met")
        lines.append(
            f"  {titles[d.id]:<{width}}  {bar(d.score)} {score}  {level}  ({d.answered}/{d.total}){target}"
        )
    lines.append("")
    t = a.topology
    lines.append(f"Recommended setup: {t.recommended} ({t.interaction_mode}), confidence {t.confidence:.0%}")
    lines.append(f"  {t.summary[0].upper()}{t.summary[1:]}.")
    for reason in t.rationale:
        lines.append(f"  - {one_line(reason)}")
    if t.google_implementation:
        lines.append(f"  Google SRE implementation: {t.google_implementation}")
    for ap in t.anti_patterns:
        lines.append(f"  ! {one_line(ap.title)}: {one_line(ap.why)}")
    lines.append("")
    highs = [r for r in a.risks if r.severity == "high"]
    mediums = [r for r in a.risks if r.severity == "medium"]
    lines.append(f"Risks: {len(highs)} high, {len(mediums)} medium")
    for r in highs:
        unsure = " (answered unsure)" if r.unsure else ""
        lines.append(f"  HIGH  {r.question}{unsure}: {one_line(r.why)}")
    lines.append("")
    lines.append("Roadmap")
    for item in a.roadmap[:roadmap_limit]:
        change = (
            f" (level {item.level_from}→{item.level_to})"
            if item.level_to and item.level_from and item.level_to > item.level_from
            else ""
        )
        lines.append(f"  [{item.phase:<5}] {one_line(item.action)}{change}")
    if len(a.roadmap) > roadmap_limit:
        lines.append(f"  … and {len(a.roadmap) - roadmap_limit} more (see --format markdown or json)")
    gaps = [g for g in a.gaps if g.kind == "unsure"]
    unanswered = [g for g in a.gaps if g.kind == "unanswered"]
    if gaps or unanswered:
        lines.append("")
        lines.append(f"Transparency gaps: {len(unanswered)} unanswered, {len(gaps)} unsure")
    return visible("\n".join(lines) + "\n")  # and anything else a file put in the lines above
