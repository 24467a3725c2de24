"""Run rules over a document and return sorted findings. Never prints, never exits."""
from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Iterable, Sequence

from newslint.document import Document
from newslint.errors import NewslintError, RuleTimeout
from newslint.finding import Finding
from newslint.rulebook import Rule


class _Fields(dict):  # type: ignore[type-arg]
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def lint(doc: Document, rules: Iterable[Rule], errors: list[NewslintError] | None = None) -> list[Finding]:
    """All findings of `rules` on `doc`, deduplicated and sorted by position.

    A rule whose pattern times out on `doc` is skipped for it: a RuleTimeout is appended to
    `errors`, or raised when no list is given. The other rules still run.
    """
    seen: set[tuple[str, int, int]] = set()
    findings = []
    for rule in rules:
        try:
            hits = list(rule.check.check(doc))
        except TimeoutError:
            error = RuleTimeout(doc.path, rule.id, rule.path)
            if errors is None:
                raise error from None
            errors.append(error)
            continue
        for hit in hits:
            if doc.scope_at(hit.start) not in rule.scope or _spans_paragraphs(doc.prose, hit.start, hit.end):
                continue
            key = (rule.id, hit.start, hit.end)
            if key in seen:
                continue
            seen.add(key)
            text = doc.text[hit.start:hit.end]
            line, col = doc.position(hit.start)
            end_line, end_col = doc.position(hit.end)
            message = rule.message.format_map(_Fields(hit.fields, match=" ".join(text.split())))
            suggestions = hit.suggestions or rule.suggestions
            findings.append(Finding(doc.path, line, col, end_line, end_col, rule.id, rule.severity,
                                    message, text, tuple(suggestions)))
    findings.sort()
    return findings


_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")


def _spans_paragraphs(prose: str, start: int, end: int) -> bool:
    """Does a span hold a blank line? No finding does (a kind that meets one drops the hit)."""
    return prose.find("\n", start, end) >= 0 and _PARAGRAPH_BREAK.search(prose, start, end) is not None


def prepare(rules: Iterable[Rule]) -> None:
    """Compile what `rules` match with before documents are linted in worker processes forked from
    this one (see `patterns.prepare`)."""
    from newslint.patterns import prepare
    from newslint.rulebook import matchers

    prepare(matchers(rules))


def lint_text(text: str, path: str = "<text>", config: Sequence[Rule] | None = None) -> list[Finding]:
    """Lint a string (Markdown unless `path` ends in .txt).

    `config` is the rules to apply (e.g. `select(load_rules([...]))`); by default the built-in rules
    that are on by default, loaded once per process. Rules and findings pickle, so this maps over
    documents in worker processes (multiprocessing, dask) as well.
    """
    return lint(Document.from_text(text, path), default_rules() if config is None else config)


@functools.lru_cache(maxsize=1)
def default_rules() -> tuple[Rule, ...]:
    """The built-in rules that are on by default (loaded on first use)."""
    from newslint.rulebook import load_rules, select

    return tuple(select(load_rules()))


def lint_path(path: Path, rules: Sequence[Rule], display: str | None = None) -> list[Finding]:
    """Read, decode and lint one file; an unreadable or undecodable file raises InputError."""
    return lint(Document.read(path, display), rules)


__all__ = ["lint", "lint_text", "lint_path", "NewslintError"]
