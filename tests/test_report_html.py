"""The HTML report: complete, self-contained, escaped, and strict about its template."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import pytest
from markupsafe import escape

from assess.engine import assess
from assess.models import Assessment, PatternId
from assess.pipeline.team import load_team
from assess.report import charts, html
from assess.report.context import NOTE_LIMIT, Options, build
from assess.report.metrics import text_width

GOLDEN_INPUT = Path(__file__).resolve().parent / "golden" / "report-input.yaml"
HOSTILE_NOTE = '<img src="file:///etc/passwd"> <link rel=attachment href="file:///etc/hostname">'


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text outside tags."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(document: str) -> Elements:
    parser = Elements()
    parser.feed(document)
    return parser


@pytest.fixture(scope="module")
def assessment() -> Assessment:
    team = load_team(GOLDEN_INPUT)
    answers, questionnaire = team.answers, team.questionnaire
    return assess(questionnaire, answers)


@pytest.fixture(scope="module")
def document(assessment: Assessment) -> str:
    return html.render(assessment)


def with_team(a: Assessment, **changes: object) -> Assessment:
    return a.model_copy(update={"team": a.team.model_copy(update=changes)})


def test_template_escapes_and_rejects_undefined_variables() -> None:
    env = html.environment()
    assert env.autoescape is True
    assert env.undefined is jinja2.StrictUndefined
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ missing }}").render()
    assert env.from_string("{{ x }}").render(x="<b>") == "&lt;b&gt;"


def test_every_section_is_present(assessment: Assessment, document: str) -> None:
    ids = {attrs.get("id") for _, attrs in parse(document).tags}
    assert {"cover", "summary", "summary-end", "plan", "topology", "areas", "appendix"} <= ids
    assert {f"area-{d.id}" for d in assessment.domains} <= ids
    assert {f"action-{n}" for n in range(1, len(assessment.roadmap) + 1)} <= ids
    for heading in (
        "The decision",
        "The first 30 days, and what the team stops doing",
        "Top risks",
        "The plan: the next 180 days",
        "Why this setup",
        "What it takes",
        "Why not the others",
        "How it should evolve",
        "Practice areas",
        "Appendix",
        "Every answer",
        "Method",
        "Sources",
    ):
        assert f">{heading}</h" in document, heading
    for q in assessment.questions:  # the appendix lists every question
        assert f'<span class="qid">{q.id}</span>' in document


def test_the_title_is_the_only_h1_and_label_value_pairs_are_table_rows(document: str) -> None:
    tags = [tag for tag, _ in parse(document).tags]
    assert tags.count("h1") == 1
    assert document.index("<h1") < document.index("<h2")
    cover = document.split('id="cover"', 1)[1].split("</header>", 1)[0]
    assert '<th scope="row">Assessed</th><td>' in cover and "<dl" not in cover and "<li" not in cover
    for tag, attrs in parse(document).tags:
        if tag == "th":
            assert attrs.get("scope") in ("col", "row", "rowgroup"), attrs


def test_areas_link_to_their_plan_rows_and_never_show_question_ids(
    assessment: Assessment, document: str
) -> None:
    body = document.split('id="appendix"', 1)[0]
    assert 'class="qid"' not in body  # ids belong in the appendix
    areas = body.split('id="areas"', 1)[1]
    for item in assessment.roadmap:
        if any(r.question in item.questions for r in assessment.risks):
            n = assessment.roadmap.index(item) + 1
            assert f'href="#action-{n}"' in areas, item.title


def test_the_plan_has_no_status_column_until_the_data_has_one(assessment: Assessment) -> None:
    from dataclasses import replace

    report = build(assessment)
    assert report.plan_columns == [] and ">Status</th>" not in html.render_report(report, assessment)
    row = replace(report.phases[0].rows[0], status="in-progress")
    phases = [replace(report.phases[0], rows=[row, *report.phases[0].rows[1:]]), *report.phases[1:]]
    tracked = replace(report, phases=phases, plan_columns=["status"])
    page = html.render_report(tracked, assessment)
    assert ">Status</th>" in page and "<td>in-progress</td>" in page


def test_head_carries_language_title_and_metadata(assessment: Assessment) -> None:
    document = html.render(assessment, Options(report_date=dt.date(2026, 7, 15)))
    tags = parse(document).tags
    assert ("html", {"lang": "en"}) in tags
    assert "<title>SRE maturity assessment: Payments &lt;Ops&gt; &amp; Co</title>" in document
    meta = {attrs["name"]: attrs["content"] for tag, attrs in tags if tag == "meta" and "name" in attrs}
    assert meta["author"] == "Payments <Ops> & Co"
    assert "Payments <Ops> & Co" in (meta["description"] or "")
    assert meta["dcterms.created"] == "2026-07-15"


def test_creation_date_comes_from_the_answers_and_never_the_clock(assessment: Assessment) -> None:
    assert 'name="dcterms.created" content="2026-06-30"' in html.render(assessment)
    undated = assessment.model_copy(update={"assessed_at": None})
    document = html.render(undated)
    assert "dcterms.created" not in document
    assert dt.date.today().isoformat() not in document
    assert "date not given" in document


def test_hostile_text_is_shown_as_text_and_nothing_could_be_fetched(assessment: Assessment) -> None:
    hostile = with_team(assessment, name='Evil "><script>alert(1)</script><img src=x onerror=alert(2)>')
    document = html.render(hostile)
    parsed = parse(document)
    assert HOSTILE_NOTE in "".join(parsed.text)  # the note survives as visible text
    assert "http://169.254.169.254/latest" in "".join(parsed.text)
    assert "<script>alert(1)</script><img src=x onerror=alert(2)>" in "".join(parsed.text)
    tags = {tag for tag, _ in parsed.tags}
    assert not tags & {"img", "link", "script", "iframe", "object", "embed"}
    for tag, attrs in parsed.tags:
        assert "src" not in attrs and "onerror" not in attrs, (tag, attrs)
        if "href" in attrs:  # only links within the document
            assert (attrs["href"] or "").startswith("#"), (tag, attrs)
    assert "url(" not in document.replace("url(#arrow)", "").replace("url(#hatch)", "")


def test_document_is_self_contained(document: str) -> None:
    assert "<style>" in document and "@page" in document
    assert "<script" not in document
    assert 'rel="stylesheet"' not in document
    assert document.count("<svg ") >= 3


def test_charts_are_inline_svg_with_words_for_every_value(assessment: Assessment) -> None:
    radar = charts.radar([charts.Axis(d.title, d.score) for d in assessment.domains], title="Scores")
    assert radar.startswith("<svg ") and "<title>Scores:" in radar
    for d in assessment.domains:
        score = "not scored" if d.score is None else f"{d.score:.1f}".rstrip("0").rstrip(".")
        assert f"{escape(d.title)} {score}" in radar
    bar = charts.score_bar(42.5, 3, "Defined", title="SLOs", target=4)
    assert "42.5 · L3" in bar and "<title>SLOs: 42.5 of 100, level 3 Defined; target level 4</title>" in bar
    assert "not scored" in charts.score_bar(None, None, None, title="SLOs")
    two = charts.radar([charts.Axis("A", 10), charts.Axis("B", None)], title="Scores")
    assert "chart-bars" in two  # a radar needs three axes


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        ("within-team", ["stream-aligned team", "Interaction mode: none"]),
        ("embedded", ["Embedded SRE", "SRE team", "collaboration", "then facilitating"]),
        ("enabling", ["Enabling SRE team", "enabling team", "facilitating"]),
        ("platform", ["Reliability platform team", "platform team", "X-as-a-Service"]),
        ("separate", ["SRE team", "X-as-a-Service", "engaged through SLOs"]),
    ],
)
def test_topology_diagram_names_team_types_and_interaction_modes(
    pattern: PatternId, words: list[str]
) -> None:
    svg = charts.topology(pattern, "Payments <b>", 14, title="Proposed setup")
    assert "Payments &lt;b&gt;" in svg and "<b>" not in svg
    assert "stream-aligned team" in svg  # the legend names each colour
    for word in words:
        assert word in svg, word


def test_topology_diagram_text_stays_inside_its_shapes() -> None:
    name = "N" * 120 + " " + "very long team name " * 4
    lines = charts.fit_lines(name, 284, 11, 2, bold=True)
    assert len(lines) == 2 and lines[-1].endswith("…")
    assert all(text_width(line, 11, bold=True) <= 284 for line in lines)
    assert charts.fit_lines("short", 284, 11, 2) == ["short"]


def test_long_team_names_get_a_smaller_cover_font(assessment: Assessment) -> None:
    document = html.render(with_team(assessment, name="x" * 200))
    assert 'class="team long"' in document
    footer = document.split('class="running-footer">', 1)[1].split("</div>", 1)[0]
    assert len(footer) < 100  # the page footer carries a shortened name


def test_paper_size_reaches_the_page_rule(assessment: Assessment) -> None:
    assert "@page { size: A4; }" in html.render(assessment)
    assert "@page { size: letter; }" in html.render(assessment, Options(paper="letter"))


def test_huge_notes_are_shortened_and_say_so(assessment: Assessment) -> None:
    huge = "x" * 1_000_000
    questions = [q.model_copy(update={"note": huge}) if q.note else q for q in assessment.questions]
    document = html.render(assessment.model_copy(update={"questions": questions}))
    assert "x" * NOTE_LIMIT in document and "x" * (NOTE_LIMIT + 1) not in document
    assert f"[{1_000_000 - NOTE_LIMIT:,} more characters in the answers file]" in document
    assert len(document) < 1_000_000
