"""Organisation roll-up, comparisons and history (pure, like the rest of the engine).

The roll-up scores each team with the lean ``score_all`` core (no per-team
roadmap or report objects), so a thousand teams roll up in a couple of
seconds. The organisation advice builds on each team's own advice (topology.py)
and reads domains through their advice roles, never by id: tooling gaps shared by
many teams are the case for a platform team [TT]; practice gaps shared by many
are the case for an enabling team [TT]; teams whose own advice is to hand their
services to an SRE team are the case for one [DOT Type 7] [G-org]. The SREs it
proposes to spend never exceed the organisation's headcount; what is missing is
named as hires. A platform is never piloted with the teams that get an embedded
SRE (one change at a time for a team), and the teams' warnings are carried up.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from assess.engine import actions, confidence, readings, topology
from assess.engine.answers import Resolved
from assess.engine.assessment import domain_targets
from assess.engine.roadmap import FIND_OUT
from assess.engine.scoring import Scored, effective_selection, score_all
from assess.models import (
    ACTION_STATUSES,
    ActionStatus,
    Answers,
    Assessment,
    MultiQuestion,
    Questionnaire,
    QuestionnaireRef,
    SingleQuestion,
    TeamProfile,
)
from assess.models import Topology as TeamTopology
from assess.models.org import (
    ActionChange,
    Comparison,
    DomainDelta,
    DomainSpread,
    DueTeam,
    EmbedCandidate,
    FactChange,
    History,
    HistoryPoint,
    HistoryStep,
    Interaction,
    InvalidFile,
    OrgAntiPattern,
    OrgHeadcount,
    OrgRoadmapItem,
    OrgRollup,
    OrgTopology,
    OverdueAction,
    Proposal,
    QuestionChange,
    Reassessment,
    RiskChange,
    SharedGap,
    TeamApi,
    TeamRow,
)
from assess.models.workshop import REVIEW_DAYS
from assess.words import agrees, counted

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
    advice: TeamTopology
    toil_shared: bool
    overdue: list[OverdueAction]


def _tracked(
    q: Questionnaire, t: TeamInput, as_of: dt.date | None
) -> tuple[dict[str, int], list[OverdueAction], int]:
    """The team's actions section: counts by status (and closed), its overdue entries, and how many
    are marked done but unchanged."""
    if not t.answers.actions:
        return {}, [], 0
    counts = dict.fromkeys([*ACTION_STATUSES, "closed"], 0)
    overdue: list[OverdueAction] = []
    unchanged = 0
    titles = {root: qs[0].short_title for root, qs in actions.root_causes(q).items()}
    for root, record, state in actions.summary(
        q, t.answers.actions, t.resolved, as_of=as_of, assessed_at=t.answers.assessed_at
    ):
        if state is None:
            counts["closed"] += 1
            continue
        counts[record.status] += 1
        unchanged += state.unchanged is not None
        if state.overdue_days is not None and record.due is not None:
            overdue.append(
                OverdueAction(
                    team=t.answers.team.name,
                    file=t.file,
                    root_cause=root,
                    title=titles.get(root, root)
                    if not root.startswith(FIND_OUT)
                    else "Find out: " + q.domain(root.removeprefix(FIND_OUT)).title,
                    status=record.status,
                    owner=record.owner,
                    due=record.due,
                    days=state.overdue_days,
                    link=record.link,
                )
            )
    return counts, overdue, unchanged


def _row(
    q: Questionnaire,
    t: TeamInput,
    default_targets: Mapping[str, int] | None,
    as_of: dt.date | None = None,
    review_days: int = REVIEW_DAYS,
) -> _Scored:
    scored = score_all(q, t.resolved)
    counts, overdue, unchanged = _tracked(q, t, as_of)
    when = t.answers.assessed_at
    age = (as_of - when).days if as_of is not None and when is not None else None
    context = t.answers.context
    read = readings.read(
        q, t.resolved, scored, t.answers.team, t.answers.assessed_at, context.criticality if context else None
    )
    topo = topology.advise(read)
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
            confidence=topo.confidence,
            anti_patterns=[a.id for a in topo.anti_patterns],
            due=age is not None and age > review_days,
            age_days=age,
            stale_evidence=len(confidence.stale_evidence(t.resolved, as_of, review_days)),
            actions=counts,
            overdue_actions=len(overdue),
            done_unchanged=unchanged,
        ),
        scored,
        t,
        topo,
        topology.conditions(read)[0].toil_shared,
        overdue,
    )


def rollup(
    q: Questionnaire,
    teams: Sequence[TeamInput],
    invalid: Sequence[InvalidFile] = (),
    default_targets: Mapping[str, int] | None = None,
    *,
    as_of: dt.date | None = None,
    review_days: int = REVIEW_DAYS,
) -> OrgRollup:
    """The roll-up read on ``as_of`` (the caller's "today"): who is due for re-assessment and
    which agreed actions are overdue. Without it, both are judged on the newest assessed_at."""
    day = as_of or max((t.answers.assessed_at for t in teams if t.answers.assessed_at), default=None)
    rows = [_row(q, t, default_targets, day, review_days) for t in teams]

    gaps = _shared_gaps(q, rows)
    topo = _org_topology(q, rows, gaps)
    return OrgRollup(
        questionnaire=QuestionnaireRef(id=q.id, version=q.version, title=q.title),
        teams=[r.row for r in rows],
        domains=[_spread(d.id, d.title, rows) for d in q.domains],
        shared_gaps=gaps,
        topology=topo,
        roadmap=_org_roadmap(q, gaps, topo, len(rows)),
        invalid=list(invalid),
        reassessment=reassessment([r.row for r in rows], day, review_days),
        as_of=day,
        overdue=sorted((o for r in rows for o in r.overdue), key=lambda o: (-o.days, o.team, o.root_cause)),
    )


def reassessment(rows: Sequence[TeamRow], as_of: dt.date | None, review_days: int) -> Reassessment:
    """Teams due for another assessment on ``as_of``: undated ones, then the most overdue first;
    then the teams not due yet whose evidence has aged past the interval."""
    due: list[tuple[int, DueTeam]] = []
    recheck: list[DueTeam] = []
    for row in rows:
        due_on = row.assessed_at + dt.timedelta(days=review_days) if row.assessed_at else None
        evidence = ""
        if row.stale_evidence:
            evidence = (
                f"; evidence on {counted(row.stale_evidence, 'answer')} is older than {review_days} days"
            )

        def entry(why: str, row: TeamRow = row, due_on: dt.date | None = due_on) -> DueTeam:
            return DueTeam(
                name=row.name,
                file=row.file,
                assessed_at=row.assessed_at,
                age_days=row.age_days,
                due_on=due_on,
                stale_evidence=row.stale_evidence,
                why=why,
            )

        if as_of is None:
            continue
        if row.assessed_at is None:
            due.append((10**9, entry("no assessed_at date, so its age is not known")))
        elif row.due:
            assert row.age_days is not None and due_on is not None
            late = row.age_days - review_days
            due.append(
                (
                    row.age_days,
                    entry(
                        f"assessed {counted(row.age_days, 'day')} ago; due since {due_on.isoformat()} "
                        f"({counted(late, 'day')} overdue){evidence}"
                    ),
                )
            )
        elif row.stale_evidence:
            assert due_on is not None
            recheck.append(entry(f"not due until {due_on.isoformat()}{evidence}"))
    due.sort(key=lambda p: -p[0])
    return Reassessment(as_of=as_of, review_days=review_days, due=[d for _, d in due], recheck=recheck)


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
                    statement=f"{len(weak)} of {n} teams are weak on \u201c{question.text}\u201d (most "
                    f"common answer: {common})",
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


def _kind(q: Questionnaire, domain_id: str) -> str | None:
    advice = q.domain(domain_id).advice
    return advice.kind if advice else None


def _teams_are(n: int) -> str:
    return f"{counted(n, 'team')} {agrees(n, 'is', 'are')}"


def _names(rows: Sequence[_Scored], limit: int = 5) -> str:
    names = [r.row.name for r in rows[:limit]]
    more = len(rows) - limit
    return ", ".join(names) + (f" and {more} more" if more > 0 else "")


def _embed_order(r: _Scored) -> tuple[int, int, float, float]:
    """Overloaded teams first (SRE book ch. 30), then the most high risks, pages, lowest score."""
    overloaded = "on-call-overload" in r.row.anti_patterns
    return (not overloaded, -r.row.high_risks, -(r.row.pages_per_week or 0), r.row.overall or 0.0)


CONSULTANTS = 2  # one or two part-time consultants before a first SRE team [G-org]


def _org_topology(q: Questionnaire, rows: Sequence[_Scored], gaps: list[SharedGap]) -> OrgTopology:
    n = len(rows)
    org_teams = _org_teams(rows)
    widespread = [g for g in gaps if g.count >= WIDESPREAD * n]
    tooling = [g for g in widespread if _kind(q, g.domain) == "tooling"]
    practice = [g for g in widespread if _kind(q, g.domain) == "practice"]
    repeated_toil = [r for r in rows if r.toil_shared]
    sres = max((s for r in rows if (s := r.team.answers.team.sre_count) is not None), default=None)
    advised = {p: [r for r in rows if r.advice.recommended == p] for p in topology.PATTERNS}
    sparse = [r for r in rows if r.advice.outcome == "not-enough-evidence"]
    notes: list[str] = []
    named = Counter(r.row.name for r in rows)
    for name, times in sorted(named.items()):
        if times > 1:
            notes.append(
                f"{counted(times, 'file')} name the same team ({name}): each is rolled up as a team of its "
                "own. Give each team its own name, or keep one file per team here (assess history reads "
                "a team's files over time)."
            )
    short = sorted({t for r in rows if (t := r.team.answers.team.teams_in_org) is not None and t < n})
    if short:
        notes.append(
            f"{counted(n, 'team')} are rolled up, but some files give a smaller organisation (teams_in_org "
            f"{', '.join(map(str, short))}): each team's own advice read that number; correct it in those "
            "files."
        )
    if not any(d.advice for d in q.domains):
        notes.append(
            "This questionnaire declares no advice roles for its domains: shared gaps cannot be told apart "
            "as tooling (a platform's work) or practice (an enabling team's), so neither is proposed from "
            "them."
        )

    # --- platform: enough teams sharing the need [TT] (thresholds: topology.PLATFORM_TEAMS, ours) ---
    platform_why: list[str] = []
    if org_teams < topology.PLATFORM_TEAMS:
        platform_why.append(
            f"With {counted(org_teams, 'team')} a platform team has too few customers to pay off (it needs "
            f"at least {topology.PLATFORM_TEAMS})."
        )
    if tooling:
        platform_why.append(
            f"{counted(len(tooling), 'tooling gap')} shared by at least {WIDESPREAD:.0%} of teams, e.g. "
            f"{tooling[0].statement}."
        )
    if repeated_toil:
        platform_why.append(
            f"{len(repeated_toil)} of {n} teams {agrees(len(repeated_toil), 'says', 'say')} other teams "
            "repeat the same toil."
        )
    if advised["platform"]:
        platform_why.append(
            f"{_teams_are(len(advised['platform']))} advised a platform on "
            f"{agrees(len(advised['platform']), 'its', 'their')} own answers."
        )
    platform_ok = org_teams >= topology.PLATFORM_TEAMS and (
        len(tooling) >= 2 or len(repeated_toil) >= WIDESPREAD * n or len(advised["platform"]) >= 2
    )
    if not platform_ok and org_teams >= topology.PLATFORM_TEAMS:
        platform_why.append("The shared tooling gaps are too few or too narrow to keep a platform team busy.")

    # --- enabling: several teams with the same practice gap [TT] [G-org consulting] ---
    enabling_why: list[str] = []
    enabling_ok = org_teams >= topology.ENABLING_TEAMS and (
        len(practice) >= 2 or len(advised["enabling"]) >= 2
    )
    if practice:
        enabling_why.append(
            f"{counted(len(practice), 'practice gap')} shared by at least {WIDESPREAD:.0%} of teams, e.g. "
            f"{practice[0].statement}."
        )
    if advised["enabling"]:
        enabling_why.append(f"{_teams_are(len(advised['enabling']))} advised coaching on their own answers.")
    if not enabling_ok:
        enabling_why.append(
            "Too few shared practice gaps for a coaching team."
            if org_teams >= topology.ENABLING_TEAMS
            else f"With {counted(org_teams, 'team')} there are too few teams for an enabling team to serve."
        )

    # --- separate: teams whose own preconditions and preference say hand over [DOT Type 7] ---
    ready = advised["separate"]
    separate_ok = bool(ready)
    separate_why: list[str] = []
    if ready:
        separate_why.append(
            f"{counted(len(ready), 'team')} {agrees(len(ready), 'meets', 'meet')} every precondition for "
            f"handing services to an SRE team and {agrees(len(ready), 'prefers', 'prefer')} it: "
            f"{_names(ready)}."
        )
    else:
        separate_why.append(
            "No team's own advice is to hand its services to an SRE team: none meets every precondition "
            "(high maturity with SLOs, services that meet an onboarding bar) and prefers it."
        )
    overloaded = [r for r in rows if "on-call-overload" in r.row.anti_patterns]
    if overloaded:
        separate_why.append(
            f"{_teams_are(len(overloaded))} beyond 2 incidents per on-call shift ({_names(overloaded)}): "
            "they get an embedded SRE to cut the load first, not a separate team (SRE book ch. 30)."
        )
    fake = [r for r in rows if "fake-sre" in r.row.anti_patterns]
    if fake and sres:
        has_team = any(r.team.answers.team.current_setup == "separate" for r in rows)
        separate_why.append(
            f"{len(fake)} of {n} teams {agrees(len(fake), 'asks', 'ask')} 'SRE in name only?': answer what "
            f"the {counted(sres, 'SRE')} {agrees(sres, 'works', 'work')} on "
            + ("before the SRE team takes on more." if has_team else "before forming an SRE team.")
        )

    # --- headcount: existing SRE team, then embeddings, then coaching, then a new SRE team ---
    budget = sres or 0
    budget_why: list[str] = []
    hires = 0
    keeps_sre_team = separate_ok and any(r.team.answers.team.current_setup == "separate" for r in ready)
    rotation = topology.ROTATION_ONE_SITE if separate_ok else 0

    def take(need: int) -> int:
        nonlocal budget, hires
        got = min(need, budget)
        budget -= got
        hires += need - got
        return got

    separate_staff = take(rotation) if keeps_sre_team else 0
    embed = sorted(advised["embedded"], key=_embed_order)[:EMBED_FIRST]
    embedded_first = []
    embedded_staffed = 0
    for r in embed:
        got = take(1)
        embedded_staffed += got
        why = f"overall {r.row.overall or 0:.0f}/100, {counted(r.row.high_risks, 'high risk')}"
        if r.row.pages_per_week is not None:
            why += f", {counted(r.row.pages_per_week, 'page')} a week"
        if "on-call-overload" in r.row.anti_patterns:
            why += ", on-call overloaded"
        embedded_first.append(
            EmbedCandidate(
                team=r.row.name, why=why + ("" if got else "; waits for a hire"), staffed=bool(got)
            )
        )
    if enabling_ok:
        busy_now = {c.team for c in embedded_first}
        if platform_ok:
            busy_now |= {
                i.team
                for i in _platform_api(tooling, rows, repeated_toil, busy_now).interactions
                if i.mode == "collaboration"
            }
        candidates = _enabling_api(practice, rows, busy_now, advised["enabling"]).interactions
        if not candidates:
            enabling_ok = False
            enabling_why.append(
                "Every team it would coach gets an embedded SRE or pilots the platform first: "
                "coaching follows once those end."
            )
    # Google staffs a dedicated consulting team only in a large organisation [G-org]; in a small one
    # today's SRE coaches part-time, and nobody is hired for it [talk].
    small = org_teams < topology.PLATFORM_TEAMS
    need = (1 if budget else 0) if small else CONSULTANTS
    enabling_staff = take(need) if enabling_ok else 0
    if enabling_ok and small and not enabling_staff:
        enabling_why.append(
            "Not a team of its own here: the embedded SRE coaches these teams part-time once it steps out "
            "(months 3-6), so nobody is hired for it."
            if embedded_staffed
            else f"Not a team of its own here: with {counted(org_teams, 'team')}, coaching is part-time work "
            "for the organisation's first SRE, not a team to hire."
        )
    if separate_ok and not keeps_sre_team:
        separate_staff = take(rotation)
    if sres is None:
        budget_why.append("No team gives the organisation's SRE headcount (sre_count): every SRE is a hire.")
    spent = embedded_staffed + enabling_staff + separate_staff
    if not sres:
        budget_why.append(
            "Spends no SRE: the organisation has none yet"
            + (f"; {counted(hires, 'SRE')} to hire for what is proposed." if hires else ".")
        )
    else:
        budget_why.append(
            f"Spends {spent} of the organisation's {counted(sres, 'SRE')}: {embedded_staffed} embedded"
            + (f", {enabling_staff} coaching" if enabling_ok else "")
            + (f", {separate_staff} in the SRE team's rotation" if separate_ok else "")
            + (f"; {counted(hires, 'SRE')} still to hire for the rest." if hires else ".")
        )
    if len(advised["embedded"]) > len(embed):
        budget_why.append(
            f"{counted(len(advised['embedded']) - len(embed), 'more team')} would also benefit from an "
            "embedded SRE; each embedding lasts about 6 months, so they follow in turn."
        )
    if separate_ok:
        separate_why.append(
            f"An SRE team needs a rotation of {topology.ROTATION_ONE_SITE} on one site (or "
            f"{topology.ROTATION_PER_SITE} per site on two): "
            + (
                f"{separate_staff} of them from today's SREs, {counted(rotation - separate_staff, 'hire')}."
                if separate_staff < rotation
                else "staffed from today's SREs."
            )
        )
    if enabling_ok and enabling_staff < need:
        enabling_why.append(
            f"Staffed with {counted(enabling_staff, 'SRE')} of the {need} it needs; the rest are hires."
        )

    google = None
    if separate_ok:
        google = (
            "product/application: SRE teams dedicated to the critical user-facing applications that meet "
            "the bar"
            if (sres or 0) >= 2 * topology.ROTATION_ONE_SITE
            else "kitchen sink: the SRE team for every service that meets the onboarding bar, with a charter"
            if keeps_sre_team
            else "kitchen sink: a first SRE team for the services that meet the onboarding bar, with a "
            "charter"
        )
    elif platform_ok:
        google = (
            "infrastructure or tools, if SREs staff the platform: shared services and the tooling teams use"
        )
    elif enabling_ok:
        google = "consulting: one or two part-time SRE consultants before any SRE team"
    elif embedded_first:
        google = "embedded: one SRE per team, time-bounded"

    if platform_ok:
        budget_why.append(
            f"The platform team comes on top of these SREs: {topology.TEAM_MIN}-{topology.TEAM_MAX} "
            "engineers, moved from the teams or hired (Team Topologies); forming it is the first step of "
            "its part of the roadmap."
        )
    given = sorted({s for r in rows if (s := r.team.answers.team.sre_count) is not None})
    if len(given) > 1:
        budget_why.append(
            f"The teams' files give different SRE headcounts ({given[0]} to {given[-1]}): the largest is "
            "used; check it, since every SRE spent above rests on it."
        )

    # One change at a time for a team: no platform pilot among the teams getting an embedded SRE,
    # and no coaching for a team that is piloting the platform or has an SRE embedded.
    busy = {c.team for c in embedded_first}
    apis: list[TeamApi] = []
    if platform_ok:
        apis.append(_platform_api(tooling, rows, repeated_toil, busy))
        busy |= {i.team for i in apis[-1].interactions if i.mode == "collaboration"}
    if enabling_ok:
        apis.append(_enabling_api(practice, rows, busy, advised["enabling"]))
    if separate_ok:
        apis.append(_sre_api(ready))
    return OrgTopology(
        embedded_first=embedded_first,
        platform=Proposal(recommended=platform_ok, why=platform_why),
        enabling=Proposal(recommended=enabling_ok, why=enabling_why),
        separate=Proposal(recommended=separate_ok, why=separate_why),
        google_implementation=google,
        team_apis=apis,
        headcount=OrgHeadcount(
            sres=sres,
            embedded=embedded_staffed,
            enabling=enabling_staff,
            separate=separate_staff,
            hires=hires,
            why=budget_why,
        ),
        anti_patterns=_carried_up(rows),
        not_enough_evidence=[r.row.name for r in sparse],
        notes=notes,
    )


def _carried_up(rows: Sequence[_Scored]) -> list[OrgAntiPattern]:
    """The teams' own warnings, counted: most widespread first."""
    found: dict[str, tuple[str, str, list[str]]] = {}
    for r in rows:
        for a in r.advice.anti_patterns:
            found.setdefault(a.id, (a.title, a.source, []))[2].append(r.row.name)
    out = [
        OrgAntiPattern(
            id=i,
            title=title,
            teams=names,
            count=len(names),
            why=f"{len(names)} of {counted(len(rows), 'team')}" + (f" ({source})" if source else ""),
        )
        for i, (title, source, names) in found.items()
    ]
    return sorted(out, key=lambda a: -a.count)


def _most_affected(
    rows: Sequence[_Scored],
    gaps: list[SharedGap],
    limit: int,
    exclude: set[str] = frozenset(),  # type: ignore[assignment]
) -> list[str]:
    counts = Counter(name for g in gaps for name in g.teams if name not in exclude)
    ranked = [name for name, _ in counts.most_common(limit)]
    return ranked or [r.row.name for r in rows if r.row.name not in exclude][:limit]


def _platform_api(
    tooling: list[SharedGap], rows: Sequence[_Scored], repeated: Sequence[_Scored], embedded: set[str]
) -> TeamApi:
    # Never pilot with a team that is getting an embedded SRE: one change at a time for a team.
    if tooling:
        pilots = _most_affected(rows, tooling, 2, embedded)
    else:
        pilots = [r.row.name for r in repeated if r.row.name not in embedded][:2]
    services = [f"{g.action} (shared by {g.count} teams)" for g in tooling[:3] if g.action] or [
        "Shared automation for the toil the teams report as repeated by other teams."
    ]
    return TeamApi(
        name="Reliability platform",
        type="platform",
        focus="Remove, once for everyone, the tooling gaps and toil that many teams share.",
        services_offered=services,
        service_expectations="Every service offered has its own SLO and documentation; self-service first, "
        "tickets only as a fallback; run as a product, with its users' adoption measured.",
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
        or f"{counted(len(repeated), 'team')} {agrees(len(repeated), 'repeats', 'repeat')} the same toil.",
    )


def _enabling_api(
    practice: list[SharedGap], rows: Sequence[_Scored], embedded: set[str], advised: Sequence[_Scored]
) -> TeamApi:
    coached = (
        _most_affected(rows, practice, 4, embedded)
        if practice
        else [r.row.name for r in advised if r.row.name not in embedded][:4]
    )
    return TeamApi(
        name="SRE enablement",
        type="enabling",
        focus="Help teams build the reliability practices they share gaps in; owns no services.",
        services_offered=[f"Coaching on \u201c{g.text}\u201d" for g in practice[:4]]
        or ["Coaching on the practice gaps the teams' own advice names."],
        service_expectations="One or two teams at a time, each with a goal it can measure; office hours for "
        "everyone else.",
        interactions=[
            Interaction(
                team=t, mode="facilitating", purpose="adopt the missing practices", duration="6-12 weeks"
            )
            for t in coached
        ],
        why=" ".join(g.statement + "." for g in practice[:2])
        or f"{_teams_are(len(advised))} advised coaching on their own answers.",
    )


def _sre_api(ready: Sequence[_Scored]) -> TeamApi:
    return TeamApi(
        name="SRE team",
        type="sre",
        focus="Run the services that meet the onboarding bar, and engineer their operational load down.",
        services_offered=[
            "Production readiness reviews and onboarding of services that meet the bar",
            "Shared on-call for onboarded services, with operational work capped at half of SRE time",
            "SLO and error-budget reviews with the owning teams",
        ],
        service_expectations="Services are onboarded only after a readiness review and a week of taking the "
        "pager for a spin; the pager goes back to the developers when operational work exceeds half of the "
        "team's time.",
        interactions=[
            Interaction(
                team=r.row.name,
                mode="collaboration",
                purpose="readiness review and onboarding",
                duration="4-8 weeks per service",
            )
            for r in ready[:5]
        ]
        + [
            Interaction(
                team="onboarded services", mode="x-as-a-service", purpose="shared on-call", duration="ongoing"
            )
        ],
        why=f"{counted(len(ready), 'team')} {agrees(len(ready), 'meets', 'meet')} every precondition for "
        f"handing {agrees(len(ready), 'its', 'their')} services over.",
    )


def _org_roadmap(q: Questionnaire, gaps: list[SharedGap], topo: OrgTopology, n: int) -> list[OrgRoadmapItem]:
    items = []
    for g in gaps:
        if g.action is None:
            continue
        phase = "now" if g.severity == "high" else "next" if g.count >= n / 2 else "later"
        if topo.platform.recommended and _kind(q, g.domain) == "tooling":
            owner = "Reliability platform"
        elif topo.enabling.recommended and _kind(q, g.domain) == "practice":
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
    closed, opened, unchanged = action_changes(old, new)
    return Comparison(
        facts_changed=facts_changed(old, new),
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
        actions_closed=closed,
        actions_opened=opened,
        actions_done_unchanged=unchanged,
    )


def _fact_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def facts_changed(old: Assessment, new: Assessment) -> list[FactChange]:
    """Team facts (other than the name) that differ, in the order the answers file lists them."""
    found = []
    for fact in TeamProfile.model_fields:
        if fact == "name":
            continue
        before, after = _fact_text(getattr(old.team, fact)), _fact_text(getattr(new.team, fact))
        if before != after:
            found.append(FactChange(fact=fact, old=before, new=after))
    return found


def _risk_changes(questions: Sequence[str], a: Assessment) -> list[RiskChange]:
    by_id = {r.question: r for r in a.risks}
    titles = {q.id: q.title or q.text for q in a.questions}
    return [
        RiskChange(question=q, domain=by_id[q].domain, title=titles.get(q, q), severity=by_id[q].severity)
        for q in sorted(questions, key=lambda q: by_id[q].rank)
    ]


def _step(old: Assessment, new: Assessment) -> HistoryStep:
    c = compare(old, new)
    assert old.assessed_at is not None and new.assessed_at is not None
    return HistoryStep(
        old_date=old.assessed_at,
        new_date=new.assessed_at,
        overall_old=c.overall_old,
        overall_new=c.overall_new,
        domains=c.domains,
        risks_opened=_risk_changes(c.risks_opened, new),
        risks_closed=_risk_changes(c.risks_closed, old),
        improved=len(c.improved),
        regressed=c.regressed,
        facts_changed=c.facts_changed,
        actions_closed=c.actions_closed,
        actions_opened=c.actions_opened,
        actions_done_unchanged=c.actions_done_unchanged,
    )


def history(q: Questionnaire, points: Sequence[tuple[str, Assessment]]) -> History:
    """Dated assessments of one team, oldest first (callers check dates exist)."""
    ordered = sorted(points, key=lambda p: (p[1].assessed_at is None, p[1].assessed_at))
    dated = [(f, a) for f, a in ordered if a.assessed_at is not None]
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
                levels={d.id: d.level for d in a.domains},
                high_risks=sum(r.severity == "high" for r in a.risks),
                medium_risks=sum(r.severity == "medium" for r in a.risks),
            )
            for f, a in dated
            if a.assessed_at is not None
        ],
        steps=[_step(old, new) for (_, old), (_, new) in itertools.pairwise(dated)],
    )


# ---------------------------------------------------------------------------------------------
# Between two assessments of one team
# ---------------------------------------------------------------------------------------------


def _steps(a: Assessment) -> dict[str, tuple[str, tuple[tuple[str, str], ...], str, str]]:
    """root cause -> (title, the answers it aims at, where it is, domain) for every action."""
    out: dict[str, tuple[str, tuple[tuple[str, str], ...], str, str]] = {}
    for i in a.roadmap:
        out[i.root_cause] = (i.title, tuple((t.question, t.choice) for t in i.done_when), i.phase, i.domain)
    for b in a.beyond_horizon:
        out[b.root_cause] = (b.title, tuple((t.question, t.choice) for t in b.done_when), "beyond", b.domain)
    return out


def _status(a: Assessment, root: str, *, applying: bool = True) -> ActionStatus | None:
    """The status an entry gives the root cause (``applying``: only while the entry is not closed)."""
    return next(
        (e.status for e in a.actions if e.root_cause == root and (not applying or e.state != "closed")), None
    )


def _answers(a: Assessment, questions: Iterable[str]) -> dict[str, tuple[str, tuple[str, ...]]]:
    by_id = {q.id: q for q in a.questions}
    return {q: (by_id[q].status, tuple(by_id[q].labels)) for q in questions if q in by_id}


def _said(a: Assessment, question: str) -> str:
    q = next((x for x in a.questions if x.id == question), None)
    if q is None:
        return question
    if q.status == "answered":
        return f"“{'; '.join(q.labels) or 'none selected'}”"
    return q.status


def action_changes(
    old: Assessment, new: Assessment
) -> tuple[list[ActionChange], list[ActionChange], list[ActionChange]]:
    """Actions closed and opened between two assessments, and those marked done since the first whose
    answers did not change (checked against the previous assessment: no ``done_when`` needed)."""
    before, after = _steps(old), _steps(new)
    unknown = {q.id for q in new.questions if q.status == "unanswered"}
    closed: list[ActionChange] = []
    opened: list[ActionChange] = []
    unchanged: list[ActionChange] = []
    old_questions = {q.id: q for q in old.questions}
    for root, (title, aim, _, domain) in before.items():
        now = after.get(root)
        if now is not None and now[1] == aim:
            continue  # the same step is still to do
        questions = [q for q, _ in aim] or [
            q.id for q in old.questions if q.domain == domain and q.status == "unsure"
        ]
        if now is None and questions and all(q in unknown for q in questions):
            continue  # left unanswered this time: nothing is known
        improved = [
            f"{q} from {_said(old, q)} to {_said(new, q)}"
            for q in questions
            if q in old_questions and _said(old, q) != _said(new, q)
        ]
        applies = [q for q in questions if _said(new, q) != "n/a"]
        closed.append(
            ActionChange(
                root_cause=root,
                title=title,
                domain=domain,
                old_status=_status(old, root),
                new_status=_status(new, root, applying=False),
                phase=None,
                why=("improved: " + "; ".join(improved))
                if improved and applies
                else "no longer applies"
                if improved
                else "no longer needed",
            )
        )
    for root, (title, aim, phase, domain) in after.items():
        if phase == "beyond":
            continue
        was = before.get(root)
        if was is not None and was[1] == aim and was[2] != "beyond":
            continue
        why = "a new gap" if was is None else ("the next step" if was[1] != aim else "now in the plan")
        opened.append(
            ActionChange(
                root_cause=root,
                title=title,
                domain=domain,
                old_status=_status(old, root),
                new_status=_status(new, root),
                phase=phase,
                why=why,
            )
        )
    flagged = {t.root_cause: t for t in new.actions if t.unchanged}
    for entry in new.actions:
        if entry.status != "done" or entry.state == "closed":
            continue
        if entry.since is not None and new.assessed_at is not None and new.assessed_at <= entry.since:
            continue  # the newer answers were given before it was done
        was = before.get(entry.root_cause)
        now = after.get(entry.root_cause)
        same = (
            was is not None
            and now is not None
            and was[1] == now[1]
            and _answers(old, entry.questions) == _answers(new, entry.questions)
        )
        if entry.root_cause in flagged or same:
            when = f"on {entry.since.isoformat()}" if entry.since else "since"
            text = flagged[entry.root_cause].unchanged if entry.root_cause in flagged else None
            unchanged.append(
                ActionChange(
                    root_cause=entry.root_cause,
                    title=entry.title,
                    domain=entry.domain,
                    old_status=_status(old, entry.root_cause),
                    new_status="done",
                    phase=None if now is None else now[2],
                    why=text
                    or (
                        f"Marked done {when}, but "
                        + ", ".join(entry.questions)
                        + f" {agrees(len(entry.questions), 'is', 'are')} unchanged since "
                        + (old.assessed_at.isoformat() if old.assessed_at else "the earlier assessment")
                        + "."
                    ),
                )
            )
    return closed, opened, unchanged
