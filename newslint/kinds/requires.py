"""`requires`: a trigger needs a companion nearby, else it is a finding.

Anti-pattern: "The strike killed 14 civilians." (a casualty figure with no source).
Best practice: "The strike killed 14 civilians, the regional health office said."

Options: `trigger` (terms/patterns/exceptions/ignore_case/proper_names, as for `existence`),
`companion` (terms, patterns and/or `lexicon`: names of shared lists in rules/_lexicons),
`unit` (`sentence` or `paragraph`, default sentence), `before` and `after` (how many units
before and after the trigger's unit, in the same paragraph for sentences, also count;
default 0). The companion is searched in the whole window, quotations included. A trigger
match that lies inside one already reported is not reported again.
"""
from __future__ import annotations

from typing import Any, Iterator

from newslint.document import Document
from newslint.kinds import BuildContext, Hit, KindBase, WORD_LIST_OPTIONS, WRITERS_VOICE
from newslint.matching.matcher import Matcher
from newslint.matching.patterns import MATCHER_OPTIONS
from newslint.schema import Option, Where, choice, integer, nested

OPTIONS = {
    "trigger": Option(nested(MATCHER_OPTIONS), required=True),
    "companion": Option(nested(WORD_LIST_OPTIONS), required=True),
    "unit": Option(choice("sentence", "paragraph"), "sentence"),
    "before": Option(integer(0), 0),
    "after": Option(integer(0), 0),
}


class Requires(KindBase):
    name = "requires"
    options = OPTIONS
    default_scope = WRITERS_VOICE
    message_fields = frozenset({"match"})

    def __init__(self, trigger: Matcher, companion: Matcher, unit: str, before: int, after: int) -> None:
        self.trigger = trigger
        self.companion = companion
        self.unit = unit
        self.before = before
        self.after = after

    @classmethod
    def build(cls, options: dict[str, Any], where: Where, ctx: BuildContext) -> Requires:
        companion = ctx.word_list(options["companion"], where.child("companion"))
        trigger = Matcher.build(options["trigger"], where.child("trigger"), trusted=ctx.builtin)
        return cls(trigger, companion, options["unit"], options["before"], options["after"])

    def _window(self, doc: Document, offset: int) -> tuple[int, int] | None:
        if self.unit == "paragraph":
            blocks = doc.blocks
            index = doc.block_index(offset)
            if index < 0:
                return None
            lo, hi = max(0, index - self.before), min(len(blocks) - 1, index + self.after)
            return blocks[lo].start, blocks[hi].end
        index = doc.sentence_index(offset)
        if index < 0:
            return None
        sents = doc.sentences
        block = sents[index].block
        lo = index
        while lo > 0 and index - lo < self.before and sents[lo - 1].block == block:
            lo -= 1
        hi = index
        while hi + 1 < len(sents) and hi - index < self.after and sents[hi + 1].block == block:
            hi += 1
        return sents[lo].start, sents[hi].end

    def check(self, doc: Document) -> Iterator[Hit]:
        sourced: dict[tuple[int, int], bool] = {}
        last_end = -1
        for start, end in self.trigger.finditer(doc):
            if end <= last_end:  # a match inside one already reported is the same finding
                continue
            window = self._window(doc, start)
            if window is None:
                continue
            if window not in sourced:
                sourced[window] = self.companion.search(doc, *window)
            if not sourced[window]:
                last_end = end
                yield Hit(start, end)
