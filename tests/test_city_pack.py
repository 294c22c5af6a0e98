"""The engine knows no pack: a pack with its own kinds and citation scheme, and no GCM or SDG, just works.

tests/packs/city declares the kinds city and city_network and cites a charter of its own
(references.yaml); nothing in engine/ was written for it.
"""

import json
import re
import shutil
from pathlib import Path

import pytest

from engine.authoring.intake import assessed as assess  # the assessment written in a language
from engine.authoring.questionnaire import plan, words
from engine.authoring.template import render
from engine.errors import MigovError, ProfileError
from engine.evaluate.durable import adapter as adapter_durable
from engine.i18n import languages
from engine.pack.loading import bundled_packs, load_pack
from engine.pack.profiles import load_profile
from engine.packtools.lint import lint
from engine.packtools.schema import profile_schema
from tests.helpers import ROOT, run_cli

CITY = ROOT / "tests" / "packs" / "city"
PROFILES = sorted((CITY / "profiles").glob("*.yaml"))
ENGINES = ["python", *(["durable"] if adapter_durable.available() else [])]


@pytest.mark.parametrize("engine", ENGINES)
def test_assessed_by_both_engines_with_the_packs_kinds_and_citations(engine):
    pack = load_pack(CITY)
    assert pack.kinds == ["city", "city_network"]
    for path in PROFILES:
        a = json.loads(assess(pack, load_profile(path, pack), "en", engine=engine).to_json())
        for f in a["findings"]:
            assert "gcm" not in f["sources"] and "sdg" not in f["sources"]
            assert list(f["sources"])[-1] == "seed" and set(f["sources"]) <= {"charter", "pledge", "seed"}
    a = json.loads(assess(pack, load_profile(CITY / "profiles" / "valley-network.yaml", pack), "en", engine=engine).to_json())
    statuses = {f["rule"]: f["status"] for f in a["findings"]}
    assert statuses["CITY-NETWORK"] == "met" and statuses["CITY-DESK"] == "gap"
    desk = next(f for f in a["findings"] if f["rule"] == "CITY-DESK")
    assert desk["sources"] == {"charter": ["A1"], "pledge": [1], "seed": "Charter, article A1"}
    riverton = json.loads(assess(pack, load_profile(CITY / "profiles" / "riverton.yaml", pack), "fr", engine=engine).to_json())
    assert {f["rule"]: f["status"] for f in riverton["findings"]}["CITY-NETWORK"] == "not_applicable"


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "html"])
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_format_shows_the_packs_kind_and_scheme_titles(fmt, lang):
    r = run_cli("assess", str(CITY / "profiles" / "riverton.yaml"), "--rules", str(CITY), "--format", fmt, "--lang", lang)
    assert r.returncode == 0, r.stderr
    out = r.stdout
    if fmt == "json":
        assert json.loads(out)["profile"]["kind"] == "city"
        return
    assert ("city" if lang == "en" else "ville") in out
    if fmt in ("markdown", "html"):
        assert ("Charter articles" if lang == "en" else "articles de la Charte") in out
        assert "GCM" not in out and "SDG" not in out and "ODD" not in out
    if fmt == "html":
        assert ("A single front door" if lang == "en" else "Un guichet unique") in out


def test_lints_clean_tests_and_explains():
    assert lint(CITY) == []
    r = run_cli("rules", "lint", str(CITY))
    assert r.returncode == 0, r.stdout + r.stderr
    r = run_cli("rules", "test", str(CITY))
    assert r.returncode == 0 and "0 failed" in r.stdout, r.stdout + r.stderr
    r = run_cli("explain", "CITY-DESK", "--rules", str(CITY), "--lang", "en")
    assert "applies to: city, city network" in r.stdout
    assert "A single front door (Charter articles, A1); Welcome (Declaration pledges, 1)" in r.stdout


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_rulebook(tmp_path, fmt):
    out = tmp_path / f"rulebook.{'md' if fmt == 'markdown' else 'html'}"
    r = run_cli("rules", "docs", str(CITY), "--lang", "fr", "-o", str(out))
    assert r.returncode == 0, r.stderr
    text = out.read_text(encoding="utf-8")
    assert "réseau de villes" in text and "articles de la Charte" in text and "Un guichet unique" in text


def test_batch(tmp_path):
    r = run_cli("batch", str(CITY / "profiles"), "--rules", str(CITY), "-o", str(tmp_path / "out"), "-j", "1")
    assert r.returncode == 0, r.stdout + r.stderr
    summary = (tmp_path / "out" / "summary.csv").read_text(encoding="utf-8")
    assert "city_network" in summary and "riverton" in summary
    dashboard = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "city network" in dashboard


def _copy(tmp_path: Path) -> Path:
    dest = tmp_path / "city"
    shutil.copytree(CITY, dest)
    return dest


def test_a_kind_the_pack_does_not_declare_is_one_line_with_did_you_mean(tmp_path):
    pack = load_pack(CITY)
    bad = tmp_path / "p.yaml"
    bad.write_text("id: x\nname: X\nkind: cty\n", encoding="utf-8")
    with pytest.raises(ProfileError) as exc:
        load_profile(bad, pack)
    message = str(exc.value)
    assert ":3" in message and "expected city, city_network" in message and "did you mean 'city'" in message and "\n" not in message
    bad.write_text("id: x\nname: X\nkind: city\nlanguage: xx\n", encoding="utf-8")
    with pytest.raises(ProfileError, match=":4.*expected " + ", ".join(languages())):
        load_profile(bad, pack)


def test_rule_kinds_example_kinds_and_cited_keys_are_checked(tmp_path):
    dest = _copy(tmp_path)
    rules = dest / "rules" / "welcome.yaml"
    text = rules.read_text(encoding="utf-8")
    text = text.replace("kinds: [city_network]", "kinds: [city_netwrk]")
    text = text.replace("kind: city, facts: {}", "kind: town, facts: {}")
    text = text.replace("charter: [A2]", "charter: [A9]")
    text = text.replace("charter: [C1]", "chartre: [C1]")
    rules.write_text(text, encoding="utf-8")
    problems = lint(dest)
    assert all(p.file.endswith("welcome.yaml") and p.line >= 1 and "\n" not in p.message for p in problems), problems
    assert any(p.code == "L002" and "'city_netwrk'" in p.message and "did you mean 'city_network'" in p.message for p in problems)
    assert any(p.code == "L002" and "'town'" in p.message for p in problems)
    assert any(p.code == "L014" and "A9" in p.message for p in problems)
    assert any(p.code == "L014" and "did you mean 'charter'" in p.message for p in problems)


def test_yes_no_words_come_from_the_catalogue():
    assert words("en")["yes"] == {"yes", "y", "true", "1"}
    assert {"oui", "o", "vrai", "yes", "y"} <= words("fr")["yes"]
    assert {"non", "faux", "no", "n"} <= words("fr")["no"]
    assert {"je ne sais pas", "nsp", "?", "don't know"} <= words("fr")["dont_know"]
    assert {"aucun", "aucune", "none", "-"} <= words("fr")["none"]


ENGINE = ROOT / "engine"


def test_the_engine_names_no_pack_kind_or_citation_scheme():
    ids = [*bundled_packs(), "country", "partnership", "gcm", "sdg"]
    found = []
    for path in ENGINE.rglob("*.py"):
        rel = path.relative_to(ENGINE).as_posix()
        if rel.startswith(("cli/", "locale/")):
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for name in ids:
                if re.search(r"""["']""" + re.escape(name) + r"""["']""", line):
                    found.append(f"{rel}:{n}: {name}")
    assert not found


def test_templates_and_questionnaires_use_the_packs_kinds():
    pack = load_pack(CITY)
    text = render(pack, "city_network", "fr")
    assert "kind: city_network" in text and "pack: city" in text and "members: null" in text
    assert "members" not in render(pack, "city", "en")
    with pytest.raises(MigovError, match="did you mean 'city'"):
        plan(pack, "cty", "en")
    schema = profile_schema(pack)
    assert schema["properties"]["kind"]["enum"] == ["city", "city_network"]
    assert schema["properties"]["language"]["enum"] == [*languages(), None]
