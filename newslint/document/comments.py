"""Readers' sections: comments and letters appended to an article, in readers' voices, not the writer's."""
from __future__ import annotations

import re
from typing import Sequence

from newslint.cache import programs
from newslint.document.markup import Block, BlockKind
from newslint.document.positions import merge_spans
from newslint.document.quotations import Quotation

COMMENTS_HEADING = programs.compile(
    r"(?:(?:your|readers?['’]?|user|selected)\s+)?(?:comments?|views|letters|responses)|have\s+your\s+say"
    r"|what\s+(?:you|readers)\s+(?:think|said|say)",
    re.I,
)
# A paragraph in a reader's voice: the first person, or a question or exclamation.
# "I" (or "I'm", "I've"...), "me", "my", "we", "our" as a word in any case, or "?" or "!": the
# pattern opens with the set of the first letters, so that the search skips at C speed to where
# one of them stands; each alternative then checks which letter it was (`(?<=[Mm])`), its other
# letters, and looks back for the word start (`(?<!\w..)`).
_PERSONAL = programs.compile(r"[IMmWwOo?!](?:(?<=I)(?<!\wI)\b|(?<=[Mm])[EeYy](?<!\w..)\b|(?<=[Ww])[Ee](?<!\w..)\b"
                             r"|(?<=[Oo])[Uu][Rr](?<!\w...)\b|(?<=[?!]))")
READER_SECTION_MIN = 5
READER_SECTION_SHARE = 0.6
STORY_MIN = 3  # paragraphs of the writer's own story before an unmarked readers' section
STORY_PERSONAL_SHARE = 0.2  # at most this share of them in the first person: the voice shifts after them


def reader_sections(prose: str, blocks: list[Block], quotes: list[Quotation], own: str = "") -> list[tuple[int, int]]:
    """Readers' contributions appended to an article: their words, not the writer's.

    A section runs from a "Your comments" / "Have your say" heading, or from a section break of
    two or more blank lines, to the next heading or the end. After a bare section break it counts
    only when it holds at least READER_SECTION_MIN paragraphs and most of them are in a reader's
    voice (the first person, questions, exclamations) outside quotation marks. With no mark at all,
    the story's last paragraphs are a readers' section when the voice shifts: at least
    READER_SECTION_MIN of them, most in a reader's voice, after at least STORY_MIN paragraphs of
    which hardly any are (a first-person dispatch is the writer's voice from its first paragraph,
    so it never shifts). `own`: `own_voice(prose, quotes)`, when already made.
    """
    out: list[tuple[int, int]] = []
    if len(blocks) < 2:
        return out
    # (`own`: the prose with quotations blanked, built on first need)
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
        if not own:
            own = own_voice(prose, quotes)
        personal = sum(1 for b in section if _PERSONAL.search(own, b.start, b.end))
        if section and (headed or (len(section) >= READER_SECTION_MIN
                                   and personal >= READER_SECTION_SHARE * len(section))):
            out.append((section[0].start, section[-1].end))
        i = max(j, i + 1)
    if not out:
        if not own:
            own = own_voice(prose, quotes)
        tail = _unmarked_tail(own, [b for b in blocks if b.kind is not BlockKind.HEADING])
        if tail is not None:
            out.append(tail)
    return out


def own_voice(prose: str, quotes: Sequence[Quotation]) -> str:
    """The prose with every quotation blanked (offsets kept)."""
    out: list[str] = []
    at = 0
    for a, b in merge_spans((q.start, q.end) for q in quotes if q.end > q.start):
        out += (prose[at:a], " " * (b - a))
        at = b
    out.append(prose[at:])
    return "".join(out)


def _unmarked_tail(own_voice: str, paragraphs: list[Block]) -> tuple[int, int] | None:
    """The longest run of last paragraphs in a reader's voice after the writer's story (see above)."""
    personal = [bool(_PERSONAL.search(own_voice, b.start, b.end)) for b in paragraphs]
    before, after = 0, sum(personal)  # personal paragraphs before `start`, and from it on
    for start in range(len(paragraphs) - READER_SECTION_MIN + 1):
        if start >= STORY_MIN and personal[start] and after >= READER_SECTION_SHARE * (len(paragraphs) - start) \
                and before <= STORY_PERSONAL_SHARE * start:
            return paragraphs[start].start, paragraphs[-1].end
        before += personal[start]
        after -= personal[start]
    return None
