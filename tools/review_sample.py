"""The fixed sample a French or Spanish reviewer reads to count errors per 1,000 words (docs/packs/french-review-checklist.md,
"Measured"): the first lines of each kind of output, in a fixed order, up to a word budget per kind.

Usage: python tools/review_sample.py LANG [OUT]   (from the repository's root; prints the sample, or writes it to OUT,
with a heading per kind and the word count of each; the outputs are those tests/test_french_output.py checks, plus the
compare and the batch dashboard)
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.test_french_output import make_outputs, run, visible  # the same outputs as the CI check

BUDGET = {"text": 900, "md": 700, "html": 450, "compare": 300, "dashboard": 200, "rulebook": 500, "explain": 350,
          "questionnaire": 300, "help": 250, "errors": 300}


def kind_of(name: str) -> str | None:
    if name.startswith("assess "):
        return name.rsplit(" ", 1)[1]
    if name.startswith("rules docs ") and name.endswith(" md"):
        return "rulebook"
    return ("help" if name.endswith("--help") else "explain" if name.startswith("explain ") else
            "questionnaire" if name.startswith("self-assess ") else "errors" if name.startswith("error") else None)


def sample(lang: str) -> list[tuple[str, list[str], int]]:
    with tempfile.TemporaryDirectory() as tmp:
        found = make_outputs(lang, Path(tmp))
        before, after = (ROOT / "profiles" / f"examplia-country{x}.yaml" for x in ("-2025", ""))
        run("compare", str(before), str(after), "--lang", lang, "-o", str(Path(tmp) / "c.md"), lang=lang)
        found["compare"] = (Path(tmp) / "c.md").read_text(encoding="utf-8")
        run("batch", str(ROOT / "profiles"), "-o", str(Path(tmp) / "b"), "--lang", lang, "--jobs", "1", "--formats", "none", lang=lang)
        found["dashboard"] = visible((Path(tmp) / "b" / "index.html").read_text(encoding="utf-8"))
    kinds: dict[str, list[str]] = {}
    for name in sorted(found, key=lambda n: (n not in ("compare", "dashboard"), n)):
        kind = name if name in ("compare", "dashboard") else kind_of(name)
        if kind is not None:
            kinds.setdefault(kind, []).extend(line for line in found[name].splitlines() if line.strip())
    out = []
    for kind, budget in BUDGET.items():
        taken, words = [], 0
        for line in kinds.get(kind, []):
            if words >= budget:
                break
            taken.append(line)
            words += len(re.findall(r"\w+", line))
        out.append((kind, taken, words))
    return out


def main() -> None:
    lang = sys.argv[1]
    parts = sample(lang)
    text = "".join(f"\n## {kind} ({words} words)\n\n" + "\n".join(lines) + "\n" for kind, lines, words in parts)
    text += f"\ntotal: {sum(w for _, _, w in parts)} words\n"
    if len(sys.argv) > 2:
        Path(sys.argv[2]).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
