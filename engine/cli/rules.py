"""``migov rules``: tools for rule packs (test, lint, docs, schema, diff, list)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from engine.cli.lazy import Command, Group
from engine.cli.options import chosen_format, engine_option, format_option, lang_option, output_option, pack_argument, tailoring_option
from engine.cli.output import emit, fail
from engine.cli.setup import copy_files
from engine.cli.texts import command_help
from engine.errors import MigovError
from engine.i18n import _, current_language
from engine.i18n import translate_plural as ngettext
from engine.outputs import write_atomic
from engine.pack.loading import bundled_packs, load_pack, read_tailoring, resolve_pack_dir
from engine.pack.origin import exported, is_modified, written_origin
from engine.packtools.diff import diff_packs, example_profiles, render_text, score_moves
from engine.packtools.examples import coverage, run_examples, run_scenarios
from engine.packtools.lint import PARITY, as_json, lint
from engine.packtools.parity import declared_languages
from engine.packtools.schema import write_schemas


def rules_group() -> click.Group:
    @click.group("rules", cls=Group, help=command_help("rules"))
    def rules() -> None:
        pass

    for make in (rules_test, rules_lint, rules_docs, rules_schema, rules_diff, rules_list, rules_export):
        rules.add_command(make())
    return rules


def rules_test() -> click.Command:
    @click.command("test", cls=Command, help=command_help("rules test"))
    @pack_argument()
    @engine_option(help=_("durable_rules, or the plain-Python reference evaluator."))
    @format_option(["text", "json"])
    @tailoring_option()
    def test(pack: str, engine: str, fmt: str, tailoring: Path | None) -> None:
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
            click.echo(json.dumps({"passed": total - bad, "failed": bad,
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
            click.echo(_("{passed}, {failed}").format(passed=ngettext("{n} passed", "{n} passed", total - bad).format(n=total - bad),
                                                   failed=_("{n} failed").format(n=bad)))
        sys.exit(1 if bad else 0)

    return test


def rules_lint() -> click.Command:
    @click.command("lint", cls=Command, help=command_help("rules lint"))
    @pack_argument()
    @format_option(["text", "json"])
    def lint_cmd(pack: str, fmt: str) -> None:
        try:
            problems = lint(pack)
        except MigovError as exc:
            fail(exc)
        errors = sum(p.severity == "error" for p in problems)
        if fmt == "json":
            click.echo(json.dumps(as_json(problems), ensure_ascii=False, indent=2))
        else:
            derived = written_origin(resolve_pack_dir(pack))
            if derived is not None:
                click.echo(_copy_line(pack, derived))
            for p in problems:
                click.echo(str(p))
            summary = _("{errors}, {warnings}").format(errors=ngettext("{n} error", "{n} errors", errors).format(n=errors),
                                                          warnings=ngettext("{n} warning", "{n} warnings", len(problems) - errors).format(n=len(problems) - errors))
            langs = declared_languages(pack)
            if langs and not any(p.code in PARITY or p.code == "L001" for p in problems):
                summary += _("; full parity in {languages}").format(languages=ngettext("{n} language ({codes})", "{n} languages ({codes})", len(langs)).format(
                    n=len(langs), codes=", ".join(langs)))
            click.echo(summary)
        sys.exit(1 if errors else 0)

    return lint_cmd


def _copy_line(spec: str, derived: dict[str, str]) -> str:
    """What lint says first of an exported copy: the pack it copies, and whether its files still match."""
    root = resolve_pack_dir(spec)
    if is_modified(root, derived):
        return _("{folder}: a modified copy of {pack} {version}: its files differ from the ones `migov rules export` copied, and reports give its version with +modified").format(
            folder=spec, pack=derived["id"], version=derived["version"])
    return _("{folder}: an unchanged copy of {pack} {version}").format(folder=spec, pack=derived["id"], version=derived["version"])


def rules_docs() -> click.Command:
    @click.command("docs", cls=Command, help=command_help("rules docs"))
    @pack_argument()
    @output_option()
    @format_option(["html", "markdown"], default=None, help=_("Default: from the output file's extension, else Markdown."))
    @lang_option()
    @tailoring_option()
    def docs(pack: str, output: str | None, fmt: str | None, lang: str | None, tailoring: Path | None) -> None:
        from engine.render.rulebook import render  # jinja2

        try:
            fmt = chosen_format(fmt, output, ["html", "markdown"], "markdown")
            p = load_pack(pack, read_tailoring(tailoring) if tailoring else None)
            emit(render(p, lang or current_language(), fmt), output, p.files)
        except MigovError as exc:
            fail(exc)

    return docs


def rules_schema() -> click.Command:
    @click.command("schema", cls=Command, help=command_help("rules schema"))
    @pack_argument()
    @output_option(required=True, type=click.Path(file_okay=False, path_type=Path), help=_("Folder to write the schemas to."))
    @lang_option()
    def schema(pack: str, output: Path, lang: str | None) -> None:
        try:
            p = load_pack(pack)
            if output.exists() and not output.is_dir():
                raise MigovError(_("is not a folder"), file=str(output), field="--output")
            for path in write_schemas(p, output, lang or current_language()):
                click.echo(str(path))
        except MigovError as exc:
            fail(exc)

    return schema


def rules_diff() -> click.Command:
    @click.command("diff", cls=Command, help=command_help("rules diff"))
    @click.argument("old")
    @click.argument("new")
    @click.option("--profile", "profiles", multiple=True, type=click.Path(path_type=Path), help=_("Profiles to re-assess (default: the bundled examples for that pack)."))
    @format_option(["text", "json"])
    def diff(old: str, new: str, profiles: tuple[Path, ...], fmt: str) -> None:
        try:
            a, b = load_pack(old), load_pack(new)
            chosen = list(profiles) or example_profiles(b.id)
            d = diff_packs(a, b)
            moves = score_moves(a, b, chosen, current_language())
        except MigovError as exc:
            fail(exc)
        if fmt == "json":
            click.echo(json.dumps({**d, "profiles": moves}, ensure_ascii=False, indent=2))
        else:
            click.echo(render_text(d, moves, _, current_language()), nl=False)

    return diff


def rules_list() -> click.Command:
    @click.command("list", cls=Command, help=command_help("rules list"))
    def list_cmd() -> None:
        for name in bundled_packs():
            click.echo(name)

    return list_cmd


def rules_export() -> click.Command:
    @click.command("export", cls=Command, help=command_help("rules export"))
    @click.argument("pack")
    @click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
    def export(pack: str, folder: Path) -> None:
        try:
            source = resolve_pack_dir(pack)
            files = sorted(p for p in source.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
            header = exported(source)  # pack.yaml and the pack it copies: an edited copy will say it is modified
            copy_files(files, folder, source)
            write_atomic(folder / "pack.yaml", header, [source / "pack.yaml"])  # the copy just made, never the source
            click.echo(_("{pack} copied to {folder}: edit it, then `migov rules lint {folder}` and `--rules {folder}`").format(pack=pack, folder=folder))
        except MigovError as exc:
            fail(exc)

    return export
