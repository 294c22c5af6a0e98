"""Silent acceptance and injection: workbooks say which cell, forged assessments are caught, profile text
never drives the terminal nor rewrites Markdown."""

from __future__ import annotations

import json
import re
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from engine.authoring.spreadsheet import read_workbook
from engine.errors import MigovError
from engine.pack.loading import load_pack
from engine.render.escape import markdown, terminal
from tests.helpers import ROOT
from tests.hostile.common import assert_clean, migov

GOLDEN = ROOT / "tests" / "golden" / "examplia-country.en.json"


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    path = tmp_path_factory.mktemp("wb") / "t.xlsx"
    assert migov("template", "--kind", "country", "-o", str(path)).returncode == 0
    return path


def _filled(template, tmp_path, answer):
    wb = load_workbook(template)
    next(ws for ws in wb.worksheets if ws.cell(row=1, column=1).value == "key")["C3"] = "Workbookland"
    sheet = next(ws for ws in wb.worksheets if ws.cell(row=1, column=1).value == "fact")
    cell = next(row[3] for row in sheet.iter_rows(min_row=2) if row[0].value == "agreements")
    cell.value = answer
    path = tmp_path / "f.xlsx"
    wb.save(path)
    return path, f"{sheet.title}!{cell.coordinate}"


@pytest.mark.parametrize(("answer", "message"), [("banana", "is not allowed here"), ("=1+1", "holds a formula")])
def test_workbook_answers_name_the_cell(template, tmp_path, answer, message):
    path, where = _filled(template, tmp_path, answer)
    with pytest.raises(MigovError, match=message) as err:
        read_workbook(path, load_pack("idm2018"))
    assert where in str(err.value)


def test_empty_broken_and_bomb_workbooks(template, tmp_path):
    pack = load_pack("idm2018")
    Workbook().save(tmp_path / "empty.xlsx")
    with pytest.raises(MigovError, match=r"Sheet!A1: no profile sheet"):
        read_workbook(tmp_path / "empty.xlsx", pack)
    src = zipfile.ZipFile(template)
    with zipfile.ZipFile(tmp_path / "broken.xlsx", "w") as out:
        for name in src.namelist():
            body = src.read(name)
            out.writestr(name, body[: len(body) // 2] if name.startswith("xl/worksheets/") else body)
    assert_clean(migov("assess", str(tmp_path / "broken.xlsx")), (2,), "not a workbook migov can read")
    with zipfile.ZipFile(tmp_path / "bomb.xlsx", "w", compression=zipfile.ZIP_DEFLATED) as out:
        for name in src.namelist():
            out.writestr(name, src.read(name))
        out.writestr("xl/media/zeros.bin", b"\0" * (60 * 1024 * 1024))
    assert_clean(migov("assess", str(tmp_path / "bomb.xlsx")), (2,), "MIGOV_MAX_EXPANDED_MB")


@pytest.mark.parametrize(("edit", "message"), [
    (lambda a: a["score"].update(overall=99.0), "outside the range of the dimension scores"),
    (lambda a: a["findings"][0].update(status="gap" if a["findings"][0]["status"] == "met" else "met"), "counts are not those"),
    (lambda a: a["findings"][0].update(rule="FORGED"), "rule 'FORGED' is not in pack idm2018"),
])
def test_forged_assessments_are_refused(tmp_path, edit, message):
    a = json.loads(GOLDEN.read_text(encoding="utf-8"))
    edit(a)
    (tmp_path / "a.json").write_text(json.dumps(a), encoding="utf-8")
    assert_clean(migov("compare", str(tmp_path / "a.json"), str(GOLDEN)), (2,), message)


def test_an_assessment_made_with_another_copy_of_the_pack_is_compared_with_a_warning(tmp_path):
    a = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert len(a["pack"]["sha256"]) == 64  # the golden names the digest of the bundled pack's files
    quiet = migov("compare", str(GOLDEN), str(GOLDEN))
    assert quiet.returncode == 0 and "another copy" not in quiet.stderr
    a["pack"]["sha256"] = "0" * 64
    (tmp_path / "a.json").write_text(json.dumps(a), encoding="utf-8")
    done = migov("compare", str(tmp_path / "a.json"), str(GOLDEN))
    assert done.returncode == 0 and "Traceback" not in done.stderr
    assert done.stderr.count("another copy of pack idm2018 1.0.0") == 1 and "a.json" in done.stderr
    del a["pack"]["sha256"]  # an assessment from before the digest was recorded: compared as it is
    (tmp_path / "old.json").write_text(json.dumps(a), encoding="utf-8")
    old = migov("compare", str(tmp_path / "old.json"), str(GOLDEN))
    assert old.returncode == 0 and "another copy" not in old.stderr


def test_nan_and_malformed_json(tmp_path):
    nan = re.sub(r'"overall": [0-9.]+', '"overall": NaN', GOLDEN.read_text(encoding="utf-8"), count=1)
    assert "NaN" in nan
    (tmp_path / "nan.json").write_text(nan, encoding="utf-8")
    (tmp_path / "bad.json").write_text("{bad", encoding="utf-8")
    (tmp_path / "deep.json").write_text("[" * 50_000 + "]" * 50_000, encoding="utf-8")
    for name, message in (("nan", "NaN is not a JSON number"), ("bad", "invalid JSON"), ("deep", "MIGOV_MAX_DEPTH")):
        assert_clean(migov("compare", str(tmp_path / f"{name}.json"), str(GOLDEN)), (2,), message)


def test_escapes():
    assert terminal("x\x1b]0;owned\x07\x1b[2Jy\n") == "x\\x1b]0;owned\\x07\\x1b[2Jy\n"
    assert terminal("\x1b[1mbold\x1b[0m \x1b[2J", keep_colour=True) == "\x1b[1mbold\x1b[0m \\x1b[2J"
    assert markdown("| a | `b` [c](http://x) <img>\n# d") == "\\| a \\| \\`b\\` \\[c\\](http://x) \\<img\\> \\# d"
    assert markdown("- item") == "\\- item" and markdown("1. first") == "1\\. first"


def test_profile_text_in_terminal_and_markdown(tmp_path):
    evil = tmp_path / "evil.yaml"
    evil.write_text('id: x\nname: "Evil | `x` # \\e]0;pwn\\a\\e[2J"\nkind: country\n', encoding="utf-8")
    text = migov("assess", str(evil))
    assert text.returncode == 0 and "\x1b" not in text.stdout and "\\x1b" in text.stdout
    md = migov("compare", str(evil), str(evil), "--format", "markdown")
    assert md.returncode == 0 and "\x1b" not in md.stdout
    assert md.stdout.splitlines()[0] == "# Progress report: Evil \\| \\`x\\` \\# \\]0;pwn\\[2J"
