from __future__ import annotations

import pytest

from newslint.document.markup import BlockKind
from newslint.readers import html

PAGE = """<!doctype html>
<html><head><title>The best deals ever</title><style>p { color: red }</style></head>
<body>
<nav><a href="/">Home</a> | the best deals ever</nav>
<header><p>Site header: shocking offers</p></header>
<main>
<article>
<header><h1>Council&rsquo;s shocking vote</h1></header>
<p>The mayor called the plan &ldquo;a disaster&rdquo; on Monday. Fish &amp; chips.</p>
<blockquote><p>We will never give up on this city</p></blockquote>
<p>She called it <q>a bold step</q>, <a href="https://example.org/report">the report</a> says.</p>
<h4>Small print</h4>
<ul><li>One item<li>Two item</ul>
<script>var x = "the best deals ever";</script>
<footer>Share this shocking story</footer>
</article>
</main>
<footer>Copyright</footer>
</body></html>
"""


def at(text: str, line: int, column: int) -> int:
    """The offset of a 1-based line and column (counted here, apart from the package)."""
    lines = text.split("\n")
    return sum(len(x) + 1 for x in lines[:line - 1]) + column - 1


def test_prose_keeps_the_files_offsets() -> None:
    lay = html.layout(PAGE)
    assert len(lay.prose) == len(PAGE)
    assert lay.prose.count("\n") == PAGE.count("\n")
    # "shocking" in the headline: line 8, column 29 of the file
    start = at(PAGE, 8, 29)
    assert PAGE[start:start + 8] == "shocking"
    assert lay.prose[start:start + 8] == "shocking"
    # "disaster" inside decoded quotation marks: line 9, column 39
    start = at(PAGE, 9, 39)
    assert lay.prose[start:start + 8] == "disaster"


def test_navigation_header_footer_script_style_and_head_are_not_read() -> None:
    prose = html.layout(PAGE).prose
    assert "best deals" not in prose
    assert "Site header" not in prose
    assert "Share this" not in prose
    assert "Copyright" not in prose
    assert "color" not in prose
    assert "<" not in prose and ">" not in prose
    assert "href" not in prose and "example.org" not in prose


def test_entities_are_decoded_in_place() -> None:
    lay = html.layout(PAGE)
    amp = at(PAGE, 9, 71)  # "&amp;" in "Fish &amp; chips": line 9, column 71
    assert PAGE[amp:amp + 5] == "&amp;"
    assert lay.prose[amp:amp + 5] == "&    "
    opening = at(PAGE, 9, 30)  # "&ldquo;" at line 9, column 30
    assert PAGE[opening:opening + 7] == "&ldquo;"
    assert lay.prose[opening] == "“"
    closing = at(PAGE, 9, 47)
    assert PAGE[closing:closing + 7] == "&rdquo;"
    assert lay.prose[closing] == "”"


def test_blocks_headings_items_and_quotation_marks() -> None:
    lay = html.layout(PAGE)
    texts = [(b.kind, " ".join(lay.prose[b.start:b.end].split())) for b in lay.blocks]
    assert texts == [
        (BlockKind.HEADING, "Council’s shocking vote"),
        (BlockKind.PARAGRAPH, "The mayor called the plan “ a disaster” on Monday. Fish & chips."),
        (BlockKind.PARAGRAPH, "“We will never give up on this city”"),
        (BlockKind.PARAGRAPH, "She called it “a bold step” , the report says."),
        (BlockKind.PARAGRAPH, "Small print"),  # h4-h6 are not headline scope
        (BlockKind.ITEM, "One item"),
        (BlockKind.ITEM, "Two item"),
    ]
    quote = lay.blocks[2]
    # the blockquote's marks stand in its tags: the ">" of <p> (line 10, column 15) and the "<" of </p>
    assert quote.start == at(PAGE, 10, 15)
    assert PAGE[quote.start] == ">" and PAGE[quote.end - 1] == "<"


def test_a_configured_selector_picks_the_body() -> None:
    page = ('<div class="intro">Shocking deals</div>\n'
            '<div class="story body" id="s1"><p>The vote was close.</p></div>\n')
    prose = html.layout(page, ".story").prose
    assert "The vote was close." in prose and "Shocking" not in prose
    assert "vote" in html.layout(page, "div#s1").prose
    assert "Shocking" in html.layout(page).prose  # no article or main: the whole page is read


def test_first_alternative_found_wins() -> None:
    page = "<main><p>Menu text</p><article><p>Story text</p></article></main>"
    prose = html.layout(page, "article, main").prose
    assert "Story text" in prose and "Menu text" not in prose
    assert "Menu text" in html.layout(page, "main, article").prose


@pytest.mark.parametrize("selector", ["div p", "a:hover", "div > p", ""])
def test_unsupported_selectors_are_errors(selector: str) -> None:
    with pytest.raises(ValueError, match="unsupported selector"):
        html.parse_selector(selector)


def test_crlf_and_unclosed_paragraphs() -> None:
    page = "<article>\r\n<p>First one\r\n<p>Second one</article>"
    unified = page.replace("\r\n", " \n")
    lay = html.layout(unified)
    assert [lay.prose[b.start:b.end] for b in lay.blocks] == ["First one", "Second one"]
    assert lay.blocks[1].start == page.index("Second")


def test_a_reference_inside_a_word_leaves_the_word_whole() -> None:
    page = "<p>The mayor&rsquo;s h&eacute;ro&iuml;c plan was outrag&shy;eous, caf&eacute; owners said.</p>"
    lay = html.layout(page)
    assert len(lay.prose) == len(page)
    words = lay.prose.split()
    assert words[:5] == ["The", "mayor’s", "héroïc", "plan", "was"]
    assert "outrageous" in words and "café" in words  # the comma stands where the file has it
    # each joined word, and each reference, is a span the prose shows decoded
    for word in ("mayor&rsquo;s", "h&eacute;ro&iuml;c", "outrag&shy;eous", "&eacute;"):
        start = page.index(word)
        assert any(a <= start and start + len(word) <= b for a, b in lay.decoded), word
    # a reference between words joins nothing
    lay = html.layout("<p>vote&nbsp;passed &mdash; today</p>")
    assert lay.prose.split() == ["vote", "passed", "—", "today"]


def test_inline_tags_inside_a_word_leave_the_word_whole() -> None:
    page = ('<p><span class="dropcap">T</span>he re<i>ck</i>less plan is the <b>world</b>&rsquo;s '
            "<em>biggest</em> <br>folly.</p>")
    lay = html.layout(page)
    assert len(lay.prose) == len(page)
    assert lay.prose.split() == ["The", "reckless", "plan", "is", "the", "world’s", "biggest", "folly."]
    for word in ('T</span>he', "re<i>ck</i>less", "world</b>&rsquo;s"):
        start = page.index(word)
        assert any(a <= start and start + len(word) <= b for a, b in lay.decoded), word
    # tags between words, a line break inside a tag, or an edit's tags join nothing
    for apart in ("<p><b>Home</b> <b>News</b></p>", '<p>a<span\nclass="x">b</span></p>', "<p>old<del>er</del></p>"):
        assert len(html.layout(apart).prose.split()) == 2, apart


@pytest.mark.parametrize(("paragraph", "expected"), [
    ("It&#8217;s worth noting that the plan was outrag&shy;eous.",
     {("filler.phrases", "It&#8217;s worth noting"), ("loaded.adjectives", "outrag&shy;eous")}),
    ("The re<i>ck</i>less plan is the <b>world</b>’s tallest tower.",
     {("loaded.adjectives", "re<i>ck</i>less"), ("superlative.compared", "the <b>world</b>’s tallest")}),
])
def test_terms_match_across_references_and_inline_tags_and_report_the_words_as_written(
        tmp_path, paragraph: str, expected: set[tuple[str, str]]) -> None:
    from newslint.document import Document
    from newslint.engine import lint_file

    page = tmp_path / "story.html"
    page.write_text(f"<article><p>{paragraph}</p></article>\n", encoding="utf-8")
    assert expected <= {(f.rule, f.text) for f in lint_file(page)}
    doc = Document.read(page)
    assert all(doc.text[a:b] for a, b in doc.decoded)


def test_messages_and_suggestions_name_the_words_as_read_not_their_markup(tmp_path) -> None:
    """The finding's text is the file's (positions and baselines rest on it); its message names the
    words a reader sees, and a swap is looked up by them: 'passed away', so 'died' is suggested."""
    from newslint.engine import lint_file

    page = tmp_path / "story.html"
    page.write_text("<article><p>The mayor passed&nbsp;away on Friday after a re<i>ck</i>less "
                    "crash.</p></article>\n", encoding="utf-8")
    found = {f.rule: f for f in lint_file(page)}
    euphemism, loaded = found["euphemisms.plain"], found["loaded.adjectives"]
    assert euphemism.text == "passed&nbsp;away" and "'passed away' is a euphemism. Say 'died'." in euphemism.message
    assert euphemism.suggestions[0] == "died"
    assert loaded.text == "re<i>ck</i>less" and loaded.message.startswith("'reckless'")


def test_a_word_joined_across_a_reference_is_never_fixed(tmp_path) -> None:
    from click.testing import CliRunner

    from newslint.cli import main

    page = tmp_path / "story.html"
    original = "<article><p>The price was, obviou&shy;sly, too high. Clearly, the plan failed.</p></article>\n"
    page.write_text(original, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--fix", str(page)])
    assert result.exit_code in (0, 1), result.output
    fixed = page.read_text(encoding="utf-8")
    assert "obviou&shy;sly" in fixed  # the joined word is reported, not rewritten
    assert "Clearly," not in fixed  # an ordinary word in the same file is still fixed


def test_prose_keeps_the_length_and_line_ends_whatever_the_markup() -> None:
    """Tags, references and quotation marks in any order, unclosed ones at the end included."""
    import random

    parts = ["<p>", "</p>", "<b>", "</b>", "&rsquo;", "&shy;", "&eacute;", "&amp;", "&#8217;", "&nbsp;",
             "word", "s", " ", "\n", "<br>", "&zwj;", "<q>", "</q>", "<blockquote>", "</blockquote>", "-",
             "<article>", "</article>", "<script>", "</script>", "&", "&#12", "<!--", "-->", "<i>", "</i>",
             '<span class="a">', '<span\nclass="b">', "</span>"]
    pick = random.Random(5)
    for _ in range(3000):
        page = "".join(pick.choice(parts) for _ in range(pick.randint(1, 30)))
        lay = html.layout(page)
        assert len(lay.prose) == len(page), page
        assert [i for i, c in enumerate(lay.prose) if c == "\n"] == [i for i, c in enumerate(page) if c == "\n"]
        assert all(0 <= a < b <= len(page) for a, b in lay.decoded)


def test_an_unclosed_blockquote_at_the_end_adds_no_character() -> None:
    page = "<p>Intro.</p><blockquote>-&amp;"
    assert len(html.layout(page).prose) == len(page)


LINKS = """<article><h1>Port closes</h1>
<p>The port closed, <a href="https://harbor.example/notice">the harbour board</a> said.</p>
<h2>More on this story</h2>
<ul><li><a href="/news/1">Shocking scenes at the docks</a></li><li><a href="/news/2">The best ports, ranked</a></li></ul>
<ul><li>Ships waited <a href="/map">offshore</a> for days</li><li><a href="/news/3">Dock vote</a></li></ul>
<h2>Sources</h2>
<ul><li><a href="https://www.bbc.com/news">BBC</a></li></ul>
</article>"""


def test_a_list_of_nothing_but_links_is_navigation_unless_it_lists_sources() -> None:
    lay = html.layout(LINKS)
    assert "Shocking scenes" not in lay.prose and "best ports" not in lay.prose
    assert [LINKS[b.start:b.end] for b in lay.blocks if b.kind is BlockKind.ITEM] == [
        'Ships waited <a href="/map">offshore</a> for days', "Dock vote", "BBC"]
    assert "Ships waited" in lay.prose and "Dock vote" in lay.prose


def test_links_carry_their_targets_at_their_texts_offsets() -> None:
    lay = html.layout(LINKS)
    found = {LINKS[a:b]: href for a, b, href in lay.links}
    assert found["the harbour board"] == "https://harbor.example/notice"
    assert found["BBC"] == "https://www.bbc.com/news"
    assert "Shocking scenes at the docks" not in found  # navigation is not read, its links neither


TEASERS = """<article>
<h1>Harbour strike ends</h1>
<p>Dock workers went back on Monday after a <a href="/vote">ballot</a> ended the strike.</p>
<div class="teaser"><h2><a href="/other">Shocking scenes as the worst storm ever hits</a></h2></div>
<p><a href="/more">Read more</a></p>
<h2>Sources</h2>
<p><a href="https://www.reuters.com/">Reuters</a></p>
<p><a href="https://apnews.com/">AP</a></p>
</article>"""


def test_a_block_that_is_all_one_link_is_a_teaser_unless_it_lists_sources() -> None:
    lay = html.layout(TEASERS)
    assert "Shocking scenes" not in lay.prose and "Read more" not in lay.prose
    assert "Dock workers went back" in lay.prose and "ballot" in lay.prose  # a link inside a sentence is prose
    assert "Reuters" in lay.prose and "AP" in lay.prose  # under a Sources heading: the source list
    assert {TEASERS[a:b] for a, b, _ in lay.links} == {"ballot", "Reuters", "AP"}


FURNITURE = """<body><div class="page has-sidebar">
<article>
<p>The council voted on Tuesday to close the library.</p>
<div class="share-tools"><p>Share this outrageous story</p></div>
<p style="display: none">Totally shocking offer</p>
<section id="comments"><article class="comment"><p>This disgraceful council is corrupt.</p></article></section>
<div class="story-body sponsored"><p>Paid for by Harlow Motors.</p></div>
<div class="social-affairs-body"><p>Care homes in the county have 40 empty beds.</p></div>
<div class="ad-slot">The best deal ever</div>
<div class="author-bio"><p>Ana Ruiz is our legendary reporter.</p></div>
<p>Residents said they would appeal.</p>
</article>
</div></body>"""


def test_page_furniture_by_class_or_id_and_hidden_elements_are_not_read() -> None:
    prose = html.layout(FURNITURE).prose
    assert "The council voted" in prose and "Residents said" in prose  # inside "has-sidebar": it holds the article
    comments_outside = "<main><article><p>The vote was close.</p></article><ol class='comment-list'><li>" \
        "<article class='comment-body'><p>What a disgraceful vote.</p></article></li></ol></main>"
    prose = html.layout(comments_outside).prose
    assert "The vote was close." in prose and "disgraceful" not in prose
    prose = html.layout(FURNITURE).prose
    for furniture in ("outrageous", "Totally", "disgraceful", "best deal", "legendary"):
        assert furniture not in prose
    assert "Paid for by" in prose  # a story's body, though sponsored
    assert "Care homes" in prose  # a section's name on the body ("social affairs"), not sharing buttons


STORY_PARAGRAPHS = "".join(
    f"<p>Paragraph {i}: the council met on Tuesday and voted on the plan for the new bridge over the river, "
    f"which residents had asked for since the old one closed, and the mayor said work would start in May.</p>\n"
    for i in range(4))
CARDS = "".join(f'<article class="card"><a href="/s{i}">Story {i}</a><time>May {i}, 2026</time></article>\n'
                for i in range(1, 6))


def test_articles_that_are_only_cards_are_passed_over_for_the_story() -> None:
    """A page whose only <article> elements are cards in a "more stories" strip (a headline and a date
    each) has its story elsewhere: the cards are not taken for the article body."""
    page = f'<body><div id="content"><h1>Bridge vote</h1>\n{STORY_PARAGRAPHS}</div>\n<div class="strip">{CARDS}</div></body>'
    prose = html.layout(page).prose
    assert "Paragraph 3: the council met" in prose and "Bridge vote" in prose
    brief = "<p>The council met on Tuesday and voted on the plan for the new bridge. " * 5 + "</p>"
    page = f'<body><article>{brief}</article><div class="teasers">{STORY_PARAGRAPHS}</div></body>'
    prose = html.layout(page).prose  # a real article, however short, is still the body
    assert "The council met" in prose and "Paragraph 0" not in prose
    assert "Story 1" in html.layout(f"<body>{STORY_PARAGRAPHS}{CARDS}</body>", "article").prose  # as configured


def test_a_sidebar_layout_column_holding_the_story_is_read_but_a_sidebar_is_not() -> None:
    page = (f'<body><div class="panel two-col-sidebar-right"><div class="main-col">{STORY_PARAGRAPHS}</div>'
            '<div class="sidebar-col"><p>Donate now to our outrageous campaign.</p></div></div></body>')
    prose = html.layout(page).prose
    assert "Paragraph 2: the council met" in prose  # the column holds most of the page: not furniture
    assert "outrageous" not in prose  # the sidebar inside it still is
    page = f'<body>{STORY_PARAGRAPHS}<div class="related"><p>Five outrageous bridges you must see.</p></div></body>'
    assert "outrageous" not in html.layout(page).prose


def test_a_table_set_in_a_blockquote_is_not_a_quotation() -> None:
    page = ("<article><p>The most active developers were these.</p><blockquote><table><tr><th>Most active "
            "developers</th></tr><tr><td>Ann Lee</td><td>41</td></tr></table></blockquote>"
            "<blockquote><p>We will build it, the mayor said.</p></blockquote></article>")
    prose = html.layout(page).prose
    assert "“Most active" not in prose and "“Ann Lee" not in prose
    assert "“We will build it, the mayor said.”" in prose


def test_the_credit_under_an_embedded_post_names_its_speaker() -> None:
    """An embedded post is a blockquote whose last paragraph credits it ("— Name (@handle) date"): that
    line is no quotation, and the post above it has its speaker."""
    from newslint.engine import lint_text

    page = ("<article><p>The mayor answered the plan's critics within the hour on Monday.</p>"
            "<blockquote class=\"twitter-tweet\"><p>We will build the bridge, and we will build it on time "
            "and on budget.</p><p>&#x2014; Ana Ruiz (@anaruiz) <a href=\"https://x.example/1\">April 15, 2019</a>"
            "</p></blockquote><p>The council meets again on Thursday.</p></article>")
    prose = html.layout(page).prose
    assert "“We will build the bridge" in prose and "“—" not in prose
    assert [f.rule for f in lint_text(page, "post.html") if f.rule == "attribution.quotes"] == []
    # without the credit the post's words have no speaker
    bare = page.replace("&#x2014; Ana Ruiz (@anaruiz) ", "")
    assert "attribution.quotes" in [f.rule for f in lint_text(bare, "post.html")]


def test_a_page_of_endless_unclosed_attributes_is_read_without_a_hang() -> None:
    """The page's own labels are looked for within a tag's reach: a page of 60,000 `content="x"`
    attributes in one unclosed tag (about 1 MB) is read at once, where a search running on to the
    tag's end for each of them took minutes."""
    import subprocess
    import sys

    script = ("from newslint.readers import html\n"
              "page = '<meta content=\"x\" ' * 60000 + '>' + '<p>' + 'property=\"article:section\" ' * 40000 + '</p>'\n"
              "print(html.layout(page).declared)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.strip() == "()"
