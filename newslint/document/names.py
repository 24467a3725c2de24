"""Proper names: a capitalized match inside a run of capitalized words mid-sentence is a name
("the Loyal Order of Moose"), not a word choice."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newslint.document.model import Document

_CAP_WORD_BEFORE = re.compile(r"([A-Z][\w'’.-]*)[ \t]+$")
_CAP_WORD_AFTER = re.compile(r"^[ \t]+(?:of[ \t]+(?:the[ \t]+)?)?([A-Z][\w'’-]*)")


def is_proper_name(doc: Document, start: int, end: int) -> bool:
    """A capitalized match inside a run of capitalized words mid-sentence: a name, not a word choice."""
    text = doc.prose
    if not text[start:start + 1].isupper():
        return False
    if text[start:end].isupper() and end - start > 1:
        return False  # ALL-CAPS emphasis is still the word
    index = doc.sentence_index(start)
    sentence_initial = index >= 0 and doc.sentences[index].start >= start - 2 and \
        not text[doc.sentences[index].start:start].strip(" \"“‘'(")
    after = _CAP_WORD_AFTER.match(text, end, min(len(text), end + 40))
    if sentence_initial:
        return False
    before = _CAP_WORD_BEFORE.search(text, max(0, start - 40), start)
    return bool(after or before)
