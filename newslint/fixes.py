"""Fixes: what a finding's rule would write in place of the flagged words, and applying it.

A kind that can fix offers `fix(matched) -> Fix | None` (a `substitution` swap, an `existence`
rule's `rewrite`). A fix is *safe* (applied by --fix: the swap never needs the sentence read) or
*unsafe* (applied only with --unsafe-fixes: a suggestion a writer should read first). An empty
replacement deletes the words with their comma, and a sentence they opened gets its capital back.
"""
from __future__ import annotations

import bisect
import difflib
from typing import Callable, Mapping, NamedTuple, Sequence

from newslint.document.positions import merge_spans
from newslint.finding import Finding
from newslint.kinds import Fix
from newslint.cache import programs

Fixer = Callable[[str], "Fix | None"]


class Edit(NamedTuple):
    start: int
    end: int
    replacement: str
    rule: str


_AFTER_OPENING = programs.compile(r"[ \t]*,?[ \t]*(?:that[ \t]+)?")
_SENTENCE_START = programs.compile(r"""(?:(?:\A|\n)\s*(?:[-*+>#]+\s+|\d+[.)]\s+)*|[.!?]["'”’)\]]*\s+|["“‘(]\s*)\Z""")


def deletion(text: str, start: int, end: int) -> tuple[int, int, str] | None:
    """The edit that deletes text[start:end] cleanly, or None when it would not read.

    At a sentence's start the words go with the comma or `that` after them and the next word gets a
    capital ("Needless to say, the plan failed" -> "The plan failed"); inside a sentence they go with
    the commas around them ("The plan, needless to say, failed" -> "The plan failed"), and an adverb
    standing alone between two words goes with one of its spaces.
    """
    if _SENTENCE_START.search(text, max(0, start - 40), start) is not None:
        tail = _AFTER_OPENING.match(text, end)
        stop = tail.end() if tail else end
        nxt = text[stop:stop + 1]
        if not nxt.isalpha():
            return None
        return start, stop + 1, nxt.upper()
    if text[start - 2:start] == ", " and text[end:end + 1] == ",":
        return start - 2, end + 1, ""
    word = text[start:end]
    if word.endswith("ly") and word.isalpha() and text[start - 1:start] == " " and text[end:end + 1] == " ":
        return start, end + 1, ""  # an adverb between two words: "the minister clearly lied" -> "the minister lied"
    return None


_ENDS_SENTENCE = programs.compile(r"\s*(?:\Z|\n|[A-Z\"“])")


def _full_stop(text: str, start: int, end: int, replacement: str) -> tuple[int, int, str]:
    """An abbreviation's period may end the sentence too: "at 12 a.m." -> "at midnight.", and
    "at 7 PM." -> "at 7 p.m." (one period, not two)."""
    if replacement.endswith(".") and text[end:end + 1] == ".":
        return start, end + 1, replacement
    if text[start:end].endswith(".") and not replacement.endswith(".") and _ENDS_SENTENCE.match(text, end):
        return start, end, replacement + "."
    return start, end, replacement


def edits(text: str, findings: Sequence[Finding], fixers: Mapping[str, Fixer],
          quoted: Sequence[tuple[int, int]], unsafe: bool = False) -> list[Edit]:
    """Edits for the fixable findings, in order (safe fixes only unless `unsafe`); an edit
    overlapping an earlier one is skipped (it waits for the next run), and so is one that would
    touch a quotation (`quoted`: the spans of the document's quotations, marks included): a fix
    never changes the words inside quotation marks."""
    inside = _Spans(quoted)
    out: list[Edit] = []
    candidates = sorted((f.start, f.end, f) for f in findings if f.rule in fixers)
    last_end = -1
    for start, end, f in candidates:
        if start >= end:
            continue
        fix = fixers[f.rule](text[start:end])
        if fix is None or not (fix.safe or unsafe) or text[start:end] == fix.replacement:
            continue
        edit: tuple[int, int, str] | None = (start, end, fix.replacement)
        if fix.replacement == "":
            edit = deletion(text, start, end)
        else:
            edit = _full_stop(text, start, end, fix.replacement)
        if edit is None or edit[0] < last_end or inside.overlaps(edit[0], edit[1]):
            continue
        out.append(Edit(*edit, f.rule))
        last_end = edit[1]
    return out


class _Spans:
    """Spans, merged and sorted, asked by bisection whether a range overlaps one."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        merged = merge_spans(spans)
        self.starts = [a for a, _ in merged]
        self.ends = [b for _, b in merged]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end) - 1  # the last span starting before `end`
        return i >= 0 and self.ends[i] > start


def apply(text: str, changes: Sequence[Edit]) -> str:
    pieces, pos = [], 0
    for e in changes:
        pieces += [text[pos:e.start], e.replacement]
        pos = e.end
    pieces.append(text[pos:])
    return "".join(pieces)


def _lines(text: str) -> list[str]:
    """Lines as patch tools count them: ended by LF only (a CR, U+2028, \\x0b, \\x0c or \\x85 is
    part of its line, which `str.splitlines` would break there)."""
    lines = text.split("\n")
    out = [line + "\n" for line in lines[:-1]]
    return out + [lines[-1]] if lines[-1] else out


def diff(path: str, before: str, after: str) -> str:
    """A unified diff that `git apply` and `patch` apply."""
    lines = difflib.unified_diff(_lines(before), _lines(after), fromfile=f"a/{path}", tofile=f"b/{path}")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
