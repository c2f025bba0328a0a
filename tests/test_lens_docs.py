"""The example in docs/questionnaires.md is complete, valid, and scores as the text says."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from assess.checks import check_questionnaire
from assess.engine import assess
from assess.lens import export_lens, import_lens_text
from assess.loading import load_model
from assess.models import Questionnaire
from assess.pipeline.team import load_team

DOC = Path(__file__).resolve().parent.parent / "docs" / "questionnaires.md"
Write = Callable[[str, str], Path]


def example(name: str) -> str:
    text = DOC.read_text(encoding="utf-8")
    found = re.search(rf"<!-- example: {name} -->\n```yaml\n(.*?)```", text, re.S)
    assert found, f"no '{name}' example in {DOC.name}"
    return found.group(1)


@pytest.fixture
def files(write: Write) -> tuple[Path, Path]:
    return write("release-safety.yaml", example("questionnaire")), write("answers.yaml", example("answers"))


def test_example_questionnaire_validates_cleanly(files: tuple[Path, Path]) -> None:
    questionnaire, parsed = load_model(Questionnaire, files[0])
    assert check_questionnaire(questionnaire, parsed) == []
    kinds = {(q.kind, getattr(q, "scoring", None)) for _, q in questionnaire.questions()}
    assert kinds == {("single", None), ("multi", "weights"), ("multi", "risk")}


def test_example_answers_score_as_the_text_says(files: tuple[Path, Path]) -> None:
    team = load_team(files[1], str(files[0]), strict=True)
    answers, questionnaire = team.answers, team.questionnaire
    scores = {d.title: d.score for d in assess(questionnaire, answers).domains}
    prose = " ".join(DOC.read_text(encoding="utf-8").split())
    for title, score in scores.items():
        assert f"**{title} {score:.1f}**" in prose


def test_example_exports_as_a_lens(files: tuple[Path, Path]) -> None:
    questionnaire, _ = load_model(Questionnaire, files[0])
    exported = export_lens(questionnaire)
    again = import_lens_text(exported.texts()[0], "release-safety.json", "release-safety")
    assert again.notes == []
    assert [d.id for d in again.questionnaire.domains] == ["release", "learning"]
