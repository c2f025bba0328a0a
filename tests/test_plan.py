"""The roadmap as a plan (issue: measure each gap once, a roadmap a team can start on Monday).

Three invariants, for the four examples and for a generated population of teams:
- no two actions (in the plan or beyond it) share a root cause, or an action text;
- every high risk page 1 shows is removed in the first phase, or is blocked only by actions that
  start then;
- no phase starts more actions than the plan's bound.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assess.dev.generate import generate
from assess.engine import assess
from assess.engine.roadmap import TOP_RISKS, now_limit
from assess.models import Answers, Assessment, Questionnaire, SingleQuestion, TeamProfile
from assess.pipeline.team import load_team
from assess.report import context, text

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
EXAMPLE_FILES = sorted(p.name for p in EXAMPLES.glob("*.yaml"))
PHASES = ("now", "next", "later")


def check_plan(a: Assessment) -> None:
    """The three invariants of the issue, plus the ones they rest on."""
    items = a.roadmap
    roots = [i.root_cause for i in items] + [b.root_cause for b in a.beyond_horizon]
    assert len(roots) == len(set(roots)), "two actions share a root cause"
    texts = [i.action for i in items] + [b.action for b in a.beyond_horizon]
    assert len(texts) == len(set(texts)), "two actions share their text"

    phase_of = {i.root_cause: PHASES.index(i.phase) for i in items}
    for phase in a.plan.phases:
        started = [i for i in items if i.phase == phase.id]
        assert len(started) == phase.actions <= phase.limit == a.plan.now_limit, phase.id
    for item in items:
        for blocker in item.blocked_by:
            assert blocker in phase_of and phase_of[blocker] < phase_of[item.root_cause]

    covering = {q: i for i in items for q in i.questions}
    top = a.risks[: a.plan.top_risks]
    assert a.plan.top_risks <= min(TOP_RISKS, len(a.risks))
    assert [r.rank for r in a.risks] == list(range(1, len(a.risks) + 1))
    assert all(r.top for r in top) and not any(r.top for r in a.risks[a.plan.top_risks :])
    for risk in top:
        if risk.planned is None:
            continue  # the questionnaire gives no action for this answer
        item = covering[risk.question]
        assert risk.question in item.top_risks
        if item.phase != "now":
            assert item.blocked_by, f"{risk.question} is a top risk but starts {item.phase}"
            assert _chain_starts_now(item.root_cause, items), (
                f"{risk.question}: its blockers do not start now"
            )
    high_ranks = [r.rank for r in a.risks if r.severity == "high"]
    assert high_ranks == list(range(1, len(high_ranks) + 1)), "high risks rank before medium ones"
    # Page 1 of the report shows exactly these risks, in this order.
    assert [r.question for r in context.build(a).top_risks] == [r.question for r in top]


def _chain_starts_now(root: str, items: list[Any]) -> bool:
    by_root = {i.root_cause: i for i in items}
    item = by_root[root]
    if not item.blocked_by:
        return bool(item.phase == "now")
    return all(_chain_starts_now(b, items) for b in item.blocked_by)


def example(name: str) -> Assessment:
    return load_team(EXAMPLES / name, strict=True).assess()


@pytest.mark.parametrize("name", EXAMPLE_FILES)
def test_examples_obey_the_plan(name: str) -> None:
    check_plan(example(name))


@pytest.mark.parametrize("name", EXAMPLE_FILES)
def test_example_plans_fit_on_one_page(name: str) -> None:
    a = example(name)
    assert len(a.roadmap) <= 3 * a.plan.now_limit
    rendered = text.render(a)
    plan = rendered[rendered.index("Roadmap:") :].split("\n\nTransparency gaps")[0]
    assert len(plan.splitlines()) <= 66, "a printed page holds about 66 lines"
    # Beyond the plan is one line per practice area, however much is left.
    beyond = plan.split("Beyond this plan", 1)[1].splitlines()[1:] if "Beyond this plan" in plan else []
    assert len(beyond) <= len(a.domains)


def test_a_level_4_team_gets_a_short_plan_and_the_rest_compactly() -> None:
    a = example("startup-sre-native.yaml")
    assert a.overall.level == 4
    assert len(a.roadmap) <= 12 and a.plan.horizon == "next level"
    assert all(d.level == 5 or any(i.domain == d.id for i in a.roadmap) for d in a.domains if d.level == 4)


def test_a_blocked_top_risk_follows_its_blocker_which_starts_now() -> None:
    a = example("platform-toil-team.yaml")
    dr = next(r for r in a.risks if r.question == "res.dr")
    assert dr.top and dr.severity == "high" and dr.planned == "next"
    item = next(i for i in a.roadmap if i.root_cause == "res.dr")
    assert item.blocked_by == ["iac.coverage"]  # disaster recovery builds on infrastructure as code
    assert "blocked by Infrastructure as code, which starts now" in item.why
    first = next(i for i in a.roadmap if i.root_cause == "iac.coverage")
    assert first.phase == "now" and "Disaster recovery" in first.why


def make(answers: dict[str, Any], **team: Any) -> Answers:
    return Answers.model_validate(
        {"questionnaire": "sre-core", "team": {"name": "T", **team}, "answers": answers}
    )


@st.composite
def teams(draw: st.DrawFn, q: Questionnaire) -> Answers:
    answers: dict[str, Any] = {}
    for _, question in q.questions():
        roll = draw(st.integers(0, 19))
        if roll == 0:
            continue  # unanswered
        if roll == 1:
            answers[question.id] = "unsure"
        elif isinstance(question, SingleQuestion):
            answers[question.id] = draw(st.sampled_from([c.id for c in question.choices]))
        else:
            practices = [c.id for c in question.choices if not c.none_of_these]
            picked = draw(st.lists(st.sampled_from(practices), unique=True, max_size=len(practices)))
            answers[question.id] = picked or [c.id for c in question.choices if c.none_of_these]
    team = {
        "engineers": draw(st.one_of(st.none(), st.integers(1, 30))),
        "teams_in_org": draw(st.one_of(st.none(), st.integers(1, 80))),
        "sre_count": draw(st.one_of(st.none(), st.integers(0, 30))),
        "pages_per_week": draw(st.one_of(st.none(), st.integers(0, 60))),
    }
    doc: dict[str, Any] = {
        "questionnaire": "sre-core",
        "team": {"name": "T", **{k: v for k, v in team.items() if v is not None}},
        "answers": answers,
    }
    if draw(st.booleans()):
        doc["targets"] = {"default": draw(st.integers(1, 5))}
    if draw(st.integers(0, 3)) == 0:
        doc["plan"] = {"now_limit": draw(st.integers(1, 8))}
    return Answers.model_validate(doc)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_teams_obey_the_plan(sre_core: Questionnaire, data: st.DataObject) -> None:
    check_plan(assess(sre_core, data.draw(teams(sre_core))))


def test_a_generated_organisation_obeys_the_plan(sre_core: Questionnaire, tmp_path: Path) -> None:
    for path in generate(sre_core, tmp_path / "org", 40, seed=14):
        check_plan(load_team(path).assess())


def test_the_worst_team_still_gets_a_bounded_plan(sre_core: Questionnaire) -> None:
    worst = {
        q.id: (min(q.choices, key=q.score_of).id if isinstance(q, SingleQuestion) else ["none"])
        for _, q in sre_core.questions()
        if q.scored
    }
    a = assess(sre_core, make(worst, engineers=4))
    check_plan(a)
    assert a.plan.now_limit == 3 and a.plan.top_risks <= 3
    assert len([i for i in a.roadmap if i.phase == "now"]) == 3
    assert a.beyond_horizon, "what does not fit is listed beyond the plan"


@pytest.mark.parametrize(
    ("engineers", "expected"),
    [(None, 4), (1, 3), (4, 3), (5, 3), (6, 4), (7, 4), (8, 5), (9, 5), (10, 6), (40, 6)],
)
def test_the_first_phase_is_sized_to_the_team(engineers: int | None, expected: int) -> None:
    assert now_limit(TeamProfile(name="T", engineers=engineers), None)[0] == expected


def test_the_answers_file_can_set_the_bound(sre_core: Questionnaire) -> None:
    worst = {
        q.id: min(q.choices, key=q.score_of).id
        for _, q in sre_core.questions()
        if isinstance(q, SingleQuestion)
    }
    answers = Answers.model_validate(
        {
            "questionnaire": "sre-core",
            "team": {"name": "T", "engineers": 8},
            "answers": worst,
            "plan": {"now_limit": 2},
        }
    )
    a = assess(sre_core, answers)
    assert a.plan.now_limit == 2 and a.plan.now_limit_from == "answers file"
    assert [p.actions for p in a.plan.phases] == [2, 2, 2]


def test_each_action_has_an_owner_size_and_time_frame() -> None:
    payments = example("payments-product-team.yaml")  # the advice: an embedded SRE
    startup = example("startup-sre-native.yaml")  # the advice: the team owns reliability
    slo = next(i for i in payments.roadmap if i.root_cause == "slo.defined")
    assert slo.owner == "embedded-sre"
    assert not any(i.owner in ("embedded-sre", "enabling-team", "sre-team") for i in startup.roadmap)
    for item in payments.roadmap:
        start, end = {"now": (0, 30), "next": (30, 90), "later": (90, 180)}[item.phase]
        assert (item.start_day, item.end_day, item.horizon) == (start, end, f"{start}-{end} days")
        assert item.size in payments.plan.sizes and item.person_days[0] <= item.person_days[1]
        assert item.title


def test_targets_set_the_horizon(sre_core: Questionnaire) -> None:
    rng = random.Random(3)
    answers = {
        q.id: rng.choice(q.choices).id for _, q in sre_core.questions() if isinstance(q, SingleQuestion)
    }
    free = assess(sre_core, make(answers))
    low = assess(
        sre_core,
        Answers.model_validate(
            {
                "questionnaire": "sre-core",
                "team": {"name": "T"},
                "answers": answers,
                "targets": {"default": 1},
            }
        ),
    )
    assert free.plan.horizon == "next level" and low.plan.horizon == "targets"
    # At target everywhere, only risks are left: no action without a risk is planned for its own sake.
    risky = {r.question for r in low.risks}
    blockers = {b for i in low.roadmap for b in i.blocked_by}
    assert all(set(i.questions) & risky or i.root_cause in blockers for i in low.roadmap)
    assert all(b.reason == "horizon" for b in low.beyond_horizon if not set(b.questions) & risky)


def test_root_causes_are_stable_across_versions_and_reassessments() -> None:
    v1 = load_team(Path(__file__).parent / "data" / "v1" / "payments-product-team.yaml").assess()
    v2 = example("payments-product-team.yaml")
    assert v1.questionnaire.version == "1" and v2.questionnaire.version == "2"
    v1_roots = {i.root_cause for i in v1.roadmap} | {b.root_cause for b in v1.beyond_horizon}
    v2_roots = {i.root_cause for i in v2.roadmap} | {b.root_cause for b in v2.beyond_horizon}
    # The same gaps keep their ids (issue 17 keys each action's status by it)...
    for root in (
        "iac.coverage",
        "iac.prod-access",
        "obs.golden-signals",
        "oncall.noise",
        "find-out:resilience",
    ):
        assert root in v1_roots and root in v2_roots, root
    # ...and version 1's two questions on page noise are one gap there too.
    noise = [i for i in v1.roadmap + v1.beyond_horizon if i.root_cause == "oncall.noise"]
    assert len(noise) == 1 and set(noise[0].questions) == {"obs.alert-quality", "oncall.noise"}
    # Re-assessing after a step up keeps the root cause while the action moves up the ladder.
    better = load_team(EXAMPLES / "payments-product-team.yaml")
    moved = better.answers.model_copy(
        update={"answers": {**better.answers.answers, "iac.coverage": "partial"}}
    )
    again = assess(better.questionnaire, moved)
    before = next(i for i in v2.roadmap if i.root_cause == "iac.coverage")
    after = next(i for i in again.roadmap + again.beyond_horizon if i.root_cause == "iac.coverage")
    assert before.action != after.action


def test_questions_share_a_root_cause_only_on_purpose(sre_core: Questionnaire) -> None:
    roots = [q.root_cause_id for _, q in sre_core.questions() if q.scored]
    assert len(roots) == len(set(roots)), "version 2 asks each root cause once"


def test_no_two_choices_share_an_action(sre_core: Questionnaire) -> None:
    # The roadmap merges actions with the same text; version 2 must not need it.
    texts = [c.action for _, q in sre_core.questions() for c in q.choices if c.action]
    assert len(texts) == len(set(texts))


def test_the_invariants_catch_a_broken_plan() -> None:
    a = example("payments-product-team.yaml")
    now = [i for i in a.roadmap if i.phase == "now"]
    too_many = a.model_copy(update={"roadmap": [*a.roadmap, now[0].model_copy(update={"root_cause": "x.y"})]})
    with pytest.raises(AssertionError):
        check_plan(too_many)
    late = [
        i.model_copy(update={"phase": "later", "blocked_by": []}) if i.top_risks else i for i in a.roadmap
    ]
    with pytest.raises(AssertionError):
        check_plan(a.model_copy(update={"roadmap": late}))
    twice = a.model_copy(
        update={"roadmap": [*a.roadmap, a.roadmap[-1].model_copy(update={"phase": "later"})]}
    )
    with pytest.raises(AssertionError):
        check_plan(twice)


def test_the_readme_shows_the_platform_example_plan_as_it_is() -> None:
    readme = (EXAMPLES.parent / "README.md").read_text(encoding="utf-8")
    rendered = text.render(example("platform-toil-team.yaml"))
    plan = rendered[rendered.index("Roadmap:") :].split("\n\nTransparency gaps")[0].rstrip("\n")
    assert f"```\n{plan}\n```" in readme, "README's example roadmap is out of date: paste the new one"
