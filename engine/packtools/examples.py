"""A rule's examples are its tests: each small profile must yield the status the rule says."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict

from engine.errors import PackError
from engine.evaluate.findings import level_of, make_evaluator, status_of
from engine.i18n import _
from engine.pack.compiled import Pack
from engine.pack.model import Kind, Status
from engine.pack.profiles import validate_profile
from engine.pack.validate import validate_model
from engine.records import record
from engine.yamlio import Locations, load_yaml


class Scenario(BaseModel):
    """One whole example profile of ``tests.yaml``: its facts and the status expected of some rules."""

    model_config = ConfigDict(extra="forbid")
    name: str
    kind: Kind
    facts: dict[str, object]
    expect: dict[str, Status]


class Outcome:
    """An expected status beside the one the engine gave, and where the expectation is written."""

    expected: str
    got: str
    file: str
    line: int

    @property
    def passed(self) -> bool:
        return self.expected == self.got


@record(frozen=True)
class ExampleResult(Outcome):
    rule: str
    index: int
    expected: str
    got: str
    file: str
    line: int


def run_examples(pack: Pack, engine: str = "auto") -> list[ExampleResult]:
    evaluator = make_evaluator(pack, engine)
    out = []
    for cr in pack.rules:
        for i, ex in enumerate(cr.rule.examples):
            kind = ex.kind or cr.rule.kinds[0]
            data = {"id": f"example-{cr.rule.id.lower()}-{i + 1}", "name": f"{cr.rule.id} example {i + 1}", "kind": kind, **ex.facts}
            where = f"{cr.file} ({cr.rule.id}, example {i + 1})"
            profile = validate_profile(data, Locations(where, {(): cr.line}), pack)
            trace = evaluator.evaluate(profile.facts, kind=profile.kind)
            status, _ = status_of(cr, profile.kind, profile.facts, trace)
            expected, got = ex.status.value, status.value
            at = level_of(cr, profile.kind, trace)
            if ex.level is not None and cr.levels:  # a graded rule's example may say the level it reaches, checked too
                expected, got = f"{expected} ({ex.level})", f"{got} ({cr.levels[at.low - 1].id if at is not None and at.low else 'none'})"
            out.append(ExampleResult(cr.rule.id, i + 1, expected, got, cr.file, cr.line))
    return out


@record(frozen=True)
class ScenarioResult(Outcome):
    scenario: str
    rule: str
    expected: str
    got: str
    file: str
    line: int


def run_scenarios(pack: Pack, engine: str = "auto") -> list[ScenarioResult]:
    """The whole example profiles a pack lists in ``tests.yaml``, each with its expected statuses."""
    path = Path(pack.root) / "tests.yaml"
    if not path.is_file():
        return []
    data, locs = load_yaml(path)
    if not isinstance(data, list):
        raise locs.error((), _("expected a list of scenarios"), PackError)
    evaluator = make_evaluator(pack, engine)
    rules = {cr.rule.id: cr for cr in pack.rules}
    out = []
    for i, raw in enumerate(data):
        sc = validate_model(Scenario, raw, locs, (i,))
        profile = validate_profile({"id": f"scenario-{i + 1}", "name": sc.name, "kind": sc.kind, **sc.facts},
                                   Locations(str(path), {(): locs.line((i, "facts")) or 1, **{k[2:]: v for k, v in locs.lines.items() if k[:2] == (i, "facts")}}), pack)
        fired = evaluator.evaluate(profile.facts, kind=profile.kind)
        for rule_id, expected in sc.expect.items():
            line = locs.line((i, "expect", rule_id)) or 1
            if rule_id not in rules:
                deselected = {c["target"] for c in (pack.tailoring or {}).get("changes", []) if c["kind"] == "deselect"}
                if rule_id in deselected:
                    continue  # a tailoring took the rule out: nothing to expect of it
                raise locs.error((i, "expect", rule_id), _("no rule '{rule}'").format(rule=rule_id), PackError)
            status, _alt = status_of(rules[rule_id], profile.kind, profile.facts, fired)
            out.append(ScenarioResult(sc.name, rule_id, expected.value, status.value, str(path), line))
    return out


def coverage(pack: Pack) -> dict[str, list[str]]:
    """What no example exercises: rules without both a met and a gap outcome, facts, enum values."""
    seen_facts: set[str] = set()
    seen_values: set[tuple[str, str]] = set()
    outcomes: dict[str, set[str]] = {cr.rule.id: set() for cr in pack.rules}

    def visit(facts: dict[str, object]) -> None:
        for fid, value in facts.items():
            seen_facts.add(fid)
            fdef = pack.facts.get(fid)
            if fdef is None:
                continue
            items = value if isinstance(value, list) else [value]
            for item in items:
                if isinstance(item, dict):
                    for field, v in item.items():
                        for x in (v if isinstance(v, list) else [v]):
                            seen_values.add((f"{fid}.{field}", str(x)))
                else:
                    seen_values.add((fid, str(item)))

    for cr in pack.rules:
        for ex in cr.rule.examples:
            visit(ex.facts)
            outcomes[cr.rule.id].add(ex.status.value)
    scenarios = Path(pack.root) / "tests.yaml"
    if scenarios.is_file():
        data, _ = load_yaml(scenarios)
        for sc in data if isinstance(data, list) else []:
            if isinstance(sc, dict) and isinstance(sc.get("facts"), dict):
                visit(sc["facts"])
                for rid, st in (sc.get("expect") or {}).items():
                    outcomes.setdefault(rid, set()).add(str(st))
    declared: list[tuple[str, str]] = []
    for f in pack.facts.values():
        for v in f.values or {}:
            declared.append((f.id, v))
        for fd in f.fields or []:
            for v in fd.values or {}:
                declared.append((f"{f.id}.{fd.id}", v))
    return {
        "rules": [rid for rid, st in outcomes.items() if rid in {c.rule.id for c in pack.rules} and not {"met", "gap"} <= st],
        "facts": [f for f in pack.facts if f not in seen_facts],
        "values": [f"{f}={v}" for f, v in declared if (f, v) not in seen_values],
        "totals": [str(len(pack.rules)), str(len(pack.facts)), str(len(declared))],
    }
