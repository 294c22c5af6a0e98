"""The command line: ``migov assess``, ``migov rules test``; exit 0 ok, 1 below --fail-under, 2 bad input."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import click

from engine import __version__
from engine.assessment import Assessment, Embedded
from engine.errors import MigovError
from engine.i18n import _, current_language, language_from_environment, set_language
from engine.pack.compiled import Pack
from engine.pack.loading import load_pack, read_tailoring
from engine.pack.profiles import pack_of, read_profile, validate_profile
from engine.resources import data_dir
from engine.yamlio import Locations

FORMATS = ("text", "json", "markdown", "html", "pdf")


def fail(error: MigovError | str) -> None:
    click.echo(f"migov: {_('error')}: {error}", err=True)
    sys.exit(2)


def write_output(text: str | bytes, output: str | None, protected: list[Path]) -> None:
    """stdout, or ``output`` written atomically (never over an input)."""
    if output is None or output == "-":
        click.echo(text, nl=False)
        return
    target = Path(output)
    resolved = target.resolve()
    if any(resolved == p.resolve() for p in protected):
        raise MigovError(_("refusing to overwrite an input file"), file=output, field="--output")
    if target.is_dir():
        raise MigovError(_("is a directory; expected a file to write"), file=output, field="--output")
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise MigovError(_("the folder does not exist"), file=output, field="--output")
    fd, tmp = tempfile.mkstemp(dir=parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        if isinstance(text, bytes):
            with os.fdopen(fd, "wb") as bfh:
                bfh.write(text)
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)  # as an ordinary new file would be, not mkstemp's 0600
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def build_cli() -> click.Group:
    """The command group, built after the language is chosen so that --help is translated."""

    @click.group(context_settings={"help_option_names": ["-h", "--help"]}, help=_("migov: assess migration-governance partnerships against a rule pack (EN/FR)."))
    @click.version_option(__version__, prog_name="migov", message="%(prog)s %(version)s")
    def cli() -> None:
        pass


    @cli.command(help=_("Assess PROFILE (a YAML file) and report scores, gaps and recommendations."))
    @click.argument("profile", type=click.Path(dir_okay=True, path_type=Path))
    @click.option("--rules", "rules", default=None, help=_("Bundled pack id or pack directory (default: the profile's 'pack', else idm2018)."))
    @click.option("--engine", type=click.Choice(["durable", "python"]), default="durable", show_default=True,
                  help=_("durable_rules, or the plain-Python reference evaluator."))
    @click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
    @click.option("--output", "-o", default=None, help=_("Write to this file (atomically) instead of stdout."))
    @click.option("--lang", type=click.Choice(["en", "fr"]), default=None, help=_("Report language (default: the profile's, else English)."))
    @click.option("--lens", "lenses", multiple=True, help=_("Also show another pack's estimate inferred from this profile (e.g. a pack's lens file)."))
    @click.option("--fail-under", type=click.FloatRange(0, 100), default=None, help=_("Exit 1 if the overall score is below this."))
    @click.option("--tailoring", "tailoring", type=click.Path(path_type=Path), default=None, help=_("A tailoring file: rules deselected, weights, thresholds and bands changed, with reasons."))
    def assess(profile: Path, rules: str | None, engine: str, fmt: str, output: str | None, lang: str | None, lenses: tuple[str, ...], fail_under: float | None, tailoring: Path | None) -> None:

        from engine.assess import assess as run
        try:
            embedded = None
            tailored = read_tailoring(tailoring) if tailoring else None
            if profile.suffix.lower() in (".html", ".htm"):
                embedded, data, locs, pack = _from_report(profile, rules, tailored)
            elif profile.suffix.lower() == ".xlsx":
                from engine.authoring.spreadsheet import pack_of_workbook, read_workbook

                if not profile.is_file():
                    raise MigovError(_("no such file"), file=str(profile))
                pack = load_pack(rules or pack_of_workbook(profile), tailored)
                data, locs = read_workbook(profile, pack)
            else:
                data, locs = read_profile(profile)
                pack = load_pack(rules or pack_of(data), tailored)
            prof = validate_profile(data, locs, pack)
            if fmt == "pdf" and not output:
                raise MigovError(_("PDF needs --output FILE"), field="--output")
            chosen = lang or (embedded.assessment.language if embedded else None) or prof.language or "en"
            if not lang:
                set_language(chosen)
            a = run(pack, prof, chosen, engine)
            if embedded is not None and fmt == "json" and not lenses and a.language == embedded.assessment.language:
                a = embedded.assessment  # the report's own data, as it was made
            views = []
            if lenses:
                from engine.lens import lens_assessment

                views = [lens_assessment(pack, prof, name, a.language, engine) for name in lenses]
                a.lenses = [view for view, _target in views]
            text = _render(fmt, a, pack, prof, colour=output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR"),
                           lens_packs={target.id: target for _view, target in views})
            write_output(text, output, [profile, *pack.files, *([tailoring] if tailoring else [])])
        except MigovError as exc:
            fail(exc)
        overall = a.score.overall
        if fail_under is not None and (overall is None or overall < fail_under):
            click.echo(_("migov: the overall score {score} is below {threshold}").format(score=overall, threshold=fail_under), err=True)
            sys.exit(1)


    @cli.command(help=_("A rule in plain words; with --profile, why it is met, a gap or unknown for that profile."))
    @click.argument("rule")
    @click.option("--profile", "profile", type=click.Path(path_type=Path), default=None)
    @click.option("--rules", "rules_spec", default=None, help=_("Bundled pack id or pack directory (default: the profile's 'pack', else idm2018)."))
    @click.option("--lang", type=click.Choice(["en", "fr"]), default=None)
    @click.option("--tailoring", "tailoring", type=click.Path(path_type=Path), default=None)
    def explain(rule: str, profile: Path | None, rules_spec: str | None, lang: str | None, tailoring: Path | None) -> None:
        from engine.evaluate.explain import find_rule, rule_text, why

        try:
            data = locs = None
            if profile is not None:
                data, locs = read_profile(profile)
            pack = load_pack(rules_spec or pack_of(data), read_tailoring(tailoring) if tailoring else None)
            prof = validate_profile(data, locs, pack) if profile is not None and locs is not None else None
            chosen = lang or (prof.language if prof else None) or current_language()
            cr = find_rule(pack, rule)
            lines = rule_text(pack, cr, chosen)
            if prof is not None:
                lines += [""] + why(pack, cr, prof, chosen)
        except MigovError as exc:
            fail(exc)
        click.echo("\n".join(lines))

    @cli.command("self-assess", help=_("Answer the questionnaire in the terminal; the profile is saved after every answer and resumes where it stopped."))
    @click.option("--rules", "rules_spec", default=None, help=_("Bundled pack id or pack directory (default: the profile's 'pack', else idm2018)."))
    @click.option("--kind", type=click.Choice(["country", "partnership"]), default=None)
    @click.option("--output", "-o", "output", type=click.Path(dir_okay=False, path_type=Path), default=Path("self-assessment.yaml"), show_default=True,
                  help=_("The profile file to write (and to resume)."))
    @click.option("--lang", type=click.Choice(["en", "fr"]), default=None)
    @click.option("--answers", type=click.File("r", encoding="utf-8"), default=None, help=_("Read the answers from this file, one per line ('-' for stdin)."))
    @click.option("--review", is_flag=True, help=_("Walk through every question again; Enter keeps an answer."))
    @click.option("--from", "seed", type=click.Path(dir_okay=False, path_type=Path), default=None, help=_("Start from the answers of a filled workbook (.xlsx) or profile."))
    def self_assess(rules_spec: str | None, kind: str | None, output: Path, lang: str | None, answers: Any, review: bool, seed: Path | None) -> None:
        from engine.authoring.selfassess import Session
        from engine.pack.model import Kind

        chosen = lang or current_language()
        set_language(chosen)
        stream = answers if answers is not None else (None if sys.stdin.isatty() else sys.stdin)

        def read(prompt: str) -> str:
            if stream is None:
                return input(prompt)
            line = stream.readline()
            if not line:
                raise EOFError
            click.echo(prompt + line.rstrip("\n"))
            return line.rstrip("\n")

        try:
            existing = read_profile(output)[0] if output.exists() else None
            if seed is not None and existing is not None:
                raise MigovError(_("already exists; choose another file (nothing was overwritten)"), file=str(output), field="--output")
            if seed is not None and seed.suffix.lower() == ".xlsx":
                from engine.authoring.spreadsheet import pack_of_workbook, read_workbook

                pack = load_pack(rules_spec or pack_of_workbook(seed))
                seeded, seed_locs = read_workbook(seed, pack)
            elif seed is not None:
                seeded, plain_locs = read_profile(seed)
                seed_locs = plain_locs  # type: ignore[assignment]
                pack = load_pack(rules_spec or pack_of(seeded))
            else:
                pack = load_pack(rules_spec or pack_of(existing))
            if seed is not None:
                from engine.authoring.selfassess import dump, flatten
                from engine.authoring.selfassess import save as save_profile

                validate_profile(seeded, seed_locs, pack)  # errors name the file, sheet and cell
                head, known = flatten(pack, seeded)
                save_profile(output, dump(head, known, pack, chosen))
            session = Session(pack, output, chosen, read, click.echo)
            session.start(Kind(kind) if kind else None)
            session.run(review=review)
            data, locs = read_profile(output)
            prof = validate_profile(data, locs, pack)
            from engine.assess import assess as run
            from engine.render import text as text_render

            a = run(pack, prof, chosen)
            click.echo("")
            click.echo(text_render.render(a, pack, colour=sys.stdout.isatty()), nl=False)
            report = output.with_name(output.stem + ".report.html")
            write_output(_render("html", a, pack, prof, colour=False), str(report), [output])
            click.echo(_("Profile: {profile}").format(profile=output))
            click.echo(_("Report: {report}").format(report=report))
        except MigovError as exc:
            fail(exc)
        except EOFError:
            click.echo(_("migov: the answers ended before the questionnaire; what was answered is saved in {file}: run again to continue").format(file=output), err=True)
            sys.exit(2)
        except KeyboardInterrupt:
            click.echo("")
            click.echo(_("Interrupted: your answers are saved in {file}; run the same command to resume.").format(file=output), err=True)
            sys.exit(130)

    @cli.command("init", help=_("Write a profile template: every question, its help and allowed answers as comments."))
    @click.option("--rules", "rules_spec", default=None, help=_("Bundled pack id or pack directory (default: the profile's 'pack', else idm2018)."))
    @click.option("--kind", type=click.Choice(["country", "partnership"]), required=True)
    @click.option("--lang", type=click.Choice(["en", "fr"]), default=None)
    @click.option("--name", default=None, help=_("The name of the country or partnership."))
    @click.option("--output", "-o", default=None, help=_("Write to this file (atomically) instead of stdout."))
    def init(rules_spec: str | None, kind: str, lang: str | None, name: str | None, output: str | None) -> None:
        from engine.authoring.template import render
        from engine.pack.model import Kind

        try:
            pack = load_pack(rules_spec)
            if output and Path(output).exists():
                raise MigovError(_("already exists; choose another file (nothing was overwritten)"), file=output, field="--output")
            write_output(render(pack, Kind(kind), lang or current_language(), name), output, list(pack.files))
        except MigovError as exc:
            fail(exc)

    @cli.command("template", help=_("Write a questionnaire to fill in: a workbook (.xlsx) or a YAML profile template."))
    @click.option("--format", "fmt", type=click.Choice(["xlsx", "yaml"]), default="xlsx", show_default=True)
    @click.option("--rules", "rules_spec", default=None, help=_("Bundled pack id or pack directory (default: the profile's 'pack', else idm2018)."))
    @click.option("--kind", type=click.Choice(["country", "partnership"]), required=True)
    @click.option("--lang", type=click.Choice(["en", "fr"]), default=None)
    @click.option("--output", "-o", required=True, type=click.Path(dir_okay=False, path_type=Path))
    def template(fmt: str, rules_spec: str | None, kind: str, lang: str | None, output: Path) -> None:
        from engine.pack.model import Kind

        try:
            pack = load_pack(rules_spec)
            if output.exists():
                raise MigovError(_("already exists; choose another file (nothing was overwritten)"), file=str(output), field="--output")
            if fmt == "xlsx":
                import tempfile as _tf

                from engine.authoring.spreadsheet import write_template

                fd, tmp = _tf.mkstemp(dir=output.parent if str(output.parent) else ".", suffix=".xlsx")
                os.close(fd)
                try:
                    write_template(pack, Kind(kind), lang or current_language(), Path(tmp))
                    os.replace(tmp, output)
                finally:
                    Path(tmp).unlink(missing_ok=True)
            else:
                from engine.authoring.template import render

                write_output(render(pack, Kind(kind), lang or current_language()), str(output), list(pack.files))
            click.echo(str(output))
        except MigovError as exc:
            fail(exc)

    @cli.command("batch", help=_("Assess many profiles in parallel: a JSON and HTML report each, summary.csv and a dashboard (index.html)."))
    @click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
    @click.option("--output", "-o", "output", required=True, type=click.Path(file_okay=False, path_type=Path))
    @click.option("--jobs", "-j", type=click.IntRange(1, 64), default=None, help=_("Worker processes (default: the number of cores)."))
    @click.option("--lang", type=click.Choice(["en", "fr"]), default=None)
    @click.option("--rules", "rules_spec", default=None, help=_("Bundled pack id or pack directory (default: the profile's 'pack', else idm2018)."))
    @click.option("--tailoring", "tailoring", type=click.Path(path_type=Path), default=None)
    @click.option("--formats", default="json,html", show_default=True, help=_("Per-profile outputs: json, html, both, or none."))
    def batch(paths: tuple[Path, ...], output: Path, jobs: int | None, lang: str | None, rules_spec: str | None, tailoring: Path | None, formats: str) -> None:
        from engine.batch import dashboard
        from engine.batch import run as b

        chosen = lang or current_language()
        fmts = tuple(f for f in formats.split(",") if f and f != "none")
        try:
            if any(f not in ("json", "html") for f in fmts):
                raise MigovError(_("expected json, html, both or none"), field="--formats")
            files = b.collect(list(paths))
            output.mkdir(parents=True, exist_ok=True)
            tailored = read_tailoring(tailoring) if tailoring else None
            main_pack = load_pack(rules_spec, tailored)
            base = b.base_digest(main_pack, lang, fmts)
        except MigovError as exc:
            fail(exc)
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        packs = {main_pack.id: main_pack}
        for folder in sorted(data_dir("rules").iterdir()):  # every bundled pack, so the CSV has their columns
            if (folder / "pack.yaml").is_file():
                packs.setdefault(folder.name, load_pack(folder.name))
        dims = list(dict.fromkeys(d.id for p in packs.values() for d in p.header.dimensions))
        writer = b.Writer(output, base, fmts, dims)
        agg = dashboard.Aggregate()
        failed = total = 0
        try:
            with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                          disable=not sys.stderr.isatty(), transient=True) as progress:
                task = progress.add_task("migov batch", total=len(files))
                for row in b.run(files, output, jobs or os.cpu_count() or 1, rules_spec, str(tailoring) if tailoring else None, lang, fmts, base):
                    writer.add(row)
                    agg.add(row)
                    total += 1
                    if not row.ok:
                        failed += 1
                        click.echo(f"migov: {_('error')}: {row.error}", err=True)
                    elif row.pack and row.pack not in packs:
                        packs[row.pack] = load_pack(row.pack, None)
                    progress.advance(task)
        finally:
            writer.close()
        shown = {pid: p for pid, p in packs.items() if agg.rows.get(pid)}
        write_output(dashboard.render(agg, shown, chosen, fmts), str(output / "index.html"), [])
        click.echo(_("{ok} assessed, {failed} failed: {dir}").format(ok=total - failed, failed=failed, dir=output / "index.html"))
        sys.exit(2 if failed else 0)

    @cli.command("compare", help=_("What improved and what regressed between two rounds (profiles, JSON assessments or HTML reports)."))
    @click.argument("before", type=click.Path(path_type=Path))
    @click.argument("after", type=click.Path(path_type=Path))
    @click.option("--rules", "rules_spec", default=None, help=_("Bundled pack id or pack directory (default: the profile's 'pack', else idm2018)."))
    @click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown", "html"]), default="text", show_default=True)
    @click.option("--output", "-o", default=None, help=_("Write to this file (atomically) instead of stdout."))
    @click.option("--lang", type=click.Choice(["en", "fr"]), default=None)
    def compare_cmd(before: Path, after: Path, rules_spec: str | None, fmt: str, output: str | None, lang: str | None) -> None:
        import json as _json

        from engine.compare.compare import compare, load_side, render_html, render_markdown, render_text

        try:
            c = compare(load_side(before, rules_spec, lang), load_side(after, rules_spec, lang))
            if lang:
                c["language"] = lang
            text = {"json": lambda: _json.dumps(c, ensure_ascii=False, indent=2) + "\n", "markdown": lambda: render_markdown(c),
                    "html": lambda: render_html(c), "text": lambda: render_text(c)}[fmt]()
            write_output(text, output, [before, after])
        except MigovError as exc:
            fail(exc)

    @cli.group(help=_("Tools for rule packs."))
    def rules() -> None:
        pass


    @rules.command("test", help=_("Run every rule's examples and the pack's example profiles; show what no example exercises."))
    @click.argument("pack", required=False, default="idm2018")
    @click.option("--engine", type=click.Choice(["durable", "python"]), default="durable", show_default=True)
    @click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
    @click.option("--tailoring", "tailoring", type=click.Path(path_type=Path), default=None)
    def rules_test(pack: str, engine: str, fmt: str, tailoring: Path | None) -> None:
        import json as _json

        from engine.packtools.examples import coverage, run_examples, run_scenarios

        try:
            p = load_pack(pack, read_tailoring(tailoring) if tailoring else None)
            results = run_examples(p, engine)
            scenarios = run_scenarios(p, engine)
            cov = coverage(p)
        except MigovError as exc:
            fail(exc)
        failed = [r for r in results if not r.passed]
        failed_sc = [r for r in scenarios if not r.passed]
        total, bad = len(results) + len(scenarios), len(failed) + len(failed_sc)
        if fmt == "json":
            click.echo(_json.dumps({"passed": total - bad, "failed": bad,
                                    "failures": [{"file": r.file, "line": r.line, "rule": r.rule, "example": r.index, "expected": r.expected, "got": r.got} for r in failed]
                                    + [{"file": r.file, "line": r.line, "rule": r.rule, "scenario": r.scenario, "expected": r.expected, "got": r.got} for r in failed_sc],
                                    "not_exercised": {k: v for k, v in cov.items() if k != "totals"}}, ensure_ascii=False, indent=2))
        else:
            for r in failed:
                click.echo(f"{r.file}:{r.line}: {r.rule} example {r.index}: " + _("expected {expected}, got {got}").format(expected=r.expected, got=r.got))
            for s in failed_sc:
                click.echo(f"{s.file}:{s.line}: {s.rule} « {s.scenario} »: " + _("expected {expected}, got {got}").format(expected=s.expected, got=s.got))
            n_rules, n_facts, n_values = (int(x) for x in cov["totals"])
            click.echo(_("Coverage: rules with met and gap examples {a}/{b}; facts {c}/{d}; values {e}/{f}").format(
                a=n_rules - len(cov["rules"]), b=n_rules, c=n_facts - len(cov["facts"]), d=n_facts, e=n_values - len(cov["values"]), f=n_values))
            for key, label in (("rules", _("Rules without both outcomes")), ("facts", _("Facts no example states")), ("values", _("Values no example uses"))):
                if cov[key]:
                    click.echo(f"  {label}{_(': ')}{', '.join(cov[key])}")
            click.echo(_("{passed} passed, {failed} failed").format(passed=total - bad, failed=bad))
        sys.exit(1 if bad else 0)

    @rules.command("lint", help=_("Check a rule pack and report every problem at once."))
    @click.argument("pack", required=False, default="idm2018")
    @click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
    def rules_lint(pack: str, fmt: str) -> None:
        import json as _json

        from engine.packtools.lint import as_json, lint

        try:
            problems = lint(pack)
        except MigovError as exc:
            fail(exc)
        errors = sum(p.severity == "error" for p in problems)
        if fmt == "json":
            click.echo(_json.dumps(as_json(problems), ensure_ascii=False, indent=2))
        else:
            for p in problems:
                click.echo(str(p))
            click.echo(_("{errors} errors, {warnings} warnings").format(errors=errors, warnings=len(problems) - errors))
        sys.exit(1 if errors else 0)

    @rules.command("docs", help=_("Write the rulebook of a pack (HTML or Markdown, English or French)."))
    @click.argument("pack", required=False, default="idm2018")
    @click.option("--output", "-o", default=None, help=_("Write to this file (atomically) instead of stdout."))
    @click.option("--format", "fmt", type=click.Choice(["html", "markdown"]), default=None, help=_("Default: from the output file's extension, else Markdown."))
    @click.option("--lang", type=click.Choice(["en", "fr"]), default=None)
    @click.option("--tailoring", "tailoring", type=click.Path(path_type=Path), default=None)
    def rules_docs(pack: str, output: str | None, fmt: str | None, lang: str | None, tailoring: Path | None) -> None:
        from engine.render.rulebook import render

        fmt = fmt or ("html" if output and output.lower().endswith((".html", ".htm")) else "markdown")
        try:
            p = load_pack(pack, read_tailoring(tailoring) if tailoring else None)
            write_output(render(p, lang or current_language(), fmt), output, p.files)
        except MigovError as exc:
            fail(exc)

    @rules.command("schema", help=_("Write JSON Schemas for the pack's files and for its profiles (for editors)."))
    @click.argument("pack", required=False, default="idm2018")
    @click.option("--output", "-o", required=True, type=click.Path(file_okay=False, path_type=Path), help=_("Folder to write the schemas to."))
    @click.option("--lang", type=click.Choice(["en", "fr"]), default=None)
    def rules_schema(pack: str, output: Path, lang: str | None) -> None:
        from engine.packtools.schema import write_schemas

        try:
            p = load_pack(pack)
            if output.exists() and not output.is_dir():
                raise MigovError(_("is not a folder"), file=str(output), field="--output")
            for path in write_schemas(p, output, lang or current_language()):
                click.echo(str(path))
        except MigovError as exc:
            fail(exc)

    @rules.command("diff", help=_("What changed between two versions of a pack, and how the example profiles' scores move."))
    @click.argument("old")
    @click.argument("new")
    @click.option("--profile", "profiles", multiple=True, type=click.Path(path_type=Path), help=_("Profiles to re-assess (default: the bundled examples for that pack)."))
    @click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
    def rules_diff(old: str, new: str, profiles: tuple[Path, ...], fmt: str) -> None:
        import json as _json

        from engine.packtools.diff import diff_packs, example_profiles, render_text, score_moves

        try:
            a, b = load_pack(old), load_pack(new)
            chosen = list(profiles) or example_profiles(b.id)
            d = diff_packs(a, b)
            moves = score_moves(a, b, chosen, current_language())
        except MigovError as exc:
            fail(exc)
        if fmt == "json":
            click.echo(_json.dumps({**d, "profiles": moves}, ensure_ascii=False, indent=2))
        else:
            click.echo(render_text(d, moves, _), nl=False)

    @rules.command("list", help=_("List the bundled rule packs."))
    def rules_list() -> None:

        for p in sorted(data_dir("rules").iterdir()):
            if (p / "pack.yaml").is_file():
                click.echo(p.name)

    return cli


def _render(fmt: str, a: Assessment, pack: Pack, prof: Any, colour: bool, lens_packs: dict[str, Pack] | None = None) -> str | bytes:
    """The assessment in ``fmt``; the packs it needs (its own, each lens's) and their files' digests are handed in."""
    from engine.render import json as json_render
    from engine.render import text as text_render

    if fmt == "json":
        return json_render.render(a)
    if fmt == "markdown":
        from engine.render import markdown

        return markdown.render(a, pack, prof, lens_packs)
    if fmt in ("html", "pdf"):
        from engine.assess import file_digests
        from engine.render import html, pdf

        page = html.render(a, pack, prof, file_digests(pack), lens_packs)
        return pdf.render(page) if fmt == "pdf" else page
    return text_render.render(a, pack, colour=colour, lens_packs=lens_packs)


def _from_report(path: Path, rules: str | None, tailored: Any = None) -> tuple[Embedded, Any, Locations, Pack]:
    """A migov HTML report as input: its embedded profile, checked against the pack it was made with."""
    from engine.assess import file_digests
    from engine.render.html import read_embedded
    from engine.render.report import inputs_digest
    from engine.yamlio import read_text

    embedded = read_embedded(path, read_text(path, max_bytes=20 * 1024 * 1024))
    made = embedded.pack
    if tailored is None and embedded.tailoring:
        tailored = (embedded.tailoring, Locations(f"{path} (embedded tailoring)"))
    pack = load_pack(rules or made.id, tailored)
    if pack.id != made.id or pack.version != made.version:
        raise MigovError(_("the report was made with pack {pack} {made}, but this migov has {pack} {have}").format(
            pack=made.id, made=made.version, have=f"{pack.id} {pack.version}"), file=str(path))
    data = embedded.profile
    hashed = {"profile": data, "tailoring": pack.tailoring["source"]} if pack.tailoring else data
    if inputs_digest(file_digests(pack), hashed) != embedded.inputs_sha256:
        click.echo(_("migov: warning: the rule pack's files differ from those the report was made with; scores may differ"), err=True)
    return embedded, data, Locations(f"{path} (embedded profile)"), pack


def main(argv: list[str] | None = None) -> Any:
    set_language(language_from_environment())
    if argv is None:
        argv = sys.argv[1:]
    if "--lang" in argv:
        i = argv.index("--lang")
        if i + 1 < len(argv):
            set_language(argv[i + 1])
    try:
        return build_cli().main(args=argv, prog_name="migov", standalone_mode=True)
    except KeyboardInterrupt:  # pragma: no cover
        click.echo(_("migov: interrupted"), err=True)
        sys.exit(130)
