"""The PDF: every section, page 1 holding the summary, metadata, bookmarks, footers, PDF/UA tagging,
and layouts that never overflow the page, also with very long team names and notes."""

from __future__ import annotations

import datetime as dt
import io
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from pypdf import PdfReader

from assess.engine import assess
from assess.models import Assessment
from assess.pipeline.team import load_team
from assess.report import html, pdf
from assess.report.context import Options, Paper, build

HERE = Path(__file__).resolve().parent
GOLDEN_INPUT = HERE / "golden" / "report-input.yaml"
HOSTILE_NOTE = '<img src="file:///etc/passwd"> <link rel=attachment href="file:///etc/hostname">'
A4 = (595.28, 841.89)
LETTER = (612.0, 792.0)

MINI = {
    "id": "mini",
    "version": "2",
    "title": "Mini questionnaire",
    "description": "Three small domains for fast report tests.",
    "domains": [
        {
            "id": domain,
            "title": f"{domain.capitalize()} practices",
            "description": "An area.",
            "questions": [
                {
                    "id": f"{domain}.{n}",
                    "kind": "single",
                    "text": f"Is {domain} practice {n} in place?",
                    "help": "Why it matters.",
                    "effort": "low",
                    "choices": [
                        {"id": "no", "label": "Not at all", "score": 0.0, "action": f"Start {domain} {n}."},
                        {"id": "some", "label": "Partly", "score": 0.5, "action": f"Spread {domain} {n}."},
                        {"id": "yes", "label": "Everywhere", "score": 1.0},
                    ],
                    "risk_rules": [
                        {"when": "no", "risk": "high", "why": f"Without {domain} {n} outages last."}
                    ],
                }
                for n in ("one", "two")
            ],
        }
        for domain in ("alpha", "beta", "gamma")
    ],
}


@pytest.fixture(scope="module", autouse=True)
def _weasyprint() -> None:
    try:
        pdf.load_weasyprint()
    except pdf.MissingLibraries as exc:
        pytest.skip(str(exc))


def reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def page_texts(doc: PdfReader) -> list[str]:
    return [page.extract_text() for page in doc.pages]


def flat(text: str) -> str:
    """Text without whitespace, so words split across lines still match."""
    return "".join(text.split())


def outline_titles(doc: PdfReader) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []

    def walk(items: list[Any], depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, str(item.title)))

    walk(doc.outline, 0)
    return found


def assessment_for(questionnaire: dict[str, Any], answers: dict[str, Any], tmp: Path) -> Assessment:
    q_path = tmp / "questionnaire.yaml"
    q_path.write_text(yaml.safe_dump(questionnaire, sort_keys=False))
    a_path = tmp / "answers.yaml"
    a_path.write_text(yaml.safe_dump(answers, sort_keys=False, width=10_000))
    team = load_team(a_path, str(q_path))
    loaded, q = team.answers, team.questionnaire
    return assess(q, loaded)


def mini_answers(
    team: str = "Mini team", note: str = "A note.", assessed_at: str | None = "2026-05-01"
) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "questionnaire": "mini",
        "team": {"name": team, "engineers": 5, "teams_in_org": 9, "sre_count": 1},
        "answers": {
            "alpha.one": {"choice": "no", "note": note, "evidence": {"text": note, "owner": "Sam"}},
            "alpha.two": "some",
            "beta.one": "unsure",
            "gamma.one": "yes",
        },
    }
    if assessed_at:
        doc["assessed_at"] = assessed_at
    return doc


@pytest.fixture(scope="module")
def golden() -> Assessment:
    team = load_team(GOLDEN_INPUT)
    answers, questionnaire = team.answers, team.questionnaire
    return assess(questionnaire, answers)


class Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.fixture(scope="module")
def weasyprint_log() -> Iterator[Collect]:
    handler = Collect()
    logger = logging.getLogger("weasyprint")
    level = logger.level
    logger.setLevel(logging.WARNING)
    logger.addHandler(handler)
    yield handler
    logger.removeHandler(handler)
    logger.setLevel(level)


@pytest.fixture(scope="module")
def golden_pdf(golden: Assessment, weasyprint_log: Collect) -> bytes:
    return pdf.render(golden, Options(paper="a4"))


@pytest.fixture(scope="module")
def golden_texts(golden_pdf: bytes) -> list[str]:
    return page_texts(reader(golden_pdf))


@pytest.fixture(scope="module", params=["a4", "letter"])
def hostile_render(request: pytest.FixtureRequest, hostile: Assessment) -> tuple[Any, bytes]:
    """The hostile report laid out once per paper size: (WeasyPrint document, PDF bytes)."""
    document, fetcher = pdf.render_html(html.render(hostile, Options(paper=request.param)))
    return document, pdf.write(document, fetcher)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Assessment:
    team = ('Ops <b>"&amp;"</b> ' + "N" * 120 + " " + "very long team name " * 10)[:200]
    note = HOSTILE_NOTE + " see http://169.254.169.254/latest " + "A" * 3000
    return assessment_for(MINI, mini_answers(team, note), tmp_path_factory.mktemp("hostile"))


def boxes(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", None) or ():
        yield from boxes(child)


def overflowing(document: Any) -> list[str]:
    """Text and images reaching past the page's content area (the margins stay clear)."""
    found = []
    for number, page in enumerate(document.pages, 1):
        page_box = page._page_box
        right = page_box.content_box_x() + page_box.width
        bottom = page_box.content_box_y() + page_box.height
        for box in boxes(page_box.children[0]):
            drawn = type(box).__name__ in ("TextBox", "BlockReplacedBox", "InlineReplacedBox")
            if drawn and (
                box.position_x + box.width > right + 0.5 or box.position_y + box.height > bottom + 0.5
            ):
                found.append(f"page {number}: {type(box).__name__} {getattr(box, 'text', '')[:40]!r}")
    return found


# --------------------------------------------------------------------------


def test_every_section_is_in_the_pdf(golden: Assessment, golden_texts: list[str]) -> None:
    text = flat("\n".join(golden_texts))
    for heading in (
        "Thedecision",
        "Thefirst30days,andwhattheteamstopsdoing",
        "Risksperpracticearea",
        "Toprisks",
        "Theplan:thenext180days",
        "Days0–30:thetoprisksfirst",
        "Teamtopology",
        "Whythissetup",
        "Whatittakes",
        "Whynottheothers",
        "Howitshouldevolve",
        "Practiceareas",
        "Appendix",
        "Everyanswer",
        "Method",
        "Sources",
    ):
        assert heading in text, heading
    for d in golden.domains:
        assert flat(d.title) in text
    for q in golden.questions:  # the ids are in the appendix, and only there
        assert q.id in text, q.id
    body = flat(
        "\n".join(golden_texts[: next(i for i, t in enumerate(golden_texts) if "Appendix" in t[:80])])
    )
    assert not any(q.id in body for q in golden.questions if "." in q.id)
    for item in golden.roadmap:
        assert flat(item.action)[:60] in text, item.action


def test_page_one_holds_the_whole_decision_page(golden: Assessment, golden_texts: list[str]) -> None:
    first = flat(golden_texts[0])
    assert flat(golden.team.name) in first
    assert f"{golden.overall.score:.1f}" in first
    assert "Thedecision" in first and "Confidenceinthisadvice" in first
    assert "Toprisks" in first and "Risksperpracticearea" in first
    for item in golden.roadmap:
        if item.phase == "now":
            assert flat(item.title) in first


def test_metadata_comes_from_the_answers(golden_pdf: bytes) -> None:
    meta = reader(golden_pdf).metadata
    assert meta is not None
    assert meta.title == "SRE maturity assessment: Payments <Ops> & Co"
    assert meta.author == "Payments <Ops> & Co"
    assert meta.subject is not None and "Payments <Ops> & Co" in meta.subject
    assert meta.creation_date is not None and meta.creation_date.date() == dt.date(2026, 6, 30)


def test_bookmarks_cover_every_section(golden: Assessment, golden_pdf: bytes) -> None:
    titles = outline_titles(reader(golden_pdf))
    top = [title for depth, title in titles if depth == 0]
    assert top == [f"SRE maturity assessment {golden.team.name}"]
    sections = [title for depth, title in titles if depth == 1]
    name = build(golden).topology.name
    assert sections == [
        "The decision",
        "The plan: the next 180 days",
        f"Team topology: {name}",
        "Practice areas",
        "Appendix",
    ]
    nested = [title for depth, title in titles if depth == 2]
    for title in ("Top risks", "Why this setup", "Every answer", "Method", "Sources"):
        assert title in nested
    for d in golden.domains:
        assert d.title in nested, d.title


def test_every_page_says_page_x_of_y(golden_texts: list[str]) -> None:
    texts = golden_texts
    assert len(texts) >= 10
    for number, text in enumerate(texts, 1):
        assert f"Page {number} of {len(texts)}" in text


def test_pdf_is_tagged_for_accessibility(golden_pdf: bytes) -> None:
    doc = reader(golden_pdf)
    root: Any = doc.root_object
    assert root["/Lang"] == "en"
    assert root["/MarkInfo"]["/Marked"] in (True, "true")
    assert "/StructTreeRoot" in root
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] in (True, "true")
    xmp = root["/Metadata"].get_object().get_data()
    assert b"pdfuaid" in xmp and b'part="1"' in xmp
    assert "/EmbeddedFiles" not in root.get("/Names", {})


def structure_elements(pdf_bytes: bytes) -> list[Any]:
    """Every structure element of the tagged PDF, in reading order."""
    found: list[Any] = []

    def walk(node: Any) -> None:
        node = node.get_object()
        if isinstance(node, list):
            for child in node:
                walk(child)
        elif hasattr(node, "get") and node.get("/Type") in (None, "/StructElem", "/StructTreeRoot"):
            if "/S" in node:
                found.append(node)
            kids = node.get("/K")
            if kids is not None and not isinstance(kids, int):
                walk(kids)

    walk(reader(pdf_bytes).root_object["/StructTreeRoot"])
    return found


def test_table_headers_carry_their_scope(golden_pdf: bytes) -> None:
    """PDF/UA-1: a header cell says whether it heads a column or a row (WeasyPrint leaves it out)."""
    headers = [e for e in structure_elements(golden_pdf) if e["/S"] == "/TH"]
    assert headers
    for header in headers:
        section = header["/P"].get_object()["/P"].get_object()["/S"]
        assert header["/A"]["/Scope"] == ("/Column" if section == "/THead" else "/Row")


def test_paper_sizes(tmp_path: Path) -> None:
    assessment = assessment_for(MINI, mini_answers(), tmp_path)
    sizes: list[tuple[Paper, tuple[float, float]]] = [("a4", A4), ("letter", LETTER)]
    for paper, size in sizes:
        box = reader(pdf.render(assessment, Options(paper=paper))).pages[0].mediabox
        assert (float(box.width), float(box.height)) == pytest.approx(size, abs=0.5)


def test_same_inputs_same_bytes_and_no_clock(tmp_path: Path) -> None:
    assessment = assessment_for(MINI, mini_answers(assessed_at=None), tmp_path)
    first, second = pdf.render(assessment), pdf.render(assessment)
    assert first == second
    meta = reader(first).metadata
    assert meta is not None and "/CreationDate" not in meta and "/ModDate" not in meta


def test_long_names_and_hostile_notes_stay_text_on_the_page(hostile_render: tuple[Any, bytes]) -> None:
    document, data = hostile_render
    assert pdf.summary_fits(document)
    assert overflowing(document) == []
    doc = reader(data)
    texts = page_texts(doc)
    text = flat("\n".join(texts))
    assert flat(HOSTILE_NOTE) in text  # shown, not interpreted
    assert "http://169.254.169.254/latest" in text
    assert "A" * 3000 in text
    assert flat('Ops <b>"&amp;"</b>') in flat(texts[0])
    assert "root:x:0:0" not in text
    for page in doc.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A") or {}
            assert "/URI" not in action, action  # no links leading out of the document
    root: Any = doc.root_object
    assert "/EmbeddedFiles" not in root.get("/Names", {})


def test_the_overflow_check_can_fail() -> None:
    document, _ = pdf.render_html(
        '<html lang="en"><title>t</title><p style="white-space: nowrap">' + "W" * 400
    )
    assert overflowing(document)


def test_page_one_squeezes_to_fit_unusually_long_texts(tmp_path: Path) -> None:
    wordy = yaml.safe_load(yaml.safe_dump(MINI))
    for domain in wordy["domains"]:
        domain["title"] = domain["title"] + " with a title far longer than any sensible area name"
        for question in domain["questions"]:
            for choice in question["choices"]:
                if "action" in choice:
                    choice["action"] = (
                        choice["action"] + " Then keep going: " + "do the next thing well; " * 22
                    )
            question["risk_rules"][0]["why"] = "Outages last longer. " * 40
            question["stop"] = "doing the old thing the old way, " * 8 + "again"
    answers = mini_answers("A team " + "with a long name " * 11)
    answers["answers"] = {f"{d}.{n}": "no" for d in ("alpha", "beta", "gamma") for n in ("one", "two")}
    assessment = assessment_for(wordy, answers, tmp_path)
    as_designed, _ = pdf.render_html(html.render(assessment, Options(fit=0)))
    assert not pdf.summary_fits(as_designed)  # otherwise this test proves nothing

    squeezed, _ = pdf.render_document(assessment)
    assert pdf.summary_fits(squeezed)
    first = flat(reader(pdf.render(assessment)).pages[0].extract_text())
    assert "Toprisks" in first and "Thefirst30days" in first


def test_rendering_logs_no_warnings(golden_pdf: bytes, weasyprint_log: Collect) -> None:
    assert golden_pdf.startswith(b"%PDF-")
    assert weasyprint_log.messages == []
