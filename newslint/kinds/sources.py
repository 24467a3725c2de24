"""`sources`: structural checks of an article's "Sources" / "References" list.

Anti-pattern: a closing "Sources:" list of outlet homepages ("[BBC](https://www.bbc.com/news)")
that no sentence of the story cites.
Best practice: attribute in the sentence that uses the information ("the BBC reported on
Jan. 4 ..."), and link the specific report.

Options: `check` (one of `homepage`: an entry links a bare domain or a section front;
`uncited`: an entry's outlet is never named in the body, except the dataset a one-line
"Source: ..." credit names; `empty`: a list heading with no entries), `section_fronts` (path segments that are section fronts, not articles).
The message may use `{match}` and `{outlet}`.
"""
from __future__ import annotations

import re
from typing import Any, Iterator, NamedTuple
from urllib.parse import urlsplit

from newslint.cache import programs
from newslint.document import Document, Scope, SourceEntry
from newslint.kinds import BuildContext, Hit, KindBase
from newslint.schema import Option, Where, choice, strings

SECTION_FRONTS = (
    "news", "world", "en", "home", "index.html", "index.htm", "us", "uk", "international", "latest",
    "politics", "business", "middle-east", "middleeast", "europe", "africa", "asia", "americas",
    "edition", "live", "topics", "section", "sections",
)
OPTIONS = {
    "check": Option(choice("homepage", "uncited", "empty"), required=True),
    "section_fronts": Option(strings, SECTION_FRONTS),
}
_WORD = programs.compile(r"[a-z0-9]+")
OUTLET_WORDS = 4  # an outlet's name is this long at most ("The Times of India"); a longer entry describes


def is_front_page(url: str, fronts: frozenset[str]) -> bool:
    """True for a bare domain or a section front such as https://www.bbc.com/news."""
    parts = urlsplit(url if "://" in url else "https://" + url)
    if not parts.netloc or parts.query:
        return False
    segments = [s for s in parts.path.split("/") if s]
    return all(s.lower() in fronts for s in segments) and len(segments) <= 2


def _absolute(url: str) -> bool:
    return "://" in url or url.startswith(("www.", "//"))


def _titled(entry: SourceEntry) -> bool:
    """A link to one report under its title ("[Port strike closes docks](https://...)")."""
    return bool(entry.url) and len(entry.label.split()) >= OUTLET_WORDS and not entry.label.startswith(("http", "www."))


def outlet_name(entry: SourceEntry) -> str:
    """The outlet an entry stands for: its label, or the domain when the label is a URL."""
    label = entry.label
    if entry.url and (not label or label.startswith(("http", "www."))):
        host = urlsplit(entry.url if "://" in entry.url else "https://" + entry.url).netloc.lower()
        host = host.removeprefix("www.")
        return host.split(".")[0]
    return label


class Body(NamedTuple):
    """An article's narrative text and its words, computed once for all of its source entries."""

    text: str
    words: frozenset[str]
    squashed: str

    @classmethod
    def of(cls, text: str) -> Body:
        found = _WORD.findall(text.lower())
        return cls(text, frozenset(found), "".join(found))


def named_in(body: Body, entry: SourceEntry) -> bool:
    """Does the story name the entry's outlet? A link to a page of the site itself (a relative link,
    "/news/..."), a link to one report under its title, the related coverage a reader can follow, and
    an entry too long to be an outlet's name are not outlets listed for show."""
    if entry.url and (not _absolute(entry.url) or _titled(entry)):
        return True
    if not entry.url and len(entry.label.split()) > OUTLET_WORDS:
        return True  # a headline ("READ MORE: Council votes to shut the library") or a description of sources
    name = outlet_name(entry)
    tokens = _WORD.findall(name.lower())
    if not tokens:
        return True
    # The word check first: only a name whose every word occurs is searched for as a phrase.
    if all(t in body.words for t in tokens) and \
            re.search(r"(?<!\w)" + r"\W+".join(map(re.escape, tokens)) + r"(?!\w)", body.text, re.I):
        return True
    if entry.url:  # "aljazeera.com" is cited by "Al Jazeera"; "bbc.co.uk" by "BBC"
        host = urlsplit(entry.url if "://" in entry.url else "https://" + entry.url).netloc.lower()
        core = host.removeprefix("www.").split(".")[0].replace("-", "")
        if core and (core in body.words or (len(core) > 4 and core in body.squashed)):
            return True
    return False


class Sources(KindBase):
    name = "sources"
    options = OPTIONS
    default_scope = frozenset({Scope.SOURCES})
    message_fields = frozenset({"match", "outlet"})

    def __init__(self, check: str, fronts: frozenset[str]) -> None:
        self.check_name = check
        self.fronts = fronts

    @classmethod
    def build(cls, options: dict[str, Any], where: Where, ctx: BuildContext) -> Sources:
        return cls(options["check"], frozenset(s.lower() for s in options["section_fronts"]))

    def check(self, doc: Document) -> Iterator[Hit]:
        if not doc.source_lists:
            return
        body = Body.of(doc.narrative_text() if self.check_name == "uncited" else "")
        for block in doc.source_lists:
            if self.check_name == "empty":
                if not block.entries:
                    yield Hit(block.heading_start, block.heading_end)
                continue
            for entry in block.entries:
                fields = {"outlet": outlet_name(entry), "match": doc.text[entry.start:entry.end]}  # (its link too)
                if self.check_name == "homepage":
                    if entry.url and is_front_page(entry.url, self.fronts):
                        yield Hit(entry.start, entry.end, (), fields)
                elif not (block.credit and not entry.url) and not named_in(body, entry):
                    yield Hit(entry.start, entry.end, (), fields)
