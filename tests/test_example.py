"""The motivating example: a machine-written "news" article every problem of which must be flagged."""
from __future__ import annotations

import pytest

from newslint.document import Document
from newslint.engine import run_rules as lint

from conftest import SHARED

EXAMPLE = SHARED / "examples" / "machine-written-article.md"
WORD_CHOICE = ("loaded.", "labels.", "editorial.", "cliches.", "filler.", "superlative.")

EXPECTED = {
    ("1:18", "filler.phrases", "In a significant turn of events"),
    ("1:75", "attribution.conclusions", "showcased their dominance"),
    ("1:156", "loaded.adjectives", "audacious"),
    ("1:242", "attribution.conclusions", "signals a remarkable shift"),
    ("1:344", "loaded.adjectives", "formidable"),
    ("3:15", "loaded.adjectives", "fierce"),
    ("3:49", "loaded.adverbs", "successfully"),
    ("3:62", "attribution.outcomes", "overpowered"),
    ("3:149", "attribution.outcomes", "forcing the troops to retreat"),
    ("3:185", "loaded.adjectives", "resounding"),
    ("5:27", "filler.phrases", "serves as a poignant reminder"),
    ("5:122", "attribution.motives", "what they perceive as"),
    ("5:169", "labels.contentious", "resistance group"),
    ("7:1", "filler.faq", "Frequently Asked Questions"),
    ("27:1", "attribution.conclusions", "This attack demonstrates"),
    ("31:1", "filler.phrases", "It is important to note"),
    ("35:3", "sources.homepage", "[BBC](https://www.bbc.com/news)"),
    ("35:3", "sources.uncited", "[BBC](https://www.bbc.com/news)"),
    ("37:3", "sources.homepage", "[Al Jazeera](https://www.aljazeera.com/)"),
    ("37:3", "sources.uncited", "[Al Jazeera](https://www.aljazeera.com/)"),
}


@pytest.fixture(scope="module")
def findings(rules):
    if not EXAMPLE.exists():
        pytest.skip("../shared is not beside this checkout")
    return lint(Document.from_bytes(EXAMPLE.read_bytes(), str(EXAMPLE)), rules)


def test_example_findings_at_exact_positions(findings):
    got = {(f"{f.line}:{f.column}", f.rule, f.text) for f in findings}
    assert EXPECTED <= got, sorted(EXPECTED - got)


def test_example_covers_the_core_families(findings):
    assert {"attribution", "loaded", "sources", "filler"} <= {f.rule.split(".")[0] for f in findings}


def test_example_metadata_and_neutral_descriptors_are_not_flagged(findings):
    assert not [f for f in findings if f.line == 1 and f.column < 17]  # "date 2024-01-05"
    assert not [f for f in findings if f.line == 11]  # "a Palestinian political and militant organization"


def test_quoted_speakers_words_are_not_word_choice_findings(rules):
    text = EXAMPLE.read_text(encoding="utf-8") if EXAMPLE.exists() else ""
    quoted = '"It was an audacious, heroic and resounding victory," a commander of the group said.\n\n' + text
    found = lint(Document.from_text(quoted, "q.md"), rules)
    assert not [f for f in found if f.line == 1 and f.rule.startswith(WORD_CHOICE)]
