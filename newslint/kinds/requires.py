"""`requires`: a trigger needs a companion nearby, else it is a finding.

Anti-pattern: "The strike killed 14 civilians." (a casualty figure with no source).
Best practice: "The strike killed 14 civilians, the regional health office said."

Options: `trigger` (terms/patterns/exceptions/ignore_case/proper_names, as for `existence`),
`companion` (terms, patterns and/or `lexicon`: names of shared lists in rules/_lexicons),
`unit` (`sentence` or `paragraph`, default sentence), `before` and `after` (how many units
before and after the trigger's unit, in the same paragraph for sentences, also count; a
companion inside the trigger's own match does not;
default 0), `lede_after` (for a trigger in the lede, the story's first paragraph of narrative,
how many paragraphs after it count: a story may name the source of its lede's claim in the next
paragraphs; default 0, the same window as any other). The companion is searched in the whole
window, quotations included. A trigger match that lies inside one already reported is not
reported again.
"""
from __future__ import annotations

from typing import Any, Iterator

from newslint.document import Document, Scope
from newslint.document.markup import BlockKind
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
    "lede_after": Option(integer(0), 0),
}


class Requires(KindBase):
    name = "requires"
    options = OPTIONS
    default_scope = WRITERS_VOICE
    message_fields = frozenset({"match"})

    def __init__(self, trigger: Matcher, companion: Matcher, unit: str, before: int, after: int,
                 lede_after: int = 0) -> None:
        self.trigger = trigger
        self.companion = companion
        self.unit = unit
        self.before = before
        self.after = after
        self.lede_after = lede_after

    @classmethod
    def build(cls, options: dict[str, Any], where: Where, ctx: BuildContext) -> Requires:
        companion = ctx.word_list(options["companion"], where.child("companion"))
        trigger = Matcher.build(options["trigger"], where.child("trigger"), trusted=ctx.builtin)
        return cls(trigger, companion, options["unit"], options["before"], options["after"],
                   options["lede_after"])

    def _window(self, doc: Document, offset: int) -> tuple[int, int] | None:
        if self.unit == "paragraph":
            blocks = doc.blocks
            index = doc.block_index(offset)
            if index < 0:
                return None
            after = max(self.after, self.lede_after) if self.lede_after and index == lede_block(doc) else self.after
            lo, hi = max(0, index - self.before), min(len(blocks) - 1, index + after)
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

    @property
    def gate(self) -> Matcher | None:
        return self.trigger

    def check(self, doc: Document) -> Iterator[Hit]:
        companions: dict[tuple[int, int], list[tuple[int, int]]] = {}
        last_end = -1
        for start, end in self.trigger.finditer(doc):
            if end <= last_end:  # a match inside one already reported is the same finding
                continue
            window = self._window(doc, start)
            if window is None:
                continue
            if window not in companions:
                companions[window] = list(self.companion.finditer(doc, *window))
            # the trigger's own words are not its companion ("others have said": no one is named)
            if not any(a < start or b > end for a, b in companions[window]):
                last_end = end
                yield Hit(start, end)


def lede_block(doc: Document) -> int:
    """The index of the block holding the lede: the first paragraph of narrative that ends as prose does,
    with a full stop, a question or exclamation mark (before any closing quotation mark); a title line
    does not. -1 when there is none. Found once per document, and kept with it."""
    return doc.memo.kept(_LEDE, lambda: _lede_block(doc))


def _lede_block(doc: Document) -> int:
    seen = -1
    for s in doc.sentences:
        block = doc.blocks[s.block]
        if s.block == seen or block.kind is not BlockKind.PARAGRAPH or doc.scope_at(s.start) is not Scope.NARRATIVE:
            continue
        seen = s.block
        if doc.prose[block.start:block.end].rstrip().rstrip(_CLOSING_QUOTES)[-1:] in _PROSE_ENDS:
            return s.block
    return -1


_LEDE = "requires.lede_block"  # its key in the document's memo
_CLOSING_QUOTES = "\"”’'"
_PROSE_ENDS = frozenset(".!?…:")
