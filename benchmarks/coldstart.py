"""Cold start of the command line: each command timed as a whole process, beside ``python -c "import click"``.

Usage: python benchmarks/coldstart.py [--runs 9]

Every round runs each command once, in turn (so a machine that slows down during the run slows all of
them alike); the table gives each command's median wall time over the rounds and its ratio to the
baseline's median. Targets: ``--version`` <= 1.3x the baseline, text ``assess`` <= 2x.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROFILE = str(ROOT / "profiles" / "examplia-country.yaml")
MIGOV = [sys.executable, "-m", "engine"]

COMMANDS: list[tuple[str, list[str]]] = [
    ('python -c "import click" (baseline)', [sys.executable, "-c", "import click"]),
    ("migov --version", [*MIGOV, "--version"]),
    ("migov --help", [*MIGOV, "--help"]),
    ("migov assess (text)", [*MIGOV, "assess", PROFILE]),
    ("migov assess --format json", [*MIGOV, "assess", PROFILE, "--format", "json"]),
]


def once(argv: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr.decode(errors='replace')}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="rounds (at least 7; default 9)")
    args = parser.parse_args()
    runs = max(7, args.runs)
    for _name, argv in COMMANDS:  # warm the file cache and the compiled-pack cache; not counted
        once(argv)
    times: dict[str, list[float]] = {name: [] for name, _argv in COMMANDS}
    for _round in range(runs):
        for name, argv in COMMANDS:
            times[name].append(once(argv))
    base = statistics.median(times[COMMANDS[0][0]])
    width = max(len(name) for name, _argv in COMMANDS)
    print(f"{'command':<{width}}  {'median s':>8}  {'min s':>6}  {'max s':>6}  {'× baseline':>10}   ({runs} runs each)")
    for name, _argv in COMMANDS:
        t = times[name]
        print(f"{name:<{width}}  {statistics.median(t):8.3f}  {min(t):6.3f}  {max(t):6.3f}  {statistics.median(t) / base:10.2f}")


if __name__ == "__main__":
    main()
