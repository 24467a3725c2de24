"""The sourcing-family mechanisms: density, requires overlap, quotation windows, --style packs."""
from __future__ import annotations


from click.testing import CliRunner

from newslint.cli import main
from newslint.document import Document
from newslint.engine import run_rules as lint
from conftest import load_one_rule as rule


def found(r, text: str) -> list[str]:
    return [f.text for f in lint(Document.from_text(text, "a.md"), [r])]


def test_density_flags_only_a_cluster_of_distinct_words(tmp_path):
    r = rule(tmp_path, "kind: density\nmessage: m\nmin_distinct: 2\nterms: [pivotal, vibrant]\n")
    assert found(r, "A pivotal vote.\n\nA vibrant city.\n\nA pivotal, vibrant, pivotal plan.") == [
        "pivotal", "vibrant", "pivotal"]
    doc = rule(tmp_path, "kind: density\nmessage: m\nunit: document\nmin_distinct: 2\nterms: [pivotal, vibrant]\n")
    assert found(doc, "A pivotal vote.\n\nA vibrant city.") == ["pivotal", "vibrant"]


def test_density_count_field_in_message(tmp_path):
    r = rule(tmp_path, "kind: density\nmessage: '{match} ({count})'\nmin_distinct: 2\nterms: [delve, tapestry]\n")
    (finding, _) = lint(Document.from_text("We delve into a tapestry.", "a.md"), [r])
    assert finding.message == "delve (2)"


def test_requires_reports_a_match_inside_another_once(tmp_path):
    r = rule(tmp_path, "kind: requires\nmessage: m\ntrigger:\n  patterns: ['many\\s+critics\\s+say', 'critics\\s+say']\n"
                       "companion:\n  terms: [Harlow]\n")
    assert found(r, "Many critics say it failed.") == ["Many critics say"]
    assert found(r, "Many critics say it failed, Harlow said.") == []


def test_quotation_window_and_fragments(tmp_path):
    base = "kind: quotation\ncheck: unattributed\nmessage: m\n"
    text = ('Ana Ruiz spoke to reporters on Monday.\n\n'
            '"We have no beds left and nobody is coming to help."\n\n'
            'The award honours "continued creativity and overall contribution to fiction" each year.')
    assert len(found(rule(tmp_path, base), text)) == 2
    assert found(rule(tmp_path, base + "window: 1\nfragments: false\n"), text) == []
    far = "Ana Ruiz said the ward was full.\n\nThe ward has 20 beds.\n\nIt opened in 2001.\n\n" \
          '"We have no beds left and nobody is coming to help."'
    assert len(found(rule(tmp_path, base + "window: 1\n"), far)) == 1


def test_quoted_words_that_open_the_writers_sentence_are_named_not_said(tmp_path):
    base = "kind: quotation\ncheck: unattributed\nmessage: m\n"
    assert found(rule(tmp_path, base), '"Waiting for the Last Train Home" was the band\'s first single.') == []
    assert found(rule(tmp_path, base), '"Shut the gates at nine sharp" meant every trader left before dark.') == []
    said = '"Nobody came to help us when the water rose." The crowd cheered.'
    assert found(rule(tmp_path, base), said) == ['"Nobody came to help us when the water rose."']


def test_style_pack_adds_off_by_default_rules(tmp_path):
    story = tmp_path / "story.md"
    story.write_text("The council hired 3 inspectors.\n", encoding="utf-8")
    plain = CliRunner().invoke(main, ["check", "--format", "json", str(story)])
    assert '"ap.numbers"' not in plain.output
    styled = CliRunner().invoke(main, ["check", "--format", "json", "--style", "ap", str(story)])
    assert '"ap.numbers"' in styled.output
    ignored = CliRunner().invoke(main, ["check", "--format", "json", "--style", "ap", "--ignore", "ap.numbers",
                                        str(story)])
    assert '"ap.numbers"' not in ignored.output


def test_unknown_style_is_a_usage_error(tmp_path):
    story = tmp_path / "story.md"
    story.write_text("Text.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--style", "chicago", str(story)])
    assert result.exit_code == 2
    assert "--style" in result.output


def test_absent_flags_a_long_text_with_no_expected_marker(tmp_path):
    r = rule(tmp_path, "kind: absent\nmessage: '{count} words'\nmin_words: 5\nexpect:\n  terms: [said]\n")
    story = "The port closed at dawn. Ships waited offshore for hours."
    (finding,) = lint(Document.from_text(story, "a.md"), [r])
    assert (finding.text, finding.message) == ("The port closed at dawn.", "10 words")
    assert found(r, story + " Officials said it would reopen.") == []
    assert found(r, "The port closed.") == []  # under min_words


def test_style_pack_named_in_the_configuration(tmp_path):
    (tmp_path / ".newslint.yaml").write_text("style: [ap]\n", encoding="utf-8")
    story = tmp_path / "story.md"
    story.write_text("The council hired 3 inspectors.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--format", "json", str(story)])
    assert '"ap.numbers"' in result.output


LEDE_RULE = ("kind: requires\nmessage: m\nunit: paragraph\nafter: 0\nlede_after: 2\n"
             "trigger: {terms: [experts say]}\ncompanion: {terms: [Harlow University]}\n")


def test_requires_looks_further_after_the_lede_than_after_other_paragraphs(tmp_path):
    r = rule(tmp_path, LEDE_RULE)
    story = "Fares will rise, experts say.\n\nThe vote is in May.\n\nA study at Harlow University found so."
    assert found(r, story) == []  # the lede's source, two paragraphs on
    later = "The council met.\n\nFares will rise, experts say.\n\nThe vote is in May.\n\nHarlow University found so."
    assert found(r, later) == ["experts say"]  # not the lede: the window stays the paragraph


def test_a_title_line_is_not_the_lede(tmp_path):
    r = rule(tmp_path, LEDE_RULE)
    story = "Fares to rise\n\nFares will rise, experts say.\n\nThe vote is in May.\n\nHarlow University found so."
    assert found(r, story) == []  # the title line has no full stop; the next paragraph is the lede


def _labels(text: str) -> list[tuple[str, bool]]:
    return [(e.label, s.credit) for s in Document.from_text(text, "a.md").source_lists for e in s.entries]


def test_inline_read_more_lines_and_parenthetical_source_lists_are_source_lists():
    assert _labels("The port reopened.\n\nRead more: BBC, Al Jazeera\n") == [("BBC", False), ("Al Jazeera", False)]
    assert _labels("The truce collapsed (Sources: AP; Reuters) on Monday.\n") == [("AP", False), ("Reuters", False)]
    assert _labels("The truce (which held for a week) collapsed.\n") == []
    # a character reference's semicolon is part of its word, not a break between entries
    assert _labels("The caf\u00e9 reopened.\n\nRead more: Caf&eacute; Verde, Harlow Gazette\n") == [
        ("Caf&eacute; Verde", False), ("Harlow Gazette", False)]


def test_a_one_line_source_credit_names_data_not_outlets_to_cite(tmp_path):
    uncited = rule(tmp_path, "kind: sources\ncheck: uncited\nmessage: m\n")
    credit = "Unemployment fell to 4%.\n\nSource: Harlow Statistics Office, 2024 labour survey\n"
    assert _labels(credit) == [("Harlow Statistics Office", True), ("2024 labour survey", True)]
    assert found(uncited, credit) == []
    listed = "Unemployment fell to 4%.\n\nSources: Harlow Gazette, Valley Post\n"
    assert found(uncited, listed) == ["Harlow Gazette", "Valley Post"]
    assert found(uncited, "The truce collapsed (Sources: AP, Reuters).\n") == ["AP", "Reuters"]


def test_an_html_source_list_is_checked_by_its_links_targets(tmp_path):
    page = ("<article><p>Fighters attacked a unit on Friday, Al Jazeera reported.</p><h2>Sources</h2><ul>"
            '<li><a href="https://www.aljazeera.com/">Al Jazeera</a></li>'
            '<li><a href="https://www.bbc.com/news/world-123">BBC</a></li>'
            '<li><a href="/news/2024/01/05/unit">Fighters attack a unit near the city</a></li>'
            '<li><a href="https://valley.example/news/2024/01/04/talks">Talks resume after the attack</a></li>'
            "</ul></article>")
    doc = Document.from_text(page, "a.html")
    assert [(e.label, e.url) for s in doc.source_lists for e in s.entries][:2] == [
        ("Al Jazeera", "https://www.aljazeera.com/"), ("BBC", "https://www.bbc.com/news/world-123")]
    homepage = rule(tmp_path, "kind: sources\ncheck: homepage\nmessage: m\n")
    assert [f.text for f in lint(doc, [homepage])] == ["Al Jazeera"]
    # a relative link is the site's own page, a titled link one report: neither is an outlet listed for show
    uncited = rule(tmp_path, "kind: sources\ncheck: uncited\nmessage: m\n")
    assert [f.text for f in lint(doc, [uncited])] == ["BBC"]


def test_a_paragraph_of_the_heading_words_alone_heads_a_source_list(tmp_path):
    homepage = rule(tmp_path, "kind: sources\ncheck: homepage\nmessage: m\n")
    for head in ("<p>Sources:</p>", "<p><strong>Sources</strong></p>", "<h3>References</h3>"):
        page = (f"<article><p>Fighters attacked a unit on Friday.</p>{head}"
                '<ul><li><a href="https://www.bbc.com/news">BBC</a></li></ul></article>')
        assert [f.text for f in lint(Document.from_text(page, "a.html"), [homepage])] == ["BBC"], head
    # a link-only list under any other paragraph is navigation, not read
    page = ('<article><p>Fighters attacked a unit on Friday.</p><p>More from the region</p>'
            '<ul><li><a href="https://www.bbc.com/news">BBC</a></li></ul></article>')
    assert lint(Document.from_text(page, "a.html"), [homepage]) == []
    assert _labels("The port reopened.\n\nSources:\n\n- Harlow Gazette\n") == [("Harlow Gazette", False)]


def test_a_headline_or_a_description_in_a_list_is_no_outlet_to_cite(tmp_path):
    uncited = rule(tmp_path, "kind: sources\ncheck: uncited\nmessage: m\n")
    text = ("The council voted to close the library, its leader said.\n\n"
            "READ MORE: Council votes to shut the library after a long row\n\n"
            "Sources: interviews with three of the port's workers; The Times of India\n")
    assert found(uncited, text) == ["The Times of India"]
