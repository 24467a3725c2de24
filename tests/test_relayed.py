"""Relayed speech named another way: a sentence that carries a report on, a headline's message, an
attribution after its clause with no comma. Their word choices are the speaker's in a straight story."""
from __future__ import annotations

from newslint.checking import Checker
from newslint.config import Config
from newslint.document import Document
from newslint.matching import state
from newslint.relayed import carried_on, headline, inverted, relayed

# a straight story of about a hundred words; {} is a paragraph of its own, set after the first one
STORY = ("{headline}\n\nThe finance minister set out her budget to business leaders in Tarbury on Monday. Growth had "
         "slowed for a third year, the ministry's figures showed, and investment had fallen.\n\n{paragraph}\n\n"
         "The plans will go before parliament in March, and a vote is expected before the summer recess. "
         "Business groups have asked for talks on the tax changes in the coming weeks, and the ministry has "
         "agreed to meet them at the end of the month.\n")


def story(paragraph: str, title: str = "Budget plans set out in Tarbury") -> str:
    return STORY.format(headline=title, paragraph=paragraph)


def words(text: str) -> list[tuple[str, str]]:
    found = Checker().check(Document.from_text(text, "story.md"), Config(), None)
    return [(f.rule, f.text) for f in found if f.family in ("loaded", "labels", "cliches")]


def test_a_sentence_carrying_on_a_report_relays_the_speakers_obligation():
    text = "She said the economy had to open up to trade. It also needed to build a less corrupt court system."
    assert [text[a:b] for a, b in carried_on(text)] == [" It also needed to build a less corrupt court system"]
    assert words(story(text)) == []
    # after a quotation: the quotation mark reports the speech
    quoted = '"We cannot wait," the minister told the meeting. Tarbury had to stop favouring the elites.'
    assert words(story(quoted)) == []


def test_an_obligation_in_the_writers_own_sentence_stays_the_writers():
    # no report in the sentence before
    assert ("labels.contentious", "corrupt") in words(story(
        "Investment fell again in May. The country needed to build a less corrupt court system."))
    # a sentence that opens a paragraph is the writer's again, whatever the last paragraph reported
    assert ("labels.contentious", "corrupt") in words(story(
        "She said the economy had to open up to trade.\n\nThe country needed to build a less corrupt court system."))
    # no obligation: the writer's description
    assert ("labels.contentious", "corrupt") in words(story(
        "She said the economy had to open up to trade. The country has a corrupt court system."))
    # a passive duty is not relayed speech
    assert carried_on("He said so. The funds should have been returned.") == []


def test_a_headline_relays_what_its_speaker_says():
    text = "Minister issues warning to bigots at football grounds"
    assert [text[a:b] for a, b in headline(text)] == ["bigots at football grounds"]
    assert words(story("She said the economy had to open up to trade.", text)) == []
    other = "Mayor warns of bleak winter for the elites\n\nBody."
    assert [other[a:b] for a, b in headline(other)] == ["of bleak winter for the elites"]


def test_a_headline_in_the_writers_own_words_stays_the_writers():
    # the writer's verb, not a verb of saying
    assert ("labels.contentious", "bigots") in words(story("She said the economy had to open up.", "Club bans bigots from grounds"))
    # no speaker before the verb, the writer's adverb after it, a sentence that is no headline
    assert headline("Warns of bigots at the grounds\n\nBody.") == []
    assert headline("Bigots are banned, Jones says cryptically\n\nBody.") == []
    assert headline("The minister warns that the bigots will be banned from every ground in the country this season.") == []
    assert headline("The minister warns of bigots.\n\nBody.") == []
    # whom someone praises is named in the writer's words, as in the body
    assert headline("Charity hails heroic rescue crew\n\nBody.") == []


def test_an_attribution_after_its_clause_without_a_comma_relays_the_clause():
    text = "This may be only the tip of the iceberg says Ana Ruiz, a housing economist."
    assert [text[a:b] for a, b in inverted(text)] == ["This may be only the tip of the iceberg"]
    assert words(story(text)) == []
    # the writer's own cliché, with no one after it
    assert ("cliches.news", "tip of the iceberg") in words(story("This may be only the tip of the iceberg."))
    # with the comma, attribution after the clause is read elsewhere (`reported.spans`)
    assert inverted("This may be only the start, says Ana Ruiz.") == []


def test_relayed_speech_stays_the_writers_in_a_loaded_story():
    loaded = story("The reckless, shameless cronies wrecked the vote. She said the economy had to open up. "
                   "It also needed a less corrupt court system.")
    assert ("labels.contentious", "corrupt") in words(loaded)


def test_relayed_found_through_the_prefilter_are_those_a_search_finds(monkeypatch):
    text = story("She said the economy had to open up to trade. It also needed to build a less corrupt court "
                 "system. He MUST go, she added. They should act says Ana Ruiz.", "Minister warns of cuts")
    expected = relayed(text)
    assert len(expected) >= 4
    with state.fresh() as current:
        monkeypatch.setattr(current, "documents", 5)  # past the first document: the prefilter is used
        doc = Document.from_text(text, "a.txt")
        assert relayed(doc.prose, doc.search) == expected
