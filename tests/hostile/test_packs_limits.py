"""Packs that would hang or explode: each is one line naming file, line and field (exit 2), or a correct result,
under the memory and CPU limits of tests/hostile/common.py (the real command, in a process of its own)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from engine.operators import regex_problem
from tests.helpers import ROOT
from tests.hostile.common import assert_clean, migov

CITY = ROOT / "tests" / "packs" / "city"
PROFILE = CITY / "profiles" / "riverton.yaml"


def city(tmp_path: Path) -> Path:
    pack = tmp_path / "city"
    shutil.copytree(CITY, pack)
    return pack


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def assess(pack: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return migov("assess", str(PROFILE), "--rules", str(pack), "--engine", "python", "--format", "json", *extra)


@pytest.mark.parametrize(("pattern", "message"), [
    ("(a+)+b", r"references.yaml:5: charter.pattern: regular expression refused"),
    ("(", r"references.yaml:5: charter.pattern: not a valid regular expression"),
    ("(a|aa)*c", r"charter.pattern: regular expression refused"),
    ("a?" * 40 + "a" * 40, r"charter.pattern: regular expression refused"),
], ids=["nested", "invalid", "alternatives", "optional-run"])
def test_a_citation_pattern_that_could_backtrack_for_ever_is_one_line(tmp_path, pattern, message):
    pack = city(tmp_path)
    edit(pack / "references.yaml", 'pattern: "[A-Z][0-9]+"', f"pattern: '{pattern}'")
    edit(pack / "rules" / "welcome.yaml", "charter: [A1]", "charter: [" + "a" * 60 + "]")  # a key the pattern would backtrack on
    r = assess(pack)
    assert_clean(r, (2,), message)
    lint = migov("rules", "lint", str(pack))
    assert lint.returncode == 1 and "L011" in lint.stdout, lint.stdout


def test_the_bundled_citation_patterns_pass_the_guard():
    for pattern in (r"[1-9]|1[0-9]|2[0-3]", r"\d{1,2}\.[0-9a-z]+(\.\d+)?", r"4[0-9]|5[0-4]", r"[A-Z][0-9]+"):
        assert regex_problem(pattern) is None, pattern


def test_an_any_of_20000_alternatives_is_assessed(tmp_path):
    pack = city(tmp_path)
    alternatives = ", ".join(f"{{fact: languages, equals: {i}}}" for i in range(3, 20_003))
    edit(pack / "rules" / "welcome.yaml", "condition: {fact: languages, gte: 3}", "condition: {any: [" + alternatives + "]}")
    r = assess(pack)
    assert_clean(r, (0,))
    assert '"CITY-LANGUAGES"' in r.stdout


def test_at_least_20_of_40_is_refused_before_any_combination_is_built(tmp_path):
    pack = city(tmp_path)
    branches = ", ".join(f"{{fact: languages, gte: {i}}}" for i in range(40))
    edit(pack / "rules" / "welcome.yaml", "condition: {fact: languages, gte: 3}", "condition: {at_least: 20, of: [" + branches + "]}")
    r = assess(pack)
    assert_clean(r, (2,), r"welcome.yaml:\d+: \[1\]\.condition: alternatives of the condition: over the limit of 64 \(set MIGOV_MAX_ALTERNATIVES")


def test_at_least_within_the_limit_still_works(tmp_path):
    pack = city(tmp_path)
    branches = ", ".join(f"{{fact: languages, gte: {i}}}" for i in range(1, 6))
    edit(pack / "rules" / "welcome.yaml", "condition: {fact: languages, gte: 3}", "condition: {at_least: 2, of: [" + branches + "]}")
    r = assess(pack)
    assert_clean(r, (0,))


def test_max_rules_is_enforced_before_the_rules_are_read(tmp_path):
    pack = city(tmp_path)
    rule = (pack / "rules" / "welcome.yaml").read_text(encoding="utf-8").split("\n\n")[0]
    copies = [rule.replace("CITY-DESK", f"CITY-DESK-{i}") for i in range(60)]
    (pack / "rules" / "many.yaml").write_text("\n\n".join(copies) + "\n", encoding="utf-8")
    r = migov("assess", str(PROFILE), "--rules", str(pack), "--engine", "python", env={"MIGOV_MAX_RULES": "50"})
    assert_clean(r, (2,), r"many.yaml:\d+: \[\d+\]: rules and derived facts in one pack: over the limit of 50 \(set MIGOV_MAX_RULES")
    assert_clean(migov("assess", str(PROFILE), "--rules", str(pack), "--engine", "python"), (0,))


@pytest.mark.parametrize("number", ["inf", ".inf", "nan", "-inf"])
def test_numbers_in_packs_are_finite(tmp_path, number):
    pack = city(tmp_path)
    edit(pack / "rules" / "welcome.yaml", "weight: 2", f"weight: {number}")
    r = assess(pack)
    assert_clean(r, (2,), r"welcome.yaml:3: \[0\]\.weight: .*finite number")


def test_a_parameter_with_its_minimum_above_its_maximum_is_refused(tmp_path):
    pack = city(tmp_path)
    with (pack / "pack.yaml").open("a", encoding="utf-8") as fh:
        fh.write("parameters:\n  least: {value: 3, minimum: 10, maximum: 1, title: {en: Least, fr: Minimum}}\n")
    r = assess(pack)
    assert_clean(r, (2,), r"pack.yaml:\d+: parameters\.least\.minimum: the minimum \(10\) is above the maximum \(1\)")
    lint = migov("rules", "lint", str(pack))
    assert lint.returncode == 1 and "pack.yaml:" in lint.stdout and "L002 parameters.least.minimum" in lint.stdout, lint.stdout


def test_an_empty_allowed_value_is_refused(tmp_path):
    pack = city(tmp_path)
    edit(pack / "vocabulary.yaml", "values: {health:", 'values: {"": {en: none, fr: aucun}, health:')
    r = assess(pack)
    assert_clean(r, (2,), r"vocabulary.yaml:\d+: facts\[2\]\.values.*: an allowed value cannot be empty text")
    lint = migov("rules", "lint", str(pack))
    assert lint.returncode == 1 and "vocabulary.yaml:" in lint.stdout and "empty text" in lint.stdout, lint.stdout
