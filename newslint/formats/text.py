"""Text: findings grouped by file, the source line (on a long line, a window around the span) with
the span marked, a summary with counts."""
from __future__ import annotations

import re
import unicodedata
from typing import Any, Mapping, Sequence

from newslint import formats
from newslint.finding import Finding, Severity
from newslint.formats import Report, RuleInfo

_COLOURS = {Severity.ERROR: "\x1b[31m", Severity.WARNING: "\x1b[33m", Severity.SUGGESTION: "\x1b[36m"}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")  # every control character but the tab


def _source_lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


CONTEXT = 30  # characters shown on each side of a span on a long line
LONG = 100  # a line longer than this is shown as a window around the span
SPAN = 60  # the most of a span shown


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return chr(0x2400 + code) if code < 0x20 else "\u2421" if code == 0x7F else "\ufffd"


def shown(line: str) -> str:
    """A source line as it is printed: a control character (an escape sequence in the copy) becomes
    its symbol (\u241b for ESC), one character for one, so it never reaches the terminal."""
    return _CONTROL.sub(_visible, line)


def _cells(ch: str) -> str:
    """The blank that stands under `ch` on a terminal: a tab, two cells for a wide character (emoji,
    CJK), none for a combining mark or a format character, else one."""
    if ch == "\t":
        return "\t"
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return ""
    return "  " if unicodedata.east_asian_width(ch) in ("W", "F") else " "


def _marker(line: str, column: int, width: int) -> str:
    """The mark under line[column - 1:column - 1 + width], lined up by terminal cells."""
    span = "".join(_cells(c) for c in line[column - 1:column - 1 + width]).replace("\t", " ")
    return "".join(_cells(c) for c in line[:column - 1]) + "^" * max(1, len(span))


def window(line: str, column: int, width: int) -> tuple[str, int, int]:
    """The part of a long line to show around a span: (text, its span's column, its width). Cuts
    fall between words where one is near, and are marked with an ellipsis."""
    if len(line) <= LONG:
        return line, column, width
    start, end = column - 1, column - 1 + width
    shown = min(end, start + SPAN)
    left = max(0, start - CONTEXT)
    right = min(len(line), shown + CONTEXT)
    if left > 0:
        space = line.find(" ", left, start)
        left = space + 1 if space >= 0 else left
    if right < len(line):
        space = line.rfind(" ", shown, right)
        right = space if space > shown else right
    head = "…" if left > 0 else ""
    tail = "…" if right < len(line) or shown < end else ""
    if shown < end:  # the span itself is cut: show its start
        right = shown
    return head + line[left:right] + tail, start - left + len(head) + 1, shown - start


def _finding(f: Finding, lines: list[str] | None, colour: bool) -> list[str]:
    sev = f.severity.label
    head = f"{f.path}:{f.line}:{f.column}: {sev} {f.rule} {f.message}"
    if colour:
        head = f"{_BOLD}{f.path}:{f.line}:{f.column}:{_RESET} {_COLOURS[f.severity]}{sev}{_RESET} " \
               f"{_DIM}{f.rule}{_RESET} {f.message}"
    out = [head]
    if lines is not None and f.line - 1 < len(lines):
        line = lines[f.line - 1]
        width = (f.end_column if f.end_line == f.line else len(line) + 1) - f.column
        line, column, width = window(shown(line), f.column, width)
        mark = _marker(line, column, width)
        out.append("    " + line)
        out.append("    " + (f"{_COLOURS[f.severity]}{mark}{_RESET}" if colour else mark))
    if f.suggestions:
        out.append("    suggestion: " + " | ".join(f.suggestions))
    return out


def summary(report: Report | formats.Writer) -> str:
    """`N findings in M files (errors, warnings, suggestions)`."""
    if isinstance(report, formats.Writer):
        counts, files = report.counts, report.files
    else:
        counts = {s: sum(1 for f in report.findings if f.severity is s) for s in Severity}
        files = report.files
    total = sum(counts.values())
    parts = [f"{counts[s]} {s.label}{'s' if counts[s] != 1 else ''}" for s in reversed(Severity)]
    noun = "file" if files == 1 else "files"
    line = f"{total} finding{'s' if total != 1 else ''} in {files} {noun} ({', '.join(parts)})"
    skipped = getattr(report, "skipped", None)
    if skipped:
        count = sum(skipped.values())
        line += f"; {count} file{'s' if count != 1 else ''} skipped (" + \
            ", ".join(f"{n} {reason}" for reason, n in sorted(skipped.items())) + ")"
    return line


class Writer(formats.Writer):
    """Per file: `path:line:col: severity rule message`, the line, a marker; a blank line between files."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.last: str | None = None  # the path of the last file with findings

    def file(self, path: str, text: str | None, findings: Sequence[Finding]) -> None:
        super().file(path, text, findings)
        if not findings:
            return
        out = [""] if self.last is not None and path != self.last else []
        lines = _source_lines(text) if text is not None else None
        for f in findings:
            out.extend(_finding(f, lines, self.colour))
        self.write("".join(line + "\n" for line in out))
        self.last = path

    def close(self, rules: Mapping[str, RuleInfo]) -> None:
        if self.quiet:
            return
        self.write(("\n" if self.last is not None else "") + summary(self) + "\n")
