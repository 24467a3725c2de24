"""Safe fixes: apply the first suggestion of findings from `safe: true` substitution rules."""
from __future__ import annotations

import difflib
from typing import Collection, NamedTuple, Sequence

from newslint.finding import Finding
from newslint.document.positions import line_starts, offset_of


class Edit(NamedTuple):
    start: int
    end: int
    replacement: str
    rule: str


def edits(text: str, findings: Sequence[Finding], safe_rules: Collection[str]) -> list[Edit]:
    """Edits for fixable findings, in order; an edit overlapping an earlier one is skipped."""
    starts = line_starts(text)
    out: list[Edit] = []
    candidates = sorted(
        (offset_of(text, f.line, f.column, starts), offset_of(text, f.end_line, f.end_column, starts), f)
        for f in findings if f.rule in safe_rules and f.suggestions
    )
    last_end = -1
    for start, end, f in candidates:
        if start < last_end or start >= end:
            continue
        if text[start:end] == f.suggestions[0]:
            continue
        out.append(Edit(start, end, f.suggestions[0], f.rule))
        last_end = end
    return out


def apply(text: str, changes: Sequence[Edit]) -> str:
    pieces, pos = [], 0
    for e in changes:
        pieces += [text[pos:e.start], e.replacement]
        pos = e.end
    pieces.append(text[pos:])
    return "".join(pieces)


def diff(path: str, before: str, after: str) -> str:
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                 fromfile=f"a/{path}", tofile=f"b/{path}")
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n" for line in lines)
