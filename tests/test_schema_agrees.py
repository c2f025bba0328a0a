"""One questionnaire's answers schema and the loader (`assess validate`) accept the same files.

Fixed cases: the kinds of hand-written answers file on which the two used to disagree, and their
neighbours. Generated cases: answers documents built from the questionnaire and the models (valid
ones, and ones broken in every way the generator knows), for the bundled questionnaire, a small
one with n/a and a 'none of these' checklist, and an imported lens. What JSON Schema cannot express
(duplicate keys, aliases, NaN; see docs/schemas.md) is checked to be refused by the loader alone.
"""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path
from typing import Any, get_args

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft7Validator

from assess import catalog
from assess.errors import InvalidInput
from assess.lens import import_lens
from assess.loading import parse_yaml
from assess.models import MultiQuestion, Questionnaire
from assess.models.answers import TeamProfile
from assess.pipeline.team import load_team
from assess.schema import answers_for

ROOT = Path(__file__).resolve().parent.parent
SMALL = ROOT / "tests" / "data" / "small-questionnaire.yaml"
LENS = ROOT / "tests" / "lenses" / "complete.json"


@cache
def questionnaire(ref: str) -> Questionnaire:
    if ref == "lens":
        return import_lens(LENS, "complete").questionnaire
    q, _ = catalog.load(str(SMALL) if ref == "small" else ref)
    return q


@cache
def validator(ref: str) -> Draft7Validator:
    schema = answers_for(questionnaire(ref))
    Draft7Validator.check_schema(schema)
    return Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)


def questionnaire_file(ref: str, folder: Path) -> str:
    """What to pass as --questionnaire: the id of a bundled one, else a file."""
    if ref == "sre-core":
        return ref
    path = folder / f"{questionnaire(ref).id}.yaml"
    if not path.exists():
        path.write_text(SMALL.read_text() if ref == "small" else import_lens(LENS, "complete").yaml())
    return str(path)


def loader_accepts(text: str, ref: str, folder: Path) -> tuple[bool, list[str]]:
    path = folder / "answers.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        load_team(path, questionnaire_file(ref, folder))
    except InvalidInput as exc:
        return False, [str(d) for d in exc.diagnostics]
    return True, []


def schema_accepts(text: str, ref: str) -> tuple[bool, list[str]]:
    data = parse_yaml(text, "answers.yaml").data  # YAML 1.2, as editors read it
    errors = [e.message for e in validator(ref).iter_errors(data)]
    return not errors, errors


HEAD = "questionnaire: sre-core\nteam:\n  name: Payments\n"

# (what the file shows, the file, whether it is valid)
CASES: list[tuple[str, str, bool]] = [
    ("the smallest file", HEAD, True),
    ("with the version", "questionnaire: sre-core@2\nteam: {name: P}\n", True),
    # Version 1 answers are scored with sre-core@1.yaml; version 2's schema and checks refuse them.
    ("another version", "questionnaire: sre-core@1\nteam: {name: P}\n", False),
    ("another questionnaire", "questionnaire: small\nteam: {name: P}\n", False),
    ("an id that is not an id", "questionnaire: 'sre core'\nteam: {name: P}\n", False),
    ("an empty answers section", HEAD + "answers:\n", True),
    ("an empty targets section", HEAD + "targets:\n", True),
    ("answers as a list", HEAD + "answers: [slo.defined]\n", False),
    ("a choice id", HEAD + "answers:\n  slo.defined: agreed\n", True),
    ("a wrong choice", HEAD + "answers:\n  slo.defined: measured-everything\n", False),
    ("an unknown question", HEAD + "answers:\n  slo.bogus: none\n", False),
    ("an unknown question left empty", HEAD + "answers:\n  slo.bogus:\n", False),
    ("a question left empty", HEAD + "answers:\n  slo.defined:\n", True),
    ("unsure", HEAD + "answers:\n  slo.defined: unsure\n", True),
    ("n/a where allowed", HEAD + "answers:\n  toil.shared: n/a\n", True),
    ("n/a where not allowed", HEAD + "answers:\n  slo.defined: n/a\n", False),
    ("n/a with a reason", HEAD + "answers:\n  toil.shared: {choice: n/a, reason: ours}\n", True),
    ("a reason without n/a", HEAD + "answers:\n  toil.shared: {choice: repeated, reason: x}\n", False),
    (
        "a reason where n/a is not allowed",
        HEAD + "answers:\n  slo.defined: {choice: none, reason: x}\n",
        False,
    ),
    ("a list for a single-choice question", HEAD + "answers:\n  slo.defined: [agreed]\n", False),
    ("choices for a single-choice question", HEAD + "answers:\n  slo.defined: {choices: [agreed]}\n", False),
    ("a number for an answer", HEAD + "answers:\n  slo.defined: 3\n", False),
    ("choice and choices together", HEAD + "answers:\n  rel.ci: {choice: none, choices: [none]}\n", False),
    ("an empty long form", HEAD + "answers:\n  slo.defined: {}\n", False),
    ("a long form with only a note", HEAD + "answers:\n  slo.defined: {note: soon}\n", False),
    (
        "a long form with a note and evidence",
        HEAD + "answers:\n  slo.defined:\n    choice: agreed\n    note: n\n"
        "    evidence: {text: review, date: 2026-10-30, owner: Ana}\n",
        True,
    ),
    ("evidence without text", HEAD + "answers:\n  slo.defined: {choice: agreed, evidence: {}}\n", False),
    (
        "evidence dated on a day that does not exist",
        HEAD + "answers:\n  slo.defined: {choice: agreed, evidence: {text: t, date: 2026-02-30}}\n",
        False,
    ),
    ("an unknown long-form field", HEAD + "answers:\n  slo.defined: {choice: agreed, colour: red}\n", False),
    ("a checklist", HEAD + "answers:\n  rel.practices: [canary, smoke-tests]\n", True),
    ("one practice on its own", HEAD + "answers:\n  rel.practices: canary\n", True),
    ("an empty checklist", HEAD + "answers:\n  rel.practices: []\n", True),
    ("a checklist in the long form", HEAD + "answers:\n  rel.practices: {choices: [canary]}\n", True),
    ("none of these alone", HEAD + "answers:\n  rel.practices: [none]\n", True),
    ("none of these with a practice", HEAD + "answers:\n  rel.practices: [none, canary]\n", False),
    ("a practice twice", HEAD + "answers:\n  rel.practices: [canary, canary]\n", False),
    ("an unknown practice", HEAD + "answers:\n  rel.practices: [canary, yolo]\n", False),
    ("[unsure] in a checklist", HEAD + "answers:\n  rel.practices: [unsure]\n", False),
    ("unsure for a checklist", HEAD + "answers:\n  rel.practices: unsure\n", True),
    ("negative pages", HEAD + "  pages_per_week: -1\n", False),
    ("pages as a fraction", HEAD + "  pages_per_week: 2.5\n", True),
    ("8.0 engineers (JSON Schema and the loader both count it as 8)", HEAD + "  engineers: 8.0\n", True),
    ("8.5 engineers", HEAD + "  engineers: 8.5\n", False),
    ("engineers as text", HEAD + "  engineers: '8'\n", False),
    ("no engineers", HEAD + "  engineers: 0\n", False),
    ("010 engineers (YAML 1.2: ten)", HEAD + "  engineers: 010\n", True),
    ("0x1f services (YAML 1.2: thirty-one)", HEAD + "  services: 0x1f\n", True),
    ("1e1 pages (YAML 1.2: a float)", HEAD + "  pages_per_week: 1e1\n", True),
    ("true for a count", HEAD + "  engineers: true\n", False),
    ("an unknown team field", HEAD + "  colour: blue\n", False),
    ("no team name", "questionnaire: sre-core\nteam: {engineers: 3}\n", False),
    ("an empty team name", "questionnaire: sre-core\nteam: {name: ''}\n", False),
    ("no team", "questionnaire: sre-core\n", False),
    ("no questionnaire", "team: {name: P}\n", False),
    ("an unknown top-level field", HEAD + "colour: blue\n", False),
    ("a date", HEAD + "assessed_at: 2026-11-27\n", True),
    ("a date that does not exist", HEAD + "assessed_at: 2026-02-30\n", False),
    ("a timestamp for a date", HEAD + "assessed_at: 2026-11-27T10:00:00\n", False),
    ("a number for a date", HEAD + "assessed_at: 0\n", False),
    ("a target per area and a default", HEAD + "targets: {default: 3, observability: 4}\n", True),
    ("an unknown target domain", HEAD + "targets: {observabilty: 4}\n", False),
    ("a target beyond level 5", HEAD + "targets: {default: 6}\n", False),
    ("a target as a fraction", HEAD + "targets: {default: 3.5}\n", False),
    ("an empty file", "", False),
    ("a list at the top", "- questionnaire: sre-core\n", False),
]


@pytest.mark.parametrize(("text", "valid"), [pytest.param(t, v, id=name) for name, t, v in CASES])
def test_fixed_cases(text: str, valid: bool, tmp_path: Path) -> None:
    loader, why_loader = loader_accepts(text, "sre-core", tmp_path)
    schema, why_schema = schema_accepts(text, "sre-core")
    assert (loader, schema) == (valid, valid), (why_loader, why_schema)


def test_the_bundled_examples_pass_both(tmp_path: Path) -> None:
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert loader_accepts(text, "sre-core", tmp_path) == (True, []), path.name
        assert schema_accepts(text, "sre-core") == (True, []), path.name


# What JSON Schema cannot express: the loader refuses these, a schema never sees them as written.
LOADER_ONLY = [
    ("a duplicate key", HEAD + "answers:\n  slo.defined: none\n  slo.defined: agreed\n"),
    ("an alias", HEAD + "answers:\n  rel.practices: &p [canary]\n  rel.ci: *p\n"),
    ("NaN pages a week", HEAD + "  pages_per_week: .nan\n"),
    ("a YAML tag", HEAD + "answers:\n  slo.defined: !!binary YWdyZWVk\n"),
]


@pytest.mark.parametrize("text", [pytest.param(t, id=name) for name, t in LOADER_ONLY])
def test_what_only_the_loader_can_refuse(text: str, tmp_path: Path) -> None:
    assert loader_accepts(text, "sre-core", tmp_path)[0] is False


# --------------------------------------------------------------------------
# Generated documents
# --------------------------------------------------------------------------

WORDS = st.sampled_from(["", "x", "none", "unsure", "n/a", "agreed", "1", "Payments", "é"])
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 12),
    st.sampled_from([0.5, 8.0, -1.0, 1e6, math.inf]),
    WORDS,
)


def bounds(field: str) -> tuple[int, int]:
    """The range a team fact allows, read from the model (so new facts are covered too)."""
    found: dict[str, int] = {}

    def walk(node: Any) -> None:
        for name in ("ge", "le"):
            if isinstance(getattr(node, name, None), int):
                found.setdefault(name, getattr(node, name))
        for inner in [*get_args(node), *getattr(node, "metadata", ())]:
            walk(inner)

    walk(TeamProfile.model_fields[field].annotation)
    return found.get("ge", 0), found.get("le", 10)


def numeric(field: str) -> bool:
    annotation = str(TeamProfile.model_fields[field].annotation)
    return "int" in annotation.lower() or "float" in annotation.lower() or "Whole" in annotation


@st.composite
def valid_team(draw: st.DrawFn) -> dict[str, Any]:
    out: dict[str, Any] = {"name": draw(st.sampled_from(["Payments", "P", "é" * 200]))}
    for field in TeamProfile.model_fields:
        if field != "name" and numeric(field) and draw(st.booleans()):
            low, high = bounds(field)
            value = draw(st.integers(low, min(high, low + 50)))
            out[field] = float(value) if draw(st.integers(0, 5)) == 0 else value
    return out


@st.composite
def valid_answer(draw: st.DrawFn, q: Questionnaire, qid: str) -> Any:
    question = q.question(qid)
    assert question is not None
    words = [*question.choice_ids(), "unsure", *(["n/a"] if question.allow_na else [])]
    value: Any
    if isinstance(question, MultiQuestion) and draw(st.booleans()):
        practices = [c.id for c in question.choices if not c.none_of_these]
        value = draw(st.lists(st.sampled_from(practices), unique=True, max_size=3)) if practices else []
        if not value and len(question.choice_ids()) > len(practices) and draw(st.booleans()):
            value = [next(c.id for c in question.choices if c.none_of_these)]
    else:
        value = draw(st.sampled_from(words))
    form = draw(st.integers(0, 5))
    if form == 0:
        return None
    if form < 4:
        return value
    key = "choices" if isinstance(value, list) else "choice"
    detail: dict[str, Any] = {key: value}
    if draw(st.booleans()):
        detail["note"] = "what a reader should know"
    if value == "n/a" and draw(st.booleans()):
        detail["reason"] = "not ours"
    if draw(st.booleans()):
        detail["evidence"] = {"text": "review", **({"date": "2026-10-30"} if draw(st.booleans()) else {})}
    return detail


@st.composite
def valid_document(draw: st.DrawFn, q: Questionnaire) -> dict[str, Any]:
    out: dict[str, Any] = {"questionnaire": draw(st.sampled_from([q.id, f"{q.id}@{q.version}"]))}
    if draw(st.booleans()):
        out["assessed_at"] = "2026-11-27"
    out["team"] = draw(valid_team())
    ids = [question.id for _, question in q.questions()]
    chosen = draw(st.lists(st.sampled_from(ids), max_size=8, unique=True))
    out["answers"] = {qid: draw(valid_answer(q, qid)) for qid in chosen}
    if draw(st.booleans()):
        keys = st.sampled_from([d.id for d in q.domains] + ["default"])
        out["targets"] = draw(st.dictionaries(keys, st.integers(1, 5), max_size=3))
    return out


@st.composite
def any_answer(draw: st.DrawFn, q: Questionnaire, qid: str) -> Any:
    """An answer to ``qid`` built from parts that are each right somewhere, or wrong."""
    question = q.question(qid)
    assert question is not None
    pick = st.one_of(st.sampled_from(question.choice_ids()), WORDS)
    practices = st.lists(pick, max_size=4)
    form = draw(st.integers(0, 5))
    if form == 0:
        return draw(pick)
    if form == 1:
        return draw(practices)
    if form == 2:
        return draw(SCALARS)
    detail: dict[str, Any] = {}
    if draw(st.integers(0, 4)):
        detail["choice"] = draw(st.one_of(pick, st.none(), practices))
    if draw(st.integers(0, 2)) == 0:
        detail["choices"] = draw(st.one_of(practices, st.none(), WORDS))
    if draw(st.booleans()):
        detail["note"] = draw(st.one_of(WORDS, st.none(), st.integers(0, 2)))
    if draw(st.integers(0, 2)) == 0:
        detail["reason"] = draw(st.one_of(WORDS, st.none()))
    if draw(st.integers(0, 3)) == 0:
        evidence: dict[str, Any] = {}
        if draw(st.integers(0, 4)):
            evidence["text"] = draw(st.one_of(st.just("review"), WORDS))
        if draw(st.booleans()):
            evidence["date"] = draw(DATES)
        if draw(st.integers(0, 5)) == 0:
            evidence["owner"] = draw(SCALARS)
        if draw(st.integers(0, 8)) == 0:
            evidence["colour"] = "red"
        detail["evidence"] = draw(st.one_of(st.just(evidence), st.none(), WORDS))
    if draw(st.integers(0, 12)) == 0:
        detail["colour"] = "red"
    return detail


DATES = st.sampled_from(["2026-10-30", "2026-02-30", "2026-1-5", "20261030", "2026-11-27T10:00", None, 0])


@st.composite
def broken(draw: st.DrawFn, q: Questionnaire, doc: dict[str, Any]) -> Any:
    """``doc`` with one part replaced by something that may or may not be allowed there."""
    ids = [question.id for _, question in q.questions()]
    team = doc["team"]
    where = draw(st.integers(0, 11))
    if where == 0:
        doc["questionnaire"] = draw(
            st.sampled_from([f"{q.id}@9", "other", "a b", q.id.upper(), "", f"{q.id}@{q.version}"])
        )
    elif where == 1:
        doc["assessed_at"] = draw(DATES)
    elif where == 2:
        field = draw(st.sampled_from(sorted(TeamProfile.model_fields)))
        low, high = bounds(field) if numeric(field) else (0, 10)
        team[field] = draw(
            st.one_of(
                st.sampled_from([low - 1, low, high, high + 1, low + 0.5, float(high), -0.0]),
                st.floats(low - 2, high + 2, allow_nan=False),
                SCALARS,
            )
        )
    elif where == 3:
        team.pop(draw(st.sampled_from(sorted(team))))
    elif where == 4:
        qid = draw(st.sampled_from(ids))
        doc["answers"][qid] = draw(any_answer(q, qid))
    elif where == 5:
        doc["answers"][draw(st.sampled_from(["bogus", ids[0] + "x", "n/a", ids[0].upper()]))] = None
    elif where == 6:
        domains = [d.id for d in q.domains]
        targets = doc.setdefault("targets", {})
        key = draw(st.sampled_from([*domains, "default", "bogus"]))
        targets[key] = draw(st.one_of(st.integers(0, 6), st.sampled_from([3.0, 3.5, "3", True, None])))
    elif where == 7:
        section = draw(st.sampled_from(["answers", "targets", "team"]))
        doc[section] = draw(st.one_of(st.none(), st.just([]), st.just({}), WORDS))
    elif where == 8:
        draw(st.sampled_from([doc, team])).update(colour="blue")
    elif where == 9:
        doc.pop(draw(st.sampled_from(sorted(doc))))
    elif where == 10:
        return draw(st.one_of(SCALARS, st.lists(SCALARS, max_size=2)))
    return doc


@st.composite
def document(draw: st.DrawFn, ref: str) -> Any:
    q = questionnaire(ref)
    doc: Any = draw(valid_document(q))
    for _ in range(draw(st.sampled_from([0, 0, 1, 1, 1, 2]))):
        if not isinstance(doc, dict) or not isinstance(doc.get("team"), dict):
            break
        if not isinstance(doc.get("answers"), dict):
            break
        doc = draw(broken(q, doc))
    return doc


def agree(data: Any, ref: str, folder: Path) -> None:
    text = json.dumps(data, ensure_ascii=False)  # JSON is YAML: nothing is lost on the way
    loader, why_loader = loader_accepts(text, ref, folder)
    schema, why_schema = schema_accepts(text, ref)
    assert loader == schema, f"{text}\nloader: {why_loader}\nschema: {why_schema}"


SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.mark.parametrize("ref", ["sre-core", "small", "lens"])
def test_generated_documents_agree(ref: str, tmp_path: Path) -> None:
    @SETTINGS
    @given(document(ref))
    def check(data: Any) -> None:
        agree(data, ref, tmp_path)

    check()
