"""One error line, whichever command says it: ``batch`` prints a failed profile's error as ``assess`` prints it (« migov :
erreur : faux.yaml, ligne 5 : … » in French, not the exception's ``faux.yaml:5:``), in the worker processes too; and an
option's number outside its range is told with the language's numbers and in words (« 150 n’est pas compris entre 0 et
100 », never click's « 150.0 … 0<=x<=100 »)."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.i18n import languages, translate
from engine.operators import BY_OP
from tests.helpers import ROOT, run_cli
from tests.test_french_output import run

BAD = ROOT / "tests" / "bad" / "unknown-fact.yaml"
GOOD = ROOT / "profiles" / "weak-partnership.yaml"


def _error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "error" in line or "erreur" in line]


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_batch_says_a_profiles_error_as_assess_does(tmp_path: Path, lang: str) -> None:
    code, _, said = run("--lang", lang, "assess", str(BAD), lang=lang)
    assert code == 2
    code, _, err = run("--lang", lang, "batch", str(BAD), str(GOOD), "-o", str(tmp_path / "out"), "--jobs", "1", "--formats", "none", lang=lang)
    assert code == 2 and _error_lines(err) == [said.strip()], (said, err)


def test_a_worker_process_says_it_too(tmp_path: Path) -> None:
    said = run("--lang", "fr", "assess", str(BAD), lang="fr")[2].strip()
    r = run_cli("--lang", "fr", "batch", str(BAD), str(GOOD), "-o", str(tmp_path / "out"), "--jobs", "2", "--formats", "none")
    assert r.returncode == 2 and _error_lines(r.stderr) == [said], r.stderr
    assert ", ligne 5\u00a0: " in said


@pytest.mark.parametrize("lang, args, expected", [
    ("fr", ["assess", str(GOOD), "--fail-under", "150"], "«\u202f--fail-under\u202f»\u00a0: 150 n’est pas compris entre 0 et 100"),
    ("fr", ["assess", str(GOOD), "--fail-under", "100,5"], "100,5 n’est pas compris entre 0 et 100"),
    ("es", ["assess", str(GOOD), "--fail-under", "150.0"], "«--fail-under»: 150 no está entre 0 y 100"),
    ("en", ["assess", str(GOOD), "--fail-under", "abc"], "'abc' is not a number"),
    ("fr", ["batch", str(GOOD), "-o", "x", "--jobs", "0"], "0 n’est pas compris entre 1 et 64"),
    ("es", ["batch", str(GOOD), "-o", "x", "--jobs", "2.5"], "«2.5» no es un número entero"),
])
def test_a_number_out_of_range_is_told_in_the_language(lang: str, args: list[str], expected: str) -> None:
    code, _, err = run("--lang", lang, *args, lang=lang)
    assert code == 2 and expected in err and "<=" not in err, err


def test_a_number_in_range_is_taken_with_the_languages_decimal_sign() -> None:
    code, _, err = run("--lang", "fr", "assess", str(GOOD), "--fail-under", "0,5", "--format", "json", lang="fr")
    assert code == 0, err
    shown = " ".join(run("--lang", "fr", "assess", "--help", lang="fr")[1].split())
    assert "[entre 0 et 100]" in shown and "<=" not in shown


def test_each_operator_reads_as_one_phrase_in_every_language() -> None:
    """A condition's words (rulebook, ``explain``) never stack colons (« Type : l’une de ces valeurs : … »): no operator's
    message, in any language, holds a colon of its own."""
    stacked = [(lang, translate(o.text, lang)) for lang in languages() for o in BY_OP.values() if ":" in translate(o.text, lang)]
    assert not stacked, stacked


@pytest.mark.parametrize("lang, expected", [("fr", "un nombre entre 0 et 100 est attendu"), ("es", "se esperaba un número de 0 a 100"),
                                            ("en", "expected a number from 0 to 100")])
def test_a_facts_bounds_are_written_as_the_language_writes_numbers(tmp_path: Path, lang: str, expected: str) -> None:
    profile = tmp_path / "n.yaml"
    profile.write_text("id: x\nname: X\nkind: country\nremittances: {average_cost: 150}\n", encoding="utf-8")
    code, _, err = run("--lang", lang, "assess", str(profile), lang=lang)
    assert code == 2 and expected in err and "0.0" not in err, err
