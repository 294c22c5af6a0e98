"""migov benchmark: prints its figures; asserts nothing.

  python benchmarks/bench.py [N]      (N generated profiles per engine, default 10000)

(a) cold `migov assess` wall time on the bundled example (median of 7 runs, new process each);
(b) profiles per second through each engine on the same N generated profiles, and their ratio;
(c) peak memory (max RSS) and RSS growth over 100,000 profiles through the durable engine.
"""

from __future__ import annotations

import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _common import evaluations_per_second

from engine.evaluate.durable.adapter import DurableEvaluator
from engine.evaluate.findings import ReferenceEvaluator
from engine.pack.loading import load_pack
from tests.helpers import random_facts


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    profile = ROOT / "profiles" / "examplia-country.yaml"
    cold = []
    for _ in range(7):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "engine", "assess", str(profile)], cwd=ROOT, check=True, capture_output=True)
        cold.append(time.perf_counter() - t)
    print(f"(a) cold migov assess: median {statistics.median(cold):.3f} s (min {min(cold):.3f}, max {max(cold):.3f}, 7 runs)")

    pack = load_pack("idm2018")
    rng = random.Random(7)
    profiles = [random_facts(pack, rng, "country" if i % 2 else "partnership") for i in range(n)]
    durable, reference = DurableEvaluator(pack), ReferenceEvaluator(pack)
    rates = {}
    for name, ev in (("durable", durable), ("python", reference)):
        best = rates[name] = evaluations_per_second(ev, profiles)
        print(f"(b) {name:8s}: {best:,.0f} profiles/s ({n:,} profiles, best of 3)")
    print(f"(b) ratio durable / reference: {rates['durable'] / rates['python']:.2f}")

    start = rss_mb()
    marks = []
    for i in range(100_000):
        durable.evaluate(profiles[i % n])
        if i % 25_000 == 24_999:
            marks.append(rss_mb())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"(c) RSS over 100,000 profiles (durable): start {start:.1f} MB, every 25,000: "
          + ", ".join(f"{m:.1f}" for m in marks) + f" MB; peak {peak:.1f} MB")


if __name__ == "__main__":
    main()
