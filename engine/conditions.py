"""The condition language: YAML data -> checked syntax tree -> disjunctive normal form.

Written by pack authors (see README, "How a rule looks")::

    all:                                   any: [...]          not: {...}
      - fact: coordination.mechanism       equals | not_equals | in | not_in | gt | gte | lt | lte
        equals: true
      - fact: coordination.policy_fields   contains | contains_any | contains_all | at_least + of
        at_least: 3
        of: [health, education, employment]
      - exists: agreements                 a record matches (``as`` names it; ``at_least`` counts)
        as: a
        where: {status: active, partners: {contains: {ref: corridor.origin}}}
      - none: stakeholders                 no record matches (negation)
        where: {group: diaspora}

Normalisation pushes negations down to literals and expands to a disjunction of conjunctions, so
that each conjunction is one durable_rules rule and the reference evaluator walks the same shape.
"""

from __future__ import annotations

import difflib
import itertools
from dataclasses import dataclass, field
from typing import Any

from engine.errors import PackError
from engine.model import FactDef, FactType
from engine.yamlio import Locations, Path_

SCALAR_OPS = ("equals", "not_equals", "in", "not_in", "gt", "gte", "lt", "lte")
LIST_OPS = ("contains", "contains_any", "contains_all", "at_least")
NEGATE = {"eq": "ne", "ne": "eq", "in": "nin", "nin": "in", "gt": "lte", "lte": "gt", "gte": "lt", "lt": "gte"}
SHORT = {"equals": "eq", "not_equals": "ne", "in": "in", "not_in": "nin", "gt": "gt", "gte": "gte", "lt": "lt", "lte": "lte"}
MAX_DISJUNCTS = 64


@dataclass(frozen=True)
class Ref:
    """The value of a field of another matched record: ``{ref: alias.field}``."""

    alias: str
    field: str


@dataclass(frozen=True)
class FieldTest:
    """A test on one field of a record: comparison (op in NEGATE), or ``op='overlap'``."""

    field: str
    op: str
    value: Any
    n: int = 0  # for overlap: the threshold; test is ``overlap >= n`` (or ``< n`` when op is 'lt_overlap')


@dataclass(frozen=True)
class Test:
    """A comparison on a scalar profile fact."""

    fact: str
    op: str
    value: Any


@dataclass(frozen=True)
class Overlap:
    """How many of ``values`` a list fact holds, compared with ``n`` (op 'gte' or 'lt')."""

    fact: str
    values: tuple[str, ...]
    op: str
    n: int


@dataclass(frozen=True)
class Count:
    """How many records of ``records`` match ``where``, compared with ``n`` (op 'gte' or 'lt')."""

    records: str
    where: tuple[FieldTest, ...]
    op: str
    n: int


@dataclass(frozen=True)
class Match:
    """A record of ``records`` matches ``where`` (or, negated, no record does)."""

    records: str
    alias: str
    where: tuple[FieldTest, ...]
    negated: bool = False


Literal_ = Test | Overlap | Count | Match


@dataclass(frozen=True)
class And:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    item: Node


Node = Literal_ | And | Or | Not
Conjunction = tuple[Literal_, ...]


@dataclass
class Scope:
    """What a condition may name: the pack's facts and derived record types."""

    facts: dict[str, FactDef]
    records: dict[str, dict[str, Any]] = field(default_factory=dict)  # record type -> {field: FieldDef}
    derived: dict[str, set[str]] = field(default_factory=dict)  # derived id -> facts it needs

    def record_fields(self, name: str) -> dict[str, Any] | None:
        return self.records.get(name)


class Parser:
    """Parses one condition with the positions of its file, checking it against a :class:`Scope`."""

    def __init__(self, scope: Scope, locs: Locations, bound: dict[str, str] | None = None) -> None:
        self.scope = scope
        self.locs = locs
        self.counter = itertools.count()
        self.aliases: dict[str, str] = dict(bound or {})  # alias -> record type

    def error(self, path: Path_, message: str) -> PackError:
        return self.locs.error(path, message, PackError)  # type: ignore[return-value]

    def parse(self, raw: Any, path: Path_) -> Node:
        if not isinstance(raw, dict) or not raw:
            raise self.error(path, "expected a condition: a mapping with all, any, not, fact, exists or none")
        keys = set(raw)
        if keys & {"all", "any"}:
            (kind,) = keys & {"all", "any"} if len(keys) == 1 else self._only(raw, path, {"all"} if "all" in keys else {"any"})
            items = raw[kind]
            if not isinstance(items, list) or not items:
                raise self.error(path + (kind,), f"'{kind}' expects a non-empty list of conditions")
            nodes = tuple(self.parse(item, path + (kind, i)) for i, item in enumerate(items))
            return And(nodes) if kind == "all" else Or(nodes)
        if "not" in keys:
            self._only(raw, path, {"not"})
            return Not(self.parse(raw["not"], path + ("not",)))
        if "fact" in keys:
            return self._fact(raw, path)
        if "exists" in keys or "none" in keys:
            return self._records(raw, path)
        unknown = min(keys)
        raise self.error(path + (unknown,), f"unknown condition key '{unknown}'{_suggest(unknown, ['all', 'any', 'not', 'fact', 'exists', 'none'])}")

    def _only(self, raw: dict[str, Any], path: Path_, allowed: set[str]) -> tuple[str, ...]:
        extra = sorted(set(raw) - allowed)
        if extra:
            raise self.error(path + (extra[0],), f"unexpected key '{extra[0]}' beside '{min(allowed)}'")
        return tuple(sorted(allowed))

    def _fact_def(self, name: Any, path: Path_) -> FactDef:
        if not isinstance(name, str) or name not in self.scope.facts:
            names = list(self.scope.facts)
            raise self.error(path, f"unknown fact '{name}'{_suggest(str(name), names)}")
        return self.scope.facts[name]

    def _fact(self, raw: dict[str, Any], path: Path_) -> Node:
        fdef = self._fact_def(raw["fact"], path + ("fact",))
        ops = [k for k in raw if k not in ("fact", "of")]
        if len(ops) != 1:
            raise self.error(path, f"a 'fact' test takes exactly one operator ({', '.join(SCALAR_OPS + LIST_OPS)})")
        op = ops[0]
        value = raw[op]
        here = path + (op,)
        if fdef.type == FactType.records:
            raise self.error(path + ("fact",), f"'{fdef.id}' is a list of records: test it with exists/none")
        if fdef.type == FactType.list:
            if op not in LIST_OPS:
                raise self.error(here, f"'{fdef.id}' is a list: use one of {', '.join(LIST_OPS)}")
            values, n = self._list_operands(raw, op, value, fdef.values, path)
            return Overlap(fdef.id, values, "gte", n)
        if "of" in raw:
            raise self.error(path + ("of",), "'of' goes with 'at_least' on a list fact")
        if op not in SCALAR_OPS:
            raise self.error(here, f"unknown operator '{op}' for a {fdef.type.value} fact{_suggest(op, list(SCALAR_OPS))}")
        self._check_scalar(fdef.type.value, fdef.values, SHORT[op], value, here, fdef.id)
        return Test(fdef.id, SHORT[op], tuple(value) if isinstance(value, list) else value)

    def _list_operands(self, raw: dict[str, Any], op: str, value: Any, allowed: dict[str, Any] | None, path: Path_) -> tuple[tuple[Any, ...], int]:
        if op == "at_least":
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise self.error(path + (op,), "'at_least' expects a whole number of 1 or more")
            values = raw.get("of")
            if not isinstance(values, list) or not values:
                raise self.error(path + ("of",), "'at_least' needs 'of': the list of values to count")
            if value > len(values):
                raise self.error(path + (op,), f"at_least {value} can never hold: 'of' lists only {len(values)} values")
            self._check_values(values, allowed, path + ("of",))
            return tuple(values), value
        if "of" in raw:
            raise self.error(path + ("of",), "'of' goes with 'at_least'")
        if op == "contains":
            self._check_values([value], allowed, path + (op,))
            return (value,), 1
        if not isinstance(value, list) or not value:
            raise self.error(path + (op,), f"'{op}' expects a non-empty list of values")
        self._check_values(value, allowed, path + (op,))
        return tuple(value), (1 if op == "contains_any" else len(value))

    def _check_values(self, values: list[Any], allowed: dict[str, Any] | None, path: Path_) -> None:
        for i, v in enumerate(values):
            if isinstance(v, dict):
                raise self.error(path, "a reference is only allowed in a record's 'where'")
            if allowed is not None and v not in allowed:
                raise self.error(path + ((i,) if len(values) > 1 else ()), f"'{v}' is not a declared value{_suggest(str(v), list(allowed))}")

    def _check_scalar(self, ftype: str, allowed: dict[str, Any] | None, op: str, value: Any, path: Path_, name: str) -> None:
        if op in ("in", "nin"):
            if not isinstance(value, list) or not value:
                raise self.error(path, "expected a non-empty list of values")
            for v in value:
                self._check_scalar(ftype, allowed, "eq", v, path, name)
            return
        if isinstance(value, dict) and set(value) == {"ref"}:
            return  # checked when references are resolved
        if ftype == "bool":
            if op not in ("eq", "ne") or not isinstance(value, bool):
                raise self.error(path, f"'{name}' is yes/no: use equals: true or equals: false")
        elif ftype == "number":
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise self.error(path, f"'{name}' is a number: expected a number")
        elif ftype in ("enum", "text"):
            if op not in ("eq", "ne", "in", "nin"):
                raise self.error(path, f"'{name}' is {ftype}: use equals, not_equals, in or not_in")
            if not isinstance(value, str):
                raise self.error(path, f"'{name}' is {ftype}: expected a word")
            if allowed is not None and value not in allowed:
                raise self.error(path, f"'{value}' is not a declared value of '{name}'{_suggest(value, list(allowed))}")

    def _records(self, raw: dict[str, Any], path: Path_) -> Node:
        negated = "none" in raw
        key = "none" if negated else "exists"
        allowed = {key, "where"} | (set() if negated else {"as", "at_least"})
        self._only(raw, path, allowed) if set(raw) - allowed else None
        name = raw[key]
        fields = self.scope.record_fields(name) if isinstance(name, str) else None
        if fields is None:
            names = list(self.scope.records)
            raise self.error(path + (key,), f"'{name}' is not a list of records{_suggest(str(name), names)}")
        alias = raw.get("as") or f"r{next(self.counter)}"
        if not isinstance(alias, str) or alias in self.aliases:
            raise self.error(path + ("as",), f"the name '{alias}' is already used in this rule")
        where_raw = raw.get("where") or {}
        if not isinstance(where_raw, dict):
            raise self.error(path + ("where",), "'where' expects a mapping of field: value")
        where = tuple(self._field_test(name, fields, f, v, path + ("where", f)) for f, v in where_raw.items())
        if "at_least" in raw:
            n = raw["at_least"]
            if not isinstance(n, int) or isinstance(n, bool) or n < 1:
                raise self.error(path + ("at_least",), "'at_least' expects a whole number of 1 or more")
            if any(isinstance(t.value, Ref) for t in where):
                raise self.error(path + ("where",), "a counted 'exists' cannot use references")
            return Count(name, where, "gte", n)
        if negated:
            refs = [t for t in where if isinstance(t.value, Ref) and t.op in ("contains",)]
            if refs:
                raise self.error(path + ("where", refs[0].field), "'none' cannot test 'contains' with a reference; derive the records first")
        else:
            self.aliases[alias] = name
        return Match(name, alias, where, negated)

    def _field_test(self, rtype: str, fields: dict[str, Any], fname: str, raw: Any, path: Path_) -> FieldTest:
        fdef = fields.get(fname)
        if fdef is None:
            raise self.error(path, f"'{rtype}' records have no field '{fname}'{_suggest(fname, list(fields))}")
        spec = raw if isinstance(raw, dict) and set(raw) != {"ref"} else {"equals": raw}
        if len(spec) != 1:
            raise self.error(path, "a field test takes exactly one operator")
        ((op, value),) = spec.items()
        if fdef.type == "list":
            if op not in LIST_OPS[:3]:
                raise self.error(path, f"'{fname}' is a list: use contains, contains_any or contains_all")
            vals = value if isinstance(value, list) else [value]
            refs = [self._ref(v, path) for v in vals if isinstance(v, dict)]
            if refs:
                if len(refs) != len(vals) or op == "contains_any":
                    raise self.error(path, "references go with contains or contains_all, alone")
                return FieldTest(fname, "contains", tuple(refs))
            self._check_values(vals, fdef.values, path)
            return FieldTest(fname, "overlap", tuple(vals), 1 if op != "contains_all" else len(vals))
        if op not in SCALAR_OPS:
            raise self.error(path, f"unknown operator '{op}'{_suggest(op, list(SCALAR_OPS))}")
        if isinstance(value, dict):
            ref = self._ref(value, path)
            if SHORT[op] not in ("eq", "ne"):
                raise self.error(path, "a reference can only be compared with equals or not_equals")
            return FieldTest(fname, SHORT[op], ref)
        self._check_scalar(fdef.type, fdef.values, SHORT[op], value, path, f"{rtype}.{fname}")
        return FieldTest(fname, SHORT[op], tuple(value) if isinstance(value, list) else value)

    def _ref(self, value: Any, path: Path_) -> Ref:
        target = value.get("ref") if isinstance(value, dict) else None
        if not isinstance(target, str) or target.count(".") != 1:
            raise self.error(path, "a reference is written {ref: name.field}")
        alias, fname = target.split(".")
        if alias not in self.aliases:
            raise self.error(path, f"'{alias}' is not a record named earlier in this condition (with 'as')")
        fields = self.scope.record_fields(self.aliases[alias]) or {}
        if fname not in fields:
            raise self.error(path, f"'{self.aliases[alias]}' records have no field '{fname}'{_suggest(fname, list(fields))}")
        return Ref(alias, fname)


def _suggest(word: str, candidates: list[str]) -> str:
    close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def negate(lit: Literal_) -> Literal_:
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
    if isinstance(node, (And, Or)):
        conj = isinstance(node, And) != neg
        parts = [to_dnf(item, neg) for item in node.items]
        if not conj:
            return [c for p in parts for c in p]
        out: list[Conjunction] = [()]
        for p in parts:
            out = [a + b for a in out for b in p]
            if len(out) > MAX_DISJUNCTS:
                raise ValueError(f"the condition expands to more than {MAX_DISJUNCTS} alternatives")
        return out
    return [(negate(node) if neg else node,)]


def facts_of(lit: Literal_) -> set[str]:
    """The profile facts (or derived record types) a literal reads."""
    if isinstance(lit, (Test, Overlap)):
        return {lit.fact}
    return {lit.records}
