"""CSV tables for spreadsheets: one row per team × question, per team × domain, or per team × entry
of the actions section.

Column names are stable (documented in README). Text that a spreadsheet would
run as a formula (starting with = + - @, a tab or a line break) is prefixed with a quote, and
a field holding a line break (``\r`` included) is quoted, so it can never start a row of its own.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from assess.models import Assessment

QUESTION_COLUMNS = (
    "team",
    "assessed_at",
    "domain",
    "question",
    "status",
    "answer",
    "answer_labels",
    "score",
    "risk",
    "note",
    "evidence",
    "voices",
    "disagreement",
    "votes",
    "settled",
    "stale",
)
DOMAIN_COLUMNS = (
    "team",
    "assessed_at",
    "domain",
    "title",
    "score",
    "level",
    "label",
    "target",
    "gap_to_target",
    "answered",
    "total",
    "unsure",
    "not_applicable",
    "confidence",
    "confidence_why",
)


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


ACTION_COLUMNS = (
    "team",
    "assessed_at",
    "root_cause",
    "title",
    "domain",
    "status",
    "state",
    "owner",
    "due",
    "overdue_days",
    "link",
    "reason",
    "since",
    "unchanged",
    "closed",
)


def cell(value: object) -> str:
    if value is None:
        return ""
    text = str(value)
    if text[:1] in _FORMULA_STARTS:
        # A leading quote keeps spreadsheets from running it; plain negative numbers are left alone.
        try:
            float(text)
        except ValueError:
            return "'" + text
    return text


def _table(columns: tuple[str, ...], rows: Iterable[tuple[object, ...]]) -> str:
    """Rows end in ``\n``; a field holding ``\r`` or ``\n`` is quoted, so it stays one cell.

    The writer quotes a field when it holds a character of its line terminator, so it is
    given ``\r\n`` (covering both) and each row's terminator is then written as ``\n``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    out: list[str] = []
    for row in (columns, *([cell(v) for v in r] for r in rows)):
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(row)
        out.append(buffer.getvalue()[:-2] + "\n")
    return "".join(out)


def question_rows(a: Assessment) -> Iterable[tuple[object, ...]]:
    when = a.assessed_at.isoformat() if a.assessed_at else None
    for q in a.questions:
        ws = q.workshop
        evidence = None
        if q.evidence:
            evidence = "; ".join(
                x
                for x in (q.evidence.text, q.evidence.owner, q.evidence.date and q.evidence.date.isoformat())
                if x
            )
        yield (
            a.team.name,
            when,
            q.domain,
            q.id,
            q.status,
            ";".join(q.choices),
            "; ".join(q.labels),
            q.score,
            q.risk,
            q.note,
            evidence,
            ws.voices if ws else None,
            ws.disagreement if ws else None,
            "; ".join(f"{t.option}:{t.count}" for t in ws.tally if t.count) if ws else None,
            (ws.settled_note or "yes") if ws and ws.settled else None,
            "yes" if q.stale else None,
        )


def domain_rows(a: Assessment) -> Iterable[tuple[object, ...]]:
    when = a.assessed_at.isoformat() if a.assessed_at else None
    for d in a.domains:
        yield (
            a.team.name,
            when,
            d.id,
            d.title,
            d.score,
            d.level,
            d.label,
            d.target,
            d.gap_to_target,
            d.answered,
            d.total,
            d.unsure,
            d.not_applicable,
            d.confidence.level if d.confidence else None,
            d.confidence.text if d.confidence else None,
        )


def action_rows(a: Assessment) -> Iterable[tuple[object, ...]]:
    when = a.assessed_at.isoformat() if a.assessed_at else None
    for t in a.actions:
        yield (
            a.team.name,
            when,
            t.root_cause,
            t.title,
            t.domain,
            t.status,
            t.state,
            t.owner,
            t.due.isoformat() if t.due else None,
            t.overdue_days,
            t.link,
            t.reason,
            t.since.isoformat() if t.since else None,
            t.unchanged,
            t.closed,
        )


def actions_csv(assessments: Iterable[Assessment]) -> str:
    return _table(ACTION_COLUMNS, (row for a in assessments for row in action_rows(a)))


def questions_csv(assessments: Iterable[Assessment]) -> str:
    return _table(QUESTION_COLUMNS, (row for a in assessments for row in question_rows(a)))


def domains_csv(assessments: Iterable[Assessment]) -> str:
    return _table(DOMAIN_COLUMNS, (row for a in assessments for row in domain_rows(a)))
