"""Shared test helpers: the repository root, running the real CLI, generated profiles."""

from __future__ import annotations

import importlib.util
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PROFILES = sorted((ROOT / "profiles").glob("*.yaml"))
IDM_PROFILES = [p for p in PROFILES if "\npack:" not in p.read_text(encoding="utf-8")]
# the evaluators here: durable_rules where it imports (Python 3.11 and 3.12 with the durable extra), and the reference
ENGINES = ["python", *(["durable"] if importlib.util.find_spec("durable_rules_engine") is not None else [])]


def batch_under_way(tmp_path: Path, **popen: Any) -> tuple[subprocess.Popen[str], Path]:
    """A `migov batch --jobs 2` of 24 copies of the bundled country, started in its own session, once its first report
    is written (a safety net of 120 s, not an assertion): the process and its output folder."""
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    text = (ROOT / "profiles" / "examplia-country.yaml").read_text(encoding="utf-8")
    for i in range(24):
        (src / f"p{i:02d}.yaml").write_text(text.replace("id: examplia-2026", f"id: p{i}"), encoding="utf-8")
    p = subprocess.Popen([sys.executable, "-m", "engine", "batch", str(src), "-o", str(out), "--jobs", "2"], cwd=ROOT, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, start_new_session=True, **popen)
    deadline = time.time() + 120
    while time.time() < deadline and not (out.exists() and any(out.glob("p*.html"))):
        time.sleep(0.05)
    return p, out


def run_cli(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "engine", *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=120, check=False)


def random_facts(pack: Any, rng: random.Random, kind: str, missing: float = 0.2) -> dict[str, Any]:
    """A random valid set of facts for ``kind``: each fact left out (unknown) with probability ``missing``."""
    facts: dict[str, Any] = {}
    codes = ["EX", "RU", "SY", "FR"]
    for f in pack.facts.values():
        if kind not in f.kinds or rng.random() < missing:
            continue
        facts[f.id] = _value(f.type.value, f.values, f.items, f.fields, rng, codes, f.minimum, f.maximum)
    return facts


def _value(ftype: str, values: Any, items: Any, fields: Any, rng: random.Random, codes: list[str], lo: Any = None, hi: Any = None) -> Any:
    if ftype == "bool":
        return rng.random() < 0.5
    if ftype == "enum":
        return rng.choice(list(values))
    if ftype == "number":
        lo = 0 if lo is None else lo
        hi = 10 if hi is None else min(hi, lo + 40)
        return rng.choice([rng.randint(int(lo), int(hi)), round(rng.uniform(lo, hi), 1)])
    if ftype == "text":
        return rng.choice(codes)
    if ftype == "list":
        pool = codes if items == "text" else list(values)
        return rng.sample(pool, rng.randint(0, len(pool)))
    records = []
    for _ in range(rng.randint(0, 3)):
        rec = {}
        for fd in fields:
            if fd.required or rng.random() < 0.5:
                rec[fd.id] = _value(fd.type, fd.values, fd.items, None, rng, codes)
        records.append(rec)
    return records


def typed(value: Any) -> Any:
    """The value with every scalar's type (True == 1 and 1 == 1.0 to Python, not to a report)."""
    if isinstance(value, dict):
        return {k: typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [typed(v) for v in value]
    return (type(value).__name__, repr(value))


def agree_with_builder(quick: Any, build: Any, refused: tuple[type[BaseException], ...], text: str) -> Any:
    """A quick reading of ``text`` (``quick``: the data, or None when unsure) is None or the full builder's; when the
    builder refuses the text (``refused``), it is None. Returns the quick reading."""
    got = quick(text)
    try:
        data = build(text)
    except refused:
        assert got is None, text[:200]
        return None
    if got is not None:
        assert typed(got) == typed(data), text[:200]
    return got

