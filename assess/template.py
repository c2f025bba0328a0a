"""The commented answers template written by ``assess init``.

Whatever the questionnaire's texts or the team name hold, the template is an answers file
that assess reads back: texts in comments are shown on one line with control characters as
visible marks, and the team name is written as a quoted string that reads back exactly.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import textwrap

from assess.models import NA, MultiQuestion, Questionnaire
from assess.printable import one_line

WRAP = 96


# Characters a YAML reader takes as the end of a line even inside a comment (YAML 1.1, as
# PyYAML reads it): left in, the rest of the text would become YAML of its own.
_LINE_BREAKS = str.maketrans({"\x85": " ", "\u2028": " ", "\u2029": " "})
# What a YAML reader refuses anywhere in a file, or folds or drops in a quoted string (line
# breaks of its own, a byte-order mark): written as escapes.
_NOT_YAML = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)


def _text(text: str) -> str:
    """A questionnaire text as it can stand in a comment: one line, control characters (and
    bidi overrides) shown as visible marks (``assess.printable``), no hidden line breaks."""
    return one_line(text.translate(_LINE_BREAKS))


def _quoted(text: str) -> str:
    """A YAML double-quoted string that reads back as exactly ``text``."""
    quoted = json.dumps(text, ensure_ascii=False)  # escapes quotes, backslashes and C0 controls
    return _NOT_YAML.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _comment(text: str, indent: str = "  ") -> list[str]:
    lines: list[str] = []
    for paragraph in text.strip().split("\n"):
        wrapped = textwrap.wrap(_text(paragraph), WRAP - len(indent) - 2) or [""]
        lines.extend(f"{indent}# {w}".rstrip() for w in wrapped)
    return lines


def schema_file_name(q: Questionnaire) -> str:
    """The answers schema of ``q`` as ``assess init`` saves it beside the answers file
    (``assess.schema.file_name``, named here too so the template needs no schema code)."""
    return f"{q.id}.v{q.version}.answers.schema.json"


def answers_template(q: Questionnaire, *, team: str, today: dt.date) -> str:
    """The template; its first line points editors to ``schema_file_name(q)`` in the same folder."""
    out = [
        f"# yaml-language-server: $schema={schema_file_name(q)}",
        f"# Answers for {_text(q.title)} ({q.id} v{q.version}).",
        "# Fill in each answer with one of the choice ids listed above it, or:",
        "#   unsure        scored as the least mature answer and reported as a gap",
        f"#   {NA:<13} only where the question allows it (add reason: ... in the long form)",
        "# Long form, with a note and evidence:",
        "#   question.id:",
        "#     choice: some-choice",
        '#     note: "what a reader should know"',
        "#     evidence: {text: link or description, date: 2026-01-31, owner: name}",
        "# Leave an answer empty to skip it for now. Then run: assess score THIS_FILE",
        f"questionnaire: {q.id}@{q.version}",
        f"assessed_at: {today.isoformat()}",
        "team:",
        f"  name: {_quoted(team)}",
        "  engineers:            # people in this team",
        "  services:             # production services the team runs",
        "  teams_in_org:         # stream-aligned teams in the organisation",
        "  sre_count:            # dedicated SREs the organisation has today",
        "  on_call_engineers:    # people in this team's on-call rotation",
        "  pages_per_week:       # pages or interrupts reaching on-call per week",
        "  incidents_per_week:   # incidents (not pages) needing follow-up, reaching on-call per week",
        "  current_setup:        # today: within-team, embedded, enabling, platform, separate or none",
        "  setup_since:          # the date today's setup started (YYYY-MM-DD)",
        "context:                # optional; the report shows it on its cover",
        "  facilitator:          # who ran the assessment",
        "  participants: []      # who answered: names or roles, such as [Ana, Ben, tech lead]",
        "  scope: []             # the services the answers cover",
        "  criticality:          # how much the business depends on them: low, medium, high or critical",
        "  confidentiality:      # a marking for every page of the report, such as Internal",
        "  next_assessment:      # the date the next assessment is due (YYYY-MM-DD)",
        "answers:",
    ]
    for domain in q.domains:
        out.append("")
        title = _text(domain.title)
        out.append(f"  # ---- {title} " + "-" * max(4, WRAP - 12 - len(title)))
        for question in domain.questions:
            out.append("")
            out.extend(_comment(question.text))
            kind = (
                "select all that apply, as a list [a, b]"
                if isinstance(question, MultiQuestion)
                else "pick one"
            )
            extras = ", unsure" + (f", {NA}" if question.allow_na else "")
            out.append(f"  #   ({kind}{extras})")
            if not question.scored:
                out.append("  #   Context for the advice: not scored.")
            for clause in question.not_applicable_when:
                out.append(
                    f"  #   Leave it empty if {clause.question} is {clause.when}: then it does not apply."
                )
            for choice in question.choices:
                out.extend(
                    textwrap.wrap(
                        f"{choice.id}: {_text(choice.label)}",
                        WRAP,
                        initial_indent="  #   - ",
                        subsequent_indent="  #       ",
                    )
                )
            out.append(f"  {question.id}:")
    return "\n".join(out) + "\n"
