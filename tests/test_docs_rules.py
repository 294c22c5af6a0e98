"""The sample rules of the README and of the user guide are rules of the bundled pack as it is: the facts their
conditions and examples name are declared in its vocabulary (a renamed fact cannot linger in a sample)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from engine.pack.compiled import Pack
from tests.helpers import ROOT

DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs" / "guide").glob("*/*.md"))]
YAML_BLOCK = re.compile(r"^```yaml\n(.*?)^```", re.DOTALL | re.MULTILINE)


def sample_rules(doc: Path) -> list[dict[str, Any]]:
    """The rules (list items with an id and a condition) of the document's YAML blocks."""
    found = []
    for block in YAML_BLOCK.finditer(doc.read_text(encoding="utf-8")):
        data = yaml.safe_load(block.group(1))
        if isinstance(data, list):
            found += [r for r in data if isinstance(r, dict) and "id" in r and "condition" in r]
    return found


def facts_named(condition: Any) -> set[str]:
    if isinstance(condition, dict):
        own = {condition["fact"]} if isinstance(condition.get("fact"), str) else set()
        return own | {f for v in condition.values() for f in facts_named(v)}
    if isinstance(condition, list):
        return {f for v in condition for f in facts_named(v)}
    return set()


def test_the_guide_and_readme_show_sample_rules():
    assert {doc.name for doc in DOCUMENTS if sample_rules(doc)} >= {"README.md", "editing-rules.md", "modifier-les-regles.md"}


@pytest.mark.parametrize("doc", [d for d in DOCUMENTS if sample_rules(d)], ids=lambda d: str(d.relative_to(ROOT)))
def test_sample_rules_name_declared_facts(pack: Pack, doc: Path):
    rules = {cr.rule.id: cr.rule for cr in pack.rules}
    for rule in sample_rules(doc):
        assert rule["id"] in rules, rule["id"]
        assert rule["dimension"] == rules[rule["id"]].dimension, rule["id"]
        named = facts_named(rule["condition"]) | {f for ex in rule.get("examples", []) for f in ex.get("facts", {})}
        assert named and named <= set(pack.facts), (rule["id"], sorted(named - set(pack.facts)))
