"""What a profile's reports share in every language, worked out once (``migov batch --lang en,es,fr``).

The engine's assessment is language-neutral; :func:`engine.render.localize.localized` writes only its texts. So the
data of an assessment in one language (``to_data()``) is the neutral assessment's data with those texts put in:
:func:`data_in` builds it from :class:`Neutral` without walking the rest again (scores, counts, the evidence as data,
levels, provenance, the profile), and those parts, the same objects in every language, are encoded as JSON once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from engine.assessment import Assessment, Finding
from engine.plaindata import plain_data
from engine.records import record, replaced
from engine.render import alike
from engine.render.json import Shared

_PER_LANGUAGE = frozenset({"language", "tailoring", "dimensions", "findings", "recommendations", "inputs"})  # what localized() writes


@record
class Neutral:
    """An assessment's language-neutral data (``to_data()`` before it is localized) and the JSON text of its shared parts."""

    assessment: Assessment
    data: dict[str, Any]
    shared: Shared
    report: dict[str, Any]  # what the report model works out the same in every language (engine.render.report.build_report)


def neutral(a: Assessment) -> Neutral:
    """The neutral data of ``a`` (as the engine made it, in no language yet), its shared parts marked for the encoder."""
    data = a.to_data()
    parts: list[Any] = [v for k, v in data.items() if k not in _PER_LANGUAGE]
    for f in data["findings"]:
        parts += [f["evidence_data"], f.get("level")]
    for d in data["dimensions"]:
        parts.append(d["counts"])
    shared: Shared = {id(p): [p, None, ""] for p in parts if isinstance(p, (dict, list)) and p}
    return Neutral(a, data, shared, {})


def data_in(n: Neutral, written: Assessment) -> dict[str, Any]:
    """``written.to_data()`` for ``written = localized(n.assessment, …)``, the same value, with the neutral parts shared."""
    data = n.data
    out = dict(data)  # the contract's key order; a key localized() adds (inputs) comes last, as its field does
    out["language"] = written.language
    if written.tailoring is not None:
        out["tailoring"] = plain_data(written.tailoring)
    out["dimensions"] = [{**d, "title": x.title} for d, x in zip(data["dimensions"], written.dimensions, strict=True)]
    out["findings"] = [{**d, "title": f.title, "evidence": list(f.evidence), "recommendation": f.recommendation,
                        "sources": _sources(f.sources, n.shared)} for d, f in zip(data["findings"], written.findings, strict=True)]
    out["recommendations"] = plain_data(written.recommendations)
    if written.inputs is not None:
        out["inputs"] = plain_data(written.inputs)
    return out


_SOURCES: Shared = {}  # a rule's sources in a language (one dict, engine.render.localize): its JSON, for every profile


def _sources(sources: dict[str, Any], shared: Shared) -> dict[str, Any]:
    """A finding's sources as data: the dict localized() shares between every finding of its rule in its language, its
    JSON text encoded once for all the profiles (and the lists it holds are plain lists of numbers and strings)."""
    entry = _SOURCES.get(id(sources))
    if entry is None or entry[0] is not sources:
        if len(_SOURCES) > 5000:  # the packs of a long-lived process are not all kept
            _SOURCES.clear()
        entry = _SOURCES[id(sources)] = [sources, None, ""]
    shared[id(sources)] = entry
    return sources


def data_of(a: Assessment) -> dict[str, Any]:
    """``a.to_data()``, the same value, for ``a`` in one language: the data of each finding it shares with other profiles'
    (:mod:`engine.render.alike`) made once, and the same dict in each of their reports' data."""
    data = replaced(a, findings=[]).to_data()
    data["findings"] = [_finding_data(f) for f in a.findings]
    return data


def _finding_data(f: Finding) -> Any:
    held = alike.entry(f)
    if held is None:
        return plain_data(f)
    if held.data is None:
        alike.know(plain_data(f), held)
    return held.data


def text_of(data: Any, encode: Callable[[Any], str]) -> str:
    """``encode(data)``, remembered for the data of a finding several profiles share (:func:`data_of`)."""
    held = alike.entry(data)
    if held is None or held.data is not data:
        return encode(data)
    if held.text is None or held.text[0] is not encode:
        held.text = (encode, encode(data))
    return held.text[1]
