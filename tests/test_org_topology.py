"""Organisation advice built from the teams' own advice: headcount, pilots, warnings carried up."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from test_scenarios import build

from assess.cli import main
from assess.engine.answers import resolve
from assess.engine.org import TeamInput, rollup
from assess.models.org import OrgRollup
from assess.pipeline.org import load_org
from assess.pipeline.org import rollup as pipeline_rollup

SCENARIOS = Path(__file__).resolve().parent / "scenarios"


def org(*names: str, sre_count: int | None, **facts: Any) -> OrgRollup:
    inputs = []
    q = None
    for i, name in enumerate(names):
        spec = yaml.safe_load((SCENARIOS / f"{name}.yaml").read_text(encoding="utf-8"))
        spec["title"] = f"{spec['title']} {i}"
        team = dict(spec.get("team", {}), **facts)
        team.pop("sre_count", None)
        if sre_count is not None:
            team["sre_count"] = sre_count
        spec["team"] = team
        q, answers = build(spec)
        resolved, problems = resolve(q, answers)
        assert not problems
        inputs.append(TeamInput(f"{name}-{i}.yaml", answers, resolved))
    assert q is not None
    return rollup(q, inputs)


def test_embeddings_beyond_the_headcount_wait_for_hires() -> None:
    r = org(*["team-lacking-skills"] * 4, "overloaded-pager-small-rotation", sre_count=2, teams_in_org=20)
    topo = r.topology
    assert topo.headcount is not None
    assert topo.headcount.embedded == 2 and topo.headcount.hires >= 3
    assert [c.staffed for c in topo.embedded_first].count(True) == 2
    assert topo.embedded_first[0].team.startswith("Three-person rotation")  # the overloaded team goes first
    assert any("waits for a hire" in c.why for c in topo.embedded_first)
    assert any("to hire" in line for line in topo.headcount.why)


def test_a_platform_is_never_piloted_with_the_teams_getting_an_embedded_sre() -> None:
    r = org(
        *["toil-shared-many-teams"] * 3,
        *["platform-with-embedded-overload"] * 3,
        sre_count=3,
        teams_in_org=20,
    )
    topo = r.topology
    assert topo.platform.recommended
    embedded = {c.team for c in topo.embedded_first}
    assert embedded
    platform = next(a for a in topo.team_apis if a.type == "platform")
    pilots = {i.team for i in platform.interactions if i.mode == "collaboration"}
    assert pilots and not pilots & embedded


def test_the_teams_warnings_are_carried_up() -> None:
    r = org(
        "big-org-sres-no-slos-dominant-toil", "ops-renamed-sre-embedded", "small-nimble-team", sre_count=10
    )
    by_id = {a.id: a for a in r.topology.anti_patterns}
    assert by_id["fake-sre"].count == 2 and "Anti-Type H" in by_id["fake-sre"].why
    assert any("SRE in name only" in w for w in r.topology.separate.why)
    assert {t.name for t in r.teams if "fake-sre" in t.anti_patterns} == set(by_id["fake-sre"].teams)


def test_an_sre_team_is_proposed_only_for_teams_whose_own_advice_is_to_hand_over() -> None:
    kept = org("type-7-working", "type-7-working", "small-nimble-team", sre_count=20, teams_in_org=30)
    assert kept.topology.separate.recommended
    assert kept.topology.headcount is not None and kept.topology.headcount.separate == 8
    assert any(a.type == "sre" for a in kept.topology.team_apis)
    overloaded = org(*["overloaded-pager-big-org"] * 3, sre_count=25)
    assert not overloaded.topology.separate.recommended
    assert any("embedded SRE to cut the load first" in w for w in overloaded.topology.separate.why)


def test_sparse_teams_and_a_questionnaire_without_roles_are_named() -> None:
    r = org("all-unsure", "team-lacking-skills", sre_count=3)
    assert r.topology.not_enough_evidence == ["Every question answered unsure 0"]
    no_roles = org(*["questionnaire-without-roles"] * 2, sre_count=3)
    assert any("advice roles" in n for n in no_roles.topology.notes)


DATA_ORGS = Path(__file__).resolve().parent / "data" / "orgs"


def rolled_up(name: str) -> OrgRollup:
    return pipeline_rollup(load_org([DATA_ORGS / name], progress_bar=False), dt.date(2026, 6, 1))


def test_a_four_team_company_is_not_told_to_hire_a_coaching_team() -> None:
    # 4 teams and 1 SRE: start with the practice, not headcount (the talk); Google staffs a
    # dedicated consulting team only in a large organisation [G-org].
    topo = rolled_up("small-startup").topology
    assert topo.headcount is not None
    assert topo.headcount.hires == 0, topo.headcount.why
    assert topo.headcount.embedded + topo.headcount.enabling + topo.headcount.separate <= 1


def test_no_enabling_team_is_proposed_with_nobody_left_to_coach() -> None:
    # Six identical teams: every one either gets an embedded SRE or pilots the platform first.
    topo = rolled_up("identical-teams").topology
    for api in topo.team_apis:
        if api.type == "enabling":
            assert api.interactions, "an enabling team that coaches nobody"
    if not topo.enabling.recommended:
        assert any("coaching follows" in line for line in topo.enabling.why)


def test_a_proposed_platform_team_is_counted_in_the_staffing() -> None:
    topo = rolled_up("platform-no-sres").topology
    assert topo.platform.recommended and topo.headcount is not None
    assert any("platform team comes on top" in line for line in topo.headcount.why)
    assert topo.headcount.why[0].startswith("Spends no SRE: the organisation has none yet")


def test_files_that_disagree_on_the_sre_headcount_are_pointed_out() -> None:
    topo = rolled_up("headcount-typo").topology
    assert topo.headcount is not None
    assert any("different SRE headcounts (2 to 50)" in line for line in topo.headcount.why)


def test_an_existing_sre_team_is_not_advised_as_a_first_one() -> None:
    topo = rolled_up("sre-team-exists").topology
    assert topo.separate.recommended
    assert topo.google_implementation is not None and "a first SRE team" not in topo.google_implementation
    assert not any("before forming an SRE team" in line for line in topo.separate.why)
    assert topo.headcount is not None
    used = topo.headcount.embedded + topo.headcount.enabling + topo.headcount.separate
    assert used <= 12  # never more SREs than the organisation has


def test_files_that_count_fewer_teams_than_are_rolled_up_are_pointed_out() -> None:
    r = rolled_up("teams-in-org-too-small")
    assert any("some files give a smaller organisation" in note for note in r.topology.notes)


def test_the_roll_up_notes_reach_the_reports(capsys: pytest.CaptureFixture[str]) -> None:
    folder = str(DATA_ORGS / "teams-in-org-too-small")
    for fmt in ("markdown", "html"):
        assert main(["--quiet", "org", folder, "-f", fmt, "--date", "2026-06-01"]) == 0
        assert "some files give a smaller organisation" in capsys.readouterr().out, fmt


def test_files_that_name_the_same_team_are_pointed_out() -> None:
    notes = rolled_up("one-team-many-files").topology.notes
    assert any("6 files name the same team (Team A)" in note for note in notes), notes
