"""Conditions in plain words, in English or French, from the syntax tree the pack author wrote."""

from __future__ import annotations

from typing import Any

from engine.conditions import And, AtLeast, Count, FieldTest, Match, Node, NoMatch, Not, Or, Overlap, Ref, Test
from engine.i18n import format_value, translate
from engine.operators import BY_OP
from engine.pack.compiled import Pack

OPS = {op: o.text for op, o in BY_OP.items()}  # each operator's words: engine/operators.py


class Describer:
    def __init__(self, pack: Pack, lang: str) -> None:
        self.pack = pack
        self.lang = lang
        self.aliases: dict[str, str] = {}

    def t(self, s: str) -> str:
        return translate(s, self.lang)

    def value(self, values: dict[str, Any] | None, v: Any) -> str:
        if isinstance(v, bool):
            return self.t("yes") if v else self.t("no")
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        if values and v in values:
            return self.t("“{value}”").format(value=self.pack.text(values[v], self.lang))  # the language's quotes: catalogue data
        return format_value(v, self.lang)

    def values(self, values: dict[str, Any] | None, vs: Any) -> str:
        return ", ".join(self.value(values, v) for v in vs)

    def records_label(self, name: str) -> str:
        if name in self.pack.derived:
            return self.pack.text(self.pack.derived[name].derived.label, self.lang)
        return self.pack.text(self.pack.facts[name].label, self.lang)

    def fields(self, name: str) -> dict[str, Any]:
        base = self.pack.derived[name].derived.from_ if name in self.pack.derived else name
        return self.pack.record_fields.get(base, {})

    def describe(self, node: Node) -> str:
        if isinstance(node, And):
            return self.t("all of: {items}").format(items="; ".join(self.describe(n) for n in node.items))
        if isinstance(node, Or):
            return self.t("any of: {items}").format(items="; ".join(self.describe(n) for n in node.items))
        if isinstance(node, Not):
            return self.t("not ({item})").format(item=self.describe(node.item))
        if isinstance(node, AtLeast):
            return self.t("at least {n} of: {items}").format(n=node.n, items="; ".join(self.describe(n) for n in node.items))
        if isinstance(node, NoMatch):
            return self.t("not ({item})").format(item=self.describe(Test(node.fact, "match", node.pattern)))
        if isinstance(node, Test):
            fdef = self.pack.facts[node.fact]
            label = self.pack.text(fdef.label, self.lang)
            return self.test(node.op, label, fdef.values, node.value)
        if isinstance(node, Overlap):
            fdef = self.pack.facts[node.fact]
            label = self.pack.text(fdef.label, self.lang)
            vs = self.values(fdef.values, node.values)
            if node.op == "lt":
                return self.t("{label} includes fewer than {n} of {values}").format(label=label, n=node.n, values=vs)
            if len(node.values) == 1:
                return self.t("{label} includes {values}").format(label=label, values=vs)
            if node.n == len(node.values):
                return self.t("{label} includes all of {values}").format(label=label, values=vs)
            return self.t("{label} includes at least {n} of {values}").format(label=label, n=node.n, values=vs)
        if isinstance(node, Count):
            where = self.where(node.records, node.where)
            key = "at least {n} “{records}” records{where}" if node.op == "gte" else "fewer than {n} “{records}” records{where}"
            return self.t(key).format(n=node.n, records=self.records_label(node.records), where=where)
        assert isinstance(node, Match)
        self.aliases[node.alias] = node.records
        where = self.where(node.records, node.where)
        key = "there is no “{records}” record{where}" if node.negated else "there is a “{records}” record{where}"
        return self.t(key).format(records=self.records_label(node.records), where=where)

    def test(self, op: str, label: str, values: dict[str, Any] | None, operand: Any) -> str:
        """One comparison in words; a list operand also gives {values} and its {first} and {last}."""
        shown = [self.value(values, v) for v in operand] if isinstance(operand, tuple) else []
        return self.t(OPS[op]).format(label=label, value=self.value(values, operand), values=", ".join(shown),
                                      first=shown[0] if shown else "", last=shown[-1] if shown else "")

    def where(self, records: str, tests: tuple[FieldTest, ...]) -> str:
        if not tests:
            return ""
        fields = self.fields(records)
        parts = []
        for t in tests:
            fd = fields.get(t.field)
            label = self.pack.text(fd.label, self.lang) if fd else t.field
            vals = fd.values if fd else None
            if t.op == "overlap":
                vs = self.values(vals, t.value)
                parts.append((self.t("{label} includes {values}") if len(t.value) == 1 or t.n == 1 and len(t.value) == 1 else
                              self.t("{label} includes all of {values}") if t.n == len(t.value) else
                              self.t("{label} includes at least {n} of {values}")).format(label=label, values=vs, n=t.n))
            elif t.op == "contains":
                refs = ", ".join(self.ref(r) for r in t.value)
                parts.append(self.t("{label} includes {values}").format(label=label, values=refs))
            elif isinstance(t.value, Ref):
                parts.append(self.t(OPS[t.op]).format(label=label, value=self.ref(t.value), values="", first="", last=""))
            else:
                parts.append(self.test(t.op, label, vals, t.value))
        return self.t(" where {conditions}").format(conditions=self.t(" and ").join(parts))

    def ref(self, r: Ref) -> str:
        records = self.aliases.get(r.alias, r.alias)
        fd = self.fields(records).get(r.field) if records in self.pack.record_fields or records in self.pack.derived else None
        label = self.pack.text(fd.label, self.lang) if fd else r.field
        return self.t("the {field} of that “{records}” record").format(field=label, records=self.records_label(records) if records in self.pack.facts or records in self.pack.derived else records)


def describe(pack: Pack, node: Node, lang: str, bound: dict[str, str] | None = None) -> str:
    d = Describer(pack, lang)
    d.aliases.update(bound or {})
    text = d.describe(node)
    return text[:1].upper() + text[1:]
