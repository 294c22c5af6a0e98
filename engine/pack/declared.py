"""What a pack declares as data and its rules refer to: kinds of profile and citation schemes.

Kinds come from pack.yaml (``kinds``), else from the shared ``rules/_shared/kinds.yaml``; citation
schemes from the shared ``rules/_shared/references.yaml``, extended or overridden by the pack's own.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from engine.errors import PackError, did_you_mean
from engine.i18n import _
from engine.operators import MAX_KEY, regex_problem
from engine.pack.citing import AND, FIELDS, CitedReferences, Citing, Joining, placeholder_problem
from engine.pack.model import FactDef, KindDef, PackHeader, References, Rule, Scheme
from engine.pack.validate import Sink, check_texts, validate_model
from engine.resources import data_dir
from engine.yamlio import Locations, Path_, load_yaml

SHARED = "_shared"


def with_kinds(header: PackHeader, data: Any, hlocs: Locations, sink: Sink) -> PackHeader:
    """The header with its kinds: its own (checked), else the shared default kinds."""
    if not (isinstance(data, dict) and "kinds" in data):
        path = data_dir("rules") / SHARED / "kinds.yaml"
        kdata, klocs = load_yaml(path)
        if not isinstance(kdata, list):
            raise klocs.error((), _("expected a list of kinds, each with an id and a title"), PackError, code="L002")
        kinds = [validate_model(KindDef, k, klocs, (i,)) for i, k in enumerate(kdata)]
        return replace(header, kinds=kinds)
    if not header.kinds:
        sink.fail(hlocs.error(("kinds",), _("expected at least {n} entries").format(n=1), PackError, code="L002"))
    seen: set[str] = set()
    for i, k in enumerate(header.kinds):
        check_texts(data["kinds"][i], hlocs, header.languages, ("title",), ("kinds", i), sink)
        if k.id in seen:
            sink.fail(hlocs.error(("kinds", i, "id"), _("duplicate kind '{id}'").format(id=k.id), PackError, code="L003"))
        seen.add(k.id)
    return header


def check_kinds(model: FactDef | Rule, raw: Any, declared: list[str], locs: Locations, path: Path_, sink: Sink) -> list[str]:
    """A ``kinds`` list checked against the pack's kinds; not written (in ``raw``, the model's data), it means every kind."""
    kinds = model.kinds
    if not (isinstance(raw, dict) and "kinds" in raw):
        return list(declared)
    if not kinds:
        sink.fail(locs.error(path, _("expected at least {n} entries").format(n=1), PackError, code="L002"))
    for j, kind in enumerate(kinds):
        if kind not in declared:
            sink.fail(locs.error(path + (j,), unknown_kind(kind, declared), PackError, code="L002"))
    return [k for k in kinds if k in declared]


def unknown_kind(kind: Any, declared: list[str]) -> str:
    return _("'{value}' is not a kind of this pack: expected {kinds}").format(value=kind, kinds=", ".join(declared)) + did_you_mean(str(kind), declared)


def with_rule_kinds(rule: Rule, raw: Any, declared: list[str], locs: Locations, p: Path_, sink: Sink) -> Rule:
    """The rule (``raw``: as written) with its kinds filled in; its kinds and its examples' kinds checked."""
    kinds = check_kinds(rule, raw, declared, locs, p + ("kinds",), sink)
    for j, ex in enumerate(rule.examples):
        if ex.kind is not None and ex.kind not in declared:
            sink.fail(locs.error(p + ("examples", j, "kind"), unknown_kind(ex.kind, declared), PackError, code="L002"))
    return replace(rule, kinds=kinds)


def check_recommendation(rule: Rule, raw: Any, langs: list[str], locs: Locations, p: Path_, sink: Sink) -> None:
    """The recommendation in every language; written by kind, one variant for each kind the rule applies to, no other."""
    text = raw.get("recommendation") if isinstance(raw, dict) else None
    variants = rule.by_kind
    if variants is None or not isinstance(text, dict):
        check_texts(raw, locs, langs, ("recommendation",), p, sink)
        return
    at = p + ("recommendation",)
    for kind in variants:  # the engine's existing messages (no new strings to translate)
        if kind not in rule.kinds:
            sink.fail(locs.error(at + (kind,), _("'{value}' is not allowed: expected one of {allowed}").format(
                value=kind, allowed=", ".join(rule.kinds)) + did_you_mean(kind, rule.kinds), PackError, code="L002"))
    for kind in rule.kinds:
        if kind not in variants:
            sink.fail(locs.error(at + (kind,), _("required field is missing"), PackError, code="L002"))
    check_texts(text, locs, langs, tuple(variants), at, sink)


def load_references(root: Path, sink: Sink) -> References:
    """The shared citation schemes, extended or overridden by the pack's own references.yaml."""
    schemes: dict[str, dict[str, Any]] = {}
    where: dict[str, tuple[Locations, Path_]] = {}
    citing: dict[str, Citing] = {}
    joining: dict[str, str] = {}
    for path in (data_dir("rules") / SHARED / "references.yaml", root / "references.yaml"):
        if not path.is_file():
            continue
        data, locs = load_yaml(path)
        if not isinstance(data, dict):
            raise locs.error((), _("expected a mapping of citation schemes (e.g. gcm: {title: ..., keys: ...})"), PackError, code="L002")
        if AND in data:  # the joining word of each language, not a scheme
            joining.update(validate_model(Joining, {"and": data.pop(AND)}, locs, ()).and_)
        for sid, raw in data.items():
            if not isinstance(sid, str) or not re.fullmatch(r"[a-z][a-z0-9_.-]*", sid):
                sink.fail(locs.error((sid,), _("'{value}' does not have the expected form ({pattern})").format(value=sid, pattern="[a-z][a-z0-9_.-]*"), PackError, code="L002"))
                continue
            if isinstance(raw, dict) and ("cite" in raw or "shown" in raw):  # how each language cites it (engine.pack.citing)
                mine = _citing(validate_model(Citing, {k: raw.pop(k) for k in ("cite", "shown") if k in raw}, locs, (sid,)), locs, sid, sink)
                old = citing.get(sid, Citing())
                citing[sid] = Citing(cite=mine.cite or old.cite, shown={**old.shown, **mine.shown})
            scheme = validate_model(Scheme, raw, locs, (sid,))
            problem = regex_problem(scheme.pattern) if scheme.pattern is not None else None
            if problem is not None:  # a pattern that is no expression, or could backtrack for ever, is never matched
                sink.fail(locs.error((sid, "pattern"), _(problem), PackError, code="L011"))
                scheme = replace(scheme, pattern=None)
            merged = schemes.setdefault(sid, {"title": None, "pattern": None, "keys": {}})
            merged["title"] = scheme.title or merged["title"]
            merged["pattern"] = scheme.pattern or merged["pattern"]
            merged["keys"].update(scheme.keys)
            where.setdefault(sid, (locs, (sid,)))
    for sid, merged in schemes.items():
        if merged["title"] is None:
            locs, at = where[sid]
            sink.fail(locs.error(at, _("the citation scheme '{scheme}' needs a title").format(scheme=sid), PackError, code="L002"))
    return CitedReferences(schemes={sid: Scheme(**m) for sid, m in schemes.items()}, citing=citing, joining=joining)


def _citing(citing: Citing, locs: Locations, sid: str, sink: Sink) -> Citing:
    """The forms whose ``match`` is a safe regular expression (one that is not is dropped, with L011)."""
    forms = []
    for j, form in enumerate(citing.cite):
        problem = regex_problem(form.match) if form.match is not None else None
        if problem is not None:
            sink.fail(locs.error((sid, "cite", j, "match"), _(problem), PackError, code="L011"))
            continue
        wrong = [(name, lang, bad) for name, allowed in FIELDS.items() for lang, text in (getattr(form, name) or {}).items()
                 if (bad := placeholder_problem(text, allowed)) is not None]
        for name, lang, bad in wrong:
            sink.fail(locs.error((sid, "cite", j, name, lang), _("'{value}' does not have the expected form ({pattern})").format(
                value=bad, pattern=", ".join("{" + f + "}" for f in sorted(FIELDS[name]))), PackError, code="L002"))
        if not wrong:
            forms.append(form)
    return replace(citing, cite=forms)


def check_sources(rule: Rule, references: References, locs: Locations, p: Path_, sink: Sink) -> None:
    """Every cited scheme is declared, every key has the scheme's form and a title (L014)."""
    schemes = references.schemes
    for sid, keys in rule.sources.cited.items():
        at = p + ("sources", sid)
        if sid not in schemes:
            sink.fail(locs.error(at, _("'{scheme}' is not a citation scheme of references.yaml").format(scheme=sid) + did_you_mean(sid, list(schemes)), PackError, code="L014"))
            continue
        if not isinstance(keys, list) or not all(isinstance(k, (int, str)) and not isinstance(k, bool) for k in keys):
            sink.fail(locs.error(at, _("expected a list of keys of '{scheme}'").format(scheme=sid), PackError, code="L002"))
            continue
        scheme = schemes[sid]
        titled = {str(k) for k in scheme.keys}
        for j, key in enumerate(keys):
            if scheme.pattern and (len(str(key)) > MAX_KEY or not re.fullmatch(scheme.pattern, str(key))):
                sink.fail(locs.error(at + (j,), _("'{value}' does not have the expected form ({pattern})").format(value=key, pattern=scheme.pattern), PackError, code="L002"))
            elif str(key) not in titled:
                sink.fail(locs.error(at + (j,), _("{scheme} {key} has no title in references.yaml").format(scheme=sid, key=key), PackError, code="L014"))


def with_cites(header: PackHeader, data: Any, references: References, rules: list[Rule], hlocs: Locations, sink: Sink) -> PackHeader:
    """The schemes every finding lists: the pack's ``cites`` (in ``data``, checked), else those its rules cite, in declared order."""
    if isinstance(data, dict) and "cites" in data:
        for j, sid in enumerate(header.cites):
            if sid not in references.schemes:
                sink.fail(hlocs.error(("cites", j), _("'{scheme}' is not a citation scheme of references.yaml").format(scheme=sid) + did_you_mean(sid, list(references.schemes)), PackError, code="L014"))
        return header
    used = {sid for r in rules for sid in r.sources.cited}
    return replace(header, cites=[sid for sid in references.schemes if sid in used])
