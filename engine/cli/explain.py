"""``migov explain RULE``: a rule in plain words; with a profile, why it is met, a gap or unknown."""

from __future__ import annotations

from pathlib import Path

import click

from engine.assess import assessment_date
from engine.authoring.intake import read_input
from engine.cli.lazy import Command
from engine.cli.options import chosen_format, lang_option, output_option, rules_option, tailoring_option
from engine.cli.output import emit, fail, warn
from engine.cli.texts import command_help, metavar
from engine.errors import MigovError
from engine.evaluate.explain import find_rule, rule_text, why
from engine.i18n import _, current_language
from engine.pack.dated import dated_pack
from engine.pack.loading import load_pack, read_tailoring
from engine.pack.provenance import year_of


def explain_command() -> click.Command:
    @click.command("explain", cls=Command, help=command_help("explain"))
    @click.argument("rule", metavar=metavar("rule"))
    @click.option("--profile", "profile", type=click.Path(path_type=Path), default=None,
                  help=_("Say why the rule is met, a gap or unknown for this profile: a YAML profile (- reads standard input), a filled workbook (.xlsx) or an HTML report."))
    @rules_option()
    @output_option()
    @lang_option()
    @tailoring_option()
    def explain(rule: str, profile: Path | None, rules_spec: str | None, output: str | None, lang: str | None, tailoring: Path | None) -> None:
        try:
            chosen_format(None, output, ["text"], "text")  # plain text: -o x.html is refused, not written as text
            tailored = read_tailoring(tailoring) if tailoring else None
            prof = None
            if profile is not None:  # any input assess takes (engine.authoring.intake), with its pack
                intake = read_input(profile, rules_spec, tailored, warn=warn, check_exists=True)
                prof = intake.profile()
                pack = dated_pack(intake.pack, year_of(assessment_date(prof)))  # the thresholds that take the year, as `assess` applies them
            else:
                pack = load_pack(rules_spec, tailored)
            chosen = lang or (prof.language if prof else None) or current_language()
            cr = find_rule(pack, rule)
            lines = rule_text(pack, cr, chosen, prof.kind if prof is not None else None)
            if prof is not None:
                lines += [""] + why(pack, cr, prof, chosen)
            emit("\n".join(lines) + "\n", output, [*([profile] if profile is not None else []), *pack.files])
        except MigovError as exc:
            fail(exc)

    return explain
