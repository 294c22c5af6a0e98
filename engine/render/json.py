"""The JSON assessment (DESIGN contract): deterministic, UTF-8, stable key order."""

from __future__ import annotations

import json
from typing import Any


def render(assessment: dict[str, Any]) -> str:
    return json.dumps(assessment, ensure_ascii=False, indent=2) + "\n"
