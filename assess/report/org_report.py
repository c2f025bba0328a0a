"""HTML and PDF for the organisation roll-up and a team's history (same pipeline as the team report)."""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
from pathlib import Path

from markupsafe import Markup

from assess.org.models import History, OrgRollup
from assess.report.html import environment
from assess.report.org_charts import level_spread, trend

FOOTER_CHARS = 60
GAP_LIMIT = 20  # leadership reads the top of the list; JSON and Markdown carry all of it


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= FOOTER_CHARS else text[: FOOTER_CHARS - 1].rstrip() + "…"


def _page(paper: str) -> Markup:
    return Markup("A4") if paper == "a4" else Markup("letter")


def org_html(r: OrgRollup, name: str | None, *, paper: str = "a4", created: str | None = None) -> str:
    org = name or "Organisation"
    overall = [t.overall for t in r.teams if t.overall is not None]
    teams = sorted(r.teams, key=lambda t: (t.overall is None, -(t.overall or 0.0), t.name))
    return (
        environment()
        .get_template("org.html.j2")
        .render(
            r=r,
            org=org,
            org_short=_short(org),
            title=f"SRE maturity roll-up: {org}",
            created=created,
            page_size=_page(paper),
            median="—" if not overall else f"{statistics.median(overall):.0f} / 100",
            teams=teams,
            spread_chart=level_spread(r.domains, title="Teams at each level, per practice area"),
            proposals=[
                ("Platform team", r.topology.platform),
                ("Enabling team", r.topology.enabling),
                ("Separate SRE team", r.topology.separate),
            ],
            gap_limit=GAP_LIMIT,
            phases=[
                (label, [i for i in r.roadmap if i.phase == phase], limit)
                for phase, label, limit in (("now", "Now", 15), ("next", "Next", 10), ("later", "Later", 5))
            ],
        )
    )


def history_html(h: History, *, paper: str = "a4", created: str | None = None) -> str:
    return (
        environment()
        .get_template("history.html.j2")
        .render(
            h=h,
            title=f"Reliability over time: {h.team}",
            team_short=_short(h.team),
            created=created,
            page_size=_page(paper),
            chart=trend(h, title=f"Score of each practice area over time, {h.team}"),
        )
    )


def _date(args: argparse.Namespace, fallback: dt.date | None) -> str | None:
    if getattr(args, "date", None):
        from assess.report.command import iso_date

        return iso_date(args.date).isoformat()
    return fallback.isoformat() if fallback else None


def _emit(html_text: str, args: argparse.Namespace, inputs: list[Path]) -> None:
    from assess.cli import EnvironmentProblem, _err
    from assess.report.command import write

    if args.format == "html":
        if args.output is None:
            sys.stdout.write(html_text)
            return
        write(args.output, html_text.encode("utf-8"), inputs)
    else:
        if args.output is None:
            raise EnvironmentProblem("a PDF needs a file: give -o FILE.pdf")
        from assess.report import pdf

        try:
            data = pdf.html_to_pdf(html_text)
        except pdf.MissingLibraries as exc:
            raise EnvironmentProblem(str(exc)) from None
        write(args.output, data, inputs)
    _err(f"wrote {args.output}")


def render_org(r: OrgRollup, name: str | None, args: argparse.Namespace, inputs: list[Path]) -> None:
    newest = max((t.assessed_at for t in r.teams if t.assessed_at), default=None)
    _emit(org_html(r, name, paper=args.paper, created=_date(args, newest)), args, inputs)


def render_history(h: History, args: argparse.Namespace, inputs: list[Path]) -> None:
    newest = h.points[-1].assessed_at if h.points else None
    _emit(history_html(h, paper=args.paper, created=_date(args, newest)), args, inputs)
