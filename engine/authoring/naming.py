"""A profile's id made from its name, the same way everywhere (``init``, ``template``, a workbook, ``self-assess``).

Two profiles with different names then get different ids, so that ``migov batch`` keeps them apart:
``Republic of Alpha`` -> ``republic-of-alpha``, ``République d’Examplia`` -> ``republique-d-examplia``.
"""

from __future__ import annotations

import re
import unicodedata
import zlib

# Letters that Unicode does not decompose into an ASCII letter and a mark
_LETTERS = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d",
                          "ł": "l", "Ł": "l", "þ": "th", "Þ": "th", "ð": "d", "Ð": "d", "ı": "i"})

MAX_LENGTH = 60


def slug(text: str) -> str:
    """Lowercase ASCII letters, digits and dashes, accents folded; empty when the text has none of them."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", text.translate(_LETTERS)) if not unicodedata.combining(c))
    words = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    return words[:MAX_LENGTH].rstrip("-")


def default_id(kind: str | None) -> str:
    """The id a profile gets while it has no name (``my-country``): replaced by one from the name when read."""
    return f"my-{kind or 'profile'}"


def profile_id(name: str | None, kind: str | None) -> str:
    """The id for a profile called ``name``; a name with no ASCII letter or digit (``中国``) gets the kind
    and a short checksum of the name (``country-1a2b3c4d``), so that two such names still differ."""
    name = (name or "").strip()
    if not name:
        return default_id(kind)
    return slug(name) or f"{kind or 'profile'}-{zlib.crc32(name.encode('utf-8')):08x}"


def is_placeholder(value: object, kinds: tuple[str, ...] | list[str]) -> bool:
    """Whether an id is empty or one a template wrote before the name was known (``my-<kind>``)."""
    text = "" if value is None else str(value).strip()
    return not text or text in {default_id(k) for k in (*kinds, None)}
