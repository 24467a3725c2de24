"""Stable finding fingerprints: rule, flagged text, nearby words and occurrence, never line numbers."""
from __future__ import annotations

import hashlib
from collections import Counter
from typing import Container, Sequence

from newslint.finding import Finding
from newslint.document.positions import line_starts

CONTEXT = 40  # code points either side of the flagged text, within the same line


def _squash(text: str) -> str:
    return " ".join(text.split()).casefold()


def context(finding: Finding, text: str, starts: list[int] | None = None) -> str:
    """The words around a finding on its own line(s), whitespace collapsed."""
    table = starts if starts is not None else line_starts(text)
    start, end = finding.start, finding.end
    line_start = table[min(finding.line, len(table)) - 1]
    line_end = table[finding.end_line] if finding.end_line < len(table) else len(text)
    return _squash(text[max(line_start, start - CONTEXT):start]) + "\x00" + _squash(text[end:min(line_end, end + CONTEXT)])


class Fingerprints:
    """Fingerprints file by file, as files are linted: only the text of the file at hand is needed.

    A path's occurrence counts are kept after its file for the paths in `repeated` (files given more
    than once), or for every path when `repeated` is None.
    """

    def __init__(self, repeated: Container[str] | None = None) -> None:
        self.repeated = repeated
        self.seen: dict[str, Counter[str]] = {}
        self.current: str | None = None

    def of(self, findings: Sequence[Finding], text: str | None) -> list[str]:
        """The fingerprints of one file's findings, in order; `text` is that file's text."""
        table = line_starts(text) if text is not None and findings else None
        out = []
        for f in findings:
            if f.path != self.current:
                if self.current is not None and self.repeated is not None and self.current not in self.repeated:
                    self.seen.pop(self.current, None)
                self.current = f.path
            ctx = context(f, text, table) if text is not None else ""
            base = "\x1f".join((f.rule, _squash(f.text), ctx))
            seen = self.seen.setdefault(f.path, Counter())
            seen[base] += 1
            digest = hashlib.sha256(f"{base}\x1f{seen[base]}".encode("utf-8")).hexdigest()
            out.append(digest[:32])
        return out
