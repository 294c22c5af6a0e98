"""The sha256 of every output migov writes for the bundled and calibration profiles, one line each: run it on two
commits and compare the lines (a speed change must leave every output byte-identical).

  python tools/output_digests.py [--jobs N] > digests.txt

Each profile is assessed in every report format (text, JSON, Markdown, HTML) and every language of the pack, with
each evaluator; a batch of the bundled profiles writes its summary, manifest and dashboard, with and without reports.
The assessment date is fixed (--as-of) so that the digests do not change with today's date.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORMATS = ("text", "json", "markdown", "html")
LANGS = ("en", "fr", "es")
ENGINES = ("durable", "python")
AS_OF = "2026-06-30"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def one(profile: Path, fmt: str, lang: str, engine: str) -> str:
    argv = [sys.executable, "-m", "engine", "assess", str(profile), "--format", fmt, "--lang", lang, "--engine", engine, "--as-of", AS_OF]
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, check=False)
    return f"{profile.relative_to(ROOT)} {fmt} {lang} {engine} rc={done.returncode} {digest(done.stdout)} {digest(done.stderr)}"


def batch(formats: str) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for p in sorted((ROOT / "profiles").glob("*.yaml")):
            if "sdg" not in p.name:
                (folder / p.name).write_bytes(p.read_bytes())
        out = Path(tmp) / "out"
        done = subprocess.run([sys.executable, "-m", "engine", "batch", str(folder), "-o", str(out), "--formats", formats, "--jobs", "2",
                               "--quiet"], cwd=ROOT, capture_output=True, check=False)
        lines = [f"batch --formats {formats} rc={done.returncode} {digest(done.stdout)}"]
        for f in sorted(out.rglob("*")):
            if f.is_file() and not f.name.startswith("."):
                data = f.read_bytes().replace(str(folder).encode(), b"IN").replace(str(out).encode(), b"OUT")
                lines.append(f"batch --formats {formats} {f.relative_to(out)} {digest(data)}")
        return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", type=int, default=2, help="processes at once (default 2)")
    args = ap.parse_args()
    profiles = sorted((ROOT / "profiles").glob("*.yaml")) + sorted((ROOT / "profiles" / "calibration").glob("*.yaml"))
    tasks = [(p, f, lang, e) for p in profiles for f in FORMATS for lang in LANGS for e in ENGINES]
    with ThreadPoolExecutor(args.jobs) as pool:
        for line in pool.map(lambda t: one(*t), tasks):
            print(line)
    for formats in ("none", "json,html"):
        for line in batch(formats):
            print(line)


if __name__ == "__main__":
    main()
