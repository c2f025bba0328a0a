"""The report as a tagged PDF (PDF/UA-1), rendered by WeasyPrint from the report HTML.

WeasyPrint is imported here, lazily, because it costs most of a second and needs Pango: without it
WeasyPrint prints a banner to stdout and raises OSError, which becomes ``MissingLibraries`` with an
install hint (the CLI exits 3), and stdout stays clean.

Page 1 must hold the whole decision page (the summary). The layout is designed to fit as it is; when unusually
long texts (team names, custom questionnaires) push it over, the report is laid out again with smaller
type, then with shortened summary texts. The full texts stay in the later sections.
"""

from __future__ import annotations

import contextlib
import io
from dataclasses import replace
from types import ModuleType
from typing import Any

from assess.errors import EnvironmentProblem
from assess.models import Assessment
from assess.report import html
from assess.report.context import Options, build
from assess.resources import templates_dir

PDF_VARIANT = "pdf/ua-1"
SUMMARY_END = "summary-end"
MAX_FIT = 2

INSTALL_HINT = (
    "PDF output needs the Pango text library, which WeasyPrint uses to lay out text. Install it with "
    "your system's package manager, for example:\n"
    "  Debian/Ubuntu: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0\n"
    "  Fedora:        sudo dnf install pango\n"
    "  macOS:         brew install pango\n"
    "See https://doc.courtbouillon.org/weasyprint/stable/first_steps.html#installation\n"
    "HTML and Markdown reports work without it: --format html or --format markdown."
)


class MissingLibraries(EnvironmentProblem):
    """WeasyPrint or the system libraries it needs are not installed."""


class UnsafeFetch(EnvironmentProblem):
    """The document asked for something other than a bundled asset; nothing was fetched."""

    def __init__(self, urls: list[str]) -> None:
        super().__init__(
            "refused to load "
            + ", ".join(repr(u) for u in urls)
            + ": the report may only load its bundled assets (the installed report templates have "
            "been changed)"
        )
        self.urls = urls


def load_weasyprint() -> ModuleType:
    """Import WeasyPrint with its stdout banner captured; MissingLibraries when it cannot load."""
    banner = io.StringIO()
    try:
        with contextlib.redirect_stdout(banner):
            import weasyprint as module  # lazy: most of a second, and it needs Pango
    except OSError as exc:
        raise MissingLibraries(f"{INSTALL_HINT}\n(WeasyPrint said: {exc})") from None
    except ImportError as exc:
        raise MissingLibraries(
            f"WeasyPrint is not installed ({exc}); pip install 'weasyprint>=70,<71'"
        ) from None
    loaded: ModuleType = module
    return loaded


def render_html(document_html: str) -> tuple[Any, Any]:
    """Lay out one HTML string with the locked-down fetcher: (WeasyPrint Document, fetcher)."""
    weasyprint = load_weasyprint()
    from assess.report.fetcher import AssetFetcher, RefusedFetch  # lazy: subclasses WeasyPrint

    root = templates_dir()
    fetcher = AssetFetcher(root)
    try:
        document = weasyprint.HTML(
            string=document_html, base_url=root.as_uri() + "/", url_fetcher=fetcher
        ).render(pdf_variant=PDF_VARIANT)
    except RefusedFetch:
        raise UnsafeFetch(fetcher.refused) from None
    _check(fetcher)
    return document, fetcher


def _check(fetcher: Any) -> None:
    # WeasyPrint swallows even fatal errors inside SVG drawing; the fetcher's record still tells.
    if fetcher.refused:
        raise UnsafeFetch(fetcher.refused)


def summary_fits(document: Any) -> bool:
    """Whether the end of the executive summary landed on page 1."""
    return bool(document.pages) and SUMMARY_END in document.pages[0].anchors


def write(document: Any, fetcher: Any) -> bytes:
    from assess.report.fetcher import RefusedFetch  # lazy: subclasses WeasyPrint

    try:
        # Attachments are fetched only now, so the fetcher still guards this step.
        data: bytes = document.write_pdf(
            pdf_variant=PDF_VARIANT, pdf_identifier=True, finisher=_tag_header_scopes
        )
    except RefusedFetch:
        raise UnsafeFetch(fetcher.refused) from None
    _check(fetcher)
    return data


def _tag_header_scopes(document: Any, pdf: Any) -> None:
    """Give every table header cell its /Scope, which WeasyPrint leaves out (Kozea/WeasyPrint#2508).

    PDF/UA-1 wants a header's direction to be machine-readable. Our templates put column
    headers in <thead> and row headers (scope="row") in the body, so a header whose row sits
    in a THead is a column header and any other is a row header."""
    objects: list[Any] = pdf.objects  # pydyf objects; dictionaries among them carry a .reference
    by_reference = {o.reference: o for o in objects if isinstance(o, dict) and hasattr(o, "reference")}

    def parent_role(element: Any) -> str | None:
        parent = by_reference.get(element.get("P"))
        return None if parent is None else str(parent.get("S"))

    for obj in objects:
        if isinstance(obj, dict) and obj.get("S") == "/TH":
            row = by_reference.get(obj.get("P"))
            scope = "/Column" if row is not None and parent_role(row) == "/THead" else "/Row"
            attributes = obj.get("A")
            if isinstance(attributes, dict):
                attributes["Scope"] = scope


def html_to_pdf(document_html: str) -> bytes:
    """Any report HTML to PDF bytes through the same guarded path (no page-1 fitting)."""
    return write(*render_html(document_html))


def render_document(assessment: Assessment, options: Options | None = None) -> tuple[Any, Any]:
    """The laid-out report (WeasyPrint Document, fetcher), squeezed until page 1 holds the decision."""
    options = options or Options()
    rendered = None
    for fit in range(options.fit, MAX_FIT + 1):
        attempt = replace(options, fit=fit)
        rendered = render_html(html.render_report(build(assessment, attempt), assessment))
        if summary_fits(rendered[0]):
            break
    assert rendered is not None
    return rendered


def render(assessment: Assessment, options: Options | None = None) -> bytes:
    """The PDF bytes for an assessment, with page 1 holding the whole decision page."""
    return write(*render_document(assessment, options))
