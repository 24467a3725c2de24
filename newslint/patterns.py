"""The one place regex text is assembled: word lists, user patterns, exceptions, proper names."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping

import regex

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
    normalized = sorted({" ".join(t.replace("’", "'").split()) for t in terms})
    if ignore_case:
        normalized = sorted({t.lower() for t in normalized})
    flags = re.IGNORECASE if ignore_case else 0
    return re.compile(_LEFT + "(?:" + _trie_regex(normalized) + ")" + _RIGHT, flags)


def user_pattern(pattern: str, where: Where, *, ignore_case: bool = True) -> regex.Pattern[str]:
    try:
        return regex.compile(pattern, regex.V0 | regex.MULTILINE | (regex.IGNORECASE if ignore_case else 0))
    except regex.error as exc:
        raise where.error(f"invalid regular expression {pattern!r}: {exc}") from None


MATCHER_OPTIONS: Mapping[str, Option] = {
    "terms": Option(strings, ()),
    "patterns": Option(strings, ()),
    "exceptions": Option(strings, ()),
    "ignore_case": Option(boolean, True),
    "proper_names": Option(boolean, False),
}


@dataclass(frozen=True)
class Matcher:
    """Finds terms and patterns in a document's prose, minus exceptions and proper names."""

    compiled: tuple[Any, ...]
    exceptions: Any | None
    match_proper_names: bool

    @classmethod
    def build(cls, spec: Mapping[str, Any], where: Where, *, extra_terms: Iterable[str] = (),
              extra_patterns: Iterable[str] = ()) -> Matcher:
        ignore_case = spec.get("ignore_case", True)
        terms = list(spec.get("terms", ())) + list(extra_terms)
        compiled: list[Any] = []
        if terms:
            compiled.append(term_pattern(terms, ignore_case=ignore_case))
        for i, p in enumerate(list(spec.get("patterns", ())) + list(extra_patterns)):
            compiled.append(user_pattern(p, where.child(f"patterns[{i}]"), ignore_case=ignore_case))
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
        for pattern in self.compiled:
            if isinstance(pattern, re.Pattern):
                hits.extend(m.span() for m in pattern.finditer(text, start, stop) if m.end() > m.start())
            else:
                hits.extend(m.span() for m in pattern.finditer(text, start, stop, timeout=USER_PATTERN_TIMEOUT)
                            if m.end() > m.start())
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
