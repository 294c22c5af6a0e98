"""JSON Schemas (checked by an independent validator) and migov rules test with coverage."""

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from engine.pack.loading import load_pack
from engine.packtools.schema import pack_schemas, profile_schema
from engine.yamlio import load_yaml
from tests.helpers import PROFILES, ROOT, run_cli

SCHEMAS = ROOT / "schemas"


def schema(pack, name):
    return json.loads((SCHEMAS / pack / f"{name}.schema.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: p.stem)
def test_bundled_profiles_validate_and_name_their_schema(profile):
    data, _ = load_yaml(profile)
    pack = data.get("pack", "idm2018")
    first = profile.read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../schemas/{pack}/profile.schema.json"
    jsonschema.Draft202012Validator(schema(pack, "profile")).validate(data)


def test_a_broken_profile_is_rejected():
    data, _ = load_yaml(ROOT / "profiles" / "examplia-country.yaml")
    validator = jsonschema.Draft202012Validator(schema("idm2018", "profile"))
    for broken in ({**data, "kind": "planet"}, {**data, "coordination": {"mechanism": "maybe"}},
                   {**data, "coordination": {"mechanisms": True}}, {**data, "rights": {"health": "sometimes"}},
                   {**data, "agreements": [{"name": "A", "type": "bilateral_labour"}]}):
        assert list(validator.iter_errors(broken)), broken


@pytest.mark.parametrize("pack", ["idm2018", "sdg-10-7-2"])
def test_pack_files_validate_and_committed_schemas_are_current(pack):
    p = load_pack(pack)
    for name, current in pack_schemas().items():
        assert current == schema(pack, name.split(".")[0]), f"regenerate: migov rules schema {pack} -o schemas/{pack}"
    assert profile_schema(p, "en") == schema(pack, "profile")
    data, _ = load_yaml(Path(p.root) / "pack.yaml")
    jsonschema.Draft202012Validator(schema(pack, "pack")).validate(data)
    data, _ = load_yaml(Path(p.root) / "vocabulary.yaml")
    jsonschema.Draft202012Validator(schema(pack, "vocabulary")).validate(data)
    for rf in sorted((Path(p.root) / "rules").glob("*.yaml")):
        data, _ = load_yaml(rf)
        jsonschema.Draft202012Validator(schema(pack, "rules")).validate(data)


def test_schema_command_writes_four_files(tmp_path):
    r = run_cli("rules", "schema", "sdg-10-7-2", "-o", str(tmp_path / "s"), "--lang", "fr")
    assert r.returncode == 0, r.stderr
    names = sorted(p.name for p in (tmp_path / "s").iterdir())
    assert names == ["pack.schema.json", "profile.schema.json", "rules.schema.json", "vocabulary.schema.json"]
    prof = json.loads((tmp_path / "s" / "profile.schema.json").read_text(encoding="utf-8"))
    assert prof["properties"]["d1a"]["enum"] == ["all_migrants", "regular_status_only", "no", None]
    assert prof["properties"]["d1a"]["description"].startswith("Les non-ressortissants")


def test_rules_test_reports_failures_and_coverage(tmp_path):
    ok = run_cli("rules", "test")
    assert ok.returncode == 0 and "Coverage: rules with met and gap examples 94/94; facts 79/79" in ok.stdout
    assert ok.stdout.rstrip().endswith("308 passed, 0 failed")
    dest = tmp_path / "pack"
    shutil.copytree(ROOT / "rules" / "idm2018", dest)
    f = dest / "rules" / "development_contribution.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("{status: met, facts: {migration.roles: [origin], remittances.max_corridor_cost: 4.2}}",
                                                        "{status: met, facts: {migration.roles: [origin], remittances.max_corridor_cost: 5.2}}"), encoding="utf-8")
    t = dest / "tests.yaml"
    t.write_text(t.read_text(encoding="utf-8").replace("ISC-RETURN: gap", "ISC-RETURN: met"), encoding="utf-8")
    bad = run_cli("rules", "test", str(dest))
    assert bad.returncode == 1
    assert "development_contribution.yaml:" in bad.stdout and "DC-REMIT-COST example 1: expected met, got gap" in bad.stdout
    assert "tests.yaml:" in bad.stdout and "ISC-RETURN" in bad.stdout and "expected met, got gap" in bad.stdout
    j = json.loads(run_cli("rules", "test", str(dest), "--format", "json").stdout)
    assert j["failed"] == 2 and "agreements.type=smuggling_trafficking" in j["not_exercised"]["values"]
