"""The Markdown report carries the same content as the HTML one, with every user text escaped."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from assess.engine import assess
from assess.models import Assessment, PatternId
from assess.pipeline.team import load_team
from assess.report import glossary, html, markdown
from assess.report.context import build

GOLDEN_INPUT = Path(__file__).resolve().parent / "golden" / "report-input.yaml"


@pytest.fixture(scope="module")
def assessment() -> Assessment:
    team = load_team(GOLDEN_INPUT)
    answers, questionnaire = team.answers, team.questionnaire
    return assess(questionnaire, answers)


@pytest.fixture(scope="module")
def text(assessment: Assessment) -> str:
    return markdown.render(assessment)


def headings(document: str, pattern: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", h) for h in re.findall(pattern, document)]


def test_same_sections_as_the_html_report(assessment: Assessment, text: str) -> None:
    page = html.render(assessment)
    assert headings(page, r"<h1[^>]*>(.*?)</h1>") == [
        "SRE maturity assessment " + "Payments &lt;Ops&gt; &amp; Co"
    ]
    assert re.findall(r"^# (.+)$", text, re.M) == ["SRE maturity assessment: Payments &lt;Ops&gt; &amp; Co"]
    for level in (2, 3, 4):
        in_html = headings(page, rf"<h{level}[^>]*>(.*?)</h{level}>")
        in_md = re.findall(rf"^{'#' * level} (.+)$", text, re.M)
        # Same order; Markdown escapes the punctuation HTML leaves as is.
        assert [h.replace("\\", "").replace("&amp;", "&") for h in in_md] == [
            re.sub(r"\s+", " ", h).strip().replace("&amp;", "&") for h in in_html
        ], level


def test_same_facts_as_the_html_report(assessment: Assessment, text: str) -> None:
    for q in assessment.questions:
        assert f"`{q.id}`" in text
    plan = text.split("\n## The plan: the next 180 days\n", 1)[1].split("\n## ", 1)[0]
    numbered = re.findall(r"^\| (\d+) \|", plan, re.M)
    assert [int(n) for n in numbered] == list(range(1, len(assessment.roadmap) + 1))
    for item in assessment.roadmap:
        assert markdown.esc(item.action) in text
    for risk in assessment.risks:  # each reason once: page 1, its area, or the appendix
        assert text.count(markdown.esc(risk.why)) == 1, risk.question
    report = build(assessment)
    for reason in report.topology.rationale:
        assert markdown.esc(reason) in text
    for d in assessment.domains:
        assert f"### {markdown.esc(d.title)}" in text
    assert "### Sources" in text and "| Level | Score | What it means |" in text


def test_every_term_is_glossed_once_where_it_first_appears(assessment: Assessment, text: str) -> None:
    report = build(assessment)
    assert {"SRE", "Interaction mode", "stream-aligned team"} <= set(report.glossed)
    page = html.render(assessment)
    glosses = dict(glossary.TERMS)
    for term in report.glossed:
        gloss = next(g for pattern, g in glosses.items() if re.fullmatch(pattern, term, re.IGNORECASE))
        assert text.count(markdown.esc(gloss)) == 1, term  # once, in Markdown as in HTML
        assert page.count(gloss.replace("'", "&#39;")) == 1, term
        at = text.index(markdown.esc(gloss))
        assert text.rfind(term, 0, at) >= 0 and at - text.rfind(term, 0, at) <= len(term) + 2


def test_the_short_report_leaves_out_only_the_answers(assessment: Assessment, text: str) -> None:
    short = markdown.render(assessment, answers=False)
    assert "### Every answer" in text and "### Every answer" not in short
    assert short.split("## Appendix", 1)[0] == text.split("## Appendix", 1)[0]


def test_hostile_text_is_escaped_and_not_linked(assessment: Assessment, text: str) -> None:
    assert "<img" not in text and "<link" not in text
    assert '&lt;img src="file\\://' in text
    assert "http\\://169.254.169.254/latest" in text  # no bare URL for GitHub to auto-link
    team = assessment.team.model_copy(
        update={"name": "[click](http://evil.example) <script>x</script> | `x`"}
    )
    evil = markdown.render(assessment.model_copy(update={"team": team}))
    assert "](http" not in evil and "<script>" not in evil
    assert "\\[click\\]\\(http\\://evil.example)" in evil
    assert "\\| \\`x\\`" in evil


def test_mermaid_diagram_never_carries_user_text(assessment: Assessment) -> None:
    for pattern in ("within-team", "embedded", "enabling", "platform", "separate"):
        topology = assessment.topology.model_copy(update={"recommended": pattern})
        team = assessment.team.model_copy(update={"name": 'Evil"]:::x\n  click team "http://evil"'})
        document = markdown.render(assessment.model_copy(update={"topology": topology, "team": team}))
        block = document.split("```mermaid", 1)[1].split("```", 1)[0]
        assert "Evil" not in block and "http" not in block
        assert 'team["This team<br/>stream-aligned team"]:::stream' in block


@pytest.mark.parametrize(
    ("pattern", "arrow"),
    [
        ("embedded", "**SRE team** (SRE team) → **Payments &lt;Ops&gt; &amp; Co**: collaboration"),
        (
            "enabling",
            "**Enabling SRE team** (enabling team) → **Payments &lt;Ops&gt; &amp; Co**: facilitating",
        ),
        (
            "platform",
            "**Reliability platform team** (platform team) → **Payments &lt;Ops&gt; &amp; Co**: "
            "X-as-a-Service",
        ),
        (
            "separate",
            "**SRE team** (SRE team) → **other stream-aligned teams**: X-as-a-Service, engaged through SLOs",
        ),
    ],
)
def test_topology_relations_in_words(assessment: Assessment, pattern: PatternId, arrow: str) -> None:
    topology = assessment.topology.model_copy(update={"recommended": pattern})
    assert arrow in markdown.render(assessment.model_copy(update={"topology": topology}))


def test_report_date(assessment: Assessment) -> None:
    assert "| **Report date** | 2026-07-01 |" in markdown.render(assessment, report_date=dt.date(2026, 7, 1))
    assert "Report date" not in markdown.render(assessment, report_date=assessment.assessed_at)
