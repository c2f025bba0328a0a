"""The Markdown report carries the same content as the HTML one, with every user text escaped."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from assess.engine import assess
from assess.models import Assessment, PatternId
from assess.pipeline.team import load_team
from assess.report import html, markdown

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
    html_h1 = headings(page, r"<h1[^>]*>(.*?)</h1>")
    md_h2 = [h for h in re.findall(r"^## (.+)$", text, re.M)]
    assert md_h2 == html_h1
    html_h2 = headings(page, r"<h2[^>]*>(.*?)</h2>")
    md_h3 = re.findall(r"^### (.+)$", text, re.M)
    # Same order; Markdown escapes the punctuation HTML leaves as is.
    assert [h.replace("\\", "").replace("&amp;", "&") for h in md_h3] == [
        h.replace("&amp;", "&") for h in html_h2
    ]


def test_same_facts_as_the_html_report(assessment: Assessment, text: str) -> None:
    for q in assessment.questions:
        assert f"`{q.id}`" in text
    roadmap = text.split("\n## Roadmap\n", 1)[1].split("\n## ", 1)[0]
    numbered = re.findall(r"^(\d+)\. \*\*", roadmap, re.M)
    assert [int(n) for n in numbered] == list(range(1, len(assessment.roadmap) + 1))
    for item in assessment.roadmap:
        assert markdown.esc(item.action) in text
    for risk in assessment.risks:
        assert markdown.esc(risk.why) in text
    for reason in assessment.topology.rationale:
        assert markdown.esc(reason) in text
    for d in assessment.domains:
        assert f"### {markdown.esc(d.title)}" in text
    assert "### Sources" in text and "| Level | Score | What it means |" in text


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
    assert "**Report date:** 2026-07-01" in markdown.render(assessment, report_date=dt.date(2026, 7, 1))
    assert "Report date" not in markdown.render(assessment, report_date=assessment.assessed_at)
