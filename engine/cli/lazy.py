"""A click group that imports a command's module only when that command runs (click's LazyGroup pattern).

``migov --help`` lists the commands from :func:`engine.cli.texts.command_help`, so it imports none of them.
"""

from __future__ import annotations

import importlib
from gettext import gettext
from typing import Any

import click

from engine.cli.texts import command_help


class LazyGroup(click.Group):
    """``lazy`` maps a command name to ``"module:factory"``; the factory returns the command."""

    def __init__(self, *args: Any, lazy: dict[str, str] | None = None, prefix: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy or {})
        self.prefix = prefix  # "rules " for the subcommands of ``migov rules``

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy and cmd_name not in self.commands:
            module, factory = self.lazy[cmd_name].split(":")
            command = getattr(importlib.import_module(module), factory)()
            if not isinstance(command, click.Command):  # pragma: no cover - a programming error
                raise TypeError(f"{self.lazy[cmd_name]} did not make a click command")
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The list of commands, from their help texts alone (nothing imported)."""
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(len(n) for n in names)
        rows = []
        for name in names:
            loaded = self.commands.get(name)
            if loaded is not None and loaded.hidden:
                continue
            shown = loaded if loaded is not None else click.Command(name, help=command_help(self.prefix + name))
            text = shown.get_short_help_str(limit)  # click's public way to shorten a help text
            rows.append((name, text))
        if rows:
            with formatter.section(gettext("Commands")):  # click's own heading, as click writes it
                formatter.write_dl(rows)
