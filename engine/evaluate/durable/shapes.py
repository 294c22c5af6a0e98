"""The shape of durable_rules rule bodies, as the compiler reads them: the fact types a rule matches, the anchor
properties it tests, which negated types must be asserted before which positive ones, and an order that honours them."""

from __future__ import annotations

from typing import Any


def retyped(body: Any, t: str, anchor: str) -> Any:
    """A rule's body with its patterns on type ``anchor`` on type ``t``."""
    if isinstance(body, dict):
        return {k: (t if k == "t" and v == anchor else retyped(v, t, anchor)) for k, v in body.items()}
    if isinstance(body, list):
        return [retyped(x, t, anchor) for x in body]
    return body


def types(body: dict[str, Any]) -> list[str]:
    out = []
    for pattern in body["all"]:
        ((_, cond),) = pattern.items()
        first = cond["$and"][0] if "$and" in cond else cond
        out.append(first["t"])
    return out


def props(cond: Any) -> set[str]:
    """The properties an anchor pattern tests (every key but operators and the type; more is harmless)."""
    if isinstance(cond, dict):
        return {k for k in cond if not k.startswith("$") and k != "t"}.union(*(props(v) for v in cond.values()))
    if isinstance(cond, list):
        return set().union(*(props(v) for v in cond))
    return set()


def edges(body: dict[str, Any]) -> dict[str, set[str]]:
    """negated type -> positive types it must precede."""
    neg: set[str] = set()
    pos: set[str] = set()
    for pattern in body["all"]:
        ((name, cond),) = pattern.items()
        t = (cond["$and"][0] if "$and" in cond else cond)["t"]
        (neg if name.endswith("$not") else pos).add(t)
    return {n: pos - {n} for n in neg}


def topo(graph: dict[str, set[str]]) -> list[str] | None:
    nodes = sorted(set(graph) | {b for bs in graph.values() for b in bs})
    indeg = {n: 0 for n in nodes}
    for targets in graph.values():
        for b in targets:
            indeg[b] += 1
    ready = sorted(n for n in nodes if indeg[n] == 0)
    out = []
    while ready:
        n = ready.pop(0)
        out.append(n)
        for b in sorted(graph.get(n, ())):
            indeg[b] -= 1
            if indeg[b] == 0:
                ready.append(b)
        ready.sort()
    return out if len(out) == len(nodes) else None
