"""Bad input never gets a traceback: one line naming the file (and line, field), and exit code 2."""

import re
import shutil

import pytest

from tests.helpers import ROOT, run_cli

BAD = ROOT / "tests" / "bad"
CASES = {
    "invalid-yaml.yaml": (r":6: invalid YAML", None),
    "wrong-type.yaml": (r":5: coordination\.mechanism: expected true or false", None),
    "unknown-fact.yaml": (r":5: coordination\.mechanisms: unknown fact 'coordination\.mechanisms' \(did you mean 'mechanism'\?\)", None),
    "empty.yaml": (r":1: the file is empty", None),
    "binary.yaml": (r"is a binary file", None),
    "wrong-value.yaml": (r":5: rights\.health: 'sometimes' is not allowed: expected one of yes, regardless of status \(`all_migrants`\); .* \(`regular_status_only`\); no", None),
    "wrong-kind.yaml": (r":3: kind: 'planet' is not a kind", None),
    "duplicate-key.yaml": (r":4: id: duplicate key 'id' \(first at line 1\)", None),
    "fact-for-other-kind.yaml": (r":5: coordination\.mechanism: this fact is only asked of country profiles", None),
    "alias-bomb.yaml": (r"expands to too many elements .*MIGOV_MAX_ELEMENTS", None),
    "missing-record-field.yaml": (r":5: agreements\[0\]: the record has no 'status'", None),
}


def assert_clean_error(r, pattern):
    assert r.returncode == 2, (r.returncode, r.stdout, r.stderr)
    assert "Traceback" not in r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert re.search(pattern, lines[0].replace("\u00a0", " ").replace("\u202f", " ")), lines[0]  # French typography's spaces as spaces
    assert r.stdout == ""


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_profile(name):
    r = run_cli("assess", str(BAD / name))
    assert_clean_error(r, CASES[name][0])
    assert str(BAD / name) in r.stderr


def test_french_error_message():
    r = run_cli("assess", str(BAD / "wrong-type.yaml"), "--lang", "fr")
    assert_clean_error(r, "« true » \\(oui\\) ou « false » \\(non\\) est attendu")


def test_directory_missing_file_and_huge_file(tmp_path):
    assert_clean_error(run_cli("assess", str(tmp_path)), "is a directory")
    assert_clean_error(run_cli("assess", str(tmp_path / "nope.yaml")), "no such file")
    huge = tmp_path / "huge.yaml"
    with huge.open("w") as fh:
        fh.write("id: x\nname: X\nkind: country\n# " + "x" * (50 * 1024 * 1024) + "\n")
    assert_clean_error(run_cli("assess", str(huge)), r"file is 52\.4 MB: over the limit of 5 MB \(set MIGOV_MAX_FILE_MB to raise it\)")


def test_unknown_pack(tmp_path):
    assert_clean_error(run_cli("assess", str(ROOT / "profiles" / "examplia-country.yaml"), "--rules", "nopack"), "no rule pack 'nopack'")


def _broken_pack(tmp_path, edit):
    dest = tmp_path / "pack"
    shutil.copytree(ROOT / "rules" / "idm2018", dest)
    path = dest / "rules" / "multidisciplinarity.yaml"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    return dest, path


def test_duplicate_rule_id(tmp_path):
    dest, _ = _broken_pack(tmp_path, lambda s: s.replace("- id: MD-VERTICAL", "- id: MD-OPENNESS"))
    r = run_cli("assess", str(ROOT / "profiles" / "examplia-country.yaml"), "--rules", str(dest))
    assert_clean_error(r, r"multidisciplinarity\.yaml:\d+: \[\d+\]\.id: duplicate rule id 'MD-OPENNESS'")


def test_rule_naming_a_missing_fact(tmp_path):
    dest, path = _broken_pack(tmp_path, lambda s: s.replace("condition: {fact: coordination.mechanism, equals: true}", "condition: {fact: coordination.mechanisme, equals: true}"))
    r = run_cli("assess", str(ROOT / "profiles" / "examplia-country.yaml"), "--rules", str(dest))
    assert_clean_error(r, r"multidisciplinarity\.yaml:\d+: \[0\]\.condition\.fact: unknown fact 'coordination\.mechanisme' \(did you mean 'coordination\.mechanism'\?\)")
    line = int(re.search(r"\.yaml:(\d+):", r.stderr).group(1))
    assert "coordination.mechanisme" in path.read_text(encoding="utf-8").splitlines()[line - 1]


def test_broken_pack_message_in_french(tmp_path):
    dest, _ = _broken_pack(tmp_path, lambda s: s.replace("condition: {fact: coordination.mechanism, equals: true}", "condition: {fact: coordination.mechanisme, equals: true}"))
    r = run_cli("assess", str(ROOT / "profiles" / "examplia-country.yaml"), "--rules", str(dest), "--lang", "fr")
    assert_clean_error(r, r"fait inconnu « coordination\.mechanisme » \(vouliez-vous dire « coordination\.mechanism » \?\)")


def test_help_in_french():
    import os

    r = run_cli("assess", "--help", env={**os.environ, "LANG": "fr_FR.UTF-8", "LANGUAGE": ""})
    assert "Évaluer PROFIL" in r.stdout and "Langue du rapport" in r.stdout
