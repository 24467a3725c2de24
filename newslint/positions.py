"""Line starts and offsets for text with LF, CRLF or CR line ends (the same rules as Document), and
the offsets of a string in a text."""
from __future__ import annotations

from newslint import recache

_EOL = recache.compile(r"\r\n|\r|\n")


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
