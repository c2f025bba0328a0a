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
    "DevOps Topologies, Matthew Skelton: Type 7 (SRE team) and Anti-Type H (fake SRE, operations renamed).",
    "How SRE teams are organized, and how to get started, Google Cloud blog (2019): kitchen-sink, "
    "infrastructure, tools, product/application, embedded and consulting SRE teams.",
    "Site Reliability Engineering, Beyer et al. (2016): chapter 5 (toil, capped at 50% of an SRE's time) "
    "and chapter 11 (on-call: at most about two incidents per 12-hour shift, a rotation of about eight "
    "people on one site).",
    "The Site Reliability Workbook, Beyer et al. (2018): chapter 18 (SRE engagement models) and "
    "chapter 20 (SRE without SREs).",
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
                "platform team (X-as-a-Service) and a separate SRE team. Each rule below that fires adds "
                "or removes points for one of them and adds a sentence naming the answer or team fact "
                "behind it; the rationale on the topology page lists those sentences. The setup with the "
                "most points wins, and a tie goes to the lighter setup (less re-organisation).",
            ],
            [
                f"Overall maturity: at {_n(t.MATURE_OVERALL)} or above the team can own its reliability; "
                f"below {_n(t.WEAK_OVERALL)} it needs hands-on help (an embedded SRE) and is not ready to "
                "work with a separate SRE team.",
                "Skills gap or tooling gap: weak practice domains ("
                + ", ".join(t.PRACTICE_DOMAINS)
                + ") in an organisation of more than "
                f"{t.SMALL_ORG_TEAMS} teams point to an enabling team; weak tooling domains ("
                + ", ".join(t.TOOLING_DOMAINS)
                + f") in an organisation of {t.PLATFORM_ORG_TEAMS} or more teams point to a platform.",
                "Toil that other teams repeat is the platform's business case when there are at least "
                f"{t.PLATFORM_ORG_TEAMS} teams; with {t.SMALL_ORG_TEAMS} or fewer teams, platform, "
                "enabling and separate SRE teams have too few customers to pay off.",
                f"SRE headcount: a separate team needs about {t.SEPARATE_MIN_SRES} SREs for a sustainable "
                "rotation of its own; with none, a separate team would have to be hired first.",
                f"Interrupt load: more than {_n(t.PAGES_PER_WEEK_HEAVY)} pages a week (about two a day) is "
                "heavy; it argues for hands-on help or a team that can absorb it, never for leaving the team "
                "alone with it.",
                "Confidence starts at 50% for a tie and rises with the winner's lead, and is lowered for "
                "each team fact that was not given.",
                "Anti-pattern warnings flag SRE in name only, a separate SRE team without the engineering "
                f"maturity it needs, on-call overload, rotations of fewer than {t.SMALL_ROTATION} people, "
                "and services with nobody on call.",
                "Where a separate SRE team is advised, Google's team implementations (kitchen-sink, "
                "infrastructure, tools, product/application) are matched to the size of the organisation "
                "and its weakest tooling area.",
            ],
        ),
    ]
