"""``migov compare BEFORE AFTER``: what improved and what regressed between two rounds."""

from __future__ import annotations

import json
from pathlib import Path

import click

from engine.cli.lazy import Command
from engine.cli.options import chosen_format, format_option, lang_option, output_option, rules_option
from engine.cli.output import emit, fail, notes, quiet_option, warn
from engine.cli.texts import command_help
from engine.compare.compare import bands_of, compare, load_side, render_html, render_markdown, render_text
from engine.errors import MigovError
from engine.i18n import _


def compare_command() -> click.Command:
    @click.command("compare", cls=Command, help=command_help("compare"))
    @click.argument("before", type=click.Path(path_type=Path))
    @click.argument("after", type=click.Path(path_type=Path))
    @rules_option()
    @format_option(["text", "json", "markdown", "html"], default=None, help=_("Default: from the output file's extension, else text."))
    @output_option()
    @lang_option()
    @quiet_option()
    def compare_cmd(before: Path, after: Path, rules_spec: str | None, fmt: str | None, output: str | None, lang: str | None) -> None:
        try:
            fmt = chosen_format(fmt, output, ["text", "json", "markdown", "html"], "text")
            with notes():
                b, a = load_side(before, rules_spec, lang, warn), load_side(after, rules_spec, lang, warn)
            c = compare(b, a, bands_of(a, rules_spec))
            if lang:
                c["language"] = lang
            text = {"json": lambda: json.dumps(c, ensure_ascii=False, indent=2) + "\n", "markdown": lambda: render_markdown(c),
                    "html": lambda: render_html(c), "text": lambda: render_text(c)}[fmt]()
            emit(text, output, [before, after])
        except MigovError as exc:
            fail(exc)

    return compare_cmd
