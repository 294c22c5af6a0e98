"""Report speed as whole processes, each beside ``migov assess --format json`` of the same profile in the same run.

  python benchmarks/reports_bench.py [--runs 7] [--batch 200] [--jobs 2] [--batch-runs 3]

Rounds run every command once in turn (a machine that slows down slows all of them alike); the table
gives each command's median wall and CPU time (user + system of the process and its children, so the
Chromium that prints the PDF counts) and the ratio to the JSON run's medians. Then ``migov batch`` of
``--batch`` generated profiles with ``--formats none`` and with ``--formats html``, in turn ``--batch-runs``
times, as profiles per second (the median run, and the fastest). The code measured is this checkout's
(``python -m engine`` in its folder), not an installed migov's.
Targets (issue 14): HTML assess <= 1.5x the JSON time; PDF <= 2 s; batch with HTML >= 100 profiles/s on
2 cores. Bytecode is cached (as an installed migov has it), as in benchmarks/coldstart.py. Asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from _common import generate, once

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PROFILE = str(ROOT / "profiles" / "examplia-country.yaml")
MIGOV = [sys.executable, "-m", "engine"]






def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--batch", type=int, default=200, help="profiles for the batch runs (0: no batch run)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--batch-runs", type=int, default=3, help="rounds of the batch runs (the median is shown)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="migov-reports-bench-") as tmp:
        env = dict(os.environ)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        commands = [("assess --format json", [*MIGOV, "assess", PROFILE, "--format", "json"]),
                    ("assess --format html", [*MIGOV, "assess", PROFILE, "--format", "html", "-o", f"{tmp}/r.html"]),
                    ("assess --format pdf", [*MIGOV, "assess", PROFILE, "--format", "pdf", "-o", f"{tmp}/r.pdf"])]
        for _name, argv in commands:  # warm-up: bytecode, compiled pack, file cache; not counted
            once(argv, env, ok=(0, 1))
        wall: dict[str, list[float]] = {name: [] for name, _ in commands}
        cpu: dict[str, list[float]] = {name: [] for name, _ in commands}
        for _round in range(max(3, args.runs)):
            for name, argv in commands:
                w, c = once(argv, env, ok=(0, 1))
                wall[name].append(w)
                cpu[name].append(c)
        base_w, base_c = statistics.median(wall[commands[0][0]]), statistics.median(cpu[commands[0][0]])
        print(f"{'command':<22}  {'wall s':>6}  {'× json':>6}  {'cpu s':>6}  {'× json':>6}   (median of {max(3, args.runs)} rounds)")
        for name, _ in commands:
            w, c = statistics.median(wall[name]), statistics.median(cpu[name])
            print(f"{name:<22}  {w:6.3f}  {w / base_w:6.2f}  {c:6.3f}  {c / base_c:6.2f}")
        if args.batch:
            src = Path(tmp) / "profiles"
            generate(src, args.batch)
            times: dict[str, list[tuple[float, float]]] = {"none": [], "html": []}
            for _round in range(max(1, args.batch_runs)):  # in turn, like the rounds above; each into a new folder (no re-run)
                for formats, got in times.items():
                    out = Path(tmp) / f"out-{formats}-{_round}"
                    got.append(once([*MIGOV, "batch", str(src), "--output", str(out), "--formats", formats, "--jobs", str(args.jobs)], env))
                    shutil.rmtree(out)
            for formats, got in times.items():
                w, c = statistics.median(x[0] for x in got), statistics.median(x[1] for x in got)
                print(f"batch {args.batch} --formats {formats:<4} --jobs {args.jobs}: {w:6.2f} s wall = {args.batch / w:6.1f} profiles/s"
                      f" (cpu {c:.2f} s*; median of {len(got)}; fastest {args.batch / min(x[0] for x in got):.1f} profiles/s)")
            print("  * the batch's cpu is the main process's: its workers are the forkserver's children, which it does not wait for")
        print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
