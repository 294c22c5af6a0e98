"""Profile facts -> the flat, typed facts durable_rules matches (one batch per profile)."""

from __future__ import annotations

from typing import Any

from engine.compile import ANCHOR, Plan, fact_field
from engine.conditions import Count, FieldTest, Overlap
from engine.reference import count_records, overlap


def anchor_fact(plan: Plan, facts: dict[str, Any], sid: str) -> dict[str, Any]:
    anchor: dict[str, Any] = {"t": ANCHOR, "sid": sid}
    for name, value in facts.items():
        fdef = plan.pack.facts[name]
        if fdef.type.value != "records":
            anchor[fact_field(name)] = value
    for lit, prop in plan.anchor_measures.items():
        if isinstance(lit, Overlap):
            if lit.fact in facts:
                anchor[prop] = overlap(facts[lit.fact], lit.values)
        elif isinstance(lit, Count) and lit.records in facts:
            anchor[prop] = count_records(facts[lit.records], lit.where)
    return anchor


def record_fact(plan: Plan, rtype: str, record: dict[str, Any], key: int, sid: str) -> dict[str, Any]:
    fact = {k: v for k, v in record.items() if not k.startswith("_")}
    fact.update(t=rtype, _k=key, sid=sid)
    for (mtype, fname, values), prop in plan.record_measures.items():
        if mtype == rtype and fname in record:
            fact[prop] = overlap(record[fname], values)
    return fact


def base_facts(plan: Plan, facts: dict[str, Any], sid: str) -> dict[str, list[dict[str, Any]]]:
    """Facts by type: the anchor, one per record, one per list item that a join needs."""
    out: dict[str, list[dict[str, Any]]] = {ANCHOR: [anchor_fact(plan, facts, sid)]}
    for rtype in plan.pack.record_fields:
        records = facts.get(rtype)
        if not records:
            continue
        out[rtype] = [record_fact(plan, rtype, rec, k, sid) for k, rec in enumerate(records)]
    for rtype, fname, slot in sorted(plan.item_types):
        itype = f"{rtype}.{fname}#{slot}"
        items = out.setdefault(itype, [])
        n = 0
        for k, rec in enumerate(facts.get(rtype) or []):
            for value in rec.get(fname, []):
                items.append({"t": itype, "o": k, "v": value, "_k": n, "sid": sid})
                n += 1
    return out


def field_test_needs_measure(t: FieldTest) -> bool:
    return t.op == "overlap"
