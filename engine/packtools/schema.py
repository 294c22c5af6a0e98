"""``migov rules schema``: JSON Schemas for a pack's files and for profiles of that pack.

Pack files: from the pack's dataclasses, through pydantic. Profiles: from the vocabulary, with each fact's label as title
and its question as description, enums, bounds and records, so that an editor with a YAML language
server offers completion and flags mistakes. Nested sections and dotted ids are both accepted.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from engine.i18n import languages
from engine.outputs import write_atomic
from engine.pack.compiled import Pack
from engine.pack.model import FactDef, PackHeader, Rule, Vocabulary
from engine.pack.validate import adapter

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def _fact_schema(pack: Pack, f: FactDef, lang: str) -> dict[str, Any]:
    s: dict[str, Any] = {"title": pack.text(f.label, lang), "description": pack.text(f.question, lang)}
    t = f.type.value
    if t == "bool":
        s["type"] = ["boolean", "null"]
    elif t == "enum":
        s["enum"] = [*(f.values or {}), None]
    elif t == "number":
        s["type"] = ["number", "null"]
        if f.minimum is not None:
            s["minimum"] = f.minimum
        if f.maximum is not None:
            s["maximum"] = f.maximum
    elif t == "text":
        s["type"] = ["string", "number", "null"]
    elif t == "list":
        s["type"] = ["array", "null"]
        s["uniqueItems"] = True
        s["items"] = {"type": "string"} if f.items == "text" else {"enum": list(f.values or {})}
    else:
        props: dict[str, Any] = {}
        for fd in f.fields or []:
            fs: dict[str, Any] = {"title": pack.text(fd.label, lang)}
            if fd.type == "bool":
                fs["type"] = ["boolean", "null"]
            elif fd.type == "enum":
                fs["enum"] = [*(fd.values or {}), None]
            elif fd.type == "number":
                fs["type"] = ["number", "null"]
            elif fd.type == "text":
                fs["type"] = ["string", "number", "null"]
            else:
                fs["type"] = ["array", "null"]
                fs["items"] = {"type": "string"} if fd.items == "text" else {"enum": list(fd.values or {})}
            if fd.required:  # the loader refuses a required field left null: so does the schema
                fs = _not_null(fs)
            props[fd.id] = fs
        s["type"] = ["array", "null"]
        s["items"] = {"type": "object", "properties": props, "additionalProperties": False,
                      "required": [fd.id for fd in f.fields or [] if fd.required]}
    return s


def _not_null(fs: dict[str, Any]) -> dict[str, Any]:
    """A field's schema without null among its types or values."""
    if "type" in fs:
        return {**fs, "type": [t for t in fs["type"] if t != "null"]}
    return {**fs, "enum": [v for v in fs["enum"] if v is not None]}


def profile_schema(pack: Pack, lang: str = "en") -> dict[str, Any]:
    top: dict[str, Any] = {
        "id": {"type": "string", "title": "id"},
        "name": {"type": "string", "title": "name"},
        "kind": {"enum": pack.kinds, "title": "kind"},
        "language": {"enum": [*languages(), None], "title": "language"},
        "period": {"type": ["string", "integer", "null"], "title": "period"},
        "pack": {"type": "string", "title": "pack"},
        "groups": {"type": "object", "title": "groups", "additionalProperties": {"type": ["string", "integer"]}},
        # open-world lists and provenance (engine/pack/provenance.py)
        "as_of": {"type": ["string", "integer", "null"], "title": "as_of", "description": "The date the facts describe: 2025, 2025-06 or 2025-06-30"},
        "complete": {"type": ["array", "null"], "title": "complete", "uniqueItems": True,
                     "description": "The list facts that name every item (the others name at least their items)",
                     "items": {"enum": sorted(f.id for f in pack.facts.values() if f.type.value in ("list", "records"))}},
        "sources": {"type": ["object", "null"], "title": "sources", "description": "Source id -> title, url or document, as_of and the facts it supports",
                    "additionalProperties": {"type": "object", "additionalProperties": False, "properties": {
                        "title": {"type": "string"}, "url": {"type": "string"}, "document": {"type": "string"},
                        "as_of": {"type": ["string", "integer"]}, "facts": {"type": "array", "items": {"type": "string"}}}}},
    }
    for f in pack.facts.values():
        schema = _fact_schema(pack, f, lang)
        top[f.id] = schema  # the dotted form, as rule examples write it
        parts = f.id.split(".")
        node = top
        for part in parts[:-1]:
            section = node.setdefault(part, {"type": ["object", "null"], "properties": {}, "additionalProperties": False})
            node = section["properties"]
        if len(parts) > 1:
            node[parts[-1]] = schema
    return {"$schema": DRAFT, "$id": f"migov:{pack.id}:{pack.version}:profile",
            "title": f"migov profile — {pack.text(pack.header.title, lang)}", "type": "object",
            "properties": top, "required": ["id", "name", "kind"], "additionalProperties": False}


def pack_schemas() -> dict[str, dict[str, Any]]:
    def titled(model: Any, title: str) -> dict[str, Any]:
        return {"$schema": DRAFT, "title": title, **adapter(model).json_schema(by_alias=True)}

    rules = adapter(Rule).json_schema(by_alias=True)
    return {
        "pack.schema.json": titled(PackHeader, "migov rule pack: pack.yaml"),
        "vocabulary.schema.json": titled(Vocabulary, "migov rule pack: vocabulary.yaml"),
        "rules.schema.json": {"$schema": DRAFT, "title": "migov rule pack: rules/*.yaml", "type": "array",
                              "items": {"$ref": "#/$defs/Rule"}, "$defs": {**rules.pop("$defs", {}), "Rule": rules}},
    }


def write_schemas(pack: Pack, folder: Path, lang: str = "en") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    files = {**pack_schemas(), "profile.schema.json": profile_schema(pack, lang)}
    out = []
    for name, schema in files.items():
        path = folder / name
        text = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
        write_atomic(path, text)
        out.append(path)
    return out
