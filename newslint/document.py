"""An article as newslint reads it: decoded text, positions, blocks, sentences, quotations, scopes."""
from __future__ import annotations

import bisect
import enum
import os
import re
from functools import cached_property
from pathlib import Path
from typing import NamedTuple, Sequence

from newslint import positions, quotations, readers, recache, sentences
from newslint.errors import InputError
from newslint.markup import Block, BlockKind, Markup
from newslint.quotations import Quotation
from newslint.readers import Format, Layout, ReadOptions


class Scope(enum.Enum):
    """Where in an article a piece of text stands; rules choose the scopes they read."""

    NARRATIVE = "narrative"  # the writer's own voice
    HEADING = "heading"  # headlines, headings, label lines
    QUOTATION = "quotation"  # a speaker's words in quotation marks
    SOURCES = "sources"  # a "Sources:" / "References:" block


class Sentence(NamedTuple):
    start: int
    end: int
    block: int  # index into Document.blocks


class SourceEntry(NamedTuple):
    start: int
    end: int
    label: str  # link text or the entry's text
    url: str | None


class SourceList(NamedTuple):
    heading_start: int
    heading_end: int
    start: int  # the list region, heading included
    end: int
    entries: tuple[SourceEntry, ...]


SOURCE_HEADING = recache.compile(
    r"(?:sources?|references?|citations?|bibliography|further\s+reading|read\s+more|learn\s+more)\s*:?\s*$",
    re.I,
)
_INLINE_SOURCES = recache.compile(r"(?:sources?|references?)\s*:\s*(?=\S)", re.I)
_LINK = recache.compile(r"\[([^\]\n]+)\]\(\s*([^)\s]+)[^)]*\)")
_BARE_URL = recache.compile(r"(?:https?://|www\.)[^\s<>()\[\]]+")
_NUL_PROBE = 8192


# Byte-order marks, longest first (the UTF-32 LE mark begins with the UTF-16 LE one).
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
MAX_BYTES = 10 * 1024 * 1024  # an article larger than this is not linted (a clear error instead)


def decode(data: bytes, path: str, encoding: str | None = None) -> str:
    """Bytes to text: by byte-order mark, else `encoding`, else UTF-8.

    A binary file (NUL characters near the start) or undecodable bytes are an InputError.
    """
    return _decode(data, path, encoding)[0]


def _decode(data: bytes, path: str, encoding: str | None) -> tuple[str, str, bytes]:
    """The text, the encoding it was read in and the byte-order mark it began with."""
    chosen, mark = encoding, b""
    for bom, name in _BOMS:
        if data.startswith(bom):
            data, chosen, mark = data[len(bom):], name, bom
            break
    if chosen is None:
        if b"\x00" in data[:_NUL_PROBE]:
            raise InputError(path, "binary file (NUL bytes); not linted")
        chosen = "utf-8"
    try:
        text = data.decode(chosen)
    except UnicodeDecodeError as exc:
        line = len(positions.line_starts(data[:exc.start].decode(chosen, "replace")))
        label = "UTF-8" if chosen == "utf-8" else chosen
        raise InputError(path, f"not valid {label} (byte 0x{data[exc.start]:02x} at line {line})") from None
    except LookupError:
        raise InputError(path, f"unknown encoding {chosen!r}") from None
    if "\x00" in text[:_NUL_PROBE]:
        raise InputError(path, "binary file (NUL bytes); not linted")
    if chosen != "utf-8":  # some codecs (UTF-7) decode to lone surrogates, which no output can hold
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:
            line = len(positions.line_starts(text[:exc.start]))
            raise InputError(path, f"not valid {chosen}: it decodes to a lone surrogate (line {line})") from None
    return text, chosen, mark


class Document:
    """Build with `Document.from_text`; every offset is a code-point offset into `text`.

    Quotations, paraphrases, reader sections, source lists and the scope regions are computed on
    first use (most of them only once a rule asks for the scope of a hit).
    """

    def __init__(self, path: str, text: str, markup: Markup, prose: str, blocks: list[Block],
                 sentences: list[Sentence], encoding: str = "utf-8", bom: bytes = b"") -> None:
        self.path = path
        self.text = text
        self.markup = markup
        self.prose = prose
        self.blocks = blocks
        self.sentences = sentences
        self.encoding = encoding  # how the file was decoded, and its byte-order mark (fixes are written back alike)
        self.bom = bom
        self.lead = ""  # a U+FEFF the text began with (after any byte-order mark), not part of `text`

    def __repr__(self) -> str:
        return f"Document(path={self.path!r}, markup={self.markup!r}, {len(self.text)} characters)"

    def __getstate__(self) -> dict[str, object]:
        """What pickles: not the searchers kinds keep with it (the matching state means something in
        this process only)."""
        return {k: v for k, v in self.__dict__.items() if k not in ("_scan", "_speech_cues")}

    @classmethod
    def from_text(cls, text: str, path: str = "<text>", markup_: Markup | None = None,
                  options: ReadOptions | None = None, fmt: Format | None = None) -> Document:
        """A document of a text-based format: by `fmt`, else by the path's extension (Markdown when
        it has none that newslint reads, plain text for `markup_` TEXT)."""
        lead = ""
        if text.startswith("\ufeff"):  # kept aside, and written back by a fix
            text, lead = text[1:], "\ufeff"
        options = options or ReadOptions()
        if fmt is None:
            fmt = Format.TEXT if markup_ is Markup.TEXT else (
                Format.MARKDOWN if markup_ is Markup.MARKDOWN else options.format_for(path, named=True))
            if fmt is None or fmt is Format.DOCX or fmt.archive:
                fmt = Format.MARKDOWN
        kind = Markup.TEXT if fmt is Format.TEXT else Markup.MARKDOWN
        doc = cls.from_layout(text, path, readers.layout(_unified(text), fmt, options), kind)
        doc.lead = lead
        return doc

    @classmethod
    def from_layout(cls, text: str, path: str, found: Layout, kind: Markup = Markup.MARKDOWN) -> Document:
        """A document of a text and what a reader found in it."""
        prose, blocks = found
        sents = [Sentence(a, b, i) for i, blk in enumerate(blocks) for a, b in sentences.split(prose, blk.start, blk.end)]
        return cls(path, text, kind, prose, blocks, sents)

    @classmethod
    def from_bytes(cls, data: bytes, path: str, encoding: str | None = None,
                   options: ReadOptions | None = None, fmt: Format | None = None) -> Document:
        if len(data) > MAX_BYTES:
            raise InputError(path, _too_large(len(data)))
        options = options or ReadOptions()
        fmt = fmt or options.format_for(path, named=True)
        if fmt is Format.DOCX:
            from newslint.readers import docx

            text, found = docx.read(data, path)
            return cls.from_layout(text, path, found, Markup.TEXT)
        text, doc_encoding, bom = _decode(data, path, encoding)
        doc = cls.from_text(text, path, options=options, fmt=fmt)
        doc.encoding, doc.bom = doc_encoding, bom
        return doc

    @classmethod
    def read(cls, path: Path, display: str | None = None, encoding: str | None = None,
             options: ReadOptions | None = None) -> Document:
        """Read and decode one file; any failure is an InputError naming the file."""
        name = display or str(path)
        try:
            with path.open("rb") as handle:
                size = os.fstat(handle.fileno()).st_size
                if size > MAX_BYTES:
                    raise InputError(name, _too_large(size))
                # A file is read at its size (one byte more tells if it grew); a pipe's size is unknown
                # until read. Asking for MAX_BYTES at once would allocate that much for every file.
                data = handle.read(size + 1 if size else MAX_BYTES + 1)
                if size and len(data) > size:
                    data += handle.read(MAX_BYTES + 1 - len(data))
        except FileNotFoundError:
            raise InputError(name, "no such file") from None
        except IsADirectoryError:
            raise InputError(name, "is a directory") from None
        except PermissionError:
            raise InputError(name, "permission denied") from None
        except OSError as exc:
            raise InputError(name, f"cannot read: {exc.strerror or exc}") from None
        return cls.from_bytes(data, name, encoding, options)

    # ---------------------------------------------------------------- positions
    @cached_property
    def line_starts(self) -> list[int]:
        return positions.line_starts(self.text)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset, columns in code points."""
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    # ---------------------------------------------------------------- structure
    @cached_property
    def quotations(self) -> list[Quotation]:
        return quotations.find(self.prose, self.blocks)

    @cached_property
    def paraphrases(self) -> list[tuple[int, int]]:
        return quotations.paraphrases(self.prose)

    @cached_property
    def reader_sections(self) -> list[tuple[int, int]]:
        return _reader_sections(self.prose, self.blocks, self.quotations)

    @cached_property
    def source_lists(self) -> list[SourceList]:
        return _source_lists(_unified(self.text), self.blocks)

    @cached_property
    def _block_starts(self) -> list[int]:
        return [b.start for b in self.blocks]

    def block_index(self, offset: int) -> int:
        """Index of the block holding `offset`; -1 if it falls between blocks."""
        i = bisect.bisect_right(self._block_starts, offset) - 1
        return i if i >= 0 and offset < self.blocks[i].end else -1

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_index(self, offset: int) -> int:
        """Index of the sentence holding `offset` (or the last one before it); -1 if none."""
        return bisect.bisect_right(self._sentence_starts, offset) - 1

    @cached_property
    def _regions(self) -> list[tuple[list[int], list[int], Scope]]:
        def table(spans: list[tuple[int, int]], scope: Scope) -> tuple[list[int], list[int], Scope]:
            spans.sort()
            return [a for a, _ in spans], [b for _, b in spans], scope

        quoted = [(q.start, q.end) for q in self.quotations if q.attributed or q.words >= 4]
        readers = _Covered(self.reader_sections)
        quoted = list(self.reader_sections) + [q for q in quoted if not readers.holds(q[0])]
        taken = _Covered(quoted)  # (each looked up by bisection: the cost grows with the count, not its square)
        quoted += [p for p in self.paraphrases if not taken.holds(p[0])]
        return [
            table([(s.start, s.end) for s in self.source_lists], Scope.SOURCES),
            table(quoted, Scope.QUOTATION),
            table([(b.start, b.end) for b in self.blocks if b.kind is BlockKind.HEADING], Scope.HEADING),
        ]

    def scope_at(self, offset: int) -> Scope:
        for starts, ends, scope in self._regions:
            i = bisect.bisect_right(starts, offset) - 1
            if i >= 0 and offset < ends[i]:
                return scope
        return Scope.NARRATIVE

    def narrative_text(self) -> str:
        """The prose outside source lists (for "is this outlet named in the body?")."""
        text = self.prose
        for s in self.source_lists:
            text = text[:s.start] + " " * (s.end - s.start) + text[s.end:]
        return text


class _Covered:
    """The union of some spans, asked by bisection whether it holds an offset."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for a, b in sorted(spans):
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            elif a < b:
                merged.append([a, b])
        self.starts = [m[0] for m in merged]
        self.ends = [m[1] for m in merged]

    def holds(self, offset: int) -> bool:
        i = bisect.bisect_right(self.starts, offset) - 1
        return i >= 0 and offset < self.ends[i]


def _unified(text: str) -> str:
    """Structure is read from the text with every line ending as one "\\n" (CRLF as " \\n"), so LF,
    CRLF and CR files read alike; the replacements keep every offset."""
    return text.replace("\r\n", " \n").replace("\r", "\n") if "\r" in text else text


def _too_large(size: int) -> str:
    return f"file too large ({size / 1048576:.1f} MB; articles up to {MAX_BYTES // 1048576} MB are linted)"


COMMENTS_HEADING = recache.compile(
    r"(?:(?:your|readers?['’]?|user|selected)\s+)?(?:comments?|views|letters|responses)|have\s+your\s+say"
    r"|what\s+(?:you|readers)\s+(?:think|said|say)",
    re.I,
)
# A paragraph in a reader's voice: the first person, or a question or exclamation.
_PERSONAL = recache.compile(r"\b(?:I|I['’](?:m|ve|d|ll))\b|\b(?i:me|my|we|our)\b|[?!]")
READER_SECTION_MIN = 5
READER_SECTION_SHARE = 0.6


def _reader_sections(prose: str, blocks: list[Block], quotes: list[Quotation]) -> list[tuple[int, int]]:
    """Readers' contributions appended to an article: their words, not the writer's.

    A section runs from a "Your comments" / "Have your say" heading, or from a section break of
    two or more blank lines, to the next heading or the end. After a bare section break it counts
    only when it holds at least READER_SECTION_MIN paragraphs and most of them are in a reader's
    voice (the first person, questions, exclamations) outside quotation marks.
    """
    out: list[tuple[int, int]] = []
    if len(blocks) < 2:
        return out
    own_voice = ""  # the prose with quotations blanked, built on first need
    i = 1
    while i < len(blocks):
        blk, prev = blocks[i], blocks[i - 1]
        headed = prev.kind is BlockKind.HEADING and bool(COMMENTS_HEADING.fullmatch(
            prose[prev.start:prev.end].strip(" \t*_#:")))
        broken = prose.count("\n", prev.end, blk.start) >= 3 and blk.kind is not BlockKind.HEADING
        if not (headed or broken):
            i += 1
            continue
        j = i
        while j < len(blocks) and blocks[j].kind is not BlockKind.HEADING:
            j += 1
        section = blocks[i:j]
        if not own_voice:
            own = list(prose)
            for q in quotes:
                own[q.start:q.end] = " " * (q.end - q.start)
            own_voice = "".join(own)
        personal = sum(1 for b in section if _PERSONAL.search(own_voice, b.start, b.end))
        if section and (headed or (len(section) >= READER_SECTION_MIN
                                   and personal >= READER_SECTION_SHARE * len(section))):
            out.append((section[0].start, section[-1].end))
        i = max(j, i + 1)
    return out


def _entry(text: str, start: int, end: int) -> SourceEntry:
    seg = text[start:end]
    link = _LINK.search(seg)
    if link:
        return SourceEntry(start, end, link.group(1).strip(), link.group(2))
    url = _BARE_URL.search(seg)
    label = seg.strip(" \t-–—*•,;.")
    return SourceEntry(start, end, label, url.group(0) if url else None)


def _source_lists(text: str, blocks: list[Block]) -> list[SourceList]:
    out: list[SourceList] = []
    i = 0
    while i < len(blocks):
        blk = blocks[i]
        seg = text[blk.start:blk.end]
        if blk.kind is BlockKind.HEADING and SOURCE_HEADING.match(seg.strip("*_ \t")):
            entries = []
            j = i + 1
            while j < len(blocks) and blocks[j].kind is not BlockKind.HEADING:
                nxt = blocks[j]
                if nxt.kind is not BlockKind.ITEM and not _LINK.search(text[nxt.start:nxt.end]) \
                        and not _BARE_URL.search(text[nxt.start:nxt.end]):
                    break
                entries.append(_entry(text, nxt.start, nxt.end))
                j += 1
            end = blocks[j - 1].end if j > i + 1 else blk.end
            out.append(SourceList(blk.start, blk.end, blk.start, end, tuple(entries)))
            i = j
            continue
        inline = _INLINE_SOURCES.match(seg)
        if inline and blk.kind is not BlockKind.HEADING and "\n" not in seg and len(seg) < 300:
            head_end = blk.start + inline.end()
            parts = []
            pos = head_end
            for piece in re.split(r"([,;])", text[head_end:blk.end]):
                if piece not in (",", ";") and piece.strip():
                    lead = len(piece) - len(piece.lstrip())
                    parts.append(_entry(text, pos + lead, pos + len(piece.rstrip())))
                pos += len(piece)
            out.append(SourceList(blk.start, head_end, blk.start, blk.end, tuple(parts)))
        i += 1
    return out
