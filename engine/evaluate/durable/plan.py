"""A pack's durable_rules plan: its rulesets and what the fact builder writes for them, as the pack cache keeps it.

Apart from :mod:`engine.evaluate.durable.compiler`, which makes it: a cold run whose plan comes from the cache
imports the plan's classes, not the compiler (nor its shapes).
"""

from __future__ import annotations

import dataclasses
from dataclasses import field
from typing import Any

from engine.conditions import Count, FieldTest, NoMatch, Overlap
from engine.evaluate.logic import Logic
from engine.pack.compiled import Pack
from engine.records import record

ANCHOR = "profile"
# Fires once per session, so every session runs durable's action path before delete_state:
# createStateNode leaves the session's action context uninitialised and deleteStateNode frees it,
# which crashed ("free(): invalid pointer") for sessions where no rule fired (measured; see
# docs/ENGINE.md). With one action always run, the context is set and freed by durable itself.
SENTINEL = "~sentinel|0"
# A final ruleset names its rules in durable_rules by codes of this many characters (letters and digits, in the order the
# rules are listed), so a firing's rule is a fixed slice of its message; ``RulesetPlan.labels`` says which rule each is.
CODE = 3


@record
class RulesetPlan:
    rules: dict[str, dict[str, Any]]  # durable rule name -> definition
    order: list[str]  # fact types in assertion order (only those the rules look at)
    derives: dict[str, tuple[str, str]] = field(default_factory=dict)  # rule name -> (derived id, alias)
    sources: set[str] = field(default_factory=set)  # record types a derivation starts from
    derived: frozenset[str] = frozenset()  # the derived types it makes records of
    stub: bool = False  # only the sentinel reads the anchor: a bare one (type and session) is asserted
    text: str = ""  # the rules as the JSON durable_rules reads: written once, with the plan the cache keeps
    reads: tuple[str, ...] = ()  # the anchor properties its rules test: a pack split in rulesets sends each only those
    # the anchor's types in a ruleset merged from several (ANCHOR, ANCHOR + "1", ...), each with the properties its
    # rules test: one assert per profile, each anchor fact reaching at most FANOUT patterns
    shards: tuple[tuple[str, tuple[str, ...]], ...] = ()
    labels: dict[str, str] = field(default_factory=dict)  # a final ruleset's rule codes -> the rules' names ("ID|0", SENTINEL)


@record
class Plan:
    pack: Pack
    logic: Logic | None = None
    anchor_measures: dict[Any, str] = field(default_factory=dict)  # Overlap/Count/NoMatch literal -> property
    # list a rule negates -> anchor flag "stated and complete" (of a derived type: known, and its records come
    # from a complete list: it has none besides those known or possible)
    known: dict[str, str] = field(default_factory=dict)
    record_measures: dict[tuple[str, str, tuple[Any, ...]], str] = field(default_factory=dict)
    item_types: set[tuple[str, str, int]] = field(default_factory=set)  # (record type, list field, slot)
    gates: dict[str, str] = field(default_factory=dict)  # rule key -> anchor flag "open" (some base fact unstated or open)
    stated_gates: dict[str, str] = field(default_factory=dict)  # rule key -> flag "every base fact stated, some list open"
    fields: dict[str, str] = field(default_factory=dict)  # profile fact -> its anchor property
    tested: set[str] = field(default_factory=set)  # the profile facts a rule tests on the anchor (the others stay off it)
    strata: list[list[RulesetPlan]] = field(default_factory=list)  # derivation rulesets by stratum
    final: list[RulesetPlan] = field(default_factory=list)
    digest: str = ""
    binds: dict[str, dict[int, tuple[str, ...]]] = field(default_factory=dict)  # rule key -> alternative -> aliases durable binds
    record_props: set[str] = field(default_factory=set)  # the record fields a pattern tests or a reference reads (the others stay off)
    same: dict[str, list[str]] = field(default_factory=dict)  # a final rule's name -> the other rules of the same body
    # anchor property -> the tests its patterns make of it: (the flag gating the pattern, or None; operator; operand)
    anchor_tests: dict[str, list[tuple[str | None, str, Any]]] = field(default_factory=dict)
    kind: str | None = None  # the kind of profile whose rules it holds (None: every rule)
    keys: frozenset[str] | None = None  # with a kind, the rule keys compiled (those of the kind's rules)

    def prop_of(self, fact_id: str) -> str:
        """The anchor property holding a profile fact: short (the batch's JSON, and every firing's, carries it)."""
        return self.fields.setdefault(fact_id, f"f{len(self.fields)}")

    def anchor_measure(self, lit: Overlap | Count | NoMatch) -> str:
        # one property per quantity measured: "at least n" and its negation "fewer than n" test the same count
        key = lit if isinstance(lit, NoMatch) else dataclasses.replace(lit, op="gte", n=1)
        return self.anchor_measures.setdefault(key, f"_a{len(self.anchor_measures)}")

    def anchor_test(self, prop: str, gate: str | None, op: str, operand: Any) -> None:
        tests = self.anchor_tests.setdefault(prop, [])
        if (gate, op, operand) not in tests:
            tests.append((gate, op, operand))

    def known_flag(self, rtype: str) -> str:
        return self.known.setdefault(rtype, f"_n{len(self.known)}")

    def record_measure(self, rtype: str, test: FieldTest) -> str:
        key = (rtype, test.field, test.value)
        return self.record_measures.setdefault(key, f"_f{len(self.record_measures)}")
