"""The story-level verdict: a news story that makes claims and never says where any of them come from."""
from __future__ import annotations

from typing import AbstractSet, Callable, Sequence

from newslint.finding import Finding, family_of

STORY_RULE = "attribution.none"
# Article types held to news sourcing; a story with no type is news.
NEWS_TYPES = frozenset({"news", "live", "breaking", "brief"})
# Rules whose findings are claims that need a source: a story without one is a verdict, a story of
# public-record facts (a chart, a result, an announcement) is not.
CLAIM_FAMILIES = frozenset({"attribution", "superlative"})


def _claim(rule: str) -> bool:
    return family_of(rule) in CLAIM_FAMILIES and rule not in (STORY_RULE, "attribution.quotes")


ArticleType = str | None | Callable[[], str | None]  # an article type, or how to tell it when it is asked


def story_verdict(findings: Sequence[Finding], article_type: ArticleType, ran: AbstractSet[str]) -> list[Finding]:
    """`findings` with the story verdict kept only where it belongs.

    It stays for a news story (no `type`, or a news type) in which some claim rule found a claim
    (or in which no claim rule ran, when the verdict was asked for alone); opinion, analysis and
    reviews, and unsourced stories that make no claim, lose it. (The article type is told only for a
    story with a verdict and a claim.)
    """
    if not any(f.rule == STORY_RULE for f in findings):
        return list(findings)
    if may_stand(findings, article_type, ran):
        return list(findings)
    return [f for f in findings if f.rule != STORY_RULE]


def may_stand(findings: Sequence[Finding], article_type: ArticleType, ran: AbstractSet[str]) -> bool:
    """Can the story verdict stand beside these findings (see `story_verdict`)? Where it cannot, its
    rule need not run at all."""
    if not (any(_claim(f.rule) for f in findings) or not any(_claim(r) for r in ran)):
        return False
    kind = article_type() if callable(article_type) else article_type
    return kind is None or kind in NEWS_TYPES
