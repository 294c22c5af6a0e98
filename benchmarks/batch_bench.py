"""Batch throughput: N generated profiles through `migov batch` with 1 and 2 worker processes.

  python benchmarks/batch_bench.py [N] [--formats none|json]     (default N = 100000, formats none)

Prints profiles per second for each job count, the scaling from 1 to 2 jobs, and peak memory of the
main process and of the largest worker. Profiles are written as JSON (which is YAML) to a temporary
folder first; writing them is not timed. Asserts nothing.
"""

from __future__ import annotations

import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from engine import batch as b
from engine.loading import load_pack
from tests.helpers import random_facts


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = int(args[0]) if args else 100_000
    formats: tuple[str, ...] = ()
    if "--formats" in sys.argv:
        value = sys.argv[sys.argv.index("--formats") + 1]
        formats = tuple(f for f in value.split(",") if f != "none")
    pack = load_pack("idm2018")
    rng = random.Random(11)
    with tempfile.TemporaryDirectory(prefix="migov-bench-") as tmp:
        src = Path(tmp) / "profiles"
        src.mkdir()
        t = time.perf_counter()
        for i in range(n):
            kind = "country" if i % 2 else "partnership"
            data = {"id": f"p{i}", "name": f"Profile {i}", "kind": kind, "groups": {"region": f"R{i % 7}"}, **random_facts(pack, rng, kind)}
            (src / f"p{i:06d}.yaml").write_text(json.dumps(data), encoding="utf-8")
        print(f"generated {n:,} profiles in {time.perf_counter() - t:.1f} s (not counted)")
        files = b.collect([src])
        rates = {}
        for jobs in (1, 2):
            out = Path(tmp) / f"out{jobs}"
            out.mkdir()
            base = b.base_digest(pack, None, formats)
            t = time.perf_counter()
            count = failed = 0
            for row in b.run(files, out, jobs, None, None, None, formats, base):
                count += 1
                failed += not row.ok
            elapsed = time.perf_counter() - t
            rates[jobs] = count / elapsed
            print(f"jobs={jobs}: {count:,} profiles in {elapsed:.1f} s = {rates[jobs]:,.0f} profiles/s ({failed} failed)")
        main_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        child_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"scaling 1 -> 2 jobs: x{rates[2] / rates[1]:.2f}")
        print(f"peak RSS: main process {main_peak:.0f} MB (generation included), largest worker {child_peak:.0f} MB")


if __name__ == "__main__":
    main()
