"""The condition operators, each declared once: the table every stage reads.

A row of :data:`OPERATORS` says everything about one operator a pack author writes after ``fact:``
or in a record's ``where``:

- parsing: its YAML ``key``, the fact or field ``types`` it applies to, its operand (one value of
  the fact's type, a list of them with ``many``, or an operand of its own checked by ``check``) and
  the messages when it is misused;
- ``negation``: the operator (``op`` name) of its negation, or None when it cannot be negated;
- ``holds(actual, expected)``: the reference semantics (``--engine python``, the test oracle);
- ``durable(property, expected)``: the durable_rules JSON condition, a pure function;
- ``text``: how it reads in words (a catalogue message id, translated EN/FR when described);
- lint: ``candidates`` (the operand's values, the points where satisfiability is tried) and
  ``field_lint`` (whether tests on record fields join that check); a pattern's validity is its
  ``check``, reported as L011.

List operators (:data:`LIST_OPERATORS`) all become an overlap count ("the list holds at least n of
these values"); their row says how the operand gives the values and n.

Adding an operator is adding a row here (with its French messages in the catalogue) and its tests.
This module imports nothing from the engine: ``conditions`` and every stage above import it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from engine.limits import limit
from engine.records import record

JSON = dict[str, Any]


def N_(message: str) -> str:
    """Mark a catalogue message id (translated where it is shown, not here)."""
    return message


def glob_regex(pattern: str) -> str:
    """A ``matches`` pattern as a Python regular expression: ``*`` is any text, all else literal.

    >>> bool(re.fullmatch(glob_regex("EU*Africa"), "EU–Africa")), bool(re.fullmatch(glob_regex("EU*"), "AU"))
    (True, False)
    """
    return ".*".join(re.escape(part) for part in pattern.split("*"))


def glob_match(pattern: str, text: str) -> bool:
    """Whether ``text`` matches the ``matches`` pattern, in linear time (no backtracking): the part before
    the first ``*`` is a prefix, the part after the last a suffix, and each part between is found, left
    to right, at its first place after the one before (the leftmost place leaves the most room).

    >>> glob_match("EU*Africa", "EU–Africa"), glob_match("EU*", "AU"), glob_match("*a*a*a*a*b", "a" * 40)
    (True, False, False)
    """
    parts = pattern.split("*")
    if len(parts) == 1:
        return text == pattern
    head, *middle, tail = parts
    if len(text) < len(head) + len(tail) or not text.startswith(head) or not text.endswith(tail):
        return False
    at, end = len(head), len(text) - len(tail)
    for part in middle:
        found = text.find(part, at, end)
        if found < 0:
            return False
        at = found + len(part)
    return True


MAX_STARS = 4  # durable_rules matches a pattern by backtracking: its time grows as the text's length to this power


def glob_lua(pattern: str) -> str:
    """The same pattern for durable_rules' ``$mt`` (Lua style): its magic characters escaped with %."""
    magic = set("%.()[]*?+{|^$-")
    safe = set("%.()[]*?+{|")  # the escapes durable accepts; ^ $ - match themselves unescaped (measured)
    out = []
    for part in pattern.split("*"):
        out.append("".join("%" + ch if ch in safe and ch in magic else ch for ch in part))
    return ".*".join(out)


@record(frozen=True)
class OperandProblem:
    """What is wrong with an operand: a catalogue message id and its lint code."""

    message: str
    code: str = "L005"


VALUE_TYPES = frozenset({"bool", "number", "enum", "text"})


def _flat(value: Any) -> tuple[Any, ...]:
    return value if isinstance(value, tuple) else (value,)


@record(frozen=True)
class Operator:
    key: str  # what the pack author writes: ``{fact: x, <key>: operand}``
    op: str  # its name in the condition tree (Test.op, FieldTest.op)
    holds: Callable[[Any, Any], bool]  # reference semantics: (actual value, operand) -> holds
    durable: Callable[[str, Any], JSON]  # (property, operand) -> durable_rules condition
    text: str  # in words: a message id with {label}, {value}, {values} (and {first}, {last} of a list)
    negation: str | None  # op of the negated operator; None: cannot be negated
    types: frozenset[str] = VALUE_TYPES  # fact / field types it applies to
    many: bool = False  # the operand is a non-empty list of values, each checked as for 'equals'
    refs: bool = False  # may compare with another record's field ({ref: name.field})
    check: Callable[[Any], OperandProblem | None] | None = None  # own operand check (else: a value of the type)
    wrong_type: str | None = None  # message when the type is not in ``types`` ({key}, {name}, {type}); None: the type's own
    candidates: Callable[[Any], tuple[Any, ...]] = _flat  # lint: values where satisfiability is tried
    field_lint: bool = True  # lint: tests on record fields join the satisfiability check
    members: Callable[[Any], tuple[Any, ...]] | None = None  # the finite set of values it accepts, if any


def _ordered(test: Callable[[Any, Any], bool]) -> Callable[[Any, Any], bool]:
    """An ordering comparison: false across bool, text and number (as durable_rules behaves)."""

    def holds(actual: Any, expected: Any) -> bool:
        if (isinstance(actual, (bool, str)) or isinstance(expected, (bool, str))) and type(actual) is not type(expected):
            return False
        return bool(test(actual, expected))

    return holds


_CATASTROPHIC = N_("pattern refused: more than 4 '*', '**', or longer than MIGOV_MAX_PATTERN (200): matching it could take exponential time")


def _pattern(value: Any) -> OperandProblem | None:
    if not isinstance(value, str) or not value or any(ord(ch) < 32 for ch in value):
        return OperandProblem(N_("invalid text pattern: expected non-empty text without control characters ('*' stands for any text)"), "L011")
    if value.count("*") > MAX_STARS or "**" in value or len(value) > limit("pattern"):
        return OperandProblem(_CATASTROPHIC, "L011")
    return None


MAX_KEY = 64  # characters of a text a pack's regular expression is matched against (a citation key)
_QUANT = r"\*|\+|\?|\{(\d*)(,(\d*))?\}"  # compiled on first use (re keeps it): only when a pack is checked


def regex_problem(pattern: str) -> str | None:
    r"""Why a regular expression a pack supplies (a citation scheme's key pattern) could backtrack for
    ever, or is not one: a message id, or None. Refused: an invalid expression, one longer than
    MIGOV_MAX_PATTERN, a repeated group holding a repetition or an alternative (``(a+)+``, ``(a|b)*``),
    back-references and look-arounds, and one whose ways of matching a text of MAX_KEY characters (the
    product of its repetitions' and alternatives' choices, an unbounded one counting MAX_KEY) exceed
    MAX_KEY ** MAX_STARS: the text matched being at most MAX_KEY characters long, a match is bounded.

    >>> regex_problem(r"\d{1,2}\.[0-9a-z]+(\.\d+)?") is None, regex_problem("(a+)+b") is None
    (True, False)
    """
    try:
        re.compile(pattern)
    except (re.error, RecursionError, OverflowError):
        return N_("not a valid regular expression")
    if len(pattern) > limit("pattern"):
        return _REGEX_REFUSED
    frames: list[bool] = [False]  # per open group: whether it holds a repetition or an alternative
    last_group = False  # the atom just read is a group holding one
    ways, alts, i = 1, [1], 0
    while i < len(pattern):
        ch = pattern[i]
        m = re.compile(_QUANT).match(pattern, i) if ch in "*+?{" else None
        if m is not None:
            low, comma, high = m.group(1), m.group(2), m.group(3)
            unbounded = ch in "*+" or (comma is not None and not high)
            repeats = ch != "?" and (unbounded or int(high or low or 0) > 1)
            if repeats and last_group:
                return _REGEX_REFUSED
            ways *= MAX_KEY if unbounded else 2 if ch == "?" else int(high or low or 0) - int(low or 0) + 1 if comma else 1
            frames[-1] = True
            i = m.end() + (m.end() < len(pattern) and pattern[m.end()] in "?+")  # lazy or possessive
            last_group = False
            continue
        last_group = False
        if ch == "\\":
            if pattern[i + 1 : i + 2].isdigit() or pattern[i + 1 : i + 2] in ("g", "k"):
                return _REGEX_REFUSED  # a back-reference
            i += 2
        elif ch == "[":
            end = re.compile(r"\[\^?\]?(\\.|[^\]\\])*\]").match(pattern, i)
            i = end.end() if end else len(pattern)
        elif ch == "(":
            if pattern.startswith("(?", i) and not pattern.startswith("(?:", i):
                return _REGEX_REFUSED  # look-arounds, named groups, flags
            frames.append(False)
            alts.append(1)
            i += 3 if pattern.startswith("(?:", i) else 1
        elif ch == ")":
            inner = frames.pop() if len(frames) > 1 else False
            ways *= alts.pop() if len(alts) > 1 else 1
            frames[-1] = frames[-1] or inner
            last_group, i = inner, i + 1
        else:
            frames[-1] = frames[-1] or ch == "|"
            alts[-1] += ch == "|"
            i += 1
    return _REGEX_REFUSED if ways * alts[0] > MAX_KEY**MAX_STARS else None


_REGEX_REFUSED = N_("regular expression refused: a repeated group holding a repetition or an alternative, more than 4 unbounded repetitions (or as many ways to match), a back-reference or look-around, or longer than MIGOV_MAX_PATTERN (200): matching it could take exponential time")


def _bounds(value: Any) -> OperandProblem | None:
    numbers = isinstance(value, (list, tuple)) and len(value) == 2 and all(
        isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)
    if not numbers or value[0] > value[1]:
        return OperandProblem(N_("expected two numbers, the lower first: [low, high]"))
    return None


NUMBER = frozenset({"number"})

OPERATORS: tuple[Operator, ...] = (
    Operator("equals", "eq", lambda a, e: bool(a == e), lambda p, v: {p: v}, N_("{label} is {value}"), "ne",
             refs=True, members=lambda v: (v,)),
    Operator("not_equals", "ne", lambda a, e: bool(a != e), lambda p, v: {"$neq": {p: v}}, N_("{label} is not {value}"), "eq",
             refs=True),
    Operator("in", "in", lambda a, e: a in e, lambda p, v: {"$or": [{p: x} for x in v]}, N_("{label} is one of {values}"), "nin",
             many=True, members=lambda v: v),
    Operator("not_in", "nin", lambda a, e: a not in e, lambda p, v: {"$and": [{"$neq": {p: x}} for x in v]},
             N_("{label} is none of {values}"), "in", many=True),
    Operator("gt", "gt", _ordered(lambda a, e: a > e), lambda p, v: {"$gt": {p: v}}, N_("{label} is more than {value}"), "lte",
             types=NUMBER),
    Operator("gte", "gte", _ordered(lambda a, e: a >= e), lambda p, v: {"$gte": {p: v}}, N_("{label} is at least {value}"), "lt",
             types=NUMBER),
    Operator("lt", "lt", _ordered(lambda a, e: a < e), lambda p, v: {"$lt": {p: v}}, N_("{label} is less than {value}"), "gte",
             types=NUMBER),
    Operator("lte", "lte", _ordered(lambda a, e: a <= e), lambda p, v: {"$lte": {p: v}}, N_("{label} is at most {value}"), "gt",
             types=NUMBER),
    Operator("matches", "match", lambda a, e: isinstance(a, str) and glob_match(e, a),
             lambda p, v: {"$mt": {p: glob_lua(v)}}, N_("{label} matches the pattern “{value}” (* stands for any text)"), None,
             types=frozenset({"text"}), check=_pattern, wrong_type=N_("'matches' tests text; '{name}' is {type}"), field_lint=False),
    Operator("between", "between", _ordered(lambda a, e: e[0] <= a <= e[1]),
             lambda p, v: {"$and": [{"$gte": {p: v[0]}}, {"$lte": {p: v[1]}}]}, N_("{label} is between {first} and {last}"),
             "not_between", types=NUMBER, check=_bounds, wrong_type=N_("'{key}' compares numbers; '{name}' is {type}")),
    Operator("not_between", "not_between", _ordered(lambda a, e: not e[0] <= a <= e[1]),
             lambda p, v: {"$or": [{"$lt": {p: v[0]}}, {"$gt": {p: v[1]}}]}, N_("{label} is not between {first} and {last}"),
             "between", types=NUMBER, check=_bounds, wrong_type=N_("'{key}' compares numbers; '{name}' is {type}")),
)

BY_KEY: dict[str, Operator] = {o.key: o for o in OPERATORS}
BY_OP: dict[str, Operator] = {o.op: o for o in OPERATORS}
KEYS: tuple[str, ...] = tuple(BY_KEY)
NEGATE: dict[str, str] = {o.op: o.negation for o in OPERATORS if o.negation is not None}


@record(frozen=True)
class ListOperator:
    """A test on a list: it holds when the list holds at least ``need(values)`` of the values."""

    key: str
    need: Callable[[tuple[Any, ...]], int]  # how many of the listed values must be present
    many: bool  # the operand is a non-empty list of values (else one value)
    counted: bool = False  # the operand is the number, the values are under 'of' (at_least)
    fields: bool = True  # allowed on a list field of records
    refs: bool = False  # on a record field: may list references ({ref: name.field}) only


LIST_OPERATORS: tuple[ListOperator, ...] = (
    ListOperator("contains", lambda vs: 1, many=False, refs=True),
    ListOperator("contains_any", lambda vs: 1, many=True),
    ListOperator("contains_all", len, many=True, refs=True),
    ListOperator("at_least", len, many=True, counted=True, fields=False),
)

LIST_BY_KEY: dict[str, ListOperator] = {o.key: o for o in LIST_OPERATORS}
LIST_KEYS: tuple[str, ...] = tuple(LIST_BY_KEY)
FIELD_LIST_KEYS: tuple[str, ...] = tuple(o.key for o in LIST_OPERATORS if o.fields)
