"""What a web page says besides its article: its furniture (comments, sharing, promotions, related
boxes: elements told by the words of their class or id), and what the page says it is (its section,
address or schema.org type)."""
from __future__ import annotations

import re

from newslint.cache import programs

# The words of a class or id that mark a page's furniture, after the class names readability.js
# treats as unlikely content. Comments, sharing, newsletters and the like are furniture whatever else
# the name says; promotions, related boxes and sidebars unless it also names the story's body
# ("story-body sponsored"). An element so named is not read, unless it holds the article body from
# outside it ("page has-sidebar"); an <article> or <main> so named ("comment") is no article body.
_FURNITURE = frozenset("""
comment comments commentlist disqus replies respond share sharing sharebar newsletter signup subscribe
cookie cookies consent gdpr breadcrumb breadcrumbs outbrain taboola
""".split())
_FURNITURE_UNLESS_BODY = frozenset("""
sidebar related recommended recirculation promo promos sponsor sponsored advert advertisement adverts
ads ad pagination pager popup modal mostread popular trending social author authors bio byline tags topics
""".split())
_BODY_WORDS = frozenset({"article", "story", "body"})
STRONG, WEAK = 2, 1  # furniture whatever it holds; furniture unless it holds most of the page's prose
_CLASS_WORDS = programs.compile(r"[^a-z]+")


def furniture_of(attrs: dict[str, str]) -> int:
    """Do the words of its class or id name page furniture ("comments__list", "share-bar": STRONG;
    "sidebar", "related": WEAK, which a column holding most of the page's prose is not), or not (0)?"""
    names = f"{attrs.get('class', '')} {attrs.get('id', '')}".lower()
    words = set(_CLASS_WORDS.split(names))
    if not _FURNITURE.isdisjoint(words):
        return STRONG
    return WEAK if not _FURNITURE_UNLESS_BODY.isdisjoint(words) and _BODY_WORDS.isdisjoint(words) else 0


# What a page says it is: its section (Open Graph's article:section, schema.org's articleSection), its
# own address (the canonical link, Open Graph's og:url: "/opinions/" in its path) and its schema.org type
# (JSON-LD "@type", microdata itemtype), in the order they stand.
_DECLARED = programs.compile(
    r"""(?:property\s*=\s*["']article:section["'][^>]{0,200}?\bcontent\s*=\s*["']([^"'<>]{1,40})["']"""
    r"""|\bcontent\s*=\s*["']([^"'<>]{1,40})["'][^>]{0,200}?property\s*=\s*["']article:section["']"""
    r"""|"articleSection"\s*:\s*"([^"<>]{1,40})"|itemprop\s*=\s*["']articleSection["'][^>]{0,200}?\bcontent\s*=\s*["']([^"'<>]{1,40})["']"""
    r"""|"@type"\s*:\s*"(\w*(?:Article|Review|Posting))"|itemtype\s*=\s*["']https?://schema\.org/(\w*(?:Article|Review|Posting))["']"""
    r"""|\brel\s*=\s*["']canonical["'][^>]{0,200}?\bhref\s*=\s*["'](https?://[^"'<>\s]{1,300})["']"""
    r"""|\bhref\s*=\s*["'](https?://[^"'<>\s]{1,300})["'][^>]{0,200}?\brel\s*=\s*["']canonical["']"""
    r"""|(?:property|name)\s*=\s*["']og:url["'][^>]{0,200}?\b(?:content|value)\s*=\s*["'](https?://[^"'<>\s]{1,300})["']"""
    r"""|\b(?:content|value)\s*=\s*["'](https?://[^"'<>\s]{1,300})["'][^>]{0,200}?(?:property|name)\s*=\s*["']og:url["'])""",
    re.I)


def declared(text: str) -> tuple[str, ...]:
    """What the page says it is (see `_DECLARED`), each once, in the order it stands."""
    return tuple(dict.fromkeys(next(g for g in m.groups() if g) for m in _DECLARED.finditer(text)))
