"""Every command of the README and of the user guide runs as written, so the documents cannot drift.

A document's ```console blocks are run in order, in one temporary folder per document:

- a line ``$ command`` is a command (a line ending with ``\\`` continues on the next one), run by bash
  with a ``migov`` on the PATH that runs this checkout;
- the lines after it, up to the next command, are output (stdout and stderr as one stream) that must
  appear in that order (each line stripped; ``...`` stands for anything);
- a command must exit 0, unless it ends with ``# exit N``.

The README's blocks run beside links to the checkout's ``profiles/`` and ``rules/``, as they would in a
clone. ``sh`` blocks (installing, the interactive questionnaire) are not run. Commands that print a PDF
are skipped where Chromium is missing, except in CI.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from engine.render.pdf import find_chromium
from tests.helpers import ROOT

DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs" / "guide").glob("*/*.md"))]
BLOCK = re.compile(r"^```console\n(.*?)^```", re.DOTALL | re.MULTILINE)
EXIT = re.compile(r"#\s*exit\s+(\d+)\s*$")


@dataclass
class Command:
    line: int
    text: str
    expected: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        found = EXIT.search(self.text)
        return int(found.group(1)) if found else 0


def commands(doc: Path) -> list[Command]:
    """The console commands of ``doc``, with the output each must print."""
    source = doc.read_text(encoding="utf-8")
    found: list[Command] = []
    for block in BLOCK.finditer(source):
        first = source.count("\n", 0, block.start(1)) + 1
        lines = block.group(1).splitlines()
        i = 0
        while i < len(lines):
            line = lines[i]
            if line.startswith("$ "):
                text, start = line[2:], first + i
                while text.endswith("\\") and i + 1 < len(lines):
                    i += 1
                    text = text[:-1] + " " + lines[i].strip()
                found.append(Command(start, text))
            elif found and line.strip():
                found[-1].expected.append(line.strip())
            i += 1
    return found


def missing_output(expected: list[str], output: str) -> str | None:
    """The first expected line that is not in ``output`` after the previous one, else None (no-break spaces,
    which French output has before its colons and a document's reader cannot see, read as spaces)."""
    output = output.replace("\u00a0", " ").replace("\u202f", " ")
    at = 0
    for line in expected:
        if line == "...":
            continue
        where = output.find(line, at)
        if where < 0:
            return line
        at = where + len(line)
    return None


@pytest.fixture(scope="module")
def bin_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bin")
    wrapper = folder / "migov"
    wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m engine "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    return folder


@pytest.mark.parametrize("doc", DOCUMENTS, ids=[str(d.relative_to(ROOT)) for d in DOCUMENTS])
def test_every_command_of_the_document_runs_as_written(doc: Path, bin_dir: Path, tmp_path: Path) -> None:
    cmds = commands(doc)
    assert cmds, f"{doc.name}: no ```console block"
    if doc.name == "README.md":
        for name in ("profiles", "rules"):
            (tmp_path / name).symlink_to(ROOT / name)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "PYTHONPATH": str(ROOT), "NO_COLOR": "1",
           "COLUMNS": "100", "LANGUAGE": "en", "LC_ALL": "C.UTF-8", "PYTHONUNBUFFERED": "1"}
    env.pop("LANG", None)
    no_pdf = find_chromium() is None and not os.environ.get("CI")
    failures = []
    for cmd in cmds:
        if no_pdf and ".pdf" in cmd.text:
            continue
        r = subprocess.run(["bash", "-c", cmd.text], cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                           timeout=300, check=False)  # one stream, in the order a reader sees it
        where = f"{doc.relative_to(ROOT)}:{cmd.line}: $ {cmd.text}"
        if r.returncode != cmd.exit_code:
            failures.append(f"{where}\n  exit {r.returncode}, expected {cmd.exit_code}\n  {r.stdout.strip()[-600:]}")
            continue
        lost = missing_output(cmd.expected, r.stdout)
        if lost is not None:
            failures.append(f"{where}\n  expected output not found: {lost!r}\n  got: {r.stdout[-800:]}")
    assert not failures, "\n".join(failures)


def test_the_parser_reads_commands_continuations_and_output(tmp_path: Path) -> None:
    doc = tmp_path / "d.md"
    doc.write_text("x\n```console\n$ migov a \\\n  --b\nline one\n...\n$ false  # exit 1\n```\n```sh\n$ not run\n```\n", encoding="utf-8")
    cmds = commands(doc)
    assert [(c.line, c.text, c.expected, c.exit_code) for c in cmds] == [(3, "migov a  --b", ["line one", "..."], 0),
                                                                         (7, "false  # exit 1", [], 1)]
    assert missing_output(["a", "...", "c"], "a b c") is None and missing_output(["c", "a"], "a b c") == "a"
