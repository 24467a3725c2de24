"""SARIF 2.1.0: rule metadata, results with 1-based code-point regions and stable fingerprints.

File locations are relative to `%SRCROOT%` (the folder newslint ran in, given in the run's
`originalUriBaseIds`), as code scanning expects; files that could not be linted are reported as
`toolExecutionNotifications` of the run's invocation."""
from __future__ import annotations

import json
import os
from pathlib import Path, PurePath
from typing import Any, Mapping, Sequence
from urllib.parse import quote

from newslint import __version__, formats
from newslint.finding import Finding, Severity
from newslint.fingerprints import Fingerprints
from newslint.formats import RuleInfo, Spool, json_

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.SUGGESTION: "note"}
LABEL_LEVELS = {s.label: LEVELS[s] for s in Severity}


ROOT_ID = "%SRCROOT%"


def location(path: str, root: str) -> dict[str, str]:
    """An artifactLocation: relative to %SRCROOT% when the file lies under it, else an absolute file URI."""
    if path in ("-", "<stdin>"):
        return {"uri": "stdin"}
    full = os.path.abspath(path)
    if full == root or full.startswith(root.rstrip(os.sep) + os.sep):
        return {"uri": quote(PurePath(os.path.relpath(full, root)).as_posix()), "uriBaseId": ROOT_ID}
    return {"uri": Path(full).as_uri()}


def _rule(info: RuleInfo) -> dict[str, object]:
    short = info.description.strip().splitlines()[0] if info.description.strip() else info.id
    full = " ".join(info.description.split()) or short
    help_text = " ".join(info.rationale.split()) or full
    markdown = f"**{info.id}**: {full}\n\n{help_text}" + (f"\n\nMessage: {info.message}" if info.message else "")
    return {"id": info.id, "name": info.id, "shortDescription": {"text": short},
            "fullDescription": {"text": full}, "help": {"text": help_text, "markdown": markdown},
            "defaultConfiguration": {"level": LABEL_LEVELS.get(info.severity, "warning")}}


def _result(f: Finding, fingerprint: str, rule_index: object, root: str) -> dict[str, object]:
    message = f.message + (f" Suggestion: {' | '.join(f.suggestions)}." if f.suggestions else "")
    region: dict[str, object] = {"startLine": f.line, "startColumn": f.column,
                                 "endLine": f.end_line, "endColumn": f.end_column}
    if f.text:
        region["snippet"] = {"text": f.text}
    return {
        "ruleId": f.rule, "ruleIndex": rule_index, "level": LEVELS[f.severity],
        "message": {"text": message},
        "locations": [{"physicalLocation": {"artifactLocation": location(f.path, root), "region": region}}],
        "partialFingerprints": {"newslintFingerprint/v1": fingerprint},
    }


_MARK = "\x00"  # a placeholder in the document's text: for the artifacts and results, and before a rule id
_DEPTH = 4  # how deep the artifacts and the results lie in the document
_MARKED = " " * _DEPTH + json.dumps(_MARK)
_RULE_INDEX = " " * (_DEPTH + 1) + '"ruleIndex": ' + json.dumps(_MARK)[:-1]  # the line of a result's ruleIndex


class Writer(formats.Writer):
    """Results and artifacts are set aside as files are linted; the rule list comes first and gives
    each result its ruleIndex, filled in as the results are written out."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.prints = Fingerprints(self.repeated)
        self.artifacts = Spool()
        self.results = Spool()
        self.rule_ids: set[str] = set()
        self.root = os.getcwd()
        self.problems: list[str] = []

    def file(self, path: str, text: str | None, findings: Sequence[Finding]) -> None:
        self.artifacts.write(("" if self.files == 0 else ",\n") + json_.item({"location": location(path, self.root)}, _DEPTH))
        if findings:
            self.results.write(("" if self.findings == 0 else ",\n") + ",\n".join(
                json_.item(_result(f, fp, _MARK + f.rule, self.root), _DEPTH) for f, fp in zip(findings, self.prints.of(findings, text))))
        super().file(path, text, findings)
        self.rule_ids.update(f.rule for f in findings)

    def problem(self, message: str) -> None:
        self.problems.append(message)

    def _invocation(self) -> dict[str, object]:
        notes = []
        for message in self.problems:
            path, sep, _ = message.partition(": ")
            note: dict[str, object] = {"level": "error", "message": {"text": message}}
            if sep and path:
                note["locations"] = [{"physicalLocation": {"artifactLocation": location(path, self.root)}}]
            notes.append(note)
        return {"executionSuccessful": not self.problems, "toolExecutionNotifications": notes}

    def close(self, rules: Mapping[str, RuleInfo]) -> None:
        ids = sorted(set(rules) | self.rule_ids)
        index = {rule_id: i for i, rule_id in enumerate(ids)}
        log = {
            "$schema": SCHEMA, "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {"name": "newslint", "version": __version__, "semanticVersion": __version__,
                                    "rules": [_rule(rules.get(r) or RuleInfo(r, "warning")) for r in ids]}},
                "invocations": [self._invocation()],
                "originalUriBaseIds": {ROOT_ID: {"uri": Path(self.root).as_uri().rstrip("/") + "/"}},
                "columnKind": "unicodeCodePoints",
                "artifacts": [_MARK] if self.artifacts else [],
                "results": [_MARK] if self.results else [],
            }],
        }
        pieces = iter(json.dumps(log, ensure_ascii=False, indent=1).split(_MARKED))
        self.write(next(pieces))
        if self.artifacts:
            self.artifacts.drain(self.write)
            self.write(next(pieces))

        def rule_index(line: str) -> str:
            if not line.startswith(_RULE_INDEX):
                return line
            rule_id = json.loads('"' + line[len(_RULE_INDEX):line.rindex('",')] + '"')
            return f'{" " * (_DEPTH + 1)}"ruleIndex": {index[rule_id]},\n'

        if self.results:
            self.results.drain(self.write, rule_index)
            self.write(next(pieces))
        self.write("\n")
