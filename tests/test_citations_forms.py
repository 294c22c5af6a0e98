"""Citations as each language writes them (French review D2, A6, E5, B5, C4, F2): the forms are data of
references.yaml, and every output that cites (text, Markdown, HTML, rulebook, explain) says them the same way."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from engine.i18n import typography
from engine.pack.loading import build_pack, load_pack
from engine.pack.validate import Sink
from tests.helpers import PROFILES, ROOT, run_cli

CITED = {"gcm": [5, 23], "gcm-principle": ["whole-of-society"], "gcm-paragraph": [44], "sdg": ["10.7", "10.c.1"]}

EXPECTED = {
    "fr": {"text": ["objectifs 5 et 23 du Pacte mondial", "par.\u00a015 j) du Pacte mondial", "par.\u00a044 du Pacte mondial",
                    "cible 10.7 des ODD; indicateur 10.c.1 des ODD"],
           "full": ["Filières de migration régulière (Pacte mondial, objectif 5)", "Coopération internationale (Pacte mondial, objectif 23)",
                    "Pacte mondial, par.\u00a015\u00a0j) (approche mobilisant l’ensemble de la société)",
                    "Pacte mondial, par.\u00a044 (mise en œuvre en coopération avec toutes les parties prenantes concernées)",
                    "Migration et mobilité ordonnées, sans danger, régulières et responsables (ODD, cible 10.7)",
                    "Coût des envois de fonds en proportion du montant transféré (ODD, indicateur 10.c.1)"]},
    "es": {"text": ["objetivos 5 y 23 del Pacto Mundial", "párr.\u00a015 j) del Pacto Mundial", "meta 10.7 de los ODS; indicador 10.c.1 de los ODS"],
           "full": ["Cooperación internacional (Pacto Mundial, objetivo 23)", "Pacto Mundial, párr.\u00a015\u00a0j) (enfoque pansocial)",
                    "(ODS, indicador 10.c.1)"]},
    "en": {"text": ["GCM objectives 5 and 23", "GCM para.\u00a015 (j)", "SDG target 10.7; SDG indicator 10.c.1"],
           "full": ["International cooperation (GCM objective 23)", "GCM para.\u00a015\u00a0(j): whole-of-society approach",
                    "(SDG indicator 10.c.1)"]},
}


def _plain(text: str) -> str:
    """Spaces of any kind as one kind, so that a check does not depend on which no-break space the typography chose."""
    return re.sub(r"[\u00a0\u202f ]", " ", text)


@pytest.mark.parametrize("lang", ["fr", "es", "en"])
def test_each_language_cites_in_its_own_order_and_words(lang: str) -> None:
    found = load_pack("idm2018").citations(CITED, lang)
    text = _plain("; ".join(c["text"] for c in found))
    full = _plain(" | ".join(k["full"] for c in found for k in c["refs"]))
    for want in EXPECTED[lang]["text"]:
        assert _plain(want) in text, (want, text)
    for want in EXPECTED[lang]["full"]:
        assert _plain(want) in full, (want, full)


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_no_english_slug_nor_stacked_paragraph_in_french_or_spanish(lang: str) -> None:
    pack = load_pack("idm2018")
    keys = list(pack.references.schemes["gcm-principle"].keys)
    cited = [k for c in pack.citations({"gcm-principle": keys, "gcm-paragraph": [40, 44]}, lang) for k in c["refs"]]
    for ref in cited:
        assert str(ref["key"]) not in ref["full"] or isinstance(ref["key"], int), ref["full"]  # whole-of-society, people-centred…
        assert not re.search(r"Par\.|Párr\.|: Par", ref["full"]), ref["full"]  # « par. 15 : Par. 15 j) : … »


def test_three_part_sdg_numbers_are_indicators_two_part_targets() -> None:
    pack = load_pack("sdg-10-7-2")
    refs = {k["key"]: k["ref"] for c in pack.citations({"sdg": ["10.7"], "sdg-indicator": ["10.7.1"]}, "fr") for k in c["refs"]}
    assert refs == {"10.7": "ODD, cible 10.7", "10.7.1": "ODD, indicateur 10.7.1"}


def test_every_output_cites_the_same_way() -> None:
    """The report (text, Markdown, HTML), the rulebook and explain all say « Pacte mondial, par. 15 j) (…) »."""
    profile = next(p for p in PROFILES if p.stem == "examplia-country")
    want = _plain(typography("Pacte mondial, par.\u00a015\u00a0j) (approche mobilisant l’ensemble de la société)", "fr"))
    outputs = {
        "text": run_cli("assess", str(profile), "--lang", "fr", "--format", "text").stdout,
        "markdown": run_cli("assess", str(profile), "--lang", "fr", "--format", "markdown").stdout,
        "html": run_cli("assess", str(profile), "--lang", "fr", "--format", "html").stdout,
        "rulebook": run_cli("rules", "docs", "idm2018", "--lang", "fr").stdout,
        "explain": run_cli("explain", "SR-CS-ROLE", "--lang", "fr").stdout,
    }
    for name, out in outputs.items():
        flat = _plain(re.sub(r"\s*\n\s*", " ", out))
        assert want in flat, name
        assert "objectifs du Pacte mondial" not in flat and "cibles des ODD" not in flat, name


def test_a_citation_form_with_a_dangerous_pattern_is_a_lint_problem(tmp_path: Path) -> None:
    pack = tmp_path / "p"
    shutil.copytree(ROOT / "tests" / "packs" / "city", pack)
    refs = pack / "references.yaml"
    refs.write_text(refs.read_text(encoding="utf-8").replace(
        '  pattern: "[A-Z][0-9]+"\n',
        '  pattern: "[A-Z][0-9]+"\n  cite:\n    - match: "(a+)+$"\n'
        '      one: {en: "article {key}", fr: "article {key}"}\n      many: {en: "articles {keys}", fr: "articles {keys}"}\n'
        '      ref: {en: "Charter, article {key}", fr: "Charte, article {key}"}\n', 1), encoding="utf-8")
    sink = Sink(collect=True)
    build_pack(pack, sink)
    assert any(getattr(p, "code", None) == "L011" and "cite" in str(p) for p in sink.problems), [str(p) for p in sink.problems]


def test_a_citation_form_with_an_unknown_placeholder_is_one_error_line(tmp_path: Path) -> None:
    pack = tmp_path / "p"
    shutil.copytree(ROOT / "tests" / "packs" / "city", pack)
    refs = pack / "references.yaml"
    refs.write_text(refs.read_text(encoding="utf-8").replace(
        '  pattern: "[A-Z][0-9]+"\n',
        '  pattern: "[A-Z][0-9]+"\n  cite:\n    - one: {en: "article {keyz}", fr: "article {key}"}\n'
        '      many: {en: "articles {keys}", fr: "articles {keys}"}\n      ref: {en: "Charter, article {key}", fr: "Charte, article {key"}\n', 1),
        encoding="utf-8")
    r = run_cli("explain", "CITY-DESK", "--rules", str(pack))
    assert r.returncode == 2 and "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert "references.yaml:" in r.stderr and "keyz" in r.stderr
    lint = run_cli("rules", "lint", str(pack))
    assert "cite[0].one.en" in lint.stdout and "cite[0].ref.fr" in lint.stdout, lint.stdout
