"""Plans: how the prefilter finds where a match of an item can start. A `Plan` sorts an item's
prefixes (see `literals.Prefix`) by how they are looked up: whole words, a word and the beginning of
the next, a common word found through the rarer word after it, word beginnings, literals anywhere;
the `Sweep` arranges every plan of a process by what it looks up, so that `prefilter.Scan` finds the
candidates of all of them in one pass over a document (`Uses`: what the plans want of one word)."""
from __future__ import annotations

import functools

from newslint.cache import programs
from newslint.matching import state as state_
from newslint.matching.literals import Prefix

_WORD = programs.compile(r"\w+")
# Words so common in prose that a prefix of one of them followed by a rarer word is looked up by the
# rarer word (see `Plan.preceded`): the index then need not hold every place the common word stands.
COMMON = frozenset("a an and are as at be by for from had has have he her his in is it its of on or she that the their they"
                   " this to was were which will with".split())


class Plan:
    """How `Scan.candidates` finds the candidates of a prefix list."""

    __slots__ = ("words", "followed", "preceded", "begun", "continued", "opening", "anywhere", "repeated", "others", "known",
                 "lookups")

    def __init__(self, prefixes: tuple[Prefix, ...]) -> None:
        words: set[str] = set()
        followed: dict[str, set[str]] = {}
        preceded: dict[str, set[str]] = {}  # next word -> common words before it (see `COMMON`)
        begun: dict[str, set[str]] = {}  # the same by the beginning of the next word
        continued, opening, anywhere = [], [], []
        # Words repeated by the next word (see `Prefix.repeated`): None, or True when the next word
        # must be the same word, False when it need only start with it.
        self.repeated: bool | None = None
        for prefix in prefixes:
            text = prefix.text
            if prefix.repeated:
                self.repeated = prefix.closed and self.repeated is not False
                continue
            lead = _WORD.match(text)
            if not prefix.word_start or lead is None:
                anywhere.append(text)
            elif lead.end() < len(text):
                continued.append((lead.group(0), text))
            elif not prefix.closed:
                opening.append(text)
            elif prefix.then is None:
                words.add(text)
            elif text in COMMON and all(w.isascii() and w not in COMMON for w in prefix.then) and (
                    prefix.then_whole or all(len(w) > 2 or w[0].isdigit() for w in prefix.then)):
                for then in prefix.then:  # looked up by the rarer next word, the common word checked before it
                    (preceded if prefix.then_whole else begun).setdefault(then, set()).add(text)
            else:
                followed.setdefault(text, set()).update(prefix.then)
        self.words = frozenset(words)  # whole words
        self.followed = {w: tuple(sorted(t)) for w, t in followed.items() if w not in words}  # word -> next word starts
        # Next word (whole) -> the words before it, after white space, that a match starts at.
        self.preceded = {t: frozenset(ws - words) for t, ws in sorted(preceded.items()) if ws - words}
        # A beginning of the next word -> the same: found on its own by searching the text for that
        # beginning; in the sweep among the words a document holds, as beginnings of words are (the
        # common words before it are then not indexed).
        self.begun = {t: frozenset(ws - words) for t, ws in sorted(begun.items()) if ws - words}
        self.continued = tuple(continued)  # (whole word, the prefix it starts)
        self.opening = tuple(opening)  # beginnings of words
        self.anywhere = tuple(anywhere)  # strings anywhere in the text
        self.others = bool(self.followed or self.preceded or self.begun or self.continued or self.opening or self.anywhere or self.repeated is not None)
        self.known: set[str] | None = None  # the `MatchState.known_words` its words were added to
        # The whole words a search for this plan alone looks up where they stand (see `Scan._plan_candidates`).
        self.lookups = self.words.union(self.followed, self.preceded, (word for word, _ in self.continued))

    def make_known(self, state: state_.MatchState) -> None:
        """Add the whole words this plan looks up to the words `Scan.index` records, and the plan to the sweep."""
        state.add_known(self.lookups)
        self.known = state.known_words
        state.sweep.add(self)


class Sweep:
    """Every plan made known in this process (see `Plan.make_known`), arranged by what each looks up,
    so that `Scan._sweep` finds the candidates of them all in one pass over a document."""

    def __init__(self, known: set[str]) -> None:
        self.known = known  # the `MatchState.known_words` these plans were made known to
        self.plans: list[Plan] = []
        # By whole word: the plans that want it whole; the plans that want it followed by a word
        # starting with one of `then`, by the first letter of those (each with those of its `then`
        # that start with it); the plans that want it where a longer literal starts.
        self.by_word: dict[str, Uses] = {}
        # Literals anywhere in the text, by first character, then by literal: plan numbers.
        self.texts: dict[str, dict[str, list[int]]] = {}
        # Beginnings of words, by beginning: plan numbers; the beginnings of a word that a common word
        # and white space must come before (`Plan.begun`), by beginning: plan numbers, each with those
        # common words; and what each word is wanted for that starts with some of them (see `Openers`).
        # A beginning is all word characters: the words of a document that start with it are where it
        # stands at the start of a word.
        self.openings: dict[str, list[int]] = {}
        self.begun: dict[str, list[tuple[int, frozenset[str]]]] = {}
        self.openers = Openers(self.openings, self.begun)
        self.repeated: dict[bool, list[int]] = {}  # the plans that want repeated words, by `Plan.repeated`
        self.numbers: dict[int, int] = {}  # plan numbers by the id of a plan
        self.ids: list[int] = []  # the id of each plan, by number
        self.arranged = 0  # the plans arranged so far
        self.covered: frozenset[int] = frozenset()  # the ids of those plans

    def add(self, plan: Plan) -> None:
        self.numbers[id(plan)] = len(self.plans)
        self.plans.append(plan)
        self.ids.append(id(plan))

    def arrange(self) -> None:
        """Arrange the plans added since the last time (on first need: a process that lints one document never needs it)."""
        if self.arranged < len(self.plans):
            while self.arranged < len(self.plans):
                self._arrange(self.arranged, self.plans[self.arranged])
                self.arranged += 1
            self.covered = frozenset(map(id, self.plans))

    def _arrange(self, k: int, plan: Plan) -> None:
        for word in plan.words:
            self._uses(word).whole.append(k)
        for word, then in plan.followed.items():  # a word followed by the beginning of the next
            uses = self._uses(word)
            by_initial: dict[str, list[str]] = {}
            for t in sorted(then):
                by_initial.setdefault(t[:1], []).append(t)
            for initial in sorted(by_initial):
                uses.after.setdefault(initial, []).append((k, tuple(by_initial[initial])))
            uses.followers.clear()  # (worked out again with this plan)
        for word, heads in plan.preceded.items():
            uses = self._uses(word)
            uses.around = True
            before = uses.before
            for common, takers in before:
                if common == heads:
                    takers.append(k)
                    break
            else:
                before.append((heads, [k]))
        for word, text in plan.continued:
            uses = self._uses(word)
            uses.around = True
            uses.continued.append((k, text))
        for text in plan.opening:
            self.openings.setdefault(text, []).append(k)
        for text, heads in plan.begun.items():
            self.begun.setdefault(text, []).append((k, heads))
        if plan.opening or plan.begun:
            self.openers.clear()  # (worked out again with this plan)
        for text in plan.anywhere:
            self.texts.setdefault(text[0], {}).setdefault(text, []).append(k)
        if plan.repeated is not None:
            self.repeated.setdefault(plan.repeated, []).append(k)

    def _uses(self, word: str) -> Uses:
        uses = self.by_word.get(word)
        if uses is None:
            uses = self.by_word[word] = Uses()
        return uses


class Uses:
    """What the plans of a sweep want of one whole word: by plan number, the plans that want it
    whole; those that want it followed, after white space, by a word starting with one of their
    `then` (`after`: by the first letter of those, each plan with those of its `then` that start
    with it; `followers`: the plans each next word satisfies); those that want it after one of some
    words and white space (`before`: each set of those words with the plans that want it); those
    that want it where a longer literal starts (`continued`)."""

    __slots__ = ("whole", "after", "before", "continued", "followers", "around")

    def __init__(self) -> None:
        self.whole: list[int] = []
        self.after: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        self.before: list[tuple[frozenset[str], list[int]]] = []  # the words that must come before, plan numbers
        self.continued: list[tuple[int, str]] = []
        self.followers = Followers(self.after)
        self.around = False  # are `before` or `continued` not empty?


class Followers(dict[str, tuple[int, ...]]):
    """The plans of a word's `Uses.after` that a next word satisfies, by next word: worked out the
    first time a word is looked up, and remembered (the same next words come back document after document)."""

    __slots__ = ("after",)

    MAX = 5000  # next words remembered (each document meets few new ones)

    def __init__(self, after: dict[str, list[tuple[int, tuple[str, ...]]]]) -> None:
        super().__init__()
        self.after = after

    def __missing__(self, word: str) -> tuple[int, ...]:
        plans = tuple(k for k, then in self.after.get(word[:1], ()) if word.startswith(then))
        if len(self) >= self.MAX:
            self.clear()
        self[word] = plans
        return plans


# What the plans of a sweep want of the words that start with the same of their beginnings: the
# plans of `Sweep.openings` (a match can start at such a word), and by common word those of
# `Sweep.begun` (a match can start at that word before it, white space between).
Wants = tuple[tuple[int, ...], dict[str, tuple[int, ...]]]
NOTHING: Wants = ((), {})


class Openers(dict[str, int]):
    """What the plans of a sweep want of a word that starts with some of their beginnings, by word: a
    number standing for it in `wants` (0, most words: nothing). Worked out the first time a word is
    looked up, and remembered (the same words come back document after document; a dictionary lookup
    costs less than testing the beginnings); words that want the same share a number, and a sweep
    takes them together."""

    __slots__ = ("openings", "begun", "by_initial", "wants", "numbers")

    MAX = 100_000  # words remembered

    def __init__(self, openings: dict[str, list[int]], begun: dict[str, list[tuple[int, frozenset[str]]]]) -> None:
        super().__init__()
        self.openings = openings
        self.begun = begun
        self.by_initial: dict[str, tuple[str, ...]] = {}
        self.wants: list[Wants] = [NOTHING]
        self.numbers: dict[tuple[str, ...], int] = {(): 0}  # by the beginnings a word starts with

    def clear(self) -> None:
        super().clear()
        initials: dict[str, list[str]] = {}
        for text in sorted({*self.openings, *self.begun}):
            initials.setdefault(text[0], []).append(text)
        self.by_initial = {initial: tuple(texts) for initial, texts in initials.items()}
        self.wants = [NOTHING]
        self.numbers = {(): 0}

    def __missing__(self, word: str) -> int:
        if len(self) >= self.MAX:
            super().clear()
        texts = self.by_initial.get(word[:1])
        if texts is None or not word.startswith(texts):
            self[word] = 0
            return 0
        starts = tuple(text for text in texts if word.startswith(text))
        number = self.numbers.get(starts)
        if number is None:
            number = self.numbers[starts] = len(self.wants)
            self.wants.append(self._wants(starts))
        self[word] = number
        return number

    def _wants(self, starts: tuple[str, ...]) -> Wants:
        """What the plans want of a word that starts with each of `starts` (and with no other of their beginnings)."""
        opening = {k for text in starts for k in self.openings.get(text, ())}
        before: dict[str, set[int]] = {}
        for text in starts:
            for k, heads in self.begun.get(text, ()):
                for head in heads:
                    before.setdefault(head, set()).add(k)
        return tuple(sorted(opening)), {head: tuple(sorted(ks)) for head, ks in sorted(before.items())}


plan_for = functools.lru_cache(maxsize=None)(Plan)  # one plan for equal prefix lists
