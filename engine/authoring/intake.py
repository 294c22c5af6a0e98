"""What migov accepts as input, in one place: a YAML profile (``-``: standard input), a filled workbook (.xlsx),
an HTML report (its embedded profile and assessment) or a JSON assessment (the profile it was made from, its
``inputs``, and the assessment, to be rendered again in any language). Used by ``assess``, ``explain``,
``compare`` and ``batch``.

Which kind a file is follows from its suffix. Heavy readers (openpyxl, jinja2) are imported only for the
inputs that need them, so that assessing a YAML profile as text or JSON never loads them.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from os import PathLike
from typing import Any

from engine.assess import assess, file_digests, pack_sha256
from engine.assessment import SCHEMA_VERSION, Assessment, Embedded
from engine.assessment import read_assessment as assessment_from_data
from engine.errors import MigovError, ProfileError
from engine.i18n import _
from engine.limits import exceeded, limit
from engine.pack.compiled import HEADER_KEYS, Pack
from engine.pack.loading import Tailoring, bundled_packs, load_pack
from engine.pack.profiles import Profile, named_pack, pack_of, read_profile, validate_profile
from engine.records import record
from engine.render.localize import check, localized
from engine.yamlio import Locations, decode, parse_yaml, read_text

REPORT_SUFFIXES = (".html", ".htm")
WORKBOOK_SUFFIXES = (".xlsx",)
ASSESSMENT_SUFFIXES = (".json",)
STDIN = "-"  # a profile read from standard input; its errors name STDIN_NAME
STDIN_NAME = "<stdin>"

PathArg = str | PathLike[str]  # a path as typed or a Path (a cold assess makes no Path: pathlib imports urllib and ipaddress)
Loader = Callable[[str | None], Pack]  # a pack id or folder (None: the default pack) -> the pack
Warn = Callable[[str], None]


def kind_of(path: PathArg) -> str:
    """``report``, ``workbook``, ``assessment`` or ``profile`` (YAML), from the file's suffix."""
    suffix = os.path.splitext(path)[1].lower()
    if suffix in REPORT_SUFFIXES:
        return "report"
    if suffix in WORKBOOK_SUFFIXES:
        return "workbook"
    if suffix in ASSESSMENT_SUFFIXES:
        return "assessment"
    return "profile"


@record
class Intake:
    """A profile read from any input, not yet validated, with the pack it is assessed against."""

    data: Any
    locs: Locations
    pack: Pack
    embedded: Embedded | None = None  # a report's embedded data, when the input was a report
    stored: Assessment | None = None  # the assessment a report or a JSON assessment carries (None: the input is a profile)

    def profile(self) -> Profile:
        """The profile validated against the pack; facts of another pack's vocabulary name that pack in the error."""
        try:
            return validate_profile(self.data, self.locs, self.pack)
        except ProfileError as exc:
            hint = other_pack_hint(self.data, self.pack)
            if not hint:
                raise
            raise ProfileError(exc.message + hint, file=exc.file, line=exc.line, field=exc.field, col=exc.col, code=exc.code) from None


def strangers(data: Any, pack: Pack) -> list[str]:
    """The top-level keys of a profile that are neither header keys nor facts (or sections of facts) of ``pack``."""
    if not isinstance(data, dict):
        return []
    known = {f.split(".")[0] for f in pack.facts}
    return [str(k) for k in data if k not in HEADER_KEYS and str(k) not in known]


def other_pack_hint(data: Any, pack: Pack) -> str:
    """When a profile's facts are another pack's (the pack its header names, else the bundled pack whose vocabulary
    holds them all), how to assess it: with that pack, and, where that pack has a lens onto ``pack``, ``--lens``."""
    if not strangers(data, pack):
        return ""
    named = pack_of(data)
    owner = named if named and named != pack.id else None
    if owner is None:
        for name in bundled_packs():
            if name != pack.id and not strangers(data, load_pack(name)):
                owner = name
                break
    if owner is None:
        return ""
    from engine.lens import available_lenses  # lens files: only to word this hint

    if pack.id in available_lenses(load_pack(owner)):
        return _("; this profile's facts are those of pack {owner}: assess it with --rules {owner} --lens {pack} to estimate {pack} from them").format(
            owner=owner, pack=pack.id)
    return _("; this profile's facts are those of pack {owner}: assess it with --rules {owner}").format(owner=owner)


def read_input(path: PathArg, rules: str | None, tailoring: Tailoring | None = None, *, load: Loader | None = None,
               warn: Warn | None = None, check_exists: bool = False) -> Intake:
    """The profile in ``path`` (a YAML profile, a filled workbook or an HTML report) and its pack.

    ``rules`` overrides the pack the input names; ``load`` (default: ``load_pack`` with ``tailoring``)
    loads a pack; ``warn`` hears the one non-fatal problem (a report made with other pack files).
    """
    kind = kind_of(path)
    if kind == "report":
        return _from_report(path, rules, tailoring, warn)
    if kind == "assessment" and _is_assessment(path):
        return _from_assessment(path, rules, tailoring)

    def loader(spec: str | None) -> Pack:
        return load(spec) if load is not None else load_pack(spec, tailoring)

    if kind == "workbook":
        from pathlib import Path  # the workbook readers' paths

        from engine.authoring.spreadsheet import pack_of_workbook, read_workbook  # openpyxl: only for workbooks

        if check_exists and not os.path.isfile(path):
            raise MigovError(_("no such file"), file=str(path))
        pack = loader(rules or named_pack(pack_of_workbook(Path(path)), str(path)))  # an id, never a folder
        data, locs = read_workbook(Path(path), pack)
        return Intake(data, locs, pack)
    data, plain = read_yaml_profile(path)
    return Intake(data, plain, loader(rules or pack_of(data, plain)))


def _is_assessment(path: PathArg) -> bool:
    """Whether a .json file holds an assessment (scores and findings) rather than a profile written in JSON."""
    if not os.path.isfile(path):
        return False
    from engine.yamlio.jsonin import parse_json  # JSON inputs only

    data = parse_json(read_text(path, expected="JSON"), str(path))
    return isinstance(data, dict) and "findings" in data and "score" in data


def read_yaml_profile(path: PathArg) -> tuple[Any, Locations]:
    """A YAML profile's data, from the file or, for ``-``, from standard input (its errors name ``<stdin>``)."""
    if str(path) != STDIN:
        return read_profile(path)
    cap = limit("file")
    raw = sys.stdin.buffer.read(cap + 1)
    if len(raw) > cap:
        raise MigovError(exceeded("file", _("file is over {size:.1f} MB").format(size=cap / 1e6)), file=STDIN_NAME)
    return parse_yaml(decode(raw, STDIN_NAME), STDIN_NAME)


def _from_report(path: PathArg, rules: str | None, tailored: Tailoring | None, warn: Warn | None) -> Intake:
    """A migov HTML report as input: its embedded profile, checked against the pack it was made with."""
    from engine.render.report import inputs_digest  # the report model (and its score helpers): only for reports

    embedded = read_report(path)
    made = embedded.pack
    if tailored is None and embedded.tailoring:
        tailored = (embedded.tailoring, Locations(f"{path} (embedded tailoring)"))
    pack = load_pack(rules or named_pack(made.id, str(path), field="pack.id"), tailored)  # an id, never a folder
    if pack.id != made.id or pack.version != made.version:
        raise MigovError(_("the report was made with pack {pack} {made}, but this migov has {pack} {have}").format(
            pack=made.id, made=made.version, have=f"{pack.id} {pack.version}"), file=str(path))
    data = embedded.profile
    hashed = {"profile": data, "tailoring": pack.tailoring["source"]} if pack.tailoring else data
    if inputs_digest(file_digests(pack), hashed) != embedded.inputs_sha256 and warn is not None:
        warn(_("migov: warning: the rule pack's files differ from those the report was made with; scores may differ"))
    return Intake(data, Locations(f"{path} (embedded profile)"), pack, embedded, embedded.assessment)


def _from_assessment(path: PathArg, rules: str | None, tailored: Tailoring | None) -> Intake:
    """A JSON assessment as input: the profile it was made from (its ``inputs``), and the assessment itself."""
    a = read_assessment(path)
    if a.inputs is None:
        raise MigovError(_("this assessment was written by an older migov, without the data to write it again: assess its profile (YAML, workbook or HTML report) instead"), file=str(path), field="inputs")
    if tailored is None and a.inputs.tailoring:
        tailored = (a.inputs.tailoring, Locations(f"{path} (tailoring it was made with)"))
    pack = load_pack(rules or named_pack(a.pack.id, str(path), field="pack.id"), tailored)  # an id, never a folder
    if pack.id != a.pack.id or pack.version != a.pack.version:
        raise MigovError(_("the assessment was made with pack {pack} {made}, but this migov has {pack} {have}").format(
            pack=a.pack.id, made=a.pack.version, have=f"{pack.id} {pack.version}"), file=str(path))
    return Intake(a.inputs.profile, Locations(f"{path} (inputs.profile)"), pack, stored=a)


def read_report(path: PathArg) -> Embedded:
    """The data a migov HTML report embeds (pack, profile, assessment, inputs digest)."""
    from engine.render.html import read_embedded  # jinja2: only for reports

    return read_embedded(path, read_text(path, limit_name="report", expected="HTML"))


def read_assessment(path: PathArg) -> Assessment:
    """A JSON assessment as ``migov assess --format json`` writes it, validated."""
    from engine.yamlio.jsonin import parse_json  # JSON inputs only

    a = parse_json(read_text(path, expected="JSON"), str(path))  # NaN, huge numbers, duplicate keys, lone surrogates: refused
    if not isinstance(a, dict) or "findings" not in a or "score" not in a:
        raise MigovError(_("not a migov assessment (JSON with score and findings)"), file=str(path))
    return assessment_from_data(a, str(path))


def assessment_of(path: PathArg, rules: str | None, lang: str | None) -> Assessment:
    """Any input as an assessment: a JSON assessment or a report's own, else the profile assessed now."""
    kind = kind_of(path)
    if kind == "assessment":
        return read_assessment(path)
    if kind == "report":
        return read_report(path).assessment
    intake = read_input(path, rules)
    profile = intake.profile()
    return assessed(intake.pack, profile, lang or profile.language or "en")


def assessed(pack: Pack, profile: Profile, lang: str | None = None, engine: str = "auto", *, as_of: str | None = None,
             with_evidence: bool = True) -> Assessment:
    """``profile`` assessed (language-neutral) and written in ``lang`` (default: the profile's, else English)."""
    return localized(assess(pack, profile, engine, with_evidence=with_evidence, as_of=as_of), pack, profile, lang or profile.language or "en")


def assessment_for(path: PathArg, intake: Intake, profile: Profile, lang: str, engine: str = "auto", as_of: str | None = None,
                   warn: Warn | None = None) -> Assessment:
    """The input's assessment in ``lang``. A report's or JSON assessment's own is written again in ``lang`` (nothing
    evaluated) when it holds the language-neutral data and was made with this copy of the pack (and tailoring) and
    for the date asked; else the profile is assessed now (an older report, another copy of the pack, ``--as-of``)."""
    stored, pack = intake.stored, intake.pack
    if stored is not None and stored.schema_version.split(".")[0] == SCHEMA_VERSION.split(".")[0] and as_of in (None, stored.assessed_on):
        if stored.pack.sha256 == pack_sha256(pack):
            check(stored, pack, str(path))
            return localized(stored, pack, profile, lang)
        if warn is not None and intake.embedded is None:  # a report's own warning is given on reading it
            warn(_("migov: warning: the rule pack's files differ from those the assessment was made with; its profile is assessed again"))
    return assessed(pack, profile, lang, engine, as_of=as_of)
