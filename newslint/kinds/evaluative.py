"""`evaluative`: an evaluative adjective or adverb of a word class, where it evaluates.

A rule lists the adjectives of one class of judgment (moral condemnation, contempt, alarm, extremity)
in their base form; their adverbs and comparatives are matched too ("shameless", "shamelessly",
"more shameless"). A listed word is flagged only in a position where it passes judgment:
- `attributive`: before a noun, after a determiner, a possessive, a preposition, an intensifier or an
  adverb in -ly, a comma or "and" ("a shameless ploy", "the party's reckless plan", "a costly,
  reckless plan", "acted with reckless haste", "a deeply cynical move"), first of a row after a
  preposition ("with reckless or costly plans"), before a figure that opens the noun phrase ("the
  reckless 2019 plan"), and in a headline, which drops its articles, after any word ("Council backs
  shameless plan");
- `predicative`: after a form of "be", "seem", "become", "remain" ..., maybe with an intensifier or an
  adverb in -ly between ("the plan was reckless", "the reply seemed utterly callous", "the senator
  was visibly furious");
- `adverbial`: the -ly adverb of a listed adjective ("shamelessly ignored the ruling").
A negated use ("was not reckless"), a title in capitals mid-sentence, the words of a quotation or an
attributed characterization, and a predicate someone is reported to have stated ("critics said the
plan was reckless", "the plan was reckless, the auditors said") pass; an adjective inside a noun
phrase stays the writer's wording even in reported speech ("officials said the reckless plan ...").

Anti-pattern: "The council's shameless plan ignored the residents."
Best practice: "The plan, approved without a public hearing, ignored the residents' petition."

Options: `terms` (adjectives, base form), `exceptions` (phrases inside which a match is no finding,
e.g. "malicious software"), `positions` (any of attributive, predicative, adverbial; default all three),
`measured` (default false: when true, a figure in the words right after the adjective gives the size it
claims, "a staggering loss of $2 billion", and the adjective passes), `coordinated` (default false: when
true, a finding covers the words coordinated with the flagged one, "a callous and cynical ploy", "was
cruel and insensitive"; see `coordination`). Words such as "huge" and
"dramatic", plain description in straight news, are read only where the voice is loaded: the rule key
`voiced` (see `newslint.voice`).
"""
from __future__ import annotations

import re
from typing import Any, Iterator

from newslint import coordination, reported
from newslint.document import Document, Scope
from newslint.document.names import headline_voice
from newslint.kinds import WRITERS_VOICE, BuildContext, Hit, KindBase
from newslint.matching.matcher import Matcher
from newslint.morphology import adjective_forms, spellings
from newslint.schema import Option, Where, boolean, choices, strings
from newslint.cache import programs

POSITIONS = ("attributive", "predicative", "adverbial")

OPTIONS = {
    "terms": Option(strings, required=True),
    "exceptions": Option(strings, ()),
    "positions": Option(choices(*POSITIONS), POSITIONS),
    "measured": Option(boolean, False),
    "coordinated": Option(boolean, False),
}

# Words before an adjective that make it attributive when a noun follows.
_DETERMINERS = frozenset("""a an the this that these those its his her their our your my such some any another
every each what whose no""".split())
# Words between a verb of being and its adjective, or before an attributive adjective.
_INTENSIFIERS = frozenset("""very so too most more less rather quite pretty extremely deeply utterly truly really
downright outright simply just thoroughly wildly particularly especially highly equally increasingly ever even
all absolutely totally completely incredibly remarkably genuinely openly""".split())
# Verbs of being: an adjective after one of them is predicated of the subject.
_COPULAS = frozenset("""is are was were be been being am seems seem seemed appears appear appeared looks look
looked sounds sound sounded remains remain remained became become becomes becoming proved proves prove proven
grew grown grows turned felt feels feel it's that's he's she's what's there's who's they're we're you're""".split())
_JOINERS = frozenset({"and", "or", "but", "yet", ","})
# Prepositions before an adjective and its noun ("with reckless abandon", "in smug certainty").
_PREPOSITIONS = frozenset("""in on at of for with by from into against about without amid among despite over under
through""".split())
# Words after an adjective that show it does not stand before a noun.
_NOT_NOUNS = frozenset("""of to and or but nor that which who whom whose as than in on at for by with from into onto
upon about is was are were be been being has have had will would can could should may might must not if then when
while because so the a an this these those it its he she they we you i me him us them his her their our my your
through across over under after before against without within around toward towards behind beyond during like near
since until via off out up down here there now again too also enough""".split())
# Words after an -ing word of the class that leave it an adjective after "is" ("is alarming to many").
_AFTER_PARTICIPLE = frozenset("and or but for to as".split())
_TOKEN = programs.compile(r"[^\W\d_][\w'’-]*|[^\w\s]")
_NEXT = programs.compile(r"[ \t]*\n?[ \t]*([^\W\d_][\w'’-]*|[^\w\s])?")
_LOOK_BACK = 48
# Up to three capitalized words after a listed word, the last of them followed by no other capitalized word.
_CAPITALS = programs.compile(r"[ \t]+(?:[A-Z][\w'’-]*[ \t]+){0,2}([A-Z][a-z][\w'’-]*)(?![\w'’-]|[ \t]+[A-Z])")
# How the nouns of a people, a party or a creed end, in the plural or the singular ("Koreans", "Marxist").
# The singular in -an or -ian is also a given name (Morgan, Brian), and -is a surname (Davis): not read.
_GROUP_ENDING = programs.compile(r"(?:ans|(?<!Chr)ists?|(?<!Wh)ites?|ese|crats?|ics)\Z")
# The sides of politics named by a whole word rather than an ending ("the loony Left", "reckless Tories").
_GROUP_WORDS = frozenset("Left Right Tories Conservatives Liberals Progressives Remainers Brexiteers Leavers".split())
# A figure in the words after an adjective of size ("a staggering loss of $2 billion"): the size is given.
_FIGURE = programs.compile(r"[^.;:!?\n]*?(?:\d|\b(?:hundreds?|thousands?|millions?|billions?|trillions?|dozens?)\b)", re.I)
_MEASURE_REACH = 40
_REPORTING = programs.compile(
    r"\b(?:said|says|say|saying|told|tells|argued|argues|arguing|claimed|claims|claiming|warned|warns|insisted|insists|"
    r"insisting|believes?|believed|"
    r"thinks?|thought|felt|feels|added|adds|wrote|writes|stated|noted|complained|complains|alleged|alleges|"
    r"maintained|maintains|contended|contends|suggested|suggests|according\s+to|in\s+the\s+view\s+of)\b", re.I)
_REPORT_REACH = 200  # characters before a predicate searched for the verb that reports it  # characters read before a match for the two words before it


class Evaluative(KindBase):
    name = "evaluative"
    options = OPTIONS
    default_scope = WRITERS_VOICE
    message_fields = frozenset({"match"})

    def __init__(self, matcher: Matcher, adverbs: frozenset[str], positions: frozenset[str],
                 measured: bool = False, coordinated: bool = False) -> None:
        self.matcher = matcher
        self.coordinated = coordinated  # a finding covers the words coordinated with its own
        self.adverbs = adverbs  # the -ly forms of the listed adjectives
        self.positions = positions
        self.measured = measured  # a figure right after the word gives the size it claims: no finding

    @classmethod
    def build(cls, options: dict[str, Any], where: Where, ctx: BuildContext) -> Evaluative:
        adjectives: set[str] = set()
        adverbs: set[str] = set()
        for term in options["terms"]:
            base = term.lower()
            adjectives.add(base)
            if " " in base:
                continue
            adjectives |= spellings(base)  # "earthshattering", "earth shattering"
            for form in adjective_forms(base):
                if not form.endswith("ness"):  # a noun: not what this kind reads
                    (adverbs if form.endswith("ly") else adjectives).add(form)
        adverbs -= adjectives
        matcher = Matcher.build({"terms": sorted(adjectives | adverbs), "exceptions": options["exceptions"]},
                                where, trusted=ctx.builtin)
        return cls(matcher, frozenset(adverbs), frozenset(options["positions"]), options["measured"],
                   options["coordinated"])

    @property
    def gate(self) -> Matcher | None:
        return self.matcher

    def check(self, doc: Document) -> Iterator[Hit]:
        prose = doc.prose
        after: list[tuple[int, int]] | None = None  # clauses attributed after they end, found on first need
        for start, end in self.matcher.finditer(doc):
            position = self.position(prose, start, end, doc.scope_at(start) is Scope.HEADING)
            if position is None or (self.measured and _FIGURE.match(prose, end, min(len(prose), end + _MEASURE_REACH))):
                continue
            if position == "predicative":
                if after is None:
                    after = reported.spans(prose, doc.search)
                if _reported(doc, start) or any(a <= start < b for a, b in after):
                    continue  # "Critics said the plan was reckless": the verdict is what they said
            if self.coordinated:
                word_class = "adverb" if position == "adverbial" else "adjective"
                start, end = (coordination.opening(prose, start, end, word_class),
                              coordination.extent(prose, start, end, word_class))
            yield Hit(start, end)

    def position(self, prose: str, start: int, end: int, heading: bool = False) -> str | None:
        """Where the listed word at prose[start:end] passes judgment (see the module), or None. A headline
        (`heading`) drops its articles, so there a word before a noun is attributive after any word
        ("Council backs shameless plan")."""
        word = prose[start:end].lower()
        if word in self.adverbs:
            return "adverbial" if "adverbial" in self.positions else None
        before = [t.lower() for t in _TOKEN.findall(prose, max(0, start - _LOOK_BACK), start)[-2:]]
        prev = before[-1] if before else ""
        degree = _degree(prev)  # "utterly", "profoundly", "rightly": the word between a verb of being and it
        head = before[-2] if degree and len(before) > 1 else prev
        m = _NEXT.match(prose, end)
        following = m.group(1) if m else None
        if "predicative" in self.positions and head in _COPULAS:
            # "is alarming." is an adjective; "is alarming investors" a verb in the progressive
            if not word.endswith("ing") or not following or not following[0].isalpha() \
                    or following.lower() in _AFTER_PARTICIPLE:
                return "predicative"
            return None
        if "attributive" not in self.positions:
            return None
        if following in (",", "and", "or") and (head in _DETERMINERS or prev in _DETERMINERS or prev in _PREPOSITIONS
                                                 or prev.endswith(("'s", "’s", "s'", "s’"))):
            return "attributive"  # "a reckless, costly plan", "the mayor's reckless and costly plan", "with reckless or costly plans"
        if not following and m and prose[m.end():m.end() + 1].isdigit() and prose[start].islower() \
                and (prev in _DETERMINERS or prev.endswith(("'s", "’s", "s'", "s’"))):
            return "attributive"  # a figure opens the noun phrase: "the reckless 2019 plan", "the brazen 38-year-old"
        if not following or not following[0].isalpha() or following.lower() in _NOT_NOUNS:
            return None
        if not following[0].islower() and not headline_voice(prose, start) and not _group_noun(prose, end):
            return None  # "a brutal Storm": a capitalized word after it is a name, outside a Title Case headline
        if prev in _PREPOSITIONS and not prose[start].islower():
            return None  # "starred in Reckless Hearts": after a preposition, capitals make a title
        if (prev in _DETERMINERS or degree or prev in _JOINERS or prev in _PREPOSITIONS
                or prev.endswith(("'s", "’s", "s'", "s’")) or not before or heading):
            return "attributive"
        return None


def _group_noun(prose: str, end: int) -> bool:
    """Do the capitalized words after `end` end in a noun of a people, a party or a creed, not a name
    ("the furious North Koreans", "shameless Zionists", "reckless Democrats"): the last of them ends as
    such nouns do (-ans, -ists, -ites, -ese, -crats, -ics) or is a side of politics named by a whole
    word (the Left, Tories, Remainers), and no capitalized word follows it. A
    name ("a brutal Storm", "the remarkable Brian Cox", "a shameless Morgan") ends otherwise or runs on."""
    m = _CAPITALS.match(prose, end)
    return m is not None and (m.group(1) in _GROUP_WORDS or _GROUP_ENDING.search(m.group(1)) is not None)


def _degree(word: str) -> bool:
    """Is `word` an intensifier or an adverb in -ly ("deeply", "rightly"), which may stand between a
    verb of being, a determiner or a preposition and the adjective it grades?"""
    return word in _INTENSIFIERS or (len(word) > 4 and word.endswith("ly") and word.isalpha()
                                     and word not in coordination.NOT_ADVERBS)


def _reported(doc: Document, start: int) -> bool:
    """Does a verb of saying or thinking come before `start` in its sentence ("the minister said the
    plan was ...")? A predicate there is the speaker's claim, reported, not the writer's verdict."""
    index = doc.sentence_index(start)
    begin = doc.sentences[index].start if index >= 0 else 0
    return _REPORTING.search(doc.prose, max(begin, start - _REPORT_REACH), start) is not None
