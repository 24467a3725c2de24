"""Is a capitalized match a name (a person, a group, a title of a work) or the word itself?

Mid-sentence, a capital letter is the writer's own mark of a name: "sold Savage to Blackburn", "her
single Outrageous", "the play (Brutal)", "Operation Brutal Storm". At the start of a sentence, and in
a headline set in Title Case or ALL CAPS, capitals carry no such mark: there the match is a name only
if the story writes the same words with capitals mid-sentence elsewhere ("City row over Savage" and,
in the body, "Robbie Savage signed ..."), or with what only a name takes ("Savage said", "Savage's
goal", "Savage, 45,", "Savage, who ...", "Savage, the club's captain", "Brutal Youth, the play,"). ALL-CAPS emphasis inside a sentence is still the word, and
so are adjectives made from names (Orwellian, Kafkaesque), unless a capitalized word or a kind of work
stands before them ("her single Toxic": a title, whatever its ending).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator
from newslint.cache import programs
from newslint.matching.parse import is_word_char

if TYPE_CHECKING:
    from newslint.document.model import Document

_CAP_WORD_BEFORE = programs.compile(r"([A-Z][\w'’.-]*)[ \t]+\Z")  # \Z: $ would also match before a line's end
_WORD = programs.compile(r"[^\W\d_][\w'’-]*")
# Adjectives made from names keep their capital in any sentence.
_FROM_A_NAME = programs.compile(r"(?:ian|ean|esque|ist|ists|ite|ites|ism|ic)\Z")
# A code set apart in brackets, such as a ticker ("<MOB>", "(NYSE: MOB)", "(MOB.N)").
_CODE_BEFORE = programs.compile(r"[<(\[](?:[A-Z]{2,8}:[ \t]?)?\Z")  # an opening bracket, maybe an exchange's name
_CODE_AFTER = programs.compile(r"(?:\.[A-Z]{1,3})?[>)\]]")  # maybe an exchange's suffix, the closing bracket
_LIST_COMMAS = 8  # a line with this many commas is a list of names or places, not a headline
_HEADLINE_WORDS = 16  # words (not counting the small ones) past which a line ended with a full stop is no headline
# Short words a Title Case headline leaves in lower case.
_SMALL = frozenset("a an and as at but by for from in into is of off on or over per the to up via vs with".split())
_OPENERS = " \t\"“‘'([-–—*"
_WRAPPED_LINE = (40, 100)  # the length of a full line of hard-wrapped prose: wrapped at 40 to 100 columns
_MID_SENTENCE = programs.compile(r"[\w,'’-]\n")  # a line ended on a word, a comma or a hyphen
# Kinds of work whose titles stand in copy.
_WORKS = r"play|film|movie|novel|book|album|single|song|series|show|musical|opera|documentary|painting|poem|exhibition|band|game"
# A kind of work, or a hit, just before a capitalized word: its title ("her single Toxic", "their hit Vertigo", set
# apart by a comma: "the band's new single, Toxic Love,").
_AFTER_A_WORK = programs.compile(r"\b(?:" + _WORKS + r"|hit|track|ballad|anthem|sitcom|drama|thriller|comedy|sequel|video)"
                                 r",?[ \t]+\Z", re.I)
# What follows a name and never an adjective: a possessive, a speech verb, an age, a relative clause, an
# appositive of a role, or (after the rest of a title) an appositive of a kind of work ("Savage's goal",
# "Savage said", "Savage, 45, was fined", "Savage, who joined in May", "Savage, the club's captain",
# "Brutal Youth, the play, runs until March").
_AS_A_NAME = programs.compile(r"(?:['’]s\b|[ \t]+(?:said|says|told|added|insisted|admitted|replied)\b|,[ \t]+(?:\d{1,3},|who\b|whose\b|the[ \t]+\w+['’]s[ \t])|"
                        r"(?:[ \t]+[A-Z][\w'’-]*)*,[ \t]+(?:the|a|an)[ \t]+(?:new[ \t]+)?(?:" + _WORKS + r")\b)")


def _line(text: str, start: int) -> tuple[int, int]:
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", start)
    return a, len(text) if b < 0 else b


def headline_voice(text: str, start: int) -> bool:
    """Is the line around `start` set in Title Case or ALL CAPS (capitals tell nothing there)? Not a
    sentence longer than a headline, ended with a full stop, nor a list of items comma after comma: one
    that lists people is capitalized for them;
    nor a line that goes on with a sentence the line before began (hard-wrapped prose full of names)."""
    a, b = _line(text, start)
    if _runs_on(text, a):
        return False  # a line of hard-wrapped prose, the rest of a sentence begun on the line before
    words = [w for w in _WORD.findall(text, a, b) if w.lower() not in _SMALL]
    if len(words) < 3 or (len(words) > _HEADLINE_WORDS and text[a:b].rstrip(" \t\"”’')").endswith(".")):
        return False
    if text.count(",", a, b) >= _LIST_COMMAS and not text[a:b].isupper():
        return False  # a list, comma after comma ("Ana Ruiz, Tom Bell, Kim Reem, ..."): capitalized for its names
    capital = sum(1 for w in words if w[0].isupper())
    return capital >= 0.75 * len(words) and capital >= 3


def _runs_on(text: str, line_start: int) -> bool:
    """Does the line starting at `line_start` go on with a sentence from the line before, as hard-wrapped prose
    does: a line before it of the length wrapped lines have, ended mid-sentence? (A paragraph kept on one line
    is longer; a headline or a list item that ends on a word is shorter.)"""
    if line_start < 2 or not _MID_SENTENCE.match(text, line_start - 2):
        return False
    before = line_start - 1 - (text.rfind("\n", 0, line_start - 1) + 1)
    return _WRAPPED_LINE[0] <= before <= _WRAPPED_LINE[1]


def _sentence_initial(doc: Document, start: int) -> bool:
    text = doc.prose
    index = doc.sentence_index(start)
    if index >= 0 and not text[doc.sentences[index].start:start].strip(_OPENERS):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    if not text[line_start:start].strip(_OPENERS):
        # a line of hard-wrapped prose runs on from a full line before it, mid-sentence ("... sell its
        # Alberta-based\nNoble Cultivators division"); a line after a short one or a finished one starts afresh
        return index < 0 or not _runs_on(text, line_start)
    return text[max(line_start, start - 3):start].rstrip().endswith((":", "—", "–"))


def _named_elsewhere(doc: Document, start: int, end: int) -> bool:
    """Do the same words stand capitalized elsewhere in the story where only a name can stand: mid-sentence
    outside a headline, or anywhere with what only a name takes (see `_AS_A_NAME`)?"""
    text = doc.prose
    words = text[start:end]
    for at in _standing(text, words):
        if _AS_A_NAME.match(text, at + len(words)) and not headline_voice(text, at):
            return True
        if at == start or headline_voice(text, at) or _sentence_initial(doc, at):
            continue
        return True
    return False


def _standing(text: str, words: str) -> Iterator[int]:
    """Where `words` (not empty) stands in `text` as whole words: not after a word character, an apostrophe
    or a hyphen, nor before a word character or a hyphen; in order, none overlapping (what a search for
    them as a pattern finds, with no pattern to compile for each)."""
    size, last = len(words), len(text)
    at = text.find(words)
    while at >= 0:
        end = at + size
        before = text[at - 1] if at else " "
        after = text[end] if end < last else " "
        if not (is_word_char(before) or before in "'’-") and not (is_word_char(after) or after == "-"):
            yield at
            at = text.find(words, end)
        else:
            at = text.find(words, at + 1)


def is_proper_name(doc: Document, start: int, end: int, listed_lower: bool = False) -> bool:
    """Is the capitalized match `doc.prose[start:end]` a name rather than the word (see the module)?

    `listed_lower` false (a term listed with its capital, such as a month, or a pattern's match): only
    a capitalized word beside it, mid-sentence, makes it part of a name; in a Title Case headline, only
    the same words standing as a name elsewhere in the story.
    """
    text = doc.prose
    if not text[start:start + 1].isupper():
        return _inside_a_title(doc, start, end)
    if not listed_lower:
        if headline_voice(text, start):  # "Mayor Slams Cuts": every word capitalized, so none is a name by it
            return _named_elsewhere(doc, start, end)
        return _beside_capitals(doc, start, end) or (_title_cased(text, start, end) and not _sentence_initial(doc, start))
    if text[start:end].isupper() and end - start > 1:
        if _CODE_BEFORE.search(text, max(0, start - 10), start) and _CODE_AFTER.match(text, end):
            return True  # a code set apart in brackets, not the word (a ticker: "Mobil Corp <MOB>", "(NYSE: MOB)", "(MOB.N)")
        if not headline_voice(text, start):
            return False  # ALL-CAPS emphasis is still the word
    later = [w for w in _WORD.findall(text, start, end)[1:] if w.lower() not in _SMALL]
    if any(not w[0].isupper() for w in later):
        return False  # "Passed away": a name capitalizes each of its words
    if headline_voice(text, start) or _sentence_initial(doc, start):
        return _named_elsewhere(doc, start, end)
    if _FROM_A_NAME.search(text, start, end):
        return _beside_capitals(doc, start, end) or _AFTER_A_WORK.search(text, max(0, start - 24), start) is not None
    return True


def _inside_a_title(doc: Document, start: int, end: int) -> bool:
    """A match that opens on a small word and goes on in capitals, after a capitalized word, mid-sentence: the
    rest of a title set in Title Case ("its 100 Greatest Albums of All Time list", "the Best in the World
    awards"), not the words themselves."""
    text = doc.prose
    if text[start:end].islower() or text[start:end].isupper():
        return False
    words = _WORD.findall(text, start, end)
    if len(words) < 2 or words[0].lower() not in _SMALL:
        return False
    rest = [w for w in words[1:] if w.lower() not in _SMALL]
    if not rest or not all(w[0].isupper() for w in rest) or headline_voice(text, start):
        return False
    before = _CAP_WORD_BEFORE.search(text, max(0, start - 40), start)
    return before is not None and before.group(1).lower() not in _SMALL and not _sentence_initial(doc, before.start(1))


def _title_cased(text: str, start: int, end: int) -> bool:
    """A match of two or more words, each capitalized outside a headline, is set in Title Case as the title of
    a work is (the album "Mistakes Were Made", the film Shots Were Fired): prose capitalizes no verb
    (mid-sentence, that is: a heading's or a sentence's first words tell nothing). ALL CAPS is emphasis,
    not a title."""
    words = [w for w in _WORD.findall(text, start, end) if w.lower() not in _SMALL]
    return (len(words) >= 2 and all(w[0].isupper() for w in words)
            and not (text[start:end].isupper() and end - start > 1))


def _beside_capitals(doc: Document, start: int, end: int) -> bool:
    """A capitalized match after a capitalized word mid-sentence ("Operation Brutal Storm"). A capital
    after it alone makes no name: a label stands before the name it labels ("the Marxist Sandinista
    government", "an Orwellian Home Office plan")."""
    text = doc.prose
    if text[start:end].isupper() and end - start > 1:
        return False
    if _sentence_initial(doc, start):
        return False
    before = _CAP_WORD_BEFORE.search(text, max(0, start - 40), start)
    return before is not None and before.group(1).lower() not in _SMALL  # not "The" opening the sentence
