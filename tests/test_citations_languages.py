"""What the French review left to the engine besides citations (F1, E17, three languages): the YAML parser's problems
in the reader's language, the batch's count, --help and the workbook naming the languages migov has, and the
dashboards of several languages linking to each other."""

from __future__ import annotations

import pytest

from engine.i18n import languages
from engine.yamlio import parser_problem
from tests.helpers import ROOT, run_cli

BROKEN = {
    "a: [1, 2\n": {"fr": "une liste écrite entre crochets n’est pas fermée", "es": "una lista escrita entre corchetes no está cerrada"},
    "a: b: c\n": {"fr": "un deux-points à cet endroit ouvrirait une seconde clé", "es": "los dos puntos abrirían aquí una segunda clave"},
    "a: @x\n": {"fr": "caractère qui ne peut pas commencer une valeur", "es": "un carácter que no puede iniciar un valor"},
    "? a\nb\n": {"fr": "un deux-points est attendu après une clé", "es": "se esperaban dos puntos después de una clave"},
}


@pytest.mark.parametrize("text", list(BROKEN))
@pytest.mark.parametrize("lang", ["fr", "es"])
def test_the_parsers_problems_are_said_in_the_readers_language(tmp_path, text, lang):
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    r = run_cli("--lang", lang, "assess", str(bad))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert BROKEN[text][lang] in r.stderr.replace("\u00a0", " ").replace("\u202f", " "), r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "bad.yaml" in r.stderr


def test_a_rare_parser_problem_is_kept_as_the_parser_says_it():
    assert parser_problem("found a rare thing") == "found a rare thing"


def test_help_names_the_languages_migov_has():
    out = run_cli("--help").stdout
    assert "(EN/FR)" not in out and "/".join(code.upper() for code in languages()) in out.replace("\n", " ")


def test_batch_says_no_failure_in_french_and_dashboards_link_each_other(tmp_path):
    out = tmp_path / "out"
    r = run_cli("batch", str(ROOT / "profiles" / "examplia-country.yaml"), "-o", str(out), "--lang", "fr")
    assert r.returncode == 0 and "1 profil évalué, aucun échec" in r.stdout.replace("\u00a0", " "), r.stdout
    both = tmp_path / "both"
    r = run_cli("batch", str(ROOT / "profiles" / "examplia-country.yaml"), "-o", str(both), "--lang", "en,fr,es", "--formats", "html")
    assert r.returncode == 0, r.stderr
    pages = {"en": "index.html", "fr": "index.fr.html", "es": "index.es.html"}
    for lang, page in pages.items():
        html = (both / page).read_text(encoding="utf-8")
        for other, target in pages.items():
            assert (f'href="{target}" hreflang="{other}"' in html) == (other != lang), (page, other)
