"""Findings as LSP values: diagnostics, code actions (safe fixes, suppressions) and hover text."""
from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Sequence

from lsprotocol import types as lsp

from newslint import fixes
from newslint.finding import Severity
from newslint.readers import Format
from newslint.rulebook import Rule
from newslint.server.linting import Located, Result
from newslint.server.text import Buffer, Position
from newslint.suppressions import META_RULES

SOURCE = "newslint"
FIX_ALL = "source.fixAll.newslint"
SEVERITIES = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.SUGGESTION: lsp.DiagnosticSeverity.Information,
}


def lsp_range(buffer: Buffer, start: int, end: int) -> lsp.Range:
    a, b = buffer.position(start), buffer.position(end)
    return lsp.Range(lsp.Position(a.line, a.character), lsp.Position(b.line, b.character))


def offsets(buffer: Buffer, range_: lsp.Range) -> tuple[int, int]:
    return (buffer.offset(Position(range_.start.line, range_.start.character)),
            buffer.offset(Position(range_.end.line, range_.end.character)))


def rule_link(rule: Rule | None) -> lsp.CodeDescription | None:
    """The rule's YAML file (its description, rationale and examples), where it is on disk."""
    return _link(rule.path) if rule is not None and rule.path else None


@functools.lru_cache(maxsize=1024)
def _link(path: str) -> lsp.CodeDescription | None:
    file = Path(path)
    return lsp.CodeDescription(href=file.resolve().as_uri()) if file.is_absolute() or file.exists() else None


def diagnostic(uri: str, buffer: Buffer, item: Located, rules: Result) -> lsp.Diagnostic:
    f = item.finding
    related = [lsp.DiagnosticRelatedInformation(location=lsp.Location(uri, lsp_range(buffer, start, end)),
                                                message=f"also {rule}")
               for start, end, rule in item.related]
    return lsp.Diagnostic(
        range=lsp_range(buffer, item.start, item.end),
        message=f.message,
        severity=SEVERITIES[f.severity],
        code=f.rule,
        code_description=rule_link(rules.rules.get(f.rule)),
        source=SOURCE,
        related_information=related or None,
    )


def diagnostics(uri: str, buffer: Buffer, result: Result) -> list[lsp.Diagnostic]:
    return [diagnostic(uri, buffer, item, result) for item in result.findings]


def error_diagnostic(message: str, range_: lsp.Range | None = None) -> lsp.Diagnostic:
    """A configuration or rule error, shown where it is (or at the top of the article it stopped)."""
    return lsp.Diagnostic(range=range_ or lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)), message=message,
                          severity=lsp.DiagnosticSeverity.Error, code="newslint.error", source=SOURCE)


def _overlaps(item: Located, start: int, end: int) -> bool:
    return item.start <= end and start <= item.end


def _edit(buffer: Buffer, change: fixes.Edit) -> lsp.TextEdit:
    return lsp.TextEdit(range=lsp_range(buffer, change.start, change.end), new_text=change.replacement)


def _text_edits(buffer: Buffer, items: Sequence[Located], result: Result, unsafe: bool = False) -> list[lsp.TextEdit]:
    """The safe fixes of `items` (and the unsafe ones, if asked), as `newslint check --fix` picks
    them (overlapping ones wait, and none touches a quotation)."""
    bom = 1 if buffer.text.startswith("\ufeff") else 0
    changes = fixes.edits(buffer.text[bom:], [item.finding for item in items], result.fixers, result.quoted, unsafe)
    return [_edit(buffer, c._replace(start=c.start + bom, end=c.end + bom)) for c in changes]


def _eol(buffer: Buffer) -> str:
    """The buffer's line ending (that of its first line)."""
    if len(buffer.starts) < 2:
        return "\n"
    at = buffer.starts[1]
    return "\r\n" if buffer.text[at - 2:at] == "\r\n" else buffer.text[at - 1]


def workspace_edit(uri: str, buffer: Buffer, edits: list[lsp.TextEdit], versioned: bool) -> lsp.WorkspaceEdit:
    """Edits of one buffer; for a client that takes them, named with the buffer version they were
    made for, so that the editor refuses them once the user has typed since."""
    if not versioned:
        return lsp.WorkspaceEdit(changes={uri: edits})
    document = lsp.OptionalVersionedTextDocumentIdentifier(uri=uri, version=buffer.version)
    return lsp.WorkspaceEdit(document_changes=[lsp.TextDocumentEdit(text_document=document, edits=list(edits))])


# A line after which the next one starts a block: a code fence, a front matter delimiter, a setext
# heading's underline, a thematic break (text appended to it would make it text).
_CLOSES_BLOCK = re.compile(r" {0,3}(?:`{3,}.*|~{3,}.*|=+[ \t]*|(?:[-+*_][ \t]*){3,})")
_HARD_BREAK = re.compile(r"(?:\\| {2,})$")  # a backslash or two spaces ending a line: kept at its end


def suppression(buffer: Buffer, item: Located, mdx: bool = False) -> lsp.TextEdit:
    """`<!-- newslint-disable-next-line RULE -->` (in MDX `{/* ... */}`) before the finding's line:
    on a line of its own where the line starts a block, else at the end of the line before (before
    a hard break's marker), so that a paragraph stays one paragraph (a comment line would end it)."""
    rule = item.finding.rule
    line = buffer.position(item.start).line
    comment = f"{{/* newslint-disable-next-line {rule} */}}" if mdx else f"<!-- newslint-disable-next-line {rule} -->"
    above = buffer.line_text(line - 1) if line > 0 else ""
    if line == 0 or not above.strip() or above.lstrip().startswith(("#", "<!--", "{/*")) \
            or _CLOSES_BLOCK.fullmatch(above):
        current = buffer.line_text(line)
        indent = current[:len(current) - len(current.lstrip(" \t"))]
        at = buffer.starts[line] + (1 if line == 0 and buffer.text.startswith("\ufeff") else 0)
        return lsp.TextEdit(range=lsp_range(buffer, at, at), new_text=f"{indent}{comment}{_eol(buffer)}")
    brk = _HARD_BREAK.search(above)
    kept = above[:brk.start()] if brk else above
    end = buffer.starts[line - 1] + len(kept)
    space = "" if kept.endswith((" ", "\t")) else " "
    return lsp.TextEdit(range=lsp_range(buffer, end, end), new_text=f"{space}{comment}")


def code_actions(uri: str, buffer: Buffer, result: Result, range_: lsp.Range,
                 only: Sequence[str] | None = None, versioned: bool = False) -> list[lsp.CodeAction]:
    start, end = offsets(buffer, range_)
    here = [item for item in result.findings if _overlaps(item, start, end)]
    actions: list[lsp.CodeAction] = []
    for item in here:
        f = item.finding
        fixer = result.fixers.get(f.rule)
        fix = fixer(buffer.text[item.start:item.end]) if fixer is not None else None
        edits = _text_edits(buffer, [item], result, unsafe=True) if fix is not None else []
        if fix is None or not edits:
            continue
        what = f"Replace '{f.text}' with '{fix.replacement}'" if fix.replacement else f"Delete '{f.text}'"
        actions.append(lsp.CodeAction(
            title=f"{what} ({f.rule})" if fix.safe else f"{what} ({f.rule}; not a safe fix: read it first)",
            kind=lsp.CodeActionKind.QuickFix, diagnostics=[diagnostic(uri, buffer, item, result)], is_preferred=fix.safe,
            edit=workspace_edit(uri, buffer, edits, versioned)))
    every = _text_edits(buffer, result.findings, result)
    if every and (here or only):
        actions.append(lsp.CodeAction(title=f"Apply every safe newslint fix in this file ({len(every)})",
                                      kind=FIX_ALL, edit=workspace_edit(uri, buffer, every, versioned)))
    if result.format is not Format.TEXT:  # in plain text a comment would be words of the article
        done: set[tuple[str, int]] = set()
        for item in here:
            rule, line = item.finding.rule, buffer.position(item.start).line
            if rule in META_RULES or (rule, line) in done:
                continue
            done.add((rule, line))
            actions.append(lsp.CodeAction(
                title=f"Suppress {rule} on this line", kind=lsp.CodeActionKind.QuickFix,
                diagnostics=[diagnostic(uri, buffer, item, result)],
                edit=workspace_edit(uri, buffer, [suppression(buffer, item, result.format is Format.MDX)], versioned)))
    if only:
        actions = [a for a in actions if any(a.kind == k or str(a.kind).startswith(k + ".") for k in only)]
    return actions


def hover(buffer: Buffer, result: Result, position: lsp.Position) -> lsp.Hover | None:
    at = buffer.offset(Position(position.line, position.character))
    here = [item for item in result.findings if item.start <= at < item.end or item.start == at == item.end]
    if not here:
        return None
    parts = []
    for item in here:
        f = item.finding
        rule = result.rules.get(f.rule)
        text = [f"**{f.rule}** ({f.severity.label}): {f.message}"]
        if f.suggestions:
            text.append("Suggestion: " + ", ".join(f"*{s}*" for s in f.suggestions))
        if rule is not None and rule.description.strip():
            text.append(rule.description.strip())
        if rule is not None and rule.rationale.strip():
            text.append("Why: " + rule.rationale.strip())
        if rule is None and f.rule in META_RULES:
            text.append(META_RULES[f.rule])
        if item.related:
            text.append("Also flagged here: " + ", ".join(sorted({r for _, _, r in item.related})))
        parts.append("\n\n".join(text))
    first = min(here)
    return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)),
                     range=lsp_range(buffer, first.start, first.end))
