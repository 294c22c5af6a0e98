"""The Markdown assessment, from a jinja2 template in reports/ (for documents and issue trackers)."""

from __future__ import annotations

from collections.abc import Mapping

from engine.assessment import Assessment
from engine.i18n import format_number, format_percent, translate
from engine.pack.compiled import Pack
from engine.pack.profiles import Profile
from engine.render.report import build_report
from engine.render.templates import environment, markdown_text
from engine.render.typography import typography


def render(a: Assessment, pack: Pack, profile: Profile, lens_packs: Mapping[str, Pack] | None = None) -> str:
    lang = a.language
    bands = {b.id: pack.text(b.title, lang) for b in pack.header.ratings}

    def num(x: float | None) -> str:
        return format_number(x, lang)

    def pct(x: float | None) -> str:
        return format_percent(x, lang)

    template = environment(lang, html=False).get_template("assessment.md.j2")
    text = template.render(
        a=a, r=build_report(a, pack, profile, lens_packs, fmt="markdown"), t=lambda s: translate(s, lang), num=num, pct=pct, band=lambda b: bands.get(b or "", "—"),
        md=markdown_text,
    )
    return typography(text.rstrip("\n"), lang) + "\n"  # the template's own punctuation too (its values already have it)
