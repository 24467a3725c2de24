"""Baselines: record today's findings by fingerprint, then report only new ones."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Container, Mapping, Sequence

from newslint.errors import RuleError
from newslint.finding import Finding
from newslint.fingerprints import Fingerprints

VERSION = 1


def _entries(findings: Sequence[Finding], prints: Sequence[str]) -> list[dict[str, str]]:
    return [{"path": f.path, "rule": f.rule, "text": f.text, "fingerprint": fp} for f, fp in zip(findings, prints)]


def _dumps(entries: list[dict[str, str]]) -> str:
    entries.sort(key=lambda e: (e["path"], e["rule"], e["fingerprint"]))
    return json.dumps({"version": VERSION, "findings": entries}, ensure_ascii=False, indent=1) + "\n"


class Recorder:
    """A baseline gathered file by file: one small entry per finding, never the texts."""

    def __init__(self, repeated: Container[str] | None = None) -> None:
        self.prints = Fingerprints(repeated)
        self.entries: list[dict[str, str]] = []

    def add(self, findings: Sequence[Finding], text: str | None) -> None:
        self.entries.extend(_entries(findings, self.prints.of(findings, text)))

    def dumps(self) -> str:
        return _dumps(self.entries)


def load(path: Path) -> Counter[tuple[str, str]]:
    """(path, fingerprint) -> how many times it is recorded."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(str(path), f"cannot read baseline: {exc}") from None
    except json.JSONDecodeError as exc:
        raise RuleError(str(path), f"malformed baseline JSON: {exc.msg}", line=exc.lineno) from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("findings"), list):
        raise RuleError(str(path), f"not a newslint baseline (expected version {VERSION} with a findings list)")
    out: Counter[tuple[str, str]] = Counter()
    for i, entry in enumerate(data["findings"]):
        if not isinstance(entry, dict) or not isinstance(entry.get("path"), str) \
                or not isinstance(entry.get("fingerprint"), str):
            raise RuleError(str(path), "each entry needs a path and a fingerprint", key=f"findings.{i}")
        out[(entry["path"], entry["fingerprint"])] += 1
    return out


def _new(findings: Sequence[Finding], prints: Sequence[str], left: Counter[tuple[str, str]]) -> list[Finding]:
    out = []
    for f, fp in zip(findings, prints):
        if left[(f.path, fp)] > 0:
            left[(f.path, fp)] -= 1
        else:
            out.append(f)
    return out


class Filter:
    """The findings a baseline does not account for, file by file: only the text of the file at hand is needed."""

    def __init__(self, known: Mapping[tuple[str, str], int], repeated: Container[str] | None = None) -> None:
        self.left = Counter(known)
        self.prints = Fingerprints(repeated)

    def new(self, findings: Sequence[Finding], text: str | None) -> list[Finding]:
        return _new(findings, self.prints.of(findings, text), self.left)
