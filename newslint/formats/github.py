"""GitHub Actions workflow commands: one `::warning file=...::message` line per finding."""
from __future__ import annotations

from newslint.finding import Severity
from newslint.formats import Report

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.SUGGESTION: "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def render(report: Report) -> str:
    out = []
    for f in report.findings:
        props = {"file": f.path, "line": f.line, "col": f.column, "endLine": f.end_line,
                 "endColumn": f.end_column, "title": f"newslint {f.rule}"}
        head = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items())
        message = f.message + (f" (suggestion: {' | '.join(f.suggestions)})" if f.suggestions else "")
        out.append(f"::{LEVELS[f.severity]} {head}::{escape_data(message)}")
    return "".join(line + "\n" for line in out)
