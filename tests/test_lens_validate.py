"""`assess questionnaire validate` catches each problem the issue lists, at file:line:col."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from assess.cli import main

Write = Callable[[str, str], Path]

GOOD = """\
id: tiny
version: "1"
title: Tiny
description: A tiny questionnaire.
domains:
  - id: ops
    title: Operations
    description: How the team runs its service.
    questions:
      - id: ops.runbooks
        kind: single
        text: Do alerts link to runbooks?
        help: A runbook turns a page into a checklist.
        choices:
          - {id: none, label: No alert has one, score: 0, action: Write runbooks for the loudest alerts.}
          - {id: all, label: Every alert has one, score: 1}
        risk_rules:
          - {when: none, risk: high, why: Responders start from nothing at night.}
      - id: ops.reviews
        kind: multi
        text: Which reviews happen?
        help: Reviews turn incidents into fixes.
        depends_on: [ops.runbooks]
        choices:
          - {id: weekly, label: Weekly on-call review, action: Hold a weekly on-call review.}
          - {id: none, label: None of these, none_of_these: true}
"""


def validate(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str], str]:
    code = main(["questionnaire", "validate", str(path)])
    captured = capsys.readouterr()
    return code, captured.err.splitlines(), captured.out


def test_the_base_case_is_clean(write: Write, capsys: pytest.CaptureFixture[str]) -> None:
    path = write("tiny.yaml", GOOD)
    assert validate(path, capsys) == (0, [], f"{path}: ok (1 domain, 2 questions)\n")


CASES = {
    "duplicate question id": (
        ("id: ops.reviews", "id: ops.runbooks"),
        "19:13: duplicate question id 'ops.runbooks'",
    ),
    "duplicate choice id": (
        ("id: all, label: Every", "id: none, label: Every"),
        "10:9: domains.0.questions.0: duplicate choice id 'none'",
    ),
    "unknown choice in a risk rule": (
        ("when: none, risk", "when: nobody, risk"),
        "10:9: domains.0.questions.0: risk rule 'nobody' names unknown choice 'nobody'",
    ),
    "risk rule that does not parse": (
        ("when: none, risk", "when: none &&, risk"),
        "18:20: domains.0.questions.0.risk_rules.0.when: condition does not parse at "
        "character 8: expected a choice id, found end of condition",
    ),
    "unknown depends_on": (
        ("depends_on: [ops.runbooks]", "depends_on: [ops.runbook]"),
        "23:22: unknown question 'ops.runbook'; did you mean 'ops.runbooks'?",
    ),
    "dependency cycle": (
        ("        help: A runbook", "        depends_on: [ops.reviews]\n        help: A runbook"),
        "13:21: dependency cycle: ops.runbooks -> ops.reviews -> ops.runbooks",
    ),
    "score outside [0, 1]": (
        ("score: 1}", "score: 1.5}"),
        "16:58: domains.0.questions.0.choices.1.score: Input should be less than or equal to 1",
    ),
    "single choices out of order": (
        ("score: 0, action", "score: 1, action"),
        "16:58: ops.runbooks: choices must be listed from least to most mature with rising scores "
        "(all scores 1 after none at 1)",
    ),
    "missing help text": (
        ("        help: A runbook turns a page into a checklist.\n", ""),
        "10:9: domains.0.questions.0: missing required field 'help'",
    ),
    "blank help text": (
        ("help: A runbook turns a page into a checklist.", 'help: "   "'),
        "13:15: ops.runbooks: the help text is empty; say why the practice matters and what good looks like",
    ),
    "blank domain description": (
        ("description: How the team runs its service.", 'description: " "'),
        "8:18: domain ops: the description is empty",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_problem_is_found_where_it_is(
    case: str, write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    (old, new), expected = CASES[case]
    assert old in GOOD
    path = write("tiny.yaml", GOOD.replace(old, new, 1))
    code, errors, out = validate(path, capsys)
    assert code == 1 and out == ""
    assert f"{path}:{expected}" in errors, errors


def test_empty_domain(write: Write, capsys: pytest.CaptureFixture[str]) -> None:
    text = GOOD + "  - id: empty\n    title: Empty\n    description: Nothing here.\n    questions: []\n"
    path = write("tiny.yaml", text)
    code, errors, _ = validate(path, capsys)
    assert code == 1
    assert errors == [f"{path}:30:16: domains.1.questions: needs at least 1 item"]


def test_duplicate_domain_id(write: Write, capsys: pytest.CaptureFixture[str]) -> None:
    second = (
        GOOD[GOOD.index("  - id: ops\n") :]
        .replace("ops.runbooks", "two.runbooks")
        .replace("ops.reviews", "two.reviews")
    )
    path = write("tiny.yaml", GOOD + second)
    code, errors, _ = validate(path, capsys)
    assert code == 1 and [e for e in errors if ": warning: " not in e] == [
        f"{path}:27:9: duplicate domain id 'ops'"
    ]
    # The copy repeats the ladder's actions under other question ids: one fix, two root causes.
    assert all("the same action as ops.runbooks" in e for e in errors if ": warning: " in e)


def test_risk_scoring_without_default_is_a_warning(write: Write, capsys: pytest.CaptureFixture[str]) -> None:
    text = GOOD.replace(
        "          - {id: none, label: None of these, none_of_these: true}\n",
        "          - {id: none, label: None of these, none_of_these: true}\n"
        "        scoring: risk\n        risk_rules:\n"
        "          - {when: none, risk: high, why: Nothing reviewed.}\n",
    )
    path = write("tiny.yaml", text)
    code, errors, out = validate(path, capsys)
    assert code == 0
    assert errors == [
        f"{path}:29:11: warning: ops.reviews: scored by risk but no 'default' rule; "
        "answers no rule matches count as no risk"
    ]
    assert out == f"{path}: ok (1 domain, 2 questions, 1 warning)\n"
