"""JSON Lines and JSON archives: one article per record, read as a stream.

A record's article is the first of the text fields it has (`text`, `body`, ... or `--text-field`),
decoded from JSON (a field holding an object, as a CMS exports it, gives its `rendered`, `html`,
`text`, `value` or `raw` string): the quotes around the string and the escapes are JSON's, so `\\"` is a
quotation mark of the article and the string's own quotes are not. A record is named by its id
field (`archive.jsonl#a17`), or by its line when it has none (`archive.jsonl#L12`); positions are
lines and columns in its text. A .jsonl file is read in slices of whole lines, so a large archive
is linted in level memory and can be shared between processes; a .json file (an array of records,
or one record) is streamed in one process.
"""
from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO, NamedTuple

from newslint.errors import InputError

TEXT_FIELDS = ("text", "body", "content", "article_body", "articleBody", "story")
ID_FIELDS = ("id", "uuid", "guid", "slug", "url")
INNER_TEXT = ("rendered", "html", "text", "value", "raw")  # a text field holding an object: its text
SLICE_BYTES = 1024 * 1024  # a slice of a .jsonl file: a unit of work (and of memory)
MAX_RECORD_BYTES = 10 * 1024 * 1024  # a longer record is an error, not an allocation
_READ = 1 << 20


class Fields(NamedTuple):
    """Which fields hold a record's text and its id (the first present of each, dotted for nesting)."""

    text: tuple[str, ...] = TEXT_FIELDS
    id: tuple[str, ...] = ID_FIELDS


DEFAULT_FIELDS = Fields()


class Slice(NamedTuple):
    """Records of a .jsonl file: the lines starting in bytes [start, end); `line` is the first one's number."""

    path: str
    start: int
    end: int
    line: int


class Record(NamedTuple):
    """One article of an archive, or the error that stopped its reading (`text` is then None)."""

    name: str  # archive.jsonl#id
    text: str | None
    error: str | None = None


def slices(path: Path, size: int = SLICE_BYTES) -> Iterator[Slice]:
    """The slices of a .jsonl file, each ending at a line end, listed by reading it once (in level memory)."""
    name = str(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from None
    with handle:
        total = os.fstat(handle.fileno()).st_size
        start, line = 0, 1
        while start < total:
            handle.seek(start)
            lines = 0
            pos = start
            while True:  # read up to `size` bytes, then on to the end of the line
                chunk = handle.read(min(_READ, max(1, start + size - pos)))
                if not chunk:
                    break
                lines += chunk.count(b"\n")
                pos += len(chunk)
                if pos - start >= size:
                    rest = _to_line_end(handle)
                    lines += 1 if rest and rest.endswith(b"\n") else 0
                    pos += len(rest)
                    break
            if pos <= start:
                break
            yield Slice(name, start, pos, line)
            start, line = pos, line + lines


def _to_line_end(handle: BinaryIO) -> bytes:
    parts = []
    while True:
        piece = handle.readline(_READ)
        parts.append(piece)
        if not piece or piece.endswith(b"\n"):
            return b"".join(parts)


def read_slice(part: Slice, fields: Fields = DEFAULT_FIELDS) -> Iterator[Record]:
    """The records of one slice of a .jsonl file, in order (blank lines skipped)."""
    try:
        handle = open(part.path, "rb")  # noqa: SIM115 - closed below, after the last record
    except OSError as exc:
        yield Record(part.path, None, f"cannot read: {exc.strerror or exc}")
        return
    with handle:
        handle.seek(part.start)
        pos, line = part.start, part.line
        while pos < part.end:
            raw = handle.readline(MAX_RECORD_BYTES + 1)
            if not raw:
                break
            pos += len(raw)
            if len(raw) > MAX_RECORD_BYTES and not raw.endswith(b"\n"):
                yield Record(f"{part.path}#L{line}", None, f"record longer than {MAX_RECORD_BYTES // 1048576} MB")
                pos += len(_to_line_end(handle))
            elif raw.strip():
                yield _record(part.path, line, raw, fields)
            line += 1


def _record(path: str, line: int, raw: bytes, fields: Fields) -> Record:
    import json  # (only a run that reads an archive pays for it)

    where = f"{path}#L{line}"
    try:
        value = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        return Record(where, None, f"not valid JSON ({exc})")
    except RecursionError:  # this record only: the others are still read
        return Record(where, None, "nested too deeply")
    return article(value, where, fields)


def article(value: object, where: str, fields: Fields) -> Record:
    """The record's article text and name (`where` names it when it has no id)."""
    if not isinstance(value, dict):
        return Record(where, None, f"a record is a JSON object, not {type(value).__name__}")
    ident = _first(value, fields.id)[1]
    base = where.rsplit("#", 1)[0]
    name = f"{base}#{ident}" if isinstance(ident, (str, int)) and not isinstance(ident, bool) and str(ident) else where
    field, text = _first(value, fields.text)
    if text is None:
        return Record(name, None, f"no text field (looked for {', '.join(fields.text)})")
    if isinstance(text, dict):  # a CMS's export: WordPress's {"content": {"rendered": "<p>..."}}
        inner = next((k for k in INNER_TEXT if isinstance(text.get(k), str)), None)
        if inner is None:
            return Record(name, None, f"text field {field} is an object with no {', '.join(INNER_TEXT[:-1])} or {INNER_TEXT[-1]} string in it")
        text = text[inner]
    if not isinstance(text, str):
        return Record(name, None, f"text field {field} is {type(text).__name__}, not a string")
    return Record(name, text)


def _first(value: dict[str, object], names: Sequence[str]) -> tuple[str, object]:
    """The first of the (dotted) names the record has, and its value; ("", None) if none."""
    for name in names:
        found: object = value
        for key in name.split("."):
            found = found.get(key) if isinstance(found, dict) else None
        if found is not None:
            return name, found
    return "", None


def read_array(path: Path, fields: Fields = DEFAULT_FIELDS) -> Iterator[Record]:
    """The records of a .json file: the elements of a top-level array, read a piece at a time; a
    top-level object is one record."""
    import json

    name = str(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield Record(name, None, f"cannot read: {exc.strerror or exc}")
        return
    decoder = json.JSONDecoder()
    with handle:
        import codecs

        reader = codecs.getincrementaldecoder("utf-8-sig")()
        buf = ""
        pos = 0
        line = 1
        eof = False

        def more() -> bool:
            nonlocal buf, pos, eof
            if eof:
                return False
            chunk = handle.read(_READ)
            eof = not chunk
            try:
                text = reader.decode(chunk, final=eof)
            except UnicodeDecodeError as exc:
                raise InputError(name, f"not valid UTF-8 ({exc.reason})") from None
            buf = buf[pos:] + text
            pos = 0
            return bool(text) or not eof

        def skip(chars: str) -> str:
            """Skip white space (and `chars`); the next character, or "" at the end."""
            nonlocal pos, line
            while True:
                while pos < len(buf) and (buf[pos].isspace() or buf[pos] in chars):
                    line += buf[pos] == "\n"
                    pos += 1
                if pos < len(buf):
                    return buf[pos]
                if not more():
                    return ""

        def value_here() -> object:
            """The JSON value starting at `pos` (reading on until it is whole), or a JSONDecodeError."""
            nonlocal pos, line
            while True:
                try:
                    value, end = decoder.raw_decode(buf, pos)
                except json.JSONDecodeError:
                    if len(buf) - pos <= MAX_RECORD_BYTES and more():
                        continue
                    raise
                line += buf.count("\n", pos, end)
                pos = end
                return value

        try:
            first = skip("")
            if first not in ("[", "{"):
                yield Record(name, None, "expected a JSON array of records, or one record")
                return
            if first == "[":
                pos += 1
            while True:
                if first == "[" and skip(",") in ("]", ""):
                    return
                start_line = line
                try:
                    value = value_here()
                except json.JSONDecodeError as exc:
                    yield Record(f"{name}#L{start_line}", None, f"not valid JSON ({exc.msg})")
                    return
                except RecursionError:  # the records before it stand; where it ends is not known
                    yield Record(f"{name}#L{start_line}", None, "nested too deeply")
                    return
                yield article(value, f"{name}#L{start_line}", fields)
                if first == "{":
                    return
        except InputError as exc:
            yield Record(name, None, str(exc).split(": ", 1)[-1])
