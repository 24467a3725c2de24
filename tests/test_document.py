from __future__ import annotations

import pytest

from newslint.document import Document, Scope, decode
from newslint.errors import InputError
from newslint.document.markup import BlockKind


def sentences(text: str, path: str = "a.md") -> list[str]:
    doc = Document.from_text(text, path)
    return [doc.text[s.start:s.end] for s in doc.sentences]


@pytest.mark.parametrize("text", [
    "Mr. Smith met Gen. Lee in the U.S. on Jan. 5 at 9 a.m. and left.",
    "J. K. Rowling spoke to Dr. Ortiz of Harlow Corp. about No. 10 Downing St. plans.",
])
def test_abbreviations_do_not_end_sentences(text):
    assert sentences(text) == [text]


def test_sentences_split_on_terminal_punctuation():
    assert sentences('"We will win," he said. Did they? Yes! Then it ended.') == [
        '"We will win," he said.', "Did they?", "Yes!", "Then it ended."]


@pytest.mark.parametrize("text", [
    'Mr. Smith left. "It ended." (Then he went.) The U.S. Army... Later. 2.5 Million. ...And so. Ana Ruiz.',
    "He said no. No. 10 agreed.\nA line.\n\nA paragraph of its own. Its end.",
    "The end.\u2019 Then.\u201d After. Wait.. Then... On.",
])
def test_blocks_without_other_marks_split_as_those_with_them(text, monkeypatch):
    """A block without "!", "?" or "…" is split by a program that opens with the full stop: it cuts where
    the program for every terminal mark cuts."""
    from newslint.document import sentences as split

    plain = sentences(text)
    monkeypatch.setattr(split, "_STOP_END", split._END)
    assert sentences(text) == plain and len(plain) > 3


def test_positions_count_code_points_and_all_line_endings():
    doc = Document.from_text("a😀b\r\nsecond\rthird\nfourth")
    assert doc.position(2) == (1, 3)
    assert doc.position(5) == (2, 1)
    assert doc.position(12) == (3, 1)
    assert doc.position(18) == (4, 1)


def test_bom_is_not_counted():
    text = decode("\ufeffThe word".encode("utf-8"), "x.md")
    assert text == "The word"
    doc = Document.from_bytes(b"\xef\xbb\xbfThe brutal word", "x.md")
    assert doc.text.index("brutal") == 4


def test_binary_and_bad_utf8_are_errors_naming_the_file():
    with pytest.raises(InputError, match="x.md: binary"):
        decode(b"abc\x00def", "x.md")
    with pytest.raises(InputError, match=r"y.md: not valid UTF-8 \(byte 0xff at line 2\)"):
        decode(b"ok\n\xff", "y.md")


def test_markdown_masks_non_prose_and_keeps_offsets():
    text = ("---\nauthor: brutal\n---\n\nSee `brutal` and [brutal](https://x.example/brutal) "
            "<!-- brutal --> https://brutal.example/\n\n```\nbrutal\n```\n")
    doc = Document.from_text(text, "a.md")
    assert len(doc.prose) == len(text)
    visible = [i for i in range(len(text)) if doc.prose.startswith("brutal", i)]
    assert visible == [text.index("[brutal]") + 1]  # only the link text is prose (front matter but its headline and dek fields is not)


def test_metadata_prefix_is_masked():
    doc = Document.from_text("date 2024-01-05 In a turn of events, it rained.", "a.md")
    assert doc.prose.lstrip().startswith("In a turn")


def test_blocks_headings_items_and_label_lines():
    doc = Document.from_text("# Title\n\nBody text here.\n\nSources:\n\n- one\n- two\n", "a.md")
    kinds = [b.kind for b in doc.blocks]
    assert kinds == [BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.ITEM, BlockKind.ITEM]


def test_plain_text_first_line_is_a_headline():
    doc = Document.from_text("Plague outbreak could be stronger\n\nThe chief said so.", "a.txt")
    assert doc.blocks[0].kind is BlockKind.HEADING
    assert doc.scope_at(0) is Scope.HEADING


@pytest.mark.parametrize("quote", ['"We will hold the bridge at any cost," said Ortiz.',
                                   "“We will hold the bridge at any cost,” Ortiz said."])
def test_attributed_quotations_are_quotation_scope(quote):
    doc = Document.from_text(quote, "a.md")
    assert len(doc.quotations) == 1 and doc.quotations[0].attributed
    assert doc.scope_at(quote.index("hold")) is Scope.QUOTATION
    assert doc.scope_at(quote.index("Ortiz")) is Scope.NARRATIVE


def test_multi_paragraph_quotation_inherits_its_speaker():
    text = ('Ortiz said: "We took the runway at dawn.\n\n'
            '"Our fighters were heroic and will hold it."\n\nThe army did not comment.')
    doc = Document.from_text(text, "a.md")
    assert [q.attributed for q in doc.quotations] == [True, True]
    assert doc.scope_at(text.index("heroic")) is Scope.QUOTATION
    assert doc.scope_at(text.index("army")) is Scope.NARRATIVE


QUOTE = "“The first months were brutal, and the team learned more than it ever expected to.”"


@pytest.mark.parametrize("text", [
    f"The team met on Monday.\n\n{QUOTE} — Ana Ruiz, designer\n",
    f"The team met on Monday.\n\n{QUOTE} - **Ana Ruiz**\n",
    f"The team met on Monday.\n\n{QUOTE}\n\n— Ana Ruiz, designer\n",
    f"The team met on Monday.\n\n{QUOTE}\n\n- Ana Ruiz, designer\n",
    f"The team met on Monday.\n\n{QUOTE} - {{{{ \"ruiz\" | team_link }}}}\n",
    f"<p>The team met on Monday.</p><blockquote><p>{QUOTE} – <a href=\"/team/ruiz\">Ana Ruiz</a></p></blockquote>\n",
])
def test_a_credit_after_a_quotation_names_its_speaker(text):
    """A pull quote's credit ("... ” — Ana Ruiz"), on its line or the next, or a template that prints
    the name: the quotation is attributed, and its words are the speaker's."""
    doc = Document.from_text(text, "a.html" if text.startswith("<") else "a.md")
    assert [q.attributed for q in doc.quotations] == [True]
    assert doc.scope_at(text.index("brutal")) is Scope.QUOTATION


@pytest.mark.parametrize("text", [
    f"The team met on Monday.\n\n{QUOTE}\n\nThe team then ate lunch.\n",
    f"The team met on Monday.\n\n{QUOTE}\n\n- Open the app\n- Tap the icon\n",
])
def test_a_quotation_followed_by_prose_or_a_list_has_no_credit(text):
    assert [q.attributed for q in Document.from_text(text, "a.md").quotations] == [False]


INTERVIEW = ("# Ten minutes with the mayor\n\nThe mayor spoke to us on Friday.\n\n"
             "**Q:** Is the stadium worth it?\n\n"
             "**Ortiz:** It will be the finest stadium in the world, and its critics are cowards.\n\n"
             "**Q:** And the cost?\n\nA bargain, and paid for by the club.\n\n"
             "Update: This interview has been edited for length.\n")


def test_an_interviewees_turns_are_their_words_and_the_questions_the_writers():
    """A label that answers a question, or comes back after another, is a speaker: the words after it are
    theirs. The questions, a turn's next paragraph with no label, and an "Update:" line stay the writer's."""
    doc = Document.from_text(INTERVIEW, "a.md")
    assert doc.scope_at(INTERVIEW.index("finest")) is Scope.QUOTATION
    assert doc.scope_at(INTERVIEW.index("worth")) is Scope.NARRATIVE
    assert doc.scope_at(INTERVIEW.index("bargain")) is Scope.NARRATIVE
    assert doc.scope_at(INTERVIEW.index("edited")) is Scope.NARRATIVE


@pytest.mark.parametrize("text, word", [
    ("Update: The council met again on Monday and the vote was close.\n\nNote: The mayor did not attend.\n", "vote"),
    ("Born: 1970 in a small coastal town.\n\nParty: Labour since the age of nineteen.\n\nSeat: the finest in the county.\n",
     "finest"),
    ("Ana Ruiz: the finest teacher in the county.\n\nTom Bell: the most generous man on the street.\n", "finest"),
    # a speaker line alone sets out no views, nor do lines that name no one ("Key facts:") or say not who they are
    ("Views\n\nJane Smith, parent, Leeds:\n\nThis is a shameless waste of money.\n", "shameless"),
    ("Plan\n\nKey Facts:\n\nThe shameless plan costs £280m.\n\nFurther Details:\n\nThe shameless plan began in May.\n",
     "shameless"),
    ("Plan\n\nAna Ruiz:\n\nThe shameless plan costs £280m.\n\nTom Bell:\n\nThe shameless plan began in May.\n", "shameless"),
])
def test_labels_that_take_no_turns_are_no_interview(text, word):
    """One-off labels (a note, a fact box, a list of names with what they are, a lone speaker line) are the
    writer's lines."""
    doc = Document.from_text(text, "a.md")
    assert doc.quotations == []
    assert doc.scope_at(text.index(word)) is Scope.NARRATIVE


def test_a_quotation_under_a_heading_that_names_a_person_is_theirs():
    text = ("# Where the candidates stand\n\n## Ana Ruiz, Labour\n\n\"The plan will bring good jobs to every part of the city.\"\n\n"
            "## Tom Bell (Conservative)\n\n\"It costs far too much for what it gives us.\"\n\n"
            "## The cost\n\n\"Nobody has told us who will pay for any of it.\"\n")
    doc = Document.from_text(text, "a.md")
    assert [q.attributed for q in doc.quotations] == [True, True, False]


@pytest.mark.parametrize("layout", ["{line}\n{words}", "{line}\n\n{words}", "**{line}**\n\n{words}"])
def test_views_set_out_under_speaker_lines_are_the_speakers(layout):
    """A round-up of views: "Name, who they are:" on a line of its own, then their words, unquoted."""
    views = [("Jane Smith, parent, Leeds:", "This is a shameless waste of money."),
             ("Tom Brown, head teacher, Bristol:", "It is an outrageous idea.")]
    text = "Views on the plan\n\nParents have given a mixed response.\n\n" + "\n\n".join(
        layout.format(line=line, words=words) for line, words in views) + "\n\nThe shameless plan costs £280m.\n"
    doc = Document.from_text(text, "a.md")
    assert doc.scope_at(text.index("shameless waste")) is Scope.QUOTATION
    assert doc.scope_at(text.index("outrageous")) is Scope.QUOTATION
    assert doc.scope_at(text.rindex("shameless")) is Scope.NARRATIVE  # after the views, the writer's again


ROUND_UP = ("Rovers reach the final\n\nRovers beat City 2-1 on Saturday.\n\n{first}\n\n"
            "\"The second half was the best we have played all season.\"\n\n{second}\n\n"
            "\"The referee made a shocking decision and everybody saw it.\"\n\nThe final is in May.\n")


@pytest.mark.parametrize("first, second", [
    ("Rovers manager Tom Hale:\n\"We were the better side and deserved to win the game.\"",
     "City boss Sir Kenneth Mabry:"),
    ("Rovers manager Tom Hale:\n\n\"We were the better side and deserved to win the game.\"",
     "Home Secretary Ana Ruiz:"),
    ("**Former Rovers full-back Tom Hale:**\n\n\"We were the better side and deserved to win the game.\"",
     "**Mrs Ana Ruiz:**"),
    ("Rovers manager Tom Hale: \"We were the better side and deserved to win the game.\"", "City Coach Ana Ruiz:"),
])
def test_quotations_under_a_line_naming_their_speaker_are_the_speakers(first, second):
    """A reaction round-up: "Rovers manager Tom Hale:" on its line (or before the quotation on its line), then the
    speaker's quotations, paragraph after paragraph, up to a paragraph opening with none."""
    text = ROUND_UP.format(first=first, second=second)
    doc = Document.from_text(text, "a.txt")
    assert [q.attributed for q in doc.quotations] == [True, True, True]
    assert doc.scope_at(text.index("shocking")) is Scope.QUOTATION
    assert doc.scope_at(text.index("final is")) is Scope.NARRATIVE


@pytest.mark.parametrize("line", ["Sir Tom Hale:", "Rovers manager Tom Hale:", "Mr Hale:", "Labour leader Ana de la Cruz:"])
def test_one_line_naming_someone_with_who_they_are_heads_the_quotations_under_it(line):
    text = f"Rovers won 2-1.\n\n{line}\n\n\"We were the better side and deserved to win the game.\"\n"
    assert [q.attributed for q in Document.from_text(text, "a.txt").quotations] == [True]


@pytest.mark.parametrize("text", [
    # a label naming no one, a bare name, a name with words that say not who they are
    "Rovers won 2-1.\n\nKey Facts:\n\n\"We were the better side and deserved to win the game.\"\n",
    "Rovers won 2-1.\n\nUpdate:\n\n\"We were the better side and deserved to win the game.\"\n",
    "Rovers won 2-1.\n\nTom Hale:\n\n\"We were the better side and deserved to win the game.\"\n",
    "Rovers won 2-1.\n\nKey facts about Tom Hale:\n\n\"We were the better side and deserved to win the game.\"\n",
    # the writer's paragraph, or a heading, between the line and the quotation
    "Rovers won 2-1.\n\nRovers manager Tom Hale:\n\nThe match was played in heavy rain.\n\n"
    "\"We were the better side and deserved to win the game.\"\n",
    "Rovers won 2-1.\n\nRovers manager Tom Hale:\n\n## The table\n\n\"We were the better side and deserved to win.\"\n",
    # the story's own headline is no label line
    "Rovers manager Tom Hale:\n\n\"We were the better side and deserved to win the game.\"\n",
])
def test_a_line_that_names_no_speaker_or_stands_apart_heads_no_quotation(text):
    assert [q.attributed for q in Document.from_text(text, "a.md").quotations] == [False]


def test_one_label_line_heads_no_unquoted_words():
    """Unquoted words under a label line are the speaker's only where the copy has two such lines or more."""
    text = "Rovers won 2-1.\n\nRovers manager Tom Hale:\n\nThe referee made a shocking decision.\n"
    assert Document.from_text(text, "a.txt").scope_at(text.index("shocking")) is Scope.NARRATIVE
    text += "\nCity boss Ana Ruiz:\n\nIt was a fair result in the end.\n"
    assert Document.from_text(text, "a.txt").scope_at(text.index("shocking")) is Scope.QUOTATION
    # only the paragraph directly under a line: the writer may take the story up again before the next line
    text = text.replace("decision.\n", "decision.\n\nThe shameless tackle came in the 80th minute.\n")
    doc = Document.from_text(text, "a.txt")
    assert doc.scope_at(text.index("shocking")) is Scope.QUOTATION
    assert doc.scope_at(text.index("shameless")) is Scope.NARRATIVE


@pytest.mark.parametrize("text, word", [
    ("She had to look up the words czar and ignoramus before the broadcast.", "ignoramus"),
    ("The dictionary added the word woke in 2017.", "woke"),
    ("The slur thug has a long history in the city's politics.", "thug"),
])
def test_a_word_mentioned_as_a_word_is_not_the_writers_use_of_it(text, word):
    doc = Document.from_text(text, "a.md")
    assert doc.scope_at(text.index(word)) is Scope.QUOTATION
    assert doc.scope_at(text.index(word) + len(word) + 1) is Scope.NARRATIVE  # (the mention ends with the word)


def test_a_name_glossed_as_a_named_partys_is_theirs():
    """"The regime, as the opposition calls it, ...": the label is the opposition's; "as some call it" names
    no one, and the label stays the writer's."""
    named = "Officials met on Monday. The regime, as the opposition calls it, has ruled for 30 years."
    doc = Document.from_text(named, "a.md")
    assert doc.scope_at(named.index("regime")) is Scope.QUOTATION
    assert doc.scope_at(named.index("ruled")) is Scope.NARRATIVE
    unnamed = "Officials met on Monday. The regime, as some call it, has ruled for 30 years."
    assert Document.from_text(unnamed, "a.md").scope_at(unnamed.index("regime")) is Scope.NARRATIVE


def test_scare_quotes_stay_in_the_writers_voice():
    text = 'The group\'s "charity" raised money.'
    doc = Document.from_text(text, "a.md")
    assert doc.scope_at(text.index("charity")) is Scope.NARRATIVE


def test_source_list_entries():
    text = "Body.\n\nSources:\n\n– [BBC](https://www.bbc.com/news)\n– https://www.aljazeera.com/\n"
    doc = Document.from_text(text, "a.md")
    (block,) = doc.source_lists
    assert [(e.label, e.url) for e in block.entries] == [
        ("BBC", "https://www.bbc.com/news"), ("https://www.aljazeera.com/", "https://www.aljazeera.com/")]
    assert doc.scope_at(text.index("BBC")) is Scope.SOURCES


def test_inline_source_line():
    text = "Body text.\n\nSources: AP, Reuters\n"
    doc = Document.from_text(text, "a.md")
    assert [e.label for e in doc.source_lists[0].entries] == ["AP", "Reuters"]


def test_a_date_after_an_inline_entrys_comma_belongs_to_the_entry():
    text = "Body text.\n\nSources: Ledger, 4 March 2026; Courier, p. 12; Gazette, 2025, Herald\n"
    entries = Document.from_text(text, "a.md").source_lists[0].entries
    assert [e.label for e in entries] == ["Ledger", "Courier", "Gazette", "Herald"]
    assert [text[e.start:e.end] for e in entries] == ["Ledger, 4 March 2026", "Courier, p. 12", "Gazette, 2025", "Herald"]


def test_attributed_paraphrase_is_the_speakers_words():
    doc = Document.from_text("The union called the proposal draconian, and officers began what the ministry "
                             "called a brutal raid. It was a so-called brutal plan that police called for.")
    assert doc.scope_at(doc.text.index("draconian")) is Scope.QUOTATION
    assert doc.scope_at(doc.text.index("brutal raid")) is Scope.QUOTATION
    assert doc.scope_at(doc.text.rindex("brutal")) is Scope.NARRATIVE
    designated = Document.from_text("The group, which the U.S. designates a terrorist organization, denied it.")
    assert designated.scope_at(designated.text.index("terrorist")) is Scope.QUOTATION
    assert designated.scope_at(designated.text.index("denied")) is Scope.NARRATIVE


def test_calling_is_the_speakers_words_after_its_subject():
    doc = Document.from_text("The plan, which opponents call a cruel assault on renters, passed. It is what the "
                             "unions call a reckless gamble. His call was a brutal one. The call was a brutal one. "
                             "Unions call for an end to the cruel cuts. Look how they call him a traitor. "
                             # in the progressive too, and what someone is describing as
                             "Partisans on both sides are calling it the most bitter election in memory. "
                             "Officials, describing the raid as savage, said three men were held. "
                             "Look how they are calling him a turncoat. Unions are calling for an end to the harsh cuts.")
    for quoted in ("cruel assault", "reckless", "most bitter", "savage"):
        assert doc.scope_at(doc.text.index(quoted)) is Scope.QUOTATION, quoted
    for narrative in ("traitor", "turncoat"):  # "they" names no one
        assert doc.scope_at(doc.text.index(narrative)) is Scope.NARRATIVE, narrative
    # "call" the noun, and "call for", relay nobody's words
    assert doc.scope_at(doc.text.index("brutal")) is Scope.NARRATIVE
    assert doc.scope_at(doc.text.rindex("brutal")) is Scope.NARRATIVE
    assert doc.scope_at(doc.text.index("the cruel cuts")) is Scope.NARRATIVE
    assert doc.scope_at(doc.text.index("harsh")) is Scope.NARRATIVE


def test_a_judgment_someone_holds_is_their_characterization():
    doc = Document.from_text("Church leaders regard the law as barbaric. Residents see the tower as an eyesore. "
                             "Independence groups consider the rules to be chauvinistic. The mayor considers the "
                             "deal a disgrace. The law is considered barbaric. Look how they see him as a traitor.")
    for held in ("barbaric", "eyesore", "chauvinistic"):
        assert doc.scope_at(doc.text.index(held)) is Scope.QUOTATION, held
    # no "as" or "to be" of a view held, a passive that names no one, and "they": the writer's words
    assert doc.scope_at(doc.text.index("disgrace")) is Scope.NARRATIVE
    assert doc.scope_at(doc.text.rindex("barbaric")) is Scope.NARRATIVE
    assert doc.scope_at(doc.text.index("traitor")) is Scope.NARRATIVE


def test_a_likening_and_a_characterization_of_two_parts_are_the_speakers():
    doc = Document.from_text("Staff described feeling like hostages of a tyrant. The union likened the levy to "
                             "outright theft. Critics regarded the treaty as both a grave mistake and an act of "
                             "treachery. The mayor said the likely winner was a crook. Residents saw the tower as "
                             "an eyesore, and the brutal cuts went ahead. The senator described the top ranks of "
                             "U.S. military leadership as rife with incompetence. Residents saw prices rise sharply "
                             "across the valley as the savage cuts began.")
    for held in ("tyrant", "outright theft", "treachery", "eyesore", "incompetence"):
        assert doc.scope_at(doc.text.index(held)) is Scope.QUOTATION, held
    # "likely" is no likening, and the characterization ends with its clause
    assert doc.scope_at(doc.text.index("crook")) is Scope.NARRATIVE
    assert doc.scope_at(doc.text.index("brutal")) is Scope.NARRATIVE
    # a verb of seeing reaches "as" over a short object only: a longer "as" is a time
    assert doc.scope_at(doc.text.index("savage")) is Scope.NARRATIVE


def test_every_paraphrase_verb_opens_with_letters_a_search_can_skip_to():
    """The single-document search of paraphrases tries the pattern only where one of its starts stands:
    an empty start would have it tried at every character."""
    from newslint.document import paraphrase

    assert paraphrase._PARAPHRASE_STARTS and all(paraphrase._PARAPHRASE_STARTS)
    assert {"describe", "liken", "portray"} <= set(paraphrase._PARAPHRASE_STARTS)


def test_a_verdict_given_as_a_characterization_is_the_speakers_unless_passive():
    doc = Document.from_text("The union condemned the cuts as cruel. The mayor hailed the vote as a stunning win. "
                             "The plan was dismissed as hysterical. Lee attacked the plan as reckless.")
    assert doc.scope_at(doc.text.index("cruel")) is Scope.QUOTATION
    assert doc.scope_at(doc.text.index("stunning")) is Scope.QUOTATION
    assert doc.scope_at(doc.text.index("hysterical")) is Scope.NARRATIVE  # no one is said to have dismissed it
    assert doc.scope_at(doc.text.index("reckless")) is Scope.NARRATIVE  # "attacked ... as" may be a time


def test_block_index_finds_the_block_holding_an_offset():
    from newslint.document import Document

    doc = Document.from_text("# Head\n\nFirst para.\n\n- item one\n")
    for offset in range(len(doc.text) + 1):
        expected = next((i for i, b in enumerate(doc.blocks) if b.start <= offset < b.end), -1)
        assert doc.block_index(offset) == expected
    assert doc.block_index(doc.blocks[1].start) == 1


READER_COMMENTS = (
    "Band wins award\n\nThe band won the prize on Tuesday, the organisers said.\n\n\n\n"
    "I think this result is ridiculous!\n\nWhy did they win?\n\nMy favourite song lost.\n\n"
    "We voted for someone else.\n\nI agree with the result.\n"
)


def test_reader_comments_after_a_section_break_are_not_the_writers_voice() -> None:
    doc = Document.from_text(READER_COMMENTS, "a.txt")
    assert doc.scope_at(READER_COMMENTS.index("ridiculous")) is Scope.QUOTATION
    assert doc.scope_at(READER_COMMENTS.index("I agree")) is Scope.QUOTATION
    assert doc.scope_at(READER_COMMENTS.index("organisers")) is Scope.NARRATIVE


def test_a_section_break_before_reported_copy_changes_nothing() -> None:
    text = (
        "Minister resigns\n\nThe minister resigned on Monday.\n\n\n\n"
        'He wrote: "I have made my decision. Why would I stay?"\n\nThe party will choose a successor.\n\n'
        "The vote is due in March.\n\nOfficials declined to comment.\n\nThe brutal contest begins.\n"
    )
    doc = Document.from_text(text, "a.txt")
    assert doc.reader_sections == []
    assert doc.scope_at(text.index("brutal")) is Scope.NARRATIVE


STORY = ("Band wins award\n\nThe band won the prize on Tuesday, the organisers said.\n\n"
         "The award is given every year by a panel of critics.\n\n"
         "Last year's winner was a folk singer from Leeds.\n\n")
COMMENTS = ("I think this result is ridiculous!\n\nWhy did they win?\n\nMy favourite song lost.\n\n"
            "We voted for someone else.\n\nThe shortlist was weak this year.\n\nI agree with the result.\n")


def test_readers_comments_run_on_with_no_mark_when_the_voice_shifts() -> None:
    text = STORY + COMMENTS
    doc = Document.from_text(text, "a.txt")
    assert doc.scope_at(text.index("ridiculous")) is Scope.QUOTATION
    assert doc.scope_at(text.index("weak this year")) is Scope.QUOTATION  # a comment not in the first person
    assert doc.scope_at(text.index("panel of critics")) is Scope.NARRATIVE


def test_an_unmarked_readers_section_follows_a_story_of_three_paragraphs_at_least() -> None:
    five = ("I think this result is ridiculous!\n\nWhy did they win?\n\nMy favourite song lost.\n\n"
            "We voted for someone else.\n\nI agree with the result.\n")
    text = STORY + five  # three paragraphs of story and five comments: the fewest that make one
    assert [(a, text[b - 1]) for a, b in Document.from_text(text, "a.txt").reader_sections] == [(text.index("I think"), ".")]
    shorter = STORY.replace("Last year's winner was a folk singer from Leeds.\n\n", "") + five
    assert Document.from_text(shorter, "a.txt").reader_sections == []


def test_a_first_person_dispatch_stays_the_writers_voice() -> None:
    text = ("Inside the flooded town\n\nI reached the town on Tuesday. My car stalled twice.\n\n"
            "We waded through the square, where the water stood a metre deep.\n\n"
            "The mayor said 300 homes were flooded.\n\n" + COMMENTS)
    doc = Document.from_text(text, "a.txt")
    assert doc.reader_sections == []
    assert doc.scope_at(text.index("ridiculous")) is Scope.NARRATIVE


def test_a_few_closing_questions_are_not_a_readers_section() -> None:
    text = STORY + "Will it win again?\n\nWho knows?\n\nThe next award is in May.\n"
    assert Document.from_text(text, "a.txt").reader_sections == []


def test_a_comments_heading_opens_a_reader_section() -> None:
    text = "# Result\n\nThe band won.\n\n## Your comments\n\nA shocking result.\n\n## Background\n\nA brutal year.\n"
    doc = Document.from_text(text, "a.md")
    assert doc.scope_at(text.index("shocking")) is Scope.QUOTATION
    assert doc.scope_at(text.index("brutal")) is Scope.NARRATIVE


def quoted(text: str) -> list[str]:
    doc = Document.from_text(text, "a.txt")
    return [text[q.start:q.end] for q in doc.quotations]


def test_single_quotation_marks_open_quotations_but_apostrophes_do_not() -> None:
    text = "Police praise 'courageous' Ozzy\n\nThe players' union called the ban 'a brutal decision', it said.\n"
    assert quoted(text) == ["'courageous'", "'a brutal decision'"]
    doc = Document.from_text(text, "a.txt")
    assert doc.scope_at(text.index("courageous")) is Scope.QUOTATION
    assert quoted("Rock fans don't mind; the band's '90s hits sold well.\n") == []


def test_a_straight_quote_before_a_word_reopens_a_quotation_run_into_one_paragraph() -> None:
    text = ('A statement read: "We will appeal. "The club totally supports the ruling." '
            "The club then totally ignored it.\n")
    assert quoted(text) == ['"We will appeal. ', '"The club totally supports the ruling."']
    doc = Document.from_text(text, "a.txt")
    assert doc.scope_at(text.index("totally supports")) is Scope.QUOTATION
    assert doc.scope_at(text.index("totally ignored")) is Scope.NARRATIVE


@pytest.mark.parametrize("text", [
    '"We were comfortable with the cap,” the envoy wrote in March.\nThe deal was a shameless gamble.\n',
    '“We were comfortable with the cap," the envoy wrote in March.\nThe deal was a shameless gamble.\n',
    '“We were comfortable with the cap," the envoy wrote. The deal was a shameless gamble, “a gift.”\n',
])
def test_a_quotation_in_mixed_straight_and_curly_marks_ends_at_the_other_styles_closing_mark(text: str) -> None:
    doc = Document.from_text(text, "a.txt")
    assert doc.scope_at(text.index("comfortable")) is Scope.QUOTATION
    assert doc.scope_at(text.index("shameless")) is Scope.NARRATIVE
    assert doc.scope_at(text.index("envoy")) is Scope.NARRATIVE


def test_straight_marks_nested_in_a_curly_quotation_do_not_close_it() -> None:
    text = '“He called the vote "a farce" on Monday,” the envoy said. The count went on.\n'
    assert quoted(text) == ['“He called the vote "a farce" on Monday,”']
    text = '"He called the vote “a farce” on Monday," the envoy said. The count went on.\n'
    assert quoted(text) == ['"He called the vote “a farce” on Monday,"']


@pytest.mark.parametrize("text, quoted_words, narrative_words", [
    # a straight mark in closing position closes a curly quotation before a later straight one opens
    ('“Rulers must obey the law."\nThe writer added a shameless note.\nHe said, "We will win” on Friday.\n',
     ["obey", "win"], ["shameless"]),
    # a curly quotation whose closing mark comes after the next opening mark was never closed
    ('The president wrote: “The files will be opened tomorrow.\nA shameless stunt.\nHe denied the “collusion” claims.\n',
     ["files", "collusion"], ["shameless"]),
])
def test_a_quotation_in_mismatched_marks_ends_where_its_words_do(
        text: str, quoted_words: list[str], narrative_words: list[str]) -> None:
    doc = Document.from_text(text, "a.txt")
    assert all(doc.scope_at(text.index(w)) is Scope.QUOTATION for w in quoted_words)
    assert all(doc.scope_at(text.index(w)) is Scope.NARRATIVE for w in narrative_words)


def test_an_inch_mark_does_not_close_a_curly_quotation() -> None:
    text = '“The new goalkeeper is 6\'4" and fearless,” the coach said. The club was reckless.\n'
    assert quoted(text) == ['“The new goalkeeper is 6\'4" and fearless,”']


def test_a_quotation_never_closed_ends_with_its_line_unless_the_next_paragraph_carries_it_on() -> None:
    text = 'The minister said: "We will win the vote.\nThe plan was a shameless gamble.\n\nThe vote is on Friday.\n'
    doc = Document.from_text(text, "a.txt")
    assert doc.scope_at(text.index("win")) is Scope.QUOTATION
    assert doc.scope_at(text.index("shameless")) is Scope.NARRATIVE
    carried = 'Ortiz said: "We took the runway at dawn.\nWe held it.\n\n"Our fighters will hold it."\n'
    doc = Document.from_text(carried, "a.txt")
    assert doc.scope_at(carried.index("held")) is Scope.QUOTATION
    assert doc.scope_at(carried.index("fighters")) is Scope.QUOTATION


def test_verbs_of_praise_and_blame_attribute_a_short_quotation() -> None:
    text = 'The cardinal denounced the war as a "terrible" waste.\n\nThe war was a "terrible" waste.\n'
    doc = Document.from_text(text, "a.txt")
    first, second = (i for i in range(len(text)) if text.startswith("terrible", i))
    assert doc.scope_at(first) is Scope.QUOTATION
    assert doc.scope_at(second) is Scope.NARRATIVE


def test_folding_finds_what_a_case_insensitive_search_finds() -> None:
    import re

    from newslint.document.positions import _FOLD_HAZARDS, fold

    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    # A non-ASCII character matched with an ASCII letter regardless of case is a hazard ...
    assert {ch for ch in re.findall("[a-z]", every, re.I) if not ch.isascii()} == set(_FOLD_HAZARDS)
    # ... and lower-casing any other keeps its length, keeps it out of ASCII and keeps its class.
    for ch in every:
        low = ch.lower()
        if low != ch and ch not in _FOLD_HAZARDS:
            assert len(low) == 1 and (low.isascii() == ch.isascii()), hex(ord(ch))
            assert (low.isalnum(), low.isspace()) == (ch.isalnum(), ch.isspace()), hex(ord(ch))
    assert fold("He SAID") == "he said"
    assert fold("He ſaid") is None


@pytest.mark.parametrize("hazard", ["", " ſ"])
def test_speech_cues_and_verbs_of_calling_match_in_any_case(hazard: str) -> None:
    text = f'"We will win," HE SAID.\n\nThe ministry CALLED it a brutal raid{hazard}.\n'
    doc = Document.from_text(text, "a.txt")
    assert [q.attributed for q in doc.quotations] == [True]
    assert doc.scope_at(text.index("brutal")) is Scope.QUOTATION
    assert not Document.from_text(f'"We will win," HE UNSAID.{hazard}\n', "a.txt").quotations[0].attributed


@pytest.mark.parametrize("text, count", [
    ("", 0), ("one two", 2), ("  — the - end  ", 2), ("_ __ a_b", 1), ("§3 ½ Ⅳ é", 4),
    ("a\u00a0b\u2009c\x1cd\x85e\u3000f", 6), ("“We” — ’ …", 1), ("x\ud800 \ud800", 1), ("١٢ 𝟘 ß", 3),
])
def test_metric_words_are_tokens_with_a_letter_or_digit(text: str, count: int) -> None:
    from newslint.kinds.metric import words

    assert words(text) == count


def test_a_paragraph_in_the_first_person_is_found_as_the_word_for_word_pattern_finds_it():
    import re

    from newslint.document import comments

    plain = re.compile(r"\b(?:I|I['’](?:m|ve|d|ll))\b|\b(?i:me|my|we|our)\b|[?!]")
    text = ("I think so. xI Iz I'm I’ve ME mE Our your aour awe wee Some were time home, OUR wE_ _me mé ñme tour "
            "Is it? No! my MY myth emy I\nwe")
    spans = [(i, j) for i in range(len(text)) for j in range(i, len(text) + 1, 3)]
    found = [bool(comments._PERSONAL.search(text, i, j)) for i, j in spans]
    assert found == [bool(plain.search(text, i, j)) for i, j in spans] and any(found) and not all(found)


def test_utf16_without_a_byte_order_mark_is_named_as_such_not_binary():
    """UTF-16 text saved without its mark is not a binary file: the error says what it looks like and
    which --encoding reads it."""
    for codec in ("utf-16-le", "utf-16-be"):
        data = "The council met.\nIt voted.\n".encode(codec)
        with pytest.raises(InputError, match=f"x.txt: looks like {codec.upper()} without a byte-order mark; "
                                             f"not linted \\(--encoding {codec} reads it\\)"):
            decode(data, "x.txt")
        assert decode(data, "x.txt", codec) == "The council met.\nIt voted.\n"
    with pytest.raises(InputError, match="x.md: binary"):
        decode(b"\x00\x01\x02 not text \x00\x00", "x.md")


def test_a_doubled_straight_mark_opens_one_quotation() -> None:
    text = 'The board said the bid was an ""unfair and shameless" offer. The reckless bid failed.\n'
    assert quoted(text) == ['"unfair and shameless"']


def test_a_line_is_read_for_its_headline_voice_once(monkeypatch):
    """Short quotations on one line ask once whether the line is set as a headline."""
    from newslint.document import names

    asked = []
    real = names.headline_voice
    monkeypatch.setattr(names, "headline_voice", lambda text, at: asked.append(at) or real(text, at))
    text = "The council met on Tuesday.\n\nMayor Finds Plan 'Reckless' And 'Unfair' In Vote\n\nIt voted on the plan."
    doc = Document.from_text(text, "a.md")
    assert doc.scope_at(text.index("Reckless")) is Scope.QUOTATION
    assert doc.scope_at(text.index("Unfair")) is Scope.QUOTATION
    assert len(asked) == 1


def test_a_text_is_lower_cased_once_for_the_searches_that_fold_it_in_turn():
    from newslint.document.positions import fold

    text = "The Council Met On Tuesday. " * 10
    assert fold(text) is fold(text) == text.lower()
    assert fold("Turkish \u0130stanbul") is None  # (a case-sensitive search of it would find less)



@pytest.mark.parametrize(("text", "words", "title"), [
    ("It came 12th on the magazine's 100 Greatest Albums of All Time list.\n", "of All Time", True),
    ("She won the Best in the World award in 2019.\n", "in the World", True),
    ("It is the greatest album of all time.\n", "of all time", False),
    ("MAYOR'S PLAN THE WORST OF ALL TIME\n", "OF ALL TIME", False),  # capitals everywhere tell nothing
])
def test_a_match_opening_on_a_small_word_inside_a_title_is_the_title(text, words, title):
    from newslint.document.names import is_proper_name

    doc = Document.from_text(text, "a.txt")
    at = doc.prose.index(words)
    assert is_proper_name(doc, at, at + len(words), True) is title


def test_words_stand_where_a_search_for_them_as_whole_words_finds_them():
    """Where the words of a capitalized match stand again in a story (a headline's "Mayor Slams Cuts",
    read as a name where the same words stand mid-sentence) is found as a search for them finds it: not
    after a word character, an apostrophe or a hyphen, nor before a word character or a hyphen."""
    import random
    import re

    from newslint.document.names import _standing

    rng = random.Random("standing")
    alphabet = ["a", "b", "A", "_", "1", "'", "’", "-", " ", "\n", "é", "٣", "."]
    found = 0
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        words = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 3)))
        search = re.compile(r"(?<![\w'’-])" + re.escape(words) + r"(?![\w-])")
        expected = [m.start() for m in search.finditer(text)]
        assert list(_standing(text, words)) == expected, (text, words)
        found += len(expected)
    assert found > 100
    assert list(_standing("Slams Cuts; it slams cuts, Slams Cuts-wise, 'Slams Cuts", "Slams Cuts")) == [0]
