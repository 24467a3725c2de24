"""Find direct quotations (straight and curly, across paragraphs) and whether a speaker is named."""
from __future__ import annotations

import bisect
import re
from typing import Iterator, NamedTuple, Sequence

from newslint.cache import programs
from newslint.document import speakers
from newslint.document.markup import Block, BlockKind
from newslint.document.positions import fold, occurrences


class Quotation(NamedTuple):
    """A quotation from its opening mark to its closing mark (or the end of its paragraph)."""

    start: int
    end: int
    attributed: bool
    words: int


_OPENERS = {"“": "”", '"': '"', "«": "»", "„": "“"}
_CLOSERS = {"”", '"', "»", "“"}


def _by_first_letter(alternatives: tuple[str, ...]) -> str:
    """An alternation of `alternatives` (patterns that open with a lower-case letter) grouped by that
    letter, in order within each group: it matches what `(?:a|b|...)` matches, and the search tries
    only the group of the letter at hand."""
    groups: dict[str, list[str]] = {}
    for alt in alternatives:
        groups.setdefault(alt[0], []).append(alt[1:])
    return "(?:" + "|".join(f"{k}(?:{'|'.join(rest)})" for k, rest in groups.items()) + ")"


def finditer_from(pattern: re.Pattern[str], text: str, starts: tuple[str, ...], pos: int, stop: int) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text, pos, stop)`, where every match begins with one of `starts`: the pattern
    is tried only where `str.find` finds one of them."""
    found: list[int] = []
    for start in starts:
        found += occurrences(text, start, pos, stop)
    found.sort()
    for i in found:
        if i >= pos:
            m = pattern.match(text, i, stop)
            if m:
                yield m
                pos = m.end()


# Speech and attribution cues that name whose words a quotation is.
_SPEECH_CUES = (
    "said", "says", "say", "saying", "told", "tells", "tell", "added", "adds", "asked", "asks", r"according\s+to",
    "wrote", "writes", "stated", "states", "explained", "explains", "insisted", "insists", "claimed", "claims",
    "argued", "argues", "warned", "warns", "noted", "notes", "declared", "announced", "replied", "replies",
    "responded", "continued", "recalled", "urged", "acknowledged", "admitted", "conceded", "stressed", "called",
    "calls", "described", "describes", "dubbed", "termed", "labelled", "labeled", "branded", "tweeted", "posted",
    "quoted", "quoting", "cited", "reported", "reports", "testified", "vowed", "pledged", "promised", "predicted", "suggested",
    "commented", "remarked", "observed", r"put\s+it", "reads?", "statement", "interview", r"spokes\w+", "calling",
    "accuse[ds]?", "accusing", "praise[ds]?", "praising", "condemn(?:s|ed)?", "denounce[ds]?", "critici[sz]e[ds]?",
    "hail(?:s|ed)?", "complain(?:s|ed)?",
    # how it was said, as features and interviews set out a quotation ("'...,' she laughs.", "'...,' recalls Ana Ruiz")
    "recalls", "admits", "concedes", "laugh(?:s|ed)", "smile[sd]", "joke[sd]", "sigh(?:s|ed)", "shrug(?:s|ged)",
    "grin(?:s|ned)", "chuckle[sd]", "quip(?:s|ped)", "muse[sd]", "reflect(?:s|ed)", "remember(?:s|ed)",
    "beam(?:s|ed)", "groan(?:s|ed)", "confide[sd]", "boast(?:s|ed)", "enthuse[sd]", "recount(?:s|ed)", "reveal(?:s|ed)",
    "wonder(?:s|ed)", "agree[sd]",
    # a study's or a survey's finding names whose words are quoted ("'shocking' levels of abuse, a study shows")
    r"study\s+(?:shows|showed|found|finds|suggests|concluded)", r"survey\s+(?:shows|showed|found|finds|suggests)",
    r"research\s+(?:shows|showed|found|finds|suggests)", r"poll\s+(?:shows|showed|found|finds|suggests)",
    r"report\s+(?:shows|showed|found|finds|suggests|concluded)", "dismiss(?:es|ed)?", "reject(?:s|ed)?", "den(?:y|ies|ied)",
)
SPEECH = programs.compile(r"\b(?:" + "|".join(_SPEECH_CUES) + r")\b", re.I)
_SPEECH_FOLDED = programs.compile(r"\b" + _by_first_letter(_SPEECH_CUES) + r"\b")  # the same, in `fold`ed text


class Cues:
    """Searches one document's prose for speech cues (in its folded form when there is one)."""

    def __init__(self, prose: str) -> None:
        folded = fold(prose)
        self.text = prose if folded is None else folded
        self.search = (SPEECH if folded is None else _SPEECH_FOLDED).search

    def within(self, start: int, end: int) -> bool:
        """Is there a speech cue in `prose[start:end]` (as `SPEECH.search(prose, start, end)` finds)?"""
        return self.search(self.text, start, end) is not None


def speech_cues(text: str) -> Cues:
    """A searcher for speech cues in `text`, made once and asked many times."""
    return Cues(text)


def _first(text: str, marks: tuple[str, ...], pos: int, end: int) -> int:
    """The offset of the first of `marks` in `text[pos:end]`; -1 if none."""
    first = -1
    for mark in marks:
        i = text.find(mark, pos, end if first < 0 else first)
        if i >= 0:
            first = i
    return first


def _straight_close(prose: str, opened: int, end: int) -> tuple[int, bool]:
    """The straight quote that ends a quotation opened at `opened`: (position, reopens).

    A mark after a non-space closes it. A mark after a space and before a word opens the next
    paragraph of the same quotation ("...sport. "In coming to..."), so the open one ends there.
    """
    j = prose.find('"', opened + 1, end)
    if j < 0:
        return -1, False
    after = prose[j + 1:j + 2]
    return j, prose[j - 1].isspace() and bool(after) and not after.isspace()


# Single quotation marks: 'like this' (BBC style, headlines) and ‘like this’. The opening mark follows
# a space, a bracket or the start of the text and precedes a word character; the closing mark follows
# a non-space and precedes no word character, so apostrophes (don't, the players' union) are not marks.
SINGLE_MAX_CHARS = 240  # a longer single-quoted stretch is more likely two apostrophes than a quotation
_SINGLE_OPENERS = ("'", "‘")  # the pattern is tried only where str.find finds one of these
_SINGLE = programs.compile(r"(?<![\w'’‘])(['‘])(?=\w)([^\n]{0,%d}?[^\s'‘])(['’])(?!\w)" % SINGLE_MAX_CHARS)


def _single_pairs(prose: str, start: int, end: int, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Single-quoted spans in one block that lie outside the double-quoted ones (`taken`, sorted)."""
    out: list[tuple[int, int]] = []
    if prose.find("'", start, end) < 0 and prose.find("‘", start, end) < 0:
        return out
    starts = [x for x, _ in taken]
    for m in finditer_from(_SINGLE, prose, _SINGLE_OPENERS, start, end):
        a, b = m.start(), m.end()
        if m.group(1) == "‘" and m.group(3) != "’":
            continue
        i = bisect.bisect_left(starts, b) - 1  # the last double-quoted span starting before b
        if i >= 0 and taken[i][1] > a:
            continue
        out.append((a, b))
    return out


_UNCLOSED = -2  # what `_mixed_close` returns for a quotation whose closing mark is missing


def _closing(prose: str, k: int) -> bool:
    """Is the straight mark at `k` in closing position: after a non-space, before no letter or digit?
    (Not after a digit: 6'2" is an inch mark.)"""
    return k > 0 and not prose[k - 1].isspace() and not prose[k - 1].isdigit() and not prose[k + 1:k + 2].isalnum()


def _mixed_close(prose: str, opened: int, end: int, closer: str, last: dict[str, int]) -> int:
    """Where a quotation opened at `opened` ends when its marks are mixed (copy pasted together from
    straight and curly sources) or its closing mark is missing: -1 when neither is so, `_UNCLOSED`
    when it is never closed. `last`: the last offset of each mark in the block (-1: none), so that a
    search for a mark that is not there reads nothing.

    A straight quotation ends at a curly closing mark that comes before its next straight mark, unless a
    curly opening mark nests a quotation before it. A curly quotation ends at the first straight mark
    in closing position before its own closing mark (a straight pair in opening and closing position
    nests: "a "farce" today"); one whose own closing mark comes only after the next curly opening mark
    was never closed (double curly marks do not nest in English).
    """
    if closer == '"':
        straight = prose.find('"', opened + 1, end) if last['"'] > opened else -1
        curly = prose.find("”", opened + 1, end if straight < 0 else straight) if last["”"] > opened else -1
        return curly if curly >= 0 and prose.find("“", opened + 1, curly) < 0 else -1
    if closer != "”":
        return -1
    own = prose.find("”", opened + 1, end) if last["”"] > opened else -1
    stop = end if own < 0 else own
    k = prose.find('"', opened + 1, stop) if last['"'] > opened else -1
    while k >= 0:
        if _closing(prose, k):
            return k
        partner = prose.find('"', k + 1, stop)  # the nested quotation's closing mark
        k = prose.find('"', partner + 1, stop) if partner >= 0 else -1
    if own >= 0 and prose.find("“", opened + 1, own) >= 0:
        return _UNCLOSED
    return -1


def _pairs(prose: str, start: int, end: int, open_at_start: bool,
           openers: tuple[str, ...] = tuple(_OPENERS), lines: bool = False) -> tuple[list[tuple[int, int]], bool]:
    """Quotation spans in one block; returns (spans, still open at the block's end).

    An opening mark is closed by its own closing mark, or by the other style's when the marks are
    mixed (`_mixed_close`); a straight quote right after a letter or digit (12" or an inch mark) does
    not open a quotation. `openers`: the opening marks to look for (those in the text). With `lines`
    (the next paragraph does not carry the quotation on), a quotation never closed ends at its line's end.
    """
    spans: list[tuple[int, int]] = []
    pos = start
    last = {'"': prose.rfind('"', start, end), "”": prose.rfind("”", start, end)}
    if open_at_start:
        opened, closer = start, ""
    else:
        opened = -1
    while True:
        if opened < 0:
            i = _first(prose, openers, pos, end)
            if i < 0:
                return spans, False
            ch = prose[i]
            if ch == '"' and i != start and prose[i - 1].isalnum():
                pos = i + 1
                continue
            if ch == '"' and prose[i + 1:i + 2] == '"' and prose[i + 2:i + 3].isalnum():
                i += 1  # a doubled mark (""word, as a spreadsheet export writes it) opens one quotation
            opened, closer = i, _OPENERS[ch]
        mixed = _mixed_close(prose, opened, end, closer, last)
        if mixed == _UNCLOSED and not lines:
            mixed = -1  # carried on into the next paragraph: its own closing mark is the best guess
        if mixed != -1:
            j = mixed if mixed >= 0 else -1
        elif closer == '"':
            j, reopens = _straight_close(prose, opened, end)
            if reopens:
                spans.append((opened, j))
                opened = j
                continue
        elif closer:
            j = prose.find(closer, opened + 1, end)
        else:
            j = min((k for k in (prose.find(c, opened + 1, end) for c in _CLOSERS) if k >= 0), default=-1)
        if j < 0:
            line_end = prose.find("\n", opened, end) if lines else -1
            if line_end < 0:
                spans.append((opened, end))
                return spans, True
            spans.append((opened, line_end))
            opened, pos = -1, line_end
            continue
        spans.append((opened, j + 1))
        opened, pos = -1, j + 1


_LOOKBACK = 300  # characters before a quotation searched for "he said:"


def _speech_before(cues: Cues, q_start: int, block: Block) -> bool:
    """Does a speech cue and a colon come just before the quotation ("She said: ...")?"""
    before = cues.text[max(block.start, q_start - _LOOKBACK):q_start]
    return before.rstrip().endswith(":") and bool(cues.search(before[-80:]))


# A credit after a quotation, as under a pull quote: "“...” — Ana Ruiz, resident" or "“...” - **Lane Becker**":
# a dash and a capitalized name, or a dash before what is not prose (a template that prints the name).
_DASH = r"[ \t]*[-\u2013\u2014\u2015~]{1,2}[ \t]*"
_NAME = r"[*_\[(]*(?-i:[A-Z])[^\n]{0,80}"
_CREDIT = programs.compile(_DASH + r"(?:" + _NAME + r"|[ \t]*)$")  # after the quotation, on its line
CREDIT_LINE = programs.compile(_DASH + _NAME + r"$")  # the paragraph after it (a blockquote's last one too)
_CREDIT_ITEM = programs.compile(_NAME + r"$")  # the same, its dash read as a list's marker


def _credited(prose: str, q_end: int, block: Block, following: Block | None, lone_item: bool) -> bool:
    """Does the quotation's paragraph end in a credit naming its speaker ("“...” — Ana Ruiz"), or, where
    the quotation ends its paragraph, is the next one such a credit line ("— Ana Ruiz, resident"),
    which Markdown reads as a list of one item?"""
    after = " ".join(prose[q_end:block.end].split())  # (as read: a page's tags leave blanks between the words)
    if after and len(after) <= 100 and _CREDIT.match(" " + after) is not None:
        return True
    if following is None or after:
        return False
    credit = _CREDIT_ITEM if following.kind is BlockKind.ITEM and lone_item else CREDIT_LINE
    return credit.match(" ".join(prose[following.start:following.end].split())) is not None


def _speech_outside(cues: Cues, block: Block, quotes: Sequence[tuple[int, int]]) -> bool:
    """Is there a speech cue in the block outside its quotation marks?"""
    outside = []
    pos = block.start
    for a, b in quotes:
        outside.append(cues.text[pos:a])
        pos = b
    outside.append(cues.text[pos:block.end])
    return bool(cues.search(" ".join(outside)))


def find(prose: str, blocks: Sequence[Block]) -> list[Quotation]:
    """All quotations, in order; a quotation continued in the next paragraph inherits its speaker. A
    speaker's turn in an interview is one attributed quotation from its label's colon to its end, a
    quotation under a line naming its speaker ("Rovers manager Tom Hale:") is theirs, and so is a quotation
    opening a paragraph under a heading that names a person (see `speakers`)."""
    out: list[Quotation] = []
    cues = Cues(prose)
    openers = tuple(mark for mark in _OPENERS if mark in prose)
    marks = openers + tuple(mark for mark in _SINGLE_OPENERS if mark in prose)  # a paragraph without one holds none
    carry_open = False
    carry_attributed = False
    chain = 0  # where in `out` the quotation carried over paragraphs began
    turns, heard = speakers.turns(prose, blocks) if ":" in prose else ({}, {})
    named = headed = False  # under a heading that names a person; past the first heading
    for index, block in enumerate(blocks):
        if block.kind is BlockKind.HEADING:
            carry_open = False
            named = headed and speakers.names_a_person(prose, block)  # (a section's heading, not the story's)
            headed = True
        if index in turns:
            said = prose[turns[index]:block.end]
            out.append(Quotation(turns[index], turns[index] + len(said.rstrip()), True, len(said.split())))
            carry_open = False
            continue
        starts_with_quote = prose[block.start:block.start + 1] in _OPENERS
        continuing = carry_open and starts_with_quote
        if _first(prose, marks, block.start, block.end) < 0:
            carry_open = False  # no quotation in it, and none carried on past it
            continue
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        carried = following is not None and prose[following.start:following.start + 1] in _OPENERS
        spans, open_at_end = _pairs(prose, block.start, block.end, False, openers, lines=not carried)
        singles = _single_pairs(prose, block.start, block.end, spans)
        if singles:
            spans = sorted(spans + singles)
        prev_block = blocks[index - 1] if index else None
        outside: bool | None = None  # computed once per block: many quotations must not cost n²
        for n, (a, b) in enumerate(spans):
            words = len(prose[a:b].split())
            if continuing and n == 0:
                attributed = carry_attributed
                if not attributed and len(spans) == 1:
                    # the last paragraph of a quotation in several ends in its credit ("... the better.” - Ana
                    # Ruiz"): the credit names the speaker of every paragraph of it
                    lone = index + 2 >= len(blocks) or blocks[index + 2].kind is not BlockKind.ITEM
                    attributed = _credited(prose, b, block, following, lone)
                    if attributed:
                        out[chain:] = [q._replace(attributed=True) for q in out[chain:]]
            else:
                attributed = _speech_before(cues, a, block)
                if not attributed:
                    if outside is None:
                        outside = _speech_outside(cues, block, spans)
                    attributed = outside
                if not attributed and n == len(spans) - 1:
                    lone = index + 2 >= len(blocks) or blocks[index + 2].kind is not BlockKind.ITEM
                    attributed = _credited(prose, b, block, following, lone)
                if not attributed and a == block.start and prev_block is not None:
                    tail = cues.text[prev_block.start:prev_block.end].rstrip()
                    attributed = named or tail.endswith(":") and bool(cues.search(tail[-120:]))
            if not attributed and index in heard:
                attributed = a >= heard[index]  # under a line naming its speaker ("Rovers manager Tom Hale:")
            out.append(Quotation(a, b, attributed, words))
        if open_at_end and spans:
            if not continuing:
                chain = len(out) - 1
            carry_open, carry_attributed = True, out[-1].attributed
        else:
            carry_open = False
    return out
