"""Lenses: another pack's view of a profile, inferred from the facts this pack collects.

A pack may hold ``lenses/<target-pack>.yaml``: for each fact of the target pack, an ordered list of
answers with the condition (over this pack's facts) that gives each. ``assess --lens TARGET`` infers
what it can, assesses the inferred profile with the target pack, and reports it as an estimate with
the items it could not infer. The engine knows no pack by name: the mapping is data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from engine.assess import assess
from engine.assessment import LensView
from engine.conditions import Conjunction, facts_of, to_dnf
from engine.errors import MigovError, PackError, did_you_mean
from engine.evaluate import semantics as reference
from engine.i18n import _
from engine.pack.compiled import Pack
from engine.pack.loading import load_pack
from engine.pack.model import Check, Strict, Text
from engine.pack.parse import Parser, Scope
from engine.pack.profiles import Profile
from engine.pack.validate import validate_model
from engine.pack.vocabulary import base_facts, check_value
from engine.records import record
from engine.yamlio import load_yaml


@record(frozen=True, kw_only=True)
class LensAnswer(Strict):
    answer: Any
    when: dict[str, Any]


@record(frozen=True, kw_only=True)
class LensFile(Strict):
    lens: str
    title: Text
    notice: Text
    items: Annotated[dict[str, list[LensAnswer]], Check(min_length=1)]


@record
class Lens:
    target: Pack
    title: Text
    notice: Text
    items: dict[str, list[tuple[Any, list[Conjunction], frozenset[str]]]]
    file: str


def available_lenses(pack: Pack) -> list[str]:
    folder = Path(pack.root) / "lenses"
    return sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []


def load_lens(pack: Pack, name: str) -> Lens:
    path = Path(pack.root) / "lenses" / f"{name}.yaml"
    if not path.is_file():
        names = available_lenses(pack)
        raise MigovError(_("pack '{pack}' has no lens '{name}'; available: {names}").format(
            pack=pack.id, name=name, names=", ".join(names) or "—") + did_you_mean(name, names), field="--lens")
    data, locs = load_yaml(path)
    spec = validate_model(LensFile, data, locs)
    target = load_pack(spec.lens)
    scope = Scope(pack.facts, {**pack.record_fields, **{d: pack.record_fields[cd.derived.from_] for d, cd in pack.derived.items()}})
    items: dict[str, list[tuple[Any, list[Conjunction], frozenset[str]]]] = {}
    for fid, answers in spec.items.items():
        where = ("items", fid)
        fdef = target.facts.get(fid)
        if fdef is None:
            raise locs.error(where, _("unknown fact '{name}'").format(name=fid) + did_you_mean(fid, list(target.facts)), PackError)
        compiled = []
        for i, ans in enumerate(answers):
            check_value(fdef.type.value, fdef.values, fdef.items, ans.answer, where + (i, "answer"),
                         lambda p, m: locs.error(p, m, PackError))
            try:
                dnf = to_dnf(Parser(scope, locs).parse(ans.when, where + (i, "when")))
            except ValueError as exc:
                raise locs.error(where + (i, "when"), _("the condition expands to more than {n} alternatives").format(n=exc.args[0]), PackError) from None
            needed = {n for conj in dnf for lit in conj for n in facts_of(lit)}
            compiled.append((ans.answer, dnf, frozenset(base_facts(needed, pack.derived))))
        items[fid] = compiled
    return Lens(target, spec.title, spec.notice, items, str(path))


def infer(lens: Lens, pack: Pack, profile: Profile) -> tuple[dict[str, Any], list[str]]:
    """(inferred target facts, target facts not inferred) for one profile."""
    records = reference.derive(pack, profile.facts)
    inferred: dict[str, Any] = {}
    for fid, answers in lens.items.items():
        for answer, dnf, requires in answers:
            if all(f in profile.facts for f in requires) and any(
                reference.conjunction_holds(c, profile.facts, records, {}) for c in dnf
            ):
                inferred[fid] = answer
                break
    missing = [f for f in lens.target.facts if f not in inferred]
    return inferred, missing


def lens_assessment(pack: Pack, profile: Profile, name: str, lang: str, engine: str) -> tuple[LensView, Pack]:
    """The lens's estimate for ``profile`` in ``lang`` (its title, notice and dimensions' titles), and its target pack
    (which a report needs for the band titles)."""
    lens = load_lens(pack, name)
    inferred, missing = infer(lens, pack, profile)
    target = lens.target
    view = Profile(profile.id, profile.name, profile.kind, inferred, lang, profile.period, profile.file)
    a = assess(target, view, engine, with_evidence=False)
    titles = {d.id: target.text(d.title, lang) for d in target.header.dimensions}
    for d in a.dimensions:
        d.title = titles[d.id]
    return LensView(lens=name, title=target.text(lens.title, lang), estimate=True, notice=target.text(lens.notice, lang),
                    pack=a.pack, score=a.score, dimensions=a.dimensions,
                    inferred=dict(sorted(inferred.items())), not_inferred=missing), target
