"""The Markdown assessment, from a jinja2 template in reports/ (for documents and issue trackers)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from engine.assessment import Assessment
from engine.i18n import translate
from engine.pack.compiled import Pack
from engine.pack.profiles import Profile
from engine.render.report import build_report
from engine.resources import data_dir

_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|#"})


def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(str(data_dir("reports"))), undefined=StrictUndefined,
                       autoescape=False, keep_trailing_newline=True, trim_blocks=False)


def render(a: Assessment, pack: Pack, profile: Profile, lens_packs: Mapping[str, Pack] | None = None) -> str:
    lang = a.language
    bands = {b.id: pack.text(b.title, lang) for b in pack.header.ratings}

    def num(x: float | None) -> str:
        if x is None:
            return "—"
        s = f"{x:.1f}"
        return s.replace(".", ",") if lang == "fr" else s

    def pct(x: float | None) -> str:
        return "—" if x is None else (f"{x * 100:.0f} %" if lang == "fr" else f"{x * 100:.0f}%")

    def sources(s: dict[str, Any]) -> str:
        parts = [s["seed"]]
        if s["gcm"]:
            parts.append(translate("GCM objectives", lang) + " " + ", ".join(str(n) for n in s["gcm"]))
        if s["sdg"]:
            parts.append(translate("SDG targets", lang) + " " + ", ".join(s["sdg"]))
        return "; ".join(parts)

    template = _environment().get_template("assessment.md.j2")
    text = template.render(
        a=a, r=build_report(a, pack, profile, lens_packs), t=lambda s: translate(s, lang), num=num, pct=pct, band=lambda b: bands.get(b or "", "—"),
        md=lambda s: str(s).translate(_MD_SPECIAL).replace("\n", " "), sources=sources,
    )
    return text.rstrip("\n") + "\n"
