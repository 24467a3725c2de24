"""Stable finding fingerprints: rule, flagged text, nearby words and occurrence, never line numbers."""
from __future__ import annotations

import hashlib
from collections import Counter
from typing import Mapping, Sequence

from newslint.finding import Finding
from newslint.positions import line_starts, offset_of

CONTEXT = 40  # code points either side of the flagged text, within the same line


def _squash(text: str) -> str:
    return " ".join(text.split()).casefold()


def context(finding: Finding, text: str, starts: list[int] | None = None) -> str:
    """The words around a finding on its own line(s), whitespace collapsed."""
    table = starts if starts is not None else line_starts(text)
    start = offset_of(text, finding.line, finding.column, table)
    end = offset_of(text, finding.end_line, finding.end_column, table)
    line_start = table[min(finding.line, len(table)) - 1]
    line_end = table[finding.end_line] if finding.end_line < len(table) else len(text)
    return _squash(text[max(line_start, start - CONTEXT):start]) + "\x00" + _squash(text[end:min(line_end, end + CONTEXT)])


def fingerprints(findings: Sequence[Finding], sources: Mapping[str, str]) -> list[str]:
    """One fingerprint per finding, in order; repeats of the same text in the same context are numbered."""
    seen: Counter[tuple[str, str]] = Counter()
    tables: dict[str, list[int]] = {}
    out = []
    for f in findings:
        text = sources.get(f.path)
        if text is not None and f.path not in tables:
            tables[f.path] = line_starts(text)
        ctx = context(f, text, tables[f.path]) if text is not None else ""
        base = "\x1f".join((f.rule, _squash(f.text), ctx))
        seen[(f.path, base)] += 1
        digest = hashlib.sha256(f"{base}\x1f{seen[(f.path, base)]}".encode("utf-8")).hexdigest()
        out.append(digest[:32])
    return out
