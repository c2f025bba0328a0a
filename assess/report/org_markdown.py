"""Markdown and text renderings of the roll-up, comparisons and history."""

from __future__ import annotations

from collections.abc import Sequence

from assess.models.org import ActionChange, Comparison, History, HistoryStep, OrgRollup, RiskChange
from assess.printable import one_line, visible
from assess.report.context import TEAM_FACTS
from assess.report.markdown import esc
from assess.report.org_view import staffing
from assess.words import counted

ACTION_COUNTS = (
    ("planned", "Planned"),
    ("in-progress", "In progress"),
    ("done", "Done"),
    ("accepted-risk", "Accepted risk"),
    ("closed", "Closed"),
)

FACT_LABELS = dict(TEAM_FACTS)
PATTERN_LABEL = {
    "within-team": "within",
    "embedded": "embed",
    "enabling": "enable",
    "platform": "platform",
    "separate": "SRE team",
}


def _lvl(level: int | None) -> str:
    return "·" if level is None else str(level)


def rollup_markdown(r: OrgRollup, name: str | None = None) -> str:
    out: list[str] = []
    w = out.append
    n = len(r.teams)
    w(f"# Reliability roll-up{': ' + esc(name) if name else ''}\n")
    w(
        f"{esc(r.questionnaire.title)} v{esc(r.questionnaire.version)} · {n} teams"
        + (f" · {counted(len(r.invalid), 'file')} skipped" if r.invalid else "")
        + "\n"
    )

    w("## Levels by team and practice area\n")
    w("| Team | Overall | " + " | ".join(esc(d.title) for d in r.domains) + " | Advice |")
    w("|---|---:|" + "---:|" * len(r.domains) + "---|")
    for t in sorted(r.teams, key=lambda t: (t.overall is None, -(t.overall or 0))):
        overall = "—" if t.overall is None else f"{t.overall:.0f} (L{t.level})"
        cells = " | ".join(
            _lvl(t.levels[d.id])
            + (
                f" ▼{t.targets[d.id]}"
                if d.id in t.targets and (t.levels[d.id] or 0) < t.targets[d.id]
                else ""
            )
            for d in r.domains
        )
        w(f"| {esc(t.name)} | {overall} | {cells} | {t.recommended} |")
    w('\nLevels 1–5; `·` not scored; "2 ▼3" is level 2, below the team\'s target level 3.\n')

    w("\n".join(reassessment_lines(r)))

    w("## Spread per practice area\n")
    w("| Area | L1 | L2 | L3 | L4 | L5 | Median | Below target |")
    w("|---|---:|---:|---:|---:|---:|---:|---:|")
    for d in r.domains:
        median = "—" if d.median is None else f"{d.median:.0f}"
        counts = " | ".join(str(d.levels.get(level, 0)) for level in range(1, 6))
        w(f"| {esc(d.title)} | {counts} | {median} | {d.below_target} |")
    w("")

    w("## Shared gaps\n")
    if not r.shared_gaps:
        w("No gap is shared by enough teams to count as an organisation-wide gap.\n")
    for g in r.shared_gaps[:20]:
        w(
            f"- **{g.count} of {g.of}** ({g.severity}) `{g.question}` {esc(g.text)} — most common answer: "
            f"{esc(g.common_answer)}"
        )
    w("")

    topo = r.topology
    w("## How to organise reliability work\n")
    for line in topo.notes:
        w(f"> {esc(line)}\n")
    if topo.embedded_first:
        w("**Embed an SRE first in:**\n")
        for c in topo.embedded_first:
            w(f"- {esc(c.team)}: {esc(c.why)}")
        w("")
    if topo.headcount:
        rows, unspent = staffing(r)
        w("**Staffing: where the SREs go**\n")
        w("| Use | SREs |")
        w("|---|---:|")
        for row in rows:
            label = f"**{esc(row.what)}**" if row.total else esc(row.what)
            w(f"| {label} | {row.sres} |")
        w("")
        w(" ".join(esc(x) for x in topo.headcount.why) + (f" {unspent}" if unspent else "") + "\n")
    for title, proposal in (
        ("Platform team", topo.platform),
        ("Enabling team", topo.enabling),
        ("Separate SRE team", topo.separate),
    ):
        verdict = "recommended" if proposal.recommended else "not now"
        w(f"**{title}: {verdict}.** " + " ".join(esc(x) for x in proposal.why) + "\n")
    if topo.google_implementation:
        w(f"Google SRE implementation that fits: {esc(topo.google_implementation)}.\n")
    for api in topo.team_apis:
        w(f"### Team API (draft): {esc(api.name)}\n")
        w(f"- **Type:** {api.type}")
        w(f"- **Focus:** {esc(api.focus)}")
        w("- **Services offered:**")
        for s in api.services_offered:
            w(f"  - {esc(s)}")
        w(f"- **Service expectations:** {esc(api.service_expectations)}")
        w("- **Interactions:**")
        for i in api.interactions:
            w(f"  - {esc(i.team)}: {i.mode}, {esc(i.purpose)}, {esc(i.duration)}")
        w(f"- **Why:** {esc(api.why)}\n")

    w("\n".join(_org_actions(r)))
    w("## Organisation roadmap\n")
    for phase in ("now", "next", "later"):
        items = [i for i in r.roadmap if i.phase == phase]
        if items:
            w(f"### {phase.capitalize()}\n")
            for item in items:
                w(f"- {esc(item.action)} *({item.teams} teams; `{item.question}`; owner: {esc(item.owner)})*")
            w("")
    if r.invalid:
        w("## Skipped files\n")
        for f in r.invalid:
            for message in f.diagnostics:
                w(f"- `{esc(str(message))}`")
        w("")
    return "\n".join(out)


def reassessment_lines(r: OrgRollup) -> list[str]:
    """Who is due for re-assessment, most overdue first, and whose evidence to re-check."""
    due = r.reassessment
    if due is None or due.as_of is None:
        return []
    out = ["## Due for re-assessment\n"]
    out.append(
        f"On {due.as_of.isoformat()}, re-assessing every {counted(due.review_days, 'day')}: "
        + (f"{counted(len(due.due), 'team')} due, most overdue first.\n" if due.due else "no team is due.\n")
    )
    out += [f"- **{esc(t.name)}**: {esc(t.why)}" for t in due.due]
    if due.recheck:
        out.append("\nNot due yet, with evidence to re-check:\n")
        out += [f"- **{esc(t.name)}**: {esc(t.why)}" for t in due.recheck]
    out.append("")
    return out


def _org_actions(r: OrgRollup) -> list[str]:
    """Each team's actions section counted by status, and every overdue action."""
    tracked = [t for t in r.teams if t.actions]
    if not tracked:
        return []
    on = f" on {r.as_of.isoformat()}" if r.as_of else ""
    out = [
        "## Actions agreed\n",
        "| Team | " + " | ".join(name for _, name in ACTION_COUNTS) + " | Overdue | Done, unchanged |",
        "|---|" + "---:|" * (len(ACTION_COUNTS) + 2),
    ]
    for t in tracked:
        counts = " | ".join(str(t.actions.get(key, 0)) for key, _ in ACTION_COUNTS)
        out.append(f"| {esc(t.name)} | {counts} | {t.overdue_actions} | {t.done_unchanged} |")
    out.append("\nClosed: the answers now reach what the action aimed at, whatever its status.\n")
    out.append(f"### Overdue{on}\n")
    if not r.overdue:
        out.append("None.\n")
        return out
    for o in r.overdue:
        who = f", {esc(o.owner)}" if o.owner else ""
        link = f", {esc(o.link)}" if o.link else ""
        out.append(
            f"- **{esc(o.team)}**: {esc(o.title)} (`{o.root_cause}`), due {o.due.isoformat()}, "
            f"{counted(o.days, 'day')} late{who}{link}"
        )
    out.append("")
    return out


def _change_lines(changes: Sequence[ActionChange], bullet: str, escape: bool) -> list[str]:
    def t(text: str) -> str:
        return esc(text) if escape else one_line(text)

    return [f"{bullet}{t(ch.title)} ({ch.root_cause}): {t(ch.why)}" for ch in changes]


def _actions_text(c: Comparison) -> list[str]:
    lines: list[str] = []
    for title, moved in (
        ("Actions closed", c.actions_closed),
        ("Actions opened", c.actions_opened),
        ("Marked done, but unchanged", c.actions_done_unchanged),
    ):
        lines += ["", f"{title} ({len(moved)})", *_change_lines(moved, "  ", escape=False)]
    return lines


def comparison_text(c: Comparison) -> str:
    """For a terminal: every text from a file on one line, control characters shown as marks."""

    def num(x: float | None) -> str:
        return "—" if x is None else f"{x:.1f}"

    lines = [
        f"{one_line(c.team)}: {c.old_date or '?'} → {c.new_date or '?'}",
        f"Overall {num(c.overall_old)} → {num(c.overall_new)}",
        "",
    ]
    titles = [one_line(d.title) for d in c.domains]
    width = max(len(t) for t in titles)
    for title, d in zip(titles, c.domains, strict=True):
        delta = "" if d.delta is None else f"{d.delta:+.1f}"
        lines.append(
            f"  {title:<{width}}  {num(d.old):>5} → {num(d.new):>5}  {delta:>6}"
            f"  level {d.old_level or '—'} → {d.new_level or '—'}"
        )
    for heading, changes in (("Improved", c.improved), ("Regressed", c.regressed)):
        lines += ["", f"{heading} ({len(changes)})"]
        lines += [f"  {ch.question}: {one_line(ch.old)} → {one_line(ch.new)}" for ch in changes]
    lines += [
        "",
        f"Risks opened: {', '.join(c.risks_opened) or 'none'}",
        f"Risks closed: {', '.join(c.risks_closed) or 'none'}",
        *_actions_text(c),
    ]
    return visible("\n".join(lines) + "\n")


def comparison_markdown(c: Comparison) -> str:
    out = [
        f"# {esc(c.team)}: {c.old_date or '?'} → {c.new_date or '?'}\n",
        "| Area | Before | After | Change | Level |",
        "|---|---:|---:|---:|---|",
    ]
    for d in c.domains:
        delta = "—" if d.delta is None else f"{d.delta:+.1f}"
        before = "—" if d.old is None else f"{d.old:.1f}"
        after = "—" if d.new is None else f"{d.new:.1f}"
        out.append(
            f"| {esc(d.title)} | {before} | {after} | {delta} | {d.old_level or '—'} → {d.new_level or '—'} |"
        )
    for title, changes in (("Improved", c.improved), ("Regressed", c.regressed)):
        out += ["", f"## {title}\n"] + [f"- `{ch.question}` {esc(ch.old)} → {esc(ch.new)}" for ch in changes]
    out += [
        "",
        "## Risks\n",
        f"- Opened: {', '.join(c.risks_opened) or 'none'}",
        f"- Closed: {', '.join(c.risks_closed) or 'none'}",
        "",
        "## Actions\n",
    ]
    for title, moved in (
        ("Closed", c.actions_closed),
        ("Opened", c.actions_opened),
        ("Marked done, but unchanged", c.actions_done_unchanged),
    ):
        out += [
            f"### {title} ({len(moved)})\n",
            *(_change_lines(moved, "- ", escape=True) or ["None."]),
            "",
        ]
    return "\n".join(out)


def history_text(h: History) -> str:
    """For a terminal: every text from a file on one line, control characters shown as marks."""
    dates = [p.assessed_at.isoformat() for p in h.points]
    titles = {domain_id: one_line(title) for domain_id, title in h.domains.items()}
    width = max(len(t) for t in titles.values())
    lines = [
        f"{one_line(h.team)}: {len(h.points)} assessments",
        "",
        f"  {'':<{width}}  " + "  ".join(f"{d:>10}" for d in dates),
        f"  {'Overall':<{width}}  " + "  ".join(f"{p.overall or 0:>10.1f}" for p in h.points),
    ]
    for domain_id, title in titles.items():
        cells = "  ".join(
            f"{'—' if (s := p.scores.get(domain_id)) is None else f'{s:.1f}':>10}" for p in h.points
        )
        lines.append(f"  {title:<{width}}  {cells}")
    steps = _history_steps(h, escape=False)
    if steps:
        lines += ["", "Actions between assessments", *(f"  {x}" for x in steps)]
    return visible("\n".join(lines) + "\n")


def _step_actions(step: HistoryStep, escape: bool) -> str:
    """One step's actions closed, opened and marked done in vain, in a line ('' when none)."""
    t = esc if escape else one_line
    parts = []
    for word, changes in (
        ("closed", step.actions_closed),
        ("opened", step.actions_opened),
        ("marked done, but unchanged", step.actions_done_unchanged),
    ):
        if changes:
            parts.append(f"{word}: " + ", ".join(t(ch.title) for ch in changes))
    return "; ".join(parts)


def _history_steps(h: History, *, escape: bool) -> list[str]:
    """Per assessment after the first: the actions closed, opened and marked done in vain since the
    one before."""
    return [
        f"{step.new_date.isoformat()}: {said}" for step in h.steps if (said := _step_actions(step, escape))
    ]


def history_markdown(h: History) -> str:
    from_first = h.points[0]
    dates = [p.assessed_at.isoformat() for p in h.points]
    out = [
        f"# {esc(h.team)}: reliability over time\n",
        f"{counted(len(h.points), 'assessment')}, from {dates[0]} to {dates[-1]}.\n",
        "## Levels and scores\n",
        "| Area | " + " | ".join(dates) + " | Since first | Since last |",
        "|---|" + "---:|" * len(dates) + "---:|---:|",
    ]

    def cell(score: float | None, level: int | None) -> str:
        return "—" if score is None else (f"{score:.1f} (L{level})" if level else f"{score:.1f}")

    def delta(old: float | None, new: float | None) -> str:
        if old is None or new is None:
            return "—"
        change = round(new - old, 1)
        return "no change" if change == 0 else f"{change:+.1f}"

    overall = [p.overall for p in h.points]
    out.append(
        "| **Overall** | "
        + " | ".join(cell(p.overall, p.level) for p in h.points)
        + f" | {delta(from_first.overall, overall[-1])} | {delta(overall[-2], overall[-1])} |"
    )
    for domain_id, title in h.domains.items():
        scores = [p.scores.get(domain_id) for p in h.points]
        cells = " | ".join(cell(s, p.levels.get(domain_id)) for s, p in zip(scores, h.points, strict=True))
        changes = f"{delta(scores[0], scores[-1])} | {delta(scores[-2], scores[-1])}"
        out.append(f"| {esc(title)} | {cells} | {changes} |")
    risks = " | ".join(f"{p.high_risks} and {p.medium_risks}" for p in h.points)
    out.append(f"| High and medium risks | {risks} | | |")
    out.append("")
    out.append("## What changed between assessments\n")
    for step in reversed(h.steps):
        out.append(f"### {step.old_date} to {step.new_date}\n")

        def risk_list(items: list[RiskChange]) -> str:
            return (
                "; ".join(
                    f"{esc(r.title)} ({r.severity}, {esc(h.domains.get(r.domain, r.domain))})" for r in items
                )
                or "none"
            )

        regressed = (
            "; ".join(f"{esc(c.text)}: “{esc(c.old)}” to “{esc(c.new)}”" for c in step.regressed) or "none"
        )
        improved = f" {counted(step.improved, 'answer')} improved." if step.improved else ""
        facts = (
            "; ".join(
                f"{FACT_LABELS.get(f.fact, f.fact)} {esc(f.old or 'not given')} → {esc(f.new or 'not given')}"
                for f in step.facts_changed
            )
            or "none"
        )
        out.append(f"- **Risks opened:** {risk_list(step.risks_opened)}.")
        out.append(f"- **Risks closed:** {risk_list(step.risks_closed)}.")
        out.append(f"- **Answers that regressed:** {regressed}.{improved}")
        out.append(f"- **Team facts that changed:** {facts}.")
        if said := _step_actions(step, escape=True):
            out.append(f"- **Actions:** {said}.")
        out.append("")
    return "\n".join(out)
