"""Batch throughput and memory: `migov batch` on N generated profiles, with 1 and 2 worker processes.

  python benchmarks/batch_bench.py [N]        (default N = 100000; summary and dashboard only: --formats none)

Runs the real command in a subprocess at N/10 and at N profiles, and prints profiles per second, the
scaling from 1 to 2 jobs, the CPU time of all the batch's processes (the steadier figure when others load the
machine) and the peak memory (max RSS of any process of the batch), so that flat memory
shows as the same figure at both sizes. Profiles are written as JSON (which is YAML) first, untimed.
Asserts nothing.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _common import WRAPPER, generate


def run(src: Path, out: Path, jobs: int) -> tuple[float, float, float]:
    """(wall seconds, peak MB of any process, CPU seconds of all its processes: the steadier figure on a shared machine)."""
    cmd = [sys.executable, "-c", WRAPPER, sys.executable, "-m", "engine", "batch", str(src), "--output", str(out),
           "--formats", "none", "--jobs", str(jobs)]
    t = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True)
    peak, cpu = (float(x) for x in proc.stdout.strip().splitlines()[-1].split())
    return time.perf_counter() - t, peak, cpu


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory(prefix="migov-bench-") as tmp:
        for size in (max(1, n // 10), n):
            src = Path(tmp) / f"profiles{size}"
            t = time.perf_counter()
            generate(src, size)
            print(f"{size:,} profiles generated in {time.perf_counter() - t:.1f} s (not counted)")
            rates = {}
            for jobs in (1, 2):
                elapsed, peak, cpu = run(src, Path(tmp) / f"out{size}-{jobs}", jobs)
                rates[jobs] = size / elapsed
                print(f"  jobs={jobs}: {elapsed:.1f} s = {rates[jobs]:,.0f} profiles/s; peak RSS {peak:.0f} MB; "
                      f"CPU of every process {cpu:.1f} s = {cpu / size * 1e3:.2f} ms a profile")
            print(f"  scaling 1 -> 2 jobs: x{rates[2] / rates[1]:.2f}")


if __name__ == "__main__":
    main()
