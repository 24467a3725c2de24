"""What matching learns in a process, kept in one object: how many documents it has matched, the
words its prefilter indexes, the literals read out of built-in patterns, the slots of matchers.

Every run in a process shares `current()`; `fresh()` starts a new one (a test that wants a process
as it was at start-up, say). Nothing here changes what matches: only how fast it is found.
"""
from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any, Iterable, Iterator

if TYPE_CHECKING:
    from newslint.matching.literals import Literals
    from newslint.matching.plans import Sweep

# While a process has matched at most this many documents, a term list is matched with the small
# patterns of the first words a document holds (see `TermList.for_first_word`); past it, with the
# list's whole pattern, compiled once and shared by every document.
SPLIT_TERM_LISTS_UNTIL = 1


class MatchState:
    """The matching state of one process (see the module docstring)."""

    def __init__(self, slots: dict[tuple[Any, ...], int] | None = None) -> None:
        from newslint.matching.plans import Sweep

        self.documents = 0  # documents matched so far
        self.split_term_lists_until = SPLIT_TERM_LISTS_UNTIL
        # Every whole word some prefix list looks for: the words `Scan.index` records; and the same
        # in the order they became known (a document indexed before some of them adds just those).
        self.known_words: set[str] = set()
        self.known_order: list[str] = []
        self.sweep: Sweep = Sweep(self.known_words)
        # Built-in patterns seen while `recorded` is a set (see `literals.table`); literals read in an
        # earlier run (the rule cache), by pattern: (required literals, literal prefixes).
        self.recorded: set[str] | None = None
        self.known_literals: dict[str, Literals] = {}
        # `Matcher.slot` by `Matcher.key`: a matcher keeps its slot, so every state of a process shares them.
        self.slots: dict[tuple[Any, ...], int] = {} if slots is None else slots

    @property
    def many(self) -> bool:
        """Past the first document: shortcuts that pay off over many documents are taken."""
        return self.documents > 1

    def add_known(self, words: Iterable[str]) -> None:
        """Make `words` known (see `known_words`)."""
        known = self.known_words
        for word in words:
            if word not in known:
                known.add(word)
                self.known_order.append(word)

    def slot(self, key: tuple[Any, ...]) -> int:
        return self.slots.setdefault(key, len(self.slots))


_current: list[MatchState] = []


def current() -> MatchState:
    """The state of this process, made on first use."""
    if not _current:
        _current.append(MatchState())
    return _current[-1]


@contextlib.contextmanager
def fresh() -> Iterator[MatchState]:
    """A new state for the block (as in a new process), the previous one back after it."""
    state = MatchState(current().slots)
    _current.append(state)
    try:
        yield state
    finally:
        _current.remove(state)
