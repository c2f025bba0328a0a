"""The answers file's actions section: what was agreed per roadmap action, read against the answers.

"Done but unchanged" and "overdue" fire when they should and stay quiet otherwise; an accepted risk
stays listed but leaves the plan; an entry whose step the answers reach is closed, and the next step
is a new action; compare and history say which actions closed and opened; the organisation counts
them; migrate carries them; unknown root causes get a located "did you mean".
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from test_schema_agrees import HEAD, loader_accepts, schema_accepts

from assess.engine import assess
from assess.errors import InvalidInput
from assess.models import Answers, Assessment, BacklogItem, Questionnaire, RoadmapItem
from assess.pipeline.org import compare_files, history_of
from assess.pipeline.team import load_team
from assess.schema import answers_for

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
PAYMENTS = (EXAMPLES / "payments-product-team.yaml").read_text(encoding="utf-8")
# In the payments example, obs.customer-journeys is answered "customers": its action aims at
# "infrastructure", and it is a top risk started now. iac.prod-access is one too.
JOURNEYS = "obs.customer-journeys"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assess", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=120,
    )


def team_file(
    tmp_path: Path,
    actions: str,
    *,
    assessed: str = "2026-03-18",
    journeys: str | None = None,
    name: str = "t",
) -> Path:
    text = PAYMENTS.replace("assessed_at: 2026-03-18", f"assessed_at: {assessed}")
    if journeys is not None:
        text = re.sub(
            r"  obs.customer-journeys:\n    choice: \S+",
            f"  obs.customer-journeys:\n    choice: {journeys}",
            text,
        )
    path = tmp_path / f"{name}.yaml"
    path.write_text(text + ("actions:\n" + actions if actions else ""), encoding="utf-8")
    return path


def assessed(path: Path, as_of: dt.date | None = None) -> Assessment:
    return load_team(path).assess(as_of=as_of)


def tracked(a: Assessment, root: str) -> dict[str, object]:
    return next(t for t in a.actions if t.root_cause == root).model_dump(mode="json")


DONE_JOURNEYS = """  obs.customer-journeys:
    status: done
    since: 2026-04-01
    done_when: {obs.customer-journeys: infrastructure}
"""


# ---- done, but unchanged ------------------------------------------------------------------------


def test_done_but_unchanged_fires_when_answers_given_after_it_do_not_reach_the_step(tmp_path: Path) -> None:
    a = assessed(team_file(tmp_path, DONE_JOURNEYS, assessed="2026-06-18"))
    item = next(i for i in a.roadmap if i.root_cause == JOURNEYS)
    assert item.tracking is not None and item.tracking.status == "done"
    assert item.tracking.unchanged is not None
    assert item.tracking.unchanged.startswith(
        "Marked done on 2026-04-01, but obs.customer-journeys is unchanged: still “We hear about it from "
        "customers or support”, not yet “We monitor hosts and infrastructure"
    )
    assert tracked(a, JOURNEYS)["state"] == "now"
    # Every renderer says so.
    assert (
        "Marked done on 2026-04-01, but obs.customer-journeys is unchanged"
        in run("score", str(tmp_path / "t.yaml")).stdout
    )
    markdown = run("report", str(tmp_path / "t.yaml"), "-f", "markdown").stdout
    assert "### Marked done, but unchanged" in markdown


def test_done_stays_quiet_until_the_next_assessment(tmp_path: Path) -> None:
    # The answers are from before the day it was marked done: the next assessment will tell.
    a = assessed(team_file(tmp_path, DONE_JOURNEYS, assessed="2026-03-18"))
    assert tracked(a, JOURNEYS)["unchanged"] is None
    assert "unchanged" not in run("score", str(tmp_path / "t.yaml")).stdout


def test_done_that_reached_its_step_is_closed_and_the_next_step_is_new(tmp_path: Path) -> None:
    a = assessed(team_file(tmp_path, DONE_JOURNEYS, assessed="2026-06-18", journeys="infrastructure"))
    entry = tracked(a, JOURNEYS)
    assert entry["state"] == "closed" and entry["unchanged"] is None
    assert "obs.customer-journeys is now “We monitor hosts and infrastructure" in str(entry["closed"])
    rows: list[RoadmapItem | BacklogItem] = [*a.roadmap, *a.beyond_horizon]
    item = next(i for i in rows if i.root_cause == JOURNEYS)
    assert item.tracking is None  # the next step: nothing agreed for it yet
    assert [t.choice for t in item.done_when] != ["infrastructure"]


def test_done_without_done_when_is_not_judged_on_one_file(tmp_path: Path) -> None:
    actions = "  obs.customer-journeys:\n    status: done\n    since: 2026-04-01\n"
    a = assessed(team_file(tmp_path, actions, assessed="2026-06-18"))
    assert tracked(a, JOURNEYS)["unchanged"] is None  # which step was done is not known here


def test_a_find_out_marked_done_is_checked_against_what_is_still_unsure(tmp_path: Path) -> None:
    path = team_file(
        tmp_path, "  find-out:learning:\n    status: done\n    since: 2026-04-01\n", assessed="2026-06-18"
    )
    a = assessed(path)
    assert tracked(a, "find-out:learning")["unchanged"] == (
        "Marked done on 2026-04-01, but 1 answer in Learning culture and postmortems is still unsure: "
        "learn.blameless."
    )
    answered = path.read_text(encoding="utf-8").replace(
        "learn.blameless:\n    choice: unsure", "learn.blameless:\n    choice: systemic"
    )
    assert answered != path.read_text(encoding="utf-8")
    path.write_text(answered, encoding="utf-8")
    assert tracked(assessed(path), "find-out:learning")["state"] == "closed"


# ---- overdue ------------------------------------------------------------------------------------

OVERDUE = """  iac.prod-access:
    status: in-progress
    owner: Bo
    due: 2026-03-01
  obs.customer-journeys:
    status: planned
    due: 2026-03-10
  rel.cd:
    status: done
    due: 2026-01-01
  slo.defined:
    status: planned
    due: 2026-09-01
"""


def test_overdue_fires_for_open_actions_past_due_and_comes_first(tmp_path: Path) -> None:
    a = assessed(team_file(tmp_path, OVERDUE))  # as of assessed_at, 2026-03-18
    late = {t.root_cause: t.overdue_days for t in a.actions}
    assert late == {"iac.prod-access": 17, JOURNEYS: 8, "rel.cd": None, "slo.defined": None}
    assert [t.root_cause for t in a.actions][:2] == ["iac.prod-access", JOURNEYS]  # most overdue first
    # A later day makes more of them overdue; the engine reads no clock.
    later = assessed(tmp_path / "t.yaml", as_of=dt.date(2026, 9, 2))
    assert {t.root_cause: t.overdue_days for t in later.actions}["slo.defined"] == 1
    text = run("score", str(tmp_path / "t.yaml")).stdout
    block = text[text.index("  Overdue") : text.index("  Now (days")]
    assert block.index("Production access") < block.index("Customer journey monitoring")
    assert "overdue by 17 days" in block
    markdown = run("report", str(tmp_path / "t.yaml"), "-f", "markdown").stdout
    plan = markdown[markdown.index("## The plan") :]
    assert plan.index("### Overdue") < plan.index("| # | Action")
    assert (
        "| Status | Due | Agreed owner |" in markdown
        and "| in progress | 2026-03-01, overdue by 17 days | Bo |" in markdown
    )


def test_overdue_stays_quiet_when_nothing_is_late(tmp_path: Path) -> None:
    a = assessed(team_file(tmp_path, OVERDUE), as_of=dt.date(2026, 2, 1))
    assert all(t.overdue_days is None for t in a.actions)
    assert (
        "Overdue"
        not in run("score", str(tmp_path / "t.yaml"), "-f", "markdown").stdout.split("## Roadmap")[1][:50]
    )


# ---- accepted risk ------------------------------------------------------------------------------


def test_an_accepted_risk_stays_listed_but_leaves_the_plan(tmp_path: Path) -> None:
    plain = assessed(team_file(tmp_path, "", name="plain"))
    assert any(i.root_cause == "iac.prod-access" and i.phase == "now" for i in plain.roadmap)
    actions = '  iac.prod-access:\n    status: accepted-risk\n    reason: "the estate is retired in Q3"\n'
    a = assessed(team_file(tmp_path, actions))
    assert "iac.prod-access" not in {i.root_cause for i in a.roadmap}
    beyond = next(b for b in a.beyond_horizon if b.root_cause == "iac.prod-access")
    assert beyond.reason == "accepted-risk" and beyond.tracking is not None
    risk = next(r for r in a.risks if r.question == "iac.prod-access")
    assert risk.action_status == "accepted-risk" and not risk.top and risk.planned == "beyond"
    assert len(a.roadmap) == len(plain.roadmap)  # the slot in now went to the next action
    assert "Risks accepted" in run("score", str(tmp_path / "t.yaml")).stdout


def test_an_accepted_risk_needs_a_reason(tmp_path: Path) -> None:
    result = run("validate", str(team_file(tmp_path, "  iac.prod-access:\n    status: accepted-risk\n")))
    assert result.returncode == 1
    assert "an accepted risk needs a 'reason'" in result.stderr


# ---- the file ------------------------------------------------------------------------------------


def test_unknown_root_causes_get_a_located_did_you_mean(tmp_path: Path) -> None:
    actions = "  obs.customer-journey:\n    status: planned\n"
    actions += "  iac.prod-access:\n    done_when: {iac.prod-acess: x}\n"
    path = team_file(tmp_path, actions)
    line = PAYMENTS.count("\n") + 2
    result = run("score", str(path))
    assert result.returncode == 1
    assert (
        f"{path}:{line}:3: unknown root cause 'obs.customer-journey'; did you mean 'obs.customer-journeys'?"
        in result.stderr
    )
    assert (
        f"{path}:{line + 3}:17: 'iac.prod-acess' is not a question of root cause 'iac.prod-access'; "
        "did you mean 'iac.prod-access'?" in result.stderr
    )


def test_a_done_when_choice_must_exist(tmp_path: Path) -> None:
    path = team_file(tmp_path, "  iac.prod-access:\n    done_when: {iac.prod-access: fewer}\n")
    with pytest.raises(InvalidInput) as raised:
        load_team(path)
    assert "iac.prod-access: unknown choice 'fewer'" in str(raised.value.diagnostics[0])


def test_the_section_round_trips_through_the_command_line(tmp_path: Path) -> None:
    actions = """  iac.prod-access:
    status: in-progress
    owner: "ana@example.com"
    due: 2026-04-30
    link: https://tracker.example/PAY-7
    since: 2026-03-20
    done_when: {iac.prod-access: few-standing}
"""
    path = team_file(tmp_path, actions)
    data = json.loads(run("score", str(path), "-f", "json").stdout)
    item = next(i for i in data["roadmap"] if i["root_cause"] == "iac.prod-access")
    assert item["tracking"] == {
        "status": "in-progress",
        "owner": "ana@example.com",
        "due": "2026-04-30",
        "link": "https://tracker.example/PAY-7",
        "reason": None,
        "since": "2026-03-20",
        "overdue_days": None,
        "unchanged": None,
    }
    assert item["done_when"] == [
        {"question": "iac.prod-access", "choice": "few-standing", "label": item["done_when"][0]["label"]}
    ]
    assert [a["root_cause"] for a in data["actions"]] == ["iac.prod-access"]
    # assess actions -f json gives the done_when to copy back: the same step.
    exported = json.loads(run("actions", str(path), "-f", "json").stdout)
    mine = next(x for x in exported["actions"] if x["root_cause"] == "iac.prod-access")
    assert mine["done_when"] == {"iac.prod-access": "few-standing"} and mine["owner"] == "ana@example.com"
    # YAML output carries it too, and the file itself is unchanged.
    assert (
        yaml.safe_load(run("score", str(path), "-f", "yaml").stdout)["actions"][0]["status"] == "in-progress"
    )
    assert path.read_text(encoding="utf-8").endswith(actions)


def test_the_answers_schema_lists_each_root_cause(sre_core: Questionnaire) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = answers_for(sre_core)
    actions = schema["properties"]["actions"]
    assert "obs.alert-runbooks" in actions["properties"] and "find-out:observability" in actions["properties"]
    assert actions["additionalProperties"] is False
    base = json.loads(json.dumps(yaml.safe_load(PAYMENTS), default=str))  # dates as the loader reads them
    good = {
        **base,
        "actions": {"obs.alert-runbooks": {"status": "done", "done_when": {"obs.alert-runbooks": "most"}}},
    }
    jsonschema.validate(good, schema)
    for bad in (
        {"obs.alert-runbook": {"status": "done"}},
        {"obs.alert-runbooks": {"status": "finished"}},
        {"obs.alert-runbooks": {"status": "accepted-risk"}},
        {"obs.alert-runbooks": {"done_when": {"obs.alert-runbooks": "every"}}},
    ):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({**base, "actions": bad}, schema)


# ---- between assessments -----------------------------------------------------------------------


def two_assessments(tmp_path: Path) -> tuple[Path, Path]:
    old = team_file(
        tmp_path,
        "  obs.customer-journeys:\n    status: planned\n"
        "    done_when: {obs.customer-journeys: infrastructure}\n"
        "  iac.prod-access:\n    status: in-progress\n",
        name="march",
    )
    new = team_file(
        tmp_path,
        DONE_JOURNEYS + "  iac.prod-access:\n    status: done\n    since: 2026-05-02\n",
        assessed="2026-06-18",
        journeys="infrastructure",
        name="june",
    )
    return old, new


def test_compare_shows_actions_closed_opened_and_done_in_vain(tmp_path: Path) -> None:
    old, new = two_assessments(tmp_path)
    c, _ = compare_files(old, new)
    assert [(x.root_cause, x.old_status, x.new_status) for x in c.actions_closed] == [
        (JOURNEYS, "planned", "done")
    ]
    assert c.actions_closed[0].why.startswith("improved: obs.customer-journeys from “We hear about it")
    opened = {x.root_cause: x for x in c.actions_opened}
    assert opened[JOURNEYS].why == "the next step" and opened[JOURNEYS].new_status is None
    # iac.prod-access carries no done_when: the previous assessment is what it is checked against.
    assert [(x.root_cause, x.why) for x in c.actions_done_unchanged] == [
        ("iac.prod-access", "Marked done on 2026-05-02, but iac.prod-access is unchanged since 2026-03-18.")
    ]
    text = run("compare", str(old), str(new)).stdout
    assert "Actions closed (1)" in text and "Marked done, but unchanged (1)" in text
    assert "## Actions" in run("compare", str(old), str(new), "-f", "markdown").stdout


def test_compare_stays_quiet_when_nothing_was_marked_done(tmp_path: Path) -> None:
    old = team_file(tmp_path, "", name="a")
    new = team_file(tmp_path, "", assessed="2026-06-18", name="b")
    c, _ = compare_files(old, new)
    assert c.actions_closed == [] and c.actions_opened == [] and c.actions_done_unchanged == []


def test_history_shows_actions_closed_and_opened_per_assessment(tmp_path: Path) -> None:
    old, new = two_assessments(tmp_path)
    h, _ = history_of([old, new])
    assert len(h.steps) == 1
    assert [x.root_cause for x in h.steps[0].actions_closed] == [JOURNEYS]
    assert [x.root_cause for x in h.steps[0].actions_done_unchanged] == ["iac.prod-access"]
    text = run("history", str(old), str(new)).stdout
    assert "2026-06-18: closed: Customer journey monitoring" in text
    page = run("history", str(old), str(new), "-f", "html").stdout
    assert "Actions closed:</span> Customer journey monitoring." in page
    assert "Marked done, but unchanged:</span> Production access." in page
    markdown = run("history", str(old), str(new), "-f", "markdown").stdout
    assert "- **Actions:** closed: Customer journey monitoring;" in markdown


# ---- the organisation -----------------------------------------------------------------------------


def test_org_counts_actions_by_status_and_lists_the_overdue(tmp_path: Path) -> None:
    folder = tmp_path / "org"
    folder.mkdir()
    team_file(folder, OVERDUE, name="payments")
    (folder / "startup.yaml").write_text((EXAMPLES / "startup-sre-native.yaml").read_text(encoding="utf-8"))
    data = json.loads(run("org", str(folder), "-f", "json", "--date", "2026-03-18").stdout)
    rows = {t["name"]: t for t in data["teams"]}
    assert rows["Payments"]["actions"] == {
        "planned": 2,
        "in-progress": 1,
        "done": 1,
        "accepted-risk": 0,
        "closed": 0,
    }
    assert rows["Payments"]["overdue_actions"] == 2
    assert [(o["team"], o["root_cause"], o["days"]) for o in data["overdue"]] == [
        ("Payments", "iac.prod-access", 17),
        ("Payments", JOURNEYS, 8),
    ]
    assert not next(t for t in data["teams"] if t["name"] != "Payments")["actions"]
    markdown = run("org", str(folder), "--date", "2026-03-18").stdout
    assert (
        "## Actions agreed" in markdown
        and "Production access (`iac.prod-access`), due 2026-03-01, 17 days late, Bo" in markdown
    )
    assert "Actions agreed" in run("org", str(folder), "-f", "html").stdout
    csv_file = tmp_path / "actions.csv"
    assert run("org", str(folder), "--actions-csv", str(csv_file), "--date", "2026-03-18").returncode == 0
    lines = csv_file.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("team,assessed_at,root_cause,title,domain,status,state,owner,due,overdue_days")
    assert (
        len(lines) == 5
        and "Payments,2026-03-18,iac.prod-access,Production access,iac,in-progress,now,Bo,2026-03-01,17"
        in lines[1]
    )


def test_org_without_actions_sections_says_nothing_of_them(tmp_path: Path) -> None:
    folder = tmp_path / "org"
    folder.mkdir()
    for name in ("startup-sre-native.yaml", "platform-toil-team.yaml"):
        (folder / name).write_text((EXAMPLES / name).read_text(encoding="utf-8"))
    data = json.loads(run("org", str(folder), "-f", "json").stdout)
    assert data["overdue"] == [] and all(t["actions"] == {} for t in data["teams"])
    assert "Actions agreed" not in run("org", str(folder)).stdout


# ---- versions -------------------------------------------------------------------------------------


def test_migrate_carries_the_actions_of_root_causes_the_new_version_has(tmp_path: Path) -> None:
    v1 = (Path(__file__).parent / "data" / "v1" / "payments-product-team.yaml").read_text(encoding="utf-8")
    path = tmp_path / "v1.yaml"
    path.write_text(
        v1 + "actions:\n  obs.alert-runbooks:\n    status: in-progress\n    owner: Ana\n    due: 2026-05-01\n"
        "    done_when: {obs.alert-runbooks: most}\n",
        encoding="utf-8",
    )
    result = run("migrate", str(path))
    assert result.returncode == 0, result.stderr
    moved = yaml.safe_load(result.stdout)["actions"]
    assert moved == {
        "obs.alert-runbooks": {
            "status": "in-progress",
            "owner": "Ana",
            "due": "2026-05-01",
            "done_when": {"obs.alert-runbooks": "most"},
        }
    }


def test_the_engine_alone_reads_the_section(sre_core: Questionnaire) -> None:
    data = yaml.safe_load(PAYMENTS)
    data["assessed_at"] = "2026-06-18"
    data["actions"] = {
        JOURNEYS: {"status": "done", "since": "2026-04-01", "done_when": {JOURNEYS: "infrastructure"}}
    }
    first = assess(sre_core, Answers.model_validate(data))
    again = assess(sre_core, Answers.model_validate(data))
    assert first == again  # pure: the same inputs, the same result
    assert first.actions[0].unchanged is not None


# ---- the schema and the loader agree on the section -------------------------------------------------

SECTION_CASES = [
    ("an empty actions section", "actions:\n", True),
    ("a status only", "actions:\n  obs.alert-runbooks: {status: done}\n", True),
    ("no status: planned", "actions:\n  obs.alert-runbooks: {owner: Ana}\n", True),
    (
        "every field",
        "actions:\n  iac.coverage: {status: in-progress, owner: Ana, due: 2026-05-01, "
        "link: 'https://t.example/1', reason: x, since: 2026-04-01, done_when: {iac.coverage: partial}}\n",
        True,
    ),
    ("a find-out", "actions:\n  find-out:observability: {status: planned}\n", True),
    ("an unknown root cause", "actions:\n  obs.alert-runbook: {status: done}\n", False),
    ("a find-out of no area", "actions:\n  find-out:observabilty: {status: done}\n", False),
    ("an unknown status", "actions:\n  obs.alert-runbooks: {status: finished}\n", False),
    ("an accepted risk without a reason", "actions:\n  obs.alert-runbooks: {status: accepted-risk}\n", False),
    (
        "an accepted risk with a blank reason",
        "actions:\n  obs.alert-runbooks: {status: accepted-risk, reason: ' '}\n",
        False,
    ),
    (
        "an accepted risk with a reason",
        "actions:\n  obs.alert-runbooks: {status: accepted-risk, reason: later}\n",
        True,
    ),
    ("a due date that does not exist", "actions:\n  obs.alert-runbooks: {due: 2026-02-30}\n", False),
    ("a due date as text", "actions:\n  obs.alert-runbooks: {due: next week}\n", False),
    ("an unknown field", "actions:\n  obs.alert-runbooks: {state: done}\n", False),
    ("an empty entry", "actions:\n  obs.alert-runbooks:\n", False),
    (
        "done_when on another question",
        "actions:\n  obs.alert-runbooks: {done_when: {iac.coverage: partial}}\n",
        False,
    ),
    (
        "done_when with an unknown choice",
        "actions:\n  obs.alert-runbooks: {done_when: {obs.alert-runbooks: every}}\n",
        False,
    ),
    ("an empty done_when", "actions:\n  obs.alert-runbooks: {done_when: }\n", True),
]


@pytest.mark.parametrize(("text", "valid"), [pytest.param(t, v, id=name) for name, t, v in SECTION_CASES])
def test_the_schema_and_the_loader_agree_on_the_section(text: str, valid: bool, tmp_path: Path) -> None:
    loader, why_loader = loader_accepts(HEAD + text, "sre-core", tmp_path)
    schema, why_schema = schema_accepts(HEAD + text, "sre-core")
    assert (loader, schema) == (valid, valid), (why_loader, why_schema)


def test_the_html_report_shows_what_was_agreed_as_text(tmp_path: Path) -> None:
    hostile = '<img src="file:///etc/passwd"> =cmd'
    path = team_file(tmp_path, OVERDUE.replace("owner: Bo", f"owner: '{hostile}'"))
    page = run("report", str(path), "-f", "html").stdout
    assert 'id="overdue"' in page and '<th scope="col">Agreed owner</th>' in page
    assert "&lt;img src=" in page and '<img src="file' not in page
