"""The JSON assessment (DESIGN contract): deterministic, UTF-8, stable key order."""

from __future__ import annotations

import json
from typing import Any

from engine.assessment import Assessment


def render(assessment: Assessment) -> str:
    return assessment.to_json()


def render_data(data: Any) -> str:
    """The JSON of an assessment's data (``Assessment.to_data()``), byte for byte what :func:`render` writes."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
