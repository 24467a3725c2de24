"""Words that markup splits, joined up again in the prose: a character reference inside a word
("don&rsquo;t") or inline tags alone between its letters ("re<i>ck</i>less", a drop cap's
"<span>T</span>he"). The joined word's letters move left and the blanks go after it, so that terms
match the word whole; the reader reports the joined words' spans as decoded (reported, never fixed)."""
from __future__ import annotations

import re
from collections.abc import Sequence

from newslint.cache import programs

# A reference inside a word: a letter, a digit or an apostrophe ("caf&eacute;", "don&rsquo;t"), or a
# character that is no character of the word (a soft hyphen, a zero-width joiner or space).
_IN_WORD = frozenset("'’ʼ")
_NOTHING = frozenset("\xad\u200b\u200c\u200d\u2060\ufeff")
_WORD_CHAR = programs.compile(r"[\w'’ʼ-]")
# Tags that style letters without ending a word: a word split by one alone is one word ("a drop cap
# <span>T</span>he", "re<i>ck</i>less", "<b>world</b>’s"). Not <br>, <img>, <del>/<ins> (an edit) or a
# block's tag, which stand between words.
INLINE_TAGS = programs.compile(r"(?:</?(?:a|abbr|b|bdi|bdo|cite|code|dfn|em|font|i|kbd|mark|q|s|samp|small|span"
                                r"|strong|sub|sup|time|u|var)(?:\s[^<>]*)?>)+", re.I)


def join_words(prose: str, references: Sequence[tuple[int, int]],
                tags: Sequence[tuple[int, int]] = ()) -> tuple[str, list[tuple[int, int]]]:
    """`prose` with every word that a character reference or inline tags split joined up again: the
    rest of the word moves left to follow the reference's character (or the letters before the tags),
    and the blanks go after it ("don&rsquo;t" reads "don’t" and blanks, not "don’" and blanks and "t";
    "re<i>ck</i>less" reads "reckless" and blanks). Returns the prose and the source spans of the words
    so joined (their letters no longer stand at their own offsets)."""
    chars = list(prose)
    joined: list[tuple[int, int]] = []
    gaps = [(start, end, False) for start, end in references] + [(start, end, True) for start, end in tags]
    for start, end, tag in sorted(gaps, reverse=True):  # right to left: a word split twice joins whole
        c = chars[start - 1] if tag else chars[start]
        if end >= len(chars) or not _WORD_CHAR.match(chars[end]):
            continue
        if not (_WORD_CHAR.match(c) if tag else c.isalnum() or c in _IN_WORD or c in _NOTHING):
            continue
        stop = end
        while stop < len(chars) and _WORD_CHAR.match(chars[stop]):
            stop += 1
        to = start if tag or c in _NOTHING else start + 1
        tail = chars[end:stop]
        chars[to:stop] = tail + [" "] * (stop - to - len(tail))
        first = start
        while first > 0 and _WORD_CHAR.match(chars[first - 1]):
            first -= 1
        joined.append((first, stop))
    return "".join(chars), joined
