"""Markdown report: the same content as the HTML/PDF report, from the same view model.

Every piece of user or questionnaire text goes through ``esc``. Charts become what Markdown can carry:
the radar's numbers as a table with text bars, the topology diagram as a Mermaid flowchart (fixed
labels only, so no user text reaches Mermaid) plus the same relations in words.
"""

from __future__ import annotations

import datetime as dt
import re

from assess.models import Assessment
from assess.report import charts
from assess.report.context import Action, Answer, Options, Report, Risk, build

# Characters that make Markdown anywhere in a line; the ones that only do so at
# the start of a line (#, -, +, "1.") are handled by _LEADING. Escaping fewer
# characters keeps the raw file readable ("On-call", not "On\\-call").
_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_LEADING = re.compile(r"^(\s*)([#>+=-]|\d+[.)])")
BAR_WIDTH = 10

_MERMAID_CLASSES = (
    "  classDef stream fill:#fde9a9,stroke:#b58900,color:#1f2933\n"
    "  classDef platform fill:#bcd8f3,stroke:#2f6ea8,color:#1f2933\n"
    "  classDef enabling fill:#e7cdf1,stroke:#86449f,color:#1f2933\n"
    "  classDef sre fill:#c3e6d3,stroke:#257a50,color:#1f2933\n"
)
_MERMAID_CLASS_OF = {"SRE team": "sre", "platform team": "platform", "enabling team": "enabling"}


def esc(text: str) -> str:
    """Escape Markdown and HTML so user text is shown, never interpreted (nor auto-linked)."""
    text = "".join(ch if ch.isprintable() or ch in " \n" else "\ufffd" for ch in text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _SPECIAL.sub(r"\\\1", text)
    text = _LEADING.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
    text = text.replace("](", "]\\(")  # belt and braces: no "[x](url)" even if a bracket slipped through
    # GitHub turns bare URLs into links; an escaped colon keeps them plain text.
    text = text.replace("://", "\\://").replace("www.", "www\\.")
    return text.replace("\n", "<br>")


def bar(score: float | None, width: int = BAR_WIDTH) -> str:
    if score is None:
        return "·" * width
    filled = round(score / 100 * width)
    return "█" * filled + "░" * (width - filled)


def _level(level: int | None, label: str | None) -> str:
    return f"{level} ({label})" if level else "—"


def _risk_line(risk: Risk, *, with_domain: bool) -> str:
    where = f"**{esc(risk.domain)}:** " if with_domain else f"`{risk.question}` "
    unsure = " *(answered unsure)*" if risk.unsure else ""
    return f"**{risk.severity_word.upper()}** · {where}{esc(risk.why)}{unsure}"


def _action_meta(act: Action) -> str:
    return " · ".join(
        (act.phase_name, esc(act.domain), act.level_change, f"impact {act.impact}", f"effort {act.effort}")
    )


def _question_line(q: Answer) -> str:
    return f"- `{q.id}` {esc(q.text)} — *{esc(q.answer)}*"


def _answer_block(q: Answer) -> list[str]:
    facts = [f"**Answer:** {esc(q.answer)}"]
    if q.status in ("answered", "unsure"):
        facts.append(f"score {q.score}")
    if q.risk != "none":
        facts.append(f"**{q.risk.upper()} RISK**")
    lines = [f"- `{q.id}` **{esc(q.text)}**  ", "  " + " · ".join(facts)]
    for label, value in (("Why not applicable", q.reason), ("Note", q.note), ("Evidence", q.evidence)):
        if value:
            lines[-1] += "  "
            lines.append(f"  {label}: {esc(value)}")
    return lines


def _mermaid(rels: list[charts.Relation]) -> list[str]:
    lines = ["```mermaid", "flowchart TB", '  team["This team<br/>stream-aligned team"]:::stream']
    providers: dict[str, str] = {}
    for rel in rels:
        if rel.provider not in providers:
            node = f"p{len(providers)}"
            providers[rel.provider] = node
            lines.append(f'  {node}["{rel.provider}"]:::{_MERMAID_CLASS_OF[rel.provider_type]}')
    receivers: dict[str, str] = {}
    for rel in rels:
        if rel.receiver not in receivers:
            receivers[rel.receiver] = "team" if not receivers else f"r{len(receivers)}"
            if receivers[rel.receiver] != "team":
                lines.append(f'  {receivers[rel.receiver]}["{rel.receiver}"]:::stream')
        arrow = "-.->" if "later" in rel.mode else "-->"
        lines.append(f'  {providers[rel.provider]} {arrow}|"{rel.mode}"| {receivers[rel.receiver]}')
    lines.append(_MERMAID_CLASSES.rstrip("\n"))
    lines.append("```")
    return lines


def _tracked_lines(r: Report) -> list[str]:
    """The actions section's hook in the roadmap: overdue first, done-but-unchanged, accepted risks."""
    out: list[str] = []
    if r.overdue_actions:
        out.append("### Overdue\n")
        out += [
            f"- **{esc(act.title or act.text)}** ({act.number}): {esc(act.tracking)}"
            for act in r.overdue_actions
        ]
        out.append("")
    if r.done_unchanged:
        out.append("### Marked done, but unchanged\n")
        out += [f"- {esc(text)}" for text in r.done_unchanged]
        out.append("")
    if r.accepted_risks:
        out.append("### Risks accepted\n")
        out += [f"- **{esc(title)}**: {esc(reason)}" for title, reason in r.accepted_risks]
        out.append("")
    return out


def render(a: Assessment, *, report_date: dt.date | None = None) -> str:
    r = build(a, Options(report_date=report_date))
    out: list[str] = []
    w = out.append

    # ---- cover ----
    w(f"# SRE maturity assessment: {esc(r.team)}\n")
    meta = [
        f"**Questionnaire:** {esc(r.questionnaire)} ({esc(r.questionnaire_id)}, version {esc(r.version)})",
        f"**Assessed:** {r.assessed_at or 'date not given'}",
    ]
    if r.report_date and r.report_date != r.assessed_at:
        meta.append(f"**Report date:** {r.report_date}")
    meta.append(f"**Answered:** {r.answered} questions ({r.coverage})")
    meta.append(f"**Overall level:** {r.overall_level}")
    w(" · ".join(meta) + "\n")

    # ---- executive summary ----
    w("## Executive summary\n")
    capped = f" Capped one level above the weakest area, {esc(r.capped_by)}." if r.capped_by else ""
    w(f"**Overall: {r.overall_score} / 100, {r.overall_level}.** {esc(r.overall_meaning)}{capped}\n")
    w(f"{r.high_risks} high and {r.medium_risks} medium risks · {r.action_count} improvement actions\n")
    t = r.topology
    w(f"**Recommended setup: {t.name}.** {esc(t.sentence)} Confidence {t.confidence}.\n")
    w("Score of each practice area, 0–100 (the radar chart of the PDF report):\n")
    has_targets = any(d.target is not None for d in r.domains)
    w("| Practice area | Score | Level |" + (" Target |" if has_targets else "") + " Answered |")
    w("|---|---|---|" + ("---|" if has_targets else "") + "---|")
    for d in r.domains:
        score = "not scored" if d.score is None else f"`{bar(d.score)}` {d.score:.1f}"
        target = f" {d.target_text or '—'} |" if has_targets else ""
        w(f"| {esc(d.title)} | {score} | {esc(d.level_text)} |{target} {esc(d.answered)} |")
    w("")
    w("### Top risks\n")
    if r.top_risks:
        for i, risk in enumerate(r.top_risks, 1):
            w(f"{i}. {_risk_line(risk, with_domain=True)}")
        if r.more_risks:
            w(f"\nand {r.more_risks} more, listed by practice area.")
    else:
        w("No high or medium risks in the answers.")
    w("")
    w("### Top five actions\n")
    if r.top_actions:
        for act in r.top_actions:
            w(f"{act.number}. {esc(act.text)}  \n   *{_action_meta(act)}*")
    else:
        w("No improvement actions: every answered practice is at its top step.")
    w("")

    # ---- topology ----
    w("## Team topology\n")
    w(f"**{t.name}.** {esc(t.sentence)} Confidence {t.confidence}.\n")
    rels = charts.relations(t.pattern, r.team, a.team.teams_in_org)
    w("Proposed setup in Team Topologies notation:\n")
    w("\n".join(_mermaid(rels)) + "\n")
    if rels:
        for rel in rels:
            w(f"- **{esc(rel.provider)}** ({rel.provider_type}) → **{esc(rel.receiver)}**: {rel.mode}")
    else:
        w(
            f"- **{esc(r.team)}** (stream-aligned team) owns its reliability: SLOs and alerts, on-call "
            "rotation, postmortems. Interaction mode: none."
        )
    w("")
    w("### Why this setup\n")
    for reason in t.rationale:
        w(f"- {esc(reason)}")
    w("")
    if r.team_facts:
        w("Team facts used: " + " · ".join(f"{label} {value}" for label, value in r.team_facts) + "\n")
    w("### Alternatives and why not\n")
    for name, why in t.alternatives:
        w(f"- **{name}**: {esc(why)}")
    w("")
    w("### How it should evolve\n")
    for i, step in enumerate(t.evolution, 1):
        w(f"{i}. {esc(step)}")
    w("")
    w("### Google SRE implementation\n")
    if t.google:
        w(f"{esc(t.google[0].upper() + t.google[1:])}.\n")
    else:
        w(
            "None: no SRE staffs this setup. Google's step before any SRE team is some engineers' time "
            "and a part-time SRE advocate.\n"
        )
    w("### Anti-pattern warnings\n")
    if t.anti_patterns:
        for title, why in t.anti_patterns:
            w(f"- **Warning: {esc(title)}**: {esc(why)}")
    else:
        w("None of the known anti-patterns applies.")
    w("")

    # ---- roadmap ----
    w("## Roadmap\n")
    w(
        esc(r.roadmap_lead)
        + " Phases: "
        + " → ".join(f"**{p.name}** ({len(p.actions)})" for p in r.phases)
        + ".\n"
    )
    w("\n".join(_tracked_lines(r)))
    for phase in r.phases:
        w(f"### {phase.name}: {phase.what}\n")
        if not phase.actions:
            w("No actions in this phase.\n")
            continue
        for act in phase.actions:
            questions = ", ".join(f"`{q}`" for q in act.questions)
            w(
                f"{act.number}. **{esc(act.text)}**  \n   Area: {esc(act.domain)} · Questions: {questions} · "
                f"{act.level_change} · impact {act.impact} · size {act.size} · owner: {esc(act.owner)}  \n"
                + (f"   **Agreed:** {esc(act.tracking)}  \n" if act.tracking else "")
                + f"   *{esc(act.why)}*"
            )
        w("")
    if r.beyond:
        w("### Beyond this plan\n")
        for area, names in r.beyond:
            w(f"- **{esc(area)}:** {esc(', '.join(names))}")
        w("")

    # ---- practice areas ----
    w("## Practice areas\n")
    for d in r.domains:
        w(f"### {esc(d.title)}\n")
        head = f"`{bar(d.score)}` **{esc(d.score_text)}**, {esc(d.level_text)}. {esc(d.answered)}."
        if d.target_text:
            head += f" {esc(d.target_text[0].upper() + d.target_text[1:])}."
        w(head + "\n")
        w("#### What is strong\n")
        w("\n".join(_question_line(q) for q in d.strengths) or "Nothing scores as a strength yet.")
        w("")
        w("#### Gaps\n")
        w("\n".join(_question_line(q) for q in d.gaps) or "No question scores as a gap.")
        w("")
        w("#### Risks\n")
        risks = [f"- {_risk_line(risk, with_domain=False)}" for risk in d.risks]
        w("\n".join(risks) or "No high or medium risks.")
        w("")
        w("#### Notes and evidence\n")
        if d.noted:
            for q in d.noted:
                w("\n".join(_answer_block(q)))
        else:
            w("No notes or evidence given.")
        w("")
        if d.unknown:
            w("#### Not known\n")
            w("\n".join(_question_line(q) for q in d.unknown))
            w("")

    # ---- appendix ----
    w("## Appendix: every question and answer\n")
    w("### Transparency gaps\n")
    w(
        'Unanswered questions are left out of the scores; questions answered "unsure" count as the least '
        "mature answer. Either way the report cannot vouch for these practices.\n"
    )
    for label, items, empty in (
        ("Unanswered", r.unanswered, "None: every question was answered."),
        ("Unsure", r.unsure, "None."),
    ):
        w(f"#### {label} ({len(items)})\n")
        w("\n".join(f"- `{q.id}` {esc(q.text)}" for q in items) or empty)
        w("")
    for d in r.domains:
        w(f"### {esc(d.title)}\n")
        for q in d.questions:
            w("\n".join(_answer_block(q)))
        w("")

    # ---- method ----
    w("## Method\n")
    w(
        "How this report turns answers into scores, levels, risks and advice. The rules are the same for "
        "every team and every run: the same answers always give the same report.\n"
    )
    for section in r.method:
        w(f"### {section.title}\n")
        for para in section.paragraphs:
            w(esc(para) + "\n")
        for item in section.items:
            w(f"- {esc(item)}")
        if section.items:
            w("")
        if section.title == "Levels":
            w("| Level | Score | What it means |")
            w("|---|---|---|")
            for level, label, band, meaning in r.levels:
                w(f"| {level} {label} | {band} | {esc(meaning)} |")
            w("")
    w("### Sources\n")
    for source in r.sources:
        w(f"- {esc(source)}")
    w("")
    return "\n".join(out)
