"""An article as newslint reads it: decoded text, positions, blocks, sentences, quotations, scopes."""
from __future__ import annotations

import bisect
import enum
import re
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator, NamedTuple, TypeVar, cast

from newslint.document import comments, mentions, names, paraphrase, positions, quotations, sentences, sources
from newslint.document.decode import MAX_BYTES, decode_marked, read_bytes, too_large
from newslint.document.markup import Block, BlockKind, Markup
from newslint.document.quotations import Quotation
from newslint.document.sources import SourceList
from newslint.errors import InputError

if TYPE_CHECKING:
    from newslint.document.quotations import Cues
    from newslint.matching.prefilter import Scan
    from newslint.readers import Format, Layout, ReadOptions


class Scope(enum.Enum):
    """Where in an article a piece of text stands; rules choose the scopes they read."""

    NARRATIVE = "narrative"  # the writer's own voice
    HEADING = "heading"  # headlines, headings, label lines
    QUOTATION = "quotation"  # a speaker's words in quotation marks
    SOURCES = "sources"  # a "Sources:" / "References:" block


T = TypeVar("T")


class Memo(dict[str, Any]):
    """What a kind or a step works out once for a document and asks again, each under a key it names."""

    def kept(self, key: str, make: Callable[[], T]) -> T:
        """The value kept under `key`; `make()` the first time it is asked."""
        if key not in self:
            self[key] = make()
        return cast(T, self[key])


class Sentence(NamedTuple):
    start: int
    end: int
    block: int  # index into Document.blocks


class Document:
    """Build with `Document.from_text`; every offset is a code-point offset into `text`.

    Quotations, paraphrases, reader sections, source lists and the scope regions are computed on
    first use (most of them only once a rule asks for the scope of a hit).
    """

    def __init__(self, path: str, text: str, markup: Markup, prose: str, blocks: list[Block],
                 sentences: list[Sentence], encoding: str = "utf-8", bom: bytes = b"",
                 decoded: tuple[tuple[int, int], ...] = (), links: tuple[tuple[int, int, str], ...] = (),
                 declared: tuple[str, ...] = ()) -> None:
        self.scan: Scan | None = None  # the matching state of this document (see `matching.prefilter`), made on first use
        self.path = path
        self.text = text
        self.markup = markup
        self.prose = prose
        self.blocks = blocks
        self.sentences = sentences
        self.encoding = encoding  # how the file was decoded, and its byte-order mark (fixes are written back alike)
        self.bom = bom
        self.lead = ""  # a U+FEFF the text began with (after any byte-order mark), not part of `text`
        self.decoded = decoded  # spans the prose shows decoded, not as written (see `readers.Layout`)
        self.links = links  # links whose targets are markup: their text's span and target (see `readers.Layout`)
        self.declared = declared  # the labels the source gives itself (see `readers.Layout`)

    def __repr__(self) -> str:
        return f"Document(path={self.path!r}, markup={self.markup!r}, {len(self.text)} characters)"

    def __getstate__(self) -> dict[str, object]:
        """What pickles: not the searchers kept with it (the matching state and the speech-cue
        searcher mean something in this process only)."""
        state = {k: v for k, v in self.__dict__.items() if k not in _PROCESS_LOCAL}
        state["scan"] = None
        return state

    @classmethod
    def from_text(cls, text: str, path: str = "<text>", markup_: Markup | None = None,
                  options: ReadOptions | None = None, fmt: Format | None = None) -> Document:
        """A document of a text-based format: by `fmt`, else by the path's extension (Markdown when
        it has none that newslint reads, plain text for `markup_` TEXT)."""
        from newslint import readers
        from newslint.readers import Format, ReadOptions

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
        prose, blocks = found.prose, found.blocks
        sents = [Sentence(a, b, i) for i, blk in enumerate(blocks) for a, b in sentences.split(prose, blk.start, blk.end)]
        return cls(path, text, kind, prose, blocks, sents, decoded=found.decoded, links=found.links,
                   declared=found.declared)

    @classmethod
    def from_bytes(cls, data: bytes, path: str, encoding: str | None = None,
                   options: ReadOptions | None = None, fmt: Format | None = None) -> Document:
        from newslint.readers import Format, ReadOptions

        if len(data) > MAX_BYTES:
            raise InputError(path, too_large(len(data)))
        options = options or ReadOptions()
        fmt = fmt or options.format_for(path, named=True)
        if fmt is Format.DOCX:
            from newslint.readers import docx

            text, found = docx.read(data, path)
            return cls.from_layout(text, path, found, Markup.TEXT)
        text, doc_encoding, bom = decode_marked(data, path, encoding)
        doc = cls.from_text(text, path, options=options, fmt=fmt)
        doc.encoding, doc.bom = doc_encoding, bom
        return doc

    @classmethod
    def read(cls, path: Path, display: str | None = None, encoding: str | None = None,
             options: ReadOptions | None = None) -> Document:
        """Read and decode one file; any failure is an InputError naming the file."""
        name = display or str(path)
        return cls.from_bytes(read_bytes(path, name), name, encoding, options)

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

    def unfixable(self) -> list[tuple[int, int]]:
        """Spans a fix never edits: the quotations (a speaker's words) and what the prose shows decoded
        (a character reference, a word joined across one: their characters are not the text's)."""
        return [(q.start, q.end) for q in self.quotations] + list(self.decoded)

    def search(self, program: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """What `program.finditer(self.prose)` yields. Over many documents the program is tried only
        where the prefilter says one of its matches can start (found with every rule's words, in one
        pass: see `matching.matcher.finditer`); for one document, a search of the prose costs less."""
        from newslint.matching import matcher, state

        return matcher.finditer(program, self) if state.current().many else program.finditer(self.prose)

    @cached_property
    def paraphrases(self) -> list[tuple[int, int]]:
        from newslint.matching import matcher, state

        # Over many documents, the verbs are tried only where the words they start with stand (found
        # with every rule's words, in one pass); for one, a search for the words alone costs less.
        verbs = matcher.finditer(paraphrase.PARAPHRASE, self) if state.current().many else None
        return sorted(paraphrase.paraphrases(self.prose, verbs=verbs) + paraphrase.as_called(self.prose))

    @cached_property
    def reader_sections(self) -> list[tuple[int, int]]:
        return comments.reader_sections(self.prose, self.blocks, self.quotations, self.own_voice)

    @cached_property
    def own_voice(self) -> str:
        """The prose with every quotation blanked (offsets kept): the writer's own words."""
        return comments.own_voice(self.prose, self.quotations)

    @cached_property
    def source_lists(self) -> list[SourceList]:
        return sources.source_lists(_unified(self.text), self.blocks, self.links)

    @cached_property
    def speech_cues(self) -> Cues:
        """The speech-cue searcher of the text (see `quotations.speech_cues`)."""
        return quotations.speech_cues(self.text)

    def first_alnum(self, index: int) -> int:
        """Offset of the first letter or digit of sentence `index` (its end when none), found once per sentence."""
        cache = self._first_alnum
        if index not in cache:
            sentence = self.sentences[index]
            cache[index] = next((i for i in range(sentence.start, sentence.end) if self.prose[i].isalnum()),
                                sentence.end)
        return cache[index]

    @cached_property
    def _first_alnum(self) -> dict[int, int]:
        return {}

    @cached_property
    def memo(self) -> Memo:
        """What a kind or a step works out once for the document and asks again (see `Memo`)."""
        return Memo()

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

        # A quotation is a speaker's words when attributed, or long enough to be more than the writer's
        # scare quotes; in a headline, any: a headline quotes to attribute ("Star Not 'Manhandled'").
        quoted = [(q.start, q.end) for q in self.quotations if q.attributed or q.words >= 4 or self._in_heading(q.start)]
        readers = positions.Covered(self.reader_sections)
        quoted = list(self.reader_sections) + [q for q in quoted if not readers.holds(q[0])]
        taken = positions.Covered(quoted)  # (each looked up by bisection: the cost grows with the count, not its square)
        quoted += [p for p in self.paraphrases if not taken.holds(p[0])]
        quoted += [m for m in mentions.mentions(self.prose, self.search) if not taken.holds(m[0])]
        return [
            table([(s.start, s.end) for s in self.source_lists], Scope.SOURCES),
            table(quoted, Scope.QUOTATION),
            table([(b.start, b.end) for b in self.blocks if b.kind is BlockKind.HEADING], Scope.HEADING),
        ]

    def _in_heading(self, offset: int) -> bool:
        """Does `offset` stand in a headline: a heading, or a line set in Title Case or ALL CAPS? (Each line
        is read once: `names.headline_voice` reads the line around the offset alone.)"""
        i = self.block_index(offset)
        if i >= 0 and self.blocks[i].kind is BlockKind.HEADING:
            return True
        line = self.prose.rfind("\n", 0, offset) + 1
        lines = self._headline_lines
        if line not in lines:
            lines[line] = names.headline_voice(self.prose, offset)
        return lines[line]

    @cached_property
    def _headline_lines(self) -> dict[int, bool]:
        return {}

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


def _unified(text: str) -> str:
    """Structure is read from the text with every line ending as one "\\n" (CRLF as " \\n"), so LF,
    CRLF and CR files read alike; the replacements keep every offset."""
    return text.replace("\r\n", " \n").replace("\r", "\n") if "\r" in text else text


_PROCESS_LOCAL = frozenset({"scan", "speech_cues", "memo"})  # (what is in `memo` is worked out again)
