"""The article type: what a piece is (news, opinion, analysis, review, ...). Its front matter says so
(`type:`, `categories:` or `tags:`), or a web page's own labels (its section, "Opinion" or "Reviews",
and its schema.org type, "OpinionNewsArticle" or "Review"); with none, a review or a column is also
known by its copy.

A review's evaluations are its job ("a stunning sequel", "the plot drags"), so the word-choice
families are not an editor's notes there. The copy gives a review away by a label line at its top
("Film review: ..."), a rating or a credits line (`Reviewed by`, `Starring`, `Running time:`, a track
listing), or by three things together: it keeps
returning to the work ("the film", "the album", "the gameplay"), it speaks in the critic's voice (the
first person, the reader addressed as "you", where to find the work: "is out now on ...") and it
reports almost nothing anyone said. A news story about a film names its speakers; a column about
politics has no work under review; neither reads as a review. A column is known by a columnist's
marks: a label line at its top ("Comment: ...") or a contributor line at its top or foot ("Ana Ruiz is a
columnist for the Gazette"); a first-person piece without them is not taken for one, since reports quote
first-person letters and statements at length.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newslint.cache import programs
from newslint.document.positions import fold

if TYPE_CHECKING:
    from newslint.document import Document
    from newslint.document.markup import Block

# What `categories:` or `tags:` may say for an article type (the first known one wins).
TYPE_WORDS = {
    "opinion": "opinion", "op-ed": "opinion", "oped": "opinion", "column": "opinion", "columns": "opinion",
    "commentary": "opinion", "comment": "opinion", "editorial": "opinion", "editorials": "opinion",
    "letters": "opinion", "analysis": "analysis", "news analysis": "analysis", "review": "review",
    "reviews": "review", "explainer": "explainer", "news": "news", "match report": "match",
    "match reports": "match",
}
_TYPE_KEYS = ("type", "categories", "category", "tags")
# schema.org's types of a news page (https://schema.org/NewsArticle and its kin, Review)
SCHEMA_TYPES = {
    "opinionnewsarticle": "opinion", "analysisnewsarticle": "analysis", "backgroundnewsarticle": "explainer",
    "reviewnewsarticle": "review", "review": "review", "criticreview": "review", "reportagenewsarticle": "news",
}


def _type_of(meta: object) -> str | None:
    if not isinstance(meta, dict):
        return None
    value = meta.get("type")
    if isinstance(value, str):
        return value.strip().lower()
    for key in _TYPE_KEYS[1:]:
        values = meta.get(key)
        for item in [values] if isinstance(values, str) else values if isinstance(values, list) else ():
            if isinstance(item, str) and item.strip().lower() in TYPE_WORDS:
                return TYPE_WORDS[item.strip().lower()]
    return None


def article_type(text: str) -> str | None:
    """The article type its Markdown front matter gives, lower-cased: `type:`, else the first of its
    `categories:` or `tags:` that names a type (opinion, op-ed, column, analysis, review, ...)."""
    body = text.lstrip("\ufeff")
    if not body.startswith("---"):
        return None
    lines = body.splitlines()
    for i, line in enumerate(lines[1:], 1):
        if line.strip() in ("---", "..."):
            front = "\n".join(lines[1:i])
            if not any(key in front for key in _TYPE_KEYS) and "\\" not in front:  # no such key, however the YAML reads
                return None
            import yaml  # only for front matter that may hold a type

            try:
                meta = yaml.safe_load(front)
            except yaml.YAMLError:
                return None
            return _type_of(meta)
    return None


# The folders of a page's own address that name an article type ("/opinions/", the Guardian's "/commentisfree/").
URL_FOLDERS = {**{k: v for k, v in TYPE_WORDS.items() if " " not in k and k not in ("news", "letters")},
               "opinions": "opinion", "commentisfree": "opinion", "op-eds": "opinion", "oped": "opinion"}


def _folder_type(address: str) -> str | None:
    """The type the folders of a page's address name (not its last part, the page's own name)."""
    path = address.split("://", 1)[-1].split("?", 1)[0].split("#", 1)[0]
    folders = path.lower().split("/")[1:-1]
    return next((URL_FOLDERS[f] for f in folders if f in URL_FOLDERS), None)


def declared_type(labels: tuple[str, ...]) -> str | None:
    """The article type a page's own labels give: the first section that names one (Opinion, Reviews,
    Analysis ...), else the folders of its own address ("/opinions/"), else the first schema.org type
    that does; None for a section such as "Business"."""
    keys = [label.strip().lower() for label in labels]
    section = next((TYPE_WORDS[k] for k in keys if k in TYPE_WORDS), None)
    folder = next((t for k in keys if k.startswith(("http://", "https://")) and (t := _folder_type(k))), None)
    return section or folder or next((SCHEMA_TYPES[k] for k in keys if k in SCHEMA_TYPES), None)


def type_of(doc: Document) -> str | None:
    """The article type of `doc`: its front matter's, else its page's own labels' (`declared_type`),
    else `review` when its copy reads as one (`review_by_copy`), else `match` under a scoreline
    headline (`match_report_by_copy`), else `analysis` under an analysis label line ("Analysis: ..."),
    else `opinion` when it carries a columnist's marks (`opinion_by_copy`), else None (news)."""
    declared = article_type(doc.text) or declared_type(doc.declared)
    if declared is not None:
        return declared
    if review_by_copy(doc):
        return "review"
    if match_report_by_copy(doc):
        return "match"
    first = _first_block(doc)
    if first is not None and _ANALYSIS_LABEL.match(doc.prose, first.start, first.end):
        return "analysis"
    return "opinion" if opinion_by_copy(doc) else None


def _first_block(doc: Document) -> Block | None:
    """The first paragraph of `doc` that holds any prose (its headline, or a label line over it)."""
    prose = doc.prose
    return next((b for b in doc.blocks if prose[b.start:b.end].strip()), None)


# A columnist's marks: a label line at the top ("Comment:", "Opinion | ...", "Column by ..."), or a
# contributor line at the top or the foot ("Ana Ruiz is a columnist for the Gazette").
_COLUMN_LABEL = programs.compile(
    r"[ \t>*_#]*(?:opinion|comment|commentary|column|op-ed|viewpoint|editorial)\s*(?::|\||-|–|—|by\b)", re.I)
# An analysis piece's label line at the top: "Analysis: ...", "News analysis | ...".
_ANALYSIS_LABEL = programs.compile(r"[ \t>*_#]*(?:news\s+)?analysis\s*(?::|\||–|—|-\s)", re.I)
_CONTRIBUTOR = programs.compile(
    r"^[ \t>*_]*(?:-\s*)?(?-i:[A-Z])[\w.'’-]*(?:\s+(?-i:[A-Z])[\w.'’-]*){0,3}\s+(?:is|was|writes)\s+(?:a|an|the|our)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:columnist|commentator|contributing\s+(?:writer|editor)|contributor|opinion\s+writer)\b",
    re.I | re.M)
CONTRIBUTOR_LINE_MAX = 300  # characters: a contributor line is a short paragraph of its own


def opinion_by_copy(doc: Document) -> bool:
    """Whether `doc`, with no type declared, carries a columnist's marks: a label line opening it
    ("Comment: ...", "Opinion | ..."), or a short contributor line as its first or last paragraph
    ("Ana Ruiz is a regular columnist for the Gazette")."""
    blocks, prose = doc.blocks, doc.prose
    first = _first_block(doc)  # the first and the last paragraph
    if first is None:
        return False
    last = next(b for b in reversed(blocks) if prose[b.start:b.end].strip())  # (the first, when it is the only one)
    if _COLUMN_LABEL.match(doc.prose, first.start, first.end):
        return True
    for block in {first, last}:
        text = doc.prose[block.start:block.end].strip()
        if len(text) <= CONTRIBUTOR_LINE_MAX and _CONTRIBUTOR.match(text):
            return True
    return False


# The work under review, as a review refers back to it: "the film", "its soundtrack", "this sequel".
_WORK_NOUN = (
    r"\s+(?:(?:new|latest|first|second|third|debut|original)\s+)?"
    r"(?:game|games|gameplay|film|movie|album|novel|book|show|play|production|record|sequel|musical|opera"
    r"|documentary|episode|single|soundtrack|plot|script|screenplay|cast|graphics|staging|director"
    r"|performances?|storyline|characters)\b"
)
_WORK = programs.compile(r"\b(?:the|this|its|his|her|their)" + _WORK_NOUN, re.I)
# The same in `fold`ed text, as three searches that each open with letters the search skips to at C
# speed ("th", "its", "h"), then look back for the word start: a match of one is never inside a match
# of another, so their counts add up to the count of `_WORK`.
_WORK_FOLDED = tuple(programs.compile(head + _WORK_NOUN) for head in (
    r"th(?<!\wth)(?:e(?:ir)?|is)", r"its(?<!\wits)", r"h(?<!\wh)(?:is|er)"))
# The critic's voice: the reader addressed, or the critic's own first person.
_READER = programs.compile(r"\b(?:you|your|you're|you'll|you've|you'd)\b", re.I)
_CRITIC = programs.compile(r"\b(?:I|I'm|I've|I'd|my|me)\b")
# Where the reader finds the work.
_AVAILABLE = programs.compile(
    r"\b(?:is|are)\s+(?:out\s+(?:now|on|in|from)|(?:released|published)\s+(?:on|in|by)|in\s+cinemas"
    r"|in\s+(?:shops|stores)|on\s+sale|available\s+(?:now|on|from)|showing\s+at|on\s+tour|at\s+the\s+\w+\s+theatre)\b",
    re.I,
)
# Someone reported speaking: a review reports almost none of it.
_SPEECH = programs.compile(r"\b(?:said|says|told|according\s+to|announced|stated|added)\b", re.I)
# A rating, or a credits line at the start of a line: marks of a review on their own. Four searches,
# each opening with what the search can skip to at C speed: a star; a digit (then a look back for
# the word start); in `fold`ed text, the first letters of the rating words; a line break (the text
# is searched with one put before it, so that its first line starts after one too).
_STARS = "★✭✮⭐"
_STAR_RATING = programs.compile(r"[★✭✮⭐]\s*[★✭✮⭐☆✩]")
_OUT_OF = programs.compile(r"[0-5](?<!\w[0-5])(?:\.5)?\s*(?:/|out\s+of)\s*(?:5|five)\s*stars?\b", re.I)
_RATING_END = r"\s*:\s*(?:\d|[★✭✮⭐☆✩*])"
_RATING = programs.compile(r"\b(?:rating|verdict|score|stars)" + _RATING_END, re.I)
_RATING_FOLDED = programs.compile(r"[rvs](?<!\w.)(?:(?<=r)ating|(?<=v)erdict|(?<=s)(?:core|tars))" + _RATING_END)
_CREDITS = programs.compile(
    r"\n[ \t>*_#-]*(?:reviewed\s+by|review\s+by|starring|directed\s+by|director:|cast:|running\s+time\b"
    r"|certificate:|track\s*list(?:ing)?\b|developer:|publisher:|platforms?:|label:|format:)",
    re.I,
)


def _marked(prose: str) -> bool:
    """Does `prose` hold a rating (stars, "4/5 stars", "Rating: 4") or a line opening with credits?"""
    if any(star in prose for star in _STARS) and _STAR_RATING.search(prose):
        return True
    if _OUT_OF.search(prose) or _CREDITS.search("\n" + prose):
        return True
    folded = fold(prose)
    return bool(_RATING.search(prose) if folded is None else _RATING_FOLDED.search(folded))


REVIEW_MIN_WORDS = 150  # shorter copy is a brief, not a review, unless it carries a rating or credits
REVIEW_WORK_MIN = 3  # references back to the work
REVIEW_VOICE_MIN = 3  # sentences addressing the reader, or in the critic's first person
REVIEW_SPEECH_MAX = 2.5  # reports of speech per 1,000 words of the writer's own voice, at most


# A review's label line at the top: "Review: ...", "DVD review: ...", "Theatre review | ...". A bare
# "review" after another word is news ("Spending review: ...", "Pay review: ..."), so the word before
# it must name a kind of work or venue.
_REVIEW_LABEL = programs.compile(
    r"[ \t>*_#]*(?:(?:album|book|concert|dance|dvd|exhibition|film|game|gig|movie|music|opera|podcast"
    r"|radio|record|restaurant|stage|television|theatre|theater|tv|video\s+game)\s+)?review\s*(?::|\||–|—|-\s)",
    re.I,
)


def _labelled_review(doc: Document) -> bool:
    """Does the first paragraph of `doc` open with a review's label line?"""
    first = _first_block(doc)
    return first is not None and _REVIEW_LABEL.match(doc.prose, first.start, first.end) is not None


def review_by_copy(doc: Document) -> bool:
    """Whether `doc`, with no type declared, reads as a review (see the module's docstring)."""
    if _labelled_review(doc):
        return True
    own = doc.own_voice
    folded = fold(own)
    if folded is None:
        work = sum(1 for _ in _WORK.finditer(own))
    else:
        work = sum(1 for pattern in _WORK_FOLDED for _ in pattern.finditer(folded))
    if not work:
        return False
    if _marked(doc.prose):
        return True
    words = len(own.split())
    if work < REVIEW_WORK_MIN or words < REVIEW_MIN_WORDS:
        return False
    if sum(1 for _ in _SPEECH.finditer(own)) * 1000 > REVIEW_SPEECH_MAX * words:
        return False
    sentences = [own[s.start:s.end] for s in doc.sentences]
    reader = sum(1 for s in sentences if _READER.search(s))
    critic = sum(1 for s in sentences if _CRITIC.search(s))
    return reader >= REVIEW_VOICE_MIN or critic >= REVIEW_VOICE_MIN or bool(_AVAILABLE.search(own))


# A match report's headline is the scoreline: "Clyde 0-5 Celtic", "Queen of the South 2-2 St Mirren",
# "Italy 8–38 Wales (aet)". A side is one to five words, each capitalised or a connective inside a name.
_SIDE = r"(?:[A-Z][\w.'’&-]*)(?:\s+(?:[A-Z][\w.'’&-]*|of|the|de|del|da|and|&))*"
_SCORELINE = programs.compile(
    r"[ \t>*_#]*" + _SIDE + r"\s+\d{1,3}\s*[-–]\s*\d{1,3}\s+" + _SIDE
    + r"(?:\s*\((?:aet|a\.e\.t\.|pens?|agg(?:regate)?)[^)\n]{0,20}\))?[ \t*_]*$"
)
SCORELINE_MAX_WORDS = 12


def match_report_by_copy(doc: Document) -> bool:
    """Whether `doc`, with no type declared, is a sports match report: its first paragraph, the
    headline, is a scoreline and nothing else ("Clyde 0-5 Celtic"). Describing the play ("a superb
    save", "utterly dominant") is such a report's job, as a review's evaluations are a review's."""
    first = _first_block(doc)
    if first is None:
        return False
    line = doc.prose[first.start:first.end].strip()
    return len(line.split()) <= SCORELINE_MAX_WORDS and _SCORELINE.match(line) is not None
