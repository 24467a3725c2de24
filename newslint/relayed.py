"""Relayed speech that names its speaker other than by a verb before the clause.

Three shapes, each a span whose word choices are the speaker's as the writer relays them (read, as
`reported.paraphrases` are, only in a straight story):
- a sentence that carries on someone's reported words in the same paragraph with the obligation
  they expressed, in the tense the report shifts it to ("She said the movement had to change. And it
  had to stop courting the elites."; after a quotation: "Russia needed a less corrupt court system."):
  `had to`, `needed to`, `would have to`, `ought to`, `should`, `must` as its verb, the sentence before
  it in the paragraph reporting speech (a verb of saying or a quotation mark);
- a headline that reports what someone says in the present tense, with the speaker before the verb
  ("Mayor warns of bleak winter", "Minister issues warning to cheats"): the words after the verb are
  the speaker's message (not whom someone praises: "Charity hails heroic crew" names the crew in the
  writer's words, as the body would);
- attribution after the clause with no comma before it ("The cuts are only the start says Ana
  Ruiz, an economist."): the clause before the verb.
The writer's own words before the clause, and a sentence that opens a paragraph, stay the writer's.
"""
from __future__ import annotations

import re
from typing import Callable, Iterable

from newslint.cache import programs as recache
from newslint.matching.literals import searched

Search = Callable[[re.Pattern[str]], Iterable[re.Match[str]]]  # what `program.finditer(prose)` yields

# The obligation a report relays, in the tense it shifts to: "had to", "needed to", "should", "must".
_OBLIGATION = searched(recache.compile(
    r"\b(?:(?:had|needed|ought)\s+to|would\s+(?:have|need)\s+to|should|must)\b(?!\s+(?:have\s+)?been\s+\w+ed\b)", re.I))
# What reports speech in the sentence before: a verb of saying, or a quotation mark.
_SPEECH = recache.compile(
    r"\b(?:said|says|told|tells|added|adds|argued|argues|insisted|insists|explained|explains|warned|warns|"
    r"urged|urges|stressed|stresses|according\s+to)\b|[\"“”]", re.I)
_END = recache.compile(r"[.!?](?=[\"'’”]?(?:\s|$))|\n[^\S\n]*\n")  # a sentence's end, or a paragraph's
OPENING = 120  # characters into its sentence the verb of a relayed obligation stands, at most
# A headline's verb of saying in the present tense, after its speaker: what follows is the message.
_HEADLINE_VERB = recache.compile(
    r"\s(?:says|warns|urges|vows|pledges|promises|demands|insists|tells|calls\s+for|"
    r"issues\s+(?:a\s+|fresh\s+|new\s+)?(?:warning|plea|appeal|call|rallying\s+cry)(?:\s+(?:to|over|on|for|against))?)\s+",
    re.I)
_MANNER = recache.compile(r"[a-z]+ly\b", re.I)
HEADLINE_WORDS = 14  # a longer first line is prose, not a headline
# "... says Ana Ruiz, an economist." at the end of a sentence, with no comma before the verb.
_INVERTED = searched(recache.compile(
    r"\b(?<=[^,;:\s]\s)(?:says|said|thinks|thought|believes|believed|reckons|argues|argued|insists|insisted)\s+"
    r"(?-i:[A-Z])[\w'’.-]*(?:\s+(?-i:[A-Z])[\w'’.-]*){0,3}\s*(?:,[^.!?\n\"“”]{0,80})?(?:[.!?](?=\s|$)|$)", re.I | re.M))
REACH = 400  # characters a relayed sentence may run


def _starts(prose: str, at: int) -> int:
    """The start of the sentence holding `at`: after the last sentence end or line break before it."""
    start = max(0, at - REACH)
    last = start
    for m in _END.finditer(prose, start, at):
        last = m.end()
    return last


def _opens_paragraph(prose: str, start: int) -> bool:
    before = prose[max(0, start - REACH):start].rstrip(" \t")
    return not before.strip() or _PARAGRAPH_END.search(before) is not None


_PARAGRAPH_END = recache.compile(r"\n[^\S\n]*\n\s*\Z")


def carried_on(prose: str, search: Search | None = None) -> list[tuple[int, int]]:
    """(start, end) of each sentence that carries on the reported speech of the one before it (see
    the module)."""
    out: list[tuple[int, int]] = []
    for m in _OBLIGATION.finditer(prose) if search is None else search(_OBLIGATION):
        start = _starts(prose, m.start())
        if m.start() - start > OPENING or _opens_paragraph(prose, start) or (out and out[-1][0] == start):
            continue
        before = _starts(prose, start - 1) if start else 0
        stripped = prose[before:start].rstrip()
        if not stripped or not _SPEECH.search(prose, before, start):
            continue
        end = _END.search(prose, m.end(), min(len(prose), m.end() + REACH))
        out.append((start, end.start() if end else min(len(prose), m.end() + REACH)))
    return out


def headline(prose: str) -> list[tuple[int, int]]:
    """(start, end) of the message a headline relays after its verb of saying (see the module)."""
    start = len(prose) - len(prose.lstrip())
    end = prose.find("\n", start)
    end = len(prose) if end < 0 else end
    line = prose[start:end].rstrip()
    if not line or line[-1] in ".!?" or len(line.split()) > HEADLINE_WORDS:
        return []
    m = _HEADLINE_VERB.search(prose, start, start + len(line))
    if m is None or m.start() == start or _MANNER.match(prose, m.end()):
        return []  # no speaker before the verb, or the writer's adverb after it ("X says cryptically")
    return [(m.end(), start + len(line))]


def inverted(prose: str, search: Search | None = None) -> list[tuple[int, int]]:
    """(start, end) of each clause whose attribution follows it with no comma (see the module)."""
    out: list[tuple[int, int]] = []
    for m in _INVERTED.finditer(prose) if search is None else search(_INVERTED):
        start = _starts(prose, m.start())
        end = m.start() - 1  # the clause ends before the space before the verb
        if end - start >= 12:
            out.append((start, end))
    return out


def relayed(prose: str, search: Search | None = None) -> list[tuple[int, int]]:
    """Sorted (start, end) of the relayed speech of all three shapes (see the module)."""
    return sorted(carried_on(prose, search) + headline(prose) + inverted(prose, search))
