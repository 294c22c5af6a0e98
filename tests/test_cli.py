"""The command line contract: formats, languages, exit codes, atomic outputs, determinism."""

import json

import pytest

from tests.helpers import ENGINES, IDM_PROFILES, PROFILES, ROOT, run_cli


@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: p.stem)
def test_json_honours_the_contract(profile):
    idm = profile in IDM_PROFILES
    r = run_cli("assess", str(profile), "--format", "json")
    assert r.returncode == 0, r.stderr
    a = json.loads(r.stdout)
    assert set(a) >= {"migov_version", "pack", "profile", "language", "score", "dimensions", "findings", "recommendations"}
    assert not idm or {d["id"] for d in a["dimensions"]} >= {
        "inter_state_cooperation", "multidisciplinarity", "non_state_participation", "rights_protection",
        "vulnerable_migrants", "development_contribution", "shared_responsibility", "data_cooperation",
        "migration_governance", "multilevel_partnerships"}
    # scores consistent with the findings
    for d in a["dimensions"]:
        mine = [f for f in a["findings"] if f["dimension"] == d["id"]]
        # a graded criterion counts the fraction of its weight its level reaches (schema 2.1)
        met = sum(f["weight"] * (f["level"]["fraction"] if "level" in f else 1) for f in mine if f["status"] in ("met", "gap")
                  if "level" in f or f["status"] == "met")
        counted = ("gap", "unknown") if a["score"]["unknown_policy"] == "gap" else ("gap",)
        known = sum(f["weight"] for f in mine if f["status"] in ("met", *counted))
        computed = None if known == 0 else round(100 * met / known, 1)
        if d["withheld"] or d["too_few"]:  # not rated (2.0): no point, the range holds it
            assert d["score"] is None and (computed is None or d["worst_case"] <= computed <= d["best_case"])
        else:
            assert d["score"] == computed
        assert d["counts"]["met"] == sum(f["status"] == "met" for f in mine)
    gaps = [f["rule"] for f in a["findings"] if f["status"] == "gap"]
    assert sorted(r["rule"] for r in a["recommendations"]) == sorted(gaps)
    gains = [r["score_gain"] for r in a["recommendations"]]
    assert gains == sorted(gains, reverse=True)
    s = a["score"]
    assert s["worst_case"] <= (s["worst_case"] if s["overall"] is None else s["overall"]) <= s["best_case"]
    for f in a["findings"]:
        if f["status"] in ("met", "gap"):
            assert f["evidence"], f["rule"]


def test_bundled_profiles_produce_every_status():
    seen = set()
    for p in PROFILES:
        a = json.loads(run_cli("assess", str(p), "--format", "json").stdout)
        seen |= {f["status"] for f in a["findings"]}
    assert seen == {"met", "gap", "unknown", "not_applicable"}


@pytest.mark.parametrize("engine", ENGINES)
def test_json_is_byte_identical_across_runs_and_engines(engine):
    profile = str(ROOT / "profiles" / "examplia-country.yaml")
    first = run_cli("assess", profile, "--format", "json", "--engine", ENGINES[-1]).stdout
    again = run_cli("assess", profile, "--format", "json", "--engine", engine).stdout
    assert first == again


def test_golden_json(request):
    """Golden files: regenerate with  python -m tests.regen_golden  after an intended change."""
    for p in PROFILES:
        for lang in ("en", "fr"):
            out = run_cli("assess", str(p), "--format", "json", "--lang", lang).stdout
            golden = ROOT / "tests" / "golden" / f"{p.stem}.{lang}.json"
            assert out == golden.read_text(encoding="utf-8"), f"{golden} differs: run python -m tests.regen_golden"


def test_french_report_is_french():
    a = json.loads(run_cli("assess", str(ROOT / "profiles" / "examplia-country.yaml"), "--format", "json", "--lang", "fr").stdout)
    assert a["language"] == "fr"
    assert a["dimensions"][0]["title"] == "Coopération interétatique"
    assert any("oui" in e or "non" in e for f in a["findings"] for e in f["evidence"])
    text = run_cli("assess", str(ROOT / "profiles" / "examplia-country.yaml"), "--lang", "fr").stdout
    assert "Score global" in text and "52,4" in text


def test_text_fits_100_columns_and_is_plain_when_piped():
    for p in PROFILES:
        out = run_cli("assess", str(p)).stdout
        assert max(len(line) for line in out.splitlines()) <= 100
        assert "\x1b[" not in out


def test_fail_under_exit_codes():
    profile = str(ROOT / "profiles" / "examplia-country.yaml")
    assert run_cli("assess", profile, "--fail-under", "10").returncode == 0
    r = run_cli("assess", profile, "--fail-under", "90")
    assert r.returncode == 1 and "below" in r.stderr


def test_output_is_written_atomically_and_never_over_an_input(tmp_path):
    profile = tmp_path / "p.yaml"
    profile.write_text((ROOT / "profiles" / "examplia-country.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    before = profile.read_bytes()
    r = run_cli("assess", str(profile), "--output", str(profile))
    assert r.returncode == 2 and "cannot write yaml" in r.stderr  # not a format assess writes, let alone over its input
    assert profile.read_bytes() == before
    report = tmp_path / "r.html"
    assert run_cli("assess", str(profile), "-o", str(report)).returncode == 0
    made = report.read_bytes()
    r = run_cli("assess", str(report), "--output", str(report))  # a report assessed again: the same format as its input
    assert r.returncode == 2 and "overwrite" in r.stderr
    assert report.read_bytes() == made
    report.unlink()
    out = tmp_path / "a.json"
    assert run_cli("assess", str(profile), "--format", "json", "-o", str(out)).returncode == 0
    assert json.loads(out.read_text(encoding="utf-8"))["profile"]["id"] == "examplia-2026"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_rules_test_and_version():
    r = run_cli("rules", "test")
    assert r.returncode == 0 and " 0 failed" in r.stdout
    assert run_cli("--version").stdout.startswith("migov 0.1.0")


def test_rules_option_takes_a_directory(tmp_path):
    import shutil

    shutil.copytree(ROOT / "rules" / "idm2018", tmp_path / "mypack")
    r = run_cli("assess", str(ROOT / "profiles" / "examplia-country.yaml"), "--rules", str(tmp_path / "mypack"), "--format", "json")
    assert r.returncode == 0 and json.loads(r.stdout)["pack"]["id"] == "idm2018"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_markdown_report(lang, tmp_path):
    profile = tmp_path / "p.yaml"
    text = (ROOT / "profiles" / "examplia-country.yaml").read_text(encoding="utf-8")
    profile.write_text(text.replace("name: Republic of Examplia (fictional)", "name: 'Examplia | <b>bold</b> *x*'"), encoding="utf-8")
    r = run_cli("assess", str(profile), "--format", "markdown", "--lang", lang)
    assert r.returncode == 0, r.stderr
    out = r.stdout
    heads = ["## Scores by dimension", "## Prioritised recommendations", "## Data to collect", "## Findings"] if lang == "en" else [
        "## Scores par dimension", "## Recommandations par ordre de priorité", "## Données à recueillir", "## Constats"]
    for h in heads:
        assert h in out
    assert "Examplia \\| \\<b\\>bold\\</b\\> \\*x\\*" in out  # profile text cannot break the table or inject markup
    import re

    assert len(re.findall(r"^### .+ — ", out, flags=re.MULTILINE)) == 10  # one findings table per dimension


def _without_durable(*args: str):
    import subprocess
    import sys

    code = ("import sys; sys.modules['durable_rules_engine'] = None; from engine.cli import main; "
            f"main({list(args)!r})")
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)


def test_without_durable_the_reference_evaluator_runs_silently_with_the_same_result():
    """As on Python 3.13 and later, where durable_rules cannot be installed: auto takes the reference evaluator."""
    profile = str(ROOT / "profiles" / "examplia-country.yaml")
    r = _without_durable("assess", profile, "--format", "json")
    assert r.returncode == 0 and r.stderr == "", r.stderr
    assert r.stdout == run_cli("assess", profile, "--format", "json", "--engine", "python").stdout


def test_engine_durable_asked_for_without_it_is_one_line_saying_how_to_get_it():
    r = _without_durable("assess", str(ROOT / "profiles" / "examplia-country.yaml"), "--engine", "durable")
    lines = r.stderr.strip().splitlines()
    assert r.returncode == 2 and len(lines) == 1 and "migov[durable]" in lines[0] and "--engine python" in lines[0], r.stderr
    assert r.stdout == ""
