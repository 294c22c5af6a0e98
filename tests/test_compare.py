"""migov compare on the bundled before/after pair, from profiles, JSON assessments and HTML reports."""

import json

import pytest

from tests.helpers import ROOT, run_cli

BEFORE = str(ROOT / "profiles" / "examplia-country-2025.yaml")
AFTER = str(ROOT / "profiles" / "examplia-country.yaml")


def test_compare_profiles():
    r = run_cli("compare", BEFORE, AFTER, "--format", "json")
    assert r.returncode == 0, r.stderr
    c = json.loads(r.stdout)
    assert c["subject"]["same"] and c["pack"]["same"]
    assert c["overall"] == {"before": 35.4, "after": 52.4, "delta": 17.0}
    assert c["rating"] == {"before": None, "after": None}  # the unknowns could put either side in two bands (2.0)
    assert [c["evidence"][s]["rating_range"] for s in ("before", "after")] == [["early_stage", "developing"]] * 2
    assert {x["rule"] for x in c["newly_met"]} == {"DATA-POLICY-USE", "ML-RCP", "NSP-EMPLOYERS", "RP-NONDISCRIM", "SR-PLEDGES", "VM-NRM"}
    assert {x["rule"] for x in c["unknowns_resolved"]} == {"DATA-POLICY-USE", "VM-NRM"}
    assert c["new_gaps"] == [] and len(c["still_open"]) == 26
    data = next(d for d in c["dimensions"] if d["id"] == "data_cooperation")  # too few criteria assessed on both sides: no point
    assert data["delta"] is None and data["range"] == {"before": [0.0, 80.0], "after": [40.0, 80.0]}


def test_regressions_show_as_new_gaps():
    c = json.loads(run_cli("compare", AFTER, BEFORE, "--format", "json").stdout)
    assert {x["rule"] for x in c["new_gaps"]} == {"ML-RCP", "NSP-EMPLOYERS", "RP-NONDISCRIM", "SR-PLEDGES"}
    assert {x["rule"] for x in c["new_unknowns"]} == {"DATA-POLICY-USE", "VM-NRM"}


def test_compare_from_json_and_html_reports(tmp_path):
    before_json, after_html = tmp_path / "2025.json", tmp_path / "2026.html"
    run_cli("assess", BEFORE, "--format", "json", "-o", str(before_json))
    run_cli("assess", AFTER, "--format", "html", "-o", str(after_html))
    c = json.loads(run_cli("compare", str(before_json), str(after_html), "--format", "json").stdout)
    assert c["overall"]["delta"] == 17.0


@pytest.mark.parametrize("fmt,marker", [("text", "Criteria newly met (6)"), ("markdown", "# Progress report: Republic of Examplia"),
                                         ("html", "<h2 id=\"h-newly_met\">Criteria newly met (6)</h2>")])
def test_compare_formats(fmt, marker):
    r = run_cli("compare", BEFORE, AFTER, "--format", fmt)
    assert r.returncode == 0 and marker in r.stdout


def test_compare_in_french_and_across_pack_versions(tmp_path):
    import shutil

    fr = run_cli("compare", BEFORE, AFTER, "--lang", "fr").stdout
    assert "Critères nouvellement remplis (6)" in fr
    new = tmp_path / "pack"
    shutil.copytree(ROOT / "rules" / "idm2018", new)
    (new / "pack.yaml").write_text((new / "pack.yaml").read_text(encoding="utf-8").replace("version: 1.0.0", "version: 1.1.0"), encoding="utf-8")
    isc = new / "rules" / "inter_state_cooperation.yaml"
    text = isc.read_text(encoding="utf-8")
    isc.write_text(text[: text.index("- id: ISC-ROUTE")], encoding="utf-8")
    after_json = tmp_path / "after.json"
    run_cli("assess", AFTER, "--rules", str(new), "--format", "json", "-o", str(after_json))
    c = json.loads(run_cli("compare", BEFORE, str(after_json), "--format", "json").stdout)
    assert not c["pack"]["same"] and c["rules_removed"] == ["ISC-ROUTE"]
    assert "rules added: —; removed: ISC-ROUTE" in run_cli("compare", BEFORE, str(after_json)).stdout


def test_bad_compare_input(tmp_path):
    bad = tmp_path / "x.json"
    bad.write_text("{}", encoding="utf-8")
    r = run_cli("compare", str(bad), AFTER)
    assert r.returncode == 2 and "not a migov assessment" in r.stderr
