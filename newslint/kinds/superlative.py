"""`superlative`: a superlative claim with a comparison scope and no source, one finding per claim.

Reads the grammar, not a phrase list: a superlative (an -est adjective, best/worst, or most/least
plus an adjective; hyphened ones too, "the fastest-growing", "the best-selling") after "the" or "the
world's", with a comparison scope in the same clause ("ever",
"in the world", "in history", "on record", "of all time", "in a century"), after "its" or "their"
with a scope of all time ("its highest level ever"; "their biggest win of the season" is their own),
or by itself a verdict of
harm (`unscoped`: the deadliest, the most violent). The finding spans the claim, from "the" to the end of
its scope: "the largest protest the city has ever seen" is one note.

A superlative with "the world's" claims after a copula ("the tower is the world's tallest") and as
the subject the lede opens with ("The world's tallest statue was unveiled"); in apposition, further
down (naming what the story has named), or of a class, it identifies ("Diageo, the world's biggest
spirits company", "aid for the world's poorest countries").

Not a claim: a rank ("one of the most capped players", "among the largest", "the third fastest"), the name of
a record, a title or an award ("the award for the best newcomer in the world", "was named the best newcomer",
"the best newcomer award of the year"), a class spoken of in general ("The best teams in the world all have a plan B"), a
goal or a condition ("they want to be the biggest band ever", "if you are the best in the world"), a
question that asks ("Which city has the worst traffic in the world?"; one asked in the negative
asserts: "Isn't this the worst government in history?"), a
superlative someone else awarded ("was voted the best album by readers") or measured (a companion
in the window: a source, "since 1990", "in 20 years", figures).

Anti-pattern: "It was the worst drought on record."
Best practice: "It was the driest summer since records began in 1910, the weather service said."

Options: `scopes` (patterns: what makes a superlative a claim about the world), `fields` (patterns:
a field such as a country or a continent, which makes a claim except in apposition, where the
superlative names what it follows: "Lagos, the largest city in the country"), `unscoped` (terms:
superlatives that claim without a scope), `companion` (as for `requires`), `before`/`after` (sentences).
"""
from __future__ import annotations

import re
from typing import Any, Iterator

from newslint.cache import programs as recache
from newslint.document import Document
from newslint.document.markup import BlockKind
from newslint.kinds import WORD_LIST_OPTIONS, WRITERS_VOICE, BuildContext, Hit
from newslint.kinds.requires import Requires
from newslint.matching import matcher as matching
from newslint.matching.literals import record
from newslint.matching.matcher import Matcher
from newslint.matching.patterns import term_pattern, user_pattern
from newslint.matching.reach import gaps
from newslint.schema import Option, Where, integer, nested, strings

# Words ending in -est that are no superlative (nouns and verbs), and superlatives that claim nothing.
_NOT_SUPERLATIVE = frozenset("""
interest forest honest dishonest modest protest harvest request contest suggest arrest test rest nest
guest quest chest pest vest invest digest manifest earnest conquest behest crest zest west southwest
northwest midwest unrest inquest bequest detest attest priest tempest everest budapest bucharest ingest
congest molest infest wrest lest jest fest pretest retest latest earliest nearest closest least
""".split())
_LEAD = r"(?<![\w'’-])(?:(?:the\s+)?(?:world|planet|earth)['’]s|the|(?P<own>its|their))\s+(?:(?:very|single|all-time)\s+)?"
_SUPERLATIVE = recache.compile(
    _LEAD + r"(?P<word>(?:most|least)(?:\s+|-)[a-z][a-z-]+|(?:best|worst|[a-z]{2,}est)"
    r"(?:-(?:growing|selling|paid|performing|known|ranked|read|watched|attended|visited|funded))?)(?![\w'’-])", re.I)
# Every superlative is a word ending in "est" or "most", "least" or "worst", at most `_LEAD_GAPS` runs of
# non-word characters after where its claim starts: "the" and a word ending so further on start none.
# (Where such a word ends, as `(?:est|most|least|worst)(?!\w)` finds it: every ending ends in "st", which the
# search skips to at C speed, and the lookbehinds then read which.)
_SUPERLATIVE_END = recache.compile(r"st(?!\w)(?:(?<=est)|(?<=most)|(?<=least)|(?<=worst))")
_LEAD_GAPS = gaps(_LEAD)
_HONOURS = r"(?:record|title|award|prize|trophy|accolade|honou?r|distinction|category|medal|cup|crown|gong|nomination)s?"
_RANKED = recache.compile(r"(?:\b(?:one|some|two|three|four|five|several|many|few|any|each|all|none|among)"
                          r"\s+(?:of\s+)?(?:the\s+)?$|\bamong\s+$|\b" + _HONOURS + r"\s+(?:as|for|of)\s+$"
                          r"|\b(?:named|voted|crowned|chosen|elected)\s+(?:as\s+)?$)", re.I)
# (and a record's, a title's or an award's name is its holder's, not the writer's claim: "held the record for the
# fastest-selling game ever", "won the award for the best women's performance in the world", "the trophy for the
# most improved player of the year", "was named the best young player of the year")
# ... as is the category an award is named for before its name: "the best newcomer award of the year" (a word
# or more between: "the richest prize in world sport" is a claim about the prize)
_AWARD_NAMED = recache.compile(r"(?:[ \t]+(?!(?:in|of|on|at|to|for|and|by|ever)\b)[\w'’-]+){1,3}?[ \t]+"
                               r"(?:award|prize|trophy|accolade|gong|category|nomination)s?\b", re.I)
_CLAUSE_END = recache.compile(r"[.;:!?\n(]|,\s|\s[-–—]\s")
_PARTITIVE = recache.compile(r"[\s-]+(?:(?:example|instance|kind|sort|type)s?\s+of|of|case|ever\s+since)\b", re.I)
# (the worst of the storm, worst-case, "the worst example of many": one of a set, not a claim about the world)
# A superlative is claimed of something after a copula; "Diageo, the world's biggest spirits company" and
# "for the world's poorest countries" identify, they do not claim.
_PREDICATE = recache.compile(r"\b(?:is|was|are|were|be|been|being|became|becomes|become|remains|remained|as)\s+"
                             r"(?:(?:now|still|already|also|then|once|\w+ly)\s+)?$", re.I)  # "is now the world's tallest"
# ... and of the one thing a story's lede opens with ("The world's tallest statue was unveiled on
# Tuesday"), not of a class ("The world's poorest countries will receive aid": the head noun is plural; not
# "mass", "bus" or "crisis", whose -s is no plural's).
# Further down, a sentence opening so names what the story has named ("China ... The world's most
# populous country now has ...").
_PLURAL_HEAD = recache.compile(
    r"\s+(?:[a-z-]+\s+)?(?!(?:was|has|is|does|says|goes|remains|stands|sits|lies|holds|runs|seems|makes|takes|"
    r"gets|comes|opens|works|lives|plans|wants|needs|faces|owns|employs|sells|produces)\b)[a-z]+s\b(?<![su]s)(?<!is)(?!['’])")
# A class spoken of in general, the subject of a generic statement, claims nothing of any one thing: "The
# most popular bands in the history of rock all share a few habits", "The best teams in the world usually
# ...". (A sentence opening on a plural superlative, then a floated "all" or an adverb of habit.)
_GENERIC = recache.compile(r"(?:\s+(?:of|in|on|at)\s+(?:[\w'’-]+\s+){0,2}?[\w'’-]+)?\s+(?:all|both|usually|often|always|"
                           r"typically|generally|tend\s+to|tended\s+to)\b(?!\s+but\b)", re.I)  # ("all but destroyed": almost)
# A goal or a condition claims nothing: "they want to be the biggest band ever", "if you're the best in the world".
_HYPOTHESIS = recache.compile(r"(?:\bto\s+(?:be|become)|\bif\s+(?:\w+\s+)?(?:is|are|was|were)|\bif\s+\w+['’](?:re|s))\s+$", re.I)
# A superlative in apposition names what it follows ("Lagos, the largest city in the country, ...").
_APPOSITION = recache.compile(r"(?:,|\(|—|–)\s*$")
# A superlative of its or their own claims a record only against all time ("its highest level ever",
# "their worst result on record"); within a season or a year it is their own ("their biggest win of the season").
_RECORD = recache.compile(r"\b(?:ever|on\s+record|history|of\s+all\s+time)\b", re.I)
_NEAR = None if _LEAD_GAPS is None else (_SUPERLATIVE_END, _LEAD_GAPS)
REACH = 80  # characters after the superlative searched for its scope


OPTIONS = {
    "scopes": Option(strings, required=True),
    "fields": Option(strings, ()),
    "unscoped": Option(strings, ()),
    "companion": Option(nested(WORD_LIST_OPTIONS), required=True),
    "before": Option(integer(0), 0),
    "after": Option(integer(0), 0),
}


# A question asks ("Which city has the worst traffic in the world?", "Is this the hottest summer on
# record?"); one asked in the negative asserts ("Isn't this the worst government in history?").
_QUESTION = recache.compile(r"[\s\W]*(?:which|what|who|whose|where|when|how|why|is|are|was|were|will|would|can|could|"
                            r"do|does|did|has|have|should)\b(?![^?]*\b(?:not|never)\b)(?![^?]*n[’']t\b)[^?]*\?", re.I)


def _asked(doc: Document, at: int) -> bool:
    """Is the sentence holding `at` a question that asks rather than asserts?"""
    index = doc.sentence_index(at)
    if index < 0:
        return False
    sentence = doc.sentences[index]
    return doc.prose[sentence.start:sentence.end].rstrip(" \t\n\"”’)").endswith("?") \
        and _QUESTION.match(doc.prose, sentence.start, sentence.end) is not None


def _lede_start(doc: Document) -> int:
    """Where the story's first sentence of body copy (not a headline) starts; -1 if it has none. Found
    once per document, and kept with it."""
    return doc.memo.kept(_LEDE, lambda: next(
        (s.start for s in doc.sentences if doc.blocks[s.block].kind is BlockKind.PARAGRAPH), -1))


_LEDE = "superlative.lede_start"
_BACK_REFERENCE = recache.compile(r"\\[1-9]|\(\?P=")


def _either(patterns: tuple[Any, ...]) -> re.Pattern[str] | None:
    """One program that matches where any of `patterns` does (so that where it finds nothing, none of them
    is tried); None when they cannot be joined: not all standard-library programs with the same flags,
    or one refers back to a group by number or name."""
    if not patterns or not all(isinstance(p, re.Pattern) for p in patterns) or len({p.flags for p in patterns}) > 1 \
            or any(_BACK_REFERENCE.search(p.pattern) for p in patterns):
        return None
    try:
        return recache.compile("|".join(f"(?:{p.pattern})" for p in patterns), patterns[0].flags)
    except re.error:  # (a group name used twice)
        return None


class Superlative(Requires):
    name = "superlative"
    options = OPTIONS  # type: ignore[assignment]
    default_scope = WRITERS_VOICE
    message_fields = frozenset({"match"})

    def __init__(self, scopes: tuple[Any, ...], unscoped: re.Pattern[str] | None, companion: Matcher,
                 before: int, after: int, fields: tuple[Any, ...] = ()) -> None:
        super().__init__(companion, companion, "sentence", before, after)  # no trigger list: see `claims`
        self.scopes = scopes
        self.fields = fields
        self.unscoped = unscoped
        self._any_scope = _either(scopes)
        self._any_field = _either(fields)

    @classmethod
    def build(cls, options: dict[str, Any], where: Where, ctx: BuildContext) -> Superlative:  # type: ignore[override]
        companion = ctx.word_list(options["companion"], where.child("companion"))
        scopes = tuple(user_pattern(p, where.child(f"scopes[{i}]"), trusted=ctx.builtin)
                       for i, p in enumerate(options["scopes"]))
        fields = tuple(user_pattern(p, where.child(f"fields[{i}]"), trusted=ctx.builtin)
                       for i, p in enumerate(options["fields"]))
        unscoped = term_pattern(options["unscoped"]) if options["unscoped"] else None
        record(_SUPERLATIVE.pattern)  # its literal prefixes are kept with the rule cache
        return cls(scopes, unscoped, companion, options["before"], options["after"], fields)

    def claims(self, doc: Document) -> Iterator[tuple[int, int]]:
        """(start, end) of every superlative claim, sourced or not."""
        text = doc.prose
        for m in matching.finditer(_SUPERLATIVE, doc, _NEAR):
            word = m.group("word").lower()
            if word.split("-")[0] in _NOT_SUPERLATIVE or (word.startswith(("most ", "least ")) and word.split()[1] in ("of", "in")):
                continue
            if _RANKED.search(text, max(0, m.start() - 30), m.start()):
                continue  # one of the most ..., among the largest, the award for the best ...
            if word in ("best", "worst") and _AWARD_NAMED.match(text, m.end()):
                continue  # the best newcomer award: an award's name
            if _HYPOTHESIS.search(text, max(0, m.start() - 30), m.start()):
                continue  # a goal or a condition, not a claim
            if _asked(doc, m.start()):
                continue  # "Which city has the worst traffic in the world?" asks; it claims nothing
            limit = _CLAUSE_END.search(text, m.end(), min(len(text), m.end() + REACH))
            stop = limit.start() if limit else min(len(text), m.end() + REACH)
            end = -1
            for scope in self._scopes(self.scopes, self._any_scope, text, m.end(), stop):
                s = scope.search(text, m.end(), stop)
                if s is not None:
                    end = max(end, s.end())
            if self.fields and not _APPOSITION.search(text, max(0, m.start() - 3), m.start()):
                for scope in self._scopes(self.fields, self._any_field, text, m.end(), stop):
                    # "Lagos, the largest city in the country": in apposition it identifies
                    s = scope.search(text, m.end(), stop)
                    if s is not None:
                        end = max(end, s.end())
            if ("'" in m.group(0) or "’" in m.group(0)) and (
                    _PREDICATE.search(text, max(0, m.start() - 36), m.start())
                    or (m.start() == _lede_start(doc) and not _PLURAL_HEAD.match(text, m.end()))):
                end = max(end, m.end())  # "is the world's tallest", "The world's tallest statue ...": the scope is the world
            if m.group("own") and not (end >= 0 and _RECORD.search(text, m.end(), end)):
                continue  # "its biggest loss ever" claims a record; "their biggest win of the season" is their own
            if end < 0 and self.unscoped is not None and self.unscoped.fullmatch(m.group("word")) \
                    and not _PARTITIVE.match(text, m.end()) and not _PLURAL_HEAD.match(text, m.end()):
                end = m.end()  # (with no scope, a plural names a class: "fines for the worst polluters")
            if end >= 0 and self._generic(doc, m, end):
                continue
            if end >= 0:
                yield m.start(), end

    @staticmethod
    def _scopes(scopes: tuple[Any, ...], either: re.Pattern[str] | None, text: str, start: int,
                stop: int) -> tuple[Any, ...]:
        """`scopes`, or none of them where `either` (all of them in one program) finds none in `text[start:stop]`."""
        return scopes if either is None or either.search(text, start, stop) is not None else ()

    @staticmethod
    def _generic(doc: Document, m: re.Match[str], end: int) -> bool:
        """Does the superlative at `m` (its claim ending at `end`) open its sentence on a plural head noun
        and a generic statement about that class (see `_GENERIC`)?"""
        index = doc.sentence_index(m.start())
        if index < 0 or doc.prose[doc.sentences[index].start:m.start()].strip(" \t\"“‘'(") != "":
            return False
        return _PLURAL_HEAD.match(doc.prose, m.end()) is not None and _GENERIC.match(doc.prose, end) is not None

    @property
    def gate(self) -> Matcher | None:
        return None  # its claims are read by a program, not by a matcher

    def check(self, doc: Document) -> Iterator[Hit]:
        for start, end in self.claims(doc):
            window = self._window(doc, start)
            if window is not None and not self.companion.search(doc, *window):
                yield Hit(start, end)
