"""The results table of docs/packs/idm2018.md ("Calibration"), printed again after the pack changes:
python3 -m tests.calibration.table

A bold figure is a score the pack gives (with its band where the unknowns cannot change it); otherwise the range
the unknowns allow; n/a where no criterion applies.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from engine.authoring.intake import assessed
from engine.pack.loading import load_pack
from engine.pack.profiles import load_profile

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "profiles" / "calibration"
ORDER = ["rabat-process", "khartoum-process", "prague-process", "bali-process", "colombo-process", "midsa", "midwa",
         "regional-conference-on-migration", "five-plus-five-dialogue", "gfmd", "germany", "morocco", "ghana", "canada"]
PREFIX = {"inter_state_cooperation": "ISC", "multidisciplinarity": "MD", "non_state_participation": "NSP",
          "rights_protection": "RP", "vulnerable_migrants": "VM", "development_contribution": "DC",
          "shared_responsibility": "SR", "data_cooperation": "DATA", "migration_governance": "GOV",
          "multilevel_partnerships": "ML"}


def _figure(x: float) -> str:
    return f"{x:.1f}".removesuffix(".0")


def cell(d: dict[str, Any], bands: dict[str, str]) -> str:
    c = d["counts"]
    if not c["met"] + c["gap"] + c["unknown"]:
        return "n/a"
    if d["score"] is not None:
        return f"**{_figure(d['score'])}**" + (f" {bands[d['rating']]}" if d["rating"] else "")
    return f"{_figure(d['worst_case'])}–{_figure(d['best_case'])}"


def rows() -> list[str]:
    pack = load_pack(str(ROOT / "rules" / "idm2018"))
    bands = {r.id: r.title["en"] for r in pack.header.ratings}
    cases = ORDER + sorted({p.stem for p in FOLDER.glob("*.yaml")} - set(ORDER))
    out = ["| Case | " + " | ".join(PREFIX.values()) + " |", "|---|" + "---|" * len(PREFIX)]
    for case in cases:
        a = json.loads(assessed(pack, load_profile(FOLDER / f"{case}.yaml", pack), "en").to_json())
        dims = {d["id"]: d for d in a["dimensions"]}
        out.append(f"| `{case}` | " + " | ".join(cell(dims[k], bands) for k in PREFIX) + " |")
    return out


if __name__ == "__main__":
    print("\n".join(rows()))
