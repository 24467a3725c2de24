"""`substitution`: flag a term and suggest the plain or neutral word to use instead.

Anti-pattern: "The actor passed away on Sunday."
Best practice: "The actor died on Sunday."

Options: `swap` (term: replacement, or term: [replacements]), `exceptions`, `ignore_case`,
`proper_names` (as for `existence`), `safe` (default false): true when every swap can be applied
without reading the sentence, or a list of the terms whose swaps can. Safe swaps are applied by
`--fix`; the others (their first replacement) only with `--unsafe-fixes`.
The message may use `{match}` and `{replacement}` (the first replacement).
"""
from __future__ import annotations

from typing import Any, Iterator

from newslint.document import Document
from newslint.kinds import BuildContext, Fix, Hit, KindBase, WRITERS_VOICE
from newslint.matching.matcher import Matcher
from newslint.matching.patterns import MATCHER_OPTIONS, normalize
from newslint.schema import Option, Where, strings, swaps


def _safe(value: Any, where: Where) -> bool | tuple[str, ...]:
    return value if isinstance(value, bool) else strings(value, where)

OPTIONS = {
    "swap": Option(swaps, required=True),
    "exceptions": MATCHER_OPTIONS["exceptions"],
    "ignore_case": MATCHER_OPTIONS["ignore_case"],
    "proper_names": MATCHER_OPTIONS["proper_names"],
    "safe": Option(_safe, False),
}


def match_case(source: str, replacement: str) -> str:
    """Carry the capital of the matched word over to its replacement."""
    if source[:1].isupper() and replacement[:1].islower():
        return replacement[0].upper() + replacement[1:]
    return replacement


class Substitution(KindBase):
    name = "substitution"
    options = OPTIONS
    default_scope = WRITERS_VOICE
    message_fields = frozenset({"match", "replacement"})

    def __init__(self, matcher: Matcher, table: dict[str, tuple[str, ...]], safe: bool | frozenset[str]) -> None:
        self.matcher = matcher
        self.table = table
        self.safe = safe  # True, False, or the (normalized) terms whose swaps are safe

    @classmethod
    def build(cls, options: dict[str, Any], where: Where, ctx: BuildContext) -> Substitution:
        swap = options["swap"]
        table = {normalize(term): repl for term, repl in swap.items()}
        spec = {**options, "terms": tuple(swap), "patterns": ()}
        safe = options["safe"]
        if not isinstance(safe, bool):
            unknown = [t for t in safe if normalize(t) not in table]
            if unknown:
                raise where.child("safe").error(f"not a term of swap: {', '.join(map(repr, unknown))}")
            safe = frozenset(normalize(t) for t in safe)
        return cls(Matcher.build(spec, where, trusted=ctx.builtin), table, safe)

    @property
    def fixable(self) -> bool:
        return True

    def fix(self, matched: str) -> Fix | None:
        """The first replacement, in the matched word's case; safe as the rule's `safe` says."""
        key = normalize(matched)
        replacements = self.table.get(key)
        if not replacements:
            return None
        safe = self.safe if isinstance(self.safe, bool) else key in self.safe
        return Fix(match_case(matched, replacements[0]), safe)

    @property
    def gate(self) -> Matcher | None:
        return self.matcher

    def check(self, doc: Document) -> Iterator[Hit]:
        for start, end in self.matcher.finditer(doc):
            matched = doc.prose[start:end]  # (as read: "passed&nbsp;away" is "passed away")
            replacements = tuple(match_case(matched, r) for r in self.table.get(normalize(matched), ()))
            yield Hit(start, end, replacements, {"replacement": replacements[0] if replacements else ""})
