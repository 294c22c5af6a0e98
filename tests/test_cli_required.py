"""Every required option of every command, left out, is one line and exit 2, in every language: never a traceback.

Click 8.3 changed what a declared ``default=None`` means (a value given, no longer "not given"), which turned a
missing ``-o`` into a traceback; this walks the whole command tree so that no option's declaration can do it again."""

from __future__ import annotations

import click
import pytest

from engine.cli import build_cli
from tests.helpers import run_cli


def _required() -> list[tuple[list[str], str]]:
    found: list[tuple[list[str], str]] = []

    def walk(cmd: click.Command, path: list[str]) -> None:
        if isinstance(cmd, click.Group):
            ctx = click.Context(cmd)
            for name in cmd.list_commands(ctx):
                sub = cmd.get_command(ctx, name)
                if sub is not None:
                    walk(sub, [*path, name])
            return
        for param in cmd.params:
            if param.required and isinstance(param, click.Option):
                found.append((path, param.opts[0]))

    walk(build_cli(), [])
    return found


REQUIRED = _required()


def test_the_walk_finds_the_required_options() -> None:
    names = {(" ".join(path), opt) for path, opt in REQUIRED}
    assert {("template", "--output"), ("batch", "--output"), ("rules schema", "--output"), ("init", "--kind")} <= names


# Each command gets what it needs except the one option: a positional argument where it has one.
ARGUMENTS = {"batch": ["profiles"]}
OTHERS = {"template": {"--kind": ["--kind", "partnership"], "--output": ["-o", "x.yaml"]}}


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
@pytest.mark.parametrize(("path", "option"), REQUIRED, ids=[f"{' '.join(p)} {o}" for p, o in REQUIRED])
def test_a_missing_required_option_is_one_line(path: list[str], option: str, lang: str) -> None:
    rest = [arg for other, given in OTHERS.get(" ".join(path), {}).items() if other != option for arg in given]
    r = run_cli("--lang", lang, *path, *ARGUMENTS.get(" ".join(path), []), *rest)
    assert r.returncode == 2, (r.returncode, r.stderr)
    assert "Traceback" not in r.stderr and r.stderr.count("\n") == 1, r.stderr
    assert option in r.stderr, r.stderr
