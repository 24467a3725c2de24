"""Rule kinds: the matching logic a rule's `kind:` key names. One module per kind."""
from __future__ import annotations

import functools
from typing import Any, ClassVar, Iterable, Mapping, NamedTuple, Protocol, cast

from newslint.document import Document, Scope
from newslint.matching.matcher import Matcher
from newslint.matching.patterns import user_pattern
from newslint.schema import Option, Where, boolean, strings


class Hit(NamedTuple):
    """What a kind reports: a span of the original text, suggestions, and fields for the message."""

    start: int
    end: int
    suggestions: tuple[str, ...] = ()
    fields: Mapping[str, str] = {}


class Fix(NamedTuple):
    """What a kind would write in place of flagged words ("" deletes them); `safe` fixes are applied
    by --fix, the others only with --unsafe-fixes (see `fixes`)."""

    replacement: str
    safe: bool


class Rewrite(NamedTuple):
    """An `existence` rule's fix: when `pattern` matches the whole flagged text, `replacement` (a
    template: \\1 for a group) is written instead. Compiled on first use (with the `regex` module,
    under a time limit), so that a run without fixes never loads it."""

    pattern: str
    ignore_case: bool
    replacement: str
    safe: bool

    def fix(self, matched: str) -> Fix | None:
        m = _rewrite_pattern(self.pattern, self.ignore_case).fullmatch(matched, timeout=1.0)
        return Fix(m.expand(self.replacement), self.safe) if m else None


@functools.lru_cache(maxsize=None)
def _rewrite_pattern(pattern: str, ignore_case: bool) -> Any:
    import regex

    return regex.compile(pattern, regex.V0 | (regex.IGNORECASE if ignore_case else 0))


class Lexicon(NamedTuple):
    """A shared word list (rules/_lexicons/<name>.yaml), e.g. the attribution markers."""

    name: str
    terms: tuple[str, ...]
    patterns: tuple[str, ...]
    path: str = ""  # the file it was read from
    builtin: bool = True  # shipped with newslint; a house lexicon's patterns run under the time limit


class BuildContext(NamedTuple):
    lexicons: Mapping[str, Lexicon] = {}  # never changed: shared by contexts made without lexicons
    builtin: bool = False  # building a built-in rule: its patterns are trusted (see patterns.user_pattern)

    def lexicon(self, name: str, where: Where) -> Lexicon:
        try:
            return self.lexicons[name]
        except KeyError:
            known = ", ".join(sorted(self.lexicons)) or "none"
            raise where.error(f"unknown lexicon {name!r} (known: {known})") from None

    def word_list(self, spec: Mapping[str, Any], where: Where) -> Matcher:
        """A matcher for a WORD_LIST_OPTIONS mapping: its terms and patterns plus its lexicons'.

        Evidence such as attribution markers counts wherever it stands, capitalized names included.
        """
        terms, patterns = list(spec["terms"]), list(spec["patterns"])
        trusted = self.builtin
        for name in spec["lexicon"]:
            lexicon = self.lexicon(name, where.child("lexicon"))
            terms += lexicon.terms
            patterns += lexicon.patterns
            if not lexicon.builtin:  # house data, whatever its name: checked against its own file, and
                trusted = False  # every pattern of the list then runs under the time limit
                for i, pattern in enumerate(lexicon.patterns):
                    user_pattern(pattern, Where(lexicon.path, f"patterns[{i}]"), ignore_case=spec["ignore_case"])
        return Matcher.build({"terms": terms, "patterns": patterns, "ignore_case": spec["ignore_case"],
                              "proper_names": True}, where, trusted=trusted)


# Options of a word list that may draw on shared lexicons (a `requires` companion, an `absent` expectation).
WORD_LIST_OPTIONS: Mapping[str, Option] = {
    "terms": Option(strings, ()),
    "patterns": Option(strings, ()),
    "lexicon": Option(strings, ()),
    "ignore_case": Option(boolean, True),
}


class Kind(Protocol):
    """What the engine knows of a kind: its name and options, the scopes it reads by default, the
    fields its messages may use, how a rule's options build it, what it finds in a document (hits),
    the matchers it holds (compiled ahead of forking workers), when `fixable`, and its `fix`. (Where
    in a story its findings stand, by the writer's voice, is the rule's, not the kind's: `Rule.voiced`,
    `Rule.plain` and `Rule.beside`.)"""

    name: ClassVar[str]
    options: ClassVar[Mapping[str, Option]]
    default_scope: ClassVar[frozenset[Scope]]
    message_fields: ClassVar[frozenset[str]]

    @classmethod
    def build(cls, options: dict[str, Any], where: Where, ctx: BuildContext) -> Kind: ...

    def check(self, doc: Document) -> Iterable[Hit]: ...

    @property
    def matchers(self) -> list[Matcher]: ...

    @property
    def gate(self) -> Matcher | None: ...

    @property
    def fixable(self) -> bool: ...

    def fix(self, matched: str) -> Fix | None: ...


class KindBase:
    """What most kinds share: the matchers are the `Matcher` attributes (or lists of them) a kind
    keeps, and a kind fixes nothing, unless it says so."""

    @property
    def matchers(self) -> list[Matcher]:
        found = []
        for value in vars(self).values():
            for item in value if isinstance(value, (tuple, list)) else (value,):
                if isinstance(item, Matcher):
                    found.append(item)
        return found

    @property
    def gate(self) -> Matcher | None:
        """A matcher that every hit of the kind stands on a match of: in a document where it matches
        nothing, the kind finds nothing and is not asked (see `checking.run_rules`). None: no such matcher."""
        return None

    @property
    def fixable(self) -> bool:
        return False

    def fix(self, matched: str) -> Fix | None:
        return None


WRITERS_VOICE = frozenset({Scope.NARRATIVE, Scope.HEADING})


def registry() -> dict[str, type[Kind]]:
    """Kind name -> kind class. Adding a kind is adding its module here."""
    from newslint.kinds import (absent, density, evaluative, existence, metric, quotation, requires, sources,
                                substitution, superlative)

    kinds = (existence.Existence, substitution.Substitution, requires.Requires, sources.Sources,
             metric.Metric, quotation.Quotation, density.Density, absent.Absent, superlative.Superlative,
             evaluative.Evaluative)
    return {k.name: cast("type[Kind]", k) for k in kinds}  # each class satisfies the Kind protocol
