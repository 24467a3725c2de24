"""`existence`: flag every occurrence of a term or pattern.

Anti-pattern: "The audacious raid ..." (a loaded word in the writer's voice).
Best practice: "The raid, carried out in daylight, ..." (describe; let readers judge).

Options: `terms` (whole words or phrases), `patterns` (regular expressions), `exceptions`
(phrases inside which a match is not a finding, e.g. "record label"), `ignore_case`
(default true), `proper_names` (default false: a match inside a capitalized name such as
"Operation Steadfast Defender" is skipped).
"""
from __future__ import annotations

from typing import Any, Iterator

from newslint.document import Document
from newslint.kinds import WRITERS_VOICE, BuildContext, Hit
from newslint.matching.matcher import Matcher
from newslint.matching.patterns import MATCHER_OPTIONS
from newslint.schema import Where


class Existence:
    name = "existence"
    options = MATCHER_OPTIONS
    default_scope = WRITERS_VOICE
    message_fields = frozenset({"match"})

    def __init__(self, matcher: Matcher) -> None:
        self.matcher = matcher

    @classmethod
    def build(cls, options: dict[str, Any], where: Where, ctx: BuildContext) -> Existence:
        return cls(Matcher.build(options, where, trusted=ctx.builtin))

    def check(self, doc: Document) -> Iterator[Hit]:
        for start, end in self.matcher.finditer(doc):
            yield Hit(start, end)
