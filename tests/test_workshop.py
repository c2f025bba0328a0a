"""Workshop mode: participants' files merged into one team file (votes, consensus, ranking), anonymity in
every output, the threshold below which no spread is shown, confidence, freshness and the due list."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
import yaml
from workshop_support import SECRET, Answer, participant, three

from assess import catalog
from assess.cli import main
from assess.engine import assess
from assess.engine.answers import Voted
from assess.engine.workshop import consensus, level, spread
from assess.loading import parse_yaml
from assess.models import Assessment
from assess.pipeline.consensus import consensus as merge_files
from assess.pipeline.team import load_team
from assess.resources import examples_dir

SRE_CORE, _ = catalog.load("sre-core")
ROOT = Path(__file__).resolve().parent.parent


def question(qid: str):  # type: ignore[no-untyped-def]
    found = SRE_CORE.question(qid)
    assert found is not None
    return found


def merge(tmp_path: Path, files: list[Path], *extra: str, name: str = "team.yaml") -> Path:
    out = tmp_path / name
    assert main(["--quiet", "consensus", *map(str, files), "-o", str(out), *extra]) == 0
    return out


def score(path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> Assessment:
    capsys.readouterr()
    assert main(["score", str(path), "-f", "json", *extra]) == 0
    return Assessment.model_validate_json(capsys.readouterr().out)


def raw_answers(path: Path) -> dict[str, object]:
    data = parse_yaml(path.read_text(encoding="utf-8"), str(path)).data
    assert isinstance(data, dict)
    answers = data["answers"]
    assert isinstance(answers, dict)
    return answers


# ---- the merge rules, one at a time ---------------------------------------------------------------


def votes(*values: str | tuple[str, ...]) -> list[Voted]:
    out = []
    for v in values:
        if isinstance(v, tuple):
            out.append(Voted(None, "answered", v))
        elif v in ("unsure", "n/a"):
            out.append(Voted(None, v, ()))
        else:
            out.append(Voted(None, "answered", (v,)))
    return out


def test_a_single_choice_takes_the_median_rung_and_a_tie_leans_to_caution() -> None:
    q = question("obs.alert-runbooks")
    assert consensus(q, votes("all", "some", "none")).selected == ("some",)
    assert consensus(q, votes("none", "none", "maintained", "maintained")).selected == ("none",)
    assert consensus(q, votes("all", "some", "none", "some", "most", "some", "all")).selected == ("some",)


def test_a_checklist_takes_what_more_than_half_chose() -> None:
    q = question("rel.practices")
    assert consensus(q, votes(("canary", "smoke-tests"), ("canary",), ("smoke-tests",))).selected == (
        "canary",
        "smoke-tests",
    )
    # Nothing reaches half: the question's own "none of these".
    assert consensus(q, votes(("canary",), ("smoke-tests",), ("feature-flags",))).selected == ("none",)


def test_a_majority_of_n_a_or_unsure_wins_and_no_choice_is_unsure() -> None:
    sharing = question("learn.sharing")
    assert consensus(sharing, votes("n/a", "n/a", "published")).status == "n/a"
    assert consensus(sharing, votes("n/a", "published", "published")).selected == ("published",)
    paging = question("obs.paging")
    assert consensus(paging, votes("unsure", "unsure", "causes")).status == "unsure"
    assert consensus(paging, votes("unsure", "causes")).selected == ("causes",)


def test_spread_is_the_distance_on_the_scale_and_the_split_share_of_a_checklist() -> None:
    runbooks = question("obs.alert-runbooks")
    assert spread(runbooks, votes("all", "some", "none")) == 0.75
    assert spread(runbooks, votes("some", "some", "unsure")) == 0.0  # unsure takes no side
    assert level(0.0) == "none" and level(0.25) == "some" and level(0.5) == "wide"
    practices = question("rel.practices")
    # canary (weight 1.5) and smoke-tests (1.0) are split, of 5.5 practice weight in all.
    assert spread(practices, votes(("canary", "smoke-tests"), ("canary",), ("smoke-tests",))) == round(
        2.5 / 5.5, 3
    )
    # Does it apply at all? n/a beside a choice is at least some way apart.
    assert spread(question("learn.sharing"), votes("n/a", "published", "published")) == 0.5


# ---- merging 1, 3 and 7 people --------------------------------------------------------------------


def test_one_participant_merges_to_their_own_answers_with_no_votes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    alone = participant(
        tmp_path, "ana.yaml", "Ana", {"obs.alert-runbooks": "all", "rel.practices": ["canary"]}
    )
    team = merge(tmp_path, [alone])
    answers = raw_answers(team)
    assert answers["obs.alert-runbooks"] == {"choice": "all", "consensus": "all", "voices": 1}
    assert answers["rel.practices"] == {"choices": ["canary"], "consensus": ["canary"], "voices": 1}
    own, merged = score(alone, capsys), score(team, capsys)
    assert [d.score for d in merged.domains] == [d.score for d in own.domains]
    assert merged.workshop is not None
    assert merged.workshop.voices == 1 and merged.workshop.disagreements == []
    assert merged.workshop.hidden == 2  # one voice: nothing to show
    assert all(q.workshop is None or q.workshop.votes == [] for q in merged.questions)


def test_three_participants_give_every_vote_the_consensus_and_the_ranking(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    team = merge(tmp_path, three(tmp_path))
    answers = raw_answers(team)
    runbooks = answers["obs.alert-runbooks"]
    assert isinstance(runbooks, dict)
    assert runbooks["choice"] == runbooks["consensus"] == "some"
    assert runbooks["disagreement"] == "wide"
    assert runbooks["voices"] == 3
    # Named votes by name, then the anonymous one, which has no respondent at all.
    assert runbooks["votes"] == [
        {"respondent": "Ana", "choice": "all", "note": "we have runbooks for every alert"},
        {"respondent": "Bo", "choice": "some"},
        {"choice": "none", "note": "for about half, honestly"},
    ]
    assert answers["rel.practices"] == {
        "choices": ["canary", "smoke-tests"],
        "consensus": ["canary", "smoke-tests"],
        "disagreement": "some",
        "voices": 3,
        "votes": [
            {"respondent": "Ana", "choices": ["canary", "smoke-tests"]},
            {"respondent": "Bo", "choices": ["canary"]},
            {"choices": ["smoke-tests"]},
        ],
    }
    roles = answers["inc.roles"]
    assert isinstance(roles, dict) and roles["disagreement"] == "none"

    a = score(team, capsys)
    assert a.workshop is not None
    assert (a.workshop.voices, a.workshop.anonymous, a.workshop.respondents) == (3, 1, ["Ana", "Bo"])
    ranked = [(d.question, d.disagreement, d.cost) for d in a.workshop.disagreements]
    # spread x question weight x area weight x the risk at the low end (high 3, medium 2).
    assert ranked == [
        ("obs.alert-runbooks", "wide", 0.75 * 1.5 * 3),
        ("rel.practices", "some", round(round(2.5 / 5.5, 3) * 1.5 * 3, 3)),
        ("obs.golden-signals", "wide", 0.5 * 1.5 * 2),
    ]
    assert [d.rank for d in a.workshop.disagreements] == [1, 2, 3]
    tally = {t.option: t.count for t in a.workshop.disagreements[0].tally}
    assert tally == {"none": 1, "some": 1, "most": 0, "all": 1, "maintained": 0}


def test_seven_participants_named_and_anonymous(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    runbooks = ["all", "some", "none", "some", "most", "some", "all"]
    slo = ["none", "none", "none", "agreed", "agreed", "agreed", None]  # the seventh left it open
    sharing = ["n/a", "n/a", "n/a", "n/a", "published", "published", "published"]
    paging = ["unsure", "unsure", "unsure", "unsure", "causes", "causes", "causes"]
    correlation = ["central", "central", None, None, None, None, None]  # only two answered
    who = ["Ana", "Bo", "Cy", "Di", None, "anonymous", "ANONYMOUS"]
    files = []
    for i in range(7):
        given: dict[str, Answer] = {"obs.alert-runbooks": runbooks[i], "learn.sharing": sharing[i]}
        given["obs.paging"] = paging[i]
        if slo[i]:
            given["slo.defined"] = str(slo[i])
        if correlation[i]:
            given["obs.correlation"] = str(correlation[i])
        files.append(participant(tmp_path, f"p{i}.yaml", who[i], given))
    team = merge(tmp_path, files)
    answers = raw_answers(team)

    defined = answers["slo.defined"]
    assert isinstance(defined, dict)
    assert (defined["choice"], defined["voices"], defined["disagreement"]) == ("none", 6, "wide")
    runbook = answers["obs.alert-runbooks"]
    assert isinstance(runbook, dict) and runbook["choice"] == "some"
    listed = runbook["votes"]
    assert isinstance(listed, list)
    assert [v.get("respondent") for v in listed] == ["Ana", "Bo", "Cy", "Di", None, None, None]
    # The three anonymous votes come in the order of their answers, whatever the files' order.
    assert [v["choice"] for v in listed[4:]] == ["some", "most", "all"]  # the files say most, some, all
    shared = answers["learn.sharing"]
    assert isinstance(shared, dict) and (shared["choice"], shared["disagreement"]) == ("n/a", "wide")
    unsure = answers["obs.paging"]
    assert isinstance(unsure, dict) and (unsure["choice"], unsure["disagreement"]) == ("unsure", "none")
    two = answers["obs.correlation"]
    assert two == {"choice": "central", "consensus": "central", "voices": 2}  # below 3: no votes

    a = score(team, capsys)
    assert a.workshop is not None
    assert (a.workshop.voices, a.workshop.anonymous, a.workshop.respondents) == (
        7,
        3,
        ["Ana", "Bo", "Cy", "Di"],
    )
    assert [d.question for d in a.workshop.disagreements] == [
        "slo.defined",
        "obs.alert-runbooks",
        "learn.sharing",
    ]
    assert [d.cost for d in a.workshop.disagreements] == [1.0 * 2.0 * 3, 0.75 * 1.5 * 3, 0.5 * 1.0 * 1]


# ---- anonymity ----------------------------------------------------------------------------------------


def every_output(team: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    """The text of every format a merged file can be turned into (the PDF as its extracted text)."""
    pypdf = pytest.importorskip("pypdf")
    out: dict[str, str] = {"team file": team.read_text(encoding="utf-8")}
    for fmt in ("text", "json", "yaml", "markdown", "csv"):
        capsys.readouterr()
        assert main(["score", str(team), "-f", fmt, "--date", "2027-06-01"]) == 0
        out[f"score {fmt}"] = capsys.readouterr().out
    for suffix in ("html", "md", "pdf"):
        target = tmp_path / f"report.{suffix}"
        assert main(["--quiet", "report", str(team), "-o", str(target), "--date", "2027-06-01"]) == 0
        if suffix == "pdf":
            out["report pdf"] = "\n".join(p.extract_text() for p in pypdf.PdfReader(target).pages)
        else:
            out[f"report {suffix}"] = target.read_text(encoding="utf-8")
    teams = tmp_path / "org"
    teams.mkdir()
    shutil.copy(team, teams / "team.yaml")
    shutil.copy(examples_dir() / "payments-product-team.yaml", teams / "other.yaml")
    for fmt in ("json", "markdown", "html", "csv"):
        capsys.readouterr()
        assert main(["org", str(teams), "-f", fmt, "--date", "2027-06-01"]) == 0
        out[f"org {fmt}"] = capsys.readouterr().out
    return out


def test_anonymous_names_appear_in_no_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    people = tmp_path / "people"
    people.mkdir()
    files = three(people)
    capsys.readouterr()
    assert main(["consensus", *map(str, files), "-o", str(tmp_path / "team.yaml")]) == 0
    messages = capsys.readouterr().err
    assert "1 anonymous" in messages and SECRET.casefold() not in messages.casefold()
    outputs = every_output(tmp_path / "team.yaml", tmp_path, capsys)
    for name, text in outputs.items():
        assert SECRET.casefold() not in text.casefold(), f"{name} names the anonymous participant"
        assert "zedekiah-quiet" not in text, name
    # ...while the named voices are there where votes are shown, and the anonymous vote is too.
    assert '"respondent": "Ana"' in outputs["score json"]
    assert '"respondent": null' in outputs["score json"]
    assert "for about half, honestly" in outputs["report html"]
    assert "Where the team disagreed" in outputs["report pdf"]


# ---- the threshold -----------------------------------------------------------------------------------


def test_below_the_threshold_no_vote_and_no_spread_is_kept_or_shown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    two = three(tmp_path)[:2]
    team = merge(tmp_path, two)
    runbooks = raw_answers(team)["obs.alert-runbooks"]
    assert runbooks == {"choice": "some", "consensus": "some", "voices": 2}
    a = score(team, capsys)
    assert a.workshop is not None and a.workshop.disagreements == [] and a.workshop.hidden == 4
    result = next(q for q in a.questions if q.id == "obs.alert-runbooks")
    assert result.workshop is not None
    assert (result.workshop.shown, result.workshop.votes, result.workshop.tally) == (False, [], [])
    assert result.workshop.spread is None and result.workshop.disagreement is None
    capsys.readouterr()
    assert main(["report", str(team), "-f", "markdown"]) == 0
    report = capsys.readouterr().out
    assert "had answers from fewer than 3 people" in report and "we have runbooks" not in report

    # Configured lower, the two votes are kept and shown...
    lower = merge(tmp_path, two, "--min-voices", "2", name="two.yaml")
    shown = score(lower, capsys)
    assert shown.workshop is not None
    # Equal costs keep the questionnaire's order.
    assert [d.question for d in shown.workshop.disagreements] == [
        "obs.golden-signals",
        "obs.alert-runbooks",
        "rel.practices",
    ]
    # ...and a file whose threshold is raised again by hand shows none of them.
    text = lower.read_text(encoding="utf-8").replace("min_voices: 2", "min_voices: 3")
    raised = tmp_path / "raised.yaml"
    raised.write_text(text, encoding="utf-8")
    hidden = score(raised, capsys)
    assert hidden.workshop is not None and hidden.workshop.disagreements == []
    assert all(not q.workshop.votes for q in hidden.questions if q.workshop is not None)


def test_a_threshold_below_two_is_refused(tmp_path: Path) -> None:
    assert main(["consensus", *map(str, three(tmp_path)), "--min-voices", "1"]) == 2


# ---- confidence and freshness -----------------------------------------------------------------------


def test_confidence_in_words_two_voices_and_wide_disagreement(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    agreed = {
        "obs.customer-journeys": "endpoints",
        "obs.paging": "mixed",
        "obs.correlation": "central",
        "obs.alert-runbooks": "most",
    }
    first = participant(
        tmp_path,
        "a.yaml",
        "Ana",
        {
            **agreed,
            "obs.golden-signals": "none",
            "obs.dashboards": "none",
            "obs.instrumentation": "after-incidents",
        },
    )
    second = participant(
        tmp_path,
        "b.yaml",
        None,
        {
            **agreed,
            "obs.golden-signals": "by-default",
            "obs.dashboards": "layered",
            "obs.instrumentation": "verified",
        },
    )
    team = merge(tmp_path, [first, second], "--min-voices", "2")
    a = score(team, capsys)
    observability = next(d for d in a.domains if d.id == "observability")
    assert observability.confidence is not None
    assert observability.confidence.text == "low: 2 voices, wide disagreement on 3 of 7 questions"
    assert observability.confidence.level == "low"


def test_one_voice_is_at_most_medium_and_three_agreeing_voices_are_high(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = {q.id: q.choices[-1].id for q in SRE_CORE.domain("incident-response").questions}
    alone = participant(tmp_path, "a.yaml", "Ana", answers)
    own = score(alone, capsys)
    incident = next(d for d in own.domains if d.id == "incident-response")
    assert incident.confidence is not None and incident.confidence.text == "medium: 1 voice"
    files = [participant(tmp_path, f"{n}.yaml", n, answers) for n in ("Ana", "Bo", "Cy")]
    merged = score(merge(tmp_path, files), capsys)
    incident = next(d for d in merged.domains if d.id == "incident-response")
    assert incident.confidence is not None and incident.confidence.text == "high: 3 voices"


def test_settling_a_disagreement_raises_confidence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    team = merge(tmp_path, three(tmp_path))
    before = score(team, capsys)
    text = team.read_text(encoding="utf-8").replace(
        '      - {choice: none, note: "for about half, honestly"}',
        '      - {choice: none, note: "for about half, honestly"}\n    settled: {note: "checkout only"}',
    )
    team.write_text(text, encoding="utf-8")
    after = score(team, capsys)

    def observability(a: Assessment) -> float:
        found = next(d for d in a.domains if d.id == "observability").confidence
        assert found is not None
        return found.score

    assert observability(after) > observability(before)
    assert after.workshop is not None and after.workshop.settled == 1
    assert after.workshop.disagreements[0].settled_note == "checkout only"


def test_stale_evidence_lowers_confidence_and_heads_what_to_recheck(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers: dict[str, Answer] = {
        q.id: q.choices[-1].id for q in SRE_CORE.domain("incident-response").questions
    }
    old: dict[str, Answer] = {
        **answers,
        "inc.roles": {"choice": "practiced", "evidence": {"text": "drill", "date": "2026-01-10"}},
    }
    path = participant(tmp_path, "team.yaml", None, old, assessed_at="2026-11-30")
    fresh = score(path, capsys)  # read on assessed_at: the evidence is 324 days old already
    assert fresh.freshness is not None and fresh.freshness.due is False
    assert [r.question for r in fresh.freshness.recheck] == ["inc.roles"]
    assert fresh.freshness.recheck[0].kind == "evidence"
    assert next(q for q in fresh.questions if q.id == "inc.roles").stale

    new: dict[str, Answer] = {
        **old,
        "inc.roles": {"choice": "practiced", "evidence": {"text": "drill", "date": "2026-11-20"}},
    }
    fine = score(participant(tmp_path, "fine.yaml", None, new, assessed_at="2026-11-30"), capsys)
    assert fine.freshness is not None and fine.freshness.recheck == []

    def incident(a: Assessment) -> float:
        found = next(d for d in a.domains if d.id == "incident-response").confidence
        assert found is not None
        return found.score

    assert incident(fresh) < incident(fine)

    # Read half a year later, the whole assessment is due: lower still, and its risks follow.
    later = score(path, capsys, "--date", "2027-06-01")
    assert later.freshness is not None and later.freshness.due
    assert later.freshness.age_days == 183 and later.freshness.due_on == dt.date(2027, 2, 28)
    assert incident(later) < incident(fresh)
    assert later.freshness.recheck[0].question == "inc.roles"
    assert {r.kind for r in later.freshness.recheck[1:]} == {"risk"}


def test_the_organisation_lists_who_is_due(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    teams = tmp_path / "teams"
    teams.mkdir()
    participant(teams, "old.yaml", None, {"inc.roles": "commander"}, team="Old", assessed_at="2026-01-05")
    participant(
        teams,
        "stale.yaml",
        None,
        {"inc.roles": {"choice": "commander", "evidence": {"text": "drill", "date": "2026-03-01"}}},
        team="Stale evidence",
        assessed_at="2026-11-20",
    )
    participant(teams, "new.yaml", None, {"inc.roles": "commander"}, team="New", assessed_at="2026-11-25")
    (teams / "org.yaml").write_text("organisation: Acme\nreview_days: 120\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["org", str(teams), "-f", "json", "--date", "2026-12-01"]) == 0
    rollup = json.loads(capsys.readouterr().out)
    due = rollup["reassessment"]
    assert due["review_days"] == 120 and due["as_of"] == "2026-12-01"
    assert [t["name"] for t in due["due"]] == ["Old"]
    assert due["due"][0]["why"].startswith("assessed 330 days ago; due since 2026-05-05")
    assert [t["name"] for t in due["recheck"]] == ["Stale evidence"]
    assert main(["org", str(teams), "--date", "2026-12-01"]) == 0
    markdown = capsys.readouterr().out
    assert "## Due for re-assessment" in markdown and "**Old**" in markdown


# ---- the merged file is an answers file everywhere --------------------------------------------------


def test_the_merged_file_loads_everywhere(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    team = merge(tmp_path, three(tmp_path))
    assert main(["validate", str(team)]) == 0
    assert main(["--quiet", "report", str(team), "-o", str(tmp_path / "team.pdf")]) == 0
    assert (tmp_path / "team.pdf").read_bytes().startswith(b"%PDF")
    assert main(["compare", str(team), str(team)]) == 0
    assert main(["migrate", str(team)]) == 0  # already the current version
    loaded = load_team(team)
    assert loaded.answers.workshop is not None and loaded.warnings == []
    # The app opens it as it opens any answers file (tests/test_tui_workshop.py walks it).
    schema = json.loads((tmp_path / "sre-core.v2.answers.schema.json").read_text(encoding="utf-8"))
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft7Validator(schema).validate(parse_yaml(team.read_text(encoding="utf-8"), "t").data)
    assert assess(loaded.questionnaire, loaded.answers).workshop is not None


def test_a_vote_with_an_unknown_choice_is_an_error_at_its_place(tmp_path: Path) -> None:
    team = merge(tmp_path, three(tmp_path))
    text = team.read_text(encoding="utf-8").replace(
        '{respondent: "Bo", choice: some}', "{respondent: Bo, choice: sume}"
    )
    assert "choice: sume" in text
    team.write_text(text, encoding="utf-8")
    with pytest.raises(Exception) as caught:
        load_team(team)
    message = str(caught.value.diagnostics[0])  # type: ignore[attr-defined]
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "sume" in row)
    assert (
        f"team.yaml:{line}:" in message and "unknown choice 'sume'" in message and "did you mean" in message
    )


# ---- what consensus refuses -----------------------------------------------------------------------------


def test_consensus_refuses_mixed_teams_versions_repeated_people_and_merged_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ana = participant(tmp_path, "ana.yaml", "Ana", {"inc.roles": "commander"})
    other_team = participant(tmp_path, "x.yaml", "Xi", {"inc.roles": "commander"}, team="Orders")
    again = participant(tmp_path, "ana2.yaml", " ana ", {"inc.roles": "none"})
    old = participant(tmp_path, "old.yaml", "Yu", {"inc.roles": "commander"}, questionnaire="sre-core@1")
    capsys.readouterr()
    assert main(["consensus", str(ana), str(other_team)]) == 1
    assert "x.yaml:" in capsys.readouterr().err
    assert main(["consensus", str(ana), str(again)]) == 1
    assert "names the same respondent" in capsys.readouterr().err
    assert main(["consensus", str(ana), str(old)]) == 1
    assert "same version" in capsys.readouterr().err
    team = merge(tmp_path, [ana])
    assert main(["consensus", str(ana), str(team)]) == 1
    assert "merged team file" in capsys.readouterr().err
    # An existing output is replaced only with --force, and never when it is an input.
    assert main(["consensus", str(ana), "-o", str(team)]) == 1
    assert main(["--quiet", "consensus", str(ana), "-o", str(team), "--force"]) == 0
    assert main(["consensus", str(ana), "-o", str(ana), "--force"]) == 1
    assert yaml.safe_load(ana.read_text(encoding="utf-8"))["respondent"] == "Ana"


def test_team_facts_that_differ_are_agreed_and_noted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = [
        participant(tmp_path, f"{n}.yaml", n, {"inc.roles": "commander"}, facts={"engineers": e})
        for n, e in (("Ana", 8), ("Bo", 9), ("Cy", 8))
    ]
    capsys.readouterr()
    assert main(["consensus", *map(str, files), "-o", str(tmp_path / "team.yaml")]) == 0
    assert "team.engineers (8, 9); 8 is used" in capsys.readouterr().err
    assert load_team(tmp_path / "team.yaml").answers.team.engineers == 8


def test_merge_is_independent_of_the_order_of_the_files(tmp_path: Path) -> None:
    files = three(tmp_path)
    one = merge_files(files).text
    other = merge_files(list(reversed(files))).text
    assert one == other


def test_migrate_keeps_a_participant_and_refuses_an_old_merged_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = tmp_path / "ana-v1.yaml"
    text = (ROOT / "tests" / "data" / "v1" / "payments-product-team.yaml").read_text(encoding="utf-8")
    old.write_text(text.replace("\nteam:", '\nrespondent: "Ana"\nteam:', 1), encoding="utf-8")
    assert main(["--quiet", "migrate", str(old), "-o", str(tmp_path / "ana.yaml")]) == 0
    assert load_team(tmp_path / "ana.yaml").answers.respondent == "Ana"
    others = [participant(tmp_path, f"{n}.yaml", n, {}, questionnaire="sre-core@1") for n in ("Bo", "Cy")]
    merged = merge(tmp_path, [old, *others], name="team-v1.yaml")
    capsys.readouterr()
    assert main(["migrate", str(merged)]) == 1
    assert "migrate the participants' own files, then merge them again" in capsys.readouterr().err


def test_a_folder_is_merged_without_an_earlier_team_file_and_a_file_counts_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "workshop"
    folder.mkdir()
    files = three(folder)
    assert main(["--quiet", "consensus", str(folder), "-o", str(folder / "team.yaml")]) == 0
    capsys.readouterr()
    # Run again after a participant changed their mind: the earlier team file is left out.
    assert main(["consensus", str(folder), "-o", str(folder / "team.yaml"), "--force"]) == 0
    assert "left out" in capsys.readouterr().err
    assert load_team(folder / "team.yaml").answers.workshop is not None
    # The same file twice, however it is named, is one person.
    anonymous = files[2]
    assert main(["consensus", str(anonymous), str(folder / ".." / folder.name / anonymous.name)]) == 1
    assert "given twice" in capsys.readouterr().err
    assert main(["consensus", str(anonymous), str(anonymous)]) == 1


def test_a_refused_output_says_only_why(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    people = tmp_path / "people"
    people.mkdir()
    files = three(people)
    target = tmp_path / "team.yaml"
    target.write_text("the team's earlier file\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["consensus", *map(str, files), "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert "exists; use --force to replace it" in err
    assert "merged" not in err and "disagreement" not in err  # nothing was merged into a file
    assert target.read_text(encoding="utf-8") == "the team's earlier file\n"
