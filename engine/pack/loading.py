"""Loading a rule pack: pack.yaml, vocabulary.yaml, rules/*.yaml and references, validated with positions."""

from __future__ import annotations

import json
import os
import re
from dataclasses import replace
from os import PathLike
from typing import TYPE_CHECKING, Any

from engine.conditions import facts_of
from engine.errors import MigovError, PackError, did_you_mean
from engine.i18n import _
from engine.limits import exceeded, limit
from engine.pack.cache import cached_pack, cached_text
from engine.pack.compiled import CompiledRule, Pack
from engine.pack.levels import condition_of
from engine.pack.model import ByKind, FactType, PackHeader, Rule, Text, Vocabulary, by_kind
from engine.pack.vocabulary import base_facts, check_bounds, check_value, compile_derived, read_facts
from engine.resources import data_folder
from engine.yamlio import Locations, Path_, load_yaml

if TYPE_CHECKING:
    from pathlib import Path

    from engine.pack.validate import Sink


def bundled_packs() -> list[str]:
    """The ids of the packs that ship with migov (folders of the rules data folder)."""
    rules = data_folder("rules")
    return sorted(n for n in os.listdir(rules) if os.path.isfile(os.path.join(rules, n, "pack.yaml")) and not n.startswith(("_", ".")))


def default_pack() -> str:
    """The bundled pack whose pack.yaml says ``default: true`` (data, not code); else the first bundled pack.

    Kept in the pack cache, by the bytes of the pack.yaml files and of this module (parsing one was a tenth of a cold run)."""
    names = bundled_packs()
    if not names:
        raise MigovError(_("no rule pack is installed"), field="--rules")
    headers = [os.path.join(data_folder("rules"), name, "pack.yaml") for name in names]
    name = cached_text("default-pack", [__file__, *headers], lambda: _default_of(names))
    return name if name in names else _default_of(names)  # a damaged cache file: the answer computed


def _default_of(names: list[str]) -> str:
    for name in names:
        header = os.path.join(data_folder("rules"), name, "pack.yaml")
        with open(header, "rb") as fh:
            if b"default" not in fh.read():
                continue  # it cannot say default: true (and need not be parsed)
        data, _locs = load_yaml(header)
        if isinstance(data, dict) and data.get("default") is True:
            return name
    return names[0]


def resolve_pack_dir(spec: str | PathLike[str] | None) -> Path:
    """``--rules``: a bundled pack id or a directory (none: the default pack), as a :class:`~pathlib.Path`."""
    from pathlib import Path  # not on a cold assess's path (pack_folder)

    return Path(pack_folder(spec))


def pack_folder(spec: str | PathLike[str] | None) -> str:
    """``--rules``: a bundled pack id or a directory (none: the default pack)."""
    if spec is None or spec == "":
        spec = default_pack()
    path = os.fspath(spec)
    if os.path.isdir(path):
        return path
    bundled = os.path.join(data_folder("rules"), path)
    if "/" not in path and os.path.isdir(bundled):
        return bundled
    available = bundled_packs()
    raise MigovError(
        _("no rule pack '{spec}': give a directory or one of the bundled packs: {names}").format(spec=spec, names=", ".join(available)),
        field="--rules",
    )


_CACHE: dict[tuple[str, str], Pack] = {}
Tailoring = tuple[Any, Locations]  # (data, locations) of a tailoring file


def read_tailoring(path: str | PathLike[str]) -> Tailoring:
    return load_yaml(path)


def load_pack(spec: str | PathLike[str] | None = None, tailoring: Tailoring | None = None) -> Pack:
    """The pack at ``spec`` (bundled id or folder), adapted by a tailoring file if one is given."""
    root = os.path.realpath(pack_folder(spec))
    key = (root, json.dumps(tailoring[0], sort_keys=True, default=str) if tailoring else "")
    if key not in _CACHE:
        _CACHE[key] = cached_pack(root, key[1], lambda: build_pack(root, tailoring=tailoring))
    return _CACHE[key]


def build_pack(folder: str | PathLike[str], sink: Sink | None = None, tailoring: Tailoring | None = None) -> Pack:
    from pathlib import Path  # building a pack (paths as a cached pack's are strings: no pathlib on a cold run)

    # the declared kinds, references and citations, the origin, parsing and checking: only when the pack is built
    from engine.pack.declared import (
        check_kinds,
        check_recommendation,
        check_sources,
        load_references,
        with_cites,
        with_kinds,
        with_rule_kinds,
    )
    from engine.pack.normal import check_refs, dnf_at
    from engine.pack.origin import with_origin
    from engine.pack.parse import Parser, Scope
    from engine.pack.tailoring import TailoringFile, apply, parameter_overrides  # its pydantic models: not when the pack is cached
    from engine.pack.validate import Sink, check_texts, validate_model

    sink = sink or Sink()
    root = Path(folder)
    header_file = root / "pack.yaml"
    if not header_file.is_file():
        raise PackError(_("a rule pack needs pack.yaml (identity, dimensions, ratings)"), file=str(header_file))
    data, hlocs = load_yaml(header_file)
    header = validate_model(PackHeader, data, hlocs, sink=sink.extra)
    header = with_origin(root, header, hlocs, sink)  # a modified copy of an exported pack says so in its version
    header = with_kinds(header, data, hlocs, sink)
    kinds = [k.id for k in header.kinds]
    langs = header.languages
    dims = _check_header(data, hlocs, header, sink)

    vocab_file = root / "vocabulary.yaml"
    vdata, vlocs = load_yaml(vocab_file)
    vocab = validate_model(Vocabulary, vdata, vlocs, sink=sink.extra)
    facts, records = read_facts(vocab, vdata, vlocs, langs, dims, sink)
    for i, f in enumerate(vocab.facts):
        if facts.get(f.id) is f:
            facts[f.id] = replace(f, kinds=check_kinds(f, vdata["facts"][i], kinds, vlocs, ("facts", i, "kinds"), sink))

    params = {k: v.value for k, v in header.parameters.items()}
    changes: list[dict[str, Any]] = []
    tspec = None
    if tailoring is not None:
        tdata, tlocs = tailoring
        tspec = validate_model(TailoringFile, tdata, tlocs)
        if tspec.pack != header.id:
            raise tlocs.error(("pack",), _("this tailoring is for pack '{made}', not '{pack}'").format(made=tspec.pack, pack=header.id), PackError, code="L002")
        params, changes = parameter_overrides(tspec, tlocs, header)
    scope = Scope(facts, dict(records), params=params)
    derived = compile_derived(vocab, scope, facts, records, vlocs, str(vocab_file), sink)

    rules: list[CompiledRule] = []
    seen: dict[str, str] = {}
    files = [header_file, vocab_file]
    rules_dir = root / "rules"
    rule_files = sorted(rules_dir.glob("*.yaml")) if rules_dir.is_dir() else []
    if not rule_files:
        raise PackError(_("a rule pack needs rules/*.yaml"), file=str(rules_dir))
    references = load_references(root, sink)
    used_dims: set[str] = set()
    counted = len(derived)
    for rf in rule_files:
        files.append(rf)
        try:
            rdata, rlocs = load_yaml(rf)
        except MigovError as exc:
            if not sink.collect:
                raise
            exc.code = "L001"
            sink.guard(exc)
            continue
        if not isinstance(rdata, list):
            sink.fail(rlocs.error((), _("expected a list of rules"), PackError, code="L002"))
            continue
        for i, raw in enumerate(rdata):
            p = (i,)
            counted += 1
            if counted > limit("rules"):  # before the rule is read: a pack of many thousand rules would take minutes
                raise rlocs.error(p, exceeded("rules", _("rules and derived facts in one pack")), PackError, code="L002")
            try:
                rule = validate_model(Rule, raw, rlocs, p, sink=sink.extra)
            except PackError as exc:
                sink.fail(exc)
                if isinstance(raw, dict) and isinstance(raw.get("dimension"), str):
                    used_dims.add(raw["dimension"])  # a broken rule still counts for its dimension
                continue
            used_dims.add(rule.dimension)
            rule = with_rule_kinds(rule, raw, kinds, rlocs, p, sink)
            if scope.params:
                rule = _fill_params(rule, scope.params)
            line = rlocs.line(p) or 1
            try:
                if rule.id in seen:
                    raise rlocs.error(p + ("id",), _("duplicate rule id '{id}' (also in {where})").format(id=rule.id, where=seen[rule.id]), PackError, code="L003")
                seen[rule.id] = f"{rf.name}:{line}"
                if rule.dimension not in dims:
                    raise rlocs.error(p + ("dimension",), _("unknown dimension '{id}'").format(id=rule.dimension) + did_you_mean(rule.dimension, dims), PackError, code="L004")
                check_texts(raw, rlocs, langs, ("title",), p, sink)
                check_recommendation(rule, raw, langs, rlocs, p, sink)
                if isinstance(rule.sources.seed, dict):
                    check_texts(raw.get("sources"), rlocs, langs, ("seed",), p + ("sources",), sink)
                check_sources(rule, references, rlocs, p, sink)
                statuses = {e.status.value for e in rule.examples}
                if not {"met", "gap"} <= statuses:
                    sink.fail(rlocs.error(p + ("examples",), _("a rule needs at least one 'met' and one 'gap' example"), PackError, code="L009"))
                tree, dnf, levels = condition_of(rule, raw, Parser(scope, rlocs), rlocs, p, langs, sink)
                applies = None
                applies_tree = None
                if rule.applies_if is not None:
                    applies_tree = Parser(scope, rlocs).parse(rule.applies_if, p + ("applies_if",))
                    applies = dnf_at(applies_tree, rlocs, p + ("applies_if",))
                    check_refs(applies, set(), rlocs, p + ("applies_if",))
                names = {n for conj in dnf + (applies or []) for lit in conj for n in facts_of(lit)}
                requires = frozenset(base_facts(names, derived))
                for name in sorted(requires):
                    fkinds = set(facts[name].kinds)
                    if not set(rule.kinds) <= fkinds:
                        raise rlocs.error(p + ("kinds",), _("the rule applies to {kinds} but fact '{name}' is only asked of {fact_kinds}").format(kinds=", ".join(rule.kinds), name=name, fact_kinds=", ".join(facts[name].kinds)), PackError, code="L013")
            except PackError as exc:
                sink.fail(exc)
                continue
            rules.append(CompiledRule(rule, str(rf), line, dnf, applies, requires, i, tree, applies_tree, levels))
    for i, dim in enumerate(header.dimensions):
        if dim.id not in used_dims:
            sink.fail(hlocs.error(("dimensions", i), _("dimension '{id}' has no rules").format(id=dim.id), PackError, code="L008"))
    header = with_cites(header, data, references, [cr.rule for cr in rules], hlocs, sink)
    pack = Pack(str(root), header, facts, records, derived, rules, [str(f) for f in files], references)
    for i, f in enumerate(vocab.facts):
        if f.ask_if is None or f.id not in facts:
            continue
        at: Path_ = ("facts", i, "ask_if")
        try:
            when = dnf_at(Parser(scope, vlocs).parse(f.ask_if.when, at + ("when",)), vlocs, at + ("when",))
            if f.type != FactType.records:
                check_value(f.type.value, f.values, f.items, f.ask_if.otherwise, at + ("otherwise",),
                            lambda path, msg: vlocs.error(path, msg, PackError, code="L002"))
            elif f.ask_if.otherwise != []:
                raise vlocs.error(at + ("otherwise",), _("expected a list (use [] for none)"), PackError, code="L002")
        except PackError as exc:
            sink.fail(exc)
            continue
        pack.ask_if[f.id] = (when, f.ask_if.otherwise)
    if tailoring is not None and tspec is not None:
        apply(tspec, tailoring[1], pack, changes)
        pack.tailoring = {"id": tspec.tailoring, "title": tspec.title, "changes": changes, "source": tailoring[0]}
    return pack


def _check_header(data: Any, hlocs: Locations, header: PackHeader, sink: Sink) -> list[str]:
    """Texts in every language, narrative placeholders, band order and dimension ids; the dimension ids."""
    from engine.pack.validate import check_texts  # building a pack: not when it is cached

    langs = header.languages
    check_texts(data, hlocs, langs, ("title", "description"), (), sink)
    for i, dim in enumerate(data.get("dimensions", [])):
        check_texts(dim, hlocs, langs, ("title", "description"), ("dimensions", i), sink)
    for i, band in enumerate(data.get("ratings", [])):
        check_texts(band, hlocs, langs, ("title",), ("ratings", i), sink)
    if header.narrative is not None:
        from engine.pack.placeholders import fill  # the sentence templates, checked when a pack is built

        sample = {"dimension": "D", "score": "50", "met": 1, "gaps": 1, "unknown": 1, "known": 2, "examples": "E",
                  "met_clause": "1 of 2", "gap_clause": "1 of 2", "unknown_clause": "1"}
        for key in ("well_developed", "potential", "not_assessed", "potential_well_developed"):
            for lang, template in (getattr(header.narrative, key) or {}).items():  # the last is optional
                try:  # names only, no attribute or index, no width past 20 (engine/pack/placeholders.py)
                    fill(template, sample)
                except PackError as exc:
                    sink.fail(hlocs.error(("narrative", key, lang), exc.message, PackError, code="L015"))
    for name, param in header.parameters.items():
        check_bounds(param, hlocs, ("parameters", name), sink)
    mins = [b.min for b in header.ratings]
    if mins[0] != 0 or mins != sorted(set(mins)):
        sink.fail(hlocs.error(("ratings",), _("rating bands must start at min 0 and rise strictly"), PackError, code="L015"))
    dims = [d.id for d in header.dimensions]
    for i, dim_id in enumerate(dims):
        if dim_id in dims[:i]:
            sink.fail(hlocs.error(("dimensions", i, "id"), _("duplicate dimension id"), PackError, code="L003"))
    return dims


_PARAM = r"\{(\w+)\}"  # compiled on first use (re keeps it): only when a pack is built


def _fill_params(rule: Rule, params: dict[str, float]) -> Rule:
    """Titles, recommendations and level labels show the current value of the parameters they name: {name}."""
    values = {k: f"{v:g}" for k, v in params.items()}

    def fill(text: dict[str, str]) -> dict[str, str]:
        return {lang: re.sub(_PARAM, lambda m: values.get(m.group(1), m.group(0)), s) for lang, s in text.items()}  # {other} stays

    def fill_advice(text: Text | ByKind) -> Text | ByKind:
        variants = by_kind(text)
        return fill(text) if variants is None else {k: fill(v) for k, v in variants.items()}  # type: ignore[arg-type]

    levels = rule.levels and [replace(lv, label=fill(lv.label), recommendation=lv.recommendation and fill_advice(lv.recommendation))
                              for lv in rule.levels]  # a level's words name parameters as the title does
    return replace(rule, title=fill(rule.title), recommendation=fill_advice(rule.recommendation), levels=levels)
