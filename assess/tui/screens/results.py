"""The assessment as it stands, in four tabs: scores, risks, advice (team set-up) and plan (roadmap).

Everything shown comes from the ``Assessment`` that ``assess.engine.assess``
returns for the session; this screen only lays it out, one function per kind
of result (``risk_items``, ``advice_items``, ``plan_items``), so a new field is
one more line there. ← and → switch tabs, Home/End go to the first and last
item, / searches every tab at once (the tab titles count the matches), and
Enter on an item jumps to its question.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static, TabbedContent, TabPane

from assess.models import Assessment, BacklogItem, RiskFinding, RoadmapItem, Tracking
from assess.tui import keys
from assess.tui.messages import JumpRequested
from assess.tui.screens.action import ActionDialog, ActionEdit
from assess.tui.text import line, shown
from assess.tui.widgets.fields import TextField
from assess.tui.widgets.key_bar import KeyBar
from assess.tui.widgets.result_list import Item, Part, ResultList
from assess.tui.widgets.score_bars import LEVEL_STYLES, DomainScores, bar, level_text
from assess.tui.widgets.title_bar import TitleBar
from assess.tui.workshop import trust_content
from assess.words import counted

if TYPE_CHECKING:
    from assess.tui.app import AssessApp
    from assess.tui.session import Session
    from assess.tui.workspace import Status, Workspace

PATTERN_NAMES = {
    "within-team": "The team owns its reliability (no dedicated SRE)",
    "embedded": "An SRE embedded in the team",
    "enabling": "An enabling SRE team that coaches",
    "platform": "A platform team offering reliability as a service",
    "separate": "A separate SRE team",
}
PHASES = (("now", "Now"), ("next", "Next"), ("later", "Later"))
TABS = ("scores", "risks", "advice", "plan")
TAB_TITLES = {"scores": "Scores", "risks": "Risks", "advice": "Advice", "plan": "Plan"}
SEVERITY_STYLES = {"high": "bold $text-error", "medium": "bold $text-warning"}


def overall_content(a: Assessment) -> Content:
    o = a.overall
    meta = [line(a.questionnaire.title), f"v{line(a.questionnaire.version)}"]
    if a.assessed_at:
        meta.append(f"assessed {a.assessed_at.isoformat()}")
    meta.append(f"{a.coverage:.0%} answered")
    head = Content.assemble((line(a.team.name), "bold"), ("  ·  " + "  ·  ".join(meta), "$foreground-muted"))
    if o.score is None or o.level is None:
        return Content.assemble(
            head, "\n", ("Overall: not scored yet. ", "bold"), "Answer a few questions first."
        )
    filled, empty = bar(o.score, 20)
    style = LEVEL_STYLES.get(o.level, "")
    parts: list[str | tuple[str, str] | Content] = [
        head,
        "\n",
        ("Overall  ", "bold"),
        (filled, style),
        (empty, "$foreground-muted"),
        (f"  {o.score:.1f}/100  ", "bold"),
        (level_text(o.level, o.label), f"bold {style}"),
    ]
    if o.capped_by:
        weakest = next((d.title for d in a.domains if d.id == o.capped_by), o.capped_by)
        parts += ["\n", (f"Level capped one above the weakest area, {line(weakest)}.", "$foreground-muted")]
    return Content.assemble(*parts)


def gaps_content(a: Assessment) -> Content | None:
    unanswered = [g for g in a.gaps if g.kind == "unanswered"]
    unsure = [g for g in a.gaps if g.kind == "unsure"]
    if not unanswered and not unsure:
        return None
    text = f"{len(unanswered)} unanswered and {len(unsure)} unsure"
    hint = "  (g goes to the first unanswered question)" if unanswered else ""
    return Content.assemble(("Gaps: ", "bold"), text, (hint, "$foreground-muted"))


def risk_items(risks: list[RiskFinding], titles: dict[str, str]) -> list[Item]:
    items = []
    for r in risks:
        title = line(r.title) + (" (answered unsure)" if r.unsure else "")
        where = line(titles.get(r.domain, r.domain))
        items.append(
            Item(
                (
                    Part(title, "bold", r.severity.upper().ljust(7), SEVERITY_STYLES[r.severity]),
                    Part(f"{line(r.why)} [{where}]", "$foreground-muted", " " * 7),
                ),
                target=r.question,
            )
        )
    return items


def advice_items(a: Assessment) -> list[Item]:
    t = a.topology
    name = PATTERN_NAMES.get(t.recommended, t.recommended)
    items = [
        Item(
            (
                Part(line(name), "bold"),
                Part(
                    f"{t.recommended}, {t.interaction_mode}, confidence {t.confidence:.0%}",
                    "$foreground-muted",
                ),
                Part(line(t.summary[:1].upper() + t.summary[1:] + ".")),
            )
        )
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
    for title, entries in sections:
        if entries:
            items.append(Item((Part(title, "bold $text-accent"),), heading=True))
            items.extend(Item((Part(line(e), "", "• "),)) for e in entries)
    return items


STATUS_WORDS = {
    "planned": "planned",
    "in-progress": "in progress",
    "done": "done",
    "accepted-risk": "accepted risk",
}


def tracking_parts(t: Tracking | None) -> tuple[Part, ...]:
    """What was agreed for a plan row: status, owner, due date and link; overdue and done-but-unchanged
    stand out."""
    if t is None:
        return ()
    said = [STATUS_WORDS[t.status]]
    if t.owner:
        said.append(line(t.owner))
    if t.due:
        said.append(f"due {t.due.isoformat()}")
    if t.link:
        said.append(line(t.link))
    style = "$text-success"
    if t.overdue_days is not None:
        said.append(f"OVERDUE by {counted(t.overdue_days, 'day')}")
        style = "bold $text-error"
    parts = [Part(" · ".join(said), style, "  ✓ " if t.status == "done" else "  ▸ ")]
    if t.unchanged:
        parts.append(Part(line(t.unchanged), "bold $text-warning", "  ! "))
    return tuple(parts)


def plan_lines(item: RoadmapItem, titles: dict[str, str]) -> tuple[Part, ...]:
    """One roadmap action: what to do, then where, how much it brings and costs, then what was agreed."""
    change = (
        f", level {item.level_from}→{item.level_to}"
        if item.level_from and item.level_to and item.level_to > item.level_from
        else ""
    )
    domain = line(titles.get(item.domain, item.domain))
    return (
        Part(line(item.action), "", "• "),
        Part(f"{domain} · impact {item.impact} · effort {item.effort}{change}", "$foreground-muted", "  "),
        *tracking_parts(item.tracking),
    )


def accepted_lines(item: BacklogItem, titles: dict[str, str]) -> tuple[Part, ...]:
    """An action whose risk the team accepted: out of the plan, with the reason."""
    domain = line(titles.get(item.domain, item.domain))
    reason = item.tracking.reason if item.tracking and item.tracking.reason else ""
    return (
        Part(line(item.action), "", "• "),
        Part(f"{domain} · risk accepted: {line(reason)}", "$foreground-muted", "  "),
    )


def plan_items(a: Assessment, titles: dict[str, str]) -> list[Item]:
    """Overdue actions first, then each phase, then the risks accepted (out of the plan)."""
    items: list[Item] = []
    late = sorted(
        (i for i in a.roadmap if i.tracking is not None and i.tracking.overdue_days is not None),
        key=lambda i: -(i.tracking.overdue_days or 0) if i.tracking else 0,
    )
    shown = {i.root_cause for i in late}
    groups: list[tuple[str, list[RoadmapItem]]] = [("Overdue", late)]
    groups += [
        (heading, [i for i in a.roadmap if i.phase == phase and i.root_cause not in shown])
        for phase, heading in PHASES
    ]
    for heading, chosen in groups:
        if not chosen:
            continue
        items.append(Item((Part(f"{heading} ({len(chosen)})", "bold $text-accent"),), heading=True))
        for entry in chosen:
            items.append(
                Item(
                    plan_lines(entry, titles),
                    target=entry.questions[0] if entry.questions else None,
                    key=entry.root_cause,
                )
            )
    accepted = [b for b in a.beyond_horizon if b.reason == "accepted-risk"]
    if accepted:
        items.append(Item((Part(f"Risks accepted ({len(accepted)})", "bold $text-accent"),), heading=True))
        for b in accepted:
            items.append(
                Item(
                    accepted_lines(b, titles),
                    target=b.questions[0] if b.questions else None,
                    key=b.root_cause,
                )
            )
    return items


class ResultsScreen(Screen[None]):
    HELP = (
        "The assessment as it stands, in four tabs: Scores (overall and per practice area), Risks, "
        "Advice (how to organise reliability work) and Plan (the roadmap, overdue actions first). ← and "
        "→ switch tabs; Enter on an area, a risk or an action jumps to its question; on the plan, a "
        "agrees the highlighted action: its status, owner, due date and tracker link, saved in the "
        "answers file. / searches every tab."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        keys.binding("back", "back"),
        keys.binding("previous", "tab(-1)", show=False),
        keys.binding("next", "tab(1)", show=False),
        keys.binding("search", "search"),
        keys.binding("pdf", "app.export('pdf')"),
        keys.binding("markdown", "app.export('markdown')"),
        keys.binding("json", "app.export('json')"),
        keys.binding("help", "app.help"),
        keys.binding("gap", "first_gap", show=False),
        keys.binding("team", "app.edit_team", show=False),
        keys.binding("disagreements", "app.disagreements", show=False),
        keys.binding("results", "refresh", show=False),
        keys.binding("save", "app.save_now", show=False),
        keys.binding("action", "agree"),
    ]

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.assessment: Assessment | None = None
        self._revision: int | None = None
        self._counts: dict[str, int] = {}

    @property
    def session(self) -> Session:
        return self.workspace.session

    def _today(self) -> dt.date:
        today = getattr(self.app, "as_of", None)
        return today if isinstance(today, dt.date) else dt.date.today()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "agree":
            tabs = self.query("#result-tabs")
            return bool(tabs) and tabs.first(TabbedContent).active == "tab-plan"
        return True

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(id="save-problem", classes="hidden")
        yield Static(id="export-status", classes="hidden")
        with TabbedContent(id="result-tabs", initial="tab-scores"):
            with TabPane("Scores", id="tab-scores"), VerticalScroll(id="scores-scroll", can_focus=False):
                yield Static(id="overall")
                yield Static(id="gaps", classes="hidden")
                yield DomainScores(id="domain-scores")
                yield Static(id="trust", classes="hidden")
            with TabPane("Risks", id="tab-risks"):
                yield ResultList(id="risks", empty="No high or medium risks in the answers so far.")
            with TabPane("Advice", id="tab-advice"):
                yield ResultList(id="advice")
            with TabPane("Plan", id="tab-plan"):
                yield ResultList(id="plan", empty="Nothing to improve from the answers given so far.")
        yield TextField(
            id="search",
            placeholder="Search every tab; Enter goes to the results, Esc clears",
            classes="hidden",
        )
        yield KeyBar()

    def on_mount(self) -> None:
        self.refresh_results()
        self.show_status(self.workspace.status())
        self.query_one("#domain-scores", DomainScores).focus(scroll_visible=False)

    def on_screen_resume(self) -> None:
        # Back from the team facts (or anything else pushed on top): show what changed.
        if getattr(self.app, "revision", None) != self._revision:
            self.refresh_results()

    # ---- content ------------------------------------------------------------

    def refresh_results(self) -> None:
        self._revision = getattr(self.app, "revision", None)
        a = self.session.assessment(as_of=self._today())
        self.assessment = a
        self.query_one("#overall", Static).update(overall_content(a))
        gaps = gaps_content(a)
        gaps_widget = self.query_one("#gaps", Static)
        gaps_widget.update(gaps or Content(""))
        gaps_widget.set_class(gaps is None, "hidden")
        self.query_one("#domain-scores", DomainScores).show(a.domains)
        trust = trust_content(a)
        trust_widget = self.query_one("#trust", Static)
        trust_widget.update(trust or Content(""))
        trust_widget.set_class(trust is None, "hidden")
        titles = {d.id: d.title for d in a.domains}
        self.query_one("#risks", ResultList).show(risk_items(a.risks, titles))
        self.query_one("#advice", ResultList).show(advice_items(a))
        self.query_one("#plan", ResultList).show(plan_items(a, titles))
        high = sum(r.severity == "high" for r in a.risks)
        self._counts = {"risks": len(a.risks), "plan": len(a.roadmap)}
        self._risk_summary = f"{high} high, {len(a.risks) - high} medium"
        self._apply_search(self.query_one("#search", TextField).value)

    def _titles(self, matches: dict[str, int] | None) -> None:
        tabs = self.query_one("#result-tabs", TabbedContent)
        for tab in TABS:
            title = TAB_TITLES[tab]
            if matches is not None:
                title = f"{title} ({matches.get(tab, 0)})"
            elif tab in self._counts:
                title = f"{title} ({self._counts[tab]})"
            with_tab = tabs.get_tab(f"tab-{tab}")
            with_tab.label = Content(title)

    def show_status(self, status: Status) -> None:
        try:
            problem = self.query_one("#save-problem", Static)
        except NoMatches:
            return
        text = status.long()
        problem.update(Content(text))
        problem.set_class(not text, "hidden")
        problem.set_class(not status.saved, "-error")

    def show_export(self, text: str, error: bool = False) -> None:
        status = self.query_one("#export-status", Static)
        status.update(Content(shown(text)))
        status.remove_class("hidden")
        status.set_class(error, "-error")

    # ---- search ---------------------------------------------------------------

    def action_search(self) -> None:
        field = self.query_one("#search", TextField)
        field.remove_class("hidden")
        field.focus()

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._apply_search(event.value)

    def _apply_search(self, term: str) -> None:
        scores = self.query_one("#domain-scores", DomainScores)
        if not term.strip():
            scores.filter("")
            for list_id in ("risks", "advice", "plan"):
                self.query_one(f"#{list_id}", ResultList).filter("")
            self._titles(None)
            return
        matches = {"scores": scores.filter(term)}
        for list_id in ("risks", "advice", "plan"):
            matches[list_id] = self.query_one(f"#{list_id}", ResultList).filter(term)
        self._titles(matches)
        tabs = self.query_one("#result-tabs", TabbedContent)
        current = (tabs.active or "tab-scores").removeprefix("tab-")
        if not matches.get(current):
            best = next((t for t in TABS if matches.get(t)), None)
            if best is not None:
                tabs.active = f"tab-{best}"

    @on(Input.Submitted, "#search")
    def _search_done(self, event: Input.Submitted) -> None:
        event.stop()
        self._focus_tab()

    # ---- navigation -----------------------------------------------------------

    def action_tab(self, step: int) -> None:
        tabs = self.query_one("#result-tabs", TabbedContent)
        current = TABS.index((tabs.active or "tab-scores").removeprefix("tab-"))
        tabs.active = f"tab-{TABS[(current + step) % len(TABS)]}"
        self._focus_tab()

    @on(TabbedContent.TabActivated)
    def _tab_changed(self, event: TabbedContent.TabActivated) -> None:
        event.stop()
        self.refresh_bindings()  # the agree key works on the plan only
        if not isinstance(self.focused, Input):
            self._focus_tab()

    def action_agree(self) -> None:
        """Open the highlighted plan action's agreement: status, owner, due date, link, reason."""
        item = self.query_one("#plan", ResultList).highlighted_item()
        a = self.assessment
        if item is None or item.key is None or a is None:
            self.notify("Highlight an action of the plan first.", severity="warning")
            return
        rows: list[RoadmapItem | BacklogItem] = [*a.roadmap, *a.beyond_horizon]
        found = next((i for i in rows if i.root_cause == item.key), None)
        if found is None:
            return
        root = item.key
        current = self.session.actions.get(root)

        def chosen(result: ActionEdit | None) -> None:
            if result is not None:
                cast("AssessApp", self.app).set_action(root, result.entry)
                self.refresh_results()

        self.app.push_screen(
            ActionDialog(found, dict(current) if isinstance(current, Mapping) else None, self._today()),
            chosen,
        )

    def _focus_tab(self) -> None:
        tabs = self.query_one("#result-tabs", TabbedContent)
        pane = tabs.active or "tab-scores"
        target = "#domain-scores" if pane == "tab-scores" else f"#{pane.removeprefix('tab-')}"
        self.query_one(target).focus(scroll_visible=False)

    def action_back(self) -> None:
        field = self.query_one("#search", TextField)
        if field.has_focus or field.value:
            field.value = ""
            field.add_class("hidden")
            self._focus_tab()
            return
        self.dismiss()

    def action_refresh(self) -> None:
        self.refresh_results()

    @on(OptionList.OptionSelected, "#domain-scores")
    def _domain(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            index = self.session.first_of_domain(event.option.id)
            self.post_message(JumpRequested(self.session.questions[index].id))

    @on(OptionList.OptionSelected, "#risks, #advice, #plan")
    def _item(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        assert isinstance(event.option_list, ResultList)
        item = event.option_list.item_at(event.option.id)
        if item is not None and item.target is not None and item.target in self.session.index_of:
            self.post_message(JumpRequested(item.target))

    def action_first_gap(self) -> None:
        index = self.session.first_unanswered()
        if index is None:
            self.notify("Every question has an answer.")
        else:
            self.post_message(JumpRequested(self.session.questions[index].id))
