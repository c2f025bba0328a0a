"""Organisation roll-up, comparisons and history (pure, like the rest of the engine).

The roll-up scores each team with the lean ``score_all`` core (no per-team
roadmap or report objects), so a thousand teams roll up in a couple of
seconds. Organisation advice follows the same sources as the team advice
(see topology.py): shared tooling gaps across many teams are the case for a
platform team [TT]; shared practice gaps are the case for an enabling team
[TT]; a separate SRE team needs headcount for its own rotation and teams
mature enough to hand services over [DOT] [G-org] [SRE ch. 11].
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from assess.engine.answers import Resolved
from assess.engine.assessment import advise, domain_targets, single_choice
from assess.engine.scoring import Scored, effective_selection, score_all
from assess.engine.topology import (
    PAGES_PER_WEEK_HEAVY,
    PLATFORM_ORG_TEAMS,
    PRACTICE_DOMAINS,
    SEPARATE_MIN_SRES,
    SMALL_ORG_TEAMS,
    TOOLING_DOMAINS,
    WEAK_OVERALL,
)
from assess.models import Answers, Assessment, MultiQuestion, Questionnaire, QuestionnaireRef, SingleQuestion
from assess.models.org import (
    Comparison,
    DomainDelta,
    DomainSpread,
    EmbedCandidate,
    History,
    HistoryPoint,
    Interaction,
    InvalidFile,
    OrgRoadmapItem,
    OrgRollup,
    OrgTopology,
    Proposal,
    QuestionChange,
    SharedGap,
    TeamApi,
    TeamRow,
)

WEAK = 0.25  # a question at or below this score (or with a high risk) is a gap for that team
SHARED = 0.3  # a gap is shared when at least this share of teams has it (and at least two)
WIDESPREAD = 0.4  # shared by this share of teams, a gap justifies a team to remove it
EMBED_FIRST = 5  # how many teams to name for an embedded SRE first


@dataclass(frozen=True)
class TeamInput:
    file: str
    answers: Answers
    resolved: dict[str, Resolved]


@dataclass(frozen=True)
class _Scored:
    row: TeamRow
    scored: Scored
    team: TeamInput


def _row(q: Questionnaire, t: TeamInput, default_targets: Mapping[str, int] | None) -> _Scored:
    scored = score_all(q, t.resolved)
    topo = advise(q, t.resolved, scored, t.answers.team)
    risks = [r for r in scored.risks.values() if r in ("high", "medium")]
    team = t.answers.team
    return _Scored(
        TeamRow(
            name=team.name,
            file=t.file,
            assessed_at=t.answers.assessed_at,
            overall=scored.overall,
            level=scored.overall_level,
            coverage=round(len(t.resolved) / len(q.questions()), 3),
            recommended=topo.recommended,
            levels={i: ds.level for i, ds in scored.domains.items()},
            scores={i: ds.score for i, ds in scored.domains.items()},
            targets=domain_targets(q, t.answers, default_targets),
            high_risks=risks.count("high"),
            medium_risks=risks.count("medium"),
            pages_per_week=team.pages_per_week,
            engineers=team.engineers,
        ),
        scored,
        t,
    )


def rollup(
    q: Questionnaire,
    teams: Sequence[TeamInput],
    invalid: Sequence[InvalidFile] = (),
    default_targets: Mapping[str, int] | None = None,
) -> OrgRollup:
    rows = [_row(q, t, default_targets) for t in teams]
    gaps = _shared_gaps(q, rows)
    topo = _org_topology(q, rows, gaps)
    return OrgRollup(
        questionnaire=QuestionnaireRef(id=q.id, version=q.version, title=q.title),
        teams=[r.row for r in rows],
        domains=[_spread(d.id, d.title, rows) for d in q.domains],
        shared_gaps=gaps,
        topology=topo,
        roadmap=_org_roadmap(gaps, topo, len(rows)),
        invalid=list(invalid),
    )


def _spread(domain_id: str, title: str, rows: Sequence[_Scored]) -> DomainSpread:
    levels = Counter(r.row.levels[domain_id] for r in rows if r.row.levels[domain_id] is not None)
    scores = [s for r in rows if (s := r.row.scores[domain_id]) is not None]
    below = sum(
        1
        for r in rows
        if domain_id in r.row.targets and (r.row.levels[domain_id] or 0) < r.row.targets[domain_id]
    )
    return DomainSpread(
        id=domain_id,
        title=title,
        levels={level: levels.get(level, 0) for level in range(1, 6)},
        unscored=sum(1 for r in rows if r.row.levels[domain_id] is None),
        median=round(statistics.median(scores), 1) if scores else None,
        below_target=below,
    )


def _weak(question_id: str, r: _Scored) -> bool:
    score = r.scored.scores.get(question_id)
    return score is not None and (score <= WEAK or r.scored.risks.get(question_id) == "high")


def _shared_gaps(q: Questionnaire, rows: Sequence[_Scored]) -> list[SharedGap]:
    n = len(rows)
    threshold = max(2, math.ceil(SHARED * n))
    gaps: list[tuple[int, SharedGap]] = []
    for position, (domain, question) in enumerate(q.questions()):
        weak = [r for r in rows if _weak(question.id, r)]
        if len(weak) < threshold:
            continue
        common, action = _common_answer(question, [r.team.resolved[question.id] for r in weak])
        risks = {r.scored.risks.get(question.id) for r in weak}
        severity = "high" if "high" in risks else "medium" if "medium" in risks else "low"
        gaps.append(
            (
                position,
                SharedGap(
                    question=question.id,
                    domain=domain.id,
                    text=question.text,
                    teams=[r.row.name for r in weak],
                    count=len(weak),
                    of=n,
                    severity=severity,
                    common_answer=common,
                    statement=f"{len(weak)} of {n} teams are weak on \u201c{question.text}\u201d "
                    f"(most common answer: {common})",
                    action=action,
                ),
            )
        )
    rank = {"high": 0, "medium": 1, "low": 2}
    gaps.sort(key=lambda p: (-p[1].count, rank[p[1].severity], p[0]))
    return [g for _, g in gaps]


def _common_answer(
    question: SingleQuestion | MultiQuestion, answers: list[Resolved]
) -> tuple[str, str | None]:
    """The most common weak answer, in words, and the action that moves those teams up."""
    if isinstance(question, SingleQuestion):
        picks = Counter(effective_selection(question, a)[0] for a in answers)
        choice_id = picks.most_common(1)[0][0]
        choice = next(c for c in question.choices if c.id == choice_id)
        return f"\u201c{choice.label}\u201d", choice.action
    practices = [c for c in question.choices if not c.none_of_these]
    missing = Counter(
        c.id for a in answers for c in practices if c.id not in set(effective_selection(question, a))
    )
    if not missing:
        return "most practices missing", None
    practice = next(c for c in practices if c.id == missing.most_common(1)[0][0])
    return f"missing \u201c{practice.label}\u201d", practice.action


def _org_teams(rows: Sequence[_Scored]) -> int:
    reported = [t for r in rows if (t := r.team.answers.team.teams_in_org) is not None]
    return max([len(rows), *reported])


def _org_topology(q: Questionnaire, rows: Sequence[_Scored], gaps: list[SharedGap]) -> OrgTopology:
    n = len(rows)
    org_teams = _org_teams(rows)
    widespread = [g for g in gaps if g.count >= WIDESPREAD * n]
    tooling = [g for g in widespread if g.domain in TOOLING_DOMAINS]
    practice = [g for g in widespread if g.domain in PRACTICE_DOMAINS]
    repeated_toil = [
        r for r in rows if single_choice(r.team.resolved, "toil.shared") in ("repeated", "partly-shared")
    ]
    sres = max((s for r in rows if (s := r.team.answers.team.sre_count) is not None), default=None)
    overall = [o for r in rows if (o := r.row.overall) is not None]
    median = statistics.median(overall) if overall else None
    heavy = [r for r in rows if (r.row.pages_per_week or 0) > PAGES_PER_WEEK_HEAVY]

    # Embedded SREs go first where the skills are missing and the risk is highest.
    embed = sorted(
        (r for r in rows if r.row.recommended == "embedded"),
        key=lambda r: (-r.row.high_risks, -(r.row.pages_per_week or 0), r.row.overall or 0.0),
    )[:EMBED_FIRST]
    embedded_first = [
        EmbedCandidate(
            team=r.row.name,
            why=f"overall {r.row.overall or 0:.0f}/100, {r.row.high_risks} high risks"
            + (f", {r.row.pages_per_week:g} pages a week" if r.row.pages_per_week is not None else ""),
        )
        for r in embed
    ]

    platform_why: list[str] = []
    if org_teams < PLATFORM_ORG_TEAMS:
        platform_why.append(f"With {org_teams} teams a platform team has too few customers to pay off.")
    if tooling:
        platform_why.append(
            f"{len(tooling)} tooling gap(s) are shared by at least {WIDESPREAD:.0%} of teams, e.g. "
            f"{tooling[0].statement}."
        )
    if repeated_toil:
        platform_why.append(
            f"{len(repeated_toil)} of {n} teams say other teams repeat the same toil (toil.shared)."
        )
    platform_ok = org_teams >= PLATFORM_ORG_TEAMS and (
        len(tooling) >= 2 or len(repeated_toil) >= WIDESPREAD * n
    )
    if not platform_ok and org_teams >= PLATFORM_ORG_TEAMS:
        platform_why.append("The shared tooling gaps are too few or too narrow to keep a platform team busy.")

    enabling_why: list[str] = []
    enabling_ok = org_teams > SMALL_ORG_TEAMS and len(practice) >= 2
    if practice:
        enabling_why.append(
            f"{len(practice)} practice gap(s) (SLOs, incidents, learning, on-call) are shared by at least "
            f"{WIDESPREAD:.0%} of teams, e.g. {practice[0].statement}."
        )
    if not enabling_ok:
        enabling_why.append(
            "Too few shared practice gaps for a coaching team."
            if org_teams > SMALL_ORG_TEAMS
            else f"With {org_teams} teams there are too few teams for an enabling team to serve."
        )

    separate_why: list[str] = []
    separate_ok = (
        sres is not None
        and sres >= SEPARATE_MIN_SRES
        and median is not None
        and median >= WEAK_OVERALL
        and bool(heavy)
    )
    if sres is None or sres < SEPARATE_MIN_SRES:
        separate_why.append(
            f"{sres or 0} SRE(s) are too few for a team with its own sustainable rotation "
            f"(about {SEPARATE_MIN_SRES} people)."
        )
    else:
        separate_why.append(f"{sres} SREs can staff a team with its own rotation.")
    if median is not None and median < WEAK_OVERALL:
        separate_why.append(
            f"The median team scores {median:.0f}/100: teams cannot yet hand over supportable services."
        )
    if heavy:
        separate_why.append(
            f"{len(heavy)} team(s) carry heavy interrupt load (more than {PAGES_PER_WEEK_HEAVY:g} pages a "
            f"week): {', '.join(r.row.name for r in heavy[:5])}"
            + (f" and {len(heavy) - 5} more." if len(heavy) > 5 else ".")
        )
    google = None
    if separate_ok:
        google = (
            "kitchen-sink: a first SRE team covering the heavy-load services, with a charter"
            if (sres or 0) < SEPARATE_MIN_SRES * 2
            else "product/application: SRE teams dedicated to the heavy-load services"
        )

    apis: list[TeamApi] = []
    if platform_ok:
        apis.append(_platform_api(tooling, rows, repeated_toil))
    if enabling_ok:
        apis.append(_enabling_api(practice, rows))
    if separate_ok:
        apis.append(_sre_api(heavy))
    return OrgTopology(
        embedded_first=embedded_first,
        platform=Proposal(recommended=platform_ok, why=platform_why),
        enabling=Proposal(recommended=enabling_ok, why=enabling_why),
        separate=Proposal(recommended=separate_ok, why=separate_why),
        google_implementation=google,
        team_apis=apis,
    )


def _most_affected(rows: Sequence[_Scored], gaps: list[SharedGap], limit: int) -> list[str]:
    counts = Counter(name for g in gaps for name in g.teams)
    return [name for name, _ in counts.most_common(limit)] or [r.row.name for r in rows[:limit]]


def _platform_api(tooling: list[SharedGap], rows: Sequence[_Scored], repeated: Sequence[_Scored]) -> TeamApi:
    pilots = _most_affected(rows, tooling, 2) if tooling else [r.row.name for r in repeated[:2]]
    services = [f"{g.action} (shared by {g.count} teams)" for g in tooling[:3] if g.action] or [
        "Shared automation for the toil the teams report as repeated (toil.shared)."
    ]
    return TeamApi(
        name="Reliability platform",
        type="platform",
        focus="Remove, once for everyone, the tooling gaps and toil that many teams share.",
        services_offered=services,
        service_expectations="Every service offered has its own SLO and documentation; self-service first, "
        "tickets only as a fallback.",
        interactions=[
            *(
                Interaction(
                    team=p,
                    mode="collaboration",
                    purpose="pilot the first services",
                    duration="about 3 months",
                )
                for p in pilots
            ),
            Interaction(
                team="all other teams", mode="x-as-a-service", purpose="use the services", duration="ongoing"
            ),
        ],
        why=" ".join(g.statement + "." for g in tooling[:2])
        or f"{len(repeated)} teams repeat the same toil.",
    )


def _enabling_api(practice: list[SharedGap], rows: Sequence[_Scored]) -> TeamApi:
    coached = _most_affected(rows, practice, 4)
    return TeamApi(
        name="SRE enablement",
        type="enabling",
        focus="Help teams build the reliability practices they share gaps in; owns no services.",
        services_offered=[f"Coaching on \u201c{g.text}\u201d" for g in practice[:4]],
        service_expectations="One or two teams at a time, each with a goal it can measure; office hours for "
        "everyone else.",
        interactions=[
            Interaction(
                team=t, mode="facilitating", purpose="adopt the missing practices", duration="6-12 weeks"
            )
            for t in coached
        ],
        why=" ".join(g.statement + "." for g in practice[:2]),
    )


def _sre_api(heavy: Sequence[_Scored]) -> TeamApi:
    return TeamApi(
        name="SRE team",
        type="sre",
        focus="Share and engineer down the operational load of the services with the heaviest interrupts.",
        services_offered=[
            "Production readiness reviews and onboarding of services that meet the bar",
            "Shared on-call for onboarded services, with operational work capped at half of SRE time",
            "SLO and error-budget reviews with the owning teams",
        ],
        service_expectations="Services are onboarded only after a readiness review; the pager goes back to "
        "the developers when operational work exceeds half of the team's time.",
        interactions=[
            Interaction(
                team=r.row.name,
                mode="collaboration",
                purpose="cut noise and onboard the services",
                duration="4-8 weeks per service",
            )
            for r in heavy[:5]
        ]
        + [
            Interaction(
                team="onboarded services", mode="x-as-a-service", purpose="shared on-call", duration="ongoing"
            )
        ],
        why=f"{len(heavy)} team(s) with more than {PAGES_PER_WEEK_HEAVY:g} pages a week.",
    )


def _org_roadmap(gaps: list[SharedGap], topo: OrgTopology, n: int) -> list[OrgRoadmapItem]:
    items = []
    for g in gaps:
        if g.action is None:
            continue
        phase = "now" if g.severity == "high" else "next" if g.count >= n / 2 else "later"
        if topo.platform.recommended and g.domain in TOOLING_DOMAINS:
            owner = "Reliability platform"
        elif topo.enabling.recommended and g.domain in PRACTICE_DOMAINS:
            owner = "SRE enablement, with each team"
        else:
            owner = "each affected team"
        items.append(
            OrgRoadmapItem(
                phase=phase,
                action=g.action,
                domain=g.domain,
                question=g.question,
                teams=g.count,
                owner=owner,
                why=f"{g.count} of {n} teams" + (", high risk" if g.severity == "high" else ""),
            )
        )
    order = {"now": 0, "next": 1, "later": 2}
    return sorted(items, key=lambda i: (order[i.phase], -i.teams))


# --------------------------------------------------------------------------
# One team over time
# --------------------------------------------------------------------------


def _answer_text(labels: list[str], status: str) -> str:
    return "; ".join(labels) if status == "answered" else status


def compare(old: Assessment, new: Assessment) -> Comparison:
    old_domains = {d.id: d for d in old.domains}
    domains = []
    for d in new.domains:
        before = old_domains.get(d.id)
        old_score = before.score if before else None
        domains.append(
            DomainDelta(
                id=d.id,
                title=d.title,
                old=old_score,
                new=d.score,
                delta=None if old_score is None or d.score is None else round(d.score - old_score, 1),
                old_level=before.level if before else None,
                new_level=d.level,
            )
        )
    old_q = {q.id: q for q in old.questions}
    improved: list[QuestionChange] = []
    regressed: list[QuestionChange] = []
    for q in new.questions:
        before_q = old_q.get(q.id)
        if before_q is None or before_q.score is None or q.score is None or before_q.score == q.score:
            continue
        change = QuestionChange(
            question=q.id,
            domain=q.domain,
            text=q.text,
            old=_answer_text(before_q.labels, before_q.status),
            new=_answer_text(q.labels, q.status),
            delta=round(q.score - before_q.score, 3),
        )
        (improved if change.delta > 0 else regressed).append(change)
    old_risks = {r.question for r in old.risks}
    new_risks = {r.question for r in new.risks}
    return Comparison(
        team=new.team.name,
        old_date=old.assessed_at,
        new_date=new.assessed_at,
        overall_old=old.overall.score,
        overall_new=new.overall.score,
        domains=domains,
        improved=sorted(improved, key=lambda c: -c.delta),
        regressed=sorted(regressed, key=lambda c: c.delta),
        risks_opened=sorted(new_risks - old_risks),
        risks_closed=sorted(old_risks - new_risks),
    )


def history(q: Questionnaire, points: Sequence[tuple[str, Assessment]]) -> History:
    """Dated assessments of one team, oldest first (callers check dates exist)."""
    ordered = sorted(points, key=lambda p: (p[1].assessed_at is None, p[1].assessed_at))
    return History(
        team=ordered[-1][1].team.name,
        domains={d.id: d.title for d in q.domains},
        points=[
            HistoryPoint(
                assessed_at=a.assessed_at,
                file=f,
                overall=a.overall.score,
                level=a.overall.level,
                scores={d.id: d.score for d in a.domains},
            )
            for f, a in ordered
            if a.assessed_at is not None
        ],
    )
