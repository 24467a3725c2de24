"""`density`: flag words that are harmless alone but tell-tale in a cluster.

Anti-pattern: "The festival showcases a vibrant tapestry of cultures, underscoring the city's
pivotal role ..." (four items of machine-written vocabulary in one paragraph).
Best practice: one "pivotal" in a paragraph is a word choice; let it pass.

Options: the matcher options of `existence` (`terms`, `patterns`, `exceptions`, `ignore_case`,
`proper_names`), `unit` (`paragraph` or `document`, default paragraph) and `min_distinct`
(default 3): every match in a unit is a finding once the unit holds at least that many
different matched words (case-folded); the message may name `{count}` and `{items}` (the different
words, in order). The findings of one paragraph are reported as one note (see `folding`).
"""
from __future__ import annotations

from typing import Any, Iterator

from newslint.document import Document
from newslint.kinds import BuildContext, Hit, KindBase, WRITERS_VOICE
from newslint.matching.matcher import Matcher
from newslint.matching.patterns import MATCHER_OPTIONS, normalize
from newslint.schema import Option, Where, choice, integer

OPTIONS = {
    **MATCHER_OPTIONS,
    "unit": Option(choice("paragraph", "document"), "paragraph"),
    "min_distinct": Option(integer(1), 3),
}


class Density(KindBase):
    name = "density"
    options = OPTIONS
    default_scope = WRITERS_VOICE
    message_fields = frozenset({"match", "count", "items"})

    def __init__(self, matcher: Matcher, unit: str, min_distinct: int) -> None:
        self.matcher = matcher
        self.unit = unit
        self.min_distinct = min_distinct

    @classmethod
    def build(cls, options: dict[str, Any], where: Where, ctx: BuildContext) -> Density:
        spec = {k: options[k] for k in MATCHER_OPTIONS}
        return cls(Matcher.build(spec, where, trusted=ctx.builtin), options["unit"], options["min_distinct"])

    def _units(self, doc: Document) -> list[tuple[int, int]]:
        if self.unit == "document":
            return [(0, len(doc.prose))]
        return [(b.start, b.end) for b in doc.blocks]

    @property
    def gate(self) -> Matcher | None:
        return self.matcher

    def check(self, doc: Document) -> Iterator[Hit]:
        if len(self.matcher.spans(doc)) < self.min_distinct:
            return  # no unit can hold that many different words (most stories have none of them)
        for start, end in self._units(doc):
            hits = list(self.matcher.finditer(doc, start, end))
            distinct = dict.fromkeys(normalize(doc.text[a:b]) for a, b in hits)  # in order of appearance
            if len(distinct) < self.min_distinct:
                continue
            fields = {"count": str(len(distinct)), "items": ", ".join(distinct)}
            for a, b in hits:
                yield Hit(a, b, (), fields)
