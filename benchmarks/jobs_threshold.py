"""Where a second worker process starts to pay: `migov batch` at several sizes, 1 job against 2.

  python benchmarks/jobs_threshold.py [SIZES] [FORMATS] [RUNS]   (defaults: 50,200,1000, "none;json,html" and 3)

SIZES are profile counts separated by commas; FORMATS are --formats values separated by semicolons.

For each size and each --formats choice it runs the real command on generated profiles with --jobs 1
and --jobs 2, in turn RUNS times (so that the load of the machine's other users falls on both alike), and prints
the median profiles per second of each and the median of the runs' ratios. The default of --jobs
(engine.cli.batch.default_jobs, whose comment records the figures) is chosen from these figures. Asserts nothing.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.batch_bench import generate


def timed(src: Path, out: Path, jobs: int, formats: str) -> float:
    cmd = [sys.executable, "-m", "engine", "batch", str(src), "--output", str(out), "--formats", formats, "--jobs", str(jobs)]
    t = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True)
    return time.perf_counter() - t


def main() -> None:
    sizes = [int(s) for s in (sys.argv[1] if len(sys.argv) > 1 else "50,200,1000").split(",")]
    formats = (sys.argv[2] if len(sys.argv) > 2 else "none;json,html").split(";")
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    print(f"cores: {__import__('os').cpu_count()}")
    with tempfile.TemporaryDirectory(prefix="migov-jobs-") as tmp:
        for size in sizes:
            src = Path(tmp) / f"p{size}"
            generate(src, size)
            for fmt in formats:
                rates: dict[int, list[float]] = {1: [], 2: []}
                for run in range(runs):
                    for jobs in (1, 2):
                        seconds = timed(src, Path(tmp) / f"out-{size}-{fmt}-{jobs}-{run}", jobs, fmt)
                        rates[jobs].append(size / seconds)
                ratio = statistics.median(two / one for one, two in zip(rates[1], rates[2], strict=True))
                print(f"{size:>6} profiles --formats {fmt:<9}  1 job {statistics.median(rates[1]):7.1f}/s  "
                      f"2 jobs {statistics.median(rates[2]):7.1f}/s  ratio {ratio:.2f} (median of {runs})", flush=True)


if __name__ == "__main__":
    main()
