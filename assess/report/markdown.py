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
from assess.report import workshop as workshop_parts
from assess.report.context import AreaItem, Options, Report, build
from assess.words import counted, listing

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


def _where(item: AreaItem) -> str:
    if item.plan:
        return f" (#{item.plan.number}, {item.plan.window.lower()})"
    return " (beyond this plan)" if item.beyond else ""


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


PLAN_COLUMN_NAMES = {"status": "Status", "due": "Due", "tracked_owner": "Agreed owner"}


def _tracked_lines(r: Report) -> list[str]:
    """The answers file's actions section, before the plan table: overdue actions first, then those
    marked done whose answers did not improve, then the risks the team accepted."""
    out: list[str] = []
    if r.overdue_rows:
        out.append("### Overdue\n")
        for row in r.overdue_rows:
            who = f", {esc(row.tracked_owner)}" if row.tracked_owner else ""
            due = esc(row.due or "")
            out.append(f"- #{row.number} **{esc(row.title)}**: {esc(row.status or '')}, due {due}{who}")
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


def render(a: Assessment, *, report_date: dt.date | None = None, answers: bool = True) -> str:
    r = build(a, Options(report_date=report_date, answers=answers))
    out: list[str] = []
    w = out.append

    # ---- cover ----
    w(f"# SRE maturity assessment: {esc(r.team)}\n")
    if r.marking:
        w(f"**{esc(r.marking)}**\n")
    w("| | |")
    w("|---|---|")
    for f in r.cover:
        w(f"| **{esc(f.label)}** | {esc(f.value)} |")
    w("")

    # ---- page 1: the decision ----
    d = r.decision
    w("## The decision\n")
    w(f"**{esc(d.headline)}.** {esc(d.sentence)}" + (f" {esc(d.takes)}" if d.takes else "") + "\n")
    if d.org_decisions:
        w(" ".join(esc(x) for x in d.org_decisions) + "\n")
    w(f"**Confidence in this advice:** {esc(d.confidence)}.\n")
    w("### The first 30 days, and what the team stops doing\n")
    if r.first_month:
        w("| # | Action | Owner | Effort | The team stops |")
        w("|---:|---|---|---|---|")
        for row in r.first_month:
            w(
                f"| {row.number} | **{esc(row.title)}** | {esc(row.owner)} | {row.days} | "
                f"{esc(row.stop_text or '—')} |"
            )
        w("")
    else:
        w("No actions: every answered practice is at its top step.\n")
    for stop in r.stops:
        w(esc(stop) + "\n")
    capped = f", capped by {esc(r.capped_by)}" if r.capped_by else ""
    w("### Risks per practice area\n")
    w(f"Overall {r.overall_score} / 100, {r.overall_level}{capped}.\n")
    trust = bool(r.domain_confidence)
    w(
        "| Practice area | Level | High | Medium | Unanswered | Not applicable |"
        + (" Confidence |" if trust else "")
    )
    w("|---|---|---:|---:|---:|---:|" + ("---|" if trust else ""))
    for c in [*r.risk_table, r.risk_totals]:
        name = f"**{esc(c.title)}**" if c is r.risk_totals else esc(c.title)
        confidence = ""
        if trust:
            view = r.domain_confidence.get(c.id) if c is not r.risk_totals else r.confidence
            confidence = f" {view.word} |" if view else " — |"
        w(f"| {name} | {c.level} | {c.high} | {c.medium} | {c.unanswered} | {c.not_applicable} |{confidence}")
    w("")
    out.extend(workshop_parts.markdown_confidence(r.confidence, esc))
    w("### Top risks\n")
    if r.top_risks:
        for n, risk in enumerate(r.top_risks, 1):
            where = f" ({esc(risk.where)})" if risk.where else ""
            w(
                f"{n}. **{risk.severity_word.upper()}** **{esc(risk.title)}**{where}: "
                f"{esc(risk.why)} Plan: {risk.planned}."
            )
        if r.more_risks:
            w(f"\nAnd {counted(r.more_risks, 'more risk')}, listed by practice area.")
    else:
        w("No high or medium risks in the answers.")
    w("")
    if r.hidden:
        names = [f"**{esc(h.title)}** ({h.planned})" for h in r.hidden]
        listed = listing(names)
        w(
            f"**Not known, and could lose data:** the team was unsure about {listed}. An unsure answer "
            "counts as missing until someone finds out.\n"
        )

    # ---- the plan ----
    w("## The plan: the next 180 days\n")
    w(esc(r.plan_lead) + "\n")
    w("\n".join(_tracked_lines(r)))
    if r.action_count:
        extra = "".join(f" {PLAN_COLUMN_NAMES.get(c, c)} |" for c in r.plan_columns)
        w("| # | Action | Area | Owner | Effort | After |" + extra)
        w("|---:|---|---|---|---|---|" + "---|" * len(r.plan_columns))
        for phase in r.phases:
            if not phase.rows:
                continue
            what = f": {phase.what}" if phase.what else ""
            w(
                f"| | **{phase.name}{what}** ({counted(len(phase.rows), 'action')}) | | | | |"
                + " |" * len(r.plan_columns)
            )
            for row in phase.rows:
                top = "**TOP RISK** " if row.top_risk else ""
                after = ", ".join(f"#{b.number}" for b in row.blocked_by) or "—"
                cells = "".join(f" {esc(getattr(row, c) or '')} |" for c in r.plan_columns)
                w(
                    f"| {row.number} | {top}**{esc(row.title)}**<br>{esc(row.text)} | {esc(row.domain)} | "
                    f"{esc(row.owner)} | {row.effort} | {after} |{cells}"
                )
        w("")
        if r.beyond_count:
            w(
                f"{counted(r.beyond_count, 'more improvement')} for after these 180 days, or once the levels "
                "above are reached: listed in the appendix.\n"
            )
    else:
        w("No improvement actions: every answered practice is at its top step.\n")

    # ---- topology ----
    t = r.topology
    w(f"## Team topology: {t.name}\n")
    w(esc(t.sentence) + (f" {esc(t.change)}" if t.change else "") + "\n")
    rels = charts.relations(t.pattern, r.team, a.team.teams_in_org)
    w("\n".join(_mermaid(rels)) + "\n")
    w(f"*{esc(t.caption)}*\n")
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
    w("### What it takes\n")
    w(esc(t.takes) + "".join(f" {esc(x)}" for x in t.org_decisions) + "\n")
    if t.google:
        w(f"**Google's name for it:** {esc(t.google)}.\n")
    else:
        w(
            "**Google's name for it:** none: no SRE staffs this setup. Google's step before any SRE team is "
            "some engineers' time and a part-time SRE advocate.\n"
        )
    w("### Why not the others\n")
    for name, why in t.alternatives:
        w(f"- **{name}:** {esc(why)}")
    w("")
    w("### How it should evolve\n")
    for i, step in enumerate(t.evolution, 1):
        w(f"{i}. {esc(step)}")
    w("")
    if t.anti_patterns:
        w("### Warnings\n")
        for title, why, source in t.anti_patterns:
            w(f"- **{esc(title)}** {esc(why)}" + (f" *({esc(source)})*" if source else ""))
        w("")
    if t.inputs:
        w(esc(t.inputs) + "\n")

    # ---- practice areas ----
    w("## Practice areas\n")
    for area in r.areas:
        w(f"### {esc(area.title)}\n")
        head = (
            f"`{bar(area.score)}` **{esc(area.score_text)}**, {esc(area.level_text)}; {esc(area.answered)}; "
            f"{area.risk_summary}."
        )
        if area.target_text:
            head += f" {esc(area.target_text[0].upper() + area.target_text[1:])}."
        if area.id in r.domain_confidence:
            head += f" Confidence: {esc(r.domain_confidence[area.id].text)}."
        w(head + "\n")
        for item in area.high:
            why = esc(item.why) if item.why else "a top risk, on page 1."
            note = f" *Team's note: {esc(item.note)}*" if item.note else ""
            evidence = f" *Evidence: {esc(item.evidence)}*" if item.evidence else ""
            w(
                f"- **HIGH RISK** **{esc(item.title)}** *({esc(item.answer)})*: {why}{note}{evidence}"
                f"{_where(item)}"
            )
        if area.high:
            w("")
        for label, items, show in (
            ("Medium risks", area.medium, "unsure"),
            ("Other gaps", area.gaps, ""),
            ("Not known", area.unknown, "answer"),
            ("Strong", area.strengths, "none"),
        ):
            if not items:
                continue
            parts = []
            for entry in items:
                extra = (
                    " (unsure)"
                    if show == "unsure" and entry.unsure
                    else (f" ({esc(entry.answer)})" if show == "answer" else "")
                )
                where = _where(entry) if show != "none" or entry.plan else ""
                parts.append(esc(entry.title) + extra + where)
            w(f"**{label}:** " + "; ".join(parts) + ".\n")
        if area.quiet:
            w(esc(area.quiet) + "\n")

    # ---- where the team disagreed, what to re-check ----
    out.extend(workshop_parts.markdown_parts(r.workshop, r.freshness, esc))

    # ---- appendix ----
    w("## Appendix\n")
    if r.beyond:
        w("### Beyond this plan\n")
        w(
            f"{counted(r.beyond_count, 'more improvement')}, for after these 180 days or once the levels "
            "above are reached:\n"
        )
        for area_title, names in r.beyond:
            w(f"- **{esc(area_title)}:** {esc(', '.join(names))}")
        w("")
    if r.answers:
        w("### Every answer\n")
        w(
            "Each question with its id, the answer given and its score (0 for the least mature answer, 100 "
            "for the most), with the reason for each medium risk and the team's notes; high risks, with "
            "their notes, are under their practice area above.\n"
        )
        for group in r.answers:
            w(f"#### {esc(group.title)}\n")
            w("| Question | Answer and notes | Score | Risk |")
            w("|---|---|---:|---|")
            for q in group.answers:
                answer = esc(q.answer)
                for label, value in (
                    ("Not applicable because", q.reason),
                    ("Note", q.note),
                    ("Evidence", q.evidence),
                ):
                    if value:
                        answer += f"<br>*{label}: {esc(value)}*"
                risk_cell = q.risk + (f"<br>{esc(q.why)}" if q.why else "")
                w(f"| `{q.id}` {esc(q.text)} | {answer} | {q.score} | {risk_cell} |")
            w("")
    w("### Method\n")
    w(
        "How this report turns answers into scores, levels, risks and advice. The rules are the same for "
        "every team and every run: the same answers always give the same report.\n"
    )
    for section in r.method:
        w(f"#### {section.title}\n")
        for para in section.paragraphs:
            w(esc(para) + "\n")
        for point in section.items:
            w(f"- {esc(point)}")
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
