"""migov batch: a broken profile among good ones, re-runs, summary.csv and the dashboard."""

import csv
import shutil

from tests.helpers import ROOT, run_cli


def folder_with_a_broken_profile(tmp_path):
    src = tmp_path / "profiles"
    src.mkdir()
    for p in (ROOT / "profiles").glob("*.yaml"):
        shutil.copy(p, src / p.name)
    shutil.copy(ROOT / "tests" / "bad" / "wrong-type.yaml", src / "broken.yaml")
    return src


def test_batch_with_a_broken_profile_among_good_ones(tmp_path):
    src, out = folder_with_a_broken_profile(tmp_path), tmp_path / "out"
    r = run_cli("batch", str(src), "--output", str(out), "--jobs", "2")
    assert r.returncode == 2  # some failed
    assert "broken.yaml:5: coordination.mechanism" in r.stderr and "Traceback" not in r.stderr
    assert "6 assessed, 1 failed" in r.stdout
    for stem in ("examplia-country", "coastal-dialogue-partnership", "weak-partnership", "examplia-sdg-10-7-2"):
        assert (out / f"{stem}.json").is_file() and (out / f"{stem}.html").is_file()
    rows = list(csv.DictReader((out / "summary.csv").open(encoding="utf-8")))
    assert len(rows) == 7 and [r["status"] for r in rows].count("error") == 1
    country = next(r for r in rows if r["file"].endswith("examplia-country.yaml"))
    assert country["overall"] == "52.4" and country["rating"] == "" and country["inter_state_cooperation"] == "33.3"
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "broken.yaml" in page and 'href="examplia-country.html"' in page and "SR-CS-ROLE" in page
    assert "script-src 'sha256-" in page and "<script src" not in page
    assert not list(out.glob(".*.tmp"))


def test_rerun_redoes_only_what_changed(tmp_path):
    src, out = folder_with_a_broken_profile(tmp_path), tmp_path / "out"
    (src / "broken.yaml").unlink()
    assert run_cli("batch", str(src), "--output", str(out), "--jobs", "1", "--formats", "json").returncode == 0
    before = {p.name: p.stat().st_mtime_ns for p in out.glob("*.json") if not p.name.startswith(".")}
    text = (src / "weak-partnership.yaml").read_text(encoding="utf-8")
    (src / "weak-partnership.yaml").write_text(text.replace("route_coverage: false", "route_coverage: true"), encoding="utf-8")
    assert run_cli("batch", str(src), "--output", str(out), "--jobs", "1", "--formats", "json").returncode == 0
    after = {p.name: p.stat().st_mtime_ns for p in out.glob("*.json") if not p.name.startswith(".")}
    changed = sorted(name for name in after if after[name] != before[name])
    assert changed == ["weak-partnership.json"]


def test_batch_reads_workbooks_too(tmp_path):
    wb = tmp_path / "in" / "q.xlsx"
    wb.parent.mkdir()
    assert run_cli("template", "--kind", "country", "-o", str(wb)).returncode == 0
    from openpyxl import load_workbook

    book = load_workbook(wb)
    next(ws for ws in book.worksheets if ws.cell(row=1, column=1).value == "key")["C3"] = "Workbookland"
    book.save(wb)
    r = run_cli("batch", str(wb.parent), "--output", str(tmp_path / "out"), "--formats", "none")
    assert r.returncode == 0, r.stderr
    assert "Workbookland" in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
