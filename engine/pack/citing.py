"""How each language writes a citation, as data of references.yaml: one function for every output that cites.

A scheme's ``cite`` lists the forms of its keys (the first whose ``match`` fits a key is used; a form without
``match`` fits every key, so an SDG key x.y.z can be cited as an indicator and x.y as a target), each per language:
``one`` (one key in a run of text: « objectif {key} du Pacte mondial »), ``many`` (several keys: « objectifs {keys}
du Pacte mondial »), ``ref`` (one key beside its title: « Pacte mondial, objectif {key} ») and, optionally, ``full``
(the title with its reference; ``{title} ({ref})`` when not given). ``shown`` writes a word key the way the text
numbers it (``whole-of-society``: « 15 j) »). The word that joins the last two keys of a list is the top-level
``_and`` of references.yaml. A scheme without ``cite`` is cited as before: its title, then its keys.
"""

from __future__ import annotations

import re
from dataclasses import field
from typing import Any

from engine.i18n import SOURCE_LANGUAGE, translate
from engine.pack.model import Key, References, Strict, Text
from engine.records import record

AND = "_and"
"""The top-level entry of references.yaml that holds the joining word of each language (`` and ``, `` et ``)."""


@record(frozen=True, kw_only=True)
class CiteForm(Strict):
    """How the keys a ``match`` fits are cited, in each language (see the module's docstring)."""

    one: Text
    many: Text
    ref: Text
    full: Text | None = None
    match: str | None = None


@record(frozen=True, kw_only=True)
class Citing(Strict):
    """A scheme's citation forms and how its word keys are written (``cite`` and ``shown`` in references.yaml)."""

    cite: list[CiteForm] = field(default_factory=list)
    shown: dict[Key, Text] = field(default_factory=dict)


@record(frozen=True, kw_only=True)
class Joining(Strict):
    """The top-level ``_and`` of references.yaml, read as ``and``: the word that joins the last two keys, per language."""

    and_: Text


@record(frozen=True, kw_only=True)
class CitedReferences(References):
    """The schemes with how each language cites them (a :class:`References` a pack holds like any other)."""

    citing: dict[str, Citing] = field(default_factory=dict)
    joining: Text = field(default_factory=dict)


def _text(value: Text | None, lang: str) -> str:
    if not value:
        return ""
    return value.get(lang) or value.get(SOURCE_LANGUAGE) or next(iter(value.values()))


def _form(citing: Citing | None, key: Key) -> CiteForm | None:
    for form in citing.cite if citing else ():
        if form.match is None or re.fullmatch(form.match, str(key)):
            return form
    return None


FIELDS = {"one": {"key"}, "many": {"key", "keys"}, "ref": {"key"}, "full": {"title", "ref"}}
"""The placeholders each text of a form may hold."""


def placeholder_problem(text: str, allowed: set[str]) -> str | None:
    """What is wrong with a form's text (a placeholder it may not hold, or a brace left open), else None.

    >>> placeholder_problem("objectif {key} du Pacte mondial", {"key"}), placeholder_problem("{keyz}", {"key"})
    (None, 'keyz')
    """
    import string  # its Formatter: only when a pack is built (string compiles a pattern at import)

    try:
        names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return "{"
    wrong = sorted(n for n in names if n not in allowed)
    return wrong[0] if wrong else None


def joined(items: list[str], joining: str) -> str:
    """``a, b and c``: the items with commas, the last two joined by the language's word.

    >>> joined(["5"], " et "), joined(["5", "23"], " et "), joined(["1", "5", "23"], " y ")
    ('5', '5 et 23', '1, 5 y 23')
    """
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + joining + items[-1]


def cite_scheme(refs: References, sid: str, keys: list[Any], titles: dict[str, str], scheme_title: str, lang: str) -> dict[str, Any]:
    """One scheme's citation in ``lang``: ``text`` (its keys in a run of text), and each key (``refs``) with its
    ``title``, ``ref`` (the reference alone) and ``full`` (the title with its reference)."""
    citing = refs.citing.get(sid) if isinstance(refs, CitedReferences) else None
    joining = (_text(refs.joining, lang) if isinstance(refs, CitedReferences) else "") or ", "
    out_refs: list[dict[str, Any]] = []
    groups: dict[int, tuple[CiteForm, list[str]]] = {}  # the keys of each form, in the order they are cited
    for k in keys:
        title = titles.get(str(k), "")
        shown = _text(citing.shown.get(k) or citing.shown.get(str(k)), lang) if citing else ""
        form = _form(citing, k)
        numbered = isinstance(k, int) or str(k).replace(".", "").isdigit()
        if form is not None:
            ref = _text(form.ref, lang).format(key=shown or k)
            full = (_text(form.full, lang) or "{title} ({ref})").format(title=title, ref=ref) if title else ref
            groups.setdefault(id(form), (form, []))[1].append(shown or str(k))
        else:  # a scheme that says nothing of its language: its title and the key (Charter articles, A1)
            ref = f"{scheme_title}, {k}"
            full = translate("{title} ({scheme}, {key})", lang).format(title=title, scheme=scheme_title, key=k) if title else ref
        short = str(k) if numbered or not title else title.split(":", 1)[-1].strip()
        out_refs.append({"key": k, "title": title, "short": short, "numbered": numbered, "ref": ref, "full": full})
    texts = [_text(f.one if len(ks) == 1 else f.many, lang).format(key=ks[0], keys=joined(ks, joining)) for f, ks in groups.values()]
    rest = [r["short"] for r, k in zip(out_refs, keys) if _form(citing, k) is None]
    if rest:
        texts.append(f"{scheme_title} {', '.join(rest)}")
    return {"scheme": sid, "title": scheme_title, "text": "; ".join(texts), "refs": out_refs}
