"""Regenerate engine/locale/fr/LC_MESSAGES/migov.mo from migov.po (Babel).

Usage: python tools/build_catalogue.py   (tests check that the .mo matches the .po)
"""

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parents[1] / "engine" / "locale"

for po in sorted(LOCALE.glob("*/LC_MESSAGES/migov.po")):
    with po.open("rb") as fh:
        catalog = read_po(fh)
    with po.with_suffix(".mo").open("wb") as fh:
        write_mo(fh, catalog, use_fuzzy=False)
    print(f"compiled {po.with_suffix('.mo')}")
