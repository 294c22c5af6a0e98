"""An exported pack records what it was copied from; once its files differ it is named a modified copy everywhere
(its version reads +modified), and lint says so first, in the user's language."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.helpers import ROOT, run_cli

PROFILE = str(ROOT / "profiles" / "examplia-country.yaml")


def export(tmp_path: Path, name: str = "mypack", pack: str = "idm2018") -> Path:
    dest = tmp_path / name
    r = run_cli("rules", "export", pack, str(dest))
    assert r.returncode == 0, r.stderr
    return dest


def pack_ref(rules: str | Path, *args: str) -> dict[str, str]:
    r = run_cli("assess", PROFILE, "--rules", str(rules), "--format", "json", *args)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)["pack"]


def reweight(pack: Path) -> None:
    f = pack / "rules" / "data_cooperation.yaml"
    text = f.read_text(encoding="utf-8")
    start = text.index("- id: DATA-POLICY-USE")
    f.write_text(text[:start] + text[start:].replace("  weight: 2", "  weight: 4", 1), encoding="utf-8")


def test_export_records_the_pack_and_the_digest_its_assessments_carry(tmp_path):
    original = pack_ref("idm2018")
    dest = export(tmp_path)
    source = (ROOT / "rules" / "idm2018" / "pack.yaml").read_bytes()
    written = (dest / "pack.yaml").read_bytes()
    assert written.startswith(source)  # the pack's own lines untouched, the record appended
    line = written.decode("utf-8").splitlines()[-1]
    assert line == f'derived_from: {{id: "idm2018", version: "1.0.0", sha256: "{original["sha256"]}"}}'
    assert (export(tmp_path, "again") / "pack.yaml").read_bytes() == written  # deterministic
    for f in (ROOT / "rules" / "idm2018" / "rules").glob("*.yaml"):
        assert (dest / "rules" / f.name).read_bytes() == f.read_bytes()


def test_an_unchanged_copy_is_the_pack_it_copies(tmp_path):
    dest = export(tmp_path)
    assert pack_ref(dest)["version"] == "1.0.0"
    lint = run_cli("rules", "lint", str(dest))
    assert lint.returncode == 0 and lint.stdout.splitlines()[0] == f"{dest}: an unchanged copy of idm2018 1.0.0"


def test_an_edited_copy_is_named_modified_in_every_output_until_the_edit_is_undone(tmp_path):
    dest = export(tmp_path)
    rule_file = dest / "rules" / "data_cooperation.yaml"
    before = rule_file.read_bytes()
    reweight(dest)
    assert pack_ref(dest)["version"] == "1.0.0+modified"
    text = run_cli("assess", PROFILE, "--rules", str(dest), "--short").stdout  # the one-screen report's header names the pack
    assert "Rule pack: idm2018 1.0.0+modified" in text
    html = tmp_path / "report.html"
    assert run_cli("assess", PROFILE, "--rules", str(dest), "-o", str(html)).returncode == 0
    assert "idm2018 1.0.0+modified" in html.read_text(encoding="utf-8")
    assert "`idm2018` 1.0.0+modified" in run_cli("rules", "docs", str(dest)).stdout
    assert run_cli("rules", "diff", "idm2018", str(dest)).stdout.startswith("idm2018 1.0.0 → idm2018 1.0.0+modified\n")
    lint = run_cli("rules", "lint", str(dest))
    assert lint.returncode == 0 and lint.stdout.startswith(f"{dest}: a modified copy of idm2018 1.0.0: its files differ")
    fr = run_cli("rules", "lint", str(dest), env={**os.environ, "LANGUAGE": "fr"})
    assert fr.stdout.startswith(f"{dest}\u00a0: copie modifiée de idm2018 1.0.0\u00a0: ses fichiers diffèrent")
    rule_file.write_bytes(before)  # the edit undone: the copy is the pack again
    assert pack_ref(dest)["version"] == "1.0.0"


def test_an_edit_of_pack_yaml_or_a_new_rule_file_counts_as_a_change(tmp_path):
    dest = export(tmp_path)
    header = dest / "pack.yaml"
    header.write_text(header.read_text(encoding="utf-8").replace("version: 1.0.0", "version: 1.1.0", 1), encoding="utf-8")
    assert pack_ref(dest)["version"] == "1.1.0+modified"
    other = export(tmp_path, "other")
    extra = (ROOT / "rules" / "idm2018" / "rules" / "data_cooperation.yaml").read_text(encoding="utf-8")
    (other / "rules" / "zz_more.yaml").write_text(extra.replace("- id: DATA-", "- id: MORE-DATA-"), encoding="utf-8")
    assert pack_ref(other)["version"] == "1.0.0+modified"
    readme = export(tmp_path, "readme")
    (readme / "NOTES.md").write_text("our notes", encoding="utf-8")  # not a file the pack is made of
    assert pack_ref(readme)["version"] == "1.0.0"


def test_a_copy_of_a_copy_names_the_first_pack(tmp_path):
    first = export(tmp_path)
    reweight(first)
    second = export(tmp_path, "second", str(first))
    assert (second / "pack.yaml").read_bytes() == (first / "pack.yaml").read_bytes()  # one derived_from, the first
    assert pack_ref(second)["version"] == "1.0.0+modified"  # it has the edit of the first copy
    assert pack_ref(export(tmp_path, "third", str(export(tmp_path, "plain"))))["version"] == "1.0.0"


def test_an_incomplete_record_is_one_line_naming_file_line_and_field(tmp_path):
    dest = export(tmp_path)
    header = dest / "pack.yaml"
    text = header.read_text(encoding="utf-8")
    header.write_text(text[:text.index(", sha256:")] + "}\n", encoding="utf-8")
    r = run_cli("assess", PROFILE, "--rules", str(dest))
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "Traceback" not in r.stderr, r.stderr
    line = len(text[:text.index("derived_from:")].splitlines()) + 1
    assert f"pack.yaml:{line}" in r.stderr and "derived_from" in r.stderr and "expected id, version and sha256" in r.stderr
    lint = run_cli("rules", "lint", str(dest))
    assert lint.returncode == 1 and "L002" in lint.stdout
