"""`quotation`: checks on direct quotations themselves.

Anti-pattern: a paragraph of quoted words with no speaker anywhere near it.
Best practice: name the speaker in the same or the adjacent sentence ("..., Mayor Ortiz said.").

Options: `check` (`unattributed`: a quotation of at least `min_words` words whose paragraph
names no speaker and which does not continue an attributed quotation; `scare`: a quoted word or
phrase of fewer than `min_words` words inside the writer's sentence, with no speaker in its
paragraph: quotation marks used to doubt a word), `min_words` (default 4), `window` (default 0: how many
paragraphs before and after the quotation's own may name the speaker, as in a quoted paragraph
that follows "he said:" or "Ms Ruiz added" one paragraph up), `fragments` (default true: also
check quoted words embedded inside the writer's sentence, such as a title or a quoted citation;
false checks only quotations that open their sentence). A list of quotations under a line that ends in a
colon is presented by that line ("Testers told us what they thought:"), and is not checked.
"""
from __future__ import annotations

from typing import AbstractSet, Any, Iterator

from newslint.document import Document, Scope
from newslint.kinds import BuildContext, Hit, KindBase
from newslint.document.markup import BlockKind
from newslint.schema import Option, Where, boolean, choice, integer

OPTIONS = {
    "check": Option(choice("unattributed", "scare"), required=True),
    "min_words": Option(integer(1), 4),
    "window": Option(integer(0), 0),
    "fragments": Option(boolean, True),
}


class Quotation(KindBase):
    name = "quotation"
    options = OPTIONS
    default_scope = frozenset({Scope.QUOTATION, Scope.NARRATIVE})
    message_fields = frozenset({"match"})

    def __init__(self, min_words: int, window: int = 0, fragments: bool = True, check: str = "unattributed") -> None:
        self.check_name = check
        self.min_words = min_words
        self.window = window
        self.fragments = fragments

    @classmethod
    def build(cls, options: dict[str, Any], where: Where, ctx: BuildContext) -> Quotation:
        return cls(options["min_words"], options["window"], options["fragments"], options["check"])

    def _is_fragment(self, doc: Document, start: int) -> bool:
        """Quoted words inside a sentence the writer has already begun ("... a plan called "X Y Z" ...")."""
        index = doc.sentence_index(start)
        if index < 0:
            return False
        sentence = doc.sentences[index]
        first = doc.first_alnum(index)
        if first < sentence.end:
            return first < start
        return any(c.isalnum() for c in doc.prose[sentence.end:start])  # past the sentence's end

    def _speaker_nearby(self, doc: Document, start: int, quoted: AbstractSet[int]) -> bool:
        """A speaker within `window` paragraphs of the quotation's, counted from the ends of the run of
        paragraphs that are nothing but quotations (`quoted`): the paragraphs of one block quotation
        (or of a long quote in several paragraphs) share the speaker named before or after them."""
        blocks = doc.blocks
        index = doc.block_index(start)
        if index < 0:
            return False
        first = last = index
        while first - 1 in quoted:
            first -= 1
        while last + 1 in quoted:
            last += 1
        for i in range(max(0, first - self.window), min(len(blocks), last + self.window + 1)):
            if i != index and blocks[i].kind is not BlockKind.HEADING and \
                    doc.speech_cues.within(blocks[i].start, blocks[i].end):
                return True
        return False

    def check(self, doc: Document) -> Iterator[Hit]:
        if self.check_name == "scare":
            yield from self._scare(doc)
            return
        quoted: AbstractSet[int] | None = None  # the paragraphs that are nothing but quotations, found on first need
        for q in doc.quotations:
            if q.attributed or q.words < self.min_words or _in_heading(doc, q.start):
                continue  # a headline's quotation is attributed in the story under it
            fragment = self._is_fragment(doc, q.start)
            if fragment and not self.fragments:
                continue
            if not fragment and _mentioned(doc, q.end):
                continue  # a title or a saying that opens the writer's sentence
            quoted = _wholly_quoted(doc) if quoted is None else quoted
            if _listed(doc, q.start, quoted):
                continue
            if self.window and self._speaker_nearby(doc, q.start, quoted):
                continue
            yield _first_line(doc, q.start, q.end)

    def _scare(self, doc: Document) -> Iterator[Hit]:
        quoted: AbstractSet[int] | None = None
        for q in doc.quotations:
            if q.attributed or q.words >= self.min_words or not self._is_fragment(doc, q.start):
                continue
            inner = doc.text[q.start + 1:q.end - 1].split()
            if not inner or all(w[:1].isupper() for w in inner):
                continue  # a quoted name or title, not a doubted word
            if self.window:
                quoted = _wholly_quoted(doc) if quoted is None else quoted
                if self._speaker_nearby(doc, q.start, quoted):
                    continue
            yield _first_line(doc, q.start, q.end)


def _mentioned(doc: Document, end: int) -> bool:
    """Do the writer's own words go on after the quotation, in its sentence, in lower case? Then the
    quoted words are named, not reported as said: a title, a slogan or a saying that opens the
    sentence ("'All Along the Watchtower' was first recorded in 1967"), or words glossed ("... meaning
    ..."); a speaker's utterance ends its sentence or is followed by who said it."""
    index = doc.sentence_index(end - 1)
    if index < 0:
        return False
    rest = doc.prose[end:doc.sentences[index].end].lstrip()
    if rest[:1] in (",", "(", "\u2013", "\u2014"):  # "'Title' (2004) was ...", "'Title', released in 1999, ..."
        rest = rest[1:].lstrip()
    return rest[:1].islower() or rest[:1].isdigit()


def _listed(doc: Document, start: int, quoted: AbstractSet[int]) -> bool:
    """Is the quotation one of a list of quotations that a line ending in a colon presents ("Testers
    told us what they thought:", "Ask the inspector questions like these:")? The line says whose words
    they are, or that they are examples, for the whole list."""
    index = doc.block_index(start)
    blocks = doc.blocks
    if index < 0 or blocks[index].kind is not BlockKind.ITEM or index not in quoted:
        return False
    first = index
    while first - 1 >= 0 and blocks[first - 1].kind is BlockKind.ITEM and first - 1 in quoted:
        first -= 1
    if first == 0:
        return False
    lead = blocks[first - 1]
    return lead.kind is not BlockKind.HEADING and doc.prose[lead.start:lead.end].rstrip().endswith(":")


def _in_heading(doc: Document, start: int) -> bool:
    index = doc.block_index(start)
    return index >= 0 and doc.blocks[index].kind is BlockKind.HEADING


def _wholly_quoted(doc: Document) -> set[int]:
    """The indexes of the paragraphs that are nothing but quotations (those of a block quotation), in
    one pass over the quotations."""
    inside: dict[int, list[tuple[int, int]]] = {}
    for q in doc.quotations:
        index = doc.block_index(q.start)
        if index >= 0 and doc.blocks[index].kind is not BlockKind.HEADING:
            inside.setdefault(index, []).append((q.start, q.end))
    out = set()
    for index, spans in inside.items():
        block = doc.blocks[index]
        pos = block.start
        for a, b in spans:
            if doc.prose[pos:a].strip():
                break
            pos = max(pos, b)
        else:
            if not doc.prose[pos:block.end].strip():
                out.add(index)
    return out


def _first_line(doc: Document, start: int, end: int) -> Hit:
    """A quotation's finding: from its opening mark to its close or the end of that line, whichever
    comes first (a quotation may run over lines and paragraphs; its finding stays in one line). An
    opening mark alone on its line (the tag of a block quotation in a web page) gives way to the
    first line of the quoted words."""
    stop = doc.prose.find("\n", start, end)
    if stop >= 0 and not doc.prose[start + 1:stop].strip():
        words = len(doc.prose[start + 1:end]) - len(doc.prose[start + 1:end].lstrip())
        start = start + 1 + words
        stop = doc.prose.find("\n", start, end)
    if stop >= 0:
        end = stop
    while end > start + 1 and doc.text[end - 1].isspace():
        end -= 1
    return Hit(start, end)
