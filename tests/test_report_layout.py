"""The leadership report of every example at A4 and Letter, laid out once per paper and example and
shared by every check here: page 1 says the decision, the risk counts and the ranked risks; sections
flow (only the appendix starts a page); no heading ends a page; no page is filled less than a quarter
except the last of the body and of the document; no badge sits alone on a line; no command line and
no wrong plural reaches the page; the leader's part is at most six pages; the tags carry the title as
H1 and every header cell its scope; pdfua finds nothing and qpdf --check is clean."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from assess import catalog
from assess.dev.generate import generate
from assess.models import Assessment
from assess.models.org import History, OrgRollup
from assess.pipeline.org import history_of, load_org, rollup
from assess.pipeline.team import load_team
from assess.report import charts, org_html, pdf
from assess.report.context import Options, Paper, build
from assess.report.org_view import staffing
from assess.resources import templates_dir

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
NAMES = ("payments-product-team", "enterprise-interrupts", "platform-toil-team", "startup-sre-native")
PAPERS: tuple[Paper, ...] = ("a4", "letter")
LEADER_PAGES = 6
MIN_FILL = 0.25
HEADINGS = {"h1", "h2", "h3", "h4"}
COMMAND_LINE = re.compile(r"\bassess (org|score|report|history|compare|validate|init|migrate)\b|--[a-z]|`")
COUNTED = (
    "risks|actions|teams|SREs|answers|questions|improvements|services|engineers|people|months|"
    "person-days|days|weeks|pages|incidents|areas|gaps|files|hires"
)
WRONG_PLURAL = re.compile(rf"(?<![\d.,])1 ({COUNTED})\b|\w\(s\)")


@dataclass
class Rendered:
    name: str
    paper: Paper
    assessment: Assessment
    document: Any  # the WeasyPrint document, for its layout boxes
    data: bytes

    @property
    def reader(self) -> PdfReader:
        return PdfReader(io.BytesIO(self.data))

    def texts(self) -> list[str]:
        return [page.extract_text() for page in self.reader.pages]


@pytest.fixture(scope="module", autouse=True)
def _weasyprint() -> None:
    try:
        pdf.load_weasyprint()
    except pdf.MissingLibraries as exc:
        pytest.skip(str(exc))


@pytest.fixture(scope="module")
def rendered() -> dict[tuple[str, Paper], Rendered]:
    """Every example at both paper sizes, each laid out once for the whole module."""
    out = {}
    for name in NAMES:
        a = load_team(EXAMPLES / f"{name}.yaml").assess()
        for paper in PAPERS:
            document, fetcher = pdf.render_document(a, Options(paper=paper))
            out[name, paper] = Rendered(name, paper, a, document, pdf.write(document, fetcher))
    return out


CASES = [(n, p) for n in NAMES for p in PAPERS]


@pytest.fixture(params=CASES, ids=[f"{n}-{p}" for n, p in CASES])
def one(request: pytest.FixtureRequest, rendered: dict[tuple[str, Paper], Rendered]) -> Rendered:
    return rendered[request.param]


def flat(text: str) -> str:
    return "".join(text.split())


def boxes(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", None) or ():
        yield from boxes(child)


def classes(box: Any) -> set[str]:
    element = getattr(box, "element", None)
    return set((element.get("class") or "").split()) if element is not None else set()


def drawn(page: Any) -> list[tuple[Any, list[Any]]]:
    """Every text and replaced box on the page, in document order, with its ancestors."""
    found: list[tuple[Any, list[Any]]] = []

    def walk(box: Any, ancestors: list[Any]) -> None:
        kind = type(box).__name__
        if kind in ("TextBox", "InlineReplacedBox", "BlockReplacedBox"):
            if kind != "TextBox" or box.text.strip():
                found.append((box, ancestors))
            return
        for child in getattr(box, "children", None) or ():
            walk(child, [*ancestors, box])

    walk(page._page_box.children[0], [])
    return found


def appendix_page(r: Rendered) -> int:
    """The 1-based page where the appendix starts."""
    for number, page in enumerate(r.document.pages, 1):
        if "appendix" in page.anchors:
            return number
    raise AssertionError("no appendix anchor")


# ---- page 1: the decision -----------------------------------------------------------------------


def test_page_one_says_the_decision_risk_counts_and_ranked_risks(one: Rendered) -> None:
    assert pdf.summary_fits(one.document), "page 1 does not hold the decision page"
    page = one.texts()[0]
    text = flat(page)
    report = build(one.assessment, Options(paper=one.paper))
    d = report.decision
    assert flat(d.headline) in text
    assert flat(one.assessment.team.name) in text
    head = one.assessment.topology.headcount
    assert head is not None and d.takes.startswith("It takes ")
    assert flat(d.takes) in text  # what it takes, from which headcount, or hires
    assert flat("Confidence in this advice:") + flat(d.confidence) in text
    assert re.match(r"(high|moderate|low): \d+ of \d+ answers unsure", d.confidence)
    for action in report.first_month:  # the first 30 days, with what each stops
        assert flat(action.title) in text
        if action.stop:
            assert flat(action.stop)[:30].lower() in text.lower()
    for stop in one.assessment.topology.stops:
        assert flat(stop)[:30] in text
    # The risk table: one row per area with its counts, high and medium as the engine found them.
    lines = page.splitlines()
    for counts in report.risk_table:
        row = next(line for line in lines if line.startswith(counts.title))
        numbers = [int(n) for n in re.findall(r"\b\d+\b", row.split(counts.level, 1)[1])]
        assert numbers == [counts.high, counts.medium, counts.unanswered, counts.not_applicable], row
    a = one.assessment
    assert report.risk_totals.high == sum(r.severity == "high" for r in a.risks)
    assert report.risk_totals.medium == sum(r.severity == "medium" for r in a.risks)
    # The top risks, in the engine's order, the unsure ones said to be unsure.
    top = [r for r in a.risks if r.top]
    assert top == sorted(top, key=lambda r: r.rank)
    at = [text.index(flat(r.why)[:50]) for r in top]
    assert at == sorted(at), "top risks out of the engine's order"
    for r in top:
        if r.unsure:
            assert flat("answered unsure") in text
    for r in a.risks:  # unsure answers hiding a data-loss risk are called out
        if r.unsure and r.data_loss:
            assert flat("Not known, and could lose data") in text
            title = next(q.title for q in a.questions if q.id == r.question)
            assert flat(title) in text


def test_payments_page_one_calls_out_its_unknown_backups_and_disaster_recovery(
    rendered: dict[tuple[str, Paper], Rendered],
) -> None:
    for paper in PAPERS:
        text = flat(rendered["payments-product-team", paper].texts()[0])
        callout = text[text.index("Notknown,andcouldlosedata") :]
        assert "Testedrestores" in callout and "Disasterrecovery" in callout
        assert "EmbedanSREintheteam." in text
        assert flat("1 SRE × 3 months hands-on") in text and flat("from the organisation's 2 SREs") in text


# ---- layout rules ---------------------------------------------------------------------------------


def test_only_the_appendix_starts_a_new_page() -> None:
    css = (templates_dir() / "report.css").read_text(encoding="utf-8")
    forced = re.findall(r"([^{}]+)\{[^}]*(?:break-before|page-break-before):\s*(?:page|always)", css)
    assert [selector.strip() for selector in forced] == ["section.appendix"]


def test_the_leaders_part_is_at_most_six_pages(one: Rendered) -> None:
    assert appendix_page(one) - 1 <= LEADER_PAGES


def test_no_heading_ends_a_page(one: Rendered) -> None:
    no_heading_ends_a_page(one.document)


def no_heading_ends_a_page(document: Any) -> None:
    for number, page in enumerate(document.pages, 1):
        found = drawn(page)
        assert found, f"page {number} is empty"
        last, ancestors = found[-1]
        tags = {getattr(b, "element_tag", None) for b in ancestors}
        assert not tags & HEADINGS, f"page {number} ends with a heading: {getattr(last, 'text', '')!r}"


def test_no_page_is_filled_less_than_a_quarter(one: Rendered) -> None:
    # The last page of the body and of the document may be short.
    filled_a_quarter(one.document, exempt={appendix_page(one) - 1, len(one.document.pages)})


def filled_a_quarter(document: Any, exempt: set[int]) -> None:
    pages = document.pages
    for number, page in enumerate(pages, 1):
        if number in exempt:
            continue
        box = page._page_box
        top, height = box.content_box_y(), box.height
        bottom = max(b.position_y + b.height for b, _ in drawn(page))
        fill = (bottom - top) / height
        assert fill >= MIN_FILL, f"page {number} is {fill:.0%} filled"


def test_no_badge_sits_alone_on_a_line(one: Rendered) -> None:
    no_badge_alone(one.document)


def no_badge_alone(document: Any) -> None:
    for number, page in enumerate(document.pages, 1):
        for line in (b for b in boxes(page._page_box.children[0]) if type(b).__name__ == "LineBox"):
            badge: list[str] = []
            other: list[str] = []

            def sort(box: Any, inside: bool, badge: list[str] = badge, other: list[str] = other) -> None:
                inside = inside or "badge" in classes(box)
                if type(box).__name__ == "TextBox" and box.text.strip():
                    (badge if inside else other).append(box.text)
                for child in getattr(box, "children", None) or ():
                    sort(child, inside)

            sort(line, False)
            assert not (badge and not other), f"page {number}: badge {badge} alone on a line"


def test_no_command_line_and_no_wrong_plural_on_any_page(one: Rendered) -> None:
    text = "\n".join(one.texts())
    assert not COMMAND_LINE.search(text), COMMAND_LINE.search(text)
    assert not WRONG_PLURAL.search(text), WRONG_PLURAL.search(text)


def test_every_page_says_page_x_of_y_and_the_marking(one: Rendered) -> None:
    texts = one.texts()
    marking = one.assessment.context.confidentiality if one.assessment.context else None
    for number, text in enumerate(texts, 1):
        assert f"Page {number} of {len(texts)}" in text
        if marking:
            assert marking in text


def test_the_short_report_leaves_out_only_the_answers(rendered: dict[tuple[str, Paper], Rendered]) -> None:
    full = rendered["payments-product-team", "a4"]
    short_doc, fetcher = pdf.render_document(full.assessment, Options(answers=False))
    short = PdfReader(io.BytesIO(pdf.write(short_doc, fetcher)))
    assert len(short.pages) < len(full.document.pages)
    text = flat("\n".join(p.extract_text() for p in short.pages))
    assert "Everyanswer" not in text and "Beyondthisplan" in text and "Method" in text
    body = appendix_page(full) - 1
    assert "appendix" in short_doc.pages[body].anchors  # the same body, page for page

    def unnumbered(text: str) -> str:
        return re.sub(r"Page \d+ of \d+", "", text)

    assert unnumbered(full.texts()[0]) == unnumbered(short.pages[0].extract_text())


# ---- tags and validators --------------------------------------------------------------------------


def structure(data: bytes) -> list[Any]:
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

    walk(PdfReader(io.BytesIO(data)).root_object["/StructTreeRoot"])
    return found


def test_tags_carry_the_title_as_h1_and_every_header_cell_its_scope(one: Rendered) -> None:
    tagged(one.data)
    alts = [str(e.get("/Alt", "")) for e in structure(one.data) if e["/S"] == "/Figure"]
    radar = next(alt for alt in alts if alt.startswith("Score of each practice area"))
    for d in one.assessment.domains:  # the chart's alternative text says its numbers
        assert d.score is None or f"{d.title} {d.score:.1f}".rstrip("0").rstrip(".") in radar, d.title
    a = one.assessment
    drawn_words = charts.topology_caption(a.topology.recommended, a.team.name, a.team.teams_in_org)
    assert any(alt.startswith("Proposed setup") and drawn_words in alt for alt in alts)
    reader = one.reader
    outline = [str(item.title) for item in reader.outline if not isinstance(item, list)]
    assert outline[0].startswith("SRE maturity assessment") and one.assessment.team.name in outline[0]


def tagged(data: bytes) -> None:
    elements = structure(data)
    roles = [str(e["/S"]) for e in elements]
    assert roles.count("/H1") == 1
    assert "/H2" in roles and roles.index("/H1") < roles.index("/H2")
    headers = [e for e in elements if e["/S"] == "/TH"]
    assert len(headers) > 5
    for header in headers:
        section = header["/P"].get_object()["/P"].get_object()["/S"]
        assert header["/A"]["/Scope"] == ("/Column" if section == "/THead" else "/Row")
    for figure in (e for e in elements if e["/S"] == "/Figure"):
        assert str(figure.get("/Alt", "")).strip(), "a figure without alternative text"


def test_pdfua_finds_nothing_and_qpdf_is_clean(one: Rendered, tmp_path: Path) -> None:
    validators(one.data, tmp_path)


def validators(data: bytes, tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    pdfua = pytest.importorskip("pdfua", reason="pdfua comes with the test extra (make setup)")
    report = pdfua.validate(str(path))
    findings = [f"{f.rule_id} {f.severity.name}: {f.message}" for f in report.findings]
    assert findings == []
    qpdf = shutil.which("qpdf")
    if qpdf is None:
        pytest.skip("qpdf is not installed (make setup installs it with apt-get)")
    check = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True, timeout=60)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "No syntax or stream encoding errors found" in check.stdout


# ---- the organisation roll-up (15 teams) and a history of 3 assessments ----------------------------


@dataclass
class Laid:
    html: str
    document: Any
    data: bytes

    def texts(self) -> list[str]:
        return [page.extract_text() for page in PdfReader(io.BytesIO(self.data)).pages]


def lay(page: str) -> Laid:
    document, fetcher = pdf.render_html(page)
    return Laid(page, document, pdf.write(document, fetcher))


@pytest.fixture(scope="module")
def org15(tmp_path_factory: pytest.TempPathFactory) -> tuple[OrgRollup, dict[Paper, Laid]]:
    folder = tmp_path_factory.mktemp("org15")
    questionnaire, _ = catalog.load("sre-core")
    generate(questionnaire, folder, 15, seed=7, sre_count=4)
    (folder / "organisation.yaml").write_text("organisation: Acme\ntargets: {default: 2, observability: 3}\n")
    loaded = load_org([folder])
    r = rollup(loaded)
    return r, {p: lay(org_html.org_html(r, loaded.name, paper=p, created="2026-11-27")) for p in PAPERS}


@pytest.fixture(scope="module")
def history3(tmp_path_factory: pytest.TempPathFactory) -> tuple[History, dict[Paper, Laid]]:
    folder = tmp_path_factory.mktemp("history")
    base = (EXAMPLES / "payments-product-team.yaml").read_text(encoding="utf-8")
    first = base.replace("assessed_at: 2026-03-18", "assessed_at: 2025-09-10")
    last = (
        base.replace("assessed_at: 2026-03-18", "assessed_at: 2026-09-20")
        .replace("  pages_per_week: 9", "  pages_per_week: 22")
        .replace("res.backups:\n    choice: unsure", "res.backups:\n    choice: scheduled-tests")
        .replace("  rel.cd: scripted", "  rel.cd: manual")
    )
    for name, text in (("a.yaml", first), ("b.yaml", base), ("c.yaml", last)):
        (folder / name).write_text(text, encoding="utf-8")
    h, _ = history_of([folder])
    return h, {p: lay(org_html.history_html(h, paper=p, created="2026-09-20")) for p in PAPERS}


def test_the_organisation_report_follows_the_layout_rules(
    org15: tuple[OrgRollup, dict[Paper, Laid]], tmp_path: Path
) -> None:
    _, laid = org15
    for paper, page in laid.items():
        no_heading_ends_a_page(page.document)
        filled_a_quarter(page.document, exempt={len(page.document.pages)})
        no_badge_alone(page.document)
        text = "\n".join(page.texts())
        assert not COMMAND_LINE.search(text), (paper, COMMAND_LINE.search(text))
        assert not WRONG_PLURAL.search(text), (paper, WRONG_PLURAL.search(text))
        tagged(page.data)
        validators(page.data, tmp_path)


def test_the_organisation_report_says_staffing_levels_and_targets_in_words(
    org15: tuple[OrgRollup, dict[Paper, Laid]],
) -> None:
    r, laid = org15
    page = laid["a4"].html
    h = r.topology.headcount
    assert h is not None and h.sres == 4
    rows, _ = staffing(r)
    used = next(row for row in rows if row.what.startswith("From today's headcount"))
    assert used.sres == h.embedded + h.enabling + h.separate <= h.sres
    assert rows[-1].sres == used.sres + h.hires
    assert ">Staffing: where the SREs go</h3>" in page
    heat = page.split('class="grid heatmap"', 1)[1].split("</table>", 1)[0]
    for d in r.domains:  # column headers name the areas
        assert f'<th scope="col" class="area">{d.title}</th>' in heat
    for t in r.teams:  # row headers name the teams
        assert f'<th scope="row" class="team-name">{t.name}</th>' in heat
    below = [(t, d) for t in r.teams for d in r.domains if (t.levels[d.id] or 0) < t.targets.get(d.id, 0)]
    assert below, "the organisation file's targets should leave some team below one"
    t, d = below[0]
    assert f">{t.levels[d.id] or '—'} \u25bc{t.targets[d.id]}</td>" in heat  # "2 ▼3", not a colour alone
    assert "\u25bc" in "".join(laid["a4"].texts())
    spread = page.split('class="chart spread"', 1)[1].split("</svg>", 1)[0]
    assert "<desc>" in spread and "level 1:" in spread and 'fill="url(#lvl1)"' in spread


def test_the_history_report_says_levels_changes_risks_facts_and_regressions(
    history3: tuple[History, dict[Paper, Laid]], tmp_path: Path
) -> None:
    h, laid = history3
    assert len(h.points) == 3 and len(h.steps) == 2
    for page in laid.values():
        no_heading_ends_a_page(page.document)
        filled_a_quarter(page.document, exempt={len(page.document.pages)})
        text = flat("\n".join(page.texts()))
        assert not COMMAND_LINE.search("\n".join(page.texts()))
        tagged(page.data)
        validators(page.data, tmp_path)
        assert "Sincefirst" in text and "(L1)" in text and "+16.7" in text  # levels and deltas
        assert flat("Risks closed: Tested restores (high, Resilience testing)") in text
        assert flat("Pages per week 9 → 22") in text
        assert flat("How do changes get deployed to production?") in text  # the answer that regressed
    chart = laid["a4"].html.split('class="chart trend-grid"', 1)[1].split("</svg>", 1)[0]
    assert "<desc>Scores at 2025-09-10, 2026-03-18, 2026-09-20: Overall: 20, 20, " in chart
    labels = re.findall(r'font-weight="bold" fill="#1f2933"><tspan [^>]*>(\d+)</tspan>', chart)
    assert len(labels) == 1 + len(h.domains)  # one end label per panel: nothing to collide with
