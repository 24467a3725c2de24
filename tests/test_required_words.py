"""Required words (`matching.words`): whole words one of which every match of a pattern holds, and
the matcher that skips a pattern in a document holding none of them."""
from __future__ import annotations

import re

import pytest

from newslint.document import Document
from newslint.matching import state
from newslint.matching.compiled import BuiltinPattern
from newslint.matching.matcher import Matcher
from newslint.matching.words import required_words
from newslint.rulebook import load_rules, matchers
from newslint.schema import Where

_WORDS = re.compile(r"\w+")


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"\bhistory\b", {"history"}),
    (r"\bit\s+(?:has\s+been|was|is)\s+reported\s+that\b", {"reported"}),  # the longest of those it must hold
    (r"\b(?:this|the)\s+(?:\w+\s+)?(?:attack|raid)\s+(?:demonstrates|shows)\b", {"demonstrates", "shows"}),
    (r"\b\w+-(?:addled|baiting)\b", {"addled", "baiting"}),  # a hyphen before: a word starts there
    (r"\bcontinues?\s+to\s+(?:exhibit|show)\b", {"continue", "continues"}),  # the rarer requirement
    (r"(?<=\s)(?-i:History)(?=[,.])", {"history"}),  # lookarounds that look into it close it
    (r"\b(?:[Mm]ake\s+no\s+mistake|[Ii]t\s+goes)", {"make", "it"}),  # a word the pattern leaves open may run on
    (r"\b(?:an?|one)\s+(?:senior\s+)?(?:officials?|aides?)\s+(?:said|told)", {"official", "officials", "aide", "aides"}),
    (r"\bcolou?r\b", None),  # a word that goes on after its optional letter is not read
    (r"\bclaims?(?:ed)?\b", None),
    (r"history", None),  # may stand inside a word ("prehistory")
    (r"\bhis", None),
    (r"\bfoo-bar\b", None),  # not a run of word characters
    (r"\b(?:alpha|beta\w*)\b", None),  # one alternative holds no whole word
    (r"\b(?:very\s+)+good\b", {"good"}),  # a repeat is passed over; white space ends it
    (r"\b(?:very\s+)+\w*good\b", None),
    (r"(?x) \b word \b", None),  # verbose: literals are not what they seem
])
def test_required_words(pattern, expected):
    assert required_words(pattern) == (None if expected is None else frozenset(expected))


def _builtin_patterns() -> list[BuiltinPattern]:
    found = {item.source: item for m in matchers(load_rules()) for item in m.compiled if isinstance(item, BuiltinPattern)}
    return [found[k] for k in sorted(found)]


def test_every_builtin_match_holds_one_of_its_patterns_required_words():
    """Over the rules' own cases, wherever a built-in pattern matches, the text's words hold one of
    its required words (the shortcut never drops a match that a search finds)."""
    rules = load_rules()
    texts = [case.text for rule in rules for case in (*rule.flag_cases, *rule.pass_cases)]
    checked = 0
    for item in _builtin_patterns():
        required = item.required_words
        if required is None:
            continue
        program = re.compile(item.text, re.MULTILINE | (re.IGNORECASE if item.source[1] else 0)) \
            if _compiles(item.text) else None
        if program is None:
            continue
        for text in texts:
            if program.search(text):
                checked += 1
                assert not required.isdisjoint(_WORDS.findall(text.lower())), (item.text, text)
    assert checked > 100


def _compiles(pattern: str) -> bool:
    try:
        re.compile(pattern)
    except re.error:
        return False
    return True


@pytest.mark.parametrize("text", [
    "The raid clearly shows their resolve.\n",
    "The raid shows-off nothing.\n",
    "That move underscores it. This attack demonstrates nothing new.\n",
    "No figures here at all.\n",
])
def test_a_pattern_is_tried_only_in_a_document_holding_one_of_its_words(text, monkeypatch):
    pattern = r"\b(?:this|the|that)\s+(?:\w+\s+)?(?:attack|raid|move)\s+(?:clearly\s+)?(?:demonstrates|shows|underscores)\b"
    matcher = Matcher.build({"patterns": [pattern]}, Where("t.yaml"), trusted=True)
    (item,) = matcher.compiled
    assert item.required_words == {"demonstrates", "shows", "underscores"}
    expected = [m.span() for m in re.finditer(pattern, text, re.IGNORECASE | re.MULTILINE)]
    with state.fresh() as fresh:
        fresh.documents = 5
        doc = Document.from_text(text, "a.txt")
        assert list(matcher.finditer(doc)) == expected
    if not {"demonstrates", "shows", "underscores"} & set(_WORDS.findall(text.lower())):
        with state.fresh() as fresh:
            fresh.documents = 5
            monkeypatch.setattr(BuiltinPattern, "pattern", property(lambda self: pytest.fail("tried")))
            assert list(matcher.finditer(Document.from_text(text, "a.txt"))) == []
