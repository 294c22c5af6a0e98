"""Cold start of the command line: each command timed as a whole process, beside ``python -c "import click"``.

Usage: python benchmarks/coldstart.py [--runs 9] [--no-bytecode]

Every round runs each command once, in turn (so a machine that slows down during the run slows all of
them alike); the table gives each command's median wall time and median CPU time (user + system, the
child's own accounting) over the rounds, and their ratios to the baseline's medians: on a shared machine
the CPU ratio is the steadier one. Targets: ``--version`` <= 1.3x the baseline, text ``assess`` <= 2x.

The commands run with their bytecode cached, as an installed migov does (pip compiles it; a source tree
writes ``__pycache__``): ``PYTHONDONTWRITEBYTECODE`` is cleared for them and the bytecode goes to a
temporary ``PYTHONPYCACHEPREFIX``, filled by the warm-up round, the baseline's too. ``--no-bytecode``
measures the environment as it is.

The compiled pack is kept in a temporary cache folder of the run's own (``MIGOV_CACHE_DIR``), filled by the
warm-up round too: the user's cache folder keeps the newest 32 packs of every checkout and version that uses it,
so another migov running meanwhile (tests, a second checkout) could evict this one's and time a pack build
instead of a cold start. ``--user-cache`` measures with the user's folder.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

from _common import once

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="rounds (at least 7; default 9)")
    parser.add_argument("--no-bytecode", action="store_true", help="leave PYTHONDONTWRITEBYTECODE as it is")
    parser.add_argument("--user-cache", action="store_true", help="the compiled packs in the user's cache folder, not a private one")
    args = parser.parse_args()
    runs = max(7, args.runs)
    with tempfile.TemporaryDirectory(prefix="migov-coldstart-") as prefix:
        env = dict(os.environ)
        if not args.no_bytecode:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = str(Path(prefix) / "bytecode")
        if not args.user_cache:
            env.pop("MIGOV_NO_CACHE", None)
            env["MIGOV_CACHE_DIR"] = str(Path(prefix) / "packs")
        for _name, argv in COMMANDS:  # warm the file cache, the bytecode and the compiled-pack cache; not counted
            once(argv, env)
        wall: dict[str, list[float]] = {name: [] for name, _argv in COMMANDS}
        cpu: dict[str, list[float]] = {name: [] for name, _argv in COMMANDS}
        for _round in range(runs):
            for name, argv in COMMANDS:
                w, c = once(argv, env)
                wall[name].append(w)
                cpu[name].append(c)
    base_wall, base_cpu = statistics.median(wall[COMMANDS[0][0]]), statistics.median(cpu[COMMANDS[0][0]])
    width = max(len(name) for name, _argv in COMMANDS)
    print(f"{'command':<{width}}  {'wall s':>6}  {'min':>6}  {'max':>6}  {'× base':>6}  {'cpu s':>6}  {'× base':>6}"
          f"   (median of {runs} runs each; {'no bytecode cache' if args.no_bytecode else 'bytecode cached'})")
    for name, _argv in COMMANDS:
        w, c = wall[name], cpu[name]
        print(f"{name:<{width}}  {statistics.median(w):6.3f}  {min(w):6.3f}  {max(w):6.3f}  {statistics.median(w) / base_wall:6.2f}"
              f"  {statistics.median(c):6.3f}  {statistics.median(c) / base_cpu:6.2f}")


if __name__ == "__main__":
    main()
