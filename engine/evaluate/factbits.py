"""A fact's bits for the reference evaluator's compiled plan (engine/evaluate/quick.py), and record tests as closures."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import partial
from typing import Any

from engine.conditions import FieldTest, NoMatch, Overlap, Test
from engine.evaluate.literals import MEMO, field_ok, literal_holds
from engine.pack.profiles import INCOMPLETE

_NONE: dict[str, dict[str, Any]] = {}
Plain = Test | NoMatch | Overlap


def predicate(where: tuple[FieldTest, ...]) -> Callable[[dict[str, Any]], bool]:
    """Whether a record passes ``where`` (tests without references): :func:`literals.field_ok` of each, as one closure."""
    tests = []
    for t in where:
        if t.op == "eq" and t.value.__class__ in (str, int, float, bool):
            tests.append(_eq(t.field, t.value))
        else:
            tests.append(partial(_field, t))
    if len(tests) == 1:
        return tests[0]
    return lambda rec: all(test(rec) for test in tests)


def _eq(name: str, value: Any) -> Callable[[dict[str, Any]], bool]:
    return lambda rec: name in rec and bool(rec[name] == value)  # compare("eq", ...): bool(a == e)


def _field(t: FieldTest, rec: dict[str, Any]) -> bool:
    return bool(field_ok(rec, t, _NONE))


class FactBits:
    """One fact's bits: stated, incomplete, and each plain literal on it that holds, per distinct value."""

    __slots__ = ("fact", "lits", "memo", "partial", "stated")

    def __init__(self, fact: str, stated: int, partial: int) -> None:
        self.fact, self.stated, self.partial = fact, stated, partial
        self.lits: list[tuple[int, Plain]] = []
        self.memo: dict[Any, int] = {}

    def bits(self, value: Any, incomplete: bool) -> int:
        if not self.lits:
            return self.stated | (self.partial if incomplete else 0)
        try:
            key: Hashable = (value.__class__, value, incomplete) if value.__class__ is not list else (tuple(value), incomplete)
            hit = self.memo.get(key)
        except TypeError:  # an unhashable item: computed every time
            return self._compute(value, incomplete)
        if hit is None:
            if len(self.memo) >= MEMO:
                self.memo.clear()
            hit = self.memo[key] = self._compute(value, incomplete)
        return hit

    def _compute(self, value: Any, incomplete: bool) -> int:
        facts = {self.fact: value, INCOMPLETE: frozenset({self.fact}) if incomplete else frozenset()}
        out = self.stated | (self.partial if incomplete else 0)
        for bit, lit in self.lits:
            if literal_holds(lit, facts):
                out |= bit
        return out
