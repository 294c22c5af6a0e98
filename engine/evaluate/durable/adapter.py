"""The one module that imports durable_rules. Everything else sees our own models.

Follows docs/ENGINE.md (what durable_rules does, as measured): rulesets created once per process and pack version; one
batch per profile and ruleset; facts in the compiled type order (negated types first); the action
queue drained by a lean loop over the C calls (no Host threads, no per-firing JSON state round trip);
errors collected and raised after the state is drained and deleted (never swallowed).
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

from engine.evaluate import logic as _logic
from engine.evaluate.durable import compiler as _compiler
from engine.evaluate.durable import shapes as _shapes
from engine.evaluate.durable.compiler import ANCHOR, Plan, RulesetPlan, compile_pack
from engine.evaluate.durable.facts import FactBuilder
from engine.evaluate.logic import MAYBE, NEG, known_logic, logic_of
from engine.evaluate.quick import derive, plan_of
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
_PLAN_CODE = [Path(_compiler.__file__), Path(_shapes.__file__), Path(_logic.__file__)]


class DurableEvaluator:
    def __init__(self, pack: Pack, plan: Plan | None = None) -> None:
        if _dre is None:
            raise EngineError(f"durable_rules cannot be imported ({IMPORT_ERROR})")
        self.pack = pack
        # the plan is kept beside the cached pack (the modules that make it are part of its key)
        self.plan = plan or cached_beside(pack, "durable-plan", _PLAN_CODE, lambda: compile_pack(pack), Plan)
        if self.plan.logic is not None and self.plan.pack is pack:
            known_logic(pack, self.plan.logic)
        self.builder = FactBuilder(self.plan)
        self.logic = logic_of(pack)
        # per rule key and alternative, the aliases whose records durable binds (joins, derived types): the plan's
        self._binds = self.plan.binds
        self._names: dict[str, tuple[str, int]] = {}  # durable rule name -> (rule key, alternative)
        for key, polar in self.logic.rules.items():
            for k, dnf in ((key, polar.pos), (key + NEG, polar.neg)):
                for i in range(len(dnf)):
                    self._names[f"{k}|{i}"] = (k, i)
        self._bind_names = {f"{k}|{i}" for k, alts in self._binds.items() for i in alts}
        self._needs = [(did, self.logic.needs[did]) for did in self.logic.derived]
        self._reads = frozenset(f for _, needs in self._needs for f in needs)
        self._maybe = {did for did in self.logic.derived if any(did + MAYBE in rp.order for rp in self.plan.final)}
        self._final = [self._create(rp, f"fg{g}") for g, rp in enumerate(self.plan.final)]
        self._where: dict[int, dict[str, list[str]]] = {}  # per ruleset: anchor property -> the anchor types testing it
        for handle, rp in self._final:
            where = self._where[handle] = {}
            for t, reads in rp.shards:
                for k in reads:
                    where.setdefault(k, []).append(t)
        self._quick = plan_of(pack)


    def _create(self, rp: RulesetPlan, suffix: str) -> tuple[int, RulesetPlan]:
        key = f"migov:{self.pack.id}:{self.plan.digest}:{suffix}"
        if key not in _HANDLES:
            try:
                _HANDLES[key] = _dre.create_ruleset(key, rp.text)
            except _DRE_ERRORS as exc:  # e.g. a ruleset past durable's size (error code 108)
                raise EngineError(str(exc)) from exc
        return _HANDLES[key], rp

    def evaluate(self, facts: dict[str, Any]) -> Trace:
        sid = _SESSION[0]
        # derived records come from the reference evaluator's indexed joins: in durable_rules the join of
        # two record lists (corridors x agreements) grew as their product (3,000 of each took 3.4 GB); with
        # them, which derived types may have records not named (under INCOMPLETE)
        facts, derived = derive(self._quick, facts)
        by_type, closed = self.builder.build(facts, sid)
        missing = self._reads.difference(facts)
        known = {did for did, needs in self._needs if missing.isdisjoint(needs)}
        for did in known:
            by_type[did] = [self.builder.record(did, rec, key, sid) for key, rec in derived.get(did, [])]
            if did in self._maybe:  # the records that may be of it, for "no such record"
                by_type[did + MAYBE] = [self.builder.record(did + MAYBE, rec, key, sid) for key, rec in derived.get(did + MAYBE, [])]
        fired: dict[str, set[int]] = {}
        names = self._names
        bound: dict[str, Any] = {}
        for handle, rp in self._final:
            for name, message in self._run(handle, rp, by_type, sid, self._bind_names):
                hit = names.get(name)
                if hit is None:
                    continue  # the sentinel
                fired.setdefault(hit[0], set()).add(hit[1])
                if message is not None and name not in bound:
                    bound[name] = message
        bindings: dict[str, dict[str, int]] = {}
        for name, message in bound.items():
            key, i = names[name]
            if i == min(fired[key]):
                bindings[name] = {a: message[a]["_k"] for a in self._binds[key][i] if a in message}
        return Trace({k: frozenset(v) for k, v in fired.items()}, bindings,
                     {did: tuple(sorted(int(f["_k"]) for f in by_type.get(did, ()))) for did in known}, closed)

    def _run(self, handle: int, rp: RulesetPlan, by_type: dict[str, list[dict[str, Any]]], sid: str,
             decode: set[str] | None) -> list[tuple[str, Any]]:
        """The firings of one batch: (rule name, matched facts if ``decode`` has the name, or None; all when None)."""
        if len(rp.shards) > 1 or len(self._final) > 1 or rp.stub:  # each anchor type gets the properties its rules test
            shards = {t: {"t": t, "sid": sid} for t, _ in rp.shards}
            where = self._where[handle]
            for k, v in by_type[ANCHOR][0].items():
                for shard in where.get(k, ()):
                    shards[shard][k] = v
            batch = [f for t in rp.order for f in (by_type.get(t, ()) if t not in shards else (shards[t],))]
        else:
            batch = [f for t in rp.order for f in by_type.get(t, ())]
        out: list[tuple[str, Any]] = []
        errors: list[str] = []
        text = _encode(batch)
        try:
            code, state = _dre.assert_facts(handle, text)
        except _DRE_ERRORS as exc:  # e.g. a fact reaching more patterns than durable allows (error code 303)
            _SESSION[0] = f"s{next(_sids)}"
            raise EngineError(str(exc)) from exc
        try:
            result = _dre.start_action_for_state(handle, state)
            message = result[1] if result else None
            while message:
                try:
                    name = message[2 : message.index('"', 2)]
                    if decode is None or name in decode:
                        ((name, bound),) = json.loads(message).items()
                        out.append((name, bound))
                    else:
                        out.append((name, None))
                except (ValueError, KeyError, IndexError) as exc:  # collected, reported after the state is cleaned up
                    errors.append(f"{type(exc).__name__}: {exc}")
                message = _dre.complete_and_start_action(handle, state)
        finally:
            _empty(handle, text)
        if code == _OBSERVED:  # a fact already in the session: the last profile's facts were not all retracted
            errors.append("a fact of an earlier profile was still in the session")
        if errors:
            _SESSION[0] = f"s{next(_sids)}"
            raise EngineError("; ".join(errors))
        return out


def _empty(handle: int, text: str) -> None:
    """The session as it was before ``text`` was asserted: its facts retracted, and what that fires (a negation
    that now holds) run and dropped; its actions are always run first (deleting or reusing a session whose
    actions were not run crashed the process: docs/ENGINE.md, finding 5)."""
    try:
        _code, state = _dre.retract_facts(handle, text)
    except _DRE_ERRORS as exc:
        _SESSION[0] = f"s{next(_sids)}"
        raise EngineError(str(exc)) from exc
    result = _dre.start_action_for_state(handle, state)
    message = result[1] if result else None
    while message:
        message = _dre.complete_and_start_action(handle, state)


_OBSERVED = 2  # durable's ERR_EVENT_OBSERVED
_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
_HANDLES: dict[str, int] = {}
