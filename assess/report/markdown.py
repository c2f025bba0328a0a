"""Markdown report. Every piece of user text goes through ``esc``."""

from __future__ import annotations

import re

from assess.models import Assessment

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~])")


def esc(text: str) -> str:
    """Escape Markdown and HTML so user text is shown, never interpreted."""
    text = "".join(ch if ch.isprintable() or ch in " \n" else "\ufffd" for ch in text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _SPECIAL.sub(r"\\\1", text)
    return text.replace("\n", "<br>")


def _level(level: int | None, label: str | None) -> str:
    return f"{level} ({label})" if level else "—"


def render(a: Assessment) -> str:
    out: list[str] = []
    w = out.append
    w(f"# Reliability assessment: {esc(a.team.name)}\n")
    meta = [f"{esc(a.questionnaire.title)} v{esc(a.questionnaire.version)}"]
    if a.assessed_at:
        meta.append(f"assessed {a.assessed_at.isoformat()}")
    meta.append(f"{a.coverage:.0%} of questions answered")
    w(" · ".join(meta) + "\n")

    w("## Summary\n")
    o = a.overall
    if o.score is not None:
        cap = f", capped by the weakest area ({o.capped_by})" if o.capped_by else ""
        w(f"**Overall: {o.score:.1f}/100, level {_level(o.level, o.label)}**{cap}.\n")
    t = a.topology
    w(
        f"**Recommended setup: `{t.recommended}`** ({t.interaction_mode}): {t.summary}. "
        f"Confidence {t.confidence:.0%}.\n"
    )
    high = sum(r.severity == "high" for r in a.risks)
    w(f"{high} high and {len(a.risks) - high} medium risks; {len(a.roadmap)} improvement actions.\n")

    w("## Practice areas\n")
    w("| Area | Score | Level | Target | Answered |")
    w("|---|---:|---|---|---:|")
    for d in a.domains:
        score = "—" if d.score is None else f"{d.score:.1f}"
        target = (
            "—"
            if d.target is None
            else (
                f"{d.target} ({d.gap_to_target:g} points to go)" if d.gap_to_target else f"{d.target} (met)"
            )
        )
        w(f"| {esc(d.title)} | {score} | {_level(d.level, d.label)} | {target} | {d.answered}/{d.total} |")
    w("")

    w("## Team topology\n")
    w(f"Recommended: **{t.recommended}**, interaction mode **{t.interaction_mode}**.\n")
    w("Why:\n")
    for reason in t.rationale:
        w(f"- {esc(reason)}")
    w("")
    if t.google_implementation:
        w(f"Google SRE implementation that fits: {esc(t.google_implementation)}.\n")
    w("How it should evolve:\n")
    for i, step in enumerate(t.evolution, 1):
        w(f"{i}. {esc(step)}")
    w("")
    w("Alternatives considered:\n")
    for alt in t.alternatives:
        w(f"- **{alt.pattern}**: {esc(alt.why_not)}")
    w("")
    if t.anti_patterns:
        w("Warnings:\n")
        for ap in t.anti_patterns:
            w(f"- **{esc(ap.title)}**: {esc(ap.why)}")
        w("")

    w("## Risks\n")
    if not a.risks:
        w("No high or medium risks in the answers.\n")
    for r in a.risks:
        unsure = " *(answered unsure)*" if r.unsure else ""
        w(f"- **{r.severity.upper()}** `{r.question}` {esc(r.title)}{unsure}: {esc(r.why)}")
    w("")

    w("## Roadmap\n")
    for phase in ("now", "next", "later"):
        items = [i for i in a.roadmap if i.phase == phase]
        if not items:
            continue
        w(f"### {phase.capitalize()}\n")
        for item in items:
            change = (
                f" Level {item.level_from} → {item.level_to}."
                if item.level_from and item.level_to and item.level_to > item.level_from
                else ""
            )
            w(
                f"- {esc(item.action)} *({esc(item.domain)}; {', '.join(f'`{q}`' for q in item.questions)}; "
                f"impact {item.impact}, effort {item.effort})*{change}"
            )
        w("")

    w("## Answers\n")
    by_domain = {d.id: d.title for d in a.domains}
    current = None
    for q in a.questions:
        if q.domain != current:
            current = q.domain
            w(f"### {esc(by_domain[q.domain])}\n")
        answer = {
            "answered": ", ".join(esc(label) for label in q.labels) or "none selected",
            "n/a": "not applicable",
            "unsure": "unsure",
            "unanswered": "not answered",
        }[q.status]
        w(f"- `{q.id}` {esc(q.text)}  \n  **{answer}**")
        if q.reason:
            w(f"  — reason: {esc(q.reason)}")
        if q.note:
            w(f"  — note: {esc(q.note)}")
        if q.evidence:
            extra = ", ".join(
                x
                for x in (
                    q.evidence.owner and esc(q.evidence.owner),
                    q.evidence.date and q.evidence.date.isoformat(),
                )
                if x
            )
            w(f"  — evidence: {esc(q.evidence.text)}" + (f" ({extra})" if extra else ""))
    w("")
    return "\n".join(out)
