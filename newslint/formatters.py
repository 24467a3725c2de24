"""Pure functions from findings to text. The CLI picks one and writes the result."""
from __future__ import annotations

import enum
import json
from typing import Callable, Mapping, Sequence

from newslint.finding import Finding, Severity


class OutputFormat(enum.Enum):
    TEXT = "text"
    JSON = "json"


_COLOURS = {Severity.ERROR: "\x1b[31m", Severity.WARNING: "\x1b[33m", Severity.SUGGESTION: "\x1b[36m"}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


def _source_lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _marker(line: str, column: int, width: int) -> str:
    pad = "".join("\t" if ch == "\t" else " " for ch in line[:column - 1])
    return pad + "^" * max(1, width)


def render_text(findings: Sequence[Finding], sources: Mapping[str, str], *, colour: bool = False,
                files: int = 0) -> str:
    """`path:line:col: severity rule message`, the source line with the span marked, and a summary."""
    out: list[str] = []
    cache: dict[str, list[str]] = {}
    for f in findings:
        sev = f.severity.label
        head = f"{f.path}:{f.line}:{f.column}: {sev} {f.rule} {f.message}"
        if colour:
            head = f"{_BOLD}{f.path}:{f.line}:{f.column}:{_RESET} {_COLOURS[f.severity]}{sev}{_RESET} " \
                   f"{_DIM}{f.rule}{_RESET} {f.message}"
        out.append(head)
        if f.path in sources:
            lines = cache.setdefault(f.path, _source_lines(sources[f.path]))
            if f.line - 1 < len(lines):
                line = lines[f.line - 1]
                width = (f.end_column if f.end_line == f.line else len(line) + 1) - f.column
                mark = _marker(line, f.column, width)
                out.append("    " + line)
                out.append("    " + (f"{_COLOURS[f.severity]}{mark}{_RESET}" if colour else mark))
        if f.suggestions:
            out.append("    suggestion: " + " | ".join(f.suggestions))
    counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
    parts = [f"{counts[s]} {s.label}{'s' if counts[s] != 1 else ''}" for s in reversed(Severity)]
    noun = "file" if files == 1 else "files"
    out.append(f"{len(findings)} finding{'s' if len(findings) != 1 else ''} in {files} {noun} ({', '.join(parts)})")
    return "\n".join(out) + "\n"


def render_json(findings: Sequence[Finding], sources: Mapping[str, str], *, colour: bool = False,
                files: int = 0) -> str:
    return json.dumps({"version": 1, "findings": [f.to_dict() for f in findings]}, ensure_ascii=False, indent=1) + "\n"


RENDERERS: dict[OutputFormat, Callable[..., str]] = {
    OutputFormat.TEXT: render_text,
    OutputFormat.JSON: render_json,
}
