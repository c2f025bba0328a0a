"""Answers that contradict each other are warnings at every answer involved; follow-ups that do not
apply are neutral; context questions are not scored; a risk rule's 'unless' reads another answer."""

from __future__ import annotations

import itertools
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from assess import catalog, conditions
from assess.engine import assess, readings
from assess.engine import consistency as engine_consistency
from assess.engine.answers import resolve
from assess.engine.scoring import score_all
from assess.models import Answers, ConsistencyCheck, MultiQuestion, Questionnaire
from assess.pipeline.team import load_team

SRE_CORE, _ = catalog.load("sre-core")
SRE_CORE_1, _ = catalog.load("sre-core@1")


def satisfying(q: Questionnaire, question_id: str, when: str, want: bool) -> Any:
    """An answer to ``question_id`` for which ``when`` is ``want``: one choice, or a short checklist."""
    question = q.question(question_id)
    assert question is not None
    expr = conditions.parse(when)
    ids = question.choice_ids()
    sizes = (1, 2) if isinstance(question, MultiQuestion) else (1,)
    exclusive = {c.id for c in question.choices if getattr(c, "none_of_these", False)}
    for size in sizes:
        for picked in itertools.combinations(ids, size):
            if size > 1 and exclusive & set(picked):
                continue
            if conditions.evaluate(expr, set(picked)) == want:
                return list(picked) if isinstance(question, MultiQuestion) else picked[0]
    raise AssertionError(f"no answer to {question_id} makes {when!r} {want}")


def fired(q: Questionnaire, answers: dict[str, Any]) -> set[str]:
    doc = Answers.model_validate({"questionnaire": q.id, "team": {"name": "T"}, "answers": answers})
    resolved, problems = resolve(q, doc)
    assert not problems, problems
    return {i.id for i in engine_consistency.find(q, resolved)}


def checks(q: Questionnaire) -> list[tuple[str, ConsistencyCheck]]:
    return [(f"v{q.version}-{c.id}", c) for c in q.consistency]


@pytest.mark.parametrize(
    ("q", "check"),
    [pytest.param(q, c, id=name) for q in (SRE_CORE, SRE_CORE_1) for name, c in checks(q)],
)
def test_each_check_fires_and_stays_quiet_when_it_should(q: Questionnaire, check: ConsistencyCheck) -> None:
    contradiction = {c.question: satisfying(q, c.question, c.when, True) for c in check.answers}
    assert check.id in fired(q, contradiction)
    for clause in check.answers:  # change any one answer and the two agree again
        agreeing = {**contradiction, clause.question: satisfying(q, clause.question, clause.when, False)}
        assert check.id not in fired(q, agreeing), clause.question
    only_one = dict(itertools.islice(contradiction.items(), 1))
    assert check.id not in fired(q, only_one)  # the other answer not given: nothing to compare
    unsure = {**contradiction, check.answers[0].question: "unsure"}
    assert check.id not in fired(q, unsure)


def test_the_issue_example_in_version_1(write: Any) -> None:
    path = write(
        "a.yaml",
        "questionnaire: sre-core@1\nteam:\n  name: T\nanswers:\n"
        "  res.chaos: never\n  res.dependencies: verified\n",
    )
    warning = next(str(d) for d in load_team(path).warnings)
    assert warning.startswith(f"{path}:6:21: warning: Dependency failures are said to be verified")
    # Both places, line and column: the first answer's is the warning's own, each is named in the text.
    assert f"res.dependencies at {path}:6:21" in warning and f"res.chaos at {path}:5:14" in warning


def test_warnings_reach_validate_and_score_but_change_no_exit_code(write: Any) -> None:
    path = write(
        "a.yaml",
        "questionnaire: sre-core\nteam:\n  name: T\nanswers:\n"
        "  res.dr: routine\n  res.backups:\n    choice: untested\n    note: never restored\n",
    )
    env = {**os.environ, "NO_COLOR": "1"}
    for command in (["validate", str(path)], ["score", str(path)]):
        result = subprocess.run(
            [sys.executable, "-m", "assess", *command], capture_output=True, text=True, env=env, timeout=120
        )
        assert result.returncode == 0, result.stderr
        where = re.escape(str(path))
        assert re.search(rf"{where}:5:11: warning: The disaster recovery answer", result.stderr)
        assert f"res.backups at {path}:7:13" in result.stderr
    as_json = subprocess.run(
        [sys.executable, "-m", "assess", "validate", str(path), "-f", "json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert '"severity": "warning"' in as_json.stdout
    a = load_team(path).assess()
    assert [i.id for i in a.inconsistencies] == ["dr-drills-without-restores"]
    assert a.inconsistencies[0].questions == ["res.dr", "res.backups"]


def test_a_consistent_example_has_no_warnings() -> None:
    for path in sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.yaml")):
        assert load_team(path).warnings == [], path.name


def team(answers: dict[str, Any], q: Questionnaire = SRE_CORE) -> Any:
    doc = {"questionnaire": q.id, "team": {"name": "T"}, "answers": answers}
    return assess(q, Answers.model_validate(doc))


def test_follow_ups_do_not_apply_without_the_practice() -> None:
    a = team({"slo.defined": "none"})
    follow_ups = [
        q.id
        for _, q in SRE_CORE.questions()
        if any(c.question == "slo.defined" for c in q.not_applicable_when)
    ]
    assert len(follow_ups) == 6
    results = {q.id: q for q in a.questions}
    for qid in follow_ups:
        assert results[qid].status == "n/a" and results[qid].risk is None and results[qid].score is None
        assert results[qid].reason and results[qid].reason.startswith("Does not apply: it follows")
    assert [r.question for r in a.risks] == ["slo.defined"]  # one missing practice, one risk
    assert next(d for d in a.domains if d.id == "slo").score == 0.0
    assert not any(g.question in follow_ups for g in a.gaps)  # not "unanswered" either
    assert a.inconsistencies == []
    answered = team({"slo.defined": "none", "slo.targets": "tuned", "slo.reviews": "unsure"})
    assert [i.questions for i in answered.inconsistencies] == [["slo.targets", "slo.defined"]]
    assert next(q for q in answered.questions if q.id == "slo.targets").status == "n/a"
    some = team({"slo.defined": "some-user", "slo.targets": "perfection"})
    assert {r.question for r in some.risks} == {"slo.targets"}  # with SLOs, the follow-up counts again


def test_strict_does_not_ask_for_follow_ups_that_do_not_apply(write: Any) -> None:
    lines = ["questionnaire: sre-core", "team:", "  name: T", "answers:", "  slo.defined: none"]
    for _, q in SRE_CORE.questions():
        if q.id.startswith("slo."):
            continue  # no SLOs: the six follow-ups are left out of the file
        first = q.choices[0].id
        lines.append(f"  {q.id}: {'[' + first + ']' if isinstance(q, MultiQuestion) else first}")
    path = write("strict.yaml", "\n".join(lines) + "\n")
    loaded = load_team(path, strict=True)  # strict: every question must be answered, or not apply
    assert {x for x in loaded.not_applicable if x.startswith("slo.")} == {
        q.id for _, q in SRE_CORE.questions() if q.id.startswith("slo.") and q.id != "slo.defined"
    }


def test_shared_toil_is_context_not_a_score() -> None:
    with_repeated = team({"toil.shared": "repeated", "toil.measured": "unknown"})
    without = team({"toil.measured": "unknown"})
    scores = [next(d.score for d in a.domains if d.id == "toil") for a in (with_repeated, without)]
    assert scores[0] == scores[1]
    shared = next(q for q in with_repeated.questions if q.id == "toil.shared")
    assert shared.score is None and shared.risk is None and shared.status == "answered"
    assert not any(i.questions == ["toil.shared"] for i in with_repeated.roadmap)


def test_no_fault_injection_is_a_risk_only_without_disaster_recovery_drills() -> None:
    alone = team({"res.chaos": "never"})
    assert [r.question for r in alone.risks] == ["res.chaos"]
    drilled = team({"res.chaos": "never", "res.dr": "yearly-drill", "res.backups": "scheduled-tests"})
    assert "res.chaos" not in {r.question for r in drilled.risks}
    assert next(q for q in drilled.questions if q.id == "res.chaos").score == 0.0  # still the lowest rung


def test_shared_admin_credentials_are_a_high_risk() -> None:
    a = team({"iac.prod-access": "few-standing", "iac.break-glass": "shared-credentials"})
    assert {r.question: r.severity for r in a.risks}["iac.break-glass"] == "high"


def test_the_advice_reads_follow_ups_as_settled_and_context_by_its_choices() -> None:
    def read(answers: dict[str, Any]) -> readings.Readings:
        doc = Answers.model_validate({"questionnaire": "sre-core", "team": {"name": "T"}, "answers": answers})
        resolved, _ = resolve(SRE_CORE, doc)
        return readings.read(SRE_CORE, resolved, score_all(SRE_CORE, resolved), doc.team)

    no_slos = read({"slo.defined": "none"})
    slo = next(a for a in no_slos.areas if a.id == "slo")
    assert (slo.span.value, slo.span.low, slo.span.high, slo.span.open) == (0.0, 0.0, 0.0, 0)
    assert no_slos.signals["error-budget-policy"].value == 0.0  # no SLOs, so no policy
    for choice, value in (("repeated", 0.0), ("partly-shared", 0.5), ("shared-tooling", 1.0)):
        r = read({"toil.shared": choice, "toil.measured": "unknown"})
        assert r.signals["shared-toil"].value == value
        toil = next(a for a in r.areas if a.id == "toil")
        assert toil.span.open == 5  # the context question is no part of the range: 5 scored questions left
