"""Inline suppressions: regions, next line, whole file, families, and reports of unknown or unused ones."""
from __future__ import annotations

from newslint.checking import Checker
from newslint.config import Config
from newslint.document import Document
from newslint.suppressions import UNKNOWN_RULE, UNUSED, parse


def lint(text: str) -> list[tuple[int, str]]:
    doc = Document.from_text(text, "story.md")
    return [(f.line, f.rule) for f in Checker().check(doc, Config(), None)]


def test_region_disable_and_enable():
    text = ("The brutal raid ended.\n<!-- newslint-disable loaded.adjectives -->\nA savage day.\n"
            "A vicious blow.\n<!-- newslint-enable -->\nA brutal night.\n")
    assert lint(text) == [(1, "loaded.adjectives"), (6, "loaded.adjectives")]


def test_disable_without_enable_runs_to_the_end_and_families_match():
    assert lint("A brutal day.\n\n<!-- newslint-disable loaded -->\n\nA savage day.\n\nA vicious day.\n") == \
           [(1, "loaded.adjectives")]


def test_next_line_and_file():
    text = "<!-- newslint-disable-next-line loaded.adjectives -->\nA brutal day.\n\nA savage day.\n"
    assert lint(text) == [(4, "loaded.adjectives")]
    text = "A brutal day.\n\n<!-- newslint-disable-file loaded.adjectives, superlative -->\n\nA savage day.\n"
    assert lint(text) == []


def test_enable_closes_only_the_named_region():
    text = ("<!-- newslint-disable loaded -->\n<!-- newslint-disable superlative -->\n"
            "An unprecedented day. A brutal day.\n<!-- newslint-enable superlative -->\nAn unprecedented day. A brutal day.\n")
    assert lint(text) == [(5, "superlative.claims")]


def test_unknown_rule_is_reported_and_suppresses_nothing():
    text = "<!-- newslint-disable-next-line loaded.adjectivs -->\nA brutal day.\n"
    assert lint(text) == [(1, UNKNOWN_RULE), (2, "loaded.adjectives")]


def test_unused_suppression_is_reported():
    text = "<!-- newslint-disable-next-line loaded.adjectives -->\nA calm day, police said.\n"
    doc = Document.from_text(text, "story.md")
    [finding] = Checker().check(doc, Config(), None)
    assert (finding.rule, finding.line, finding.column) == (UNUSED, 1, 1)
    assert finding.text == "<!-- newslint-disable-next-line loaded.adjectives -->"
    assert "suppressed nothing" in finding.message


def test_a_suppression_for_a_rule_not_run_is_not_unused():
    doc = Document.from_text("<!-- newslint-disable-next-line loaded -->\nA calm day.\n", "story.md")
    assert Checker(select_=["sources"]).check(doc, Config(), None) == []


def test_directives_in_code_are_still_comments_only_when_written_as_comments():
    [d] = parse("x\n<!--newslint-disable-next-line   loaded.adjectives   filler-->\n")
    assert (d.action, d.names, d.line, d.first_line, d.last_line) == \
           ("disable-next-line", ("loaded.adjectives", "filler"), 2, 3, 3)
    assert parse("newslint-disable loaded\n") == []
