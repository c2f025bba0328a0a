"""Exporting questionnaires as lenses: within every rule of the format, with what was simplified."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path
from typing import Any

import pytest

from assess import conditions
from assess.engine import assess
from assess.lens import Exported, export_lens, export_messages, import_lens_text
from assess.lens.expr import fit, to_text, without
from assess.lens.from_questionnaire import CHOOSE_ONE, LensIds, cut
from assess.lens.jsonsource import parse_json
from assess.lens.model import Lens
from assess.lens.notes import Notes
from assess.lens.reader import read_lens
from assess.loading import load_model
from assess.models import Answers, MultiQuestion, Questionnaire, SingleQuestion

RISK_ORDER = ("NO_RISK", "MEDIUM_RISK", "HIGH_RISK")


def first_match(rules: list[tuple[conditions.Expr, str]], chosen: set[str]) -> str:
    """Our engine's reading: the first rule that matches, no risk when none does."""
    for expr, risk in rules:
        if conditions.evaluate(expr, chosen):
            return risk
    return "NO_RISK"


def check_lens_rules(lens: dict[str, Any]) -> None:
    """Everything the format asks of a lens, read back with no warning at all."""
    text = json.dumps(lens, indent=2, ensure_ascii=False)
    assert len(text.encode()) <= 500 * 1024
    notes = Notes()
    assert read_lens(parse_json(text, "exported.json"), notes) is not None
    assert [n.message for n in notes.items] == []
    assert len(lens["name"]) <= 128 and len(lens["description"]) <= 2048 and len(lens["pillars"]) <= 10
    for pillar in lens["pillars"]:
        assert re.fullmatch(r"[A-Za-z0-9_]{3,128}", pillar["id"]) and len(pillar["questions"]) <= 20
        for question in pillar["questions"]:
            assert re.fullmatch(r"[A-Za-z0-9_]{3,128}", question["id"])
            assert len(question["choices"]) <= 15 and len(question["riskRules"]) <= 3
            risks = [r["risk"] for r in question["riskRules"]]
            assert len(set(risks)) == len(risks) and question["riskRules"][-1]["condition"] == "default"
            for choice in question["choices"]:
                assert re.fullmatch(r"[A-Za-z0-9_]{3,128}", choice["id"])
                if not choice["id"].endswith("_no"):
                    assert choice["improvementPlan"]["displayText"].strip()


def make(domains: list[dict[str, Any]], **extra: Any) -> Questionnaire:
    return Questionnaire.model_validate(
        {
            "id": "custom",
            "version": "1",
            "title": "Custom",
            "description": "A test questionnaire.",
            "domains": domains,
        }
        | extra
    )


def single(qid: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": qid,
        "kind": "single",
        "text": f"How is {qid} done?",
        "help": f"Why {qid} matters.",
        "choices": [
            {"id": "none", "label": "Not at all", "score": 0.0, "action": "Start doing it."},
            {"id": "some", "label": "Sometimes", "score": 0.5, "action": "Do it every time."},
            {"id": "always", "label": "Always", "score": 1.0},
        ],
    } | extra


def checklist(qid: str, ids: list[str], **extra: Any) -> dict[str, Any]:
    return {
        "id": qid,
        "kind": "multi",
        "text": f"Which {qid} practices?",
        "help": "Tick what applies.",
        "choices": [{"id": c, "label": f"Practice {c}", "action": f"Adopt {c}."} for c in ids],
    } | extra


def domain(did: str, questions: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {"id": did, "title": f"Domain {did}", "description": "About it.", "questions": questions} | extra


def lens_dicts(exported: Exported) -> list[dict[str, Any]]:
    return [json.loads(text) for text in exported.texts()]


def messages(exported: Exported) -> list[str]:
    return [n.message for n in exported.notes]


# ---------------------------------------------------------------------------
# The bundled questionnaire
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sre_lens(sre_core: Questionnaire) -> tuple[Exported, dict[str, Any]]:
    exported = export_lens(sre_core)
    assert len(exported.lenses) == 1
    return exported, lens_dicts(exported)[0]


def test_sre_core_exports_within_every_rule(sre_lens: tuple[Exported, dict[str, Any]]) -> None:
    check_lens_rules(sre_lens[1])


def test_sre_core_export_says_what_was_simplified(
    sre_lens: tuple[Exported, dict[str, Any]], sre_core: Questionnaire
) -> None:
    notes = [m for m in messages(sre_lens[0])]
    singles = sum(isinstance(q, SingleQuestion) for _, q in sre_core.questions())
    with_rules = sum(bool(q.risk_rules) for _, q in sre_core.questions())
    for topic in (
        f"{singles} single-choice questions written as a ladder of choices",
        "weights left out (",
        "n/a left out (3 questions)",
        "depends_on left out (",
        "effort left out (",
        "advice roles left out (9 domains)",
        f"the 'why' of risk rules left out ({with_rules} questions)",
        "not_applicable_when left out (",
        "1 context question (not scored) exported as 1 question with no risk",
        "consistency checks left out",
        "9 domain descriptions left out",
        "5 checklists scored by practice weights: rated by risk rules",
    ):
        assert any(topic in m for m in notes), topic
    assert all(n.severity == "note" for n in sre_lens[0].notes)


def test_single_choice_questions_become_ladders(
    sre_core: Questionnaire, sre_lens: tuple[Exported, dict[str, Any]]
) -> None:
    question = next(q for p in sre_lens[1]["pillars"] for q in p["questions"] if q["id"] == "slo_defined")
    ours = sre_core.question("slo.defined")
    assert isinstance(ours, SingleQuestion)
    assert question["title"] == ours.text
    assert question["description"].endswith(CHOOSE_ONE)
    ids = [c["id"] for c in question["choices"]]
    assert ids == ["none_no", "infra_targets", "some_user", "user_critical", "agreed"]
    assert "improvementPlan" not in question["choices"][0]  # the least mature answer is "None of these"
    for k in range(1, len(ours.choices)):  # each plan is the action that leads up to that answer
        assert question["choices"][k]["improvementPlan"]["displayText"] == ours.choices[k - 1].action
    guidance = ours.choices[1].guidance
    assert guidance is not None
    assert question["choices"][1]["helpfulResource"]["displayText"] == (
        f"Good enough: {guidance.good_enough}\n\nDo better: {guidance.do_better}"
    )
    # Risk from the rule where there is one (none -> high), else from the score (0.25 -> medium ...).
    assert question["riskRules"] == [
        {"condition": "user_critical || agreed", "risk": "NO_RISK"},
        {"condition": "infra_targets || some_user", "risk": "MEDIUM_RISK"},
        {"condition": "default", "risk": "HIGH_RISK"},
    ]


def test_checklist_rules_keep_their_meaning(
    sre_core: Questionnaire, sre_lens: tuple[Exported, dict[str, Any]]
) -> None:
    exported = {q["id"]: q for p in sre_lens[1]["pillars"] for q in p["questions"]}
    for _, ours in sre_core.questions():
        if not isinstance(ours, MultiQuestion):
            continue
        lens_q = exported[ours.id.replace(".", "_")]
        names = dict(zip([c.id for c in ours.choices], [c["id"] for c in lens_q["choices"]], strict=True))
        assert [c.id for c in ours.choices if c.none_of_these] == [
            k for k, v in names.items() if v.endswith("_no")
        ]
        ours_rules = [(conditions.parse(r.when), r.risk) for r in ours.risk_rules]
        lens_rules = [(conditions.parse(r["condition"]), r["risk"]) for r in lens_q["riskRules"]]
        lens_risk = {"NO_RISK": "none", "MEDIUM_RISK": "medium", "HIGH_RISK": "high"}
        for size in range(len(names) + 1):
            for chosen in itertools.combinations(names, size):
                ours_risk = first_match([(e, r) for e, r in ours_rules], set(chosen))
                theirs = lens_risk[first_match(lens_rules, {names[c] for c in chosen})]
                assert (ours_risk if ours_risk != "NO_RISK" else "none") == theirs, (ours.id, chosen)


def test_exported_sre_core_imports_validates_and_scores(
    sre_lens: tuple[Exported, dict[str, Any]], tmp_path: Path, sre_core: Questionnaire
) -> None:
    result = import_lens_text(sre_lens[0].texts()[0], "sre.json", "sre-lens")
    assert result.notes == []
    path = tmp_path / "sre-lens.yaml"
    path.write_text(result.yaml(), encoding="utf-8")
    q, _ = load_model(Questionnaire, path)
    assert len(q.questions()) == len(sre_core.questions())
    answers = Answers.model_validate(
        {
            "questionnaire": "sre-lens",
            "team": {"name": "Payments"},
            "answers": {
                "slo_defined": ["none_no"],
                "slo_targets": "unsure",
                "slo_reviews": ["after_incidents"],
            },
        }
    )
    scored = {r.id: (r.score, r.risk) for r in assess(q, answers).questions}
    assert scored["slo_defined"] == (0.0, "high")
    assert scored["slo_reviews"] == (0.5, "medium")  # a middle rung: medium by its score
    targets = q.question("slo_targets")
    assert isinstance(targets, MultiQuestion)
    none = next(c.id for c in targets.choices if c.none_of_these)
    lowest = answers.model_copy(update={"answers": {"slo_targets": [none]}})
    assert scored["slo_targets"] == next(  # unsure counts as the least mature answer
        (r.score, r.risk) for r in assess(q, lowest).questions if r.id == "slo_targets"
    )


# ---------------------------------------------------------------------------
# Rules of the format: ids, texts, counts, size
# ---------------------------------------------------------------------------


def test_ids_are_made_to_fit_and_stay_unique() -> None:
    ids = LensIds()
    assert ids.take("slo.defined") == "slo_defined"
    assert ids.take("slo-defined") == "slo_defined_2"
    assert ids.take("ir") == "ir_"
    assert ids.take("x" * 200) == "x" * 128
    assert ids.take("x" * 200) == "x" * 126 + "_2"
    choices = LensIds()
    assert choices.take("none", none_of_these=True) == "none_no"
    assert choices.take("plan_no", none_of_these=False) == "plan_no_"  # not a "None of these" choice
    assert choices.take("none_no", none_of_these=True) == "none_2_no"


def test_cut_marks_the_cut_at_a_word() -> None:
    assert cut("short", 10) == "short"
    text = "word " * 100
    assert len(cut(text, 128)) <= 128 and cut(text, 128).endswith("word…")


def test_long_texts_are_cut_and_a_cut_title_is_kept_in_full() -> None:
    long_text = "How " + "very " * 40 + "long is this question?"
    q = make([domain("ops", [single("ops.q", text=long_text, help="Help. " * 500)])], title="T" * 200)
    exported = export_lens(q)
    lens = lens_dicts(exported)[0]
    check_lens_rules(lens)
    question = lens["pillars"][0]["questions"][0]
    assert question["title"].endswith("…") and len(question["title"]) <= 128
    assert question["description"].startswith(long_text + "\n\n")
    assert question["description"].endswith(CHOOSE_ONE)
    assert len(lens["name"]) == 128
    assert "question text cut from 226 to 128 characters" in messages(exported)


def test_long_domains_are_split_into_pillars_and_many_pillars_into_lenses() -> None:
    domains = [domain("big", [single(f"big.q{i}") for i in range(45)])]
    domains += [domain(f"d{i:02d}", [single(f"d{i:02d}.q")]) for i in range(10)]
    exported = export_lens(make(domains))
    lenses = lens_dicts(exported)
    assert len(lenses) == 2
    for lens in lenses:
        check_lens_rules(lens)
    pillars = [p for lens in lenses for p in lens["pillars"]]
    assert [(p["id"], p["name"], len(p["questions"])) for p in pillars[:3]] == [
        ("big", "Domain big (1/3)", 20),
        ("big_2", "Domain big (2/3)", 20),
        ("big_3", "Domain big (3/3)", 5),
    ]
    assert len(pillars) == 13
    assert [lens["name"] for lens in lenses] == ["Custom (part 1 of 2)", "Custom (part 2 of 2)"]
    assert (
        "domain 'big' has 45 questions; split into 3 pillars (the format allows 20 per pillar)"
        in messages(exported)
    )
    assert any("split into 2 lenses" in m for m in messages(exported))


def test_a_lens_over_500_kb_is_split() -> None:
    questions = [checklist(f"q{j}", [f"c{k}" for k in range(15)]) for j in range(60)]
    for question in questions:
        for choice in question["choices"]:
            choice["action"] = "Adopt it. " * 100
    domains = [domain(f"d{i}", questions[i * 20 : (i + 1) * 20]) for i in range(3)]
    exported = export_lens(make(domains))
    assert len(exported.lenses) > 1
    for lens in lens_dicts(exported):
        check_lens_rules(lens)
    assert sum(len(p.questions) for lens in exported.lenses for p in lens.pillars) == 60


def test_more_than_fifteen_choices_keep_none_of_these_and_rules_adjust() -> None:
    ids = [f"p{i:02d}" for i in range(17)]
    question = checklist("ops.many", ids)
    question["choices"].append({"id": "none", "label": "None", "none_of_these": True})
    question["risk_rules"] = [
        {"when": "none || p16", "risk": "high", "why": "Nothing in place."},
        {"when": "!p00", "risk": "medium", "why": "The first practice is missing."},
    ]
    exported = export_lens(make([domain("ops", [question])]))
    lens_q = lens_dicts(exported)[0]["pillars"][0]["questions"][0]
    assert [c["id"] for c in lens_q["choices"]] == [*ids[:14], "none_no"]
    assert lens_q["riskRules"] == [
        {"condition": "none_no", "risk": "HIGH_RISK"},  # p16 is gone and can never be chosen
        {"condition": "!p00", "risk": "MEDIUM_RISK"},
        {"condition": "default", "risk": "NO_RISK"},
    ]
    assert any(m.endswith("dropped p14, p15, p16") for m in messages(exported))


def test_checklist_without_rules_gets_rules_from_its_practices() -> None:
    exported = export_lens(make([domain("ops", [checklist("ops.c", ["alpha", "beta"])])]))
    lens_q = lens_dicts(exported)[0]["pillars"][0]["questions"][0]
    assert lens_q["riskRules"] == [
        {"condition": "alpha && beta", "risk": "NO_RISK"},
        {"condition": "alpha || beta", "risk": "MEDIUM_RISK"},
        {"condition": "default", "risk": "HIGH_RISK"},
    ]


def test_choices_without_an_action_get_a_plain_improvement_plan() -> None:
    question = checklist("ops.c", ["alpha"])
    del question["choices"][0]["action"]
    exported = export_lens(make([domain("ops", [question])]))
    choice = lens_dicts(exported)[0]["pillars"][0]["questions"][0]["choices"][0]
    assert choice["improvementPlan"] == {"displayText": "Put this practice in place: Practice alpha"}
    assert any("1 choice without an action given a plain improvement plan" in m for m in messages(exported))


def test_links_go_to_resources_by_kind() -> None:
    question = checklist("ops.c", ["alpha"])
    question["choices"][0]["links"] = [
        {"title": "Helpful resource", "url": "https://example.com/h"},
        {"title": "Guide", "url": "https://example.com/g"},
        {"title": "Improvement plan", "url": "https://example.com/i", "kind": "improvement"},
        {"title": "Internal wiki", "url": "wiki/page"},
    ] + [{"title": f"More {i}", "url": f"https://example.com/{i}"} for i in range(5)]
    exported = export_lens(make([domain("ops", [question])]))
    choice = lens_dicts(exported)[0]["pillars"][0]["questions"][0]["choices"][0]
    assert choice["helpfulResource"] == {"displayText": "Helpful resource", "url": "https://example.com/h"}
    assert choice["improvementPlan"] == {"displayText": "Adopt alpha.", "url": "https://example.com/i"}
    assert choice["additionalResources"] == [
        {
            "type": "HELPFUL_RESOURCE",
            "content": [{"displayText": "Guide", "url": "https://example.com/g"}]
            + [{"displayText": f"More {i}", "url": f"https://example.com/{i}"} for i in range(4)],
        }
    ]
    found = messages(exported)
    assert "link 'wiki/page' dropped: the format takes only http:// and https:// urls" in found
    assert "link 'More 4' dropped: the format allows 5 more links of a kind" in found


def test_metadata_and_version_travel_as_underscore_fields() -> None:
    q = make(
        [domain("ops", [single("ops.q")])], version="3.2", metadata={"_owner": "SRE", "notes": "internal"}
    )
    exported = export_lens(q)
    lens = lens_dicts(exported)[0]
    assert lens["_owner"] == "SRE" and lens["_version"] == "3.2" and "notes" not in lens
    assert "metadata notes left out: a lens keeps only fields starting with '_'" in messages(exported)
    assert import_lens_text(exported.texts()[0], "x.json").questionnaire.version == "3.2"


def test_export_notes_point_into_the_questionnaire_file(tmp_path: Path) -> None:
    q = make([domain("ops", [single("ops.q", text="Q" * 140)])])
    path = tmp_path / "custom.yaml"
    path.write_text(json.dumps(q.model_dump(mode="json")), encoding="utf-8")  # JSON is YAML too
    loaded, parsed = load_model(Questionnaire, path)
    lines = export_messages(export_lens(loaded), parsed)
    assert any(
        re.match(rf"{re.escape(str(path))}:1:\d+: warning: question text cut from 140", ln) for ln in lines
    )
    assert lines[-1].startswith("note: simplified:")


# ---------------------------------------------------------------------------
# Fitting rules into the format keeps first-match meaning
# ---------------------------------------------------------------------------

RULE_SETS = [
    [("a && b", "NO_RISK"), ("a", "MEDIUM_RISK"), ("default", "HIGH_RISK")],  # already fits
    [("!a", "HIGH_RISK"), ("!b", "MEDIUM_RISK")],  # no default: no risk when nothing matches
    [("a", "MEDIUM_RISK"), ("b", "MEDIUM_RISK"), ("c", "HIGH_RISK")],  # a level twice, side by side
    [("a", "MEDIUM_RISK"), ("b", "HIGH_RISK"), ("c", "MEDIUM_RISK"), ("default", "NO_RISK")],  # apart
    [("a || b", "HIGH_RISK"), ("!c", "MEDIUM_RISK"), ("a && c", "NO_RISK"), ("b", "MEDIUM_RISK")],
    [("default", "MEDIUM_RISK"), ("a", "HIGH_RISK")],  # a rule after default never applies
    [
        ("a && !(b || !c)", "NO_RISK"),
        ("(a || b) && !c", "HIGH_RISK"),
        ("c", "HIGH_RISK"),
        ("!a", "MEDIUM_RISK"),
    ],
]


@pytest.mark.parametrize("rules", RULE_SETS)
def test_fitted_rules_mean_the_same_for_every_answer(rules: list[tuple[str, str]]) -> None:
    written: list[tuple[conditions.Expr | bool, str]] = [(conditions.parse(c), r) for c, r in rules]
    fitted, _ = fit(written)
    risks = [r for _, r in fitted]
    assert len(fitted) <= 3 and len(set(risks)) == len(risks)
    assert isinstance(fitted[-1][0], conditions.Always)
    parsed = [(conditions.parse(c), r) for c, r in rules]
    for size in range(4):
        for chosen in itertools.combinations("abc", size):
            reparsed = [(conditions.parse(to_text(e)), r) for e, r in fitted]
            assert first_match(parsed, set(chosen)) == first_match(reparsed, set(chosen)), chosen


def test_rules_that_already_fit_are_left_alone() -> None:
    written: list[tuple[conditions.Expr | bool, str]] = [(conditions.parse(c), r) for c, r in RULE_SETS[0]]
    fitted, changed = fit(written)
    assert not changed and [to_text(e) for e, _ in fitted] == ["a && b", "a", "default"]


def test_dropping_a_choice_reads_it_as_never_chosen() -> None:
    expr = conditions.parse("(a && !gone) || (gone && b) || !(gone || c)")
    assert to_text(conditions.parse(to_text(without(expr, {"a", "b", "c"}))))  # type: ignore[arg-type]
    assert without(expr, {"a", "b", "c"}) == conditions.parse("a || !c")
    assert without(conditions.parse("gone"), {"a"}) is False
    assert without(conditions.parse("!gone"), {"a"}) is True


def test_printing_puts_parentheses_where_readers_need_them() -> None:
    for text, printed in [
        ("a || b && c", "a || (b && c)"),
        ("(a || b) && c", "(a || b) && c"),
        ("!(a && b)", "!(a && b)"),
        ("!!a", "!!a"),
        ("((a))", "a"),
    ]:
        assert to_text(conditions.parse(text)) == printed


def test_exported_lens_model_round_trips_through_json() -> None:
    lens = import_lens_text((Path(__file__).parent / "lenses" / "complete.json").read_text(), "c.json").lens
    assert isinstance(lens, Lens)
    again = import_lens_text(json.dumps(lens.to_json()), "again.json").lens
    assert again == lens
