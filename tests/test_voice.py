"""The story's voice: voiced rules report only where the writer's voice is loaded elsewhere, plain rules
not in a straight story."""
from __future__ import annotations

import pytest

from newslint import checking
from newslint.engine import Engine, lint_text
from newslint.finding import Finding, Severity
from newslint.rulebook import Rule, load_rules, select
from newslint.voice import STORY_WORDS, Words, drop_apart, drop_plain, drop_unvoiced, loaded
from tests.test_kinds import Asked

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
    found = rules(STRAIGHT * 4)  # a story long enough to judge, its voice not loaded
    assert not [r for r, _ in found if r in ("loaded.intensity", "loaded.drama")]


def test_drama_is_read_in_copy_too_short_to_judge_and_does_not_slant_the_words_of_size():
    found = rules(STRAIGHT)  # two sentences: a brief
    assert ("loaded.drama", "chaos") in found
    assert not [r for r, _ in found if r == "loaded.intensity"]  # "huge" is not slanted by "chaos"


def test_incompetence_is_read_in_a_loaded_story_or_a_lone_sentence_not_in_a_straight_one():
    assert ("loaded.incompetence", "inept") in rules(LOADED.replace("met on Monday", "held an inept meeting"))
    assert ("loaded.incompetence", "shambolic") in rules("The council's shambolic response angered residents.\n")
    straight = ("The visitors gave an inept performance in the first half on Saturday.\n\n"
                + STRAIGHT.replace("A huge crowd", "A crowd") * 3)
    assert not [r for r, _ in rules(straight) if r == "loaded.incompetence"]


def test_overstating_degree_words_are_read_only_where_the_voice_is_loaded():
    loaded_story = LOADED.replace("was a huge blow", "was a huge and absolutely final blow")
    assert ("editorial.intensifiers", "absolutely") in rules(loaded_story)
    # before a word flagged in its own right it is that word's note ("absolutely huge": folding)
    assert ("editorial.intensifiers", "absolutely") not in rules(LOADED.replace("a huge blow", "an absolutely huge blow"))
    straight = ("The old bridge was completely rebuilt after the floods and reopened on Monday, officials said. "
                "The council said the work was extremely costly but kept the road open.\n")
    assert not [r for r, _ in rules(straight) if r == "editorial.intensifiers"]
    # a straight story slants only the sentences around a loaded word: not one a paragraph away
    far = ("The thugs tore down the fence on Monday.\n\n" + "The council met on Tuesday to discuss the budget. " * 12
           + "The repairs were completely finished by Friday.\n")
    assert not [r for r, _ in rules(far) if r == "editorial.intensifiers"]


def test_an_exclamation_in_the_writers_voice_is_read_only_where_the_voice_is_loaded():
    assert ("editorial.exclamations", "town!") in rules(LOADED.replace("blow to the town,", "blow to the town!"))
    straight = ("The council opened the new library on Monday after two years of work, officials said. "
                "Shares in Yahoo! rose 4% on the news, and a child at the opening shouted \"Hooray!\" twice.\n")
    assert not [r for r, _ in rules(straight) if r == "editorial.exclamations"]
    assert not [r for r, _ in rules(straight.replace("work, officials said.", "work, officials said!"))
                if r == "editorial.exclamations"]


def test_a_rule_beside_stands_only_in_the_sentence_of_a_loaded_word_or_label():
    assert ("loaded.falsehood", "lies") in rules("The shameless minister told lies about the budget.\n")
    assert ("loaded.ruin", "destroy") in rules("The reckless plan would destroy the town's schools.\n")
    assert [r for r, t in rules("The shameless vote was a crushing defeat for the mayor.\n") if t == "crushing"] == [
        "loaded.extremity"]
    assert not [r for r, _ in rules("The minister told lies about the budget.\n") if r == "loaded.falsehood"]
    # in a loaded story too, a sentence of its own is not slanted by the loaded words around it
    story = LOADED + "\nA fire destroyed the depot on Tuesday.\n"
    assert not [r for r, _ in rules(story) if r == "loaded.ruin"]


def test_drop_apart_keeps_a_rule_besides_findings_in_a_sentence_with_another_rules_judgment():
    beside = frozenset({"loaded.falsehood"})
    found = [finding("loaded.adjectives", 0), finding("loaded.falsehood", 2), finding("loaded.falsehood", 30),
             finding("loaded.falsehood", 41), finding("loaded.falsehood", 45)]
    sentence = lambda at: at // 20  # noqa: E731 (sentences of 20 characters)
    # the second sentence holds the rule's own findings only; the third, two of them and nothing else
    assert drop_apart(found, beside, beside, sentence) == found[:2]
    assert drop_apart(found, frozenset(), beside, sentence) == found
    # a word another rule found already is one note, not two
    assert drop_apart([found[0], finding("loaded.falsehood", 0)], beside, beside, sentence) == [found[0]]


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


def test_doubting_attribution_verbs_are_read_in_a_loaded_story_and_a_lone_sentence_not_a_straight_story():
    claim = " She claimed the plan would pay for itself.\n"
    assert ("verbs.loaded", "claimed") in rules(LOADED.rstrip("\n") + claim)
    straight = " ".join([STRAIGHT.strip()] * 4)  # long enough to judge the voice (voice.STORY_WORDS)
    assert len(straight.split()) >= STORY_WORDS
    assert not [r for r, _ in rules(straight + claim) if r == "verbs.loaded"]
    assert rules(claim.strip()) == [("verbs.loaded", "claimed")]  # alone: no measure of the voice, the guide holds


def test_a_rule_both_voiced_and_plain_stands_in_short_copy_and_a_judging_paragraph():
    both = frozenset({"verbs.loaded"})
    found = [finding("loaded.adjectives", 0), finding("verbs.loaded", 2), finding("verbs.loaded", 50)]

    def paragraph(offset: int) -> int:
        return offset // 40

    assert drop_plain(found, both, both, "word " * 10) == found
    assert drop_unvoiced(found, both, "word " * 10, paragraph, both) == found  # short: all stand
    long = "word " * 1000
    assert drop_plain(found, both, both, long) == found  # (left to drop_unvoiced)
    assert drop_unvoiced(found, both, long, paragraph, both) == found[:2]  # straight: only beside the judging word
    assert drop_unvoiced(found, both, "word " * 10, paragraph) == found[:2]  # voiced alone: short copy is no excuse


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


# a straight story of about a hundred words, with no source named, in which one sentence is set
PLAIN = ("The new footbridge over the river opened to walkers and cyclists on Saturday morning. {} The "
         "bridge links the station with the park on the far bank and replaces a ferry that ran for sixty "
         "years. Work began two summers ago and was paid for by the town and the county together. The old "
         "ferry landing will become a small garden with benches, and the ticket hut will be kept as a "
         "shelter. Lights along the deck will be switched on at dusk from next month.\n")


def test_a_vague_count_is_description_in_a_straight_story():
    sentence = "Some cyclists were still using the old road."
    assert not [r for r, _ in rules(PLAIN.format(sentence)) if r.startswith("weasel")]
    # a lone sentence gives no measure of the voice: the vague count is reported
    assert ("weasel.quantifiers", "Some") in rules(sentence + "\n")
    # in loaded copy it stays part of the slant
    assert ("weasel.quantifiers", "Some") in rules(LOADED.rstrip("\n") + " " + sentence + "\n")


def test_a_vague_source_is_reported_in_a_straight_story_too():
    assert ("weasel.attributions", "Some say") in rules(PLAIN.format("Some say the bridge is too narrow."))
    assert ("weasel.attributions", "leads many to believe") in rules(
        PLAIN.format("The gap in the railings leads many to believe the deck is unsafe."))


def test_plain_rules_are_dropped_only_in_a_straight_story():
    plain = frozenset({"weasel.quantifiers"})
    vague = [finding("weasel.quantifiers", 0)]
    assert drop_plain(vague, plain, frozenset(), "word " * 100) == []
    assert drop_plain(vague, plain, frozenset(), "word " * 20) == vague  # too short to judge
    slanted = [*vague, finding("loaded.adjectives", 2), finding("labels.contentious", 4), finding("loaded.derision", 6)]
    assert drop_plain(slanted, plain, frozenset(), "word " * 100) == slanted


class _Counted(Asked):
    """A kind that counts the documents it is asked to check (each one its rule runs on: no gate)."""

    gate = None


def _counted(ids: set[str]) -> list[Rule]:
    return [r._replace(kind=_Counted(r.kind)) if r.id in ids else r for r in select(load_rules())]


def test_rules_standing_by_the_voice_run_only_where_one_of_their_findings_may_stand():
    ids = {"loaded.drama", "weasel.quantifiers", "loaded.adjectives"}
    engine = Engine()
    picked = _counted(ids)
    counted = {r.id: r.kind for r in picked if r.id in ids}
    straight = PLAIN.format("Some cyclists were still using the old road, and the queue descended into chaos.")
    assert not [f for f in engine.lint_text(straight, rules=picked).findings if f.rule in ids]
    assert [counted[i].asked for i in sorted(ids)] == [1, 0, 0]  # loaded.adjectives counts in the voice: it runs
    found = {(f.rule, f.text) for f in engine.lint_text(straight.replace("the old road", "the shameless road"),
                                                          rules=picked).findings}
    assert {("loaded.drama", "chaos"), ("loaded.condemnation", "shameless")} <= found  # a paragraph that judges
    assert [counted[i].asked for i in sorted(ids)] == [2, 1, 0]  # straight, still: the vague count falls
    assert ("weasel.quantifiers", "Some") in {(f.rule, f.text) for f in engine.lint_text(
        "Some cyclists were still using the old road.\n", rules=picked).findings}  # too short to judge
    assert [counted[i].asked for i in sorted(ids)] == [3, 2, 1]  # where loaded.drama, plain too, may stand


@pytest.mark.parametrize("text", [LOADED, STRAIGHT, PLAIN.format("Some say many people are in chaos."),
                                  PLAIN.format("The shameless mob claimed the huge rally ended in chaos."),
                                  "Some cyclists claimed the huge queue was in chaos.\n",
                                  LOADED + "\n" + PLAIN.format("Many riders claimed it was dramatic.")],
                         ids=["loaded", "straight", "vague", "judging-paragraph", "short", "loaded-then-straight"])
def test_running_the_voice_rules_last_finds_what_running_every_rule_at_once_finds(text, monkeypatch):
    later = Engine().lint_text(text).findings
    monkeypatch.setattr(checking, "_may_time_out", lambda rule: True)  # (such a rule is never held back)
    assert Engine().lint_text(text).findings == later


NEWS = ("Rebel fighters overpowered the garrison at dawn and forced the troops to retreat from the hill. "
        "The victory demonstrates the rebels' growing reach across the valley. ") + \
    "The road to the town stayed closed through the afternoon and the shops did not open. " * 8


def test_the_story_verdicts_rule_runs_only_where_the_verdict_may_stand(monkeypatch):
    engine = Engine()
    picked = _counted({"attribution.none"})
    verdict = next(r.kind for r in picked if r.id == "attribution.none")
    assert "attribution.none" in {f.rule for f in engine.lint_text(NEWS, rules=picked).findings}
    assert verdict.asked == 1  # a claim in a news story: the verdict may stand
    chart = "The band's new album entered the chart at number three on Sunday. " * 12
    assert not [f for f in engine.lint_text(chart, rules=picked).findings if f.rule == "attribution.none"]
    opinion = "---\ncategories: [Opinion]\n---\n\n" + NEWS
    assert not [f for f in engine.lint_text(opinion, rules=picked).findings if f.rule == "attribution.none"]
    assert verdict.asked == 1  # no claim; not news: not run
    expected = {"news": engine.lint_text(NEWS).findings, "chart": engine.lint_text(chart).findings}
    monkeypatch.setattr(checking, "_may_time_out", lambda rule: True)
    engine = Engine()  # (a checker keeps what it worked out of a selection)
    assert {"news": engine.lint_text(NEWS).findings, "chart": engine.lint_text(chart).findings} == expected


@pytest.mark.parametrize("text", ["", "  ", "one", " one  two\tthree\n", "a\u00a0b\u3000c d\x1ce f\x85g ",
                                  " ".join(["word"] * (STORY_WORDS - 1)), " ".join(["word"] * STORY_WORDS) + "  "])
def test_a_storys_words_counted_as_far_as_asked_agree_with_a_full_count(text):
    full = len(text.split())
    words = Words(text)
    assert [words.at_least(n) for n in (0, 1, 2, 3, 5, 7, STORY_WORDS)] == \
        [full >= n for n in (0, 1, 2, 3, 5, 7, STORY_WORDS)]
    assert words.at_least(STORY_WORDS) == (full >= STORY_WORDS)  # (told again from what was found)
    assert words.count == full and words.at_least(3) == (full >= 3)


def test_unmeasured_size_is_read_only_where_the_voice_is_loaded():
    assert ("loaded.extremity", "crushing") in rules(LOADED.replace("a huge blow", "a crushing blow"))
    straight = ("The home side suffered a crushing defeat in the cup final on Saturday. The club said the "
                "manager would stay.\n\n" + STRAIGHT.replace("A huge crowd", "A crowd") * 3)
    assert not [r for r, _ in rules(straight) if r == "loaded.extremity"]
    # a lone sentence with another judgment in it is slanted, and so is one with nothing to tell it from hype
    assert ("loaded.extremity", "staggering") in rules("The reckless council wasted a staggering sum on the fountain.\n")
    assert ("loaded.extremity", "whopping") in rules("The company posted a whopping loss.\n")
