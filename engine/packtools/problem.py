"""One problem ``migov rules lint`` reports: file, line, column, code, severity, field and message."""

from __future__ import annotations

from engine.records import record


@record(frozen=True)
class Problem:
    file: str
    line: int
    col: int
    code: str
    severity: str
    field: str | None
    message: str

    def __str__(self) -> str:
        field = f"{self.field}: " if self.field else ""
        return f"{self.file}:{self.line}:{self.col}: {self.code} {field}{self.message}"
