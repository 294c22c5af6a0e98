"""``migov explain RULE``: a rule in plain words; with a profile, why it is met, a gap or unknown."""

from __future__ import annotations

from pathlib import Path

import click

from engine.assess import assessment_date
from engine.cli.options import lang_option, rules_option, tailoring_option
from engine.cli.output import fail
from engine.cli.texts import command_help
from engine.errors import MigovError
from engine.evaluate.explain import find_rule, rule_text, why
from engine.i18n import current_language
from engine.pack.dated import dated_pack
from engine.pack.loading import load_pack, read_tailoring
from engine.pack.profiles import pack_of, read_profile, validate_profile
from engine.pack.provenance import year_of


def explain_command() -> click.Command:
    @click.command("explain", help=command_help("explain"))
    @click.argument("rule")
    @click.option("--profile", "profile", type=click.Path(path_type=Path), default=None)
    @rules_option()
    @lang_option()
    @tailoring_option()
    def explain(rule: str, profile: Path | None, rules_spec: str | None, lang: str | None, tailoring: Path | None) -> None:
        try:
            data = locs = None
            if profile is not None:
                data, locs = read_profile(profile)
            pack = load_pack(rules_spec or pack_of(data), read_tailoring(tailoring) if tailoring else None)
            prof = validate_profile(data, locs, pack) if profile is not None and locs is not None else None
            if prof is not None:  # the thresholds that take the assessment year, as `assess` applies them
                pack = dated_pack(pack, year_of(assessment_date(prof)))
            chosen = lang or (prof.language if prof else None) or current_language()
            cr = find_rule(pack, rule)
            lines = rule_text(pack, cr, chosen, prof.kind if prof is not None else None)
            if prof is not None:
                lines += [""] + why(pack, cr, prof, chosen)
        except MigovError as exc:
            fail(exc)
        click.echo("\n".join(lines))

    return explain
