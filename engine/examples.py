"""A rule's examples are its tests: each small profile must yield the status the rule says."""

from __future__ import annotations

from dataclasses import dataclass

from engine.evaluate import make_evaluator, status_of
from engine.loading import Pack
from engine.profiles import validate_profile
from engine.yamlio import Locations


@dataclass(frozen=True)
class ExampleResult:
    rule: str
    index: int
    expected: str
    got: str
    file: str
    line: int

    @property
    def passed(self) -> bool:
        return self.expected == self.got


def run_examples(pack: Pack, engine: str = "durable") -> list[ExampleResult]:
    evaluator = make_evaluator(pack, engine)
    out = []
    for cr in pack.rules:
        for i, ex in enumerate(cr.rule.examples):
            kind = (ex.kind or cr.rule.kinds[0]).value
            data = {"id": f"example-{cr.rule.id.lower()}-{i + 1}", "name": f"{cr.rule.id} example {i + 1}", "kind": kind, **ex.facts}
            where = f"{cr.file} ({cr.rule.id}, example {i + 1})"
            profile = validate_profile(data, Locations(where, {(): cr.line}), pack)
            status, _ = status_of(cr, profile.kind, profile.facts, evaluator.evaluate(profile.facts))
            out.append(ExampleResult(cr.rule.id, i + 1, ex.status.value, status.value, cr.file, cr.line))
    return out
