"""One evaluation, any language: the assessment is language-neutral data, and every output is rendered from it in the
language asked. A JSON assessment (or an HTML report) renders in any language and format byte for byte as a fresh
run of its profile; a batch evaluates each profile once for all its languages; a summary-only batch writes no sentence.
"""

import inspect
import json

import pytest

from engine.assess import assess
from engine.authoring.intake import assessment_for, read_input
from engine.batch import run as batch
from engine.batch.row import unpack
from engine.cli.assess import render_as
from engine.i18n import languages
from engine.pack.evidence_words import Evidence
from tests.helpers import PROFILES, ROOT, run_cli

FORMATS = ("text", "markdown", "html", "json")


def _fresh(profile):
    intake = read_input(profile, None)
    return intake.pack, intake.profile()


@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: p.stem)
def test_a_json_assessment_renders_in_every_language_and_format_as_a_fresh_run(profile, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    pack, prof = _fresh(profile)
    neutral = assess(pack, prof)
    fresh = {(lang, fmt): render_as(fmt, neutral, pack, prof, False, lang=lang) for lang in languages() for fmt in FORMATS}
    for made_in in languages():  # the JSON written in one language, read back, rendered in every language
        path = tmp_path / f"a.{made_in}.json"
        path.write_text(fresh[(made_in, "json")], encoding="utf-8")
        back = read_input(path, None)
        back_prof = back.profile()
        for lang in languages():
            a = assessment_for(path, back, back_prof, lang)
            for fmt in FORMATS:
                assert render_as(fmt, a, back.pack, back_prof, False, lang=lang) == fresh[(lang, fmt)], (made_in, lang, fmt)


def test_an_html_report_renders_in_another_language_from_its_data(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    profile = ROOT / "profiles" / "examplia-country.yaml"
    pack, prof = _fresh(profile)
    neutral = assess(pack, prof)
    first, *others = languages()
    report = tmp_path / "r.html"
    report.write_text(render_as("html", neutral, pack, prof, False, lang=first), encoding="utf-8")
    back = read_input(report, None)
    for lang in others:
        a = assessment_for(report, back, back.profile(), lang)
        for fmt in FORMATS:
            assert render_as(fmt, a, back.pack, back.profile(), False, lang=lang) == render_as(fmt, neutral, pack, prof, False, lang=lang)


def test_the_command_line_renders_a_json_assessment_in_another_language(tmp_path):
    profile = ROOT / "profiles" / "weak-partnership.yaml"
    first, second = languages()[0], languages()[-1]
    made = tmp_path / "a.json"
    assert run_cli("assess", str(profile), "--lang", first, "-o", str(made)).returncode == 0
    for fmt, name in (("html", "a.html"), ("json", "b.json"), ("markdown", "a.md")):
        again, fresh = tmp_path / f"again-{name}", tmp_path / f"fresh-{name}"
        r = run_cli("assess", str(made), "--lang", second, "--format", fmt, "-o", str(again))
        assert r.returncode == 0, r.stderr
        assert run_cli("assess", str(profile), "--lang", second, "--format", fmt, "-o", str(fresh)).returncode == 0
        assert again.read_bytes() == fresh.read_bytes(), fmt


def test_the_assessment_is_language_neutral_data():
    assert "lang" not in inspect.signature(assess).parameters  # evaluation takes no language
    pack, prof = _fresh(ROOT / "profiles" / "examplia-country.yaml")
    a = assess(pack, prof)
    assert a.language == "" and all(f.title == "" and f.evidence == [] and f.recommendation == "" for f in a.findings)
    assert all(d.title == "" for d in a.dimensions) and all(r.text == "" for r in a.recommendations)
    assert any(f.evidence_data for f in a.findings)
    assert all(isinstance(e, Evidence) and isinstance(e.key, str) for f in a.findings for e in f.evidence_data)
    data = json.loads(render_as("json", a, pack, prof, False, lang="en"))
    assert data["schema_version"] == "2.1" and data["inputs"]["profile"]["id"] == prof.id
    met = next(f for f in data["findings"] if f["evidence_data"] and f["evidence_data"][0]["key"] == "value")
    assert set(met["evidence_data"][0]) <= {"key", "fact", "value"}  # a key and its arguments, no sentence


def test_a_summary_only_batch_writes_no_sentence(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a sentence was written")

    monkeypatch.setattr(batch, "localized", refuse)
    for where in ("engine.render.localize.words", "engine.evaluate.evidence.words"):
        monkeypatch.setattr(where, refuse)
    files = [str(p) for p in PROFILES]
    rows = [r.shown for r in batch.run(files, tmp_path, 1, None, None, "en,fr", (), "base", [])]
    assert all(rows) and rows[0] and unpack(rows[0]).worst is not None  # the first is withheld: its point is null (2.0), its range stands


def test_batch_in_two_languages_names_each_report_by_its_language(tmp_path):
    out = tmp_path / "out"
    first, second = languages()[0], languages()[-1]
    r = run_cli("batch", str(ROOT / "profiles" / "weak-partnership.yaml"), "-o", str(out), "--lang", f"{first},{second}", "--jobs", "1")
    assert r.returncode == 0, r.stderr
    for lang in (first, second):
        fresh = run_cli("assess", str(ROOT / "profiles" / "weak-partnership.yaml"), "--lang", lang, "--format", "json").stdout
        assert (out / f"weak-partnership.{lang}.json").read_text(encoding="utf-8") == fresh
        assert (out / f"weak-partnership.{lang}.html").is_file()
    assert f'href="weak-partnership.{first}.html"' in (out / "index.html").read_text(encoding="utf-8")
    assert f'href="weak-partnership.{second}.html"' in (out / f"index.{second}.html").read_text(encoding="utf-8")
    one = tmp_path / "one"
    assert run_cli("batch", str(ROOT / "profiles" / "weak-partnership.yaml"), "-o", str(one), "--lang", second, "--jobs", "1").returncode == 0
    assert (one / "weak-partnership.html").is_file() and not list(one.glob("weak-partnership.*.html"))  # one language: as before
    bad = run_cli("batch", str(ROOT / "profiles"), "-o", str(tmp_path / "bad"), "--lang", f"{first},xx")
    assert bad.returncode == 2 and "'xx'" in bad.stderr and "Traceback" not in bad.stderr


def test_a_json_assessment_naming_what_the_pack_lacks_is_one_line(tmp_path):
    made = tmp_path / "a.json"
    assert run_cli("assess", str(ROOT / "profiles" / "examplia-country.yaml"), "-o", str(made)).returncode == 0
    data = json.loads(made.read_text(encoding="utf-8"))
    data["findings"][0]["evidence_data"] = [{"key": "value", "fact": "no.such_fact", "value": 1}]
    hostile = tmp_path / "h.json"
    hostile.write_text(json.dumps(data), encoding="utf-8")
    r = run_cli("assess", str(hostile), "--format", "text")
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "findings[0].evidence_data[0]" in r.stderr, r.stderr
    del data["inputs"], data["schema_version"]  # as migov 1.0 wrote it
    older = tmp_path / "older.json"
    older.write_text(json.dumps(data), encoding="utf-8")
    r = run_cli("assess", str(older), "--format", "text")
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "inputs" in r.stderr and "Traceback" not in r.stderr, r.stderr
