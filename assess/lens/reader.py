"""Reading a lens: structure, types, ids and risk-rule conditions, and the format's limits.

Errors stop the import: the lens has no one sensible reading (wrong types,
missing ids, duplicate ids, a condition that does not parse or names an
unknown choice). Warnings say how a lens that breaks one of the format's rules
was read. The AWS tool's limits (lengths, counts, size) are warnings too: the
lens is imported in full, but the AWS tool itself would refuse it.
"""

from __future__ import annotations

import re
from typing import Any

from assess import conditions
from assess.lens.jsonsource import JsonPath, JsonSource, format_path
from assess.lens.model import (
    HELPFUL,
    ID_RE,
    IMPROVEMENT,
    MAX_BYTES,
    MAX_CHOICES,
    MAX_EXTRA_RESOURCES,
    MAX_NAME,
    MAX_PILLARS,
    MAX_QUESTIONS,
    MAX_RULES,
    MAX_TEXT,
    RISKS,
    SCHEMA_VERSION,
    URL_RE,
    Choice,
    Content,
    Lens,
    Pillar,
    Question,
    Rule,
)
from assess.lens.notes import Notes
from assess.loading import did_you_mean

# C0/C1 control characters other than tab and line breaks, and lone surrogates:
# they would reach terminals and files as they are.
_ODD = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")

LIMITS = "over the lens format's limits (imported in full; the AWS tool would refuse the lens)"


def _kind(value: object) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "text"
    if isinstance(value, bool):
        return "true/false"
    if value is None:
        return "null"
    return "a number"


def _mentions(condition: str, choice: str) -> int | None:
    """Offset of the first mention of ``choice`` in a condition."""
    found = re.search(rf"(?<![A-Za-z0-9_.-]){re.escape(choice)}(?![A-Za-z0-9_.-])", condition)
    return found.start() if found else None


class LensReader:
    def __init__(self, source: JsonSource, notes: Notes) -> None:
        self.source = source
        self.notes = notes

    # -- small readers --------------------------------------------------------

    def obj(self, value: Any, path: JsonPath, what: str) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.notes.error(path, f"expected {what} (an object), found {_kind(value)}")
            return None
        return value

    def fields(
        self, obj: dict[str, Any], path: JsonPath, known: tuple[str, ...], *, keep_extra: bool = False
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        """Known fields (a key differing only in case is read as the known one) and the rest."""
        out: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        by_lower = {k.lower(): k for k in known}
        for key, value in obj.items():
            if key in known:
                out[key] = value
            elif key.lower() in by_lower and by_lower[key.lower()] not in obj:
                real = by_lower[key.lower()]
                self.notes.warn(
                    (*path, key),
                    f"unknown field {key!r}; read as {real!r}",
                    key=True,
                    group="field names read as",
                )
                out[real] = value
            elif keep_extra:
                extra[key] = value
                if not key.startswith("_"):
                    self.notes.warn(
                        (*path, key),
                        f"field {key!r} is not part of the lens format; kept as metadata",
                        key=True,
                    )
            else:
                self.notes.warn(
                    (*path, key),
                    f"unknown field {key!r} ignored (not part of the lens format)",
                    key=True,
                    group="unknown fields ignored",
                )
        return out, extra

    def text(self, obj: dict[str, Any], key: str, path: JsonPath, limit: int) -> str | None:
        """A text field; missing, null or blank text reads as None (callers decide what that means)."""
        value = obj.get(key)
        if value is None:
            return None
        at = (*path, key)
        if not isinstance(value, str):
            self.notes.error(at, f"expected text, found {_kind(value)}")
            return None
        if _ODD.search(value):
            odd = _ODD.search(value)
            assert odd is not None
            self.notes.warn(
                at,
                f"control character U+{ord(odd.group()):04X} replaced by U+FFFD",
                group="odd characters replaced",
            )
            value = _ODD.sub("\ufffd", value)
        if not value.strip():
            return None
        if len(value) > limit:
            self.notes.warn(at, f"{len(value)} characters; the format allows {limit}", group=LIMITS)
        return value

    def ident(self, obj: dict[str, Any], path: JsonPath, what: str) -> str | None:
        value = obj.get("id")
        if value is None:
            self.notes.error(path, "missing required field 'id'")
            return None
        if not isinstance(value, str):
            self.notes.error((*path, "id"), f"expected text, found {_kind(value)}")
            return None
        if not value.strip():
            self.notes.error((*path, "id"), f"empty {what} id")
            return None
        if not ID_RE.fullmatch(value):
            self.notes.warn(
                (*path, "id"),
                f"{what} id {value!r} is not 3-128 letters, digits and underscores",
                group=LIMITS,
            )
        return value

    def url(self, obj: dict[str, Any], path: JsonPath) -> str | None:
        value = obj.get("url")
        if value is None:
            return None
        at = (*path, "url")
        if not isinstance(value, str):
            self.notes.error(at, f"expected text, found {_kind(value)}")
            return None
        if not value.strip():
            self.notes.warn(at, "empty url read as no link", group="empty urls read as no link")
            return None
        if not URL_RE.fullmatch(value):
            self.notes.warn(
                at, f"url {value!r} does not start with http:// or https://; kept as written", group=LIMITS
            )
        return value

    def content(self, value: Any, path: JsonPath, what: str) -> Content | None:
        obj = self.obj(value, path, what)
        if obj is None:
            return None
        fields, _ = self.fields(obj, path, ("displayText", "url"))
        text = self.text(fields, "displayText", path, MAX_TEXT)
        url = self.url(fields, path)
        if text is None and url is None:
            return None
        if text is None:
            self.notes.warn(path, f"{what} has a url but no displayText; read as a link alone")
        return Content(text, url)

    def items(self, value: Any, path: JsonPath, what: str) -> list[Any] | None:
        if not isinstance(value, list):
            self.notes.error(path, f"expected a list of {what}, found {_kind(value)}")
            return None
        return value

    # -- the lens, top down ---------------------------------------------------

    def lens(self) -> Lens | None:
        data = self.source.data
        obj = self.obj(data, (), "a lens")
        if obj is None:
            return None
        fields, extra = self.fields(
            obj, (), ("schemaVersion", "name", "description", "pillars"), keep_extra=True
        )
        version = fields.get("schemaVersion")
        if version is None:
            self.notes.warn((), f"no schemaVersion; read as {SCHEMA_VERSION}")
        elif version != SCHEMA_VERSION:
            self.notes.warn(
                ("schemaVersion",),
                f"schemaVersion {version!r} is not {SCHEMA_VERSION!r}; read as {SCHEMA_VERSION}",
            )
        name = self.text(fields, "name", (), MAX_NAME)
        if fields.get("name") is None:
            self.notes.error((), "missing required field 'name'")
        elif name is None and isinstance(fields["name"], str):
            self.notes.error(("name",), "the lens name is empty")
        description = self.text(fields, "description", (), MAX_TEXT)
        if description is None and name is not None:
            self.notes.warn((), "no description; read as the lens name")
        size = len(self.source.text.encode("utf-8", errors="surrogatepass"))
        if size > MAX_BYTES:
            self.notes.warn(
                (), f"the lens is {size // 1024} KB; the AWS tool takes at most 500 KB", group=LIMITS
            )

        pillars: list[Pillar] = []
        raw = fields.get("pillars")
        listed = self.items(raw, ("pillars",), "pillars") if "pillars" in fields else None
        if "pillars" not in fields:
            self.notes.error((), "missing required field 'pillars'")
        elif listed is not None and not listed:
            self.notes.error(("pillars",), "the lens has no pillars")
        elif listed is not None and len(listed) > MAX_PILLARS:
            self.notes.warn(
                ("pillars",), f"{len(listed)} pillars; the format allows {MAX_PILLARS}", group=LIMITS
            )
        seen_pillars: dict[str, JsonPath] = {}
        seen_questions: dict[str, JsonPath] = {}
        for pi, value in enumerate(listed or []):
            pillar = self.pillar(value, ("pillars", pi), seen_questions)
            if pillar is None:
                continue
            if pillar.id in seen_pillars:
                self.notes.error(
                    (*pillar.path, "id"),
                    f"duplicate pillar id {pillar.id!r} (first at {format_path(seen_pillars[pillar.id])})",
                )
                continue
            seen_pillars[pillar.id] = (*pillar.path, "id")
            pillars.append(pillar)
        if self.notes.errors or name is None:
            return None
        return Lens(name, description, tuple(pillars), extra)

    def pillar(self, value: Any, path: JsonPath, seen_questions: dict[str, JsonPath]) -> Pillar | None:
        obj = self.obj(value, path, "a pillar")
        if obj is None:
            return None
        fields, _ = self.fields(obj, path, ("id", "name", "questions"))
        pid = self.ident(fields, path, "pillar")
        name = self.text(fields, "name", path, MAX_NAME)
        if name is None and pid is not None:
            self.notes.warn(path, f"pillar has no name; read as its id {pid!r}")
            name = pid
        listed: list[Any] | None = None
        if "questions" not in fields:
            self.notes.error(path, "missing required field 'questions'")
        else:
            listed = self.items(fields["questions"], (*path, "questions"), "questions")
            if listed is not None and not listed:
                self.notes.error((*path, "questions"), "a pillar needs at least one question")
            elif listed is not None and len(listed) > MAX_QUESTIONS:
                self.notes.warn(
                    (*path, "questions"),
                    f"{len(listed)} questions; the format allows {MAX_QUESTIONS} per pillar",
                    group=LIMITS,
                )
        questions: list[Question] = []
        for qi, item in enumerate(listed or []):
            question = self.question(item, (*path, "questions", qi))
            if question is None:
                continue
            if question.id in seen_questions:
                self.notes.error(
                    (*question.path, "id"),
                    f"duplicate question id {question.id!r} "
                    f"(first at {format_path(seen_questions[question.id])})",
                )
                continue
            seen_questions[question.id] = (*question.path, "id")
            questions.append(question)
        if pid is None or name is None or not listed:
            return None
        return Pillar(pid, name, tuple(questions), path)

    def question(self, value: Any, path: JsonPath) -> Question | None:
        obj = self.obj(value, path, "a question")
        if obj is None:
            return None
        fields, _ = self.fields(
            obj, path, ("id", "title", "description", "helpfulResource", "choices", "riskRules")
        )
        qid = self.ident(fields, path, "question")
        title = self.text(fields, "title", path, MAX_NAME)
        if title is None and qid is not None:
            self.notes.warn(path, f"question has no title; read as its id {qid!r}")
            title = qid
        description = self.text(fields, "description", path, MAX_TEXT)
        helpful = None
        if fields.get("helpfulResource") is not None:
            helpful = self.content(fields["helpfulResource"], (*path, "helpfulResource"), "helpfulResource")

        choices: list[Choice] = []
        if "choices" not in fields:
            self.notes.error(path, "missing required field 'choices'")
            listed = None
        else:
            listed = self.items(fields["choices"], (*path, "choices"), "choices")
            if listed is not None and not listed:
                self.notes.error((*path, "choices"), "a question needs at least one choice")
            elif listed is not None and len(listed) > MAX_CHOICES:
                self.notes.warn(
                    (*path, "choices"),
                    f"{len(listed)} choices; the format allows {MAX_CHOICES} per question",
                    group=LIMITS,
                )
        seen: dict[str, JsonPath] = {}
        for ci, item in enumerate(listed or []):
            choice = self.choice(item, (*path, "choices", ci))
            if choice is None:
                continue
            if choice.id in seen:
                self.notes.error(
                    (*choice.path, "id"),
                    f"duplicate choice id {choice.id!r} (first at {format_path(seen[choice.id])})",
                )
                continue
            seen[choice.id] = (*choice.path, "id")
            choices.append(choice)
        nones = [c for c in choices if c.none_of_these]
        if len(nones) > 1:
            self.notes.error(
                (*nones[1].path, "id"),
                f"a second 'None of these' choice ({nones[0].id!r} and {nones[1].id!r} both end in '_no')",
            )

        # Without a readable list of choices, names in conditions cannot be checked.
        rules = self.rules(fields, path, [c.id for c in choices] if listed is not None else None)
        if qid is None or title is None or listed is None or not listed or rules is None:
            return None
        return Question(qid, title, description, tuple(choices), tuple(rules), helpful, path)

    def choice(self, value: Any, path: JsonPath) -> Choice | None:
        obj = self.obj(value, path, "a choice")
        if obj is None:
            return None
        fields, _ = self.fields(
            obj, path, ("id", "title", "helpfulResource", "improvementPlan", "additionalResources")
        )
        cid = self.ident(fields, path, "choice")
        if cid is None:
            return None
        title = self.text(fields, "title", path, MAX_NAME)
        if title is None:
            self.notes.warn(path, f"choice has no title; read as its id {cid!r}")
            title = cid
        helpful = improvement = None
        if fields.get("helpfulResource") is not None:
            helpful = self.content(fields["helpfulResource"], (*path, "helpfulResource"), "helpfulResource")
        if fields.get("improvementPlan") is not None:
            improvement = self.content(
                fields["improvementPlan"], (*path, "improvementPlan"), "improvementPlan"
            )
        if (improvement is None or improvement.text is None) and not cid.endswith("_no"):
            self.notes.warn(
                path,
                "no improvementPlan text (the format requires one on every choice but the '_no' one); "
                "read as: no improvement action",
                group="choices without an improvement plan",
            )
        more_helpful: list[Content] = []
        more_improvement: list[Content] = []
        if fields.get("additionalResources") is not None:
            self.additional(
                fields["additionalResources"], (*path, "additionalResources"), more_helpful, more_improvement
            )
        return Choice(cid, title, helpful, improvement, tuple(more_helpful), tuple(more_improvement), path)

    def additional(
        self, value: Any, path: JsonPath, helpful: list[Content], improvement: list[Content]
    ) -> None:
        for i, item in enumerate(self.items(value, path, "additional resources") or []):
            at = (*path, i)
            obj = self.obj(item, at, "an additional resource")
            if obj is None:
                continue
            fields, _ = self.fields(obj, at, ("type", "content"))
            kind = fields.get("type")
            if kind is None:
                self.notes.warn(at, f"no type; read as {HELPFUL}")
                kind = HELPFUL
            elif not isinstance(kind, str) or kind.upper() not in (HELPFUL, IMPROVEMENT):
                self.notes.error((*at, "type"), f"unknown type {kind!r}; expected {HELPFUL} or {IMPROVEMENT}")
                continue
            elif kind != kind.upper():
                self.notes.warn((*at, "type"), f"type {kind!r} read as {kind.upper()}")
                kind = kind.upper()
            target = helpful if kind == HELPFUL else improvement
            if "content" not in fields:
                self.notes.error(at, "missing required field 'content'")
                continue
            for j, entry in enumerate(self.items(fields["content"], (*at, "content"), "resources") or []):
                content = self.content(entry, (*at, "content", j), "additional resource")
                if content is not None:
                    target.append(content)
        for kind, items in ((HELPFUL, helpful), (IMPROVEMENT, improvement)):
            if len(items) > MAX_EXTRA_RESOURCES:
                self.notes.warn(
                    path,
                    f"{len(items)} additional {kind} items; the format allows {MAX_EXTRA_RESOURCES}",
                    group=LIMITS,
                )

    def rules(
        self, fields: dict[str, Any], path: JsonPath, choice_ids: list[str] | None
    ) -> list[Rule] | None:
        if fields.get("riskRules") is None:
            return []  # the missing default is read (and reported) when mapping
        listed = self.items(fields["riskRules"], (*path, "riskRules"), "risk rules")
        if listed is None:
            return None
        rules: list[Rule] = []
        ok = True
        for ri, item in enumerate(listed):
            rule = self.rule(item, (*path, "riskRules", ri), choice_ids)
            if rule is None:
                ok = False
            else:
                rules.append(rule)
        if not ok:
            return None
        if len(rules) > MAX_RULES:
            self.notes.warn(
                (*path, "riskRules"), f"{len(rules)} risk rules; the format allows {MAX_RULES}", group=LIMITS
            )
        levels = [r.risk for r in rules]
        for risk in RISKS:
            if levels.count(risk) > 1:
                self.notes.warn(
                    (*path, "riskRules"),
                    f"{levels.count(risk)} rules give {risk}; the format allows one rule per risk level",
                    group=LIMITS,
                )
        defaults = [i for i, r in enumerate(rules) if r.condition == "default"]
        if defaults and defaults[0] < len(rules) - 1:
            self.notes.warn(
                (*path, "riskRules", defaults[0] + 1),
                "this rule comes after the 'default' rule and never applies (first match wins); "
                "kept as written",
            )
        return rules

    def rule(self, value: Any, path: JsonPath, choice_ids: list[str] | None) -> Rule | None:
        obj = self.obj(value, path, "a risk rule")
        if obj is None:
            return None
        fields, _ = self.fields(obj, path, ("condition", "risk"))
        condition = fields.get("condition")
        risk = fields.get("risk")
        good = True
        if condition is None:
            self.notes.error(path, "missing required field 'condition'")
            good = False
        elif not isinstance(condition, str):
            self.notes.error((*path, "condition"), f"expected text, found {_kind(condition)}")
            good = False
        else:
            if condition.strip().lower() == "default" and condition.strip() != "default":
                self.notes.warn((*path, "condition"), f"condition {condition!r} read as 'default'")
                condition = "default"
            elif condition.strip() == "default":
                condition = "default"
            good = self.check_condition(condition, (*path, "condition"), choice_ids) and good
        if risk is None:
            self.notes.error(path, "missing required field 'risk'")
            good = False
        elif not isinstance(risk, str) or risk.upper() not in RISKS:
            self.notes.error(
                (*path, "risk"), f"unknown risk {risk!r}; expected HIGH_RISK, MEDIUM_RISK or NO_RISK"
            )
            good = False
        elif risk not in RISKS:
            self.notes.warn((*path, "risk"), f"risk {risk!r} read as {risk.upper()}")
            risk = risk.upper()
        if not good:
            return None
        assert isinstance(condition, str) and isinstance(risk, str)
        return Rule(condition, risk, path)

    def check_condition(self, condition: str, path: JsonPath, choice_ids: list[str] | None) -> bool:
        try:
            expr = conditions.parse(condition)
        except conditions.ConditionError as exc:
            self.notes.error(
                path, f"condition does not parse at character {exc.offset + 1}: {exc}", offset=exc.offset
            )
            return False
        if choice_ids is None:
            return True
        unknown = sorted(conditions.references(expr) - set(choice_ids))
        for name in unknown:
            self.notes.error(
                path,
                f"unknown choice {name!r}{did_you_mean(name, choice_ids)} (choices: {', '.join(choice_ids)})",
                offset=_mentions(condition, name),
            )
        return not unknown


def read_lens(source: JsonSource, notes: Notes) -> Lens | None:
    """The lens in ``source``, or None when there are errors (all of them in ``notes``)."""
    return LensReader(source, notes).lens()
