"""The three things a matcher holds, each its own type: a term list (`TermList`), a built-in rule's
pattern (`BuiltinPattern`: trusted, compiled on first use) and a house rule's pattern (`HousePattern`:
compiled at load by `regex`, run with a time limit). Each knows its compiled pattern and what every
match starts with (`prefixes`, read by the prefilter).

A term list matches only where a word (a maximal run of word characters) equal, case-insensitively,
to one of its `first_words` starts; its pattern is tried only there, and compiled on first use (it is
built from escaped words, so it cannot be invalid): an article without any of its first words never
needs it. A built-in pattern's literals are read from its own syntax before it is compiled. A house
pattern matches only in a document whose lower-cased prose contains one of its `required` literals
(worked out once a process lints more than one document). None means no such shortcut.
"""
from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Any, Iterable

from newslint.matching import state
from newslint.matching.literals import Prefix, literal_prefixes, opens_words, required_literals
from newslint.matching.reach import Reach, reach_of
from newslint.matching.words import required_words
from newslint.matching.patterns import (WORD, compile_terms, compile_trusted, from_regex_program, normalize,
                                       regex_program, spaced, term_pattern_of, term_regex, user_pattern)
from newslint.schema import Where

if TYPE_CHECKING:
    from newslint.matching.plans import Plan

_PROCESS_LOCAL = frozenset({"pattern", "plan", "reach"})  # values made on first use that never pickle


class Compiled:
    """What the three kinds of compiled item share (see the module docstring)."""

    source: Any
    first_words: frozenset[str] | None = None

    def _fields(self) -> tuple[Any, ...]:
        return type(self), self.source, self.first_words, getattr(self, "where", None)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Compiled) and self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.source!r})"

    def __getstate__(self) -> dict[str, Any]:
        """What pickles: the definition and the plain data read out of it (first words, prefixes,
        required literals), not the objects this process made from it (compiled pattern, plan),
        which another process makes again on first use."""
        return {k: v for k, v in self.__dict__.items() if k not in _PROCESS_LOCAL}

    @property
    def key(self) -> tuple[Any, ...]:
        """Equal for items that find the same spans."""
        return type(self).__name__, self.source

    @functools.cached_property
    def pattern(self) -> Any:
        raise NotImplementedError

    @functools.cached_property
    def prefixes(self) -> tuple[Prefix, ...] | None:
        """What every match starts with; None if unknown."""
        raise NotImplementedError

    @functools.cached_property
    def plan(self) -> Plan | None:
        """How to find where a match can start (shared by items with equal `prefixes`)."""
        from newslint.matching.plans import plan_for

        return None if self.prefixes is None else plan_for(self.prefixes)


class TermList(Compiled):
    """A list of terms matched as whole words; `source` is (terms, ignore_case)."""

    def __init__(self, source: tuple[tuple[str, ...], bool], first_words: frozenset[str] | None) -> None:
        self.source = source
        self.first_words = first_words

    @functools.cached_property
    def pattern(self) -> Any:
        return compile_terms(self.regex, self.source[1])

    @functools.cached_property
    def regex(self) -> str:
        """The list's regular expression (kept with the rule cache)."""
        return term_regex(*self.source)

    @functools.cached_property
    def lower_case_terms(self) -> frozenset[str]:
        """The terms written in lower case, normalized: a capital on one of them marks a name."""
        return frozenset(normalize(t) for t in self.source[0] if t[:1].islower())

    @functools.cached_property
    def by_first_word(self) -> dict[str, tuple[str, ...]]:
        """The terms grouped by their first word (as in `first_words`)."""
        groups: dict[str, list[str]] = {}
        for term in self.source[0]:
            m = WORD.match(spaced(term))
            assert m is not None  # `first_words` is None otherwise, and this is never asked
            groups.setdefault(m.group(0).lower(), []).append(term)
        return {word: tuple(terms) for word, terms in groups.items()}

    def for_first_word(self, word: str) -> re.Pattern[str]:
        """The pattern of the terms starting with `word`: at an offset where that word starts it
        matches exactly what the whole list's pattern matches, and it compiles in a fraction of the time."""
        return term_pattern_of(self.by_first_word[word], self.source[1])

    @functools.cached_property
    def prefixes(self) -> tuple[Prefix, ...] | None:
        """The first words (whole words), each with the words that may follow it."""
        if self.first_words is None:
            return None
        out = []
        for word, terms in sorted(self.by_first_word.items()):
            following: set[str] = set()
            for term in terms:  # the word after the first, when white space comes between
                rest = spaced(term).lower()[len(word):]
                nxt = WORD.match(rest, 1) if rest.startswith(" ") else None
                if nxt is None or nxt.start() != 1:
                    out.append(Prefix(word, True, True))  # some term ends or goes on otherwise
                    break
                following.add(nxt.group(0))
            else:
                # (each next word is whole: the term goes on after it with a non-word character, or ends where a word ends)
                out.append(Prefix(word, True, True, tuple(sorted(following)), False, True))
        return tuple(out)


class _Pattern(Compiled):
    """A rule's own regular expression."""

    @property
    def text(self) -> str:
        """The regular expression as written."""
        raise NotImplementedError

    @functools.cached_property
    def prefixes(self) -> tuple[Prefix, ...] | None:
        """The pattern's literal prefixes."""
        return literal_prefixes(self.text)

    @functools.cached_property
    def required(self) -> tuple[str, ...] | None:
        """The pattern's `required_literals`."""
        return required_literals(self.text)


class BuiltinPattern(_Pattern):
    """A built-in rule's pattern: `source` is (pattern, ignore_case); compiled on first use, never
    if its literals are absent; `where` it was written. One that only the `regex` module compiles
    keeps its `program` with the rule cache (see `keep_program`)."""

    program: tuple[str, tuple[Any, ...]] | None = None

    def __init__(self, source: tuple[str, bool], where: Where) -> None:
        self.source = source
        self.where = where

    @functools.cached_property
    def pattern(self) -> Any:
        if self.program is not None:
            compiled = from_regex_program(self.program)
            if compiled is not None:
                return compiled
        return user_pattern(self.source[0], self.where, ignore_case=self.source[1], trusted=True)

    def keep_program(self) -> None:
        """Compile now a pattern that only `regex` compiles (a lookbehind of variable width, say) and
        keep its program, which pickles with the rule cache: `regex` parses a pattern in Python code,
        which costs more than matching it over many articles, and builds it from a program at once.
        (The standard library's programs are kept by `cache.programs`.)"""
        if compile_trusted(*self.source) is None:
            self.program = regex_program(self.pattern)

    @functools.cached_property
    def required_words(self) -> frozenset[str] | None:
        """Whole words one of which every match holds (see `words`): a document without any has none."""
        return required_words(self.text)

    @functools.cached_property
    def reach(self) -> Reach | None:
        """How far into a match its required words stand, when that narrows its plan's candidates, or,
        for a pattern with no plan whose every match opens a word (`opens_words`), the document's words
        (see `reach`)."""
        plan = self.plan
        if plan is None:
            return reach_of(self.text, self.required_words, frozenset()) if opens_words(self.text) else None
        return reach_of(self.text, self.required_words, plan.lookups)

    @property
    def text(self) -> str:
        return self.source[0]


class HousePattern(_Pattern):
    """A house rule's pattern, compiled at load (a `regex.Pattern`), run with USER_PATTERN_TIMEOUT."""

    def __init__(self, source: Any) -> None:
        self.source = source

    @property
    def key(self) -> tuple[Any, ...]:
        return type(self).__name__, (self.source.pattern, self.source.flags)

    @functools.cached_property
    def pattern(self) -> Any:
        return self.source

    @property
    def text(self) -> str:
        return self.source.pattern  # type: ignore[no-any-return]


def terms(items: Iterable[str], ignore_case: bool) -> TermList:
    listed = list(items)
    return TermList((tuple(listed), ignore_case), first_words(spaced(t) for t in listed))


def first_words(terms: Iterable[str]) -> frozenset[str] | None:
    words = set()
    for term in terms:
        m = WORD.match(term)
        if m is None or not m.group(0).isascii():
            return None
        words.add(m.group(0).lower())
    return frozenset(words)


def pattern(text: str, where: Where, ignore_case: bool, trusted: bool) -> Compiled:
    """A built-in (trusted) pattern compiles on first use; a house pattern now, so that an invalid
    one is an error at load naming its file and key."""
    if trusted:
        recorded = state.current().recorded
        if recorded is not None:
            recorded.add(text)
        return BuiltinPattern((text, ignore_case), where)
    return HousePattern(user_pattern(text, where, ignore_case=ignore_case))
