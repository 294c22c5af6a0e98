"""Which entries of the locked test environment (requirements/test.txt) are behind the newest releases.

Usage: python tools/lock_behind.py [requirements/test.txt]

It asks pip to resolve the project's test extra afresh (``pip install --dry-run --report``, nothing installed),
for the Python running it, and prints each locked package whose newest resolvable release differs, then a
count. Exit 0 when the lock is current, 1 when some entry is behind (2 on an error). To move the lock forward:

    pip install uv
    uv pip compile pyproject.toml --extra test --universal --generate-hashes --python-version 3.11 \\
        --no-header -o requirements/test.txt

then run the suite (README) and commit the lock with the result.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if m := PIN.match(line):
            pins[canonical(m[1])] = m[2]
    return pins


def newest() -> dict[str, str]:
    """What pip would install today for ``.[test]``, with every package at its newest allowed release."""
    done = subprocess.run([sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--quiet", "--report", "-",
                           "--disable-pip-version-check", f"{ROOT}[test]"], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"lock_behind: pip could not resolve the test environment: {done.stderr.strip().splitlines()[-1:]}")
    report = json.loads(done.stdout)
    return {canonical(item["metadata"]["name"]): item["metadata"]["version"] for item in report["install"]}


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else ROOT / "requirements" / "test.txt"
    pins, fresh = locked(path), newest()
    behind = [(name, pins[name], fresh[name]) for name in sorted(pins) if name in fresh and fresh[name] != pins[name]]
    for name, old, new in behind:
        print(f"{name:28} {old:>24} -> {new}")
    print(f"{len(behind)} of {len(pins)} locked packages behind the newest release (Python {sys.version_info[0]}.{sys.version_info[1]})")
    return 1 if behind else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
