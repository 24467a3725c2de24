"""Coordinated words: the partners a judging word shares its place with are part of the same note.

A writer who stacks verdicts joins them: "a giant, ineffective wall", "the blatant and disparate tax",
"the plan was cruel and insensitive", "painfully and dangerously wrong", "stuffed with liars and
grifters". When a rule flags one of the words, the words coordinated with it stand in the same place and
carry the same judgment, whether or not a list holds them: the finding covers the whole run, one note
for the stacked verdict, not a note on its first word and silence on the rest.

A partner follows the flagged word after a comma, "and" or "or" (not "but" or "yet", which set a
contrast: "a chaotic but close election"). It is a word in lower case (a capital mid-sentence starts a
name) that is no function word, and it is the flagged word's kind:
- after an adverb in -ly, another adverb in -ly ("painfully and dangerously");
- after an adjective, a word that is no adverb in -ly, and the run ends where the phrase does: before
  the noun the adjectives share ("a giant, ineffective border wall"), or at the clause's end (a stop, a
  colon, a semicolon, a closing bracket: "was cruel and insensitive.");
- after a noun, a word that is no adverb in -ly, the last one after "and" or "or", and the run ends at a
  comma or the clause's end ("stuffed with liars and grifters.").
  A run that ends on a function word is a clause going on, not a list ("allowed illegal aliens, non-
  citizens and felons to vote", "calling him a liar, arguing that ..."), and joins nothing.

The note reaches back, too, when the flagged word is the second of a pair ("a crazed, reckless plan", "years
of sloth and incompetence."): the partner just before it, joined by the same links, that opens the phrase, after
a determiner, a preposition, a verb of being, a degree word or the clause's start ("a", "with", "was",
"so", a comma). An adjective's partner after a preposition and "and" has an adjective's ending ("for
dramatic and abominable crimes", not "a grip on power and dismal record"), and a pair set apart by a bare
comma stands before its noun ("a crazed, reckless plan", not "was approved, reckless or not"); a noun's
list ends where the flagged noun, after "and" or "or", closes its phrase ("sloth and incompetence.", not
"the confusion and panic spread" nor "is, of course, nonsense.").
"""
from __future__ import annotations

from newslint.cache import programs

WORD_CLASSES = ("adjective", "noun", "adverb")

# A link between two coordinated words: a comma, "and" or "or", or both ("cruel, and insensitive").
_LINK = programs.compile(r"[ \t]*,[ \t]*(?:(?:and|or)[ \t]+)?|[ \t]+(?:and|or)[ \t]+")
_JOINED = programs.compile(r"\b(?:and|or)\b")
_WORD = programs.compile(r"[a-z][a-z'’-]*[a-z]\b")
_NEXT = programs.compile(r"[ \t]*([A-Za-z][\w'’-]*|[^\w\s]|\n|\Z)")
_NOUNS_END = programs.compile(r"[ \t]*(?:[,.;:!?)\]\n”\"]|\Z)")
_CLAUSE_END = frozenset(".;:!?)]\n”\"")
# Closed classes: determiners, pronouns, prepositions, conjunctions, auxiliaries, particles and the
# adverbs of time, place and linking that go on a clause rather than a list.
_FUNCTION = frozenset("""a an the this that these those its his her hers their theirs our ours my your yours
some any no every each either neither both all such what which who whom whose whatever whoever
i me we us you he him she it they them one ones myself himself herself itself ourselves themselves yourself
of to in on at for by with from into onto upon about over under after before against without within around
through across along among amid beside besides between beyond during except like near since than until via
toward towards behind below above off out up down away back
and or but nor yet so if then when while because although though unless whether as
is are was were be been being am has have had do does did will would can could should may might must shall
not never also even just only still again ever now here there thus hence too very more most less least much
many few several other another same own indeed moreover however therefore instead rather quite already
said says say told tells according""".split())
# Words in -ly that are adjectives or nouns, not adverbs (`kinds.evaluative` reads them too).
NOT_ADVERBS = frozenset("""only early likely unlikely daily weekly monthly yearly family rally ally assembly july
italy bully supply reply apply fly holy ugly silly lonely lovely friendly unfriendly costly deadly elderly orderly
scholarly kindly cowardly ungainly unseemly unruly surly burly jolly sickly manly womanly worldly""".split())
_REACH = 6  # partners at most, a list no longer than a writer stacks
# A partner before the flagged word, and the link between them, at the end of the prose before it.
_BEFORE = programs.compile(r"(?<![\w'’-])([a-z][a-z'’-]*[a-z])([ \t]*,[ \t]*(?:(?:and|or)[ \t]+)?|[ \t]+(?:and|or)[ \t]+)\Z")
# What may stand before the first word of a run: the phrase opens there.
_OPENERS = frozenset("""a an the this that these those its his her their our my your such some any no every each
is are was were be been being seems seemed seem looks looked remains remained became become proved
so too as very most more less increasingly equally
of with for by in on at into from about against without amid among over under through""".split())
_PREPOSITIONS = frozenset("of with for by in on at into from about against without amid among over under through".split())
_OPENING_MARKS = frozenset(",;:(—–\n“\"")
_ADJECTIVE_ENDING = programs.compile(r"(?:al|ous|ive|ful|less|ic|able|ible|ant|ent|ish|ed|ing|y|ary|ory|ile|ate|ine|id)\Z")
_LOOK_BACK = 80
_LAST_WORD = programs.compile(r"[A-Za-z]+\Z")


def _adverb(word: str) -> bool:
    return word.endswith("ly") and word not in NOT_ADVERBS


def extent(prose: str, start: int, end: int, word_class: str) -> int:
    """Where the note on `prose[start:end]`, a word of `word_class` (adjective, noun or adverb), ends:
    after the last word coordinated with it (see the module), or at `end` when none is."""
    if _adverb(prose[start:end].lower()):
        word_class = "adverb"  # "fiercely" of a listed "fierce"
    elif word_class == "adverb":
        return end
    at, joined = end, False
    for _ in range(_REACH):
        link = _LINK.match(prose, at)
        word = _WORD.match(prose, link.end()) if link else None
        if link is None or word is None or not _partner(word.group(), word_class):
            break
        at, joined = word.end(), bool(_JOINED.search(link.group()))
    if at == end or word_class == "adverb":
        return at
    if word_class == "noun":  # a list of nouns ends with "and" or "or" and closes its phrase: not
        # "appeasement, stop feeding", nor "let the thugs, bystanders and police leave"
        return at if joined and _NOUNS_END.match(prose, at) else end
    if _ends_phrase(prose, at, shared_noun=not joined):
        return at
    return end  # the run goes on as a clause, not a list


def opening(prose: str, start: int, end: int, word_class: str) -> int:
    """Where the note on `prose[start:end]`, a word of `word_class`, begins: at the word coordinated with
    it just before it, when that word opens the phrase (see the module), or at `start`."""
    if _adverb(prose[start:end].lower()):
        word_class = "adverb"
    elif word_class == "adverb":
        return start
    if word_class == "noun" and not _NOUNS_END.match(prose, end):
        return start
    m = _BEFORE.search(prose, max(0, start - _LOOK_BACK), start)
    if m is None or not _partner(m.group(1), word_class):
        return start
    if word_class == "noun" and not _JOINED.search(m.group(2)):
        return start  # a list of nouns ends with "and" or "or": not "is, of course, nonsense"
    if word_class == "adjective" and not _JOINED.search(m.group(2)) and not _ends_phrase(prose, end, shared_noun=True):
        return start  # a pair set apart by a bare comma stands before its noun: not "was approved, reckless or not"
    return m.start(1) if _opens(prose, m.start(1), m.group(1), m.group(2), word_class) else start


def _opens(prose: str, at: int, word: str, link: str, word_class: str) -> bool:
    """Does the phrase open at `word`, a partner found at `at` joined by `link` to the word after it?"""
    before = prose[max(0, at - 30):at].rstrip(" \t")
    if not before or before[-1] in _OPENING_MARKS or before[-1] in ".!?":
        return True
    last = _LAST_WORD.search(before)
    if last is None or last.group().lower() not in _OPENERS:
        return False
    if word_class == "adjective" and last.group().lower() in _PREPOSITIONS and "," not in link:
        return _ADJECTIVE_ENDING.search(word) is not None
    return True


def _partner(word: str, word_class: str) -> bool:
    """Can `word` stand coordinated with a flagged word of `word_class`?"""
    lower = word.lower()
    if lower in _FUNCTION or "'" in lower or "’" in lower:  # "it's", "they're": a clause going on
        return False
    return _adverb(lower) == (word_class == "adverb")


def _ends_phrase(prose: str, at: int, shared_noun: bool = False) -> bool:
    """Does the phrase end at `at`: before a noun the run shares, or (unless `shared_noun`: a last partner
    after a bare comma stands before its noun, "a giant, ineffective wall", not alone as in "an indeed
    apocalyptic, level") at the clause's end?"""
    m = _NEXT.match(prose, at)
    if m is None:
        return False
    following = m.group(1)
    if not following or following[0] in _CLAUSE_END:
        return not shared_noun
    lower = following.lower()
    # (a past tense is no noun the run shares: "the ratings were terrible and reviewers panned her")
    return following[0].isalpha() and lower not in _FUNCTION and not _adverb(lower) \
        and not (len(lower) > 5 and lower.endswith("ed"))
