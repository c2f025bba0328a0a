"""A lens as a questionnaire, keeping every piece of information.

- pillar -> domain (same id; the lens has no pillar description, so one is
  written from the pillar and lens names);
- question -> checklist question (``kind: multi``) scored by its risk rules
  (``scoring: risk``: no risk 1, medium 0.5, high 0); title -> text,
  description -> help, helpfulResource -> details and a link;
- choice -> practice; title -> label, helpfulResource -> details and a link,
  improvementPlan -> action and a link, additionalResources -> more links
  (text-only ones become extra paragraphs), ``_no`` -> none_of_these;
- risk rules -> risk rules, 1:1 and in order (first match wins in both).

Lens text does not say when an answer is good enough, so nothing becomes
``guidance``: a lens's helpful resource describes the practice, which is what
``details`` holds.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from assess import conditions
from assess.lens.expr import describe, rename, to_text
from assess.lens.model import FRAMEWORK_PILLARS, RISKS, Choice, Content, Lens, Question
from assess.lens.notes import Notes
from assess.models import ID_PATTERN, QUESTION_ID_PATTERN, RESERVED_ANSWERS, Questionnaire

HELPFUL_TITLE = "Helpful resource"
IMPROVEMENT_TITLE = "Improvement plan"
RISK_OF = {"NO_RISK": "none", "MEDIUM_RISK": "medium", "HIGH_RISK": "high"}
_LEVEL = {"MEDIUM_RISK": "medium", "HIGH_RISK": "high"}
_WORD = {"NO_RISK": "no", **_LEVEL}
_VERSION = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def default_id(name: str) -> str:
    """A questionnaire id from a lens name: lower case, words joined by '-'."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug[:64].rstrip("-") or "lens"


class _Ids:
    """Our ids for a set of lens ids: unchanged where they fit, otherwise made to fit, uniquely."""

    def __init__(self, pattern: str, wanted: list[str], reserved: tuple[str, ...] = ()) -> None:
        self.pattern = re.compile(pattern)
        self.reserved = set(reserved)
        self.taken = {w for w in wanted if self.fits(w)}

    def fits(self, candidate: str) -> bool:
        return bool(self.pattern.fullmatch(candidate)) and candidate not in self.reserved

    def ours(self, lens_id: str) -> str:
        if self.fits(lens_id):
            return lens_id
        base = re.sub(r"[^A-Za-z0-9_-]", "_", lens_id).lstrip("_-") or "id"
        candidate, n = base, 2
        while candidate in self.taken or not self.fits(candidate):
            candidate, n = f"{base}_{n}", n + 1
        self.taken.add(candidate)
        return candidate


def missing_default(risks: list[str]) -> str:
    """The risk a lens without a ``default`` rule gives every answer its rules do not cover.

    The level none of the rules uses (all three if every level is used); of
    those, the one furthest from the first rule's level, the more severe on a
    tie. Rules from least to most risky get a HIGH_RISK catch-all, rules from
    most to least risky a NO_RISK one. No rules at all: NO_RISK.
    """
    if not risks:
        return "NO_RISK"
    order = {r: i for i, r in enumerate(RISKS)}
    candidates = [r for r in RISKS if r not in risks] or list(RISKS)
    first = order[risks[0]]
    return max(candidates, key=lambda r: (abs(order[r] - first), order[r]))


def domain_description(pillar_id: str, pillar_name: str, lens_name: str) -> str:
    text = f"The “{pillar_name}” pillar of the lens “{lens_name}”."
    if pillar_id in FRAMEWORK_PILLARS:
        text += (
            f" Its questions belong to the {FRAMEWORK_PILLARS[pillar_id]} pillar of the "
            "AWS Well-Architected Framework."
        )
    return text


def rule_why(
    expr: conditions.Expr, risk: str, labels: dict[str, str], earlier: list[tuple[conditions.Expr, str]]
) -> str | None:
    """Why a rule gives its risk, in words (a lens gives none); ``earlier`` are the rules before it."""
    if risk not in _LEVEL:
        return None
    level = _LEVEL[risk]
    if not isinstance(expr, conditions.Always):
        return f"The lens rates this {level} risk when {describe(expr, labels)}."
    if not earlier:
        return f"The lens rates every answer as {level} risk."
    if len(earlier) == 1 and not isinstance(earlier[0][0], conditions.Always):
        return f"The lens rates this {level} risk unless {describe(earlier[0][0], labels)}."
    kinds = " and ".join(dict.fromkeys(f"{_WORD[r]}-risk" for _, r in earlier))
    return f"The lens rates every answer its {kinds} rules do not cover as {level} risk."


def _paragraphs(first: str | None, more: tuple[Content, ...]) -> str | None:
    texts = [first] if first else []
    texts += [c.text for c in more if c.url is None and c.text]
    return "\n\n".join(texts) or None


def _links(primary: Content | None, more: tuple[Content, ...], title: str, kind: str) -> list[dict[str, str]]:
    out = []
    if primary is not None and primary.url is not None:
        out.append({"title": title, "url": primary.url, "kind": kind})
    for content in more:
        if content.url is not None:
            out.append({"title": content.text or content.url, "url": content.url, "kind": kind})
    return out


class _Mapper:
    def __init__(self, lens: Lens, notes: Notes) -> None:
        self.lens = lens
        self.notes = notes

    def questionnaire(self, questionnaire_id: str) -> dict[str, Any]:
        lens = self.lens
        domain_ids = _Ids(ID_PATTERN, [p.id for p in lens.pillars])
        question_ids = _Ids(QUESTION_ID_PATTERN, [q.id for p in lens.pillars for q in p.questions])
        domains = []
        for pillar in lens.pillars:
            did = domain_ids.ours(pillar.id)
            if did != pillar.id:
                self.notes.warn((*pillar.path, "id"), f"pillar id {pillar.id!r} read as domain id {did!r}")
            domains.append(
                {
                    "id": did,
                    "title": pillar.name,
                    "description": domain_description(pillar.id, pillar.name, lens.name),
                    "questions": [self.question(q, question_ids) for q in pillar.questions],
                }
            )
        version = lens.extra.get("_version")
        if isinstance(version, int | float) and not isinstance(version, bool):
            version = str(version)
        return {
            "id": questionnaire_id,
            "version": version if isinstance(version, str) and _VERSION.fullmatch(version) else "1",
            "title": lens.name,
            "description": lens.description or lens.name,
            "domains": domains,
            "metadata": dict(lens.extra) or None,
        }

    def question(self, q: Question, ids: _Ids) -> dict[str, Any]:
        qid = ids.ours(q.id)
        if qid != q.id:
            self.notes.warn((*q.path, "id"), f"question id {q.id!r} read as {qid!r}")
        if q.description is None:
            self.notes.warn(
                q.path,
                "no description; the help text repeats the title",
                group="questions without a description",
            )
        choice_ids = _Ids(ID_PATTERN, [c.id for c in q.choices], RESERVED_ANSWERS)
        names: dict[str, str] = {}
        for choice in q.choices:
            names[choice.id] = choice_ids.ours(choice.id)
            if names[choice.id] != choice.id:
                self.notes.warn((*choice.path, "id"), f"choice id {choice.id!r} read as {names[choice.id]!r}")
        labels = {names[c.id]: c.title for c in q.choices}
        out: dict[str, Any] = {
            "id": qid,
            "kind": "multi",
            "scoring": "risk",
            "text": q.title,
            "help": q.description or q.title,
        }
        if q.helpful is not None and q.helpful.text is not None:
            out["details"] = q.helpful.text
        links = _links(q.helpful, (), HELPFUL_TITLE, "reference")
        if links:
            out["links"] = links
        out["choices"] = [self.choice(c, names[c.id]) for c in q.choices]
        out["risk_rules"] = self.rules(q, names, labels)
        return out

    def choice(self, c: Choice, cid: str) -> dict[str, Any]:
        out: dict[str, Any] = {"id": cid, "label": c.title}
        if c.none_of_these:
            out["none_of_these"] = True
        for more, field in ((c.more_helpful, "details"), (c.more_improvement, "action")):
            for content in more:
                if content.url is None and content.text:
                    self.notes.warn(
                        (*c.path, "additionalResources"),
                        f"an additional resource with text but no url is added to the choice's {field} "
                        "as a paragraph",
                    )
        details = _paragraphs(c.helpful.text if c.helpful else None, c.more_helpful)
        action = _paragraphs(c.improvement.text if c.improvement else None, c.more_improvement)
        if details is not None:
            out["details"] = details
        if action is not None:
            out["action"] = action
        links = _links(c.helpful, c.more_helpful, HELPFUL_TITLE, "reference")
        links += _links(c.improvement, c.more_improvement, IMPROVEMENT_TITLE, "improvement")
        if links:
            out["links"] = links
        return out

    def rules(self, q: Question, names: dict[str, str], labels: dict[str, str]) -> list[dict[str, Any]]:
        renamed = any(k != v for k, v in names.items())
        parsed = []
        for rule in q.rules:
            expr = conditions.parse(rule.condition)
            when = rule.condition
            if renamed and not isinstance(expr, conditions.Always):
                expr = rename(expr, names)
                when = to_text(expr)
            parsed.append((expr, when, rule.risk))
        if not any(isinstance(expr, conditions.Always) for expr, _, _ in parsed):
            risk = missing_default([r.risk for r in q.rules])
            self.notes.warn(
                (*q.path, "riskRules"),
                "no 'default' risk rule; read as if the rules ended with "
                f'{{"condition": "default", "risk": "{risk}"}}',
                group="questions without a default risk rule",
            )
            parsed.append((conditions.Always(), "default", risk))
        out = []
        for i, (expr, when, risk) in enumerate(parsed):
            why = rule_why(expr, risk, labels, [(e, r) for e, _, r in parsed[:i]])
            out.append({"when": when, "risk": RISK_OF[risk]} | ({"why": why} if why else {}))
        return out


def lens_to_questionnaire(lens: Lens, questionnaire_id: str, notes: Notes) -> Questionnaire | None:
    """The questionnaire for ``lens``; None (with an error in ``notes``) if it cannot be built."""
    data = _Mapper(lens, notes).questionnaire(questionnaire_id)
    try:
        return Questionnaire.model_validate(data)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"])
        notes.error((), f"cannot convert the lens: {where}: {first['msg']}")
        return None
