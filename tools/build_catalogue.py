"""Regenerate engine/locale/<lang>/LC_MESSAGES/migov.mo from migov.po (Babel).

Usage: python tools/build_catalogue.py   (tests check that the .mo matches the .po)

A .mo whose messages would not change is left alone (Babel stamps each build with the time, so the
bytes always differ): running this on a clean tree keeps it clean.
"""

import gettext
import io
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parents[1] / "engine" / "locale"


def messages(data: bytes) -> dict[object, str]:
    """The translations a .mo holds, its header without the build time (POT-Creation-Date)."""
    found = dict(gettext.GNUTranslations(io.BytesIO(data))._catalog)  # type: ignore[attr-defined]
    found[""] = "\n".join(line for line in found.get("", "").splitlines() if not line.startswith("POT-Creation-Date"))
    return found


for po in sorted(LOCALE.glob("*/LC_MESSAGES/migov.po")):
    with po.open("rb") as fh:
        catalog = read_po(fh)
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    mo = po.with_suffix(".mo")
    if mo.is_file() and messages(mo.read_bytes()) == messages(buf.getvalue()):
        print(f"unchanged {mo}")
        continue
    mo.write_bytes(buf.getvalue())
    print(f"compiled {mo}")
