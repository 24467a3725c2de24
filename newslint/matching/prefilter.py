"""The per-document prefilter: where in a document's prose a match can start, found before any
pattern runs. A document's `Scan` holds its lower-cased prose, an index of its words and the
candidates of each `Plan` (the prefixes of an item: whole words, word beginnings, literals); the
`Sweep` finds the candidates of every plan of a process in one pass over a document."""
from __future__ import annotations

import bisect
import collections
import functools
import itertools
import operator
import os
import re
from typing import TYPE_CHECKING, Any, Callable

from newslint.cache import programs
from newslint.document.positions import fold, occurrences
from newslint.matching import state as state_
from newslint.matching.parse import is_word_char
from newslint.matching.plans import Plan
from newslint.matching.reach import near

if TYPE_CHECKING:
    from newslint.document.model import Document
    from newslint.matching.reach import Reach

_WORD = programs.compile(r"\w+")
_NON_WORDS = programs.compile(r"(\W\W*)")  # `(\W+)`, written to open with one character: its search skips at C speed to where it can start
_ASCII_NON_WORDS = programs.compile(r"(?a)(\W\W*)")  # the same split of ASCII text, told by a table instead of Unicode's
_OTHER_DIGIT = programs.compile(r"[^\D0-9]")  # what `\d` matches but for 0-9
_ASCII = bytes(range(128))
_ALL_WORDS = -2
_UNKNOWN: Any = object()


def scan(doc: Document) -> Scan:
    """The document's matching state, made on first use (and kept in its `scan` slot)."""
    found = doc.scan
    if found is None:
        current = state_.current()
        current.documents += 1
        found = doc.scan = Scan(doc.prose, current)
    return found


def _places(parts: list[str], wanted: Callable[[str], bool] | None) -> dict[str, list[int]]:
    """Where each word of `parts` (the words and the non-word runs between them, words first) stands:
    indices into `parts`, by word; every word, or those `wanted` says (each asked at C speed)."""
    at = range(0, len(parts), 2)
    index: dict[str, list[int]] = {}
    for i in at if wanted is None else itertools.compress(at, map(wanted, parts[0::2])):
        word = parts[i]
        found = index.get(word)
        if found is None:
            index[word] = [i]
        else:
            found.append(i)
    return index


def _other_digit(text: str) -> bool:
    """Does `text` hold a character `\\d` matches other than 0-9? Only its characters outside ASCII are
    searched: its UTF-8 without the ASCII bytes (each of those a character of its own) is read back."""
    rest = text.encode("utf-8", "surrogatepass").translate(None, _ASCII).decode("utf-8", "surrogatepass")
    return _OTHER_DIGIT.search(rest) is not None


class Scan:
    """What every matcher shares about one document's prose, each part worked out on first need:
    the lower-cased text, its words and where they stand, the candidates of each prefix list, the
    spans of each matcher."""

    __slots__ = ("prose", "state", "low", "spans", "_candidates", "_contains", "_index", "_indexed", "_parts", "_offsets",
                 "_swept", "_repeated", "_covered", "_hits", "_empty", "_wholes", "_found", "_words")

    def __init__(self, prose: str, state: state_.MatchState) -> None:
        self.prose = prose
        self.state = state
        low = fold(prose)  # None when substring tests on the lower-cased text would be unsafe: scan instead
        # (as when a digit other than 0-9 stands in it: a prefix `\d` is looked up as those ten)
        self.low = None if low is not None and not low.isascii() and _other_digit(low) else low
        self.spans: dict[int, list[tuple[int, int]]] = {}  # by `Matcher.slot`
        self._candidates: dict[int, list[int] | None] = {}  # by the id of a `Plan` (kept by `plan_for`)
        self._contains: dict[tuple[str, ...] | None, bool] = {}
        self._index: dict[str, list[int]] = {}
        self._indexed = -1  # the number of known words `_index` was made with; ALL_WORDS: every word
        self._swept = -1  # the number of plans of the sweep whose candidates `_sweep` found at once (-1: not swept)
        self._repeated: dict[bool, list[int]] = {}  # `_repeats`, by `whole`
        self._covered: frozenset[int] = frozenset()  # the ids of the plans `_sweep` found the candidates of
        self._hits: set[int] = set()  # the ids of those of them that have some
        self._wholes: dict[int, list[list[int]]] = {}  # what the sweep found of each plan, by plan number (see `_gathered`)
        self._found: dict[int, list[int]] = {}
        self._empty: frozenset[int] | None = None  # `swept_empty`
        self._words: set[str] | None = None

    @property
    def index(self) -> dict[str, list[int]]:
        """Where each known word (see `Plan`) stands as a whole word (a maximal run of word
        characters) in the lower-cased prose: indices into `_parts`, by word. In the first
        document of a process, while words are still becoming known, every word."""
        if self._indexed != len(self.state.known_words) and self._indexed != _ALL_WORDS:
            if self._indexed >= 0:  # words became known since: their places are added
                self._index_more(self.state.known_order[self._indexed:])
                return self._index
            assert self.low is not None
            split = (_ASCII_NON_WORDS if self.low.isascii() else _NON_WORDS).split
            parts = self._parts = split(self.low)  # words (maybe "") and the non-word runs between
            self._offsets = list(itertools.accumulate(map(len, parts), initial=0))
            every = self.state.documents <= 1
            known = self.state.known_words
            index = _places(parts, None if every else known.__contains__)
            index.pop("", None)
            self._index, self._indexed = index, _ALL_WORDS if every else len(known)
        return self._index

    def _index_more(self, words: list[str]) -> None:
        """Add to `index` the places of `words`, which became known after it was made."""
        self._index.update(_places(self._parts, frozenset(words).__contains__))  # (none of them is in it yet)
        self._indexed = len(self.state.known_words)

    @property
    def words(self) -> set[str] | None:
        """The distinct words (maximal runs of word characters) of the lower-cased prose; None
        when it is not searched (see `low`)."""
        if self._words is None and self.low is not None:
            self.index  # (made with the words and the runs between them)
            self._words = set(self._parts[0::2])
        return self._words

    def candidates(self, plan: Plan, swept: bool = True) -> list[int] | None:
        """Sorted offsets where a match starting with one of a plan's prefixes can start; None: scan instead.

        A prefix that starts where a word starts can only stand at a word of `index`: that word
        when the pattern closes it (and, given `Prefix.then`, only where the next word fits), else
        a word beginning with it. Any other prefix is searched for in the lower-cased prose.

        A plan asked for only now and then (`swept` False: an exception list, read where its rule has
        matched) is not made known: it would cost the sweep of every document, for a search in a few.
        """
        out = self._candidates.get(id(plan), _UNKNOWN)
        if out is not _UNKNOWN:
            return out
        low = self.low
        if low is None:
            self._candidates[id(plan)] = None
            return None
        if plan.known is not self.state.known_words:
            if not swept:
                return self._plan_candidates(plan)
            plan.make_known(self.state)
        if self.state.documents > 1:  # (a process that lints one document gains nothing from a sweep)
            if self._swept < 0:
                self._sweep()
            number = self.state.sweep.numbers.get(id(plan), self._swept)
            if number < self._swept:
                return self._gathered(plan, number)
        return self._plan_candidates(plan)

    def nothing_for(self, plans: frozenset[int]) -> bool:
        """Has the sweep found no candidate for any of these plans (by id), all of them swept? (False
        when that is not known: ask `candidates`.)"""
        if self._swept < 0:
            if self.low is None or self.state.documents <= 1:
                return False
            self._sweep()
        return plans <= self._covered and plans.isdisjoint(self._hits)

    def swept_empty(self) -> frozenset[int]:
        """The ids of the plans that this document's sweep found no candidate for (swept now when it
        is to be and has not been; none when it is not: see `nothing_for`)."""
        if self._empty is None:
            if self._swept < 0 and self.low is not None and self.state.documents > 1:
                self._sweep()
            self._empty = self._covered - self._hits
        return self._empty

    def _plan_candidates(self, plan: Plan) -> list[int]:
        """`candidates` of one plan, found on its own: a plan made known after this document's sweep,
        or one not made known, the places of whose words are then found in this document's words
        (unless `index` holds every word, or those words are known)."""
        low = self.low
        assert low is not None
        index = self.index
        if plan.known is not self.state.known_words and self._indexed != _ALL_WORDS \
                and not plan.lookups <= self.state.known_words:
            index = _places(self._parts, plan.lookups.__contains__)
        words = plan.words
        hits = [w for w in index if w in words] if len(index) < len(words) else [w for w in words if w in index]
        found: list[int] = []
        if hits:
            offsets = self._offsets
            for word in hits:
                found += [offsets[i] for i in index[word]]
        if plan.others:
            parts, offsets = self._parts, self._offsets
            for word, then in plan.followed.items():
                for i in index.get(word, ()):
                    if i + 2 < len(parts) and parts[i + 2].startswith(then) and parts[i + 1].isspace():
                        found.append(offsets[i])
            for word, heads in plan.preceded.items():
                found += [offsets[i - 2] for i in index.get(word, ()) if i > 0 and parts[i - 2] in heads and parts[i - 1].isspace()]
            for text, heads in plan.begun.items():
                found += self._after(text, heads)
            for word, text in plan.continued:
                found += [offsets[i] for i in index.get(word, ()) if low.startswith(text, offsets[i])]
            for text in plan.opening:
                found += _at_word_starts(low, text)
            for text in plan.anywhere:
                found += occurrences(low, text)
            if plan.repeated is not None:
                found += self._repeats(plan.repeated)
        out = self._candidates[id(plan)] = sorted(set(found)) if len(found) > 1 else found
        return out

    def _sweep(self) -> None:
        """Which plans made known so far have candidates, found in one pass: each indexed word is
        looked up once in `_sweep`, and each literal searched for once, whatever number of plans
        share them. What each plan finds is kept as found, and sorted only when the plan's
        candidates are asked for (`_gathered`): exactly what `_plan_candidates` finds for it."""
        sweep = self.state.sweep
        self._swept = 0
        if sweep.known is not self.state.known_words or not sweep.plans:
            return
        sweep.arrange()
        low = self.low
        assert low is not None
        index = self.index
        parts, offsets = self._parts, self._offsets
        wholes: collections.defaultdict[int, list[list[int]]] = collections.defaultdict(list)  # by plan number: places in `_parts`
        found: collections.defaultdict[int, list[int]] = collections.defaultdict(list)  # by plan number: offsets
        by_word = sweep.by_word
        last = len(parts) - 2
        for word, places in index.items():
            uses = by_word.get(word)
            if uses is None:
                continue
            for k in uses.whole:
                wholes[k].append(places)
            after = uses.after
            if after:  # the next word, after white space, must start with one of a plan's `then`
                followers = uses.followers
                for i in places if places[-1] < last else places[:-1]:  # (the last word has no next)
                    if parts[i + 2][:1] in after and ((gap := parts[i + 1]) == " " or gap.isspace()):
                        for k in followers[parts[i + 2]]:
                            found[k].append(offsets[i])
            if not uses.around:
                continue
            for common, takers in uses.before:  # the word before, after white space, must be one of `common`
                at = [offsets[i - 2] for i in places if i > 0 and parts[i - 2] in common and parts[i - 1].isspace()]
                if at:
                    for k in takers:
                        found[k] += at
            for k, text in uses.continued:
                at = [offsets[i] for i in places if low.startswith(text, offsets[i])]
                if at:
                    found[k] += at
        openers = sweep.openers
        if openers.by_initial:  # beginnings of words: the words are looked up (see `Openers`), each at C speed
            words = parts[0::2]
            kinds = list(map(openers.__getitem__, words))
            wanted = list(itertools.compress(itertools.count(), kinds))  # the words some plan wants, by number
            if wanted:
                wants = openers.wants
                wanted.sort(key=kinds.__getitem__)  # (stable: the words of each kind stay in order)
                for kind, group in itertools.groupby(wanted, kinds.__getitem__):
                    at_words = list(group)
                    starting, preceded = wants[kind]
                    if starting:  # a match can start at the word
                        at = [offsets[2 * j] for j in at_words]
                        for k in starting:
                            found[k] += at
                    if preceded:  # at the word before, a common word, white space between
                        for j in at_words:
                            if j and (wanting := preceded.get(words[j - 1])) and parts[2 * j - 1].isspace():
                                start = offsets[2 * j - 2]
                                for k in wanting:
                                    found[k].append(start)
        for initial, texts in sweep.texts.items():
            if initial in low:
                for text, users in texts.items():
                    if text not in low:  # (asked at C speed: most literals stand in no document)
                        continue
                    at = occurrences(low, text)
                    for k in users:
                        found[k] += at
        for whole, users in sweep.repeated.items():
            at = self._repeats(whole)
            if at:
                for k in users:
                    found[k] += at
        numbers = set(wholes)
        numbers.update(found)  # (each holds some)
        self._wholes, self._found = wholes, found
        self._hits = set(map(sweep.ids.__getitem__, numbers))
        self._swept = len(sweep.plans)
        self._covered = sweep.covered
        self._empty = None

    def _gathered(self, plan: Plan, number: int) -> list[int]:
        """The candidates of a plan the sweep went through (its `number`), sorted on first need. The
        places of its whole words are sorted already, word by word, and no two are the same."""
        places = self._wholes.get(number)
        if places:
            at = places[0] if len(places) == 1 else sorted(itertools.chain.from_iterable(places))
            hits = list(map(self._offsets.__getitem__, at))
        else:
            hits = []
        more = self._found.get(number)
        if more:
            hits += more
            if len(hits) > 1:
                hits = sorted(set(hits))  # (some may be found twice)
        self._candidates[id(plan)] = hits
        return hits

    def _after(self, text: str, heads: frozenset[str]) -> list[int]:
        """Where a word of `heads` starts that white space and then a word starting with `text` follow."""
        low, parts, offsets = self.low, self._parts, self._offsets
        assert low is not None
        out = []
        for at in occurrences(low, text):
            i = bisect.bisect_left(offsets, at)
            if offsets[i] == at and not i % 2 and i > 0 and parts[i - 2] in heads and parts[i - 1].isspace():
                out.append(offsets[i - 2])
        return out

    def _repeats(self, whole: bool) -> list[int]:
        """Where a word starts that the next word starts with again (`whole`: that the next word is
        again), lower-cased: a doubled word can start only there."""
        found = self._repeated.get(whole)
        if found is None:
            self.index  # (made with the words and the runs between them)
            words = self._parts[0::2]
            offsets = self._offsets
            same = map(operator.eq if whole else str.startswith, words[1:], words)
            found = self._repeated[whole] = [offsets[2 * k] for k in itertools.compress(itertools.count(), same)]
        return found

    def within_reach(self, candidates: list[int] | None, reach: Reach) -> list[int]:
        """The candidates (sorted offsets; None: where every word starts) that a word of `reach` follows within
        reach: the word is at most `reach.gaps` words after the first word starting at or after the candidate."""
        state = self.state
        if reach.known is not state.known_words:  # (its words are indexed from now on)
            state.add_known(reach.words)
            reach.known = state.known_words
        index = self.index
        places: list[int] = []
        for word in reach.words:
            found = index.get(word)
            if found is not None:
                places += found
        if not places:
            return []
        places.sort()
        return near(self._offsets, candidates, places, reach.gaps)

    def near_ends(self, candidates: list[int], ends: re.Pattern[str], gaps: int) -> list[int]:
        """`within_reach` of the words that end where `ends` matches the lower-cased prose ("the" with
        `gaps` 5: where "the world's all-time best" can start, a word ending in "est" five runs on)."""
        low = self.low
        assert low is not None  # (there are candidates)
        self.index  # (made with the words and the runs between them)
        offsets = self._offsets
        places = []
        for m in ends.finditer(low):
            i = bisect.bisect_right(offsets, m.end() - 1) - 1  # the part the last character stands in
            if not i % 2 and offsets[i + 1] == m.end():  # a word, ending there
                places.append(i)
        return near(offsets, candidates, places, gaps) if places else []

    def may_contain(self, literals: tuple[str, ...] | None) -> bool:
        """Does the lower-cased prose contain one of `literals` (True when unknown)?"""
        try:
            return self._contains[literals]
        except KeyError:
            low = self.low
            found = self._contains[literals] = low is None or literals is None or _contains(literals)(low)
            return found


@functools.lru_cache(maxsize=None)
def _contains(literals: tuple[str, ...]) -> Callable[[str], bool]:
    """A test of whether a text holds one of `literals`: a search for them all at once when they
    share a beginning (the search skips from one occurrence of that to the next), else one by one."""
    if len(literals) > 2 and os.path.commonprefix(literals):
        search = programs.compile("|".join(map(re.escape, sorted(literals, key=len, reverse=True)))).search
        return lambda text: search(text) is not None
    return lambda text: any(map(text.__contains__, literals))


def _at_word_starts(text: str, sub: str) -> list[int]:
    """Every offset where `sub` stands in `text` at the start of a word (or not after a word character)."""
    return [i for i in occurrences(text, sub) if i == 0 or not is_word_char(text[i - 1])]
