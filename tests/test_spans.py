"""Spans: a term never matches across a paragraph break or hidden markup; no finding spans a blank
line; a quotation's finding stays in its line."""
from __future__ import annotations


import pytest
from click.testing import CliRunner
from conftest import line_starts

from newslint.cli import main
from newslint.document import Document
from newslint.engine import run_rules as lint
from newslint.rulebook import load_rules, select

RULES = select(load_rules(), all_rules=True)


def check(*args: str):
    return CliRunner().invoke(main, ["check", "--no-color", *args])


@pytest.mark.parametrize("gap", ["\n\n", "\r\n\r\n", "\n  \n", "\r\r", "\n\t\n "], ids=repr)
def test_fix_never_joins_paragraphs(house, tmp_path, gap):
    story = tmp_path / "story.md"
    text = f"The motion finally passed{gap}Away fans booed.\n"
    story.write_bytes(text.encode("utf-8"))
    result = check("--rules", str(house), "--select", "obit", "--fix", str(story))
    assert result.exit_code == 0 and story.read_bytes() == text.encode("utf-8")


@pytest.mark.parametrize("text", ["She passed <!-- check date --> away.\n", "He [passed](https://x.y/z) away.\n",
                                  "He passed<!--\nnote\n--> away.\n", "He passed `away` today.\n"])
def test_a_term_never_matches_across_hidden_markup(house, tmp_path, text):
    story = tmp_path / "story.md"
    story.write_text(text, encoding="utf-8")
    result = check("--rules", str(house), "--format", "json", str(story))
    assert "obit.words" not in result.stdout and "Say ''" not in result.stdout
    doc = Document.from_text(text, "story.md")
    assert not [f for f in lint(doc, RULES) if "passed" in f.text.lower() and "away" in f.text.lower()]


def test_a_term_still_matches_within_a_paragraph(house, tmp_path):
    story = tmp_path / "story.md"
    story.write_text("She passed\naway on Sunday. He [passed away](https://x.y) too.\n", encoding="utf-8")
    result = check("--rules", str(house), "--select", "obit", "--fix", str(story))
    assert result.exit_code == 0
    assert story.read_text(encoding="utf-8") == "She died on Sunday. He [died](https://x.y) too.\n"


@pytest.mark.parametrize("text", ['"We will never leave this town\n"and', '"We will never leave this town\r\n"and',
                                  '\u201cWe will never leave\nthis town at all, she\u201d'], ids=repr)
def test_a_quotation_finding_stays_in_its_line(text):
    doc = Document.from_text(text, "a.md")
    found = [f for f in lint(doc, RULES) if f.rule.startswith("attribution.quote")]
    assert found
    starts = line_starts(text)
    for f in found:
        assert f.line == f.end_line == 1 and "\n" not in f.text and "\r" not in f.text
        assert text[starts[f.line - 1] + f.column - 1:starts[f.end_line - 1] + f.end_column - 1] == f.text


def test_no_finding_spans_a_blank_line():
    from fuzzing import check_findings

    text = "killed \r\n\r\nkilled and the the\n\nthe best \n \nbest.\n\nHe passed\n\naway.\n"
    for path in ("a.md", "a.txt"):
        doc = Document.from_text(text, path)
        check_findings(doc, lint(doc, RULES))


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"], ids=repr)
def test_line_endings_do_not_turn_a_word_into_a_name(ending):
    text = f"It said Sources{ending}The the plan failed.{ending}"
    doc = Document.from_text(text, "a.md")
    assert [f.text for f in lint(doc, RULES) if f.rule == "typos.doubled"] == ["The the"]
