"""migov rules diff: changes between two versions of a pack and how the example profiles' scores move."""

import json
import os
import shutil

from tests.helpers import ROOT, run_cli


def test_diff_lists_every_kind_of_change_and_score_moves(tmp_path):
    new = tmp_path / "new"
    shutil.copytree(ROOT / "rules" / "idm2018", new)
    (new / "pack.yaml").write_text((new / "pack.yaml").read_text(encoding="utf-8").replace("version: 1.0.0", "version: 1.1.0"), encoding="utf-8")
    isc = new / "rules" / "inter_state_cooperation.yaml"
    text = isc.read_text(encoding="utf-8")
    text = text.replace("  kinds: [country]\n  weight: 2\n  title: {en: \"At least one bilateral", "  kinds: [country]\n  weight: 3\n  title: {en: \"At least one bilateral", 1)
    text = text.replace("where: {type: return_readmission, status: active, reintegration: true}", "where: {type: return_readmission, status: active}")
    text = text.replace("Partners could consider inviting the countries of origin", "Partners could consider inviting the origin countries")
    route = text.index("- id: ISC-ROUTE")
    text = text[:route]  # ISC-ROUTE removed
    text += text[text.index("- id: ISC-RETURN"):text.index("- id: ISC-SMUGGLING")].replace("ISC-RETURN", "ISC-RETURN-BIS")  # a rule added
    isc.write_text(text, encoding="utf-8")
    r = run_cli("rules", "diff", "idm2018", str(new), "--format", "json")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["new"]["version"] == "1.1.0"
    assert d["rules_added"] == ["ISC-RETURN-BIS"] and d["rules_removed"] == ["ISC-ROUTE"]
    assert {"rule": "ISC-BILATERAL", "from": 2, "to": 3} in d["reweighted"]
    assert {"rule": "ISC-RETURN"} in d["conditions_changed"]
    assert {"rule": "ISC-ROLE-COVERAGE", "fields": ["recommendation.en"]} in d["reworded"]
    moves = {m["profile"]: m for m in d["profiles"]}
    assert set(moves) == {"examplia-country.yaml", "examplia-country-2025.yaml", "coastal-dialogue-partnership.yaml", "weak-partnership.yaml", "abu-dhabi-dialogue-public-facts.yaml"}
    assert moves["examplia-country.yaml"]["delta"] is not None
    text_out = run_cli("rules", "diff", "idm2018", str(new)).stdout
    assert "Rules added (1)" in text_out and "examplia-country.yaml:" in text_out


def test_diff_of_identical_packs():
    r = run_cli("rules", "diff", "idm2018", "idm2018")
    assert r.returncode == 0 and "No change in the rules." in r.stdout
    assert "examplia-country.yaml: 55.8 (between Early stage and Developing (38.9–66.7)) → 55.8 (between Early stage and Developing (38.9–66.7))  +0.0" in r.stdout


def test_diff_shows_a_withheld_score_as_its_range():
    """A rating withheld for want of evidence reads as the range the unknowns allow, as in every report, not a point."""
    r = run_cli("rules", "diff", "idm2018", "idm2018")
    line = next(x for x in r.stdout.splitlines() if x.strip().startswith("abu-dhabi-dialogue-public-facts.yaml:"))
    assert line.strip() == ("abu-dhabi-dialogue-public-facts.yaml: 8.7–100.0 (insufficient evidence — 33 facts to collect)"
                            " → 8.7–100.0 (insufficient evidence — 33 facts to collect)")  # no point difference beside a range
    d = json.loads(run_cli("rules", "diff", "idm2018", "idm2018", "--format", "json").stdout)
    moves = {m["profile"]: m for m in d["profiles"]}
    withheld = moves["abu-dhabi-dialogue-public-facts.yaml"]["new"]
    assert withheld["withheld"] is True and withheld["range"] == [8.7, 100.0] and withheld["score"] == "8.7–100.0"
    rated = moves["examplia-country.yaml"]["new"]
    assert rated["withheld"] is False and rated["range"] is None and rated["score"] == "55.8"


def test_diff_writes_scores_as_the_reports_of_its_language_do():
    r = run_cli("rules", "diff", "idm2018", "idm2018", env={**os.environ, "LANGUAGE": "fr"})
    assert "examplia-country.yaml: 55,8 (entre « Stade initial » et « En cours de développement » (38,9–66,7)) → 55,8 (entre « Stade initial » et « En cours de développement » (38,9–66,7))  +0,0" in r.stdout
    assert "8,7–100,0 (éléments insuffisants — 33 faits à recueillir)" in r.stdout
