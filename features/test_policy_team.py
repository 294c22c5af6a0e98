"""Steps for the policy team's scenario: the real CLI on a copied pack."""

import json
import shutil
from pathlib import Path
from typing import Any

from pytest_bdd import given, parsers, scenarios, then, when

from tests.helpers import ROOT, run_cli

scenarios("policy_team.feature")

NEW_RULE = """
- id: {rid}
  dimension: data_cooperation
  kinds: [country]
  weight: 1
  title: {{en: "Migration policy draws on data", fr: "La politique migratoire s’appuie sur des données", es: "La política migratoria se basa en datos"}}
  condition: {{fact: {fact}, equals: true}}
  recommendation: {{en: "Publish the data behind each migration policy.", fr: "Publier les données qui fondent chaque politique migratoire.", es: "Publicar los datos en que se basa cada política migratoria."}}
  sources: {{seed: "IDM 2018 concept note, §2 (5)", gcm: [1], sdg: ["17.18"]}}
  examples:
    - {{status: met, facts: {{{fact}: true}}}}
    - {{status: gap, facts: {{{fact}: false}}}}
"""


@given(parsers.parse('a copy of the bundled pack "{pack}" in a folder'), target_fixture="ctx")
def copy_pack(tmp_path: Path, pack: str) -> dict[str, Any]:
    dest = tmp_path / "ourpack"
    shutil.copytree(ROOT / "rules" / pack, dest)
    return {"pack": dest}


@given(parsers.parse('the weight of rule "{rule}" is changed to {weight:d}'))
def change_weight(ctx: dict[str, Any], rule: str, weight: int) -> None:
    f = ctx["pack"] / "rules" / "inter_state_cooperation.yaml"
    text = f.read_text(encoding="utf-8")
    start = text.index(f"- id: {rule}")
    head, tail = text[:start], text[start:]
    f.write_text(head + tail.replace("  weight: 2", f"  weight: {weight}", 1), encoding="utf-8")


@given(parsers.parse('a new rule "{rule}" is added that tests the fact "{fact}"'))
def add_rule(ctx: dict[str, Any], rule: str, fact: str) -> None:
    f = ctx["pack"] / "rules" / "data_cooperation.yaml"
    f.write_text(f.read_text(encoding="utf-8") + NEW_RULE.format(rid=rule, fact=fact), encoding="utf-8")
    ctx["rule_file"] = f


@when("the officer lints the folder")
def lint(ctx: dict[str, Any]) -> None:
    ctx["lint"] = run_cli("rules", "lint", str(ctx["pack"]))


@then(parsers.parse('lint reports "{code}" on the line that names "{name}"'))
def lint_line(ctx: dict[str, Any], code: str, name: str) -> None:
    r = ctx["lint"]
    assert r.returncode == 1
    line = next(line for line in r.stdout.splitlines() if f" {code} " in line)
    file, lineno = line.split(":")[0], int(line.split(":")[1])
    assert file == str(ctx["rule_file"])
    assert name in Path(file).read_text(encoding="utf-8").splitlines()[lineno - 1]
    ctx["lint_line"] = line


@then(parsers.parse('it suggests "{name}"'))
def suggests(ctx: dict[str, Any], name: str) -> None:
    assert f"did you mean '{name}'" in ctx["lint_line"]


@when(parsers.parse('the officer corrects the fact name to "{name}"'))
def correct(ctx: dict[str, Any], name: str) -> None:
    f = ctx["rule_file"]
    f.write_text(f.read_text(encoding="utf-8").replace("data.policy_informd", name), encoding="utf-8")


@then("lint reports no problem")
def lint_clean(ctx: dict[str, Any]) -> None:
    r = run_cli("rules", "lint", str(ctx["pack"]))
    assert r.returncode == 0 and "0 errors" in r.stdout


@then("the rule examples all pass")
def examples_pass(ctx: dict[str, Any]) -> None:
    r = run_cli("rules", "test", str(ctx["pack"]))
    assert r.returncode == 0 and r.stdout.rstrip().endswith(" passed, 0 failed"), r.stdout


@then(parsers.parse('the rulebook lists "{rule}"'))
def rulebook(ctx: dict[str, Any], rule: str) -> None:
    assert f"`{rule}`" in run_cli("rules", "docs", str(ctx["pack"])).stdout


def _finding(ctx: dict[str, Any], profile: str, rule: str) -> dict[str, Any]:
    r = run_cli("assess", str(ROOT / "profiles" / f"{profile}.yaml"), "--rules", str(ctx["pack"]), "--format", "json")
    assert r.returncode == 0, r.stderr
    return next(f for f in json.loads(r.stdout)["findings"] if f["rule"] == rule)


@then(parsers.parse('assessing "{profile}" with the folder gives rule "{rule}" the status "{status}"'))
def status(ctx: dict[str, Any], profile: str, rule: str, status: str) -> None:
    assert _finding(ctx, profile, rule)["status"] == status


@then(parsers.parse('assessing "{profile}" with the folder gives rule "{rule}" the weight {weight:d}'))
def weight(ctx: dict[str, Any], profile: str, rule: str, weight: int) -> None:
    assert _finding(ctx, profile, rule)["weight"] == weight
