"""An exported copy of a pack and the pack it came from.

``migov rules export`` appends to the copy's ``pack.yaml`` a ``derived_from`` entry: the id, the version and the
sha256 of the pack it copied (the ``pack.sha256`` its assessments carry: each file of the pack, by its path in the
pack, and its bytes). While the copy's files give that digest again (``pack.yaml`` read without the lines export
appended), the copy is that pack. Once they differ, it is a modified copy: its version gains the build metadata
``+modified`` ("1.0.0+modified", SemVer's place for it), so that every report, JSON assessment, rulebook, lint and
doctor names it as such, in every language. Plain data and one digest: deterministic, offline.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from engine.errors import MigovError, PackError
from engine.i18n import _
from engine.pack.model import PackHeader
from engine.pack.validate import Sink
from engine.yamlio import Locations, load_yaml

MODIFIED = "modified"  # the build metadata a modified copy's version gains
KEYS = ("id", "version", "sha256")


def pack_files(root: Path) -> list[tuple[str, Path]]:
    """The files a pack is made of (``Pack.files``: pack.yaml, vocabulary.yaml, rules/*.yaml), by their path in the pack."""
    rules = sorted((root / "rules").glob("*.yaml")) if (root / "rules").is_dir() else []
    return sorted((f.relative_to(root).as_posix(), f) for f in [root / "pack.yaml", root / "vocabulary.yaml", *rules] if f.is_file())


def files_sha256(files: list[tuple[str, Path]], appended: bytes = b"") -> str:
    """The pack's sha256 as an assessment's ``pack.sha256`` gives it for an untailored pack (``engine.assess.pack_sha256``);
    ``appended``: the lines export added at the end of pack.yaml, left out when they are there as written."""
    import hashlib  # OpenSSL loads slowly: only for an exported copy, when its pack is built

    h = hashlib.sha256(b"pack\0\0")
    for label, path in sorted(files):
        data = path.read_bytes()
        if label == "pack.yaml" and appended and data.endswith(appended):
            data = data[:-len(appended)]
        h.update(f"{label}\0".encode() + hashlib.sha256(data).digest())
    return h.hexdigest()


def block(pack_id: str, version: str, sha256: str) -> str:
    """The lines export appends to the copy's pack.yaml (the same bytes for the same pack: they are left out of its digest)."""
    return ("\n# Written by `migov rules export`: the pack this folder is a copy of. While its files are unchanged, this pack is\n"
            "# that one; once they differ, migov names it a modified copy (its version reads +modified). Delete these lines\n"
            "# when the copy becomes a pack of its own (with an id and a version of its own).\n"
            f"derived_from: {{id: {json.dumps(pack_id)}, version: {json.dumps(version)}, sha256: {json.dumps(sha256)}}}\n")


def complete(derived: Any) -> bool:
    """Whether ``derived_from`` has the three texts export writes."""
    return isinstance(derived, dict) and all(isinstance(derived.get(k), str) for k in KEYS) and set(derived) == set(KEYS)


def is_modified(root: Path, derived: dict[str, str]) -> bool:
    """Whether the copy at ``root`` no longer has the files of the pack ``derived`` names."""
    return files_sha256(pack_files(root), block(derived["id"], derived["version"], derived["sha256"]).encode()) != derived["sha256"]


def marked(version: str) -> str:
    """A modified copy's version, SemVer build metadata added to what it has.

    >>> marked("1.0.0"), marked("1.0.0+build.5")
    ('1.0.0+modified', '1.0.0+build.5.modified')
    """
    return f"{version}{'.' if '+' in version else '+'}{MODIFIED}"


def with_origin(root: Path, header: PackHeader, locs: Locations, sink: Sink) -> PackHeader:
    """``header``, its version marked when the pack is a modified copy of the pack its ``derived_from`` names."""
    derived = header.derived_from
    if derived is None:
        return header
    if not complete(derived):
        sink.fail(locs.error(("derived_from",), _("expected id, version and sha256, as `migov rules export` writes them (or no derived_from)"),
                             PackError, code="L002"))
        return header
    return replace(header, version=marked(header.version)) if is_modified(root, derived) else header


def exported(source: Path) -> bytes:
    """The pack.yaml of a copy of the pack at ``source``: its bytes and the lines naming it. A copy of a copy keeps its
    ``derived_from`` as it is (it names the pack first exported, whose files the copy is compared with)."""
    text = (source / "pack.yaml").read_bytes()
    try:
        data, _locs = load_yaml(source / "pack.yaml")
    except MigovError:  # a pack that does not load still copies (lint says what is wrong with it)
        data = None
    data = data if isinstance(data, dict) else {}
    if "derived_from" in data:
        return text
    return text + block(str(data.get("id", "")), str(data.get("version", "")), files_sha256(pack_files(source))).encode()


def written_origin(root: Path) -> dict[str, str] | None:
    """The ``derived_from`` of the pack.yaml at ``root`` as written, when it is complete (else None)."""
    try:
        data, _locs = load_yaml(root / "pack.yaml")
    except MigovError:
        return None
    derived = data.get("derived_from") if isinstance(data, dict) else None
    return derived if complete(derived) else None
