"""The one place regex text is assembled: word lists, user patterns, exceptions, proper names."""
from __future__ import annotations

import bisect
import contextlib
import functools
import itertools
import re
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping, NamedTuple

try:  # the standard library's own parser, used only to read literals out of patterns
    import re._constants as _sre
    import re._parser as _sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

from newslint import recache
from newslint.positions import fold, occurrences
from newslint.schema import Option, Where, boolean, shown, strings

if TYPE_CHECKING:
    from newslint.document import Document

# Word boundaries treat hyphens and apostrophes inside a word as part of it:
# "anti-terrorism" does not contain the term "terrorism"; "group's" does contain "group".
_LEFT = r"(?<![\w\-])"
_RIGHT = r"(?![\w]|-\w)"
_SPECIAL = {" ": r"\s+", "'": "['’]", "’": "['’]", "-": r"[-‐‑]"}
USER_PATTERN_TIMEOUT = 1.0  # seconds a single user pattern may run on one document


def normalize(term: str) -> str:
    """The key a matched text is looked up by: case-folded, apostrophes and spaces unified."""
    return " ".join(term.replace("’", "'").replace("‐", "-").replace("‑", "-").casefold().split())


def _trie_regex(words: Iterable[str]) -> str:
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def render(node: dict[str, Any]) -> str:
        if list(node) == [""]:
            return ""
        alts = []
        optional = False
        for ch in sorted(node):
            if ch == "":
                optional = True
                continue
            alts.append(_SPECIAL.get(ch, re.escape(ch)) + render(node[ch]))
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if optional:
            body = "(?:" + body + ")?" if len(alts) > 1 or len(body) > 1 else body + "?"
        return body

    return render(trie)


def term_pattern(terms: Iterable[str], *, ignore_case: bool = True) -> re.Pattern[str]:
    """One compiled pattern matching any of `terms` as whole words; longest wins at a position."""
    return _term_pattern(tuple(terms), ignore_case)


def _term_pattern(terms: tuple[str, ...], ignore_case: bool) -> re.Pattern[str]:
    return _compile_terms(_term_regex(terms, ignore_case), ignore_case)


@functools.lru_cache(maxsize=None)
def _term_regex(terms: tuple[str, ...], ignore_case: bool) -> str:
    """The regular expression of a term list (writing it out takes a while for a long list)."""
    normalized = sorted({_spaced(t) for t in terms})
    if ignore_case:
        normalized = sorted({t.lower() for t in normalized})
    return _LEFT + "(?:" + _trie_regex(normalized) + ")" + _RIGHT


@functools.lru_cache(maxsize=None)
def _compile_terms(regex: str, ignore_case: bool) -> re.Pattern[str]:
    """Compiled once per process: rules sharing a lexicon share its pattern."""
    return recache.compile(regex, re.IGNORECASE if ignore_case else 0)


def user_pattern(pattern: str, where: Where, *, ignore_case: bool = True, trusted: bool = False) -> Any:
    """A rule's own regular expression, compiled once per process; invalid syntax is a RuleError.

    The trust boundary: a `trusted` pattern (a built-in rule: shipped, tested, fuzzed) compiles with
    the standard library's `re` whenever `re` accepts it (else with `regex`, e.g. for a lookbehind of
    variable width) and runs without a time limit. Any other pattern (house rules from `--rules` or a
    configuration's `rules:` folders) compiles with `regex` and runs with a time limit, so a runaway
    pattern cannot hang a run.
    """
    if trusted:
        compiled = _compile_trusted(pattern, ignore_case)
        if compiled is not None:
            return compiled
    import regex  # house rules and built-in patterns only `regex` knows: a plain run never needs it

    try:
        return _compile_user(pattern, ignore_case)
    except Exception as exc:  # noqa: BLE001 - regex.error, and flags at odds raise ValueError or KeyError
        detail = exc if isinstance(exc, regex.error) else f"flags at odds or unknown ({type(exc).__name__})"
        raise where.error(f"invalid regular expression {shown(pattern)}: {detail}") from None


@functools.lru_cache(maxsize=None)
def _compile_trusted(pattern: str, ignore_case: bool) -> re.Pattern[str] | None:
    try:
        return recache.compile(pattern, re.MULTILINE | (re.IGNORECASE if ignore_case else 0))
    except re.error:  # syntax only the `regex` module knows
        return None


@functools.lru_cache(maxsize=None)
def _compile_user(pattern: str, ignore_case: bool) -> Any:
    """Compiled once per process: rules sharing a lexicon share its patterns (a `regex.Pattern`)."""
    import regex

    return regex.compile(pattern, regex.V0 | regex.MULTILINE | (regex.IGNORECASE if ignore_case else 0))


class Prefix(NamedTuple):
    """A lower-cased literal every match of a pattern (or of one of its branches) starts with."""

    text: str
    word_start: bool  # the match starts where a word starts (the pattern opens with a word boundary)
    closed: bool  # the word `text` starts with ends within `text` or right after it (a whole word)
    then: tuple[str, ...] | None = None  # `text` is a whole word, and after white space the next word starts with one of these


MATCHER_OPTIONS: Mapping[str, Option] = {
    "terms": Option(strings, ()),
    "patterns": Option(strings, ()),
    "exceptions": Option(strings, ()),
    "ignore_case": Option(boolean, True),
    "proper_names": Option(boolean, False),
}


class Compiled:
    """One compiled term list or user pattern, with what a document must contain for it to match.

    `first_words`: a term list matches only where a word (a maximal run of word characters) equal,
    case-insensitively, to one of these starts; the pattern is tried only there (see `prefixes`,
    which a built-in pattern reads from its own syntax).
    A house pattern matches only in a document whose lower-cased prose contains one of its
    `required_literals` (worked out once a process lints more than one document: for a single
    article reading the pattern costs more than it saves). None means no such shortcut.
    A term list's pattern is compiled on first use (it is built here from escaped words, so it
    cannot be invalid): an article without any of its first words never needs it.
    """

    def __init__(self, source: Any, is_terms: bool, first_words: frozenset[str] | None = None, *,
                 limited: bool = False, lazy: bool = False, where: Where | None = None) -> None:
        self.source = source  # a compiled house pattern, or the (terms, ignore_case) of a term list or built-in pattern
        self.is_terms = is_terms
        self.first_words = first_words
        self.limited = limited  # a house rule's pattern: run by `regex` with USER_PATTERN_TIMEOUT
        self.lazy = lazy  # a built-in rule's pattern: compiled on first use, never if its literals are absent
        self.where = where  # where a lazy pattern was written

    def _fields(self) -> tuple[Any, ...]:
        return self.source, self.is_terms, self.first_words, self.limited, self.lazy, self.where

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Compiled) and self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return f"Compiled({self.source!r}, is_terms={self.is_terms})"

    def __getstate__(self) -> dict[str, Any]:
        """What pickles: the definition and the plain data read out of it (first words, prefixes,
        required literals), not the objects this process made from it (compiled pattern, plan),
        which another process makes again on first use."""
        return {k: v for k, v in self.__dict__.items() if k not in _PROCESS_LOCAL}

    @functools.cached_property
    def pattern(self) -> Any:
        if self.is_terms:
            return _compile_terms(self.regex, self.source[1])
        if self.lazy:
            assert self.where is not None
            return user_pattern(self.source[0], self.where, ignore_case=self.source[1], trusted=True)
        return self.source

    @functools.cached_property
    def regex(self) -> str:
        """A term list's regular expression (kept with the rule cache)."""
        return _term_regex(*self.source)

    @functools.cached_property
    def lower_case_terms(self) -> frozenset[str]:
        """A term list's terms written in lower case, normalized (see `normalize`)."""
        return frozenset(normalize(t) for t in self.source[0] if t[:1].islower())

    @functools.cached_property
    def by_first_word(self) -> dict[str, tuple[str, ...]]:
        """A term list's terms grouped by their first word (as in `first_words`)."""
        groups: dict[str, list[str]] = {}
        for term in self.source[0]:
            m = _WORD.match(_spaced(term))
            assert m is not None  # `first_words` is None otherwise, and this is never asked
            groups.setdefault(m.group(0).lower(), []).append(term)
        return {word: tuple(terms) for word, terms in groups.items()}

    def for_first_word(self, word: str) -> re.Pattern[str]:
        """The pattern of the terms starting with `word`: at an offset where that word starts it
        matches exactly what the whole list's pattern matches, and it compiles in a fraction of the time."""
        return _term_pattern(self.by_first_word[word], self.source[1])

    @functools.cached_property
    def prefixes(self) -> tuple[Prefix, ...] | None:
        """What every match starts with: a term list's first words (whole words), a pattern's
        literal prefixes; None if unknown."""
        if self.is_terms:
            if self.first_words is None:
                return None
            out = []
            for word, terms in sorted(self.by_first_word.items()):
                following: set[str] = set()
                for term in terms:  # the word after the first, when white space comes between
                    rest = _spaced(term).lower()[len(word):]
                    nxt = _WORD.match(rest, 1) if rest.startswith(" ") else None
                    if nxt is None or nxt.start() != 1:
                        out.append(Prefix(word, True, True))  # some term ends or goes on otherwise
                        break
                    following.add(nxt.group(0))
                else:
                    out.append(Prefix(word, True, True, tuple(sorted(following))))
            return tuple(out)
        return literal_prefixes(self.text)

    @functools.cached_property
    def required(self) -> tuple[str, ...] | None:
        """A pattern's `required_literals`."""
        return required_literals(self.text)

    @functools.cached_property
    def plan(self) -> _Plan | None:
        """How to find where a match can start (shared by items with equal `prefixes`)."""
        return None if self.prefixes is None else _plan(self.prefixes)

    @property
    def text(self) -> str:
        """A user pattern's regular expression as written."""
        return self.source[0] if self.lazy else self.source.pattern  # type: ignore[no-any-return]


def _spaced(term: str) -> str:
    """A term as its pattern reads it: one space between words, one kind of apostrophe."""
    return " ".join(term.replace("’", "'").split())


def _first_words(terms: Iterable[str]) -> frozenset[str] | None:
    words = set()
    for term in terms:
        m = _WORD.match(term)
        if m is None or not m.group(0).isascii():
            return None
        words.add(m.group(0).lower())
    return frozenset(words)


def _terms(terms: Iterable[str], ignore_case: bool) -> Compiled:
    terms = list(terms)
    first_words = _first_words(_spaced(t) for t in terms)
    return Compiled((tuple(terms), ignore_case), True, first_words)


def _user(pattern: str, where: Where, ignore_case: bool, trusted: bool) -> Compiled:
    """A built-in (trusted) pattern compiles on first use; a house pattern now, so that an invalid
    one is an error at load naming its file and key."""
    if trusted:
        if _recorded is not None:
            _recorded.add(pattern)
        return Compiled((pattern, ignore_case), False, lazy=True, where=where)
    return Compiled(user_pattern(pattern, where, ignore_case=ignore_case), False, limited=True)


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
            compiled.append(_terms(terms, ignore_case))
        for i, p in enumerate(list(spec.get("patterns", ())) + list(extra_patterns)):
            compiled.append(_user(p, where.child(f"patterns[{i}]"), ignore_case, trusted))
        if not compiled:
            raise where.error("needs at least one of 'terms' or 'patterns'")
        exceptions = spec.get("exceptions", ())
        exc = _terms(exceptions, True) if exceptions else None
        return cls(tuple(compiled), exc, bool(spec.get("proper_names", False)))

    @functools.cached_property
    def key(self) -> tuple[Any, ...]:
        """Equal for matchers that find the same spans (rules sharing a lexicon share them)."""
        items = tuple((c.limited, c.is_terms, c.source if c.is_terms or c.lazy else (c.source.pattern, c.source.flags))
                      for c in self.compiled)
        exc = self.exceptions.source if self.exceptions is not None else None
        return ("spans", items, exc, self.match_proper_names)

    def spans(self, doc: Document) -> list[tuple[int, int]]:
        """(start, end) of every match in `doc.prose`, sorted, exceptions and proper names removed."""
        scan = _scan(doc)
        found = scan.spans.get(self.slot)
        if found is None:
            plans = self.plans
            if plans is not None and all(scan.candidates(plan) == [] for plan in plans):
                found = []  # no item can match anywhere (what `_find` would find, without its work)
            else:
                found = self._find(doc)
            scan.spans[self.slot] = found
        return found

    @property
    def items(self) -> tuple[Compiled, ...]:
        """Every compiled item: the terms and patterns, then the exceptions."""
        return self.compiled if self.exceptions is None else (*self.compiled, self.exceptions)

    @functools.cached_property
    def plans(self) -> tuple[_Plan, ...] | None:
        """The plans of the items, when every item matches only at its plan's candidates (see
        `_matches`); None when one may match elsewhere."""
        plans = []
        for item in self.compiled:
            if item.limited or item.plan is None or not (item.is_terms or item.lazy):
                return None
            plans.append(item.plan)
        return tuple(plans)

    @functools.cached_property
    def slot(self) -> int:
        """A small number standing for `key` in this process (a key is long to hash)."""
        return _slots.setdefault(self.key, len(_slots))

    def __getstate__(self) -> dict[str, Any]:
        """What pickles: not `slot` or `plans`, which mean something in this process only."""
        return {k: v for k, v in self.__dict__.items() if k not in ("slot", "key", "plans")}

    def _find(self, doc: Document) -> list[tuple[int, int]]:
        text = doc.prose
        hits: list[tuple[int, int]] = []
        words: set[str] = set()  # listed in lower case: a capital on them marks a name (see `names`)
        for item in self.compiled:
            found = _matches(item, doc)
            hits.extend(found)
            if item.is_terms and not self.match_proper_names:
                words.update(item.lower_case_terms)
        if not hits:
            return hits
        hits.sort()
        blocked = _matches(self.exceptions, doc) if self.exceptions else []
        out = []
        for a, b in hits:
            while a < b and text[a].isspace():  # a pattern's span never starts or ends in white space
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if a == b or _crosses(doc.text, text, a, b):
                continue
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
            yield from spans
            return
        stop = len(doc.prose) if end is None else end
        for i in range(bisect.bisect_left(spans, (start,)), len(spans)):
            a, b = spans[i]
            if a >= stop:
                return
            if b <= stop:
                yield a, b

    def search(self, doc: Document, start: int, end: int) -> bool:
        """Is there a match inside `doc.prose[start:end]`?"""
        return next(self.finditer(doc, start, end), None) is not None


_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")


def _crosses(text: str, prose: str, a: int, b: int) -> bool:
    """Does a match at prose[a:b] run across a paragraph break, or across text the prose hides (an
    HTML comment, a link's target)? A multi-word term's space matches white space, which is what a
    blank line or hidden markup leaves in the prose; such a match is not the term."""
    if "\n" in prose[a:b] and _PARAGRAPH_BREAK.search(prose, a, b):
        return True
    shown, source = prose[a:b], text[a:b]
    return shown != source and any(p != t and not t.isspace() for p, t in zip(shown, source))


def _matches(item: Compiled, doc: Document) -> list[tuple[int, int]]:
    """Non-empty match spans of one compiled item, exactly as `pattern.finditer(prose)` finds them."""
    scan = _scan(doc)
    text = scan.prose
    candidates: list[int] | None = None
    if item.is_terms:
        if item.first_words is not None:
            candidates = scan.candidates(item.plan)  # type: ignore[arg-type]
            if candidates == []:  # None (unsafe to index this text) means: scan it whole, below
                return []
            if candidates is not None and _documents <= SPLIT_TERM_LISTS_UNTIL:
                return _match_by_first_word(item, scan, candidates)
    elif item.lazy or _documents > 1:
        # A house pattern is read only once a process lints more than one document: on a single
        # article reading it costs more than it saves. A built-in pattern's literals are read
        # before it is compiled (and kept with the rule cache), so an absent one is never compiled.
        plan = None if item.limited else item.plan
        if plan is not None:
            candidates = scan.candidates(plan)
            if candidates == []:
                return []
        if not scan.may_contain(item.required):
            return []
    pattern = item.pattern
    if candidates is None:
        if item.limited:
            return [m.span() for m in pattern.finditer(text, timeout=USER_PATTERN_TIMEOUT) if m.end() > m.start()]
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


def _match_by_first_word(item: Compiled, scan: _Scan, candidates: list[int]) -> list[tuple[int, int]]:
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
        word = _WORD.match(low, p).group(0)  # type: ignore[union-attr]
        m = item.for_first_word(word).match(text, p)
        if m is not None and m.end() > p:
            out.append(m.span())
            pos = m.end()
    return out


def read_literals(matchers: Iterable[Matcher]) -> None:
    """Work out now each term list's regular expression and what its matches start with (see
    `Compiled.prefixes`), so that they pickle with the matcher (the rule cache) instead of being
    worked out again in every run."""
    for matcher in matchers:
        for item in matcher.items:
            if item.is_terms:
                item.regex, item.prefixes


def prepare(matchers: Iterable[Matcher]) -> None:
    """Ready a process for many documents: compile now what matching would compile on first use
    (term lists and built-in patterns the standard engine runs), so that worker processes forked
    from this one share it instead of each compiling it again."""
    global _documents
    _documents = max(_documents, SPLIT_TERM_LISTS_UNTIL + 1)
    for matcher in matchers:
        for item in matcher.items:
            if item.is_terms:
                item.pattern
            elif item.lazy and _compile_trusted(item.source[0], item.source[1]) is not None:
                item.pattern  # one that needs the `regex` module is left to first use
            if item.plan is not None and item.plan.known is not _known_words:
                item.plan.make_known()


# While a process has matched at most this many documents, a term list is matched with the small
# patterns of the first words a document holds (see `Compiled.for_first_word`); past it, with the
# list's whole pattern, compiled once and shared by every document.
SPLIT_TERM_LISTS_UNTIL = 1

_WORD = re.compile(r"\w+")
_NON_WORDS = re.compile(r"(\W+)")


_documents = 0  # documents this process has matched so far
_PROCESS_LOCAL = frozenset({"pattern", "plan"})  # `Compiled` values made on first use that never pickle
_ALL_WORDS = -2
_UNKNOWN: Any = object()
_slots: dict[tuple[Any, ...], int] = {}  # `Matcher.slot` by `Matcher.key`


def _scan(doc: Document) -> _Scan:
    """The document's matching state, made on first use."""
    scan = doc.__dict__.get("_scan")
    if scan is None:
        global _documents
        _documents += 1
        scan = doc.__dict__["_scan"] = _Scan(doc.prose)
    return scan  # type: ignore[no-any-return]


class _Scan:
    """What every matcher shares about one document's prose, each part worked out on first need:
    the lower-cased text, its words and where they stand, the candidates of each prefix list, the
    spans of each matcher."""

    __slots__ = ("prose", "low", "spans", "_candidates", "_contains", "_index", "_indexed", "_parts", "_offsets",
                 "_swept")

    def __init__(self, prose: str) -> None:
        self.prose = prose
        self.low = fold(prose)  # None when substring tests on the lower-cased text would be unsafe: scan instead
        self.spans: dict[int, list[tuple[int, int]]] = {}  # by `Matcher.slot`
        self._candidates: dict[int, list[int] | None] = {}  # by the id of a `_Plan` (kept by `_plan`)
        self._contains: dict[tuple[str, ...] | None, bool] = {}
        self._index: dict[str, list[int]] = {}
        self._indexed = -1  # the number of known words `_index` was made with; ALL_WORDS: every word
        self._swept = False  # the candidates of every plan `_sweep` holds have been found at once

    @property
    def index(self) -> dict[str, list[int]]:
        """Where each known word (see `_plan`) stands as a whole word (a maximal run of word
        characters) in the lower-cased prose: indices into `_parts`, by word. In the first
        document of a process, while words are still becoming known, every word."""
        if self._indexed != len(_known_words) and self._indexed != _ALL_WORDS:
            assert self.low is not None
            parts = self._parts = _NON_WORDS.split(self.low)  # words (maybe "") and the non-word runs between
            self._offsets = list(itertools.accumulate(map(len, parts), initial=0))
            index: dict[str, list[int]] = {}
            every = _documents <= 1
            known = _known_words
            for i in range(0, len(parts), 2):
                word = parts[i]
                if every or word in known:
                    found = index.get(word)
                    if found is None:
                        index[word] = [i]
                    else:
                        found.append(i)
            index.pop("", None)
            self._index, self._indexed = index, _ALL_WORDS if every else len(known)
        return self._index

    def candidates(self, plan: _Plan) -> list[int] | None:
        """Sorted offsets where a match starting with one of a plan's prefixes can start; None: scan instead.

        A prefix that starts where a word starts can only stand at a word of `index`: that word
        when the pattern closes it (and, given `Prefix.then`, only where the next word fits), else
        a word beginning with it. Any other prefix is searched for in the lower-cased prose.
        """
        out = self._candidates.get(id(plan), _UNKNOWN)
        if out is not _UNKNOWN:
            return out
        low = self.low
        if low is None:
            self._candidates[id(plan)] = None
            return None
        if plan.known is not _known_words:
            plan.make_known()
        if not self._swept and _documents > 1:  # (a process that lints one document gains nothing from it)
            self._swept = True
            self._sweep()
            out = self._candidates.get(id(plan), _UNKNOWN)
            if out is not _UNKNOWN:
                return out
        return self._plan_candidates(plan)

    def _plan_candidates(self, plan: _Plan) -> list[int]:
        """`candidates` of one plan, found on its own (a plan made known after this document's sweep)."""
        low = self.low
        assert low is not None
        index = self.index
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
            for word, text in plan.continued:
                found += [offsets[i] for i in index.get(word, ()) if low.startswith(text, offsets[i])]
            for text in plan.opening:
                found += _at_word_starts(low, text)
            for text in plan.anywhere:
                found += occurrences(low, text)
        out = self._candidates[id(plan)] = sorted(set(found)) if len(found) > 1 else found
        return out

    def _sweep(self) -> None:
        """The candidates of every plan made known so far, found in one pass: each indexed word is
        looked up once in `_sweep`, and each literal searched for once, whatever number of plans
        share them. What each plan gets is exactly what `_plan_candidates` finds for it."""
        sweep = _sweep
        if sweep.known is not _known_words or not sweep.plans:
            return
        sweep.arrange()
        low = self.low
        assert low is not None
        index = self.index
        parts, offsets = self._parts, self._offsets
        found: list[list[int]] = [[] for _ in sweep.plans]
        by_word = sweep.by_word
        last = len(parts) - 2
        for word, places in index.items():
            uses = by_word.get(word)
            if uses is None:
                continue
            whole, after, continued = uses
            if whole:
                starts = [offsets[i] for i in places]
                for k in whole:
                    found[k] += starts
            if after:  # the next word, after white space, must start with one of a plan's `then`
                for i in places:
                    if i < last and parts[i + 1].isspace():
                        nxt = parts[i + 2]
                        for k, then in after.get(nxt[:1], ()):
                            if nxt.startswith(then):
                                found[k].append(offsets[i])
            for k, text in continued:
                found[k] += [offsets[i] for i in places if low.startswith(text, offsets[i])]
        for (text, opening), users in sweep.texts.items():
            at = _at_word_starts(low, text) if opening else occurrences(low, text)
            if at:
                for k in users:
                    found[k] += at
        candidates = self._candidates
        for plan, hits in zip(sweep.plans, found):
            candidates[id(plan)] = sorted(set(hits)) if len(hits) > 1 else hits

    def may_contain(self, literals: tuple[str, ...] | None) -> bool:
        """Does the lower-cased prose contain one of `literals` (True when unknown)?"""
        try:
            return self._contains[literals]
        except KeyError:
            low = self.low
            found = self._contains[literals] = low is None or literals is None or any(lit in low for lit in literals)
            return found


def _at_word_starts(text: str, sub: str) -> list[int]:
    """Every offset where `sub` stands in `text` at the start of a word (or not after a word character)."""
    return [i for i in occurrences(text, sub) if i == 0 or not _is_word_char(text[i - 1])]


class _Plan:
    """How `_Scan.candidates` finds the candidates of a prefix list."""

    __slots__ = ("words", "followed", "continued", "opening", "anywhere", "others", "known")

    def __init__(self, prefixes: tuple[Prefix, ...]) -> None:
        words: set[str] = set()
        followed: dict[str, set[str]] = {}
        continued, opening, anywhere = [], [], []
        for prefix in prefixes:
            text = prefix.text
            lead = _WORD.match(text)
            if not prefix.word_start or lead is None:
                anywhere.append(text)
            elif lead.end() < len(text):
                continued.append((lead.group(0), text))
            elif not prefix.closed:
                opening.append(text)
            elif prefix.then is None:
                words.add(text)
            else:
                followed.setdefault(text, set()).update(prefix.then)
        self.words = frozenset(words)  # whole words
        self.followed = {w: tuple(sorted(t)) for w, t in followed.items() if w not in words}  # word -> next word starts
        self.continued = tuple(continued)  # (whole word, the prefix it starts)
        self.opening = tuple(opening)  # beginnings of words
        self.anywhere = tuple(anywhere)  # strings anywhere in the text
        self.others = bool(self.followed or self.continued or self.opening or self.anywhere)
        self.known: set[str] | None = None  # the `_known_words` its words were added to

    def make_known(self) -> None:
        """Add the whole words this plan looks up to the words `_Scan.index` records, and the plan to `_sweep`."""
        _known_words.update(self.words, self.followed, (word for word, _ in self.continued))
        self.known = _known_words
        _sweep.add(self)


class _Sweep:
    """Every plan made known in this process (see `_Plan.make_known`), arranged by what each looks up,
    so that `_Scan._sweep` finds the candidates of them all in one pass over a document."""

    def __init__(self, known: set[str]) -> None:
        self.known = known  # the `_known_words` these plans were made known to
        self.plans: list[_Plan] = []
        # By whole word: the plans that want it whole; the plans that want it followed by a word
        # starting with one of `then`, by the first letter of those (each with those of its `then`
        # that start with it); the plans that want it where a longer literal starts.
        self.by_word: dict[str, tuple[list[int], dict[str, list[tuple[int, tuple[str, ...]]]], list[tuple[int, str]]]] = {}
        self.texts: dict[tuple[str, bool], list[int]] = {}  # by (literal, at word starts only): plan numbers
        self.arranged = 0  # the plans arranged so far

    def add(self, plan: _Plan) -> None:
        global _sweep
        if self.known is not _known_words:  # the known words were started afresh (a test, say)
            _sweep = _Sweep(_known_words)
            _sweep.add(plan)
            return
        self.plans.append(plan)

    def arrange(self) -> None:
        """Arrange the plans added since the last time (on first need: a process that lints one document never needs it)."""
        while self.arranged < len(self.plans):
            self._arrange(self.arranged, self.plans[self.arranged])
            self.arranged += 1

    def _arrange(self, k: int, plan: _Plan) -> None:
        for word in plan.words:
            self._uses(word)[0].append(k)
        for word, then in plan.followed.items():
            after = self._uses(word)[1]
            for initial in sorted({t[:1] for t in then}):
                after.setdefault(initial, []).append((k, tuple(t for t in then if t[:1] == initial)))
        for word, text in plan.continued:
            self._uses(word)[2].append((k, text))
        for text in plan.opening:
            self.texts.setdefault((text, True), []).append(k)
        for text in plan.anywhere:
            self.texts.setdefault((text, False), []).append(k)

    def _uses(self, word: str) -> tuple[list[int], dict[str, list[tuple[int, tuple[str, ...]]]], list[tuple[int, str]]]:
        uses = self.by_word.get(word)
        if uses is None:
            uses = self.by_word[word] = ([], {}, [])
        return uses


_plan = functools.lru_cache(maxsize=None)(_Plan)  # one plan for equal prefix lists


# Every whole word some prefix list of this process looks for: the words `_Scan.index` records.
_known_words: set[str] = set()
_sweep = _Sweep(_known_words)


# Built-in patterns seen while `_recorded` is a set (see `literal_table`); literals read in an
# earlier run (the rule cache), by pattern: (required literals, literal prefixes).
_recorded: set[str] | None = None
_known_literals: dict[str, tuple[tuple[str, ...] | None, tuple[Prefix, ...] | None]] = {}


@contextlib.contextmanager
def recording() -> Iterator[set[str]]:
    """Collect the built-in patterns of the matchers built inside the block."""
    global _recorded
    outer, _recorded = _recorded, set()
    try:
        yield _recorded
    finally:
        _recorded = outer


def literal_table(patterns: Iterable[str]) -> dict[str, tuple[tuple[str, ...] | None, tuple[Prefix, ...] | None]]:
    """(required literals, literal prefixes) of each pattern, for the rule cache."""
    return {p: (required_literals(p), literal_prefixes(p)) for p in sorted(patterns)}


def learn_literals(table: Mapping[str, tuple[tuple[str, ...] | None, tuple[Prefix, ...] | None]]) -> None:
    """Use literals read in an earlier run instead of parsing those patterns again."""
    _known_literals.update(table)


def required_literals(pattern: str) -> tuple[str, ...] | None:
    """Lower-cased strings one of which every match of `pattern` contains, or None if unknown."""
    known = _known_literals.get(pattern)
    return known[0] if known is not None else _required_literals(pattern)


def literal_prefixes(pattern: str) -> tuple[Prefix, ...] | None:
    """Lower-cased literals one of which every match of `pattern` starts with, or None if unknown."""
    known = _known_literals.get(pattern)
    return known[1] if known is not None else _literal_prefixes(pattern)


@functools.lru_cache(maxsize=None)
def _parsed(pattern: str) -> tuple[Any, ...] | None:
    """The parsed items of `pattern` when its literals mean literals; None otherwise."""
    try:
        parsed = _sre_parse.parse(pattern)
    except Exception:  # syntax only the `regex` module knows: no shortcut
        return None
    if parsed.state.flags & ~(_sre.SRE_FLAG_UNICODE | _sre.SRE_FLAG_IGNORECASE | _sre.SRE_FLAG_MULTILINE):
        return None
    return tuple(parsed)


@functools.lru_cache(maxsize=None)
def _required_literals(pattern: str) -> tuple[str, ...] | None:
    items = _parsed(pattern)
    if items is None:
        return None
    found = _required(list(items))
    if not found or any(not lit.isascii() or not lit for lit in found):
        return None
    return tuple(sorted(lit.lower() for lit in found))


@functools.lru_cache(maxsize=None)
def _literal_prefixes(pattern: str) -> tuple[Prefix, ...] | None:
    items = _parsed(pattern)
    if items is None:
        return None
    found = _prefixes(list(items))
    if not found or any(not p[0] or not p[0].isascii() or p[3] is not None and not all(w.isascii() for w in p[3])
                        for p in found) or len(found) > _MAX_PREFIXES:
        return None
    return tuple(sorted({Prefix(text.lower(), start, closed, then) for text, start, closed, then in found}))


_MAX_PREFIXES = 200
_ZERO_WIDTH = (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT)
_REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT)


def _prefixes(items: list[Any], after: tuple[Any, ...] = (), word_start: bool | None = False
              ) -> set[tuple[str, bool, bool, tuple[str, ...] | None]]:
    """(literal, word start, closed, then) one of which every match of `items` starts with, where
    `after` is what follows `items` in the pattern (see `Prefix`). A literal "" means unknown.
    `word_start` is None when literals come before `items` (the word start is then theirs)."""
    strings = {""}
    for i, (op, av) in enumerate(items):
        begun = word_start is None or strings != {""}
        condition = None if begun else _condition(op, av)
        if condition is not None:  # a condition on the text before the match
            word_start = word_start or condition
            continue
        if op is _sre.LITERAL:
            strings = {s + chr(av) for s in strings}
            continue
        rest = tuple(items[i + 1:]) + after
        inner = None if begun else word_start
        if op is _sre.SUBPATTERN:
            tails = _prefixes(list(av[-1]), rest, inner)
        elif op is _sre.BRANCH:
            tails = set().union(*(_prefixes(list(alt), rest, inner) for alt in av[1]))
        elif op in _REPEATS and av[0] == 0 and av[1] == 1:  # optional: its start, or what follows
            tails = _prefixes(list(av[2]), rest, inner) | _prefixes(list(rest), (), inner)
        else:
            tails = {("", bool(word_start), *_closing(list(items[i:]) + list(after)))}
        if len(strings) * len(tails) > _MAX_PREFIXES:
            return {(s, bool(word_start), False, None) for s in strings}
        return {(s + t, bool(word_start) if s else start, closed, then if t or s.isalnum() else None)
                for s in strings for t, start, closed, then in tails}
    return {(s, bool(word_start), *_closing(list(after))) for s in strings}


def _closing(items: list[Any]) -> tuple[bool, tuple[str, ...] | None]:
    """What follows a literal: (`Prefix.closed`, `Prefix.then`), `then` for a literal that is one word."""
    if not _closed(items):
        return False, None
    if not items or not _is_space_run(*items[0]):
        return True, None
    following = _prefixes(list(items[1:]), (), None)
    words = set()
    for text, _, _, _ in following:
        lead = _WORD.match(text)
        if lead is None:
            return True, None
        words.add(lead.group(0).lower())
    return True, tuple(sorted(words))


def _is_space_run(op: Any, av: Any) -> bool:
    """`\\s` or `\\s+`."""
    if op in _REPEATS and av[0] >= 1 and len(av[2]) == 1:
        op, av = av[2][0]
    return op is _sre.IN and list(av) == [(_sre.CATEGORY, _sre.CATEGORY_SPACE)]


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _condition(op: Any, av: Any) -> bool | None:
    """For a zero-width item (an anchor, a lookaround, or a group or alternation of those, such as
    `(?:^|(?<=\\n))`): does it mean that a word character after it starts a word? None for any other item."""
    if op in _ZERO_WIDTH:
        return _opens_word(op, av)
    if op is _sre.BRANCH:
        alternatives = av[1]
    elif op is _sre.SUBPATTERN:
        alternatives = [av[-1]]
    else:
        return None
    opens = True
    for alternative in alternatives:
        conditions = [_condition(o, a) for o, a in alternative]
        if None in conditions:
            return None
        opens = opens and any(conditions)  # each alternative's conditions hold together
    return opens


def _opens_word(op: Any, av: Any) -> bool:
    """Does this zero-width condition mean that a word character after it starts a word?"""
    return _non_word_edge([(op, av)], at_end=True)


def _closed(items: list[Any]) -> bool:
    """Must a match of `items` begin with a non-word character, or stand where a word ends?"""
    return _non_word_edge(items, at_end=False)


# Anchors that stand where a word ends (before what follows them) or starts (after what comes before).
_WORD_EDGES = {False: (_sre.AT_BOUNDARY, _sre.AT_END, _sre.AT_END_STRING),
               True: (_sre.AT_BOUNDARY, _sre.AT_BEGINNING, _sre.AT_BEGINNING_STRING)}


def _non_word_edge(items: list[Any], at_end: bool) -> bool:
    """Must a match of `items` begin (`at_end`: end) with a non-word character or at a word boundary?

    Read from that edge inwards. Then a word before `items` ends where they begin (a word after them
    starts where they end). A lookaround at the edge that looks inwards counts too: `(?=\\s*,)` at the
    start, `(?<=,\\s*)` or `(?<![\\w-])` at the end; any other condition only narrows the matches, and
    is passed over.
    """
    inwards = -1 if at_end else 1  # the way a lookaround at the edge looks into `items`
    for i in range(len(items) - 1, -1, -1) if at_end else range(len(items)):
        op, av = items[i]
        if op is _sre.AT:
            if av in _WORD_EDGES[at_end]:
                return True
            continue
        if op in (_sre.ASSERT, _sre.ASSERT_NOT):
            if av[0] == inwards and (_non_word_edge(list(av[1]), at_end) if op is _sre.ASSERT
                                      else _any_word_char(list(av[1]))):
                return True
            continue
        if op is _sre.LITERAL:
            return not _is_word_char(chr(av))
        if op is _sre.IN:
            return _non_word_class(av)
        rest = list(items[:i]) if at_end else list(items[i + 1:])  # what lies further in

        def inner(first: Any) -> bool:
            return _non_word_edge(rest + list(first) if at_end else list(first) + rest, at_end)

        if op is _sre.SUBPATTERN:
            return inner(av[-1])
        if op is _sre.BRANCH:
            return all(inner(alt) for alt in av[1])
        if op in _REPEATS:
            return inner(av[2]) if av[0] >= 1 else inner(av[2]) and _non_word_edge(rest, at_end)
        return False
    return False  # the other edge: anything may lie beyond


def _any_word_char(items: list[Any]) -> bool:
    """Is `items` a character class that takes every word character (`[\\w...]`)?"""
    return len(items) == 1 and items[0][0] is _sre.IN and (_sre.CATEGORY, _sre.CATEGORY_WORD) in items[0][1]


def _non_word_class(av: Any) -> bool:
    """Does a character class `[...]` hold non-word characters only?"""
    return all(o is _sre.LITERAL and not _is_word_char(chr(a)) or o is _sre.CATEGORY and a in _NON_WORD_CATEGORIES
               for o, a in av)


_NON_WORD_CATEGORIES = (_sre.CATEGORY_SPACE, _sre.CATEGORY_NOT_WORD, _sre.CATEGORY_LINEBREAK)


def _required(items: list[Any]) -> set[str] | None:
    best: set[str] | None = None

    def consider(candidate: set[str] | None) -> None:
        nonlocal best
        if candidate and all(candidate) and (best is None or min(map(len, candidate)) > min(map(len, best))):
            best = candidate

    run: list[str] = []
    for op, av in items:
        if op is _sre.LITERAL:
            run.append(chr(av))
            continue
        consider({"".join(run)} if run else None)
        run = []
        if op is _sre.SUBPATTERN:
            if av[1] or av[2]:  # inline flags change what the literals mean
                return None
            consider(_required(list(av[-1])))
        elif op is _sre.BRANCH:
            alternatives = [_required(list(alt)) for alt in av[1]]
            if all(alternatives):
                consider(set().union(*alternatives))  # type: ignore[arg-type]
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT) and av[0] >= 1:
            consider(_required(list(av[2])))
    consider({"".join(run)} if run else None)
    return best


def is_proper_name(doc: Document, start: int, end: int, listed_lower: bool = False) -> bool:
    """A capitalized match that is a name or a title, not a word choice (see `names.is_name`).

    `listed_lower`: the match is a term its list writes in lower case, so a capital on it mid-sentence
    is the writer's mark of a name; otherwise (a month, a pattern) only capitalized neighbours are.
    """
    from newslint.names import is_name

    return is_name(doc, start, end, listed_lower)
