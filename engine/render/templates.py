"""The one jinja environment over the templates in ``reports/``, per language and escaping mode.

Every value a template writes passes through :func:`typography` for the report's language (jinja's
``finalize``), so French spacing and apostrophes are applied once, here, and never by hand in a string.
Markup (the stylesheet, the chart, the embedded data) is left as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from engine.i18n import catalogue
from engine.resources import data_dir

_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|#"})
NNBSP, NBSP = "\u202f", "\u00a0"
_FR_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?<=\w)'(?=\w)"), "\u2019"),  # l'OIM -> l’OIM
    (re.compile(r'(?<![\w=])"([^"<>\n]{1,200})"(?!\w)'), "«\u202f\\1\u202f»"),  # "x" -> « x »
    (re.compile(r"«[ \u00a0\u202f]*"), "«" + NNBSP),
    (re.compile(r"(?<=\S)[ \u00a0\u202f]*»"), NNBSP + "»"),
    (re.compile(r"(?<=[\w)»])[ \u00a0\u202f]*(?=[;?!](?:\s|$|\)|»|\.|,))"), NNBSP),  # mot ; mot ? mot !
    (re.compile(r"(?<=[\w)»%])[ \u00a0\u202f]*(?=:(?:\s|$))"), NBSP),  # Score global : 62,5
    (re.compile(r"(?<=\d)[ \u202f]+(?=%)"), NBSP),  # 62,5 %
    (re.compile(r"^[ \u00a0\u202f]+(?=:)"), NBSP),  # a value that starts with its colon: the catalogue's " : "
    (re.compile(r"^[ \u00a0\u202f]+(?=[;?!])"), NNBSP),
)


def typography(value: str, lang: str) -> str:
    """``value`` with the typographic rules of ``lang``: in French, a no-break space before ``:``, a narrow
    no-break space before ``;`` ``?`` ``!`` and inside « », typographic apostrophes and quotes; other
    languages are left as written.

    >>> typography("Score global : 62,5 ; l'OIM ? « Pacte »", "fr") == "Score global\\u00a0: 62,5\\u202f; l’OIM\\u202f? «\\u202fPacte\\u202f»"
    True
    >>> typography("Note: it's 5 ; ok", "en")
    "Note: it's 5 ; ok"
    """
    if lang != "fr" or not value:
        return value
    for pattern, replacement in _FR_RULES:
        value = pattern.sub(replacement, value)
    return value


def typographer(lang: str) -> Callable[[str], str]:
    """:func:`typography` for one language, for renderers that write text outside a template."""
    return lambda value: typography(value, lang)


def markdown_text(value: object) -> str:
    r"""Text safe inside a Markdown table cell or line: its special characters escaped, on one line.

    >>> print(markdown_text("a|b *c*\nd"))
    a\|b \*c\* d
    """
    return str(value).translate(_MD_SPECIAL).replace("\n", " ")


def plain_join(value: Iterable[object], d: str = "", attribute: str | None = None) -> str:
    """jinja's ``join`` as plain text, so that the joined text, like every other value, gets the typography of the
    language and is escaped once (jinja's own ``join`` returns markup that the typography would not see)."""
    items = [x[attribute] if isinstance(x, dict) else getattr(x, attribute) for x in value] if attribute else list(value)
    return d.join(str(x) for x in items)


def _finalize(lang: str) -> Callable[[object], object]:
    def finalize(value: object) -> object:
        if isinstance(value, Markup) or not isinstance(value, str):
            return value
        return typography(value, lang)

    return finalize


@cache
def environment(lang: str, html: bool = True) -> Environment:
    """Templates from ``reports/``: autoescaped for HTML, strict about undefined names, with the
    engine's gettext catalogue in ``lang`` behind ``{% trans %}``, ``_()`` and ``ngettext()`` (plural
    forms by the catalogue's rules: in French 0 and 1 take the singular), and every written value set
    in the typography of ``lang``."""
    env = Environment(loader=FileSystemLoader(str(data_dir("reports"))), autoescape=html, undefined=StrictUndefined,
                      extensions=["jinja2.ext.i18n"], keep_trailing_newline=True, finalize=_finalize(lang))
    env.install_gettext_translations(catalogue(lang), newstyle=False)  # type: ignore[attr-defined]
    env.filters["md"] = markdown_text
    env.filters["typo"] = typographer(lang)
    env.filters["join"] = plain_join
    return env


@cache
def stylesheet() -> str:
    """The report stylesheet, inlined into every HTML page (no file is linked)."""
    return (data_dir("reports") / "report.css").read_text(encoding="utf-8")
