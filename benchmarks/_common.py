"""What the benchmark scripts share: timing one whole process, and generating profiles to assess."""

from __future__ import annotations

import json
import random
import resource
import subprocess
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# Runs the command given after it and prints "<peak MB of any process> <CPU seconds of all processes>": on Linux the
# batch's orphaned processes (the fork server, its workers) are waited for here, so that their CPU time counts.
WRAPPER = """
import ctypes, os, resource, subprocess, sys
try:
    ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
except (OSError, AttributeError):
    pass
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
while True:
    try:
        os.wait()
    except ChildProcessError:
        break
used = resource.getrusage(resource.RUSAGE_CHILDREN)
print(used.ru_maxrss / 1024, used.ru_utime + used.ru_stime)
sys.exit(code)
"""



def once(argv: list[str], env: dict[str, str], ok: tuple[int, ...] = (0,)) -> tuple[float, float]:
    """(wall, cpu) seconds of one whole process and its children; an exit status outside ``ok`` stops the run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in ok:
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr.decode(errors='replace')}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def evaluations_per_second(evaluator: Any, profiles: list[dict[str, Any]]) -> float:
    """The best of three passes of ``evaluator`` over ``profiles`` (after one warm-up evaluation), in profiles per second."""
    return rates(evaluator, profiles)[0]


def rates(evaluator: Any, profiles: list[dict[str, Any]], kinds: list[str] | None = None) -> tuple[float, float]:
    """(wall, CPU) profiles per second, each the best of three passes: CPU time (``process_time``) is the steadier
    figure on a machine shared with other work. ``kinds``: each profile's kind, told to the evaluator as `migov assess`
    and `batch` tell it (it then evaluates only the rules of that kind)."""
    told: list[str | None] = list(kinds) if kinds is not None else [None] * len(profiles)
    evaluator.evaluate(profiles[0], kind=told[0])
    wall = cpu = 0.0
    for _ in range(3):
        t, c = time.perf_counter(), time.process_time()
        for facts, kind in zip(profiles, told, strict=True):
            evaluator.evaluate(facts, kind=kind)
        wall = max(wall, len(profiles) / (time.perf_counter() - t))
        cpu = max(cpu, len(profiles) / max(time.process_time() - c, 1e-9))
    return wall, cpu


def generate(folder: Path, n: int) -> None:
    """``n`` random idm2018 profiles (countries and partnerships in turn) written into ``folder``."""
    from engine.pack.loading import load_pack
    from tests.helpers import random_facts

    pack = load_pack("idm2018")
    rng = random.Random(11)
    folder.mkdir()
    for i in range(n):
        kind = "country" if i % 2 else "partnership"
        data = {"id": f"p{i}", "name": f"Profile {i}", "kind": kind, "groups": {"region": f"R{i % 7}"}, **random_facts(pack, rng, kind)}
        (folder / f"p{i:06d}.yaml").write_text(json.dumps(data), encoding="utf-8")
