"""Team-topology advice: how reliability work should be organised for this team.

All rules live here, each with its source. Every rule that fires adds points
to one pattern and a sentence to the rationale that names the answer or team
fact behind it, so a manager can check each step. The pattern with the most
points wins; ties go to the lighter-weight pattern (less re-organisation).

Sources (see README "How the advice is derived"):
- [talk]  the seed talk: a small team that already knows reliability needs no
  separate team; a team lacking the skills should embed an SRE; a separate team
  when there is enough to build to keep it busy; start with the practice, not
  the headcount.
- [TT]    Team Topologies (Skelton & Pais): stream-aligned, enabling, platform
  teams; collaboration (time-boxed), facilitating, X-as-a-Service.
- [DOT]   DevOps Topologies: Type 7 "SRE team" fits only organisations with high
  engineering maturity; Anti-Type H "fake SRE" (ops renamed).
- [G-org] Google Cloud blog "How SRE teams are organized" (2019): kitchen sink,
  infrastructure, tools, product/application, embedded, consulting.
- [SRE]   Site Reliability Engineering (2016) ch. 5 (toil, 50 % cap) and ch. 11
  (on-call: at most ~2 incidents per 12-hour shift; a rotation of about 8
  people on one site).
- [WB]    The Site Reliability Workbook ch. 20 ("SRE without SREs") and ch. 18
  (engagement models).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assess.models import (
    Alternative,
    AntiPattern,
    PatternId,
    TeamProfile,
    Topology,
)

PATTERNS: tuple[PatternId, ...] = ("within-team", "embedded", "enabling", "platform", "separate")

# Domains whose weakness is a skills gap (practices, judgement) versus a
# tooling gap (things a platform can offer as a service).
PRACTICE_DOMAINS = ("slo", "incident-response", "learning", "oncall")
TOOLING_DOMAINS = ("observability", "toil", "iac", "release")

# Thresholds, named so the rationale and README quote the same numbers.
MATURE_OVERALL = 60.0  # level 4 and up: the team measures and steers its practices
WEAK_OVERALL = 40.0  # level 2 and below: practices absent or ad hoc
SMALL_ORG_TEAMS = 3  # too few teams for a platform or SRE team to pay off
PLATFORM_ORG_TEAMS = 6  # enough teams sharing the same gap to justify a platform
SEPARATE_MIN_SRES = 8  # a sustainable single-site rotation [SRE ch. 11]
# Whoever holds the pager takes all of a week's pages, so load is judged per day
# of on-call, not averaged over the rotation. More than two a day is beyond what
# one person can investigate properly alongside other work (Google caps it at
# two incidents per 12-hour shift) [SRE ch. 11].
PAGES_PER_WEEK_HEAVY = 14.0
SMALL_ROTATION = 5  # fewer people means on call one week in four or more often
ONBOARDING_BAR = 50.0  # on-call health an SRE team should require before taking a pager [WB ch. 18]

MODES: dict[PatternId, str] = {
    "within-team": "none",
    "embedded": "collaboration",
    "enabling": "facilitating",
    "platform": "x-as-a-service",
    "separate": "x-as-a-service",
}

SUMMARIES: dict[PatternId, str] = {
    "within-team": "keep reliability inside the team as a practice; no dedicated SRE is needed",
    "embedded": "embed an SRE in the team for a fixed period, working side by side (collaboration)",
    "enabling": "have an enabling SRE team coach this team and its neighbours (facilitating)",
    "platform": "let a platform team offer the shared reliability tooling as a service (X-as-a-Service)",
    "separate": "set up a dedicated SRE team that owns shared reliability work (X-as-a-Service)",
}

EVOLUTION: dict[PatternId, list[str]] = {
    "within-team": [
        "Keep SRE as a practice of the team: name a reliability champion and give the role a rotation.",
        "Reserve engineering time for reliability work (toil under half of operational time).",
        "Revisit this advice when the organisation grows past a handful of teams or pages exceed "
        "about two a day: shared tooling then pays off as a platform.",
    ],
    "embedded": [
        "Months 0-3 (collaboration): the SRE works in the team's backlog on the top risks, with "
        "exit criteria agreed up front (SLOs defined, runbooks linked from alerts, debriefs scheduled).",
        "Months 3-6 (facilitating): the SRE steps out to coaching a few hours a week while the team "
        "runs the practices itself.",
        "After that: the team owns its reliability and consumes shared tooling X-as-a-Service; the SRE "
        "moves on to the next team. An embedding with no end date turns into a silo.",
    ],
    "enabling": [
        "Engage each team for 6-12 weeks in facilitating mode, with a goal the team can measure.",
        "Move on once the team runs the practice unaided; keep office hours for questions.",
        "Gaps that recur in every team are tooling, not skills: hand them to a platform team as a service.",
    ],
    "platform": [
        "Start with the thinnest viable platform: documented templates and self-service for the "
        "shared toil that costs the most.",
        "Build the first services in collaboration with one or two pilot teams, then offer them "
        "X-as-a-Service with their own SLOs and product management.",
        "Measure adoption and toil removed per team; retire what nobody uses.",
    ],
    "separate": [
        "Start with one SRE team with a charter agreed with leadership: what it owns, how services "
        "are onboarded (production readiness review) and handed back.",
        "Engage through SLOs: services that blow their error budget get a release freeze and joint "
        "work, not more operations.",
        "Cap operational work at half of the team's time; above that, hand the pager back to the "
        "developers until the load drops.",
        "As scope grows, split the team (infrastructure, tools, or product SRE) rather than letting "
        "it become a team that does everything.",
    ],
}


@dataclass
class _Tally:
    points: dict[PatternId, float] = field(default_factory=lambda: dict.fromkeys(PATTERNS, 0.0))
    reasons: dict[PatternId, list[str]] = field(default_factory=lambda: {p: [] for p in PATTERNS})
    against: dict[PatternId, list[str]] = field(default_factory=lambda: {p: [] for p in PATTERNS})

    def add(self, pattern: PatternId, points: float, reason: str) -> None:
        self.points[pattern] += points
        (self.reasons if points > 0 else self.against)[pattern].append(reason)


@dataclass(frozen=True)
class Signals:
    """What the rules look at, computed from the scores and the team facts."""

    overall: float | None
    domain_scores: dict[str, float]
    domain_titles: dict[str, str]
    shared_toil: str | None  # the toil.shared choice, if answered
    team: TeamProfile

    def mean_of(self, domains: tuple[str, ...]) -> float | None:
        values = [self.domain_scores[d] for d in domains if d in self.domain_scores]
        return sum(values) / len(values) if values else None

    def weakest(self, domains: tuple[str, ...]) -> tuple[str, float] | None:
        present = [(d, self.domain_scores[d]) for d in domains if d in self.domain_scores]
        return min(present, key=lambda p: p[1]) if present else None

    def title(self, domain: str) -> str:
        return self.domain_titles.get(domain, domain)


def _fmt(value: float) -> str:
    return f"{value:.0f}"


def advise(signals: Signals) -> Topology:
    t = _Tally()
    team = signals.team
    overall = signals.overall
    practice = signals.mean_of(PRACTICE_DOMAINS)
    tooling = signals.mean_of(TOOLING_DOMAINS)
    teams = team.teams_in_org
    sres = team.sre_count
    pages = team.pages_per_week
    heavy_load = pages is not None and pages > PAGES_PER_WEEK_HEAVY
    load_text = f"{pages:g} pages a week, about {pages / 7:.1f} a day for whoever is on call" if pages else ""
    oncall_health = signals.domain_scores.get("oncall")

    # --- maturity of the team's own practices [talk] [WB ch. 20] -------------
    if overall is not None and overall >= MATURE_OVERALL:
        weakest = signals.weakest(tuple(signals.domain_scores))
        if weakest is not None and weakest[1] >= WEAK_OVERALL:
            t.add(
                "within-team",
                3,
                f"The team already runs its reliability practices well (overall {_fmt(overall)}/100, "
                f"weakest area {signals.title(weakest[0])} at {_fmt(weakest[1])}): a team that knows "
                "its way around reliability needs no separate SRE.",
            )
        else:
            t.add(
                "within-team",
                1,
                f"Overall maturity is high ({_fmt(overall)}/100), though one area lags.",
            )
        t.add(
            "embedded",
            -2,
            f"Overall maturity is already {_fmt(overall)}/100; an embedded SRE would "
            "have little to transfer.",
        )
    elif overall is not None and overall < WEAK_OVERALL:
        t.add(
            "embedded",
            4,  # the talk's own advice for a team that lacks the skills
            f"Reliability practices are largely missing (overall {_fmt(overall)}/100): the fastest way "
            "to build the skills is an SRE working hands-on inside the team for a while.",
        )
        t.add(
            "within-team",
            -3,
            f"At {_fmt(overall)}/100 the team lacks the practices to carry reliability on its own yet.",
        )
        t.add(
            "separate",
            -3,
            f"A separate SRE team needs high engineering maturity in the teams it serves; at "
            f"{_fmt(overall)}/100 it would end up running unsupportable services by hand.",
        )
    elif overall is not None:
        t.add(
            "embedded",
            1,
            f"Practices are in place but uneven (overall {_fmt(overall)}/100): time-boxed help can "
            "make them consistent.",
        )
        t.add("within-team", 1, f"Overall {_fmt(overall)}/100 is a workable base for the team to build on.")

    # --- skills gap versus tooling gap [TT] [G-org] --------------------------
    if practice is not None and tooling is not None:
        skills_gap = practice < WEAK_OVERALL + 10 and practice <= tooling
        if skills_gap and teams is not None and teams > SMALL_ORG_TEAMS:
            weakest = signals.weakest(PRACTICE_DOMAINS)
            assert weakest is not None
            t.add(
                "enabling",
                2,
                f"The biggest gaps are practices rather than tools ({signals.title(weakest[0])} at "
                f"{_fmt(weakest[1])}), and with {teams} teams in the organisation an enabling team "
                "can coach several of them in turn.",
            )
        if tooling < WEAK_OVERALL + 10 and teams is not None and teams >= PLATFORM_ORG_TEAMS:
            weakest = signals.weakest(TOOLING_DOMAINS)
            assert weakest is not None
            t.add(
                "platform",
                1,
                f"Tooling areas are weak ({signals.title(weakest[0])} at {_fmt(weakest[1])}) in an "
                f"organisation of {teams} teams, where shared tooling is built once and used many times.",
            )

    # --- repeated toil is the platform's business case [TT] [SRE ch. 5] -------
    if signals.shared_toil in ("repeated", "partly-shared"):
        if teams is not None and teams >= PLATFORM_ORG_TEAMS:
            t.add(
                "platform",
                3 if signals.shared_toil == "repeated" else 2,
                f"The team answered that other teams repeat the same toil "
                f"(toil.shared: {signals.shared_toil}); across {teams} teams that work is best "
                "removed once, by a platform offered as a service.",
            )
        elif teams is not None:
            t.add(
                "platform",
                -1,
                f"Toil is repeated across teams, but with only {teams} teams a platform team would "
                "cost more than it saves; shared scripts owned by one team are enough.",
            )

    # --- size of the organisation [TT] [talk] ---------------------------------
    if teams is not None and teams <= SMALL_ORG_TEAMS:
        t.add(
            "platform",
            -2,
            f"With {teams} team(s) in the organisation a platform team has too few customers to pay off.",
        )
        t.add("enabling", -2, f"With {teams} team(s) there are too few teams for an enabling team to serve.")
        t.add(
            "separate",
            -2,
            f"With {teams} team(s) a separate SRE team would have too little to build "
            "to stay busy with engineering rather than operations.",
        )
        if team.engineers is not None and team.engineers <= 10:
            t.add(
                "within-team",
                1,
                f"A small team ({team.engineers} engineers) in a small organisation "
                "is best served by owning reliability itself.",
            )

    # --- SRE headcount [G-org] [SRE ch. 11] ------------------------------------
    if sres is not None:
        if sres == 0:
            t.add(
                "separate",
                -2,
                "The organisation has no SREs today; a separate team would have to be "
                "hired from scratch before it helps anyone.",
            )
            t.add(
                "embedded",
                -0.5,
                "There is no SRE to embed yet: one must be hired or an engineer "
                "with operations experience reassigned.",
            )
        elif sres >= SEPARATE_MIN_SRES and teams is not None and teams > SMALL_ORG_TEAMS:
            t.add(
                "separate",
                2,
                f"The organisation has {sres} SREs, enough to staff a team with a "
                "sustainable on-call rotation of its own.",
            )
        elif sres < SEPARATE_MIN_SRES:
            t.add(
                "separate",
                -1,
                f"{sres} SRE(s) are too few for a separate team with its own "
                f"sustainable rotation (about {SEPARATE_MIN_SRES} people on one site).",
            )
            if teams is not None and teams > sres * 3:
                t.add(
                    "enabling",
                    1,
                    f"{sres} SRE(s) for {teams} teams cannot sit inside every team; "
                    "coaching teams in turn spreads them further.",
                )
            else:
                t.add(
                    "embedded",
                    1,
                    f"The organisation has {sres} SRE(s), so one can be embedded without hiring first.",
                )

    # --- interrupt load [SRE ch. 11] [WB ch. 18] ---------------------------------
    if heavy_load:
        noisy = oncall_health is not None and oncall_health < ONBOARDING_BAR
        if overall is not None and overall >= WEAK_OVERALL and (sres or 0) >= SEPARATE_MIN_SRES:
            t.add(
                "separate",
                1,
                f"Interrupt load is heavy ({load_text}) on services whose practices are mature enough "
                "to hand over: a dedicated SRE team can share the load and engineer it down"
                + (", once the noise is cut to an onboarding bar." if noisy else "."),
            )
        t.add(
            "within-team",
            -2,
            f"Interrupt load is heavy ({load_text}); left to the team alone it "
            "crowds out the engineering that would reduce it.",
        )
        t.add(
            "embedded",
            1,
            f"Interrupt load is heavy ({load_text}): hands-on help is needed to cut "
            "alert noise and automate the fixes.",
        )

    # --- pick ----------------------------------------------------------------
    order = {p: i for i, p in enumerate(PATTERNS)}
    ranked = sorted(PATTERNS, key=lambda p: (-t.points[p], order[p]))
    best = ranked[0]
    if not t.reasons[best]:
        t.reasons[best].append(
            "Too little is known to prefer a heavier setup: start with the practices inside the team."
        )
    margin = t.points[best] - t.points[ranked[1]]
    confidence = _confidence(margin, team)

    alternatives = [Alternative(pattern=p, why_not=_why_not(p, best, t)) for p in ranked[1:]]
    google = google_implementation(signals, heavy_load) if best == "separate" else None
    evolution = list(EVOLUTION[best])
    if best == "separate" and heavy_load and oncall_health is not None and oncall_health < ONBOARDING_BAR:
        evolution.insert(
            0,
            f"Before the SRE team takes the pager: cut alert noise together (on-call health is "
            f"{_fmt(oncall_health)}/100) until the services meet an onboarding bar agreed in a production "
            "readiness review; a noisy pager handed over unchanged just moves the old operations silo.",
        )
    rationale = list(t.reasons[best])
    missing = _missing_facts(team)
    if missing:
        rationale.append(
            "Not given, so not used: " + ", ".join(missing) + ". Adding them may change the advice."
        )
    return Topology(
        recommended=best,
        interaction_mode=MODES[best],
        confidence=confidence,
        summary=SUMMARIES[best],
        rationale=rationale,
        alternatives=alternatives,
        evolution=evolution,
        google_implementation=google,
        anti_patterns=anti_patterns(signals, best, heavy_load),
    )


def _confidence(margin: float, team: TeamProfile) -> float:
    """0.5 for a tie, rising with the lead; lowered for each missing team fact."""
    base = min(0.95, 0.5 + 0.1 * margin)
    return round(max(0.3, base - 0.05 * len(_missing_facts(team))), 2)


def _missing_facts(team: TeamProfile) -> list[str]:
    names = {
        "engineers": "team size",
        "teams_in_org": "number of teams in the organisation",
        "sre_count": "SRE headcount",
        "on_call_engineers": "on-call rotation size",
        "pages_per_week": "pages per week",
    }
    return [label for fact, label in names.items() if getattr(team, fact) is None]


def _why_not(pattern: PatternId, best: PatternId, t: _Tally) -> str:
    if t.points[pattern] == t.points[best] and t.reasons[pattern]:
        return (
            f"An equally strong case ({t.reasons[pattern][0]}); {best} is preferred because it "
            "needs less re-organisation."
        )
    if t.against[pattern]:
        return t.against[pattern][0]
    if t.reasons[pattern]:
        return f"A weaker case than {best}: {t.reasons[pattern][0]}"
    return f"Nothing in the answers or team facts points to it over {best}."


def google_implementation(signals: Signals, heavy_load: bool) -> str:
    """Which of Google's SRE team implementations fits a separate team [G-org]."""
    sres = signals.team.sre_count or 0
    teams = signals.team.teams_in_org or 0
    if sres < SEPARATE_MIN_SRES * 2 or teams < 10:
        return (
            "kitchen-sink: the first SRE team, covering all services with a clear charter; "
            "split it once the scope outgrows it"
        )
    if heavy_load:
        return (
            "product/application: an SRE team dedicated to this team's services, which carry heavy "
            "interrupt load and need reliability work of their own"
        )
    weak_area, weak_score = signals.weakest(TOOLING_DOMAINS) or ("", 100.0)
    if weak_area in ("iac", "release") and weak_score < 50:
        return "infrastructure: an SRE team for the shared infrastructure and production standards as code"
    if weak_area in ("observability", "toil") and weak_score < 50:
        return "tools: an SRE team that builds the reliability tooling the other teams use"
    return "product/application: an SRE team dedicated to this team's critical user-facing services"


def anti_patterns(signals: Signals, best: PatternId, heavy_load: bool) -> list[AntiPattern]:
    found: list[AntiPattern] = []
    team = signals.team
    slo = signals.domain_scores.get("slo")
    toil = signals.domain_scores.get("toil")
    # Only when there are enough SREs to have reached this team (about one per
    # three teams); otherwise the gaps say nothing about what the SREs do.
    sres_reach_team = bool(team.sre_count) and (
        team.teams_in_org is None or (team.sre_count or 0) * 3 >= team.teams_in_org
    )
    if sres_reach_team and slo is not None and toil is not None and max(slo, toil) < WEAK_OVERALL:
        found.append(
            AntiPattern(
                id="fake-sre",
                title="SRE in name only",
                why=f"The organisation has {team.sre_count} SRE(s), enough to have reached this team, "
                f"yet there are hardly any SLOs (SLOs {_fmt(slo)}/100) and toil dominates (toil "
                f"{_fmt(toil)}/100). Check what the SREs spend their time on: operations work renamed "
                "SRE, without the engineering practice, is DevOps Topologies Anti-Type H.",
            )
        )
    overall = signals.overall
    if (
        overall is not None
        and overall < WEAK_OVERALL
        and (best == "separate" or (team.sre_count or 0) >= SEPARATE_MIN_SRES)
    ):
        found.append(
            AntiPattern(
                id="separate-without-maturity",
                title="A separate SRE team without the engineering maturity it needs",
                why=f"At {_fmt(overall)}/100 the teams cannot yet hand over supportable services; an SRE "
                "team here becomes the old operations silo (DevOps Topologies Type 7 prerequisites).",
            )
        )
    pages = team.pages_per_week
    if heavy_load and pages is not None:
        found.append(
            AntiPattern(
                id="on-call-overload",
                title="On-call overload",
                why=f"{pages:g} pages a week is about {pages / 7:.1f} a day for whoever holds the pager; "
                "beyond about two a day people stop investigating and start clicking through, and then "
                "they leave.",
            )
        )
    rotation = team.on_call_engineers
    if rotation is not None and 0 < rotation < SMALL_ROTATION:
        found.append(
            AntiPattern(
                id="rotation-too-small",
                title="On-call rotation too small",
                why=f"{rotation} people share on-call: each is on call one week in {rotation}, which is "
                "not sustainable and leaves no cover for holidays or illness (about 8 people are needed "
                "for round-the-clock cover on one site).",
            )
        )
    if rotation == 0 and (team.services or 0) > 0:
        found.append(
            AntiPattern(
                id="nobody-on-call",
                title="Services with nobody on call",
                why=f"The team runs {team.services} production service(s) with nobody on call: "
                "someone else carries the pager, or no one does (DevOps Topologies Anti-Type C).",
            )
        )
    return found
