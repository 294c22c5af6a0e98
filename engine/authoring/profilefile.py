"""A self-assessment's profile file: read back into header and answers, written out with a comment on top, saved
atomically and never larger than migov would read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from engine.errors import MigovError
from engine.i18n import translate
from engine.limits import exceeded, limit
from engine.outputs import write_atomic
from engine.pack.compiled import HEADER_KEYS, Pack


def flatten(pack: Pack, data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(header, answers by fact id, null included) of a profile file's data."""
    header = {k: data[k] for k in HEADER_KEYS if k in data}
    answers: dict[str, Any] = {}

    def walk(mapping: dict[str, Any], prefix: str) -> None:
        for key, value in mapping.items():
            name = prefix + key
            if not prefix and key in HEADER_KEYS:
                continue
            if name in pack.facts:
                answers[name] = value
            elif isinstance(value, dict):
                walk(value, name + ".")

    walk(data, "")
    return header, answers


def dump(header: dict[str, Any], answers: dict[str, Any], pack: Pack, lang: str) -> str:
    data: dict[str, Any] = dict(header)
    for fid in pack.facts:
        if fid not in answers:
            continue
        node = data
        parts = fid.split(".")
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = answers[fid]
    head = translate("# Written by migov self-assess; null means “don't know”. Run the command again to continue.", lang)
    return head + "\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def save(path: Path, text: str) -> None:
    if len(text.encode("utf-8")) > limit("file"):  # never write a profile migov would then refuse to read
        raise MigovError(exceeded("file", translate("the profile would be {size:.1f} MB").format(size=len(text.encode("utf-8")) / 1e6)), file=str(path))
    write_atomic(path, text)
