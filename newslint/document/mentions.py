"""Words mentioned, not used: "she had to look up the words czar and ignoramus", "the term thug has a
history". A word named as a word after "the word", "the term", "the label" and the like is not the
writer's word for anyone; like a quotation, it is no one's verdict in the writer's voice. The mention
runs over the word named and up to three more joined to it by a comma, "and" or "or"; quoted words are
quotations already.
"""
from __future__ import annotations

import re
from typing import Callable, Iterator

from newslint.cache import programs
from newslint.matching.literals import searched

MENTION = searched(programs.compile(
    r"\b(?:the|a|an)\s+(?:words?|terms?|phrases?|expressions?|epithets?|slurs?|insults?|labels?|nicknames?)\s+"
    r"(?![\"“‘'])([^\W\d_][\w'’-]*(?:(?:,\s+(?:and\s+|or\s+)?|\s+(?:and|or)\s+)[^\W\d_][\w'’-]*){0,3})",
    re.I))


def mentions(prose: str, search: Callable[[re.Pattern[str]], Iterator[re.Match[str]]] | None = None) -> list[tuple[int, int]]:
    """Sorted (start, end) of the words mentioned as words. `search` finds MENTION in `prose` faster than a
    search of it (see `Document.search`)."""
    found = MENTION.finditer(prose) if search is None else search(MENTION)
    return [m.span(1) for m in found]
