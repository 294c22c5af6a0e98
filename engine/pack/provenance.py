"""Open-world lists and provenance: the profile keys ``as_of``, ``complete`` and ``sources``.

A stated, non-empty list (of values or of records) names *at least* its items unless the profile lists
it under ``complete`` (an empty list says "none", so it is complete); the evaluators then decide nothing on an item being absent from it. ``as_of`` dates the
facts; each source has a title, a URL or a document, its own ``as_of`` and the facts it supports::

    as_of: 2025-06-30
    complete: [members]
    sources:
      action-plan:
        title: Rabat Process, Cadiz Action Plan
        url: https://www.rabat-process.org
        as_of: 2022-12-14
        facts: [members, partnership.action_plan_until]
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from engine.errors import did_you_mean
from engine.i18n import _
from engine.pack.compiled import Pack
from engine.pack.model import FactType
from engine.records import record


@record(frozen=True)
class ProfileSource:
    """A source the profile cites: a title, a URL or a document, its date, and the facts it supports."""

    id: str
    title: str | None = None
    url: str | None = None
    document: str | None = None
    as_of: str | None = None
    facts: tuple[str, ...] = ()


DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
LISTS = (FactType.list, FactType.records)
_OPEN: dict[int, tuple[Pack, frozenset[str]]] = {}


def _open_lists(pack: Pack) -> frozenset[str]:
    """The pack's list facts that a profile may state only in part (not marked ``complete`` in the pack); once per pack."""
    held = _OPEN.get(id(pack))
    if held is None or held[0] is not pack:
        held = _OPEN[id(pack)] = (pack, frozenset(f for f, d in pack.facts.items() if d.type in LISTS and not d.complete))
    return held[1]


def parse_date(text: str) -> dt.date | None:
    """A date written as a year, a year and month, or an ISO date (the last day they can mean).

    >>> parse_date("2025"), parse_date("2024-02"), parse_date("2023-05-01"), parse_date("May 2023")
    (datetime.date(2025, 12, 31), datetime.date(2024, 2, 29), datetime.date(2023, 5, 1), None)
    """
    m = DATE.match(text.strip())
    if not m:
        return None
    year, month, day = int(m[1]), int(m[2] or 12), m[3]
    if not dt.MINYEAR <= year <= dt.MAXYEAR or not 1 <= month <= 12:  # 0000 is no year
        return None
    try:
        return dt.date(year, month, int(day) if day is not None else _last_day(year, month))
    except ValueError:
        return None


def _last_day(year: int, month: int) -> int:
    """The last day of a month (``calendar.monthrange(year, month)[1]``, without importing calendar at every start)."""
    return 31 if month == 12 else (dt.date(year, month + 1, 1) - dt.timedelta(days=1)).day


def year_of(text: str | None) -> int | None:
    """The year a date or a period names (its last year: "2024-2026" is 2026).

    >>> year_of("2025-06-30"), year_of("2024-2026"), year_of(None)
    (2025, 2026, None)
    """
    if text is None:
        return None
    d = parse_date(text)
    if d is not None:
        return d.year
    years = re.findall(r"\d{4}", text)
    return int(years[-1]) if years else None


def _date_text(value: Any, path: Any, err: Any) -> str:
    text = str(value) if isinstance(value, (str, int, dt.date)) else ""
    if parse_date(text) is None:
        raise err(path, _("expected a date: a year (2025), a month (2025-06) or a day (2025-06-30)"))
    return text


def read_provenance(data: dict[str, Any], pack: Pack, facts: dict[str, Any], err: Any) -> dict[str, Any]:
    """The Profile fields ``as_of``, ``incomplete`` and ``sources`` from the profile's header keys."""
    as_of = _date_text(data["as_of"], ("as_of",), err) if data.get("as_of") is not None else None
    complete = data.get("complete") or []
    if not isinstance(complete, list) or not all(isinstance(f, str) for f in complete):
        raise err(("complete",), _("expected a list of the ids of the list facts that name every item"))
    lists = sorted(f for f, d in pack.facts.items() if d.type in LISTS) if complete else []  # only to check the complete ones
    for i, f in enumerate(complete):
        if f not in lists:
            raise err(("complete", i), _("'{name}' is not a list fact of this pack").format(name=f) + did_you_mean(f, lists))
    sources = []
    raw = data.get("sources") or {}
    if not isinstance(raw, dict):
        raise err(("sources",), _("expected a mapping of source id to title, url or document, as_of and facts"))
    for sid, src in raw.items():
        here = ("sources", sid)
        if not isinstance(src, dict) or not {"title", "url", "document"} & set(src):
            raise err(here, _("expected a source with a title, a url or a document"))
        for key in src:
            if key not in ("title", "url", "document", "as_of", "facts"):
                raise err(here + (key,), _("unknown field '{key}'").format(key=key) + did_you_mean(key, ["title", "url", "document", "as_of", "facts"]))
        cited = src.get("facts") or []
        if not isinstance(cited, list) or not all(isinstance(f, str) for f in cited):
            raise err(here + ("facts",), _("expected a list of fact ids"))
        for i, f in enumerate(cited):
            if f not in pack.facts:
                raise err(here + ("facts", i), _("unknown fact '{name}'").format(name=f) + did_you_mean(f, list(pack.facts)))
        text = {k: str(src[k]) if src.get(k) is not None else None for k in ("title", "url", "document")}
        sources.append(ProfileSource(id=str(sid), **text, as_of=_date_text(src["as_of"], here + ("as_of",), err) if src.get("as_of") is not None else None,
                                     facts=tuple(cited)))
    # an empty list says "none": a statement about the whole list, so it is complete
    incomplete = frozenset(f for f in _open_lists(pack).intersection(facts) if facts[f] and f not in complete)
    return {"as_of": as_of, "incomplete": incomplete, "sources": tuple(sources)}


def stale_facts(sources: Any, facts: dict[str, Any], assessed: dt.date | None, years: float | None,
                lasting: frozenset[str] = frozenset()) -> tuple[set[str], set[str]]:
    """(stale sources, stale facts): the sources dated more than ``years`` before ``assessed``, and the stated
    facts whose newest dated source is one of them while no undated or current source supports them, save
    those that do not age (``lasting``: the vocabulary's ``ages: false``, a founding commitment say).

    >>> old = [ProfileSource("r2015", title="Report", as_of="2015", facts=("a", "b", "c", "d"))]
    >>> undated, fresh = ProfileSource("site", url="https://x.org", facts=("b",)), ProfileSource("r2025", title="R", as_of="2025", facts=("c",))
    >>> stale_facts(old + [undated, fresh], dict.fromkeys("abcd", True), dt.date(2026, 6, 30), 5, frozenset({"d"}))
    ({'r2015'}, {'a'})
    """
    if years is None or assessed is None:
        return set(), set()
    try:
        limit = assessed - dt.timedelta(days=round(365.25 * years))
    except OverflowError:  # before the first day a date can be: nothing is that old
        limit = dt.date.min
    stale, supported, cited = set(), set(), set()
    for s in sources:
        d = parse_date(s.as_of) if s.as_of else None
        if d is not None and d < limit:
            stale.add(s.id)
            cited.update(s.facts)
        else:  # undated (a reference that does not date, a standing web page) or current: the fact stands on it
            supported.update(s.facts)
    return stale, {f for f in cited - supported - lasting if f in facts}
