"""The rules for changing answers in the app: what a pick, toggle, note or clear does to the data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from assess import catalog
from assess.engine import assess
from assess.models import Answers, MultiQuestion, Questionnaire, SingleQuestion
from assess.tui.answers_file import Document
from assess.tui.session import NeedsAnswer, Session, clear, pick, view, with_note


@pytest.fixture(scope="module")
def questionnaire() -> Questionnaire:
    return catalog.load("sre-core")[0]


def single(q: Questionnaire) -> SingleQuestion:
    return next(x for _, x in q.questions() if isinstance(x, SingleQuestion) and x.allow_na)


def multi(q: Questionnaire) -> MultiQuestion:
    return next(x for _, x in q.questions() if isinstance(x, MultiQuestion))


def new_session(q: Questionnaire, tmp_path: Path) -> Session:
    from assess.template import answers_template

    doc = Document.parse(answers_template(q, team="T", today=dt.date(2026, 1, 15)))
    return Session(q, dict(doc.data), tmp_path / "t.yaml")


def test_single_choice_is_set_not_toggled(questionnaire: Questionnaire) -> None:
    question = single(questionnaire)
    first, second = question.choice_ids()[:2]
    assert pick(question, None, first) == first
    assert pick(question, first, first) == first
    assert pick(question, first, second) == second
    assert pick(question, second, "n/a") == "n/a"
    assert pick(question, "n/a", "unsure") == "unsure"


def test_checklist_toggles_and_keeps_none_of_these_exclusive(questionnaire: Questionnaire) -> None:
    question = multi(questionnaire)
    practices = [c.id for c in question.choices if not c.none_of_these]
    none = next(c.id for c in question.choices if c.none_of_these)
    value = pick(question, None, practices[1])
    assert value == [practices[1]]
    value = pick(question, value, practices[0])
    assert value == practices[:2], "kept in the questionnaire's order"
    assert pick(question, value, none) == [none]
    assert pick(question, [none], practices[0]) == [practices[0]]
    assert pick(question, [practices[0]], practices[0]) is None, "unticking the last one unanswers"
    assert pick(question, value, "unsure") == "unsure"
    assert pick(question, "unsure", "unsure") is None
    assert pick(question, "unsure", practices[2]) == [practices[2]]


def test_unknown_options_and_na_where_not_allowed_are_refused(questionnaire: Questionnaire) -> None:
    no_na = next(x for _, x in questionnaire.questions() if not x.allow_na)
    with pytest.raises(ValueError):
        pick(no_na, None, "n/a")
    with pytest.raises(ValueError):
        pick(no_na, None, "not-a-choice")


def test_notes_and_evidence_survive_a_new_choice_in_their_order(questionnaire: Questionnaire) -> None:
    question = single(questionnaire)
    first, second = question.choice_ids()[:2]
    raw = {"note": "kept", "choice": first, "evidence": {"text": "wiki", "date": "2026-01-02"}}
    result = pick(question, raw, second)
    assert isinstance(result, dict)
    assert list(result.items()) == [
        ("note", "kept"),
        ("choice", second),
        ("evidence", {"text": "wiki", "date": "2026-01-02"}),
    ]


def test_reason_is_kept_as_a_note_when_leaving_na(questionnaire: Questionnaire) -> None:
    question = single(questionnaire)
    raw = {"choice": "n/a", "reason": "no such system"}
    result = pick(question, raw, question.choice_ids()[0])
    assert result == {"choice": question.choice_ids()[0], "note": "(n/a: no such system)"}
    assert pick(question, raw, "n/a") == raw


def test_notes_need_an_answer_and_empty_notes_fold_back(questionnaire: Questionnaire) -> None:
    question = single(questionnaire)
    choice = question.choice_ids()[0]
    with pytest.raises(NeedsAnswer):
        with_note(question, None, "a note")
    assert with_note(question, None, "") is None
    long = with_note(question, choice, "why")
    assert long == {"choice": choice, "note": "why"}
    assert with_note(question, long, "  ") == choice
    with pytest.raises(NeedsAnswer):
        clear(question, long)
    assert clear(question, choice) is None
    checklist = multi(questionnaire)
    assert with_note(checklist, ["a"], "n") == {"choices": ["a"], "note": "n"}


def test_view_reads_every_answer_form() -> None:
    assert view(None).status == "unanswered"
    assert view("x").selected == ("x",)
    assert view(["a", "b"]).marks("b")
    assert view({"choice": "n/a", "reason": "r"}).marks("n/a")
    detail = view({"choices": ["a"], "note": "n", "evidence": {"text": "e"}})
    assert (detail.status, detail.note, detail.has_evidence) == ("answered", "n", True)


def test_session_progress_resume_point_and_results(questionnaire: Questionnaire, tmp_path: Path) -> None:
    session = new_session(questionnaire, tmp_path)
    ids = [q.id for q in session.questions]
    assert session.first_unanswered() == 0
    snapshot = session.data
    assert session.pick(ids[0], session.questions[0].choice_ids()[-1])
    assert snapshot["answers"][ids[0]] is None, "earlier snapshots never change"
    assert not session.pick(ids[0], session.questions[0].choice_ids()[-1]), "same answer, no change"
    assert session.first_unanswered() == 1
    assert session.progress() == (1, len(ids))
    domain = session.domain_index[ids[0]]
    assert session.domain_progress(domain)[0] == 1
    assert session.first_of_domain(domain) == 1
    expected = assess(questionnaire, Answers.model_validate(session.data))
    assert session.assessment() == expected
    assert session.assessment().domains[0].answered == 1


def test_team_facts_are_added_only_when_given(questionnaire: Questionnaire, tmp_path: Path) -> None:
    session = new_session(questionnaire, tmp_path)
    session.data = {**session.data, "team": {"name": "T"}}
    assert not session.set_team({"name": "T", "engineers": None})
    assert "engineers" not in session.team
    assert session.set_team({"engineers": 6})
    assert session.team == {"name": "T", "engineers": 6}
