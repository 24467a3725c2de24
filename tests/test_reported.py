"""Reported speech: labels, editorializing and stock framing in a clause attributed after it, or in an accusation, are the speaker's."""
from __future__ import annotations

from newslint.checking import Checker
from newslint.config import Config
from newslint.document import Document
from newslint.matching import prefilter
from newslint.matching.matcher import _plan_of
from newslint.reported import _BEFORE, charges, held, paraphrases, spans

# a straight story of about a hundred words, in which a sentence with a reported clause is set
STRAIGHT = ("The council met on Tuesday to discuss the new bus routes for the north of the town. Members voted "
            "by nine to four to keep the night service until the end of the year. {} The routes will be "
            "reviewed again in the spring, when the operator is due to publish its figures for the winter. "
            "Passengers can give their views at the library or on the council's website until the end of "
            "March, and a public meeting will be held at the town hall in April.\n")
LOADED = "The thugs and their reckless, shameless cronies wrecked the vote. {}\n"


def findings(text: str) -> list[tuple[str, str]]:
    return [(f.rule, f.text) for f in Checker().check(Document.from_text(text, "case.md"), Config(), None)]


def words(text: str) -> list[tuple[str, str]]:
    return [(rule, words) for rule, words in findings(text) if rule.startswith(("loaded", "labels"))]


def test_attribution_after_the_clause_covers_the_clause():
    text = "The film is about life under the regime, the director said on Tuesday."
    assert [text[a:b] for a, b in spans(text)] == ["The film is about life under the regime"]
    assert words(text + "\n") == []
    assert words("The men were extremists, said Jane Okafor, a spokeswoman.\n") == []
    # a verb of saying after a determiner is a noun: no one is named as saying the clause
    text = "As an AI language model, I cannot verify these claims. The regime is brutal, I cannot verify the claims."
    assert spans(text) == []


def test_the_verdict_of_a_clause_attributed_after_it_is_the_speakers():
    """The predicate a named speaker is credited with ("is misguided, says Ana Ruiz") is their verdict, with
    the speaker named by any verb of saying before the name, or "according to" with who they are after it;
    a noun phrase the writer set in the clause stays the writer's."""
    for text in ("Cutting the library budget now is misguided, says Ana Ruiz, a councillor on the finance committee.",
                 "The plan is reckless, according to Tom Bell, who chairs the residents' group.",
                 "Raising fares again would be a cruel blow to commuters, argues Kim Reem of the passengers' union.",
                 "The new rules were simply not fair, insisted Lena Park, the union's secretary.",
                 "The word has a long and ugly history, said Omar Haddad, a linguist at the university.",
                 "The closure would cause chaos on the ring road, according to the hauliers' association.",
                 "The ruling was a disgrace, the driver's father told reporters outside court.",
                 "The new rota is unworkable, the nurses' union said through its lawyer."):
        assert words(text + "\n") == [], text
        assert words(STRAIGHT.format(text)) == [], text
    assert ("loaded.adjectives", "brutal") in words("The brutal raid was over by dawn, police said.\n")
    # a possessive is no verb of being: "the council's brutal plan" is the writer's noun phrase
    assert ("loaded.adjectives", "brutal") in words("The council's brutal plan was rejected, said Ana Ruiz.\n")
    assert words("It's simply brutal for the families, said Ana Ruiz.\n") == []
    assert ("loaded.adjectives", "misguided") in words("Cutting the library budget now is misguided.\n")


def test_an_accusation_is_the_accusers():
    assert words("The rebels accused the regime of a crackdown in the north.\n") == []


def test_the_writers_own_words_stay_the_writers():
    assert ("loaded.adjectives", "brutal") in words("The brutal raid ended at noon.\n")
    assert ("labels.contentious", "regime") in words("The film is about life under the regime.\n")
    # attribution before the clause, on a lone sentence: no story to tell the writer's voice from
    assert ("labels.contentious", "extremists") in words("Officials said the extremists left at noon.\n")
    # an adjective in the writer's noun phrase stays the writer's, attribution or not
    assert ("loaded.adjectives", "brutal") in words("The brutal raid ended, police said.\n")
    # a sentence adverb stays the writer's comment
    assert "Tragically" in {text for _, text in findings("Tragically, the storm hit the coast, officials said.\n")}


def test_a_clause_that_only_continues_is_not_reported_speech():
    text = "A senior official, who spoke on condition of anonymity, said the talks had stalled."
    assert spans(text) == []


def test_a_euphemism_in_a_reported_clause_is_still_the_writers():
    assert ("euphemisms.plain", "passed away") in findings("The actor passed away on Sunday, his agent said.\n")


def test_a_demand_in_a_reported_clause_is_the_speakers():
    assert ("editorial.advocacy", "must act") in findings("The city must act before the next storm.\n")
    assert findings("The city must act before the next storm, the fire chief said.\n") == []
    assert findings("Drivers must stop at the new crossing from Monday, the council said.\n") == []
    # the writer's sentence adverb before the reported clause is still the writer's
    assert ("editorial.adverbs", "Sadly") in findings("Sadly, the city must act now, the fire chief said.\n")


def test_stock_framing_in_a_reported_clause_is_the_speakers():
    said = "Dialogue is essential to end the strike, union leaders said in a statement.\n"
    assert not [rule for rule, _ in findings(said) if rule.startswith("filler")]
    assert ("filler.phrases", "Dialogue is essential") in findings("Dialogue is essential to end the strike.\n")
    assert ("filler.phrases", "a testament to") in findings("The new mill is a testament to the valley's farms.\n")
    assert not [rule for rule, _ in findings("The new mill is a testament to the valley's farms, the minister said.\n")
                if rule.startswith("filler")]


def test_attribution_after_the_clause_may_say_where_and_when_at_length():
    text = ("Dialogue is essential to end the strike, union leaders said on Thursday at a meeting in the town "
            "hall called to agree how the two sides would talk again.")
    assert [text[a:b] for a, b in spans(text)] == ["Dialogue is essential to end the strike"]


def test_attribution_after_the_clause_may_say_whom_they_told():
    assert words("The men were extremists, a spokeswoman told reporters after the meeting.\n") == []
    assert words("The group were terrorists, the minister told MPs on Tuesday.\n") == []
    assert ("labels.contentious", "extremists") in words("The men were extremists, a spokeswoman told reporters of the plot.\n")


def test_an_impression_imagined_is_not_claimed():
    assert words("The plan may seem reckless at first, but it has worked in three other towns.\n") == []
    assert words("A camera in every room might sound like an Orwellian vision of the home.\n") == []
    # the impression stated, and the writer's words after the comma, are the writer's
    assert ("loaded.adjectives", "reckless") in words("The plan seems reckless to residents of the town.\n")
    assert ("loaded.condemnation", "shameless") in words("It may sound harsh, but the scheme is a shameless fraud.\n")


def test_the_charge_of_an_accusation_is_the_accusers_wording():
    assert words("A newspaper accused the visiting reporters of a witch-hunt against the coach.\n") == []
    assert words("The rebels accused the army of brutal reprisals in the north.\n") == []
    # no accuser named: the wording is the writer's
    assert ("loaded.adjectives", "brutal") in words("The army was accused of brutal reprisals in the north.\n")
    assert ("loaded.adverbs", "vehemently") in words("The accused officer vehemently denied the charge.\n")


def test_an_accusation_in_capitals_is_found():
    text = "RIVALS ACCUSED THE MAYOR OF A BRUTAL COVER-UP\n"
    assert [text[a:b] for a, b in spans(text)] == ["THE MAYOR OF A BRUTAL COVER-UP"]
    assert [text[a:b] for a, b in charges(text)] == ["A BRUTAL COVER-UP"]


def test_the_clause_after_a_reporting_verb_is_a_paraphrase():
    def clauses(text: str) -> list[str]:
        return [text[a:b] for a, b in paraphrases(text)]
    assert clauses("The driver said he was roughly handled at the station.") == ["he was roughly handled at the station"]
    assert clauses("She told reporters on Monday that the plan was a disgrace, and left.") == ["the plan was a disgrace"]
    assert clauses("The mayor said on Tuesday the cuts were cruel.") == ["the cuts were cruel"]
    # what is warned or told is the writer's wording; only the clause after "that" is relayed
    assert clauses("The club warned reckless fans that it would ban them.") == ["it would ban them"]
    # not a speaker's clause: impersonal or passive, an adjective, a verb with no clause after it
    assert clauses("It is said the vote was rigged.") == []
    assert clauses("The plan was said to be a disgrace.") == []
    assert clauses("Police are looking into the alleged brutal attack.") == []
    assert clauses("He explained to the panel how the fund works.") == []
    # "added" and "explained" relay a clause only with "that"
    assert clauses("He added that the plan was a folly.") == ["the plan was a folly"]
    assert clauses("The ruling added fuel to the row over the plan.") == []
    # what a court, a jury or an inquest heard is a witness's or counsel's account
    assert clauses("The court heard the victim had suffered horrific injuries.") == ["the victim had suffered horrific injuries"]
    assert clauses("The inquest heard that the crew were exhausted.") == ["the crew were exhausted"]
    assert clauses("He heard the news on the radio.") == []
    # so do the verbs that tell the reader the speaker is right ("pointed out", "noted", "stressed")
    assert clauses("Academics point out that there is no proof linking gory games with violence.") == [
        "there is no proof linking gory games with violence"]
    assert clauses("The judge noted that the raid was a fiasco.") == ["the raid was a fiasco"]
    assert clauses("The inspector noted the damage to the roof.") == []
    assert clauses("She pointed out the brutal conditions on the wards.") == []
    # what an inquiry, a study or a court found, concluded or ruled is its finding, relayed with "that"
    assert clauses("The review found that staff were routinely humiliated.") == ["staff were routinely humiliated"]
    assert clauses("The tribunal ruled that her dismissal was a sham.") == ["her dismissal was a sham"]
    assert clauses("The inquiry concluded that the response had been chaotic.") == ["the response had been chaotic"]
    assert clauses("Divers found the wreck of the ferry on Sunday.") == []
    # the writer's adverb of manner is not the speaker's
    assert clauses("The mayor said bluntly that the scheme was a folly.") == ["the scheme was a folly"]
    assert clauses("Not yet, the mayor says cryptically.") == []
    # a headline that ends in a verb of saying has no clause: the story after the blank line is the writer's
    assert clauses("Plan in trouble, aide says\n\nThe reckless plan was approved on Monday.") == []
    assert clauses("Mayor says cryptically\n\nThe reckless plan was approved on Monday.") == []
    # a clause wrapped onto the next line of its paragraph is still relayed
    assert clauses("Officials insisted that\nthe fund was safe.") == ["the fund was safe"]
    # praise names whom it praises in the writer's words: not relayed
    assert clauses("The senator praised the notorious warlord.") == []
    # a question someone puts is theirs; a "whether" of the writer's own is not relayed
    assert clauses("The regulator opened an inquiry into whether the banks rigged the rates.") == [
        "the banks rigged the rates"]
    assert clauses("Whether the banks rigged the rates is not yet known.") == []
    # what someone warns, speaks or complains of is their word for it
    assert clauses("The charity warned of a devastating impact on services.") == ["a devastating impact on services"]
    assert clauses("Residents complained of appalling conditions, and left.") == ["appalling conditions"]
    assert clauses("The warnings of a brutal winter came true.") == []
    # a warning given to no one named, and a participle's clause after "that"
    assert clauses("The mayor warned that the cuts were cruel.") == ["the cuts were cruel"]
    assert clauses("The union opposed the plan, saying that the cuts were savage.") == ["the cuts were savage"]
    assert clauses("She left the talks, arguing that the offer was an insult; he stayed.") == ["the offer was an insult"]
    assert clauses("The union walked out, telling reporters that the offer was a sham.") == ["the offer was a sham"]
    assert clauses("The saying that crime pays is old. His warning that the dam was weak went unheeded.") == []
    assert clauses("Arguing with the referee, the captain was booked.") == []


VERBS = ("The driver said he was roughly handled. She told reporters on Monday that the plan was a disgrace, "
         "and left. It is said the vote was rigged. The mayor SAID on Tuesday the cuts were cruel; Officials "
         "insisted that\nthe fund was safe. An inquiry into whether the banks rigged the rates opened, and "
         "asked   whether they knew. The alleged plot, his said words. Critics claimed the club warned fans "
         "that it would ban them, and he denies it. The union left, saying that the offer was an insult.\n")


def test_the_paraphrases_found_through_the_prefilter_are_those_a_search_finds(read_as_in_a_run):
    """Over many documents the reporting verbs are tried only where the prefilter says a match can
    start (`Document.search`): the clauses are exactly those a search of the prose finds."""
    expected = paraphrases(VERBS)
    assert len(expected) >= 6
    doc = read_as_in_a_run(VERBS)
    assert paraphrases(doc.prose, doc.search) == expected
    assert prefilter.scan(doc).candidates(_plan_of(_BEFORE.pattern, _BEFORE.flags)) not in (None, [])


def test_what_people_hold_found_through_the_prefilter_is_what_a_search_finds(read_as_in_a_run):
    """`held` through `Document.search`, as the engine asks it over many documents, finds the same
    clauses as a search of the prose."""
    text = ("Fears that the dam would fail grew. Hopes that talks resume faded, and the belief that it was "
            "safe, HOPES THAT rain comes, worries that prices rise and suspicions that votes were bought "
            "stayed. He hoped that it would pass.\n")
    expected = held(text)
    assert len(expected) == 6
    doc = read_as_in_a_run(text)
    assert held(doc.prose, doc.search) == expected
    assert spans(doc.prose, doc.search) == spans(text) and charges(doc.prose, doc.search) == charges(text)


def test_a_paraphrase_in_a_straight_story_is_the_speakers():
    sentence = "The driver said he was brutally handled by the guards and that the inquiry was a sham."
    assert words(STRAIGHT.format(sentence)) == []
    assert words(STRAIGHT.format("The regulator is looking into whether the banks rigged the rates.")) == []
    assert words(STRAIGHT.format("The jury heard the victim had suffered horrific injuries to his face.")) == []
    assert words(STRAIGHT.format("Academics point out that no study has linked bloodthirsty games with violence.")) == []
    assert ("loaded.adjectives", "bloodthirsty") in words(STRAIGHT.format("No study has linked bloodthirsty games with violence."))
    # the writer's words before the verb, and the writer's own sentences, are still the writer's
    assert ("loaded.adjectives", "brutal") in words(STRAIGHT.format("The brutal guard said he had done nothing wrong."))
    assert ("loaded.adjectives", "brutal") in words(STRAIGHT.format("The guards were brutal."))
    # what a named party says in the present is theirs; what "critics say" or "they say" is no one's
    assert words(STRAIGHT.format("Prosecutors say the pair bilked elderly investors out of their savings.")) == []
    assert ("loaded.adjectives", "brutal") in words(STRAIGHT.format("They say the guards were brutal."))
    assert ("loaded.adjectives", "brutal") in words(STRAIGHT.format("Officials would not say whether the brutal raid was planned."))


def test_a_paraphrase_stays_the_writers_where_it_cannot_be_told_apart():
    sentence = "The driver said he was brutally handled by the guards."
    # a loaded story launders its words through a speaker
    assert ("loaded.adjectives", "brutally") in words(LOADED.format(sentence))
    # a lone sentence gives no measure of the writer's voice
    assert ("loaded.adjectives", "brutally") in words(sentence + "\n")
    # a word the writer sets in capitals is the writer's shout
    assert ("loaded.emphasis", "VANISHED") in words(STRAIGHT.format("The clerk said the ledger VANISHED overnight."))


def test_the_charge_a_complaint_or_an_allegation_names_is_its_makers_wording():
    assert words("The survey heard complaints from nurses of patronising remarks on the wards.\n") == []
    assert words("Residents made allegations of police brutality after the eviction.\n") == []
    text = "The study found complaints of sexist jibes in the chamber, crude insults and patronising remarks about them.\n"
    assert [text[a:b] for a, b in charges(text)] == [
        "sexist jibes in the chamber, crude insults and patronising remarks about them"]
    assert words(text) == []
    # the charge ends with its clause: what follows a comma is the writer's again, unless a list runs on
    assert ("loaded.adjectives", "brutal") in words("Despite complaints of noise, the brutal raids went on.\n")
    assert ("loaded.adjectives", "brutal") in words("The brutal raids went on despite complaints of noise.\n")


def test_words_relayed_from_speakers_do_not_load_the_writers_voice():
    # the story is straight but for the speaker's own words, relayed after "said": those are the speaker's
    told = ("The minister said the squeeze on the bigots and their thugs would be a key aim and the "
            "shameless yobs would be banned.")
    assert words(STRAIGHT.format(told)) == []
    # the same words in the writer's own voice load the story, and then a paraphrase is no shelter
    own = ("The bigots and their thugs were out again in a disgraceful show. The minister said the shameless "
           "yobs would be banned.")
    found = words(STRAIGHT.format(own))
    assert ("labels.contentious", "bigots") in found and ("loaded.condemnation", "shameless") in found


def test_what_people_fear_hope_or_believe_is_their_wording():
    text = "Despite fears that militants would use the march to stoke riots, the day passed quietly.\n"
    assert [text[a:b] for a, b in held(text)] == ["militants would use the march to stoke riots"]
    assert words("Despite fears that radical groups would hijack the march, the day passed quietly.\n") == []
    assert words("Many voters share the belief that the council is corrupt and cruel.\n") == []
    # the writer's own words around them stay the writer's
    assert ("loaded.adjectives", "brutal") in words("The brutal raids went on despite fears that the town would empty.\n")
    assert words("Despite fears that radical groups would hijack the march, the brutal police waited.\n") == [
        ("loaded.adjectives", "brutal")]
    # a call to act stays the writer's wording: loaded copy sets its own words there
    assert held("The governor ordered troops to brutally clear the square.\n") == []


def test_the_charge_of_a_condemnation_is_the_critics_wording():
    text = "Church leaders condemned the mayor for letting the marchers be violently dispersed on Sunday.\n"
    assert [text[a:b] for a, b in charges(text)] == ["letting the marchers be violently dispersed on Sunday"]
    assert words(text) == []
    assert words("The ferry firm was criticised by the union for its reckless handling of the strike.\n") == []
    # no critic named: the wording is the writer's
    assert ("loaded.adjectives", "reckless") in words(
        "The ferry firm has been criticised for its reckless handling of the strike.\n")
    # what follows "for" is not a charge where it names no act: "support for the brutal regime" is the writer's
    assert charges("She criticised council support for the brutal scheme.\n") == []
    # the charge ends with its clause: what follows a comma is the writer's again
    assert ("loaded.adjectives", "brutal") in words(
        "Bishops condemned the mayor for his closures, and the brutal guards stayed.\n")


def test_the_merit_that_praise_names_is_the_praisers_wording():
    text = "The coach praised the keeper for his heroic display in the final.\n"
    assert [text[a:b] for a, b in charges(text)] == ["his heroic display in the final"]
    assert words(text) == []
    assert words("Residents hailed the nurses for their heroic work during the floods.\n") == []
    # praise with no "for" names no merit of its own: the adjective is the writer's
    assert ("loaded.adjectives", "heroic") in words("The coach praised the keeper's heroic display.\n")
    # nor does a praise the writer gives: the merit is the writer's verdict
    assert ("loaded.adjectives", "heroic") in words("The keeper's heroic display won the final.\n")


def test_an_aside_after_the_subject_does_not_end_what_people_hold():
    text = "It hardened into a belief that landlords, especially the big ones, are greedy and cruel.\n"
    assert [text[a:b] for a, b in held(text)] == ["landlords, especially the big ones, are greedy and cruel"]
    assert words(text) == []
    # an aside after the clause's verb ends it: what follows is the writer's again
    assert ("loaded.adjectives", "brutal") in words(
        "Despite fears that militants would stoke riots, especially in the north, the brutal police waited.\n")


def test_the_steps_keep_the_clauses_they_find_with_the_document():
    """The clauses and charges a step finds are kept with the document: when the steps run again on it
    (after more rules have run), they are not looked for again."""
    from newslint.finding import Finding, Severity
    from newslint.reported import drop_paraphrased, drop_reported
    from newslint.synopsis import drop_synopses

    text = STRAIGHT.format("The brutal plan was doomed, the union said.")
    doc = Document.from_text(text, "case.md")
    at, to = text.index("brutal"), text.index("doomed")
    found = [Finding("case.md", 1, 1, 1, 1, at, at + 6, "loaded.adjectives", Severity.WARNING, "m", "brutal"),
             Finding("case.md", 1, 1, 1, 1, to, to + 6, "editorial.verdicts", Severity.WARNING, "m", "doomed")]
    kept = drop_reported(found, doc.prose, doc.search, doc.memo)
    assert kept == drop_reported(found, doc.prose) == [found[0]]
    assert set(doc.memo) == {"reported.after", "reported.spans", "reported.charges"}
    doc.memo["reported.spans"] = []  # (what is kept is what the step reads the next time)
    assert drop_reported(found, doc.prose, doc.search, doc.memo) == found
    drop_paraphrased(found, doc.prose, frozenset(), doc.search, doc.memo)
    drop_synopses(found, doc.prose, frozenset({"loaded"}), doc.memo)
    assert {"reported.paraphrases", "synopsis.spans"} <= set(doc.memo)
