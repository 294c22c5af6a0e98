"""Lost or damaged files: whatever the command and its -o, no input and no device is ever replaced."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys

import pytest

from engine.batch.folder import Lock
from tests.helpers import ROOT, batch_under_way
from tests.hostile.common import assert_clean, migov, snapshot

PROFILE = ROOT / "profiles" / "examplia-country.yaml"


def test_batch_over_json_and_colliding_names_in_its_own_folder(tmp_path):
    for name in ("c.yaml", "c.yml", "c-2.yaml"):
        shutil.copy(PROFILE, tmp_path / name)
    weak = (ROOT / "profiles" / "weak-partnership.yaml").read_text(encoding="utf-8")
    (tmp_path / "index.yaml").write_text(weak, encoding="utf-8")
    (tmp_path / "j.json").write_text(json.dumps({"id": "j", "name": "J", "kind": "country"}), encoding="utf-8")
    (tmp_path / "j.html").write_text("mine", encoding="utf-8")
    before = snapshot(tmp_path)
    r = migov("batch", str(tmp_path), str(tmp_path / "j.json"), "-o", str(tmp_path), "--jobs", "1")
    assert_clean(r, one_line=False)
    after = snapshot(tmp_path)
    assert all(after[f] == d for f, d in before.items())  # every input unchanged
    stems = {p.stem for p in tmp_path.glob("*.json") if p.name != "j.json"}
    assert {"c", "c-2", "c-3", "index-2", "j-2"} <= stems, stems  # no two profiles share an output; index.html is the dashboard's
    assert "is also the id of" in r.stderr  # c.yaml, c.yml and c-2.yaml are one profile: the copies are refused
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize("target", ["references.yaml", "tests.yaml", "rules/data_cooperation.yaml", "lenses", "profile"])
def test_output_onto_what_the_command_reads(tmp_path, target):
    pack = tmp_path / "pack"
    shutil.copytree(ROOT / "rules" / "idm2018", pack)
    profile = tmp_path / "p.yaml"
    shutil.copy(PROFILE, profile)
    lens = next((pack / "lenses").glob("*.yaml"), None) if (pack / "lenses").is_dir() else None
    path = {"profile": profile, "lenses": lens or pack / "pack.yaml"}.get(target, pack / target)
    before = snapshot(tmp_path)
    r = migov("assess", str(profile), "--rules", str(pack), "-o", str(path))
    assert_clean(r, (2,), r"refusing to (overwrite an input file|write inside a folder of inputs)|cannot write yaml")  # refused either way
    assert snapshot(tmp_path) == before


def test_output_onto_a_workbook_being_assessed(tmp_path):
    wb = tmp_path / "q.xlsx"
    assert migov("template", "--kind", "country", "-o", str(wb)).returncode == 0
    from openpyxl import load_workbook

    book = load_workbook(wb)
    next(ws for ws in book.worksheets if ws.cell(row=1, column=1).value == "key")["C3"] = "Workbookland"
    book.save(wb)
    before = snapshot(tmp_path)
    assert_clean(migov("assess", str(wb), "-o", str(wb)), (2,), "refusing to overwrite an input file|cannot write xlsx")
    assert snapshot(tmp_path) == before


def test_devices_fifos_and_links_are_never_replaced(tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for target in (fifo, "/dev/null"):
        assert_clean(migov("assess", str(PROFILE), "-o", str(target)), (2,), "not a regular file")
    assert fifo.exists() and not fifo.is_file() and os.path.exists("/dev/null") and not os.path.isfile("/dev/null")
    copy = tmp_path / "p.yaml"
    shutil.copy(PROFILE, copy)
    os.link(copy, tmp_path / "hard.yaml")
    os.symlink(copy, tmp_path / "soft.yaml")
    before = snapshot(tmp_path)
    for link in ("hard.yaml", "soft.yaml"):
        assert_clean(migov("assess", str(copy), "-o", str(tmp_path / link)), (2,), "refusing to overwrite an input file|cannot write yaml")
    assert snapshot(tmp_path) == before


def test_inputs_that_are_not_files(tmp_path):
    fifo = tmp_path / "in.yaml"
    os.mkfifo(fifo)
    for path in (fifo, "/dev/zero", tmp_path):
        assert_clean(migov("assess", str(path), timeout=30), (2,))


def test_missing_folder_closed_stdout_full_disk(tmp_path):
    assert_clean(migov("template", "--format", "yaml", "--kind", "country", "-o", str(tmp_path / "no" / "t.yaml")), (2,), "the folder does not exist")
    assert_clean(migov("template", "--format", "yaml", "-o", str(tmp_path / "t.yaml")), (2,), "Missing option '--kind'")
    with open("/dev/full", "w") as full:
        r = subprocess.run([sys.executable, "-m", "engine", "assess", str(PROFILE), "--format", "html"], cwd=ROOT, stdout=full,
                           stderr=subprocess.PIPE, text=True, check=False, timeout=90)
    assert r.returncode == 2 and "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr
    p = subprocess.Popen([sys.executable, "-m", "engine", "assess", str(PROFILE), "--format", "html"], cwd=ROOT,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert p.stdout is not None
    p.stdout.close()  # `| head -0`
    _, err = p.communicate(timeout=90)
    assert p.returncode == 0 and err == "", err  # a reader that stopped reading: quietly, as when the output fits the pipe


def test_two_batches_into_one_folder(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with Lock(out):  # another batch holds the folder
        r = migov("batch", str(PROFILE), "-o", str(out), "--formats", "none")
    assert_clean(r, (2,), "another migov batch is writing to this folder")
    assert not (out / "summary.csv").exists()


def test_interrupted_batch_keeps_what_finished(tmp_path):
    p, out = batch_under_way(tmp_path, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    os.killpg(p.pid, signal.SIGINT)
    _, err = p.communicate(timeout=120)
    assert p.returncode == 130, err
    assert "Traceback" not in err and "finished" in err and len(err.strip().splitlines()) == 1, err
    assert not [n for n in os.listdir(out) if n.endswith(".tmp")]
    rows = (out / "summary.csv").read_text(encoding="utf-8").splitlines()[1:]
    for row in rows:  # every profile listed as finished has complete outputs
        stem = os.path.splitext(os.path.basename(row.split(",")[0]))[0]
        json.loads((out / f"{stem}.json").read_text(encoding="utf-8"))
        assert (out / f"{stem}.html").read_text(encoding="utf-8").rstrip().endswith("</html>")


def test_self_assess_never_writes_what_it_cannot_read(tmp_path, monkeypatch):
    from engine.authoring.selfassess import save
    from engine.errors import MigovError

    monkeypatch.setenv("MIGOV_MAX_FILE_MB", "0.001")
    with pytest.raises(MigovError, match="MIGOV_MAX_FILE_MB"):
        save(tmp_path / "p.yaml", "x: " + "y" * 5000 + "\n")
    assert not list(tmp_path.iterdir())
