"""Synopses: the story of a book, a film or a play told in a news story.

"The novel tells the story of a boy who sets out to rid the forest of an evil force": the evil force
is the book's, not the writer's verdict on anyone; so is the killer in "the thriller features a deranged
killer". A synopsis opens where the copy says it tells a work's story or shows what is in it ("tells the
story of", "the film follows", "the plot centres on", "the play depicts", "the game features"), or names a
part played in a work ("she plays a ruthless gangster in the new film", "the comedy stars Ben Stiller as a
hapless nurse"; the part described after "as", to the end of its clause: "the film, which starred Ana Ruiz as a
babysitter terrorised by a stalker, ..."), or what a work of fiction is about ("her novel, about a ruthless businesswoman"), or sets the scene in the work
("In the film, a ruthless drifter moves in next door"), and runs to the end of the next
sentence, which carries the plot on. Word-choice findings (the families an article type
softens) inside it are dropped (`drop_synopses`); sourcing rules still read it.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, AbstractSet, Iterator, Sequence

from newslint.cache import programs
from newslint.matching.literals import searched
from newslint.document.positions import fold, within
from newslint.finding import Finding

if TYPE_CHECKING:
    from newslint.document.model import Memo
    from newslint.relayed import Search

_CUE_SOURCE = (
    r"\btell(?:s|ing)?\s+(?:of\s+)?the\s+story\s+of\b"
    r"|\b(?:film|movie|novel|book|play|musical|series|drama|sitcom|opera|game|thriller|comedy|documentary|episode|"
    r"sequel|song|video|exhibition|painting|poem)\s+(?:follows|centres\s+on|centers\s+on|depicts|portrays|features|"
    r"imagines|explores)\b"
    r"|\b(?:the|its|whose)\s+(?:plot|storyline)\s+(?:follows|concerns|centres\s+on|centers\s+on|revolves\s+around)\b"
    # a part played in a work named in the same clause: "plays a ruthless gangster in the new film"
    r"|\b(?:plays|played|playing|portrays|portrayed|portraying|(?:stars|starred|starring|cast)\s+as)\s+(?:a|an|the)\s+"
    r"[^.;:!?\n]{1,60}?\bin\s+(?:(?:the|a|an|his|her|their|its)\s+)?(?:[\w'’-]+\s+){0,2}?"
    r"(?:film|movie|play|musical|series|drama|sitcom|soap|opera|production|thriller|comedy|adaptation|remake|sequel|"
    r"pantomime|panto|show)\b"
    # ... or a work that casts someone in a part ("the comedy stars Ben Stiller as a hapless nurse")
    r"|\b(?:film|movie|play|musical|series|drama|sitcom|comedy|thriller|sequel|production|show)\s+(?:stars|starred)\s+"
    r"(?:(?-i:[A-Z])[\w'’.-]*\s+){1,3}as\s+(?:a|an|the)\b"
    # what a work of fiction is about ("her novel, about a ruthless businesswoman, ...", "the film is about ...")
    r"|\b(?:novel|film|movie|play|musical|opera|sitcom|comedy|thriller|drama|sequel|game|song|album)(?:,|\s+(?:is|was))?"
    r"\s+about\s+(?:a|an|the|two|three|his|her|their)\b"
    # a work of fiction as the place where what follows happens, opening a sentence: "In the film, a ruthless
    # drifter moves in next door" (not "as she wrote in the novel, ...", nor a book's argument: "In the book, ...")
    r"|(?<![\w,;:]\s)\bin\s+(?:the|this|his|her|their|its)\s+(?:new\s+|latest\s+|first\s+|original\s+)?(?:film|movie|novel|play|"
    r"musical|series|drama|sitcom|opera|game|thriller|comedy|sequel|episode|show)\s*,"
    # a part someone is cast in, described to the end of its clause: "which starred Ana Ruiz as a babysitter
    # terrorised by a stalker", "Tom Hale stars as a ruthless banker who ...", "who played a sadistic guard", "took
    # the role of an evil queen", "in a starring role as a corrupt detective" (see `_acting`)
    r"|\b(?P<part>(?:(?:stars|starred|starring|plays|played|playing)\s+(?:(?-i:[A-Z])[\w'’.-]*\s+){0,4}as\s+(?:a|an|the)"
    r"|(?:plays|played|playing)\s+(?:a|an)"
    r"|(?:(?:plays|played|playing|takes|took|taking|taken|landed|lands)\s+(?:the\s+)?(?:title\s+|lead\s+|starring\s+)?"
    r"role\s+of|starring\s+(?:role|turn)\s+as)\s+(?:a|an|the))\s+[^,;:.!?()\n\u2013\u2014\"“”]{1,120})"
)
_CUE = searched(programs.compile(_CUE_SOURCE, re.I))
# The same cues looked for in the lower-cased prose, several times faster; a capital the cue wants (the
# name of whom a work stars) is a letter there, and each cue found is read again in the prose (`_cues`).
_CUE_FOLDED = programs.compile(_CUE_SOURCE.replace("(?-i:[A-Z])", "[a-z]"))
_SENTENCE_END = programs.compile(r"[.!?](?=[\"”’']?(?:\s|$))|\n\s*\n")
SENTENCES = 2  # the cue's sentence and the one after it
# A work of fiction or an actor, named before a part is described: "a thriller in which Tom Hale stars as ...". (Not
# words a match report or a business story uses too: a role, a character, a drama, a series, a stage, a director.)
_A_WORK = programs.compile(r"\b(?:films?|movies?|musicals?|sitcoms?|soaps?|operas?|thrillers?|comedy|comedies|sequels?|"
                           r"remakes?|adaptations?|pantomimes?|panto|actors?|actress(?:es)?|co-stars?|starring|"
                           r"blockbusters?|cinemas?|Hollywood|box\s+office|(?:tv|television|drama)\s+series)\b", re.I)
_LOOKBACK = 300  # characters before a part read for a work named before it


# Every cue holds one of these words: copy without any of them (most news) is not searched.
_CUE_WORDS = ("story", "follows", "centres", "centers", "concerns", "revolves", "depicts", "portray", "features",
              "imagines", "explores", "play", "star", "cast", "about", "film", "movie", "novel", "series",
              "musical", "drama", "sitcom", "opera", "game", "thriller", "comedy", "sequel", "episode", "show", "role")


def spans(prose: str, search: Search | None = None) -> list[tuple[int, int]]:
    """Sorted (start, end) of the synopses in `prose` (`search`: what `finditer` of a program over
    `prose` yields, found faster than by a search of it: see `Document.search`)."""
    out: list[tuple[int, int]] = []
    folded = fold(prose)
    if folded is not None and not any(word in folded for word in _CUE_WORDS):
        return out
    for m in _cues(prose, folded) if search is None else search(_CUE):
        if m.start("part") >= 0:
            if _acting(prose, m):
                out.append((m.start("part"), m.end()))
            continue
        end = m.end()
        for _ in range(SENTENCES):
            stop = _SENTENCE_END.search(prose, end)
            if stop is None:
                end = len(prose)
                break
            end = stop.end()
            if stop.group().startswith("\n"):
                break
        out.append((m.start(), end))
    return out


def _acting(prose: str, m: re.Match[str]) -> bool:
    """Is the part described ("as a ...", "played a ...") one played in a work? So it is where a work's cast is
    named ("which starred Ana Ruiz as a ...", "starring Tom Hale as the ..."), or where a work or an actor is named
    shortly before it ("The film opens on Friday. Tom Hale stars as a ..."). Not otherwise: "Okafor
    starred as a ten-man Rovers side held on" tells of a match ("as" is a time there), and "the visitors played a
    ruthless game" of a side."""
    verb = m.group("part")
    if verb[:4].lower() == "star" and verb.split(None, 2)[1][:1].isupper():
        return True
    start = m.start("part")
    return _A_WORK.search(prose, max(0, start - _LOOKBACK), start) is not None


def _cues(prose: str, folded: str | None) -> Iterator[re.Match[str]]:
    """The matches of `_CUE` in `prose`, as `finditer` finds them: each where the lower-cased prose
    (`folded`) first has a match of `_CUE_FOLDED`, which every cue has, and `_CUE` matches the prose too."""
    if folded is None:
        yield from _CUE.finditer(prose)
        return
    at = 0
    while (found := _CUE_FOLDED.search(folded, at)) is not None:
        m = _CUE.match(prose, found.start())
        if m is None:
            at = found.start() + 1
            continue
        yield m
        at = m.end()


def drop_synopses(findings: Sequence[Finding], prose: str, families: AbstractSet[str],
                  memo: Memo | None = None, search: Search | None = None) -> list[Finding]:
    """`findings` without those of `families` that stand in a synopsis of `prose` (found once per document
    when its `memo` is given; `search`: as for `spans`)."""
    if not any(f.family in families for f in findings):
        return list(findings)
    told = spans(prose, search) if memo is None else memo.kept("synopsis.spans", lambda: spans(prose, search))
    if not told:
        return list(findings)
    return [f for f in findings if f.family not in families or not within(told, f.start, f.end)]
