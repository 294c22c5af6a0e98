"""The typography of each language, applied to every generated text (the jinja environment's ``finalize``, and
the text and Markdown renderers). The rules are data, one catalogue entry per language (:data:`engine.i18n.TYPOGRAPHY`),
and the filter itself lives with the catalogue (:func:`engine.i18n.typography`), so that error lines, ``--help``,
``explain`` and the questionnaire, which stand below the renderers, are set the same way.
"""

from __future__ import annotations

from collections.abc import Callable

from engine.i18n import NBSP, NNBSP, Verbatim, typography, typography_rules

__all__ = ["NBSP", "NNBSP", "RULED", "Verbatim", "typographer", "typography"]


class _Ruled:
    """``lang in RULED``: whether the typography of ``lang`` changes a text (a language whose catalogue gives no rule is
    left as written, and a template need not call the filter for each value)."""

    def __contains__(self, lang: object) -> bool:
        return isinstance(lang, str) and typography_rules(lang) is not None


RULED = _Ruled()


def typographer(lang: str) -> Callable[[str], str]:
    """:func:`typography` for one language, for renderers that write text outside a template."""
    return lambda value: typography(value, lang)
