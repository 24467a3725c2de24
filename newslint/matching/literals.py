"""Literal analysis: what every match of a regular expression starts with (`literal_prefixes`) and
contains (`required_literals`), read from the standard library's own parse of the pattern (`parse`). The rule
cache keeps what was read (`table`, `learn`), so a run does not parse the built-in patterns again."""
from __future__ import annotations

import contextlib
import functools
import re
from typing import Any, Callable, Iterable, Iterator, Mapping, NamedTuple

from newslint.matching import state
from newslint.matching.parse import REPEATS, ZERO_WIDTH, char as _char, is_word_char
from newslint.matching.parse import non_word_edge as _non_word_edge, parsed as _parsed, sre as _sre
from newslint.cache import programs

_WORD = programs.compile(r"\w+")


class Prefix(NamedTuple):
    """A lower-cased literal every match of a pattern (or of one of its branches) starts with."""

    text: str
    word_start: bool  # the match starts where a word starts (the pattern opens with a word boundary)
    closed: bool  # the word `text` starts with ends within `text` or right after it (a whole word)
    then: tuple[str, ...] | None = None  # `text` is a whole word, and after white space the next word starts with one of these
    # No literal (`text` is ""): the match starts at a word that the next word, after white space,
    # starts with again (`closed`: is again).
    repeated: bool = False
    # The words of `then` are whole words: the next word is one of them (not only starts with one).
    then_whole: bool = False



# (required literals, literal prefixes, required words: see `words`, gaps: see `reach`, opens words: see `opens_words`)
Literals = tuple[tuple[str, ...] | None, tuple[Prefix, ...] | None, frozenset[str] | None, int | None, bool]


_SEARCHED: set[str] = set()  # see `searched`


def searched(program: re.Pattern[str]) -> re.Pattern[str]:
    """Note a built-in program that documents are searched with through the prefilter (see
    `Document.search`), so that the rule cache keeps its literals too (see `recording`); returns it."""
    _SEARCHED.add(program.pattern)
    return program


@contextlib.contextmanager
def recording() -> Iterator[set[str]]:
    """Collect the built-in patterns of the matchers built inside the block (and of the programs
    documents are searched with: see `searched`)."""
    current = state.current()
    outer, current.recorded = current.recorded, set(_SEARCHED)
    try:
        yield current.recorded
    finally:
        current.recorded = outer


def record(pattern: str) -> None:
    """Note a built-in pattern whose literals matching will ask for (a kind's own, say), so that
    the rule cache keeps them too (see `recording`)."""
    recorded = state.current().recorded
    if recorded is not None:
        recorded.add(pattern)


def table(patterns: Iterable[str]) -> dict[str, Literals]:
    """(required literals, literal prefixes, required words, gaps, opens words) of each pattern, for the rule cache."""
    from newslint.matching.reach import gaps
    from newslint.matching.words import required_words

    return {p: (required_literals(p), literal_prefixes(p), required_words(p), gaps(p), opens_words(p)) for p in sorted(patterns)}


def learn(known: Mapping[str, Literals]) -> None:
    """Use literals read in an earlier run instead of parsing those patterns again."""
    state.current().known_literals.update(known)


def required_literals(pattern: str) -> tuple[str, ...] | None:
    """Lower-cased strings one of which every match of `pattern` contains, or None if unknown."""
    known = state.current().known_literals.get(pattern)
    return known[0] if known is not None else _required_literals(pattern)


def literal_prefixes(pattern: str) -> tuple[Prefix, ...] | None:
    """Lower-cased literals one of which every match of `pattern` starts with, or None if unknown."""
    known = state.current().known_literals.get(pattern)
    return known[1] if known is not None else _literal_prefixes(pattern)


def opens_words(pattern: str) -> bool:
    """Does every match of `pattern` start where a word starts (`\\b[a-z]+ists`: a condition that a word
    character after it starts a word, then a word character)? Such a match can start only at one of
    the document's words, though no literal tells which."""
    known = state.current().known_literals.get(pattern)
    return known[4] if known is not None else _opens_words(pattern)


@functools.lru_cache(maxsize=None)
def _opens_words(pattern: str) -> bool:
    items = _parsed(pattern)
    if items is None:
        return False
    word_start = False
    for i, (op, av) in enumerate(items):
        condition = _condition(op, av)
        if condition is None:
            return word_start and _word_char_first(list(items[i:]))
        word_start = word_start or condition
    return False


def _word_char_first(items: list[Any]) -> bool:
    """Is the first character a match of `items` takes always a word character (lookarounds passed over)?"""
    for i, (op, av) in enumerate(items):
        if op in ZERO_WIDTH:
            continue
        rest = items[i + 1:]
        if op is _sre.LITERAL:
            return is_word_char(chr(av))
        if op is _sre.IN:
            return all(o is _sre.LITERAL and is_word_char(chr(a)) or o is _sre.CATEGORY and a in _WORD_CATEGORIES
                       or o is _sre.RANGE and all(is_word_char(chr(c)) for c in range(a[0], a[1] + 1))
                       for o, a in av)
        if op is _sre.SUBPATTERN:
            return _word_char_first(list(av[-1]) + rest)
        if op is _sre.BRANCH:
            return all(_word_char_first(list(alt) + rest) for alt in av[1])
        if op in REPEATS:
            return _word_char_first(list(av[2]) + rest) and (av[0] >= 1 or _word_char_first(rest))
        return False
    return False  # (a match may be empty)


_WORD_CATEGORIES = (_sre.CATEGORY_WORD, _sre.CATEGORY_DIGIT)


@functools.lru_cache(maxsize=None)
def _required_literals(pattern: str) -> tuple[str, ...] | None:
    items = _parsed(pattern)
    if items is None:
        return None
    found = _required(list(items))
    if not found or any(not lit.isascii() or not lit for lit in found):
        return None
    return tuple(sorted(lit.lower() for lit in found))


@functools.lru_cache(maxsize=None)
def _literal_prefixes(pattern: str) -> tuple[Prefix, ...] | None:
    items = _parsed(pattern)
    if items is None:
        return None
    found = _prefixes(list(items))
    if not found or any(not p[0] or not p[0].isascii() or p[3] is not None and not all(w.isascii() for w in p[3])
                        for p in found) or len(found) > _MAX_PREFIXES:
        repeated = _repeated_word(list(items))
        return None if repeated is None else (repeated,)
    prefixes = {Prefix(text.lower(), start, closed, then, False, whole) for text, start, closed, then, whole in found}
    return tuple(sorted(prefixes, key=lambda p: (p.text, p.word_start, p.closed, p.then or (), p.then_whole)))


_MAX_PREFIXES = 200


def _repeated_word(items: list[Any]) -> Prefix | None:
    """The prefix of a pattern whose every match starts where a word starts that the next word
    starts with again, as a doubled word does (`\\b(?=([a-z]+)\\s+\\1\\b)` or `\\b([a-z]+)\\s+\\1`),
    else None. The group holds ASCII letters and digits, so it is that whole word; white space,
    then the group again, follow it (`closed`: and then a word ends)."""
    word_start = False
    for i, (op, av) in enumerate(items):
        if op is _sre.ASSERT and av[0] == 1 and word_start and _doubling(list(av[1])):
            return Prefix("", True, _closed(list(av[1])[3:]), None, True)
        condition = _condition(op, av)
        if condition is None:
            return Prefix("", True, _closed(items[i + 3:]), None, True) if word_start and _doubling(items[i:]) else None
        word_start = word_start or condition
    return None


def _doubling(items: list[Any]) -> bool:
    """Do `items` open with a group of ASCII letters and digits, white space, and the group again?"""
    if len(items) < 3 or items[0][0] is not _sre.SUBPATTERN or items[2][0] is not _sre.GROUPREF:
        return False
    group, add_flags, del_flags, inner = items[0][1]
    if group is None or add_flags or del_flags or items[2][1] != group or len(inner) != 1:
        return False
    return _run_of(inner[0], _ascii_alnum) and _run_of(items[1], str.isspace)


def _ascii_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _run_of(item: tuple[Any, Any], test: Callable[[str], bool]) -> bool:
    """Is `item` one or more characters of a class `[...]` whose every character passes `test`?"""
    op, av = item
    if op in REPEATS and av[0] >= 1 and len(av[2]) == 1:
        op, av = av[2][0]
    if op is _sre.LITERAL:
        return test(chr(av))
    if op is not _sre.IN:
        return False
    for o, a in av:
        if o is _sre.LITERAL and test(chr(a)) or o is _sre.RANGE and all(test(chr(c)) for c in range(a[0], a[1] + 1)):
            continue
        if o is _sre.CATEGORY and a is _sre.CATEGORY_SPACE and test is str.isspace:
            continue
        return False
    return True


def _prefixes(items: list[Any], after: tuple[Any, ...] = (), word_start: bool | None = False
              ) -> set[tuple[str, bool, bool, tuple[str, ...] | None, bool]]:
    """(literal, word start, closed, then, then whole) one of which every match of `items` starts with, where
    `after` is what follows `items` in the pattern (see `Prefix`). A literal "" means unknown.
    `word_start` is None when literals come before `items` (the word start is then theirs)."""
    strings = {""}
    for i, (op, av) in enumerate(items):
        begun = word_start is None or strings != {""}
        condition = None if begun else _condition(op, av)
        if condition is not None:  # a condition on the text before the match
            word_start = word_start or condition
            continue
        char = _char(op, av)
        if char is not None:
            strings = {s + char for s in strings}
            continue
        if strings == {""} and _digit(op, av):  # a literal that opens with a digit (one: more add little)
            strings = set(DIGITS)
            continue
        rest = tuple(items[i + 1:]) + after
        inner = None if begun else word_start
        if op is _sre.SUBPATTERN:
            tails = _prefixes(list(av[-1]), rest, inner)
        elif strings == {""} and op in REPEATS and av[0] >= 1 and len(av[2]) == 1 and _digit(*av[2][0]):  # `\d+`: `\d\d*`
            more = (op, (av[0] - 1, av[1] if av[1] == _sre.MAXREPEAT else av[1] - 1, av[2]))
            tails = _prefixes([av[2][0], more], rest, inner)
        elif op is _sre.BRANCH:
            tails = set().union(*(_prefixes(list(alt), rest, inner) for alt in av[1]))
        elif op in REPEATS and av[0] == 0 and av[1] == 1:  # optional: its start, or what follows
            tails = _prefixes(list(av[2]), rest, inner) | _prefixes(list(rest), (), inner)
        else:
            tails = {("", bool(word_start), *_closing(list(items[i:]) + list(after)))}
        if len(strings) * len(tails) > _MAX_PREFIXES:
            return {(s, bool(word_start), False, None, False) for s in strings}
        return {(s + t, bool(word_start) if s else start, closed, *((then, whole) if t or s.isalnum() else (None, False)))
                for s in strings for t, start, closed, then, whole in tails}
    return {(s, bool(word_start), *_closing(list(after))) for s in strings}


# The digits a `\d` stands for in a prefix: a text in which `\d` matches another digit is never
# searched for prefixes (see `prefilter.Scan`).
DIGITS = "0123456789"


def _digit(op: Any, av: Any) -> bool:
    """Is the item a digit (`\\d` or `[0-9]`)?"""
    return op is _sre.IN and list(av) in ([(_sre.CATEGORY, _sre.CATEGORY_DIGIT)], [(_sre.RANGE, (48, 57))])


def _closing(items: list[Any]) -> tuple[bool, tuple[str, ...] | None, bool]:
    """What follows a literal: (`Prefix.closed`, `Prefix.then`, `Prefix.then_whole`), `then` for a
    literal that is one word."""
    if not _closed(items):
        return False, None, False
    if not items or not _is_space_run(*items[0]):
        return True, None, False
    following = _prefixes(list(items[1:]), (), None)
    words = set()
    whole = True  # each next word ends within its literal, or where the pattern closes a word
    for text, _, closed, _, _ in following:
        lead = _WORD.match(text)
        if lead is None:
            return True, None, False
        words.add(lead.group(0).lower())
        whole = whole and (lead.end() < len(text) or closed)
    return True, tuple(sorted(words)), whole


def _is_space_run(op: Any, av: Any) -> bool:
    """`\\s` or `\\s+`."""
    if op in REPEATS and av[0] >= 1 and len(av[2]) == 1:
        op, av = av[2][0]
    return op is _sre.IN and list(av) == [(_sre.CATEGORY, _sre.CATEGORY_SPACE)]


def _condition(op: Any, av: Any) -> bool | None:
    """For a zero-width item (an anchor, a lookaround, or a group or alternation of those, such as
    `(?:^|(?<=\\n))`): does it mean that a word character after it starts a word? None for any other item."""
    if op in ZERO_WIDTH:
        return _opens_word(op, av)
    if op is _sre.BRANCH:
        alternatives = av[1]
    elif op is _sre.SUBPATTERN:
        alternatives = [av[-1]]
    else:
        return None
    opens = True
    for alternative in alternatives:
        conditions = [_condition(o, a) for o, a in alternative]
        if None in conditions:
            return None
        opens = opens and any(conditions)  # each alternative's conditions hold together
    return opens


def _opens_word(op: Any, av: Any) -> bool:
    """Does this zero-width condition mean that a word character after it starts a word?"""
    return _non_word_edge([(op, av)], at_end=True)


def _closed(items: list[Any]) -> bool:
    """Must a match of `items` begin with a non-word character, or stand where a word ends?"""
    return _non_word_edge(items, at_end=False)


def _required(items: list[Any]) -> set[str] | None:
    best: set[str] | None = None

    def consider(candidate: set[str] | None) -> None:
        nonlocal best
        if candidate and all(candidate) and (best is None or min(map(len, candidate)) > min(map(len, best))):
            best = candidate

    runs = {""}  # the literal strings, one of which every match holds ending here ("": none)
    for op, av in items:
        char = _char(op, av)
        if char is not None:
            runs = {r + char for r in runs}
            continue
        consider(runs)
        after: set[str] = {""}
        if op is _sre.SUBPATTERN:
            # Inline flags other than case change what the literals mean; a case flag (`(?-i:history)`)
            # does not change what the lower-cased text holds where a literal matches.
            if (av[1] | av[2]) & ~_sre.SRE_FLAG_IGNORECASE:
                return None
            consider(_required(list(av[-1])))
        elif op is _sre.BRANCH:
            alternatives = [_required(list(alt)) for alt in av[1]]
            if all(alternatives):
                consider(set().union(*alternatives))  # type: ignore[arg-type]
            # The literals before an alternation run on into each alternative's first ones, and each
            # alternative's last ones run on into the literals after it: "-(?:mad|hating)" holds "-mad"
            # or "-hating", "(?:sure|of course)!" holds "sure!" or "course!".
            leads = {_run(list(alt)) for alt in av[1]}
            if "" not in leads and runs != {""} and len(runs) * len(leads) <= _MAX_PREFIXES:
                consider({r + lead for r in runs for lead in leads})
            trails = {_run(list(alt)[::-1])[::-1] for alt in av[1]}
            if "" not in trails and len(trails) <= _MAX_PREFIXES:
                after = trails
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT) and av[0] >= 1:
            consider(_required(list(av[2])))
        runs = after
    consider(runs)
    return best


def _run(items: list[Any]) -> str:
    """The characters `items` open with, as long as each is one literal character (see `_char`)."""
    out = []
    for op, av in items:
        char = _char(op, av)
        if char is None:
            break
        out.append(char)
    return "".join(out)

