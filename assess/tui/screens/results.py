"""The assessment as it stands: overall level, practice areas, topology advice, risks and roadmap.

Everything shown comes from ``assess.engine.assess`` via the session; this
screen only lays it out. Choosing a practice area or a risk jumps to its
question, and the results are computed afresh each time the screen opens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static

from assess.models import Assessment, RoadmapItem
from assess.tui.messages import JumpRequested
from assess.tui.widgets.risk_list import RiskList
from assess.tui.widgets.score_bars import LEVEL_STYLES, DomainScores, bar, level_text

if TYPE_CHECKING:
    from assess.tui.session import Session

PATTERN_NAMES = {
    "within-team": "The team owns its reliability (no dedicated SRE)",
    "embedded": "An SRE embedded in the team",
    "enabling": "An enabling SRE team that coaches",
    "platform": "A platform team offering reliability as a service",
    "separate": "A separate SRE team",
}
PHASES = (("now", "Now"), ("next", "Next"), ("later", "Later"))


def overall_content(a: Assessment) -> Content:
    o = a.overall
    meta = [a.questionnaire.title, f"v{a.questionnaire.version}"]
    if a.assessed_at:
        meta.append(f"assessed {a.assessed_at.isoformat()}")
    meta.append(f"{a.coverage:.0%} of questions answered")
    head = Content.assemble((a.team.name, "bold"), ("  ·  " + "  ·  ".join(meta), "$foreground-muted"))
    if o.score is None or o.level is None:
        return Content.assemble(
            head, "\n\n", ("Overall: not scored yet. ", "bold"), "Answer a few questions first."
        )
    filled, empty = bar(o.score, 24)
    style = LEVEL_STYLES.get(o.level, "")
    parts: list[str | tuple[str, str] | Content] = [
        head,
        "\n\n",
        ("Overall  ", "bold"),
        (filled, style),
        (empty, "$foreground-muted"),
        (f"  {o.score:.1f}/100  ", "bold"),
        (level_text(o.level, o.label), f"bold {style}"),
    ]
    if o.capped_by:
        weakest = next((d.title for d in a.domains if d.id == o.capped_by), o.capped_by)
        parts += ["\n", (f"Level capped one above the weakest area, {weakest}.", "$foreground-muted")]
    return Content.assemble(*parts)


def bullets(items: list[str]) -> Table:
    """A bulleted list whose wrapped lines stay indented under their text."""
    grid = Table.grid(padding=(0, 1, 0, 0), expand=True)
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    for item in items:
        grid.add_row("•", Text(item))
    return grid


def topology_content(a: Assessment) -> Group:
    t = a.topology
    name = PATTERN_NAMES.get(t.recommended, t.recommended)
    parts: list[RenderableType] = [
        Text.assemble(
            (name, "bold"),
            (f"  ({t.recommended}, {t.interaction_mode}, confidence {t.confidence:.0%})", "dim"),
        ),
        Text(t.summary[:1].upper() + t.summary[1:] + "."),
    ]
    sections: list[tuple[str, list[str]]] = [
        ("Why", t.rationale),
        ("How it should change over time", t.evolution),
        ("Watch out for", [f"{ap.title}: {ap.why}" for ap in t.anti_patterns]),
        (
            "Other set-ups considered",
            [f"{PATTERN_NAMES.get(x.pattern, x.pattern)}: {x.why_not}" for x in t.alternatives],
        ),
    ]
    if t.google_implementation:
        sections.append(("At Google's scale", [t.google_implementation]))
    for title, items in sections:
        if items:
            parts += [Text(""), Text(title, style="bold"), bullets(items)]
    return Group(*parts)


def roadmap_content(items: list[RoadmapItem], titles: dict[str, str]) -> Group:
    if not items:
        return Group(Text("Nothing to improve from the answers given so far."))
    parts: list[RenderableType] = []
    for phase, heading in PHASES:
        chosen = [i for i in items if i.phase == phase]
        if not chosen:
            continue
        if parts:
            parts.append(Text(""))
        parts.append(Text(f"{heading} ({len(chosen)})", style="bold"))
        grid = Table.grid(padding=(0, 1, 0, 0), expand=True)
        grid.add_column(no_wrap=True)
        grid.add_column(ratio=1)
        for item in chosen:
            change = (
                f", level {item.level_from}→{item.level_to}"
                if item.level_from and item.level_to and item.level_to > item.level_from
                else ""
            )
            domain = titles.get(item.domain, item.domain)
            where = f"{domain} · impact {item.impact} · effort {item.effort}{change}"
            grid.add_row("•", Text.assemble(item.action, "\n", (where, "dim")))
        parts.append(grid)
    return Group(*parts)


def gaps_content(a: Assessment) -> Content | None:
    unanswered = [g for g in a.gaps if g.kind == "unanswered"]
    unsure = [g for g in a.gaps if g.kind == "unsure"]
    if not unanswered and not unsure:
        return None
    text = f"{len(unanswered)} unanswered and {len(unsure)} unsure"
    hint = "  (g goes to the first unanswered question)" if unanswered else ""
    return Content.assemble(("Gaps: ", "bold"), text, (hint, "$foreground-muted"))


class ResultsScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,b", "back", "Questions"),
        Binding("p", "app.export('pdf')", "PDF"),
        Binding("m", "app.export('markdown')", "Markdown"),
        Binding("j", "app.export('json')", "JSON"),
        Binding("g", "first_gap", "First gap", show=False),
        Binding("pagedown,space", "page(1)", "Scroll", show=False, priority=True),
        Binding("pageup", "page(-1)", "Scroll up", show=False, priority=True),
        Binding("t", "app.edit_team", "Team", show=False),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.assessment: Assessment | None = None
        self._revision: int | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="results"):
            yield Static(id="overall")
            yield Static(id="gaps", classes="hidden")
            yield Static(id="export-status", classes="hidden")
            yield Static(Content.styled("Practice areas", "bold"), classes="section")
            yield DomainScores(id="domain-scores")
            yield Static(id="risks-title", classes="section")
            yield RiskList(id="risks")
            yield Static(Content.styled("Team set-up", "bold"), classes="section")
            yield Static(id="topology")
            yield Static(Content.styled("Roadmap", "bold"), classes="section")
            yield Static(id="roadmap")
        yield Footer(compact=True)

    def on_screen_resume(self) -> None:
        # Back from the team facts (or anything else pushed on top): show what changed.
        if getattr(self.app, "revision", None) != self._revision:
            self.refresh_results()

    def on_mount(self) -> None:
        self.refresh_results()
        self.query_one("#domain-scores", DomainScores).focus(scroll_visible=False)

    def action_page(self, direction: int) -> None:
        results = self.query_one("#results", VerticalScroll)
        if direction > 0:
            results.scroll_page_down()
        else:
            results.scroll_page_up()

    def refresh_results(self) -> None:
        self._revision = getattr(self.app, "revision", None)
        a = self.session.assessment()
        self.assessment = a
        self.query_one("#overall", Static).update(overall_content(a))
        gaps = gaps_content(a)
        gaps_widget = self.query_one("#gaps", Static)
        gaps_widget.update(gaps or Content(""))
        gaps_widget.set_class(gaps is None, "hidden")
        self.query_one("#domain-scores", DomainScores).show(a.domains)
        self.query_one("#topology", Static).update(topology_content(a))
        high = sum(r.severity == "high" for r in a.risks)
        self.query_one("#risks-title", Static).update(
            Content.assemble(
                ("Risks", "bold"), (f"  {high} high, {len(a.risks) - high} medium", "$foreground-muted")
            )
        )
        titles = {d.id: d.title for d in a.domains}
        self.query_one("#risks", RiskList).show(a.risks, titles)
        self.query_one("#roadmap", Static).update(roadmap_content(a.roadmap, titles))

    def show_export(self, text: str, error: bool = False) -> None:
        status = self.query_one("#export-status", Static)
        status.update(Content(text))
        status.remove_class("hidden")
        status.set_class(error, "-error")

    @on(OptionList.OptionSelected, "#domain-scores")
    def _domain(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            index = self.session.first_of_domain(event.option.id)
            self.post_message(JumpRequested(self.session.questions[index].id))

    @on(OptionList.OptionSelected, "#risks")
    def _risk(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(JumpRequested(event.option.id))

    def action_first_gap(self) -> None:
        index = self.session.first_unanswered()
        if index is None:
            self.notify("Every question has an answer.")
        else:
            self.post_message(JumpRequested(self.session.questions[index].id))

    def action_back(self) -> None:
        self.dismiss()
