"""GitHub Actions workflow commands: one `::warning file=...::message` line per finding."""
from __future__ import annotations

from typing import Sequence

from newslint import formats
from newslint.finding import Finding, Severity

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.SUGGESTION: "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def line(f: Finding) -> str:
    props = {"file": f.path, "line": f.line, "col": f.column, "endLine": f.end_line,
             "endColumn": f.end_column, "title": f"newslint {f.rule}"}
    head = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items())
    message = f.message + (f" (suggestion: {' | '.join(f.suggestions)})" if f.suggestions else "")
    return f"::{LEVELS[f.severity]} {head}::{escape_data(message)}\n"


class Writer(formats.Writer):
    def file(self, path: str, text: str | None, findings: Sequence[Finding]) -> None:
        super().file(path, text, findings)
        if findings:
            self.write("".join(line(f) for f in findings))
