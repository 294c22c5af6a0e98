"""The JSON assessment (DESIGN contract): deterministic, UTF-8, stable key order."""

from __future__ import annotations

from engine.assessment import Assessment


def render(assessment: Assessment) -> str:
    return assessment.to_json()
