"""Properties of the topology advice over many generated teams (hypothesis).

- raising sre_count alone never moves a team to a separate SRE team;
- raising pages never moves a team towards one;
- more n/a or unsure answers never raise confidence;
- the organisation's proposals never spend more SREs than it has, and never pilot a platform (or
  coach) with a team that is getting an embedded SRE.
"""

from __future__ import annotations

import datetime as dt
import functools
import random
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from assess import catalog
from assess.engine import readings, topology
from assess.engine.answers import resolve
from assess.engine.org import TeamInput, rollup
from assess.engine.scoring import score_all
from assess.models import NA, UNSURE, Answers, MultiQuestion, Questionnaire, Topology

SETTINGS = settings(max_examples=150, deadline=None)
SETUPS = (None, "none", "within-team", "embedded", "enabling", "platform", "separate")


def answers_for(
    q: Questionnaire, seed: int, maturity: float, unsure: float, na: float, skip: float
) -> dict[str, Any]:
    rng = random.Random(seed)
    out: dict[str, Any] = {}
    for _, question in q.questions():
        roll = rng.random()
        if roll < skip:
            continue
        if roll < skip + unsure:
            out[question.id] = UNSURE
            continue
        if question.allow_na and roll < skip + unsure + na:
            out[question.id] = NA
            continue
        level = min(max(rng.gauss(maturity, 0.15), 0.0), 1.0)
        if isinstance(question, MultiQuestion):
            practices = [c.id for c in question.choices if not c.none_of_these]
            out[question.id] = [c for c in practices if rng.random() < level]
        else:
            ordered = sorted(question.choices, key=question.score_of)
            out[question.id] = ordered[min(len(ordered) - 1, int(level * len(ordered)))].id
    return out


@st.composite
def teams(draw: st.DrawFn, q: Questionnaire) -> dict[str, Any]:
    facts: dict[str, Any] = {"name": "T"}
    optional = {
        "engineers": st.integers(1, 30),
        "services": st.integers(0, 80),
        "teams_in_org": st.integers(1, 120),
        "sre_count": st.integers(0, 40),
        "on_call_engineers": st.integers(0, 12),
        "pages_per_week": st.integers(0, 90),
        "incidents_per_week": st.integers(0, 60),
    }
    for name, strategy in optional.items():
        if draw(st.booleans()) or name in ("pages_per_week", "sre_count"):
            facts[name] = draw(strategy)
    ready = draw(st.booleans())  # half the teams are mature and quiet enough to reach every gate
    if ready:
        facts["pages_per_week"] = draw(st.integers(0, 24))
        facts.pop("incidents_per_week", None)
    setup = draw(st.sampled_from(SETUPS))
    if setup is not None:
        facts["current_setup"] = setup
        if draw(st.booleans()):
            facts["setup_since"] = dt.date(2026, 6, 1) - dt.timedelta(days=draw(st.integers(0, 1500)))
    return {
        "facts": facts,
        "answers": answers_for(
            q,
            draw(st.integers(0, 2**32)),
            draw(st.floats(0.8, 1.0) if ready else st.floats(0.0, 1.0)),
            0.0 if ready else draw(st.sampled_from((0.0, 0.02, 0.1, 0.3))),
            draw(st.sampled_from((0.0, 0.05, 0.2))),
            0.0 if ready else draw(st.sampled_from((0.0, 0.02, 0.1, 0.4))),
        ),
    }


def advise(q: Questionnaire, team: dict[str, Any], **facts: Any) -> Topology:
    answers = Answers.model_validate(
        {
            "questionnaire": q.id,
            "assessed_at": dt.date(2026, 6, 1),
            "team": team["facts"] | facts,
            "answers": team["answers"],
        }
    )
    resolved, problems = resolve(q, answers)
    assert not problems
    scored = score_all(q, resolved)
    return topology.advise(readings.read(q, resolved, scored, answers.team, answers.assessed_at))


def separate_standing(t: Topology) -> tuple[bool, float]:
    sep = next(c for c in t.candidates if c.pattern == "separate")
    others = [c.points for c in t.candidates if c.pattern != "separate" and c.eligible]
    return sep.eligible, sep.points - max(others)


@functools.cache
def sre_core() -> Questionnaire:
    return catalog.load("sre-core")[0]


@SETTINGS
@given(data=st.data(), more=st.integers(1, 60))
def test_raising_sre_count_alone_never_moves_a_team_to_separate(data: st.DataObject, more: int) -> None:
    mature_q = sre_core()
    team = data.draw(teams(mature_q))
    base = team["facts"].get("sre_count", 0)
    before = advise(mature_q, team)
    after = advise(mature_q, team, sre_count=base + more)
    if before.recommended != "separate":
        assert after.recommended != "separate"
    if separate_standing(after)[0]:
        assert separate_standing(before)[0]


@SETTINGS
@given(data=st.data(), more=st.one_of(st.integers(1, 10), st.integers(1, 80)))
def test_raising_pages_never_moves_a_team_towards_separate(data: st.DataObject, more: int) -> None:
    mature_q = sre_core()
    team = data.draw(teams(mature_q))
    before = advise(mature_q, team)
    after = advise(mature_q, team, pages_per_week=team["facts"]["pages_per_week"] + more)
    if before.recommended != "separate":
        assert after.recommended != "separate"
    eligible_after, margin_after = separate_standing(after)
    eligible_before, margin_before = separate_standing(before)
    if eligible_after:
        assert eligible_before and margin_after <= margin_before


@SETTINGS
@given(data=st.data(), share=st.floats(0.05, 1.0), to=st.sampled_from((UNSURE, NA, "mixed")))
def test_more_na_or_unsure_never_raises_confidence(data: st.DataObject, share: float, to: str) -> None:
    mature_q = sre_core()
    team = data.draw(teams(mature_q))
    before = advise(mature_q, team)
    rng = random.Random(data.draw(st.integers(0, 2**32)))
    changed = dict(team["answers"])
    allow_na = {q.id for _, q in mature_q.questions() if q.allow_na}
    for qid, value in team["answers"].items():
        if value in (UNSURE, NA) or rng.random() > share:
            continue
        pick = to if to != "mixed" else rng.choice((UNSURE, NA))
        changed[qid] = NA if pick == NA and qid in allow_na else UNSURE
    after = advise(mature_q, {"facts": team["facts"], "answers": changed})
    assert after.confidence <= before.confidence


@settings(max_examples=60, deadline=None)
@given(data=st.data(), n=st.integers(2, 9), sres=st.one_of(st.none(), st.integers(0, 30)))
def test_the_organisation_never_spends_more_sres_than_it_has(
    data: st.DataObject, n: int, sres: int | None
) -> None:
    mature_q = sre_core()
    inputs = []
    for i in range(n):
        team = data.draw(teams(mature_q))
        facts = dict(team["facts"], name=f"Team {i}")
        facts.pop("sre_count", None)
        if sres is not None:
            facts["sre_count"] = sres
        answers = Answers.model_validate(
            {
                "questionnaire": mature_q.id,
                "assessed_at": dt.date(2026, 6, 1),
                "team": facts,
                "answers": team["answers"],
            }
        )
        resolved, _ = resolve(mature_q, answers)
        inputs.append(TeamInput(f"t{i}.yaml", answers, resolved))
    topo = rollup(mature_q, inputs).topology
    head = topo.headcount
    assert head is not None
    assert head.embedded + head.enabling + head.separate <= (sres or 0)
    assert head.embedded == sum(c.staffed for c in topo.embedded_first)
    embedded = {c.team for c in topo.embedded_first}
    for api in topo.team_apis:
        if api.type in ("platform", "enabling"):
            assert not embedded & {i.team for i in api.interactions}, api.name
    platform = next((a for a in topo.team_apis if a.type == "platform"), None)
    enabling = next((a for a in topo.team_apis if a.type == "enabling"), None)
    if platform and enabling:
        pilots = {i.team for i in platform.interactions if i.mode == "collaboration"}
        assert not pilots & {i.team for i in enabling.interactions}
    carried = {a.id for a in topo.anti_patterns}
    assert carried == {ap for r in rollup(mature_q, inputs).teams for ap in r.anti_patterns}


def test_an_unsure_prerequisite_adds_no_evidence() -> None:
    """A follow-up settled by its missing prerequisite is known evidence; when the prerequisite
    becomes unsure the follow-ups open up, so the evidence can only shrink (found by the property
    above: before this, the answered follow-ups counted as new evidence and confidence rose)."""
    q = sre_core()
    follow_ups = [qq for _, qq in q.questions() if "slo.defined" in qq.depends_on]
    assert follow_ups
    answers: dict[str, Any] = {}
    for _, question in q.questions():
        if isinstance(question, MultiQuestion):
            answers[question.id] = []
        else:
            answers[question.id] = min(question.choices, key=question.score_of).id
    facts = {"name": "T", "sre_count": 2, "pages_per_week": 5, "teams_in_org": 10, "engineers": 7}
    before = advise(q, {"facts": facts, "answers": answers})
    after = advise(q, {"facts": facts, "answers": {**answers, "slo.defined": UNSURE}})
    assert before.evidence is not None and after.evidence is not None
    assert before.evidence.known_share >= after.evidence.known_share
    assert after.confidence <= before.confidence
