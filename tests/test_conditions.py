"""Risk-rule conditions: AWS Well-Architected lens grammar, first match wins."""

from __future__ import annotations

import pytest

from assess.conditions import ConditionError, evaluate, parse, references


@pytest.mark.parametrize(
    ("condition", "selected", "expected"),
    [
        ("a", {"a"}, True),
        ("a", set(), False),
        ("!a", set(), True),
        ("a && b", {"a"}, False),
        ("a || b", {"b"}, True),
        ("a || b && c", {"a"}, True),  # && binds tighter than ||
        ("(a || b) && c", {"a"}, False),
        ("!(a && b) && c", {"a", "c"}, True),
        ("!!a", {"a"}, True),
        ("default", set(), True),
        ("q1_choice_no", {"q1_choice_no"}, True),
    ],
)
def test_evaluation(condition: str, selected: set[str], expected: bool) -> None:
    assert evaluate(parse(condition), selected) is expected


def test_references_lists_every_choice() -> None:
    assert references(parse("!(a && b) || (c && !d)")) == {"a", "b", "c", "d"}


@pytest.mark.parametrize(
    ("condition", "offset", "message"),
    [
        ("", 0, "empty condition"),
        ("a &&", 4, "expected a choice id, found end of condition"),
        ("(a || b", 7, "expected ')', found end of condition"),
        ("a b", 2, "unexpected 'b'"),
        ("a & b", 2, "unexpected character '&'"),
    ],
)
def test_errors_say_where(condition: str, offset: int, message: str) -> None:
    with pytest.raises(ConditionError) as info:
        parse(condition)
    assert info.value.offset == offset
    assert str(info.value) == message
