"""Every lint code, shown by a failing fixture: the mini pack with one mistake each."""

import json
import re
import shutil
from pathlib import Path

import pytest

from engine.packtools.lint import CODES, PARITY, lint
from tests.helpers import ROOT, run_cli

MINI = ROOT / "tests" / "packs" / "mini"


def broken(tmp_path: Path, file: str, old: str, new: str) -> Path:
    dest = tmp_path / "pack"
    if not dest.exists():
        shutil.copytree(MINI, dest)
    path = dest / file
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return dest


CASES = {
    "L001": ("rules/all.yaml", "- id: M-NOT-ANY", "- id: [M-NOT-ANY"),
    "L002": ("rules/all.yaml", "  dimension: alpha\n  weight: 1", "  dimension: alpha\n  wieght: 1\n  weight: 1"),
    "L003": ("rules/all.yaml", "- id: M-APPLIES", "- id: M-NOT-ANY"),
    "L004": ("rules/all.yaml", "{fact: cost, lt: 2.5}", "{fact: costs, lt: 2.5}"),
    "L005": ("rules/all.yaml", "{fact: cost, lt: 2.5}", "{fact: cost, lt: 2.5, gt: 1}"),
    "L006": ("rules/all.yaml", 'recommendation: {en: "Raise the level.", fr: "Élever le niveau."}', 'recommendation: {en: "Raise the level."}'),
    "L007": ("rules/all.yaml", "  weight: 2\n  title: {en: \"Transit", "  weight: -1\n  title: {en: \"Transit"),
    "L008": ("pack.yaml", "  - {id: beta,", "  - {id: gamma, weight: 1, title: {en: \"Gamma\", fr: \"Gamma\"}}\n  - {id: beta,"),
    "L009": ("rules/all.yaml", "    - {status: gap, facts: {level: low, cost: 3}}", "    - {status: unknown, facts: {levle: low, cost: 3}}"),
    "L010": ("rules/all.yaml", "      - {fact: cost, gte: 1}", "      - {fact: cost, gte: 1}\n      - {fact: cost, lt: 1}"),
    "L011": ("rules/all.yaml", '{fact: code, matches: "E*"}', '{fact: code, matches: ""}'),
    "L012": ("vocabulary.yaml", "facts:", "derived:\n  - {id: loop, from: actors, as: a, label: {en: L, fr: L}, when: {exists: loop}}\nfacts:"),
    "L013": ("rules/all.yaml", "- id: M-NOT-ANY\n  dimension: alpha", "- id: M-NOT-ANY\n  dimension: alpha\n  kinds: [partnership]\n  applies_if: {fact: transit, equals: true}"),
    "L014": ("rules/all.yaml", 'sources: {seed: "test", gcm: [23], sdg: ["17.16"]}', 'sources: {seed: "test", gcm: [23], sdg: ["17.99"]}'),
    "L015": ("pack.yaml", "{id: high, min: 50,", "{id: high, min: 0,"),
    "L016": ("vocabulary.yaml", "facts:", "facts:\n  - {id: spare, type: bool, label: {en: \"S\", fr: \"S\"}, question: {en: \"S?\", fr: \"S ?\"}}"),
    "L019": ("pack.yaml", 'title: {en: "Mini test pack", fr: "Mini jeu de test"}', 'title: {en: "Mini test pack", fr: "Mini jeu de test", es: "Paquete mínimo"}'),
}


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_code_has_a_failing_fixture(tmp_path, code):
    file, old, new = CASES[code]
    pack = broken(tmp_path, file, old, new)
    problems = lint(pack)
    hits = [p for p in problems if p.code == code]
    assert hits, [str(p) for p in problems]
    p = hits[0]
    assert p.file.endswith(file) and p.line >= 1 and p.col >= 1
    if code == "L004":
        assert "did you mean 'cost'" in p.message
        line = (pack / file).read_text(encoding="utf-8").splitlines()[p.line - 1]
        assert "costs" in line  # the exact line to change


def test_the_remaining_codes_are_exercised_elsewhere():
    # L017 (a warning) is what the mini pack itself shows for its same-type join
    assert [p.code for p in lint(MINI)] == ["L017", "L020"]  # L020: M-AT-LEAST and M-NOT-ANY both test cost < 2.5
    assert set(CASES) | {"L017", "L018", "L020"} == set(CODES)  # L018: tests/test_pack_content_lint.py


def test_bundled_packs_are_clean():
    for pack in ("idm2018", "sdg-10-7-2"):
        assert lint(pack) == []  # no error, no warning: double counting (L020) included


def test_every_problem_at_once_and_exit_codes(tmp_path):
    pack = broken(tmp_path, "rules/all.yaml", "{fact: cost, lt: 2.5}", "{fact: costs, lt: 2.5}")
    broken(tmp_path, "rules/all.yaml", 'recommendation: {en: "Raise the level.", fr: "Élever le niveau."}', 'recommendation: {en: "Raise the level."}')
    broken(tmp_path, "rules/all.yaml", "  weight: 2\n  title: {en: \"Transit", "  weight: 0\n  title: {en: \"Transit")
    r = run_cli("rules", "lint", str(pack))
    assert r.returncode == 1
    codes = [line.split(": ")[1].split()[0] for line in r.stdout.splitlines() if ": L0" in line]
    assert sorted(c for c in codes if c not in ("L016", "L017")) == ["L004", "L006", "L007"], r.stdout  # warnings aside
    assert all(":" in line.split(" ")[0] for line in r.stdout.splitlines()[:-1])  # file:line:col first
    j = run_cli("rules", "lint", str(pack), "--format", "json")
    assert j.returncode == 1 and {p["code"] for p in json.loads(j.stdout) if p["severity"] == "error"} == {"L004", "L006", "L007"}
    assert run_cli("rules", "lint").returncode == 0
    bad = run_cli("rules", "lint", str(tmp_path / "nowhere"))
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_lint_in_french(tmp_path):
    pack = broken(tmp_path, "rules/all.yaml", "{fact: cost, lt: 2.5}", "{fact: costs, lt: 2.5}")
    import os

    r = run_cli("rules", "lint", str(pack), env={**os.environ, "LANGUAGE": "fr"})
    assert "fait inconnu « costs » (vouliez-vous dire « cost » ?)" in r.stdout


def test_an_optional_narrative_template_is_checked_like_the_others(tmp_path):
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    pack_yaml = tmp_path / "rules" / "idm2018" / "pack.yaml"
    text = pack_yaml.read_text(encoding="utf-8")
    old = "is well developed ({score}) and still has potential"
    assert old in text
    pack_yaml.write_text(text.replace(old, "is well developed ({scor}) and still has potential", 1), encoding="utf-8")
    hits = [p for p in lint(tmp_path / "rules" / "idm2018") if p.code == "L015"]
    assert hits and "unknown placeholder" in hits[0].message and hits[0].file.endswith("pack.yaml") and hits[0].line >= 1


# --- language parity: every text in exactly the languages the pack declares --------------------------

def with_language(tmp_path: Path, code: str, declare: bool = True) -> Path:
    """The mini pack with a text in ``code`` beside every French one (and ``code`` declared, unless told not to)."""
    dest = tmp_path / "pack"
    shutil.copytree(MINI, dest)
    shutil.copy(ROOT / "rules" / "_shared" / "references.yaml", dest / "references.yaml")  # the titles of what it cites, too
    for path in [dest / "pack.yaml", dest / "vocabulary.yaml", dest / "references.yaml", *(dest / "rules").glob("*.yaml")]:
        text = re.sub(r', es: "[^"]*"', "", path.read_text(encoding="utf-8"))  # the shared references speak Spanish already
        text = re.sub(r'(fr: "([^"]*)")', rf'\1, {code}: "[{code}] \2"', text)
        if declare:
            text = text.replace("languages: [en, fr]", f"languages: [en, fr, {code}]")
        path.write_text(text, encoding="utf-8")
    return dest


def test_a_third_language_as_data_is_at_full_parity(tmp_path):
    pack = with_language(tmp_path, "xx")  # a code no catalogue has: parity is about the pack's data only
    assert [p.code for p in lint(pack)] == ["L017", "L020"]
    r = run_cli("rules", "lint", str(pack))
    assert r.returncode == 0 and r.stdout.splitlines()[-1].endswith("full parity in 3 languages (en, fr, xx)"), r.stdout


def test_a_declared_language_missing_anywhere_is_a_problem_with_file_line_and_field(tmp_path):
    pack = with_language(tmp_path, "xx")
    vocab = pack / "vocabulary.yaml"
    text = vocab.read_text(encoding="utf-8")
    old = 'low: {en: "low", fr: "bas", xx: "[xx] bas"}'  # a value's label: a text the loader itself does not check
    assert old in text
    vocab.write_text(text.replace(old, 'low: {en: "low", fr: "bas"}'), encoding="utf-8")
    hits = [p for p in lint(pack) if p.code == "L006"]
    assert len(hits) == 1, [str(p) for p in hits]
    (p,) = hits
    assert p.file.endswith("vocabulary.yaml") and p.field == "facts[3].values.low" and "'xx'" in p.message
    assert "low: {en:" in vocab.read_text(encoding="utf-8").splitlines()[p.line - 1]
    r = run_cli("rules", "lint", str(pack))
    assert r.returncode == 1 and "full parity" not in r.stdout


def texts_of(pack: Path) -> int:
    """How many texts the pack's own files hold (each has a French entry)."""
    return sum(len(re.findall(r'fr: "', p.read_text(encoding="utf-8"))) for p in pack.rglob("*.yaml"))


def test_an_undeclared_language_is_a_problem_at_each_text(tmp_path):
    pack = with_language(tmp_path, "es", declare=False)
    hits = [p for p in lint(pack) if p.code == "L019"]
    assert len(hits) == texts_of(pack) > 44  # mini's texts, and the references it carries
    first = min(hits, key=lambda p: (p.file, p.line))
    assert first.file.endswith("pack.yaml") and first.field == "title.es" and "'es'" in first.message
    assert "es:" in (pack / "pack.yaml").read_text(encoding="utf-8").splitlines()[first.line - 1]
    r = run_cli("rules", "lint", str(pack))
    assert r.returncode == 1 and "full parity" not in r.stdout


def test_declaring_a_language_before_its_texts_lists_every_missing_text(tmp_path):
    dest = tmp_path / "pack"
    shutil.copytree(MINI, dest)
    pack_yaml = dest / "pack.yaml"
    pack_yaml.write_text(pack_yaml.read_text(encoding="utf-8").replace("languages: [en, fr]", "languages: [en, fr, es]"), encoding="utf-8")
    missing = [p for p in lint(dest) if p.code == "L006"]
    assert len(missing) == texts_of(dest) == 44 and all("'es'" in p.message and p.field for p in missing)


def test_parity_in_french(tmp_path):
    import os

    r = run_cli("rules", "lint", str(MINI), env={**os.environ, "LANGUAGE": "fr"})
    assert "parité complète en 2 langues (en, fr)" in r.stdout.replace("\u202f", " ").replace("\u00a0", " ")
    pack = with_language(tmp_path, "es", declare=False)
    fr = run_cli("rules", "lint", str(pack), env={**os.environ, "LANGUAGE": "fr"})
    assert "langue que le jeu ne déclare pas" in fr.stdout


def test_the_bundled_sdg_pack_is_at_full_parity():
    assert not [p for p in lint("sdg-10-7-2") if p.code in PARITY]
    r = run_cli("rules", "lint", "sdg-10-7-2")
    assert r.returncode == 0 and "full parity in 3 languages (en, fr, es)" in r.stdout, r.stdout


def test_the_parity_check_names_no_language():
    source = (ROOT / "engine" / "packtools" / "lint.py").read_text(encoding="utf-8")
    for code in ("en", "fr", "es"):
        assert f'"{code}"' not in source and f"'{code}'" not in source


# --- depthlogic ---
# L020: the mini pack's M-AT-LEAST and M-NOT-ANY (dimension alpha, both for countries) both test "cost < 2.5"


def test_two_criteria_of_one_dimension_testing_the_same_fact_the_same_way_are_flagged(tmp_path):
    (hit,) = [p for p in lint(MINI) if p.code == "L020"]
    assert hit.severity == "warning" and hit.file.endswith("all.yaml") and hit.field == "M-AT-LEAST.condition"
    line = (MINI / "rules" / "all.yaml").read_text(encoding="utf-8").splitlines()[hit.line - 1]
    assert line == "- id: M-AT-LEAST" and "'cost'" in hit.message and "M-NOT-ANY" in hit.message
    # in another dimension, or another value, it is not counted twice
    other = broken(tmp_path, "rules/all.yaml", "- id: M-AT-LEAST\n  dimension: alpha", "- id: M-AT-LEAST\n  dimension: beta")
    assert [p.message.split(" as ")[1].split()[0] for p in lint(other) if p.code == "L020"] == ["M-NONE-TAGS"]  # its "none" now is
    shutil.rmtree(other)
    value = broken(tmp_path, "rules/all.yaml", "      - {fact: cost, lt: 2.5}\n      - not:", "      - {fact: cost, lt: 3}\n      - not:")
    assert not [p for p in lint(value) if p.code == "L020"]
