"""The report of a merged workshop file follows the report's layout rules (as tests/test_report_layout.py
checks them for the examples), with its workshop parts: confidence on page 1, where the team disagreed,
settled answers with why, and what to re-check first."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from test_report_layout import (
    COMMAND_LINE,
    LEADER_PAGES,
    WRONG_PLURAL,
    filled_a_quarter,
    no_badge_alone,
    no_heading_ends_a_page,
    tagged,
    validators,
)

from assess.cli import main
from assess.pipeline.team import load_team
from assess.report import pdf
from assess.report.context import Options
from assess.resources import examples_dir

SECRET = "Zedekiah"


def participants(folder: Path) -> list[Path]:
    """Three people answering the whole payments example, disagreeing on a few questions."""
    base = (examples_dir() / "payments-product-team.yaml").read_text(encoding="utf-8")
    changes = {
        "ana.yaml": (
            '"Ana"',
            [
                ("obs.alert-runbooks: some", 'obs.alert-runbooks: {choice: all, note: "every alert"}'),
                ("obs.golden-signals: partial", "obs.golden-signals: most"),
            ],
        ),
        "bo.yaml": (
            '"Bo"',
            [("obs.alert-runbooks: some", 'obs.alert-runbooks: {choice: some, note: "checkout only"}')],
        ),
        f"{SECRET.lower()}.yaml": ("anonymous", [("obs.alert-runbooks: some", "obs.alert-runbooks: none")]),
    }
    out = []
    for name, (who, edits) in changes.items():
        text = base.replace("questionnaire: sre-core@2", f"questionnaire: sre-core@2\nrespondent: {who}", 1)
        for old, new in edits:
            assert old in text
            text = text.replace(old, new, 1)
        (folder / name).write_text(text, encoding="utf-8")
        out.append(folder / name)
    return out


@pytest.fixture(scope="module")
def laid(tmp_path_factory: pytest.TempPathFactory) -> tuple[object, bytes]:
    try:
        pdf.load_weasyprint()
    except pdf.MissingLibraries as exc:
        pytest.skip(str(exc))
    folder = tmp_path_factory.mktemp("workshop")
    team = folder / "team.yaml"
    assert main(["--quiet", "consensus", *map(str, participants(folder)), "-o", str(team)]) == 0
    text = team.read_text(encoding="utf-8")
    at = text.index("      - {choice: none}\n", text.index("  obs.alert-runbooks:"))
    end = at + len("      - {choice: none}\n")
    team.write_text(
        text[:end] + '    settled: {note: "checkout alerts only"}\n' + text[end:], encoding="utf-8"
    )
    a = load_team(team).assess()
    document, fetcher = pdf.render_document(a, Options(paper="a4"))
    return document, pdf.write(document, fetcher)


def test_the_workshop_report_keeps_the_layout_rules(laid: tuple[object, bytes], tmp_path: Path) -> None:
    document, data = laid
    assert pdf.summary_fits(document), "page 1 does not hold the decision page"
    pages = document.pages  # type: ignore[attr-defined]
    appendix = next(n for n, page in enumerate(pages, 1) if "appendix" in page.anchors)
    assert appendix - 1 <= LEADER_PAGES
    no_heading_ends_a_page(document)
    filled_a_quarter(document, exempt={appendix - 1, len(pages)})
    no_badge_alone(document)
    tagged(data)
    validators(data, tmp_path)


def test_the_workshop_report_says_who_disagreed_and_names_no_anonymous_voter(
    laid: tuple[object, bytes],
) -> None:
    _, data = laid
    texts = [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]
    text = "\n".join(texts)
    joined = "".join(text.split())  # the PDF's text, without the breaks its lines put in

    def has(phrase: str) -> bool:
        return "".join(phrase.split()) in joined

    assert has("Confidence in the scores") and "Confidence" in texts[0]
    assert has("Where the team disagreed") and has("Settled answers and why")
    assert has("checkout alerts only") and has("anonymous")
    assert SECRET.casefold() not in joined.casefold()
    assert not COMMAND_LINE.search(text), COMMAND_LINE.search(text)
    assert not WRONG_PLURAL.search(text), WRONG_PLURAL.search(text)
