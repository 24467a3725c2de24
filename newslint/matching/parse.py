"""Reading a regular expression from the standard library's own parse of it (`re._parser`): the
parsed items, and what they say of single characters and of word edges. Shared by the literal analysis
(`literals`) and the required words (`words`)."""
from __future__ import annotations

import functools
from typing import Any

try:  # the standard library's own parser, used only to read literals out of patterns
    import re._constants as sre
    import re._parser as _sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as sre  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


@functools.lru_cache(maxsize=None)
def parsed(pattern: str) -> tuple[Any, ...] | None:
    """The parsed items of `pattern` when its literals mean literals; None otherwise."""
    try:
        tree = _sre_parse.parse(pattern)
    except Exception:  # syntax only the `regex` module knows: no shortcut
        return None
    if tree.state.flags & ~(sre.SRE_FLAG_UNICODE | sre.SRE_FLAG_IGNORECASE | sre.SRE_FLAG_MULTILINE):
        return None
    return tuple(tree)


def char(op: Any, av: Any) -> str | None:
    """The character an item matches, lower-cased: a literal, or a class of one letter in both
    cases (`[Mm]`, which matches what `m` matches in lower-cased text); None for any other item."""
    if op is sre.LITERAL:
        return chr(av)
    if op is sre.IN and av and all(o is sre.LITERAL for o, _ in av):
        chars = {chr(a).lower() for _, a in av}
        if len(chars) == 1 and all(chr(a).lower() in chars and chr(a).isascii() for _, a in av):
            return chars.pop()
    return None


def is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


# Anchors that stand where a word ends (before what follows them) or starts (after what comes before).
_WORD_EDGES = {False: (sre.AT_BOUNDARY, sre.AT_END, sre.AT_END_STRING),
               True: (sre.AT_BOUNDARY, sre.AT_BEGINNING, sre.AT_BEGINNING_STRING)}


def non_word_edge(items: list[Any], at_end: bool) -> bool:
    """Must a match of `items` begin (`at_end`: end) with a non-word character or at a word boundary?

    Read from that edge inwards. Then a word before `items` ends where they begin (a word after them
    starts where they end). A lookaround at the edge that looks inwards counts too: `(?=\\s*,)` at the
    start, `(?<=,\\s*)` or `(?<![\\w-])` at the end; any other condition only narrows the matches, and
    is passed over.
    """
    inwards = -1 if at_end else 1  # the way a lookaround at the edge looks into `items`
    for i in range(len(items) - 1, -1, -1) if at_end else range(len(items)):
        op, av = items[i]
        if op is sre.AT:
            if av in _WORD_EDGES[at_end]:
                return True
            continue
        if op in (sre.ASSERT, sre.ASSERT_NOT):
            if av[0] == inwards and (non_word_edge(list(av[1]), at_end) if op is sre.ASSERT
                                      else _any_word_char(list(av[1]))):
                return True
            continue
        if op is sre.LITERAL:
            return not is_word_char(chr(av))
        if op is sre.IN:
            return _non_word_class(av)
        rest = list(items[:i]) if at_end else list(items[i + 1:])  # what lies further in

        def inner(first: Any) -> bool:
            return non_word_edge(rest + list(first) if at_end else list(first) + rest, at_end)

        if op is sre.SUBPATTERN:
            return inner(av[-1])
        if op is sre.BRANCH:
            return all(inner(alt) for alt in av[1])
        if op in REPEATS:
            return inner(av[2]) if av[0] >= 1 else inner(av[2]) and non_word_edge(rest, at_end)
        return False
    return False  # the other edge: anything may lie beyond


def _any_word_char(items: list[Any]) -> bool:
    """Is `items` a character class that takes every word character (`[\\w...]`)?"""
    return len(items) == 1 and items[0][0] is sre.IN and (sre.CATEGORY, sre.CATEGORY_WORD) in items[0][1]


def _non_word_class(av: Any) -> bool:
    """Does a character class `[...]` hold non-word characters only?"""
    return all(o is sre.LITERAL and not is_word_char(chr(a)) or o is sre.CATEGORY and a in _NON_WORD_CATEGORIES
               for o, a in av)


_NON_WORD_CATEGORIES = (sre.CATEGORY_SPACE, sre.CATEGORY_NOT_WORD, sre.CATEGORY_LINEBREAK)
