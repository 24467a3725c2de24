"""Whose words a paragraph holds when the layout, not a verb of saying, names the speaker.

- **An interview set out as turns.** "Q: ... / A: ..." or "**Ortiz:** ... / **Bell:** ...": a paragraph
  opening with a speaker's label and a colon holds that speaker's words. Labels are read as turns only
  where the copy takes turns: a label comes back after another one ("Ortiz: ... Bell: ... Ortiz: ..."),
  or questions are answered ("Q: ... A: ...", "Q: ... Ortiz: ..."). A speaker is a label that comes
  back or that answers a question: an "Update:" or "Note:" line after the interview is the writer's, and a
  fact box ("Born: 1970", "Party: Labour") is no interview. The interviewer's questions (`Q`, `Question`,
  `Interviewer`) are the publication's own words and stay so.
- **A round-up of views set out under speaker lines.** "Jane Smith, parent, Leeds:" on a line of its own, then
  her words (on the next line or in the next paragraph, with no quotation marks): where the copy has at least
  two such lines, the words under each are that person's. A lone line is not enough (it may head a list);
  the name is two to four capitalized words and who they are follows a comma, so "Key facts:" heads nothing.
- **A section headed by a person's name.** In a round-up of views ("## Ana Ruiz, Labour" over her
  quotation, "## Tom Bell (Conservative)" over his), a quotation that opens a paragraph of the section
  is the named person's. The story's own headline, its first heading, heads no section.
"""
from __future__ import annotations

from typing import Sequence

from newslint.cache import programs
from newslint.document.markup import Block, BlockKind

# A label at a paragraph's start: "Q:", "A:", "Ortiz:", "**Ana Ruiz:**", "MAYOR ORTIZ:", "Mr Bell:", then words.
_PARTICLES = "de|da|van|von|bin|al|del|la|le"  # the small words inside a name ("Ana de la Cruz")
_LABEL = programs.compile(
    r"[ \t*_]*((?:[A-Z][\w'’.-]*)(?:[ \t]+(?:[A-Z][\w'’.-]*|" + _PARTICLES + r")){0,3})"
    r"[ \t]*[*_]{0,2}[ \t]*:[*_]{0,2}[ \t]+(?=\S)")
_ASKING = frozenset({"q", "question", "questions", "interviewer"})
# A person's name heading a section: two to four capitalized words (initials and particles allowed), then
# a comma, a dash or a bracket with who they are, or nothing.
_NAME_HEADING = programs.compile(
    r"[ \t*_]*(?:[A-Z][a-z'’-]+|[A-Z]\.)(?:[ \t]+(?:[A-Z][a-z'’-]+|[A-Z]\.|" + _PARTICLES + r")){1,3}"
    r"[ \t*_]*(?:$|,[ \t]|[ \t][-–—][ \t]|[ \t]?\()")


# A speaker line: a person's name, who they are after a comma, and a colon ending the line.
_SPEAKER_LINE = programs.compile(
    r"[ \t*_]*(?:[A-Z][a-z'’-]+|[A-Z]\.)(?:[ \t]+(?:[A-Z][a-z'’-]+|[A-Z]\.|" + _PARTICLES + r")){1,3}"
    r",[ \t]*[^\n:]{1,60}?[ \t*_]*:[*_]{0,2}[ \t]*(?:\n|$)")


def voices(prose: str, blocks: Sequence[Block]) -> dict[int, int]:
    """The paragraphs that hold a named person's words under a speaker line (see the module): block index ->
    the offset where the words start. Empty unless the copy has two speaker lines or more."""
    lines: list[tuple[int, int]] = []  # (block index, where the line ends)
    for i, block in enumerate(blocks):
        if i == 0 or not prose[block.start:block.end].strip():  # (the story's headline is no speaker line)
            continue
        m = _SPEAKER_LINE.match(prose, block.start, block.end)  # (a paragraph, or a line read as a heading)
        if m is not None:
            lines.append((i, m.end()))
    if len(lines) < 2:
        return {}
    out: dict[int, int] = {}
    heads = {i for i, _ in lines}
    for i, end in lines:
        if prose[end:blocks[i].end].strip():  # the words on the lines after the speaker's
            out[i] = end
        elif i + 1 < len(blocks) and i + 1 not in heads and blocks[i + 1].kind is not BlockKind.HEADING:
            out[i + 1] = blocks[i + 1].start
    return out


def turns(prose: str, blocks: Sequence[Block]) -> dict[int, int]:
    """The paragraphs that are a named speaker's turn in an interview, or a named person's words under a
    speaker line (`voices`): block index -> the offset where the speaker's words start (after the label).
    Empty unless the copy takes turns or sets out views (see the module)."""
    found = voices(prose, blocks)
    labels: list[tuple[int, str, int]] = []  # (block index, label in lower case, where the words start)
    for i, block in enumerate(blocks):
        m = _LABEL.match(prose, block.start, block.end)
        if m is not None:
            labels.append((i, " ".join(m.group(1).lower().split()), m.end()))
    if len(labels) < 2:
        return found
    said = [label for _, label, _ in labels]
    speaking = {label for (j, before, _), (i, label, _) in zip(labels, labels[1:])  # answers a question ...
                if before in _ASKING and i == j + 1}
    speaking.update(label for k, label in enumerate(said)  # ... or comes back after another label
                    if k > 1 and said[k - 1] != label and label in said[:k - 1])
    speaking -= _ASKING
    found.update((i, start) for i, label, start in labels if label in speaking and blocks[i].kind is not BlockKind.HEADING)
    return found


def names_a_person(prose: str, heading: Block) -> bool:
    """Is the heading a person's name, alone or with who they are ("Ana Ruiz, Labour", "Tom Bell (Conservative)")?"""
    return heading.kind is BlockKind.HEADING and _NAME_HEADING.match(prose, heading.start, heading.end) is not None
