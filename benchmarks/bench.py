"""migov benchmark: prints its figures; asserts nothing.

  python benchmarks/bench.py [N]      (N generated profiles per engine, default 10000)

(a) cold `migov assess` wall time on the bundled example (median of 7 runs, new process each);
(b) profiles per second through each engine on the same N generated profiles, and their ratio; the same told each
    profile's kind (``evaluate(facts, kind=...)``, as `migov assess` and `batch` evaluate); and durable_rules' own floor:
    the C calls alone (assert, the firings drained, the retraction) on the batches the adapter made, CPU time;
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
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import durable_rules_engine as dre
from _common import evaluations_per_second

from engine.evaluate.durable import adapter
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


def by_kind(ev: Any, profiles: list[dict[str, Any]], kinds: list[str]) -> float:
    ev.evaluate(profiles[0], kind=kinds[0])
    best = 0.0
    for _ in range(3):
        c = time.process_time()
        for facts, kind in zip(profiles, kinds):
            ev.evaluate(facts, kind=kind)
        best = max(best, len(profiles) / max(time.process_time() - c, 1e-9))
    return best


def c_floor(durable: DurableEvaluator, profiles: list[dict[str, Any]], kinds: list[str]) -> float:
    """Seconds a profile of the C calls alone, replayed on the batches the adapter asserted and retracted."""
    calls: list[list[Any]] = []

    class Recorder:
        def __getattr__(self, name: str) -> Any:
            return getattr(dre, name)

        def assert_facts(self, handle: int, text: str) -> Any:
            calls.append([handle, text, ""])
            return dre.assert_facts(handle, text)

        def retract_facts(self, handle: int, text: str) -> Any:
            calls[-1][2] = text
            return dre.retract_facts(handle, text)

    adapter._dre = Recorder()
    try:
        for facts, kind in zip(profiles, kinds):
            durable.evaluate(facts, kind=kind)
    finally:
        adapter._dre = dre

    def drain(handle: int, state: Any) -> None:
        result = dre.start_action_for_state(handle, state)
        message = result[1] if result else None
        while message:
            message = dre.complete_and_start_action(handle, state)

    best = float("inf")
    for _ in range(3):
        c = time.process_time()
        for handle, text, gone in calls:
            drain(handle, dre.assert_facts(handle, text)[1])
            drain(handle, dre.retract_facts(handle, gone)[1])
        best = min(best, (time.process_time() - c) / len(profiles))
    return best


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
    kinds = ["country" if i % 2 else "partnership" for i in range(n)]
    for name, ev in (("durable", durable), ("python", reference)):
        print(f"(b) {name:8s}, told the kind: {by_kind(ev, profiles, kinds):,.0f} profiles/s (CPU time, best of 3)")
    print(f"(b) durable_rules' C calls alone, told the kind: {c_floor(durable, profiles, kinds) * 1e3:.3f} ms a profile (CPU time, best of 3)")

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
