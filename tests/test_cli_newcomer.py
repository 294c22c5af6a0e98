"""A newcomer's first hour: formats from the output's extension, one-line usage errors, examples, export,
doctor, the terminal's width, self-assess resuming in the profile's language and with stdin closed,
workbooks readable by others, rating labels in ``rules diff``, batch errors in French."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import yaml

from engine.authoring.intake import assessed as assess  # the assessment written in a language
from engine.cli.assess import render_as
from engine.cli.batch import default_jobs
from engine.pack.loading import load_pack
from engine.pack.profiles import load_profile
from tests.helpers import ROOT, run_cli

PROFILE = str(ROOT / "profiles" / "examplia-country.yaml")


def test_the_output_extension_chooses_the_format(tmp_path):
    for name, head in (("r.html", "<!DOCTYPE html"), ("r.json", "{"), ("r.md", "#")):
        r = run_cli("assess", PROFILE, "-o", str(tmp_path / name))
        assert r.returncode == 0, r.stderr
        assert (tmp_path / name).read_text(encoding="utf-8").lstrip().startswith(head), name
    assert run_cli("assess", PROFILE, "-o", str(tmp_path / "r.txt")).returncode == 0
    assert "Overall score" in (tmp_path / "r.txt").read_text(encoding="utf-8")


def test_a_format_contradicting_the_extension_is_one_line(tmp_path):
    r = run_cli("assess", PROFILE, "--format", "json", "-o", str(tmp_path / "x.html"))
    assert r.returncode == 2 and not (tmp_path / "x.html").exists()
    assert r.stderr.count("\n") == 1 and "--format" in r.stderr and ".html" in r.stderr


def test_usage_errors_take_one_line():
    for args in (["assess", "--bogus"], ["assess"], ["nosuchcommand"], ["batch"]):
        r = run_cli(*args)
        assert r.returncode == 2, args
        assert r.stderr.count("\n") == 1 and r.stderr.startswith("migov: error: ") and "--help" in r.stderr, r.stderr


def test_examples_are_listed_and_copied_without_overwriting(tmp_path):
    listed = run_cli("examples").stdout.split()
    assert any(p.endswith("examplia-country.yaml") for p in listed)
    dest = tmp_path / "ex"
    r = run_cli("examples", "--copy", str(dest))
    assert r.returncode == 0 and (dest / "examplia-country.yaml").read_bytes() == Path(PROFILE).read_bytes()
    again = run_cli("examples", "--copy", str(dest))
    assert again.returncode == 2 and again.stderr.count("\n") == 1


def test_rules_export_gives_a_pack_that_lints_and_assesses(tmp_path):
    dest = tmp_path / "mypack"
    assert run_cli("rules", "export", "idm2018", str(dest)).returncode == 0
    assert (dest / "pack.yaml").is_file()
    assert run_cli("rules", "lint", str(dest)).returncode == 0
    assert run_cli("assess", PROFILE, "--rules", str(dest), "--format", "json").returncode == 0
    assert run_cli("rules", "export", "idm2018", str(dest)).returncode == 2  # nothing overwritten


def test_doctor_reports_each_check_and_what_to_install():
    r = run_cli("doctor")
    assert r.returncode == 0, r.stdout
    assert "Python" in r.stdout and "idm2018" in r.stdout and "Chromium" in r.stdout
    missing = run_cli("doctor", env={**os.environ, "MIGOV_CHROMIUM": "/nonexistent/chromium"})
    assert missing.returncode == 0 and "apt-get install chromium" in missing.stdout
    fr = run_cli("doctor", env={**os.environ, "LANGUAGE": "fr"})
    assert "jeu de règles idm2018" in fr.stdout


def test_text_follows_the_terminal_width():
    pack = load_pack("idm2018")
    prof = load_profile(Path(PROFILE), pack)
    a = assess(pack, prof, "en")
    for width in (72, 140):
        text = str(render_as("text", a, pack, prof, colour=False, width=width))
        assert max(len(line) for line in text.splitlines()) <= width
    assert max(len(line) for line in str(render_as("text", a, pack, prof, colour=False, width=140)).splitlines()) > 100


def test_workbooks_follow_the_umask(tmp_path):
    out = tmp_path / "q.xlsx"
    code = "import os, sys; os.umask(0o022); from engine.cli import main; sys.argv = ['migov'] + sys.argv[1:]; main()"
    r = subprocess.run([sys.executable, "-c", code, "template", "--kind", "country", "-o", str(out)], cwd=ROOT, capture_output=True, text=True,
                       check=False)
    assert r.returncode == 0, r.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


def test_resuming_a_french_profile_asks_in_french(tmp_path):
    out = tmp_path / "p.yaml"
    first = run_cli("self-assess", "--kind", "country", "--lang", "fr", "-o", str(out), "--answers", "-", env={**os.environ, "LANGUAGE": "en"})
    assert first.returncode == 2
    (tmp_path / "a.txt").write_text("Examplia\n", encoding="utf-8")
    run_cli("self-assess", "--kind", "country", "--lang", "fr", "-o", str(out), "--answers", str(tmp_path / "a.txt"))
    (tmp_path / "b.txt").write_text("non\n", encoding="utf-8")
    again = run_cli("self-assess", "-o", str(out), "--answers", str(tmp_path / "b.txt"), env={**os.environ, "LANGUAGE": "en"})
    assert "Y en a-t-il" in again.stdout and "Are there any" not in again.stdout


def test_the_profile_after_the_first_answer_has_its_id_and_validates(tmp_path):
    out = tmp_path / "p.yaml"
    (tmp_path / "a.txt").write_text("Republic of Examplia\n", encoding="utf-8")
    r = run_cli("self-assess", "--kind", "country", "-o", str(out), "--answers", str(tmp_path / "a.txt"))
    assert r.returncode == 2
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["id"] == "republic-of-examplia" and data["kind"] == "country"
    assert load_profile(out, load_pack("idm2018")).name == "Republic of Examplia"


def test_with_stdin_closed_nothing_is_claimed_saved(tmp_path):
    out = tmp_path / "p.yaml"
    r = subprocess.run([sys.executable, "-m", "engine", "self-assess", "-o", str(out)], cwd=ROOT, capture_output=True, text=True,
                       stdin=subprocess.DEVNULL, check=False)
    assert r.returncode == 2 and not out.exists()
    assert r.stderr.count("\n") == 1 and "saved in" not in r.stderr
    closed = subprocess.run(f"'{sys.executable}' -m engine self-assess -o '{out}' <&-", shell=True, cwd=ROOT, capture_output=True, text=True,
                            check=False)
    assert closed.returncode == 2 and not out.exists() and closed.stderr.count("\n") == 1, closed.stderr


def test_rules_diff_prints_rating_labels():
    r = run_cli("rules", "diff", "idm2018", "idm2018")
    assert "Developing" in r.stdout and "early_stage" not in r.stdout  # the bands by name (between two where the unknowns allow two)


def test_batch_errors_are_french_under_lang_fr(tmp_path):
    for jobs in ("1", "2"):
        r = run_cli("batch", str(ROOT / "tests" / "bad" / "unknown-fact.yaml"), str(tmp_path / "nothere.yaml"), "-o", str(tmp_path / f"o{jobs}"),
                    "--lang", "fr", "--jobs", jobs)
        assert "fichier ou dossier introuvable" in r.stderr and r.returncode == 2
        r = run_cli("batch", str(ROOT / "tests" / "bad" / "unknown-fact.yaml"), "-o", str(tmp_path / f"o{jobs}"), "--lang", "fr", "--jobs", jobs)
        assert "champ non reconnu" in r.stderr, (jobs, r.stderr)


def test_the_default_jobs_follow_the_measured_threshold():
    assert default_jobs(100_000, (), 8) == 1  # no reports: one process is faster at every size measured
    assert default_jobs(5, ("json", "html"), 2) == 1
    assert default_jobs(500, ("json", "html"), 2) == 2
    assert default_jobs(500, ("html",), 64) == 25
