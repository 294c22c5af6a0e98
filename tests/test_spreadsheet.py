"""Spreadsheet round trip: a workbook template filled in French, read back as a profile."""

import json

import pytest
from openpyxl import load_workbook

from engine.pack.loading import load_pack
from engine.pack.profiles import load_profile
from tests.helpers import run_cli


def answer_cells(wb):
    """fact id -> (sheet, row) of its answer cell."""
    out = {}
    for ws in wb.worksheets:
        if ws.cell(row=1, column=1).value == "fact":
            for row in ws.iter_rows(min_row=2):
                out[row[0].value] = (ws.title, row[0].row)
    return out


def records_sheet(wb, fact):
    return next(ws for ws in wb.worksheets if ws.cell(row=1, column=1).value == f"fact:{fact}")


@pytest.fixture()
def filled(tmp_path):
    path = tmp_path / "questionnaire.xlsx"
    r = run_cli("template", "--kind", "country", "--lang", "fr", "-o", str(path))
    assert r.returncode == 0, r.stderr
    wb = load_workbook(path)
    profile = next(ws for ws in wb.worksheets if ws.cell(row=1, column=1).value == "key")
    profile["C3"] = "République d'Examplia"
    cells = answer_cells(wb)

    def put(fact, value):
        sheet, row = cells[fact]
        wb[sheet].cell(row=row, column=4, value=value)

    put("coordination.mechanism", "oui")
    put("coordination.portfolios", "migration, développement, santé")
    put("rights.health", "oui, quel que soit le statut")
    put("remittances.average_cost", "4,5")
    put("protection.screening", "je ne sais pas")
    put("corridors", "aucun")
    ag = records_sheet(wb, "agreements")
    ag.append([None, "Accord EX–RU", "mobilité bilatérale de main-d’œuvre", "en vigueur", "EX, RU", "non"])
    wb.save(path)
    return path, wb


def test_filled_workbook_is_assessed(filled):
    path, _ = filled
    r = run_cli("assess", str(path), "--format", "json")
    assert r.returncode == 0, r.stderr
    a = json.loads(r.stdout)
    status = {f["rule"]: f["status"] for f in a["findings"]}
    assert a["profile"]["name"] == "République d'Examplia" and a["language"] == "fr"
    assert status["MD-MIG-DEV"] == "met" and status["RP-HEALTH-ALL"] == "met" and status["DC-REMIT-COST"] == "unknown"  # origin-side: the roles are not stated
    assert status["ISC-BILATERAL"] == "met" and status["VM-SCREENING"] == "unknown" and status["ISC-CORRIDORS"] == "gap"


def test_errors_name_the_sheet_and_the_cell(filled, tmp_path):
    wb = filled[1]
    sheet, row = answer_cells(wb)["coordination.mechanism"]
    wb[sheet].cell(row=row, column=4, value="peut-être")
    bad = tmp_path / "bad.xlsx"
    wb.save(bad)
    r = run_cli("assess", str(bad))
    assert r.returncode == 2 and "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert f"{sheet}!D{row} coordination.mechanism" in r.stderr and str(bad) in r.stderr
    ag = records_sheet(wb, "agreements")
    wb[sheet].cell(row=row, column=4, value="oui")
    ag["D3"] = "signé"
    wb.save(bad)
    r = run_cli("assess", str(bad))
    assert r.returncode == 2 and f"{ag.title}!D3 agreements.status" in r.stderr


def test_not_a_workbook(tmp_path):
    fake = tmp_path / "fake.xlsx"
    fake.write_text("hello", encoding="utf-8")
    r = run_cli("assess", str(fake))
    assert r.returncode == 2 and "not a workbook migov can read" in r.stderr


def test_self_assess_continues_from_a_workbook(filled, tmp_path):
    path = filled[0]
    out = tmp_path / "profile.yaml"
    answers = tmp_path / "a.txt"
    answers.write_text("?\n" * 60, encoding="utf-8")
    r = run_cli("self-assess", "--from", str(path), "-o", str(out), "--answers", str(answers), "--lang", "fr")
    assert r.returncode == 0, r.stderr
    assert "Quels accords" not in r.stdout  # already answered in the workbook
    prof = load_profile(out, load_pack("idm2018"))
    assert prof.facts["coordination.mechanism"] is True and prof.facts["remittances.average_cost"] == 4.5


def test_yaml_template_is_a_valid_profile(tmp_path):
    out = tmp_path / "t.yaml"
    assert run_cli("init", "--kind", "partnership", "--lang", "fr", "-o", str(out)).returncode == 0
    text = out.read_text(encoding="utf-8")
    assert "# [Coopération interétatique] Quels États sont membres" in text and "members: null" in text
    assert run_cli("assess", str(out)).returncode == 0
    again = run_cli("init", "--kind", "partnership", "-o", str(out))
    assert again.returncode == 2 and "nothing was overwritten" in again.stderr


def test_a_list_answered_as_naming_every_item_is_marked_complete(filled, tmp_path):
    from engine.authoring.spreadsheet import read_workbook

    path, wb = filled
    sheet, row = answer_cells(wb)["coordination.portfolios"]
    assert wb[sheet].cell(row=1, column=6).value == "Liste complète ?"
    wb[sheet].cell(row=row, column=6, value="oui")
    sheet_ag, row_ag = answer_cells(wb)["agreements"]
    wb[sheet_ag].cell(row=row_ag, column=6, value="non")
    wb.save(path)
    pack = load_pack("idm2018")
    data, _ = read_workbook(path, pack)
    assert data["complete"] == ["coordination.portfolios"]
    r = run_cli("assess", str(path), "--format", "json")
    assert r.returncode == 0, r.stderr
    wb[sheet].cell(row=row, column=6, value="peut-être")
    wb.save(path)
    bad = run_cli("assess", str(path))
    assert bad.returncode == 2 and f"{sheet}!F{row}" in bad.stderr and "Traceback" not in bad.stderr
