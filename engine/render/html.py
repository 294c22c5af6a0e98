"""The HTML report: one self-contained, bilingual, printable file that also carries its data.

jinja2 (autoescaped, i18n extension over the engine's gettext catalogue) lays out the report model;
CSS and the SVG chart are inlined; a Content-Security-Policy forbids loading anything. The assessment,
the validated profile and a hash of the inputs are embedded as JSON, so the report can be read back.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from os import PathLike
from typing import Any

from engine.assessment import Assessment, Embedded, read_embedded_data
from engine.errors import MigovError
from engine.i18n import _, translate
from engine.pack.compiled import Pack
from engine.pack.profiles import Profile
from engine.render.chart import render_svg
from engine.render.neutral import text_of
from engine.render.report import FileDigests, build_report, embedded_data
from engine.render.templates import environment, stylesheet
from engine.yamlio.jsonin import parse_json

DATA_RE = re.compile(r'<script type="application/json" id="migov-data">(.*?)</script>', re.DOTALL)


def _compact(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


_MARK = "\0migov:findings\0"  # where the findings go in the text of the rest (a NUL: no text of a report's data holds one)


def _json_for_html(data: Any) -> str:
    """The compact JSON of a report's data, safe inside a script element: ``&``, ``<`` and ``>`` escaped. The text of a
    finding several profiles share is encoded once (:func:`engine.render.neutral.text_of`) and put in its place."""
    inner = data.get("assessment")
    findings = inner.get("findings") if isinstance(inner, dict) else None
    if not findings:
        return _compact(data)
    head, mark = _compact({**data, "assessment": {**inner, "findings": _MARK}}), _compact(_MARK)
    if head.count(mark) != 1:
        return _compact(data)
    return head.replace(mark, "[" + ",".join(text_of(f, _compact) for f in findings) + "]")


def css_string(text: str) -> str:
    """Text for a CSS string literal: every character but ASCII letters, digits and spaces as a hex escape
    (each escape ends with the one space CSS consumes after it)."""
    return "".join(ch if ch.isalnum() and ch.isascii() or ch == " " else f"\\{ord(ch):06x} " for ch in text)


def render(a: Assessment, pack: Pack, profile: Profile, files: FileDigests, lens_packs: Mapping[str, Pack] | None = None,
           assessment: dict[str, Any] | None = None, fmt: str = "html", shared: dict[str, Any] | None = None) -> str:
    """The report. ``files``: the digests of the pack's files (``engine.assess.file_digests``), for the inputs hash it
    carries; ``lens_packs``: the target pack of each lens, by id; ``assessment``: ``a.to_data()`` when the caller has it
    already (a batch writing the JSON too); ``fmt``: the format the reproducing command line names ("pdf" for a
    page printed to PDF); ``shared``: what the reports of the same assessment in other languages worked out (a batch's
    :class:`engine.render.neutral.Neutral`). Rendering reads no pack file."""
    lang = a.language
    r = build_report(a, pack, profile, lens_packs, fmt=fmt, assessment=assessment, shared=shared)
    env = environment(lang)
    chart = render_svg(a.dimensions, r["bands"], translate("Scores by dimension", lang), translate("not assessed", lang), lang)
    css = stylesheet()
    data = embedded_data(a, pack, profile, files, assessment, shared)
    return env.get_template("report.html.j2").render(r=r, css=css, chart=chart, data_json=_json_for_html(data),
                                                     digest=data["inputs_sha256"],
                                                     print_header=css_string(running_header(a, profile)))


def prepare(lang: str) -> None:
    """The report's template in ``lang`` loaded (its environment made, its compiled code read): a batch's fork server
    loads it once for all its workers, before it forks them."""
    environment(lang).get_template("report.html.j2")


def running_header(a: Assessment, profile: Profile) -> str:
    """The running header of the printed report: the country's or partnership's name and the period of its facts."""
    return " · ".join(x for x in (a.profile.name, profile.period) if x)


def read_embedded(path: str | PathLike[str], text: str) -> Embedded:
    """The data a migov HTML report carries, validated, or a one-line error."""
    match = DATA_RE.search(text)
    if not match:
        raise MigovError(_("not a migov report: no embedded assessment data"), file=str(path))
    data = parse_json(match.group(1), str(path))  # NaN, huge numbers, duplicate keys, lone surrogates: refused
    if not isinstance(data, dict):
        raise MigovError(_("not a migov report: no embedded assessment data"), file=str(path))
    for key in ("pack", "profile", "assessment", "inputs_sha256"):
        if key not in data:
            raise MigovError(_("the report's embedded data has no '{key}'").format(key=key), file=str(path))
    return read_embedded_data(data, str(path))
