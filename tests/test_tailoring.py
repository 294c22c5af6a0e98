"""Tailoring: adapt a bundled pack without copying it; every change has a reason and shows in reports."""

import json

import pytest

from tests.helpers import ROOT, run_cli

COUNTRY = str(ROOT / "profiles" / "examplia-country.yaml")
TAILORING = ROOT / "rules" / "idm2018" / "tailorings" / "examplia-2026.yaml"


def assess(*args):
    r = run_cli("assess", COUNTRY, "--format", "json", *args)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_tailoring_changes_the_assessment_and_is_reported():
    plain, tailored = assess(), assess("--tailoring", str(TAILORING))
    assert "tailoring" not in plain
    t = tailored["tailoring"]
    assert t["id"] == "examplia-2026" and len(t["changes"]) == 5 and all(c["reason"] for c in t["changes"])
    rules = {f["rule"]: f for f in tailored["findings"]}
    assert "DC-REMIT-TARGET" not in rules and "DC-REMIT-TARGET" in {f["rule"] for f in plain["findings"]}
    assert rules["ISC-CORRIDORS"]["weight"] == 3
    assert rules["DC-REMIT-COST"]["status"] == "met" and {f["rule"]: f for f in plain["findings"]}["DC-REMIT-COST"]["status"] == "gap"
    assert rules["DC-REMIT-COST"]["title"].startswith("No main remittance corridor costs more than 6.5 %")
    assert next(d for d in tailored["dimensions"] if d["id"] == "rights_protection")["weight"] == 2
    assert tailored["score"]["overall"] != plain["score"]["overall"]


@pytest.mark.parametrize("fmt,marker", [("text", "Tailoring: examplia-2026"), ("markdown", "### Tailoring: Examplia national adaptation"),
                                         ("html", "<h3>Tailoring: Examplia national adaptation, 2026</h3>")])
def test_changes_and_reasons_printed_in_every_format(fmt, marker):
    out = run_cli("assess", COUNTRY, "--format", fmt, "--tailoring", str(TAILORING)).stdout
    assert marker in out and "Interim national ceiling" in out


def test_tailored_report_reads_back(tmp_path):
    report = tmp_path / "r.html"
    assert run_cli("assess", COUNTRY, "--format", "html", "-o", str(report), "--tailoring", str(TAILORING)).returncode == 0
    back = run_cli("assess", str(report), "--format", "json")
    assert back.returncode == 0 and back.stderr == "", back.stderr
    assert json.loads(back.stdout) == assess("--tailoring", str(TAILORING))
    fr = run_cli("assess", str(report), "--format", "markdown", "--lang", "fr").stdout
    assert "### Adaptation\u00a0: Adaptation nationale d’Examplia, 2026" in fr


@pytest.mark.parametrize("old,new,pattern", [
    ("rule: ISC-CORRIDORS", "rule: ISC-CORRIDOR", r"examplia-2026\.yaml:\d+: weights\[0\]\.rule: no rule 'ISC-CORRIDOR' .*did you mean 'ISC-CORRIDORS'"),
    ("parameter: remittance_cost_ceiling", "parameter: remittance_ceiling", r"parameters\[0\]\.parameter: unknown parameter 'remittance_ceiling'"),
    ("    value: 6.5", "    value: 150", r"parameters\[0\]\.value: expected a number from 0 to 100"),
    ("    min: 45", "    min: 85", r"ratings: rating bands must start at min 0 and rise strictly"),
    ("pack: idm2018", "pack: sdg-10-7-2", r"pack: this tailoring is for pack 'sdg-10-7-2', not 'idm2018'"),
    ("  - rule: DC-REMIT-TARGET\n    reason:", "  - rule: DC-REMIT-TARGET\n    because:", r"deselect\[0\]\.(reason: required field is missing|because: unknown key)"),
])
def test_bad_tailoring_gives_one_line_with_file_and_line(tmp_path, old, new, pattern):
    import re

    bad = tmp_path / "examplia-2026.yaml"
    text = TAILORING.read_text(encoding="utf-8")
    assert old in text
    bad.write_text(text.replace(old, new, 1), encoding="utf-8")
    r = run_cli("assess", COUNTRY, "--tailoring", str(bad))
    assert r.returncode == 2 and "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert re.search(pattern, r.stderr), r.stderr


def test_tailoring_on_other_commands():
    r = run_cli("explain", "DC-REMIT-COST", "--tailoring", str(TAILORING))
    assert "is at most 6.5" in r.stdout
    t = run_cli("rules", "test", "--tailoring", str(TAILORING))
    assert t.returncode == 0 and t.stdout.rstrip().endswith("304 passed, 0 failed")  # DC-REMIT-TARGET's examples are out
    docs = run_cli("rules", "docs", "--tailoring", str(TAILORING)).stdout
    assert "DC-REMIT-TARGET" not in docs
