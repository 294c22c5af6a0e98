"""The one jinja environment over the templates in ``reports/``, per language and escaping mode.

Every value a template writes passes through :func:`typography` for the report's language (jinja's
``finalize``, only in a language whose typography changes text, :data:`RULED`: in the others it would leave
every value as it is, one call each), so French spacing and apostrophes are applied once, here, and never by
hand in a string.
Markup (the stylesheet, the chart, the embedded data) is left as it is.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from engine.i18n import catalogue
from engine.pack.cache import cache_dir
from engine.render.escape import markdown
from engine.render.typography import RULED, typographer, typography
from engine.resources import data_dir

__all__ = ["environment", "markdown_text", "plain_join", "stylesheet", "typography"]


def markdown_text(value: object) -> str:
    r"""Text safe inside a Markdown table cell or line: its special characters escaped, on one line.

    >>> print(markdown_text("a|b *c*\nd"))
    a\|b \*c\* d
    """
    return markdown(value)


def plain_join(value: Iterable[object], d: str = "", attribute: str | None = None) -> str:
    """jinja's ``join`` as plain text, so that the joined text, like every other value, gets the typography of the
    language and is escaped once (jinja's own ``join`` returns markup that the typography would not see)."""
    items = [x[attribute] if isinstance(x, dict) else getattr(x, attribute) for x in value] if attribute else list(value)
    return d.join(str(x) for x in items)


def _finalize(lang: str) -> Callable[[object], object]:
    """The typography of ``lang`` for each written value, remembered per text (a batch's reports write the same titles,
    labels and sentences again and again; a plain ``str`` only: :class:`engine.render.typography.Verbatim` is left as it is)."""
    memo: dict[str, str] = {}

    def finalize(value: object) -> object:
        if type(value) is str:
            found = memo.get(value)
            if found is None:
                if len(memo) > 50000:  # bounded: the numbers and names of many profiles are seen once
                    memo.clear()
                found = memo[value] = typography(value, lang)
            return found
        if isinstance(value, Markup) or not isinstance(value, str):
            return value
        return typography(value, lang)

    return finalize


_DICT_ATTRIBUTES = frozenset(dir(dict))


class _Environment(Environment):
    """jinja's environment, with ``value.key`` on a plain dict (the report model) looked up without first failing as
    an attribute: the same value jinja finds (a dict has no attributes but its methods), at a fraction of the cost."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)


def _remember() -> Callable[..., Markup]:
    """``remember(macro, value)``: the macro's markup for ``value``, laid out once per environment (one language) and
    object (a batch's reports share the citation lists of each criterion, ``engine.render.summary.citations``). The
    value is held with its markup, so its id is never another object's; a macro given to it depends on its argument only."""
    memo: dict[tuple[object, ...], tuple[Any, Markup]] = {}

    def remember(macro: Callable[[Any], Markup], value: Any, key: tuple[Any, ...] | None = None, shared: Any = None) -> Markup:
        """With ``key``: the macro's markup for ``value``, laid out once per ``key`` (every text ``value`` writes, as a
        finding's row: most repeat from one report to the next) and ``shared`` (an object the markup also writes, held)."""
        held_by = value if key is None else shared
        at = (getattr(getattr(macro, "_func", macro), "__code__", macro), id(held_by), *(key or ()))  # the macro's compiled body: one per template
        held = memo.get(at)
        if held is None or held[0] is not held_by:
            if len(memo) > 20000:  # lists laid out once and never seen again (single reports): bounded
                memo.clear()
            held = memo[at] = (held_by, macro(value))
        return held[1]

    return remember


@cache
def environment(lang: str, html: bool = True) -> Environment:
    """Templates from ``reports/``: autoescaped for HTML, strict about undefined names, with the
    engine's gettext catalogue in ``lang`` behind ``{% trans %}``, ``_()`` and ``ngettext()`` (plural
    forms by the catalogue's rules: in French 0 and 1 take the singular), and every written value set
    in the typography of ``lang``."""
    ruled = lang in RULED  # else the typography leaves every value as written: no finalize call for each of them
    env = _Environment(loader=FileSystemLoader(str(data_dir("reports"))), autoescape=html, undefined=StrictUndefined,
                      extensions=["jinja2.ext.i18n"], keep_trailing_newline=True, finalize=_finalize(lang) if ruled else None)
    env.install_gettext_translations(catalogue(lang), newstyle=False)  # type: ignore[attr-defined]
    env.globals["_"] = env.globals["gettext"]  # the catalogue's own gettext, not jinja's alias that looks it up in each call's context
    # the compiled code calls finalize, or not; and jinja finalizes a constant ({{ "; " }}) when it compiles, so the
    # code compiled for one language's typography is never loaded for another's
    env.bytecode_cache = _bytecode_cache(f"typography-{lang}" if ruled else "plain")
    env.globals["remember"] = _remember()
    env.filters["md"] = markdown_text
    env.filters["typo"] = typographer(lang)
    env.filters["join"] = plain_join
    return env


@cache
def _bytecode_cache(variant: str) -> BytecodeCache | None:
    """Compiled templates kept in the compiled packs' private folder (jinja checks each against its source):
    compiling the report's template costs about 85 ms a process, loading it a few. Loading compiled code runs it,
    so the folder is the one :func:`engine.pack.cache.cache_dir` has checked (the user's own, writable by no one
    else), never a folder beside it. None where the cache is off, not private or unwritable."""
    packs = cache_dir()
    if packs is None:
        return None
    folder = Path(packs) / "templates" / variant  # one folder per compiled form (jinja keys its cache by name and source only)
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    return _Optional(str(folder)) if os.access(folder, os.W_OK) else None


class _Optional(FileSystemBytecodeCache):
    """A cache that never stops a report: a full disk or a failing read (OSError) means the template is compiled again."""

    def load_bytecode(self, bucket: Any) -> None:
        with contextlib.suppress(OSError):
            super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: Any) -> None:
        with contextlib.suppress(OSError):  # jinja removes its temporary file before the error reaches here
            super().dump_bytecode(bucket)


@cache
def stylesheet() -> str:
    """The report stylesheet, inlined into every HTML page (no file is linked)."""
    return (data_dir("reports") / "report.css").read_text(encoding="utf-8")
