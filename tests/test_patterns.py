from __future__ import annotations

import re

import pytest

from newslint import patterns
from newslint.document import Document
from newslint.patterns import Matcher, literal_prefixes
from newslint.schema import Where


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"\b(?:Said|says)\s+\w+", ("said", "says")),
    (r"(?<=,\s*)(?:of\s+course|sadly)\b", ("of", "sadly")),
    (r"\bab(?:cd|de)x", ("abcd", "abde")),
    (r"\b(?:a|an|the)\s+study", ("a", "the")),  # "an" adds nothing to "a"
    (r"\b(?:at\s+least\s+)?\d+", None),  # may start with a digit
    (r"\b(?:its|\w+'s)\s+resolve", None),
    (r"(?x) said", None),  # flags outside the shortcut
])
def test_literal_prefixes(pattern, expected):
    assert literal_prefixes(pattern) == expected


TEXT = ("Officials said the flood, sadly, was the worst. Some said so; others says otherwise.\n\n"
        "The study by the agency - a study of rivers - found nothing. SAID the man: an anti-said.\n")


@pytest.mark.parametrize("spec", [
    {"patterns": [r"\b(?:said|says)\b", r"(?<=,\s*)sadly\b", r"\b(?:a|the)\s+study\s+(?:by|of)\b"]},
    {"terms": ["said", "the study", "anti-said", "worst"], "exceptions": ["the worst"]},
    {"terms": ["said"], "patterns": [r"\bsome\s+\w+"], "proper_names": True},
])
def test_matching_at_candidates_finds_what_a_scan_finds(spec, monkeypatch):
    def scan(matcher: Matcher, doc: Document) -> list[tuple[int, int]]:
        monkeypatch.setattr(patterns, "_documents", 1)  # no shortcuts: every pattern scans the text
        return list(matcher.finditer(doc))

    matcher = Matcher.build(spec, Where("test.yaml"), trusted=True)
    expected = scan(matcher, Document.from_text(TEXT, "a.txt"))
    monkeypatch.setattr(patterns, "_documents", 5)  # as in a run over many documents: candidates only
    doc = Document.from_text(TEXT, "a.txt")
    assert expected and list(matcher.finditer(doc)) == expected
    first = expected[0]
    assert matcher.search(doc, first[0], first[1]) and not matcher.search(doc, first[0], first[1] - 1)
    assert [s for s in expected if s[0] >= 50] == list(matcher.finditer(doc, 50, len(TEXT)))


def test_trusted_patterns_use_re_unless_only_regex_knows_them():
    where = Where("test.yaml")
    assert isinstance(patterns.user_pattern(r"\bsaid\b", where, trusted=True), re.Pattern)
    assert not isinstance(patterns.user_pattern(r"\p{Lu}\w+", where, trusted=True), re.Pattern)
    assert not isinstance(patterns.user_pattern(r"\bsaid\b", where), re.Pattern)
