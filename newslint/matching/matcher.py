"""`Matcher`: finds a rule's terms and patterns in a document's prose, minus exceptions and proper
names, trying each item only where the prefilter says a match can start."""
from __future__ import annotations

import bisect
import functools
import re
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping

from newslint.document.names import is_proper_name
from newslint.matching import compiled as compiled_
from newslint.matching import prefilter, state
from newslint.matching.compiled import BuiltinPattern, Compiled, HousePattern, TermList
from newslint.matching import patterns
from newslint.matching.patterns import WORD, compile_trusted, normalize
from newslint.matching.literals import literal_prefixes
from newslint.matching.plans import Plan, plan_for
from newslint.matching.reach import Reach, reach_of
from newslint.matching.words import required_words
from newslint.matching.prefilter import Scan
from newslint.schema import Where
from newslint.cache import programs

if TYPE_CHECKING:
    from newslint.document.model import Document


def _may_hold(required: frozenset[str] | None, present: set[str] | None) -> bool:
    """Can a document with the distinct words `present` hold a match of an item every match of which
    holds one of the words `required`? (None for either: not known, so it may.)"""
    return required is None or present is None or not required.isdisjoint(present)


class Matcher:
    """Finds terms and patterns in a document's prose, minus exceptions and proper names.

    A matcher's spans in a document are found once, over the whole prose, and kept with the
    document; `finditer` over a window and `search` read them by bisection.
    """

    def __init__(self, compiled: tuple[Compiled, ...], exceptions: Compiled | None, match_proper_names: bool) -> None:
        self.compiled = compiled
        self.exceptions = exceptions  # a term list
        self.match_proper_names = match_proper_names

    @classmethod
    def build(cls, spec: Mapping[str, Any], where: Where, *, extra_terms: Iterable[str] = (),
              extra_patterns: Iterable[str] = (), trusted: bool = False) -> Matcher:
        """`trusted`: the spec comes from a built-in rule (see `user_pattern`)."""
        ignore_case = spec.get("ignore_case", True)
        terms = list(spec.get("terms", ())) + list(extra_terms)
        compiled: list[Compiled] = []
        if terms:
            compiled.append(compiled_.terms(terms, ignore_case))
        for i, p in enumerate(list(spec.get("patterns", ())) + list(extra_patterns)):
            compiled.append(compiled_.pattern(p, where.child(f"patterns[{i}]"), ignore_case, trusted))
        if not compiled:
            raise where.error("needs at least one of 'terms' or 'patterns'")
        exceptions = spec.get("exceptions", ())
        exc = compiled_.terms(exceptions, True) if exceptions else None
        return cls(tuple(compiled), exc, bool(spec.get("proper_names", False)))

    @functools.cached_property
    def key(self) -> tuple[Any, ...]:
        """Equal for matchers that find the same spans (rules sharing a lexicon share them)."""
        items = tuple(c.key for c in self.compiled)
        exc = self.exceptions.source if self.exceptions is not None else None
        return ("spans", items, exc, self.match_proper_names)

    def spans(self, doc: Document) -> list[tuple[int, int]]:
        """(start, end) of every match in `doc.prose`, sorted, exceptions and proper names removed."""
        scan = doc.scan or prefilter.scan(doc)
        found = scan.spans.get(self.slot)
        if found is None:
            found = scan.spans[self.slot] = self._find(doc, scan)
        return found

    @property
    def items(self) -> tuple[Compiled, ...]:
        """Every compiled item: the terms and patterns, then the exceptions."""
        return self.compiled if self.exceptions is None else (*self.compiled, self.exceptions)

    @functools.cached_property
    def plans(self) -> tuple[Plan, ...] | None:
        """The plans of the items, when every item matches only at its plan's candidates (see
        `_matches`); None when one may match elsewhere."""
        plans = []
        for item in self.compiled:
            if isinstance(item, HousePattern) or item.plan is None:
                return None
            plans.append(item.plan)
        return tuple(plans)

    @functools.cached_property
    def plan_ids(self) -> frozenset[int]:
        """The ids of `plans` (asked of a document's sweep at once: see `Scan.nothing_for`)."""
        return frozenset(id(plan) for plan in self.plans or ())

    def swept_out(self, unmatched: frozenset[int]) -> bool:
        """Can this matcher find nothing in a document whose sweep found no candidate for the plans
        `unmatched` (`Scan.swept_empty`)? Only when every item matches at its plan's candidates alone."""
        return self.plans is not None and self.plan_ids <= unmatched

    @functools.cached_property
    def slot(self) -> int:
        """A small number standing for `key` in this process (a key is long to hash)."""
        return state.current().slot(self.key)

    def __getstate__(self) -> dict[str, Any]:
        """What pickles: not `slot` or `plans`, which mean something in this process only."""
        return {k: v for k, v in self.__dict__.items()
                if k not in ("slot", "key", "plans", "plan_ids", "_planned")}

    @functools.cached_property
    def lower_case_terms(self) -> frozenset[str]:
        """The terms listed in lower case: a capital on them marks a name (see `names`)."""
        if self.match_proper_names:
            return frozenset()
        return frozenset().union(*(item.lower_case_terms for item in self.compiled if isinstance(item, TermList)))

    @functools.cached_property
    def _planned(self) -> tuple[tuple[Compiled, int | None, frozenset[str] | None], ...]:
        """Each item with the id of the plan its candidates come from (see `_matches`), or None, and
        the words one of which each of its matches holds, or None."""
        return tuple((item, id(item.plan) if _planned(item) else None,
                      item.required_words if isinstance(item, BuiltinPattern) else None) for item in self.compiled)

    def _find(self, doc: Document, scan: Scan) -> list[tuple[int, int]]:
        """The spans (see `spans`). Nothing is tried when the sweep found no candidate for any item;
        else each item is tried whose plan has candidates and whose required words the document holds."""
        if self.plans is not None and scan.nothing_for(self.plan_ids):
            return []
        text = doc.prose
        hits: list[tuple[int, int]] = []
        unswept = scan.swept_empty()  # the plans the sweep found nothing for
        present = scan.words  # (an item none of whose required words the document holds has no match)
        for item, plan, required in self._planned:
            if (plan is None or plan not in unswept) and _may_hold(required, present):
                hits.extend(_matches(item, doc))
        if not hits:
            return hits
        hits.sort()
        words = self.lower_case_terms
        blocked = _matches(self.exceptions, doc, swept=False) if self.exceptions else []
        out = []
        for a, b in hits:
            while a < b and text[a].isspace():  # a pattern's span never starts or ends in white space
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if a == b or _crosses(doc, a, b):
                continue
            if doc.decoded:
                a, b = _whole_decoded(doc.decoded, a, b)
            if blocked and any(x <= a and b <= y for x, y in blocked):
                continue
            if not self.match_proper_names and is_proper_name(doc, a, b, normalize(text[a:b]) in words):
                continue
            out.append((a, b))
        out.sort()
        return out

    def finditer(self, doc: Document, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
        """(start, end) of every match inside `doc.prose[start:end]`, in order."""
        spans = self.spans(doc)
        if start <= 0 and (end is None or end >= len(doc.prose)):
            return iter(spans)
        return _within(spans, start, len(doc.prose) if end is None else end)

    def search(self, doc: Document, start: int, end: int) -> bool:
        """Is there a match inside `doc.prose[start:end]`?"""
        spans = self.spans(doc)
        for i in range(bisect.bisect_left(spans, (start,)), len(spans)):
            a, b = spans[i]
            if a >= end:
                return False
            if b <= end:
                return True
        return False


def _within(spans: list[tuple[int, int]], start: int, stop: int) -> Iterator[tuple[int, int]]:
    """The spans inside `start:stop`, in order (`spans` sorted)."""
    for i in range(bisect.bisect_left(spans, (start,)), len(spans)):
        a, b = spans[i]
        if a >= stop:
            return
        if b <= stop:
            yield a, b


_PARAGRAPH_BREAK = programs.compile(r"\n[^\S\n]*\n")


def _crosses(doc: Document, a: int, b: int) -> bool:
    """Does a match at prose[a:b] run across a paragraph break, or across text the prose hides (an
    HTML comment, a link's target)? A multi-word term's space matches white space, which is what a
    blank line or hidden markup leaves in the prose; such a match is not the term. What the prose
    shows decoded (a character reference, a word joined across one) is text, not hidden."""
    prose = doc.prose
    if "\n" in prose[a:b] and _PARAGRAPH_BREAK.search(prose, a, b):
        return True
    shown, source = prose[a:b], doc.text[a:b]
    if shown == source:
        return False
    decoded = doc.decoded
    for i, (p, t) in enumerate(zip(shown, source)):
        if p != t and not t.isspace():
            at = a + i
            k = bisect.bisect_right(decoded, (at, len(prose))) - 1
            if k < 0 or not decoded[k][0] <= at < decoded[k][1]:
                return True
    return False


def _whole_decoded(decoded: tuple[tuple[int, int], ...], a: int, b: int) -> tuple[int, int]:
    """The span a..b widened to take whole any decoded span it starts or ends inside: a match on
    "outrageous" read from "outrag&shy;eous" spans the word as the file has it."""
    k = bisect.bisect_right(decoded, (a, a)) - 1
    if k >= 0 and decoded[k][0] < a < decoded[k][1]:
        a = decoded[k][0]
    k = bisect.bisect_right(decoded, (b, b)) - 1
    if k >= 0 and decoded[k][0] < b < decoded[k][1]:
        b = decoded[k][1]
    return a, b


_FEW = 4  # candidates at which a pattern is tried without first searching the text for its literals


def _planned(item: Compiled) -> bool:
    """Does `_matches` try an item only at its plan's candidates (in a document with a lower-cased text)?"""
    if isinstance(item, TermList):
        return item.first_words is not None
    return isinstance(item, BuiltinPattern) and item.plan is not None


def _matches(item: Compiled, doc: Document, swept: bool = True) -> list[tuple[int, int]]:
    """Non-empty match spans of one compiled item, exactly as `pattern.finditer(prose)` finds them
    (`swept`: see `Scan.candidates`)."""
    scan = doc.scan or prefilter.scan(doc)
    text = scan.prose
    candidates: list[int] | None = None
    limited = isinstance(item, HousePattern)
    if isinstance(item, TermList):
        if item.first_words is not None:
            candidates = scan.candidates(item.plan, swept)  # type: ignore[arg-type]
            if candidates == []:  # None (unsafe to index this text) means: scan it whole, below
                return []
            if candidates is not None and scan.state.documents <= scan.state.split_term_lists_until:
                return _match_by_first_word(item, scan, candidates)
    elif isinstance(item, BuiltinPattern) or scan.state.documents > 1:
        assert isinstance(item, (BuiltinPattern, HousePattern))
        # A house pattern is read only once a process lints more than one document: on a single
        # article reading it costs more than it saves. A built-in pattern's literals are read
        # before it is compiled (and kept with the rule cache), so an absent one is never compiled.
        plan = None if limited else item.plan
        if plan is not None:
            candidates = scan.candidates(plan)
            if candidates == []:
                return []
        reach = item.reach if isinstance(item, BuiltinPattern) and scan.state.documents > 1 else None
        if reach is not None and (candidates is not None or scan.low is not None):
            # only the candidates (with no plan: the words) that a required word follows within reach
            candidates = scan.within_reach(candidates, reach)
            if not candidates:
                return []
        # (over many documents, where the pattern is compiled anyway, trying it at a few candidates
        # costs less than searching the text for its literals; one document never compiles it for them)
        few = candidates is not None and (len(candidates) <= _FEW or reach is not None) and scan.state.documents > 1
        if not few and not _holds_literal(item, scan):
            return []
    pattern = item.pattern
    if candidates is None:
        if limited:
            return [m.span() for m in pattern.finditer(text, timeout=patterns.USER_PATTERN_TIMEOUT) if m.end() > m.start()]
        return [m.span() for m in pattern.finditer(text) if m.end() > m.start()]
    # Only a candidate can start a match: trying each in turn finds what finditer finds.
    out = []
    pos = 0
    match = pattern.match
    for p in candidates:
        if p < pos:
            continue
        m = match(text, p)
        if m is not None and m.end() > p:
            out.append(m.span())
            pos = m.end()
    return out


def _holds_literal(item: BuiltinPattern | HousePattern, scan: Scan) -> bool:
    """Does the document's lower-cased prose hold one of the item's required literals? Told by its
    words when one of the literals is one of them ("said" among "argued", "claimed", "said"), else
    searched for, the shortest literal first (the likeliest to stand in the prose, which ends the search)."""
    literals = _shortest_first(item.required)
    words = scan.words
    if literals is not None and words is not None and not words.isdisjoint(literals):
        return True
    return scan.may_contain(literals)


@functools.lru_cache(maxsize=None)
def _shortest_first(literals: tuple[str, ...] | None) -> tuple[str, ...] | None:
    return None if literals is None else tuple(sorted(literals, key=len))


def _match_by_first_word(item: TermList, scan: Scan, candidates: list[int]) -> list[tuple[int, int]]:
    """`_matches` of a term list, each candidate tried with the pattern of its own first word only.

    A term matches only where its first word stands as a whole word, so at a candidate the terms
    starting with another word cannot match, and leaving them out changes nothing that matches.
    """
    text, low = scan.prose, scan.low
    assert low is not None  # there are candidates
    out = []
    pos = 0
    for p in candidates:
        if p < pos:
            continue
        word = WORD.match(low, p).group(0)  # type: ignore[union-attr]
        m = item.for_first_word(word).match(text, p)
        if m is not None and m.end() > p:
            out.append(m.span())
            pos = m.end()
    return out


def finditer(program: re.Pattern[str], doc: Document,
             near: tuple[re.Pattern[str], int] | None = None) -> Iterator[re.Match[str]]:
    """What `program.finditer(doc.prose)` yields, a program being tried only where the prefilter
    says one of its matches can start (when its literal prefixes are known: see `literals`). `near`:
    every match holds a word ending where a program matches, so many runs in (see `Scan.near_ends`)."""
    plan = _plan_of(program.pattern, program.flags)
    scan = prefilter.scan(doc)
    candidates = None if plan is None else scan.candidates(plan)
    text = doc.prose
    if candidates is None:
        yield from program.finditer(text)
        return
    reach = _reach_of(program.pattern, program.flags) if candidates else None
    if reach is not None:  # only the candidates a required word follows within reach
        candidates = scan.within_reach(candidates, reach)
    if near is not None and candidates:
        candidates = scan.near_ends(candidates, *near)
    pos = 0  # every match starts with a literal prefix: none is empty, and each starts at a candidate
    match = program.match
    for p in candidates:
        if p < pos:
            continue
        m = match(text, p)
        if m is not None:
            yield m
            pos = m.end()


_PLAIN_FLAGS = re.IGNORECASE | re.UNICODE | re.MULTILINE  # flags under which a pattern's literals mean literals


@functools.lru_cache(maxsize=None)
def _plan_of(pattern: str, flags: int) -> Plan | None:
    prefixes = None if flags & ~_PLAIN_FLAGS else literal_prefixes(pattern)
    return None if prefixes is None else plan_for(prefixes)


@functools.lru_cache(maxsize=None)
def _reach_of(pattern: str, flags: int) -> Reach | None:
    plan = _plan_of(pattern, flags)
    return None if plan is None else reach_of(pattern, required_words(pattern), plan.lookups)


def read_literals(matchers: Iterable[Matcher]) -> None:
    """Work out now each term list's regular expression and what its matches start with (see
    `Compiled.prefixes`), and the program of each built-in pattern only `regex` compiles (see
    `BuiltinPattern.keep_program`), so that they pickle with the matcher (the rule cache) instead of
    being worked out again in every run."""
    for matcher in matchers:
        for item in matcher.items:
            if isinstance(item, TermList):
                item.regex, item.prefixes
            elif isinstance(item, BuiltinPattern):
                item.keep_program()


def prepare(matchers: Iterable[Matcher]) -> None:
    """Ready a process for many documents: compile now what matching would compile on first use
    (term lists and built-in patterns the standard engine runs), so that worker processes forked
    from this one share it instead of each compiling it again."""
    current = state.current()
    current.documents = max(current.documents, current.split_term_lists_until + 1)
    for matcher in matchers:
        for item in matcher.items:
            if isinstance(item, TermList):
                item.pattern
            elif isinstance(item, BuiltinPattern) and compile_trusted(item.source[0], item.source[1]) is not None:
                item.pattern  # one that needs the `regex` module is left to first use
            if item.plan is not None and item.plan.known is not current.known_words:
                item.plan.make_known(current)

