"""Whose words a paragraph holds when the layout, not a verb of saying, names the speaker.

- **An interview set out as turns.** "Q: ... / A: ..." or "**Ortiz:** ... / **Bell:** ...": a paragraph
  opening with a speaker's label and a colon holds that speaker's words. Labels are read as turns only
  where the copy takes turns: a label comes back after another one ("Ortiz: ... Bell: ... Ortiz: ..."),
  or questions are answered ("Q: ... A: ...", "Q: ... Ortiz: ..."). A speaker is a label that comes
  back or that answers a question: an "Update:" or "Note:" line after the interview is the writer's, and a
  fact box ("Born: 1970", "Party: Labour") is no interview. The interviewer's questions (`Q`, `Question`,
  `Interviewer`) are the publication's own words and stay so.
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


def turns(prose: str, blocks: Sequence[Block]) -> dict[int, int]:
    """The paragraphs that are a named speaker's turn in an interview: block index -> the offset where the
    speaker's words start (after the label). Empty unless the copy takes turns (see the module)."""
    labels: list[tuple[int, str, int]] = []  # (block index, label in lower case, where the words start)
    for i, block in enumerate(blocks):
        m = _LABEL.match(prose, block.start, block.end)
        if m is not None:
            labels.append((i, " ".join(m.group(1).lower().split()), m.end()))
    if len(labels) < 2:
        return {}
    said = [label for _, label, _ in labels]
    speaking = {label for (j, before, _), (i, label, _) in zip(labels, labels[1:])  # answers a question ...
                if before in _ASKING and i == j + 1}
    speaking.update(label for k, label in enumerate(said)  # ... or comes back after another label
                    if k > 1 and said[k - 1] != label and label in said[:k - 1])
    speaking -= _ASKING
    return {i: start for i, label, start in labels if label in speaking and blocks[i].kind is not BlockKind.HEADING}


def names_a_person(prose: str, heading: Block) -> bool:
    """Is the heading a person's name, alone or with who they are ("Ana Ruiz, Labour", "Tom Bell (Conservative)")?"""
    return heading.kind is BlockKind.HEADING and _NAME_HEADING.match(prose, heading.start, heading.end) is not None
