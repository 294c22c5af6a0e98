"""Language parity of a pack's own files (``rules lint``): every text in exactly the languages the pack declares.

A missing language is L006 (the loader's own words, so that one problem is listed once), an extra one L019. No
language is named here: the declared ones are data, and the others are those migov has a catalogue for.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from engine.errors import MigovError
from engine.i18n import _, languages
from engine.pack.loading import resolve_pack_dir
from engine.packtools.problem import Problem
from engine.yamlio import Path_, dotted, load_yaml


def declared_languages(spec: str | Path) -> list[str] | None:
    """The languages the pack at ``spec`` declares (``languages:`` in pack.yaml), or None if it declares none readable."""
    try:
        data = load_yaml(resolve_pack_dir(spec).resolve() / "pack.yaml")[0]
    except MigovError:
        return None
    langs = data.get("languages") if isinstance(data, dict) else None
    return [str(x) for x in langs] if isinstance(langs, list) and langs and all(isinstance(x, str) for x in langs) else None


def _texts(node: Any, path: Path_, known: set[str]) -> list[tuple[Path_, dict[str, Any]]]:
    """Every text of a YAML document with its path: a mapping of strings at least one of whose keys is a language
    (one the pack declares, or one migov has a catalogue for). No language is named here: they are data."""
    if isinstance(node, list):
        return [t for i, item in enumerate(node) for t in _texts(item, path + (i,), known)]
    if not isinstance(node, dict):
        return []
    if node and all(isinstance(v, str) for v in node.values()) and any(str(k) in known for k in node):
        return [(path, node)]
    return [t for k, v in node.items() for t in _texts(v, path + (k,), known)]


def parity(root: Path) -> list[Problem]:
    """Every text of the pack's own files in exactly the languages it declares: a missing one is L006, an extra one L019."""
    declared = declared_languages(root)
    if declared is None:
        return []  # pack.yaml itself is reported by the loader
    known = set(declared) | set(languages())
    out = []
    files = [root / "pack.yaml", root / "vocabulary.yaml", root / "references.yaml", *sorted((root / "rules").glob("*.yaml"))]
    for path in (f for f in files if f.is_file()):
        try:
            data, locs = load_yaml(path)
        except MigovError:
            continue  # L001, from the loader
        for at, text in _texts(data, (), known):
            for lang in declared:
                if not str(text.get(lang, "")).strip():  # the loader's own words, so that the same problem is listed once
                    out.append(Problem(str(path), locs.line(at) or 1, locs.col(at) or 1, "L006", "error", dotted(at) or None,
                                       _("missing the '{lang}' text (the pack declares languages {langs})").format(lang=lang, langs=", ".join(declared))))
            for key in text:
                if str(key) not in declared:
                    out.append(Problem(str(path), locs.line(at + (key,)) or 1, locs.col(at + (key,)) or 1, "L019", "error", dotted(at + (key,)),
                                       _("a text in '{lang}', a language the pack does not declare (languages: {langs})").format(
                                           lang=key, langs=", ".join(declared))))
    return out
