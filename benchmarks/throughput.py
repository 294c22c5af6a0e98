"""Every throughput figure migov is held to, each beside its target, in one run; then where a batch's time goes.

  python benchmarks/throughput.py [--batch N] [--evals N] [--html N] [--runs R] [--profile N]

Prints, on this machine:
  1. `migov batch`, summary only (`--formats none`), 2 jobs, N generated profiles: profiles per second and the peak
     memory of any process of the batch, at N/10 and at N (flat memory shows as the same figure), and the CPU time of
     all its processes (on Linux; steadier than the wall time when others load the machine);
  2. evaluations per second of each evaluator (durable_rules where it is installed, and the reference), in process, each
     told the profile's kind as `migov assess` and `batch` tell it;
  3. `migov batch --formats html`, 2 jobs: profiles per second, and the CPU time of all its processes;
  4. cold start as whole processes, median of R rounds, each beside `python -c "import click"` run in the same
     round: `migov --version` and a text `migov assess` of the bundled country;
  5. a profile (cProfile) of one worker's batch of the generated profiles (`-j 1`, `--formats none`): the ten
     functions with the most time of their own, so the next regression is seen at once.
It asserts nothing. The targets are those of the project's throughput issue.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _common import WRAPPER, generate, once, rates

TARGETS = {"batch": 1700.0, "evals": 10_000.0, "html": 150.0, "assess": 2.0, "version": 1.3}


def row(what: str, figure: str, target: str, ok: bool | None) -> None:
    mark = "" if ok is None else ("  (met)" if ok else "  (NOT met)")
    print(f"{what:58} {figure:>22}   target {target}{mark}")


def batch(folder: Path, jobs: int, formats: str, env: dict[str, str]) -> tuple[float, float, float]:
    """(profiles per second, peak MB of any process, CPU seconds of all its processes) of one `migov batch` run over
    ``folder``. The CPU time is the steadier figure on a shared machine: other users' load stretches the wall time."""
    n = sum(1 for _ in folder.glob("*.yaml"))
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", WRAPPER, sys.executable, "-m", "engine", "batch", str(folder), "-o", out,
                               "--formats", formats, "--jobs", str(jobs)], cwd=ROOT, env=env, capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"batch failed ({done.returncode}): {done.stderr[-500:]}")
    peak, cpu = (float(x) for x in done.stdout.strip().splitlines()[-1].split())
    return n / elapsed, peak, cpu


def evaluations(n: int) -> dict[str, tuple[float, float]]:
    from engine.evaluate.findings import Evaluator, ReferenceEvaluator, engine_in_use, make_evaluator
    from engine.pack.loading import load_pack
    from tests.helpers import random_facts

    pack = load_pack("idm2018")
    rng = random.Random(7)
    kinds = ["country" if i % 2 else "partnership" for i in range(n)]
    profiles = [random_facts(pack, rng, kind) for kind in kinds]
    evaluators: dict[str, Evaluator] = {"reference": ReferenceEvaluator(pack)}
    if engine_in_use() == "durable":
        evaluators["durable"] = make_evaluator(pack, "durable")
    return {name: rates(ev, profiles, kinds) for name, ev in evaluators.items()}  # (wall, CPU) per second, each told the kind as assess is


def cold(runs: int, env: dict[str, str]) -> dict[str, float]:
    """Median ratio to `python -c "import click"` of each command, the two run in turn in every round."""
    profile = str(ROOT / "profiles" / "examplia-country.yaml")
    commands = {"version": [sys.executable, "-m", "engine", "--version"], "assess": [sys.executable, "-m", "engine", "assess", profile]}
    base = [sys.executable, "-c", "import click"]

    def wall(argv: list[str]) -> float:
        t = time.perf_counter()
        subprocess.run(argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        return time.perf_counter() - t

    for argv in (*commands.values(), base):  # warm the caches (compiled pack, bytecode)
        wall(argv)
    ratios: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, argv in commands.items():
            b = wall(base)
            ratios[name].append(wall(argv) / b)
    return {name: statistics.median(values) for name, values in ratios.items()}


def where_the_time_goes(folder: Path, top: int = 10) -> str:
    """cProfile of `migov batch FOLDER --formats none -j 1` run in this process (one worker: all the work here)."""
    from engine.cli import main

    with tempfile.TemporaryDirectory() as out:
        prof = cProfile.Profile()
        prof.enable()
        try:
            main(["batch", str(folder), "-o", out, "--formats", "none", "--jobs", "1", "--quiet"])
        except SystemExit:
            pass
        finally:
            prof.disable()
    text = io.StringIO()
    pstats.Stats(prof, stream=text).strip_dirs().sort_stats("tottime").print_stats(top)
    lines = text.getvalue().splitlines()
    start = next((i for i, line in enumerate(lines) if line.lstrip().startswith("ncalls")), 0)
    return "\n".join(lines[start:start + top + 1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--batch", type=int, default=20_000, help="profiles for the summary-only batch (default 20,000)")
    ap.add_argument("--evals", type=int, default=5_000, help="profiles per evaluator (default 5,000)")
    ap.add_argument("--html", type=int, default=200, help="profiles for the batch with HTML (default 200)")
    ap.add_argument("--runs", type=int, default=15, help="rounds of the cold-start pairs (default 15)")
    ap.add_argument("--profile", type=int, default=1_000, help="profiles in the profiled batch (default 1,000)")
    args = ap.parse_args()
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # cold starts read their bytecode, as a user's do
    print(f"migov throughput on {os.cpu_count()} cores, Python {sys.version.split()[0]} ({sys.executable})")
    starts = sorted(once([sys.executable, "-c", "pass"], env)[0] for _ in range(7))
    print(f"  an interpreter starts in {starts[3] * 1e3:.0f} ms (`python -c pass`, median of 7): every process of a batch pays it,\n"
          "  and a site that runs start-up code (a .pth file) adds to it; a virtual environment installed from the lock has none")
    with tempfile.TemporaryDirectory() as tmp:
        small, big, html = Path(tmp) / "small", Path(tmp) / "big", Path(tmp) / "html"
        generate(small, max(1, args.batch // 10))
        generate(big, args.batch)
        generate(html, args.html)
        rate_small, mem_small, _cpu = batch(small, 2, "none", env)
        rate, mem, cpu = batch(big, 2, "none", env)
        row(f"batch, summary only, 2 jobs, {args.batch:,} profiles", f"{rate:,.0f} profiles/s", f">= {TARGETS['batch']:,.0f}/s",
            rate >= TARGETS["batch"])
        row(f"  peak memory at {args.batch // 10:,} and {args.batch:,} profiles", f"{mem_small:.0f} / {mem:.0f} MB", "flat", None)
        print(f"  (at {args.batch // 10:,} profiles: {rate_small:,.0f} profiles/s; CPU of every process at {args.batch:,}: {cpu:.2f} s, "
              f"{cpu / args.batch * 1e3:.2f} ms a profile)")
        for name, (r, ecpu) in evaluations(args.evals).items():
            row(f"evaluations per second, {name} evaluator", f"{r:,.0f} /s", f">= {TARGETS['evals']:,.0f}/s", r >= TARGETS["evals"])
            print(f"  (CPU time: {ecpu:,.0f} evaluations per second of CPU)")
        rate_html, _mem, cpu_html = batch(html, 2, "html", env)
        row(f"batch with HTML, 2 jobs, {args.html:,} profiles", f"{rate_html:,.0f} profiles/s", f">= {TARGETS['html']:,.0f}/s",
            rate_html >= TARGETS["html"])
        print(f"  (CPU of every process: {cpu_html:.2f} s, {cpu_html / args.html * 1e3:.1f} ms a profile, the start of the processes included)")
        ratios = cold(args.runs, env)
        row('text `assess` / `python -c "import click"` (median)', f"{ratios['assess']:.2f}x", f"<= {TARGETS['assess']}x",
            ratios["assess"] <= TARGETS["assess"])
        row('`--version` / `python -c "import click"` (median)', f"{ratios['version']:.2f}x", f"<= {TARGETS['version']}x",
            ratios["version"] <= TARGETS["version"])
        part = Path(tmp) / "profiled"
        part.mkdir()
        for p in sorted(big.glob("*.yaml"))[: args.profile]:
            (part / p.name).write_bytes(p.read_bytes())
        print(f"\nWhere a batch's time goes ({args.profile:,} profiles, --formats none -j 1, the ten functions with most own time):")
        print(where_the_time_goes(part))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\n(this script's own peak memory: {peak:.0f} MB)")


if __name__ == "__main__":
    main()
