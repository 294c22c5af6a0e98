"""The one module that imports durable_rules. Everything else sees our own models.

Follows docs/ENGINE.md (what durable_rules does, as measured): rulesets created once per process and pack version; one
batch per profile and ruleset; facts in the compiled type order (negated types first); the action
queue drained by a lean loop over the C calls (no Host threads, no per-firing JSON state round trip);
errors collected and raised after the state is drained and deleted (never swallowed).
"""

from __future__ import annotations

import itertools
import json
import os
from collections import Counter, deque
from functools import partial
from operator import itemgetter
from typing import Any

from engine.evaluate import logic as _logic
from engine.evaluate import trace as _trace
from engine.evaluate.derivation import Derivation, derivation_of, derive
from engine.evaluate.durable.facts import FactBuilder
from engine.evaluate.durable.jsontext import encode
from engine.evaluate.durable.plan import CODE, Plan, RulesetPlan
from engine.evaluate.logic import MAYBE, NEG, known_logic, logic_of
from engine.evaluate.trace import Trace
from engine.pack.cache import cached_beside
from engine.pack.compiled import Pack

try:
    import durable_rules_engine as _dre

    IMPORT_ERROR: str | None = None
except (ImportError, OSError) as exc:  # pragma: no cover - exercised where the C extension cannot load
    _dre = None
    IMPORT_ERROR = f"{type(exc).__name__}: {exc}"


class EngineError(RuntimeError):
    """durable_rules failed while evaluating (an internal error, not bad input)."""


# what the C extension raises (its own exception class; MemoryError past 1,024 live sessions, finding 6)
_DRE_ERRORS: tuple[type[BaseException], ...] = (getattr(_dre, "error", RuntimeError), MemoryError) if _dre is not None else ()


def available() -> bool:
    return _dre is not None


_sids = itertools.count(1)
# The one session id of every ruleset (so at most one session each, far from the 1,024 of finding 6), emptied after
# each profile (its facts retracted): creating a session allocates and clears every rule's join memory, which cost
# more than matching (docs/ENGINE.md, finding 27). After an error a new id is taken: a session durable failed in is
# never touched again (finding 5).
_SESSION = [f"s{next(_sids)}"]
# the modules a plan is made by (part of its key in the cache), named without importing the compiler
_PLAN_CODE = [os.path.join(os.path.dirname(__file__), f"{name}.py") for name in ("compiler", "shapes", "plan")] + [_logic.__file__, _trace.__file__]


class _Part:
    """One plan's rulesets (every rule, or one kind's), created once per process, and what evaluating a profile with
    them reads, made once: the rule names to keys, the anchor properties of each anchor type, the derived types sent."""

    def __init__(self, pack: Pack, plan: Plan) -> None:
        self.plan = plan
        self.builder = FactBuilder(plan)
        logic = plan.logic or logic_of(pack)
        # a durable rule's code -> (rule key, {alternative}): a firing is one lookup and one dictionary write
        named = {f"{k}|{i}": (k, frozenset((i,))) for key, polar in logic.rules.items() if plan.keys is None or key in plan.keys
                 for k, dnf in ((key, polar.pos), (key + NEG, polar.neg)) for i in range(len(dnf))}
        self.labels = {code: name for rp in plan.final for code, name in rp.labels.items()}
        self.names: dict[str, tuple[str, frozenset[int]]] = {code: named[name] for code, name in self.labels.items() if name in named}
        # the codes of keys with several alternatives (two may fire for one profile: their union is kept)
        alternatives = Counter(key for key, _ in self.names.values())
        self.multi = frozenset(code for code, (key, _) in self.names.items() if alternatives[key] > 1)
        # a rule that is also other alternatives (of the same body): their keys, alternatives and names; and those of keys
        # with no other alternative anywhere (written with one update: no union to make), and the others
        self.also = {code: tuple((*named[other], other) for other in plan.same[name]) for code, name in self.labels.items() if name in plan.same}
        alternatives.update(key for also in self.also.values() for key, _, _ in also)
        self.shared = {code: ({key: alt for key, alt, _ in also if alternatives[key] == 1}, tuple((key, alt) for key, alt, _ in also if alternatives[key] > 1))
                       for code, also in self.also.items()}
        # per rule key and alternative, the aliases whose records durable binds (joins, derived types): the plan's
        self.binds = plan.binds
        self.bind_codes = frozenset(code for code, (k, alt) in self.names.items() if min(alt) in plan.binds.get(k, ())
                                    or any(min(a) in plan.binds.get(key, ()) for key, a, _ in self.also.get(code, ())))
        # the derived types its rules read (all of them without a kind): the trace's, and those derive() makes
        self.needs = [(did, logic.needs[did]) for did in (logic.derived if plan.kind is None else derivation_of(pack).derived_names(plan.kind))]
        self.reads = frozenset(f for _, needs in self.needs for f in needs)
        sent = {t for rp in plan.final for t in rp.order}
        self.sent = [(did, did in sent, did + MAYBE in sent) for did in logic.derived]
        # a fact's durable id is its position in the batch (else durable hashes its whole text): the retraction is
        # then a few bytes, not the batch again; not where a record field is itself named "id"
        self.ids = "id" not in plan.record_props
        # per final ruleset: its handle, and its batch in the compiled type order (negated types first: finding 15),
        # each entry an anchor fact (its slot) or a fact type
        slots = {(r, t): i for i, (r, t) in enumerate(self.builder.slots)}
        self.final: list[tuple[int, tuple[tuple[int, str], ...]]] = [
            (_create(pack, plan, rp, f"fg{r}"), tuple((slots.get((r, t), -1), t) for t in rp.order)) for r, rp in enumerate(plan.final)]


class DurableEvaluator:
    def __init__(self, pack: Pack, plan: Plan | None = None) -> None:
        if _dre is None:
            raise EngineError(f"durable_rules cannot be imported ({IMPORT_ERROR})")
        self.pack = pack
        # the plans, one per kind asked for (and one of every rule when none is), made and their rulesets created
        # when first needed: a profile's evaluation then creates only its kind's rules
        self._parts: dict[str | None, _Part] = {}
        if plan is not None:
            self._parts[plan.kind] = _Part(pack, plan)
        self._derivation: Derivation | None = None

    def part(self, kind: str | None) -> _Part:
        """The rulesets of ``kind``'s rules (None: of every rule), created the first time."""
        hit = self._parts.get(kind)
        if hit is None:
            pack = self.pack
            # the plan is kept beside the cached pack, one per kind (the modules that make it are part of its key)
            plan = cached_beside(pack, "durable-plan" if kind is None else f"durable-plan:{kind}", _PLAN_CODE,
                                 lambda: _compiled(pack, kind), Plan)
            if plan.logic is not None and plan.pack is pack:
                known_logic(pack, plan.logic)
            hit = self._parts[kind] = _Part(pack, plan)
        return hit

    def evaluate(self, facts: dict[str, Any], kind: str | None = None) -> Trace:
        """The trace of every rule key, or with ``kind`` of the keys of that kind's rules only."""
        part = self._parts.get(kind) or self.part(kind)
        derivation = self._derivation or self._derivation_plan()
        sid = _SESSION[0]
        # derived records come from the derivation plan's indexed joins (the reference evaluator's): in durable_rules the join of
        # two record lists (corridors x agreements) grew as their product (3,000 of each took 3.4 GB); with
        # them, which derived types may have records not named (under INCOMPLETE)
        facts, derived = derive(derivation, facts, kind)
        builder = part.builder
        anchors, by_type, closed = builder.build(facts, sid)
        missing = part.reads.difference(facts)
        known: dict[str, tuple[int, ...]] = {}
        for did, needs in part.needs:
            if missing.isdisjoint(needs):
                known[did] = tuple(sorted(k for k, _ in derived.get(did, ())))
        for did, sent, maybe in part.sent:
            if did in known:
                if sent:
                    by_type[did] = [builder.record(did, rec, key, sid) for key, rec in derived.get(did, ())]
                if maybe:  # the records that may be of it, for "no such record"
                    by_type[did + MAYBE] = [builder.record(did + MAYBE, rec, key, sid) for key, rec in derived.get(did + MAYBE, ())]
        fired: dict[str, frozenset[int]] = {}
        bound: dict[str, Any] = {}
        ids = part.ids
        for handle, order in part.final:
            # the batch's JSON text, each fact's id its position (else durable hashes its whole text): the anchor
            # facts written from their pieces, the others a type at a time (one encoder call: a list's text is its
            # items' texts joined by commas)
            texts: list[str] = []
            n = 0
            for slot, t in order:
                if slot < 0:
                    typed = by_type.get(t)
                    if typed:
                        if ids:
                            for f in typed:
                                f["id"] = n
                                n += 1
                        else:
                            n += len(typed)
                        texts.append(encode(typed)[1:-1])
                else:
                    texts.append(f'{{"t":"{t}","sid":"{sid}"' + "".join(anchors[slot]) + (f',"id":{n}}}' if ids else "}"))
                    n += 1
            _run(part, handle, "[" + ",".join(texts) + "]", n, sid, fired, bound)
        bindings: dict[str, dict[str, int]] = {}
        for code, message in bound.items():
            for key, alt, name in ((*part.names[code], part.labels[code]), *part.also.get(code, ())):
                if min(alt) == min(fired[key]) and min(alt) in part.binds.get(key, ()):
                    bindings[name] = {a: message[a]["_k"] for a in part.binds[key][min(alt)] if a in message}
        return Trace(fired, bindings, known, closed)

    def _derivation_plan(self) -> Derivation:
        self._derivation = derivation_of(self.pack)
        return self._derivation


def _compiled(pack: Pack, kind: str | None) -> Plan:
    from engine.evaluate.durable.compiler import compile_pack  # the compiler: only when the plan is not in the cache

    return compile_pack(pack, kind)


def _create(pack: Pack, plan: Plan, rp: RulesetPlan, suffix: str) -> int:
    key = f"migov:{pack.id}:{plan.digest}:{suffix}"
    if key not in _HANDLES:
        try:
            _HANDLES[key] = _dre.create_ruleset(key, rp.text)
        except _DRE_ERRORS as exc:  # e.g. a ruleset past durable's size (error code 108)
            raise EngineError(str(exc)) from exc
    return _HANDLES[key]


def _run(part: _Part, handle: int, text: str, n: int, sid: str, fired: dict[str, frozenset[int]], bound: dict[str, Any]) -> None:
    """One batch of ``n`` facts asserted, its firings added to ``fired`` (and the facts the joins bound to ``bound``), then
    retracted."""
    if part.ids:
        gone = _gone(n, sid)
    errors: list[str] = []
    try:
        code, state = _dre.assert_facts(handle, text)
    except _DRE_ERRORS as exc:  # e.g. a fact reaching more patterns than durable allows (error code 303)
        _SESSION[0] = f"s{next(_sids)}"
        raise EngineError(str(exc)) from exc
    try:  # drained first (the next firing's message until there is none), read after
        result = _dre.start_action_for_state(handle, state)
        got: list[str] = [result[1], *iter(partial(_dre.complete_and_start_action, handle, state), None)] if result else []
    finally:
        _empty(handle, gone if part.ids else text)
    picked = list(map(_CODE_OF, got))  # each firing's rule: its message starts {"CODE":
    names = part.names
    hits = list(filter(None, map(names.get, picked)))  # (key, alternative) of each firing but the sentinel's
    if len(hits) != len(picked) - 1:  # the sentinel fires once a batch; any other firing is of a rule of the plan
        errors.append(f"{len(picked) - len(hits)} firings of no rule of the plan")
    once = dict(hits)
    if len(once) != len(hits):  # two alternatives of one key held: their union
        both: dict[str, frozenset[int]] = {}
        for name in part.multi.intersection(picked):
            key, alt = names[name]
            was = both.get(key)
            both[key] = alt if was is None else was | alt
        once.update(both)
    for name in part.shared.keys() & picked:  # a rule that is also other alternatives: theirs hold too
        alone, others = part.shared[name]
        once.update(alone)
        for key, alt in others:
            was = once.get(key)
            once[key] = alt if was is None else was | alt
    if fired:  # a plan of several rulesets
        for key, alt in once.items():
            was = fired.get(key)
            fired[key] = alt if was is None else was | alt
    else:
        fired.update(once)
    # the facts the joins bound: of each rule's first firing
    for name in sorted(part.bind_codes.intersection(picked), key=picked.index):
        if name not in bound:
            try:
                bound[name] = json.loads(got[picked.index(name)])[name]
            except (ValueError, KeyError) as exc:
                errors.append(f"{type(exc).__name__}: {exc}")
    if code == _OBSERVED:  # a fact already in the session: the last profile's facts were not all retracted
        errors.append("a fact of an earlier profile was still in the session")
    if errors:
        _SESSION[0] = f"s{next(_sids)}"
        raise EngineError("; ".join(errors))


_GONE: dict[tuple[int, str], str] = {}


def _gone(n: int, sid: str) -> str:
    """What retracts a batch of ``n`` facts whose ids are their positions: their ids and session only."""
    text = _GONE.get((n, sid))
    if text is None:
        if len(_GONE) > 256:
            _GONE.clear()
        text = _GONE[(n, sid)] = encode([{"id": i, "sid": sid} for i in range(n)])
    return text


def _empty(handle: int, text: str) -> None:
    """The session as it was before ``text`` was asserted: its facts retracted, and what that fires (a negation
    that now holds) run and dropped; its actions are always run first (deleting or reusing a session whose
    actions were not run crashed the process: docs/ENGINE.md, finding 5)."""
    try:
        _code, state = _dre.retract_facts(handle, text)
    except _DRE_ERRORS as exc:
        _SESSION[0] = f"s{next(_sids)}"
        raise EngineError(str(exc)) from exc
    if _dre.start_action_for_state(handle, state):
        deque(iter(partial(_dre.complete_and_start_action, handle, state), None), maxlen=0)


_OBSERVED = 2  # durable's ERR_EVENT_OBSERVED
_CODE_OF = itemgetter(slice(2, 2 + CODE))  # a firing's rule code: its message starts {"CODE":
_HANDLES: dict[str, int] = {}
