"""The plan's open actions for an issue tracker: GitHub issues (JSON for ``gh issue create``), a CSV
that Jira's importer maps by its column names, and JSON. Nothing is sent anywhere: these are files.

The open actions are the plan's (now, next, later) with no status yet, planned or in-progress,
overdue ones first, then in the plan's order. Each carries a stable id (team/root cause/target
choice) in its data and as the last line of its text, so running it again on the same file gives
the same items and a team can skip the ones it already filed; once the answers reach the step, the
next step of the same gap gets a new id.

User and questionnaire text is escaped for where it lands: Markdown for GitHub bodies, Jira wiki
markup for Jira descriptions, formula guarding (``csv_export.cell``) for every CSV cell.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata

from assess.models import OPEN_STATUSES, OWNER_WORDS, PHASE_WORDS, Assessment, RoadmapItem
from assess.models.export import ActionsExport, ExportedAction, ExportedQuestion
from assess.printable import visible
from assess.report import data
from assess.report.csv_export import cell
from assess.report.markdown import esc

TITLE_LIMIT = 200  # GitHub allows 256 characters; Jira's summary 255
LABEL_LIMIT = 50  # GitHub's longest label name
# Jira's importer fills a multi-value field from several columns of the same name.
JIRA_LABEL_COLUMNS = 4
JIRA_COLUMNS = ("Summary", "Description", *(["Labels"] * JIRA_LABEL_COLUMNS), "Due date", "Assignee")


def slug(text: str) -> str:
    """A team name as lowercase ASCII words joined by dashes (``team`` when nothing is left)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:60].strip("-") or "team"


def line(text: str) -> str:
    """One line of plain text: whitespace runs (newlines too) become one space, controls visible."""
    return visible(" ".join(text.split()), tabs=True)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _label(text: str) -> str:
    """A label name both trackers accept: no spaces, no commas (``gh --label`` splits on them)."""
    return _clip(re.sub(r"[\s,]+", "-", text), LABEL_LIMIT)


def open_items(a: Assessment) -> list[RoadmapItem]:
    """The plan's actions with no status yet, planned or in-progress: overdue first (most days first)."""
    items = [i for i in a.roadmap if i.tracking is None or i.tracking.status in OPEN_STATUSES]
    order = {i.root_cause: n for n, i in enumerate(a.roadmap)}

    def key(i: RoadmapItem) -> tuple[int, int, int]:
        days = i.tracking.overdue_days if i.tracking else None
        return (0 if days is not None else 1, -(days or 0), order[i.root_cause])

    return sorted(items, key=key)


def exported(a: Assessment) -> ActionsExport:
    """The open actions as data (the JSON format, and what the other two are written from)."""
    titles = {d.id: d.title for d in a.domains}
    questions = {q.id: q for q in a.questions}
    risks = {r.question: r.severity for r in a.risks}
    top = {r.question for r in a.risks if r.top}
    team = slug(a.team.name)
    out = []
    for item in open_items(a):
        aims = {t.question: t for t in item.done_when}
        rows = []
        for qid in item.questions:
            q = questions.get(qid)
            if q is None:
                continue
            answer = ("; ".join(q.labels) or "none selected") if q.status == "answered" else q.status
            rows.append(
                ExportedQuestion(
                    id=qid, text=q.text, answer=answer, done_when=aims[qid].label if qid in aims else None
                )
            )
        severities = [risks[q] for q in item.questions if q in risks]
        risk = "high" if "high" in severities else "medium" if severities else None
        step = "+".join(t.choice for t in item.done_when)
        labels = ["assess", f"area:{item.domain}", f"phase:{item.phase}"] + ([f"risk:{risk}"] if risk else [])
        tracking = item.tracking
        out.append(
            ExportedAction(
                id=f"{team}/{item.root_cause}" + (f"/{step}" if step else ""),
                title=_clip(line(f"{a.team.name}: {item.title or item.action}"), TITLE_LIMIT),
                root_cause=item.root_cause,
                action=item.action,
                why=item.why,
                phase=item.phase,
                horizon=item.horizon,
                start_day=item.start_day,
                end_day=item.end_day,
                domain=item.domain,
                domain_title=titles.get(item.domain, item.domain),
                questions=rows,
                done_when={t.question: t.choice for t in item.done_when},
                level_from=item.level_from,
                level_to=item.level_to,
                size=item.size,
                person_days=list(item.person_days),
                owner_role=item.owner,
                risk=risk,
                top_risk=any(q in top for q in item.questions),
                labels=[_label(x) for x in labels],
                status=tracking.status if tracking else None,
                owner=tracking.owner if tracking else None,
                due=tracking.due if tracking else None,
                overdue_days=tracking.overdue_days if tracking else None,
                link=tracking.link if tracking else None,
            )
        )
    return ActionsExport(
        team=a.team.name, questionnaire=a.questionnaire, assessed_at=a.assessed_at, as_of=a.as_of, actions=out
    )


def _level(item: ExportedAction) -> str:
    if item.level_from and item.level_to and item.level_to > item.level_from:
        return f"{item.domain_title}: level {item.level_from} → {item.level_to}"
    if item.level_from:
        return f"{item.domain_title}: stays at level {item.level_from}, its score rises"
    return f"{item.domain_title}: the level follows once the answers are known"


def _agreed(item: ExportedAction) -> list[str]:
    """Status, owner, due date and link as recorded, unescaped."""
    parts: list[str] = []
    if item.status:
        parts.append(item.status)
    if item.owner:
        parts.append(f"owner {item.owner}")
    if item.due:
        late = f" (overdue by {item.overdue_days} days)" if item.overdue_days else ""
        parts.append(f"due {item.due.isoformat()}{late}")
    if item.link:
        parts.append(f"tracked at {item.link}")
    return parts


def _footer(item: ExportedAction, export: ActionsExport) -> str:
    when = f", assessed {export.assessed_at.isoformat()}" if export.assessed_at else ""
    return f"assess id: {item.id} ({export.questionnaire.id} v{export.questionnaire.version}{when})"


def github_body(item: ExportedAction, export: ActionsExport) -> str:
    """The issue text in GitHub Markdown; every piece of file text escaped."""
    lines = [
        f"**What to do:** {esc(item.action)}",
        "",
        f"**Why:** {esc(item.why)}",
        "",
        "**Questions:**",
        "",
    ]
    for q in item.questions:
        aim = f"; done when “{esc(q.done_when)}”" if q.done_when else ""
        lines.append(f"- `{q.id}` {esc(q.text)}: now “{esc(q.answer)}”{aim}")
    lines += [
        "",
        f"**Level change:** {esc(_level(item))}",
        "",
        f"**Plan:** {PHASE_WORDS[item.phase]} ({item.horizon}) · size {item.size} "
        f"({item.person_days[0]}-{item.person_days[1]} person-days) · suggested owner: "
        f"{OWNER_WORDS.get(item.owner_role, item.owner_role)}"
        + (f" · removes a {item.risk} risk" if item.risk else "")
        + (" (a top risk)" if item.top_risk else ""),
    ]
    agreed = _agreed(item)
    if agreed:
        lines += ["", "**Agreed:** " + " · ".join(esc(p) for p in agreed)]
    lines += ["", "---", "", esc(_footer(item, export))]
    return "\n".join(lines) + "\n"


def github(a: Assessment) -> str:
    """A JSON array of ``{"id", "title", "body", "labels"}``: one ``gh issue create`` each."""
    export = exported(a)
    issues = [
        {"id": item.id, "title": item.title, "body": github_body(item, export), "labels": item.labels}
        for item in export.actions
    ]
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"


_JIRA_SPECIAL = re.compile(r"([\\\[\]{}|!*_^~+#])")
_JIRA_LINE_START = re.compile(r"^(\s*)(-|h[1-6]\.|bq\.)", re.MULTILINE)


def jira_text(text: str) -> str:
    """Jira wiki markup shown as text: links, images, macros, tables, formatting and list or
    heading marks at a line's start are escaped with a backslash; controls made visible."""
    text = visible(text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _JIRA_SPECIAL.sub(r"\\\1", text)
    text = text.replace("??", "?\\?")
    return _JIRA_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def jira_description(item: ExportedAction, export: ActionsExport) -> str:
    lines = [
        f"*What to do:* {jira_text(item.action)}",
        "",
        f"*Why:* {jira_text(item.why)}",
        "",
        "*Questions:*",
    ]
    for q in item.questions:
        aim = f"; done when “{jira_text(q.done_when)}”" if q.done_when else ""
        lines.append(f"* {{{{{q.id}}}}} {jira_text(q.text)}: now “{jira_text(q.answer)}”{aim}")
    lines += [
        "",
        f"*Level change:* {jira_text(_level(item))}",
        f"*Plan:* {PHASE_WORDS[item.phase]} ({item.horizon}), size {item.size} "
        f"({item.person_days[0]}-{item.person_days[1]} person-days), suggested owner: "
        f"{OWNER_WORDS.get(item.owner_role, item.owner_role)}"
        + (f", removes a {item.risk} risk" if item.risk else "")
        + (" (a top risk)" if item.top_risk else ""),
    ]
    agreed = _agreed(item)
    if agreed:
        lines.append("*Agreed:* " + ", ".join(jira_text(p) for p in agreed))
    lines += ["", jira_text(_footer(item, export))]
    return "\n".join(lines)


def jira_csv(a: Assessment) -> str:
    """One row per open action with the columns Jira's CSV importer maps by name (see JIRA_COLUMNS);
    dates as YYYY-MM-DD (the importer's date format: yyyy-MM-dd)."""
    export = exported(a)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(JIRA_COLUMNS)
    for item in export.actions:
        labels = (item.labels + [""] * JIRA_LABEL_COLUMNS)[:JIRA_LABEL_COLUMNS]
        row = [
            _clip(item.title, TITLE_LIMIT),
            jira_description(item, export),
            *labels,
            item.due.isoformat() if item.due else "",
            line(item.owner) if item.owner else "",
        ]
        writer.writerow([cell(v) for v in row])
    return buffer.getvalue()


def as_json(a: Assessment) -> str:
    return data.to_json(exported(a))
