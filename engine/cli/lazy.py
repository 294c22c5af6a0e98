"""migov's click commands: a group that imports a command's module only when that command runs (click's
LazyGroup pattern), and commands whose ``--help`` option is made here.

``migov --help`` lists the commands from :func:`engine.cli.texts.command_help`, so it imports none of them.
"""

from __future__ import annotations

import importlib
from gettext import gettext
from typing import Any

import click

from engine.cli.texts import command_help
from engine.i18n import _


class Command(click.Command):
    """A click command whose ``--help`` option is made here, its help from migov's catalogue.

    click's own (``get_help_option``) looks its help up through the standard library's ``gettext``, whose
    first lookup imports ``locale`` and searches the disk for a catalogue: about 1.5 ms of every cold
    command, for a line only ``--help`` prints. The option is click's public one, made once per command.
    """

    _own_help: click.Option | None = None

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        names = self.get_help_option_names(ctx)
        if not names or not self.add_help_option:
            return None
        if self._own_help is None:
            self._own_help = click.Option(names, is_flag=True, is_eager=True, expose_value=False, callback=show_help,
                                          help=_("Show this message and exit."))
        return self._own_help


def show_help(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """``--help``: the command's help, then exit 0 (what click's own option does)."""
    if value and not ctx.resilient_parsing:
        click.echo(ctx.get_help(), color=ctx.color)
        ctx.exit()


class Group(Command, click.Group):
    """A click group with migov's ``--help`` (:class:`Command`)."""


class LazyGroup(Group):
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
