"""Hide what is not prose (front matter, code, URLs, link targets) and find the article's blocks.

Masking replaces characters with spaces and keeps newlines, so every offset into the
masked text is an offset into the original text.
"""
from __future__ import annotations

import enum
import re
from typing import NamedTuple

from newslint.cache import programs


class Markup(enum.Enum):
    MARKDOWN = "markdown"
    TEXT = "text"

    @classmethod
    def for_path(cls, path: str) -> Markup:
        return cls.TEXT if path.lower().endswith(".txt") else cls.MARKDOWN


class BlockKind(enum.Enum):
    PARAGRAPH = "paragraph"
    HEADING = "heading"
    ITEM = "item"


class Block(NamedTuple):
    """A paragraph, heading or list item: `start`..`end` is its content, markers excluded."""

    start: int
    end: int
    kind: BlockKind


_FRONT_MATTER = programs.compile(r"\A(?:---|\+\+\+)[ \t]*\n.*?\n(?:---|\+\+\+|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
# A metadata prefix glued to the first line: "date 2024-01-05", "Published: 2024-01-05T10:00".
_META_PREFIX = programs.compile(
    r"\A[ \t]*(?:date|published|updated|posted|dateline)[ \t]*:?[ \t]*\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?Z?)?",
    re.I,
)
_FENCE = programs.compile(r"^[ \t]{0,3}(```+|~~~+).*?(?:^[ \t]{0,3}\1[ \t]*$|\Z)", re.M | re.S)
_HTML_COMMENT = programs.compile(r"<!--.*?(?:-->|\Z)", re.S)
_INLINE_CODE = programs.compile(r"(`+)[^`\n]+?\1")
# Scans stop at "]" and titles are bounded, so a line of unclosed "](" costs linear time, not quadratic.
_LINK_TARGET = programs.compile(r"\]\([^)\s\]]*(?:\s+\"[^\"\n]{0,300}\")?\)")
_REF_DEFINITION = programs.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*\S+.*$", re.M)
_AUTOLINK = programs.compile(r"<(?:https?|mailto|ftp):[^>\s]*>")
_HTML_TAG = programs.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>\n]*)?/?>")
_URL = programs.compile(r"\b(?:https?://|www\.)[^\s<>()\[\]\"“”]+[^\s<>()\[\]\"“”.,;:!?'’]")
_EMAIL = programs.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")  # starts only where a run starts
_INDENTED_CODE = programs.compile(r"(?:(?<=\n\n)|(?<=\n \n)|\A)(?:(?:    |\t)[^\n]*(?:\n|\Z))+")

_ATX_MARK = programs.compile(r"^[ \t]{0,3}(#{1,6})[ \t]", re.M)
_ATX = programs.compile(r"^[ \t]{0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$")
_SETEXT = programs.compile(r"^[ \t]{0,3}(?:=+|-{2,})[ \t]*$")
_ITEM = programs.compile(r"^[ \t]*(?:[-*+•–—]|\d{1,3}[.)])[ \t]+")
_BOLD_LINE = programs.compile(r"^[ \t]*(\*\*|__)[^*_\n]+\1:?[ \t]*$")
_LABEL_LINE = programs.compile(r"^[ \t]*[^\n.!?]{1,60}:[ \t]*$")
_SPEECH_END = programs.compile(r"\b(?:said|says|say|told|tells|added|adds|wrote|writes|asked|asks|explained|stated|declared)\s*:\s*$", re.I)
_TERMINAL = programs.compile(r"[.!?…\"”’')\]]\s*$")


_NOT_NEWLINE = programs.compile(r"[^\n]+")


def _spaces(m: re.Match[str]) -> str:
    return " " * (m.end() - m.start())


def _apply(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with every character inside one of `spans`, except newlines, replaced by a space."""
    if not spans:
        return text
    pieces: list[str] = []
    pos = 0
    for start, end in sorted(spans):
        start = max(start, pos)
        if end <= start:
            continue
        pieces.append(text[pos:start])
        pieces.append(_NOT_NEWLINE.sub(_spaces, text[start:end]))
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)


def blank(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with every character inside one of `spans`, except newlines, replaced by a space."""
    return _apply(text, spans)


def mask_structure(text: str, markup: Markup) -> str:
    """Hide whole non-prose regions: front matter, metadata prefix, code blocks, comments, tags."""
    spans: list[tuple[int, int]] = []
    m = _FRONT_MATTER.match(text) if markup is Markup.MARKDOWN else None
    if m:
        spans.append(m.span())
    else:
        m = _META_PREFIX.match(text)
        if m:
            spans.append(m.span())
    if markup is Markup.MARKDOWN:
        for pattern in (_FENCE, _INDENTED_CODE, _HTML_COMMENT, _REF_DEFINITION, _HTML_TAG):
            spans.extend(x.span() for x in pattern.finditer(text))
    return _apply(text, spans)


def mask_inline(structure: str, markup: Markup) -> str:
    """Hide non-prose inside lines: heading marks, inline code, link targets, URLs, e-mail addresses."""
    spans: list[tuple[int, int]] = []
    if markup is Markup.MARKDOWN:
        for pattern in (_INLINE_CODE, _LINK_TARGET, _AUTOLINK):
            spans.extend(x.span() for x in pattern.finditer(structure))
        spans.extend(x.span(1) for x in _ATX_MARK.finditer(structure))
    if "http" in structure or "www." in structure:  # every URL starts with one of these
        spans.extend(x.span() for x in _URL.finditer(structure))
    if "@" in structure:
        spans.extend(x.span() for x in _EMAIL.finditer(structure))
    return _apply(structure, spans)


def blocks(prose: str, markup: Markup) -> list[Block]:
    """Split structurally masked text into headings, list items and paragraphs (blank lines separate)."""
    out: list[Block] = []
    para_start = para_end = -1
    first_content = True

    def close() -> None:
        nonlocal para_start, first_content
        if para_start >= 0:
            kind = BlockKind.PARAGRAPH
            segment = prose[para_start:para_end]
            if "\n" not in segment and (_BOLD_LINE.match(segment) or (
                    _LABEL_LINE.match(segment) and len(segment.split()) <= 6 and not _SPEECH_END.search(segment))):
                kind = BlockKind.HEADING
            elif first_content and markup is Markup.TEXT and "\n" not in segment \
                    and not _TERMINAL.search(segment) and len(segment.split()) <= 20:
                kind = BlockKind.HEADING  # the headline of a plain-text article
            out.append(Block(para_start, para_end, kind))
            first_content = False
        para_start = -1

    pos = 0
    for body in prose.split("\n"):  # only "\n" ends a line here (see Document.from_text)
        start, end = pos, pos + len(body)
        pos = end + 1
        stripped = body.strip()
        if not stripped:
            close()
            continue
        lead = len(body) - len(body.lstrip())
        if markup is Markup.MARKDOWN:
            atx = _ATX.match(body)
            if atx:
                close()
                out.append(Block(start + atx.start(2), start + atx.end(2), BlockKind.HEADING))
                first_content = False
                continue
            if _SETEXT.match(body) and para_start >= 0 and "\n" not in prose[para_start:para_end]:
                out.append(Block(para_start, para_end, BlockKind.HEADING))
                para_start = -1
                first_content = False
                continue
        item = _ITEM.match(body)
        if item:
            close()
            para_start = start + item.end()
            para_end = max(para_start, start + len(body.rstrip()))  # trailing space is not content
            out.append(Block(para_start, para_end, BlockKind.ITEM))
            para_start = -1
            first_content = False
            continue
        if para_start < 0:
            para_start = start + lead
        para_end = start + len(body.rstrip())
    close()
    return out
