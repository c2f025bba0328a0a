"""What the leadership report's first page reads from the engine: what the team stops doing (from the
questionnaire and the advice), what the advice takes in people and months, the assessment context, and
the history's steps. Plain words only: no command line in any engine text."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from assess.engine import assess, org
from assess.models import Assessment, Questionnaire
from assess.pipeline.team import load_team

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
COMMAND_LINE = re.compile(r"\bassess (org|score|report|history|compare|validate|init)\b|--[a-z]")


def example(name: str) -> Assessment:
    return load_team(EXAMPLES / f"{name}.yaml").assess()


def small(tmp_path: Path, answers: dict[str, Any], team: dict[str, Any] | None = None) -> Assessment:
    questionnaire = {
        "id": "tiny",
        "version": "1",
        "title": "Tiny",
        "description": "One area.",
        "domains": [
            {
                "id": "ops",
                "title": "Operations",
                "description": "An area.",
                "questions": [
                    {
                        "id": "ops.deploy",
                        "kind": "single",
                        "text": "How do you deploy?",
                        "help": "Why.",
                        "stop": "deploying by hand",
                        "risk_rules": [{"when": "hand || script", "risk": "high", "why": "Deploys break."}],
                        "choices": [
                            {"id": "hand", "label": "By hand", "score": 0, "action": "Script it."},
                            {
                                "id": "script",
                                "label": "Scripted",
                                "score": 0.5,
                                "action": "Put it in the pipeline.",
                                "stop": "starting the deploy script from a laptop",
                            },
                            {"id": "pipeline", "label": "Pipeline", "score": 1},
                        ],
                    },
                    {
                        "id": "ops.review",
                        "kind": "single",
                        "text": "Are changes reviewed?",
                        "help": "Why.",
                        "choices": [
                            {"id": "no", "label": "No", "score": 0, "action": "Review them."},
                            {"id": "yes", "label": "Yes", "score": 1},
                        ],
                    },
                ],
            }
        ],
    }
    q_path = tmp_path / "tiny.yaml"
    q_path.write_text(yaml.safe_dump(questionnaire, sort_keys=False))
    a_path = tmp_path / "answers.yaml"
    doc = {"questionnaire": "tiny", "team": {"name": "T", **(team or {})}, "answers": answers}
    a_path.write_text(yaml.safe_dump(doc, sort_keys=False))
    return load_team(a_path, str(q_path)).assess()


def test_an_action_carries_what_the_team_stops_doing(tmp_path: Path) -> None:
    by_question = {
        i.questions[0]: i for i in small(tmp_path, {"ops.deploy": "hand", "ops.review": "no"}).roadmap
    }
    assert by_question["ops.deploy"].stop == "deploying by hand"  # the question's
    assert by_question["ops.review"].stop is None  # nothing to stop: none is invented
    later = {i.questions[0]: i for i in small(tmp_path, {"ops.deploy": "script"}).roadmap}
    assert later["ops.deploy"].stop == "starting the deploy script from a laptop"  # the choice's own


def test_every_scored_question_of_sre_core_says_what_its_step_stops(sre_core: Questionnaire) -> None:
    for _, question in sre_core.questions():
        if question.scored:
            assert question.stop, question.id
            assert question.stop[0].islower() and not question.stop.endswith("."), question.id


@pytest.mark.parametrize(
    ("name", "pattern", "takes"),
    [
        ("payments-product-team", "embedded", "1 SRE × 3 months hands-on"),
        ("enterprise-interrupts", "embedded", "from the organisation's 25 SREs"),
        ("platform-toil-team", "platform", "a platform team of 5-9 engineers"),
        ("startup-sre-native", "within-team", "no SRE"),
    ],
)
def test_the_advice_says_what_it_takes_and_what_stops(name: str, pattern: str, takes: str) -> None:
    t = example(name).topology
    assert t.recommended == pattern and t.headcount is not None
    assert takes in t.headcount.takes
    if pattern == "within-team":
        assert t.stops == [] and t.headcount.people == [0, 0] and t.headcount.months is None
    else:
        assert t.stops and all(s[0].islower() for s in t.stops)
        assert t.headcount.people[0] >= 1
    if pattern == "embedded":
        assert t.headcount.months == 3 and t.headcount.sres_used == 1 and t.headcount.hires == 0


def test_without_sres_the_embedding_is_a_hire(tmp_path: Path, sre_core: Questionnaire) -> None:
    a = example("payments-product-team")
    answers = load_team(EXAMPLES / "payments-product-team.yaml").answers
    team = answers.team.model_copy(update={"sre_count": 0})
    none = assess(sre_core, answers.model_copy(update={"team": team}))
    assert a.topology.recommended == none.topology.recommended == "embedded"
    assert none.topology.headcount is not None
    assert none.topology.headcount.hires == 1 and "a hire" in none.topology.headcount.takes


def test_no_engine_text_names_a_command() -> None:
    for name in (
        "payments-product-team",
        "enterprise-interrupts",
        "platform-toil-team",
        "startup-sre-native",
    ):
        text = json.dumps(example(name).model_dump(mode="json"), ensure_ascii=False)
        assert not COMMAND_LINE.search(text), (name, COMMAND_LINE.search(text))


def test_the_context_is_carried_into_the_result() -> None:
    a = example("payments-product-team")
    assert a.context is not None
    assert a.context.criticality == "critical" and a.context.confidentiality == "Internal"
    assert "settlement" in a.context.scope and a.context.participants
    assert a.context.next_assessment is not None and a.assessed_at is not None
    assert a.context.next_assessment > a.assessed_at
    data = json.loads(a.model_dump_json())
    assert data["context"]["facilitator"].startswith("Dana")
    assert example("startup-sre-native").context is None


def test_an_empty_context_section_is_no_context(tmp_path: Path) -> None:
    a = small(tmp_path, {"ops.deploy": "hand"})
    assert a.context is None
    path = tmp_path / "answers.yaml"
    text = path.read_text() + "context:\n  facilitator:\n  participants:\n  scope: []\n"
    path.write_text(text)
    loaded = load_team(path, str(tmp_path / "tiny.yaml")).assess()
    assert (
        loaded.context is not None
        and loaded.context.participants == []
        and loaded.context.facilitator is None
    )


def test_history_steps_name_facts_risks_and_regressions(sre_core: Questionnaire) -> None:
    base = load_team(EXAMPLES / "payments-product-team.yaml").answers
    middle_answers = dict(base.answers)
    middle_answers["res.backups"] = "scheduled-tests"  # closes the unsure backups risk
    middle = base.model_copy(
        update={"assessed_at": base.assessed_at.replace(month=6), "answers": middle_answers}  # type: ignore[union-attr]
    )
    last_answers = dict(middle_answers)
    last_answers["rel.cd"] = "manual"  # a regression
    last = middle.model_copy(
        update={
            "assessed_at": base.assessed_at.replace(month=9),  # type: ignore[union-attr]
            "answers": last_answers,
            "team": base.team.model_copy(update={"pages_per_week": 22}),
        }
    )
    points = [(f"f{i}", assess(sre_core, a)) for i, a in enumerate((last, base, middle))]
    h = org.history(sre_core, points)
    assert [p.assessed_at.month for p in h.points] == [3, 6, 9]
    assert all(set(p.levels) == set(h.domains) for p in h.points)
    first, second = h.steps
    assert "res.backups" in {r.question for r in first.risks_closed}
    assert first.facts_changed == []
    assert [(c.fact, c.old, c.new) for c in second.facts_changed] == [("pages_per_week", "9", "22")]
    assert [c.question for c in second.regressed] == ["rel.cd"]
    assert h.points[0].high_risks > h.points[1].high_risks or h.points[0].medium_risks > 0
