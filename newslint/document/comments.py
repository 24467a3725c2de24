"""Readers' sections: comments and letters appended to an article, in readers' voices, not the writer's."""
from __future__ import annotations

import re

from newslint.cache import programs
from newslint.document.markup import Block, BlockKind
from newslint.document.quotations import Quotation

COMMENTS_HEADING = programs.compile(
    r"(?:(?:your|readers?['’]?|user|selected)\s+)?(?:comments?|views|letters|responses)|have\s+your\s+say"
    r"|what\s+(?:you|readers)\s+(?:think|said|say)",
    re.I,
)
# A paragraph in a reader's voice: the first person, or a question or exclamation.
_PERSONAL = programs.compile(r"\b(?:I|I['’](?:m|ve|d|ll))\b|\b(?i:me|my|we|our)\b|[?!]")
READER_SECTION_MIN = 5
READER_SECTION_SHARE = 0.6


def reader_sections(prose: str, blocks: list[Block], quotes: list[Quotation]) -> list[tuple[int, int]]:
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
