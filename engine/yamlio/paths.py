"""Paths into a loaded document, and the invisible characters no key or id may hold: what the readers share (no parser here)."""

from __future__ import annotations

Path_ = tuple[str | int, ...]


def dotted(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def nfc(text: str) -> str:
    """``text`` in Unicode's composed form (NFC: é typed either way is one id); ASCII as it is, without unicodedata."""
    if text.isascii():
        return text
    import unicodedata  # characters past ASCII: only for a text that has some

    return unicodedata.normalize("NFC", text)


def invisible(text: str) -> str | None:
    """The first character of ``text`` that cannot be seen (U+200B, a control character…), as U+XXXX, or None: an id or
    key holding one looks like another and is not."""
    if text.isascii() and text.isprintable():
        return None  # the common case: no ASCII character is invisible but the control ones
    import unicodedata  # the categories of characters past ASCII: only for a text that has some

    for ch in text:
        if unicodedata.category(ch) in ("Cf", "Cc", "Zl", "Zp", "Co", "Cs", "Cn") or ch in "\u115f\u1160\u3164\uffa0":
            return f"U+{ord(ch):04X}"
    return None
