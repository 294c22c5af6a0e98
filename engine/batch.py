"""``migov batch``: many profiles in parallel worker processes, with a summary and a dashboard.

Each worker loads the pack once and writes each profile's JSON and HTML report atomically. The main
process keeps one compact row per profile (scores and gaps), writes ``summary.csv`` as rows arrive, and
builds ``index.html`` at the end. A bad profile is listed with its error and the others go on. A
manifest of input digests lets a re-run redo only the profiles whose inputs changed.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from engine import __version__
from engine.errors import MigovError

MANIFEST = ".migov-batch.json"
PROFILE_SUFFIXES = (".yaml", ".yml", ".xlsx")


@dataclass
class Row:
    file: str
    stem: str
    ok: bool
    digest: str
    error: str | None = None
    pack: str | None = None
    id: str | None = None
    name: str | None = None
    kind: str | None = None
    groups: dict[str, str] = field(default_factory=dict)
    overall: float | None = None
    rating: str | None = None
    coverage: float | None = None
    best: float | None = None
    worst: float | None = None
    dimensions: dict[str, float | None] = field(default_factory=dict)
    gaps: list[str] = field(default_factory=list)


def collect(paths: list[Path]) -> list[Path]:
    """Profile files named, or found (not recursively) in the folders named; sorted, unique."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += [f for f in sorted(p.iterdir()) if f.is_file() and f.suffix.lower() in PROFILE_SUFFIXES and not f.name.startswith(".")]
        elif p.exists():
            out.append(p)
        else:
            raise MigovError("no such file", file=str(p))
    seen: set[Path] = set()
    return [f for f in out if not (f.resolve() in seen or seen.add(f.resolve()))]  # type: ignore[func-returns-value]


def pack_digest(pack: Any) -> str:
    h = hashlib.sha256()
    for f in sorted(pack.files):
        h.update(f.name.encode() + hashlib.sha256(f.read_bytes()).digest())
    if pack.tailoring:
        h.update(json.dumps(pack.tailoring["source"], sort_keys=True, default=str).encode())
    return h.hexdigest()


# --- worker side ---------------------------------------------------------------------------------

_W: dict[str, Any] = {}


def _init(rules: str | None, tailoring: str | None, lang: str | None, formats: tuple[str, ...], out: str) -> None:
    from engine.loading import read_tailoring

    _W.update(rules=rules, tailoring=read_tailoring(tailoring) if tailoring else None, lang=lang, formats=formats, out=Path(out), packs={})


def _pack(spec: str | None) -> Any:
    from engine.loading import load_pack

    key = spec or ""
    if key not in _W["packs"]:
        _W["packs"][key] = load_pack(spec, _W["tailoring"])
    return _W["packs"][key]


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def assess_one(job: tuple[str, str, str]) -> Row:
    """One profile: (file, output stem, digest) -> its summary row; outputs written atomically."""
    from engine.assess import assess
    from engine.profiles import pack_of, read_profile, validate_profile

    file, stem, digest = job
    path = Path(file)
    locs: Any
    try:
        if path.suffix.lower() == ".xlsx":
            from engine.spreadsheet import pack_of_workbook, read_workbook

            pack = _pack(_W["rules"] or pack_of_workbook(path))
            data, locs = read_workbook(path, pack)
        else:
            data, locs = read_profile(path)
            pack = _pack(_W["rules"] or pack_of(data))
        prof = validate_profile(data, locs, pack)
        lang = _W["lang"] or prof.language or "en"
        a = assess(pack, prof, lang, with_evidence=bool(_W["formats"]))
        out: Path = _W["out"]
        if "json" in _W["formats"]:
            from engine.render import json as json_render

            _write(out / f"{stem}.json", json_render.render(a))
        if "html" in _W["formats"]:
            from engine.render import html

            _write(out / f"{stem}.html", html.render(a, pack, prof))
        return Row(file=file, stem=stem, ok=True, digest=digest, pack=pack.id, id=prof.id, name=prof.name, kind=prof.kind.value,
                   groups=prof.groups or {}, overall=a["score"]["overall"], rating=a["score"]["rating"],
                   coverage=a["score"]["coverage"], best=a["score"]["best_case"], worst=a["score"]["worst_case"],
                   dimensions={d["id"]: d["score"] for d in a["dimensions"]},
                   gaps=[f["rule"] for f in a["findings"] if f["status"] == "gap"])
    except MigovError as exc:
        return Row(file=file, stem=stem, ok=False, digest=digest, error=str(exc))


# --- main side -----------------------------------------------------------------------------------

def plan_jobs(files: list[Path], out: Path, base: str) -> tuple[list[tuple[str, str, str]], dict[str, Row]]:
    """Jobs to run and rows to reuse: a profile whose digest and outputs are unchanged is not redone."""
    try:
        manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        manifest = {}
    previous = {k: Row(**v) for k, v in manifest.get("rows", {}).items()} if manifest.get("base") == base else {}
    jobs, reused = [], {}
    stems: dict[str, int] = {}
    for f in files:
        stem = f.stem
        stems[stem] = stems.get(stem, 0) + 1
        if stems[stem] > 1:
            stem = f"{stem}-{stems[stem]}"
        digest = hashlib.sha256(base.encode() + f.read_bytes()).hexdigest()
        old = previous.get(str(f))
        if old is not None and old.digest == digest and (not old.ok or all((out / f"{stem}.{x}").exists() for x in manifest.get("formats", []))):
            reused[str(f)] = old
        else:
            jobs.append((str(f), stem, digest))
    return jobs, reused


def run(files: list[Path], out: Path, jobs: int, rules: str | None, tailoring: str | None, lang: str | None,
        formats: tuple[str, ...], base: str, progress: Any = None) -> Iterator[Row]:
    todo, reused = plan_jobs(files, out, base)
    yield from reused.values()
    if not todo:
        return
    args = (rules, tailoring, lang, formats, str(out))
    if jobs <= 1:
        _init(*args)
        for job in todo:
            yield assess_one(job)
        return
    ctx = get_context("fork" if os.name == "posix" else "spawn")
    with ctx.Pool(jobs, initializer=_init, initargs=args) as pool:
        yield from pool.imap_unordered(assess_one, todo, chunksize=max(1, min(64, len(todo) // (jobs * 8) or 1)))


def write_manifest(out: Path, base: str, formats: tuple[str, ...], rows: list[Row]) -> None:
    data = {"base": base, "formats": list(formats), "rows": {r.file: asdict(r) for r in rows}}
    tmp = out / f".{MANIFEST}.tmp"
    tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, out / MANIFEST)


def csv_header(dimensions: list[str]) -> list[str]:
    return ["file", "status", "pack", "id", "name", "kind", "overall", "rating", "coverage", "best_case", "worst_case", *dimensions, "groups", "error"]


def csv_row(r: Row, dimensions: list[str]) -> list[Any]:
    return [r.file, "ok" if r.ok else "error", r.pack, r.id, r.name, r.kind, r.overall, r.rating, r.coverage, r.best, r.worst,
            *[r.dimensions.get(d) for d in dimensions], json.dumps(r.groups, ensure_ascii=False, sort_keys=True) if r.groups else "", r.error or ""]


def summary_csv(rows: list[Row], dimensions: list[str]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(csv_header(dimensions))
    for r in sorted(rows, key=lambda r: r.file):
        w.writerow(csv_row(r, dimensions))
    return buf.getvalue()


def base_digest(pack: Any, lang: str | None, formats: tuple[str, ...]) -> str:
    return hashlib.sha256(f"{__version__}|{pack_digest(pack)}|{lang}|{','.join(formats)}".encode()).hexdigest()
