"""Regenerate schemas/assessment.schema.json from the assessment model (engine/assessment.py).

Usage: python tools/assessment_schema.py   (tests check that the committed schema is current)
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from engine.assessment import json_schema

path = ROOT / "schemas" / "assessment.schema.json"
path.write_text(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
print(f"wrote {path}")
