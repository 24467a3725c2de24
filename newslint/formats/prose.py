"""A story as prose HTML for the report: its blocks as the linter reads them, its inline Markdown
(emphasis, links, code) turned into elements, and each finding laid over the text as a highlight.

Offsets are the story's own: blocks come from the document's markup analysis, inline syntax is
hidden character by character, and highlights are cut at the same offsets, so a highlight covers
exactly the flagged words whatever markup surrounds them.
"""
from __future__ import annotations

import html
import re
from typing import Iterator, NamedTuple, Sequence

from newslint.document import Document
from newslint.document.markup import Block, BlockKind, Markup


class Mark(NamedTuple):
    """A finding to highlight: its span, its key (for ids and links), its number and CSS class."""

    start: int
    end: int
    key: str
    number: int
    css: str


class Row(NamedTuple):
    """One block of the story as HTML and the marks that start in it (their notes go beside it)."""

    html: str
    marks: tuple[Mark, ...]


_FRONT = re.compile(r"\A(?:---|\+\+\+)[ \t]*\n(.*?)\n(?:---|\+\+\+|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_META_LINE = re.compile(r"^([\w -]{1,40})\s*[:=]\s*(.*)$")
_CODE = re.compile(r"(`+)([^`\n]+?)\1")
_LINK = re.compile(r"(!?)\[([^\]\n]*)\]\(([^)\s]*)(?:\s+\"[^\"\n]{0,300}\")?\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EM = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?!\*)|(?<![\w_])_(?=[^\s_])([^_\n]+?)(?<=[^\s_])_(?![\w_])")
_HIDDEN = re.compile(r"<!--.*?(?:-->|\Z)|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>\n]*)?/?>|\\(?=[\\`*_{}\[\]()#+\-.!>])", re.S)
_QUOTE_MARK = re.compile(r"^[ \t]*>[ \t]?", re.M)
_SAFE_HREF = re.compile(r"^(?:https?:|mailto:|(?![\w+.-]*:)[#./\w])", re.I)


class _Element(NamedTuple):
    start: int
    end: int
    open: str
    close: str


def front_matter(text: str) -> str:
    """The front matter as a header block of `key: value` pairs ("" when there is none)."""
    m = _FRONT.match(text)
    if not m:
        return ""
    rows = []
    for line in m.group(1).splitlines():
        pair = _META_LINE.match(line.strip())
        if pair and pair.group(2).strip():
            value = pair.group(2).strip().strip("\"'")
            rows.append(f"<dt>{html.escape(pair.group(1).strip())}</dt><dd>{html.escape(value)}</dd>")
    return f'<dl class="meta">{"".join(rows)}</dl>' if rows else ""


def _heading_level(text: str, block: Block) -> int:
    line_start = text.rfind("\n", 0, block.start) + 1
    hashes = text[line_start:block.start].count("#")
    if hashes:
        return min(hashes, 6)
    after = text[block.end:block.end + 3].lstrip("\r\n")
    if after.startswith("="):
        return 1
    return 2 if after.startswith("-") else 3


def _inline(text: str, start: int, end: int, markdown: bool) -> tuple[list[tuple[int, int]], list[_Element]]:
    """Hidden spans (syntax) and elements (links, emphasis, code) of text[start:end]."""
    hidden: list[tuple[int, int]] = []
    elements: list[_Element] = []
    if not markdown:
        return hidden, elements
    piece = text[start:end]
    taken: list[tuple[int, int]] = []  # code spans and link syntax: no emphasis is read inside them

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in taken)

    for m in _CODE.finditer(piece):
        a, b = start + m.start(), start + m.end()
        hidden += [(a, start + m.start(2)), (start + m.end(2), b)]
        elements.append(_Element(start + m.start(2), start + m.end(2), "<code>", "</code>"))
        taken.append((a, b))
    for m in _LINK.finditer(piece):
        a, b = start + m.start(), start + m.end()
        if not free(a, b):
            continue
        hidden += [(a, start + m.start(2)), (start + m.end(2), b)]
        href = m.group(3)
        if m.group(1) or not _SAFE_HREF.match(href):
            elements.append(_Element(start + m.start(2), start + m.end(2), '<span class="img">', "</span>"))
        else:
            elements.append(_Element(start + m.start(2), start + m.end(2),
                                     f'<a href="{html.escape(href, quote=True)}">', "</a>"))
        taken.append((start + m.end(2), b))
    for m in _AUTOLINK.finditer(piece):
        a, b = start + m.start(), start + m.end()
        if free(a, b):
            hidden += [(a, a + 1), (b - 1, b)]
            elements.append(_Element(a + 1, b - 1, f'<a href="{html.escape(m.group(1), quote=True)}">', "</a>"))
            taken.append((a, b))
    for pattern, tag in ((_STRONG, "strong"), (_EM, "em")):
        for m in pattern.finditer(piece):
            a, b = start + m.start(), start + m.end()
            if not free(a, b):
                continue
            inner = 2 if pattern is _STRONG or m.group(1) is None else 1
            ia, ib = start + m.start(inner), start + m.end(inner)
            hidden += [(a, ia), (ib, b)]
            elements.append(_Element(ia, ib, f"<{tag}>", f"</{tag}>"))
    for m in _HIDDEN.finditer(piece):
        if free(start + m.start(), start + m.end()):
            hidden.append((start + m.start(), start + m.end()))
    return hidden, elements


def _covered(spans: Sequence[tuple[int, int]], a: int, b: int) -> bool:
    return any(x <= a and b <= y for x, y in spans)


def _body(text: str, start: int, end: int, marks: Sequence[Mark], markdown: bool, quote: bool) -> str:
    """The HTML of text[start:end] with its inline markup and highlights."""
    hidden, elements = _inline(text, start, end, markdown)
    if quote:
        piece = text[start:end]
        hidden += [(start + m.start(), start + m.end()) for m in _QUOTE_MARK.finditer(piece)]
    spans = [(max(m.start, start), min(max(m.end, m.start + 1), end), m) for m in marks]
    spans = [(a, b, m) for a, b, m in spans if a < b]
    # A highlight over syntax only (a link's target) shows that syntax; others show the words alone.
    bare = {m.key for a, b, m in spans if all(_covered(hidden, x, x + 1) for x in range(a, b))}
    cuts = sorted({start, end, *(p for h in hidden for p in h), *(p for e in elements for p in e[:2]),
                   *(p for s in spans for p in s[:2])})
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:]):
        if not start <= a < b <= end:
            continue
        active = [m for x, y, m in spans if x <= a and b <= y]
        for x, _, m in spans:
            if x == a:
                out.append(f'<span class="anchor" id="h-{m.key}"></span>')
        if not _covered(hidden, a, b) or any(m.key in bare for m in active):
            chunk = html.escape(text[a:b]).replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
            if active:
                worst = max(active, key=lambda m: _RANK.get(m.css, 0)).css
                keys = " ".join(m.key for m in active)
                chunk = f'<mark class="hit {worst}" data-f="{keys}">{chunk}</mark>'
            around = [e for e in elements if e.start <= a and b <= e.end]
            out.append("".join(e.open for e in around) + chunk + "".join(e.close for e in reversed(around)))
        for _, y, m in spans:
            if y == b:
                out.append(f'<sup class="ref" data-f="{m.key}"><a href="#n-{m.key}" '
                           f'aria-label="note {m.number}">{m.number}</a></sup>')
    return "".join(out)


_RANK = {"suggestion": 1, "warning": 2, "error": 3}


def _home(blocks: Sequence[Block], mark: Mark) -> int:
    """The block a mark belongs to: the one holding its start, else the next one, else the last."""
    for i, b in enumerate(blocks):
        if mark.start < b.end or (mark.start == b.end and mark.end <= b.end):
            return i
    return len(blocks) - 1


def _pin(mark: Mark) -> str:
    """A highlight for a finding about a place outside the text shown (a marker, a blank line)."""
    return (f'<span class="anchor" id="h-{mark.key}"></span><mark class="hit pin {mark.css}" data-f="{mark.key}">'
            f'&#182;</mark><sup class="ref" data-f="{mark.key}"><a href="#n-{mark.key}" '
            f'aria-label="note {mark.number}">{mark.number}</a></sup> ')


def rows(text: str, path: str, marks: Sequence[Mark]) -> Iterator[Row]:
    """The story's blocks as HTML rows, each with the marks whose notes go beside it."""
    doc = Document.from_text(text, path)
    text = doc.text  # without a byte-order mark, as offsets count
    markdown = doc.markup is Markup.MARKDOWN
    blocks = doc.blocks
    if not blocks:
        if marks:
            yield Row("<p>" + "".join(_pin(m) for m in marks) + "</p>", tuple(marks))
        return
    homes: dict[int, list[Mark]] = {}
    for m in marks:
        homes.setdefault(_home(blocks, m), []).append(m)
    front = _FRONT.match(text) if markdown else None
    for i, block in enumerate(blocks):
        here = homes.get(i, [])
        if front is not None and block.end <= front.end() and not here:
            continue  # a front matter field read as prose: the header block shows it
        pins = "".join(_pin(m) for m in here if max(m.end, m.start + 1) <= block.start or m.start >= block.end)
        quote = markdown and text[block.start:block.start + 1] == ">"
        body = pins + _body(text, block.start, block.end, here, markdown, quote)
        if block.kind is BlockKind.HEADING:
            level = _heading_level(text, block)
            tag = f"h{level + 1 if level < 6 else 6}"  # h1 is the report's own title
            yield Row(f'<{tag} class="hl{level}">{body}</{tag}>', tuple(here))
        elif block.kind is BlockKind.ITEM:
            line_start = text.rfind("\n", 0, block.start) + 1
            marker = text[line_start:block.start].strip()
            bullet = marker if marker[:1].isdigit() else "\u2022"
            yield Row(f'<p class="item"><span class="bullet">{html.escape(bullet)}</span> {body}</p>', tuple(here))
        elif quote:
            yield Row(f"<blockquote>{body}</blockquote>", tuple(here))
        else:
            yield Row(f"<p>{body}</p>", tuple(here))
