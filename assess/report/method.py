"""The report's method section: how scores, levels, risks and advice are derived, with sources.

The words restate the engine's rules (assess/engine/*.py) and quote its named thresholds, so a change
of threshold in the engine shows up here instead of leaving the report describing an old rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from assess.engine import roadmap, topology
from assess.engine.assessment import STRENGTH, WEAKNESS
from assess.engine.scoring import LEVELS


@dataclass(frozen=True)
class Section:
    title: str
    paragraphs: list[str]
    items: list[str]


SOURCES = [
    "Team Topologies, Matthew Skelton and Manuel Pais (2019): stream-aligned, enabling and platform "
    "teams; the collaboration, facilitating and X-as-a-Service interaction modes.",
    "DevOps Topologies, Matthew Skelton and Manuel Pais: Type 7 (SRE team, only for high engineering "
    "maturity), Type 5 (a temporary team), Anti-Types A (Dev and Ops silos), B (a permanent silo), C (Dev "
    "doesn't need Ops) and H (fake SRE, operations renamed).",
    "How SRE teams are organized, and how to get started, Google Cloud blog (2019): kitchen-sink, "
    "infrastructure, tools, product/application, embedded and consulting SRE teams.",
    "Site Reliability Engineering, Beyer et al. (2016): chapter 1 (operational work capped at half of SRE "
    "time; at most two events per on-call shift), chapter 5 (toil), chapter 11 (on-call: at most about two "
    "incidents per 12-hour shift, a rotation of eight people on one site or six per site on two), chapter "
    "30 (embedding an SRE to recover from operational overload) and chapter 32 (production readiness "
    "reviews).",
    "The Site Reliability Workbook, Beyer et al. (2018): chapter 18 (SRE engagement models) and "
    "chapter 20 (SRE without SREs: SRE needs SLOs with consequences).",
    "Google CRE life lessons (2017): an SRE team onboards a service against agreed criteria and takes the "
    "pager for a spin first.",
    "AWS Well-Architected Framework: the first matching risk rule of a question decides its risk.",
    "The talk behind this tool: a small team that already knows reliability needs no separate team; a "
    "team lacking the skills should embed an SRE; start with the practice, not the headcount.",
]


def _pct(value: float) -> str:
    return f"{value * 100:.0f}"


def _n(value: float) -> str:
    return f"{value:g}"


def band(level: int) -> str:
    """The score range of a level, as the engine's ``level_of`` cuts it (bands of 20 points)."""
    low = (level - 1) * 20
    return f"{low}–100" if level == max(LEVELS) else f"{low}–under {low + 20}"


def sections() -> list[Section]:
    t = topology
    return [
        Section(
            "Scores",
            [
                "Each question scores between 0 and 1. For a single-choice question it is the score the "
                "questionnaire gives the chosen answer, from the least to the most mature practice. For a "
                "checklist it is the share of the practices' weights the team ticked, or, for checklists "
                "scored by risk, 1 with no risk, 0.5 with a medium and 0 with a high risk.",
                "A domain's score is the weighted mean of its scored questions, times 100. The overall "
                "score is the weighted mean of the domain scores, using the domain weights of the "
                "questionnaire.",
                "Answers that are not known are never guessed in the team's favour: 'unsure' scores as the "
                "least mature answer and is listed as a transparency gap; 'not applicable' is left out of "
                "every average, so it neither helps nor hurts; unanswered questions are left out and lower "
                "the coverage shown on the cover.",
            ],
            [],
        ),
        Section(
            "Levels",
            [
                "Scores map to five maturity levels in even bands of 20 points (see the table). The overall "
                "level is capped at the weakest domain's level plus one, so one strong area cannot hide a "
                "weak one; the summary names the domain that capped it.",
                f"Within a domain, a question scoring {_pct(STRENGTH)} or more counts as a strength; one "
                f"scoring {_pct(WEAKNESS)} or less, or carrying a high risk, counts as a gap.",
            ],
            [],
        ),
        Section(
            "Risks",
            [
                "Each question carries risk rules written in the questionnaire, checked in order; the first "
                "rule that matches the answer decides the risk (high, medium or none) and gives the reason "
                "quoted in this report. An 'unsure' answer is checked as the least mature answer and marked "
                "as such, because an unknown practice cannot be relied on.",
            ],
            [],
        ),
        Section(
            "Roadmap",
            [
                "Every action comes from the questionnaire: the improvement written for the answer the team "
                "gave, which moves it one step up (for a checklist, the heaviest practice not yet in place). "
                "There is one action per gap: questions that measure the same root cause share one, and the "
                "questions a team was unsure about in an area share one action, to find out. Its expected "
                "level change is the domain's level before and after that one step.",
                "The plan aims at a horizon: one level up in each practice area, or the target levels when "
                "they are set. It holds the actions that reach the horizon in each area for the least "
                "effort, every action that removes a high or medium risk, and what those build on; "
                "everything else is listed, compactly, beyond the plan.",
                "Impact is high when the action removes a high risk, medium when it removes a medium risk "
                f"or adds at least {_n(roadmap.MEDIUM_GAIN)} points to its domain, and low otherwise. "
                "Size comes from the questionnaire's effort estimate: "
                + "; ".join(f"{size} {meaning}" for size, _, meaning in roadmap.SIZES.values())
                + ". The owner is a suggestion: the team, leadership, or, where the questionnaire says the "
                "work needs SRE skills or shared tooling, the SRE setup the topology advice recommends and a "
                "platform team in an organisation large enough for one.",
            ],
            [
                "Now, days 0–30; next, days 30–90; later, days 90–180. At most the same number of actions "
                "starts in each phase, set by the team's size (about one for every two engineers, from 3 to "
                "6) or by the answers file; later phases are longer because their actions are bigger.",
                f"The top risks, ranked by severity and then by the question's weight, go first: up to "
                f"{roadmap.TOP_RISKS} of them, as many as fit in the first phase, are the ones page 1 shows. "
                "Each is removed now, or, when it builds on a practice that is barely in place (scoring "
                f"under {_pct(roadmap.BARELY_IN_PLACE)}), that practice starts now and the risk follows in "
                "the next phase.",
                "Then the actions that remove the most risk for their size, never in the same phase as a "
                "practice they build on that is barely in place. What does not fit in 180 days is listed "
                "beyond the plan.",
            ],
        ),
        Section(
            "Team topology advice",
            [
                "Five ways to organise reliability work are weighed: the team owns it (no dedicated SRE), "
                "an embedded SRE (collaboration, time-boxed), an enabling SRE team (facilitating), a "
                "platform team (X-as-a-Service) and a separate SRE team. The decision has two stages. "
                "First, each setup's preconditions from the literature are checked; a setup whose "
                "preconditions fail is out, and the report says which one failed. A shortfall of SREs is "
                "never a reason for or against a setup: it is named as hires. Second, among the setups "
                "that remain, each preference rule that fires adds or removes points and a sentence naming "
                "the score, answer or team fact behind it. The most points win; a tie goes to the lighter "
                "setup (less re-organisation).",
                "Domains and questions are read through the roles the questionnaire gives them (practice or "
                "tooling; which holds SLOs, on-call and toil), never by their ids; without roles the advice "
                "uses the overall score and the team facts only, and says so.",
            ],
            [
                f"Maturity: overall below {_n(t.WEAK)} means the practices are largely missing (a case for "
                f"an embedded SRE); at {_n(t.MATURE)} or above with no area below {_n(t.WEAK)}, the team can "
                "own its reliability.",
                f"A separate SRE team needs a rotation of {t.ROTATION_ONE_SITE} SREs on one site (or "
                f"{t.ROTATION_PER_SITE} per site on two), overall and SLO practice both at {_n(t.MATURE)} or "
                "above, and services that meet an onboarding bar: on-call load within "
                f"{_n(t.INCIDENTS_PER_SHIFT)} incidents per 12-hour shift, on-call health at "
                f"{_n(t.ONCALL_BAR)} or above, and readiness reviews that can block a launch.",
                f"On-call load is judged per 12-hour shift ({t.SHIFTS_PER_WEEK} a week): more than "
                f"{_n(t.INCIDENTS_PER_SHIFT)} incidents per shift is overload, and argues for an embedded "
                "SRE to cut it, never for handing the pager over. Pages stand in for incidents only when "
                "incidents are not counted.",
                f"A platform team needs at least {t.PLATFORM_TEAMS} teams and work to take on (toil other "
                f"teams repeat, or more than {_n(t.SERVICES_PER_ENGINEER)} services per engineer); an "
                f"enabling team needs at least {t.ENABLING_TEAMS} teams and a practice gap to coach.",
                f"Team size: outside {t.TEAM_MIN}-{t.TEAM_MAX} people is flagged; a team of 10 or more "
                "should split before reliability roles are designed.",
                "Confidence rises with the share of questions answered with a choice and with a margin "
                "that the open answers (unsure, not applicable, not answered) could not erase, and falls "
                "for each missing team fact. With fewer than half the questions answered, no structure is "
                "recommended: the lightest setup is given at low confidence.",
                "Warnings flag SRE in name only (worded as a question), an SRE team without the maturity it "
                "needs or sliding back into an operations silo, embeddings and coaching with no end date, "
                f"on-call overload, rotations of fewer than {t.ROTATION_ONE_SITE} people, services with "
                "nobody on call, team size and cognitive load.",
                "Google's SRE team implementation (embedded, consulting, kitchen sink, infrastructure, "
                "tools, product/application) is named for every setup that SREs staff.",
            ],
        ),
    ]
