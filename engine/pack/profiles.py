"""Profiles: YAML facts about one country or partnership, validated against a pack's vocabulary.

A fact that is absent or null is unknown; a wrong type or value is an error naming file, line, field.
"""

from __future__ import annotations

from os import PathLike
from typing import Any

from engine.errors import ProfileError, did_you_mean, glossed
from engine.i18n import _, languages, translate_in
from engine.pack.compiled import HEADER_KEYS, Pack
from engine.pack.fastcheck import SLOW, Check, fact_check
from engine.pack.loading import bundled_packs
from engine.pack.model import FactDef, FactType, Kind
from engine.pack.provenance import ProfileSource, read_provenance
from engine.pack.vocabulary import check_value
from engine.records import record
from engine.yamlio import Locations, Path_, load_yaml, nfc
from engine.yamlio.paths import invisible

INCOMPLETE = "_incomplete"
"""The key, beside the facts an evaluator reads, of the lists that may name only some of their items."""


@record
class Profile:
    id: str
    name: str
    kind: Kind
    facts: dict[str, Any]  # known facts only; a missing or null fact is unknown
    language: str | None = None
    period: str | None = None
    file: str = "<profile>"
    groups: dict[str, str] | None = None  # e.g. region, process: how a batch dashboard groups profiles
    # open-world facts and provenance (profile keys ``as_of``, ``complete``, ``sources``; engine/pack/provenance.py)
    as_of: str | None = None  # the date the facts describe
    incomplete: frozenset[str] = frozenset()  # stated lists not marked complete: they name at least these items
    sources: tuple[ProfileSource, ...] = ()

    def open_facts(self) -> dict[str, Any]:
        """The facts as the evaluators read them: with the lists that may name only some of their items."""
        return {**self.facts, INCOMPLETE: self.incomplete} if self.incomplete else self.facts


def load_profile(path: str | PathLike[str], pack: Pack) -> Profile:
    data, locs = load_yaml(path)
    return validate_profile(data, locs, pack)


def read_profile(path: str | PathLike[str]) -> tuple[Any, Locations]:
    """The profile's YAML, not yet validated (a pack is needed for that)."""
    return load_yaml(path)


def pack_of(data: Any, locs: Locations | None = None) -> str | None:
    """The pack a profile names in its optional ``pack`` header, if any: a bundled pack (:func:`named_pack`)."""
    if isinstance(data, dict) and isinstance(data.get("pack"), str):
        return named_pack(str(data["pack"]), locs.file if locs else None, locs.line(("pack",)) if locs else None)
    return None


def named_pack(name: str | None, file: str | None = None, line: int | None = None, field: str = "pack") -> str | None:
    """The id of a pack an input file names (a profile, a workbook, a report or a JSON assessment): one of the
    bundled packs, never a folder (a file must not choose which folder is loaded as a pack; ``--rules`` does)."""
    if name is None or name in bundled_packs():
        return name
    raise ProfileError(_("'{value}' is not a bundled pack: expected {packs}, or give the pack's folder with --rules").format(
        value=name if len(name) <= 80 else name[:77] + "…", packs=", ".join(bundled_packs())), file=file, line=line, field=field)


def once(first: str | None, key: str, where: str, file: str) -> str:
    """``where``, unless ``key`` was named already (at ``first``): the last one would win, silently (a workbook's rows)."""
    if first is not None:
        raise ProfileError(_("'{key}' is named twice (first at {first}): keep one").format(key=key, first=first), file=file, field=where)
    return where


def validate_profile(data: Any, locs: Locations, pack: Pack) -> Profile:
    def err(path: Path_, message: str) -> ProfileError:
        return locs.error(path, message, ProfileError)  # type: ignore[return-value]

    if not isinstance(data, dict):
        raise err((), _("expected a mapping with id, name, kind and the profile's facts"))
    for key in ("id", "name", "kind"):
        if key not in data or data[key] in (None, ""):
            raise err((key,), _("missing '{key}' (every profile has id, name and kind)").format(key=key))
        if not isinstance(data[key], str):
            raise err((key,), _("expected text"))
    hidden = invisible(data["id"])
    if hidden:
        raise err(("id",), _("the id holds an invisible character ({char}): retype it").format(char=hidden))
    if data["kind"] not in pack.kinds:
        raise err(("kind",), _("'{value}' is not a kind of this pack: expected {kinds}").format(value=data["kind"], kinds=glossed(pack.kinds, _titles(pack)))
                  + did_you_mean(data["kind"], pack.kinds))
    kind: Kind = data["kind"]
    groups = data.get("groups")
    if groups is not None and (not isinstance(groups, dict) or not all(isinstance(k, str) and isinstance(v, (str, int)) for k, v in groups.items())):
        raise err(("groups",), _("expected a mapping of group name to text, e.g. region: West Africa"))
    for key in ("language", "period", "pack"):
        if key in data and data[key] is not None and not isinstance(data[key], (str, int)):
            raise err((key,), _("expected text"))
    if data.get("language") is not None and data["language"] not in languages():
        raise err(("language",), _("'{value}' is not a supported language: expected {languages}").format(value=data["language"], languages=", ".join(languages()))
                  + did_you_mean(str(data["language"]), list(languages())))
    facts: dict[str, Any] = {}
    _walk(data, "", (), pack, kind, facts, err, _titles(pack))
    period = data.get("period")
    return Profile(
        id=nfc(data["id"]), name=str(data["name"]), kind=kind, facts=facts,
        language=data.get("language"), period=str(period) if period is not None else None, file=locs.file,
        groups={k: str(v) for k, v in groups.items()} if groups else None, **read_provenance(data, pack, facts, err),
    )


def _walk(mapping: dict[str, Any], prefix: str, path: Path_, pack: Pack, kind: Kind, facts: dict[str, Any], err: Any,
          titles: dict[str, Any]) -> None:
    """The facts of ``mapping`` (a section's, under ``prefix``) checked into ``facts``. Not a closure: one that calls itself is a
    reference cycle, which kept each profile's data and text alive until the collector ran (a batch's worker held thousands)."""
    prefixes, quick = _prefixes(pack), _quick(pack)
    for key, value in mapping.items():
        name = f"{prefix}{key}"
        if not prefix and key in HEADER_KEYS:
            continue
        if name in quick:
            if value is not None:
                kinds, check = quick[name]
                got = check(value) if kind in kinds else SLOW  # the usual values at once; else the full check says what is wrong
                facts[name] = got if got is not SLOW else _check_fact(pack.facts[name], value, kind, path + (key,), err, titles)
        elif name in prefixes:
            if value is None:
                continue
            if not isinstance(value, dict):
                raise err(path + (key,), _("expected a section (a mapping of facts)"))
            _walk(value, name + ".", path + (key,), pack, kind, facts, err, titles)
        else:
            candidates = [f for f in pack.facts if f.startswith(prefix)]
            candidates = [c[len(prefix):] for c in candidates] + ([] if prefix else list(HEADER_KEYS))
            raise err(path + (key,), translate_in("profile key", "unknown fact '{name}'").format(name=name) + did_you_mean(key, sorted({c.split(".")[0] if "." in c and "." not in key else c for c in candidates})))


def _prefixes(pack: Pack) -> frozenset[str]:
    """The sections of the pack's fact ids (``a`` and ``a.b`` of ``a.b.c``): once per pack, not once per profile."""
    held = _PREFIXES.get(id(pack))
    if held is None or held[0] is not pack:
        held = _PREFIXES[id(pack)] = (pack, frozenset(".".join(f.split(".")[:i]) for f in pack.facts for i in range(1, f.count(".") + 1)))
    return held[1]


_PREFIXES: dict[int, tuple[Pack, frozenset[str]]] = {}  # the pack is held, so its id is never another pack's


def _quick(pack: Pack) -> dict[str, tuple[frozenset[str], Check]]:
    """Per fact of the pack: the kinds it is asked of and its quick check (:mod:`engine.pack.fastcheck`); once per pack."""
    held = _QUICK.get(id(pack))
    if held is None or held[0] is not pack:
        held = _QUICK[id(pack)] = (pack, {name: (frozenset(f.kinds), fact_check(f)) for name, f in pack.facts.items()})
    return held[1]


_QUICK: dict[int, tuple[Pack, dict[str, tuple[frozenset[str], Check]]]] = {}
_RECORDS = FactType.records  # an enum member read from its class each time costs a descriptor call
_TYPE_NAMES = {t: t.value for t in FactType}  # and so does its value


def _titles(pack: Pack) -> dict[str, Any]:
    """Each kind's name in every language, to gloss a kind typed in YAML (« pays (`country`) »)."""
    return {k.id: k.title for k in pack.header.kinds}


def _check_fact(fdef: FactDef, value: Any, kind: Kind, path: Path_, err: Any, kinds: dict[str, Any] | None = None) -> Any:
    if kind not in fdef.kinds:
        raise err(path, _("this fact is only asked of {kinds} profiles").format(kinds=glossed(fdef.kinds, kinds)))
    if fdef.type == _RECORDS:
        if not isinstance(value, list):
            raise err(path, _("expected a list of records (use [] for none)"))
        fields = {f.id: f for f in fdef.fields or []}
        out = []
        for i, rec in enumerate(value):
            if not isinstance(rec, dict):
                raise err(path + (i,), _("expected a record (a mapping with {fields})").format(fields=", ".join(fields)))
            clean: dict[str, Any] = {}
            for key, v in rec.items():
                if key not in fields:
                    raise err(path + (i, key), _("unknown field '{key}'").format(key=key) + did_you_mean(key, list(fields)))
                if v is not None:
                    clean[key] = check_value(fields[key].type, fields[key].values, fields[key].items, v, path + (i, key), err)
            for fid, fd in fields.items():
                if fd.required and fid not in clean:
                    raise err(path + (i,), _("the record has no '{field}' (required)").format(field=fid))
            out.append(clean)
        return out
    return check_value(_TYPE_NAMES[fdef.type], fdef.values, fdef.items, value, path, err, fdef.minimum, fdef.maximum)
