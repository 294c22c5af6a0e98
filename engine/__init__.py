"""migov: rule-based assessment of migration-governance partnerships.

The flow reads top to bottom in this package:
loading -> conditions (normal form) -> compile/adapter or reference -> evaluate -> score -> render.
"""

__version__ = "0.1.0"
