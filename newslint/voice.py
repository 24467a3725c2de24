"""The story's voice: words that are plain description in straight news and slant in loaded copy.

Some words pass judgment only by the company they keep. "A huge crowd", "a dramatic rescue", "severe
flooding" are ordinary description in a news story; in copy whose writer already calls people
"thugs" and plans "reckless", the same "huge", "dramatic" and "severe" are part of the slant. A rule
that is `voiced` (a key any rule may have, see `rulebook`) is reported only where the
writer's voice is loaded elsewhere: in a story with at least `AT_LEAST` words found by the word-choice
families that judge (`VOICE_FAMILIES`: loaded words and labels, not the voiced rules themselves; a word two
rules find counts once), and at least `PER_THOUSAND` of them per 1,000 words of the story; or, in any
story, in a paragraph that holds one of them ("Thugs tore through the market, and the day ended in
chaos": the chaos is part of the slant, even in a long story that is otherwise straight). A voiced verb of
saying or word of praise (outside the families that judge) keeps closer company: in a straight story
it stands by a loaded word or label in its own sentence or the next or last one (`NEAR`), not by one
further on in a long paragraph.

The other way round, a rule that is `plain` (a rule key too) stands everywhere
but in a straight story: one long enough to judge (`STORY_WORDS`) whose voice is not loaded. A vague
count of things ("some webpages were slow", "in many concerts") is description in straight news; in a
lone sentence, which gives no measure of the voice, or in loaded copy ("many crimes go unpunished") it
is reported as a vague quantity.

A rule that is `beside` (a rule key, and the rule is `voiced` too) keeps the closest company of all:
its findings stand only in a sentence that holds a loaded word or label of another rule, however the
story reads. Its words are plain in most copy and slanted only next to another judgment: "destroy" and
"lies" are news on their own ("the fire destroyed the depot"); in "the reckless plan would destroy the
town's schools" or "the shameless minister told lies" they carry the same verdict. Even in a loaded
story they are read only beside a loaded word, since one judgment in a story does not make every
"destroyed" a metaphor.

A rule that is both `voiced` and `plain` stands wherever either would keep it: in copy too short to
judge, in a loaded story, and in a loaded paragraph of a straight one. "The minister claimed the
hospital had enough beds" alone is a note on the verb; in a straight story that says "insisted" by
house choice it is not.
"""
from __future__ import annotations

import functools
from typing import AbstractSet, Callable, Sequence

from newslint.finding import Finding

VOICE_FAMILIES = frozenset({"loaded", "labels"})
AT_LEAST = 3
PER_THOUSAND = 3.0
NEAR = 1  # sentences either side of a loaded word or label whose voiced words of saying or praise it slants
STORY_WORDS = 80  # shorter copy (a lone sentence, a brief) gives no measure of the writer's own voice


class Words:
    """The words of a story (whitespace-separated), counted only as far as a question needs: most
    stories are asked only whether they reach STORY_WORDS, which the first words tell."""

    __slots__ = ("prose", "_count", "_known")

    def __init__(self, prose: str) -> None:
        self.prose = prose
        self._count: int | None = None
        self._known: dict[int, bool] = {}  # `at_least` by `n`, as told

    @property
    def count(self) -> int:
        if self._count is None:
            self._count = len(self.prose.split())
        return self._count

    def at_least(self, n: int) -> bool:
        """Does the story have `n` words or more? (`split` with a limit stops after the first `n`.)"""
        if self._count is not None or n < 1:
            return self.count >= n
        found = self._known.get(n)
        if found is None:
            found = self._known[n] = len(self.prose.split(None, n - 1)) >= n
        return found


@functools.lru_cache(maxsize=1)
def story_words(prose: str) -> Words:
    """The words of a story, counted once for the steps that ask in turn."""
    return Words(prose)


def loaded(findings: Sequence[Finding], voiced: AbstractSet[str], words: int | Words) -> bool:
    """Is the writer's voice loaded: enough findings of VOICE_FAMILIES outside the `voiced` rules, for
    a story of `words` words?"""
    n = len({f.start for f in findings if f.family in VOICE_FAMILIES and f.rule not in voiced})
    if n < AT_LEAST:
        return False
    return n * 1000 >= PER_THOUSAND * max(words if isinstance(words, int) else words.count, 1)


def straight(findings: Sequence[Finding], voiced: AbstractSet[str], words: Words) -> bool:
    """Is this a straight story: long enough to judge (STORY_WORDS) and its writer's voice not loaded?"""
    return words.at_least(STORY_WORDS) and not loaded(findings, voiced, words)


def by_voice(voiced: bool, plain: bool, family: str) -> bool:
    """Do a rule's findings stand or fall by the story's voice without counting in it? A `voiced` rule,
    or a `plain` one outside VOICE_FAMILIES: its findings never change what `loaded` finds, and where
    `may_stand` says none could stand, the rule need not run at all."""
    return voiced or (plain and family not in VOICE_FAMILIES)


def may_stand(voiced: bool, plain: bool, before_plain: Sequence[Finding], before_unvoiced: Sequence[Finding],
              voiced_rules: AbstractSet[str], words: Words) -> bool:
    """Could a finding of a rule that is `by_voice` stand in a story of `words` words, the findings of
    the other rules being `before_plain` as `drop_plain` is given them and `before_unvoiced` as
    `drop_unvoiced` is? A `voiced` rule's stand only where some paragraph's voice is loaded (a story
    loaded as a whole has such paragraphs too) or, when it is also `plain`, in copy too short to judge;
    a `plain` rule's everywhere but in a straight story."""
    if voiced:
        return (plain and not words.at_least(STORY_WORDS)) or any(
            f.family in VOICE_FAMILIES and f.rule not in voiced_rules for f in before_unvoiced)
    return not straight(before_plain, voiced_rules, words)


def drop_plain(findings: Sequence[Finding], plain: AbstractSet[str], voiced: AbstractSet[str],
               prose: str) -> list[Finding]:
    """`findings` without those of the `plain` rules in a straight story (see the module)."""
    plain = plain - voiced  # (a rule that is both is left to `drop_unvoiced`)
    if not plain or not any(f.rule in plain for f in findings):
        return list(findings)
    if not straight(findings, voiced, story_words(prose)):
        return list(findings)
    return [f for f in findings if f.rule not in plain]


def drop_unvoiced(findings: Sequence[Finding], voiced: AbstractSet[str], prose: str,
                  paragraph: Callable[[int], int] | None = None, plain: AbstractSet[str] = frozenset(),
                  sentence: Callable[[int], int] | None = None) -> list[Finding]:
    """`findings` without those of the `voiced` rules, unless the story's voice is loaded, or the voice of
    their paragraph (`paragraph` gives the paragraph of an offset; see the module); those that are also
    `plain` stand, too, in copy too short to judge. A voiced word outside VOICE_FAMILIES (a verb of saying,
    praise) is slanted only by a loaded word or label in its own sentence or the sentences either side
    (`sentence` gives the sentence of an offset; NEAR): "claimed" is not taken for a side because a long
    paragraph calls something notorious three sentences on."""
    if not voiced or not any(f.rule in voiced for f in findings):
        return list(findings)
    words = story_words(prose)
    if loaded(findings, voiced, words):
        return list(findings)
    # In copy too short to judge a rule that is also `plain` stands, but it still does not slant the others:
    # a voiced rule's word never counts in the voice ("the huge queue was in chaos" alone is not loaded).
    held = voiced - plain if plain and not words.at_least(STORY_WORDS) else voiced
    if paragraph is None:
        return [f for f in findings if f.rule not in held]
    slanting = [f.start for f in findings if f.family in VOICE_FAMILIES and f.rule not in voiced]
    slanted = {paragraph(at) for at in slanting}
    near = set() if sentence is None else {
        (paragraph(at), sentence(at) + step) for at in slanting for step in range(-NEAR, NEAR + 1)}

    def stands(f: Finding) -> bool:
        if f.rule not in held:
            return True
        if sentence is None or f.family in VOICE_FAMILIES:
            return paragraph(f.start) in slanted
        return (paragraph(f.start), sentence(f.start)) in near
    return [f for f in findings if stands(f)]


def drop_apart(findings: Sequence[Finding], beside: AbstractSet[str], voiced: AbstractSet[str],
               sentence: Callable[[int], int]) -> list[Finding]:
    """`findings` without those of the `beside` rules whose sentence (`sentence` gives the sentence of an
    offset) holds no other word found by VOICE_FAMILIES from a rule that is not `voiced`, and without
    those on words such a rule already found ("a crushing defeat" is one note, not two)."""
    if not beside or not any(f.rule in beside for f in findings):
        return list(findings)
    judging: dict[int, list[Finding]] = {}  # by sentence
    for g in findings:
        if g.family in VOICE_FAMILIES and g.rule not in voiced:
            judging.setdefault(sentence(g.start), []).append(g)

    def stands(f: Finding) -> bool:
        if f.rule not in beside:
            return True
        others = judging.get(sentence(f.start), [])
        return bool(others) and not any(g.start < f.end and f.start < g.end for g in others)
    return [f for f in findings if stands(f)]
