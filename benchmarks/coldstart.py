"""Cold start of the command line: each command timed as a whole process, beside ``python -c "import click"``.

Usage: python benchmarks/coldstart.py [--runs 9] [--no-bytecode] [--user-cache] [--imports 10]

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

``--imports N`` adds the steadier guide: text ``assess`` and the baseline run again under ``-X importtime``, each
module's self time the least over the rounds; the sum of what ``assess`` imports beyond the baseline, and the N
largest of those modules.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
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

IMPORT_LINE = re.compile(r"^import time:\s+(\d+) \|\s+\d+ \|\s*(\S+)$", re.MULTILINE)


def import_times(argv: list[str], env: dict[str, str], runs: int) -> dict[str, float]:
    """Each module ``argv`` imports, with its self import time in ms: the least over ``runs`` processes."""
    best: dict[str, float] = {}
    for _round in range(runs):
        done = subprocess.run([argv[0], "-X", "importtime", *argv[1:]], cwd=ROOT, env=env, stdin=subprocess.DEVNULL,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
        for micro, name in IMPORT_LINE.findall(done.stderr):
            best[name] = min(best.get(name, float("inf")), int(micro) / 1000)
    return best


def imports_beyond(env: dict[str, str], runs: int, top: int) -> list[str]:
    """What text ``assess`` imports beyond the baseline: the sum of their self times and the ``top`` largest."""
    base = import_times(COMMANDS[0][1], env, runs)
    text = import_times(COMMANDS[3][1], env, runs)
    beyond = {name: ms for name, ms in text.items() if name not in base}
    head = (f"migov assess (text) imports {len(beyond)} modules beyond the baseline's {len(base)}: {sum(beyond.values()):.1f} ms of"
            f" self import time (each module's least over {runs} runs; the baseline's own: {sum(base.values()):.1f} ms)")
    return [head] + [f"  {ms:6.2f} ms  {name}" for name, ms in sorted(beyond.items(), key=lambda item: -item[1])[:top]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="rounds (at least 7; default 9)")
    parser.add_argument("--no-bytecode", action="store_true", help="leave PYTHONDONTWRITEBYTECODE as it is")
    parser.add_argument("--user-cache", action="store_true", help="the compiled packs in the user's cache folder, not a private one")
    parser.add_argument("--imports", type=int, default=0, metavar="N", help="also the import times (-X importtime) and the N largest")
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
        imports = imports_beyond(env, runs, args.imports) if args.imports else []
    base_wall, base_cpu = statistics.median(wall[COMMANDS[0][0]]), statistics.median(cpu[COMMANDS[0][0]])
    width = max(len(name) for name, _argv in COMMANDS)
    print(f"{'command':<{width}}  {'wall s':>6}  {'min':>6}  {'max':>6}  {'× base':>6}  {'cpu s':>6}  {'× base':>6}"
          f"   (median of {runs} runs each; {'no bytecode cache' if args.no_bytecode else 'bytecode cached'})")
    for name, _argv in COMMANDS:
        walls, cpus = wall[name], cpu[name]
        print(f"{name:<{width}}  {statistics.median(walls):6.3f}  {min(walls):6.3f}  {max(walls):6.3f}  {statistics.median(walls) / base_wall:6.2f}"
              f"  {statistics.median(cpus):6.3f}  {statistics.median(cpus) / base_cpu:6.2f}")
    if imports:
        print("", *imports, sep="\n")


if __name__ == "__main__":
    main()
