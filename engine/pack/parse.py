"""Parse conditions from pack YAML into the syntax tree, checked against the vocabulary, with positions.

Every message names the file, line and field, in the user's language, with a suggestion where one fits.
"""

from __future__ import annotations

import itertools
from dataclasses import field
from typing import Any

from engine.conditions import And, AtLeast, Count, FieldTest, Match, Node, Not, Or, Overlap, Ref, Test
from engine.errors import PackError, did_you_mean
from engine.i18n import _
from engine.operators import BY_KEY, BY_OP, FIELD_LIST_KEYS, KEYS, LIST_BY_KEY, LIST_KEYS
from engine.pack.model import FactDef, FactType
from engine.records import record
from engine.yamlio import Locations, Path_

SCALAR_OPS = KEYS  # the operators, their operands and messages: engine/operators.py
LIST_OPS = LIST_KEYS
SHORT = {key: o.op for key, o in BY_KEY.items()}


@record
class Scope:
    """What a condition may name: the pack's facts and derived record types."""

    facts: dict[str, FactDef]
    records: dict[str, dict[str, Any]] = field(default_factory=dict)  # record type -> {field: FieldDef}
    params: dict[str, float] = field(default_factory=dict)  # pack parameters: name -> value
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

    def error(self, path: Path_, message: str, code: str = "L005") -> PackError:
        return self.locs.error(path, message, PackError, code=code)  # type: ignore[return-value]

    def param(self, value: Any, path: Path_) -> Any:
        """A ``{param: name}`` value becomes the parameter's number; anything else is returned as is."""
        if isinstance(value, dict) and set(value) == {"param"}:
            name = value["param"]
            if not isinstance(name, str) or name not in self.scope.params:
                raise self.error(path, _("unknown parameter '{name}'").format(name=name) + did_you_mean(str(name), list(self.scope.params)), code="L004")
            v = self.scope.params[name]
            return int(v) if float(v).is_integer() else v
        return value

    def parse(self, raw: Any, path: Path_) -> Node:
        if not isinstance(raw, dict) or not raw:
            raise self.error(path, _("expected a condition: a mapping with all, any, not, fact, exists or none"))
        keys = set(raw)
        if keys & {"all", "any"}:
            (kind,) = keys & {"all", "any"} if len(keys) == 1 else self._only(raw, path, {"all"} if "all" in keys else {"any"})
            items = raw[kind]
            if not isinstance(items, list) or not items:
                raise self.error(path + (kind,), _("'{kind}' expects a non-empty list of conditions").format(kind=kind))
            nodes = tuple(self.parse(item, path + (kind, i)) for i, item in enumerate(items))
            return And(nodes) if kind == "all" else Or(nodes)
        if "not" in keys:
            self._only(raw, path, {"not"})
            return Not(self.parse(raw["not"], path + ("not",)))
        if "at_least" in keys and not keys & {"fact", "exists", "none"}:
            return self._at_least(raw, path)
        if "fact" in keys:
            return self._fact(raw, path)
        if "exists" in keys or "none" in keys:
            return self._records(raw, path)
        unknown = min(keys)
        raise self.error(path + (unknown,), _("unknown condition key '{key}'").format(key=unknown) + did_you_mean(unknown, ["all", "any", "not", "at_least", "fact", "exists", "none"]), code="L004")

    def _at_least(self, raw: dict[str, Any], path: Path_) -> Node:
        """``at_least: N`` with ``of: [conditions]``: at least N of the branches hold."""
        self._only(raw, path, {"at_least", "of"})
        n = self.param(raw["at_least"], path + ("at_least",))
        if not isinstance(n, int) or isinstance(n, bool) or n < 1:
            raise self.error(path + ("at_least",), _("'at_least' expects a whole number of 1 or more"))
        items = raw.get("of")
        if not isinstance(items, list) or not items:
            raise self.error(path + ("of",), _("'at_least' needs 'of': a non-empty list of conditions"))
        if n > len(items):
            raise self.error(path + ("at_least",), _("at_least {n} can never hold: 'of' lists only {count} conditions").format(n=n, count=len(items)), code="L010")
        return AtLeast(n, tuple(self.parse(item, path + ("of", i)) for i, item in enumerate(items)))

    def _only(self, raw: dict[str, Any], path: Path_, allowed: set[str]) -> tuple[str, ...]:
        extra = sorted(set(raw) - allowed)
        if extra:
            raise self.error(path + (extra[0],), _("unexpected key '{key}' beside '{other}'").format(key=extra[0], other=min(allowed)))
        return tuple(sorted(allowed))

    def _fact_def(self, name: Any, path: Path_) -> FactDef:
        if not isinstance(name, str) or name not in self.scope.facts:
            names = list(self.scope.facts)
            raise self.error(path, _("unknown fact '{name}'").format(name=name) + did_you_mean(str(name), names), code="L004")
        return self.scope.facts[name]

    def _fact(self, raw: dict[str, Any], path: Path_) -> Node:
        fdef = self._fact_def(raw["fact"], path + ("fact",))
        ops = [k for k in raw if k not in ("fact", "of")]
        if len(ops) != 1:
            raise self.error(path, _("a 'fact' test takes exactly one operator ({ops})").format(ops=", ".join(SCALAR_OPS + LIST_OPS)))
        op = ops[0]
        here = path + (op,)
        value = self.param(raw[op], here)
        if "of" in raw or (op in LIST_BY_KEY and LIST_BY_KEY[op].counted):
            raw = {**raw, op: value}
        if fdef.type == FactType.records:
            raise self.error(path + ("fact",), _("'{fact}' is a list of records: test it with exists/none").format(fact=fdef.id))
        if fdef.type == FactType.list:
            if op not in LIST_OPS:
                raise self.error(here, _("'{fact}' is a list: use one of {ops}").format(fact=fdef.id, ops=", ".join(LIST_OPS)))
            values, n = self._list_operands(raw, op, value, fdef.values, path)
            return Overlap(fdef.id, values, "gte", n)
        if "of" in raw:
            raise self.error(path + ("of",), _("'of' goes with 'at_least' on a list fact"))
        if op not in SCALAR_OPS:
            raise self.error(here, _("unknown operator '{op}' for a {type} fact").format(op=op, type=fdef.type.value) + did_you_mean(op, list(SCALAR_OPS)), code="L004")
        self._check_scalar(fdef.type.value, fdef.values, SHORT[op], value, here, fdef.id)
        return Test(fdef.id, SHORT[op], tuple(value) if isinstance(value, list) else value)

    def _list_operands(self, raw: dict[str, Any], op: str, value: Any, allowed: dict[str, Any] | None, path: Path_) -> tuple[tuple[Any, ...], int]:
        spec = LIST_BY_KEY[op]
        if spec.counted:
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise self.error(path + (op,), _("'at_least' expects a whole number of 1 or more"))
            values = raw.get("of")
            if not isinstance(values, list) or not values:
                raise self.error(path + ("of",), _("'at_least' needs 'of': the list of values to count"))
            if value > len(values):
                raise self.error(path + (op,), _("at_least {n} can never hold: 'of' lists only {count} values").format(n=value, count=len(values)), code="L010")
            self._check_values(values, allowed, path + ("of",))
            return tuple(values), value
        if "of" in raw:
            raise self.error(path + ("of",), _("'of' goes with 'at_least'"))
        if not spec.many:
            self._check_values([value], allowed, path + (op,))
            return (value,), spec.need((value,))
        if not isinstance(value, list) or not value:
            raise self.error(path + (op,), _("'{op}' expects a non-empty list of values").format(op=op))
        self._check_values(value, allowed, path + (op,))
        return tuple(value), spec.need(tuple(value))

    def _check_values(self, values: list[Any], allowed: dict[str, Any] | None, path: Path_) -> None:
        for i, v in enumerate(values):
            if isinstance(v, dict):
                raise self.error(path, _("a reference is only allowed in a record's 'where'"))
            if allowed is not None and v not in allowed:
                raise self.error(path + ((i,) if len(values) > 1 else ()), _("'{value}' is not a declared value").format(value=v) + did_you_mean(str(v), list(allowed)), code="L004")

    def _check_scalar(self, ftype: str, allowed: dict[str, Any] | None, op: str, value: Any, path: Path_, name: str) -> None:
        spec = BY_OP[op]
        if spec.many:
            if not isinstance(value, list) or not value:
                raise self.error(path, _("expected a non-empty list of values"))
            for v in value:
                self._check_scalar(ftype, allowed, "eq", v, path, name)
            return
        if isinstance(value, dict) and set(value) == {"ref"}:
            return  # checked when references are resolved
        # an operator that does not apply to the type: its own message, else the type's (below)
        if ftype not in spec.types and (spec.wrong_type or spec.check or ftype not in ("bool", "enum", "text")):
            if spec.wrong_type is None:
                raise self.error(path, _("unknown operator '{op}' for a {type} fact").format(op=spec.key, type=ftype), code="L004")
            raise self.error(path, _(spec.wrong_type).format(key=spec.key, name=name, type=ftype))
        if spec.check is not None:  # an operand of its own (a pattern, bounds): the operator checks it
            problem = spec.check(value)
            if problem is not None:
                raise self.error(path, _(problem.message), code=problem.code)
            return
        if ftype == "bool":
            if ftype not in spec.types or not isinstance(value, bool):
                raise self.error(path, _("'{name}' is yes/no: use equals: true or equals: false").format(name=name))
        elif ftype == "number":
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise self.error(path, _("'{name}' is a number: expected a number").format(name=name))
        elif ftype in ("enum", "text"):
            if ftype not in spec.types:
                raise self.error(path, _("'{name}' is {type}: use equals, not_equals, in or not_in").format(name=name, type=ftype))
            if not isinstance(value, str):
                raise self.error(path, _("'{name}' is {type}: expected a word").format(name=name, type=ftype))
            if allowed is not None and value not in allowed:
                raise self.error(path, _("'{value}' is not a declared value of '{name}'").format(value=value, name=name) + did_you_mean(value, list(allowed)), code="L004")

    def _records(self, raw: dict[str, Any], path: Path_) -> Node:
        negated = "none" in raw
        key = "none" if negated else "exists"
        allowed = {key, "where"} | (set() if negated else {"as", "at_least"})
        self._only(raw, path, allowed) if set(raw) - allowed else None
        name = raw[key]
        fields = self.scope.record_fields(name) if isinstance(name, str) else None
        if fields is None:
            names = list(self.scope.records)
            raise self.error(path + (key,), _("'{name}' is not a list of records").format(name=name) + did_you_mean(str(name), names), code="L004")
        alias = raw.get("as") or f"r{next(self.counter)}"
        if not isinstance(alias, str) or alias in self.aliases:
            raise self.error(path + ("as",), _("the name '{name}' is already used in this rule").format(name=alias))
        where_raw = raw.get("where") or {}
        if not isinstance(where_raw, dict):
            raise self.error(path + ("where",), _("'where' expects a mapping of field: value"))
        where = tuple(self._field_test(name, fields, f, v, path + ("where", f)) for f, v in where_raw.items())
        if "at_least" in raw:
            n = self.param(raw["at_least"], path + ("at_least",))
            if not isinstance(n, int) or isinstance(n, bool) or n < 1:
                raise self.error(path + ("at_least",), _("'at_least' expects a whole number of 1 or more"))
            if any(isinstance(t.value, Ref) for t in where):
                raise self.error(path + ("where",), _("a counted 'exists' cannot use references"))
            return Count(name, where, "gte", n)
        if negated:
            refs = [t for t in where if isinstance(t.value, Ref) and t.op in ("contains",)]
            if refs:
                raise self.error(path + ("where", refs[0].field), _("'none' cannot test 'contains' with a reference; derive the records first"))
        else:
            self.aliases[alias] = name
        return Match(name, alias, where, negated)

    def _field_test(self, rtype: str, fields: dict[str, Any], fname: str, raw: Any, path: Path_) -> FieldTest:
        fdef = fields.get(fname)
        if fdef is None:
            raise self.error(path, _("'{records}' records have no field '{field}'").format(records=rtype, field=fname) + did_you_mean(fname, list(fields)), code="L004")
        spec = raw if isinstance(raw, dict) and set(raw) != {"ref"} else {"equals": raw}
        if len(spec) != 1:
            raise self.error(path, _("a field test takes exactly one operator"))
        ((op, value),) = spec.items()
        if fdef.type == "list":
            if op not in FIELD_LIST_KEYS:
                raise self.error(path, _("'{field}' is a list: use contains, contains_any or contains_all").format(field=fname))
            vals = value if isinstance(value, list) else [value]
            refs = [self._ref(v, path) for v in vals if isinstance(v, dict)]
            if refs:
                if len(refs) != len(vals) or not LIST_BY_KEY[op].refs:
                    raise self.error(path, _("references go with contains or contains_all, alone"))
                return FieldTest(fname, "contains", tuple(refs))
            self._check_values(vals, fdef.values, path)
            return FieldTest(fname, "overlap", tuple(vals), LIST_BY_KEY[op].need(tuple(vals)))
        if op not in SCALAR_OPS:
            raise self.error(path, _("unknown operator '{op}'").format(op=op) + did_you_mean(op, list(SCALAR_OPS)), code="L004")
        if isinstance(value, dict):
            ref = self._ref(value, path)
            if not BY_KEY[op].refs:
                raise self.error(path, _("a reference can only be compared with equals or not_equals"))
            return FieldTest(fname, SHORT[op], ref)
        self._check_scalar(fdef.type, fdef.values, SHORT[op], value, path, f"{rtype}.{fname}")
        return FieldTest(fname, SHORT[op], tuple(value) if isinstance(value, list) else value)

    def _ref(self, value: Any, path: Path_) -> Ref:
        target = value.get("ref") if isinstance(value, dict) else None
        if not isinstance(target, str) or target.count(".") != 1:
            raise self.error(path, _("a reference is written {{ref: name.field}}").format())
        alias, fname = target.split(".")
        if alias not in self.aliases:
            raise self.error(path, _("'{name}' is not a record named earlier in this condition (with 'as')").format(name=alias))
        fields = self.scope.record_fields(self.aliases[alias]) or {}
        if fname not in fields:
            raise self.error(path, _("'{records}' records have no field '{field}'").format(records=self.aliases[alias], field=fname) + did_you_mean(fname, list(fields)), code="L004")
        return Ref(alias, fname)


