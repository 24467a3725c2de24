"""One note per problem: overlapping findings fold, claims fold per sentence, the story verdict."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newslint import articles, checking
from newslint.articles import article_type
from newslint.engine import Engine
from newslint.cli import main
from newslint.finding import Finding, Severity
from newslint.folding import fold
from newslint.verdict import story_verdict


def finding(rule: str, col: int, end: int, severity: Severity = Severity.WARNING, line: int = 1) -> Finding:
    return Finding("a.md", line, col, line, end, col - 1, end - 1, rule, severity, "m", "x" * (end - col))


def run(findings: list[Finding], structural: frozenset[str] = frozenset(), sentence: int = 0) -> list[Finding]:
    return fold(findings, structural.__contains__, lambda f: sentence if f.line == 1 else f.line)


def check(tmp_path: Path, text: str, name: str = "story.md") -> list[dict]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    out = CliRunner().invoke(main, ["check", "--format", "json", str(path)]).stdout
    return json.loads(out)["findings"]


def test_overlapping_findings_fold_into_the_most_serious():
    folded = run([finding("cliches.news", 5, 18, Severity.SUGGESTION), finding("loaded.adjectives", 5, 11)])
    assert [(f.rule, f.column) for f in folded] == [("loaded.adjectives", 5)]
    assert [(r.rule, r.column, r.end_column) for r in folded[0].related] == [("cliches.news", 5, 18)]
    assert folded[0].to_dict()["related"] == [{"rule": "cliches.news", "line": 1, "column": 5, "end_line": 1,
                                               "end_column": 18, "text": "x" * 13}]


def test_a_word_that_grades_the_next_is_one_note_with_the_next_words_finding():
    """A degree word and the word it grades ("absolutely disgraceful") are one problem when both are flagged;
    a degree word two words off, or a word that grades nothing, stays a note of its own."""
    grades = {"editorial.intensifiers"}.__contains__
    graded = [finding("editorial.intensifiers", 5, 15), finding("loaded.adjectives", 16, 27)]
    folded = fold(graded, frozenset().__contains__, lambda f: 0, grades=grades)
    assert [(f.rule, f.column) for f in folded] == [("loaded.adjectives", 16)]
    assert [(r.rule, r.column) for r in folded[0].related] == [("editorial.intensifiers", 5)]
    apart = [finding("editorial.intensifiers", 5, 15), finding("loaded.adjectives", 20, 31)]
    assert len(fold(apart, frozenset().__contains__, lambda f: 0, grades=grades)) == 2
    assert len(fold(graded, frozenset().__contains__, lambda f: 0)) == 2  # no rule grades: two words, two notes


def test_a_hedge_before_an_unsourced_figure_is_one_note_with_it(tmp_path):
    """"reportedly killing 21": the figure's only source is the unnamed report, one problem; a hedge on a
    sentence with no flagged figure after it is still its own note."""
    text = "A car bomb went off in a busy market on Tuesday, reportedly killing 21 people.\n"
    found = check(tmp_path, text)
    assert [(f["rule"], f["text"]) for f in found] == [("attribution.casualties", "killing 21")], found
    assert [r["rule"] for r in found[0]["related"]] == ["hedges.reportedly"]
    alone = check(tmp_path, "The coach reportedly offered to resign after the defeat on Tuesday.\n")
    assert [f["rule"] for f in alone] == ["hedges.reportedly"], alone


def test_an_overstating_degree_word_before_a_loaded_word_is_one_note(tmp_path):
    text = ("# Council vote\n\nThe reckless council pushed through a shameful plan on Monday. The vote was "
            "absolutely disgraceful. Its cruel cuts will hit the poorest streets first.\n")
    found = check(tmp_path, text)
    at = [f for f in found if f["line"] == 3 and "disgraceful" in f["text"]]
    assert [f["rule"] for f in at] == ["loaded.adjectives"], found
    assert [r["rule"] for r in at[0]["related"]] == ["editorial.intensifiers"]
    assert not [f for f in found if f["rule"] == "editorial.intensifiers"]


def test_severity_decides_before_family():
    folded = run([finding("sources.uncited", 3, 30), finding("sources.homepage", 3, 30, Severity.ERROR)])
    assert [f.rule for f in folded] == ["sources.homepage"] and folded[0].related[0].rule == "sources.uncited"


def test_findings_on_different_words_stay_apart():
    folded = run([finding("loaded.adjectives", 5, 11), finding("labels.contentious", 12, 20)])
    assert [f.rule for f in folded] == ["loaded.adjectives", "labels.contentious"]
    assert all(not f.related for f in folded) and "related" not in folded[0].to_dict()


def test_a_sentence_length_finding_never_swallows_the_words_in_it():
    folded = run([finding("length.sentence", 1, 200), finding("loaded.adjectives", 5, 11)],
                 structural=frozenset({"length.sentence"}))
    assert [f.rule for f in folded] == ["length.sentence", "loaded.adjectives"]


def test_claims_in_one_sentence_are_one_note_at_the_first():
    folded = run([finding("attribution.outcomes", 40, 50), finding("attribution.outcomes", 10, 21),
                  finding("attribution.motives", 60, 70), finding("loaded.adjectives", 80, 86)])
    assert [(f.rule, f.column) for f in folded] == [("attribution.outcomes", 10), ("loaded.adjectives", 80)]
    assert [(r.rule, r.column) for r in folded[0].related] == [("attribution.outcomes", 40),
                                                                ("attribution.motives", 60)]
    other_sentence = run([finding("attribution.outcomes", 10, 21), finding("attribution.outcomes", 5, 9, line=2)])
    assert len(other_sentence) == 2


def test_a_house_rule_wins_over_a_built_in_one_on_the_same_words():
    folded = run([finding("euphemisms.plain", 11, 22), finding("desk.obituary", 11, 22)])
    assert [f.rule for f in folded] == ["desk.obituary"]


STORY = ("Rebel fighters overpowered the garrison at dawn and forced the troops to retreat from the hill. "
         "The victory demonstrates the rebels' growing reach across the valley. ") + \
        "The road to the town stayed closed through the afternoon and the shops did not open. " * 8


def test_the_story_verdict_lands_once_on_the_first_line_of_an_unsourced_news_story(tmp_path):
    found = check(tmp_path, STORY)
    verdicts = [f for f in found if f["rule"] == "attribution.none"]
    assert [(f["line"], f["column"], f["severity"]) for f in verdicts] == [(1, 1, "error")]
    starts = [(f["line"], f["column"], f["end_line"], f["end_column"]) for f in found if f["rule"] != "attribution.none"]
    for i, a in enumerate(starts):  # no two notes on the same words
        for b in starts[i + 1:]:
            assert (a[2], a[3]) <= (b[0], b[1]) or (b[2], b[3]) <= (a[0], a[1]), (a, b)


def test_no_verdict_for_a_sourced_story_opinion_or_a_story_without_claims(tmp_path):
    sourced = STORY.replace("at dawn", "at dawn, a military spokesman said,")
    assert not [f for f in check(tmp_path, sourced) if f["rule"] == "attribution.none"]
    opinion = "---\ncategories: [Opinion]\n---\n\n" + STORY
    assert not [f for f in check(tmp_path, opinion) if f["rule"] == "attribution.none"]
    chart = "The band's new album entered the chart at number three on Sunday. " * 12
    assert not [f for f in check(tmp_path, chart) if f["rule"] == "attribution.none"]


def test_the_verdict_asked_for_alone_still_shows():
    verdict = finding("attribution.none", 1, 40, Severity.ERROR)
    assert story_verdict([verdict], None, {"attribution.none"}) == [verdict]
    assert story_verdict([verdict], None, {"attribution.none", "attribution.outcomes"}) == []
    assert story_verdict([verdict], "review", {"attribution.none"}) == []


@pytest.mark.parametrize(("front", "expected"), [
    ("categories: [Politics, Opinion]", "opinion"),
    ("tags: op-ed", "opinion"),
    ("tags: [film, Reviews]", "review"),
    ("categories: [Analysis]\ntags: [column]", "analysis"),
    ("type: news\ntags: [column]", "news"),  # the type key wins
    ("tags: [war, politics]", None),
])
def test_article_type_from_categories_and_tags(front, expected):
    assert article_type(f"---\n{front}\n---\n\nText.\n") == expected


def test_opinion_from_tags_softens_word_choice_but_not_sourcing(tmp_path):
    text = "---\ntags: [column]\n---\n\nThe brutal raid ended. It killed 14 people.\n"
    severities = {f["rule"]: f["severity"] for f in check(tmp_path, text)}
    assert severities["loaded.adjectives"] == "suggestion"
    assert severities["attribution.casualties"] == "warning"


def lint_words(text: str) -> list[tuple[str, str]]:
    from newslint.engine import lint_text

    return [(f.rule, f.text) for f in lint_text(text, "case.md") if f.rule.startswith(("loaded", "labels"))]


def test_a_capital_mid_sentence_marks_a_name_or_a_title():
    assert lint_words("The club agreed to sell Savage to a rival side on Monday.\n") == []
    assert lint_words("Her new single Outrageous entered the chart at number four.\n") == []
    assert lint_words("The company staged the play (Brutal) at the small theatre in May.\n") == []
    assert ("loaded.adjectives", "savage") in lint_words("The savage attack on the village lasted an hour.\n")


def test_a_title_case_headline_is_read_as_words_unless_the_story_names_them():
    assert ("loaded.adjectives", "Brutal") in lint_words("# Brutal Crackdown Shocks Capital Residents\n\n"
                                                         "Police cleared the square on Sunday.\n")
    named = "# City Row Over Savage Transfer Deal Grows\n\nThe club said Robbie Savage would stay.\n"
    assert lint_words(named) == []


@pytest.mark.parametrize("body", [
    "Savage said he would stay.", "Savage's contract runs to June.", "Savage, 31, joined in May.",
    "Savage, who joined in May, will stay.", "Savage, the club's captain, will stay.",
    "Savage Garden, the band, will reunite."])
def test_what_only_a_name_takes_marks_a_sentence_opening_word_as_a_name(body):
    assert lint_words(f"# City Row Over Savage Transfer Deal Grows\n\n{body}\n") == []


def test_a_sentence_opening_adjective_is_still_the_word():
    assert ("loaded.adjectives", "Savage") in lint_words("Savage fighting broke out, the police said.\n")
    assert ("loaded.adjectives", "Brutal") in lint_words("Brutal fighting, the worst in years, broke out.\n")


def test_a_sentence_opening_title_of_a_work_is_a_name():
    assert lint_words("Brutal Youth, the play, runs until March.\n") == []
    assert lint_words("Outrageous Fortune, a new film by Ana Ruiz, opens in May.\n") == []


def test_a_name_at_the_start_of_a_hard_wrapped_line_is_still_a_name():
    wrapped = ("Harlow Farm Tools said on Monday it had agreed to sell its Alberta-based\n"
               "Noble Ploughs Co division to Vicon Inc of Ontario, for undisclosed terms, and a rival bid from\n"
               "Savage Pumps Ltd of Leeds was turned down.\n")
    assert lint_words(wrapped) == []
    # a line that starts a sentence, or follows a short one, starts afresh
    assert ("loaded.adjectives", "Savage") in lint_words("The mill closed on Monday after eighty years of work in town.\nSavage cuts followed.\n")
    assert ("loaded.adjectives", "Savage") in lint_words("Mill closes\nSavage cuts follow at the Harlow mill, the owners said.\n")


def test_a_word_a_headline_quotes_is_the_speakers():
    assert lint_words("Report: Singer Not 'Manhandled' By Guards\n\nThe singer was not hurt, the report said.\n") == []
    assert lint_words("'Alien Vs. Predator' Tops Box Office\n\nThe film took $38m, the studio said.\n") == []
    # in the body, a word quoted alone with no speaker is still the writer's scare quote
    assert ("loaded.vilification", "manhandled") in lint_words("The singer was 'manhandled' by guards.\n")


def test_adjectives_made_from_names_keep_their_capital():
    assert ("loaded.adjectives", "Orwellian") in lint_words("The plan reads like an Orwellian scheme for the town.\n")


def test_a_capitalized_word_after_a_kind_of_work_is_its_title_whatever_its_ending():
    assert lint_words("Her new single Toxic entered the chart at number four.\n") == []
    assert lint_words("The band closed with their hit Chaotic, a song about the city.\n") == []
    assert lint_words("The band's new single, Toxic Love, reached number three.\n") == []
    # the same word opening a sentence, or before a noun, is the word
    assert ("loaded.adjectives", "Pathetic") in lint_words("She released a single. Pathetic scenes followed at the shop.\n")
    assert ("loaded.adjectives", "toxic") in lint_words("Her new single is a toxic mess, the critics agree.\n")


def test_one_superlative_claim_is_one_finding(tmp_path):
    found = check(tmp_path, "It was the worst drought in the country's history, and farms failed.\n")
    claims = [f for f in found if f["rule"].startswith("superlative")]
    assert [(f["rule"], f["text"], len(f["related"])) for f in claims] == [
        ("superlative.compared", "the worst drought in the country's history", 1)]


def test_a_cluster_of_machine_written_vocabulary_is_one_note_per_paragraph(tmp_path):
    text = ("The festival showcases a vibrant tapestry of local cultures.\n\n"
            "Moreover, the plan seeks to navigate the landscape of housing.\n")
    notes = [f for f in check(tmp_path, text) if f["rule"] == "filler.vocabulary"]
    assert [(f["line"], f["column"], len(f["related"])) for f in notes] == [(1, 14, 2), (3, 1, 2)]
    assert "(showcases, vibrant, tapestry)" in notes[0]["message"]
    assert [r["text"] for r in notes[1]["related"]] == ["navigate", "landscape"]


def test_a_sentence_repeated_word_for_word_is_one_note():
    from newslint.engine import lint_text

    poll = "Who is the most corrupt politician in the state?"
    text = f"{poll}\n\nThe council met on Monday.\n\n{poll}\n\n{poll}\n"
    found = [f for f in lint_text(text) if f.rule == "labels.contentious"]
    assert [(f.line, f.text) for f in found] == [(1, "corrupt")]
    assert [r.line for r in found[0].related if r.rule == "labels.contentious"] == [5, 7]


def test_the_same_word_twice_in_one_sentence_is_two_notes():
    from newslint.engine import lint_text

    found = [f for f in lint_text("The corrupt mayor and the corrupt judge resigned.\n") if f.rule == "labels.contentious"]
    assert [f.column for f in found] == [5, 27]


def test_the_article_type_is_told_only_for_a_story_whose_findings_it_may_change(monkeypatch):
    told: list[str] = []

    def type_of(doc):
        told.append(doc.path)
        return articles.type_of(doc)

    monkeypatch.setattr(checking, "type_of", type_of)
    engine = Engine()
    assert engine.lint_text("The council met on Monday and agreed the budget for next year.\n", "plain.md").findings == []
    assert told == []  # nothing its type could change
    engine.lint_text("The council met on Monday and agreed a shameless budget for next year.\n", "loaded.md")
    engine.lint_text(STORY, "verdict.md")
    assert told == ["loaded.md", "verdict.md"]  # a word choice an opinion piece softens; a verdict it drops
    review = "---\ntype: review\n---\n\nThe council agreed a shameless budget for next year.\n"
    assert not [f for f in engine.lint_text(review, "review.md").findings if f.family == "loaded"]


def test_the_verdict_asks_for_the_article_type_only_beside_a_claim():
    asked: list[bool] = []

    def kind() -> str | None:
        asked.append(True)
        return "opinion"

    verdict = finding("attribution.none", 1, 40, Severity.ERROR)
    assert story_verdict([verdict], kind, {"attribution.none", "attribution.outcomes"}) == []
    assert asked == []  # no claim: no verdict, whatever the type
    claim = finding("attribution.outcomes", 2, 10)
    assert story_verdict([verdict, claim], kind, {"attribution.none", "attribution.outcomes"}) == [claim]
    assert asked == [True]


def test_unnamed_sources_a_story_goes_back_to_are_one_note(tmp_path):
    story = ("Crude output fell to 3.5 million barrels a day in March, Gulf oil sources said.\n\n"
             "Exports rallied in the last week of the month, the sources said.\n\n"
             "The sources said buyers had rushed to lift their entitlements before the month ended.\n\n"
             "A second group of sources said prices would hold.\n")
    found = [f for f in check(tmp_path, story) if f["rule"] == "anonymous.sources"]
    # the sources first named carry the note; each return to them is related to it
    assert [(f["line"], len(f.get("related", []))) for f in found] == [(1, 2), (7, 0)]
    assert [r["line"] for r in found[0]["related"]] == [3, 5]
    # sources never named before are a problem of their own, the first time as well
    alone = [f for f in check(tmp_path, "The sources said prices would hold.\n") if f["rule"] == "anonymous.sources"]
    assert len(alone) == 1


def test_a_sentence_that_lists_people_is_capitalized_for_them_not_a_headline():
    names = ("The panel's members are Jan Okafor, Chad Olsen, David Oman, Matt Paul, Marlys Popma, Troy Price, "
             "Christopher Rants, Kim Reem and Craig Robinson.\n")
    assert lint_words(names) == []
    # a headline in Title Case stays a headline, whatever its length
    headline = "# Mayor Slams Outrageous Budget Plan As Residents Protest Outside City Hall\n\nThe council met.\n"
    assert ("loaded.adjectives", "Outrageous") in lint_words(headline)
