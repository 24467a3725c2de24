"""`existence`: flag every occurrence of a term or pattern.

Anti-pattern: "The audacious raid ..." (a loaded word in the writer's voice).
Best practice: "The raid, carried out in daylight, ..." (describe; let readers judge).

Options: `terms` (whole words or phrases), `patterns` (regular expressions), `exceptions`
(phrases inside which a match is not a finding, e.g. "record label"), `ignore_case`
(default true), `proper_names` (default false: a match inside a capitalized name such as
"Operation Steadfast Defender" is skipped), `rewrite` (a list of `{pattern, replacement, safe}`:
the first pattern that matches the whole flagged text gives the fix, its replacement a template
with `\\1` for groups; an empty replacement deletes the words with their comma; `safe` defaults
to true, false applies it only with `--unsafe-fixes`).
"""
from __future__ import annotations

from typing import Any, Iterator

from newslint.document import Document
from newslint.fixes import Fix, Rewrite, first_fix, rewrites
from newslint.kinds import WRITERS_VOICE, BuildContext, Hit
from newslint.patterns import MATCHER_OPTIONS, Matcher
from newslint.schema import Option, Where

OPTIONS = {**MATCHER_OPTIONS, "rewrite": Option(lambda value, where: value, None)}  # compiled in build


class Existence:
    name = "existence"
    options = OPTIONS
    default_scope = WRITERS_VOICE
    message_fields = frozenset({"match"})

    def __init__(self, matcher: Matcher, rewrite: tuple[Rewrite, ...] = ()) -> None:
        self.matcher = matcher
        self.rewrite = rewrite

    @classmethod
    def build(cls, options: dict[str, Any], where: Where, ctx: BuildContext) -> Existence:
        matching = {k: v for k, v in options.items() if k in MATCHER_OPTIONS}
        rewrite = options.get("rewrite")
        compiled = rewrites(rewrite, where.child("rewrite"), options["ignore_case"]) if rewrite is not None else ()
        return cls(Matcher.build(matching, where, trusted=ctx.builtin), compiled)

    @property
    def fixable(self) -> bool:
        return bool(self.rewrite)

    def fix(self, matched: str) -> Fix | None:
        return first_fix(self.rewrite, matched)

    def check(self, doc: Document) -> Iterator[Hit]:
        for start, end in self.matcher.finditer(doc):
            yield Hit(start, end)
