"""Baselines: record today's findings by fingerprint, then report only new ones."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Mapping, Sequence

from newslint.errors import RuleError
from newslint.finding import Finding
from newslint.fingerprints import fingerprints

VERSION = 1


def dumps(findings: Sequence[Finding], sources: Mapping[str, str]) -> str:
    entries = [{"path": f.path, "rule": f.rule, "text": f.text, "fingerprint": fp}
               for f, fp in zip(findings, fingerprints(findings, sources))]
    entries.sort(key=lambda e: (e["path"], e["rule"], e["fingerprint"]))
    return json.dumps({"version": VERSION, "findings": entries}, ensure_ascii=False, indent=1) + "\n"


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


def new_findings(findings: Sequence[Finding], sources: Mapping[str, str],
                 known: Counter[tuple[str, str]]) -> list[Finding]:
    """The findings that the baseline does not account for."""
    left = Counter(known)
    out = []
    for f, fp in zip(findings, fingerprints(findings, sources)):
        if left[(f.path, fp)] > 0:
            left[(f.path, fp)] -= 1
        else:
            out.append(f)
    return out
