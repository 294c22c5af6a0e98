"""The one jinja environment over the templates in ``reports/``, per language and escaping mode."""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from engine.i18n import catalogue
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
    env.filters["md"] = markdown_text
    return env


@cache
def stylesheet() -> str:
    """The report stylesheet, inlined into every HTML page (no file is linked)."""
    return (data_dir("reports") / "report.css").read_text(encoding="utf-8")
