"""Saving answers back into a person's YAML: only changed values move, and the file stays valid."""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path
from typing import Any

import pytest

from assess import catalog
from assess.loading import parse_yaml
from assess.models import Answers
from assess.resources import examples_dir
from assess.template import answers_template
from assess.tui.answers_file import Document, canonical, scalar

ORDER = {"answers": ["a.one", "a.two", "a.three"], "team": ["name", "engineers", "services"]}


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def with_answer(data: dict[str, Any], qid: str, value: object) -> dict[str, Any]:
    return {**data, "answers": {**data["answers"], qid: value}}


def test_template_keeps_every_comment_while_answers_are_filled_in() -> None:
    q, _ = catalog.load("sre-core")
    text = answers_template(q, team="Payments", today=dt.date(2026, 1, 15))
    doc = Document.parse(text)
    data = doc.data
    data = with_answer(data, "slo.defined", "none")
    data = with_answer(data, "slo.documentation", ["none"])
    data = with_answer(data, "obs.golden-signals", {"choice": "unsure", "note": "ask the platform team"})
    data = {**data, "team": {**data["team"], "engineers": 8, "pages_per_week": 2.5}}
    after = doc.updated(data, {"answers": [qq.id for _, qq in q.questions()]})

    assert after.data == data
    comments = [line for line in text.splitlines() if line.lstrip().startswith("#")]
    assert [line for line in after.text.splitlines() if line.lstrip().startswith("#")] == comments
    assert changed_lines(text, after.text) == [
        "-  engineers:            # people in this team",
        "+  engineers: 8            # people in this team",
        "-  pages_per_week:       # pages or interrupts reaching on-call per week",
        "+  pages_per_week: 2.5       # pages or interrupts reaching on-call per week",
        "-  slo.defined:",
        "+  slo.defined: none",
        "-  slo.documentation:",
        "+  slo.documentation: [none]",
        "+    choice: unsure",
        '+    note: "ask the platform team"',
    ]
    Answers.model_validate(parse_yaml(after.text, "x").data)


def test_changing_one_answer_of_an_example_touches_only_that_value() -> None:
    text = (examples_dir() / "payments-product-team.yaml").read_text(encoding="utf-8")
    doc = Document.parse(text)
    before = doc.data["answers"]["slo.defined"]
    assert isinstance(before, dict) and "note" in before
    data = with_answer(doc.data, "slo.defined", {**before, "choice": "agreed"})
    after = doc.updated(data)
    assert changed_lines(text, after.text) == ["-    choice: infra-targets", "+    choice: agreed"]


def test_long_form_back_to_short_form_leaves_the_next_entrys_comments() -> None:
    text = (
        "questionnaire: x\nteam:\n  name: T\nanswers:\n"
        "  a.one:\n    choice: b\n    note: |\n      # inside the note\n      more\n\n"
        "  # about a.two\n  a.two: c   # trailing\n"
    )
    doc = Document.parse(text)
    after = doc.updated(with_answer(doc.data, "a.one", "d"))
    head = "questionnaire: x\nteam:\n  name: T\nanswers:\n"
    assert after.text == head + "  a.one: d\n\n  # about a.two\n  a.two: c   # trailing\n"
    again = after.updated(with_answer(after.data, "a.two", "e"))
    assert again.text.endswith("  a.two: e   # trailing\n")


def test_missing_keys_are_inserted_in_questionnaire_order() -> None:
    text = "questionnaire: x\nteam:\n  name: T\nanswers:\n  a.one: b\n  a.three: d\n"
    doc = Document.parse(text)
    data = with_answer(doc.data, "a.two", "c")
    data = {**data, "team": {**data["team"], "engineers": 4}}
    after = doc.updated(data, ORDER)
    assert after.text == (
        "questionnaire: x\nteam:\n  name: T\n  engineers: 4\nanswers:\n  a.one: b\n  a.two: c\n  a.three: d\n"
    )


def test_several_inserts_at_one_place_keep_their_order() -> None:
    doc = Document.parse("questionnaire: x\nteam:\n  name: T\nanswers:\n  a.one: b\n")
    data = with_answer(with_answer(doc.data, "a.two", "c"), "a.three", "d")
    after = doc.updated(data, ORDER)
    assert after.text.endswith("  a.one: b\n  a.two: c\n  a.three: d\n")


@pytest.mark.parametrize(
    "text",
    [
        "questionnaire: x\nteam: {name: T}\nanswers: {a.one: b}\n",
        "questionnaire: x\nteam:\n  name: T\nanswers:\n",
        "questionnaire: x\nteam:\n  name: T\n",
        "{questionnaire: x, team: {name: T}, answers: {}}\n",
    ],
)
def test_unusual_layouts_still_save_every_answer(text: str) -> None:
    doc = Document.parse(text)
    data = dict(doc.data)
    data["answers"] = {**(data.get("answers") or {}), "a.two": {"choice": "c", "note": "n"}}
    data["team"] = {**data["team"], "engineers": 3}
    after = doc.updated(data, ORDER)
    assert after.data == data
    assert Document.parse(after.text).data == data


NASTY = [
    'He said "yes": # not a comment',
    "line one\nline two",
    "  leading and trailing spaces  ",
    "yes",
    "no",
    "on",
    "null",
    "~",
    "123",
    "1.5",
    "2026-01-31",
    "- looks like a list",
    "{looks: like a map}",
    "*alias",
    "&anchor",
    "!tag",
    "%directive",
    "@at",
    "`backtick`",
    "tab\there",
    "unicode: café, 日本語, emoji 🚀",
    "line separator \u2028 and next line \u0085 inside",
    "back\\slash",
    "",
]


@pytest.mark.parametrize("note", NASTY)
def test_any_note_text_reads_back_exactly(note: str) -> None:
    doc = Document.parse("questionnaire: x\nteam:\n  name: T\nanswers:\n  a.one: b\n")
    data = with_answer(doc.data, "a.one", {"choice": "b", "note": note})
    after = doc.updated(data)
    assert after.data == data
    assert changed_lines(doc.text, after.text)[0] == "-  a.one: b"


@pytest.mark.parametrize(
    "value",
    # The last ones are numbers to YAML 1.2 (our reader), text to YAML 1.1: they must be quoted.
    [0, 7, 2.5, 0.00001, 100000.0, "text", "n/a", "sre-core@1", "0o10", "1e3", "010", "0x1f"],
)
def test_scalars_read_back_as_the_same_value(value: object) -> None:
    assert parse_yaml(f"k: {scalar(value)}\n", "x").data == {"k": value}


def test_canonical_layout_keeps_the_header_comments_and_reads_back() -> None:
    data = {
        "questionnaire": "sre-core@1",
        "assessed_at": "2026-01-31",
        "team": {"name": "T: the team", "engineers": 5},
        "answers": {"a.one": None, "a.two": ["x", "y"], "a.three": {"choice": "n/a", "reason": "why"}},
    }
    text = canonical(data, "# my header\n")
    assert text.startswith("# my header\n")
    assert parse_yaml(text, "x").data == data


def test_unchanged_data_is_the_same_document(tmp_path: Path) -> None:
    doc = Document.parse("questionnaire: x\nteam:\n  name: T\n")
    assert doc.updated(dict(doc.data)) is doc
