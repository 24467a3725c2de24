"""Words that are not the writer's unsupported claim: a count that a study found, a passive that a named source gives,
a word quoted from a study, an unnamed source that a named outlet cites, a guess that those who hold it are said to believe."""
from __future__ import annotations

from newslint.checking import Checker
from newslint.config import Config
from newslint.document import Document


def rules(text: str) -> list[tuple[str, str]]:
    return [(f.rule, f.text) for f in Checker().check(Document.from_text(text, "case.md"), Config(), None)]


def test_a_count_a_survey_found_is_the_surveys():
    assert ("weasel.quantifiers", "many") not in rules("The researchers found that many tenants pay half their income in rent.\n")
    assert ("weasel.quantifiers", "many") not in rules("The 2023 census shows many households own two cars.\n")
    # the same count with no one who found it is still vague
    assert ("weasel.quantifiers", "Many") in rules("Many tenants pay half their income in rent.\n")


def test_a_passive_that_a_source_gives_is_the_sources():
    assert ("passive.agentless", "Shots were fired") not in rules("Shots were fired near the gate on Sunday, police said.\n")
    assert ("passive.agentless", "shots were fired") not in rules("It is unclear who fired; shots were fired from a car.\n")
    # the writer's own passive still hides the actor, even where the noun "claims" stands nearby
    assert ("passive.agentless", "Shots were fired") in rules("Shots were fired near the gate on Sunday.\n")
    assert ("passive.agentless", "Mistakes were made") in rules("Mistakes were made in the handling of the claims.\n")


def test_a_word_quoted_from_a_study_is_the_studys():
    assert ("loaded.adjectives", "appalling") not in rules('Tenants live in "appalling" conditions, a new survey shows.\n')
    assert ("loaded.adjectives", "appalling") not in rules('A report found "appalling" conditions in the flats.\n')
    # the same word quoted with no one to say it is the writer's scare quote
    assert ("loaded.adjectives", "appalling") in rules('Tenants live in "appalling" conditions.\n')


def test_an_unnamed_source_a_named_outlet_cites_is_the_outlets():
    cited = "The Harlow Gazette reported on Friday, citing an unnamed source at the club, that the coach would resign.\n"
    assert not [rule for rule, _ in rules(cited) if rule == "anonymous.sources"]
    assert not [rule for rule, _ in rules("The agency, quoting two anonymous sources, said the ferry was turned back.\n")
                if rule == "anonymous.sources"]
    # the writer's own unnamed source is still a note
    assert ("anonymous.sources", "Unnamed sources") in rules("Unnamed sources expect the coach to resign.\n")


# a straight story (over 80 words, one loaded word) set as one long paragraph
_ROW = ("The two managers met at the league's annual dinner in Manchester on Thursday evening. "
        "Neither spoke to the press on arrival. "
        "The row began after a match in October, when the sides drew 1-1 in front of 40,000 fans. "
        "{claims}"
        "The league said it would study the complaint next week. "
        "Its disciplinary panel meets on the first Monday of each month. "
        "The October game was followed by a notorious tunnel scuffle{near}. "
        "Both clubs were warned about their conduct at the time, and both paid a small fine to the league.\n")


def test_a_verb_of_saying_is_slanted_by_a_loaded_word_near_it_not_across_a_long_paragraph():
    far = rules(_ROW.format(claims="Now he claims the league should fine the other club. ", near=""))
    assert ("loaded.adjectives", "notorious") in far
    assert ("verbs.loaded", "claims") not in far
    near = rules(_ROW.format(claims="", near=", and now he claims the league should fine the other club"))
    assert ("verbs.loaded", "claims") in near


def test_a_guess_that_people_are_said_to_believe_is_theirs():
    assert ("hedges.speculation", "probably") not in rules("The crash was probably caused by ice on the road, police believe.\n")
    assert ("hedges.speculation", "probably") not in rules("Investigators think the fire probably started in the kitchen.\n")
    assert ("hedges.speculation", "probably") in rules("The crash was probably caused by ice on the road.\n")
    # a guess a vague set is said to hold is still a weasel note, on the vague set
    found = rules("Many parents believe the new school will probably be late.\n")
    assert [text for rule, text in found if rule.startswith("weasel")] == ["Many"]
