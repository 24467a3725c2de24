"""The article type read from the copy: a review is known by a rating, credits, or the critic's voice on a work."""
from __future__ import annotations

import pytest

from newslint.articles import match_report_by_copy, review_by_copy, type_of
from newslint.document import Document
from newslint.engine import lint_text

GAME_REVIEW = """Harbour Run makes a splash

The first Harbour Run was a modest hit on handheld consoles, and the sequel is bolder in every way.

You steer a tugboat through a crowded port, nudging freighters into their berths before the tide turns. \
The game rewards patience more than speed, and the gameplay settles into a pleasing rhythm after an hour.

The graphics are lush, with rain that streaks the wheelhouse windows and gulls that scatter as you pass. \
Your crew chatter constantly, which is charming at first and grating by the fourth harbour.

Later levels pile on fog, night shifts and rival tugs, and the difficulty climbs sharply. \
You will fail a few times before the docks make sense, but the checkpoints are generous.

The soundtrack, all brass and accordion, suits the setting well. \
There are a few dull fetch missions in the middle, yet they pass quickly.

It is a brutal climb to the final harbour, and a stunning one. Harbour Run 2 is out now on all major consoles.
"""

FILM_NEWS = """Studio delays harbour drama

A film studio has pushed back the release of its harbour drama by six months, its chief executive said.

The film, shot in Hull last spring, was due in cinemas in March. Maria Lenz said the studio wanted more \
time for the score and the final edit.

"The film deserves a summer audience," Ms Lenz told reporters on Tuesday. She said the cast had been told.

The director, Tom Aske, said he supported the move. "We want it to be right," he said.

Industry analysts at Screen Data said the film would now face stiffer competition. The studio said \
the budget had not changed and that the release date would be announced in May.

A spokesman for the cinema chain Vue said it had been told of the change on Monday, and added that \
the film remained one of its most anticipated of the year.
"""

COLUMN = """Why the council must listen

I have lived in this town for twenty years, and I have never seen a council so deaf to its residents.

My street has lost its bus, its post office and its library in three years. I do not blame the staff, \
who do what they can with less money each year.

We were promised a consultation. We got a leaflet. You might think that a town of this size deserves \
better, and you would be right.

I will be at the meeting on Thursday, and I hope you will be too. The councillors should hear what \
their decisions have done to the people who elected them.

It is a shameful record, and it is time it changed. The next election is in May, and I know how I will vote.
"""


def doc(text: str) -> Document:
    return Document.from_text(text, "case.md")


def test_a_review_is_known_by_its_critics_voice_on_a_work():
    assert review_by_copy(doc(GAME_REVIEW))
    assert type_of(doc(GAME_REVIEW)) == "review"


def test_news_about_a_work_and_a_first_person_column_are_not_reviews():
    assert not review_by_copy(doc(FILM_NEWS))  # it reports what people said
    assert not review_by_copy(doc(COLUMN))  # no work under review
    assert type_of(doc(FILM_NEWS)) is None


def test_a_rating_or_a_credits_line_marks_a_short_review():
    rated = "The album is warm and unhurried, the best thing the band has made.\n\nRating: 4/5\n"
    credited = "Reviewed by Ana Ruiz\n\nThe play is long, and the second act drags.\n"
    assert review_by_copy(doc(rated)) and review_by_copy(doc(credited))
    assert not review_by_copy(doc("The album is warm and unhurried, the best thing the band has made.\n"))
    assert not review_by_copy(doc("The vote was close.\n\nRating: 4/5\n"))  # a rating of nothing named


def test_a_review_label_line_marks_a_review_but_a_review_in_the_news_does_not():
    body = "The sequel is louder than the first film, and the jokes land less often.\n"
    for label in ("DVD review: Harbour Nights", "Review: Harbour Nights", "Theatre review | The Tide", "# Album review - Low Water"):
        assert review_by_copy(doc(label + "\n\n" + body)), label
    for headline in ("Spending review: councils face cuts", "Pay review: nurses offered 3%", "Judges review the case"):
        assert not review_by_copy(doc(headline + "\n\n" + body)), headline
    assert not review_by_copy(doc(body + "\nDVD review: Harbour Nights\n"))  # a label opens the piece


MATCH = """Harlow 3-1 Tarbury

Harlow moved up to fourth with a deserved win over a tired Tarbury side.

Jo Park scored a tremendous free-kick after ten minutes, and Sam Lee added a second before half-time.

Tarbury were utterly outplayed in the second half, though Ana Ruiz pulled one back with a header.
"""


def test_a_scoreline_headline_marks_a_match_report():
    for headline in ("Harlow 3-1 Tarbury", "# Queen of the South 2–2 St Mirren", "Italy 8-38 Wales (aet)"):
        assert match_report_by_copy(doc(MATCH.replace("Harlow 3-1 Tarbury", headline))), headline
    assert type_of(doc(MATCH)) == "match"
    for headline in ("Harlow beat Tarbury 3-1 to go fourth", "Council votes 7-2 to close the library",
                     "Harlow 3-1 Tarbury: fans clash after the match, police say at length in a statement"):
        assert not match_report_by_copy(doc(MATCH.replace("Harlow 3-1 Tarbury", headline))), headline
    assert type_of(doc("---\ntags: [match report]\n---\n\n" + MATCH.split("\n", 2)[2])) == "match"


def test_a_match_report_describes_the_play_without_notes_but_still_sources_its_facts():
    assert not {f.rule for f in lint_text(MATCH, "match.md") if f.family in ("loaded", "labels", "editorial")}
    news = MATCH.replace("Harlow 3-1 Tarbury", "Harlow beat Tarbury")
    assert {f.text for f in lint_text(news, "story.md") if f.family == "loaded"} == {"utterly"}
    claim = MATCH + "\nThe win was the biggest in the history of the club.\n"
    assert any(f.family == "superlative" for f in lint_text(claim, "match.md"))


def test_front_matter_wins_over_the_copy():
    assert type_of(doc("---\ntype: news\n---\n\n" + GAME_REVIEW)) == "news"


def test_a_review_read_from_the_copy_drops_word_choice_but_not_sourcing():
    rules = {f.rule for f in lint_text(GAME_REVIEW, "review.md")}
    assert not {r for r in rules if r.split(".")[0] in ("loaded", "labels", "editorial")}
    news = GAME_REVIEW.replace("Harbour Run 2 is out now on all major consoles.", "")
    news = news.replace("You", "Players").replace("you", "players").replace("Your", "The")
    assert any(f.rule.startswith("loaded.") for f in lint_text(news, "story.md"))


def test_a_column_is_known_by_a_contributor_line_or_a_label():
    signed = COLUMN + "\nAna Ruiz is a regular columnist for the Harlow Gazette.\n"
    labelled = "Comment: the council must listen\n\n" + COLUMN.split("\n", 2)[2]
    assert type_of(doc(signed)) == "opinion" and type_of(doc(labelled)) == "opinion"
    assert type_of(doc(COLUMN)) is None  # the first person alone: reports quote letters at length
    profile = FILM_NEWS + "\nTom Aske, who directed the film, was a columnist for a music weekly in the 1990s, his agent said.\n"
    assert type_of(doc(profile)) is None  # a long closing paragraph is news, not a contributor line
    assert type_of(doc("---\ntype: news\n---\n\n" + signed)) == "news"


def test_a_label_line_is_read_under_front_matter_and_an_analysis_label_marks_analysis():
    body = COLUMN.split("\n", 2)[2]
    # the title in front matter is the headline, the first paragraph
    assert type_of(doc("---\ntitle: \"Comment: the council must listen\"\n---\n\n" + body)) == "opinion"
    assert type_of(doc("\n\nOpinion | the council must listen\n\n" + body)) == "opinion"
    assert type_of(doc("---\ntitle: \"DVD review: Harbour Nights\"\n---\n\nThe sequel is loud.\n")) == "review"
    assert type_of(doc("---\ntitle: Harlow 3-1 Tarbury\n---\n\n" + MATCH.split("\n", 2)[2])) == "match"
    assert type_of(doc("Analysis: why the vote matters\n\n" + FILM_NEWS)) == "analysis"
    assert type_of(doc("News analysis | the deal\n\n" + FILM_NEWS)) == "analysis"
    assert type_of(doc("Analysts cut forecasts\n\n" + FILM_NEWS)) is None


def test_a_column_read_from_the_copy_softens_word_choice_but_not_sourcing():
    signed = COLUMN + "\nAna Ruiz is a regular columnist for the Harlow Gazette.\n"
    def word_choice(text: str) -> set[str]:
        return {f.severity.label for f in lint_text(text, "column.md") if f.family in ("loaded", "labels")}
    assert word_choice(COLUMN) == {"warning"}
    assert word_choice(signed) == {"suggestion"}


def word_choices(text: str) -> set[str]:
    """The words the loaded and labels rules flag in `text`, linted as a story."""
    return {f.text for f in lint_text(text, "story.md") if f.family in ("loaded", "labels")}


def test_a_synopsis_of_a_work_is_the_works_not_the_writers():
    from newslint.synopsis import spans

    told = ("The author's second novel is out in May. It tells the story of a girl raised by a brutal uncle. "
            "She escapes to the city and joins a sinister gang. The publisher said 40,000 copies were printed.\n")
    words = word_choices(told)
    assert not words & {"brutal", "sinister"}
    plain = "Police said the girl was raised by a brutal uncle. She joined a sinister gang.\n"
    assert {"brutal", "sinister"} <= word_choices(plain)
    (start, end), = spans(told)
    assert told[start:end].endswith("sinister gang.") and "publisher" not in told[start:end]


def test_what_a_work_shows_is_the_works_not_the_writers():
    shown = ("The studio's new thriller opens on Friday. The thriller features a deranged killer who stalks a "
             "seaside town. The director said filming took a year.\n")
    words = word_choices(shown)
    assert "deranged" not in words
    # the same words about people in the news are the writer's
    told = "Police said a deranged killer stalked the seaside town for a year.\n"
    assert "deranged" in word_choices(told)
    # "features" of something that is not a work opens no synopsis
    plain = "The new stadium features a deranged design, critics of the plan said.\n"
    assert "deranged" in word_choices(plain)


def test_what_a_work_of_fiction_is_about_is_the_works_not_the_writers():
    for told in ("Her second novel, about a ruthless businesswoman, was made into a television series.\n",
                 "The council met on Monday. The new comedy stars Ana Ruiz as a hapless nurse.\n"):
        words = word_choices(told)
        assert not words & {"ruthless", "hapless"}
    # a report about people in the news is not a work of fiction
    news = "The report, about a ruthless gang in the town, was published on Monday.\n"
    assert "ruthless" in word_choices(news)


def test_a_part_played_in_a_work_is_the_works_not_the_writers():
    cast = ("The actor, 41, plays a ruthless gangster in the new film. His character runs a sinister gang "
            "from a seaside hotel. The studio said it would open in May.\n")
    words = word_choices(cast)
    assert not words & {"ruthless", "sinister"}
    # a side that played a ruthless game names no work: the words are the writer's
    match = "The visitors played a ruthless game in the second half and won the cup.\n"
    assert "ruthless" in word_choices(match)
    role = "Police said the man played a ruthless part in the gang's crimes.\n"
    assert "ruthless" in word_choices(role)


@pytest.mark.parametrize("text", [
    "The director, 81, is best known for a 1978 film, which starred Ana Ruiz as a babysitter terrorised by a psychopath.\n",
    "The new thriller opens on Friday.\n\nTom Hale stars as a ruthless banker who ruins his own family.\n",
    "In 1990 he made a comedy starring Kim Reem as an evil landlady, which flopped.\n",
    "His last film featured Sam Okafor, who played a sadistic prison guard.\n",
    "The sequel, out in May, sees Ana Ruiz playing Maria Bell as a vicious gang boss.\n",
    "The pantomime opens on Friday, with Tom Hale taking the role of an evil queen.\n",
    "The actor won praise for a starring role as a vicious gang boss in 2004.\n",
])
def test_a_part_described_after_its_player_is_the_works(text):
    """"Starred X as a ...", "stars as a ...", "played a ...": the words that describe the part, to the end of
    their clause, are the work's."""
    assert not word_choices(text) & {"terrorised", "psychopath", "ruthless", "evil", "sadistic", "vicious"}


@pytest.mark.parametrize("text, word", [
    ("Okafor starred as a ten-man Rovers side held on for a brutal win at City.\n", "brutal"),
    ("Tom Hale stars as a ruthless midfielder in a side that won the league.\n", "ruthless"),
    ("Rovers played City as the hosts humiliated their rivals.\n", "humiliated"),
    ("The minister played the role of a ruthless enforcer in the cabinet.\n", "ruthless"),
    # the clause after the part is the writer's again
    ("His 1978 film, which starred Ana Ruiz as a nurse, drew brutal reviews.\n", "brutal"),
    ("The ruthless banker who ruined his family fled the country on Monday.\n", "ruthless"),
])
def test_a_part_named_in_no_work_stays_the_writers(text, word):
    assert word in word_choices(text)


def test_a_scene_set_in_a_work_of_fiction_is_the_works_and_does_not_load_the_story():
    from newslint.engine import lint_text as lint
    scene = ("A dark thriller about a family and a stranger topped the box office at the weekend, taking $24m in its "
             "first three days, according to studio estimates. In the film, a charming but ruthless drifter moves "
             "into a quiet street and turns the neighbours against the family. Critics have been divided. One paper "
             "said the brutal final act undid much of its good work, while another praised the cast. The film "
             "knocked last week's number one, an animated comedy, into second place with $18m. The director's last "
             "film, a drama about a mining town, won three awards at a festival in Venice two years ago.\n")
    found = {f.text for f in lint(scene, "story.md")}
    # the drifter is the film's; with no loaded word of the writer's, the critic's clause is the critic's
    assert not found & {"ruthless", "brutal"}
    # the same opening in the middle of a sentence ("wrote in the book, ...") sets no scene
    assert "ruthless" in word_choices("As she wrote in the novel, a ruthless drifter moved in.\n")
    assert "ruthless" in word_choices("In the book, a ruthless banker is named. Police said he fled.\n")
    assert "ruthless" not in word_choices("In the musical, a ruthless baron seizes the town.\n")


def _page(head: str, body: str) -> str:
    return f"<!doctype html><html><head>{head}<title>Vote</title></head><body><article>{body}</article></body></html>\n"


VOTE = ("<h1>Council backs bypass</h1><p>The council's shameful vote betrays every family on the estate, "
        "and the brutal cuts that follow will be felt for years.</p>")


def test_a_web_page_declares_its_type_by_its_section_or_its_schema_type():
    """A page says what it is in its head, as front matter does for Markdown: Open Graph's
    article:section, schema.org's articleSection or type; a section that names no type is news."""
    cases = {
        '<meta property="article:section" content="Opinion">': "opinion",
        '<meta content="Reviews" property="article:section">': "review",
        '<script type="application/ld+json">{"@type": "OpinionNewsArticle", "articleSection": "Politics"}</script>': "opinion",
        '<script type="application/ld+json">{"@type": "NewsArticle", "articleSection": "Comment"}</script>': "opinion",
        '<script type="application/ld+json">{"@type": "AnalysisNewsArticle"}</script>': "analysis",
        '<meta property="article:section" content="Business">': None,
        '<script type="application/ld+json">{"@type": "NewsArticle", "articleSection": "News"}</script>': "news",
        # its own address: a folder that names a type, not the page's own name
        '<link rel="canonical" href="https://paper.example/news/opinions/2018/10/29/name-names/">': "opinion",
        '<meta property="og:url" content="https://paper.example/commentisfree/2016/nov/29/the-vote">': "opinion",
        '<link href="https://paper.example/reviews/film/harbour-lights" rel="canonical">': "review",
        '<link rel="canonical" href="https://paper.example/2016/11/29/politics/opinion-poll-shows-lead">': None,
        '<link rel="canonical" href="https://paper.example/local/opinion">': None,
    }
    for head, kind in cases.items():
        assert type_of(Document.from_text(_page(head, VOTE), "vote.html")) == kind, head


def test_a_page_declared_opinion_softens_word_choice_and_one_declared_news_is_not_read_as_a_review():
    def severities(head: str, body: str = VOTE) -> set[str]:
        return {f.severity.label for f in lint_text(_page(head, body), "vote.html") if f.family in ("loaded", "labels")}
    assert severities('<meta property="article:section" content="Opinion">') == {"suggestion"}
    assert severities('<meta property="article:section" content="Local news">') == {"warning"}
    review = "".join(f"<p>{p}</p>" for p in GAME_REVIEW.split("\n\n"))
    assert severities("", review) == set()  # read as a review from its copy
    declared_news = severities('<script type="application/ld+json">{"@type": "ReportageNewsArticle"}</script>', review)
    assert declared_news == {"warning"}


def test_a_synopsis_is_found_through_the_prefilter_as_by_a_search_of_the_prose():
    """Over many documents, the cues of a synopsis are tried only where the prefilter says one can start,
    and the synopses are those a search of the prose finds."""
    from newslint.document import Document
    from newslint.matching import prefilter, state
    from newslint.synopsis import spans

    texts = ["The film follows a boy. He runs away. Then he returns.\n",
             "She plays a ruthless gangster in the new film. It opens on Friday.\n",
             "THE COMEDY STARS Ana Ruiz AS A hapless nurse. It is long.\n",
             "Her novel, about a ruthless businesswoman, sold well.\n\nThe next paragraph.\n",
             "It tells the story of a town. The end.\n",
             "The council approved the budget. Its plot follows no one.\n",
             "In the film, a drifter moves in. He stays. As she wrote in the novel, it rained.\n",
             "The film starred Ana Ruiz as a nurse who runs away, and it sold well.\n",
             "THE FILM STARRED ANA RUIZ AS A NURSE. Tom Hale plays a banker.\n"]
    with state.fresh() as fresh:
        fresh.documents = 5  # as in a run over many documents
        for text in texts:
            doc = Document.from_text(text, "a.txt")
            prefilter.scan(doc)
            assert spans(doc.prose, doc.search) == spans(doc.prose)
            assert spans(doc.prose) or text.startswith("The council")
