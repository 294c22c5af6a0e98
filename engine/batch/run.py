"""``migov batch``: many profiles in parallel worker processes, with a summary and a dashboard.

Each worker loads the pack once, assesses each profile once (language-neutral) and writes its JSON and HTML
report atomically in each language asked (``--lang en,fr``: ``x.en.html``, ``x.fr.html``; one language or none:
``x.html``, as before); without reports (``--formats none``) no sentence is written at all. Each worker also
writes out each profile's summary.csv and manifest lines and its dashboard view (:class:`engine.batch.table.Done`):
the main process writes those lines as they arrive, keeps what the dashboard needs, and builds ``index.html`` at
the end (docs/BATCH.md). A bad profile is listed with its error and the others go on. A
manifest of input digests lets a re-run redo only the profiles whose inputs changed.
"""

from __future__ import annotations

import contextlib
import gc
import json
import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Generator, Iterator
from multiprocessing import forkserver, get_context
from multiprocessing.pool import AsyncResult
from pathlib import Path
from typing import Any

from engine.assess import Summary, assess, file_digests, summarize
from engine.assessment import Assessment
from engine.authoring.intake import read_input
from engine.batch.plan import PROFILE_SUFFIXES, base_digest, check_done, check_id, collect, languages_of, pack_digest, plan_jobs, suffixes
from engine.batch.row import Row
from engine.batch.stopping import STOPPING, Stopped, check, stop_on_signals, unwind_on_signals
from engine.batch.table import MANIFEST, Done, Writer, csv_header, csv_row, done, read_manifest
from engine.errors import MigovError, in_words
from engine.i18n import language_from_environment, set_language
from engine.outputs import write_atomic
from engine.pack.compiled import Pack
from engine.pack.loading import load_pack, pack_folder, read_tailoring
from engine.pack.model import Status
from engine.pack.profiles import Profile
from engine.render import json as json_render
from engine.render.localize import localized
from engine.render.neutral import Neutral, data_in, data_of, neutral
from engine.render.verdict import known_range, unrated

IN_FLIGHT, POLL = 4, 0.25  # tasks handed to each worker ahead of the results read; seconds of one wait for a task's rows (_rows)
CHUNK = {False: 64, True: 4}  # profiles per task, without and with reports: one message each way for several (the main process,
# on a core the workers share, spent more on a task's pickling and result than a summary-only worker on its profile; 64, not 16: the
# main process's CPU over 10,000 profiles fell from 3.3 to 2.8 s; the jobs in flight, finished after a Ctrl-C, take under a second)
__all__ = ["MANIFEST", "PROFILE_SUFFIXES", "Done", "Row", "Stopped", "Writer", "assess_many", "assess_one", "base_digest", "check_done", "check_id", "collect",
           "csv_header", "csv_row", "languages_of", "pack_digest", "plan_jobs", "read_manifest", "run", "start_server", "stop_on_signals", "suffixes"]


# --- worker side ---------------------------------------------------------------------------------

_W: dict[str, Any] = {}
PRELOAD = "MIGOV_BATCH_PRELOAD"  # the batch's pack and --lang for the fork server (engine.batch.preload), in its environment only
PRELOADED: dict[tuple[str, str, str], Pack] = {}  # filled in the fork server: (rules, tailoring file, base digest) -> the pack


def _init(rules: str | None, tailoring: str | None, lang: str | None, formats: tuple[str, ...], out: str, worker: bool = False,
          base: str = "", dimensions: tuple[str, ...] = ()) -> None:
    langs = languages_of(lang)
    set_language(langs[0] if langs else language_from_environment())  # a spawned worker's errors in the batch's language
    if worker:
        # as the migov process does (engine/cli): a profile's objects die young, freed by their counts; the default
        # threshold (700) ran a collection every few findings and a full one, over the whole pack, every few profiles
        gc.set_threshold(100_000, 50, 100)
    if worker:  # Ctrl-C is the main process's to handle; SIGTERM (the pool's) and SIGHUP unwind quietly, so a half-written output is removed
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        unwind_on_signals()
    _W.update(rules=rules, tailoring=read_tailoring(tailoring) if tailoring else None, langs=langs, formats=formats, out=Path(out),
              packs={}, digests={}, preloaded=PRELOADED.get((rules or "", tailoring or "", base)), dimensions=list(dimensions))


def _pack(spec: str | None) -> Pack:
    key = spec or ""
    pre: Pack | None = _W["preloaded"]
    if key not in _W["packs"] and pre is not None and os.path.realpath(pack_folder(spec)) == pre.root:
        _W["packs"][key] = pre  # the fork server's, loaded for this batch (frozen there)
    if key not in _W["packs"]:
        _W["packs"][key] = load_pack(spec, _W["tailoring"])
        gc.collect()  # the garbage of loading it, freed first (frozen, it would stay)
        gc.freeze()  # the pack (and the modules) live as long as the worker: never traversed again by the collector
    pack: Pack = _W["packs"][key]
    return pack


def _digests(pack: Pack) -> tuple[tuple[str, bytes], ...]:
    """The pack's file digests for its reports' inputs hash: read once per pack and worker."""
    key = id(pack)  # the packs stay loaded in _W for the worker's life
    if key not in _W["digests"]:
        _W["digests"][key] = file_digests(pack)
    found: tuple[tuple[str, bytes], ...] = _W["digests"][key]
    return found


def _write(path: Path, text: str, source: str) -> None:
    write_atomic(path, text, [source], durable=False)  # made durable together, before the manifest lists it (Writer.close)


def assess_one(job: tuple[str, str, str]) -> Row:  # (file, stem, digest)
    """One profile: (file, output stem, digest) -> its summary row; outputs written atomically."""
    file, stem, digest = job
    try:
        intake = read_input(file, _W["rules"], load=_pack)
        pack, prof = intake.pack, intake.profile()
        if _W["formats"]:
            a = assess(pack, prof)  # once, whatever the number of languages
            langs: tuple[str, ...] = _W["langs"] or (prof.language or "en",)
            for lang in langs:
                _reports(a, pack, prof, lang, f"{stem}.{lang}" if len(langs) > 1 else stem, file)
            got = Summary(a.score, a.dimensions, [f.rule for f in a.findings if f.status == Status.gap])
        else:
            got = summarize(pack, prof)  # the figures only: no evidence, finding or recommendation is built
        s, dims = got.score, got.dimensions
        return Row(file=file, stem=stem, ok=True, digest=digest, pack=pack.id, id=prof.id, name=prof.name, kind=prof.kind, period=prof.period,
                   groups=prof.groups or {}, overall=s.overall, rating=s.rating, coverage=s.coverage, best=s.best_case, worst=s.worst_case,
                   dimensions={d.id: d.score for d in dims},
                   ranges={d.id: list(span) for d in dims if (unrated(d) or d.rating_range) and (span := known_range(d))},  # no band: the range
                   gaps=got.gaps, confidence=s.confidence, withheld=s.withheld, facts_to_collect=s.facts_to_collect)
    except MigovError as exc:
        return Row(file=file, stem=stem, ok=False, digest=digest, error=in_words(exc))  # as the error line says it


def assess_many(jobs: list[tuple[str, str, str]]) -> list[Done]:
    """Several profiles in one task (:data:`CHUNK`), in order, each as the main process takes it: its summary lines written
    out here, in the worker, so that the main process (on a core the workers share) only writes them."""
    dims: list[str] = _W["dimensions"]
    out = []
    for job in jobs:
        check()  # a signal taken in the pool's code: leave now
        out.append(done(assess_one(job), dims))
    return out


def _reports(a: Assessment, pack: Pack, prof: Profile, lang: str, name: str, file: str) -> None:
    """The profile's JSON and HTML report in ``lang``, written from the one assessment."""
    written = localized(a, pack, prof, lang)
    held: Neutral | None = _W.get("neutral")
    if len(_W["langs"]) < 2 and "json" not in _W["formats"]:  # one HTML page: nothing to share (neutral data would cost more)
        data, report = data_of(written), None  # its findings' data shared with other profiles' (engine.render.alike)
    else:
        if held is None or held.assessment is not a:  # the profile's first language: its neutral data, shared by the others
            held = _W["neutral"] = neutral(a)
        data, report = data_in(held, written), held.report  # built once for the JSON and the HTML's embedded copy
    out: Path = _W["out"]
    if "json" in _W["formats"] and held is not None:
        _write(out / f"{name}.json", json_render.render_data(data, held.shared), file)
    if "html" in _W["formats"]:
        from engine.render import html  # jinja2 and the chart: the fork server imported them (preload), the main process needs none

        _write(out / f"{name}.html", html.render(written, pack, prof, _digests(pack), assessment=data, shared=report), file)


# --- main side -----------------------------------------------------------------------------------
def start_server(rules: str | None, tailoring: str | None, base: str, lang: str | None, formats: tuple[str, ...]) -> None:
    """The fork server of a batch with workers, started now if it is not running: the workers are forked from a clean
    server (not from this process: no thread, no state of its own) that imported migov and loaded the pack once
    (:mod:`engine.batch.preload`), so that no worker imports it or loads the pack again. Its start (an interpreter, the
    imports, the pack) takes a few tenths of a second: `migov batch` starts it as soon as it knows the batch's pack, and
    goes on with its own start (the dashboard's template...) meanwhile. The pack is named in the server's environment,
    only while it starts."""
    get_context("forkserver").set_forkserver_preload(["engine.batch.preload"])
    previous_env = os.environ.get(PRELOAD)
    os.environ[PRELOAD] = json.dumps([rules, tailoring, base, lang, formats])
    try:
        with _helpers_ignore_signals():
            forkserver.ensure_running()
    finally:
        if previous_env is None:
            os.environ.pop(PRELOAD, None)
        else:
            os.environ[PRELOAD] = previous_env


@contextlib.contextmanager
def _helpers_ignore_signals() -> Iterator[None]:
    """Ctrl-C, a hang-up and SIGTERM ignored by the helper processes started meanwhile (the fork server, multiprocessing's
    resource tracker), kept across exec: one sent to the whole process group leaves them to the main process, which stops
    them quietly (a fork server killed by the group's SIGTERM while the pool replaced its dead workers hung the batch).
    Workers set their own handlers first thing (_init); one forked before that leaves on them (stopping.serve)."""
    previous = {sig: signal.signal(sig, signal.SIG_IGN) for sig in (signal.SIGINT, signal.SIGHUP, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def run(files: list[str], out: Path, jobs: int, rules: str | None, tailoring: str | None, lang: str | None,
        formats: tuple[str, ...], base: str, dimensions: list[str]) -> Generator[Done, None, None]:
    """Every file's row (:class:`Done`, summary.csv's columns of ``dimensions``), in the files' order: reused when unchanged,
    else assessed by the workers.

    At most a few jobs per worker are in flight, so memory stays bounded however many profiles there
    are. Ctrl-C reaches the main process only (the workers are started with SIGINT ignored): the jobs
    in flight finish, their rows come out, then KeyboardInterrupt is raised again; nothing is cut short.
    """
    args = (rules, tailoring, lang, formats, str(out))
    items = plan_jobs(files, out, base, languages_of(lang))
    if jobs <= 1:
        _init(*args, dimensions=tuple(dimensions))
        for item in items:
            yield done(item if isinstance(item, Row) else assess_one(item), dimensions)
        return
    start_server(rules, tailoring, base, lang, formats)  # unless the command started it already, while it went on with its own start
    with _helpers_ignore_signals():
        pool = get_context("forkserver").Pool(jobs, initializer=_init, initargs=(*args, True, base, tuple(dimensions)))
    pending: deque[Row | AsyncResult[list[Done]]] = deque()
    size = max(1, min(CHUNK[bool(formats)], len(files) // (jobs * IN_FLIGHT * 2)))  # a few profiles: one each, every worker busy
    chunk: list[tuple[str, str, str]] = []
    try:
        for item in items:
            if chunk and (isinstance(item, Row) or len(chunk) >= size):  # a task, ahead of a reused row or full
                pending.append(pool.apply_async(assess_many, (chunk,)))
                chunk = []
            if isinstance(item, Row):
                pending.append(item)
            else:
                chunk.append(item)
            while len(pending) > jobs * IN_FLIGHT or (pending and isinstance(pending[0], Row)):
                yield from _next(pending, dimensions)
        if chunk:
            pending.append(pool.apply_async(assess_many, (chunk,)))
        while pending:
            yield from _next(pending, dimensions)
    except Stopped:
        raise  # the workers are stopped below: no job is waited for
    except KeyboardInterrupt:
        finished = [row for p in pending for row in _rows(p, dimensions)]  # the jobs already handed out: finished, not cut short
        pending.clear()
        yield from finished
        raise
    finally:
        if STOPPING:
            _stop_pool(pool)  # each worker's SIGTERM removes the output it was writing
        else:
            pool.close()
            pool.join()


def _stop_pool(pool: Any) -> None:
    """Terminate the workers, within a bounded time: a signal sent to the whole process group can reach the pool while it
    replaces a dead worker, and its own teardown then waits for ever; past 5 s the children are killed outright."""
    stopper = threading.Thread(target=lambda: (pool.terminate(), pool.join()), daemon=True)
    stopper.start()
    stopper.join(5)
    if stopper.is_alive():
        for child in multiprocessing.active_children():
            child.kill()
        stopper.join(5)


def _next(pending: deque[Row | AsyncResult[list[Done]]], dimensions: list[str]) -> list[Done]:
    """The first task's rows, taken off the queue only once they are there (Ctrl-C while waiting loses nothing)."""
    rows = _rows(pending[0], dimensions)
    pending.popleft()
    return rows


def _rows(item: Row | AsyncResult[list[Done]], dimensions: list[str]) -> list[Done]:
    if isinstance(item, Row):
        return [done(item, dimensions)]
    while not item.ready():  # not one endless wait: a signal a pool thread took (its worker's answer lost) is handled once this thread runs
        item.wait(POLL)
    return item.get()
