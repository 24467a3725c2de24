"""Line starts and offsets for text with LF, CRLF or CR line ends (the same rules as Document); the
offsets of a string in a text; the lower-cased text that keeps every offset, for searches; spans merged,
whether one lies within any of some spans, and their union asked by bisection."""
from __future__ import annotations

import bisect
import functools
from typing import Iterable, Sequence

from newslint.cache import programs

_EOL = programs.compile(r"\r\n|\r|\n")


def line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in _EOL.finditer(text))]


def offset_of(text: str, line: int, column: int, starts: list[int] | None = None) -> int:
    """The code-point offset of a 1-based (line, column); clamped to the text."""
    table = starts if starts is not None else line_starts(text)
    if line - 1 >= len(table):
        return len(text)
    return min(len(text), table[max(0, line - 1)] + max(0, column - 1))


def occurrences(text: str, sub: str, start: int = 0, end: int | None = None) -> list[int]:
    """Every offset where `sub` stands in `text[start:end]`, overlapping ones included."""
    stop = len(text) if end is None else end
    out = []
    i = text.find(sub, start, stop)
    while i >= 0:
        out.append(i)
        i = text.find(sub, i + 1, stop)
    return out


# The characters that a case-insensitive search matches with an ASCII letter although their lower
# case is no ASCII letter (İ ı ſ K); lower-casing keeps every other character's length and class.
_FOLD_HAZARDS = "\u0130\u0131\u017f\u212a"


@functools.lru_cache(maxsize=4)
def fold(text: str) -> str | None:
    """`text` lower-cased, when a case-sensitive search for a lower-case ASCII pattern in it finds
    just what a case-insensitive search finds in `text` (and at the same offsets); else None.

    A case-sensitive search is several times faster. The last few texts are kept with their folds: the
    language check, the prefilter, the quotations and the steps after the rules fold a document's prose
    in turn, and it is lower-cased once.
    """
    if not text.isascii() and any(ch in text for ch in _FOLD_HAZARDS):
        return None
    return text.lower()


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """`spans` sorted, with those that overlap or touch joined into one."""
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def within(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Does `start`..`end` lie inside one of `spans` (a finding inside a quotation, a clause, a term)?"""
    return any(a <= start and end <= b for a, b in spans)


class Covered:
    """The union of some spans, asked by bisection whether it holds an offset."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        merged = merge_spans(spans)
        self.starts = [a for a, _ in merged]
        self.ends = [b for _, b in merged]

    def holds(self, offset: int) -> bool:
        i = bisect.bisect_right(self.starts, offset) - 1
        return i >= 0 and offset < self.ends[i]
