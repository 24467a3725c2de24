"""Is a document's copy English? The rules read English: copy in another language is not linted.

Told by the share of English function words among the first words of the prose (of two letters or more): a fifth to a
quarter of the words of English news copy ("the", "of", "was", "said"), and none or next to none of
Czech, Spanish, French, German, Chinese or Japanese copy. Copy too short to tell is taken as English.
"""
from __future__ import annotations

import itertools

from newslint.cache import programs

ENGLISH_WORDS = frozenset("""
the of and is was that for with said were have has from this by which are be it his her they their
will would been not but
""".split())
SAMPLE = 500  # words read
MIN_WORDS = 60  # fewer: too short to tell
MIN_SHARE = 0.05  # English copy runs well above (news copy seldom below 0.09), other languages below 0.02

_WORD = programs.compile(r"[^\W\d_]{2,}")  # words of two letters or more: no initials, no "x" rows
NOT_ENGLISH = "not English copy"


def english(prose: str) -> bool:
    """True unless the prose has at least MIN_WORDS words and fewer than MIN_SHARE of them are
    English function words."""
    words = [m.group().lower() for m in itertools.islice(_WORD.finditer(prose), SAMPLE)]
    if len(words) < MIN_WORDS:
        return True
    return sum(w in ENGLISH_WORDS for w in words) >= MIN_SHARE * len(words)
