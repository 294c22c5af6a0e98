"""The options several commands share, each defined once: ``--lang``, ``--rules``, ``--output/-o``,
``--format``, ``--tailoring``, ``--engine``, ``--kind`` and the PACK argument.

Each is a decorator factory; keyword arguments override what differs between commands (a required
output, a folder rather than a file, other formats). Built when the command is built, after the
language is chosen, so that help is translated.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from os import PathLike
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from click.shell_completion import CompletionItem

from engine.errors import MigovError
from engine.i18n import _, current_language, format_value, languages
from engine.resources import suffix

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
    return click.option("--rules", dest, **{"help": _("Bundled pack id or pack directory (default: the profile's 'pack', else the default pack)."),
                                            "shell_complete": complete_packs, **overrides})


def complete_packs(_ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Shell completion of ``--rules``: the bundled pack ids that start with what is typed, and folders."""
    from click.shell_completion import CompletionItem  # only when the shell asks (not imported by --version or a command)

    from engine.pack.loading import bundled_packs  # the rules folder: only when the shell asks

    return [CompletionItem(name) for name in bundled_packs() if name.startswith(incomplete)] + [CompletionItem(incomplete, type="dir")]


def output_option(**overrides: Any) -> Decorator[Any]:
    """``--output/-o``: by default a file written atomically, else stdout."""
    return click.option("--output", "-o", "output", **{"help": _("Write to this file (atomically) instead of stdout."), **overrides})


def format_option(choices: Sequence[str], default: str | None = "text", **overrides: Any) -> Decorator[Any]:
    """``--format``: one of ``choices``."""
    return click.option("--format", "fmt", **{"type": click.Choice(list(choices)), "default": default, "show_default": default is not None,
                                               "help": _("Output format."), **overrides})


def tailoring_option(**overrides: Any) -> Decorator[Any]:
    """``--tailoring``: a tailoring file."""
    return click.option("--tailoring", "tailoring", **{"type": PathType(),
                                                        "help": _("A tailoring file: rules deselected, weights, thresholds and bands changed, with reasons."),
                                                        **overrides})


class PathType(click.ParamType):  # type: ignore[type-arg]  # generic only from click 8.2
    """A path as typed, a string (no ``pathlib`` on a cold command's path: :mod:`engine.resources`): ``click.Path()``
    without its checks (the command reads the file and names what is wrong), whose name click would look up through
    gettext when the type is made (``locale`` imported and the disk searched, in every cold command).

    >>> PathType().convert("p.yaml", None, None)
    'p.yaml'
    """

    def __init__(self) -> None:
        self.name = _("path")  # the metavar click shows: PATH, CHEMIN

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        return os.fspath(value)

    def shell_complete(self, ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
        from click.shell_completion import CompletionItem  # only when the shell asks

        return [CompletionItem(incomplete, type="file")]


def engine_option(**overrides: Any) -> Decorator[Any]:
    """``--engine``: durable_rules, the plain-Python reference evaluator, or whichever is here (auto)."""
    return click.option("--engine", **{"type": click.Choice(["auto", "durable", "python"]), "default": "auto", "show_default": True,
                                       "help": _("durable_rules, the reference evaluator (python, same results) or auto"), **overrides})


def kind_option(**overrides: Any) -> Decorator[Any]:
    """``--kind``: free text, checked against the pack once it is loaded (kinds are the pack's vocabulary)."""
    return click.option("--kind", **{"help": _("The kind of profile (one of the pack's kinds)."), **overrides})


class Between(click.ParamType):  # type: ignore[type-arg]  # generic only from click 8.2
    """A number from ``low`` to ``high`` (whole if ``whole``), told in the user's language when it is not one: « 150 n’est
    pas entre 0 et 100 », where click's ranges print « 150.0 n’est pas dans l’intervalle 0<=x<=100 ». The language's
    decimal sign is accepted as typed (``--fail-under 62,5`` in French).

    >>> Between(0, 100).convert("62.5", None, None), Between(1, 64, whole=True).convert("4", None, None)
    (62.5, 4)
    """

    def __init__(self, low: float, high: float, whole: bool = False) -> None:
        self.low, self.high, self.whole = low, high, whole
        self.name = "integer" if whole else "float"  # the metavar click shows: INTEGER, FLOAT

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        lang = current_language()
        if isinstance(value, str):
            from engine.numbers import number_symbols  # json: only when a number is typed

            typed = value.strip().replace(number_symbols().get(lang, {}).get("decimal", "."), ".")
            try:
                number: float = int(typed) if self.whole else float(typed)
            except ValueError:
                said = _("'{value}' is not a whole number") if self.whole else _("'{value}' is not a number")
                self.fail(said.format(value=value), param, ctx)
        else:
            number = value
        if not self.low <= number <= self.high:  # NaN too
            self.fail(_("{value} is not between {low} and {high}").format(
                value=format_value(number, lang), low=format_value(self.low, lang), high=format_value(self.high, lang)), param, ctx)
        return number

    def described(self) -> str:
        """The range for a help text: « [entre 0 et 100] »."""
        lang = current_language()
        return _("[between {low} and {high}]").format(low=format_value(self.low, lang), high=format_value(self.high, lang))


def between_option(*names: str, low: float, high: float, whole: bool = False, help: str, **overrides: Any) -> Decorator[Any]:
    """An option taking a number from ``low`` to ``high``, its range in words at the end of its help."""
    kind = Between(low, high, whole)
    return click.option(*names, **{"type": kind, "default": None, "help": f"{help}  {kind.described()}", **overrides})


def pack_argument() -> Decorator[Any]:
    """PACK: a bundled pack id or folder; by default the default pack."""
    return click.argument("pack", required=False, default=_default_pack)


def _default_pack() -> str:
    from engine.pack.loading import default_pack  # pydantic and the pack models: only when PACK is left out

    return default_pack()


EXTENSIONS = {".txt": "text", ".json": "json", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html", ".pdf": "pdf",
              ".xlsx": "xlsx", ".yaml": "yaml", ".yml": "yaml"}
"""The format an output file's extension names (``-o report.html`` is HTML without ``--format``)."""


def chosen_format(fmt: str | None, output: str | PathLike[str] | None, choices: Sequence[str], default: str) -> str:
    """``--format`` if given, else the format the output's extension names, else ``default`` (no extension, stdout).

    An extension that names no format this command writes (``-o out.docx``, ``assess -o out.yaml``) is a one-line
    error listing those it writes, unless ``--format`` says which; a ``--format`` that contradicts the extension
    (``--format json -o x.html``) is one too.

    >>> chosen_format(None, "r.HTML", ["text", "html"], "text"), chosen_format(None, None, ["text"], "text"), chosen_format("text", "r.log", ["text"], "text")
    ('html', 'text', 'text')
    """
    ext = suffix(output) if output is not None and output != "-" else ""
    named = EXTENSIONS.get(ext.lower())
    if fmt is None:
        if ext and named not in choices:
            said = (_("this command cannot write {named} (the output file's extension {ext}); it writes: {choices}") if named is not None else
                    _("the output file's extension {ext} names no format this command writes: {choices} (or choose one with --format)"))
            raise MigovError(said.format(named=named, ext=ext, choices=accepted(choices)), field="--output")
        return named or default
    if named is not None and named != fmt:
        raise MigovError(_("{fmt} contradicts the output file's extension {ext} ({named}): drop --format or rename the file")
                         .format(fmt=fmt, ext=ext, named=named), field="--format")
    return fmt


def accepted(choices: Sequence[str]) -> str:
    """Each format with the extensions that name it.

    >>> accepted(["text", "markdown"])
    'text (.txt), markdown (.md, .markdown)'
    """
    return ", ".join(f"{c} ({', '.join(e for e, f in EXTENSIONS.items() if f == c)})" for c in choices)
