"""Profiles that look like one thing and read as another: Unicode line separators, invisible characters,
compatibility forms, duplicates (YAML, workbook), and numbers as YAML 1.2 writes them."""

from __future__ import annotations

import re
import shutil
import unicodedata

import pytest
from openpyxl import load_workbook

from engine.authoring.spreadsheet import read_workbook
from engine.cli import main
from engine.errors import MigovError
from engine.pack.loading import load_pack
from engine.pack.profiles import validate_profile
from engine.yamlio import parse_yaml
from tests.helpers import ROOT

BASE = (ROOT / "profiles" / "examplia-country.yaml").read_text(encoding="utf-8")


def load(text: str, name: str = "p.yaml"):
    data, locs = parse_yaml(text, name)
    return validate_profile(data, locs, load_pack("idm2018"))


def refused(text: str, pattern: str) -> MigovError:
    with pytest.raises(MigovError) as err:
        load(text)
    assert re.search(pattern, str(err.value)), str(err.value)
    assert "\n" not in str(err.value)
    return err.value


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085"])
def test_a_unicode_line_separator_never_starts_a_key(separator):
    text = BASE.replace("name: Republic of Examplia (fictional)", f"name: Nice{separator}institution: true")
    err = refused(text, rf"p\.yaml:5: a Unicode line separator \(U\+{ord(separator):04X}\)")
    assert err.line == 5


def test_a_separator_in_a_comment_is_refused_too():
    refused("# note\u2028fa: yes\n" + BASE, r"p\.yaml:1: a Unicode line separator")


@pytest.mark.parametrize("char", ["\u200b", "\u200d", "\ufeff", "\u2060", "\u00ad"])
def test_a_key_with_an_invisible_character_is_refused(char):
    refused(BASE.replace("remittances:\n", f"remit{char}tances:\n", 1), rf"the key holds an invisible character \(U\+{ord(char):04X}\)")


def test_an_id_with_an_invisible_character_is_refused():
    refused(BASE.replace("id: examplia-2026", "id: examplia\u200b-2026", 1), r"p\.yaml:4: id: the id holds an invisible character \(U\+200B\)")


def test_ids_and_keys_are_compared_after_nfc():
    decomposed = unicodedata.normalize("NFD", "café")
    assert decomposed != "café"
    profile = load(BASE.replace("id: examplia-2026", f"id: {decomposed}", 1))
    assert profile.id == "café"
    data, _locs = parse_yaml(f"{decomposed}: 1\n", "k.yaml")
    assert list(data) == ["café"]
    with pytest.raises(MigovError, match=r"k\.yaml:2: .*duplicate key 'café' \(first at line 1\)"):
        parse_yaml(f"café: 1\n{decomposed}: 2\n", "k.yaml")


@pytest.mark.parametrize("variant", ["\uff41verage_cost", "average\ufe4ecost"])  # fullwidth a; a small low line folds to _
def test_homoglyph_keys_are_duplicates_after_nfkc(variant):
    assert unicodedata.normalize("NFKC", variant) == "average_cost"
    text = BASE.replace("remittances:\n", f"remittances:\n  {variant}: 3\n", 1)
    refused(text, r"remittances\.average_cost: duplicate key 'average_cost' \(first at line 61\)")


@pytest.mark.parametrize(("written", "value"), [("1e1", 10), ("5E0", 5), ("1.5e1", 15), ("+2e0", 2), ("6.1", 6.1)])
def test_yaml_1_2_numbers_are_numbers(written, value):
    profile = load(BASE.replace("  average_cost: 6.1", f"  average_cost: {written}", 1))
    assert profile.facts["remittances.average_cost"] == value


def test_1e15_is_a_number_held_to_the_fact_s_range():
    refused(BASE.replace("  average_cost: 6.1", "  average_cost: 1e15", 1), r"remittances\.average_cost: expected a number from 0(\.0)? to 100")


@pytest.mark.parametrize("written", ["inf", ".inf", "-.inf", ".nan", "nan", "1e400"])
def test_inf_and_nan_are_never_numbers(written):
    refused(BASE.replace("  average_cost: 6.1", f"  average_cost: {written}", 1), r"remittances\.average_cost: .*(not a finite number|expected a number)")


def test_a_pack_number_given_as_inf_text_is_refused(tmp_path):
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    vocab = tmp_path / "rules" / "idm2018" / "vocabulary.yaml"
    text = vocab.read_text(encoding="utf-8")
    assert "    maximum: 100\n" in text
    vocab.write_text(text.replace("    maximum: 100\n", '    maximum: "inf"\n', 1), encoding="utf-8")
    with pytest.raises(MigovError, match="expected a finite number, not inf or nan"):
        load_pack(tmp_path / "rules" / "idm2018")


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    path = tmp_path_factory.mktemp("wb") / "t.xlsx"
    try:
        main(["template", "--kind", "country", "-o", str(path)])
    except SystemExit as exc:
        assert not exc.code
    return path


def _workbook_with(template, tmp_path, add):
    wb = load_workbook(template)
    key = next(ws for ws in wb.worksheets if ws.cell(row=1, column=1).value == "key")
    key["C3"] = "Workbookland"
    facts = [ws for ws in wb.worksheets if ws.cell(row=1, column=1).value == "fact"]
    add(key, facts)
    path = tmp_path / "dup.xlsx"
    wb.save(path)
    return path


def _read(path):
    return read_workbook(path, load_pack("idm2018"))


def test_a_fact_on_two_rows_of_a_workbook_is_refused(template, tmp_path):
    def twice(_key, facts):
        _sheet, row = next((ws, r) for ws in facts for r in ws.iter_rows(min_row=2) if r[0].value == "agreements")
        facts[-1].append([c.value for c in row])  # on another sheet: the last one would win

    with pytest.raises(MigovError, match=r"'agreements' is named twice \(first at .*!D\d+\): keep one") as err:
        _read(_workbook_with(template, tmp_path, twice))
    assert err.value.file.endswith("dup.xlsx")


def test_a_header_key_on_two_rows_of_a_workbook_is_refused(template, tmp_path):
    def twice(key, _facts):
        key.append(["name", "name", "Otherland"])

    with pytest.raises(MigovError, match=r"'name' is named twice \(first at .*!C3\): keep one"):
        _read(_workbook_with(template, tmp_path, twice))
