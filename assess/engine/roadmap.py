"""The improvement roadmap as a plan: which actions, in which phase, for whom, how big.

Each action comes from the questionnaire (the chosen answer's improvement action), so the
plan falls out of the answers. Pure and deterministic; the rules, in order:

1. One action per root cause. Questions sharing a ``root_cause`` give one action (the most
   serious one's); questions a team answered ``unsure`` give one "find out" action per area.
2. The horizon: without targets, one level up in each area; with targets, the target level.
   In the plan: the best-value actions that reach the horizon in each area, every action that
   removes a high or medium risk, and the prerequisites those need. Everything else is
   listed beyond the horizon.
3. Phases: now (days 0-30), next (30-90), later (90-180). At most ``now_limit`` actions start
   in each phase (from the team size, or the answers file); later phases are longer because
   their actions are bigger. What does not fit is listed beyond the horizon.
4. The top risks (ranked by severity, then the question's weight) go first: each one's action
   is in *now*, or, when a prerequisite is barely in place, that prerequisite is in *now* and
   the action follows with "blocked by X, which starts now". As many top risks as fit in *now*
   (at most TOP_RISKS) are the ones page 1 shows.
5. Within what is left, the actions that remove the most risk per effort come first; an
   action never starts in the same phase as a prerequisite that is barely in place.
6. An action whose risk the team accepted (the answers file's ``actions`` section) is never in
   the plan: it is listed beyond it, as are the actions that wait for it; its risk is still listed,
   but is never one of the top risks.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass, field
from typing import Literal

from assess.engine.answers import Resolved
from assess.engine.compiled import Answered
from assess.engine.scoring import (
    domain_score,
    effective_selection,
    label_of,
    question_risk,
    question_score,
)
from assess.engine.topology import PLATFORM_TEAMS
from assess.models import (
    AnswerTarget,
    BacklogItem,
    MultiChoice,
    MultiQuestion,
    Owner,
    PatternId,
    Plan,
    PlanPhase,
    PlanSettings,
    Questionnaire,
    RoadmapItem,
    Role,
    SingleChoice,
    SingleQuestion,
    Size,
    TeamProfile,
)
from assess.words import listing

PHASES = ("now", "next", "later")
PHASE_DAYS = {"now": (0, 30), "next": (30, 90), "later": (90, 180)}
TOP_RISKS = 5  # at most this many risks on page 1, each started now
MEDIUM_GAIN = 5.0  # domain points an action must add to count as medium impact
BARELY_IN_PLACE = 0.5  # a prerequisite below this score blocks its dependents until it is done
RISK_POINTS = {"high": 3.0, "medium": 1.0}
SIZES: dict[str, tuple[Size, tuple[int, int], str]] = {
    "low": ("S", (1, 3), "up to 3 person-days"),
    "medium": ("M", (5, 10), "1-2 person-weeks"),
    "high": ("L", (15, 30), "3-6 person-weeks, usually split into steps"),
}
SIZE_POINTS = {"S": 1.0, "M": 2.0, "L": 4.0}
# (fewest engineers, actions in the first 30 days): about one improvement in flight for every
# two engineers beside feature work, never fewer than three, and no more than six.
NOW_BY_TEAM_SIZE = ((10, 6), (8, 5), (6, 4), (1, 3))
NOW_UNKNOWN = 4
FIND_OUT = "find-out:"


def now_limit(team: TeamProfile, settings: PlanSettings | None) -> tuple[int, str]:
    """The bound on the first phase, and where it came from."""
    if settings is not None and settings.now_limit is not None:
        return settings.now_limit, "answers file"
    people = team.engineers if team.engineers is not None else team.on_call_engineers or None
    if not people:
        return NOW_UNKNOWN, "default"
    return next(limit for fewest, limit in NOW_BY_TEAM_SIZE if people >= fewest), "team size"


def owner_for(role: Role, pattern: PatternId, team: TeamProfile) -> Owner:
    """The questionnaire names a kind of owner; the advice says who that is for this team."""
    if role == "leadership":
        return "leadership"
    if role == "sre":
        return {"embedded": "embedded-sre", "enabling": "enabling-team", "separate": "sre-team"}.get(
            pattern, "team"
        )  # type: ignore[return-value]
    if role == "platform" and (pattern == "platform" or (team.teams_in_org or 0) >= PLATFORM_TEAMS):
        return "platform-team"
    return "team"


@dataclass
class _Action:
    root: str
    title: str
    domain: str
    domain_title: str
    questions: list[str]
    text: str
    risk_before: str | None
    risk_after: str | None
    effort: str
    role: Role
    level_from: int | None
    level_to: int | None
    gain: float
    after_score: float | None  # the lead question's score once done (None for find-out)
    position: int
    find_out: bool = False
    done_when: tuple[AnswerTarget, ...] = ()  # the answer it aims at (the lead question's)
    stop: str | None = None
    reasons: list[str] = field(default_factory=list)
    blockers: set[str] = field(default_factory=set)

    @property
    def size(self) -> Size:
        return SIZES[self.effort][0]

    @property
    def value(self) -> float:
        removed = RISK_POINTS.get(self.risk_before or "", 0.0) - RISK_POINTS.get(self.risk_after or "", 0.0)
        if self.find_out:
            removed = RISK_POINTS.get(self.risk_before or "", 0.0)
        return max(removed, 0.0) + max(self.gain, 0.0) / 10

    @property
    def priority(self) -> float:
        """Risk removed (and points gained) per unit of effort."""
        return self.value / SIZE_POINTS[self.size]

    @property
    def impact(self) -> str:
        if self.risk_before == "high":
            return "high"
        if self.risk_before == "medium" or self.gain >= MEDIUM_GAIN:
            return "medium"
        return "low"


@dataclass(frozen=True)
class Built:
    roadmap: list[RoadmapItem]
    beyond: list[BacklogItem]
    plan: Plan
    top: list[str]  # questions of the top risks, in rank order
    planned: dict[str, str]  # question -> now/next/later/beyond, for every question with an action


def next_step(
    question: SingleQuestion | MultiQuestion, selected: tuple[str, ...]
) -> tuple[str, tuple[str, ...], SingleChoice | MultiChoice] | None:
    """(action, selection after doing it, choice carrying the action), or None at the top."""
    if isinstance(question, SingleQuestion):
        ordered = sorted(question.choices, key=question.score_of)
        current = next(i for i, c in enumerate(ordered) if c.id == selected[0])
        if current == len(ordered) - 1 or ordered[current].action is None:
            return None
        action = ordered[current].action
        assert action is not None
        return action, (ordered[current + 1].id,), ordered[current]
    missing = [c for c in question.choices if not c.none_of_these and c.id not in selected and c.action]
    if not missing:
        return None
    choice = max(missing, key=lambda c: c.weight)  # first by weight, then questionnaire order
    action = choice.action
    assert action is not None
    kept = tuple(s for s in selected if s in {c.id for c in question.choices if not c.none_of_these})
    return action, (*kept, choice.id), choice


def _candidates(
    questionnaire: Questionnaire,
    answers: Mapping[str, Resolved],
    scores: Mapping[str, float | None],
    risks: Mapping[str, str | None],
    others: Answered,
) -> dict[str, _Action]:
    by_root: dict[str, _Action] = {}
    unsure: dict[str, list[tuple[SingleQuestion | MultiQuestion, str]]] = {}
    position = 0
    for domain in questionnaire.domains:
        before = domain_score(questionnaire, domain.id, dict(scores))
        for question in domain.questions:
            position += 1
            answer = answers.get(question.id)
            if answer is None or answer.status == "n/a" or not question.scored:
                continue
            step = next_step(question, effective_selection(question, answer))
            if step is None:
                continue
            text, after_selection, choice = step
            if answer.status == "unsure":
                unsure.setdefault(domain.id, []).append((question, text))
                continue
            done = Resolved("answered", after_selection)
            after_score = question_score(question, done)
            aim = after_selection[0] if isinstance(question, SingleQuestion) else choice.id
            labels = {c.id: c.label for c in question.choices}
            after = domain_score(questionnaire, domain.id, {**scores, question.id: after_score})
            action = _Action(
                root=question.root_cause_id,
                title=question.short_title,
                domain=domain.id,
                domain_title=domain.title,
                questions=[question.id],
                text=text,
                risk_before=risks.get(question.id),
                risk_after=question_risk(question, done, others),
                effort=choice.effort or question.effort,
                role=choice.owner or question.owner,
                level_from=before.level,
                level_to=after.level,
                gain=(after.score or 0.0) - (before.score or 0.0),
                after_score=after_score,
                position=position,
                done_when=(AnswerTarget(question=question.id, choice=aim, label=labels[aim]),),
                stop=choice.stop or question.stop,
            )
            same = by_root.get(action.root) or next((a for a in by_root.values() if a.text == text), None)
            if same is None:
                by_root[action.root] = action
            elif (_severity(action.risk_before), -action.priority) < (
                _severity(same.risk_before),
                -same.priority,
            ):
                action.questions = [*action.questions, *same.questions]
                del by_root[same.root]
                by_root[action.root] = action
            else:
                same.questions.append(question.id)
                same.risk_before = _worse(same.risk_before, action.risk_before)
    for domain in questionnaire.domains:
        found = unsure.get(domain.id)
        if not found:
            continue
        found.sort(key=lambda p: (_severity(risks.get(p[0].id)), -p[0].weight))
        lead_text = found[0][1]
        names = [f"\u201c{q.text}\u201d" for q, _ in found]
        listed = listing(names)
        if len(names) > 3:
            listed = ", ".join(names[:2]) + f" and {len(names) - 2} more questions"
        root = FIND_OUT + domain.id
        by_root[root] = _Action(
            root=root,
            title=f"Find out: {domain.title}",
            domain=domain.id,
            domain_title=domain.title,
            questions=[q.id for q, _ in found],
            text=(
                f"Find out the real answer to {listed}, with the people who would know, and answer "
                f"again; where a practice turns out to be missing, start with the first step: "
                f"{lead_text[0].lower()}{lead_text[1:]}"
            ),
            risk_before=max((risks.get(q.id) for q, _ in found), key=_severity_desc, default=None),
            risk_after=None,
            effort="low",
            role="team",
            level_from=None,  # what finding out changes is not known until the answers are in
            level_to=None,
            gain=0.0,
            after_score=None,
            position=min(_position(questionnaire, q.id) for q, _ in found),
            find_out=True,
            reasons=["the team was unsure, so these count as missing until someone finds out"],
        )
    return by_root


def _severity(risk: str | None) -> int:
    return {"high": 0, "medium": 1}.get(risk or "", 2)


def _severity_desc(risk: str | None) -> int:
    return -_severity(risk)


def _worse(a: str | None, b: str | None) -> str | None:
    return a if _severity(a) <= _severity(b) else b


def _position(questionnaire: Questionnaire, question_id: str) -> int:
    return next(i for i, (_, q) in enumerate(questionnaire.questions(), 1) if q.id == question_id)


def _link_blockers(
    questionnaire: Questionnaire, actions: dict[str, _Action], scores: Mapping[str, float | None]
) -> None:
    """An action waits for the actions of its prerequisites that are barely in place."""
    owner = {q: a.root for a in actions.values() for q in a.questions}
    for action in actions.values():
        if action.find_out:
            continue  # finding out needs nothing first
        for qid in action.questions:
            question = questionnaire.question(qid)
            assert question is not None
            for prerequisite in question.depends_on:
                root = owner.get(prerequisite)
                if (
                    root is None
                    or root == action.root
                    or (scores.get(prerequisite) or 0.0) >= BARELY_IN_PLACE
                ):
                    continue
                action.blockers.add(root)
    # Merged root causes could in principle point at each other; keep the graph acyclic.
    for root in _cycle_members(actions):
        actions[root].blockers.clear()


def _cycle_members(actions: Mapping[str, _Action]) -> list[str]:
    state: dict[str, int] = {}
    members: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        for nxt in sorted(actions[node].blockers):
            if state.get(nxt) == 1:
                members.append(node)
            elif nxt not in state:
                visit(nxt)
        state[node] = 2

    for node in sorted(actions):
        if node not in state:
            visit(node)
    return members


def _closure(roots: set[str], actions: Mapping[str, _Action]) -> set[str]:
    """The actions and everything they wait for."""
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        root = todo.pop()
        if root in seen:
            continue
        seen.add(root)
        todo.extend(actions[root].blockers)
    return seen


def _first_steps(root: str, actions: Mapping[str, _Action]) -> set[str]:
    """What must start first for this action: itself if nothing blocks it, else the actions at the
    start of its chains of prerequisites."""
    return {r for r in _closure({root}, actions) if not actions[r].blockers}


def _in_scope(
    questionnaire: Questionnaire,
    actions: dict[str, _Action],
    scores: Mapping[str, float | None],
    horizon: Mapping[str, int],
    excluded: Set[str] = frozenset(),
) -> set[str]:
    """Per area, the best-value actions that reach the horizon level, plus every action that removes
    a risk and every find-out, plus what those wait for; never an ``excluded`` one."""
    wanted: set[str] = {
        r
        for r, a in actions.items()
        if (a.find_out or a.risk_before in ("high", "medium")) and r not in excluded
    }
    for domain in questionnaire.domains:
        goal = horizon.get(domain.id)
        simulated = dict(scores)
        level = domain_score(questionnaire, domain.id, simulated).level
        mine = sorted(
            (
                a
                for a in actions.values()
                if a.domain == domain.id and not a.find_out and a.root not in excluded
            ),
            key=lambda a: (-a.priority, a.position),
        )
        for action in mine:
            if goal is None or level is None or level >= goal:
                break
            wanted.add(action.root)
            simulated[action.questions[0]] = action.after_score
            level = domain_score(questionnaire, domain.id, simulated).level
    return _closure(wanted, actions)


def build(
    questionnaire: Questionnaire,
    answers: Mapping[str, Resolved],
    scores: Mapping[str, float | None],
    risks: Mapping[str, str | None],
    ranked_risks: Sequence[str],
    *,
    others: Answered,
    team: TeamProfile,
    pattern: PatternId,
    targets: Mapping[str, int] | None = None,
    settings: PlanSettings | None = None,
    accepted: Set[str] = frozenset(),
) -> Built:
    """The plan. ``ranked_risks`` are the questions with a high or medium risk, most serious first;
    ``accepted`` the root causes whose risk the team accepted (rule 6)."""
    actions = _candidates(questionnaire, answers, scores, risks, others)
    _link_blockers(questionnaire, actions, scores)
    limit, limit_from = now_limit(team, settings)
    # An accepted risk's action is not done, so neither is anything that waits for it.
    excluded = {r for r in actions if _closure({r}, actions) & accepted}

    horizon: dict[str, int] = {}
    for domain in questionnaire.domains:
        level = domain_score(questionnaire, domain.id, dict(scores)).level
        if targets and domain.id in targets:
            horizon[domain.id] = targets[domain.id]
        elif level is not None:
            horizon[domain.id] = min(5, level + 1)
    scope = _in_scope(questionnaire, actions, scores, horizon, excluded)

    covering = {q: a.root for a in actions.values() for q in a.questions}
    phase_of: dict[str, int] = {}
    now: set[str] = set()
    top: list[str] = []
    promoted: dict[str, int] = {}  # root -> rank of the top risk it serves (lower first)
    for rank, qid in enumerate(ranked_risks[:TOP_RISKS]):
        root = covering.get(qid)
        if root in excluded:
            continue  # accepted, or waiting for an accepted one: listed, but not started
        if root is None:
            top.append(qid)  # shown on page 1, though the questionnaire gives no action for it
            continue
        first = _first_steps(root, actions)
        if len(now | first) > limit:
            break
        now |= first
        top.append(qid)
        for r in _closure({root}, actions):
            promoted.setdefault(r, rank)
    for root in now:
        phase_of[root] = 0

    # A prerequisite is worth as much as the most valuable action waiting for it.
    urgency = {r: a.priority for r, a in actions.items()}
    for root in sorted(scope, key=lambda r: -actions[r].priority):
        for blocker in _closure({root}, actions) - {root}:
            urgency[blocker] = max(urgency[blocker], actions[root].priority)

    def order(root: str) -> tuple[int, float, int]:
        return (promoted.get(root, TOP_RISKS), -urgency[root], actions[root].position)

    waiting = sorted((r for r in scope if r not in phase_of), key=order)
    for index in range(len(PHASES)):
        placed = sum(1 for p in phase_of.values() if p == index)
        for root in list(waiting):
            if placed >= limit:
                break
            if all(phase_of.get(b, len(PHASES)) < index for b in actions[root].blockers):
                phase_of[root] = index
                placed += 1
                waiting.remove(root)

    top_set = set(top)
    items: list[RoadmapItem] = []
    for index, phase in enumerate(PHASES):
        chosen = sorted((r for r, p in phase_of.items() if p == index), key=order)
        for root in chosen:
            items.append(_item(actions[root], phase, actions, phase_of, top_set, pattern, team))

    beyond = [
        _backlog(actions[r], actions, phase_of, scope, pattern, team, accepted, excluded)
        for r in sorted((r for r in actions if r not in phase_of), key=lambda r: (order(r)[1:], r))
    ]
    planned = {
        q: (PHASES[phase_of[a.root]] if a.root in phase_of else "beyond")
        for a in actions.values()
        for q in a.questions
    }
    counts = [sum(1 for p in phase_of.values() if p == i) for i in range(len(PHASES))]
    plan = Plan(
        now_limit=limit,
        now_limit_from=limit_from,
        horizon="targets" if targets else "next level",
        phases=[
            PlanPhase(
                id=phase, start_day=PHASE_DAYS[phase][0], end_day=PHASE_DAYS[phase][1], limit=limit, actions=n
            )
            for phase, n in zip(PHASES, counts, strict=True)
        ],
        top_risks=len(top),
        sizes={size: meaning for size, _, meaning in SIZES.values()},
    )
    return Built(items, beyond, plan, top, planned)


def _why(action: _Action, actions: Mapping[str, _Action], phase_of: Mapping[str, int]) -> str:
    reasons = list(action.reasons)
    if action.risk_before in ("high", "medium") and not action.find_out:
        if action.risk_after in ("high", "medium") and action.risk_after != action.risk_before:
            reasons.append(f"lowers a {action.risk_before} risk to {action.risk_after}")
        elif action.risk_after != action.risk_before:
            reasons.append(f"removes a {action.risk_before} risk")
        else:
            reasons.append(f"a first step on a {action.risk_before} risk")
    if action.level_from is not None and action.level_to is not None and action.level_to > action.level_from:
        reasons.append(
            f"lifts {action.domain_title} from level {action.level_from} ({label_of(action.level_from)}) "
            f"to {action.level_to} ({label_of(action.level_to)})"
        )
    elif action.gain > 0:
        reasons.append(f"adds {action.gain:.1f} points to {action.domain_title}")
    if action.size == "S":
        reasons.append("a small step")
    mine = phase_of.get(action.root)
    waiting = sorted(
        a.title
        for a in actions.values()
        if action.root in a.blockers and a.root in phase_of and mine is not None and phase_of[a.root] > mine
    )
    if waiting:
        reasons.append(
            "comes first: " + ", ".join(waiting) + (" builds" if len(waiting) == 1 else " build") + " on it"
        )
    for blocker in sorted(action.blockers):
        other = actions[blocker]
        when = phase_of.get(blocker)
        if when is not None and mine is not None and when == 0 and mine > 0:
            reasons.append(f"blocked by {other.title}, which starts now")
        elif when is not None:
            reasons.append(f"after {other.title}, which it builds on")
        else:
            reasons.append(f"waits for {other.title}")
    if not reasons:
        return "Moves the practice up one step."
    text = "; ".join(reasons)
    return text[0].upper() + text[1:] + "."


def _item(
    action: _Action,
    phase: str,
    actions: Mapping[str, _Action],
    phase_of: Mapping[str, int],
    top: set[str],
    pattern: PatternId,
    team: TeamProfile,
) -> RoadmapItem:
    size, days, _ = SIZES[action.effort]
    start, end = PHASE_DAYS[phase]
    top_here = [q for q in action.questions if q in top]
    why = _why(action, actions, phase_of)
    if top_here:
        why = "One of the top risks on page 1. " + why
    return RoadmapItem(
        phase=phase,
        action=action.text,
        domain=action.domain,
        questions=list(action.questions),
        impact=action.impact,
        effort=action.effort,
        level_from=action.level_from,
        level_to=action.level_to,
        why=why,
        root_cause=action.root,
        title=action.title,
        owner=owner_for(action.role, pattern, team),
        size=size,
        person_days=list(days),
        horizon=f"{start}-{end} days",
        start_day=start,
        end_day=end,
        blocked_by=sorted(action.blockers),
        top_risks=top_here,
        done_when=list(action.done_when),
        stop=action.stop,
    )


def _backlog(
    action: _Action,
    actions: Mapping[str, _Action],
    phase_of: Mapping[str, int],
    scope: set[str],
    pattern: PatternId,
    team: TeamProfile,
    accepted: Set[str] = frozenset(),
    excluded: Set[str] = frozenset(),
) -> BacklogItem:
    reason: Literal["horizon", "capacity", "blocked", "accepted-risk"]
    if action.root in accepted:
        reason = "accepted-risk"
    elif action.root in excluded:
        reason = "blocked"
    elif action.root not in scope:
        reason = "horizon"
    elif any(b not in phase_of for b in action.blockers):
        reason = "blocked"
    else:
        reason = "capacity"
    return BacklogItem(
        root_cause=action.root,
        title=action.title,
        domain=action.domain,
        questions=list(action.questions),
        action=action.text,
        impact=action.impact,
        size=action.size,
        owner=owner_for(action.role, pattern, team),
        reason=reason,
        done_when=list(action.done_when),
    )
