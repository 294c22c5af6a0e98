"""Evaluate: statuses for every rule of a pack on one profile, whichever engine matched."""

from __future__ import annotations

import sys
from typing import Any, Protocol

from engine.conditions import Literal_, facts_of
from engine.errors import MigovError
from engine.evaluate import semantics as reference
from engine.evaluate.evidence import evidence
from engine.evaluate.levels import Reached, level_key, reached
from engine.evaluate.logic import NEG, logic_of
from engine.evaluate.semantics import Records
from engine.evaluate.statuses import statuses
from engine.evaluate.trace import Trace
from engine.i18n import _
from engine.pack.compiled import CompiledRule, Pack
from engine.pack.evidence_words import Evidence
from engine.pack.model import Kind, Status
from engine.pack.profiles import Profile
from engine.records import record

ENGINES = ("auto", "durable", "python")  # auto: durable_rules where it imports, else the reference


class Evaluator(Protocol):
    def evaluate(self, facts: dict[str, Any], kind: str | None = None) -> Trace:
        """The trace of every rule key; with ``kind`` (the profile's), one that holds at least the keys of that kind's
        rules: all that :func:`decide` reads for such a profile (a rule of another kind is not applicable unread)."""
        ...


class ReferenceEvaluator:
    def __init__(self, pack: Pack) -> None:
        from engine.evaluate.quick import evaluate  # the reference plan's code: not loaded where durable_rules evaluates

        self.pack = pack
        self._evaluate = evaluate

    def evaluate(self, facts: dict[str, Any], kind: str | None = None) -> Trace:
        return self._evaluate(self.pack, facts, kind)  # semantics.evaluate, with the pack's plan compiled once


class FallbackEvaluator:
    """durable_rules, and the reference evaluator from the first time durable fails on this pack (one line on stderr).

    The pack is valid (it loaded); an error inside durable_rules is the engine's limit, not the user's mistake, and
    the reference evaluator gives the same statuses (the differential tests). A session durable failed to assert is
    never touched again (deleting one whose actions were not run crashes the process), so the switch is for good.
    """

    def __init__(self, pack: Pack, warn: bool = True) -> None:
        self.pack = pack
        self.warn = warn
        self._reference: ReferenceEvaluator | None = None  # made the first time durable_rules fails
        self.durable: Evaluator | None = None
        from engine.evaluate.durable import adapter as adapter_durable

        self.errors: tuple[type[Exception], ...] = (adapter_durable.EngineError,)
        try:
            self.durable = adapter_durable.DurableEvaluator(pack)
        except self.errors as exc:
            self._fail(exc)

    def _fail(self, exc: Exception) -> None:
        self.durable = None
        if self.warn:
            print(_("migov: durable_rules failed on this pack ({reason}); using the reference evaluator").format(
                reason=str(exc).splitlines()[0] if str(exc) else type(exc).__name__), file=sys.stderr)

    def evaluate(self, facts: dict[str, Any], kind: str | None = None) -> Trace:
        if self.durable is not None:
            try:
                return self.durable.evaluate(facts, kind)
            except self.errors as exc:
                self._fail(exc)
        return self.reference.evaluate(facts, kind)

    @property
    def reference(self) -> ReferenceEvaluator:
        if self._reference is None:
            self._reference = ReferenceEvaluator(self.pack)
        return self._reference


_EVALUATORS: dict[tuple[int, str], Evaluator] = {}


def engine_in_use(engine: str = "auto") -> str:
    """The evaluator ``engine`` names: ``auto`` is durable_rules where it can be imported (the ``durable`` extra,
    installed by default on Python 3.11 and 3.12), the plain-Python reference evaluator elsewhere (3.13 and later).
    ``durable`` asked for where it cannot be imported is a one-line error saying how to get it."""
    if engine == "python":
        return engine
    from engine.evaluate.durable import adapter as adapter_durable  # the C extension, loaded only when asked for

    if adapter_durable.available():
        return "durable"
    if engine == "durable":
        how = _("pip install 'migov[durable]' on Python 3.11 or 3.12 (needs gcc and python3-dev: apt-get install gcc python3-dev)")
        raise MigovError(_("durable_rules cannot be loaded ({reason}): {how}; or --engine python, which gives the same results").format(
            reason=adapter_durable.IMPORT_ERROR, how=how))
    return "python"


def make_evaluator(pack: Pack, engine: str = "auto", warn: bool = True) -> Evaluator:
    """The evaluator for ``engine`` (see :func:`engine_in_use`)."""
    engine = engine_in_use(engine)
    key = (id(pack), engine)
    if key not in _EVALUATORS:
        if engine == "durable":
            _EVALUATORS[key] = FallbackEvaluator(pack, warn)
        else:
            _EVALUATORS[key] = ReferenceEvaluator(pack)
    return _EVALUATORS[key]


@record(frozen=True)
class Decision:
    """A rule's status and what decided it: the key ("ID", "ID~", "ID@~"...) and alternative that held."""

    status: Status
    key: str | None = None
    alt: int | None = None


@record(frozen=True)
class Finding:
    rule: CompiledRule
    status: Status
    evidence: tuple[Evidence, ...]  # language-neutral: put in words when a report is rendered
    decision: Decision = Decision(Status.unknown)
    level: Reached | None = None  # a graded rule's levels reached (applicable rules only)


_UNKNOWN, _NOT_APPLICABLE = Decision(Status.unknown), Decision(Status.not_applicable)  # frozen: one of each for every rule
_DECIDED = {st: Decision(st) for st in Status}  # a summary's findings: the status, not what decided it


def _tri(trace: Trace, key: str) -> Decision:
    for k, status in ((key, Status.met), (key + NEG, Status.gap)):
        alt = trace.first(k)
        if alt is not None:
            return Decision(status, k, alt)
    if key in trace.closed:  # every fact stated and the condition fails: a gap (the negation was not evaluated)
        return Decision(Status.gap, key + NEG)
    return _UNKNOWN


def resolved(pack: Pack, d: Decision, facts: dict[str, Any], records: dict[str, Records]) -> Decision:
    """The decision with its deciding alternative: for a closed gap, the first of the negation that holds."""
    if d.alt is not None or d.key is None or not d.key.endswith(NEG):
        return d
    neg = logic_of(pack).rules[d.key[: -len(NEG)]].neg
    alt = next((i for i, conj in enumerate(neg) if reference.conjunction_holds(conj, facts, records, {})), None)
    return Decision(d.status, d.key, alt)


def decide(cr: CompiledRule, kind: Kind, trace: Trace) -> Decision:
    """The three-valued status: not applicable when the kind differs or the applicability is a gap."""
    return judge(cr, kind, trace)[0]


def judge(cr: CompiledRule, kind: Kind, trace: Trace) -> tuple[Decision, Reached | None]:
    """(the decision, a graded rule's levels reached where it applies): each level's status read once."""
    if kind not in cr.rule.kinds:
        return _NOT_APPLICABLE, None
    applies = None
    if cr.applies is not None:
        applies = _tri(trace, cr.rule.id + "@")
        if applies.status == Status.gap:
            return Decision(Status.not_applicable, applies.key, applies.alt), None
    if not cr.levels:
        return (applies if applies is not None and applies.status != Status.met else _tri(trace, cr.rule.id)), None
    at = reached(cr, lambda key: _tri(trace, key).status)
    if applies is not None and applies.status != Status.met:
        return applies, at
    if at.status == Status.unknown:
        return _UNKNOWN, at
    return _tri(trace, level_key(cr, min(at.low + 1, at.total))), at  # the top level met, or the first level that fails


def level_of(cr: CompiledRule, kind: Kind, trace: Trace) -> Reached | None:
    """A graded rule's levels reached, where it applies."""
    return judge(cr, kind, trace)[1]


def status_of(cr: CompiledRule, kind: Kind, facts: dict[str, Any], trace: Trace) -> tuple[Status, int | None]:
    """(status, index of the alternative that decided it: of the condition if met, of its negation if a gap)."""
    d = decide(cr, kind, trace)
    return d.status, d.alt


def records_of(pack: Pack, facts: dict[str, Any], trace: Trace) -> dict[str, Records]:
    """The records the evaluation saw: the profile's, and the derived ones from the trace (not derived again)."""
    logic = logic_of(pack)
    records: dict[str, Records] = {name: list(enumerate(facts[name])) for name in pack.record_fields if name in facts}
    for did, keys in trace.derived.items():
        base = did
        while base in logic.derived:
            base = logic.derived[base].derived.from_
        source = facts.get(base, [])
        records[did] = [(k, source[k]) for k in keys]
    return records


def findings(pack: Pack, profile: Profile, trace: Trace, with_evidence: bool = True) -> list[Finding]:
    """Every rule's finding; ``with_evidence``: with what decided it, as data (no sentence: that is the renderers')."""
    records = records_of(pack, profile.facts, trace) if with_evidence else {}
    facts = reference.opened(pack, profile.open_facts())  # evidence says "at least" of the lists not marked complete
    if not with_evidence:
        return [Finding(cr, st, (), _DECIDED[st], at) for cr, st, at in statuses(pack, profile.kind, trace)]
    out = []
    for cr in pack.rules:
        d, at = judge(cr, profile.kind, trace)
        ev: list[Evidence] = [level_evidence(cr, at)] if with_evidence and at is not None and d.status != Status.unknown else []
        if with_evidence and d.status == Status.met and at is not None:  # what each level's condition read
            held = [(lv, trace.first(level_key(cr, k))) for k, lv in enumerate(cr.levels, start=1)]
            ev += evidence(pack, [lv.dnf[alt] for lv, alt in held if alt is not None], facts, records)
        elif with_evidence and d.status == Status.met and d.alt is not None:
            ev += evidence(pack, [cr.dnf[d.alt]], facts, records)
        elif with_evidence and d.status == Status.gap:
            # every alternative of the condition (of a graded rule: of the first level not reached), as far as the profile states its facts
            dnf = cr.levels[at.low].dnf if at is not None else cr.dnf
            whole = [all(known_literal(pack, lit, profile.facts) for lit in conj) for conj in dnf]  # by position: linear
            known = [conj for conj, w in zip(dnf, whole) if w]
            partial = [tuple(lit for lit in conj if known_literal(pack, lit, profile.facts)) for conj, w in zip(dnf, whole) if not w]
            ev += evidence(pack, known + partial, facts, records)
            missing = sorted(f for f in cr.requires if f not in profile.facts)
            if missing:
                ev.append(Evidence(key="not_needed", facts=missing))
        elif with_evidence and d.status == Status.unknown:
            missing = sorted(f for f in cr.requires if f not in profile.facts)
            ev += [Evidence(key="not_stated", facts=missing)] if missing else []
            partial_lists = sorted(f for f in cr.requires if f in profile.incomplete)
            if partial_lists:
                ev.append(Evidence(key="incomplete_lists", facts=partial_lists))
            if at is not None:  # the facts to collect first, then how far the level may go
                ev.append(level_evidence(cr, at))
        out.append(Finding(cr, d.status, tuple(ev), d, at))
    return out


def known_literal(pack: Pack, lit: Literal_, facts: dict[str, Any]) -> bool:
    logic = logic_of(pack)
    return all(logic.known(name, facts) for name in facts_of(lit))


def level_evidence(cr: CompiledRule, at: Reached) -> Evidence:
    """The level reached, as data: its id (None: none) and rank of the ladder's; unknown, the range up to the highest still possible."""
    ids = [lv.id for lv in cr.levels]
    low = ids[at.low - 1] if at.low else None
    if at.decided:
        return Evidence(key="level", rule=cr.rule.id, value=low, n=at.low, total=at.total)
    return Evidence(key="level_range", rule=cr.rule.id, value=low, n=at.low, total=at.total, values=[ids[at.high - 1]], needed=at.high)
