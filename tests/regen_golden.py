"""Regenerate the golden JSON of the bundled profiles, in every language migov has: python -m tests.regen_golden"""

from tests.helpers import PROFILES, ROOT, run_cli

if __name__ == "__main__":
    for p in PROFILES:
        for lang in ("en", "fr", "es"):
            out = run_cli("assess", str(p), "--format", "json", "--lang", lang).stdout
            (ROOT / "tests" / "golden" / f"{p.stem}.{lang}.json").write_text(out, encoding="utf-8")
            print("wrote", p.stem, lang)
