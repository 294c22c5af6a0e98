"""Running migov as a hostile user would, under limits: one line on stderr, exit 0/1/2, no file changed."""

from __future__ import annotations

import hashlib
import os
import re
import resource
import signal
import subprocess
import sys
from pathlib import Path

from tests.helpers import ROOT

MEMORY = 1536 * 1024 * 1024  # address space of one run (virtual: imports alone take a few hundred MB)
SECONDS = 60  # CPU seconds of one run


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (SECONDS, SECONDS))
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def migov(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None, stdin: str | None = None,
          timeout: float = 90) -> subprocess.CompletedProcess[str]:
    """The real CLI in a process of its own, under the memory and CPU limits above."""
    full = {**os.environ, "MIGOV_NO_CACHE": "1", **(env or {})}
    return subprocess.run([sys.executable, "-m", "engine", *args], cwd=cwd, capture_output=True, text=True, env=full,
                          timeout=timeout, check=False, preexec_fn=_limits, input=stdin)


def snapshot(*folders: Path) -> dict[str, str]:
    """Every regular file under ``folders`` and its digest."""
    out = {}
    for folder in folders:
        for p in sorted(folder.rglob("*")):
            if p.is_file() and not p.is_symlink():
                out[str(p)] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def assert_clean(r: subprocess.CompletedProcess[str], codes: tuple[int, ...] = (0, 1, 2), pattern: str | None = None, one_line: bool = True) -> None:
    """Exit status in ``codes``, no traceback, and on failure one line on stderr (a batch: one per profile) matching ``pattern``."""
    assert r.returncode in codes, (r.returncode, r.stderr[-2000:])
    assert "Traceback" not in r.stderr, r.stderr[-3000:]
    if r.returncode == 2:
        lines = [line for line in r.stderr.splitlines() if line.strip()]
        assert len(lines) == 1 or not one_line, r.stderr
        if pattern is not None:
            assert re.search(pattern, lines[0]), lines[0]
