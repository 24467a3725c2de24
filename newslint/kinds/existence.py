"""`existence`: flag every occurrence of a term or pattern.

Anti-pattern: "The audacious raid ..." (a loaded word in the writer's voice).
Best practice: "The raid, carried out in daylight, ..." (describe; let readers judge).

Options: `terms` (whole words or phrases), `patterns` (regular expressions), `exceptions`
(phrases inside which a match is not a finding, e.g. "record label"), `ignore_case`
(default true), `proper_names` (default false: a match inside a capitalized name such as
"Operation Steadfast Defender" is skipped), `rewrite` (a list of `{pattern, replacement, safe}`:
the first pattern that matches the whole flagged text gives the fix, its replacement a template
with `\\1` for groups; an empty replacement deletes the words with their comma; `safe` defaults
to true, false applies it only with `--unsafe-fixes`), `inflect` (adjective, noun or verb: also
match the regular inflections and derivations of every term, fiercer and fiercely for "fierce";
see `morphology`), `verb_phrases` (phrases whose first word is a verb, matched in every form of it whatever
`inflect` says: "send shockwaves" finds "sends", "sent" and "sending shockwaves"), `unless` (a word list, as
for a `requires` companion: a match is not reported when its paragraph has one of these words in the writer's
voice, outside quotations; first-person pronouns mark a column, a letter or a reader's comment, whose view is
declared as its writer's), `verb_exceptions` (exceptions whose first word is a verb, excepted in every form of
it: "give in in" excepts "gave in in March" and "giving in in May"), `negated` (default false: when true, a term
after a negated verb of being passes: "the claims were not dishonest", "it isn't wholly absurd", "the tyres aren't terribly large",
"need not be a terribly experienced coach"; with `inflect: noun`, a label denied: "he is no ideologue",
"hardly a zealot", "far from a maverick", "Ruiz, no demagogue, ..."), `coordinated` (default false: when true, a finding covers the words
coordinated with the flagged one, "a blatant and divisive tax", "liars and grifters"; the word class is
`inflect`'s, an adverb's for a match in -ly; see `coordination`). With `inflect: adjective`, a term's -ing form that takes an object
(a determiner or a pronoun after it) is the verb, not the adjective, and passes: "fined for disturbing the
peace", "storms devastating the coast", "mapped the site without disturbing it" (but "as devastating a blow", "so terrifying a night" are adjectives).
Where in a story a rule's findings stand by the writer's voice is the rule's, not the kind's: the rule keys
`voiced` and `plain` (see `newslint.voice`).
"""
from __future__ import annotations

import re
from typing import Any, Iterator

from newslint import coordination
from newslint.document import Document, Scope
from newslint.kinds import BuildContext, Fix, Hit, KindBase, Rewrite, WORD_LIST_OPTIONS, WRITERS_VOICE
from newslint.matching.matcher import Matcher
from newslint.matching.patterns import MATCHER_OPTIONS
from newslint.morphology import WORD_CLASSES, expand
from newslint.schema import Option, Where, boolean, check_mapping, choice, nested, string, strings
from newslint.cache import programs

REWRITE_OPTIONS = {"pattern": Option(string, required=True), "replacement": Option(string, required=True),
                   "safe": Option(boolean, True)}


def _rewrites(value: Any, where: Where) -> tuple[dict[str, Any], ...]:
    if not isinstance(value, list):
        raise where.error("expected a list of {pattern, replacement, safe}")
    return tuple(check_mapping(item, REWRITE_OPTIONS, where.child(str(i))) for i, item in enumerate(value))


OPTIONS = {**MATCHER_OPTIONS, "rewrite": Option(_rewrites, ()), "inflect": Option(choice(*WORD_CLASSES), None),
           "verb_phrases": Option(strings, ()), "verb_exceptions": Option(strings, ()),
           "unless": Option(nested(WORD_LIST_OPTIONS), None), "negated": Option(boolean, False),
           "coordinated": Option(boolean, False)}


def _build_rewrites(specs: tuple[dict[str, Any], ...], ignore_case: bool, where: Where) -> tuple[Rewrite, ...]:
    """Check each pattern compiles and its template names only groups it has."""
    import re

    import regex

    out = []
    for i, spec in enumerate(specs):
        w = where.child(str(i))
        try:
            compiled = regex.compile(spec["pattern"], regex.V0 | (regex.IGNORECASE if ignore_case else 0))
        except regex.error as exc:
            raise w.child("pattern").error(f"bad regular expression: {exc}") from None
        for ref in re.findall(r"\\(\d+)", spec["replacement"]):
            if int(ref) > compiled.groups:
                raise w.child("replacement").error(f"no group {ref} in the pattern")
        out.append(Rewrite(spec["pattern"], ignore_case, spec["replacement"], spec["safe"]))
    return tuple(out)


# A verb of being, and what may stand between a negation and the term it denies: an article, an adverb
# ("not only cruel but ..." denies nothing).
_BEING = r"(?:is|are|was|were|be|been|am|seems?|seemed|looks?|looked|remains?|remained|proved)"
_TO_TERM = r"\s+(?:an?\s+)?(?:(?!only\b)[a-z]+ly\s+)?\Z"
# A negated verb of being right before a term, maybe with an article or an adverb between: "were not
# dishonest", "need not be a terribly experienced coach", "won't be totally sure".
_NEGATED = programs.compile(r"\b(?:" + _BEING + r"\s+(?:not|never)|(?:is|are|was|were|does|do|did)n['’]t"
                            r"|(?:not|never|n['’]t)\s+be)" + _TO_TERM, re.I)
# A label denied: "he is no ideologue", "she is hardly a zealot", "far from a maverick", and in apposition: "Ruiz,
# no demagogue, ...". (A noun's term, `inflect: noun`.)
_DENIED = programs.compile(r"(?:\b(?:" + _BEING + r"\s+no|hardly|scarcely|far\s+from(?:\s+being)?)|[,(–—]\s*no)"
                           + _TO_TERM, re.I)
_NEGATION_REACH = 40

# An -ing form with an object after it is a verb ("disturbing the peace"); not after "as", "so", "how" or
# "too", where the adjective stands before its article ("as devastating a blow").
# "it" is an object where nothing of a clause follows it ("without disturbing it.", "disturbing it in any way"),
# not in "it's shocking it took so long", where it opens a clause.
_OBJECT = programs.compile(r"\s+(?:the|an?|his|her|hers|their|its|our|my|your|them|him|me|us|this|these|those\b"
                           r"|it(?=\s*(?:[.,;:!?)]|\Z|\s(?:and|or|but|in|on|at|by|for|with|from|into|again|further)\b)))\b",
                           re.I)
_ADJECTIVE_BEFORE_ARTICLE = programs.compile(r"\b(?:as|so|how|too|quite|such)\s+\Z", re.I)
_ADVERB_REACH = 8


class Existence(KindBase):
    name = "existence"
    options = OPTIONS
    default_scope = WRITERS_VOICE
    message_fields = frozenset({"match"})

    def __init__(self, matcher: Matcher, rewrite: tuple[Rewrite, ...] = (), unless: Matcher | None = None,
                 negated: bool = False, participles: bool = False, coordinated: str | None = None,
                 nouns: bool = False) -> None:
        self.matcher = matcher
        self.coordinated = coordinated  # the word class whose coordinated partners a finding covers, if any
        self.participles = participles  # an -ing form taking an object is the verb
        self.rewrite = rewrite
        self.unless = unless
        self.negated = negated  # a term after a negated verb of being (a noun: a denied label) passes
        self._negation = _DENIED if nouns else _NEGATED

    @classmethod
    def build(cls, options: dict[str, Any], where: Where, ctx: BuildContext) -> Existence:
        matching = {k: v for k, v in options.items() if k in MATCHER_OPTIONS}
        if options["inflect"]:
            matching["terms"] = expand(matching["terms"], options["inflect"])
        if options["verb_phrases"]:
            matching["terms"] = sorted({*matching["terms"], *expand(options["verb_phrases"], "verb")})
        if options["verb_exceptions"]:
            matching["exceptions"] = sorted({*matching["exceptions"], *expand(options["verb_exceptions"], "verb")})
        rewrite = _build_rewrites(options["rewrite"], options["ignore_case"], where.child("rewrite"))
        unless = ctx.word_list(options["unless"], where.child("unless")) if options["unless"] else None
        coordinated = None
        if options["coordinated"]:
            if options["inflect"] == "verb":
                raise where.child("coordinated").error("coordinated words are read for adjectives, nouns and adverbs")
            coordinated = options["inflect"] or "adverb"
        return cls(Matcher.build(matching, where, trusted=ctx.builtin), rewrite, unless, options["negated"],
                   options["inflect"] == "adjective", coordinated, options["inflect"] == "noun")

    @property
    def fixable(self) -> bool:
        return bool(self.rewrite)

    def fix(self, matched: str) -> Fix | None:
        """The first rewrite whose pattern matches the whole of `matched`."""
        for rewrite in self.rewrite:
            fix = rewrite.fix(matched)
            if fix is not None:
                return fix
        return None

    @property
    def gate(self) -> Matcher | None:
        return self.matcher

    def check(self, doc: Document) -> Iterator[Hit]:
        declared: dict[int, bool] = {}
        for start, end in self.matcher.finditer(doc):
            if self.negated and self._negation.search(doc.prose, max(0, start - _NEGATION_REACH), start):
                continue
            if self.participles and self._verb(doc.prose, start, end):
                continue
            if self.unless is not None:
                block = doc.block_index(start)
                if block not in declared:
                    declared[block] = block >= 0 and self._declared(doc, block)
                if declared[block]:
                    continue
            if self.coordinated is not None:
                start, end = (coordination.opening(doc.prose, start, end, self.coordinated),
                              coordination.extent(doc.prose, start, end, self.coordinated))
            yield Hit(start, end)

    @staticmethod
    def _verb(prose: str, start: int, end: int) -> bool:
        """Is the -ing word at start..end a verb with its object ("disturbing the peace")?"""
        return (prose[start:end].lower().endswith("ing") and _OBJECT.match(prose, end) is not None
                and not _ADJECTIVE_BEFORE_ARTICLE.search(prose, max(0, start - _ADVERB_REACH), start))

    def _declared(self, doc: Document, block: int) -> bool:
        """Does the paragraph have an `unless` word in the writer's voice (outside quotations)?"""
        assert self.unless is not None
        b = doc.blocks[block]
        return any(doc.scope_at(a) is not Scope.QUOTATION for a, _ in self.unless.finditer(doc, b.start, b.end))
