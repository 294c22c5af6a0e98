"""The one jinja environment over the templates in ``reports/``, per language and escaping mode."""

from __future__ import annotations

import os
from functools import cache

from jinja2 import BytecodeCache, Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined

from engine.i18n import catalogue
from engine.pack.cache import cache_dir
from engine.render.escape import markdown
from engine.resources import data_dir


def markdown_text(value: object) -> str:
    r"""Text safe inside a Markdown table cell or line: its special characters escaped, on one line.

    >>> print(markdown_text("a|b *c*\nd"))
    a\|b \*c\* d
    """
    return markdown(value)


@cache
def environment(lang: str, html: bool = True) -> Environment:
    """Templates from ``reports/``: autoescaped for HTML, strict about undefined names, with the
    engine's gettext catalogue in ``lang`` behind ``{% trans %}`` and ``_()``."""
    env = Environment(loader=FileSystemLoader(str(data_dir("reports"))), autoescape=html, undefined=StrictUndefined,
                      extensions=["jinja2.ext.i18n"], keep_trailing_newline=True)
    env.install_gettext_translations(catalogue(lang), newstyle=False)  # type: ignore[attr-defined]
    env.globals["_"] = env.globals["gettext"]  # the catalogue's own gettext, not jinja's alias that looks it up in each call's context
    env.bytecode_cache = _bytecode_cache()
    env.filters["md"] = markdown_text
    return env


@cache
def _bytecode_cache() -> BytecodeCache | None:
    """Compiled templates kept beside the compiled packs (jinja checks each against its source): compiling the
    report's template costs about 85 ms a process, loading it a few. None where the cache is off or unwritable."""
    folder = cache_dir()
    if folder is None:
        return None
    folder = folder.parent / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder)) if os.access(folder, os.W_OK) else None


@cache
def stylesheet() -> str:
    """The report stylesheet, inlined into every HTML page (no file is linked)."""
    return (data_dir("reports") / "report.css").read_text(encoding="utf-8")
