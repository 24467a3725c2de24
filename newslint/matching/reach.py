"""Reach: how far into a match of a pattern one of its required words (see `words`) can stand, counted
in words. A match holds at most `gaps(pattern)` runs of non-word characters, read from the standard
library's parse of the pattern (see `parse`); the words of the document from the first one at or after
a match's start up to a required word it holds are all inside it, each pair of them with a run of
non-word characters between, so the required word is at most that many words on. A candidate (see
`prefilter`) with no required word within reach starts no match, and is not tried
(`prefilter.Scan.within_reach`): "the" stands everywhere, "the ... attack" only a few words before
"attack".
"""
from __future__ import annotations

import bisect
import functools
from typing import Any

from newslint.matching import state
from newslint.matching.parse import REPEATS, ZERO_WIDTH, is_word_char, parsed, sre

_WIDE_RANGE = 1024  # a class range wider than this is not read character by character (taken as mixed)


class Reach:
    """Every match holds one of `words` whole, at most `gaps` runs of non-word characters in."""

    __slots__ = ("words", "gaps", "known")

    def __init__(self, words: frozenset[str], gaps: int) -> None:
        self.words = words
        self.gaps = gaps
        self.known: set[str] | None = None  # the `MatchState.known_words` `words` were added to

    def __repr__(self) -> str:
        return f"Reach({sorted(self.words)!r}, {self.gaps})"


def reach_of(pattern: str, words: frozenset[str] | None, lookups: frozenset[str]) -> Reach | None:
    """The reach of a pattern whose every match holds one of `words` (its required words, None: not
    known), when it can narrow the candidates found by looking up `lookups` (the words its plan looks
    up): no common word among them, none of them a word looked up anyway, and a bounded number of
    gaps."""
    from newslint.matching.plans import COMMON

    if not words or not words.isdisjoint(lookups) or not words.isdisjoint(COMMON):
        return None
    most = gaps(pattern)
    return None if most is None else Reach(words, most)


def near(offsets: list[int], candidates: list[int] | None, places: list[int], gaps: int) -> list[int]:
    """The candidates (sorted offsets; None: where every word starts) that one of the words at `places`
    follows within `gaps` runs: at most that many words after the first word starting at or after the
    candidate (`places`: sorted indices of words among a document's words and the runs between them,
    which start at `offsets`; see `prefilter.Scan`)."""
    out: list[int] = []
    if candidates is None:  # the words up to `gaps` before each (words stand at even places)
        done = -2  # words up to here are taken
        for j in places:
            out += offsets[max(j - 2 * gaps, done + 2):j + 1:2]
            done = j
        return out
    back = 2 * gaps + 2  # the word that many parts before a required word starts too early
    done = -1  # candidates up to here are taken or passed
    for j in places:
        end = offsets[j]
        if end <= done:
            continue
        start = offsets[j - back] if j >= back else -1
        out += candidates[bisect.bisect_right(candidates, max(start, done)):bisect.bisect_right(candidates, end)]
        done = end
    return out


def gaps(pattern: str) -> int | None:
    """The most runs of non-word characters a match of `pattern` holds (an upper bound), or None
    if unbounded or unknown."""
    known = state.current().known_literals.get(pattern)
    return known[3] if known is not None else _gaps(pattern)


@functools.lru_cache(maxsize=None)
def _gaps(pattern: str) -> int | None:
    items = parsed(pattern)
    return None if items is None else _runs(list(items))


def _runs(items: list[Any]) -> int | None:
    """The most runs of non-word characters a match of `items` holds: at most the sum of those of
    each item (two next to each other may join into one, which only makes the bound looser)."""
    total = 0
    for op, av in items:
        found = _item_runs(op, av)
        if found is None:
            return None
        total += found
    return total


def _item_runs(op: Any, av: Any) -> int | None:
    if op in ZERO_WIDTH:
        return 0
    single = _single(op, av)
    if single is not None:
        return single
    if op is sre.SUBPATTERN:
        return _runs(list(av[-1]))
    if op is _ATOMIC_GROUP:
        return _runs(list(av))
    if op is sre.BRANCH:
        found = [_runs(list(alt)) for alt in av[1]]
        return None if None in found else max(found)  # type: ignore[type-var]
    if op in REPEATS:
        low, high, inner = av
        if len(inner) == 1 and _single(*inner[0]) is not None:
            kind = _class_of(*inner[0])
            if kind == "word":
                return 0
            if kind == "non-word":  # one run, however many characters
                return 1 if high else 0
        each = _runs(list(inner))
        if each is None:
            return None
        if each == 0:
            return 0
        return None if high == sre.MAXREPEAT else high * each
    return None  # a back reference, a conditional group: not read


def _single(op: Any, av: Any) -> int | None:
    """The runs of a one-character item: 0 when it takes only word characters, else 1; None for any
    other item."""
    kind = _class_of(op, av)
    return None if kind is None else (0 if kind == "word" else 1)


def _class_of(op: Any, av: Any) -> str | None:
    """"word" when a one-character item takes only word characters, "non-word" when it takes none,
    else "mixed"; None for an item that is not one character."""
    if op is sre.LITERAL:
        return "word" if is_word_char(chr(av)) else "non-word"
    if op in (sre.NOT_LITERAL, sre.ANY):
        return "mixed"
    if op is not sre.IN:
        return None
    kinds = set()
    for o, a in av:
        if o is sre.NEGATE:
            return "mixed"
        if o is sre.LITERAL:
            kinds.add("word" if is_word_char(chr(a)) else "non-word")
        elif o is sre.RANGE and a[1] - a[0] <= _WIDE_RANGE:
            kinds.update("word" if is_word_char(chr(c)) else "non-word" for c in range(a[0], a[1] + 1))
        elif o is sre.CATEGORY and a in _WORD_CATEGORIES:
            kinds.add("word")
        elif o is sre.CATEGORY and a in _NON_WORD_CATEGORIES:
            kinds.add("non-word")
        else:
            return "mixed"
    return kinds.pop() if len(kinds) == 1 else "mixed"


_ATOMIC_GROUP = getattr(sre, "ATOMIC_GROUP", None)  # (from Python 3.11)
_WORD_CATEGORIES = (sre.CATEGORY_WORD, sre.CATEGORY_DIGIT)
_NON_WORD_CATEGORIES = (sre.CATEGORY_SPACE, sre.CATEGORY_NOT_WORD)
