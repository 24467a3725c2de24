"""HTML: the article body's text at its own offsets; tags, navigation, scripts and styles blanked.

The body is the first of the selector's alternatives that the page has (by default `article`, then
`main`; the whole page when it has neither), passing over one of these whose elements hold only
teasers (fewer than 50 words between them, and under a quarter of the page's: a list of cards, each an
`<article>` with a headline and a date); a configured selector is taken as given. `nav`, `aside`, `script`, `style` and the like are never read; a page's
own `header` and `footer` are not either (an article's `header`, with its headline, is). Character
references are decoded in place: the reference's first character holds the decoded character and
the rest are blanked, so offsets stay the file's. `<q>` and the paragraphs of a `<blockquote>` (not
the cells of a table set in one) get quotation marks in the tag characters next to their text;
`<h1>`-`<h3>` are headings; `<li>` are list items; link text is prose and link targets (attributes)
are not. A list whose every item is nothing but a link ("Related topics", "More on this story", "Most
read"), and a paragraph or heading that is all one link (a teaser's headline, "Read more"), are
navigation, not the article's copy, and are not read either, unless a "Sources" or "References"
heading stands over them (the source-list rules read those). Nor are elements hidden (`hidden`,
`aria-hidden`, `display: none`) or named by their class or id as the page's furniture (comments,
sharing, promotions: see `page`), except a "sidebar" or "related" element that holds most of
the page's prose: that is a layout's column ("two-col-sidebar-right"), not furniture.
"""
from __future__ import annotations

import bisect
import html
import re
from html.parser import HTMLParser
from typing import Callable, NamedTuple

from newslint.cache import programs
from newslint.document.markup import Block, BlockKind
from newslint.document.positions import Covered, merge_spans
from newslint.document.quotations import CREDIT_LINE
from newslint.document.sources import SOURCE_HEADING
from newslint.readers.page import WEAK, declared, furniture_of
from newslint.readers.joins import INLINE_TAGS, join_words
from newslint.readers import Layout
from newslint.readers.selector import Selector, parse_selector

__all__ = ["DEFAULT_SELECTOR", "Selector", "layout", "parse_selector"]

DEFAULT_SELECTOR = "article, main"

# Elements whose text is never the article's.
_SKIP = frozenset({
    "head", "nav", "aside", "script", "style", "noscript", "template", "svg", "math", "form", "button",
    "select", "textarea", "iframe", "object", "canvas", "code", "pre", "kbd", "samp", "var",
})
_TEASERS = 50  # elements matching the selector that hold fewer words than this between them ...
_TEASER_SHARE = 4  # ... and under a quarter of the page's are cards or teasers, not the article body
_CONTAINERS = frozenset({"html", "body", "main", "article"})
_PAGE_PARTS = frozenset({"header", "footer"})  # skipped unless inside an article (a header) or a quotation (a footer)
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                   "source", "track", "wbr"})
_BLOCKS = frozenset({
    "address", "article", "blockquote", "body", "caption", "dd", "details", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "li", "main", "ol", "p",
    "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})
_HEADINGS = frozenset({"h1", "h2", "h3"})
_OPENING_MARKS = frozenset("“\"'‘«„")
_WS = " \t\n\r\f\v\xa0"
_NOT_NEWLINE = programs.compile(r"[^\n]")
_HIDDEN_STYLE = programs.compile(r"(?:display\s*:\s*none|visibility\s*:\s*hidden)\b", re.I)
_ALNUM = programs.compile(r"\w")
_WORD = programs.compile(r"\w+")
class _Open(NamedTuple):
    tag: str
    start: int  # the offset of its start tag
    tag_end: int  # the offset just past its start tag
    selected: int  # bit i: inside an element matching alternative i
    skipped: bool
    quoting: bool  # inside a blockquote (its paragraphs get quotation marks)
    article: bool  # inside an <article>
    furniture: int  # named by its class or id as the page's furniture: STRONG or WEAK (see `page`)
    in_body: bool  # inside an element matching the selector


class _Piece(NamedTuple):
    start: int
    end: int
    text: str | None  # what stands there in the prose; None: the source's own characters
    selected: int


class _Block(NamedTuple):
    start: int
    end: int
    kind: BlockKind
    selected: int


class _List:
    """An open <ul> or <ol>: is every item so far only a link?"""

    def __init__(self, start: int, blocks: int) -> None:
        self.start = start
        self.blocks = blocks  # the number of blocks before it
        self.items = 0
        self.links_only = True


class _Reader(HTMLParser):
    def __init__(self, text: str, selector: tuple[Selector, ...]) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.selector = selector
        self.line_starts = [0, *(m.end() for m in re.finditer("\n", text))]
        self.stack: list[_Open] = []
        self.pieces: list[_Piece] = []
        self.blocks: list[_Block] = []
        self.matched = 0  # bit i: some element matched alternative i
        self.block_start = -1  # the current block's extent in the text, once it has prose
        self.block_end = -1
        self.block_pieces = 0  # the number of pieces before the current block's first
        self.references: list[tuple[int, int]] = []  # character references read as prose
        self.lists: list[_List] = []
        self.targets: list[tuple[int, str]] = []  # the open <a> elements: where their text starts, their href
        self.anchors: list[tuple[int, int, str]] = []  # links read: their text's span and their href
        self.navigation: list[tuple[int, int]] = []  # link-only lists and blocks: not read
        self.furniture: list[tuple[int, int, bool, bool]] = []  # elements named as furniture: inside a body? weak?
        self.bodies: list[int] = []  # where elements matching the selector start
        self.block_linked = True  # is the current block's prose so far all link text?
        self.last_prose: tuple[int, int] | None = None  # the last block with prose of its own (not all link)

    # ------------------------------------------------------------------ positions
    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _tag_end(self, start: int) -> int:
        """The offset just past the tag starting at `start` (the parser has just read it)."""
        raw = self.get_starttag_text()
        return start + len(raw) if raw else start + 1

    # ------------------------------------------------------------------ state
    def _top(self) -> _Open | None:
        return self.stack[-1] if self.stack else None

    def _reading(self) -> bool:
        top = self._top()
        return top is None or not top.skipped

    def _put(self, start: int, end: int, text: str | None) -> None:
        """Prose at text[start:end] (its own characters, or `text` of the same length)."""
        top = self._top()
        selected = top.selected if top else 0
        self.pieces.append(_Piece(start, end, text, selected))
        shown = text if text is not None else self.text[start:end]
        first = len(shown) - len(shown.lstrip(_WS))
        if first == len(shown):
            return
        last = len(shown.rstrip(_WS))
        if not self.targets and text is None and _ALNUM.search(shown):
            self.block_linked = False
            if self.lists:
                self.lists[-1].links_only = False
        if self.block_start < 0:
            self.block_start = start + first
            self.block_pieces = len(self.pieces) - 1
        self.block_end = start + last

    def _flush(self, at: int) -> None:
        """End the current block at the tag starting at `at` (the tag that ends it)."""
        if self.block_start < 0:
            return
        owner = next((o for o in reversed(self.stack) if o.tag in _BLOCKS or o.tag == "li"), None)
        tag = owner.tag if owner else "p"
        kind = (BlockKind.HEADING if tag in _HEADINGS else BlockKind.ITEM if tag == "li" else BlockKind.PARAGRAPH)
        start, end = self.block_start, self.block_end
        selected = owner.selected if owner else 0
        if owner is not None and owner.quoting and not owner.skipped and owner.tag not in ("footer", "cite") \
                and self.text[start] not in _OPENING_MARKS and owner.tag_end - 1 < start and end <= at < len(self.text) \
                and (not self.blocks or self.blocks[-1].end <= owner.tag_end - 1) and not self._credit():
            # a paragraph of a blockquote: quotation marks in the tags' characters next to its text
            self.pieces.insert(self.block_pieces, _Piece(owner.tag_end - 1, owner.tag_end, "“", selected))
            self.pieces.append(_Piece(at, at + 1, "”", selected))
            start, end = owner.tag_end - 1, at + 1
        self.blocks.append(_Block(start, end, kind, selected))
        if not self.block_linked:
            self.last_prose = (start, end)
        elif kind is not BlockKind.ITEM and not (self.last_prose and _is_source_heading(self.text[slice(*self.last_prose)])):
            # a teaser: a headline or a "Read more" that is all link; from its first piece (with the blanks before it)
            self.navigation.append((min(start, self.pieces[self.block_pieces].start), end + 1))
        self.block_start = self.block_end = -1
        self.block_linked = True

    def _credit(self) -> bool:
        """Is the current block a credit line ("— Ana Ruiz (@anaruiz) April 15, 2019", as under an
        embedded post)? It names the quotation's speaker; it is no quotation itself."""
        shown = "".join(self.text[p.start:p.end] if p.text is None else p.text for p in self.pieces[self.block_pieces:])
        return CREDIT_LINE.match(shown.strip(_WS)) is not None

    def _close_to(self, index: int, at: int) -> None:
        """Close the open elements from `index` up (an end tag, or one implied)."""
        while len(self.stack) > index:
            if self.stack[-1].tag in _BLOCKS or self.stack[-1].tag == "li":
                self._flush(at)
            closed = self.stack.pop()
            if closed.furniture:
                self.furniture.append((closed.start, at, closed.in_body, closed.furniture == WEAK))
            self._closed(closed.tag, at)

    # ------------------------------------------------------------------ events
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._offset()
        end = self._tag_end(start)
        if tag in _BLOCKS or tag == "li":
            self._implied_ends(tag, start)
            self._flush(start)
        if tag in _VOID:
            return
        parent = self._top()
        values = {k: v or "" for k, v in attrs}
        selected = parent.selected if parent else 0
        furniture = furniture_of(values)
        for i, alternative in enumerate(self.selector):
            if not furniture and alternative.matches(tag, values):
                selected |= 1 << i
                self.matched |= 1 << i
                self.bodies.append(start)
        in_article = (parent.article if parent else False) or tag == "article"
        # a table set in a blockquote (an old way to indent one) is a table, not a speaker's words
        quoting = ((parent.quoting if parent else False) and tag != "table") or tag == "blockquote"
        skipped = (parent.skipped if parent else False) or tag in _SKIP or "hidden" in values \
            or values.get("aria-hidden") == "true" or _HIDDEN_STYLE.search(values.get("style", "")) is not None \
            or (tag in _PAGE_PARTS and not (quoting or (tag == "header" and in_article)))
        self.stack.append(_Open(tag, start, end, selected, skipped, quoting and tag not in ("footer", "cite"),
                                in_article, 0 if tag in _CONTAINERS else furniture, bool(parent and parent.selected)))
        if tag == "q" and not skipped:
            self._put(end - 1, end, "“")
        elif tag in ("ul", "ol"):
            self.lists.append(_List(start, len(self.blocks)))
        elif tag == "li" and self.lists:
            self.lists[-1].items += 1
        elif tag == "a":
            self.targets.append((end, values.get("href", "").strip()))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self._flush(self._offset())

    def handle_endtag(self, tag: str) -> None:
        at = self._offset()
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].tag == tag:
                if tag == "q" and not self.stack[i].skipped:
                    self._put(at, at + 1, "”")
                self._close_to(i, at)
                return

    def _closed(self, tag: str, at: int) -> None:
        """An element has closed at `at` (its end tag, or one implied)."""
        if tag == "a":
            if self.targets:
                start, href = self.targets.pop()
                if href:
                    self.anchors.append((start, at, href))
        elif tag in ("ul", "ol") and self.lists:
            done = self.lists.pop()
            if done.items and done.links_only and not self._under_source_heading(done):
                self.navigation.append((done.start, at))
            elif self.lists and not done.links_only:
                self.lists[-1].links_only = False

    def _under_source_heading(self, done: _List) -> bool:
        """Is the last block before the list a "Sources" / "References" heading (or a paragraph of
        those words alone)?"""
        if not done.blocks:
            return False
        before = self.blocks[done.blocks - 1]
        return before.kind is not BlockKind.ITEM and _is_source_heading(self.text[before.start:before.end])

    def _implied_ends(self, tag: str, at: int) -> None:
        """A block start closes an open <p>; <li>, <dt>, <dd> close their open sibling."""
        for i in range(len(self.stack) - 1, -1, -1):
            open_tag = self.stack[i].tag
            if open_tag == "p" or (tag == "li" and open_tag == "li") or (tag in ("dt", "dd") and open_tag in ("dt", "dd")):
                self._close_to(i, at)
                return
            if open_tag in ("ul", "ol", "dl", "blockquote", "div", "section", "article", "main", "body", "td"):
                return

    def handle_data(self, data: str) -> None:
        if data and self._reading():
            start = self._offset()
            self._put(start, start + len(data), None)

    def _reference(self, raw: str) -> None:
        if not self._reading():
            return
        start = self._offset()
        end = start + len(raw) + (1 if self.text.startswith(";", start + len(raw)) else 0)
        decoded = html.unescape(self.text[start:end])
        if not decoded or decoded.isspace():
            decoded = " "
        self._put(start, end, (decoded + " " * (end - start))[:end - start])
        self.references.append((start, end))

    def handle_entityref(self, name: str) -> None:
        self._reference("&" + name)

    def handle_charref(self, name: str) -> None:
        self._reference("&#" + name)

    def close(self) -> None:
        super().close()
        self._close_to(0, len(self.text))
        self._flush(len(self.text))


class _Words:
    """How many words the prose pieces hold, by extent and by the selector's alternative (`pieces`:
    the reader's, in order of their start)."""

    def __init__(self, text: str, pieces: list[_Piece]) -> None:
        self.pieces = sorted(pieces, key=lambda p: p.start)
        self.starts = [p.start for p in self.pieces]
        self.counts = [len(_WORD.findall(text, p.start, p.end)) if p.text is None else len(_WORD.findall(p.text))
                       for p in self.pieces]

    def between(self, start: int, end: int, skip: Callable[[int], bool], selected: int = 0) -> int:
        """Words in pieces starting in [start, end), leaving out those `skip` holds (and, given an
        alternative's bit, those outside its elements)."""
        total = 0
        for i in range(bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)):
            piece = self.pieces[i]
            if (selected and not piece.selected & selected) or skip(piece.start):
                continue
            total += self.counts[i]
        return total


def _is_source_heading(source: str) -> bool:
    """Is this block's source ("<b>Sources:</b>", "References") a heading over a source list?"""
    return bool(SOURCE_HEADING.match(re.sub(r"<[^>]*>", "", source).strip("*_ \t:")))


def layout(text: str, selector: str = DEFAULT_SELECTOR) -> Layout:
    """The prose and blocks of an HTML page's article body (`text` with "\\n" line ends)."""
    alternatives = parse_selector(selector)
    reader = _Reader(text, alternatives)
    reader.feed(text)
    reader.close()
    bodies = reader.bodies
    furniture = [(a, b, weak) for a, b, inside, weak in reader.furniture  # unless it holds a body from outside it
                 if inside or bisect.bisect_left(bodies, a) == bisect.bisect_left(bodies, b)]
    words = _Words(text, reader.pieces)
    strong = Covered(reader.navigation + [(a, b) for a, b, weak in furniture if not weak]).holds
    page = words.between(0, len(text), strong)
    # a "sidebar" or "related" element holding most of the page's prose is a layout column, not furniture
    furniture = [(a, b, weak) for a, b, weak in furniture if not weak or 2 * words.between(a, b, strong) <= page]
    navigational = Covered(reader.navigation + [(a, b) for a, b, _ in furniture]).holds
    page = words.between(0, len(text), navigational)
    chosen = 0
    for bit in (1 << i for i in range(len(alternatives))):  # the first alternative the page has ...
        if not reader.matched & bit:
            continue
        if selector != DEFAULT_SELECTOR:  # (a configured selector is taken as given)
            chosen = bit
            break
        held = words.between(0, len(text), navigational, bit)  # ... that holds more than teasers
        if held >= _TEASERS or held * _TEASER_SHARE >= page:
            chosen = bit
            break

    def kept(selected: int, at: int) -> bool:
        return (not chosen or bool(selected & chosen)) and not navigational(at)

    pieces = [p for p in words.pieces if kept(p.selected, p.start)]  # (in order of their start)
    blank = _NOT_NEWLINE.sub(" ", text)
    references = set(reader.references)
    kept_references: list[tuple[int, int]] = []  # the references the prose shows
    tags: list[tuple[int, int]] = []  # inline tags alone between two pieces: "re<i>ck</i>less", "<b>world</b>’s"
    out: list[str] = []
    pos = 0
    for piece in pieces:
        if piece.start < pos:
            continue
        if 0 < pos < piece.start and INLINE_TAGS.fullmatch(text, pos, piece.start) and "\n" not in text[pos:piece.start]:
            tags.append((pos, piece.start))
        out.append(blank[pos:piece.start])
        out.append(text[piece.start:piece.end] if piece.text is None else piece.text)
        pos = piece.end
        if (piece.start, piece.end) in references:
            kept_references.append((piece.start, piece.end))
    out.append(blank[pos:])
    blocks = [Block(b.start, b.end, b.kind) for b in reader.blocks if kept(b.selected, b.start)]
    blocks.sort()
    prose, joined = join_words("".join(out), kept_references, tags)
    links = tuple(a for a in sorted(reader.anchors) if not navigational(a[0]))
    return Layout(prose, blocks, tuple(merge_spans(kept_references + joined)), links, declared(text))
