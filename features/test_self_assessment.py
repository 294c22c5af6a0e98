"""Steps for the self-assessment scenarios: the real CLI, answers given one per line."""

import re
from pathlib import Path
from typing import Any

import yaml
from openpyxl import load_workbook
from pytest_bdd import given, parsers, scenarios, then, when

from tests.helpers import run_cli

scenarios("self_assessment.feature")


@given(parsers.parse('a self-assessment of the country "{name}"'), target_fixture="ctx")
def english(tmp_path: Path, name: str) -> dict[str, Any]:
    return {"name": name, "lang": "en", "dir": tmp_path}


@given(parsers.parse('a self-assessment in French of the country "{name}"'), target_fixture="ctx")
def french(tmp_path: Path, name: str) -> dict[str, Any]:
    return {"name": name, "lang": "fr", "dir": tmp_path}


@when(parsers.parse("the officer answers {answers}"))
def answer(ctx: dict[str, Any], answers: str) -> None:
    lines = [ctx["name"], *re.findall(r'"([^"]*)"', answers)]
    ctx["answers"] = lines[1:]
    (ctx["dir"] / "answers.txt").write_text("\n".join(lines) + "\n" + "?\n" * 80, encoding="utf-8")
    ctx["profile"] = ctx["dir"] / "profile.yaml"
    ctx["run"] = run_cli("self-assess", "--kind", "country", "--lang", ctx["lang"], "-o", str(ctx["profile"]),
                         "--answers", str(ctx["dir"] / "answers.txt"))
    assert ctx["run"].returncode == 0, ctx["run"].stderr


def _saved(ctx: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(ctx["profile"].read_text(encoding="utf-8"))
    return data


def _after_back(ctx: dict[str, Any]) -> str:
    return str(ctx["run"].stdout.split("> back", 1)[1])


@then(parsers.parse('the question "{question}" is asked again showing "{current}"'))
def asked_again(ctx: dict[str, Any], question: str, current: str) -> None:
    after = _after_back(ctx)
    assert question in after and current in after.split(question, 1)[1]


@then(parsers.parse('the profile answers "{fact}" with "{value}"'))
def answers_with(ctx: dict[str, Any], fact: str, value: str) -> None:
    group, name = fact.split(".")
    assert _saved(ctx)[group][name] == yaml.safe_load(value)


@then(parsers.parse('the follow-up "{question}" is not asked after going back'))
def not_asked(ctx: dict[str, Any], question: str) -> None:
    assert question not in _after_back(ctx)


@then(parsers.parse('the profile\'s id is "{id_}"'))
def profile_id(ctx: dict[str, Any], id_: str) -> None:
    assert _saved(ctx)["id"] == id_


@then(parsers.parse('the officer reads "{text}"'))
def reads(ctx: dict[str, Any], text: str) -> None:
    assert text in ctx["run"].stdout


@then(parsers.parse('the profile leaves "{fact}" unanswered'))
def unanswered(ctx: dict[str, Any], fact: str) -> None:
    group, name = fact.split(".")
    assert name not in (_saved(ctx).get(group) or {})


@given(parsers.parse('workbooks filled in for "{first}" and "{second}"'), target_fixture="ctx")
def workbooks(tmp_path: Path, first: str, second: str) -> dict[str, Any]:
    folder = tmp_path / "workbooks"
    folder.mkdir()
    for i, name in enumerate((first, second)):
        path = folder / f"book-{i}.xlsx"
        assert run_cli("template", "--kind", "country", "-o", str(path)).returncode == 0
        wb = load_workbook(path)
        sheet = next(ws for ws in wb.worksheets if ws.cell(row=1, column=1).value == "key")
        row = next(r[0].row for r in sheet.iter_rows(min_row=2) if r[0].value == "name")
        sheet.cell(row=row, column=3, value=name)
        wb.save(path)
    return {"dir": tmp_path, "folder": folder}


@when("the officer assesses them in a batch")
def batch(ctx: dict[str, Any]) -> None:
    ctx["run"] = run_cli("batch", str(ctx["folder"]), "-o", str(ctx["dir"] / "out"), "--formats", "none")


@then(parsers.parse('both are assessed, as "{first}" and "{second}"'))
def both(ctx: dict[str, Any], first: str, second: str) -> None:
    assert ctx["run"].returncode == 0, ctx["run"].stdout + ctx["run"].stderr
    summary = (ctx["dir"] / "out" / "summary.csv").read_text(encoding="utf-8")
    assert first in summary and second in summary and "also the id of" not in summary
