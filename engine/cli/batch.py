"""``migov batch``: many profiles in parallel, a report each, summary.csv and a dashboard."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import click

from engine.batch import dashboard
from engine.batch import run as b
from engine.batch.folder import Lock, check_folder, sweep
from engine.cli.lazy import Command
from engine.cli.options import between_option, lang_option, output_option, rules_option, tailoring_option
from engine.cli.output import error_line, fail, quiet, quiet_option
from engine.cli.texts import command_help
from engine.errors import MigovError
from engine.escape import filename
from engine.i18n import _, current_language, languages
from engine.i18n import translate_plural as ngettext
from engine.pack.compiled import Pack
from engine.pack.loading import bundled_packs, load_pack, read_tailoring
from engine.resources import data_dir

# When a second worker process pays, measured by `python benchmarks/jobs_threshold.py SIZES FORMATS` on
# the shared 2-core machine (under load, so the figures are noisy; profiles per second, 1 job / 2 jobs):
#   --formats none:       100: 18.2 / 9.5 (0.53); 500: 38.9 / 23.9 (0.61); 1500: 29.9 / 30.1 (1.01);
#                         an earlier run: 50: 0.48, 200: 0.62 (the 500: 181/s against 126/s);
#                         with the rows' lines written by the workers (`jobs_threshold.py 500,2000,10000 none 3`, medians of
#                         3 runs in turn): 500: 389 / 309 (0.80); 2000: 424 / 378 (0.86); 10000: 458 / 362 (0.79)
#   --formats json,html:  10: 0.4 / 0.3 (0.71); 40: 0.7 / 0.9 (1.28); 120: 0.7 / 0.7 (0.93);
#                         an earlier run: 50: 2.5 / 4.3 (1.76), 200: 1.5 / 1.0 (0.66)
# Without per-profile reports a profile costs a few ms, less than handing its row from a worker to the main
# process (which writes summary.csv and the dashboard) plus each worker's start (a spawned interpreter
# that imports migov and loads the pack, 1-2 s): one process is as fast or faster at every size measured,
# up to 10,000 (on this machine shared with other work, a second worker rarely finds an idle core). With reports a profile costs 0.2-0.4 s, so a worker's start is repaid after a few dozen
# profiles: 10 profiles were faster with one job, 40 and 50 with two; at 120 and 200, with the other
# users of the machine taking both cores, a second worker found no idle core. Hence one worker for each
# PROFILES_PER_WORKER profiles, up to the cores, and one process without reports.
PROFILES_PER_WORKER = 20


def default_jobs(profiles: int, formats: tuple[str, ...], cores: int) -> int:
    """The default of --jobs: one process without reports, else one worker per PROFILES_PER_WORKER profiles, up to the cores.

    >>> default_jobs(500, (), 2), default_jobs(10, ("json", "html"), 2), default_jobs(500, ("json", "html"), 2)
    (1, 1, 2)
    """
    if not formats:
        return 1
    return max(1, min(cores, profiles // PROFILES_PER_WORKER))


class Languages(click.Choice):  # type: ignore[type-arg]
    """``--lang fr`` or a list, ``--lang en,fr``: each a language migov has (the choices); given back as ``en,fr`` (each once)."""

    def __init__(self) -> None:
        super().__init__(list(languages()))

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> str:
        names = b.languages_of(str(value))
        wrong = [x for x in names if x not in languages()] or ([] if names else [str(value)])
        if wrong:
            self.fail(_("'{value}' is not a supported language: expected {languages}").format(value=wrong[0], languages=", ".join(languages())), param, ctx)
        return ",".join(names)


def batch_command() -> click.Command:
    @click.command("batch", cls=Command, help=command_help("batch"))
    @click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
    @output_option(required=True, type=click.Path(file_okay=False, path_type=Path),
                   help=_("Folder to write the reports, summary.csv and the dashboard (index.html) to (made if missing)."))
    @between_option("--jobs", "-j", low=1, high=64, whole=True, help=_("Worker processes (default: chosen from the number of profiles, the outputs and the cores)."))
    @lang_option(type=Languages(), help=_(
        "Language of the reports, or several (en,fr: each profile assessed once, its reports in each; default: each profile's, else from LANGUAGE, LC_ALL, LC_MESSAGES or LANG)."))
    @rules_option()
    @tailoring_option()
    @click.option("--formats", default="json,html", show_default=True, help=_("Per-profile outputs: json, html, both, or none."))
    @quiet_option()
    def batch(paths: tuple[Path, ...], output: Path, jobs: int | None, lang: str | None, rules_spec: str | None, tailoring: Path | None, formats: str) -> None:
        chosen = b.languages_of(lang)[0] if lang else current_language()  # the dashboard's language (one per language: _run)
        fmts = tuple(f for f in formats.split(",") if f and f != "none")
        try:
            if any(f not in ("json", "html") for f in fmts):
                raise MigovError(_("expected json, html, both or none"), field="--formats")
            files = b.collect(list(paths))
            tailored = read_tailoring(tailoring) if tailoring else None
            main_pack = load_pack(rules_spec, tailored)
            check_folder(output, [main_pack.root, data_dir("rules")])  # never inside a rule pack
            try:
                output.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise MigovError(_("cannot write the file: {reason}").format(reason=exc.strerror), file=str(output), field="--output") from None
            base = b.base_digest(main_pack, lang, fmts)
        except MigovError as exc:
            fail(exc)

        b.stop_on_signals()  # SIGTERM, SIGHUP: quietly, nothing left behind, exit 128 + the signal
        try:
            with Lock(output):  # one batch at a time in a folder
                _run(output, files, jobs, rules_spec, tailoring, lang, fmts, base, main_pack, chosen)
        except MigovError as exc:
            fail(exc)
        except b.Stopped as stop:
            sweep(output)
            sys.exit(128 + stop.signum)

    return batch


def _run(output: Path, files: list[str], jobs: int | None, rules_spec: str | None, tailoring: Path | None, lang: str | None,
         fmts: tuple[str, ...], base: str, main_pack: Pack, chosen: str) -> None:
    """The batch itself, under the folder's lock: rows as they come, then the dashboard; Ctrl-C keeps what finished."""
    workers = jobs or default_jobs(len(files), fmts, os.cpu_count() or 1)
    if workers > 1:  # the fork server starts (an interpreter, migov's modules, the pack) while this process goes on with its own start
        b.start_server(rules_spec, str(tailoring) if tailoring else None, base, lang, fmts)
        for each in b.languages_of(lang) or (chosen,):
            dashboard.template(each)  # jinja2 and the dashboard's template, read now rather than once the reports are written
    packs = {main_pack.id: main_pack}
    for name in bundled_packs():  # every bundled pack, so the CSV has their columns
        packs.setdefault(name, load_pack(name))
    dims = list(dict.fromkeys(d.id for p in packs.values() for d in p.header.dimensions))
    sweep(output)  # what an earlier batch, killed, may have left
    failed = total = 0
    try:
        writer = b.Writer(output, base, fmts, dims)
        agg = dashboard.Aggregate()
        ids: dict[str, int] = {}
        rows = b.run(files, output, workers, rules_spec, str(tailoring) if tailoring else None, lang, fmts, base, dims)
        try:
            with _progress(len(files), not quiet() and sys.stderr.isatty()) as advance:
                for row in rows:
                    row = b.check_done(row, ids, total, files, dims)
                    writer.add_lines(row.csv, row.manifest)
                    agg.take(row)
                    total += 1
                    if row.shown is None:
                        failed += 1
                        click.echo(error_line(row.error or "", said=True), err=True)  # as assess says it: one line, no control obeyed
                    elif row.pack and row.pack not in packs:
                        packs[row.pack] = load_pack(row.pack, None)
                    advance()
        finally:
            rows.close()  # the workers finish the jobs they hold: no output is cut short
            writer.close()  # summary.csv and the manifest: complete rows of every profile finished
        shown = {pid: p for pid, p in packs.items() if agg.rows.get(pid)}
        langs = b.languages_of(lang)
        for i, each in enumerate(langs if len(langs) > 1 else (chosen,)):  # several languages: index.html in the first, index.<lang>.html
            dashboard.write(output / ("index.html" if i == 0 else f"index.{each}.html"), agg, shown, each, fmts, tagged=len(langs) > 1,
                            languages=langs if len(langs) > 1 else ())  # written as laid out: memory flat however many rows
    except KeyboardInterrupt as exc:
        sweep(output)
        if isinstance(exc, b.Stopped):
            raise
        click.echo(_("migov: interrupted: {done} of {total} profiles finished, listed in {file}; run the same command to do the rest").format(
            done=total, total=len(files), file=filename(output / "summary.csv")), err=True)
        sys.exit(130)
    except OSError as exc:
        sweep(output)
        fail(MigovError(_("cannot write the file: {reason}").format(reason=exc.strerror or type(exc).__name__), file=str(output)))
    sweep(output)
    if not quiet():
        click.echo(_("{assessed}, {failed}: {dir}").format(assessed=ngettext("{n} assessed", "{n} assessed", total - failed).format(n=total - failed),
                                                           failed=_("{n} failed").format(n=failed) if failed else _("0 failed"), dir=filename(output / "index.html")))  # « aucun échec » (E17)
    sys.exit(2 if failed else 0)


@contextlib.contextmanager
def _progress(total: int, visible: bool) -> Iterator[Callable[[], None]]:
    """One step of the batch's progress bar, on a terminal (rich, imported only then); else nothing to do."""
    if not visible:
        yield lambda: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), transient=True) as progress:
        task = progress.add_task("migov batch", total=total)
        yield lambda: progress.advance(task)
