"""Invalid lenses are refused at their JSON path; rule-breaking ones import with a warning saying how."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from assess.engine import assess
from assess.lens import Imported, import_lens, import_lens_text
from assess.lens.jsonsource import format_path, parse_json
from assess.lens.to_questionnaire import missing_default
from assess.loading import InvalidInput
from assess.models import Answers, MultiQuestion

LENSES = Path(__file__).parent / "lenses"
INVALID = LENSES / "invalid"

# file -> (line, column, the message after "file:line:col: ")
REFUSED = {
    "malformed.json": (5, 3, "invalid JSON: Expecting ',' delimiter"),
    "not-a-lens.json": (1, 1, "$: expected a lens (an object), found a list"),
    "not-a-number.json": (5, 13, "$._score: NaN is not a JSON value"),
    "duplicate-key.json": (
        13,
        11,
        "$.pillars[0].questions[0].title: duplicate key 'title' (first on line 12)",
    ),
    "missing-name.json": (1, 1, "$: missing required field 'name'"),
    "no-pillars.json": (5, 14, "$.pillars: the lens has no pillars"),
    "pillar-without-questions.json": (46, 20, "$.pillars[1].questions: a pillar needs at least one question"),
    "question-without-choices.json": (
        51,
        22,
        "$.pillars[1].questions[0].choices: a question needs at least one choice",
    ),
    "choices-not-a-list.json": (
        51,
        22,
        "$.pillars[1].questions[0].choices: expected a list of choices, found text",
    ),
    "choice-without-id.json": (52, 13, "$.pillars[1].questions[0].choices[0]: missing required field 'id'"),
    "duplicate-pillar-id.json": (
        44,
        13,
        "$.pillars[1].id: duplicate pillar id 'observability' (first at $.pillars[0].id)",
    ),
    "duplicate-question-id.json": (
        48,
        17,
        "$.pillars[1].questions[0].id: duplicate question id 'obs_alerts' "
        "(first at $.pillars[0].questions[0].id)",
    ),
    "duplicate-choice-id.json": (
        60,
        21,
        "$.pillars[1].questions[0].choices[1].id: duplicate choice id 'del_unit' "
        "(first at $.pillars[1].questions[0].choices[0].id)",
    ),
    "two-none-choices.json": (
        71,
        21,
        "$.pillars[1].questions[0].choices[3].id: a second 'None of these' choice "
        "('del_none_no' and 'del_nothing_no' both end in '_no')",
    ),
    "unknown-choice.json": (
        166,
        47,
        "$.pillars[1].questions[3].riskRules[0].condition: unknown choice 'foo_bar' "
        "(choices: del_flags_used, del_flags_cleaned, del_flags_no)",
    ),
    "bad-condition.json": (
        69,
        60,
        "$.pillars[1].questions[0].riskRules[0].condition: condition does not parse at character 32: "
        "expected a choice id, found end of condition",
    ),
    "unknown-risk.json": (
        74,
        23,
        "$.pillars[1].questions[0].riskRules[1].risk: unknown risk 'LOW_RISK'; "
        "expected HIGH_RISK, MEDIUM_RISK or NO_RISK",
    ),
    "unknown-resource-type.json": (
        60,
        27,
        "$.pillars[1].questions[0].choices[0].additionalResources[0].type: unknown type 'VIDEO'; "
        "expected HELPFUL_RESOURCE or IMPROVEMENT_PLAN",
    ),
}


def test_every_invalid_lens_has_its_case() -> None:
    assert sorted(p.name for p in INVALID.glob("*.json")) == sorted(REFUSED)


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_invalid_lens_is_refused_at_its_json_path(name: str) -> None:
    line, column, message = REFUSED[name]
    with pytest.raises(InvalidInput) as caught:
        import_lens(INVALID / name)
    shown = [str(d) for d in caught.value.diagnostics]
    assert shown == [f"{INVALID / name}:{line}:{column}: {message}"]


def test_the_column_of_a_condition_error_is_inside_the_condition() -> None:
    text = (INVALID / "unknown-choice.json").read_text().splitlines()
    line, column, _ = REFUSED["unknown-choice.json"]
    assert text[line - 1][column - 1 :].startswith("foo_bar")


def test_every_error_is_reported_not_just_the_first() -> None:
    tree = json.loads((INVALID / "unknown-choice.json").read_text())
    tree["pillars"][0]["id"] = "delivery"
    tree["pillars"][1]["questions"][0]["riskRules"][0]["risk"] = "SOME_RISK"
    with pytest.raises(InvalidInput) as caught:
        import_lens_text(json.dumps(tree, indent=2), "lens.json")
    messages = [d.message for d in caught.value.diagnostics]
    assert len(messages) == 3
    assert messages[0].startswith("$.pillars[1].questions[0].riskRules[0].risk: unknown risk 'SOME_RISK'")
    assert messages[1].startswith(
        "$.pillars[1].questions[3].riskRules[0].condition: unknown choice 'foo_bar'"
    )
    assert messages[2].startswith("$.pillars[1].id: duplicate pillar id 'delivery'")


def test_unknown_choice_suggests_the_near_one() -> None:
    tree = json.loads((LENSES / "complete.json").read_text())
    tree["pillars"][1]["questions"][0]["riskRules"][0]["condition"] = "oncall_rotaton && oncall_followup"
    with pytest.raises(InvalidInput) as caught:
        import_lens_text(json.dumps(tree), "lens.json")
    assert (
        "unknown choice 'oncall_rotaton'; did you mean 'oncall_rotation'?"
        in caught.value.diagnostics[0].message
    )


def test_invalid_utf8_and_missing_file_are_located(tmp_path: Path) -> None:
    bad = tmp_path / "lens.json"
    bad.write_bytes(b'{\n  "name": "caf\xe9"\n}')
    with pytest.raises(InvalidInput) as caught:
        import_lens(bad)
    assert str(caught.value.diagnostics[0]) == f"{bad}:2:15: file is not valid UTF-8"
    with pytest.raises(InvalidInput) as caught:
        import_lens(tmp_path / "nothing.json")
    assert caught.value.diagnostics[0].message == "no such file"


def test_a_byte_order_mark_is_accepted() -> None:
    text = "\ufeff" + (LENSES / "complete.json").read_text()
    assert import_lens_text(text, "bom.json").questionnaire.title == "Team Practices Lens"


# ---------------------------------------------------------------------------
# JSON paths and places
# ---------------------------------------------------------------------------


def test_json_paths_read_like_jsonpath() -> None:
    assert format_path(()) == "$"
    assert format_path(("pillars", 1, "questions", 3, "riskRules", 0, "condition")) == (
        "$.pillars[1].questions[3].riskRules[0].condition"
    )
    assert format_path(("odd key", "x.y", "ünï")) == '$["odd key"]["x.y"]["ünï"]'


def test_places_are_found_for_values_keys_and_nested_lists() -> None:
    source = parse_json('{"a": [1, {"b": "x"}, [true, null]],\n "c": {"d": {}}}', "t.json")
    assert source.line_col(source.offset_of(("a", 1, "b"))) == (1, 17)
    assert source.line_col(source.offset_of(("a", 2, 1))) == (1, 30)
    assert source.line_col(source.offset_of(("c", "d"), key=True)) == (2, 8)
    assert source.line_col(source.offset_of(("c", "missing", 3))) == (2, 7)  # nearest existing parent


# ---------------------------------------------------------------------------
# Rule-breaking lenses with one sensible reading: imported, with a warning
# ---------------------------------------------------------------------------


def base() -> dict[str, Any]:
    """The complete lens without its one rule-breaking part (a text-only additional resource)."""
    tree: dict[str, Any] = json.loads((LENSES / "complete.json").read_text())
    del tree["pillars"][0]["questions"][0]["choices"][0]["additionalResources"][0]["content"][1]
    return tree


def load(tree: dict[str, Any]) -> Imported:
    return import_lens_text(json.dumps(tree, indent=2, ensure_ascii=False), "lens.json", "lens")


def messages(result: Imported) -> list[str]:
    return [f"{format_path(n.path or ())}: {n.message}" for n in result.notes if n.severity == "warning"]


def oncall(tree: dict[str, Any]) -> dict[str, Any]:
    question: dict[str, Any] = tree["pillars"][1]["questions"][0]
    return question


@pytest.mark.parametrize(
    ("risks", "default"),
    [
        ([], "NO_RISK"),  # no rules at all: the lens sets no risk
        (["NO_RISK"], "HIGH_RISK"),  # least risky first: the catch-all is the most risky
        (["NO_RISK", "MEDIUM_RISK"], "HIGH_RISK"),
        (["NO_RISK", "HIGH_RISK"], "MEDIUM_RISK"),  # the level the rules leave out
        (["HIGH_RISK", "MEDIUM_RISK"], "NO_RISK"),  # most risky first: the catch-all is no risk
        (["HIGH_RISK"], "NO_RISK"),
        (["MEDIUM_RISK"], "HIGH_RISK"),  # a tie goes to the more severe
        (["NO_RISK", "MEDIUM_RISK", "HIGH_RISK"], "HIGH_RISK"),
    ],
)
def test_missing_default_reading(risks: list[str], default: str) -> None:
    assert missing_default(risks) == default


def test_missing_default_rule_is_added_with_a_warning() -> None:
    tree = base()
    oncall(tree)["riskRules"] = oncall(tree)["riskRules"][:2]  # no-risk and high-risk rules, no default
    result = load(tree)
    assert messages(result) == [
        "$.pillars[1].questions[0].riskRules: no 'default' risk rule; read as if the rules ended with "
        '{"condition": "default", "risk": "MEDIUM_RISK"}'
    ]
    question = result.questionnaire.question("oncall_load")
    assert question is not None and (question.risk_rules[-1].when, question.risk_rules[-1].risk) == (
        "default",
        "medium",
    )
    answered = Answers.model_validate(
        {"questionnaire": "lens", "team": {"name": "t"}, "answers": {"oncall_load": ["oncall_rotation"]}}
    )
    assert (
        next(r.score for r in assess(result.questionnaire, answered).questions if r.id == "oncall_load")
        == 0.5
    )


def test_missing_risk_rules_read_as_no_risk() -> None:
    tree = base()
    del oncall(tree)["riskRules"]
    result = load(tree)
    question = result.questionnaire.question("oncall_load")
    assert question is not None and [(r.when, r.risk) for r in question.risk_rules] == [("default", "none")]


def test_choice_without_improvement_plan_reads_as_no_action() -> None:
    tree = base()
    del oncall(tree)["choices"][0]["improvementPlan"]
    oncall(tree)["choices"][1]["improvementPlan"] = {"displayText": "   "}
    result = load(tree)
    assert messages(result) == [
        f"$.pillars[1].questions[0].choices[{i}]: no improvementPlan text (the format requires one on every "
        "choice but the '_no' one); read as: no improvement action"
        for i in (0, 1)
    ]
    question = result.questionnaire.question("oncall_load")
    assert question is not None and [c.action for c in question.choices] == [None, None, None]


def test_a_lens_within_the_rules_imports_without_warnings() -> None:
    result = load(base())
    assert result.notes == []
    question = result.questionnaire.question("oncall_load")
    assert isinstance(question, MultiQuestion)
    none = question.choices[-1]
    assert none.none_of_these and none.action is None  # the '_no' choice needs no improvement plan


def test_missing_texts_are_read_as_the_nearest_thing() -> None:
    tree = base()
    del tree["description"]
    del tree["schemaVersion"]
    del tree["pillars"][1]["name"]
    del oncall(tree)["description"]
    oncall(tree)["choices"][0]["title"] = ""
    result = load(tree)
    assert messages(result) == [
        "$: no schemaVersion; read as 2021-11-01",
        "$: no description; read as the lens name",
        "$.pillars[1]: pillar has no name; read as its id 'team_health'",
        "$.pillars[1].questions[0].choices[0]: choice has no title; read as its id 'oncall_rotation'",
        "$.pillars[1].questions[0]: no description; the help text repeats the title",
    ]
    q = result.questionnaire
    assert q.description == q.title == "Team Practices Lens"
    assert q.domains[1].title == "team_health"
    question = q.question("oncall_load")
    assert question is not None and question.help == question.text
    assert question.choices[0].label == "oncall_rotation"


def test_case_variants_are_read_as_what_they_mean() -> None:
    tree = base()
    oncall(tree)["riskRules"][2]["condition"] = "Default"
    oncall(tree)["riskRules"][1]["risk"] = "high_risk"
    oncall(tree)["choices"][0]["improvementPlan"] = {"DisplayText": "Grow the rotation."}
    tree["schemaVersion"] = "2023-01-01"
    result = load(tree)
    assert messages(result) == [
        "$.schemaVersion: schemaVersion '2023-01-01' is not '2021-11-01'; read as 2021-11-01",
        "$.pillars[1].questions[0].choices[0].improvementPlan.DisplayText: unknown field 'DisplayText'; "
        "read as 'displayText'",
        "$.pillars[1].questions[0].riskRules[1].risk: risk 'high_risk' read as HIGH_RISK",
        "$.pillars[1].questions[0].riskRules[2].condition: condition 'Default' read as 'default'",
    ]
    question = result.questionnaire.question("oncall_load")
    assert question is not None
    assert question.choices[0].action == "Grow the rotation."
    assert [(r.when, r.risk) for r in question.risk_rules][1:] == [
        ("oncall_no || (!oncall_rotation)", "high"),
        ("default", "medium"),
    ]


def test_unknown_fields_are_ignored_and_extra_top_level_ones_kept() -> None:
    tree = base()
    oncall(tree)["choices"][0]["colour"] = "blue"
    tree["owner"] = "Platform"
    result = load(tree)
    assert messages(result) == [
        "$.owner: field 'owner' is not part of the lens format; kept as metadata",
        "$.pillars[1].questions[0].choices[0].colour: unknown field 'colour' ignored "
        "(not part of the lens format)",
    ]
    assert result.questionnaire.metadata is not None and result.questionnaire.metadata["owner"] == "Platform"


def test_rules_after_default_are_kept_but_never_apply() -> None:
    tree = base()
    rules = oncall(tree)["riskRules"]
    oncall(tree)["riskRules"] = [rules[2], rules[0]]
    result = load(tree)
    assert messages(result) == [
        "$.pillars[1].questions[0].riskRules[1]: this rule comes after the 'default' rule and never applies "
        "(first match wins); kept as written"
    ]
    question = result.questionnaire.question("oncall_load")
    assert question is not None and [r.when for r in question.risk_rules] == [
        "default",
        "oncall_rotation && oncall_followup",
    ]


def test_ids_our_format_cannot_take_are_renamed_and_conditions_follow() -> None:
    tree = base()
    question = oncall(tree)
    question["choices"][0]["id"] = "_rotation"
    question["choices"][1]["id"] = "unsure"  # a reserved answer of ours
    question["riskRules"][0]["condition"] = "_rotation && unsure"
    question["riskRules"][1]["condition"] = "oncall_no || (!_rotation)"
    tree["pillars"][1]["id"] = "_team"
    result = load(tree)
    assert messages(result) == [
        "$.pillars[1].id: pillar id '_team' read as domain id 'team'",
        "$.pillars[1].questions[0].choices[0].id: choice id '_rotation' read as 'rotation'",
        "$.pillars[1].questions[0].choices[1].id: choice id 'unsure' read as 'unsure_2'",
    ]
    mapped = result.questionnaire.question("oncall_load")
    assert isinstance(mapped, MultiQuestion)
    assert [c.id for c in mapped.choices] == ["rotation", "unsure_2", "oncall_no"]
    assert [r.when for r in mapped.risk_rules] == [
        "rotation && unsure_2",
        "oncall_no || !rotation",
        "default",
    ]


def test_resources_that_break_the_rules() -> None:
    tree = base()
    choice = tree["pillars"][0]["questions"][0]["choices"][1]
    choice["helpfulResource"] = {"url": "https://example.com/only-a-link"}
    choice["improvementPlan"] = {"displayText": "Test restores.", "url": "example.com/no-scheme"}
    choice["additionalResources"] = [{"content": [{"displayText": "Guide", "url": "https://example.com/g"}]}]
    result = load(tree)
    assert messages(result) == [
        "$.pillars[0].questions[0].choices[1].helpfulResource: helpfulResource has a url but no displayText; "
        "read as a link alone",
        "$.pillars[0].questions[0].choices[1].improvementPlan.url: url 'example.com/no-scheme' "
        "does not start with http:// or https://; kept as written",
        "$.pillars[0].questions[0].choices[1].additionalResources[0]: no type; read as HELPFUL_RESOURCE",
    ]
    question = result.questionnaire.question("rel_backups")
    assert question is not None
    tested = question.choices[1]
    assert tested.details is None and tested.action == "Test restores."
    assert [(lk.title, lk.url, lk.kind) for lk in tested.links] == [
        ("Helpful resource", "https://example.com/only-a-link", "reference"),
        ("Guide", "https://example.com/g", "reference"),
        ("Improvement plan", "example.com/no-scheme", "improvement"),
    ]


def test_control_characters_are_replaced_and_reported() -> None:
    tree = base()
    oncall(tree)["title"] = "On-call \x1b[31mload\x1b[0m"
    result = load(tree)
    assert messages(result) == [
        "$.pillars[1].questions[0].title: control character U+001B replaced by U+FFFD"
    ]
    question = result.questionnaire.question("oncall_load")
    assert question is not None and question.text == "On-call \ufffd[31mload\ufffd[0m"


def test_limits_of_the_aws_tool_are_warnings_and_everything_is_imported() -> None:
    tree = base()
    question = oncall(tree)
    question["title"] = "T" * 129
    question["choices"] = [
        {"id": f"c{i:02d}", "title": f"Choice {i}", "improvementPlan": {"displayText": "Do it."}}
        for i in range(16)
    ]
    question["riskRules"] = [
        {"condition": "c00", "risk": "NO_RISK"},
        {"condition": "c01", "risk": "NO_RISK"},
        {"condition": "c02", "risk": "MEDIUM_RISK"},
        {"condition": "default", "risk": "HIGH_RISK"},
    ]
    tree["pillars"][1]["id"] = "team-health"
    tree["pillars"][1]["questions"] = [copy.deepcopy(question) | {"id": f"q_{i:02d}"} for i in range(21)]
    result = load(tree)
    found = messages(result)
    assert "$.pillars[1].id: pillar id 'team-health' is not 3-128 letters, digits and underscores" in found
    assert "$.pillars[1].questions: 21 questions; the format allows 20 per pillar" in found
    assert any(m.endswith("title: 129 characters; the format allows 128") for m in found)
    assert any(m.endswith("choices: 16 choices; the format allows 15 per question") for m in found)
    assert any(m.endswith("riskRules: 4 risk rules; the format allows 3") for m in found)
    assert any("2 rules give NO_RISK; the format allows one rule per risk level" in m for m in found)
    shown = result.diagnostics()  # as the command line shows them: each kind cut short
    assert len(shown) < len(found)
    assert any("more like this: over the lens format's limits" in d.message for d in shown)
    assert len(result.questionnaire.domains[1].questions) == 21
    assert len(result.questionnaire.domains[1].questions[0].choices) == 16


def test_a_lens_over_500_kb_imports_with_a_warning() -> None:
    tree = base()
    tree["_padding"] = "x" * (500 * 1024)
    result = load(tree)
    assert any(
        m.startswith("$: the lens is 50") and m.endswith("the AWS tool takes at most 500 KB")
        for m in messages(result)
    )


Q = "$.pillars[1].questions[0]"
WRONG_SHAPES: list[tuple[Any, str]] = [
    (lambda t: oncall(t).update(title=42), f"{Q}.title: expected text, found a number"),
    (lambda t: oncall(t).update(id="  "), f"{Q}.id: empty question id"),
    (
        lambda t: oncall(t).update(riskRules={}),
        f"{Q}.riskRules: expected a list of risk rules, found an object",
    ),
    (lambda t: oncall(t)["riskRules"][0].pop("risk"), f"{Q}.riskRules[0]: missing required field 'risk'"),
    (
        lambda t: oncall(t)["riskRules"][0].pop("condition"),
        f"{Q}.riskRules[0]: missing required field 'condition'",
    ),
    (
        lambda t: oncall(t)["riskRules"][0].update(condition=True),
        f"{Q}.riskRules[0].condition: expected text, found true/false",
    ),
    (
        lambda t: oncall(t)["choices"][0].update(improvementPlan="Grow it."),
        f"{Q}.choices[0].improvementPlan: expected improvementPlan (an object), found text",
    ),
    (
        lambda t: oncall(t)["choices"][0].update(additionalResources=[{"type": "HELPFUL_RESOURCE"}]),
        f"{Q}.choices[0].additionalResources[0]: missing required field 'content'",
    ),
    (lambda t: t["pillars"][1].pop("questions"), "$.pillars[1]: missing required field 'questions'"),
    (lambda t: t.update(pillars={"id": "x"}), "$.pillars: expected a list of pillars, found an object"),
    (lambda t: t.update(name="  "), "$.name: the lens name is empty"),
    (lambda t: t["pillars"].append("reliability"), "$.pillars[2]: expected a pillar (an object), found text"),
]


@pytest.mark.parametrize(("change", "expected"), WRONG_SHAPES)
def test_wrong_shapes_are_refused_at_their_path(change: Any, expected: str) -> None:
    tree = base()
    change(tree)
    with pytest.raises(InvalidInput) as caught:
        load(tree)
    assert [d.message for d in caught.value.diagnostics] == [expected]


def test_more_readings_of_rule_breaking_lenses() -> None:
    tree = base()
    del oncall(tree)["title"]
    oncall(tree)["id"] = "_oncall"
    resources = tree["pillars"][0]["questions"][0]["choices"][0]["additionalResources"]
    resources[0]["type"] = "helpful_resource"
    resources[1]["content"] = [
        {"displayText": f"Plan {i}", "url": f"https://example.com/{i}"} for i in range(6)
    ]
    tree["pillars"] += [
        {"id": f"extra_{i}", "name": f"Extra {i}", "questions": [oncall(base()) | {"id": f"extra_q{i}"}]}
        for i in range(9)
    ]
    result = load(tree)
    assert messages(result) == [
        "$.pillars: 11 pillars; the format allows 10",
        "$.pillars[0].questions[0].choices[0].additionalResources[0].type: type 'helpful_resource' read as "
        "HELPFUL_RESOURCE",
        "$.pillars[0].questions[0].choices[0].additionalResources: 6 additional IMPROVEMENT_PLAN items; "
        "the format allows 5",
        "$.pillars[1].questions[0]: question has no title; read as its id '_oncall'",
        "$.pillars[1].questions[0].id: question id '_oncall' read as 'oncall'",
    ]
    question = result.questionnaire.question("oncall")
    assert question is not None and question.text == "_oncall"
    assert len(result.questionnaire.domains) == 11
