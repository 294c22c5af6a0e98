"""The engine's own strings, through a standard gettext catalogue (engine/locale/<lang>/migov.mo).

English strings are the message ids. The pack carries its own translations (titles,
recommendations, questions); this catalogue holds only what the engine itself says.
Regenerate the .mo after editing the .po: ``python tools/build_catalogue.py``.

click marks its own messages (usage errors, ``--help`` headings) with the standard library's ``gettext``;
:func:`click_speaks` points that at the same catalogue, so that a line migov prints is in one language.
"""

from __future__ import annotations

import gettext as _gettext
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache, lru_cache

LOCALE_DIR = os.path.join(os.path.dirname(__file__), "locale")  # a string: no pathlib on a cold run (engine.resources)
SOURCE_LANGUAGE = "en"  # the language of the message ids
_state = {"lang": SOURCE_LANGUAGE}


@cache
def languages() -> tuple[str, ...]:
    """The languages migov speaks: the source language and every catalogue that exists.

    A third language is a new ``locale/<code>/LC_MESSAGES/migov.po`` (compiled to .mo) plus the packs' texts.

    >>> languages()[0], {'es', 'fr'} <= set(languages())
    ('en', True)
    """
    # the folders holding one, as LOCALE_DIR.glob("*/LC_MESSAGES/migov.mo") finds them, without the glob's patterns
    found = sorted(code for code in os.listdir(LOCALE_DIR) if os.path.exists(os.path.join(LOCALE_DIR, code, "LC_MESSAGES", "migov.mo")))
    return (SOURCE_LANGUAGE, *[code for code in found if code != SOURCE_LANGUAGE])


@cache
def catalogue(lang: str) -> _gettext.NullTranslations:
    """The compiled catalogue of ``lang``; none for the source language.

    Read through ``gettext.translation``, whose cache of catalogues click's own messages go through too
    (:func:`click_speaks` binds the same folder): the catalogue is parsed once a process, not once for migov and
    again for click (about 2 ms each). A code without a catalogue is answered from its path alone, without the
    locale aliases ``gettext.translation`` expands a code through."""
    if not os.path.isfile(os.path.join(LOCALE_DIR, lang, "LC_MESSAGES", "migov.mo")):  # the source language, an unknown code
        return _gettext.NullTranslations()
    try:
        return _gettext.translation("migov", LOCALE_DIR, languages=[lang])
    except (OSError, ValueError):  # an unreadable catalogue
        return _gettext.NullTranslations()


def translate(message: str, lang: str | None = None) -> str:
    """Translate one engine string into ``lang`` (default: the current language)."""
    return catalogue(lang or _state["lang"]).gettext(message)


_ = translate


def translate_plural(singular: str, plural: str, n: int, lang: str | None = None) -> str:
    """The form of a message for the count ``n`` in ``lang`` (the catalogue's plural rule: French 0 and 1 are singular)."""
    return catalogue(lang or _state["lang"]).ngettext(singular, plural, n)


def translate_in(context: str, message: str, lang: str | None = None) -> str:
    """``message`` as ``lang`` says it in ``context`` (one English word that each language may need to say apart)."""
    return catalogue(lang or _state["lang"]).pgettext(context, message)


def set_language(lang: str) -> None:
    _state["lang"] = lang if lang in languages() else SOURCE_LANGUAGE


def current_language() -> str:
    return _state["lang"]


def language_from_environment() -> str:
    """The user's language, as gettext reads it: the first of LANGUAGE, LC_ALL, LC_MESSAGES and LANG that is set
    (LANGUAGE is a colon list of preferences: the first language migov has), else English."""
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return first_language(value) or SOURCE_LANGUAGE
    return SOURCE_LANGUAGE


def first_language(value: str) -> str | None:
    """The first language migov has in a locale or a colon list of them, if any.

    >>> first_language("de:fr_CA.UTF-8"), first_language("en_GB.UTF-8@euro:fr"), first_language("C"), first_language("de")
    ('fr', 'en', None, None)
    """
    for entry in value.split(":"):
        code = entry.split(".")[0].split("@")[0].split("_")[0].lower()
        if code in languages():
            return code
    return None


@contextmanager
def click_speaks(lang: str) -> Iterator[None]:
    """click's own messages (``No such option``, ``Usage:``, ``Show this message and exit.``) in ``lang``, from
    migov's catalogue, while the block runs.

    click translates them with ``gettext.gettext``, which looks the message up in the standard library's current
    text domain, in the language that LANGUAGE names: the domain is bound to migov's catalogue and LANGUAGE set
    to ``lang``, both put back afterwards (a program that calls ``main(argv)`` keeps its own)."""
    domain, language = _gettext.textdomain(), os.environ.get("LANGUAGE")
    _gettext.bindtextdomain("migov", LOCALE_DIR)
    _gettext.textdomain("migov")
    os.environ["LANGUAGE"] = lang
    try:
        yield
    finally:
        _gettext.textdomain(domain)
        if language is None:
            os.environ.pop("LANGUAGE", None)
        else:
            os.environ["LANGUAGE"] = language


@lru_cache(maxsize=8192)  # Babel takes about 0.2 ms a number; a report writes a hundred, a batch the same ones again
def format_number(value: float | None, lang: str, digits: int = 1) -> str:
    """A number for ``lang`` (57.5 in English, 57,5 in French); a dash when there is none.

    >>> format_number(1234.56, "fr"), format_number(2.25, "en"), format_number(-0.5, "en", 0)
    ('1\u202f234,6', '2.2', '-0')
    """
    if value is None:
        return "—"
    from engine.numbers import apply_pattern, isfinite, number_symbols  # json: not for --version or --help

    symbols = number_symbols().get(lang)
    if symbols is not None and isfinite(value):
        return apply_pattern(value, symbols, {"prefix": ["", "-"], "suffix": ["", ""], "grouping": [3, 3], "int": 1,
                                              "frac": [digits, digits], "scale": 0})
    from babel.numbers import format_decimal

    return str(format_decimal(value, format="#,##0." + "0" * digits if digits else "#,##0", locale=lang))


def format_value(value: object, lang: str) -> str:
    """A fact's value or a bound as ``lang`` writes it: a fraction with its own digits and the language's decimal sign
    (6.1 in English, 6,1 in French), a whole number as it is (a year is 2021, never 2 021), anything else as text.

    >>> format_value(6.1, "fr"), format_value(100.0, "fr"), format_value(2021, "fr"), format_value(0.25, "en"), format_value("x", "fr")
    ('6,1', '100', '2021', '0.25', 'x')
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, int) or value.is_integer():
        return str(int(value))
    text = repr(value)
    if "e" in text or "n" in text:  # 1e-07, inf, nan: as Python writes them
        return text
    return format_number(value, lang, len(text.partition(".")[2]))


@lru_cache(maxsize=8192)
def format_percent(value: float | None, lang: str) -> str:
    """A share as a percentage for ``lang`` (92% in English, 92 % in French).

    >>> format_percent(0.925, "en"), format_percent(0.935, "fr")
    ('92%', '94\xa0%')
    """
    if value is None:
        return "—"
    from engine.numbers import apply_pattern, isfinite, number_symbols  # json: not for --version or --help

    symbols = number_symbols().get(lang)
    if symbols is not None and isfinite(value):
        return apply_pattern(value, symbols, symbols["percent"])
    from babel.numbers import format_percent as fp

    return str(fp(value, locale=lang))


TYPOGRAPHY = "@typography"
"""The catalogue entry whose translation gives the typography of its language, as ``name=space`` words: ``colon``,
``semicolon``, ``question``, ``exclamation``, ``percent`` (the space put before that mark), ``guillemets`` (the space
inside « »), ``apostrophe=’`` (a typographic apostrophe inside a word), ``quotes=«»`` ("x" written « x »); a space is
``nbsp`` (U+00A0) or ``nnbsp`` (U+202F). No translation, or no word: the language's text is left as written."""
_MARKS = {"colon": ":", "semicolon": ";", "question": "?", "exclamation": "!", "percent": "%"}
NBSP, NNBSP = "\u00a0", "\u202f"
_SPACE_NAMES = {"nbsp": NBSP, "nnbsp": NNBSP}
_SPACES = " \u00a0\u202f"
_AFTER_MARK = frozenset(" \t\n\r\u00a0\u202f).,»")  # what may follow ; ? ! or : for it to be punctuation
_QUOTED = r"""(?<![\w='"])(["'])([^"'<>\n]{1,200})\1(?![\w'"])"""
_CODE = r"(?<![\\`])(``?)(?!`)(.+?)(?<!`)\1(?!`)"  # `code` and ``code``: left as written
# compiled when a language's typography first needs them (re.compile at import was a visible part of a cold start)


class Typography:
    """The rules of one language: the space before each mark, inside « », the apostrophe, "x" as « x ».

    A plain class (a NamedTuple compiles its methods when ``migov --version`` imports this module)."""

    __slots__ = ("apostrophe", "before", "inside", "quotes", "tokens")

    def __init__(self, before: dict[str, str], inside: str | None, apostrophe: str | None, quotes: bool, tokens: re.Pattern[str]) -> None:
        self.before = before
        self.inside = inside
        self.apostrophe = apostrophe
        self.quotes = quotes
        self.tokens = tokens  # the characters these rules touch


class Verbatim(str):
    """Text :func:`typography` leaves as written: code, a YAML example, a command."""


@cache
def typography_rules(lang: str) -> Typography | None:
    """The typography of ``lang`` read from its catalogue (:data:`TYPOGRAPHY`), or None when it changes nothing.

    >>> typography_rules("en") is None, typography_rules("fr").before[":"] == "\u00a0"
    (True, True)
    """
    words = dict(w.partition("=")[::2] for w in translate(TYPOGRAPHY, lang).split() if "=" in w)
    before = {mark: _SPACE_NAMES[words[name]] for name, mark in _MARKS.items() if words.get(name) in _SPACE_NAMES}
    inside, apostrophe = _SPACE_NAMES.get(words.get("guillemets", "")), words.get("apostrophe") or None
    marks = "".join(before) + ("«»" if inside is not None else "") + ("'" if apostrophe else "")
    if not marks and words.get("quotes") != "«»":
        return None
    return Typography(before, inside, apostrophe, words.get("quotes") == "«»", re.compile("[" + re.escape(marks or "\"") + "]"))


def _typeset(value: str, r: Typography) -> str:
    if r.quotes and ('"' in value or "'" in value):  # "x" and 'x' (click's quoted values) as « x »
        value = re.sub(_QUOTED, "«" + (r.inside or "") + r"\2" + (r.inside or "") + "»", value)
    out: list[str] = []
    pos, n = 0, len(value)
    for m in r.tokens.finditer(value):
        i = m.start()
        if i < pos:  # inside the spaces a « already took
            continue
        ch, before, after = value[i], value[pos:i], value[i + 1] if i + 1 < n else ""
        if ch == "'":
            out.append(before + (r.apostrophe if r.apostrophe and before[-1:].isalnum() and after.isalnum() else "'"))
        elif ch == "«" and r.inside is not None:
            j = i + 1
            while j < n and value[j] in _SPACES:
                j += 1
            out.append(before + "«" + r.inside)
            pos = j
            continue
        else:
            stripped = before.rstrip(_SPACES if ch != "%" else " \u202f")
            spaced = len(stripped) < len(before)
            prev = stripped[-1:] or (out[-1][-1:] if out else "")
            start = not stripped and not out  # the value begins with its mark: the catalogue's " : "
            if ch == "»":
                fixed = (r.inside or "") + "»" if prev and prev not in _SPACES and not prev.isspace() else None
            elif ch == "%":
                fixed = r.before["%"] + "%" if spaced and prev.isdigit() else None
            elif after and after not in _AFTER_MARK:
                fixed = None
            elif prev.isalnum() or prev in ")]»%_" or (start and spaced):  # "f[2] :", a field of a list
                fixed = r.before[ch] + ch
            else:
                fixed = None
            out.append(stripped + fixed if fixed is not None else before + ch)
        pos = i + 1
    out.append(value[pos:])
    return "".join(out)


def typography(value: str, lang: str) -> str:
    """``value`` in the typography of ``lang`` (:func:`typography_rules`): in French a no-break space before ``:``, a
    narrow one before ``;`` ``?`` ``!`` and inside « », typographic apostrophes; code in backticks and
    :class:`Verbatim` text left as written, as is every language whose catalogue gives no rule.

    >>> typography("Score global : 62,5 ; l'OIM ? « Pacte »", "fr") == "Score global\\u00a0: 62,5\\u202f; l’OIM\\u202f? «\\u202fPacte\\u202f»"
    True
    >>> [typography(x, "fr") for x in ("12:30", "http://x?y=1", " : ", "fin;", "62,5 %", '"Pacte"', "voir `a: b`")]
    ['12:30', 'http://x?y=1', '\\xa0: ', 'fin\\u202f;', '62,5\\xa0%', '«\\u202fPacte\\u202f»', 'voir `a: b`']
    >>> typography("pour '--format' : 'x', 'y' ; l'OIM, aujourd'hui", "fr").replace(NNBSP, "_").replace(NBSP, "_")
    'pour «_--format_»_: «_x_», «_y_»_; l’OIM, aujourd’hui'
    >>> typography("Note: it's 5 ; ok", "en"), typography(Verbatim("a: b"), "fr")
    ("Note: it's 5 ; ok", 'a: b')
    """
    rules = typography_rules(lang) if value and not isinstance(value, Verbatim) else None
    if rules is None:
        return value
    if "`" not in value:
        return _typeset(value, rules)
    parts, pos = [], 0
    for m in re.finditer(_CODE, value):
        parts += [_typeset(value[pos:m.start()], rules) if m.start() > pos else "", m.group()]
        pos = m.end()
    return "".join(parts) + (_typeset(value[pos:], rules) if pos < len(value) else "")
