"""Inputs whose cost once grew with their square: counted in Python line events (not timed), the
work for four times the input is about four times the work, not sixteen. benchmarks/scaling.py
times them."""
from __future__ import annotations

import sys
from collections.abc import Callable

from newslint.document import Document
from newslint.finding import Finding, Severity
from newslint.suppressions import apply


def line_events(work: Callable[[], object]) -> int:
    count = 0

    def tracer(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return tracer

    sys.settrace(tracer)
    try:
        work()
    finally:
        sys.settrace(None)
    return count


def growth(make: Callable[[int], Callable[[], object]], n: int = 150) -> float:
    return line_events(make(4 * n)) / line_events(make(n))


def test_suppression_comments_cost_grows_linearly():
    def make(n: int) -> Callable[[], object]:
        unit = "<!-- newslint-disable-next-line loaded -->\nA brutal raid.\n\n"
        text = unit * n + "<!-- newslint-disable loaded.x -->\n<!-- newslint-enable other -->\n" * n
        at = unit.index("brutal")
        findings = [Finding("a.md", 3 * i + 2, 3, 3 * i + 2, 9, len(unit) * i + at, len(unit) * i + at + 6,
                            "loaded.adjectives", Severity.WARNING, "m", "brutal") for i in range(n)]
        return lambda: apply(findings, text, "a.md", {"loaded", "loaded.adjectives", "loaded.x"}, {"loaded.adjectives"})

    assert growth(make) < 6


def test_paraphrase_and_quotation_paragraphs_cost_grows_linearly():
    unit = ("The union called the proposal a draconian and reckless plan.\n\n"
            "\u201cWe will build it, and we will build it well,\u201d she said.\n\n")

    def make(n: int) -> Callable[[], object]:
        return lambda: Document.from_text(unit * n, "a.md").scope_at(0)

    assert growth(make) < 6


def test_reader_comment_headings_and_quotes_cost_grows_linearly():
    unit = "## Comments\n\n\u201cThis is a brutal plan, I think,\u201d wrote one reader.\n\nI agree!\n\n"

    def make(n: int) -> Callable[[], object]:
        return lambda: Document.from_text(unit * n, "a.md").scope_at(0)

    assert growth(make) < 6
