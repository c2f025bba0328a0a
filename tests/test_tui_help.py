"""The help modal shows everything a question carries, imported lenses included, as text."""

from __future__ import annotations

from pathlib import Path

from assess.lens import import_lens
from assess.tui.screens.help import help_markdown

AWS = Path(__file__).resolve().parent / "lenses" / "aws"


def test_lens_background_and_links_are_in_the_help() -> None:
    questionnaire = import_lens(AWS / "ORR-Whitepaper-Sample-PUBLISHED.json", "orr").questionnaire
    with_links = [(q, c) for _, q in questionnaire.questions() for c in q.choices if c.links]
    question, choice = with_links[0]
    text = help_markdown(question)
    assert choice.links[0].title.split()[0] in text
    assert choice.links[0].url.split("://")[1][:10] in text
    detailed = next((q, c) for _, q in questionnaire.questions() for c in q.choices if c.details)
    assert detailed[1].details is not None
    assert " ".join(detailed[1].details.split()[:3]) in " ".join(help_markdown(detailed[0]).split())


def test_help_never_makes_links_from_answer_text() -> None:
    from assess.catalog import load

    questionnaire, _ = load("sre-core")
    question = questionnaire.question("obs.alert-runbooks")
    assert question is not None
    text = help_markdown(question)
    assert "](" not in text.split("## The answers", 1)[1]
