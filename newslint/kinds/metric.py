"""`metric`: length limits on sentences, the lede and paragraphs.

Anti-pattern: a 45-word lede that buries who did what behind three clauses.
Best practice: a lede of 25 words or fewer; detail moves to the second paragraph.

Options: `measure` (`sentence_words`, `lede_words` or `paragraph_sentences`), `max` (the
largest count that passes), `min_sentences` (default 1: texts with fewer sentences are not
measured; a single sentence is not a story with a lede). Sentences that open inside
a direct quotation are counted but never flagged. The message may use `{count}` and `{max}`.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Any, Iterator

from newslint.document import Document, Scope
from newslint.kinds import BuildContext, Hit
from newslint.markup import BlockKind
from newslint.schema import Option, Where, choice, integer

OPTIONS = {
    "measure": Option(choice("sentence_words", "lede_words", "paragraph_sentences"), required=True),
    "max": Option(integer(1), required=True),
    "min_sentences": Option(integer(1), 1),
}


_ALNUM = re.compile(r"[^\W_]")  # a letter or digit (str.isalnum)


def words(text: str) -> int:
    """White-space separated tokens with a letter or digit in them."""
    return sum(1 for w in text.split() if w.isalnum() or _ALNUM.search(w))


class Metric:
    name = "metric"
    options = OPTIONS
    default_scope = frozenset({Scope.NARRATIVE})
    message_fields = frozenset({"match", "count", "max"})

    def __init__(self, measure: str, limit: int, min_sentences: int = 1) -> None:
        self.measure = measure
        self.limit = limit
        self.min_sentences = min_sentences

    @classmethod
    def build(cls, options: dict[str, Any], where: Where, ctx: BuildContext) -> Metric:
        return cls(options["measure"], options["max"], options["min_sentences"])

    def _hit(self, start: int, end: int, count: int) -> Hit | None:
        if count <= self.limit:
            return None
        return Hit(start, end, (), {"count": str(count), "max": str(self.limit)})

    def check(self, doc: Document) -> Iterator[Hit]:
        paragraphs = [i for i, b in enumerate(doc.blocks) if b.kind is BlockKind.PARAGRAPH]
        if len(doc.sentences) < self.min_sentences:
            return
        if self.measure == "paragraph_sentences":
            per_block = Counter(s.block for s in doc.sentences)
            for i in paragraphs:
                block = doc.blocks[i]
                count = per_block[i]
                hit = self._hit(block.start, block.end, count)
                if hit:
                    yield hit
            return
        candidates = [s for s in doc.sentences if doc.blocks[s.block].kind is BlockKind.PARAGRAPH]
        if self.measure == "lede_words":
            candidates = [s for s in candidates if doc.scope_at(s.start) is Scope.NARRATIVE][:1]
        for s in candidates:
            hit = self._hit(s.start, s.end, words(doc.prose[s.start:s.end]))
            if hit:
                yield hit
