"""A large corridor profile (about 371 KB: thousands of corridors and agreements), assessed as one process.

Usage: python benchmarks/hostile_corridors.py [--corridors 2500] [--agreements 2500] [--engine durable]

Prints the profile's size, the wall time and the peak memory (maximum resident set size of the child) of
``migov assess PROFILE --format json``. The join of corridors against agreements was quadratic; this is
the figure that shows whether it still is.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def profile_text(corridors: int, agreements: int) -> str:
    codes = [f"C{i:03d}" for i in range(200)]
    lines = ["id: big", "name: Big corridor profile", "kind: country", "agreements:"]
    for i in range(agreements):
        a, b = codes[i % 200], codes[(i * 7 + 1) % 200]
        lines.append(f"  - {{name: Agreement {i}, type: bilateral_labour, status: active, partners: [{a}, {b}]}}")
    lines.append("corridors:")
    for i in range(corridors):
        lines.append(f"  - {{origin: {codes[i % 200]}, destination: {codes[(i * 3 + 1) % 200]}}}")
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corridors", type=int, default=2500)
    ap.add_argument("--agreements", type=int, default=2500)
    ap.add_argument("--engine", default="durable", choices=["durable", "python"])
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.yaml"
        path.write_text(profile_text(args.corridors, args.agreements), encoding="utf-8")
        start = time.perf_counter()
        r = subprocess.run([sys.executable, "-m", "engine", "assess", str(path), "--format", "json", "--engine", args.engine],
                           cwd=ROOT, capture_output=True, text=True, check=False)
        wall = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"profile {path.stat().st_size / 1024:.0f} KB ({args.corridors} corridors, {args.agreements} agreements), "
              f"engine {args.engine}: exit {r.returncode}, {wall:.1f} s, peak {peak:.0f} MB")
        if r.returncode not in (0, 1):
            print(r.stderr.strip().splitlines()[-1] if r.stderr.strip() else "")


if __name__ == "__main__":
    main()
