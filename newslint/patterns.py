"""The one place regex text is assembled: word lists, user patterns, exceptions, proper names."""
from __future__ import annotations

import bisect
import contextlib
import functools
import itertools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping

try:  # the standard library's own parser, used only to read literals out of patterns
    import re._constants as _sre
    import re._parser as _sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

from newslint.schema import Option, Where, boolean, strings

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


@functools.lru_cache(maxsize=None)
def _term_pattern(terms: tuple[str, ...], ignore_case: bool) -> re.Pattern[str]:
    normalized = sorted({" ".join(t.replace("’", "'").split()) for t in terms})
    if ignore_case:
        normalized = sorted({t.lower() for t in normalized})
    flags = re.IGNORECASE if ignore_case else 0
    return re.compile(_LEFT + "(?:" + _trie_regex(normalized) + ")" + _RIGHT, flags)


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
    except regex.error as exc:
        raise where.error(f"invalid regular expression {pattern!r}: {exc}") from None


@functools.lru_cache(maxsize=None)
def _compile_trusted(pattern: str, ignore_case: bool) -> re.Pattern[str] | None:
    try:
        return re.compile(pattern, re.MULTILINE | (re.IGNORECASE if ignore_case else 0))
    except re.error:  # syntax only the `regex` module knows
        return None


@functools.lru_cache(maxsize=None)
def _compile_user(pattern: str, ignore_case: bool) -> Any:
    """Compiled once per process: rules sharing a lexicon share its patterns (a `regex.Pattern`)."""
    import regex

    return regex.compile(pattern, regex.V0 | regex.MULTILINE | (regex.IGNORECASE if ignore_case else 0))


MATCHER_OPTIONS: Mapping[str, Option] = {
    "terms": Option(strings, ()),
    "patterns": Option(strings, ()),
    "exceptions": Option(strings, ()),
    "ignore_case": Option(boolean, True),
    "proper_names": Option(boolean, False),
}


@dataclass(frozen=True)
class Compiled:
    """One compiled term list or user pattern, with what a document must contain for it to match.

    `first_words`: a term list matches only where a word (a maximal run of word characters) equal,
    case-insensitively, to one of these starts; the pattern is tried only there.
    A user pattern matches only in a document whose lower-cased prose contains one of its
    `required_literals` (worked out once a process lints more than one document: for a single
    article reading the pattern costs more than it saves). None means no such shortcut.
    A term list's pattern is compiled on first use (it is built here from escaped words, so it
    cannot be invalid): an article without any of its first words never needs it.
    """

    source: Any  # a compiled house pattern, or the (terms, ignore_case) of a term list or built-in pattern
    is_terms: bool
    first_words: frozenset[str] | None = None
    limited: bool = False  # a house rule's pattern: run by `regex` with USER_PATTERN_TIMEOUT
    lazy: bool = False  # a built-in rule's pattern: compiled on first use, never if its literals are absent
    where: Where | None = None  # where a lazy pattern was written

    @functools.cached_property
    def pattern(self) -> Any:
        if self.is_terms:
            return _term_pattern(*self.source)
        if self.lazy:
            assert self.where is not None
            return user_pattern(self.source[0], self.where, ignore_case=self.source[1], trusted=True)
        return self.source

    @functools.cached_property
    def by_first_word(self) -> dict[str, tuple[str, ...]]:
        """A term list's terms grouped by their first word (as in `first_words`)."""
        groups: dict[str, list[str]] = {}
        for term in self.source[0]:
            m = _WORD.match(" ".join(term.replace("’", "'").split()))
            assert m is not None  # `first_words` is None otherwise, and this is never asked
            groups.setdefault(m.group(0).lower(), []).append(term)
        return {word: tuple(terms) for word, terms in groups.items()}

    def for_first_word(self, word: str) -> re.Pattern[str]:
        """The pattern of the terms starting with `word`: at an offset where that word starts it
        matches exactly what the whole list's pattern matches, and it compiles in a fraction of the time."""
        return _term_pattern(self.by_first_word[word], self.source[1])

    @property
    def text(self) -> str:
        """A user pattern's regular expression as written."""
        return self.source[0] if self.lazy else self.source.pattern  # type: ignore[no-any-return]


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
    first_words = _first_words(" ".join(t.replace("’", "'").split()) for t in terms)
    if first_words is not None:
        _known(first_words)
    return Compiled((tuple(terms), ignore_case), True, first_words)


def _user(pattern: str, where: Where, ignore_case: bool, trusted: bool) -> Compiled:
    """A built-in (trusted) pattern compiles on first use; a house pattern now, so that an invalid
    one is an error at load naming its file and key."""
    if trusted:
        if _recorded is not None:
            _recorded.add(pattern)
        return Compiled((pattern, ignore_case), False, lazy=True, where=where)
    return Compiled(user_pattern(pattern, where, ignore_case=ignore_case), False, limited=True)


@dataclass(frozen=True, eq=False)
class Matcher:
    """Finds terms and patterns in a document's prose, minus exceptions and proper names.

    A matcher's spans in a document are found once, over the whole prose, and kept with the
    document; `finditer` over a window and `search` read them by bisection.
    """

    compiled: tuple[Compiled, ...]
    exceptions: Compiled | None  # a term list
    match_proper_names: bool

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
        cache = _cache(doc)
        key = self.key
        found = cache.get(key)
        if found is None:
            found = cache[key] = self._find(doc)
        return found  # type: ignore[no-any-return]

    def _find(self, doc: Document) -> list[tuple[int, int]]:
        text = doc.prose
        hits: list[tuple[int, int]] = []
        for item in self.compiled:
            hits.extend(_matches(item, doc))
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
            if a == b:
                continue
            if blocked and any(x <= a and b <= y for x, y in blocked):
                continue
            if not self.match_proper_names and is_proper_name(doc, a, b):
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


def _matches(item: Compiled, doc: Document) -> list[tuple[int, int]]:
    """Non-empty match spans of one compiled item, exactly as `pattern.finditer(prose)` finds them."""
    text = doc.prose
    candidates: list[int] | None = None
    if item.is_terms:
        if item.first_words is not None:
            candidates = _word_candidates(doc, item.first_words)
            if candidates == []:  # None (unsafe to index this text) means: scan it whole, below
                return []
            if candidates is not None and _documents <= SPLIT_TERM_LISTS_UNTIL:
                return _match_by_first_word(item, doc)
    elif item.lazy or _documents > 1:
        # A house pattern is read only once a process lints more than one document: on a single
        # article reading it costs more than it saves. A built-in pattern's literals are read
        # before it is compiled (and kept with the rule cache), so an absent one is never compiled.
        if not _may_contain(doc, item):
            return []
        if not item.limited:
            prefixes = literal_prefixes(item.text)
            if prefixes is not None:
                candidates = _prefix_candidates(doc, prefixes)
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


def _match_by_first_word(item: Compiled, doc: Document) -> list[tuple[int, int]]:
    """`_matches` of a term list, each candidate tried with the pattern of its own first word only.

    A term matches only where its first word stands as a whole word, so at a candidate the terms
    starting with another word cannot match, and leaving them out changes nothing that matches.
    """
    assert item.first_words is not None
    index = _word_index(doc, _known(item.first_words))
    assert index is not None  # there are candidates
    starts = sorted((p, word) for word in item.first_words & index.keys() for p in index[word])
    text = doc.prose
    out = []
    pos = 0
    for p, word in starts:
        if p < pos:
            continue
        m = item.for_first_word(word).match(text, p)
        if m is not None and m.end() > p:
            out.append(m.span())
            pos = m.end()
    return out


# While a process has matched at most this many documents, a term list is matched with the small
# patterns of the first words a document holds (see `Compiled.for_first_word`); past it, with the
# list's whole pattern, compiled once and shared by every document.
SPLIT_TERM_LISTS_UNTIL = 1

_WORD = re.compile(r"\w+")
# Characters that match an ASCII letter under case-insensitive matching although their lower case
# is not that letter (long s, dotless i, dotted I, Kelvin and Angstrom signs, ligatures, sharp s).
_ODD_CASE = frozenset("\u017f\u0131\u0130\u212a\u212b\ufb05\ufb06\u1e9e\u00df\u1e9b")


_documents = 0  # documents this process has matched so far


def _cache(doc: Document) -> dict[Any, Any]:
    """Per-document memo of what every matcher shares: lower-cased prose, its words, candidates."""
    cache = doc.__dict__.get("_match_cache")
    if cache is None:
        global _documents
        _documents += 1
        cache = doc.__dict__["_match_cache"] = {}
    return cache  # type: ignore[no-any-return]


def _lowered(doc: Document) -> str | None:
    """The lower-cased prose (same offsets), or None when substring tests on it would be unsafe."""
    cache = _cache(doc)
    if "lowered" not in cache:
        text = doc.prose
        low: str | None = text.lower()
        if not text.isascii() and (len(low) != len(text) or not _ODD_CASE.isdisjoint(text)):  # type: ignore[arg-type]
            low = None
        cache["lowered"] = low
    return cache["lowered"]  # type: ignore[no-any-return]


# Every first word of every term list built or used in this process: the words the index records.
_first_word_lists: set[frozenset[str]] = set()
_first_word_union: frozenset[str] = frozenset()
_NON_WORDS = re.compile(r"(\W+)")


def _known(first_words: frozenset[str]) -> frozenset[str]:
    """Add a term list's first words to those the word index records; all of them."""
    global _first_word_union
    if first_words not in _first_word_lists:
        _first_word_lists.add(first_words)
        _first_word_union = _first_word_union | first_words
    return _first_word_union


def _word_index(doc: Document, known: frozenset[str]) -> dict[str, list[int]] | None:
    """Offsets of the whole words of the lower-cased prose that are in `known`; None: see `_lowered`."""
    cache = _cache(doc)
    entry = cache.get("words")
    if entry is None or entry[0] is not known:
        low = _lowered(doc)
        index: dict[str, list[int]] | None = None
        if low is not None:
            index = {}
            parts = _NON_WORDS.split(low)  # words (maybe "") and the runs of non-word characters between
            offsets = list(itertools.accumulate(map(len, parts), initial=0))
            for i in range(0, len(parts), 2):
                word = parts[i]
                if word in known:
                    found = index.get(word)
                    if found is None:
                        index[word] = [offsets[i]]
                    else:
                        found.append(offsets[i])
        entry = cache["words"] = (known, index)
    return entry[1]  # type: ignore[no-any-return]


def _word_candidates(doc: Document, first_words: frozenset[str]) -> list[int] | None:
    """Sorted offsets where a word of a term list's `first_words` starts; None: scan instead.

    A term list matches only at the start of a whole word equal to its first word (its pattern
    requires a word boundary on both sides of that word), so no other offset can start a match.
    """
    cache = _cache(doc)
    key = ("candidates", first_words)  # rules sharing a word list share its candidates
    if key not in cache:
        index = _word_index(doc, _known(first_words))  # known here if unpickled
        out: list[int] | None = None
        if index is not None:
            out = []
            for word in first_words & index.keys():
                out += index[word]
            out.sort()
        cache[key] = out
    return cache[key]  # type: ignore[no-any-return]


def _prefix_candidates(doc: Document, prefixes: tuple[str, ...]) -> list[int] | None:
    """Sorted offsets where the lower-cased prose starts with one of `prefixes`; None: scan instead."""
    cache = _cache(doc)
    key = ("prefixes", prefixes)
    if key not in cache:
        low = _lowered(doc)
        out: list[int] | None = None
        if low is not None:
            out = []
            for prefix in prefixes:
                i = low.find(prefix)
                while i >= 0:
                    out.append(i)
                    i = low.find(prefix, i + 1)
            out.sort()
        cache[key] = out
    return cache[key]  # type: ignore[no-any-return]


def _may_contain(doc: Document, item: Compiled) -> bool:
    cache = _cache(doc)
    literals = required_literals(item.text)
    key = ("contains", literals)
    if key not in cache:
        low = _lowered(doc)
        cache[key] = low is None or literals is None or any(lit in low for lit in literals)
    return cache[key]  # type: ignore[no-any-return]


# Built-in patterns seen while `_recorded` is a set (see `literal_table`); literals read in an
# earlier run (the rule cache), by pattern: (required literals, literal prefixes).
_recorded: set[str] | None = None
_known_literals: dict[str, tuple[tuple[str, ...] | None, tuple[str, ...] | None]] = {}


@contextlib.contextmanager
def recording() -> Iterator[set[str]]:
    """Collect the built-in patterns of the matchers built inside the block."""
    global _recorded
    outer, _recorded = _recorded, set()
    try:
        yield _recorded
    finally:
        _recorded = outer


def literal_table(patterns: Iterable[str]) -> dict[str, tuple[tuple[str, ...] | None, tuple[str, ...] | None]]:
    """(required literals, literal prefixes) of each pattern, for the rule cache."""
    return {p: (required_literals(p), literal_prefixes(p)) for p in sorted(patterns)}


def learn_literals(table: Mapping[str, tuple[tuple[str, ...] | None, tuple[str, ...] | None]]) -> None:
    """Use literals read in an earlier run instead of parsing those patterns again."""
    _known_literals.update(table)


def required_literals(pattern: str) -> tuple[str, ...] | None:
    """Lower-cased strings one of which every match of `pattern` contains, or None if unknown."""
    known = _known_literals.get(pattern)
    return known[0] if known is not None else _required_literals(pattern)


def literal_prefixes(pattern: str) -> tuple[str, ...] | None:
    """Lower-cased strings one of which every match of `pattern` starts with, or None if unknown."""
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
def _literal_prefixes(pattern: str) -> tuple[str, ...] | None:
    items = _parsed(pattern)
    if items is None:
        return None
    found = _prefixes(list(items))
    if not found or "" in found or len(found) > _MAX_PREFIXES or not all(p.isascii() for p in found):
        return None
    lowered = sorted({p.lower() for p in found})
    # A prefix that starts with another adds no offsets.
    return tuple(p for p in lowered if not any(p != q and p.startswith(q) for q in lowered))


_MAX_PREFIXES = 200
_ZERO_WIDTH = (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT)


def _prefixes(items: list[Any]) -> set[str]:
    """Literal strings one of which every match of the sequence `items` starts with ("": unknown)."""
    out = {""}
    for op, av in items:
        if op in _ZERO_WIDTH:  # a condition on the text around, not part of the match
            continue
        if op is _sre.LITERAL:
            out = {s + chr(av) for s in out}
            continue
        if op is _sre.SUBPATTERN:
            tails = _prefixes(list(av[-1]))
        elif op is _sre.BRANCH:
            tails = set().union(*(_prefixes(list(alt)) for alt in av[1]))
        else:
            tails = {""}
        if len(out) * len(tails) > _MAX_PREFIXES:
            return out
        return {s + t for s in out for t in tails}
    return out


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


_CAP_WORD_BEFORE = re.compile(r"([A-Z][\w'’.-]*)[ \t]+$")
_CAP_WORD_AFTER = re.compile(r"^[ \t]+(?:of[ \t]+(?:the[ \t]+)?)?([A-Z][\w'’-]*)")


def is_proper_name(doc: Document, start: int, end: int) -> bool:
    """A capitalized match inside a run of capitalized words mid-sentence: a name, not a word choice."""
    text = doc.prose
    if not text[start:start + 1].isupper():
        return False
    if text[start:end].isupper() and end - start > 1:
        return False  # ALL-CAPS emphasis is still the word
    index = doc.sentence_index(start)
    sentence_initial = index >= 0 and doc.sentences[index].start >= start - 2 and \
        not text[doc.sentences[index].start:start].strip(" \"“‘'(")
    after = _CAP_WORD_AFTER.match(text, end, min(len(text), end + 40))
    if sentence_initial:
        return False
    before = _CAP_WORD_BEFORE.search(text, max(0, start - 40), start)
    return bool(after or before)
