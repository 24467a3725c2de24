"""An open buffer's text, and positions in the client's units.

newslint counts code points; an LSP position counts the code units of the encoding agreed at
initialization (UTF-16 unless the client offers UTF-8 or UTF-32). Lines end at LF, CRLF or CR, as
in the protocol and in newslint, and at nothing else (not at the other characters that Python's
`str.splitlines` splits on). A leading byte-order mark is a character of the buffer here, though
newslint's columns do not count it.
"""
from __future__ import annotations

import bisect
from typing import Callable, NamedTuple

from newslint.document.positions import line_starts

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


def _units_utf16(s: str) -> int:
    return len(s) if s.isascii() else len(s) + sum(1 for ch in s if ord(ch) > 0xFFFF)


def _units_utf8(s: str) -> int:
    return len(s) if s.isascii() else len(s.encode("utf-8", "surrogatepass"))


_UNITS: dict[str, Callable[[str], int]] = {UTF8: _units_utf8, UTF16: _units_utf16, UTF32: len}


class Position(NamedTuple):
    """A 0-based line and a character offset in the client's code units."""

    line: int
    character: int


class Buffer:
    """The text of one open document, kept in step with the client's edits."""

    def __init__(self, text: str, version: int | None = None, encoding: str = UTF16) -> None:
        self.encoding = encoding if encoding in _UNITS else UTF16
        self._units = _UNITS[self.encoding]
        self.version = version
        self.text = ""
        self.starts: list[int] = [0]
        self.replace(text, version)

    def replace(self, text: str, version: int | None = None) -> None:
        self.text = text
        self.starts = line_starts(text)
        self.version = version

    def _line_end(self, line: int) -> int:
        """The offset where `line`'s text ends (before its line break)."""
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
        while end > self.starts[line] and self.text[end - 1] in "\r\n":
            end -= 1
        return end

    def offset(self, position: Position) -> int:
        """The code-point offset of a client position; a position past a line's end is its end,
        one past the last line is the end of the text."""
        if position.line >= len(self.starts):
            return len(self.text)
        start = self.starts[max(0, position.line)]
        end = self._line_end(max(0, position.line))
        want = max(0, position.character)
        if self.encoding == UTF32 or self.text[start:end].isascii():
            return min(start + want, end)
        units = 0
        for i in range(start, end):
            if units >= want:
                return i
            units += self._units(self.text[i])
        return end

    def position(self, offset: int) -> Position:
        """The client position of a code-point offset."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        return Position(line, self._units(self.text[self.starts[line]:offset]))

    def line_text(self, line: int) -> str:
        return self.text[self.starts[line]:self._line_end(line)] if 0 <= line < len(self.starts) else ""

    def edit(self, start: Position, end: Position, new_text: str, version: int | None = None) -> None:
        """Apply one incremental change from the client."""
        a, b = self.offset(start), self.offset(end)
        if b < a:
            a, b = b, a
        self.replace(self.text[:a] + new_text + self.text[b:], version)
