"""``migov batch``: many profiles in parallel worker processes, with a summary and a dashboard.

Each worker loads the pack once and writes each profile's JSON and HTML report atomically. The main
process keeps one compact row per profile (scores and gaps), writes ``summary.csv`` as rows arrive, and
builds ``index.html`` at the end. A bad profile is listed with its error and the others go on. A
manifest of input digests lets a re-run redo only the profiles whose inputs changed.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from engine import __version__
from engine.assess import assess, file_digests
from engine.authoring.intake import read_input
from engine.errors import MigovError
from engine.outputs import write_atomic
from engine.pack.compiled import Pack
from engine.pack.loading import load_pack, read_tailoring
from engine.pack.model import Status
from engine.render import html
from engine.render import json as json_render

MANIFEST = ".migov-batch.json"
WINDOW = 2000  # jobs handed to the worker pool at a time
PROFILE_SUFFIXES = (".yaml", ".yml", ".xlsx")


@dataclass
class Row:
    file: str
    stem: str
    ok: bool
    digest: str  # the input's identity: base digest, size and modification time of the profile file
    error: str | None = None
    pack: str | None = None
    id: str | None = None
    name: str | None = None
    kind: str | None = None
    period: str | None = None
    groups: dict[str, str] = field(default_factory=dict)
    overall: float | None = None
    rating: str | None = None
    coverage: float | None = None
    best: float | None = None
    worst: float | None = None
    dimensions: dict[str, float | None] = field(default_factory=dict)
    gaps: list[str] = field(default_factory=list)


def collect(paths: list[Path]) -> list[str]:
    """Profile files named, or found (not recursively) in the folders named; sorted, unique.

    Plain strings, not Path objects: a list of 100,000 of them stays small.
    """
    out: list[str] = []
    for p in paths:
        if p.is_dir():
            with os.scandir(p) as entries:
                names = sorted(e.name for e in entries if e.is_file() and not e.name.startswith(".")
                               and os.path.splitext(e.name)[1].lower() in PROFILE_SUFFIXES)
            out += [os.path.join(str(p), n) for n in names]
        elif p.exists():
            out.append(str(p))
        else:
            raise MigovError("no such file", file=str(p))
    return list(dict.fromkeys(out))


def pack_digest(pack: Pack) -> str:
    h = hashlib.sha256()
    for f in sorted(pack.files):
        h.update(f.name.encode() + hashlib.sha256(f.read_bytes()).digest())
    if pack.tailoring:
        h.update(json.dumps(pack.tailoring["source"], sort_keys=True, default=str).encode())
    return h.hexdigest()


# --- worker side ---------------------------------------------------------------------------------

_W: dict[str, Any] = {}


def _init(rules: str | None, tailoring: str | None, lang: str | None, formats: tuple[str, ...], out: str) -> None:
    _W.update(rules=rules, tailoring=read_tailoring(tailoring) if tailoring else None, lang=lang, formats=formats, out=Path(out),
              packs={}, digests={})


def _pack(spec: str | None) -> Pack:
    key = spec or ""
    if key not in _W["packs"]:
        _W["packs"][key] = load_pack(spec, _W["tailoring"])
    pack: Pack = _W["packs"][key]
    return pack


def _digests(pack: Pack) -> tuple[tuple[str, bytes], ...]:
    """The pack's file digests for its reports' inputs hash: read once per pack and worker."""
    key = id(pack)  # the packs stay loaded in _W for the worker's life
    if key not in _W["digests"]:
        _W["digests"][key] = file_digests(pack)
    found: tuple[tuple[str, bytes], ...] = _W["digests"][key]
    return found


def _write(path: Path, text: str) -> None:
    write_atomic(path, text)


def assess_one(job: tuple[str, str, str]) -> Row:  # (file, stem, digest)
    """One profile: (file, output stem, digest) -> its summary row; outputs written atomically."""
    file, stem, digest = job
    try:
        intake = read_input(Path(file), _W["rules"], load=_pack)
        pack, prof = intake.pack, intake.profile()
        lang = _W["lang"] or prof.language or "en"
        a = assess(pack, prof, lang, with_evidence=bool(_W["formats"]))
        out: Path = _W["out"]
        if "json" in _W["formats"]:
            _write(out / f"{stem}.json", json_render.render(a))
        if "html" in _W["formats"]:
            _write(out / f"{stem}.html", html.render(a, pack, prof, _digests(pack)))
        s = a.score
        return Row(file=file, stem=stem, ok=True, digest=digest, pack=pack.id, id=prof.id, name=prof.name, kind=prof.kind, period=prof.period,
                   groups=prof.groups or {}, overall=s.overall, rating=s.rating, coverage=s.coverage, best=s.best_case, worst=s.worst_case,
                   dimensions={d.id: d.score for d in a.dimensions},
                   gaps=[f.rule for f in a.findings if f.status == Status.gap])
    except MigovError as exc:
        return Row(file=file, stem=stem, ok=False, digest=digest, error=str(exc))


# --- main side -----------------------------------------------------------------------------------

def read_manifest(out: Path, base: str) -> tuple[dict[str, Row], list[str]]:
    """The rows of the previous run with the same base (pack, language, formats), one JSON line each."""
    previous: dict[str, Row] = {}
    formats: list[str] = []
    try:
        with (out / MANIFEST).open(encoding="utf-8") as fh:
            head = json.loads(fh.readline() or "{}")
            if head.get("base") != base:
                return {}, []
            formats = head.get("formats", [])
            for line in fh:
                row = Row(**json.loads(line))
                previous[row.file] = row
    except (OSError, json.JSONDecodeError, TypeError):
        return {}, []
    return previous, formats


def plan_jobs(files: list[str], out: Path, base: str) -> Iterator[tuple[str, str, str] | Row]:
    """For each file, in order: a job to run, or the previous row when nothing changed.

    Only ``stat`` is read (no file contents); a profile whose size, time and outputs are unchanged is
    not redone. A generator, so that memory does not grow with the number of profiles.
    """
    previous, formats = read_manifest(out, base)
    stems: dict[str, int] = {}
    for f in files:
        name = os.path.basename(f)
        stem = os.path.splitext(name)[0]
        n = stems[stem] = stems.get(stem, 0) + 1
        if n > 1:
            stem = f"{stem}-{n}"  # two files with the same name in different folders
        st = os.stat(f)
        digest = hashlib.sha256(f"{base}|{st.st_size}|{st.st_mtime_ns}".encode()).hexdigest()[:32]
        old = previous.pop(f, None)
        if old is not None and old.digest == digest and (not old.ok or all((out / f"{stem}.{x}").exists() for x in formats)):
            yield old
        else:
            yield (f, stem, digest)


def _windows(items: Iterator[tuple[str, str, str] | Row]) -> Iterator[tuple[list[Row], list[tuple[str, str, str]]]]:
    reused: list[Row] = []
    window: list[tuple[str, str, str]] = []
    for item in items:
        if isinstance(item, Row):
            reused.append(item)
        else:
            window.append(item)
        if len(window) + len(reused) >= WINDOW:
            yield reused, window
            reused, window = [], []
    if reused or window:
        yield reused, window


def run(files: list[str], out: Path, jobs: int, rules: str | None, tailoring: str | None, lang: str | None,
        formats: tuple[str, ...], base: str, progress: Any = None) -> Iterator[Row]:
    """Every file's row: reused when unchanged, else assessed by the workers, a window at a time
    (the pool's task queue, and so memory, stays bounded however many profiles there are)."""
    args = (rules, tailoring, lang, formats, str(out))
    windows = _windows(plan_jobs(files, out, base))
    if jobs <= 1:
        _init(*args)
        for reused, window in windows:
            yield from reused
            for job in window:
                yield assess_one(job)
        return
    ctx = get_context("spawn")  # workers start clean: their memory does not grow with the main process
    with ctx.Pool(jobs, initializer=_init, initargs=args) as pool:
        for reused, window in windows:
            yield from reused
            if window:
                yield from pool.imap_unordered(assess_one, window, chunksize=max(1, min(32, len(window) // (jobs * 8) or 1)))


class Writer:
    """summary.csv and the manifest, written row by row to temporary files, moved into place at the end."""

    def __init__(self, out: Path, base: str, formats: tuple[str, ...], dimensions: list[str]) -> None:
        self.out, self.dimensions = out, dimensions
        self.csv_tmp, self.manifest_tmp = out / ".summary.csv.tmp", out / f".{MANIFEST}.tmp"
        self.csv_fh = self.csv_tmp.open("w", encoding="utf-8", newline="")
        self.csv = csv.writer(self.csv_fh, lineterminator="\n")
        self.csv.writerow(csv_header(dimensions))
        self.manifest_fh = self.manifest_tmp.open("w", encoding="utf-8")
        self.manifest_fh.write(json.dumps({"base": base, "formats": list(formats)}) + "\n")

    def add(self, row: Row) -> None:
        self.csv.writerow(csv_row(row, self.dimensions))
        self.manifest_fh.write(json.dumps(row.__dict__, ensure_ascii=False) + "\n")

    def close(self) -> None:
        self.csv_fh.close()
        self.manifest_fh.close()
        os.replace(self.csv_tmp, self.out / "summary.csv")
        os.replace(self.manifest_tmp, self.out / MANIFEST)


def csv_header(dimensions: list[str]) -> list[str]:
    return ["file", "status", "pack", "id", "name", "kind", "overall", "rating", "coverage", "best_case", "worst_case", *dimensions,
            "other_scores", "groups", "error"]


def csv_row(r: Row, dimensions: list[str]) -> list[Any]:
    other = {d: v for d, v in r.dimensions.items() if d not in dimensions}
    return [r.file, "ok" if r.ok else "error", r.pack, r.id, r.name, r.kind, r.overall, r.rating, r.coverage, r.best, r.worst,
            *[r.dimensions.get(d) for d in dimensions], json.dumps(other, sort_keys=True) if other else "",
            json.dumps(r.groups, ensure_ascii=False, sort_keys=True) if r.groups else "", r.error or ""]


def base_digest(pack: Pack, lang: str | None, formats: tuple[str, ...]) -> str:
    return hashlib.sha256(f"{__version__}|{pack_digest(pack)}|{lang}|{','.join(formats)}".encode()).hexdigest()
