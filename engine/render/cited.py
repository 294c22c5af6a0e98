"""What a report shows of a criterion's sources, worked out from the pack once per language and kept with it.

:func:`citations` (each cited scheme as the language cites it) and :func:`basis` (the source text's passage, then each
citation with its key: what the key actions and "References cited" print) are remembered per pack and language, as a
batch's reports cite the same criteria again and again. Every criterion's basis is also kept in the pack cache beside
a cached pack (:func:`engine.pack.cache.cached_beside`, under the pack's digest, this code and the language's catalogue),
so that a cold ``assess`` reads the basis of its findings instead of citing every key again (some 3 ms of a text report).
"""

from __future__ import annotations

import os
from typing import Any

from engine.i18n import LOCALE_DIR
from engine.pack.cache import cached_beside, in_cache
from engine.pack.compiled import Pack
from engine.render.localize import rule_sources

_MEMO: dict[tuple[int, str], tuple[Pack, dict[tuple[Any, ...], Any]]] = {}
_CODE = [__file__, os.path.join(os.path.dirname(__file__), "localize.py")]  # what the basis is made by, beside the pack's own code


def basis(sources: dict[str, Any], pack: Pack, lang: str) -> list[str]:
    """What a finding rests on, as readable titles: the source text's passage, then each citation with its key."""
    memo = _memo(pack, lang)
    key = ("basis", _key(sources))
    found = memo.get(key)
    if found is None:
        found = memo[key] = _basis(sources, citations(pack, sources, lang))
    return list(found)


def citations(pack: Pack, cited: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    """``pack.citations``, remembered (:func:`_memo`); the lists are shared between reports, which only read them."""
    memo = _memo(pack, lang)
    key = ("citations", _key(cited))
    found: list[dict[str, Any]] | None = memo.get(key)
    if found is None:
        found = memo[key] = pack.citations(cited, lang)
    return found


def _basis(sources: dict[str, Any], schemes: list[dict[str, Any]]) -> tuple[str, ...]:
    seed = sources.get("seed")
    out = [seed] if isinstance(seed, str) and seed else []
    for scheme in schemes:  # each key as the language cites it (engine.pack.citing)
        out.extend(ref["full"] for ref in scheme["refs"])
    return tuple(out)


def _memo(pack: Pack, lang: str) -> dict[tuple[Any, ...], Any]:
    """What is worked out from a pack's citations, remembered per pack and language; the pack is held with it, so that
    its id is never another pack's. A pack from the cache starts with every criterion's basis, kept beside it."""
    held = _MEMO.get((id(pack), lang))
    if held is None or held[0] is not pack:
        if len(_MEMO) > 8:  # the packs of a long-lived process are not all kept alive
            _MEMO.clear()
        memo: dict[tuple[Any, ...], Any] = {}
        if in_cache(pack):  # else nothing is kept: each basis is worked out when a report asks for it
            catalogue = os.path.join(LOCALE_DIR, lang, "LC_MESSAGES", "migov.mo")
            code = [*_CODE, *([catalogue] if os.path.isfile(catalogue) else [])]
            memo.update(cached_beside(pack, f"basis {lang}", code, lambda: _every_basis(pack, lang), dict))
        held = _MEMO[(id(pack), lang)] = (pack, memo)
    return held[1]


def _every_basis(pack: Pack, lang: str) -> dict[tuple[Any, ...], Any]:
    """The basis of every criterion of ``pack`` in ``lang``, by the key :func:`basis` looks it up by."""
    return {("basis", _key(sources)): _basis(sources, pack.citations(sources, lang)) for sources in rule_sources(pack, lang)}


def _key(cited: dict[str, Any]) -> tuple[Any, ...]:
    """The memo's key of a finding's sources: its content, remembered for the dict itself (the same dict, shared by every
    report of the rule in a language, :mod:`engine.render.localize`, and never changed: reports only read them)."""
    held = _KEYS.get(id(cited))
    if held is not None and held[0] is cited:
        return held[1]
    key = tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in cited.items())
    if len(_KEYS) >= 4096:  # an assessment read back has its own dicts: bounded
        _KEYS.clear()
    _KEYS[id(cited)] = (cited, key)
    return key


_KEYS: dict[int, tuple[dict[str, Any], tuple[Any, ...]]] = {}
