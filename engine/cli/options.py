"""The options several commands share, each defined once: ``--lang``, ``--rules``, ``--output/-o``,
``--format``, ``--tailoring``, ``--engine``, ``--kind`` and the PACK argument.

Each is a decorator factory; keyword arguments override what differs between commands (a required
output, a folder rather than a file, other formats). Built when the command is built, after the
language is chosen, so that help is translated.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from engine.errors import MigovError
from engine.i18n import _, languages

F = TypeVar("F", bound=Callable[..., Any])
Decorator = Callable[[F], F]


LANG_KEY = "migov.lang"  # in the context's meta: the --lang given before the command (``migov --lang fr assess``)


def lang_option(**overrides: Any) -> Decorator[Any]:
    """``--lang``: one of the languages migov has a catalogue for; by default the one given before the command, if any."""
    return click.option("--lang", **{"type": click.Choice(list(languages())), "default": _lang_before_the_command,
                                     "help": _("Language of the output (default: the input's, else from LANGUAGE, LC_ALL, LC_MESSAGES or LANG)."),
                                     **overrides})


def _lang_before_the_command() -> str | None:
    ctx = click.get_current_context(silent=True)
    found = ctx.meta.get(LANG_KEY) if ctx is not None else None
    return found if isinstance(found, str) else None


def rules_option(dest: str = "rules_spec", **overrides: Any) -> Decorator[Any]:
    """``--rules``: a bundled pack id or a pack folder."""
    return click.option("--rules", dest, **{"default": None, "help": _("Bundled pack id or pack directory (default: the profile's 'pack', else the default pack)."),
                                            **overrides})


def output_option(**overrides: Any) -> Decorator[Any]:
    """``--output/-o``: by default a file written atomically, else stdout."""
    return click.option("--output", "-o", "output", **{"default": None, "help": _("Write to this file (atomically) instead of stdout."), **overrides})


def format_option(choices: Sequence[str], default: str | None = "text", **overrides: Any) -> Decorator[Any]:
    """``--format``: one of ``choices``."""
    return click.option("--format", "fmt", **{"type": click.Choice(list(choices)), "default": default, "show_default": default is not None, **overrides})


def tailoring_option(**overrides: Any) -> Decorator[Any]:
    """``--tailoring``: a tailoring file."""
    return click.option("--tailoring", "tailoring", **{"type": click.Path(path_type=Path), "default": None, **overrides})


def engine_option(**overrides: Any) -> Decorator[Any]:
    """``--engine``: durable_rules or the plain-Python reference evaluator."""
    return click.option("--engine", **{"type": click.Choice(["durable", "python"]), "default": "durable", "show_default": True, **overrides})


def kind_option(**overrides: Any) -> Decorator[Any]:
    """``--kind``: free text, checked against the pack once it is loaded (kinds are the pack's vocabulary)."""
    return click.option("--kind", **{"default": None, "help": _("The kind of profile (one of the pack's kinds)."), **overrides})


def pack_argument() -> Decorator[Any]:
    """PACK: a bundled pack id or folder; by default the default pack."""
    return click.argument("pack", required=False, default=_default_pack)


def _default_pack() -> str:
    from engine.pack.loading import default_pack  # pydantic and the pack models: only when PACK is left out

    return default_pack()


EXTENSIONS = {".txt": "text", ".json": "json", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html", ".pdf": "pdf",
              ".xlsx": "xlsx", ".yaml": "yaml", ".yml": "yaml"}
"""The format an output file's extension names (``-o report.html`` is HTML without ``--format``)."""
REPORTS = {"text", "json", "markdown", "html", "pdf"}  # a command that cannot write one of these refuses its extension


def chosen_format(fmt: str | None, output: str | Path | None, choices: Sequence[str], default: str) -> str:
    """``--format`` if given, else the output's extension when it names one of ``choices``, else ``default``.

    A ``--format`` that contradicts the extension (``--format json -o x.html``) is a one-line error.

    >>> chosen_format(None, "r.HTML", ["text", "html"], "text"), chosen_format(None, None, ["text"], "text")
    ('html', 'text')
    """
    named = EXTENSIONS.get(Path(str(output)).suffix.lower()) if output not in (None, "-") else None
    if fmt is None:
        if named in REPORTS and named not in choices:  # compare -o x.pdf: not a text file named .pdf
            raise MigovError(_("this command cannot write {named} (the output file's extension {ext}); it writes: {choices}")
                             .format(named=named, ext=Path(str(output)).suffix, choices=", ".join(choices)), field="--output")
        return named if named is not None and named in choices else default
    if named is not None and named != fmt:
        raise MigovError(_("{fmt} contradicts the output file's extension {ext} ({named}): drop --format or rename the file")
                         .format(fmt=fmt, ext=Path(str(output)).suffix, named=named), field="--format")
    return fmt
