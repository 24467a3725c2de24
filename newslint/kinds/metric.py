"""`metric`: length limits on sentences, the lede and paragraphs.

Anti-pattern: a 45-word lede that buries who did what behind three clauses.
Best practice: a lede of 25 words or fewer; detail moves to the second paragraph.

Options: `measure` (`sentence_words`, `lede_words` or `paragraph_sentences`), `max` (the
largest count that passes), `min_sentences` (default 1: texts with fewer sentences are not
measured; a single sentence is not a story with a lede), `min_paragraphs` (default 1: texts with fewer
paragraphs of prose are not measured; a lone paragraph, a brief or an excerpt, has no second paragraph
for a lede's detail to move to; in plain text that sets each paragraph on its own line, a line is one). Sentences that open inside
a direct quotation are counted but never flagged. The message may use `{count}` and `{max}`.
"""
from __future__ import annotations


from collections import Counter
from typing import Any, Iterator

from newslint.cache import programs
from newslint.document import Document, Scope, Sentence
from newslint.kinds import BuildContext, Hit, KindBase
from newslint.document.markup import BlockKind
from newslint.schema import Option, Where, choice, integer

OPTIONS = {
    "measure": Option(choice("sentence_words", "lede_words", "paragraph_sentences"), required=True),
    "max": Option(integer(1), required=True),
    "min_sentences": Option(integer(1), 1),
    "min_paragraphs": Option(integer(1), 1),
}


# words() counts in UTF-8 bytes: characters that are neither letters, digits nor white space are
# deleted, white space becomes b" " and every other byte b"a"; each word is then a run of b"a".
_ASCII_OTHER = bytes(c for c in range(128) if not chr(c).isalnum() and not chr(c).isspace())
_ASCII_CLASSES = bytes(ord(" ") if chr(c).isspace() else ord("a") for c in range(128)) + b"a" * 128
_NON_ASCII = programs.compile(r"[^\x00-\x7f]+")


def words(text: str) -> int:
    """White-space separated tokens with a letter or digit in them."""
    data = text.encode("utf-8", "surrogatepass")
    if not text.isascii():
        for ch in set("".join(_NON_ASCII.findall(text))):
            if not ch.isalnum():  # UTF-8 finds a character's bytes only where the character is
                data = data.replace(ch.encode("utf-8", "surrogatepass"), b" " if ch.isspace() else b"")
    data = data.translate(_ASCII_CLASSES, _ASCII_OTHER)
    return data.count(b" a") + data.startswith(b"a")


# White space other than a space or a line break, in ASCII (see `other_space`).
_ASCII_OTHER_SPACE = "\t\r\x0b\x0c\x1c\x1d\x1e\x1f"


def other_space(text: str) -> bool:
    """May `text` hold white space other than spaces and line breaks? Where it does not, the spaces and
    line breaks of a sentence counted are all its white space (see `Metric._too_long`). Outside ASCII,
    every other white-space character is one `str.isprintable` refuses (so do a few that are not white
    space: then True, which only costs time)."""
    if text.isascii():
        return any(map(text.__contains__, _ASCII_OTHER_SPACE))
    return not text.replace("\n", " ").isprintable()


_ITEM_BREAKS = programs.compile(r"[,;•|/]|\)\s|\s[-–—]\s|\n")


def is_list(text: str) -> bool:
    """Is a long "sentence" a list: a sports line-up, names with their countries, items separated by
    commas or brackets, each a few words long?"""
    items = [i for i in _ITEM_BREAKS.split(text) if i.strip()]
    return len(items) >= 6 and words(text) <= 4 * len(items)


class Metric(KindBase):
    name = "metric"
    options = OPTIONS
    default_scope = frozenset({Scope.NARRATIVE})
    message_fields = frozenset({"match", "count", "max"})

    def __init__(self, measure: str, limit: int, min_sentences: int = 1, min_paragraphs: int = 1) -> None:
        self.measure = measure
        self.limit = limit
        self.min_sentences = min_sentences
        self.min_paragraphs = min_paragraphs

    @classmethod
    def build(cls, options: dict[str, Any], where: Where, ctx: BuildContext) -> Metric:
        return cls(options["measure"], options["max"], options["min_sentences"], options["min_paragraphs"])

    def _hit(self, start: int, end: int, count: int) -> Hit | None:
        if count <= self.limit:
            return None
        return Hit(start, end, (), {"count": str(count), "max": str(self.limit)})

    def check(self, doc: Document) -> Iterator[Hit]:
        if len(doc.sentences) < self.min_sentences:
            return
        if self.min_paragraphs > 1 and not self._paragraphs_enough(doc):
            return
        if self.measure == "paragraph_sentences":
            paragraphs = [i for i, b in enumerate(doc.blocks) if b.kind is BlockKind.PARAGRAPH]
            per_block = Counter(s.block for s in doc.sentences)
            for i in paragraphs:
                block = doc.blocks[i]
                count = per_block[i]
                hit = self._hit(block.start, block.end, count)
                if hit:
                    yield hit
            return
        blocks = doc.blocks
        candidates = [s for s in doc.sentences if blocks[s.block].kind is BlockKind.PARAGRAPH]
        counted = not other_space(doc.prose)  # its spaces and line breaks are all its white space
        # A sentence is measured only when it is long enough to hold more words than the limit: each
        # word and each gap between two takes a character.
        shortest = 2 * self.limit
        if self.measure == "lede_words":
            # The lede is the first of them in the writer's voice. When none is too long, which one it
            # is does not matter: the scopes (which cost the quotations) are then never worked out.
            if not any(self._too_long(doc, s, counted) for s in candidates if s.end - s.start > shortest):
                return
            lede = next((s for s in candidates if doc.scope_at(s.start) is Scope.NARRATIVE), None)
            candidates = [] if lede is None else [lede]
        for s in candidates:
            hit = self._too_long(doc, s, counted) if s.end - s.start > shortest else None
            if hit:
                yield hit

    def _paragraphs_enough(self, doc: Document) -> bool:
        """Does the text hold `min_paragraphs` paragraphs of prose, a line of one counting as a paragraph
        (plain text often sets one on each line, with no blank line between)?"""
        seen = 0
        for block in doc.blocks:
            if block.kind is BlockKind.PARAGRAPH:
                seen += sum(1 for line in doc.prose[block.start:block.end].split("\n") if line.strip())
                if seen >= self.min_paragraphs:
                    return True
        return False

    def _too_long(self, doc: Document, s: Sentence, counted: bool = False) -> Hit | None:
        """The finding of a sentence over the limit; None for one within it, or a list. `counted`: the
        document's white space is all spaces and line breaks."""
        if (s.end - s.start + 1) // 2 <= self.limit:
            return None  # too short to hold more words: each word and each gap takes a character
        prose = doc.prose
        if counted and prose.count(" ", s.start, s.end) + prose.count("\n", s.start, s.end) < self.limit:
            return None  # too few gaps to hold more words: one more word than white-space characters at most
        sentence = prose[s.start:s.end]
        # `words` counts some of the white-space separated tokens, never more; a split that stops one past the
        # limit tells whether there are more
        if len(sentence.split(None, self.limit)) <= self.limit:
            return None
        if is_list(sentence):
            return None  # a line-up or a list of names is read item by item, not as a sentence
        return self._hit(s.start, s.end, words(sentence))
