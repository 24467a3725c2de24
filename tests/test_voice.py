"""The story's voice: voiced rules report only where the writer's voice is loaded elsewhere."""
from __future__ import annotations

from newslint.engine import lint_text
from newslint.finding import Finding, Severity
from newslint.voice import drop_unvoiced, loaded

LOADED = ("The thugs behind the reckless scheme met on Monday. Their shameless plan was a huge blow to the town, "
          "and the debate descended into chaos.\n")
STRAIGHT = ("A huge crowd gathered in the square on Monday as the council met. The meeting descended into chaos "
            "when the lights failed, officials said.\n")


def rules(text: str) -> list[tuple[str, str]]:
    return [(f.rule, f.text) for f in lint_text(text)]


def test_intensity_and_drama_are_flagged_in_a_loaded_story():
    found = rules(LOADED)
    assert ("loaded.intensity", "huge") in found
    assert ("loaded.drama", "chaos") in found


def test_intensity_and_drama_pass_in_straight_news():
    found = rules(STRAIGHT)
    assert not [r for r, _ in found if r in ("loaded.intensity", "loaded.drama")]


def test_incompetence_is_read_only_in_a_loaded_story():
    assert ("loaded.incompetence", "inept") in rules(LOADED.replace("met on Monday", "held an inept meeting"))
    assert not [r for r, _ in rules("The side gave an inept performance in the second half.\n")
                if r == "loaded.incompetence"]


def finding(rule: str, start: int) -> Finding:
    return Finding("a.md", 1, start + 1, 1, start + 2, start, start + 1, rule, Severity.WARNING, "m", "x")


def test_the_voiced_rules_do_not_count_towards_the_voice():
    voiced = frozenset({"loaded.intensity"})
    three = [finding("loaded.intensity", i) for i in range(3)]
    assert not loaded(three, voiced, 100)
    assert drop_unvoiced(three, voiced, "word " * 100) == []


def test_the_voice_needs_enough_findings_for_the_length_of_the_story():
    voiced = frozenset({"loaded.intensity"})
    found = [finding("loaded.adjectives", 0), finding("labels.contentious", 2), finding("loaded.derision", 4),
             finding("loaded.intensity", 6)]
    assert loaded(found, voiced, 900)  # three in 900 words
    assert not loaded(found, voiced, 1100)  # three in 1,100 words: under three per thousand
    assert not loaded(found[1:], voiced, 100)  # two are not enough, however short the story
    assert drop_unvoiced(found, voiced, "word " * 900) == found
    assert drop_unvoiced(found, voiced, "word " * 1100) == found[:3]


def test_doubting_attribution_verbs_are_read_only_in_a_loaded_story():
    claim = " She claimed the plan would pay for itself.\n"
    assert ("verbs.loaded", "claimed") in rules(LOADED.rstrip("\n") + claim)
    assert not [r for r, _ in rules(STRAIGHT.rstrip("\n") + claim) if r == "verbs.loaded"]


def test_a_paragraph_with_a_loaded_word_gives_its_voiced_words_voice():
    straight = "The council met on Monday to discuss the budget for the coming year in the town hall. " * 20
    story = straight + "\n\nThe thugs tore through the market, and the day ended in chaos.\n\n" + straight + \
        "\n\nThe storm left the square in chaos.\n"
    found = [(r, t) for r, t in rules(story) if r in ("labels.contentious", "labels.neutral", "loaded.drama")]
    assert [t for r, t in found if r == "loaded.drama"] == ["chaos"]  # the first, beside 'thugs', not the last
    assert not loaded(lint_text(story), frozenset({"loaded.drama"}), len(story.split()))


def test_drop_unvoiced_keeps_voiced_findings_in_a_paragraph_that_judges():
    voiced = frozenset({"loaded.intensity"})
    found = [finding("loaded.adjectives", 0), finding("loaded.intensity", 2), finding("loaded.intensity", 50)]

    def paragraph(offset: int) -> int:
        return offset // 40

    assert drop_unvoiced(found, voiced, "word " * 1000, paragraph) == found[:2]
    assert drop_unvoiced(found, voiced, "word " * 1000) == found[:1]  # no paragraphs known: the story's voice only


def test_a_word_two_rules_find_counts_once_towards_the_voice():
    voiced = frozenset({"loaded.intensity"})
    twice = [finding("loaded.adjectives", 0), finding("loaded.adverbs", 0), finding("loaded.derision", 4)]
    assert not loaded(twice, voiced, 100)
    assert loaded([*twice, finding("labels.contentious", 8)], voiced, 100)
