"""Getting started: ``migov examples [--copy DIR]`` (the bundled example profiles) and ``migov doctor``.

Both work the same from a checkout and from an installed wheel, where the example profiles and the packs
live inside the package (:func:`engine.resources.data_dir`).
"""

from __future__ import annotations

import importlib.util
import os
import sys
import tempfile
from pathlib import Path

import click

from engine.cli.lazy import Command
from engine.cli.output import fail
from engine.cli.texts import command_help
from engine.errors import MigovError
from engine.i18n import _
from engine.i18n import translate_plural as ngettext
from engine.outputs import write_atomic
from engine.resources import data_dir

SUPPORTED_PYTHON = ((3, 11), (3, 12), (3, 13), (3, 14))


def example_profiles() -> list[Path]:
    """The bundled example profiles, by name."""
    return sorted(data_dir("profiles").glob("*.yaml"))


def copy_files(files: list[Path], folder: Path, base: Path) -> list[Path]:
    """``files`` copied under ``folder`` (made if missing) as they sit under ``base``; never over an existing file."""
    targets = [folder / f.relative_to(base) for f in files]
    taken = [t for t in targets if t.exists()]
    if taken:
        raise MigovError(_("already exists; choose another folder (nothing was copied)"), file=str(taken[0]))
    for source, target in zip(files, targets, strict=True):
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, source.read_bytes(), [source])
    return targets


def examples_command() -> click.Command:
    @click.command("examples", cls=Command, help=command_help("examples"))
    @click.option("--copy", "folder", type=click.Path(file_okay=False, path_type=Path), default=None,
                  help=_("Copy the example profiles into this folder (made if missing; nothing is overwritten)."))
    def examples(folder: Path | None) -> None:
        files = example_profiles()
        if folder is None:
            for f in files:
                click.echo(str(f))
            return
        try:
            for target in copy_files(files, folder, data_dir("profiles")):
                click.echo(str(target))
        except (MigovError, OSError) as exc:
            fail(exc if isinstance(exc, MigovError) else MigovError(str(exc), file=str(folder)))

    return examples


def doctor_command() -> click.Command:
    @click.command("doctor", cls=Command, help=command_help("doctor"))
    def doctor() -> None:
        problems = 0
        for ok, required, what, fix in checks():
            mark = _("ok") if ok else (_("MISSING") if required else _("optional, missing"))
            click.echo(f"[{mark}] {what}" + ("" if ok or not fix else f" — {fix}"))
            problems += int(required and not ok)
        click.echo(_("Everything migov needs is here.") if not problems else ngettext("{n} required item missing: see above.", "{n} required items missing: see above.", problems).format(n=problems))
        sys.exit(1 if problems else 0)

    return doctor


def checks() -> list[tuple[bool, bool, str, str]]:
    """(found, required, what, how to install it) for each thing migov uses."""
    from engine.evaluate.durable import adapter  # the C extension: this check is about whether it loads
    from engine.pack.loading import bundled_packs, load_pack
    from engine.render.pdf import find_chromium, missing_chromium  # the PDF printer's own search

    version = sys.version_info[:2]
    out = [(version in SUPPORTED_PYTHON, True, _("Python {v} (3.11 to 3.14 supported)").format(v=f"{version[0]}.{version[1]}"),
            _("install Python 3.12 or later and make a new virtual environment with it"))]
    running = _("durable_rules") if adapter.available() else _("the plain-Python reference evaluator")
    out.append((True, True, _("evaluator: {name} (--engine auto)").format(name=running), ""))
    out.append((adapter.available(), False, _("durable_rules engine (optional: without it the plain-Python evaluator gives the same results)"),
                _("pip install 'migov[durable]' on Python 3.11 or 3.12 (needs gcc and python3-dev: apt-get install gcc python3-dev)")))
    chromium = find_chromium()
    out.append((chromium is not None, False, _("Chromium for PDF reports and the browser tests: {path}").format(path=chromium or "—"),
                missing_chromium() if os.environ.get("MIGOV_CHROMIUM") else _("apt-get install chromium, or set MIGOV_CHROMIUM to a Chromium or Chrome binary")))
    for module, what in (("playwright", _("Playwright (browser tests)")), ("pytest", _("pytest (the test suite)"))):
        out.append((importlib.util.find_spec(module) is not None, False, what, _("pip install 'migov[test]' (or pip install '.[test]' in a checkout)")))
    out.append((_writable(Path.cwd()), True, _("write access to the current folder ({cwd})").format(cwd=Path.cwd()),
                _("run migov from a folder you can write to, or give -o a path you can write")))
    for name in bundled_packs():
        try:
            pack = load_pack(name)
            out.append((True, True, _("rule pack {id} {version}: {n} rules").format(id=name, version=pack.header.version, n=len(pack.rules)), ""))
        except MigovError as exc:
            out.append((False, True, _("rule pack {id}: {error}").format(id=name, error=exc), _("reinstall migov")))
    if not bundled_packs():
        out.append((False, True, _("no rule pack is installed"), _("reinstall migov")))
    out.append((bool(example_profiles()), False, _("example profiles: {folder}").format(folder=data_dir("profiles")), _("reinstall migov")))
    return out


def _writable(folder: Path) -> bool:
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".migov-doctor-"):
            return os.access(folder, os.W_OK)
    except OSError:
        return False
