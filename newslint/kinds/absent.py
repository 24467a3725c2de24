"""`absent`: a document-level check that something expected appears at least once.

Anti-pattern: a 400-word news story in which no one is quoted, cited or named as a source.
Best practice: every news story says where its facts come from at least once ("police said").

Options: `expect` (terms, patterns and/or `lexicon`, as for the companion of `requires`),
`min_words` (default 150: shorter texts, such as briefs and single sentences, are not checked).
The finding marks the first sentence of the writer's text. The message may use `{count}` (the
number of words checked).
"""
from __future__ import annotations

from typing import Any, Iterator

from newslint.document import Document, Scope
from newslint.kinds import BuildContext, Hit, KindBase, WORD_LIST_OPTIONS
from newslint.kinds.metric import words
from newslint.matching.matcher import Matcher
from newslint.schema import Option, Where, integer, nested

OPTIONS = {
    "expect": Option(nested(WORD_LIST_OPTIONS), required=True),
    "min_words": Option(integer(1), 150),
}


class Absent(KindBase):
    name = "absent"
    options = OPTIONS
    default_scope = frozenset({Scope.NARRATIVE})
    message_fields = frozenset({"match", "count"})

    def __init__(self, expect: Matcher, min_words: int) -> None:
        self.expect = expect
        self.min_words = min_words

    @classmethod
    def build(cls, options: dict[str, Any], where: Where, ctx: BuildContext) -> Absent:
        return cls(ctx.word_list(options["expect"], where.child("expect")), options["min_words"])

    def check(self, doc: Document) -> Iterator[Hit]:
        if self.expect.search(doc, 0, len(doc.prose)):  # (asked first: most stories name a source, and
            return  # the words of one that does are never counted)
        count = words(doc.narrative_text())
        if count < self.min_words:
            return
        first = next((s for s in doc.sentences if doc.scope_at(s.start) is Scope.NARRATIVE), None)
        if first is not None:  # (a text without the writer's own voice has no story to source)
            yield Hit(first.start, first.end, (), {"count": str(count)})
