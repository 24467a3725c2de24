"""Required words: whole words one of which every match of a regular expression holds, read from the
standard library's parse of the pattern (see `parse`). A document none of whose words is one of
them holds no match, which a set test tells at once (see `matcher.Matcher`).

A literal run of word characters is a whole word of every match when the pattern puts a non-word
character or a word boundary on both its sides (`\\b`, white space, punctuation, a look-behind that
looks into it): then it stands in the text as a maximal run of word characters, as the prefilter's
words do. Runs inside a group or an alternation are read with what surrounds the group; repeats and
lookarounds are passed over, which only leaves words out.
"""
from __future__ import annotations

import functools
from typing import Any

from newslint.matching import state
from newslint.matching.parse import char as _char, non_word_edge as _non_word_edge, parsed as _parsed, sre as _sre
from newslint.cache import programs

_WHOLE_WORD = programs.compile(r"[a-z0-9_]+")


def required_words(pattern: str) -> frozenset[str] | None:
    """Lower-cased whole words one of which every match of `pattern` holds, or None if unknown."""
    known = state.current().known_literals.get(pattern)
    return known[2] if known is not None else _required_words(pattern)


@functools.lru_cache(maxsize=None)
def _required_words(pattern: str) -> frozenset[str] | None:
    items = _parsed(pattern)
    if items is None:
        return None
    found = _words(list(items), [], [])
    return None if found is None else frozenset(found)


def _better(candidate: set[str] | None, best: set[str] | None) -> bool:
    """Is `candidate` the rarer requirement (its shortest word longer; as long, fewer words)?"""
    if not candidate:
        return False
    if best is None:
        return True
    shortest, least = min(map(len, candidate)), min(map(len, best))
    return shortest > least or shortest == least and len(candidate) < len(best)


def _words(items: list[Any], before: list[Any], after: list[Any]) -> set[str] | None:
    """Words one of which every match of `items` holds whole, `before` and `after` being what the
    pattern puts on either side of `items`."""
    best: set[str] | None = None

    def run_ends(run: str, start: int, end: int) -> None:
        nonlocal best
        word = run.lower()
        if not _WHOLE_WORD.fullmatch(word) or not _non_word_edge(before + items[:start], at_end=True):
            return
        ending = _optional_end(items[end]) if end < len(items) else None
        if ending is not None:  # "officials?": the word is "official" or "officials"
            words = {word, word + ending}
            end += 1
        else:
            words = {word}
        if _non_word_edge(items[end:] + after, at_end=False) and _better(words, best):
            best = words

    run, start = "", 0
    for i, (op, av) in enumerate(items):
        char = _char(op, av)
        if char is not None:
            if not run:
                start = i
            run += char
            continue
        if run:
            run_ends(run, start, i)
            run = ""
        outside, inside = before + items[:i], items[i + 1:] + after
        found: set[str] | None = None
        if op is _sre.SUBPATTERN:
            if (av[1] | av[2]) & ~_sre.SRE_FLAG_IGNORECASE:  # flags that change what literals mean
                return None
            found = _words(list(av[-1]), outside, inside)
        elif op is _sre.BRANCH:
            alternatives = [_words(list(alt), outside, inside) for alt in av[1]]
            found = set().union(*alternatives) if all(alternatives) else None  # type: ignore[arg-type]
        if _better(found, best):
            best = found
    if run:
        run_ends(run, start, len(items))
    return best


def _optional_end(item: tuple[Any, Any]) -> str | None:
    """The word character an optional item (`s?`) stands for, lower-cased; None for any other item."""
    op, av = item
    if op not in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) or av[0] != 0 or av[1] != 1 or len(av[2]) != 1:
        return None
    char = _char(*av[2][0])
    return char.lower() if char is not None and _WHOLE_WORD.fullmatch(char.lower()) else None
