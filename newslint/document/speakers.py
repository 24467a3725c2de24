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
  two such lines, the words under each are that person's (see the next item). A lone line is not enough (it may head a list);
  the name is two to four capitalized words and who they are follows a comma, so "Key facts:" heads nothing.
- **Quotations under a label line naming a person with who they are.** "Rovers manager Tom Hale:", "Home
  Secretary Ana Ruiz:", "Sir Tom Hale:" on a line of its own (or before a quotation on its line), as a reaction
  round-up sets out quotes: the quotations that follow it, paragraph after paragraph, are that person's, up to
  a paragraph that opens with none, the next label line or a heading. One such line is enough: a role or an
  honorific directly before a name, then a colon and a quotation, name the speaker as "said:" does. A bare
  name ("Ana Ruiz:") or a name with who they are after a comma heads quotations only where the copy has two
  speaker lines or more, and "Key facts:" or "Update:" names no one. Where the copy has two speaker lines or
  more, the unquoted words directly under one are the speaker's too (its first paragraph: those after it may be
  the writer's again).
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

# A label line: who a person is, directly before their name ("Rovers manager Tom Hale", "Home Secretary Ana
# Ruiz", "Manchester Rovers boss Sir Tom Hale", "Sir Tom Hale", "Mr Hale"), then a colon ending the line or
# before a quotation. Who they are is a word in lower case that is no function word ("coach", "boss",
# "full-back", "winner"), a title written with a capital, or an honorific.
_NAME_WORD = r"(?:[A-Z][\w'’-]*[a-z][\w'’-]*|[A-Z]\.)"  # (McLeod, O'Neill: capitalized, with a letter in lower case)
_TITLES = ("Secretary|Minister|President|Chancellor|Premier|Mayor|Governor|Senator|Manager|Coach|Captain|Skipper|"
           "Chairman|Chairwoman|Chair|Chief|Leader|Director|Executive|Boss|Spokesman|Spokeswoman|Spokesperson|"
           "Commissioner|Ambassador|Editor|Inspector|Superintendent|Officer|Councillor|Founder|Owner|Head|Deputy")
_HONORIFICS = (r"(?:Sir|Dame|Lord|Lady|Baroness|Baron|Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Rev|Revd|Cllr|Father|"
               r"Rabbi|Imam|Bishop|Archbishop|Cardinal|Sheikh|Gen|Col|Capt|Lt|Sgt|Judge|Justice)\.?")
# Words in lower case that tell not who someone is ("Key facts about Ana Ruiz:", "Who is Tom Hale:").
_NOT_A_ROLE = ("about|above|across|after|against|along|among|and|around|as|at|before|behind|below|beside|between|"
               "but|by|during|for|from|in|inside|into|like|near|nor|of|off|on|onto|or|over|past|per|since|than|"
               "the|a|an|this|that|these|those|through|to|toward|towards|under|until|up|upon|via|vs|with|within|"
               "without|is|are|was|were|be|been|being|am|has|have|had|do|does|did|meet|meets|met|says|said|asks|"
               "asked|tells|told|thanks|thank|whom|who|his|her|their|its|our|my|your")
_ROLE = r"(?:(?!(?:" + _NOT_A_ROLE + r")\b)[a-z][\w'’-]*|(?:" + _TITLES + r")\b)"
_LABEL_LINE = programs.compile(
    r"[ \t*_]*(?:[\w'’.&-]+[ \t]+){0,6}?"
    r"(?:" + _ROLE + r"[ \t]+(?:" + _HONORIFICS + r"[ \t]+)?" + _NAME_WORD
    + r"(?:[ \t]+(?:" + _NAME_WORD + "|" + _PARTICLES + r")){1,3}"
    r"|" + _HONORIFICS + r"[ \t]+" + _NAME_WORD + r"(?:[ \t]+(?:" + _NAME_WORD + "|" + _PARTICLES + r")){0,2})"
    r"[ \t*_]*:[*_]{0,2}[ \t]*(?:\n|$|(?=[\"“«„‘']))")
_QUOTE_MARKS = "\"“«„‘'"


def _opens_quote(prose: str, start: int, end: int) -> bool:
    """Does `prose[start:end]` open with a quotation mark (after blanks and emphasis)?"""
    words = prose[start:end].lstrip(" \t\n*_>")
    return words[:1] in _QUOTE_MARKS and words[:1] != ""


def heard(prose: str, blocks: Sequence[Block]) -> tuple[dict[int, int], dict[int, int]]:
    """Whose words stand under speaker lines and label lines (see the module): (the paragraphs whose unquoted
    words are the speaker's, the paragraphs whose quotations are), each as block index -> the offset from
    which they are. Both empty unless the copy has a label line naming someone with a role or an honorific,
    or two speaker lines or more."""
    lines: list[tuple[int, int, bool]] = []  # (block index, where the line ends, does it name a role?)
    for i, block in enumerate(blocks):
        if i == 0 or not prose[block.start:block.end].strip():  # (the story's headline is no speaker line)
            continue
        m = _LABEL_LINE.match(prose, block.start, block.end)  # (a paragraph, or a line read as a heading)
        if m is not None:
            lines.append((i, m.end(), True))
            continue
        m = _SPEAKER_LINE.match(prose, block.start, block.end)
        if m is not None:
            lines.append((i, m.end(), False))
    words: dict[int, int] = {}
    quotes: dict[int, int] = {}
    many = len(lines) >= 2
    if not lines or not many and not lines[0][2]:
        return words, quotes
    for k, (i, end, _) in enumerate(lines):
        stop = len(blocks) if k + 1 == len(lines) else lines[k + 1][0]
        # what stands under the line: the rest of its own paragraph, then the paragraphs after it
        units = [(i, end)] if prose[end:blocks[i].end].strip() else []
        units += [(j, blocks[j].start) for j in range(i + 1, stop)]
        for n, (j, start) in enumerate(units):
            if j != i and blocks[j].kind is BlockKind.HEADING:
                break
            if _opens_quote(prose, start, blocks[j].end):
                quotes[j] = start
            elif many and n == 0:  # (unquoted words after them may be the writer's again)
                words[j] = start
            else:
                break
    return words, quotes


def turns(prose: str, blocks: Sequence[Block]) -> tuple[dict[int, int], dict[int, int]]:
    """Whose words the layout says a paragraph holds (see the module): (the paragraphs that are a named speaker's
    turn in an interview, or a named person's unquoted words under a speaker line; the paragraphs whose
    quotations are a person's named on a label or speaker line above them), each as block index -> the offset
    from which they are the speaker's (after the label). Empty unless the copy takes turns or sets out views."""
    found, quotes = heard(prose, blocks)
    labels: list[tuple[int, str, int]] = []  # (block index, label in lower case, where the words start)
    for i, block in enumerate(blocks):
        m = _LABEL.match(prose, block.start, block.end)
        if m is not None:
            labels.append((i, " ".join(m.group(1).lower().split()), m.end()))
    if len(labels) < 2:
        return found, quotes
    said = [label for _, label, _ in labels]
    speaking = {label for (j, before, _), (i, label, _) in zip(labels, labels[1:])  # answers a question ...
                if before in _ASKING and i == j + 1}
    speaking.update(label for k, label in enumerate(said)  # ... or comes back after another label
                    if k > 1 and said[k - 1] != label and label in said[:k - 1])
    speaking -= _ASKING
    found.update((i, start) for i, label, start in labels if label in speaking and blocks[i].kind is not BlockKind.HEADING)
    return found, quotes


def names_a_person(prose: str, heading: Block) -> bool:
    """Is the heading a person's name, alone or with who they are ("Ana Ruiz, Labour", "Tom Bell (Conservative)")?"""
    return heading.kind is BlockKind.HEADING and _NAME_HEADING.match(prose, heading.start, heading.end) is not None
