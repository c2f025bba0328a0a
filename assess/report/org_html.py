"""HTML for the organisation roll-up and a team's history; the PDF is rendered from it by ``report.pdf``."""

from __future__ import annotations

import statistics

from markupsafe import Markup

from assess.models.org import History, OrgRollup
from assess.report.context import PATTERN_NAMES, TEAM_FACTS
from assess.report.html import environment
from assess.report.org_charts import level_spread, trend_grid
from assess.report.org_view import cells, staffing, trend_rows

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
    domains = [(d.id, d.title) for d in r.domains]
    rows, unspent = staffing(r)
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
            cells={t.file: cells(t, domains) for t in teams},
            advice_names=PATTERN_NAMES,
            staffing=rows,
            unspent=unspent,
            has_targets=any(t.targets for t in teams),
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


FACT_LABELS = dict(TEAM_FACTS)


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
            rows=trend_rows(h),
            facts=FACT_LABELS,
            domain_titles=h.domains,
            chart=trend_grid(h, title=f"Score of each practice area over time, {h.team}"),
        )
    )
