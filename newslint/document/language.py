"""Is a document's copy English? The rules read English: copy in another language is not linted.

Told by the share of English function words among the first words of the prose (of two letters or
more): a fifth to a quarter of the words of English news copy ("the", "of", "was", "said"), and none
or next to none of Czech, Spanish, French, German, Chinese or Japanese copy. Copy too short to tell
is taken as English. Chinese, Japanese and Korean copy sets no spaces between its words, so its
words cannot be counted as others are: copy with more of their characters than Latin letters is not
English (a Japanese page with a few English names in it), whatever its count of words.
"""
from __future__ import annotations

import itertools

from newslint.cache import programs
from newslint.document.positions import fold

ENGLISH_WORDS = frozenset("""
the of and is was that for with said were have has from this by which are be it his her they their
will would been not but
""".split())
SAMPLE = 500  # words read
MIN_WORDS = 60  # fewer: too short to tell
CJK_SAMPLE = 50_000  # characters read for Chinese, Japanese or Korean script
MIN_SHARE = 0.05  # English copy runs well above (news copy seldom below 0.09), other languages below 0.02

_WORD = programs.compile(r"[^\W\d_]{2,}")  # words of two letters or more: no initials, no "x" rows
# Kana, CJK ideographs and Hangul syllables
_CJK = programs.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")
_LATIN = programs.compile("[A-Za-z]")
NOT_ENGLISH = "not English copy"


def english(prose: str) -> bool:
    """True unless the prose has at least MIN_WORDS words and fewer than MIN_SHARE of them are
    English function words, or is written in Chinese, Japanese or Korean (`written_in_cjk`)."""
    low = fold(prose)
    if low is not None and _surely_english(low):
        return True
    if written_in_cjk(prose):
        return False
    if low is None:
        words = [m.group().lower() for m in itertools.islice(_WORD.finditer(prose), SAMPLE)]
    else:  # (lower-casing keeps every word where it was, and a word of ENGLISH_WORDS what it was: see `fold`)
        words = _WORD.findall(low)[:SAMPLE]
    if len(words) < MIN_WORDS:
        return True
    return sum(map(ENGLISH_WORDS.__contains__, words)) >= MIN_SHARE * len(words)


def written_in_cjk(prose: str) -> bool:
    """Do the first CJK_SAMPLE characters of the prose, its blanks (a page's markup) closed up, hold more
    Chinese, Japanese or Korean characters than Latin letters? (A sample: a file of any size is told in
    the same time.)"""
    sample = " ".join(prose[:8 * CJK_SAMPLE].split())[:CJK_SAMPLE]
    cjk = len(_CJK.findall(sample))
    return cjk > 0 and cjk > len(_LATIN.findall(sample))


# The function words counted first, each with a space either side: such a word is one of the words
# read, wherever it stands in the text.
_SPACED = tuple(f" {w} " for w in ("the", "of", "and", "was", "said", "is", "that", "for", "with", "were", "have", "has"))
# A prefix of this many characters holds at most SAMPLE words (each two letters and a character after it).
_PREFIX = 3 * SAMPLE


def _surely_english(low: str) -> bool:
    """Does the lower-cased prose hold so many spaced function words among its first characters that
    they alone make MIN_SHARE of any sample (25 of 500 words)? Most English copy does, in a few quick
    counts; any other copy is read word by word."""
    found = 0
    for word in _SPACED:
        found += low.count(word, 0, _PREFIX)
        if found >= MIN_SHARE * SAMPLE:
            return True
    return False
