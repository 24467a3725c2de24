"""The one place regex text is assembled: word lists, user patterns, exceptions, proper names."""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping

import regex

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


def user_pattern(pattern: str, where: Where, *, ignore_case: bool = True) -> regex.Pattern[str]:
    try:
        return _compile_user(pattern, ignore_case)
    except regex.error as exc:
        raise where.error(f"invalid regular expression {pattern!r}: {exc}") from None


@functools.lru_cache(maxsize=None)
def _compile_user(pattern: str, ignore_case: bool) -> regex.Pattern[str]:
    """Compiled once per process: rules sharing a lexicon share its patterns."""
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
    """

    pattern: Any
    is_terms: bool
    first_words: frozenset[str] | None = None


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
    return Compiled(term_pattern(terms, ignore_case=ignore_case), True,
                    _first_words(" ".join(t.replace("’", "'").split()) for t in terms))


def _user(pattern: str, where: Where, ignore_case: bool) -> Compiled:
    return Compiled(user_pattern(pattern, where, ignore_case=ignore_case), False)


@dataclass(frozen=True)
class Matcher:
    """Finds terms and patterns in a document's prose, minus exceptions and proper names."""

    compiled: tuple[Compiled, ...]
    exceptions: Any | None
    match_proper_names: bool

    @classmethod
    def build(cls, spec: Mapping[str, Any], where: Where, *, extra_terms: Iterable[str] = (),
              extra_patterns: Iterable[str] = ()) -> Matcher:
        ignore_case = spec.get("ignore_case", True)
        terms = list(spec.get("terms", ())) + list(extra_terms)
        compiled: list[Compiled] = []
        if terms:
            compiled.append(_terms(terms, ignore_case))
        for i, p in enumerate(list(spec.get("patterns", ())) + list(extra_patterns)):
            compiled.append(_user(p, where.child(f"patterns[{i}]"), ignore_case))
        if not compiled:
            raise where.error("needs at least one of 'terms' or 'patterns'")
        exceptions = spec.get("exceptions", ())
        exc = term_pattern(exceptions, ignore_case=True) if exceptions else None
        return cls(tuple(compiled), exc, bool(spec.get("proper_names", False)))

    def finditer(self, doc: Document, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
        """(start, end) of every match in `doc.prose[start:end]`, in order, exceptions removed."""
        text = doc.prose
        stop = len(text) if end is None else end
        hits: list[tuple[int, int]] = []
        for item in self.compiled:
            hits.extend(_matches(item, doc, start, stop))
        if not hits:
            return
        hits.sort()
        blocked = _spans(self.exceptions, text, start, stop) if self.exceptions else []
        for a, b in hits:
            while a < b and text[a].isspace():  # a pattern's span never starts or ends in white space
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if a == b:
                continue
            if any(x <= a and b <= y for x, y in blocked):
                continue
            if not self.match_proper_names and is_proper_name(doc, a, b):
                continue
            yield a, b

    def search(self, doc: Document, start: int, end: int) -> bool:
        return next(self.finditer(doc, start, end), None) is not None


def _matches(item: Compiled, doc: Document, start: int, stop: int) -> list[tuple[int, int]]:
    """Non-empty match spans of one compiled item, exactly as `finditer(text, start, stop)` finds them."""
    text = doc.prose
    if item.is_terms:
        if item.first_words is None:
            return [m.span() for m in item.pattern.finditer(text, start, stop) if m.end() > m.start()]
        candidates = _candidates(doc, item)
        if candidates is None:
            return [m.span() for m in item.pattern.finditer(text, start, stop) if m.end() > m.start()]
        out = []
        pos = start
        match = item.pattern.match
        for i in range(bisect.bisect_left(candidates, start), len(candidates)):
            p = candidates[i]
            if p >= stop:
                break
            if p < pos:
                continue
            m = match(text, p, stop)
            if m is not None and m.end() > p:
                out.append(m.span())
                pos = m.end()
        return out
    if _documents > 1 and not _may_contain(doc, item):
        return []
    return [m.span() for m in item.pattern.finditer(text, start, stop, timeout=USER_PATTERN_TIMEOUT)
            if m.end() > m.start()]


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


def _words(doc: Document) -> frozenset[str]:
    cache = _cache(doc)
    if "words" not in cache:
        low = _lowered(doc)
        cache["words"] = frozenset(_WORD.findall(low)) if low is not None else frozenset()
    return cache["words"]  # type: ignore[no-any-return]


def _candidates(doc: Document, item: Compiled) -> list[int] | None:
    """Sorted offsets where one of a term list's first words occurs; None: scan instead."""
    cache = _cache(doc)
    key = ("candidates", item.first_words)  # rules sharing a word list share its candidates
    if key not in cache:
        low = _lowered(doc)
        out: list[int] | None = None
        if low is not None and item.first_words is not None:
            out = []
            for word in item.first_words & _words(doc):
                i = low.find(word)
                while i >= 0:
                    out.append(i)
                    i = low.find(word, i + 1)
            out.sort()
        cache[key] = out
    return cache[key]  # type: ignore[no-any-return]


def _may_contain(doc: Document, item: Compiled) -> bool:
    cache = _cache(doc)
    literals = required_literals(item.pattern.pattern)
    key = ("contains", literals)
    if key not in cache:
        low = _lowered(doc)
        cache[key] = low is None or literals is None or any(lit in low for lit in literals)
    return cache[key]  # type: ignore[no-any-return]


@functools.lru_cache(maxsize=None)
def required_literals(pattern: str) -> tuple[str, ...] | None:
    """Lower-cased strings one of which every match of `pattern` contains, or None if unknown."""
    try:
        parsed = _sre_parse.parse(pattern)
    except Exception:  # syntax only the `regex` module knows: no shortcut
        return None
    if parsed.state.flags & ~(_sre.SRE_FLAG_UNICODE | _sre.SRE_FLAG_IGNORECASE | _sre.SRE_FLAG_MULTILINE):
        return None
    found = _required(list(parsed))
    if not found or any(not lit.isascii() or not lit for lit in found):
        return None
    return tuple(sorted(lit.lower() for lit in found))


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


def _spans(pattern: re.Pattern[str], text: str, start: int, stop: int) -> list[tuple[int, int]]:
    # Exceptions may extend a little beyond the searched window ("record label" around "record").
    lo, hi = max(0, start - 60), min(len(text), stop + 60)
    return [m.span() for m in pattern.finditer(text, lo, hi)]


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
