"""Plain-text summary for the terminal (``assess score --format text``, ``assess demo``)."""

from __future__ import annotations

from assess.models import Assessment

BAR_WIDTH = 20


def bar(score: float | None, width: int = BAR_WIDTH) -> str:
    if score is None:
        return "·" * width
    filled = round(score / 100 * width)
    return "█" * filled + "░" * (width - filled)


def _clean(text: str) -> str:
    """Terminal-safe: no control characters (escape sequences) from user text."""
    return "".join(ch if ch.isprintable() or ch == " " else "?" for ch in text)


def render(a: Assessment, *, roadmap_limit: int = 10) -> str:
    lines: list[str] = []
    team = _clean(a.team.name)
    when = f" — assessed {a.assessed_at.isoformat()}" if a.assessed_at else ""
    lines.append(f"{team}{when}")
    lines.append(f"{a.questionnaire.title} (v{a.questionnaire.version}), {a.coverage:.0%} answered")
    lines.append("")
    o = a.overall
    if o.score is None:
        lines.append("Overall: not enough answers to score")
    else:
        cap = f" (capped by {o.capped_by})" if o.capped_by else ""
        lines.append(f"Overall  {bar(o.score)} {o.score:5.1f}  level {o.level} {o.label}{cap}")
    lines.append("")
    width = max(len(d.title) for d in a.domains)
    for d in a.domains:
        score = "   —" if d.score is None else f"{d.score:5.1f}"
        level = f"level {d.level} {d.label}" if d.level else "not answered"
        target = ""
        if d.target is not None:
            target = f"  target {d.target}" + (f", {d.gap_to_target:g} to go" if d.gap_to_target else " met")
        lines.append(
            f"  {d.title:<{width}}  {bar(d.score)} {score}  {level}  ({d.answered}/{d.total}){target}"
        )
    lines.append("")
    t = a.topology
    lines.append(f"Recommended setup: {t.recommended} ({t.interaction_mode}), confidence {t.confidence:.0%}")
    lines.append(f"  {t.summary[0].upper()}{t.summary[1:]}.")
    for reason in t.rationale:
        lines.append(f"  - {reason}")
    if t.google_implementation:
        lines.append(f"  Google SRE implementation: {t.google_implementation}")
    for ap in t.anti_patterns:
        lines.append(f"  ! {ap.title}: {ap.why}")
    lines.append("")
    highs = [r for r in a.risks if r.severity == "high"]
    mediums = [r for r in a.risks if r.severity == "medium"]
    lines.append(f"Risks: {len(highs)} high, {len(mediums)} medium")
    for r in highs:
        unsure = " (answered unsure)" if r.unsure else ""
        lines.append(f"  HIGH  {r.question}{unsure}: {r.why}")
    lines.append("")
    lines.append("Roadmap")
    for item in a.roadmap[:roadmap_limit]:
        change = (
            f" (level {item.level_from}→{item.level_to})"
            if item.level_to and item.level_from and item.level_to > item.level_from
            else ""
        )
        lines.append(f"  [{item.phase:<5}] {item.action}{change}")
    if len(a.roadmap) > roadmap_limit:
        lines.append(f"  … and {len(a.roadmap) - roadmap_limit} more (see --format markdown or json)")
    gaps = [g for g in a.gaps if g.kind == "unsure"]
    unanswered = [g for g in a.gaps if g.kind == "unanswered"]
    if gaps or unanswered:
        lines.append("")
        lines.append(f"Transparency gaps: {len(unanswered)} unanswered, {len(gaps)} unsure")
    return "\n".join(lines) + "\n"
