"""Coordinated words: a finding covers the words stacked with the flagged one, and only those."""
from __future__ import annotations

import pytest

from conftest import load_one_rule as rule
from newslint.coordination import extent, opening
from newslint.document import Document
from newslint.engine import lint_text
from newslint.engine import run_rules as lint
from newslint.errors import RuleError


def covered(text: str, word: str, word_class: str) -> str:
    start = text.index(word)
    return text[start:extent(text, start, start + len(word), word_class)]


@pytest.mark.parametrize("text, word, word_class, note", [
    ("The mayor backed a callous and cynical scheme.", "callous", "adjective", "callous and cynical"),
    ("It is a bloated, pointless stadium plan.", "bloated", "adjective", "bloated, pointless"),
    ("The ruling was cruel, petty and vindictive.", "cruel", "adjective", "cruel, petty and vindictive"),
    ("The board was packed with cronies and hacks.", "cronies", "noun", "cronies and hacks"),
    ("The minister acted rashly and carelessly on the bill.", "rashly", "adverb", "rashly and carelessly"),
    ("He called the deal shameful, and unworkable.", "shameful", "adjective", "shameful, and unworkable"),
    ("The fiercely and bitterly fought vote ended late.", "fiercely", "adjective", "fiercely and bitterly"),
])
def test_covers_the_stacked_words(text, word, word_class, note):
    assert covered(text, word, word_class) == note


@pytest.mark.parametrize("text, word, word_class", [
    ("It was a messy but close vote.", "messy", "adjective"),  # "but" sets a contrast
    ("The court let the thugs, bystanders and police leave at dusk.", "thugs", "noun"),  # a clause goes on
    ("Critics called him a crook, arguing that the deal was unlawful.", "crook", "noun"),
    ("They spoke of appeasement, stop signs aside.", "appeasement", "noun"),  # nouns are listed with and/or
    ("The forecast was grim, it's said.", "grim", "adjective"),
    ("The plan was reckless and Ward knew it.", "reckless", "adjective"),  # a capital starts a name
    ("It reached a truly absurd, level.", "absurd", "adjective"),  # a lone comma partner needs its noun
    ("The crowd shouted angrily and marched on.", "angrily", "adverb"),  # an adverb's partner is an adverb
    ("A shameless, deadly ambush followed.", "deadly", "adverb"),  # "deadly" is no adverb
])
def test_joins_nothing_outside_a_list(text, word, word_class):
    assert covered(text, word, word_class) == word


def test_rules_opt_in_by_their_word_class(tmp_path):
    text = "The callous and cynical plan was approved."
    plain = rule(tmp_path, "kind: existence\nmessage: m\ninflect: adjective\nterms: [callous]\n")
    assert [f.text for f in lint(Document.from_text(text, "a.md"), [plain])] == ["callous"]
    joined = rule(tmp_path, "kind: existence\nmessage: \"'{match}' m\"\ninflect: adjective\ncoordinated: true\n"
                            "terms: [callous]\n")
    found = lint(Document.from_text(text, "a.md"), [joined])
    assert [(f.text, f.message) for f in found] == [("callous and cynical", "'callous and cynical' m")]
    judged = rule(tmp_path, "kind: evaluative\nmessage: m\ncoordinated: true\nterms: [callous]\n")
    assert [f.text for f in lint(Document.from_text(text, "a.md"), [judged])] == ["callous and cynical"]


def test_verbs_take_no_coordinated_partners(tmp_path):
    with pytest.raises(RuleError, match="coordinated"):
        rule(tmp_path, "kind: existence\nmessage: m\ninflect: verb\ncoordinated: true\nterms: [smear]\n")


def test_one_note_for_a_stacked_verdict():
    found = lint_text("The mayor's shameless and deceitful campaign ended on Friday.\n", "story.md")
    loaded = [f for f in found if f.family == "loaded"]
    assert len(loaded) == 1 and loaded[0].text == "shameless and deceitful"


def test_a_clause_that_goes_on_with_its_own_subject_is_no_partner():
    # "reviewers" opens a new clause, and "panned" is its verb, not the noun the adjectives share
    text = "The ratings were terrible and reviewers panned her questions."
    start = text.index("terrible")
    assert extent(text, start, start + len("terrible"), "adjective") == start + len("terrible")
    shared = "It was a cruel and heartless punishment."
    start = shared.index("cruel")
    assert shared[start:extent(shared, start, start + 5, "adjective")] == "cruel and heartless"


def opened(text: str, word: str, word_class: str) -> str:
    start = text.index(word)
    return text[opening(text, start, start + len(word), word_class):start + len(word)]


@pytest.mark.parametrize("text, word, word_class, note", [
    ("The mayor backed a crazed, reckless scheme.", "reckless", "adjective", "crazed, reckless"),
    ("The plan was feeble and shameless.", "shameless", "adjective", "feeble and shameless"),
    ("They kept it for spiteful and despicable stunts.", "despicable", "adjective", "spiteful and despicable"),
    ("Nothing came of his years of sloth and incompetence.", "incompetence", "noun", "sloth and incompetence"),
    ("The council acted so rashly and recklessly on the depot.", "recklessly", "adverb", "rashly and recklessly"),
])
def test_reaches_back_to_the_partner_that_opens_the_phrase(text, word, word_class, note):
    assert opened(text, word, word_class) == note


@pytest.mark.parametrize("text, word, word_class", [
    ("The minister kept a firm grip on power and dismal poll numbers.", "dismal", "adjective"),  # a noun
    ("Amid the smoke, noise and panic spread through the hall.", "panic", "noun"),  # no list of nouns
    ("The idea is, of course, nonsense.", "nonsense", "noun"),  # nouns are listed with and/or
    ("The crowd marched and shouted angrily.", "angrily", "adverb"),  # a verb is no adverb's partner
    ("It was a close but reckless vote.", "reckless", "adjective"),  # "but" sets a contrast
    ("Residents say Harlow, reckless drivers are a menace.", "reckless", "adjective"),  # a name
    ("The plan was approved, reckless or not.", "reckless", "adjective"),  # a bare comma pair needs its noun
])
def test_reaches_back_to_nothing_outside_a_pair(text, word, word_class):
    assert opened(text, word, word_class) == word


def test_a_stacked_verdict_is_one_note_on_all_its_words():
    found = lint_text("The council has backed a feeble, shameless plan to sell the park.\n", "story.md")
    judging = [f for f in found if f.family in ("loaded", "labels")]
    assert [f.text for f in judging] == ["feeble, shameless"]
