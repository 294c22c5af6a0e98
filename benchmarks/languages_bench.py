"""One evaluation, several languages: `migov batch` on N generated profiles in one language against every language.

  python benchmarks/languages_bench.py [N] [FORMATS]     (default N = 200, FORMATS = json,html; "none": summary only)

Runs the real command (one job, so that the figures do not depend on the other users of the cores) with
``--lang`` set to the first language, then to every language migov has (``en,fr``, and ``es`` once it lands),
and prints the wall and CPU seconds of each, and the ratio to one language. Each profile is assessed once
whatever the number of languages: only the writing of its reports is repeated, so the target is a ratio well
under the number of languages. ``--formats none`` writes no sentence at all: its ratio should be about 1.
Profiles are written as JSON (which is YAML) first, untimed. Asserts nothing.

Measured on the shared 2-core machine (under load: noisy), en against en,fr:
  100 profiles, json,html: 5.22 s against 6.87 s wall (x1.32), 2.03 s against 3.29 s cpu (x1.62)
  300 profiles, none:      4.34 s against 4.38 s wall (x1.01), 1.48 s against 1.49 s cpu (x1.00)
en against en,es,fr, 100 profiles, json,html, medians of 3 runs (heavily loaded: the CPU ratio ranged 1.97-2.34):
  2.47 s against 5.44 s cpu (x2.15; x2.69 before each profile's language-neutral data, the next band, the
  embedded inputs and the JSON of its shared parts were worked out once, engine/render/neutral.py). In process
  (assess and reports of 50 profiles, CPU), the reports of one more language cost 12.5 ms a profile, 19.5 before.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import generate, once

from engine.i18n import languages


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    formats = sys.argv[2] if len(sys.argv) > 2 else "json,html"
    every = languages()
    env = {**os.environ, "LANGUAGE": "en"}
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "profiles"
        generate(src, n)
        runs = [(every[0],), every]
        figures = []
        for langs in runs:
            out = Path(tmp) / "out"
            argv = [sys.executable, "-m", "engine", "batch", str(src), "-o", str(out), "--jobs", "1", "--formats", formats,
                    "--lang", ",".join(langs), "--quiet"]
            wall, cpu = once(argv, env)
            figures.append((langs, wall, cpu))
            shutil.rmtree(out)
    base_wall, base_cpu = figures[0][1], figures[0][2]
    print(f"migov batch, {n} generated profiles, --formats {formats}, one job")
    for langs, wall, cpu in figures:
        print(f"  --lang {','.join(langs):<10} wall {wall:7.2f} s ({n / wall:6.1f} profiles/s)  cpu {cpu:7.2f} s"
              f"   x{wall / base_wall:.2f} wall, x{cpu / base_cpu:.2f} cpu of one language ({len(langs)} languages)")


if __name__ == "__main__":
    main()
