"""The typed assessment: byte-identical JSON, its committed schema, reading back with one-line errors,
and rendering that neither loads a pack nor reads a pack file."""

import builtins
import json
import os
import pathlib
import re
import subprocess
import sys

import jsonschema
import pytest

from engine import assessment
from engine.assess import file_digests
from engine.assessment import Assessment, read_assessment
from engine.authoring.intake import assessed as assess  # the assessment written in a language
from engine.errors import MigovError
from engine.lens import lens_assessment
from engine.pack import loading
from engine.pack.loading import load_pack
from engine.pack.profiles import load_profile
from engine.plaindata import plain_data
from engine.render import html, markdown, text
from engine.render.typography import typography
from tests.helpers import PROFILES, ROOT, run_cli

SCHEMA = ROOT / "schemas" / "assessment.schema.json"
GOLDEN = sorted((ROOT / "tests" / "golden").glob("*.json"))


def test_committed_schema_is_current():
    committed = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert committed == assessment.json_schema(), "regenerate: python tools/assessment_schema.py"
    jsonschema.Draft202012Validator.check_schema(committed)


@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: p.stem)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_bundled_assessment_validates_against_the_schema(profile, lang):
    r = run_cli("assess", str(profile), "--format", "json", "--lang", lang)
    assert r.returncode == 0, r.stderr
    jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(json.loads(r.stdout))


def test_lens_and_tailoring_extensions_validate_against_the_schema():
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    profile = str(ROOT / "profiles" / "examplia-country.yaml")
    for extra in (["--lens", "sdg-10-7-2"], ["--tailoring", str(ROOT / "rules" / "idm2018" / "tailorings" / "examplia-2026.yaml")]):
        r = run_cli("assess", profile, "--format", "json", *extra)
        assert r.returncode == 0, r.stderr
        validator.validate(json.loads(r.stdout))


@pytest.mark.parametrize("golden", GOLDEN, ids=lambda p: p.name)
def test_reading_back_writes_the_same_bytes(golden):
    raw = golden.read_text(encoding="utf-8")
    assert read_assessment(json.loads(raw), str(golden)).to_json() == raw


@pytest.mark.parametrize("damage,field", [
    (lambda a: a["score"].pop("overall"), "score.overall"),
    (lambda a: a["findings"][2].update(status="maybe"), "findings[2].status"),
    (lambda a: a["dimensions"][1].update(weight="heavy"), "dimensions[1].weight"),
    (lambda a: a["findings"][0].update(colour="red"), "findings[0]"),
])
def test_a_damaged_assessment_is_a_one_line_error(damage, field):
    a = json.loads(GOLDEN[0].read_text(encoding="utf-8"))
    damage(a)
    with pytest.raises(MigovError) as exc:
        read_assessment(a, "before.json")
    assert exc.value.file == "before.json" and exc.value.field == field


@pytest.mark.parametrize("where", ["language", "rule"])
def test_a_line_break_in_a_forged_value_keeps_the_error_on_one_line(tmp_path, where):
    """A value the error quotes (a language, a rule id) with a line break in it: shown as \\n, the error one line."""
    a = json.loads(GOLDEN[0].read_text(encoding="utf-8"))
    if where == "language":
        a["language"] = "en\nmigov: all is well"
    else:
        a["findings"][0]["rule"] = "X\r\nmigov: all is well"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(a), encoding="utf-8")
    r = run_cli("compare", str(bad), str(bad))
    assert r.returncode == 2 and r.stderr.strip().count("\n") == 0 and "\\nmigov: all is well" in r.stderr, r.stderr


def test_compare_with_a_damaged_json_or_report_exits_2(tmp_path):
    good = str(ROOT / "profiles" / "examplia-country.yaml")
    a = json.loads(GOLDEN[0].read_text(encoding="utf-8"))
    a["score"]["coverage"] = "most"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(a), encoding="utf-8")
    r = run_cli("compare", str(bad), good)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert r.stderr.strip().count("\n") == 0 and f"{bad}: score.coverage: expected a number" in r.stderr
    page = tmp_path / "report.html"
    assert run_cli("assess", good, "--format", "html", "-o", str(page)).returncode == 0
    page.write_text(page.read_text(encoding="utf-8").replace('"unknown_policy":"exclude"', '"unknown_policy":"sometimes"', 1), encoding="utf-8")
    for cmd in (("compare", str(page), good), ("assess", str(page), "--format", "json")):
        r = run_cli(*cmd)
        assert r.returncode == 2 and "Traceback" not in r.stderr and r.stderr.strip().count("\n") == 0, r.stderr
        assert f"{page}: assessment.score.unknown_policy: 'sometimes' is not allowed" in r.stderr, r.stderr


def test_rendering_loads_no_pack_and_reads_no_pack_file(monkeypatch):
    pack = load_pack("idm2018")
    profile = load_profile(ROOT / "profiles" / "examplia-country.yaml", pack)
    a = assess(pack, profile, "fr")
    view, target = lens_assessment(pack, profile, "sdg-10-7-2", "fr", "python")
    a.lenses = [view]
    files = file_digests(pack)
    pack_files = {pathlib.Path(p).resolve() for p in [*pack.files, *target.files]}
    real_read_bytes, real_read_text = pathlib.Path.read_bytes, pathlib.Path.read_text

    def refuse(*args, **kwargs):
        raise AssertionError("a renderer loaded a pack")

    def guarded(real):
        def read(self, *args, **kwargs):
            assert self.resolve() not in pack_files, f"a renderer read {self}"
            return real(self, *args, **kwargs)
        return read

    monkeypatch.setattr(loading, "load_pack", refuse)
    monkeypatch.setattr(loading, "build_pack", refuse)
    monkeypatch.setattr(pathlib.Path, "read_bytes", guarded(real_read_bytes))
    monkeypatch.setattr(pathlib.Path, "read_text", guarded(real_read_text))
    real_open = builtins.open

    def guarded_open(file, *args, **kwargs):  # the modules a cold command runs read with open(), their paths strings
        assert not isinstance(file, (str, os.PathLike)) or pathlib.Path(file).resolve() not in pack_files, f"a renderer read {file}"
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_open)
    lens_packs = {target.id: target}
    shown = text.render(a, pack, width=400, lens_packs=lens_packs)
    assert "10.7.2 des ODD" in shown and next(b.title["fr"] for b in target.header.ratings if b.id == (view.score.rating or view.score.rating_range[0])) in shown
    title = typography(view.title, a.language)  # as every report writes it (l’ODD in French)
    assert title in markdown.render(a, pack, profile, lens_packs)
    assert title in html.render(a, pack, profile, files, lens_packs)


def test_renderers_do_not_import_the_evaluator():
    code = ("import sys, engine.render.html, engine.render.markdown, engine.render.text, engine.render.json, engine.render.rulebook, "
            "engine.render.pdf; print([m for m in sys.modules if m.startswith('engine.evaluate')])")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_model_is_the_assess_result():
    pack = load_pack("idm2018")
    a = assess(pack, load_profile(ROOT / "profiles" / "examplia-country.yaml", pack), "en")
    assert isinstance(a, Assessment) and a.findings[0].sources.keys() >= {"gcm", "sdg", "seed"}
    assert a.to_json() == (ROOT / "tests" / "golden" / "examplia-country.en.json").read_text(encoding="utf-8")


def test_a_report_made_before_the_typed_assessment_still_reads_back(tmp_path):
    """Those reports embedded their lenses with the text they displayed (score_text, rating_title)."""
    page = tmp_path / "old.html"
    r = run_cli("assess", str(ROOT / "profiles" / "examplia-country.yaml"), "--lens", "sdg-10-7-2", "--format", "html", "-o", str(page))
    assert r.returncode == 0, r.stderr
    old = re.sub(r'("rating_range":(?:null|\[[^\]]*\]))}\],"inferred"', r'\1,"score_text":"0.0"}],"inferred"', page.read_text(encoding="utf-8"))
    old = old.replace('"lenses":[{"lens":"sdg-10-7-2",', '"lenses":[{"lens":"sdg-10-7-2","score_text":"25.0","rating_title":"x",')
    assert old.count("score_text") == 2
    (lens,) = html.read_embedded(page, old).assessment.lenses or []
    assert lens.score.overall == 25.0 and "score_text" not in json.dumps(plain_data(lens))


@pytest.mark.parametrize("compile_after", [1, 2, 10_000])
def test_the_generic_and_the_compiled_converters_write_the_same_data(monkeypatch, compile_after):
    """A type's values are written by a generic converter until it has written COMPILE_AFTER of them, then by one
    compiled for it: the same data either way (fields in order, written names, None left out where a field says so)."""
    from engine import plaindata

    a = read_assessment(json.loads(GOLDEN[0].read_text(encoding="utf-8")), "golden.json")
    expected = a.to_data()
    monkeypatch.setattr(plaindata, "COMPILE_AFTER", compile_after)
    monkeypatch.setattr(plaindata, "_CONVERTERS", {})
    assert [a.to_data(), a.to_data()] == [expected, expected]
    compiled = {k for k, v in plaindata._CONVERTERS.items() if v is not plaindata._NOT_A_RECORD and v.__code__.co_filename == "<string>"}
    assert (compiled != set()) == (compile_after <= 2)
