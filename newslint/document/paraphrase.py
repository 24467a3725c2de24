"""Attributed paraphrase: a verb of calling or describing names whose characterization follows.

"what the ministry called a brutal raid", "which opponents call a cruel assault", "the union condemned
the cuts as cruel", and a judgment held ("residents see the tower as an eyesore", "the groups consider the
rules to be chauvinistic"): the words after the verb are the named party's, not the writer's (`paraphrases`).
"""
from __future__ import annotations

import re
from typing import Iterable

from newslint.cache import programs
from newslint.matching.literals import searched
from newslint.document.positions import fold, occurrences
from newslint.document.quotations import finditer_from

# More: "the union called the proposal draconian", "which the U.S. designates a terrorist organization".
# "call" itself only after a plural noun, its subject ("which opponents call"): "his call", "the call was" are
# the noun, and "they call" names no one ("look how they call him a traitor").
_CALL = (r"call(?<=[a-z]s\scall)"
         + "".join(rf"(?<!\b{word}\scall)" for word in ("his", "its", "this", "was", "is", "has", "us", "as", "does")))
_CALLING = ("called", "calls", r"calling(?<!\bthey\sare\scalling)(?<!\bthey're\scalling)", _CALL, "dubbed", "termed", "branded", "labell?ed", "deemed", "deems",
            "designated", "designates", "designate")


# A verb's plain form, "see", "regard", "view", "consider", only after a plural noun, its subject ("residents see the
# tower as an eyesore"): "they see" names no one, and "to see", "will regard" say no one's view is held.
def _after_plural(verb: str) -> str:
    return rf"{verb}(?<=[a-z]s\s{verb})(?<!\bthis\s{verb})(?<!\bhis\s{verb})(?<!\bits\s{verb})"


# A verb of describing names what it describes before "as", however long ("described the top ranks of U.S.
# military leadership as ..."); a verb of seeing, only a short object ("saw prices rise as the plant closed" is a time).
_DESCRIBE_OR_PORTRAY = ("described", "describes", "describe", "describing", "portrayed", "portrays", "portray")
_DESCRIBING_AT_LENGTH = _DESCRIBE_OR_PORTRAY + ("characterized", "characterised", "characterizes", "characterises")
_DESCRIBING = ("regarded", "regards", "sees", "saw", "viewed",
               "views", _after_plural("see"), _after_plural("regard"), _after_plural("view"))
# A judgment someone holds of something "as" or "to be" what they think it: "independence groups consider the
# policies to be chauvinistic"; not in a passive ("is considered reckless" says no one's view).
_JUDGING = ("considers", _after_plural("consider"), "considered")
# A verdict someone gives on something "as" what they call it: "condemned the cuts as cruel", "hailed the
# vote as a stunning victory"; not in a passive, which need not say whose verdict it is ("was dismissed
# as hysterical", "is hailed by many as heroic").
_VERDICT = ("condemn(?:ed|s)", "denounc(?:ed|es)", "criticis(?:ed|es)", "criticiz(?:ed|es)", "slam(?:med|s)",
            "blasted", "lambasted", "decri(?:ed|es)", "derid(?:ed|es)", "dismiss(?:ed|es)", "reject(?:ed|s)",
            "hail(?:ed|s)", "prais(?:ed|es)", "welcom(?:ed|es)", "lauded", "mocked", "ridiculed")
_NOT_PASSIVE = "".join(rf"(?<!\b{aux}\s)" for aux in ("is", "are", "was", "were", "be", "been", "being", "get", "gets", "got"))
# A describing verb's comparison says the same: "staff described feeling like prisoners", "likened the
# levy to theft" (not "liked", nor "likely").
# (one alternative for each verb: each opens with the letters `_PARAPHRASE_STARTS` looks for)
_LIKENING = tuple(rf"{verb}\s+(?:\w+\s+){{0,4}}?like" for verb in _DESCRIBE_OR_PORTRAY) + (
    r"liken(?:ed|s)\s+(?:\w+\s+){1,4}?to",)
# A verb of calling, or of describing with "as" after its object (of seeing, or a verdict: at most four words
# later); not a phrasal verb ("called for").
_PARAPHRASE_SOURCE = (
    r"(?<![\w-])(?:" + "|".join(_CALLING + _LIKENING) + "|(?:" + "|".join(_DESCRIBING_AT_LENGTH) + r")\s+(?:[\w.'’-]+\s+){0,8}?as"
    + "|(?:" + "|".join(_DESCRIBING) + "|" + _NOT_PASSIVE + "(?:" + "|".join(_VERDICT) + r"))\s+(?:\w+\s+){0,4}?as"
    + "|" + _NOT_PASSIVE + "(?:" + "|".join(_JUDGING) + r")\s+(?:\w+\s+){1,4}?(?:as|to\s+be))"
    r"(?!\s+(?:for|on|off|in|up|out|back|upon|to|into|over|away|by|from|with|at)\b)(?=\s)"
)
PARAPHRASE = _PARAPHRASE = searched(programs.compile(_PARAPHRASE_SOURCE, re.I))
_PARAPHRASE_FOLDED = programs.compile(_PARAPHRASE_SOURCE)  # the same, in `fold`ed text


_LETTERS = programs.compile("[a-z]*")


def _literal_start(alternative: str) -> str:
    """The letters that every match of `alternative` (a lower-case pattern) begins with."""
    head = _LETTERS.match(alternative).group()  # type: ignore[union-attr]
    return head[:-1] if alternative[len(head):len(head) + 1] in ("?", "*", "{") else head


def _shortest(starts: Iterable[str]) -> tuple[str, ...]:
    """`starts` without those that begin with another of them."""
    out: list[str] = []
    for s in sorted(set(starts)):
        if not out or not s.startswith(out[-1]):
            out.append(s)
    return tuple(out)


_PARAPHRASE_STARTS = _shortest(_literal_start(v) for v in
                               _CALLING + _LIKENING + _DESCRIBING_AT_LENGTH + _DESCRIBING + _VERDICT + _JUDGING)
# A characterization runs to the end of its clause, or of the quotation it closes; a quotation it opens
# is the named party's term: "which Republicans call the “death tax”".
_CLAUSE_END = programs.compile(r"[,.;:!?()\[\]\n”]|\"(?![^\W_])")
PARAPHRASE_WORDS = 8
# A characterization of two parts joined runs on to its second: "regarded the treaty as both a grave mistake and
# an act of treachery".
_COORDINATED = programs.compile(r"\b(?:and|or|nor)\b")
COORDINATED_WORDS = 14
_PARAPHRASE_REACH = 1000  # characters after the verb searched for those words


def paraphrases(prose: str, start: int = 0, end: int | None = None,
                verbs: Iterable[re.Match[str]] | None = None) -> list[tuple[int, int]]:
    """Spans of characterizations attributed to a named party by a verb of calling or describing.
    `verbs`: the matches of PARAPHRASE in `prose[start:end]`, when they are found another way."""
    stop = len(prose) if end is None else end
    out = []
    if verbs is None:
        folded = fold(prose)
        verbs = _PARAPHRASE.finditer(prose, start, stop) if folded is None else \
            finditer_from(_PARAPHRASE_FOLDED, folded, _PARAPHRASE_STARTS, start, stop)
    for m in verbs:
        a = m.end()
        window = min(stop, a + _PARAPHRASE_REACH)  # bounded: a clause without punctuation costs no n²
        limit = _CLAUSE_END.search(prose, a, window)
        b = limit.start() if limit else window
        words = list(re.finditer(r"\S+", prose[a:b]))
        if not words:
            continue
        reach = PARAPHRASE_WORDS
        if len(words) > reach and _COORDINATED.search(prose, a, a + words[reach - 1].end()):
            reach = COORDINATED_WORDS
        b = a + words[min(len(words), reach) - 1].end()
        out.append((a + words[0].start(), b))
    return out


# The name a party gives a thing, set off after it: "The regime, as the opposition calls it, has ruled for 30
# years", "the caliphate, as the group terms it". Not where no one is named ("as some call it", "as critics
# describe it"): that is a weasel's label, still the writer's.
AS_CALLED = programs.compile(
    r",\s+as\s+(?!(?:some|many|most|others|people|they|we|one|everyone|critics|observers|experts|commentators)\s)"
    r"(?:[\w'’.-]+\s+){1,4}?(?:calls?|called|dubs?|dubbed|terms?|termed|describes?|described)\s+"
    r"(?:it|them|him|her|itself|themselves)\b", re.I)
_NAME_REACH = 60  # characters before the aside in which the name it glosses stands
_NAME_START = programs.compile(r"[^.;:!?,()\n]*\Z")


def as_called(prose: str) -> list[tuple[int, int]]:
    """Spans of the names a named party gives a thing, glossed by an aside after them ("as the opposition
    calls it"): from the start of their clause (at most `_NAME_REACH` characters back) to the aside. The
    pattern is tried only where ", as " stands (a search from every comma would cost more)."""
    out = []
    for at in occurrences(prose, ", as "):
        m = AS_CALLED.match(prose, at)
        if m is None:
            continue
        begin = _NAME_START.search(prose, max(0, m.start() - _NAME_REACH), m.start())
        a = begin.start() if begin else m.start()
        while a < m.start() and prose[a].isspace():
            a += 1
        if a < m.start():
            out.append((a, m.start()))
    return out
