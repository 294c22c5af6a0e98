"""Evidence: a short translated sentence per fact that decided a status (explainability)."""

from __future__ import annotations

from typing import Any

from engine.conditions import Conjunction, Count, FieldTest, Match, NoMatch, Overlap, Test
from engine.evaluate.semantics import Records, field_ok
from engine.i18n import format_value, translate, translate_plural
from engine.pack.compiled import Pack
from engine.pack.profiles import INCOMPLETE


def _value(pack: Pack, values: dict[str, Any] | None, value: Any, lang: str) -> str:
    if isinstance(value, bool):
        return translate("yes", lang) if value else translate("no", lang)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if values and value in values:
        return pack.text(values[value], lang)
    return format_value(value, lang)


def _list(pack: Pack, values: dict[str, Any] | None, items: list[Any], lang: str) -> str:
    if not items:
        return translate("none", lang)
    return ", ".join(_value(pack, values, v, lang) for v in items)


def naming(pack: Pack, name: str) -> tuple[str, ...]:
    """The fields that name a record of ``name`` (a records fact, or records derived from one), as the pack declares."""
    while name in pack.derived:
        name = pack.derived[name].derived.from_
    fdef = pack.facts.get(name)
    return tuple(fdef.named_by or ()) if fdef is not None else ()


def record_name(record: dict[str, Any], key: int, named_by: tuple[str, ...] = ()) -> str:
    """A record in words: the fields the pack names it by, else its first text value, else its number."""
    if named_by and all(f in record for f in named_by):
        return " → ".join(str(record[f]) for f in named_by)
    for value in record.values():
        if isinstance(value, str):
            return value
    return f"#{key + 1}"


def describe(pack: Pack, lit: Any, facts: dict[str, Any], records: dict[str, Records], lang: str) -> str:
    sep = translate(": ", lang)
    if isinstance(lit, (Test, NoMatch, Overlap)):
        fdef = pack.facts[lit.fact]
        label = pack.text(fdef.label, lang)
        value = facts.get(lit.fact)
        if isinstance(lit, Overlap):
            shown = _list(pack, fdef.values, [v for v in (value or []) if v in lit.values], lang)
            said = ("includes at least {n} of {total} counted ({listed}); {needed} needed" if lit.fact in facts.get(INCOMPLETE, ())
                    else "{n} of {total} counted ({listed}); {needed} needed")
            return label + sep + translate(said, lang).format(
                n=sum(1 for v in lit.values if v in (value or [])), total=len(lit.values), listed=shown, needed=lit.n)
        return label + sep + _value(pack, fdef.values, value, lang)
    name = lit.records
    label = pack.text(pack.derived[name].derived.label if name in pack.derived else pack.facts[name].label, lang)
    local = tuple(t for t in lit.where if _local(t))
    matching = [(k, r) for k, r in records.get(name, []) if all(field_ok(r, t, {}) for t in local)]
    partial = name in facts.get(INCOMPLETE, ())  # the list may name only some of its items
    if isinstance(lit, Count):
        n = len(matching)
        said = (translate_plural("at least {n} matching; {needed} needed", "at least {n} matching; {needed} needed", n, lang) if partial
                else translate_plural("{n} matching; {needed} needed", "{n} matching; {needed} needed", n, lang))
        return label + sep + said.format(n=n, needed=lit.n)
    if not matching:
        declared = len(records.get(name, []))
        said = (translate("none matching among the {n} declared so far (the list may be incomplete)", lang) if partial
                else translate_plural("none matching ({n} declared)", "none matching ({n} declared)", declared, lang))
        return label + sep + said.format(n=declared)
    by = naming(pack, name)
    named = ", ".join(record_name(r, k, by) for k, r in matching[:5]) + (" …" if len(matching) > 5 else "")
    return label + sep + (translate("includes at least {items}", lang).format(items=named) if partial else named)


def _local(t: FieldTest) -> bool:
    return t.op != "contains" and not hasattr(t.value, "alias")


def evidence(pack: Pack, conjs: list[Conjunction], facts: dict[str, Any], records: dict[str, Records], lang: str) -> list[str]:
    out: list[str] = []
    for conj in conjs:
        for lit in conj:
            if isinstance(lit, Match) and not lit.negated and any(
                isinstance(o, Match) and o.records == lit.records and o.negated for o in conj
            ):
                continue
            line = describe(pack, lit, facts, records, lang)
            if line not in out:
                out.append(line)
    return out
