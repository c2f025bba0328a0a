"""Any result in a named format: the one place a front end asks for a rendering.

Text, JSON, YAML and CSV renderers are light and imported at once. The Markdown, HTML
and PDF renderers pull in the chart, template and PDF stacks, so they are imported on
first use (the lazy imports below): `assess score -f json` never loads them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from assess.errors import UsageError
from assess.models import Assessment
from assess.report import csv_export, data, text

if TYPE_CHECKING:
    from assess.models.org import Comparison, History, OrgRollup
    from assess.report.context import Options

AssessmentFormat = Literal["text", "json", "yaml", "markdown", "csv"]
ReportFormat = Literal["pdf", "html", "markdown"]
ASSESSMENT_FORMATS: tuple[AssessmentFormat, ...] = ("text", "json", "yaml", "markdown", "csv")
REPORT_FORMATS: tuple[ReportFormat, ...] = ("pdf", "html", "markdown")
ROLLUP_FORMATS = ("markdown", "json", "csv", "html", "pdf")
COMPARISON_FORMATS = ("text", "json", "markdown")
HISTORY_FORMATS = ("text", "json", "markdown", "html", "pdf")
ACTION_FORMATS = ("json", "github", "jira-csv")


def assessment(a: Assessment, fmt: str) -> str:
    """One team's result for the terminal, a tool or a wiki."""
    if fmt == "json":
        return data.to_json(a)
    if fmt == "yaml":
        return data.to_yaml(a)
    if fmt == "csv":
        return csv_export.questions_csv([a])
    if fmt == "markdown":
        from assess.report import markdown  # lazy: charts and the report view model

        return markdown.render(a)
    if fmt == "text":
        return text.render(a)
    raise UsageError(f"unknown format {fmt!r} (formats: {', '.join(ASSESSMENT_FORMATS)})")


def questions_csv(assessments: Sequence[Assessment]) -> str:
    return csv_export.questions_csv(list(assessments))


def domains_csv(assessments: Sequence[Assessment]) -> str:
    return csv_export.domains_csv(list(assessments))


def actions(a: Assessment, fmt: str) -> str:
    """The plan's open actions for an issue tracker: GitHub issues, Jira's CSV importer, or JSON."""
    from assess.report import trackers  # lazy: the Markdown escaper it uses comes with the report stack

    if fmt == "json":
        return trackers.as_json(a)
    if fmt == "github":
        return trackers.github(a)
    if fmt == "jira-csv":
        return trackers.jira_csv(a)
    raise UsageError(f"unknown format {fmt!r} (formats: {', '.join(ACTION_FORMATS)})")


def actions_csv(assessments: Sequence[Assessment]) -> str:
    """Every team's actions section, one row per entry (for ``assess org --actions-csv``)."""
    return csv_export.actions_csv(list(assessments))


def report(a: Assessment, fmt: str, options: Options) -> bytes:
    """The leadership report as bytes ready to write."""
    if fmt == "pdf":
        from assess.report import pdf  # lazy: WeasyPrint, which also needs Pango

        return pdf.render(a, options)
    if fmt == "html":
        from assess.report import html  # lazy: Jinja2 and the templates

        return html.render(a, options).encode("utf-8")
    if fmt == "markdown":
        from assess.report import markdown  # lazy: charts and the report view model

        return markdown.render(a, report_date=options.report_date, answers=options.answers).encode("utf-8")
    raise UsageError(f"unknown report format {fmt!r} (formats: {', '.join(REPORT_FORMATS)})")


def rollup(
    r: OrgRollup, fmt: str, *, name: str | None, paper: str = "a4", created: str | None = None
) -> bytes:
    """The organisation roll-up in any format but CSV (which needs every team's assessment)."""
    if fmt == "json":
        return data.to_json(r).encode("utf-8")
    if fmt == "markdown":
        from assess.report import org_markdown  # lazy: the Markdown renderers

        return org_markdown.rollup_markdown(r, name).encode("utf-8")
    if fmt in ("html", "pdf"):
        from assess.report import org_html  # lazy: Jinja2 and the templates

        page = org_html.org_html(r, name, paper=paper, created=created)
        return page.encode("utf-8") if fmt == "html" else html_to_pdf(page)
    raise UsageError(f"unknown format {fmt!r} (formats: {', '.join(ROLLUP_FORMATS)})")


def comparison(c: Comparison, fmt: str) -> str:
    if fmt == "json":
        return data.to_json(c)
    from assess.report import org_markdown  # lazy: the Markdown renderers

    if fmt == "markdown":
        return org_markdown.comparison_markdown(c)
    if fmt == "text":
        return org_markdown.comparison_text(c)
    raise UsageError(f"unknown format {fmt!r} (formats: {', '.join(COMPARISON_FORMATS)})")


def history(h: History, fmt: str, *, paper: str = "a4", created: str | None = None) -> bytes:
    if fmt == "json":
        return data.to_json(h).encode("utf-8")
    if fmt in ("markdown", "text"):
        from assess.report import org_markdown  # lazy: the Markdown renderers

        render = org_markdown.history_markdown if fmt == "markdown" else org_markdown.history_text
        return render(h).encode("utf-8")
    if fmt in ("html", "pdf"):
        from assess.report import org_html  # lazy: Jinja2 and the templates

        page = org_html.history_html(h, paper=paper, created=created)
        return page.encode("utf-8") if fmt == "html" else html_to_pdf(page)
    raise UsageError(f"unknown format {fmt!r} (formats: {', '.join(HISTORY_FORMATS)})")


def html_to_pdf(page: str) -> bytes:
    """Any report HTML as PDF, through the guarded renderer (EnvironmentProblem without Pango)."""
    from assess.report import pdf  # lazy: WeasyPrint, which also needs Pango

    return pdf.html_to_pdf(page)
