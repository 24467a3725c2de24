"""Inline suppressions in comments: `<!-- newslint-disable RULE -->` (in MDX `{/* newslint-disable RULE */}`),
`-enable`, `-disable-next-line`, `-disable-file`.

A directive names rule ids or families (comma or space separated; none means every rule). A directive
naming an unknown rule, or one that suppressed nothing, is itself reported, like an unused `noqa`.
"""
from __future__ import annotations

import bisect
import re
from typing import Collection, Sequence

from newslint.cache import programs
from newslint.finding import Finding, Severity, family_of
from newslint.document.positions import line_starts

UNKNOWN_RULE = "newslint.unknown-rule"
UNUSED = "newslint.unused-suppression"
META_RULES = {
    UNKNOWN_RULE: "A suppression comment names a rule or family that does not exist.",
    UNUSED: "A suppression comment that suppressed nothing: remove it, or fix the rule name.",
}
# An HTML comment, or (MDX, where HTML comments are not allowed) a JSX comment: {/* newslint-disable x */}
_DIRECTIVE = programs.compile(
    r"(?:<!--|\{/\*)\s*newslint-(disable-next-line|disable-file|disable|enable)\b(?P<names>[^>*]*?)\s*(?:-->|\*/\})")
_NAME = programs.compile(r"[\w.-]+")


class Directive:
    """One suppression comment, where it stands and the lines it covers."""

    __slots__ = ("action", "names", "start", "end", "line", "column", "first_line", "last_line", "used", "unknown")

    def __init__(self, action: str, names: tuple[str, ...], start: int, end: int, line: int, column: int) -> None:
        self.action = action
        self.names = names
        self.start = start
        self.end = end
        self.line = line
        self.column = column
        self.first_line = 0  # lines this directive covers, inclusive (0 = to the end)
        self.last_line = 0
        self.used = False
        self.unknown: tuple[str, ...] = ()

    def covers(self, rule: str) -> bool:
        family = family_of(rule)
        return not self.names or rule in self.names or family in self.names


def parse(text: str) -> list[Directive]:
    """Every directive in `text`, with the lines each one covers."""
    if "newslint-" not in text:  # (every directive names itself so; most texts have none)
        return []
    starts = line_starts(text)
    total = len(starts)

    def line_of(offset: int) -> int:
        return bisect.bisect_right(starts, offset)

    out: list[Directive] = []
    open_regions: dict[str, list[Directive]] = {}  # a name, or "" for every rule -> regions it opened
    for m in _DIRECTIVE.finditer(text):
        action, names = m.group(1), tuple(_NAME.findall(m.group("names")))
        line = line_of(m.start())
        d = Directive(action, names, m.start(), m.end(), line, m.start() - starts[line - 1] + 1)
        if action == "disable-next-line":
            d.first_line = d.last_line = line_of(m.end()) + 1
        elif action == "disable-file":
            d.first_line, d.last_line = 1, total
        elif action == "disable":
            d.first_line, d.last_line = line, total
            for key in names or ("",):
                open_regions.setdefault(key, []).append(d)
        else:  # enable: closes the matching open regions (all of them when it names none)
            keys = list(open_regions) if not names else [*names, ""]
            for key in keys:
                for region in open_regions.pop(key, ()):
                    if region.last_line == total and region.first_line <= line:  # (closed once)
                        region.last_line = line
            continue
        out.append(d)
    return out


def apply(findings: Sequence[Finding], text: str, path: str, known: Collection[str],
          active: Collection[str]) -> list[Finding]:
    """Drop suppressed findings; add findings for unknown rule names and unused directives.

    `known` holds every rule id and family that exists; `active` the ids that ran on this file, so a
    directive for a rule that was not run is not called unused. The cost grows with the number of
    findings plus directives (each looked up by bisection), never with their product.
    """
    directives = parse(text)
    if not directives:
        return list(findings)
    regions: dict[str, list[tuple[int, int]]] = {}  # a rule, a family or "" (every rule) -> lines covered
    for d in directives:
        for key in d.names or ("",):
            regions.setdefault(key, []).append((d.first_line, d.last_line))
    covered = {key: _Lines(spans) for key, spans in regions.items()}
    lines: dict[str, list[int]] = {}  # a rule, a family and "" -> the lines of findings they cover
    kept = []
    for f in findings:
        keys = ("", f.rule, f.family)
        for key in keys:
            lines.setdefault(key, []).append(f.line)
        if not any(key in covered and covered[key].holds(f.line) for key in keys):
            kept.append(f)
    for found in lines.values():
        found.sort()
    for d in directives:  # used: it covers the line of a finding it names
        d.used = any(_any_between(lines.get(key, []), d.first_line, d.last_line) for key in d.names or ("",))
    active_families = {family_of(r) for r in active}
    for d in directives:
        unknown = [n for n in d.names if n not in known and not n.startswith("newslint.")]
        for name in unknown:
            kept.append(_meta(d, path, text, UNKNOWN_RULE, f"unknown rule or family {name!r} in a suppression comment"))
        relevant = not d.names or any(n in active or n in active_families for n in d.names)
        if not d.used and not unknown and relevant:
            what = ", ".join(d.names) or "all rules"
            kept.append(_meta(d, path, text, UNUSED, f"this newslint-{d.action} ({what}) suppressed nothing"))
    return sorted(kept)


class _Lines:
    """A union of inclusive line ranges, asked by bisection whether it holds a line."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for first, last in sorted(spans):
            if merged and first <= merged[-1][1] + 1:
                merged[-1][1] = max(merged[-1][1], last)
            else:
                merged.append([first, last])
        self.firsts = [m[0] for m in merged]
        self.lasts = [m[1] for m in merged]

    def holds(self, line: int) -> bool:
        i = bisect.bisect_right(self.firsts, line) - 1
        return i >= 0 and line <= self.lasts[i]


def _any_between(lines: list[int], first: int, last: int) -> bool:
    i = bisect.bisect_left(lines, first)
    return i < len(lines) and lines[i] <= last


def _meta(d: Directive, path: str, text: str, rule: str, message: str) -> Finding:
    """A finding on a directive: its first line (a comment may run over several)."""
    comment = re.split(r"\r|\n", text[d.start:d.end], maxsplit=1)[0]
    return Finding(path, d.line, d.column, d.line, d.column + len(comment), d.start, d.start + len(comment), rule,
                   Severity.WARNING, message, comment)
