"""The one place regex text is assembled, and the trust boundary: term lists become one pattern
(word boundaries, case, escaping, longest first); a rule's own pattern compiles with `re` when it is a
built-in (trusted) one, else with `regex` and a time limit (`user_pattern`)."""
from __future__ import annotations

import functools
import re
from typing import Any, Iterable, Iterator, Mapping

from newslint.cache import programs
from newslint.schema import Option, Where, boolean, shown, strings

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
    return term_pattern_of(tuple(terms), ignore_case)


def term_pattern_of(terms: tuple[str, ...], ignore_case: bool) -> re.Pattern[str]:
    return compile_terms(term_regex(terms, ignore_case), ignore_case)


@functools.lru_cache(maxsize=None)
def term_regex(terms: tuple[str, ...], ignore_case: bool) -> str:
    """The regular expression of a term list (writing it out takes a while for a long list)."""
    normalized = sorted({spaced(t) for t in terms})
    if ignore_case:
        normalized = sorted({t.lower() for t in normalized})
    return _LEFT + "(?:" + _trie_regex(normalized) + ")" + _RIGHT


@functools.lru_cache(maxsize=None)
def compile_terms(regex: str, ignore_case: bool) -> re.Pattern[str]:
    """Compiled once per process: rules sharing a lexicon share its pattern."""
    return programs.compile(regex, re.IGNORECASE if ignore_case else 0)


def user_pattern(pattern: str, where: Where, *, ignore_case: bool = True, trusted: bool = False) -> Any:
    """A rule's own regular expression, compiled once per process; invalid syntax is a RuleError.

    The trust boundary: a `trusted` pattern (a built-in rule: shipped, tested, fuzzed) compiles with
    the standard library's `re` whenever `re` accepts it (else with `regex`, e.g. for a lookbehind of
    variable width) and runs without a time limit. Any other pattern (house rules from `--rules` or a
    configuration's `rules:` folders) compiles with `regex` and runs with a time limit, so a runaway
    pattern cannot hang a run.
    """
    if trusted:
        compiled = compile_trusted(pattern, ignore_case)
        if compiled is not None:
            return compiled
    import regex  # house rules and built-in patterns only `regex` knows: a plain run never needs it

    try:
        return _compile_user(body_first(pattern) if trusted else pattern, ignore_case)
    except Exception as exc:  # noqa: BLE001 - regex.error, and flags at odds raise ValueError or KeyError
        detail = exc if isinstance(exc, regex.error) else f"flags at odds or unknown ({type(exc).__name__})"
        raise where.error(f"invalid regular expression {shown(pattern)}: {detail}") from None


@functools.lru_cache(maxsize=None)
def compile_trusted(pattern: str, ignore_case: bool) -> re.Pattern[str] | None:
    try:
        return programs.compile(pattern, re.MULTILINE | (re.IGNORECASE if ignore_case else 0))
    except re.error:  # syntax only the `regex` module knows
        return None


def regex_program(compiled: Any) -> tuple[str, tuple[Any, ...]]:
    """What the `regex` module builds a compiled pattern from (what it pickles: the program, not the
    pattern to parse again), with the module's version."""
    import regex

    return regex.__version__, compiled._pickled_data


def from_regex_program(program: tuple[str, tuple[Any, ...]]) -> Any | None:
    """The pattern a `regex_program` stands for, without parsing it again; None when the `regex`
    module is not the one that made it, or refuses it (the pattern is then compiled again)."""
    import regex
    from regex import _regex

    version, data = program
    if version != regex.__version__:
        return None
    try:
        return _regex.compile(*data)
    except Exception:  # noqa: BLE001 - a program this build of the module does not take
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



def spaced(term: str) -> str:
    """A term as its pattern reads it: one space between words, one kind of apostrophe."""
    return " ".join(term.replace("’", "'").split())



WORD = programs.compile(r"\w+")


def body_first(pattern: str) -> str:
    """`pattern`, when it opens with look-behinds, written to try what follows them first: `(?<!A)B` as
    `(?=B)(?<!A)B`. Both find the same matches (two zero-width tests at one place, in either order), but a
    look-behind of variable width, which only `regex` runs, reaches back many characters each time it is
    tried: first it was tried wherever the search went, now only where B matches. Left as written when
    nothing follows the look-behinds, or B holds a group (copied, it would be numbered twice), a
    reference to one, or an alternative at its top level."""
    end = 0
    while pattern.startswith(("(?<!", "(?<="), end):
        close = _group_end(pattern, end)
        if close is None:
            return pattern
        end = close
    rest = pattern[end:]
    if not end or not rest or not _plain(rest):
        return pattern
    return f"(?={rest}){pattern[:end]}{rest}"


def _group_end(pattern: str, start: int) -> int | None:
    """The offset just after the group that opens at `start`."""
    depth = 0
    for i, token in _syntax(pattern, start):
        if token == "(":
            depth += 1
        elif token == ")":
            depth -= 1
            if depth == 0:
                return i + 1
    return None


def _plain(body: str) -> bool:
    """Does `body` hold no capturing group, no reference to one and no "|" outside every group?"""
    depth = 0
    for i, token in _syntax(body, 0):
        if token.startswith("\\") and (token[1:].isdigit() or token[1:] in ("g", "k")):
            return False
        if token == "(":
            if not body.startswith("?", i + 1) or body.startswith(("?P<", "?P=", "?<", "?'", "?&", "?R", "?|"), i + 1) \
                    and not body.startswith(("?<!", "?<="), i + 1):
                return False
            depth += 1
        elif token == ")":
            depth -= 1
        elif token == "|" and depth == 0:
            return False
    return True


def _syntax(pattern: str, start: int) -> Iterator[tuple[int, str]]:
    """Each character of `pattern` from `start` outside its character classes, with its offset; an escape
    as one token ("\\(" is no group)."""
    i, n = start, len(pattern)
    while i < n:
        if pattern[i] == "\\":
            yield i, pattern[i:i + 2]
            i += 2
        elif pattern[i] == "[":
            i = _class_end(pattern, i)
        else:
            yield i, pattern[i]
            i += 1


def _class_end(pattern: str, start: int) -> int:
    """The offset just after the character class that opens at `start` ("[]...]" and "[^]...]" hold a "]")."""
    i = start + 1
    if pattern.startswith("^", i):
        i += 1
    if pattern.startswith("]", i):
        i += 1
    while i < len(pattern) and pattern[i] != "]":
        i += 2 if pattern[i] == "\\" else 1
    return i + 1
