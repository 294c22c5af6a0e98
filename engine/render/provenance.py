"""The profile's own sources in words, for the "About this report" part of every report.

Each source the profile names (``sources:``) with its title, URL or document, date and the facts it supports
(their labels in the pack, not their ids), a stale one marked; the sentence naming the stale facts; and, when the
profile names no source, the sentence that says so. Read from the assessment's ``provenance`` (what the JSON
carries); an assessment made before provenance was recorded falls back on the profile's sources, none stale.
"""

from __future__ import annotations

from typing import Any

from engine.assessment import Assessment, Source
from engine.i18n import catalogue, format_number, translate
from engine.pack.compiled import Pack
from engine.pack.profiles import Profile
from engine.render.wording import date_words


def _age(years: float, lang: str) -> str:
    """A number of years in words (5 years, 5 ans); the plural form is the whole number's."""
    return catalogue(lang).ngettext("{n} year", "{n} years", int(years)).format(n=format_number(years, lang, 0 if years.is_integer() else 1))


def _label(fact: str, pack: Pack, lang: str) -> str:
    d = pack.facts.get(fact)
    return pack.text(d.label, lang) if d is not None else fact


def fact_sources(a: Assessment, pack: Pack, profile: Profile, lang: str) -> dict[str, Any]:
    """``sources`` (one dict per source: title, where (URL or document), date, facts, stale, note, and ``text``, the whole line),
    ``stale`` (the sentence naming the stale facts, or "") and ``none`` (the sentence for a profile without sources, or "")."""
    p = a.provenance
    if p is not None:
        listed, years, stale_facts = p.sources, p.stale_after_years, p.stale_facts
    else:
        listed = [Source(id=s.id, title=s.title, url=s.url, document=s.document, as_of=s.as_of, facts=list(s.facts), stale=False)
                  for s in getattr(profile, "sources", ())]
        years, stale_facts = None, []
    age = _age(float(years), lang) if years is not None else ""
    colon = translate(": ", lang)
    out = []
    for s in listed:
        title = s.title or s.url or s.document or s.id
        where = next((x for x in (s.url, s.document) if x and x != title), "")
        date = date_words(str(s.as_of), lang) if s.as_of else translate("undated", lang)
        facts = [_label(f, pack, lang) for f in s.facts]
        note = translate("older than {age}: check it", lang).format(age=age) if s.stale and age else ""
        text = ", ".join(x for x in (title, where, date) if x)
        if facts:
            text += f" — {translate('supports', lang)}{colon}{'; '.join(facts)}"
        if note:
            text += f" ({note})"
        out.append({"title": title, "where": where, "date": date,
                    "facts": facts, "stale": s.stale, "note": note, "text": text})
    stale = ""
    if stale_facts and age:
        labels = "; ".join(_label(f, pack, lang) for f in stale_facts)
        stale = catalogue(lang).ngettext("{n} fact rests only on sources older than {age}: {facts}. Check it before relying on this report.",
                                         "{n} facts rest only on sources older than {age}: {facts}. Check them before relying on this report.",
                                         len(stale_facts)).format(n=len(stale_facts), age=age, facts=labels)
    return {"sources": out, "stale": stale, "none": "" if out else translate("The profile names no source for its facts.", lang)}
