"""Team-topology advice: how reliability work should be organised for this team.

The decision has two stages, each in one table below with the source of every rule:

1. **Preconditions** (``GATES``): what the literature says a pattern needs before it can work
   at all (an SRE team needs a rotation's worth of SREs, teams mature enough to hand their
   services over, and services that meet an onboarding bar; a platform needs enough teams
   sharing the need; ...). A pattern whose preconditions fail is out, and its "why not" names
   the precondition. A shortfall of SREs never rules a pattern in or out: it is named as
   hires (``hire``), so headcount is a precondition for *staffing* a setup, never evidence for
   choosing it.
2. **Preference** (``RULES``) among the patterns whose preconditions hold: each rule that
   fires adds or removes points and a sentence naming the score, answer or team fact behind
   it. The most points win; a tie goes to today's setup while it is within its time box, else
   to the lighter setup (less re-organisation).

Confidence comes from the evidence, not from the rules: how many questions have a definite
answer, which team facts are missing, whether the questionnaire says what its domains
measure, and whether the open answers could change the outcome. With too little evidence the
advice says so and gives the lightest setup.

Sources (``SOURCES``; README "How the topology advice is derived" has the decision table):
the talk this project grew from; *Site Reliability Engineering* (Google, 2016) ch. 1, 5, 11,
30 and 32; *The Site Reliability Workbook* (2018) ch. 18 and 20; Google Cloud blog "How SRE
teams are organized, and how to get started" (2019); Google CRE life lessons (2017);
DevOps Topologies (Type 5 and 7, Anti-Types A, B, C and H); Skelton & Pais, *Team
Topologies* (2019); DORA, *Accelerate State of DevOps* (2024). Numbers marked "our
judgement" are not from a source, and say so where they are used.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Literal

from assess.engine.readings import Area, Readings, Span
from assess.models import (
    AdviceEvidence,
    Alternative,
    AntiPattern,
    Candidate,
    GateCheck,
    Headcount,
    PatternId,
    Reason,
    Topology,
)
from assess.models.assessment import GateState
from assess.words import agrees, counted

PATTERNS: tuple[PatternId, ...] = ("within-team", "embedded", "enabling", "platform", "separate")
NAMES: dict[str, str] = {
    "within-team": "reliability within the team",
    "embedded": "an embedded SRE",
    "enabling": "an enabling SRE team",
    "platform": "a platform team",
    "separate": "a separate SRE team",
    "none": "no deliberate setup",
}

SOURCES: dict[str, str] = {
    "talk": "the talk this project grew from: a small nimble team that knows reliability needs no "
    "separate team; a team that lacks the skills should embed an SRE; a separate team when there is enough "
    "to build to keep it busy; start with the practice, not the headcount",
    "SRE1": "Site Reliability Engineering ch. 1: operational work capped at 50 %, excess handed back to the "
    "developers; at most 2 events per 8-12 hour on-call shift, fewer than 1 wastes the on-call engineer",
    "SRE5": "Site Reliability Engineering ch. 5: toil grows with the service; keep it under half the time",
    "SRE11": "Site Reliability Engineering ch. 11: on call at most 25 % of the time; primary and secondary "
    "on week-long shifts need 8 people on one site or 6 per site on two; an incident takes about 6 hours of "
    "follow-up, so at most 2 incidents per 12-hour shift",
    "SRE30": "Site Reliability Engineering ch. 30: embed one SRE, temporarily, to recover a team from "
    "operational overload; first goals an SLO and sorting the fires into toil and real problems",
    "SRE32": "Site Reliability Engineering ch. 32: SRE engages through production readiness reviews",
    "WB18": "The Site Reliability Workbook ch. 18: engagement model, onboarding and disengaging",
    "WB20": "The Site Reliability Workbook ch. 20: SRE practices without SREs; 'SRE needs SLOs with "
    "consequences'",
    "G-org": "Google Cloud blog, How SRE teams are organized (2019): kitchen sink, infrastructure, tools, "
    "product/application, embedded, consulting",
    "CRE": "Google CRE life lessons (2017): an SRE team onboards a service against agreed criteria, and "
    "'takes the pager for a spin' first",
    "DOT": "DevOps Topologies: Type 7 (SRE team) fits only high engineering and organisational maturity and "
    "slides into Anti-Type A (Dev and Ops silos) when told to just deploy; Anti-Type B (a silo is healthy "
    "only when temporary, 12-18 months, Type 5); Anti-Type C (Dev don't need Ops); Anti-Type H (fake SRE)",
    "TT": "Team Topologies: teams of 5-9 people; cognitive load; stream-aligned, enabling and platform "
    "teams; collaboration, facilitating and X-as-a-Service are temporary, deliberate choices",
    "DORA": "DORA, Accelerate State of DevOps 2024: platforms raise team productivity but dip throughput "
    "and stability at first; treat the platform as a product",
    "ours": "our own judgement (no source gives this number)",
}

# ---- thresholds: each with its source; "our judgement" where there is none ----------------
WEAK = 40.0  # below: level 2 or lower, practices absent or ad hoc (the level bands of scoring.py)
MATURE = 60.0  # level 4 "Managed": our reading of DevOps Topologies' "high engineering maturity" [DOT]
SLO_BAR = 60.0  # SLO practice at level 4: SLOs in use, with consequences [WB20]; the level is our judgement
BUDGET_POLICY_BAR = 0.75  # the error-budget-policy answer: a written policy, agreed [WB20]
ONCALL_BAR = 50.0  # on-call health an SRE team looks for before taking a pager: our judgement [WB18] [CRE]
READINESS_BAR = 0.75  # the readiness-review answer: a review that can block a launch [SRE32]
PAGES_BAR = 0.5  # the actionable-pages answer: pages mostly on user-visible symptoms [CRE]
SHIFTS_PER_WEEK = 14  # 12-hour shifts in a week of round-the-clock cover [SRE11]
INCIDENTS_PER_SHIFT = 2.0  # the most an on-call engineer can follow up properly [SRE1] [SRE11]
QUIET_PER_SHIFT = 1.0  # fewer events than this per shift wastes an on-call engineer's time [SRE1]
ROTATION_ONE_SITE = 8  # primary + secondary, week-long shifts, on call 25 % at most [SRE11]
ROTATION_PER_SITE = 6  # the same on two sites [SRE11]
ONCALL_SHARE = 0.25  # the most of anyone's time on call [SRE11]
TEAM_MIN, TEAM_MAX = 5, 9  # a team is about 5 to 9 people [TT]
SERVICES_PER_ENGINEER = 2.0  # more production services per engineer is too much to know well: ours [TT]
PLATFORM_TEAMS = 6  # a platform team (5-9 people) pays off only with enough customers: ours (README)
ENABLING_TEAMS = 4  # an enabling team needs several teams to coach in turn: ours [TT]
SMALL_ORG = 3  # at most this many teams: start with the practice, not headcount: ours [talk]
EMBED_MONTHS = 6  # about 3 months hands-on and 3 stepping out: ours; time-bounded [G-org] [SRE30]
FACILITATING_MONTHS = 12  # a temporary team should end within 12-18 months [DOT]; facilitating [TT]
ENOUGH_EVIDENCE = 0.5  # below this share of definite answers, no structure is recommended: ours
ROBUST_LIMIT = 8  # at most this many open conditions are tried both ways; more counts as "could change"

MODES: dict[PatternId, Literal["none", "collaboration", "facilitating", "x-as-a-service"]] = {
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
    "separate": "hand the team's services to a dedicated SRE team that runs them (X-as-a-Service)",
}

FOR_THIS_TEAM: dict[PatternId, str] = {
    "within-team": "Its own practice: the team keeps owning its reliability, with a named reliability "
    "champion and time reserved for reliability work.",
    "embedded": "An embedded SRE: one SRE works inside the team for about 3 months, then steps out to "
    "coaching for about 3 more.",
    "enabling": "Coaching: an enabling (consulting) SRE team works with the team for 6-12 weeks on its "
    "practice gaps, then moves on to the next team.",
    "platform": "A platform's services: the shared tooling the team needs, used as a service instead of "
    "built and run by the team itself.",
    "separate": "Handing its services to an SRE team, once they pass a production readiness review; the team "
    "keeps building them.",
}

# What the team stops doing under each setup, as phrases that follow "Stop" (page 1 of the report
# lists them with the stops of the first month's actions). Reliability within the team changes no
# structure, so it stops nothing on its own account.
STOPS: dict[PatternId, tuple[str, ...]] = {
    "within-team": (),
    # Google: the embedded SRE works on the team's own backlog, hands-on [G-org] [SRE30].
    "embedded": (
        "fitting reliability work into the gaps between feature work: the top risks go into the team's "
        "backlog and are worked with the embedded SRE",
    ),
    # Team Topologies: an enabling team brings the practice; the team adopts it and stays the owner [TT].
    "enabling": ("working out each reliability practice alone: the coaching brings it, the team adopts it",),
    # Team Topologies: a platform takes shared tooling off the teams' cognitive load [TT].
    "platform": (
        "building and running its own copies of the shared tooling (deploys, infrastructure, paging, "
        "dashboards) once the platform offers them",
    ),
    # SRE book ch. 32: an SRE team takes the pager after a readiness review [SRE32].
    "separate": ("carrying the pager for the services the SRE team takes over, once they pass its review",),
}


# ---- what the rules read -------------------------------------------------------------------


def _months(since: dt.date | None, at: dt.date | None) -> float | None:
    if since is None or at is None or since > at:
        return None
    return (at - since).days / 30.44


@dataclass(frozen=True)
class Facts:
    """The team facts, and what the rules derive from them (fixed: no answer changes them)."""

    engineers: int | None
    services: int | None
    teams: int | None
    sres: int | None
    rotation: int | None
    pages: float | None
    incidents: float | None
    current: str | None
    since: dt.date | None
    months: float | None
    shift_signal: bool  # the questionnaire asks how many incidents a shift brings
    critical: bool = False  # the business rates the services high or critical (the answers' context)

    @staticmethod
    def of(r: Readings) -> Facts:
        t = r.team
        return Facts(
            engineers=t.engineers,
            services=t.services,
            teams=t.teams_in_org,
            sres=t.sre_count,
            rotation=t.on_call_engineers,
            pages=t.pages_per_week,
            incidents=t.incidents_per_week,
            current=t.current_setup,
            since=t.setup_since,
            months=_months(t.setup_since, r.assessed_at),
            shift_signal="shift-load" in r.signals,
            critical=r.criticality in ("high", "critical"),
        )

    @property
    def incidents_per_shift(self) -> float | None:
        return None if self.incidents is None else self.incidents / SHIFTS_PER_WEEK

    @property
    def pages_per_shift(self) -> float | None:
        return None if self.pages is None else self.pages / SHIFTS_PER_WEEK

    @property
    def overloaded(self) -> bool | None:
        """Beyond 2 incidents per 12-hour shift; pages stand in (as an upper bound) when incidents
        are not counted. None: the facts do not say."""
        if self.incidents is not None:
            return self.incidents / SHIFTS_PER_WEEK > INCIDENTS_PER_SHIFT
        if self.pages is not None:
            return self.pages / SHIFTS_PER_WEEK > INCIDENTS_PER_SHIFT
        return None

    @property
    def load_within_bound(self) -> bool | None:
        """Both counts that were given stay within 2 per shift; None when neither was given."""
        given = [v for v in (self.incidents, self.pages) if v is not None]
        if not given:
            return None
        return all(v / SHIFTS_PER_WEEK <= INCIDENTS_PER_SHIFT for v in given)

    @property
    def noisy(self) -> bool:
        """More pages than the shift bound while the incidents stay within it: the excess is noise."""
        return (
            self.incidents is not None
            and self.pages is not None
            and self.incidents / SHIFTS_PER_WEEK <= INCIDENTS_PER_SHIFT < self.pages / SHIFTS_PER_WEEK
        )

    @property
    def services_per_engineer(self) -> float | None:
        if self.services is None or not self.engineers:
            return None
        return self.services / self.engineers

    @property
    def cognitive_overload(self) -> bool:
        spe = self.services_per_engineer
        return spe is not None and spe > SERVICES_PER_ENGINEER

    @property
    def no_sre(self) -> bool:
        return self.sres == 0

    def overdue(self, pattern: str) -> bool:
        if self.current != pattern or self.months is None:
            return False
        bound = {"embedded": EMBED_MONTHS, "enabling": FACILITATING_MONTHS}.get(pattern)
        return bound is not None and self.months > bound


@dataclass(frozen=True)
class Conditions:
    """Every score-based condition the rules test, as booleans. Each may be open (the open answers
    could make it either way); ``possible`` lists which, for the robustness check."""

    weak: bool  # overall below WEAK
    practice_weak: bool  # the practice areas below WEAK on average (the overall, without roles)
    mature: bool  # overall at MATURE or above
    even: bool  # no area below WEAK
    practice_gap: bool  # a practice area below WEAK
    tooling_gap: bool  # a tooling area below WEAK
    skills_first: bool  # practice areas no better than tooling areas, on average
    slo_at_bar: bool  # SLO practice at SLO_BAR, with a written error budget policy where asked
    oncall_at_bar: bool  # on-call health at ONCALL_BAR
    slo_weak: bool  # SLO practice below WEAK
    toil_weak: bool  # toil below WEAK
    toil_shared: bool  # other teams repeat the same toil (shared-toil 0.5 or less)
    toil_repeated: bool  # most teams repeat it on their own (shared-toil 0.25 or less)
    readiness_ok: bool  # readiness reviews that can block a launch (true where not asked)
    pages_actionable: bool  # pages mostly actionable (true where not asked)
    shift_overloaded: bool  # the shift-load answer: most shifts bring more than two incidents
    shift_within_bound: bool  # the shift-load answer: usually two or fewer


Possible = frozenset[bool]
BOTH: Possible = frozenset((True, False))


def _one(value: bool) -> Possible:
    return frozenset((value,))


def _below(span: Span | None, bar: float, known: bool = False) -> tuple[bool, Possible]:
    """Below ``bar`` as scored (unsure as the lowest answer); with ``known``, only when every way
    the open answers could go is below it (an unsure answer is unknown, not a claim)."""
    if span is None:
        return False, _one(False)
    nominal = span.value is not None and (span.high if known else span.value) < bar
    possible = {v for v, ok in ((True, span.low < bar), (False, span.high >= bar)) if ok}
    return nominal, frozenset(possible)


def _at_least(span: Span | None, bar: float, absent: bool = False) -> tuple[bool, Possible]:
    if span is None:
        return absent, _one(absent)
    nominal = span.value is not None and span.value >= bar
    possible = {v for v, ok in ((True, span.high >= bar), (False, span.low < bar)) if ok}
    return nominal, frozenset(possible)


def _any_below(areas: list[Area], bar: float) -> tuple[bool, Possible]:
    nominal = any(a.span.value is not None and a.span.value < bar for a in areas)
    possible = set()
    if any(a.span.low < bar for a in areas):
        possible.add(True)
    if all(a.span.high >= bar for a in areas):
        possible.add(False)
    return nominal, frozenset(possible)


def _not(p: tuple[bool, Possible]) -> tuple[bool, Possible]:
    return not p[0], frozenset(not v for v in p[1])


def _and(a: tuple[bool, Possible], b: tuple[bool, Possible]) -> tuple[bool, Possible]:
    possible = set()
    if True in a[1] and True in b[1]:
        possible.add(True)
    if False in a[1] or False in b[1]:
        possible.add(False)
    return a[0] and b[0], frozenset(possible)


def _no_more_than(a: Span | None, b: Span | None) -> tuple[bool, Possible]:
    if a is None or b is None:
        return False, _one(False)
    nominal = a.value is not None and b.value is not None and a.value <= b.value
    possible = {v for v, ok in ((True, a.low <= b.high), (False, a.high > b.low)) if ok}
    return nominal, frozenset(possible)


def conditions(r: Readings) -> tuple[Conditions, dict[str, Possible]]:
    """The conditions as scored, and the values each could take if the open answers went either way."""
    signal = r.signals.get
    found = {
        "weak": _below(r.overall, WEAK),
        "practice_weak": _below(r.kind_span("practice") if r.of_kind("practice") else r.overall, WEAK),
        "mature": _at_least(r.overall, MATURE),
        "even": _not(_any_below(list(r.areas), WEAK)),
        "practice_gap": _any_below(r.of_kind("practice"), WEAK),
        "tooling_gap": _any_below(r.of_kind("tooling"), WEAK),
        "skills_first": _no_more_than(r.kind_span("practice"), r.kind_span("tooling")),
        "slo_at_bar": _and(
            _at_least(r.topic("slo"), SLO_BAR),
            _at_least(signal("error-budget-policy"), BUDGET_POLICY_BAR, absent=True),
        ),
        "oncall_at_bar": _at_least(r.topic("oncall"), ONCALL_BAR),
        "slo_weak": _below(r.topic("slo"), WEAK),
        "toil_weak": _below(r.topic("toil"), WEAK),
        "toil_shared": _not(_at_least(signal("shared-toil"), 0.5 + 1e-9, absent=True)),
        "toil_repeated": _not(_at_least(signal("shared-toil"), 0.25 + 1e-9, absent=True)),
        "readiness_ok": _at_least(signal("readiness-review"), READINESS_BAR, absent=True),
        "pages_actionable": _at_least(signal("actionable-pages"), PAGES_BAR, absent=True),
        "shift_overloaded": _below(signal("shift-load"), 0.25, known=True),
        "shift_within_bound": _at_least(signal("shift-load"), 0.5),
    }
    # "weak" and "mature" cannot both hold; dropping that pair keeps every real outcome.
    nominal = Conditions(**{k: v[0] for k, v in found.items()})
    return nominal, {k: v[1] | {v[0]} for k, v in found.items()}


# Derived conditions, shared by gates, rules and warnings.
def overloaded(c: Conditions, f: Facts) -> bool:
    """On-call beyond 2 incidents per shift: from the facts, else from the shift-load answer."""
    by_facts = f.overloaded
    return c.shift_overloaded if by_facts is None else by_facts


def load_within_bound(c: Conditions, f: Facts) -> bool:
    by_facts = f.load_within_bound
    return c.shift_within_bound if by_facts is None else by_facts


def fake_sre(c: Conditions, f: Facts) -> bool:
    """The organisation has SREs, yet this team's SLO and toil areas are both weak [DOT Anti-Type H]."""
    return bool(f.sres) and c.slo_weak and c.toil_weak


def _start_small(f: Facts) -> bool:
    """No SRE and at most SMALL_ORG teams: start with the methodology, without the extra people [talk]."""
    return f.no_sre and f.teams is not None and f.teams <= SMALL_ORG


def middling(c: Conditions) -> bool:
    return not c.weak and not c.mature


# ---- stage 1: preconditions ------------------------------------------------------------------

HOLDS: GateState = "holds"
FAILS: GateState = "fails"
HIRE: GateState = "hire"


@dataclass(frozen=True)
class Gate:
    id: str
    pattern: PatternId
    test: Callable[[Conditions, Facts], GateState]
    source: str
    hires: Callable[[Facts], int] = lambda f: 0


def _sre_gate(needed: int) -> Callable[[Conditions, Facts], GateState]:
    return lambda c, f: HOLDS if f.sres is not None and f.sres >= needed else HIRE


def _teams_gate(minimum: int) -> Callable[[Conditions, Facts], GateState]:
    return lambda c, f: HOLDS if f.teams is not None and f.teams >= minimum else FAILS


GATES: tuple[Gate, ...] = (
    # embedded: an SRE to embed, or a hire [G-org: usually one SRE per team] [SRE30: one is enough]
    Gate("embedded.sre", "embedded", _sre_gate(1), "G-org SRE30", hires=lambda f: 0 if f.sres else 1),
    # enabling: several teams to coach in turn [TT; number: ours], a practice gap to coach [TT],
    # and someone to coach [G-org: one or two part-time consultants before a first SRE team]
    Gate("enabling.teams", "enabling", _teams_gate(ENABLING_TEAMS), "TT ours"),
    Gate("enabling.practice-gap", "enabling", lambda c, f: HOLDS if c.practice_gap else FAILS, "TT"),
    Gate("enabling.staff", "enabling", _sre_gate(1), "G-org", hires=lambda f: 0 if f.sres else 1),
    # platform: enough teams for a platform team to pay off [number: ours], and something for it to
    # take: toil other teams repeat [SRE5] or more services than the team can know well [TT]
    Gate("platform.teams", "platform", _teams_gate(PLATFORM_TEAMS), "TT ours"),
    Gate(
        "platform.need",
        "platform",
        lambda c, f: HOLDS if c.toil_shared or f.cognitive_overload else FAILS,
        "TT SRE5",
    ),
    # separate: a rotation's worth of SREs [SRE11] (a shortfall is named as hires, never decides),
    # high maturity engaged through SLOs [DOT Type 7] [WB20], services that meet an onboarding bar
    # [SRE32] [CRE] [WB18], and no open question about what the SREs do [DOT Anti-Type H]
    Gate(
        "separate.headcount",
        "separate",
        _sre_gate(ROTATION_ONE_SITE),
        "SRE11",
        hires=lambda f: max(0, ROTATION_ONE_SITE - (f.sres or 0)),
    ),
    Gate(
        "separate.maturity",
        "separate",
        lambda c, f: HOLDS if c.mature and c.slo_at_bar else FAILS,
        "DOT WB20",
    ),
    Gate(
        "separate.onboarding",
        "separate",
        lambda c, f: (
            HOLDS
            if load_within_bound(c, f) and c.oncall_at_bar and c.readiness_ok and c.pages_actionable
            else FAILS
        ),
        "SRE32 CRE WB18 SRE11",
    ),
    Gate("separate.not-fake", "separate", lambda c, f: FAILS if fake_sre(c, f) else HOLDS, "DOT"),
)


# ---- stage 2: preference among the patterns whose preconditions hold ---------------------------


@dataclass(frozen=True)
class Rule:
    id: str
    pattern: PatternId
    points: float
    when: Callable[[Conditions, Facts], bool]
    source: str


RULES: tuple[Rule, ...] = (
    # Skills: who should build the practices [talk] [G-org embedded: "start SRE for the first time"]
    Rule(
        "weak.embedded",
        "embedded",
        3,
        lambda c, f: c.weak and c.practice_weak and not _start_small(f),
        "talk G-org",
    ),
    Rule(
        "weak.within",
        "within-team",
        -2,
        lambda c, f: c.weak and c.practice_weak and not _start_small(f),
        "talk",
    ),
    Rule("mature.within", "within-team", 3, lambda c, f: c.mature and c.even, "talk WB20"),
    Rule("mature-uneven.within", "within-team", 1, lambda c, f: c.mature and not c.even, "talk"),
    # (not while an SRE team runs the services: handing them back goes through an embedded SRE [SRE30])
    Rule("mature.embedded", "embedded", -2, lambda c, f: c.mature and f.current != "separate", "talk"),
    Rule("base.within", "within-team", 1, lambda c, f: middling(c), "WB20"),
    # Skills gap versus tooling gap [TT enabling and platform teams] [G-org consulting]
    Rule(
        "practice-gap.enabling",
        "enabling",
        2,
        lambda c, f: not c.weak and c.practice_gap and c.skills_first,
        "TT G-org",
    ),
    Rule("practice-gap.embedded", "embedded", 1, lambda c, f: c.practice_gap and not c.mature, "G-org"),
    Rule("tooling-gap.platform", "platform", 1, lambda c, f: not c.practice_weak and c.tooling_gap, "TT"),
    # Work a platform takes off many teams at once [TT] [SRE5]
    Rule("shared-toil.platform", "platform", 1, lambda c, f: c.toil_shared, "TT SRE5"),
    Rule("repeated-toil.platform", "platform", 2, lambda c, f: c.toil_repeated, "SRE5"),
    Rule("cognitive-load.platform", "platform", 2, lambda c, f: f.cognitive_overload, "TT ours"),
    Rule("cognitive-load.within", "within-team", -2, lambda c, f: f.cognitive_overload, "TT ours"),
    # On-call load: cut it with an embedded SRE first, never by handing the pager over [SRE30] [SRE1]
    Rule("overload.embedded", "embedded", 5, lambda c, f: overloaded(c, f), "SRE30 WB18"),
    Rule("overload.within", "within-team", -2, lambda c, f: overloaded(c, f), "SRE1 SRE11"),
    Rule("overload.enabling", "enabling", -1, lambda c, f: overloaded(c, f), "SRE30"),
    Rule("noise.embedded", "embedded", 2, lambda c, f: f.noisy, "SRE30 SRE1"),
    Rule(
        "unactionable.embedded",
        "embedded",
        2,
        lambda c, f: (
            not f.noisy and not c.pages_actionable and (f.pages or 0) / SHIFTS_PER_WEEK >= QUIET_PER_SHIFT
        ),
        "SRE30 CRE",
    ),
    # Size of the organisation: start with the practice, not the headcount [talk] [G-org]
    Rule(
        "small-org.within",
        "within-team",
        1,
        lambda c, f: f.teams is not None and f.teams <= SMALL_ORG,
        "talk",
    ),
    # No SRE yet: a hire comes first (this only ever lowers SRE-staffed options other than an SRE
    # team, so more SREs never moves a team towards one) [WB20]
    Rule("hire.embedded", "embedded", -1, lambda c, f: f.no_sre, "WB20 ours"),
    Rule("hire.enabling", "enabling", -1, lambda c, f: f.no_sre, "WB20 ours"),
    # Today's setup: interaction modes are deliberate and time-bound [TT]; silos need an end [DOT]
    *(
        Rule(f"keep.{p}", p, 1, lambda c, f, p=p: f.current == p and not f.overdue(p), "TT")  # type: ignore[misc]
        for p in PATTERNS
    ),
    Rule(
        "type-7-working.separate",
        "separate",
        3,
        lambda c, f: f.current == "separate" and separate_ready(c, f),
        "DOT SRE32",
    ),
    Rule("overdue.embedded", "embedded", -3, lambda c, f: f.overdue("embedded"), "DOT G-org ours"),
    Rule("overdue.enabling", "enabling", -2, lambda c, f: f.overdue("enabling"), "DOT TT"),
    Rule(
        "hand-back.embedded",
        "embedded",
        2,
        lambda c, f: f.current == "separate" and not separate_ready(c, f),
        "SRE1 SRE30 DOT",
    ),
    # A mature service whose own rotation is too small can go to an SRE rotation [SRE11] [DOT Type 7]
    Rule(
        "rotation.separate",
        "separate",
        1,
        lambda c, f: (
            c.mature
            and c.even
            and f.current != "separate"  # an SRE team's rotation already carries them
            and f.rotation is not None
            and 0 < f.rotation < ROTATION_ONE_SITE
        ),
        "SRE11 DOT",
    ),
)


# Preconditions worth repeating in the rationale when they hold (the rest say what the reasons say).
SHOWN_WHEN_HELD = frozenset(
    ("enabling.teams", "enabling.practice-gap", "platform.teams", "separate.maturity", "separate.onboarding")
)


def separate_ready(c: Conditions, f: Facts) -> bool:
    """Every precondition of an SRE team that is not about headcount holds."""
    return all(g.test(c, f) != FAILS for g in GATES if g.pattern == "separate")


@dataclass(frozen=True)
class Decision:
    eligible: dict[PatternId, bool]
    points: dict[PatternId, float]
    winner: PatternId

    def margin_of(self, pattern: PatternId) -> float:
        """Points ahead of the best other eligible pattern; -inf when not eligible."""
        if not self.eligible[pattern]:
            return float("-inf")
        others = [self.points[p] for p in PATTERNS if p != pattern and self.eligible[p]]
        return self.points[pattern] - max(others) if others else float("inf")


TOO_LARGE_CONFIDENCE = 0.6  # ours: advice for a group larger than a team is tentative [TT]


def decide(c: Conditions, f: Facts) -> Decision:
    eligible = dict.fromkeys(PATTERNS, True)
    for gate in GATES:
        if gate.test(c, f) == FAILS:
            eligible[gate.pattern] = False
    points = dict.fromkeys(PATTERNS, 0.0)
    for rule in RULES:
        if rule.when(c, f):
            points[rule.pattern] += rule.points
    ranked = [p for p in PATTERNS if eligible[p]]  # within-team has no preconditions

    # A tie goes to today's setup while it is within its time box (changing it is a re-organisation
    # of its own [TT]), else to the lighter setup.
    def rank(p: PatternId) -> tuple[float, bool, int]:
        return points[p], f.current == p and not f.overdue(p), -PATTERNS.index(p)

    winner = max(ranked, key=rank)
    return Decision(eligible, points, winner)


def robust_margin(c: Conditions, possible: dict[str, Possible], f: Facts, winner: PatternId) -> float:
    """The smallest margin of ``winner`` over every way the open conditions could go (0 or less:
    the open answers could change the advice). Trying more combinations than ROBUST_LIMIT open
    conditions allows counts as 'could change'."""
    open_names = [name for name, values in possible.items() if values == BOTH]
    if len(open_names) > ROBUST_LIMIT:
        return 0.0
    worst = float("inf")
    for values in itertools.product((True, False), repeat=len(open_names)):
        case = replace(c, **dict(zip(open_names, values, strict=True)))
        if case.weak and case.mature:
            continue
        worst = min(worst, decide(case, f).margin_of(winner))
        if worst <= 0:
            return 0.0
    return worst


# ---- words ----------------------------------------------------------------------------------


def _n(value: float) -> str:
    return f"{value:.0f}"


def _mostly_unsure(span: Span) -> bool:
    """Mostly unsure: shown as unknown rather than as a score."""
    return span.value is None or bool(span.total and span.unsure * 2 >= span.total)


def score(span: Span | None) -> str:
    """A score for the rationale, with how much of it is unknown."""
    if span is None:
        return "not asked"
    if span.value is None:
        return "unknown (no answer scored)"
    if _mostly_unsure(span):
        return f"unknown ({span.unsure} of {span.total} answers unsure)"
    text = f"{_n(span.value)}/100"
    if span.unsure:
        text += f" ({span.unsure} unsure)"
    return text


def _area(area: Area) -> str:
    return f"{area.title} {score(area.span)}"


def _weakest(areas: list[Area], n: int = 1) -> list[Area]:
    scored = [a for a in areas if a.span.value is not None]
    return sorted(scored, key=lambda a: a.span.value or 0.0)[:n]


def _is_below(area: Area, bar: float) -> bool:
    return area.span.value is not None and area.span.value < bar


def _weakest_text(areas: list[Area], n: int = 2) -> str:
    return " and ".join(_area(a) for a in _weakest(areas, n)) or "no area scored"


def _per_shift(value: float) -> str:
    return f"{value / SHIFTS_PER_WEEK:.1f} per 12-hour shift"


def load_text(f: Facts) -> str:
    """The on-call load in the sources' unit: per 12-hour shift, incidents rather than pages."""
    parts = []
    if f.incidents is not None:
        parts.append(f"{counted(f.incidents, 'incident')} a week, {_per_shift(f.incidents)}")
    if f.pages is not None:
        parts.append(f"{counted(f.pages, 'page')} a week, {_per_shift(f.pages)}")
    if not parts:
        return "most shifts bringing more than two incidents, by the shift-load answer"
    return " and ".join(parts)


def _signal(r: Readings, signal: str) -> str:
    answers = r.signal_answers.get(signal)  # type: ignore[call-overload]
    return "; ".join(f"\u201c{a}\u201d" for a in answers) if answers else "not asked"


def _sres(f: Facts) -> str:
    return "an unknown number of SREs" if f.sres is None else counted(f.sres, "SRE")


def _teams(f: Facts) -> str:
    return "an unknown number of teams" if f.teams is None else counted(f.teams, "team")


def _since(f: Facts) -> str:
    if f.since is None:
        return ""
    if f.months is None:
        return f" since {f.since.isoformat()}"
    return f" since {f.since.isoformat()} (about {counted(round(f.months), 'month')})"


def _services(f: Facts) -> str:
    spe = f.services_per_engineer
    assert spe is not None and f.services is not None and f.engineers is not None
    return f"{counted(f.services, 'service')} for {counted(f.engineers, 'engineer')} ({spe:.1f} each)"


def gate_text(gate: Gate, state: GateState, r: Readings, f: Facts, c: Conditions) -> str:
    overall = score(r.overall)
    slo = r.topic("slo")
    g = gate.id
    if g == "embedded.sre":
        if state == HOLDS:
            return f"The organisation has {_sres(f)}, so one can be embedded without hiring."
        if f.sres is None:
            return "SRE headcount not given: if there is no SRE to embed, one must be hired first."
        return (
            "The organisation has no SRE to embed: one must be hired first, or an engineer with operations "
            "experience moved into the role."
        )
    if g in ("enabling.teams", "platform.teams"):
        minimum = ENABLING_TEAMS if g == "enabling.teams" else PLATFORM_TEAMS
        what = "an enabling team" if g == "enabling.teams" else "a platform team"
        if f.teams is None:
            return f"The number of teams in the organisation is not given; {what} needs at least {minimum}."
        if state == HOLDS:
            if g == "enabling.teams":
                return f"With {_teams(f)} in the organisation, an enabling team can coach several in turn."
            return (
                f"With {_teams(f)} in the organisation, a platform team of {TEAM_MIN}-{TEAM_MAX} people has "
                "enough customers to save more than it costs."
            )
        if g == "enabling.teams":
            return (
                f"With {_teams(f)} in the organisation there are too few teams for an enabling team (it "
                f"needs at least {ENABLING_TEAMS} to coach in turn); "
                + (
                    "one SRE advocate coaching part-time does the job."
                    if f.sres
                    else "a first SRE, when there is one, can coach part-time."
                )
            )
        return (
            f"With {_teams(f)} in the organisation a platform team has too few customers: a team of "
            f"{TEAM_MIN}-{TEAM_MAX} people would cost more than it saves (it needs at least {PLATFORM_TEAMS} "
            "teams); shared scripts owned by one team are enough."
        )
    if g == "enabling.practice-gap":
        practice = r.of_kind("practice")
        if not practice:
            return (
                "No domain of this questionnaire is marked as a practice (advice kind), so there is no "
                "practice gap an enabling team could be shown to coach."
            )
        weak = [a for a in practice if a.span.value is not None and a.span.value < WEAK]
        if state == HOLDS:
            return "There is a practice to coach: " + ", ".join(_area(a) for a in _weakest(weak, 2)) + "."
        weakest = _weakest(practice)
        if not weakest:
            return "No practice area could be scored, so no practice gap is shown."
        return (
            f"No practice area is weak enough to need coaching: the weakest, {_area(weakest[0])}, is at or "
            f"above {_n(WEAK)}."
        )
    if g == "enabling.staff":
        if state == HOLDS:
            return f"Coaching needs one or two experienced SREs part-time; the organisation has {_sres(f)}."
        return (
            "There is no SRE to coach with: one or two must be hired first (Google suggests one or two "
            "part-time consultants before any SRE team)."
        )
    if g == "platform.need":
        have = []
        shared = r.signal_answers.get("shared-toil")
        if state == HOLDS:
            if c.toil_shared:
                have.append(f"other teams repeat the same toil ({_signal(r, 'shared-toil')})")
            if f.cognitive_overload:
                have.append(f"{_services(f)} is more than a team can know well")
            return "There is work for a platform to take: " + "; and ".join(have) + "."
        text = "Nothing a platform would take on is shown: "
        text += (
            f"the team does not say other teams repeat its toil ({_signal(r, 'shared-toil')})"
            if shared
            else "this questionnaire does not ask whether other teams repeat the same toil"
        )
        if f.services_per_engineer is not None:
            text += f", and {_services(f)} is within what a team can run"
        tooling = [a for a in r.of_kind("tooling") if a.span.value is not None and a.span.value < WEAK]
        if tooling:
            text += (
                f". The tooling gaps ({_weakest_text(tooling)}) may be shared, but whether other teams have "
                "them too is an organisation-level question (the organisation roll-up compares the teams)"
            )
        return text + "."
    if g == "separate.headcount":
        if state == HOLDS:
            return (
                f"The organisation has {_sres(f)}, enough for a rotation of its own ({ROTATION_ONE_SITE} on "
                f"one site, or {ROTATION_PER_SITE} per site on two)."
            )
        hires = gate.hires(f)
        today = "SRE headcount is not given" if f.sres is None else f"the organisation has {_sres(f)}"
        return (
            f"An SRE team needs a rotation of at least {ROTATION_ONE_SITE} people on one site (or "
            f"{ROTATION_PER_SITE} per site on two); {today}: {counted(hires, 'SRE')} to hire."
        )
    if g == "separate.maturity":
        policy = r.signal_answers.get("error-budget-policy")
        policy_text = f", error budget policy {_signal(r, 'error-budget-policy')}" if policy else ""
        if state == HOLDS:
            return (
                f"Practices are mature enough for a hand-off: overall {overall}, SLOs "
                f"{score(slo)}{policy_text}."
            )
        if slo is None:
            return (
                "This questionnaire marks no domain as holding SLOs (advice topic slo), so the SLO practice "
                "an SRE team engages through cannot be checked."
            )
        need = f"overall {_n(MATURE)} and SLO practice {_n(SLO_BAR)} or more"
        if policy:
            need += ", with a written error budget policy"
        return (
            "An SRE team takes over only from teams with high engineering maturity, engaging through SLOs "
            f"({need}); here overall is {overall} and SLOs {score(slo)}{policy_text}."
        )
    if g == "separate.onboarding":
        bound = f"{_n(INCIDENTS_PER_SHIFT)} incidents per 12-hour shift"
        oncall = r.topic("oncall")
        if state == HOLDS:
            parts = [f"load within {bound}" + (f" ({load_text(f)})" if f.load_within_bound else "")]
            parts.append(f"on-call health {score(oncall)}")
            if "readiness-review" in r.signals:
                parts.append(f"readiness review {_signal(r, 'readiness-review')}")
            if "actionable-pages" in r.signals:
                parts.append(f"paging alerts {_signal(r, 'actionable-pages')}")
            return "The services meet an onboarding bar: " + "; ".join(parts) + "."
        missing = []
        if not load_within_bound(c, f):
            if f.load_within_bound is None and not f.shift_signal:
                missing.append("the on-call load is not known (give incidents_per_week or pages_per_week)")
            elif f.load_within_bound is None:
                missing.append(f"the shift-load answer ({_signal(r, 'shift-load')}) is not within {bound}")
            for count, noun in ((f.incidents, "incident"), (f.pages, "page")):
                if count is not None and count / SHIFTS_PER_WEEK > INCIDENTS_PER_SHIFT:
                    missing.append(f"{counted(count, noun)} a week is {_per_shift(count)}, above {bound}")
        if not c.oncall_at_bar:
            missing.append(
                "on-call health cannot be read (no domain has advice topic oncall)"
                if oncall is None
                else f"on-call health is {score(oncall)} (the bar is {_n(ONCALL_BAR)})"
            )
        if not c.readiness_ok:
            missing.append(f"readiness reviews: {_signal(r, 'readiness-review')}")
        if not c.pages_actionable:
            missing.append(f"paging alerts: {_signal(r, 'actionable-pages')}")
        return (
            "An SRE team takes a pager only once the service meets an onboarding bar (a production "
            "readiness review, then a week of taking the pager for a spin); here " + "; ".join(missing) + "."
        )
    if g == "separate.not-fake":
        if state == HOLDS:
            return "No sign that the organisation's SREs are SREs in name only."
        toil = r.topic("toil")
        text = (
            f"First answer what the organisation's {_sres(f)} work on: this team's SLOs are at {score(slo)} "
            f"and toil at {score(toil)}"
        )
        if _surely_below(slo, WEAK) and _surely_below(toil, WEAK):
            return text + " (see the warning 'SRE in name only?')."
        return text + ", though enough of that is unsure that it may be unknown rather than weak."
    raise KeyError(g)


def _slo_at_bar(r: Readings) -> bool:
    """The SLO practice as scored is at the bar an SRE team asks for (nothing left to write)."""
    slo = r.topic("slo")
    return slo is not None and slo.value is not None and slo.value >= SLO_BAR


def rule_text(rule: Rule, r: Readings, f: Facts) -> str:
    overall = score(r.overall)
    practice, tooling = r.of_kind("practice"), r.of_kind("tooling")
    k = rule.id
    if k == "weak.embedded":
        areas = _weakest_text(list(r.areas))
        return (
            f"Reliability practices are weak overall: {overall}, weakest {areas}. The quickest way to build "
            "them is an SRE working hands-on inside the team."
        )
    if k == "weak.within":
        return f"At {overall} the team does not yet have the practices to carry reliability on its own."
    if k == "mature.within":
        return (
            f"The team already runs its reliability practices well (overall {overall}, weakest area "
            f"{_weakest_text(list(r.areas), 1)}): a team that knows its way around reliability needs no "
            "dedicated SRE."
        )
    if k == "mature-uneven.within":
        return f"Overall maturity is high ({overall}), though {_weakest_text(list(r.areas), 1)} lags."
    if k == "mature.embedded":
        return f"At {overall} the team needs no teaching: what an embedded SRE adds here is hands-on time."
    if k == "base.within":
        return (
            f"Practices are in place but uneven (overall {overall}): a workable base for the team to build "
            "on."
        )
    if k == "practice-gap.enabling":
        p, t = r.kind_span("practice"), r.kind_span("tooling")
        weak = [a for a in practice if a.span.value is not None and a.span.value < WEAK]
        return (
            f"The biggest gaps are practices rather than tools ({_weakest_text(weak)}; practice areas "
            f"{score(p)} against tooling {score(t)} on average): a coach who helps the team build them fits."
        )
    if k == "practice-gap.embedded":
        weakest = _weakest(practice, 1)
        if weakest and _mostly_unsure(weakest[0].span):  # unsure is unknown, never a missing practice
            return (
                f"{_area(weakest[0])}: find out first; if the practice is missing, hands-on help inside "
                "the team builds it fastest."
            )
        return (
            f"{_weakest_text(practice, 1)} is a practice gap; hands-on help inside the team closes it "
            "fastest."
        )
    if k == "tooling-gap.platform":
        weak = [a for a in tooling if _is_below(a, WEAK)] or tooling
        return (
            f"Tooling areas are weak ({_weakest_text(weak)}): shared tooling is built once, used by "
            "many teams."
        )
    if k == "shared-toil.platform":
        return (
            f"The team says other teams repeat the same toil ({_signal(r, 'shared-toil')}): across "
            f"{_teams(f)} that work is best removed once, by a platform offered as a service."
        )
    if k == "repeated-toil.platform":
        return (
            f"Not just some but most teams repeat that toil on their own ({_signal(r, 'shared-toil')}), so a "
            "platform removes it many times over."
        )
    if k == "cognitive-load.platform":
        return (
            f"{_services(f)} is more than a team can know well (cognitive load): a platform can take the "
            "undifferentiated parts (deployment, infrastructure, monitoring) off the team."
        )
    if k == "cognitive-load.within":
        return f"{_services(f)} is too much for the team to carry well alone."
    if k == "overload.embedded":
        first = "hold releases to the error budget" if _slo_at_bar(r) else "write an SLO"
        return (
            f"On-call is overloaded ({load_text(f)}; the limit is {_n(INCIDENTS_PER_SHIFT)} incidents per "
            f"shift): Google's way out is one SRE embedded in the team for a while, to {first}, sort "
            "the pages into toil and real problems, and remove the worst sources."
        )
    if k == "overload.within":
        return (
            f"Left alone with {load_text(f)}, the team has no time for the engineering that would reduce it."
        )
    if k == "overload.enabling":
        return f"Coaching does not take load off the pager ({load_text(f)}); hands-on help does."
    if k == "noise.embedded":
        assert f.pages is not None and f.incidents is not None
        ratio = f.pages / f.incidents if f.incidents else float(f.pages)
        return (
            f"The pager is noisy: {counted(f.pages, 'page')} a week for {counted(f.incidents, 'incident')} "
            f"({ratio:.1f} pages per incident); cutting the noise is hands-on work inside the team."
        )
    if k == "unactionable.embedded":
        return (
            f"{counted(f.pages or 0, 'page')} a week ({_per_shift(f.pages or 0)}) and paging alerts "
            f"{_signal(r, 'actionable-pages')}: pages that are not clearly actionable wear a team out; "
            "making every page actionable is hands-on work inside the team."
        )
    if k == "small-org.within":
        return (
            f"With {_teams(f)} in the organisation, start with the practice inside the team, not with "
            "headcount."
        )
    if k == "hire.embedded":
        return "There is no SRE to embed today: a hire (or an engineer moved into the role) comes first."
    if k == "hire.enabling":
        return "There is no SRE to coach with today: a hire comes first."
    if k.startswith("keep."):
        name = NAMES[rule.pattern][0].upper() + NAMES[rule.pattern][1:]
        when = f" has been in place{_since(f)}" if f.since else " is already in place"
        return f"{name}{when}: changing the setup has a cost of its own."
    if k == "overdue.embedded":
        return (
            f"The SRE has been embedded{_since(f)}, longer than the {EMBED_MONTHS} months an embedding "
            "should last: time to step out to coaching or hand over."
        )
    if k == "overdue.enabling":
        return (
            f"Coaching has run{_since(f)}, longer than the {FACILITATING_MONTHS} months facilitating should "
            "last: the team should run the practice unaided by now, or the gap is not a skills gap."
        )
    if k == "type-7-working.separate":
        return (
            f"An SRE team has run this team's services{_since(f)}, and they still meet its bar "
            "(maturity, SLOs, on-call load): this is DevOps Topologies' Type 7 working as intended."
        )
    if k == "hand-back.embedded":
        return (
            "An SRE team runs this team's services today, but they no longer meet its bar: Google's SRE "
            "teams hand the pager back to the developers until they do, with one SRE embedded to get them "
            "there."
        )
    if k == "rotation.separate":
        return (
            f"The team's own rotation of {counted(f.rotation or 0, 'person', 'people')} is below the "
            f"{ROTATION_ONE_SITE} a sustainable rotation needs, and its services are mature enough to hand "
            "over: an SRE team's rotation could carry them."
        )
    raise KeyError(k)


EVOLUTION: dict[PatternId, list[str]] = {
    "within-team": [
        "Keep SRE as a practice of the team: name a reliability champion and rotate the role.",
        "Reserve engineering time for reliability work (toil under half of operational time).",
        "Revisit this advice when the organisation grows past a handful of teams or on-call brings more "
        "than two incidents a shift: shared tooling then pays off as a platform.",
    ],
    "embedded": [
        "Months 0-3 (collaboration): the SRE works in the team's backlog on the top risks, with exit "
        "criteria agreed up front: an SLO written, the pages sorted into toil and real problems, runbooks "
        "linked from alerts, debriefs scheduled.",
        "Months 3-6 (facilitating): the SRE steps out to coaching a few hours a week while the team runs "
        "the practices itself; afterwards the SRE stays available for design reviews.",
        "After that the team owns its reliability (or, if its services now meet an onboarding bar, hands "
        "them to an SRE team), and the SRE moves on to the next team. An embedding with no end date turns "
        "into a silo.",
    ],
    "enabling": [
        "Engage each team for 6-12 weeks in facilitating mode, with a goal the team can measure.",
        "Move on once the team runs the practice unaided; keep office hours for questions.",
        "Gaps that recur in every team are tooling, not skills: hand them to a platform team as a service.",
    ],
    "platform": [
        "Start with the thinnest viable platform: documented templates and self-service for the shared toil "
        "that costs the most.",
        "Build the first services in collaboration with one or two pilot teams, then offer them "
        "X-as-a-Service with their own SLOs and someone who runs the platform as a product (DORA 2024: "
        "platforms pay off, after a dip in throughput and stability at the start).",
        "Measure adoption and toil removed per team; retire what nobody uses.",
    ],
    "separate": [
        "Agree the SRE team's charter with leadership: what it owns, how services are onboarded (production "
        "readiness review, then a week of taking the pager for a spin) and how they are handed back.",
        "Engage through SLOs: services that blow their error budget get a release freeze and joint work, "
        "not more operations.",
        "Cap operational work at half of the SRE team's time; above that, hand the pager back to the "
        "developers until the load drops.",
        "As scope grows, split the team (infrastructure, tools or product/application SRE) rather than "
        "letting it become a team that does everything.",
    ],
}


def google_implementation(pattern: PatternId, r: Readings, f: Facts) -> str | None:
    """Which of Google's SRE team implementations the advice is [G-org]."""
    if pattern == "embedded":
        return (
            "embedded: one SRE inside the team, hands-on with its code and configuration, for a fixed "
            "period (usually one SRE per team; one is enough, and a second can make the team defensive)"
        )
    if pattern == "enabling":
        return (
            "consulting: experienced SREs who advise and may build tools but rarely change the team's code; "
            "Google staffs one or two part-time consultants before a first SRE team, and a dedicated "
            "consulting team only in a large organisation"
        )
    if pattern == "platform":
        weakest = _weakest(r.of_kind("tooling"))
        topic = weakest[0].topic if weakest else None
        if topic in ("iac", "release"):
            return (
                "infrastructure, if SREs staff it: a team for the shared infrastructure and production "
                "standards as code that the other teams build on"
            )
        if topic in ("observability", "toil"):
            return "tools, if SREs staff it: a team that builds the software other teams use to measure, "
            "maintain and improve reliability"
        return "infrastructure or tools, if SREs staff it (shared services, or the tooling teams use)"
    if pattern == "separate":
        if (f.sres or 0) >= 2 * ROTATION_ONE_SITE and f.critical:
            return (
                "product/application: an SRE team dedicated to one critical user-facing application, "
                "for an organisation that already has SRE teams; the business rates these services "
                "critical"
            )
        if (f.sres or 0) >= 2 * ROTATION_ONE_SITE:
            return (
                "product/application: an SRE team dedicated to one critical user-facing application; it "
                "fits this team if its services are such an application with high reliability needs; "
                "otherwise the organisation's existing SRE team takes them"
            )
        return (
            "kitchen sink: the first SRE team, covering every service that meets the bar, with a charter; "
            "split it into infrastructure, tools or product/application teams once the scope outgrows it"
        )
    return None


def _one_of(f: Facts) -> str:
    return "the organisation's only SRE" if f.sres == 1 else f"one of the organisation's {_sres(f)}"


def headcount(pattern: PatternId, f: Facts) -> Headcount:
    have = f.sres
    if not have:
        available = ""
    elif have == 1:
        available = ": the organisation's only SRE"
    else:
        available = f", from the organisation's {_sres(f)}"
    if pattern == "within-team":
        return Headcount(
            sres_available=have,
            sres_used=0,
            hires=0,
            text="Headcount: no SRE is needed; the team keeps reliability as its own practice.",
            takes="no SRE: the team's own time, with a named reliability champion",
        )
    if pattern in ("embedded", "enabling"):
        used, hires = (1, 0) if have else (0, 1)
        if pattern == "embedded":
            text = (
                f"Headcount: embedding takes {_one_of(f)} for about 3 months hands-on, then a few hours a "
                "week for about 3 more."
                if have
                else "Headcount: one SRE to hire (or an engineer with operations experience moved into the "
                "role), for about 6 months with this team."
            )
            takes = (
                f"1 SRE \u00d7 3 months hands-on, then a few hours a week for 3 more{available}"
                if have
                else "1 SRE \u00d7 6 months, a hire (or an engineer with operations experience moved "
                "into the role)"
            )
            people, months, part_time = [1, 1], 3 if have else 6, False
        else:
            text = (
                "Headcount: one or two experienced SREs part-time, 6-12 weeks with this team and then the "
                f"next; the organisation has {_sres(f)}."
                if have
                else "Headcount: one or two SREs to hire to coach, 6-12 weeks with each team in turn."
            )
            takes = (
                f"1-2 SREs part-time \u00d7 2-3 months{available}"
                if have
                else "1-2 SREs part-time \u00d7 2-3 months, hires"
            )
            people, months, part_time = [1, 2], 3, True
        if have is None:
            text += " SRE headcount was not given: if there is none, this is a hire."
            takes += " (SRE headcount not given: if there is none, a hire)"
        return Headcount(
            sres_available=have,
            sres_used=used,
            hires=hires,
            text=text,
            people=people,
            months=months,
            part_time=part_time,
            takes=takes,
        )
    if pattern == "platform":
        return Headcount(
            sres_available=have,
            sres_used=0,
            hires=0,
            text=f"Headcount: a platform team of {TEAM_MIN}-{TEAM_MAX} engineers for the whole organisation, "
            "not for this team alone; SREs may staff it, but it needs none from this team.",
            people=[TEAM_MIN, TEAM_MAX],
            role="engineer",
            takes=f"a platform team of {TEAM_MIN}-{TEAM_MAX} engineers, ongoing, shared by the whole "
            "organisation; none of them from this team",
        )
    hires = max(0, ROTATION_ONE_SITE - (have or 0))
    text = f"Headcount: an SRE rotation of at least {ROTATION_ONE_SITE}; the organisation has {_sres(f)}"
    text += f": {counted(hires, 'SRE')} to hire." if hires else "."
    takes = f"an SRE rotation of at least {ROTATION_ONE_SITE} SREs, ongoing" + (
        f"{available}: {counted(hires, 'SRE')} to hire" if hires else available
    )
    return Headcount(
        sres_available=have,
        sres_used=min(have or 0, ROTATION_ONE_SITE),
        hires=hires,
        text=text,
        people=[ROTATION_ONE_SITE, ROTATION_ONE_SITE],
        takes=takes,
    )


# ---- anti-patterns ----------------------------------------------------------------------------


def _surely_below(span: Span | None, bar: float) -> bool:
    """Below the bar whatever the open answers are: unsure is unknown, not a missing practice."""
    return span is not None and span.value is not None and span.high < bar


SMALL_TEAM_ONCALL = {
    1: "the one engineer is always on call",
    2: "even as primary alone, each is on call every other week",
    3: "even as primary alone, each is on call every third week",
}


def anti_patterns(
    r: Readings, c: Conditions, f: Facts, enough: bool = True, advised: PatternId | None = None
) -> list[AntiPattern]:
    """Warnings. Those read from scores need enough evidence; those from team facts always speak.
    ``advised``: the setup recommended; when it takes the pager back from an SRE team, the team's
    own rotation matters again."""
    found: list[AntiPattern] = []
    slo, toil = r.topic("slo"), r.topic("toil")
    if enough and fake_sre(c, f) and _surely_below(slo, WEAK) and _surely_below(toil, WEAK):
        works_with = f.current in ("embedded", "enabling", "separate")
        found.append(
            AntiPattern(
                id="fake-sre",
                title="SRE in name only?",
                why=f"Worth checking: the organisation has {_sres(f)}"
                + (", and this team works with them today" if works_with else "")
                + f", yet this team's SLO practice is at {score(slo)} and toil at {score(toil)}. "
                + (
                    "What do the SREs spend their time on here? "
                    if works_with
                    else "Where they work, what do they spend their time on? "
                )
                + "Operations work under a new name, without SLOs or toil reduction, is DevOps Topologies' "
                "Anti-Type H ('fake SRE')."
                + (
                    ""
                    if works_with
                    else " If they have not worked with this team, take this as a reminder "
                    "to start with SLOs and toil when they do."
                )
                + " A separate SRE team is not advised while this is open.",
                source="DevOps Topologies, Anti-Type H",
            )
        )
    maturity_ok = c.mature and c.slo_at_bar
    if enough and not maturity_ok and f.current != "separate" and (f.sres or 0) >= ROTATION_ONE_SITE:
        found.append(
            AntiPattern(
                id="separate-without-maturity",
                title="Not ready to hand over to an SRE team",
                why=f"The organisation has {_sres(f)}, enough for an SRE team, but this team's practices are "
                f"below what a hand-off needs (overall {score(r.overall)}, SLOs {score(slo)}; DevOps "
                f"Topologies' Type 7 fits only high maturity, read here as {_n(MATURE)} and {_n(SLO_BAR)}): "
                "handing its services to an SRE team now would rebuild the old operations silo under a new "
                "name.",
                source="DevOps Topologies, Type 7; Site Reliability Workbook ch. 20",
            )
        )
    if enough and f.current == "separate" and not separate_ready(c, f):
        found.append(
            AntiPattern(
                id="type-7-slide",
                title="SRE team sliding back into an operations silo",
                why="An SRE team runs this team's services, but they do not meet the bar a hand-off needs "
                "(see why not: separate). DevOps Topologies warns that Type 7 slides back into Anti-Type A "
                "(Dev and Ops silos) when the SRE team is told to just run what it is given: check that it "
                "can still reject services that do not meet its bar, and hand the pager back when they do "
                "not.",
                source="DevOps Topologies, Type 7 and Anti-Type A; Site Reliability Engineering ch. 1",
            )
        )
    if f.overdue("embedded"):
        found.append(
            AntiPattern(
                id="embedding-without-end-date",
                title="An embedding with no end date",
                why=f"An SRE has been embedded in this team{_since(f)}; an embedding should last about "
                f"{EMBED_MONTHS} months (our bound: about 3 hands-on, 3 stepping out). Without an end date "
                "the SRE becomes the team's operations person and a silo forms, DevOps Topologies' "
                "Anti-Type B: a separate team is healthy only when temporary.",
                source="DevOps Topologies, Anti-Type B and Type 5; Google Cloud blog 2019 (embedded: "
                "time-bounded)",
            )
        )
    if f.overdue("enabling"):
        found.append(
            AntiPattern(
                id="coaching-without-end-date",
                title="Coaching with no end date",
                why=f"An enabling team has coached this team{_since(f)}; facilitating is temporary, and a "
                f"team set up to help should finish within {FACILITATING_MONTHS}-18 months (DevOps "
                "Topologies Type 5; past that, Anti-Type B). Agree what the team should run unaided, and by "
                "when.",
                source="Team Topologies (facilitating mode); DevOps Topologies, Anti-Type B and Type 5",
            )
        )
    if overloaded(c, f):
        pages_only = f.incidents is None and f.pages is not None
        found.append(
            AntiPattern(
                id="on-call-overload",
                title="On-call overload",
                why=f"{load_text(f)[0].upper()}{load_text(f)[1:]}: above Google's limit of "
                f"{_n(INCIDENTS_PER_SHIFT)} incidents per 12-hour shift (each takes about 6 hours of "
                "follow-up). Beyond it problems are not investigated properly, and people burn out."
                + (
                    " These are pages, not incidents: count incidents (incidents_per_week) to see how much "
                    "is real load and how much is noise."
                    if pages_only
                    else ""
                ),
                source="Site Reliability Engineering ch. 1 and 11",
            )
        )
    if f.noisy and f.pages is not None and f.incidents is not None:
        found.append(
            AntiPattern(
                id="noisy-pager",
                title="A noisy pager",
                why=f"The pager is noisy: {counted(f.pages, 'page')} a week ({_per_shift(f.pages)}) for "
                f"{counted(f.incidents, 'incident')}. Pages that are not incidents wake people for nothing "
                "and hide the ones that matter: review every page, and delete or fix the alerts that do not "
                "need a person.",
                source="Site Reliability Engineering ch. 1 and 6; ch. 30 (cutting the noise)",
            )
        )
    rotation = f.rotation if f.current != "separate" else None  # an SRE team carries the pager
    handing_back = f.current == "separate" and advised not in (None, "separate")
    if handing_back and f.rotation is not None and f.rotation < ROTATION_ONE_SITE:
        found.append(
            AntiPattern(
                id="hand-back-without-rotation",
                title="The pager comes back to a team without a rotation",
                why=(
                    "Nobody in the team is on call today"
                    if f.rotation == 0
                    else f"Only {counted(f.rotation, 'person', 'people')} in the team take on-call"
                )
                + ": before the SRE team hands the pager back, the team needs a rotation of its own "
                f"({ROTATION_ONE_SITE} people on one site), or the services end up with nobody on call "
                "(DevOps Topologies Anti-Type C). Agree the date with the SRE team, and keep its "
                "escalation path until the rotation has run a few weeks.",
                source="Site Reliability Engineering ch. 1, 11 and 30; DevOps Topologies, Anti-Type C",
            )
        )
    if rotation is not None and 0 < rotation < ROTATION_ONE_SITE:
        share = min(1.0, 2 / rotation)
        found.append(
            AntiPattern(
                id="rotation-too-small",
                title="On-call rotation too small",
                why=f"{counted(rotation, 'person', 'people')} share on-call: with a primary and a secondary "
                + (
                    "on week-long shifts each is on call all of the time"
                    if share >= 1
                    else f"on week-long shifts each is on call about {share:.0%} of the time"
                )
                + f", above the "
                f"{ONCALL_SHARE:.0%} Google allows; that takes {ROTATION_ONE_SITE} people on one site. Share "
                "a rotation with a neighbouring team, or cover nights another way.",
                source="Site Reliability Engineering ch. 11",
            )
        )
    if rotation == 0 and (f.services or 0) > 0:
        found.append(
            AntiPattern(
                id="nobody-on-call",
                title="Services with nobody on call",
                why=f"The team runs {counted(f.services or 0, 'production service')} with nobody on call: "
                "someone else carries the pager, or no one does (DevOps Topologies Anti-Type C: 'Dev don't "
                "need Ops').",
                source="DevOps Topologies, Anti-Type C",
            )
        )
    engineers = f.engineers
    if engineers is not None and engineers > TEAM_MAX:
        found.append(
            AntiPattern(
                id="team-too-large",
                title="Team larger than a team",
                why=f"{counted(engineers, 'person', 'people')} is more than a team of {TEAM_MIN}-{TEAM_MAX} "
                "(Team Topologies): split it along service boundaries before designing reliability roles, "
                "or the roles will be designed for a group that does not work as one team.",
                source="Team Topologies (team size)",
            )
        )
    elif engineers is not None and engineers < TEAM_MIN:
        why = (
            f"{counted(engineers, 'person', 'people')} cannot carry an on-call rotation of their own: "
            + SMALL_TEAM_ONCALL[engineers]
            + ", with no cover."
            if engineers <= 3
            else f"{counted(engineers, 'person', 'people')} is below a team of {TEAM_MIN}-{TEAM_MAX}: on "
            "call one week in four as the only person is already the most Google allows, with no room for a "
            "secondary, holidays or illness."
        )
        found.append(
            AntiPattern(
                id="team-too-small",
                title="Team too small to carry a rotation",
                why=why + " Share on-call with a neighbouring team, or grow the team (Team Topologies).",
                source="Team Topologies (team size); Site Reliability Engineering ch. 11",
            )
        )
    if f.cognitive_overload:
        found.append(
            AntiPattern(
                id="cognitive-load",
                title="More services than the team can know well",
                why=f"{_services(f)[0].upper()}{_services(f)[1:]}: more than the team can know well enough "
                f"to run (our bound: {_n(SERVICES_PER_ENGINEER)} per engineer; Team Topologies gives no "
                "number, only the limit). Its remedies: give the team fewer services, or let a platform "
                "take the extraneous load (deployment, infrastructure, monitoring) off it.",
                source="Team Topologies (cognitive load); the number is our judgement",
            )
        )
    return found


# ---- evidence and confidence --------------------------------------------------------------

FACT_LABELS = {
    "engineers": "team size (engineers)",
    "services": "services",
    "teams_in_org": "teams in the organisation (teams_in_org)",
    "sre_count": "SRE headcount (sre_count)",
    "on_call_engineers": "on-call rotation (on_call_engineers)",
}


def missing_facts(r: Readings) -> list[str]:
    t = r.team
    missing = [label for name, label in FACT_LABELS.items() if getattr(t, name) is None]
    if t.pages_per_week is None and t.incidents_per_week is None:
        missing.append("on-call load (incidents_per_week or pages_per_week)")
    return missing


def confidence(known_share: float, robust: float, missing: int, roles: bool) -> float:
    """Rises with the share of definite answers and with a margin the open answers cannot erase;
    falls with each missing team fact and without advice roles. Weights: our judgement."""
    evidence = min(1.0, max(0.0, (known_share - ENOUGH_EVIDENCE) / (1 - ENOUGH_EVIDENCE)))
    value = (
        0.30 + 0.40 * evidence + 0.0625 * min(max(robust, 0.0), 4.0) - 0.05 * missing - (0 if roles else 0.10)
    )
    return round(min(0.95, max(0.2, value)), 2)


def _evidence_line(r: Readings, missing: list[str]) -> str:
    parts = [f"{r.answered} of {counted(r.questions, 'question')} answered with a choice"]
    if r.settled:
        parts[0] += (
            f" (of which {r.settled} {agrees(r.settled, 'is', 'are')} follow-ups settled because their "
            "practice is missing)"
        )
    if r.unsure:
        parts.append(f"{r.unsure} unsure (scored as the lowest answer in the scores, read here as unknown)")
    if r.not_applicable:
        parts.append(f"{r.not_applicable} not applicable")
    if r.unanswered:
        parts.append(f"{r.unanswered} not answered")
    line = "Evidence: " + ", ".join(parts)
    line += "; team facts not given: " + ", ".join(missing) + "." if missing else "; every team fact given."
    return line


def _facts_line(r: Readings, f: Facts) -> str:
    """The team facts the decision read, so a reader can check each against the rules."""
    parts = [f"overall {score(r.overall)}"]
    if f.engineers is not None:
        parts.append(counted(f.engineers, "engineer"))
    if f.services is not None:
        parts.append(counted(f.services, "service"))
    if f.teams is not None:
        parts.append(f"{counted(f.teams, 'team')}")
    if f.sres is not None:
        parts.append(
            f"{counted(f.sres, 'SRE')} in the organisation" if f.sres else "no SREs in the organisation"
        )
    if f.rotation:
        parts.append(f"an on-call rotation of {counted(f.rotation, 'person', 'people')}")
    elif f.rotation == 0:
        parts.append("nobody on call in the team")
    if f.incidents is not None or f.pages is not None:
        parts.append(load_text(f))
    return "Inputs read: " + "; ".join(parts) + "."


def _notes(r: Readings) -> list[str]:
    notes = []
    if not r.roles:
        notes.append(
            "This questionnaire does not say which of its domains are practices or tooling, or which hold "
            "SLOs, on-call and toil (advice roles): the advice reads only the overall score and the team "
            "facts, so it cannot check SLO practice or on-call health, nor tell a skills gap from a tooling "
            "gap."
        )
    absent = [
        s
        for s in ("shared-toil", "readiness-review", "error-budget-policy", "actionable-pages", "shift-load")
        if s not in r.signals
    ]
    if absent:
        notes.append(
            "Not asked by this questionnaire (question signals), so not read: " + ", ".join(absent) + "."
        )
    t = r.team
    if t.setup_since is not None and t.current_setup is None:
        notes.append("setup_since is given without current_setup, so it is not used.")
    elif t.setup_since is not None and (r.assessed_at is None or t.setup_since > r.assessed_at):
        notes.append(
            "How long today's setup has run is not known: setup_since needs an assessed_at date on or after "
            "it."
        )
    if t.current_setup is None:
        notes.append("Today's setup (current_setup) is not given, so the advice cannot say what changes.")
    return notes


def _org_decisions(pattern: PatternId, r: Readings, f: Facts, anti: list[AntiPattern]) -> list[str]:
    out = []
    if pattern == "embedded":
        if f.no_sre:
            out.append("Hiring a first SRE is an organisation-level decision.")
        elif f.sres is not None and f.teams is not None and f.sres < f.teams:
            out.append(
                f"{_sres(f)[0].upper()}{_sres(f)[1:]} for {_teams(f)}: which teams get an embedded SRE first "
                "is an organisation-level decision (the organisation roll-up ranks the teams)."
            )
    if pattern == "enabling" and f.current != "enabling":
        out.append(
            "An enabling team serves several teams: forming one, and which teams it coaches first, is an "
            "organisation-level decision (the organisation roll-up shows which gaps teams share)."
        )
    if pattern == "platform" and f.current != "platform":
        out.append(
            "A platform team serves the whole organisation: forming one is an organisation-level decision "
            "(the organisation roll-up shows how many teams share the need)."
        )
    if pattern == "separate" and f.current != "separate":
        hires = max(0, ROTATION_ONE_SITE - (f.sres or 0))
        out.append(
            "Handing services to an SRE team is an organisation-level decision: its charter, its onboarding "
            "bar" + (f", and {counted(hires, 'SRE')} to hire." if hires else ".")
        )
    ids = {a.id for a in anti}
    if "cognitive-load" in ids:
        out.append(
            "Giving the team fewer services (moving some to other teams) is an organisation-level decision."
        )
    if "team-too-large" in ids:
        out.append("Splitting the team is an organisation-level decision.")
    if "fake-sre" in ids:
        out.append("What the organisation's SREs work on is an organisation-level question.")
    return out


def _change(pattern: PatternId, f: Facts) -> str | None:
    if f.current is None:
        return None
    if f.current == pattern:
        return f"Keep {NAMES[pattern]}{_since(f)}."
    return f"From {NAMES[f.current]}{_since(f)} to {NAMES[pattern]}."


def _why_not(
    pattern: PatternId,
    winner: PatternId,
    checks: list[GateCheck],
    decision: Decision,
    reasons: dict[PatternId, list[Reason]],
    enough: bool,
    current: str | None = None,
) -> tuple[str, str | None]:
    failed = next((g for g in checks if g.state in (FAILS, "unknown")), None)
    if failed is not None:
        return f"Precondition not met ({failed.id}): {failed.why}", failed.id
    if not enough:
        return "Not judged: there is not enough evidence to recommend a structure (see the rationale).", None
    mine, theirs = decision.points[pattern], decision.points[winner]
    hires = sum(g.hires for g in checks if g.state == HIRE)
    held = "Its preconditions hold" + (f" once {counted(hires, 'SRE')} are hired" if hires else "")
    if hires == 1:
        held = "Its preconditions hold once 1 SRE is hired"
    head = f"{held}, but it scores {mine:g} to {theirs:g} for {NAMES[winner]}"
    against = sorted((x for x in reasons[pattern] if x.points < 0), key=lambda x: x.points)
    if against:
        return f"{head}: {against[0].text}", None
    own = {x.rule.split(".")[0] for x in reasons[pattern]}
    decisive = sorted(
        (x for x in reasons[winner] if x.points > 0 and x.rule.split(".")[0] not in own),
        key=lambda x: -x.points,
    )
    if mine == theirs:
        tie = "is today's setup" if current == winner else "needs less re-organisation"
        return f"{head}: a tie, and {NAMES[winner]} {tie}.", None
    if decisive:
        return f"{head}, which wins on this: {decisive[0].text}", None
    return f"{head}: nothing in the answers or team facts argues for it more.", None


def advise(r: Readings) -> Topology:
    f = Facts.of(r)
    c, possible = conditions(r)
    decision = decide(c, f)
    missing = missing_facts(r)
    known_share = r.answered / r.questions if r.questions else 0.0
    enough = known_share >= ENOUGH_EVIDENCE and r.overall.value is not None
    winner: PatternId = decision.winner if enough else "within-team"

    checks: dict[PatternId, list[GateCheck]] = {p: [] for p in PATTERNS}
    for gate in GATES:
        state = gate.test(c, f)
        why = gate_text(gate, state, r, f, c)
        if state == FAILS and _unknown(gate, r, f):
            state = "unknown"
        checks[gate.pattern].append(
            GateCheck(id=gate.id, state=state, why=why, source=_cite(gate.source), hires=gate.hires(f))
        )
    reasons: dict[PatternId, list[Reason]] = {p: [] for p in PATTERNS}
    for rule in RULES:
        if rule.when(c, f):
            reasons[rule.pattern].append(
                Reason(
                    rule=rule.id, points=rule.points, text=rule_text(rule, r, f), source=_cite(rule.source)
                )
            )

    margin = decision.margin_of(winner) if enough else 0.0
    robust = robust_margin(c, possible, f, winner) if enough else 0.0
    conf = confidence(known_share, robust, len(missing), r.roles) if enough else 0.2

    anti = anti_patterns(r, c, f, enough, winner if enough else None)
    rationale: list[str] = []
    evolution = list(EVOLUTION[winner])
    if winner == "embedded" and _slo_at_bar(r):  # the SLOs exist: the exit criteria start elsewhere
        evolution[0] = evolution[0].replace("an SLO written", "releases held to the error budget")
    if winner == "platform" and f.current == "platform":  # a platform exists: run it as a product
        evolution[0] = (
            "Treat the platform as a product: ask the teams what still costs them toil, and make the "
            "most used path the easiest one (Team Topologies: a platform teams choose to use)."
        )
    if any(a.id == "team-too-large" for a in anti):
        # The advice is for a group that should first become teams [TT]: say it is tentative.
        conf = min(conf, TOO_LARGE_CONFIDENCE)
    if enough:
        rationale += [x.text for x in sorted(reasons[winner], key=lambda x: -x.points) if x.points > 0]
        rationale += [f"Counts against it: {x.text}" for x in reasons[winner] if x.points < 0]
        rationale += [g.why for g in checks[winner] if g.state == HOLDS and g.id in SHOWN_WHEN_HELD]
        if not rationale:
            rationale.append("Nothing argues for a heavier setup: start with the practices inside the team.")
        quiet = f.incidents if f.incidents is not None else f.pages
        if winner == "separate" and quiet is not None and quiet / SHIFTS_PER_WEEK < QUIET_PER_SHIFT:
            rationale.append(
                f"{counted(quiet, 'incident' if f.incidents is not None else 'page')} a week is "
                f"{_per_shift(quiet)}: fewer than one event per shift wastes an on-call engineer's time (SRE "
                "book ch. 1), so the SRE team's rotation should carry these services together with others."
            )
        onboarding = next(g for g in checks["separate"] if g.id == "separate.onboarding")
        if (
            winner == "within-team"
            and f.critical
            and (f.sres or 0) >= 2 * ROTATION_ONE_SITE
            and decision.eligible["separate"]
            and separate_ready(c, f)
        ):
            rationale.append(
                "The business rates these services critical and the organisation already has SRE teams: "
                "Google's product/application SRE team (an SRE team dedicated to one key user-facing "
                "application) is the option to weigh, should the team want its pager carried; its "
                "preconditions hold here (see why not: separate)."
            )
        if winner == "embedded" and onboarding.state != HOLDS and (overloaded(c, f) or f.noisy):
            rationale.append(
                "Handing the pager to an SRE team is not the answer to this load: "
                + onboarding.why[0].lower()
                + onboarding.why[1:]
                + " The step that gets there first is the embedded SRE cutting the load; hand over after, if "
                "at all."
            )
        if margin <= 0:
            runner = max(
                (p for p in PATTERNS if p != winner and decision.eligible[p]),
                key=lambda p: decision.points[p],
            )
            rationale.append(
                f"A close call: {NAMES[runner]} scores the same, and {NAMES[winner]} is preferred because "
                + (
                    "it is today's setup, within its time box."
                    if f.current == winner
                    else "it needs less re-organisation."
                )
            )
        elif robust <= 0:
            rationale.append(
                "The open answers (unsure, not applicable or not answered) could change this advice: "
                "answering them would make it firmer."
            )
    else:
        rationale.append(
            f"Not enough evidence to recommend a structure: only {r.answered} of "
            f"{counted(r.questions, 'question')} have a definite answer"
            + (
                f"; {r.unsure} {agrees(r.unsure, 'is', 'are')} unsure, so those practices are unknown"
                if r.unsure
                else ""
            )
            + (
                f"; {r.not_applicable} {agrees(r.not_applicable, 'is', 'are')} not applicable"
                if r.not_applicable
                else ""
            )
            + "."
        )
        rationale.append(
            "Until they are answered, the lightest setup applies: the team keeps reliability as its own "
            "practice. This is not a finding that the team needs no help."
        )
        evolution.insert(
            0,
            "First, answer the open questions (or correct the not-applicable ones), then run the assessment "
            "again: the structure advice needs at least half of the questions answered.",
        )
    alternatives = []
    for p in sorted(
        (p for p in PATTERNS if p != winner),
        key=lambda p: (not decision.eligible[p], -decision.points[p], PATTERNS.index(p)),
    ):
        why, failed = _why_not(p, winner, checks[p], decision, reasons, enough, f.current)
        alternatives.append(
            Alternative(
                pattern=p,
                why_not=why,
                points=decision.points[p] if decision.eligible[p] else None,
                failed_gate=failed,
            )
        )
    head = headcount(winner, f)
    rationale.append(head.text)
    rationale.append(_facts_line(r, f))
    rationale.append(_evidence_line(r, missing))
    change = _change(winner, f)
    if change and not enough and f.current != winner:
        change = (
            f"Today's setup, {NAMES[f.current or 'none']}{_since(f)}, is not judged: there is not enough "
            "evidence to recommend a change."
        )
        rationale.insert(0, change)
    elif change:
        rationale.insert(0, change)
        if f.current in PATTERNS and f.current != winner:
            current = next(a for a in alternatives if a.pattern == f.current)
            rationale.insert(1, f"Why not keep {NAMES[f.current]}: {current.why_not}")
    decisions = _org_decisions(winner, r, f, anti)
    if decisions:
        rationale.append("Needs an organisation-level decision: " + " ".join(decisions))
    notes = _notes(r)
    if not r.roles:
        rationale.append(notes[0])

    # A group larger than a team splits first [TT]; a hire, where one is needed, comes next.
    if head.hires:
        evolution.insert(
            0,
            f"Hire {counted(head.hires, 'SRE')} first (or move engineers with operations experience into the "
            "role); until then the team keeps the practice itself, starting with an SLO.",
        )
    if f.engineers is not None and f.engineers > TEAM_MAX:
        evolution.insert(
            0,
            f"First split the team ({counted(f.engineers, 'person', 'people')}) into teams of "
            f"{TEAM_MIN}-{TEAM_MAX} along service boundaries; then set up the reliability roles for each.",
        )

    return Topology(
        recommended=winner,
        interaction_mode=MODES[winner],
        confidence=conf,
        summary=SUMMARIES[winner],
        rationale=rationale,
        alternatives=alternatives,
        evolution=evolution,
        google_implementation=google_implementation(winner, r, f),
        anti_patterns=anti,
        outcome="advice" if enough else "not-enough-evidence",
        for_this_team=FOR_THIS_TEAM[winner],
        current_setup=f.current,
        change=change,
        org_decisions=decisions,
        headcount=head,
        evidence=AdviceEvidence(
            questions=r.questions,
            answered=r.answered,
            unsure=r.unsure,
            not_applicable=r.not_applicable,
            unanswered=r.unanswered,
            known_share=round(known_share, 3),
            missing_facts=missing,
            roles=r.roles,
            margin=round(margin, 2) if margin not in (float("inf"), float("-inf")) else 0.0,
            robust_margin=round(robust, 2) if robust != float("inf") else 99.0,
            enough=enough,
        ),
        candidates=[
            Candidate(
                pattern=p,
                eligible=decision.eligible[p],
                points=decision.points[p],
                gates=checks[p],
                reasons=reasons[p],
            )
            for p in PATTERNS
        ],
        notes=notes,
        stops=list(STOPS[winner]) if enough else [],
    )


def _unknown(gate: Gate, r: Readings, f: Facts) -> bool:
    """A failed precondition whose inputs are missing is reported as unknown, not as failed."""
    g = gate.id
    if g in ("enabling.teams", "platform.teams"):
        return f.teams is None
    if g == "enabling.practice-gap":
        return not r.of_kind("practice") or all(a.span.value is None for a in r.of_kind("practice"))
    if g == "separate.maturity":
        slo = r.topic("slo")
        return slo is None or slo.value is None or r.overall.value is None
    if g == "separate.onboarding":
        return f.load_within_bound is None and not f.shift_signal
    if g == "platform.need":
        return "shared-toil" not in r.signals and f.services_per_engineer is None
    return False


def _cite(keys: str) -> str:
    return "; ".join(SOURCES[k] for k in keys.split())
