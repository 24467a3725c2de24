"""Source lists: a "Sources:" / "References:" heading and its entries, an inline "Sources: a, b" or
"Read more: a, b" line, or a parenthetical "(Sources: a, b)" inside a sentence.

A line "Source: U.S. Census Bureau" credits the data of a chart or table: it is a `credit`, whose
entries name datasets rather than outlets the story should cite."""
from __future__ import annotations

import re
from typing import NamedTuple, Sequence

from newslint.cache import programs
from newslint.document.markup import Block, BlockKind


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
    credit: bool = False  # a one-line "Source: ..." credit for a chart, table or figure


SOURCE_HEADING = programs.compile(
    r"(?:sources?|references?|citations?|bibliography|further\s+reading|read\s+more|learn\s+more)\s*:?\s*$",
    re.I,
)
_INLINE_SOURCES = programs.compile(
    r"(?:(source)|sources|references?|citations?|read\s+more|further\s+reading|via)\s*:\s*(?=\S)", re.I)
_PARENTHETICAL = programs.compile(r"\((?:sources?|via)\s*:\s*([^()\n]+)\)", re.I)
_LINK = programs.compile(r"\[([^\]\n]+)\]\(\s*([^)\s]+)[^)]*\)")
_BARE_URL = programs.compile(r"(?:https?://|www\.)[^\s<>()\[\]]+")
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"
# a piece of an entry after its comma, not an entry of its own: a date, a year, a page ("Smith, 4 March
# 2026"; "the annual report, 2025"; "p. 12")
_ENTRY_TAIL = programs.compile(
    rf"(?:(?:\d{{1,2}}\s+)?{_MONTH}(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?(?:\s+\d{{4}})?|\d{{4}}|pp?\.\s*\d+(?:[-–]\d+)?)\s*\.?\s*$")


Links = Sequence[tuple[int, int, str]]  # links whose targets are markup (an HTML <a href>): text span, target


def _entry(text: str, start: int, end: int, links: Links = ()) -> SourceEntry:
    seg = text[start:end]
    link = _LINK.search(seg)
    if link:
        return SourceEntry(start, end, link.group(1).strip(), link.group(2))
    url = _BARE_URL.search(seg)
    label = seg.strip(" \t-–—*•,;.")
    target = url.group(0) if url else next((href for a, b, href in links if a < end and start < b), None)
    return SourceEntry(start, end, label, target)


def source_lists(text: str, blocks: list[Block], links: Links = ()) -> list[SourceList]:
    out: list[SourceList] = []
    i = 0
    while i < len(blocks):
        blk = blocks[i]
        seg = text[blk.start:blk.end]
        # a heading, or a paragraph of the heading's words alone ("<p><b>Sources:</b></p>")
        if blk.kind is not BlockKind.ITEM and SOURCE_HEADING.match(seg.strip("*_ \t")):
            entries = []
            j = i + 1
            while j < len(blocks) and blocks[j].kind is not BlockKind.HEADING:
                nxt = blocks[j]
                if nxt.kind is not BlockKind.ITEM and _to_the_reader(text[nxt.start:nxt.end]):
                    break
                if nxt.kind is not BlockKind.ITEM and not _LINK.search(text[nxt.start:nxt.end]) \
                        and not _BARE_URL.search(text[nxt.start:nxt.end]) \
                        and not any(a < nxt.end and nxt.start < b for a, b, _ in links):  # a paragraph of links
                    break
                entries.append(_entry(text, nxt.start, nxt.end, links))
                j += 1
            if j == i + 1 and j < len(blocks) and blocks[j].kind is not BlockKind.ITEM \
                    and _to_the_reader(text[blocks[j].start:blocks[j].end]):
                i += 1  # "Learn more" over a word to the reader: a section of prose, no list of sources
                continue
            end = blocks[j - 1].end if j > i + 1 else blk.end
            out.append(SourceList(blk.start, blk.end, blk.start, end, tuple(entries)))
            i = j
            continue
        inline = _INLINE_SOURCES.match(seg)
        if inline and "\n" not in seg and len(seg) < 300:
            head_end = blk.start + inline.end()
            out.append(SourceList(blk.start, head_end, blk.start, blk.end, _entries(text, head_end, blk.end, links),
                                  credit=inline.group(1) is not None))
        elif "(" in seg:
            for par in _PARENTHETICAL.finditer(seg):
                a, b = blk.start + par.start(), blk.start + par.end()
                out.append(SourceList(a, blk.start + par.start(1), a, b,
                                      _entries(text, blk.start + par.start(1), blk.start + par.end(1), links)))
        i += 1
    return out


# The writer speaking to the reader, outside the words of a link: "Visit our [website](...)", "If you're
# interested, contact ...", "We'll explain more next month". A source entry names a report; it does not talk.
_READER_WORDS = programs.compile(r"\b(?:you|your|you['’](?:re|ll|ve|d)|we|we['’](?:re|ll|ve|d)|our|us)\b", re.I)


def _to_the_reader(seg: str) -> bool:
    """Is this paragraph prose addressed to the reader (a call to write, visit or follow), not an entry?"""
    return _READER_WORDS.search(_LINK.sub(" ", seg)) is not None


# A comma or semicolon between entries; the semicolon that ends a character reference in a web page's text
# ("Caf&eacute; Verde", "&#x30D0;&#x30F3;") is part of its word.
_SEPARATOR = programs.compile(r"&#?[A-Za-z0-9]{1,8};|([,;])")


def _split(seg: str) -> list[str]:
    """`seg` cut at its separators, each kept as a piece of its own (as `re.split` with a group does)."""
    pieces = []
    pos = 0
    for m in _SEPARATOR.finditer(seg):
        if m.group(1):
            pieces += [seg[pos:m.start()], m.group(1)]
            pos = m.end()
    pieces.append(seg[pos:])
    return pieces


def _entries(text: str, start: int, end: int, links: Links = ()) -> tuple[SourceEntry, ...]:
    """The comma- or semicolon-separated entries of an inline list, each at its own offsets."""
    parts: list[SourceEntry] = []
    pos = start
    pieces = _split(text[start:end])
    for k, piece in enumerate(pieces):
        if piece not in (",", ";") and piece.strip():
            lead = len(piece) - len(piece.lstrip())
            if parts and k > 0 and pieces[k - 1] == "," and _ENTRY_TAIL.match(piece.strip()):
                parts[-1] = parts[-1]._replace(end=pos + len(piece.rstrip()))
            else:
                parts.append(_entry(text, pos + lead, pos + len(piece.rstrip()), links))
        pos += len(piece)
    return tuple(parts)
