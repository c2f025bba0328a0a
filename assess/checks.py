"""Cross-reference checks that a single pydantic model cannot express.

Questionnaires: duplicate ids, unknown or circular ``depends_on``, single
choices not ordered least to most mature, missing improvement actions, blank
texts (help, descriptions, labels), risk scoring without a ``default`` rule,
conditions on other answers (``not_applicable_when``, a rule's ``unless``,
``consistency``) naming unknown questions or choices, migrations naming unknown
targets, and the same action text under two root causes.
Answers: unknown questions and choices (with "did you mean"), the wrong
questionnaire or version, ``n/a`` where not allowed, and with ``strict``
every unanswered question.
"""

from __future__ import annotations

from collections.abc import Callable

from assess import conditions
from assess.diagnostics import MAX_SHOWN
from assess.engine import consistency
from assess.engine.actions import root_causes
from assess.engine.answers import resolve
from assess.loading import Diagnostic, Parsed, diagnostic_at, did_you_mean
from assess.models import (
    DEFAULT_TARGET,
    Answers,
    MultiChoice,
    MultiQuestion,
    Questionnaire,
    SingleChoice,
    SingleQuestion,
)
from assess.words import counted


def check_questionnaire(q: Questionnaire, parsed: Parsed) -> list[Diagnostic]:
    out: list[Diagnostic] = []

    def at(path: tuple[str | int, ...], message: str, severity: str = "error") -> None:
        d = diagnostic_at(parsed, path, message)
        out.append(Diagnostic(d.file, d.line, d.column, message, severity))

    domain_seen: set[str] = set()
    question_seen: dict[str, tuple[int, int]] = {}
    for di, domain in enumerate(q.domains):
        if domain.id in domain_seen:
            at(("domains", di, "id"), f"duplicate domain id {domain.id!r}")
        domain_seen.add(domain.id)
        for qi, question in enumerate(domain.questions):
            if question.id in question_seen:
                at(("domains", di, "questions", qi, "id"), f"duplicate question id {question.id!r}")
            question_seen.setdefault(question.id, (di, qi))

    all_ids = list(question_seen)
    for di, domain in enumerate(q.domains):
        if not domain.description.strip():
            at(("domains", di, "description"), f"domain {domain.id}: the description is empty")
        for qi, question in enumerate(domain.questions):
            base: tuple[str | int, ...] = ("domains", di, "questions", qi)
            _check_texts(question, base, at)
            for k, dep in enumerate(question.depends_on):
                if dep == question.id:
                    at((*base, "depends_on", k), f"{question.id} depends on itself")
                elif dep not in question_seen:
                    at((*base, "depends_on", k), f"unknown question {dep!r}{did_you_mean(dep, all_ids)}")
            if not question.scored:
                choices: tuple[SingleChoice | MultiChoice, ...] = question.choices
                for ci, choice in enumerate(choices):
                    if choice.action is not None:
                        at(
                            (*base, "choices", ci, "action"),
                            f"{question.id}.{choice.id}: a context question (scored: false) has no roadmap; "
                            "this action is never shown",
                            "warning",
                        )
            elif isinstance(question, SingleQuestion):
                scores = [question.score_of(c) for c in question.choices]
                for ci in range(1, len(scores)):
                    if scores[ci] <= scores[ci - 1]:
                        at(
                            (*base, "choices", ci, "score"),
                            f"{question.id}: choices must be listed from least to most mature with "
                            f"rising scores ({question.choices[ci].id} scores {scores[ci]:g} after "
                            f"{question.choices[ci - 1].id} at {scores[ci - 1]:g})",
                        )
                        break
                top = max(scores)
                for ci, choice in enumerate(question.choices):
                    if choice.action is None and question.score_of(choice) < top:
                        at(
                            (*base, "choices", ci),
                            f"{question.id}.{choice.id}: no improvement action; "
                            "the roadmap will have nothing to suggest from this answer",
                            "warning",
                        )
            elif isinstance(question, MultiQuestion):
                for ci, practice in enumerate(question.choices):
                    if practice.action is None and not practice.none_of_these:
                        at(
                            (*base, "choices", ci),
                            f"{question.id}.{practice.id}: no improvement action",
                            "warning",
                        )

    _check_cross_references(q, question_seen, at)

    for cycle in _cycles({qid: q.question(qid).depends_on for qid in all_ids}):  # type: ignore[union-attr]
        di, qi = question_seen[cycle[0]]
        at(
            ("domains", di, "questions", qi, "depends_on"),
            "dependency cycle: " + _loop(cycle),
        )
    return out


def _check_answer_is(
    q: Questionnaire,
    path: tuple[str | int, ...],
    question_id: str,
    when: str,
    at: Callable[..., None],
) -> None:
    """A condition on another question's answer names a question and choices that exist."""
    other = q.question(question_id)
    if other is None:
        ids = [qq.id for _, qq in q.questions()]
        at((*path, "question"), f"unknown question {question_id!r}{did_you_mean(question_id, ids)}")
        return
    unknown = conditions.references(conditions.parse(when)) - set(other.choice_ids())
    if unknown:
        name = sorted(unknown)[0]
        at(
            (*path, "when"),
            f"{question_id} has no choice {name!r}{did_you_mean(name, other.choice_ids())} "
            f"(choices: {', '.join(other.choice_ids())})",
        )


def _check_cross_references(
    q: Questionnaire, places: dict[str, tuple[int, int]], at: Callable[..., None]
) -> None:
    actions: dict[str, tuple[str, tuple[str | int, ...]]] = {}
    for qid, (di, qi) in places.items():
        question = q.question(qid)
        assert question is not None
        base: tuple[str | int, ...] = ("domains", di, "questions", qi)
        for k, clause in enumerate(question.not_applicable_when):
            _check_answer_is(q, (*base, "not_applicable_when", k), clause.question, clause.when, at)
        for r, rule in enumerate(question.risk_rules):
            for k, clause in enumerate(rule.unless):
                _check_answer_is(q, (*base, "risk_rules", r, "unless", k), clause.question, clause.when, at)
        if not question.scored or not isinstance(question, SingleQuestion):
            continue  # checklists (imported lenses above all) often repeat a generic plan on purpose
        for ci, choice in enumerate(question.choices):
            if choice.action is None:
                continue
            key = " ".join(choice.action.split()).casefold()
            first = actions.get(key)
            if first is not None and first[0] != question.root_cause_id:
                at(
                    (*base, "choices", ci, "action"),
                    f"{qid}.{choice.id}: the same action as {'.'.join(str(p) for p in first[1])}; "
                    "two gaps with one fix are one root cause (give them the same root_cause)",
                    "warning",
                )
            else:
                actions.setdefault(key, (question.root_cause_id, (qid, choice.id)))
    seen: set[str] = set()
    for c, check in enumerate(q.consistency):
        if check.id in seen:
            at(("consistency", c, "id"), f"duplicate consistency check id {check.id!r}")
        seen.add(check.id)
        for k, clause in enumerate(check.answers):
            _check_answer_is(q, ("consistency", c, "answers", k), clause.question, clause.when, at)
    for m, migration in enumerate(q.migrations):
        if migration.from_version == q.version:
            at(("migrations", m, "from_version"), f"a migration from version {q.version} to itself")
        for k, step in enumerate(migration.questions):
            if step.to is None:
                continue
            target = q.question(step.to)
            if target is None:
                ids = [qq.id for _, qq in q.questions()]
                at(
                    ("migrations", m, "questions", k, "to"),
                    f"unknown question {step.to!r}{did_you_mean(step.to, ids)}",
                )
                continue
            for old, new in (step.choices or {}).items():
                if new not in target.choice_ids():
                    at(
                        ("migrations", m, "questions", k, "choices", old),
                        f"{step.to} has no choice {new!r}{did_you_mean(new, target.choice_ids())}",
                    )


def _check_texts(
    question: SingleQuestion | MultiQuestion,
    base: tuple[str | int, ...],
    at: Callable[..., None],
) -> None:
    """Texts that exist but say nothing (the model already refuses missing or empty ones)."""
    if not question.text.strip():
        at((*base, "text"), f"{question.id}: the question text is empty")
    if not question.help.strip():
        at(
            (*base, "help"),
            f"{question.id}: the help text is empty; say why the practice matters and what good looks like",
        )
    choices: tuple[SingleChoice | MultiChoice, ...] = question.choices
    for ci, choice in enumerate(choices):
        if not choice.label.strip():
            at((*base, "choices", ci, "label"), f"{question.id}.{choice.id}: the label is empty")
    if (
        isinstance(question, MultiQuestion)
        and question.scoring == "risk"
        and not any(rule.when.strip() == "default" for rule in question.risk_rules)
    ):
        at(
            (*base, "risk_rules"),
            f"{question.id}: scored by risk but no 'default' rule; answers no rule matches count as no risk",
            "warning",
        )


def _loop(cycle: list[str], shown: int = 10) -> str:
    """``a -> b -> c -> a``; a long cycle with the middle counted instead of listed."""
    if len(cycle) <= shown:
        return " -> ".join([*cycle, cycle[0]])
    head, tail = cycle[: shown // 2], cycle[-(shown // 2) :]
    middle = f"({len(cycle) - len(head) - len(tail):,} more)"
    return " -> ".join([*head, middle, *tail, cycle[0]])


def _cycles(graph: dict[str, tuple[str, ...]]) -> list[list[str]]:
    """Each dependency cycle once, found by depth-first search (with a stack of its own, so a
    chain of thousands of prerequisites is as fine as a short one)."""
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1 = on the path, 2 = done
    for start in graph:
        if start in state:
            continue
        path: list[str] = [start]
        state[start] = 1
        todo = [iter(graph[start])]
        while todo:
            nxt = next(todo[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                todo.pop()
            elif nxt not in graph:
                continue
            elif state.get(nxt) == 1:
                cycles.append(path[path.index(nxt) :])
            elif nxt not in state:
                state[nxt] = 1
                path.append(nxt)
                todo.append(iter(graph[nxt]))
    return cycles


def check_answers(
    q: Questionnaire, answers: Answers, parsed: Parsed, *, strict: bool = False
) -> list[Diagnostic]:
    _, problems = resolve(q, answers)
    out = [diagnostic_at(parsed, p.path, p.message, on_key=p.on_key) for p in problems]
    domain_ids = [d.id for d in q.domains]
    for key in answers.targets:
        if key != DEFAULT_TARGET and key not in domain_ids:
            hint = did_you_mean(key, domain_ids) if len(out) < MAX_SHOWN else ""
            out.append(
                diagnostic_at(
                    parsed,
                    ("targets", key),
                    f"unknown domain {key!r}{hint} (domains: {', '.join(domain_ids)}, or default)",
                    on_key=True,
                )
            )
    out.extend(check_actions(q, answers, parsed))
    if strict:
        resolved, _ = resolve(q, answers)
        missing = [qq.id for _, qq in q.questions() if qq.id not in resolved]
        if missing:
            shown = ", ".join(missing[:10]) + (f" and {len(missing) - 10} more" if len(missing) > 10 else "")
            out.append(
                diagnostic_at(
                    parsed,
                    ("answers",),
                    f"{counted(len(missing), 'question')} unanswered: {shown}",
                    on_key=True,
                )
            )
    return out


def check_actions(q: Questionnaire, answers: Answers, parsed: Parsed) -> list[Diagnostic]:
    """The actions section names root causes of this questionnaire, and each ``done_when`` one of
    the root cause's questions and a choice of that question."""
    causes = root_causes(q)
    ids = list(causes)
    out = []
    for root, record in answers.actions.items():
        if root not in causes:
            out.append(
                diagnostic_at(
                    parsed,
                    ("actions", root),
                    f"unknown root cause {root!r}{did_you_mean(root, ids)} (the roadmap's root_cause ids: "
                    "a question id, its root_cause, or find-out:AREA)",
                    on_key=True,
                )
            )
            continue
        questions = {question.id: question for question in causes[root]}
        for qid, choice in record.done_when.items():
            question = questions.get(qid)
            if question is None:
                out.append(
                    diagnostic_at(
                        parsed,
                        ("actions", root, "done_when", qid),
                        f"{qid!r} is not a question of root cause {root!r}"
                        f"{did_you_mean(qid, list(questions))} (its questions: {', '.join(questions)})",
                        on_key=True,
                    )
                )
            elif choice not in question.choice_ids():
                out.append(
                    diagnostic_at(
                        parsed,
                        ("actions", root, "done_when", qid),
                        f"{qid}: unknown choice {choice!r}{did_you_mean(choice, question.choice_ids())} "
                        f"(choices: {', '.join(question.choice_ids())})",
                    )
                )
    return out


def _answer_place(parsed: Parsed, question_id: str) -> Diagnostic:
    """Where an answer is written: its choice (in the long form too), or the key when it is empty."""
    raw = parsed.data.get("answers", {}).get(question_id) if isinstance(parsed.data, dict) else None
    path: tuple[str | int, ...] = ("answers", question_id)
    if isinstance(raw, dict):
        path = (*path, "choices" if "choices" in raw else "choice")
    return diagnostic_at(parsed, path, "", on_key=raw is None)


def consistency_warnings(q: Questionnaire, answers: Answers, parsed: Parsed) -> list[Diagnostic]:
    """Answers that contradict each other, each a warning at the first answer's place that names
    the place of every answer involved."""
    resolved, problems = resolve(q, answers)
    if problems:
        return []
    out: list[Diagnostic] = []
    for found in consistency.find(q, resolved):
        places = [(qid, _answer_place(parsed, qid)) for qid in found.questions]
        where = "; ".join(f"{qid} at {d.file}:{d.line}:{d.column}" for qid, d in places)
        first = places[0][1]
        out.append(Diagnostic(first.file, first.line, first.column, f"{found.message} ({where})", "warning"))
    return out
