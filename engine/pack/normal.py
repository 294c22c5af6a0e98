"""Conditions in normal form, with the position to blame when normalisation fails."""

from __future__ import annotations

from typing import Any

from engine.conditions import ConditionError, Conjunction, Match, Ref, to_dnf
from engine.errors import PackError
from engine.i18n import _
from engine.limits import exceeded
from engine.yamlio import Locations, Path_


def dnf_at(node: Any, locs: Locations, path: Path_) -> list[Conjunction]:
    try:
        return to_dnf(node)
    except ConditionError:
        raise locs.error(path, _("a text pattern (matches) cannot be negated"), PackError, code="L005") from None
    except ValueError:
        raise locs.error(path, exceeded("alternatives", _("alternatives of the condition")), PackError, code="L005") from None


def check_refs(dnf: list[Conjunction], bound: set[str], locs: Locations, path: Path_) -> None:
    """A reference must name a record matched earlier in the same alternative; negations take no 'contains' refs."""
    for conj in dnf:
        seen = set(bound)
        for lit in conj:
            if not isinstance(lit, Match):
                continue
            for t in lit.where:
                for ref in t.value if t.op == "contains" else (t.value,):
                    if isinstance(ref, Ref) and ref.alias not in seen:
                        raise locs.error(path, _("'{name}' is referenced where it is not matched (a reference must point to an earlier 'exists')").format(name=ref.alias), PackError, code="L005")
                if lit.negated and t.op == "contains":
                    raise locs.error(path, _("a negated match cannot test 'contains' with a reference; derive the records first"), PackError, code="L005")
            if not lit.negated:
                seen.add(lit.alias)
