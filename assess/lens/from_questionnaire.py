"""A questionnaire as a lens (or several) within every rule and limit of the format.

What has no lens equivalent is simplified and reported: weights, n/a, effort,
depends_on, the ``why`` of risk rules, domain descriptions and choice scores, and the
plan and cross-answer fields (titles, owners, root causes, ``not_applicable_when``, a
rule's ``unless``, context questions, consistency checks, migrations).

- Checklist questions keep their practices and risk rules; rules are rewritten
  (same meaning) when the format needs it: one rule per risk level, a final
  ``default``. A checklist without rules gets NO_RISK when every practice is
  chosen, MEDIUM_RISK when some are, HIGH_RISK otherwise.
- Single-choice questions become a ladder: the least mature answer is the
  ``_no`` ("None of these") choice, every other answer a choice whose
  improvement plan is the action that leads up to it (the AWS tool shows the
  plans of the choices not ticked, so a team sees the way up from where it
  is). Each answer's risk is its own risk rule's, else its score's nearest
  level (under 0.25 high, under 0.75 medium, else none).
- Texts over the limits are cut at a word with "…"; a title that had to be
  cut is given in full at the start of the description or helpful text.
- A questionnaire larger than one lens may be (10 pillars of 20 questions,
  500 KB) is split: long domains into several pillars, many pillars into
  several lenses.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from assess import conditions
from assess.lens.expr import Cond, fit, rename, to_text, without
from assess.lens.model import (
    MAX_BYTES,
    MAX_CHOICES,
    MAX_EXTRA_RESOURCES,
    MAX_NAME,
    MAX_PILLARS,
    MAX_QUESTIONS,
    MAX_TEXT,
    NONE_SUFFIX,
    RISKS,
    URL_RE,
    Choice,
    Content,
    Lens,
    Pillar,
    Question,
    Rule,
)
from assess.lens.notes import Note
from assess.lens.to_questionnaire import HELPFUL_TITLE, IMPROVEMENT_TITLE, domain_description, rule_why
from assess.models import (
    Guidance,
    Link,
    MultiChoice,
    MultiQuestion,
    Questionnaire,
    SingleChoice,
    SingleQuestion,
)
from assess.words import counted

LENS_RISK = {"none": "NO_RISK", "medium": "MEDIUM_RISK", "high": "HIGH_RISK"}
CHOOSE_ONE = "Choose the one answer that describes you best."
TRUNCATED = "texts cut to the format's length limits"

Where = tuple[str | int, ...]


def cut(text: str, limit: int) -> str:
    """``text`` within ``limit`` characters, cut at a word and marked with "…"."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    space = head.rfind(" ")
    if space > limit // 2:
        head = head[:space]
    return head.rstrip() + "…"


def score_risk(score: float) -> str:
    """The lens risk nearest a score, on the scale risk-scored questions use (1, 0.5, 0)."""
    if score < 0.25:
        return "HIGH_RISK"
    return "MEDIUM_RISK" if score < 0.75 else "NO_RISK"


class LensIds:
    """Ids the format accepts (3-128 letters, digits, underscores), unique in one scope."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def take(self, our_id: str, *, none_of_these: bool | None = None) -> str:
        base = re.sub(r"[^A-Za-z0-9_]", "_", our_id)[:128].ljust(3, "_")
        if none_of_these is True and not base.endswith(NONE_SUFFIX):
            base = base[:125] + NONE_SUFFIX
        elif none_of_these is False and base.endswith(NONE_SUFFIX):
            base = base[:127] + "_"  # a "_no" ending would make it a "None of these" choice
        candidate, n = base, 2
        while candidate in self.taken:
            suffix = f"_{n}"
            if none_of_these:
                candidate = base[: 128 - len(suffix) - 3][:-3] + suffix + NONE_SUFFIX
            else:
                candidate = base[: 128 - len(suffix)] + suffix
            n += 1
        self.taken.add(candidate)
        return candidate


@dataclass
class Exported:
    lenses: list[Lens]
    notes: list[Note] = field(default_factory=list)

    def texts(self) -> list[str]:
        return [lens_json(lens) for lens in self.lenses]


def lens_json(lens: Lens) -> str:
    return json.dumps(lens.to_json(), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def _size(lens: Lens) -> int:
    return len(lens_json(lens).encode("utf-8"))


class _Exporter:
    def __init__(self, q: Questionnaire) -> None:
        self.q = q
        self.notes: list[Note] = []
        self.counts: Counter[str] = Counter()
        self.pillar_ids = LensIds()
        self.question_ids = LensIds()

    def warn(self, where: Where, message: str, group: str | None = None) -> None:
        self.notes.append(Note("warning", message, where=where, group=group))

    def take(self, ids: LensIds, our_id: str, *, none_of_these: bool | None = None) -> str:
        lens_id = ids.take(our_id, none_of_these=none_of_these)
        if lens_id != our_id:
            self.counts["ids"] += 1
        return lens_id

    def text(self, value: str, limit: int, where: Where, what: str) -> str:
        if len(value) > limit:
            self.warn(where, f"{what} cut from {len(value)} to {limit} characters", TRUNCATED)
        return cut(value, limit)

    def url(self, link: Link, where: Where) -> str | None:
        if URL_RE.fullmatch(link.url):
            return link.url
        self.warn(where, f"link {link.url!r} dropped: the format takes only http:// and https:// urls")
        return None

    # -- whole questionnaire --------------------------------------------------

    def export(self) -> Exported:
        q = self.q
        name = self.text(q.title, MAX_NAME, ("title",), "title")
        description = self.text(q.description, MAX_TEXT, ("description",), "description")
        extra = {k: v for k, v in (q.metadata or {}).items() if k.startswith("_")}
        dropped = sorted(k for k in (q.metadata or {}) if not k.startswith("_"))
        if dropped:
            self.notes.append(
                Note(
                    "note",
                    f"metadata {', '.join(dropped)} left out: a lens keeps only fields starting with '_'",
                )
            )
        if "_version" not in extra and q.version != "1":
            extra["_version"] = q.version
        pillars: list[Pillar] = []
        for di, domain in enumerate(q.domains):
            questions = [
                self.question(qq, ("domains", di, "questions", qi)) for qi, qq in enumerate(domain.questions)
            ]
            pillars += self.pillars(domain.id, domain.title, questions, ("domains", di))
            if domain.weight != 1.0:
                self.counts["domain weights"] += 1
            if domain.advice is not None:
                self.counts["domain roles"] += 1
            if domain.description != domain_description(domain.id, domain.title, q.title):
                self.counts["domain descriptions"] += 1
        lenses = self.pack(Lens(name, description, tuple(pillars), extra))
        self.summarise()
        return Exported(lenses, self.notes)

    def pillars(self, domain_id: str, title: str, questions: list[Question], where: Where) -> list[Pillar]:
        chunks = [questions[i : i + MAX_QUESTIONS] for i in range(0, len(questions), MAX_QUESTIONS)]
        if len(chunks) > 1:
            self.warn(
                where,
                f"domain {domain_id!r} has {len(questions)} questions; split into {len(chunks)} pillars "
                f"(the format allows {MAX_QUESTIONS} per pillar)",
            )
        out = []
        for k, chunk in enumerate(chunks, start=1):
            suffix = f" ({k}/{len(chunks)})" if len(chunks) > 1 else ""
            pid = self.take(self.pillar_ids, domain_id if k == 1 else f"{domain_id}_{k}")
            name = self.text(title, MAX_NAME - len(suffix), (*where, "title"), "domain title") + suffix
            out.append(Pillar(pid, name, tuple(chunk)))
        return out

    @staticmethod
    def fits(lens: Lens, pillars: list[Pillar]) -> bool:
        candidate = Lens(lens.name, lens.description, tuple(pillars), lens.extra)
        return len(pillars) <= MAX_PILLARS and _size(candidate) <= MAX_BYTES

    def pack(self, lens: Lens) -> list[Lens]:
        """One lens if it fits, else several, each within the pillar count and the size limit."""
        if self.fits(lens, list(lens.pillars)):
            return [lens]
        parts: list[list[Pillar]] = [[]]
        for pillar in lens.pillars:
            if self.fits(lens, [*parts[-1], pillar]):
                parts[-1].append(pillar)
                continue
            if self.fits(lens, [pillar]):
                parts.append([pillar])
                continue
            # Too big for a lens of its own: fill pieces of it question by question.
            piece: Pillar | None = None
            for question in pillar.questions:
                if piece is not None:
                    grown = Pillar(piece.id, piece.name, (*piece.questions, question))
                    if self.fits(lens, [*parts[-1][:-1], grown]):
                        parts[-1][-1] = piece = grown
                        continue
                piece = Pillar(self.pillar_ids.take(pillar.id), pillar.name, (question,))
                if not self.fits(lens, [*parts[-1], piece]):
                    parts.append([])
                parts[-1].append(piece)
        parts = [p for p in parts if p]
        self.notes.append(
            Note(
                "warning",
                f"more than one lens can hold ({MAX_PILLARS} pillars, {MAX_BYTES // 1024} KB): "
                f"split into {len(parts)} lenses",
            )
        )
        out = []
        for k, pillars in enumerate(parts, start=1):
            suffix = f" (part {k} of {len(parts)})"
            name = cut(lens.name, MAX_NAME - len(suffix)) + suffix
            out.append(Lens(name, lens.description, tuple(pillars), lens.extra))
        return out

    # -- questions ------------------------------------------------------------

    def question(self, qq: SingleQuestion | MultiQuestion, where: Where) -> Question:
        qid = self.take(self.question_ids, qq.id)
        title = self.text(qq.text, MAX_NAME, (*where, "text"), "question text")
        lead = [qq.text] if title != qq.text else []
        tail = [CHOOSE_ONE] if isinstance(qq, SingleQuestion) else []
        room = MAX_TEXT - sum(len(t) + 2 for t in (*lead, *tail))
        body = self.text(qq.help, max(room, 200), (*where, "help"), "help text")
        if lead or tail:
            body = body.strip()
        description = cut("\n\n".join([*lead, body, *tail]), MAX_TEXT)
        helpful = self.question_resource(qq, where)
        if qq.weight != 1.0:
            self.counts["question weights"] += 1
        if qq.allow_na:
            self.counts["n/a"] += 1
        if qq.depends_on:
            self.counts["depends_on"] += 1
        if qq.effort != "medium" or any(c.effort is not None for c in qq.choices):
            self.counts["effort"] += 1
        if qq.not_applicable_when:
            self.counts["not applicable when"] += 1
        if any(rule.unless for rule in qq.risk_rules):
            self.counts["unless"] += 1
        if not qq.scored:
            self.counts["context"] += 1
        if (
            qq.title is not None
            or qq.root_cause is not None
            or qq.owner != "team"
            or any(c.owner is not None for c in qq.choices)
            or qq.stop is not None
            or qq.data_loss
            or any(c.stop is not None for c in qq.choices)
        ):
            self.counts["plan fields"] += 1
        if qq.advice is not None:
            self.counts["question signals"] += 1
        labels = {c.id: c.label for c in qq.choices}
        parsed = [(conditions.parse(r.when), LENS_RISK[r.risk]) for r in qq.risk_rules]
        if any(
            r.why is not None and r.why != rule_why(*parsed[i], labels, parsed[:i])
            for i, r in enumerate(qq.risk_rules)
        ):
            self.counts["why"] += 1  # a why an import would not write again
        if isinstance(qq, SingleQuestion):
            choices, rules = self.ladder(qq, where)
            self.counts["single"] += 1
        else:
            choices, rules = self.checklist(qq, where)
        return Question(qid, title, description, tuple(choices), tuple(rules), helpful)

    def question_resource(self, qq: SingleQuestion | MultiQuestion, where: Where) -> Content | None:
        primary = next((lk for lk in qq.links if lk.title == HELPFUL_TITLE and lk.kind == "reference"), None)
        for i, link in enumerate(qq.links):
            if link is not primary:
                self.warn(
                    (*where, "links", i),
                    f"link {link.title!r} dropped: a lens question has room for one helpful link",
                )
        url = self.url(primary, (*where, "links")) if primary is not None else None
        text = self.text(qq.details, MAX_TEXT, (*where, "details"), "details") if qq.details else None
        if text is None and url is None:
            return None
        return Content(text or HELPFUL_TITLE, url)

    def choice(
        self,
        c: SingleChoice | MultiChoice,
        cid: str,
        where: Where,
        *,
        improvement: tuple[str | None, tuple[Link, ...]] | None = None,
        fallback: str | None = None,
    ) -> Choice:
        """A lens choice; ``improvement`` overrides the choice's own action and improvement links."""
        title = self.text(c.label, MAX_NAME, (*where, "label"), "label")
        parts = [c.label] if title != c.label else []
        parts += [c.details] if c.details else []
        parts += _guidance(c.guidance)
        helpful_text = (
            self.text("\n\n".join(parts), MAX_TEXT, (*where, "details"), "helpful text") if parts else None
        )
        action, improvement_links = improvement if improvement is not None else (c.action, c.links)
        reference = [lk for lk in c.links if lk.kind == "reference"]
        improving = [lk for lk in improvement_links if lk.kind == "improvement"]
        helpful_url, more_helpful = self.resources(reference, HELPFUL_TITLE, (*where, "links"))
        improvement_url, more_improvement = self.resources(improving, IMPROVEMENT_TITLE, (*where, "links"))
        if action is None and fallback is not None:
            action = fallback
            self.counts["fallback actions"] += 1
        helpful = Content(helpful_text or HELPFUL_TITLE, helpful_url) if helpful_text or helpful_url else None
        plan = None
        if action is not None or improvement_url is not None:
            plan_text = (
                self.text(action, MAX_TEXT, (*where, "action"), "action") if action else IMPROVEMENT_TITLE
            )
            plan = Content(plan_text, improvement_url)
        return Choice(cid, title, helpful, plan, tuple(more_helpful), tuple(more_improvement))

    def resources(
        self, links: list[Link], primary_title: str, where: Where
    ) -> tuple[str | None, list[Content]]:
        primary = next((lk for lk in links if lk.title == primary_title), None)
        url = self.url(primary, where) if primary is not None else None
        more: list[Content] = []
        for link in links:
            if link is primary or (link_url := self.url(link, where)) is None:
                continue
            if len(more) == MAX_EXTRA_RESOURCES:
                self.warn(
                    where,
                    f"link {link.title!r} dropped: the format allows "
                    f"{MAX_EXTRA_RESOURCES} more links of a kind",
                )
                continue
            more.append(Content(cut(link.title, MAX_TEXT), link_url))
        return url, more

    def kept_choices(self, choices: list[Any], where: Where) -> list[Any]:
        """At most MAX_CHOICES, keeping the 'none of these' choice."""
        if len(choices) <= MAX_CHOICES:
            return choices
        nones = [c for c in choices if getattr(c, "none_of_these", False)]
        kept = [c for c in choices if c not in nones][: MAX_CHOICES - len(nones)]
        kept = [c for c in choices if c in kept or c in nones]
        dropped = [c.id for c in choices if c not in kept]
        self.warn(
            (*where, "choices"),
            f"{len(choices)} choices; the format allows {MAX_CHOICES}: dropped {', '.join(dropped)}",
        )
        return kept

    def checklist(self, qq: MultiQuestion, where: Where) -> tuple[list[Choice], list[Rule]]:
        kept = self.kept_choices(list(qq.choices), where)
        ids = LensIds()
        names = {c.id: self.take(ids, c.id, none_of_these=c.none_of_these) for c in kept}
        choices = []
        for ci, c in enumerate(qq.choices):
            if c.id in names:
                fallback = (
                    None
                    if c.none_of_these
                    else (
                        c.guidance.do_better
                        if c.guidance and c.guidance.do_better
                        else f"Put this practice in place: {c.label}"
                    )
                )
                choices.append(self.choice(c, names[c.id], (*where, "choices", ci), fallback=fallback))
            if c.weight != 1.0:
                self.counts["choice weights"] += 1
        if qq.scoring == "weights":
            self.counts["weights scoring"] += 1
        if qq.risk_rules:
            written: list[tuple[Cond, str]] = []
            for rule in qq.risk_rules:
                expr = conditions.parse(rule.when)
                kept_expr = without(expr, set(names)) if not isinstance(expr, conditions.Always) else expr
                written.append(
                    (
                        kept_expr if isinstance(kept_expr, bool) else rename(kept_expr, names),
                        LENS_RISK[rule.risk],
                    )
                )
            fitted, changed = fit(written)
            unchanged = not changed and all(k == v for k, v in names.items()) and len(kept) == len(qq.choices)
            if changed:
                self.counts["rules rewritten"] += 1
            if unchanged:
                rules = [Rule(r.when, LENS_RISK[r.risk]) for r in qq.risk_rules]
            else:
                rules = [Rule(to_text(e), risk) for e, risk in fitted]
            return choices, rules
        practices = [names[c.id] for c in kept if not c.none_of_these]
        self.counts["derived rules"] += 1
        rules = []
        if practices:
            rules.append(Rule(" && ".join(practices), "NO_RISK"))
            if len(practices) > 1:
                rules.append(Rule(" || ".join(practices), "MEDIUM_RISK"))
        rules.append(Rule("default", "HIGH_RISK" if practices else "NO_RISK"))
        return choices, rules

    def ladder(self, qq: SingleQuestion, where: Where) -> tuple[list[Choice], list[Rule]]:
        order = sorted(range(len(qq.choices)), key=lambda i: qq.score_of(qq.choices[i]))
        rungs = self.kept_choices([qq.choices[i] for i in order], where)
        ids = LensIds()
        names = {c.id: self.take(ids, c.id, none_of_these=(k == 0)) for k, c in enumerate(rungs)}
        choices: list[Choice] = []
        for k, c in enumerate(rungs):
            ci = qq.choices.index(c)
            below = rungs[k - 1] if k else None
            improvement = (below.action, below.links) if below is not None else (None, ())
            fallback = f"Work towards this answer: {c.label}" if k else None
            choices.append(
                self.choice(
                    c, names[c.id], (*where, "choices", ci), improvement=improvement, fallback=fallback
                )
            )
        top = rungs[-1]
        if top.action is not None:
            self.warn(
                (*where, "choices", qq.choices.index(top), "action"),
                "the action of the most mature answer is left out: "
                "a lens shows each plan on the way up to its answer",
            )
        levels: dict[str, list[str]] = {}
        for c in rungs:
            levels.setdefault(self.rung_risk(qq, c), []).append(names[c.id])
        used = [r for r in RISKS if r in levels]
        rules = [Rule(" || ".join(levels[r]), r) for r in used[:-1]]
        rules.append(Rule("default", used[-1]))
        return choices, rules

    @staticmethod
    def rung_risk(qq: SingleQuestion, c: SingleChoice) -> str:
        if not qq.scored:
            return "NO_RISK"  # a context question flags nothing
        for rule in qq.risk_rules:
            if conditions.evaluate(conditions.parse(rule.when), {c.id}):
                return LENS_RISK[rule.risk]
        return score_risk(qq.score_of(c))

    # -- report ---------------------------------------------------------------

    def summarise(self) -> None:
        """One note per kind of simplification, with how many places it touched."""
        n = self.counts

        def many(key: str, one: str, more: str | None = None) -> str:
            return f"{n[key]} {one if n[key] == 1 else (more or one + 's')}"

        lines = []
        if n["domain descriptions"]:
            lines.append(
                f"{many('domain descriptions', 'domain description')} left out: a pillar has only a name"
            )
        if n["ids"]:
            lines.append(
                f"{many('ids', 'id')} changed to 3-128 letters, digits and underscores "
                "(only a 'none of these' choice ends in '_no')"
            )
        if n["single"]:
            lines.append(
                f"{many('single', 'single-choice question')} written as a ladder of choices: the least "
                "mature answer is the '_no' choice, each other answer carries the action that leads up to "
                "it, and its risk comes from its risk rule or its score (under 0.25 high, under 0.75 medium)"
            )
        if n["weights scoring"]:
            lines.append(
                f"{many('weights scoring', 'checklist')} scored by practice weights: rated by risk rules"
            )
        if n["derived rules"]:
            lines.append(
                f"{many('derived rules', 'checklist')} without risk rules: NO_RISK when every practice is "
                "chosen, MEDIUM_RISK when some are, else HIGH_RISK"
            )
        if n["rules rewritten"]:
            lines.append(
                f"risk rules of {many('rules rewritten', 'question')} rewritten with the same meaning "
                "(one rule per risk level, ending with 'default')"
            )
        weights = [
            many(key, key[:-1]) for key in ("domain weights", "question weights", "choice weights") if n[key]
        ]
        if weights:
            lines.append(
                f"weights left out ({', '.join(weights)}): the AWS tool counts every question the same"
            )
        if n["n/a"]:
            lines.append(
                f"n/a left out ({many('n/a', 'question')}): "
                "the AWS tool lets any question be marked not applicable"
            )
        if n["depends_on"]:
            lines.append(
                f"depends_on left out ({many('depends_on', 'question')}): a lens has no prerequisites"
            )
        if n["effort"]:
            lines.append(f"effort left out ({many('effort', 'question')}): a lens has no effort estimate")
        if n["not applicable when"]:
            lines.append(
                f"not_applicable_when left out ({many('not applicable when', 'question')}): a lens question "
                "cannot depend on another answer"
            )
        if n["unless"]:
            lines.append(
                f"the 'unless' of risk rules left out ({many('unless', 'question')}): a lens rule reads only "
                "its own question"
            )
        if n["context"]:
            lines.append(
                f"{many('context', 'context question')} (not scored) exported as "
                f"{many('context', 'question')} with no risk"
            )
        if n["plan fields"]:
            lines.append(
                f"titles, owners, stops and root causes left out ({many('plan fields', 'question')}): a "
                "lens has no roadmap"
            )
        if self.q.consistency:
            lines.append(
                f"{counted(len(self.q.consistency), 'consistency check')} left out: "
                "a lens does not compare answers"
            )
        if self.q.migrations:
            lines.append("migrations from earlier versions left out: a lens version stands on its own")
        if n["domain roles"]:
            lines.append(
                f"advice roles left out ({many('domain roles', 'domain')}): a pillar cannot say what the "
                "topology advice should read it as"
            )
        if n["question signals"]:
            lines.append(
                f"advice signals left out ({many('question signals', 'question')}): a lens question cannot "
                "say what the topology advice should read it as"
            )
        if n["why"]:
            lines.append(
                f"the 'why' of risk rules left out ({many('why', 'question')}): "
                "a lens rule has only a condition and a risk"
            )
        if n["fallback actions"]:
            lines.append(
                f"{many('fallback actions', 'choice')} without an action given a plain improvement plan "
                "(the format requires one)"
            )
        for line in lines:
            self.notes.append(Note("note", f"simplified: {line}"))


def _guidance(guidance: Guidance | None) -> list[str]:
    if guidance is None:
        return []
    parts = [f"Good enough: {guidance.good_enough}"]
    if guidance.do_better:
        parts.append(f"Do better: {guidance.do_better}")
    return parts


def questionnaire_to_lens(q: Questionnaire) -> Exported:
    """The lens (or lenses, if one cannot hold it all) and what was simplified."""
    return _Exporter(q).export()
