"""A profile's id is made from its name everywhere (init, template, workbook, self-assess), so that two filled
workbooks no longer share ``my-country`` in a batch."""

import json

import pytest
import yaml
from openpyxl import load_workbook

from engine.authoring.naming import is_placeholder, profile_id, slug
from tests.helpers import run_cli


@pytest.mark.parametrize(("name", "expected"), [
    ("Republic of Alpha", "republic-of-alpha"),
    ("République d'Examplia", "republique-d-examplia"),
    ("République d’Examplia", "republique-d-examplia"),
    ("  Côte-d’Ivoire  ", "cote-d-ivoire"),
    ("Straße & Œuvre", "strasse-oeuvre"),
    ("Dialogue 5+5", "dialogue-5-5"),
])
def test_slug_folds_accents_to_lowercase_ascii(name, expected):
    assert slug(name) == expected == profile_id(name, "country")


def test_a_name_with_no_ascii_letter_gets_the_kind_and_a_checksum():
    first, second = profile_id("中国", "country"), profile_id("日本", "country")
    assert first.startswith("country-") and second.startswith("country-") and first != second
    assert profile_id("中国", "country") == first  # deterministic


def test_no_name_gives_the_placeholder_and_long_names_are_cut():
    assert profile_id(None, "country") == profile_id("  ", "country") == "my-country"
    assert len(profile_id("A very long name " * 10, "country")) <= 60 and not profile_id("a " * 40, "country").endswith("-")
    assert is_placeholder("my-country", ["country", "partnership"]) and is_placeholder(None, ["country"])
    assert not is_placeholder("alpha", ["country"])


def test_init_makes_the_id_from_the_name(tmp_path):
    r = run_cli("init", "--kind", "country", "--name", "Republic of Alpha")
    assert r.returncode == 0, r.stderr
    head = yaml.safe_load(r.stdout)
    assert head["id"] == "republic-of-alpha" and head["name"] == "Republic of Alpha"
    r = run_cli("init", "--kind", "partnership", "--lang", "fr", "--name", "République d'Examplia")
    assert yaml.safe_load(r.stdout)["id"] == "republique-d-examplia"
    assert yaml.safe_load(run_cli("init", "--kind", "country").stdout)["id"] == "my-country"  # no name yet


def _workbook(tmp_path, file, name, id_=None, lang="en"):
    path = tmp_path / file
    r = run_cli("template", "--kind", "country", "--lang", lang, "-o", str(path))
    assert r.returncode == 0, r.stderr
    wb = load_workbook(path)
    sheet = next(ws for ws in wb.worksheets if ws.cell(row=1, column=1).value == "key")
    rows = {ws_row[0].value: ws_row[0].row for ws_row in sheet.iter_rows(min_row=2)}
    if name is not None:
        sheet.cell(row=rows["name"], column=3, value=name)
    if id_ is not None:
        sheet.cell(row=rows["id"], column=3, value=id_)
    wb.save(path)
    return path


def _profile(path):
    r = run_cli("assess", str(path), "--format", "json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)["profile"]


def test_a_workbook_gets_its_id_from_its_name(tmp_path):
    assert _profile(_workbook(tmp_path, "alpha.xlsx", "Republic of Alpha"))["id"] == "republic-of-alpha"
    assert _profile(_workbook(tmp_path, "fr.xlsx", "République d'Examplia", lang="fr"))["id"] == "republique-d-examplia"


def test_an_older_workbook_with_the_default_id_gets_it_from_its_name_and_a_chosen_id_is_kept(tmp_path):
    assert _profile(_workbook(tmp_path, "old.xlsx", "Republic of Beta", id_="my-country"))["id"] == "republic-of-beta"
    assert _profile(_workbook(tmp_path, "own.xlsx", "Republic of Beta", id_="rb-2025"))["id"] == "rb-2025"


def test_a_workbook_without_a_name_says_the_name_is_missing(tmp_path):
    r = run_cli("assess", str(_workbook(tmp_path, "noname.xlsx", None)))
    assert r.returncode == 2 and "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert "missing 'name'" in r.stderr and "Profile!C3" in r.stderr


def test_two_filled_workbooks_no_longer_collide_in_a_batch(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    _workbook(folder, "alpha.xlsx", "Republic of Alpha")
    _workbook(folder, "beta.xlsx", "Republic of Beta")
    r = run_cli("batch", str(folder), "-o", str(tmp_path / "out"), "--formats", "none")
    assert r.returncode == 0, r.stdout + r.stderr
    summary = (tmp_path / "out" / "summary.csv").read_text(encoding="utf-8")
    assert "republic-of-alpha" in summary and "republic-of-beta" in summary and "also the id of" not in summary


def test_self_assess_makes_the_id_from_the_name(tmp_path):
    out = tmp_path / "sa.yaml"
    answers = tmp_path / "a.txt"
    answers.write_text("République d’Examplia\n" + "?\n" * 80, encoding="utf-8")
    r = run_cli("self-assess", "--kind", "country", "-o", str(out), "--answers", str(answers))
    assert r.returncode == 0, r.stderr
    assert yaml.safe_load(out.read_text(encoding="utf-8"))["id"] == "republique-d-examplia"


def test_self_assess_from_a_workbook_keeps_the_id_made_from_its_name(tmp_path):
    book = _workbook(tmp_path, "seed.xlsx", "Republic of Gamma")
    out = tmp_path / "from.yaml"
    answers = tmp_path / "a.txt"
    answers.write_text("?\n" * 80, encoding="utf-8")
    r = run_cli("self-assess", "--from", str(book), "-o", str(out), "--answers", str(answers))
    assert r.returncode == 0, r.stderr
    assert yaml.safe_load(out.read_text(encoding="utf-8"))["id"] == "republic-of-gamma"
