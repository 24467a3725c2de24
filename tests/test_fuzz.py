"""Property tests: any text, Markdown, quotations and line endings lint without error, at exact positions."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import line_starts
from newslint.document import Document, decode
from newslint.engine import run_rules as lint
from newslint.errors import InputError
from newslint.finding import Finding
from newslint.rulebook import load_rules, select

RULES = select(load_rules(), all_rules=True)
# About 450 examples in all keep the suite quick; benchmarks/fuzz.py runs far more, from random
# seeds. Here the examples are the same on every run, so that a red suite is a change's doing.
def fuzz(examples: int) -> settings:
    return settings(max_examples=examples, deadline=None, database=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])

# Pieces that exercise the rules, the Markdown reader, the quotation finder and odd characters.
WORDS = ["The", "brutal", "raid", "savage", "said", "police said", "according to", "reportedly", "the best",
         "the first", "ever", "killed", "dozens", "because", "experts say", "Sources:", "References",
         "Operation Brutal Storm", "Mr.", "U.S.", "Jan. 5", "e.g.", "...", "—", "!", "?", ".", ",", ":", ";",
         "(", ")", "[", "]", "BBC", "Reuters", "www.bbc.com/news", "https://example.com/a?b=1", "a@b.co",
         "at least 12 people were killed", "death toll", "this raid clearly shows", "marks a turning point",
         "their resolve to", "routed", "a testament to", "Frequently Asked Questions", "brutally", "first-ever",
         "all-time high", "he said:", "told reporters", "a\u00a0brutal", "anti-brutal", "group’s", "BRUTAL"]
MARKS = ['"', "“", "”", "‘", "’", "'", "«", "»", "„"]
MARKUP = ["# ", "## ", "### Sources\n", "- ", "* ", "1. ", "> ", "**", "__", "`", "```", "~~~", "---", "===",
          "    ", "\t", "<!-- ", " -->", "<b>", "</b>", "[BBC](https://www.bbc.com/news)", "[x]: http://y",
          "<https://a.b>", "+++", "title: x\n", "date 2024-01-05 "]
ODD = ["\u200b", "\u200d", "\u202e", "\u202c", "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\ufeff", "\x00",
       "e\u0301", "👩🏽‍🚀", "🙂", "\U0001f1fa\U0001f1f8", "ǅ", "ß", "İ", "ﬁ", "\u05e9\u05dc\u05d5\u05dd", "\ud7ff"]
BREAKS = ["\n", "\n\n", "\r\n", "\r", "\r\n\r\n", "\r\r", " "]

piece = st.one_of(
    st.sampled_from(WORDS).map(lambda w: w + " "),
    st.sampled_from(MARKS),
    st.sampled_from(MARKUP),
    st.sampled_from(ODD),
    st.sampled_from(BREAKS),
    st.text(max_size=6),
)
articles = st.lists(piece, max_size=60).map("".join)
lf_articles = st.lists(piece.filter(lambda p: "\r" not in p), max_size=60).map("".join)
paths = st.sampled_from(["a.md", "a.txt"])


def assert_located(found: list[Finding], source: str) -> None:
    """Each finding lies inside the file and its `text` is the file's characters at its span."""
    starts = line_starts(source)
    ends = [s - (2 if source[max(0, s - 2):s] == "\r\n" else 1) for s in starts[1:]] + [len(source)]
    for f in found:
        assert 1 <= f.line <= f.end_line <= len(starts), f
        a = starts[f.line - 1] + f.column - 1
        b = starts[f.end_line - 1] + f.end_column - 1
        assert starts[f.line - 1] <= a < ends[f.line - 1], f  # starts on a character of its line
        assert starts[f.end_line - 1] < b <= ends[f.end_line - 1], f  # ends after one, before the line break
        assert a < b and f.text == source[a:b], f


def lint_checked(text: str, path: str) -> list[Finding]:
    doc = Document.from_text(text, path)
    assert len(doc.prose) == len(doc.text)
    assert all(doc.prose[i] == "\n" for i, ch in enumerate(doc.text) if ch == "\n")
    previous = -1
    for block in doc.blocks:
        assert previous <= block.start <= block.end <= len(doc.text)
        previous = block.end
    for sentence in doc.sentences:
        block = doc.blocks[sentence.block]
        assert block.start <= sentence.start < sentence.end <= block.end
    for quote in doc.quotations:
        assert 0 <= quote.start < quote.end <= len(doc.text)
    found = lint(doc, RULES)
    assert_located(found, doc.text)
    assert lint(Document.from_text(text, path), RULES) == found  # deterministic
    return found


@fuzz(150)
@given(articles, paths)
def test_any_article_lints_at_exact_positions(text, path):
    lint_checked(text, path)


@fuzz(100)
@given(st.text(max_size=300), paths)
def test_any_unicode_lints_at_exact_positions(text, path):
    lint_checked(text, path)


@fuzz(100)
@given(lf_articles, st.sampled_from(["\r\n", "\r"]), paths)
def test_line_endings_do_not_change_findings(text, ending, path):
    def where(found: list[Finding]) -> list[tuple[str, int, int, str]]:
        return [(f.rule, f.line, f.column, " ".join(f.text.split())) for f in found]

    assert where(lint_checked(text.replace("\n", ending), path)) == where(lint_checked(text, path))


@fuzz(100)
@given(st.binary(max_size=200))
def test_any_bytes_decode_or_give_an_input_error(data):
    try:
        text = decode(data, "x.md")
    except InputError as exc:
        assert str(exc).startswith("x.md: ")
    else:
        assert isinstance(text, str)
        lint_checked(text, "x.md")
