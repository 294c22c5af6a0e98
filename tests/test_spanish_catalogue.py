"""The Spanish catalogue (engine/locale/es) says everything the French one says, with the same placeholders, in
Spanish typography (opening ¿ and ¡, no space before : ; ? !, « » and ’ in prose), with Babel's plural rule for
Spanish and the official Spanish terms of the frameworks; `migov --lang es` speaks it, click's own lines included."""

import re
import string
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.pofile import read_po

from engine.i18n import LOCALE_DIR, catalogue, format_number, format_percent, languages
from tests.helpers import run_cli


def read(lang):
    with (Path(LOCALE_DIR) / lang / "LC_MESSAGES" / "migov.po").open("rb") as fh:
        return read_po(fh)


ES, FR = read("es"), read("fr")
MESSAGES = [m for m in ES if m.id]


def forms(m):
    """(source, translation) pairs: one for a message, one per form for a plural message (Spanish, like English,
    has the singular for 1 only, so the first form translates the singular id and the second the plural id)."""
    if m.pluralizable:
        return list(zip(m.id, m.string, strict=True))
    return [(m.id, m.string)]


def placeholders(text):
    """The str.format fields of a message (name and format spec; click's !r is dropped for « »), and its %(name)s.
    Braces around words and spaces are YAML shown to the reader (``{title: …, url: …}``), not a field."""
    fields = sorted((name, spec) for _, name, spec, _ in string.Formatter().parse(text)
                    if name is not None and not (spec and " " in spec))
    return fields, sorted(re.findall(r"%\((\w+)\)[sd]", text))


def prose(text):
    """The text without what is typed as is: shell commands quoted for the shell."""
    return re.sub(r"pip install '[^']+'", "", text)


ANSWER = re.compile(r"«\?»|(?:^|(?<=[\s|]))\?(?=\|| \(| si )")  # "?" typed to answer "don't know": "o «?» (no lo sé)", "?|ns|…"


def test_es_is_a_language_of_migov():
    assert "es" in languages()
    assert ES.locale is not None and str(ES.locale) == "es"


def test_every_french_message_has_a_spanish_translation_and_no_other():
    assert {m.id for m in ES if m.id} == {m.id for m in FR if m.id}
    for m in MESSAGES:
        for source, text in forms(m):
            assert text, f"untranslated: {source!r}"
            assert not m.fuzzy, source


def test_the_compiled_catalogue_is_the_po():
    for m in MESSAGES:
        if m.pluralizable:
            assert [catalogue("es").ngettext(*m.id, n) for n in (1, 2)] == list(m.string), m.id
        else:  # a count heading has a context apart from its status word
            found = catalogue("es").pgettext(m.context, m.id) if m.context else catalogue("es").gettext(m.id)
            assert found == m.string, f"stale .mo: run python tools/build_catalogue.py ({m.id!r})"


def test_placeholders_and_surrounding_spaces_are_those_of_the_english():
    for m in MESSAGES:
        if isinstance(m.id, str) and m.id.startswith("@"):  # the language's data (typography, the form of a date), not a message
            continue
        for source, text in forms(m):
            assert placeholders(text) == placeholders(source), (source, text)
            assert text[: len(text) - len(text.lstrip())] == source[: len(source) - len(source.lstrip())], source
            assert text[len(text.rstrip()):] == source[len(source.rstrip()):], source
            assert text.count("\n") == source.count("\n"), source


@pytest.mark.parametrize("n", (0, 1, 2, 21, 100))
def test_plural_forms_follow_babels_rule_for_spanish(n):
    assert ES.plural_forms == "nplurals=2; plural=(n != 1);"
    one = Locale("es").plural_form(n) == "one"
    plurals = [m for m in MESSAGES if m.pluralizable]
    assert plurals
    for m in plurals:
        assert catalogue("es").ngettext(*m.id, n) == m.string[0 if one else 1], (m.id, n)
        assert "(s)" not in m.string[0] + m.string[1]


def test_typographic_apostrophes_and_quotes_in_prose():
    for m in MESSAGES:
        for source, text in forms(m):
            assert "'" not in prose(text), f"ASCII apostrophe in {text!r}"
            assert '"' not in text, f"straight quote in {text!r}"
            assert text.count("«") == text.count("»"), text


def test_every_question_opens_with_inverted_question_mark_and_every_exclamation_too():
    """Each ? that ends a question has its ¿ earlier in the same sentence, and each ¡ its !; the ? typed as an
    answer ("or ? (don't know)") is a word, and !{conversion} is format syntax."""
    for m in MESSAGES:
        for _, text in forms(m):
            words = ANSWER.sub("", text)
            for mark, opening in (("?", "¿"), ("!", "¡")):
                marks = [i for i, ch in enumerate(words) if ch == mark and words[i + 1: i + 2] != "{"]
                assert len(marks) == words.count(opening), (mark, text)
                start = 0
                for i in marks:
                    sentence = re.split(r"[.;?!]\s", words[start:i])[-1]
                    assert opening in sentence, (mark, text)
                    start = i + 1


def test_no_space_before_colon_semicolon_question_or_exclamation_mark():
    for m in MESSAGES:
        for _, text in forms(m):
            bad = re.search(r"[ \u00a0\u202f][:;?!]", ANSWER.sub("", text))
            assert not bad, f"space before {bad.group()[-1]!r} in {text!r}"


TERMS = [  # (English in the msgid, what the Spanish says): the official Spanish titles and terms
    (r"\bGCM\b", "Pacto Mundial"),
    (r"\bSDG target", "meta"),
    (r"\bSDG\b", "ODS"),
    (r"(?<!country or )\bpartnerships?\b", "alianza"),  # the GCM's (objective 23) and SDG 17's word; "partnership" as a YAML value stays
]
WRONG = ["Pacto Global", "asociaciones de gobernanza", "una asociación", "sustentable", "objetivo 10.7", "blanco", "Pacto Mundial para una Migración", "objetivos de desarrollo sustentable"]


def test_official_terms():
    for m in MESSAGES:
        for source, text in forms(m):
            for english, spanish in TERMS:
                if re.search(english, source):
                    assert spanish in text, (source, text)
            for wrong in WRONG:
                assert wrong not in text, (wrong, text)


def test_numbers_are_written_the_spanish_way():
    assert format_number(52.5, "es") == "52,5"
    assert format_percent(0.525, "es") == "52\u00a0%"
    assert format_percent(0.77, "es") == "77\u00a0%"


def test_help_is_entirely_in_spanish():
    r = run_cli("--lang", "es", "--help")
    assert r.returncode == 0, r.stderr
    for spanish in ("Uso: migov", "Opciones:", "Comandos:", "Muestra este mensaje y termina.", "Muestra la versión y termina.",
                    "Idioma de los mensajes", "Evalúa PERFIL", "Herramientas para los conjuntos de reglas."):
        assert spanish in r.stdout
    for english in ("Usage:", "Options:", "Commands:", "Show this", "Assess", "Tools for", " the "):
        assert english not in r.stdout
    r = run_cli("--lang", "es", "assess", "--help")
    assert r.returncode == 0, r.stderr
    assert "Escribe en este archivo (de forma atómica)" in r.stdout and "[por defecto: auto]" in r.stdout
    assert "default" not in r.stdout and "Write to" not in r.stdout


@pytest.mark.parametrize(("args", "expected"), [
    (("assess", "no-such-profile.yaml"), "migov: error: no-such-profile.yaml: no existe el archivo"),
    (("assess", "--bogus"), "migov: error: Opción «--bogus» desconocida (véase «migov assess --help»)"),
    (("frobnicate",), "migov: error: Comando «frobnicate» desconocido (véase «migov --help»)"),
    (("assess",), "migov: error: Falta un argumento"),
])
def test_an_error_under_lang_es_is_in_spanish(args, expected):
    r = run_cli("--lang", "es", *args)
    assert r.returncode == 2
    assert r.stderr.startswith(expected), r.stderr
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    assert not re.search(r"\b(?:Error|No such|Missing|Try|expected|not found)\b", r.stderr), r.stderr
