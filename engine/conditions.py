"""The condition language: its syntax tree and its disjunctive normal form (parsing: engine/parse.py).

Written by pack authors (see README, "How a rule looks")::

    all:                                   any: [...]          not: {...}     at_least: N, of: [...]
      - fact: coordination.mechanism       equals | not_equals | in | not_in | gt | gte | lt | lte | matches
        equals: true                       | between | not_between ([low, high], numbers)
      - fact: coordination.policy_fields   contains | contains_any | contains_all | at_least + of
        at_least: 3
        of: [health, education, employment]
      - exists: agreements                 a record matches (``as`` names it; ``at_least`` counts)
        as: a
        where: {status: active, partners: {contains: {ref: corridor.origin}}}
      - none: stakeholders                 no record matches (negation)
        where: {group: diaspora}

Each operator (equals, contains, ...) is declared once, in engine/operators.py: how it parses, negates,
evaluates, compiles for durable_rules, reads in words and is linted.

Normalisation pushes negations down to literals and expands to a disjunction of conjunctions, so
that each conjunction is one durable_rules rule and the reference evaluator walks the same shape.
"""

from __future__ import annotations

import itertools
import math
from typing import Any

from engine.limits import limit
from engine.operators import NEGATE
from engine.records import record


class ConditionError(ValueError):
    """A condition that cannot be put in normal form (e.g. a negated text pattern)."""




@record(frozen=True)
class Ref:
    """The value of a field of another matched record: ``{ref: alias.field}``."""

    alias: str
    field: str


@record(frozen=True)
class FieldTest:
    """A test on one field of a record: comparison (op in NEGATE), or ``op='overlap'``."""

    field: str
    op: str
    value: Any
    n: int = 0  # for overlap: the threshold; test is ``overlap >= n`` (or ``< n`` when op is 'lt_overlap')


@record(frozen=True)
class Test:
    """A comparison on a scalar profile fact."""

    fact: str
    op: str
    value: Any


@record(frozen=True)
class Overlap:
    """How many of ``values`` a list fact holds, compared with ``n`` (op 'gte' or 'lt')."""

    fact: str
    values: tuple[str, ...]
    op: str
    n: int


@record(frozen=True)
class NoMatch:
    """A text fact that does not match ``pattern`` (the negation of ``matches``; false when unknown)."""

    fact: str
    pattern: str


@record(frozen=True)
class Count:
    """How many records of ``records`` match ``where``, compared with ``n`` (op 'gte' or 'lt')."""

    records: str
    where: tuple[FieldTest, ...]
    op: str
    n: int


@record(frozen=True)
class Match:
    """A record of ``records`` matches ``where`` (or, negated, no record does)."""

    records: str
    alias: str
    where: tuple[FieldTest, ...]
    negated: bool = False


Literal_ = Test | NoMatch | Overlap | Count | Match


@record(frozen=True)
class And:
    items: tuple[Node, ...]


@record(frozen=True)
class Or:
    items: tuple[Node, ...]


@record(frozen=True)
class Not:
    item: Node


@record(frozen=True)
class AtLeast:
    """At least ``n`` of the branches hold (``at_least: N`` with ``of: [conditions]``)."""

    n: int
    items: tuple[Node, ...]


Node = Literal_ | And | Or | Not | AtLeast
Conjunction = tuple[Literal_, ...]


def negate(lit: Literal_) -> Literal_:
    if isinstance(lit, Test) and lit.op == "match":
        return NoMatch(lit.fact, lit.value)
    if isinstance(lit, NoMatch):
        return Test(lit.fact, "match", lit.pattern)
    if isinstance(lit, Test) and lit.op not in NEGATE:
        raise ConditionError(f"the operator '{lit.op}' cannot be negated")
    if isinstance(lit, Test):
        return Test(lit.fact, NEGATE[lit.op], lit.value)
    if isinstance(lit, Overlap):
        return Overlap(lit.fact, lit.values, "lt" if lit.op == "gte" else "gte", lit.n)
    if isinstance(lit, Count):
        return Count(lit.records, lit.where, "lt" if lit.op == "gte" else "gte", lit.n)
    return Match(lit.records, lit.alias, lit.where, not lit.negated)


def to_dnf(node: Node, neg: bool = False) -> list[Conjunction]:
    """Disjunctive normal form: a list of conjunctions of literals (negations pushed down)."""
    if isinstance(node, Not):
        return to_dnf(node.item, not neg)
    if isinstance(node, AtLeast):
        # at least n of k hold = some n of them all hold; negated: at least k - n + 1 of them fail
        k = len(node.items)
        need = node.n if not neg else k - node.n + 1
        items = tuple(Not(x) for x in node.items) if neg else node.items
        if 0 <= need <= k and math.comb(k, need) > limit("alternatives"):  # counted before any is built
            raise ValueError(limit("alternatives"))
        subsets = tuple(And(combo) for combo in itertools.combinations(items, need))
        return to_dnf(Or(subsets))
    if isinstance(node, (And, Or)):
        conj = isinstance(node, And) != neg
        parts = [to_dnf(item, neg) for item in node.items]
        if not conj:
            return [c for p in parts for c in p]
        # built as lists, extended in place: an ``all`` (or a negated ``any``) of n literals is linear, not quadratic
        out: list[list[Literal_]] = [[]]
        for p in parts:
            if len(p) == 1:
                for a in out:
                    a.extend(p[0])
                continue
            if len(out) * len(p) > limit("alternatives"):
                raise ValueError(limit("alternatives"))
            out = [a + list(b) for a in out for b in p]
        return [tuple(a) for a in out]
    return [(negate(node) if neg else node,)]


def facts_of(lit: Literal_) -> set[str]:
    """The profile facts (or derived record types) a literal reads."""
    if isinstance(lit, (Test, NoMatch, Overlap)):
        return {lit.fact}
    return {lit.records}
