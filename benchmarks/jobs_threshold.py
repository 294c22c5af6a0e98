"""Where a second worker process starts to pay: `migov batch` at several sizes, 1 job against 2.

  python benchmarks/jobs_threshold.py [SIZES] [FORMATS]   (defaults: 50,200,1000 and "none;json,html")

SIZES are profile counts separated by commas; FORMATS are --formats values separated by semicolons.

For each size and each --formats choice it runs the real command on generated profiles with --jobs 1
and --jobs 2 and prints profiles per second and the ratio. The default of --jobs
(engine.cli.batch.default_jobs, whose comment records the figures) is chosen from these figures. Asserts nothing.
"""

from __future__ import annotations

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
    print(f"cores: {__import__('os').cpu_count()}")
    with tempfile.TemporaryDirectory(prefix="migov-jobs-") as tmp:
        for size in sizes:
            src = Path(tmp) / f"p{size}"
            generate(src, size)
            for fmt in formats:
                rates = {}
                for jobs in (1, 2):
                    seconds = timed(src, Path(tmp) / f"out-{size}-{fmt}-{jobs}", jobs, fmt)
                    rates[jobs] = size / seconds
                print(f"{size:>6} profiles --formats {fmt:<9}  1 job {rates[1]:7.1f}/s  2 jobs {rates[2]:7.1f}/s  ratio {rates[2] / rates[1]:.2f}",
                      flush=True)


if __name__ == "__main__":
    main()
