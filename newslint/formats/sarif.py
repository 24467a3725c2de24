"""SARIF 2.1.0: rule metadata, results with 1-based code-point regions and stable fingerprints."""
from __future__ import annotations

import json
from pathlib import PurePath

from newslint import __version__
from newslint.finding import Severity
from newslint.fingerprints import fingerprints
from newslint.formats import Report, RuleInfo

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.SUGGESTION: "note"}
LABEL_LEVELS = {s.label: LEVELS[s] for s in Severity}


def _uri(path: str) -> str:
    return PurePath(path).as_posix() if path not in ("-", "<stdin>") else "stdin"


def _rule(info: RuleInfo) -> dict[str, object]:
    short = info.description.strip().splitlines()[0] if info.description.strip() else info.id
    full = " ".join(info.description.split()) or short
    help_text = " ".join(info.rationale.split()) or full
    return {"id": info.id, "name": info.id, "shortDescription": {"text": short},
            "fullDescription": {"text": full}, "help": {"text": help_text},
            "defaultConfiguration": {"level": LABEL_LEVELS.get(info.severity, "warning")}}


def render(report: Report) -> str:
    ids = sorted(set(report.rules) | {f.rule for f in report.findings})
    index = {rule_id: i for i, rule_id in enumerate(ids)}
    rules = [_rule(report.rules.get(r) or RuleInfo(r, "warning")) for r in ids]
    results = []
    for f, fp in zip(report.findings, fingerprints(report.findings, report.sources)):
        message = f.message + (f" Suggestion: {' | '.join(f.suggestions)}." if f.suggestions else "")
        region: dict[str, object] = {"startLine": f.line, "startColumn": f.column,
                                     "endLine": f.end_line, "endColumn": f.end_column}
        if f.text:
            region["snippet"] = {"text": f.text}
        results.append({
            "ruleId": f.rule, "ruleIndex": index[f.rule], "level": LEVELS[f.severity],
            "message": {"text": message},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(f.path)}, "region": region}}],
            "partialFingerprints": {"newslintFingerprint/v1": fp},
        })
    log = {
        "$schema": SCHEMA, "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "newslint", "version": __version__, "semanticVersion": __version__,
                                "informationUri": "https://github.com/newslint/newslint", "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "artifacts": [{"location": {"uri": _uri(p)}} for p in report.paths],
            "results": results,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=1) + "\n"
