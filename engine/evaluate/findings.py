"""Evaluate: statuses for every rule of a pack on one profile, whichever engine matched."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any, Protocol

from engine.evaluate import semantics as reference
from engine.evaluate.evidence import evidence
from engine.evaluate.semantics import Fired
from engine.i18n import _, translate
from engine.pack.compiled import CompiledRule, Pack
from engine.pack.model import Kind, Status
from engine.pack.profiles import Profile

ENGINES = ("durable", "python")


class Evaluator(Protocol):
    def evaluate(self, facts: dict[str, Any]) -> Fired: ...


class ReferenceEvaluator:
    def __init__(self, pack: Pack) -> None:
        self.pack = pack

    def evaluate(self, facts: dict[str, Any]) -> Fired:
        return reference.evaluate(self.pack, facts)


_EVALUATORS: dict[tuple[int, str], Evaluator] = {}


def make_evaluator(pack: Pack, engine: str = "durable", warn: bool = True) -> Evaluator:
    """The evaluator for ``engine``; without durable_rules, a one-line notice and the reference one."""
    key = (id(pack), engine)
    if key not in _EVALUATORS:
        if engine == "durable":
            from engine.evaluate.durable import adapter as adapter_durable

            if adapter_durable.available():
                _EVALUATORS[key] = adapter_durable.DurableEvaluator(pack)
            else:
                if warn:
                    print(_("migov: durable_rules is not available ({reason}); using the reference evaluator").format(
                        reason=adapter_durable.IMPORT_ERROR), file=sys.stderr)
                _EVALUATORS[key] = ReferenceEvaluator(pack)
        else:
            _EVALUATORS[key] = ReferenceEvaluator(pack)
    return _EVALUATORS[key]


@dataclass(frozen=True)
class Finding:
    rule: CompiledRule
    status: Status
    evidence: tuple[str, ...]


def status_of(cr: CompiledRule, kind: Kind, facts: dict[str, Any], fired: Fired) -> tuple[Status, int | None]:
    """(status, index of the first alternative that holds) for one rule."""
    if kind not in cr.rule.kinds:
        return Status.not_applicable, None
    if any(f not in facts for f in cr.requires):
        return Status.unknown, None
    if cr.applies is not None and cr.rule.id + "@" not in fired:
        return Status.not_applicable, None
    hits = fired.get(cr.rule.id)
    return (Status.met, min(hits)) if hits else (Status.gap, None)


def findings(pack: Pack, profile: Profile, fired: Fired, lang: str, with_evidence: bool = True) -> list[Finding]:
    records = reference.derive(pack, profile.facts) if with_evidence else {}
    out = []
    for cr in pack.rules:
        status, alt = status_of(cr, profile.kind, profile.facts, fired)
        ev: list[str] = []
        if with_evidence and status == Status.met and alt is not None:
            ev = evidence(pack, [cr.dnf[alt]], profile.facts, records, lang)
        elif with_evidence and status == Status.gap:
            ev = evidence(pack, cr.dnf, profile.facts, records, lang)
        elif with_evidence and status == Status.unknown:
            missing = sorted(f for f in cr.requires if f not in profile.facts)
            labels = ", ".join(pack.text(pack.facts[f].label, lang) for f in missing)
            ev = [translate("not stated in the profile: {facts}", lang).format(facts=labels)]
        out.append(Finding(cr, status, tuple(ev)))
    return out
