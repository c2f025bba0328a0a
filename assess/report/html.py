"""The report as one self-contained HTML document (the PDF is rendered from the same HTML).

Jinja2 escapes every value (``autoescape=True`` set explicitly: ``select_autoescape`` would leave
``*.html.j2`` unescaped) and a missing variable is an error, not an empty string. Charts are inline SVG
from ``charts``, the stylesheet is inlined, so the document needs nothing from disk or network.
"""

from __future__ import annotations

import contextlib
from functools import cache
from typing import Any

import jinja2
import jinja2.bccache
from markupsafe import Markup

from assess.models import Assessment
from assess.printable import visible
from assess.report import charts
from assess.report.context import Options, Report, build
from assess.resources import templates_dir
from assess.words import counted

TEMPLATE = "report.html.j2"
FOOTER_TEAM_CHARS = 60


def _shown(value: object) -> object:
    """Every value a template prints: a control character in user text (ESC, BEL, a bidi
    override) is shown as a visible mark, like on the terminal; markup a macro built is left as is."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return visible(value)
    return value


class _TemplateCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept between runs (compiling the report's templates costs about 30 ms
    a run), in the user's own cache folder, like Python's own compiled modules. Jinja checks
    each entry against its template's source and the Python version; a cache that cannot be
    read or written only costs that time, never the report."""

    def __init__(self) -> None:
        from platformdirs import user_cache_path  # lazy: only the HTML and PDF reports need it

        folder = user_cache_path("assess") / "templates"
        with contextlib.suppress(OSError):
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        super().__init__(str(folder))

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # unreadable, cut short or garbled: compile it again
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir()),
        bytecode_cache=_TemplateCache(),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_shown,
    )
    env.filters["counted"] = counted  # {{ n|counted("team") }}: "1 team", "2 teams"
    return env


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def chart_set(report: Report, assessment: Assessment) -> dict[str, Any]:
    """Every SVG the template places, keyed by where it goes."""
    axes = [charts.Axis(d.title, d.score) for d in assessment.domains]
    return {
        "radar": charts.radar(axes, title="Score of each practice area, 0 to 100"),
        "topology": charts.topology(
            report.topology.pattern,
            report.team,
            assessment.team.teams_in_org,
            title=f"Proposed setup: {report.topology.name}; interaction mode {report.topology.mode_name}",
        ),
        "bars": {
            d.id: charts.score_bar(d.score, d.level, d.label, title=d.title, target=d.target)
            for d in assessment.domains
        },
    }


def render_report(report: Report, assessment: Assessment) -> str:
    template = environment().get_template(TEMPLATE)
    return template.render(
        r=report,
        charts=chart_set(report, assessment),
        team_short=_short(report.team, FOOTER_TEAM_CHARS),
        page_size=Markup("A4") if report.options.paper == "a4" else Markup("letter"),
    )


def render(assessment: Assessment, options: Options | None = None) -> str:
    return render_report(build(assessment, options), assessment)
