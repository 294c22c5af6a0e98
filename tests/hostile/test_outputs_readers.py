"""What migov writes is safe for whoever reads it next: a spreadsheet opening summary.csv or a workbook template, a
terminal showing a report or an error, a pipe that stops reading."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import pytest
from openpyxl import load_workbook

from engine.authoring import xlsxsafe
from engine.escape import csv_cell, filename, terminal
from tests.helpers import ROOT
from tests.hostile.common import assert_clean, migov

PROFILE = ROOT / "profiles" / "examplia-country.yaml"
FORMULAS = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(1,1)", "\t=1", "\r=1"]


def test_no_summary_cell_is_a_formula(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    text = PROFILE.read_text(encoding="utf-8")
    for i, name in enumerate(FORMULAS):
        (src / f"p{i}.yaml").write_text(text.replace("id: examplia-2026", f"id: p{i}").replace("name: ", f"name: {json.dumps(name)}  # ", 1),
                                        encoding="utf-8")
    (src / "=1+1.yaml").write_text("id: [\n", encoding="utf-8")  # a file name and an error message that are formulas
    r = migov("batch", str(src), "-o", str(tmp_path / "out"), "--formats", "none")
    assert_clean(r, (2,), one_line=False)
    rows = list(csv.reader((tmp_path / "out" / "summary.csv").open(encoding="utf-8", newline="")))
    assert len(rows) == 1 + len(FORMULAS) + 1  # no name forged a row
    cells = [c for row in rows[1:] for c in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")], cells
    names = {row[4] for row in rows[1:]}
    assert {"'" + n.replace("\r", "\n") for n in FORMULAS} <= names  # a CR could end a row: a newline, quoted
    assert any(row[0].endswith("=1+1.yaml") for row in rows)


@pytest.mark.parametrize("value", [*FORMULAS, "-", "plain", "", 3, -2.5, None])
def test_csv_cell(value):
    cell = csv_cell(value)
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        assert cell == "'" + value.replace("\r", "\n")
    else:
        assert cell == value


def test_a_workbook_migov_writes_holds_no_formula(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    lists = wb.create_sheet("_lists")
    lists.sheet_state = "hidden"
    for i, text in enumerate(FORMULAS, 1):
        wb.active.cell(row=i, column=1, value=text)
        lists.cell(row=i, column=1, value=text)
    xlsxsafe.save(wb, tmp_path / "w.xlsx")
    assert not xlsxsafe.check_zip(tmp_path / "w.xlsx")  # no <f> element in any sheet
    back = load_workbook(tmp_path / "w.xlsx")
    for ws in back.worksheets:
        assert [ws.cell(row=i, column=1).data_type for i in range(1, len(FORMULAS) + 1)] == ["s"] * len(FORMULAS)
    template = tmp_path / "t.xlsx"
    assert_clean(migov("template", "--kind", "country", "-o", str(template)), (0,))
    assert not xlsxsafe.check_zip(template)


def test_format_controls_and_odd_names_are_shown_not_obeyed():
    assert terminal("a\u202eb\u2066c\u200fd\x9be\x07") == "a\\u202eb\\u2066c\\u200fd\\x9be\\x07"
    assert terminal("wrap\u200bhere, 👩\u200d💻, été\n\t") == "wrap\u200bhere, 👩\u200d💻, été\n\t"  # migov's own break hint, emoji, text
    assert filename("plain name.yaml") == "plain name.yaml"
    assert filename("a\nb\u202e.yaml") == "'a\\nb\\u202e.yaml'"
    assert filename("it's\\\udcff") == "'it\\'s\\\\\\xff'"


def test_a_report_and_an_error_on_a_terminal_show_bidi_controls_as_escapes(tmp_path):
    evil = tmp_path / "evil.yaml"
    evil.write_text('id: x\nname: "Bank \u202eKCAB\u2067"\nkind: country\n', encoding="utf-8")
    r = migov("assess", str(evil))
    assert r.returncode == 0 and "\u202e" not in r.stdout and "\\u202e" in r.stdout and "\\u2067" in r.stdout
    bad = tmp_path / "a\u202e\nb.yaml"
    bad.write_text("id: [\n", encoding="utf-8")
    r = migov("assess", str(bad))
    assert_clean(r, (2,))
    assert "\u202e" not in r.stderr and "'" + str(tmp_path) + "/a\\u202e\\nb.yaml':" in r.stderr


@pytest.mark.parametrize("args", [("--format", "text"), ("--format", "json"), ("--format", "markdown"), ("--format", "html")])
def test_a_reader_that_stops_reading_ends_every_format_quietly(args):
    p = subprocess.Popen([sys.executable, "-m", "engine", "assess", str(PROFILE), *args], cwd=ROOT, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    assert p.stdout is not None
    p.stdout.close()  # `| head -0`: closed before anything is written
    _, err = p.communicate(timeout=120)
    assert (p.returncode, err) == (0, "")


def test_rules_docs_into_a_closed_pipe():
    p = subprocess.Popen([sys.executable, "-m", "engine", "rules", "docs"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert p.stdout is not None
    p.stdout.close()
    _, err = p.communicate(timeout=120)
    assert (p.returncode, err) == (0, "")
