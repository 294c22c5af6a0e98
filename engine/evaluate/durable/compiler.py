"""Compile a pack's normal-form conditions to durable_rules rulesets (plain JSON, no durable import).

What durable cannot do is prepared here as data, following docs/ENGINE.md:
- counting and list overlap become *measures*, numbers the fact builder writes on the facts;
- a list field tested against another record's field becomes per-item facts (``agreements.partners``);
- derived records are computed in earlier rulesets (strata), then asserted with the base facts;
- within a batch, a negated fact type must be asserted before the types its rule binds positively
  (measured: otherwise a joined negation can fire although a matching fact is in the same batch), so
  each ruleset carries a fact-type order, and rules that would need contradictory orders are split.
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from typing import Any

from engine.conditions import Conjunction, Count, FieldTest, Match, NoMatch, Overlap, Ref, Test
from engine.errors import PackError
from engine.evaluate.durable.plan import ANCHOR, CODE, SENTINEL, Plan, RulesetPlan
from engine.evaluate.durable.shapes import edges as _edges
from engine.evaluate.durable.shapes import props as _props
from engine.evaluate.durable.shapes import retyped as _retyped
from engine.evaluate.durable.shapes import topo as _topo
from engine.evaluate.durable.shapes import types as _types
from engine.evaluate.logic import MAYBE, NEG, bound_aliases, logic_of
from engine.evaluate.trace import kind_keys
from engine.operators import BY_OP
from engine.pack.compiled import Pack


def compile_pack(pack: Pack, kind: str | None = None) -> Plan:
    """The plan of every rule, or with ``kind`` of the rules that apply to it only (the other rules' keys are neither
    compiled nor asserted: a profile of that kind never reads them)."""
    logic = logic_of(pack)
    keys = None if kind is None else kind_keys(pack, kind).intersection(logic.rules)
    plan = Plan(pack, logic, kind=kind, keys=keys)
    rules = logic.rules if keys is None else {k: p for k, p in logic.rules.items() if k in keys}
    strata: dict[int, list[tuple[str, list[dict[str, Any]], tuple[str, str]]]] = {}
    # derived records come from the reference evaluator's indexed joins (docs/ENGINE.md, finding 24): the strata are
    # not run, and a kind's plan leaves them out (the anchor then holds nothing only they read)
    for did, d in logic.derived.items() if kind is None else ():
        source = Match(d.derived.from_, d.derived.as_, d.where)
        bodies = [_conjunction(plan, (source,) + conj, derived=True) for conj in d.dnf]
        strata.setdefault(d.stratum, []).append((did, bodies, (did, d.derived.as_)))
    for s in sorted(strata):
        plan.strata.append(_group(plan, [(f"{did}|{i}", b, tag) for did, bodies, tag in strata[s] for i, b in enumerate(bodies)]))
    plan.gates = {key: f"_o{g}" for g, (_, group) in enumerate(logic.groups) for key in group if key in rules and rules[key].open_neg}
    plan.stated_gates = {key: f"_s{g}" for g, (_, group) in enumerate(logic.groups) for key in group
                         if key in rules and len(rules[key].open_neg) < len(rules[key].neg)}
    entries: list[tuple[str, dict[str, Any], Any]] = []
    # the keys reading the same facts side by side: the rulesets (and anchor types) they fill then test fewer
    # properties, so each profile's anchors repeat fewer of them
    by_group = {key: g for g, (_, group) in enumerate(logic.groups) for key in group}
    for key, polar in sorted(rules.items(), key=lambda kv: by_group[kv[0]]):
        entries += [(f"{key}|{i}", _conjunction(plan, conj), None) for i, conj in enumerate(polar.pos)]
        # a negation is matched only where the key is open (closed, the condition alone decides), and
        # only its alternatives that can hold there: one reading every base fact of the key only where
        # they are all stated, some lists perhaps only in part (flag "_s")
        entries += [(f"{key}{NEG}|{i}", _conjunction(plan, conj, gate=plan.gates[key] if i in polar.open_neg else plan.stated_gates[key]), None)
                    for i, conj in enumerate(polar.neg)]
    # alternatives with the same body (applicability conditions shared by several criteria, a level's alternative that
    # is another's) are one durable rule: one firing, and one rule fewer for each assert and each next-action scan
    first: dict[str, str] = {}  # a body's text -> the first alternative of that body
    for name, body, _ in entries:
        text = json.dumps(body, sort_keys=True)
        if text in first:
            plan.same.setdefault(first[text], []).append(name)
        else:
            first[text] = name
    kept = set(first.values())
    entries = [entry for entry in entries if entry[0] in kept]
    plan.final = _coded([_firing_first(rp) for rp in _merged(_group(plan, entries))])
    blob = json.dumps([[r.rules for r in g] for g in plan.strata] + [[r.rules for r in plan.final]], sort_keys=True, default=str)
    import hashlib  # OpenSSL loads slowly: only when a pack is compiled, not when its plan comes from the cache

    plan.digest = hashlib.sha256(f"{pack.id}:{pack.version}:{kind}:{blob}".encode()).hexdigest()[:12]
    for key, polar in rules.items():
        for k, dnf in ((key, polar.pos), (key + NEG, polar.neg)):
            for i, conj in enumerate(dnf):
                keep = bound_aliases(logic, conj)
                if keep:
                    plan.binds.setdefault(k, {})[i] = tuple(sorted(keep))
    return plan


CHUNK = 200  # rules per ruleset: a pack of 2,400 rules in one ruleset fails inside durable_rules; 600 work
# patterns of one fact type per ruleset: one fact may reach at most 64 patterns of a ruleset, or assert_facts fails
# with error code 303 (measured: whether or not their rules fire; docs/ENGINE.md, finding 25). The sentinel takes one.
FANOUT = 64


def _group(plan: Plan, entries: list[tuple[str, dict[str, Any], Any]]) -> list[RulesetPlan]:
    """Split rules into rulesets whose negated-before-positive constraints have a consistent order, of at most CHUNK
    rules and FANOUT patterns of any one fact type each."""
    groups: list[tuple[dict[str, Any], dict[str, set[str]], dict[str, Any], Counter[str]]] = []
    for name, body, tag in entries:
        edges = _edges(body)
        uses = Counter(_types(body))
        for rules, graph, tags, fanout in groups:
            if len(rules) >= CHUNK or any(fanout[t] + n > FANOUT for t, n in uses.items()):
                continue  # durable_rules refuses a ruleset past a size (error code 108), an assert past a fan-out (303)
            merged = {k: set(v) for k, v in graph.items()}
            for a, bs in edges.items():
                merged.setdefault(a, set()).update(bs)
            if _topo(merged) is not None:
                rules[name] = body
                graph.clear()
                graph.update(merged)
                fanout.update(uses)
                if tag:
                    tags[name] = tag
                break
        else:
            groups.append(({name: body}, edges, {name: tag} if tag else {}, Counter(uses) + Counter({ANCHOR: 1})))
    out = []
    for rules, graph, tags, _ in groups:
        types = {t for body in rules.values() for t in _types(body)}
        order = _topo({t: graph.get(t, set()) for t in types}) or sorted(types)
        if ANCHOR not in order:
            order.append(ANCHOR)
        stub = all(ANCHOR not in _types(body) for body in rules.values())
        rules[SENTINEL] = {"all": [{"p": {"t": ANCHOR}}]}
        sources = {_types(rules[name])[0] for name in tags}
        reads = tuple(sorted({k for body in rules.values() for pattern in body["all"] for k in _props(pattern.get("p"))}))
        out.append(RulesetPlan(rules, order, tags, sources, frozenset(did for did, _ in tags.values()), stub,
                               json.dumps(rules, ensure_ascii=False), reads))
    return out


MERGE = 512  # rules of a merged ruleset (600 measured to work; CHUNK)


def _merged(rulesets: list[RulesetPlan]) -> list[RulesetPlan]:
    """Consecutive rulesets as one, each with its own anchor type (the fan-out limit is per fact), where their fact-type
    orders agree, no record type passes FANOUT patterns and the whole stays under MERGE rules: a profile is then one
    assert, and one session's cost, instead of one per ruleset."""
    out: list[RulesetPlan] = []
    for rp in rulesets:
        shard = (ANCHOR, () if rp.stub else rp.reads)
        last = out[-1] if out else None
        if last is not None and len(last.rules) + len(rp.rules) <= MERGE:
            t = f"{ANCHOR}{len(last.shards)}"
            rules = {**last.rules, **{name: _retyped(body, t, ANCHOR) for name, body in rp.rules.items() if name != SENTINEL}}
            graph: dict[str, set[str]] = {}
            for body in rules.values():
                for a, bs in _edges(body).items():
                    graph.setdefault(a, set()).update(bs)
            types = Counter(x for body in rules.values() for x in _types(body) if not x.startswith(ANCHOR))
            order = _topo({x: graph.get(x, set()) for x in {x for body in rules.values() for x in _types(body)}})
            if order is not None and all(n <= FANOUT for n in types.values()):
                anchors = [x for x in order if x.startswith(ANCHOR)]
                out[-1] = RulesetPlan(rules, [x for x in order if not x.startswith(ANCHOR)] + anchors, {**last.derives, **rp.derives},
                                      last.sources | rp.sources, last.derived | rp.derived, False,
                                      json.dumps(rules, ensure_ascii=False), (), (*last.shards, (t, shard[1])))
                continue
        out.append(dataclasses.replace(rp, shards=(shard,)))
    return out


def _firing_first(rp: RulesetPlan) -> RulesetPlan:
    """The ruleset with the rules that fire most first: the sentinel (every profile), the conditions, then the negations
    (gated on open keys: seldom). durable looks for the next action to run from its first rule on, every firing
    (``getNextResultInState``: measured, a fifth of the C time with the rules in the compiled order)."""
    rules = dict(sorted(rp.rules.items(), key=lambda kv: (kv[0] != SENTINEL, NEG + "|" in kv[0])))
    return dataclasses.replace(rp, rules=rules, text=json.dumps(rules, ensure_ascii=False))


_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _coded(rulesets: list[RulesetPlan]) -> list[RulesetPlan]:
    """The rulesets with their rules named by codes of CODE characters, unique in the plan (62 ** 3 of them), each one's
    name kept in ``labels``: the adapter reads a firing's rule as a fixed slice of its message, not by searching it."""
    out = []
    n = 0
    for rp in rulesets:
        labels: dict[str, str] = {}
        rules: dict[str, dict[str, Any]] = {}
        for name, body in rp.rules.items():
            if n >= len(_DIGITS) ** CODE:
                raise PackError(f"more than {len(_DIGITS) ** CODE} rule alternatives for durable_rules")
            code = "".join(_DIGITS[n // len(_DIGITS) ** k % len(_DIGITS)] for k in reversed(range(CODE)))
            labels[code], rules[code] = name, body
            n += 1
        out.append(dataclasses.replace(rp, rules=rules, labels=labels, text=json.dumps(rules, ensure_ascii=False)))
    return out


def _conjunction(plan: Plan, conj: Conjunction, derived: bool = False, gate: str | None = None) -> dict[str, Any]:
    anchor_tests: list[dict[str, Any]] = [{gate: 1}] if gate else []
    positives: list[dict[str, Any]] = []
    negatives: list[dict[str, Any]] = []
    referenced = {ref.alias for lit in conj if isinstance(lit, Match) for t in lit.where
                  for ref in (t.value if t.op == "contains" else (t.value,)) if isinstance(ref, Ref)}
    for n, lit in enumerate(conj):
        if isinstance(lit, Match) and lit.negated and not (plan.logic and lit.records in plan.logic.derived) \
                and not any(t.op == "contains" or isinstance(t.value, Ref) for t in lit.where):
            # "no such record" is a count below 1 on the anchor: no $not pattern, so no assertion-order
            # trap when the same type is also matched positively (measured: durable fired such a rule
            # although a matching record was in the batch), and a list not stated has no count (false)
            lit = Count(lit.records, lit.where, "lt", 1)
        if isinstance(lit, Match) and not lit.negated and lit.alias not in referenced and not (derived and n == 0) \
                and not (plan.logic and lit.records in plan.logic.derived) \
                and not any(t.op == "contains" or isinstance(t.value, Ref) for t in lit.where):
            # A record that nothing joins with is a count (>= 1) on the anchor: one firing instead of
            # one per matching record, and durable binds one fact to one pattern only (measured), while
            # "a member of origin" and "a member of transit" may be the same member.
            lit = Count(lit.records, lit.where, "gte", 1)
        # each test of an anchor property is kept with the flag gating its pattern: a value none can pass is left off
        if isinstance(lit, NoMatch):
            plan.anchor_test(plan.anchor_measure(lit), gate, "eq", 1)
            anchor_tests.append({plan.anchor_measure(lit): 1})
        elif isinstance(lit, Test):
            plan.tested.add(lit.fact)
            plan.anchor_test(plan.prop_of(lit.fact), gate, lit.op, lit.value)
            anchor_tests.append(_compare(plan.prop_of(lit.fact), lit.op, lit.value))
        elif isinstance(lit, (Overlap, Count)):
            plan.anchor_test(plan.anchor_measure(lit), gate, "gte" if lit.op == "gte" else "lt", lit.n)
            anchor_tests.append({"$gte" if lit.op == "gte" else "$lt": {plan.anchor_measure(lit): lit.n}})
            if lit.op != "gte":  # "fewer than n" holds only of a list stated and complete
                flag = plan.known_flag(lit.fact if isinstance(lit, Overlap) else lit.records)
                plan.anchor_test(flag, gate, "eq", 1)
                anchor_tests.append({flag: 1})
        else:
            # join references first: after a test that compiles to a nested $or/$and (in, between),
            # durable ignored a reference and the rule fired anyway (measured; docs/ENGINE.md, finding 22)
            ordered = sorted((t for t in lit.where if t.op != "contains"), key=lambda t: not isinstance(t.value, Ref))
            plan.record_props.update(t.field for t in lit.where)
            plan.record_props.update(r.field for t in lit.where for r in (t.value if t.op == "contains" else (t.value,)) if isinstance(r, Ref))
            # "no record" of a derived type: none of those that may be of it (known, or not known not to be)
            rtype = lit.records + MAYBE if lit.negated and plan.logic and lit.records in plan.logic.derived else lit.records
            tests = [{"t": rtype}] + [_field(plan, rtype, t) for t in ordered]
            body = tests[0] if len(tests) == 1 else {"$and": tests}
            if lit.negated:
                negatives.append({f"{lit.alias}$not": body})
                # "none" of a list the profile does not state, or that may name only some of its items, is not known
                plan.anchor_test(plan.known_flag(lit.records), gate, "eq", 1)
                anchor_tests.append({plan.known_flag(lit.records): 1})
                continue
            positives.append({lit.alias: body})
            for t in lit.where:
                if t.op == "contains":
                    if lit.records in plan.pack.derived:
                        raise PackError(f"'contains' with a reference needs a base list of records, not derived '{lit.records}'")
                    for j, ref in enumerate(t.value):
                        # one item type per slot: durable binds a fact to one pattern only, and two
                        # references may name the same value (measured by the differential test)
                        plan.item_types.add((lit.records, t.field, j))
                        item = [{"t": f"{lit.records}.{t.field}#{j}"}, {"o": {lit.alias: "_k"}}, {"v": {ref.alias: ref.field}}]
                        positives.append({f"{lit.alias}__{t.field}{j}": {"$and": item}})
    patterns: list[dict[str, Any]] = []
    if anchor_tests or not derived:
        anchor = [{"t": ANCHOR}] + anchor_tests
        patterns.append({"p": anchor[0] if len(anchor) == 1 else {"$and": anchor}})
    return {"all": patterns + positives + negatives}


def _compare(prop: str, op: str, value: Any) -> dict[str, Any]:
    return BY_OP[op].durable(prop, value)


def _field(plan: Plan, rtype: str, t: FieldTest) -> dict[str, Any]:
    if t.op == "overlap":
        return {"$gte": {plan.record_measure(rtype, t): t.n}}
    if isinstance(t.value, Ref):
        return _compare(t.field, t.op, {t.value.alias: t.value.field})
    return _compare(t.field, t.op, t.value)
