"""Find the headline and dek fields of YAML (`---`) or TOML (`+++`) front matter, at their offsets.

Only the value's own characters are prose: the key, the quotes around a value, escapes and the
indentation of a block scalar are not. Top-level keys are read (`title: ...`, `title = "..."`);
plain, quoted and block (`|`, `>`) YAML values and basic, literal and multi-line TOML strings.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from newslint.cache import programs

HEADLINE_FIELDS = ("title",)
DEK_FIELDS = ("description", "subtitle", "summary")

_OPEN = programs.compile(r"\A(---|\+\+\+)[ \t]*\r?\n")
_YAML_KEY = programs.compile(r"([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+|(?=\r?\n|\Z))")
_TOML_KEY = programs.compile(r"([A-Za-z_][\w-]*)[ \t]*=[ \t]*")
_BLOCK_HEADER = programs.compile(r"[|>][+-]?[1-9]?[+-]?[ \t]*(?:#.*)?$")


class Field(NamedTuple):
    """One front matter value: `headline` tells a headline field from a dek; `spans` are its prose."""

    name: str
    headline: bool
    spans: tuple[tuple[int, int], ...]

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]


def fields(text: str, headline: Sequence[str] = HEADLINE_FIELDS, dek: Sequence[str] = DEK_FIELDS) -> list[Field]:
    """The headline and dek fields of `text`'s front matter, in the order they are written."""
    m = _OPEN.match(text)
    if m is None:
        return []
    toml = m.group(1) == "+++"
    closer = programs.compile(r"^(?:\+\+\+|---|\.\.\.)[ \t]*\r?$" if not toml else r"^\+\+\+[ \t]*\r?$", re.MULTILINE)
    end = closer.search(text, m.end())
    if end is None:
        return []
    wanted = {name: True for name in headline}
    wanted.update({name: False for name in dek if name not in wanted})
    out: list[Field] = []
    lines = _lines(text, m.end(), end.start())
    i = 0
    while i < len(lines):
        start, stop = lines[i]
        if toml and text.startswith("[", start):
            break  # a table: its keys are not the page's
        key = (_TOML_KEY if toml else _YAML_KEY).match(text, start, stop)
        i += 1
        if key is None or key.group(1) not in wanted:
            continue
        found, used = (_toml_value if toml else _yaml_value)(text, key.end(), stop, lines[i:])
        i += used
        spans = tuple((a, b) for a, b in found if b > a)
        if spans:
            out.append(Field(key.group(1), wanted[key.group(1)], spans))
    return out


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each line in text[start:end], line ends excluded."""
    out = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        out.append((pos, stop - 1 if stop > pos and text[stop - 1] == "\r" else stop))
        pos = stop + 1
    return out


def _trimmed(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in " \t":
        a += 1
    while b > a and text[b - 1] in " \t":
        b -= 1
    return a, b


def _quoted(text: str, a: int, stop: int, rest: list[tuple[int, int]], quote: str,
            escapes: bool) -> tuple[list[tuple[int, int]], int]:
    """The spans inside a quoted value opening at `a` (may run on over the following lines)."""
    spans: list[tuple[int, int]] = []
    pos, line_end, used = a + 1, stop, 0
    while True:
        j = pos
        while j < line_end:
            ch = text[j]
            if escapes and ch == "\\":
                if j > pos:
                    spans.append((pos, j))
                pos = j + 1  # the backslash is not prose; the escaped character is
                j += 2
                continue
            if ch == quote:
                if not escapes and text.startswith(quote * 2, j):  # YAML's '' is one quote
                    spans.append((pos, j + 1))
                    pos = j = j + 2
                    continue
                spans.append((pos, j))
                return spans, used
            j += 1
        spans.append((pos, line_end))
        if used >= len(rest):
            return spans, used
        pos, line_end = _trimmed(text, *rest[used])
        used += 1


def _yaml_value(text: str, a: int, stop: int, rest: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], int]:
    a, stop = _trimmed(text, a, stop)
    if a >= stop:
        return [], 0
    ch = text[a]
    if ch in "\"'":
        return _quoted(text, a, stop, rest, ch, escapes=ch == '"')
    if _BLOCK_HEADER.match(text, a, stop):
        spans = []
        used = 0
        for start, end in rest:
            if end > start and text[start] not in " \t":
                break
            used += 1
            s, e = _trimmed(text, start, end)
            if e > s:
                spans.append((s, e))
        return spans, used
    comment = re.search(r"[ \t]#", text[a:stop])
    if comment:
        stop = a + comment.start()
    return [_trimmed(text, a, stop)], 0


def _toml_value(text: str, a: int, stop: int, rest: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], int]:
    for triple in ('"""', "'''"):
        if text.startswith(triple, a):
            spans = []
            pos, line_end, used = a + 3, stop, 0
            while True:
                close = text.find(triple, pos, line_end)
                if close >= 0:
                    spans.append((pos, close))
                    return spans, used
                spans.append((pos, line_end))
                if used >= len(rest):
                    return spans, used
                pos, line_end = rest[used]
                used += 1
    if a < stop and text[a] in "\"'":
        return _quoted(text, a, stop, [], text[a], escapes=text[a] == '"')
    return [], 0
