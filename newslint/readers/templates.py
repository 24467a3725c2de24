"""Find what is not prose in Markdown and MDX: Liquid/Hugo template tags, MDX's ESM lines, JSX tags
and {expressions}. Each finder returns spans of the file's text to mask (offsets kept).
"""
from __future__ import annotations

import bisect
import re

from newslint.cache import programs

Span = tuple[int, int]

# Liquid ({% ... %}, {{ ... }}) and Hugo ({{< ... >}}, {{% ... %}}) tags; a tag ends at its closer or
# the end of the text (an unclosed tag is not prose either).
_TEMPLATE_TAG = programs.compile(r"\{%.*?(?:%\}|\Z)|\{\{.*?(?:\}\}|\Z)", re.DOTALL)
# A Liquid comment or raw block: the words between the tags are not the article's either.
_LIQUID_COMMENT = programs.compile(r"\{%-?\s*comment\s*-?%\}.*?(?:\{%-?\s*endcomment\s*-?%\}|\Z)", re.DOTALL)
# Code is never read as markup: its braces and angle brackets are left to the Markdown masking.
_CODE = programs.compile(r"^[ \t]{0,3}(```+|~~~+).*?(?:^[ \t]{0,3}\1[ \t]*$|\Z)|(`+)[^`\n]+?\2", re.MULTILINE | re.DOTALL)
# MDX: an `import` / `export` statement at the start of a line runs to the next blank line.
_ESM = programs.compile(r"^(?:import|export)\b.*?(?=\n[ \t]*\n|\Z)", re.MULTILINE | re.DOTALL)
# A JSX tag: <Name ...>, </Name>, <Name ... />, <>, </>; attributes may hold {expressions} and
# quoted strings, and may span lines.
_JSX_OPEN = programs.compile(r"</?(?:[A-Za-z][\w.:-]*)?(?=[\s/>{])")


def template_spans(text: str) -> list[Span]:
    """Liquid/Hugo tags and Liquid comment blocks, outside code."""
    if "{%" not in text and "{{" not in text:
        return []
    code = _code_spans(text)
    spans = [m.span() for m in _LIQUID_COMMENT.finditer(text)]
    spans += [m.span() for m in _TEMPLATE_TAG.finditer(text)]
    return [s for s in spans if not _inside(s[0], code)]  # (code spans are sorted and disjoint)


def mdx_spans(text: str) -> list[Span]:
    """MDX's ESM statements, JSX tags and {expressions}, outside code."""
    code = _code_spans(text)
    spans: list[Span] = [m.span() for m in _ESM.finditer(text) if not _inside(m.start(), code)]
    taken = sorted(code + spans)
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch not in "<{":
            nxt = _next_special(text, i + 1)
            i = nxt
            continue
        inside = _inside(i, taken)
        if inside:
            i = inside
            continue
        if ch == "{":
            end = _balanced(text, i)
            spans.append((i, end))
            i = end
            continue
        m = _JSX_OPEN.match(text, i)
        if m is None or text.startswith("<!--", i):
            i += 1
            continue
        end = _tag_end(text, m.end())
        spans.append((i, end))
        i = end
    return spans


def _next_special(text: str, pos: int) -> int:
    a, b = text.find("<", pos), text.find("{", pos)
    if a < 0:
        return b if b >= 0 else len(text)
    return a if b < 0 else min(a, b)


def _balanced(text: str, start: int) -> int:
    """The end of the {expression} opening at `start` (nested braces and strings counted)."""
    depth = 0
    i = start
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in "\"'`":
            close = text.find(ch, i + 1)
            if close < 0:
                return n
            i = close + 1
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return n


def _tag_end(text: str, pos: int) -> int:
    """The end of a JSX tag whose name ends at `pos`: past its `>`, skipping strings and {...}."""
    i = pos
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == ">":
            return i + 1
        if ch == "{":
            i = _balanced(text, i)
            continue
        if ch in "\"'":
            close = text.find(ch, i + 1)
            i = n if close < 0 else close + 1
            continue
        i += 1
    return n


def _code_spans(text: str) -> list[Span]:
    if "`" not in text and "~~~" not in text:
        return []
    return [m.span() for m in _CODE.finditer(text)]


def _inside(offset: int, spans: list[Span]) -> int:
    """The end of the span (of sorted, non-overlapping `spans`) holding `offset`, or 0 when none does."""
    i = bisect.bisect_right(spans, (offset, _FAR)) - 1
    return spans[i][1] if i >= 0 and spans[i][0] <= offset < spans[i][1] else 0


_FAR = 1 << 62
