"""A batch over hostile names and a damaged or forged manifest: outputs always named, nothing trusted, nothing outside the folder."""

from __future__ import annotations

import csv
import json
import os
import shutil

import pytest

from engine.batch.folder import Names
from engine.batch.row import Row, row_from_data
from engine.batch.table import MANIFEST, read_manifest
from tests.helpers import ROOT
from tests.hostile.common import assert_clean, migov

PROFILE = ROOT / "profiles" / "examplia-country.yaml"


def _profile(path, ident: str, name: str | None = None) -> None:
    text = PROFILE.read_text(encoding="utf-8").replace("id: examplia-2026", f"id: {ident}")
    if name is not None:
        text = text.replace("name: ", f"name: {json.dumps(name)}  # ", 1)
    with open(path, "wb") as fh:  # bytes: the name may not be UTF-8
        fh.write(text.encode("utf-8"))


@pytest.mark.parametrize("name", [".w.yaml", ".yaml", "..yaml", ". .yaml"])
def test_a_name_starting_with_a_dot_gets_an_output(tmp_path, name):
    _profile(tmp_path / name, "dot")
    r = migov("batch", name, "-o", str(tmp_path / "out"), "--jobs", "1", cwd=tmp_path, env={"PYTHONPATH": str(ROOT)}, timeout=120)
    assert_clean(r, (0,))
    reports = [n for n in os.listdir(tmp_path / "out") if n.endswith(".json") and not n.startswith(".")]
    assert len(reports) == 1, reports


def test_stems_are_unique_fit_the_longest_name_and_never_hide():
    names = Names(ROOT / "no-such-folder", [])
    stems = [names.stem(f) for f in (".w.yaml", "w.yaml", ".yaml", "x" * 300 + ".yaml", "x" * 300 + ".yml", "é" * 200 + ".yaml")]
    assert stems[:3] == ["w", "w-2", "yaml"]
    assert all(len(os.fsencode(s + ".html")) <= 255 and not s.startswith(".") for s in stems)
    assert len({s.casefold() for s in stems}) == len(stems)


def test_any_file_name_the_file_system_gives(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    named = {b"caf\xe9.yaml": "p0", b"=1+1.yaml": "p1", b"a\nb.yaml": "p2", "x\u202ey.yaml".encode(): "p3"}
    for raw, ident in named.items():
        _profile(os.path.join(os.fsencode(src), raw), ident)
    with open(os.path.join(os.fsencode(src), b"bad\xff\n.yaml"), "wb") as fh:
        fh.write(b"id: [\n")
    out = tmp_path / "out"
    r = migov("batch", str(src), "-o", str(out), "--jobs", "1")
    assert_clean(r, (2,), one_line=False)
    (error,) = [line for line in r.stderr.splitlines() if line.strip()]  # the newline in the name does not split the line
    assert "bad\\xff\\n.yaml" in error
    rows = list(csv.DictReader((out / "summary.csv").open(encoding="utf-8", newline="")))
    assert len(rows) == 5 and any("caf\\xe9.yaml" in row["file"] for row in rows)
    page = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="caf%E9.html"' in page and 'href="%3D1%2B1.html"' in page and "bad\\xff" in page
    assert os.path.isfile(os.path.join(os.fsencode(out), b"caf\xe9.html"))


def _batch(src, out):
    return migov("batch", str(src), "-o", str(out), "--jobs", "1", "--formats", "json")


@pytest.mark.parametrize("damage", [
    pytest.param(b"[]\n", id="a-list-first"),
    pytest.param(b"\xff\xfe{not utf-8\n", id="not-utf-8"),
    pytest.param(b"[" * 100_000 + b"\n", id="deep"),
    pytest.param(b"HEAD\n" + b'{"a":' * 50_000 + b"1" + b"}" * 50_000 + b"\n", id="deep-row"),
    pytest.param(b'HEAD\n{"overall": "abc"}\n', id="overall-abc"),
])
def test_a_damaged_manifest_is_ignored_and_rebuilt(tmp_path, damage):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    _profile(src / "a.yaml", "a")
    assert_clean(_batch(src, out), (0,))
    head = (out / MANIFEST).read_bytes().split(b"\n", 1)[0]
    (out / MANIFEST).write_bytes(damage.replace(b"HEAD", head))
    assert_clean(_batch(src, out), (0,))
    lines = (out / MANIFEST).read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and json.loads(lines[1])["overall"] == 55.8  # rebuilt


def test_a_forged_row_is_not_trusted_and_no_link_leaves_the_folder(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    _profile(src / "a.yaml", "a")
    assert_clean(migov("batch", str(src), "-o", str(out), "--jobs", "1"), (0,))
    head, row = (out / MANIFEST).read_text(encoding="utf-8").splitlines()
    forged = json.loads(row) | {"stem": "/".join([".."] * 4 + ["etc", "passwd"]), "name": "Forged"}
    (out / MANIFEST).write_text(head + "\n" + json.dumps(forged) + "\n", encoding="utf-8")
    assert_clean(migov("batch", str(src), "-o", str(out), "--jobs", "1"), (0,))
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "passwd" not in page and "Forged" not in page and 'href="a.html"' in page


@pytest.mark.parametrize("edit", [
    {"overall": "abc"}, {"overall": float("inf")}, {"overall": 101}, {"coverage": 2}, {"ok": "yes"}, {"facts_to_collect": -1},
    {"gaps": [1]}, {"groups": {"region": 3}}, {"ranges": {"d": [1]}}, {"stem": ""}, {"extra": 1},
])
def test_a_row_migov_would_not_write_is_refused(edit):
    good = Row(file="a.yaml", stem="a", ok=True, digest="d" * 32, overall=52.5, coverage=0.7).__dict__
    assert row_from_data(dict(good)) is not None
    assert row_from_data(good | edit) is None


def test_read_manifest_of_a_missing_or_foreign_folder(tmp_path):
    assert read_manifest(tmp_path, "base") == ({}, [])
    (tmp_path / MANIFEST).write_text(json.dumps({"base": "base", "formats": "json"}) + "\n", encoding="utf-8")
    assert read_manifest(tmp_path, "base") == ({}, [])


def test_no_output_folder_inside_a_rule_pack(tmp_path):
    pack = tmp_path / "pack"
    shutil.copytree(ROOT / "rules" / "idm2018", pack)
    for out in (pack, pack / "rules", pack / "new" / "deeper"):
        r = migov("batch", str(PROFILE), "--rules", str(pack), "-o", str(out), "--formats", "none")
        assert_clean(r, (2,), "refusing to write inside a folder of inputs")
    assert not (pack / "new").exists() and not (pack / "rules" / "summary.csv").exists()
    r = migov("batch", str(PROFILE), "-o", str(ROOT / "rules" / "x"), "--formats", "none")
    assert_clean(r, (2,), "refusing to write inside a folder of inputs")
