"""`quotation`: checks on direct quotations themselves.

Anti-pattern: a paragraph of quoted words with no speaker anywhere near it.
Best practice: name the speaker in the same or the adjacent sentence ("..., Mayor Ortiz said.").

Options: `check` (`unattributed`: a quotation of at least `min_words` words whose paragraph
names no speaker and which does not continue an attributed quotation), `min_words` (default 4;
shorter quoted phrases are scare quotes, a hedging matter).
"""
from __future__ import annotations

from typing import Any, Iterator

from newslint.document import Document, Scope
from newslint.kinds import BuildContext, Hit
from newslint.schema import Option, Where, choice, integer

OPTIONS = {
    "check": Option(choice("unattributed"), required=True),
    "min_words": Option(integer(1), 4),
}


class Quotation:
    name = "quotation"
    options = OPTIONS
    default_scope = frozenset({Scope.QUOTATION, Scope.NARRATIVE})
    message_fields = frozenset({"match"})

    def __init__(self, min_words: int) -> None:
        self.min_words = min_words

    @classmethod
    def build(cls, options: dict[str, Any], where: Where, ctx: BuildContext) -> Quotation:
        return cls(options["min_words"])

    def check(self, doc: Document) -> Iterator[Hit]:
        for q in doc.quotations:
            if not q.attributed and q.words >= self.min_words:
                yield Hit(q.start, q.end)
