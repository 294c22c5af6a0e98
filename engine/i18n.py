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
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache, lru_cache
from pathlib import Path

LOCALE_DIR = Path(__file__).parent / "locale"
SOURCE_LANGUAGE = "en"  # the language of the message ids
_state = {"lang": SOURCE_LANGUAGE}


@cache
def languages() -> tuple[str, ...]:
    """The languages migov speaks: the source language and every catalogue that exists.

    A third language is a new ``locale/<code>/LC_MESSAGES/migov.po`` (compiled to .mo) plus the packs' texts.

    >>> languages()[:2]
    ('en', 'fr')
    """
    found = sorted(p.parts[-3] for p in LOCALE_DIR.glob("*/LC_MESSAGES/migov.mo"))
    return (SOURCE_LANGUAGE, *[code for code in found if code != SOURCE_LANGUAGE])


@cache
def catalogue(lang: str) -> _gettext.NullTranslations:
    """The compiled catalogue of ``lang``, opened by its path (``gettext.translation`` would first expand the
    code through the locale aliases, a noticeable part of a cold run); none for the source language."""
    try:
        with (LOCALE_DIR / lang / "LC_MESSAGES" / "migov.mo").open("rb") as fh:
            return _gettext.GNUTranslations(fh)
    except (OSError, ValueError):  # no catalogue (the source language, an unknown code) or an unreadable one
        return _gettext.NullTranslations()


def translate(message: str, lang: str | None = None) -> str:
    """Translate one engine string into ``lang`` (default: the current language)."""
    return catalogue(lang or _state["lang"]).gettext(message)


_ = translate


def translate_plural(singular: str, plural: str, n: int, lang: str | None = None) -> str:
    """The form of a message for the count ``n`` in ``lang`` (the catalogue's plural rule: French 0 and 1 are singular)."""
    return catalogue(lang or _state["lang"]).ngettext(singular, plural, n)


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
    _gettext.bindtextdomain("migov", str(LOCALE_DIR))
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
