"""Findings on a fixed set of articles must equal the recorded expectation, exactly.

The articles in tests/data/articles/ were written for this test. When a rule change alters the
findings on purpose, re-record and review the diff of tests/data/expected-findings.json:

    python3 tests/test_regression.py --update
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
ARTICLES = DATA / "articles"
EXPECTED = DATA / "expected-findings.json"


def current_findings() -> dict[str, list[dict[str, object]]]:
    """Findings of the default rules on every article, keyed by file name."""
    from newslint.engine import run_rules as lint
    from newslint.document import Document
    from newslint.rulebook import load_rules, select

    rules = select(load_rules())
    out: dict[str, list[dict[str, object]]] = {}
    for path in sorted(ARTICLES.iterdir()):
        out[path.name] = [f.to_dict() for f in lint(Document.read(path, path.name), rules)]
    return out


def test_articles_exist() -> None:
    assert len(list(ARTICLES.iterdir())) >= 5


def test_findings_match_recording() -> None:
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    actual = current_findings()
    assert sorted(actual) == sorted(expected), "articles added or removed: re-record with --update"
    for name in expected:
        assert actual[name] == expected[name], f"findings on {name} changed (re-record with --update if intended)"


def _update() -> None:
    findings = current_findings()
    EXPECTED.write_text(json.dumps(findings, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    total = sum(len(v) for v in findings.values())
    print(f"recorded {total} findings on {len(findings)} articles in {EXPECTED}")


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit("usage: python3 tests/test_regression.py --update")
    sys.path.insert(0, str(DATA.parent.parent))
    _update()
