"""Spanish at publication quality: every Spanish output migov writes, checked as tests/test_french_output.py checks the
French (the same outputs, made by the same function), for what a Spanish editor marks first:

- a straight apostrophe in a word, where Spanish prose writes ’ (in a name: O’Higgins);
- a space (ordinary or no-break) before « : ; ? ! », which Spanish never puts there;
- a question or an exclamation without its opening ¿ or ¡ in the same sentence;
- an English word (the French test's list, less the words Spanish shares), and a sentence of the catalogue's English;
- an ISO date in a report, and a run-in list item that begins with a capital;
- a catalogue entry without a translation.

What is not Spanish prose is taken out first, as for French; here it is replaced by a letter, not a space, so that a
name taken out before a colon does not look like a space before it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from engine.i18n import LOCALE_DIR
from tests.helpers import run_cli
from tests.test_french_output import (
    _NOT_PROSE,
    ENGLISH,
    KNOWN,
    METAVARS,
    PROFILE_DATA,
    broken_citations,
    iso_dates,
    make_outputs,
    numbers_in_errors,
    run_in_capitals,
)

PO = Path(LOCALE_DIR) / "es" / "LC_MESSAGES" / "migov.po"
SHARED = {"error", "no", "final", "total", "de", "a"}  # Spanish words too: « migov: error: … »
ENGLISH_ES = ENGLISH - SHARED
ANSWER = re.compile(r"«\?»|(?<=\| )\?(?= )|«[a-z_]+»")  # "?" typed for "don't know", the unknown status's sign, a value as typed


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return make_outputs("es", tmp_path_factory.mktemp("spanish"))


def prose(text: str) -> str:
    for known in KNOWN:
        text = text.replace(known, "x")
    text = _NOT_PROSE.sub("x", PROFILE_DATA.sub("x", ANSWER.sub("x", text)))
    return " ".join(w for w in re.split(r"[ \t]+", text) if w not in METAVARS) if any(m in text for m in METAVARS) else text


def _sentences(line: str) -> list[str]:
    return re.split(r"(?<=[.?!»)])\s+(?=[¿¡«A-ZÁÉÍÓÚÑ])", line)


def problems(text: str) -> list[str]:
    """Each line of ``text`` that breaks a rule of Spanish typography or holds English, with what is wrong."""
    found = []
    for line in prose(text).splitlines():
        if re.search(r"[^\W\d_]'[^\W\d_]", line):
            found.append(f"straight apostrophe: {line!r}")
        if re.search(r"[ \u00a0\u202f][;?!:](?=[\s)»]|$)", line):
            found.append(f"a space before a mark: {line!r}")
        for sentence in _sentences(line):
            if re.search(r"[^\W_]\s?\?", sentence) and "¿" not in sentence:
                found.append(f"no opening ¿: {sentence!r}")
            if re.search(r"[^\W_]\s?!", sentence) and "¡" not in sentence:
                found.append(f"no opening ¡: {sentence!r}")
        english = sorted({w for w in re.findall(r"[^\W\d_]+", line) if w.lower() in ENGLISH_ES and not w.isupper()})
        if english:
            found.append(f"English {english}: {line!r}")
    return found


# every catalogue entry translated: tests/test_french_output.py, for each language


def test_spanish_outputs_read_as_spanish(outputs: dict[str, str]) -> None:
    assert len(outputs) > 60 and all(text.strip() for text in outputs.values())
    bad = [f"{name}: {p}" for name, text in outputs.items() for p in problems(text)]
    assert not bad, f"{len(bad)} problems, the first ones:\n" + "\n".join(bad[:40])


def test_no_english_sentence_of_the_catalogue_in_a_spanish_output(outputs: dict[str, str]) -> None:
    with PO.open("rb") as fh:
        catalog = read_po(fh)
    english = [m.id for m in catalog if isinstance(m.id, str) and len(re.findall(r"[A-Za-z]{2,}", m.id)) >= 4 and m.string != m.id
               and "{" not in m.id and "%" not in m.id]
    joined = "\n".join(outputs.values())
    assert not [e for e in english if e in joined]


def test_dates_are_written_out(outputs: dict[str, str]) -> None:
    assert not iso_dates(outputs), iso_dates(outputs)[:10]


def test_run_in_lists_begin_in_lower_case(outputs: dict[str, str]) -> None:
    assert not run_in_capitals(outputs, "es"), run_in_capitals(outputs, "es")[:10]


def test_a_template_compiled_for_spanish_is_not_loaded_for_french(tmp_path: Path) -> None:
    """jinja sets a constant of a template ({{ "; " }}) in the language's typography when it compiles it: with one cache
    of compiled templates for every language, the French rulebook written after a Spanish one had « ; » without its
    narrow no-break space."""
    env = {**os.environ, "MIGOV_CACHE_DIR": str(tmp_path / "cache")}
    for lang in ("es", "fr"):
        assert run_cli("rules", "docs", "idm2018", "--lang", lang, "-o", str(tmp_path / f"{lang}.md"), env=env).returncode == 0
    french = (tmp_path / "fr.md").read_text(encoding="utf-8")
    assert "\u202f; " in french and not re.search(r"\w; ", french)


@pytest.mark.parametrize("text, wrong", [
    ("Puntuación global: 62,5", False), ("Puntuación global : 62,5", True), ("Puntuación\u00a0: 62,5", True),
    ("¿Existe un mecanismo?", False), ("Existe un mecanismo?", True), ("Hecho. ¿Existe?", False), ("¡Listo!", False),
    ("Listo!", True), ("l'OIM", True), ("Show this message and exit.", True), ("migov: error: falta el archivo", False),
    ("sí / no / «?» (no lo sé)", False),
])
def test_the_check_finds_what_it_should(text: str, wrong: bool) -> None:
    assert bool(problems(text)) is wrong, problems(text)


def test_numbers_in_errors_are_written_as_spanish(outputs: dict[str, str]) -> None:
    assert not numbers_in_errors(outputs), numbers_in_errors(outputs)


def test_citations_are_not_broken_across_lines(outputs: dict[str, str]) -> None:
    assert not broken_citations(outputs), broken_citations(outputs)[:10]
