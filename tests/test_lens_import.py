"""Importing AWS Well-Architected custom lenses: the three published ones, and each mapping rule."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from assess.checks import check_questionnaire
from assess.engine import assess
from assess.lens import Imported, export_lens, import_lens, import_lens_text
from assess.loading import load_model
from assess.models import Answers, MultiQuestion, Questionnaire
from assess.pipeline.team import load_team

LENSES = Path(__file__).parent / "lenses"
AWS = LENSES / "aws"
REAL = {
    "orr": "ORR-Whitepaper-Sample-PUBLISHED.json",
    "dynamodb": "custom-lensddb-v1.0.json",
    "saas": "saas_biz_custom_lens.json",
}


def imported(key: str) -> Imported:
    return import_lens(AWS / REAL[key], key)


def warnings(result: Imported) -> list[str]:
    return [f"{n.severity}: {n.message}" for n in result.notes]


def lens_of(tree: dict[str, Any]) -> str:
    return json.dumps(tree, indent=2, ensure_ascii=False)


# ---------------------------------------------------------------------------
# The three published lenses
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "domains", "questions", "choices"),
    [("orr", 3, 16, 38), ("dynamodb", 6, 48, 130), ("saas", 5, 29, 148)],
)
def test_real_lenses_import_completely(key: str, domains: int, questions: int, choices: int) -> None:
    q = imported(key).questionnaire
    raw = json.loads((AWS / REAL[key]).read_text())
    assert len(q.domains) == domains
    assert len(q.questions()) == questions
    assert sum(len(qq.choices) for _, qq in q.questions()) == choices
    assert [d.id for d in q.domains] == [p["id"] for p in raw["pillars"]]
    assert [d.title for d in q.domains] == [p["name"] for p in raw["pillars"]]
    for domain, pillar in zip(q.domains, raw["pillars"], strict=True):
        for question, lq in zip(domain.questions, pillar["questions"], strict=True):
            assert isinstance(question, MultiQuestion) and question.scoring == "risk"
            assert (question.id, question.text, question.help) == (lq["id"], lq["title"], lq["description"])
            assert [r.when for r in question.risk_rules] == [r["condition"] for r in lq["riskRules"]]
            for choice, lc in zip(question.choices, lq["choices"], strict=True):
                assert (choice.id, choice.label) == (lc["id"], lc["title"])
                assert choice.details == lc["helpfulResource"]["displayText"]
                assert choice.action == lc["improvementPlan"]["displayText"]


def test_real_lenses_warn_only_where_they_break_a_rule() -> None:
    assert warnings(imported("dynamodb")) == []
    orr = imported("orr").notes
    assert [(n.severity, n.path, n.message) for n in orr] == [
        (
            "warning",
            ("pillars", 0, "questions", 3, "choices", 1, "helpfulResource", "Url"),
            "unknown field 'Url'; read as 'url'",
        )
    ]
    link = imported("orr").questionnaire.domains[0].questions[3].choices[1].links[0]
    assert link.url.startswith("https://") and link.title == "Helpful resource"
    saas = imported("saas").notes
    assert {n.message for n in saas} == {"empty url read as no link"}
    assert len(saas) == 113


def test_real_lens_warnings_are_cut_short_with_a_count() -> None:
    shown = [str(d) for d in imported("saas").diagnostics()]
    assert len(shown) == 3
    assert shown[0].startswith(f"{AWS / REAL['saas']}:79:40: warning: $.pillars[0].questions[1].choices[0]")
    assert shown[2].endswith("(and 110 more like this: empty urls read as no link)")


@pytest.mark.parametrize("key", sorted(REAL))
def test_real_lenses_validate(key: str, tmp_path: Path) -> None:
    result = imported(key)
    path = tmp_path / f"{key}.yaml"
    path.write_text(result.yaml(), encoding="utf-8")
    loaded, parsed = load_model(Questionnaire, path)
    assert loaded.model_dump() == result.questionnaire.model_dump()
    assert check_questionnaire(loaded, parsed) == []


@pytest.mark.parametrize("key", sorted(REAL))
def test_real_lenses_round_trip(key: str) -> None:
    first = imported(key)
    exported = export_lens(first.questionnaire)
    assert len(exported.lenses) == 1
    assert [n for n in exported.notes if n.severity != "note"] == []
    again = import_lens_text(exported.texts()[0], "exported.json", key)
    assert again.notes == []
    assert again.questionnaire.model_dump() == first.questionnaire.model_dump()


def test_lens_extra_fields_are_kept_as_metadata_and_give_the_version() -> None:
    q = imported("dynamodb").questionnaire
    raw = json.loads((AWS / REAL["dynamodb"]).read_text())
    assert q.version == "1.0"
    assert q.metadata == {k: v for k, v in raw.items() if k.startswith("_")}
    assert q.metadata is not None and q.metadata["_teams"] == raw["_teams"]
    exported = json.loads(export_lens(q).texts()[0])
    assert exported["_teams"] == raw["_teams"] and exported["_release_note"] == raw["_release_note"]


def answers(questionnaire: str, given: dict[str, Any]) -> Answers:
    return Answers.model_validate(
        {"questionnaire": questionnaire, "team": {"name": "Checkout"}, "answers": given}
    )


def test_orr_scores_from_its_risk_rules() -> None:
    q = imported("orr").questionnaire
    result = assess(
        q,
        answers(
            "orr",
            {
                "architecture_architecture_diagram": ["architecture_diagram"],  # one of two: medium
                "architecture_api_matrix": ["table_provided"],  # no risk
                "architecture_failure_models": "unsure",  # counts as nothing chosen: high
                "releases_deployment_rollback": ["auto_rollback"],  # no risk
                "releases_validation": [],  # nothing chosen: high
            },
        ),
    )
    scores = {r.id: r.score for r in result.questions}
    assert scores["architecture_architecture_diagram"] == 0.5
    assert scores["architecture_api_matrix"] == 1.0
    assert scores["architecture_failure_models"] == 0.0
    domains = {d.id: d.score for d in result.domains}
    assert domains["architecture"] == 50.0
    assert domains["release_quality"] == 50.0
    assert domains["event_management"] is None
    risks = {r.question: r for r in result.risks}
    assert (
        risks["architecture_failure_models"].severity == "high"
        and risks["architecture_failure_models"].unsure
    )
    assert risks["architecture_architecture_diagram"].severity == "medium"
    assert "“Architecture design to reduce the blast radius" in risks["architecture_architecture_diagram"].why
    assert risks["releases_validation"].why == (
        "The lens rates this high risk unless “On-host validations run” is chosen."
    )


def test_dynamodb_scores_follow_first_match() -> None:
    q = imported("dynamodb").questionnaire
    all_six = [f"DDBPERF1_{i}" for i in range(1, 7)]
    result = assess(
        q,
        answers(
            "dynamodb",
            {
                "DDBPERF1": all_six,  # the no-risk rule comes first
                "DDBPERF2": ["DDBPERF2_1"],  # a required practice missing: high
                "DDBPERF3": ["DDBPERF3_1"],  # neither all nor a listed gap: the default, medium
                "DDBREL8": ["DDBREL8_1"],  # "DDBREL8_1 || (...)" gives no risk on its own
            },
        ),
    )
    scores = {r.id: r.score for r in result.questions}
    assert (scores["DDBPERF1"], scores["DDBPERF2"], scores["DDBPERF3"], scores["DDBREL8"]) == (
        1.0,
        0.0,
        0.5,
        1.0,
    )
    assert {d.id: d.score for d in result.domains}["DDBPERF"] == 50.0
    roadmap = " ".join(item.action for item in result.roadmap)
    assert "DDBPERF2" not in roadmap  # actions are the lens's improvement plans, not ids
    question = q.question("DDBPERF2")
    assert question is not None and question.choices[1].action is not None
    assert question.choices[1].action in roadmap


def test_saas_lens_rates_every_answer_as_no_risk() -> None:
    q = imported("saas").questionnaire
    result = assess(q, answers("saas", {"gen1": ["prof1"], "plan1": []}))
    assert {r.id: r.score for r in result.questions if r.score is not None} == {"gen1": 1.0, "plan1": 1.0}
    assert result.risks == []


# ---------------------------------------------------------------------------
# Mapping rules, on a small lens that uses every feature
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def complete() -> Imported:
    return import_lens(LENSES / "complete.json")


def test_lens_becomes_questionnaire(complete: Imported) -> None:
    q = complete.questionnaire
    assert q.id == "team-practices-lens"  # from the lens name
    assert q.title == "Team Practices Lens" and q.version == "2.1"
    assert q.description.startswith("A small lens that uses every feature")
    assert q.metadata == {
        "_version": "2.1",
        "_owner": {"team": "Platform", "contact": "platform@example.com", "reviewed": True},
    }


def test_pillars_become_domains(complete: Imported) -> None:
    reliability, team = complete.questionnaire.domains
    assert (reliability.id, reliability.title) == ("reliability", "Reliability")
    assert reliability.description == (
        "The “Reliability” pillar of the lens “Team Practices Lens”. Its questions belong to the "
        "Reliability pillar of the AWS Well-Architected Framework."
    )
    assert team.description == "The “Team health” pillar of the lens “Team Practices Lens”."


def test_questions_become_risk_scored_checklists(complete: Imported) -> None:
    question = complete.questionnaire.question("rel_backups")
    assert isinstance(question, MultiQuestion)
    assert (question.kind, question.scoring) == ("multi", "risk")
    assert question.text == "How do you protect data against loss?"
    assert question.help == "Backups only count once a restore from them has been tested."
    assert question.details == "Think of every data store, including queues and object storage."
    assert [(lk.title, lk.url, lk.kind) for lk in question.links] == [
        ("Helpful resource", "https://example.com/backups", "reference")
    ]
    assert question.weight == 1.0 and not question.allow_na and question.depends_on == ()


def test_choice_resources_become_details_action_and_links(complete: Imported) -> None:
    question = complete.questionnaire.question("rel_backups")
    assert question is not None
    taken = question.choices[0]
    assert taken.label == "Backups are taken automatically"
    assert taken.details == (
        "On a schedule, not by hand.\n\nKeep at least one copy outside the account that runs the service."
    )
    assert taken.action == "Schedule automatic backups for every data store."
    assert taken.guidance is None  # lens text says what a practice is, not when it is good enough
    assert [(lk.title, lk.url, lk.kind) for lk in taken.links] == [
        ("Helpful resource", "https://example.com/backups/schedule", "reference"),
        ("Backup checklist", "https://example.com/checklist", "reference"),
        ("Improvement plan", "https://example.com/backups/how", "improvement"),
        ("Restore drill template", "https://example.com/drill", "improvement"),
    ]
    assert [n.message for n in complete.notes] == [
        "an additional resource with text but no url is added to the choice's details as a paragraph"
    ]


def test_no_suffix_becomes_none_of_these(complete: Imported) -> None:
    question = complete.questionnaire.question("rel_backups")
    assert isinstance(question, MultiQuestion)
    assert [c.id for c in question.choices if c.none_of_these] == ["rel_backups_no"]
    assert question.choices[-1].action is None and question.choices[-1].details == (
        "Choose this if no backups are taken."
    )


def test_risk_rules_convert_one_to_one(complete: Imported) -> None:
    question = complete.questionnaire.question("oncall_load")
    assert question is not None
    assert [(r.when, r.risk) for r in question.risk_rules] == [
        ("oncall_rotation && oncall_followup", "none"),
        ("oncall_no || (!oncall_rotation)", "high"),
        ("default", "medium"),
    ]
    assert question.risk_rules[0].why is None
    assert question.risk_rules[1].why == (
        "The lens rates this high risk when “None of these” is chosen or "
        "“A rotation of at least five people” is not chosen."
    )
    assert question.risk_rules[2].why == (
        "The lens rates every answer its no-risk and high-risk rules do not cover as medium risk."
    )


@pytest.mark.parametrize(
    ("chosen", "score"),
    [
        (["rel_backups_taken", "rel_backups_tested", "rel_backups_offsite"], 1.0),
        (["rel_backups_taken", "rel_backups_offsite"], 0.5),  # !(!tested && !offsite) holds
        (["rel_backups_taken"], 0.0),
        (["rel_backups_tested", "rel_backups_offsite"], 0.0),
        (["rel_backups_no"], 0.0),
    ],
)
def test_nested_negation_scores_as_the_lens_says(complete: Imported, chosen: list[str], score: float) -> None:
    result = assess(complete.questionnaire, answers("team-practices-lens", {"rel_backups": chosen}))
    assert next(r.score for r in result.questions if r.id == "rel_backups") == score


def test_complete_lens_round_trips(complete: Imported) -> None:
    exported = export_lens(complete.questionnaire)
    again = import_lens_text(exported.texts()[0], "again.json")
    assert again.questionnaire.model_dump() == complete.questionnaire.model_dump()
    assert exported.notes == []


def test_yaml_output_reads_in_order_and_loads_back(complete: Imported, tmp_path: Path) -> None:
    text = complete.yaml()
    assert text.startswith("# Imported from the AWS Well-Architected custom lens “Team Practices Lens”")
    lines = text.splitlines()
    assert lines.index("id: team-practices-lens") < lines.index("domains:")
    question = text[text.index("  - id: rel_backups\n") :]
    assert (
        question.index("text:")
        < question.index("help:")
        < question.index("choices:")
        < question.index("risk_rules:")
    )
    path = tmp_path / "team-practices.yaml"
    path.write_text(text, encoding="utf-8")
    assert load_model(Questionnaire, path)[0].model_dump() == complete.questionnaire.model_dump()


@pytest.mark.parametrize(
    "odd",
    ["yes", "no", "true", "null", "1.0e5", "2026-11-27", "- dash", "# hash", "a: b", "  lead", "trail  ",
     "line\nbreak\n", "tab\there", "crlf\r\nline", "quote ' and \" both", "ünïcödé ✓ 漢字", "\u2028sep",
     "emoji 🚀", "\u202eright-to-left", "back\\slash", "%percent", "@at", "`tick`", "{brace}", "[list]"],
)  # fmt: skip
def test_odd_text_survives_the_round_trip_through_yaml(odd: str, tmp_path: Path) -> None:
    tree = json.loads((LENSES / "complete.json").read_text())
    tree["name"] = odd if odd.strip() else "x"
    tree["pillars"][0]["name"] = odd
    tree["pillars"][0]["questions"][0]["description"] = odd
    tree["pillars"][0]["questions"][0]["choices"][1]["title"] = odd
    result = import_lens_text(lens_of(tree), "odd.json", "odd")
    path = tmp_path / "odd.yaml"
    path.write_text(result.yaml(), encoding="utf-8")
    loaded = load_model(Questionnaire, path)[0]
    assert loaded.model_dump() == result.questionnaire.model_dump()
    question = loaded.question("rel_backups")
    assert question is not None and question.help == odd and question.choices[1].label == odd


ANSWERS_FILES = {
    "orr": (
        "  architecture_architecture_diagram: [architecture_diagram, data_flow_diagram]\n"
        "  architecture_api_matrix: [table_provided]\n"
        "  architecture_failure_models:\n    choices: [failure_model_documented]\n    note: Only on paper.\n",
        {"architecture": 66.7},  # none, none, high
    ),
    "dynamodb": (
        "  DDBCOST1: [DDBCOST1_1, DDBCOST1_2]\n  DDBCOST2: []\n"
        "  DDBCOST3: unsure\n  DDBCOST7: [DDBCOST7_1]\n",
        {"DDBCOST": 50.0},  # none, high, high (unsure), none
    ),
    "saas": ("  gen1: [prof1, prof2]\n  gen2: unsure\n", {"GEN": 100.0}),  # every answer is no risk
}


@pytest.mark.parametrize("key", sorted(ANSWERS_FILES))
def test_each_real_lens_scores_from_an_answers_file(key: str, tmp_path: Path) -> None:
    questionnaire = tmp_path / f"{key}.yaml"
    questionnaire.write_text(imported(key).yaml(), encoding="utf-8")
    given, expected = ANSWERS_FILES[key]
    answers_path = tmp_path / "answers.yaml"
    answers_path.write_text(
        f"questionnaire: {key}@{imported(key).questionnaire.version}\n"
        f"team:\n  name: Checkout\nanswers:\n{given}",
        encoding="utf-8",
    )
    team = load_team(answers_path, str(questionnaire))
    answers, q = team.answers, team.questionnaire
    scores = {d.id: d.score for d in assess(q, answers).domains}
    assert {k: scores[k] for k in expected} == expected
