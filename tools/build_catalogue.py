"""Regenerate engine/locale/<lang>/LC_MESSAGES/migov.mo from migov.po, and engine/locale/numbers.json (Babel).

numbers.json holds, for every language migov speaks, the number symbols and percent pattern Babel reads
from its locale data, so that formatting a number does not load that data (engine.i18n.format_number), and
the month names a date is written with (engine.render.wording.date_words).

Usage: python tools/build_catalogue.py   (tests check that the .mo matches the .po, and numbers.json Babel)

A file whose content would not change is left alone (Babel stamps each .mo build with the time, so the
bytes always differ): running this on a clean tree keeps it clean.
"""

import gettext
import io
import json
import sys
from pathlib import Path
from typing import Any

from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "engine" / "locale"


def number_symbols(langs: tuple[str, ...]) -> dict[str, dict[str, Any]]:
    """What Babel's format_decimal and format_percent read from the locale data of each language, and its month names."""
    out = {}
    for lang in langs:
        locale = Locale.parse(lang)
        pct = locale.percent_formats[None]
        symbols = locale.number_symbols["latn"]
        out[lang] = {"decimal": symbols["decimal"], "group": symbols["group"],
                     "percent": {"prefix": list(pct.prefix), "suffix": list(pct.suffix), "grouping": list(pct.grouping),
                                 "int": pct.int_prec[0], "frac": list(pct.frac_prec), "scale": pct.scale},
                     "months": [locale.months["format"]["wide"][i] for i in range(1, 13)]}
    return out


def numbers_json() -> str:
    sys.path.insert(0, str(ROOT))
    from engine.i18n import languages

    return json.dumps(number_symbols(languages()), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def messages(data: bytes) -> dict[object, str]:
    """The translations a .mo holds, its header without the build time (POT-Creation-Date)."""
    found = dict(gettext.GNUTranslations(io.BytesIO(data))._catalog)  # type: ignore[attr-defined]
    found[""] = "\n".join(line for line in found.get("", "").splitlines() if not line.startswith("POT-Creation-Date"))
    return found


def main() -> None:
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
    numbers = LOCALE / "numbers.json"
    text = numbers_json()
    if numbers.is_file() and numbers.read_text(encoding="utf-8") == text:
        print(f"unchanged {numbers}")
    else:
        numbers.write_text(text, encoding="utf-8")
        print(f"wrote {numbers}")


if __name__ == "__main__":
    main()
