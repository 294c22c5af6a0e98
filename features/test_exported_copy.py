"""Steps for an exported copy of a pack: the real CLI on a folder made by `migov rules export`."""

import json
import os
from pathlib import Path
from typing import Any

from pytest_bdd import given, parsers, scenarios, then, when

from tests.helpers import ROOT, run_cli

scenarios("exported_copy.feature")

PROFILE = str(ROOT / "profiles" / "examplia-country.yaml")


@given(parsers.parse('the officer exports the bundled pack "{pack}" to a folder'), target_fixture="ctx")
def export(tmp_path: Path, pack: str) -> dict[str, Any]:
    dest = tmp_path / "ourpack"
    r = run_cli("rules", "export", pack, str(dest))
    assert r.returncode == 0, r.stderr
    return {"pack": dest}


def _set_weight(ctx: dict[str, Any], rule: str, old: int, new: int) -> None:
    f = ctx["pack"] / "rules" / "data_cooperation.yaml"
    text = f.read_text(encoding="utf-8")
    start = text.index(f"- id: {rule}")
    f.write_text(text[:start] + text[start:].replace(f"  weight: {old}", f"  weight: {new}", 1), encoding="utf-8")


@when(parsers.parse('the officer changes the weight of rule "{rule}" to {weight:d}'))
def change_weight(ctx: dict[str, Any], rule: str, weight: int) -> None:
    _set_weight(ctx, rule, 2, weight)


@when(parsers.parse('the officer puts the weight of rule "{rule}" back to {weight:d}'))
def restore_weight(ctx: dict[str, Any], rule: str, weight: int) -> None:
    _set_weight(ctx, rule, 4, weight)


@then(parsers.parse('a report made with the folder names the pack "{name}"'))
def report_names(ctx: dict[str, Any], name: str) -> None:
    r = run_cli("assess", PROFILE, "--rules", str(ctx["pack"]), "--short")
    assert r.returncode == 0, r.stderr
    assert f"Rule pack: {name} · migov" in r.stdout


@then(parsers.parse('its JSON gives the pack the version "{version}"'))
def json_version(ctx: dict[str, Any], version: str) -> None:
    r = run_cli("assess", PROFILE, "--rules", str(ctx["pack"]), "--format", "json")
    assert json.loads(r.stdout)["pack"]["version"] == version


@then(parsers.parse('the rulebook of the folder names the pack "{pack}" version "{version}"'))
def rulebook(ctx: dict[str, Any], pack: str, version: str) -> None:
    assert f"`{pack}` {version}" in run_cli("rules", "docs", str(ctx["pack"])).stdout


@then(parsers.parse('lint says the folder is an unchanged copy of "{name}"'))
def lint_unchanged(ctx: dict[str, Any], name: str) -> None:
    r = run_cli("rules", "lint", str(ctx["pack"]))
    assert r.returncode == 0 and r.stdout.splitlines()[0] == f"{ctx['pack']}: an unchanged copy of {name}"


@then(parsers.parse('lint says the folder is a modified copy of "{name}"'))
def lint_modified(ctx: dict[str, Any], name: str) -> None:
    r = run_cli("rules", "lint", str(ctx["pack"]))
    assert r.returncode == 0 and r.stdout.splitlines()[0].startswith(f"{ctx['pack']}: a modified copy of {name}: ")


@then(parsers.parse("in French lint says the folder is a « {words} »"))
def lint_french(ctx: dict[str, Any], words: str) -> None:
    r = run_cli("rules", "lint", str(ctx["pack"]), env={**os.environ, "LANGUAGE": "fr"})
    assert words in r.stdout.splitlines()[0]
