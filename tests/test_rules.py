"""Every rule's own cases (in its YAML), and a data check of every rule file."""
from __future__ import annotations

import pytest
import yaml

from newslint.document import Document
from newslint.checking import fixers as fixes_of
from newslint.engine import run_rules as lint
from newslint.fixes import apply, edits
from newslint.rulebook import builtin_root, load_rules, rule_files

RULES = load_rules()
FLAG = [(r, i) for r in RULES for i in range(len(r.flag_cases))]
PASS = [(r, i) for r in RULES for i in range(len(r.pass_cases))]


@pytest.mark.parametrize(("rule", "index"), FLAG, ids=[f"{r.id}-flag{i}" for r, i in FLAG])
def test_flag_case(rule, index):
    case = rule.flag_cases[index]
    found = lint(Document.from_text(case.text, "case.md"), [rule])
    assert found, f"{rule.id} did not flag: {case.text!r}"
    if case.at:
        assert [f"{f.line}:{f.column}" for f in found] == list(case.at)


FIXED = [(r, i) for r, i in FLAG if r.flag_cases[i].fixed is not None or r.flag_cases[i].unsafe_fixed is not None]


@pytest.mark.parametrize(("rule", "index"), FIXED, ids=[f"{r.id}-fixed{i}" for r, i in FIXED])
def test_fixed_case(rule, index):
    """`fixed:` is what --fix writes, `unsafe_fixed:` what --fix --unsafe-fixes writes; fixing the
    result again changes nothing."""
    case = rule.flag_cases[index]
    fixers = fixes_of([rule])
    for expected, unsafe in ((case.fixed, False), (case.unsafe_fixed, True)):
        if expected is None:
            continue
        found = lint(Document.from_text(case.text, "case.md"), [rule])
        fixed = apply(case.text, edits(case.text, found, fixers, (), unsafe))
        assert fixed == expected
        again = lint(Document.from_text(fixed, "case.md"), [rule])
        assert edits(fixed, again, fixers, (), unsafe) == [], f"{rule.id}: a second fix run would change {fixed!r}"


@pytest.mark.parametrize("rule", [r for r in RULES if fixes_of([r])], ids=lambda r: r.id)
def test_every_fixable_rule_shows_its_fix(rule):
    assert any(c.fixed is not None or c.unsafe_fixed is not None for c in rule.flag_cases), \
        f"{rule.id} can fix what it flags but no flag case says what the fix writes (fixed: or unsafe_fixed:)"


@pytest.mark.parametrize(("rule", "index"), PASS, ids=[f"{r.id}-pass{i}" for r, i in PASS])
def test_pass_case(rule, index):
    case = rule.pass_cases[index]
    found = lint(Document.from_text(case.text, "case.md"), [rule])
    assert not found, f"{rule.id} flagged {[f.text for f in found]} in: {case.text!r}"


@pytest.mark.parametrize(("rule_id", "path"), rule_files(builtin_root()), ids=lambda x: str(x))
def test_rule_file_is_tidy(rule_id, path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data.get("tests", {}).get("flag"), f"{rule_id} has no flag cases"
    assert data.get("tests", {}).get("pass"), f"{rule_id} has no pass cases"
    assert data.get("description"), f"{rule_id} has no description"
    assert data.get("rationale"), f"{rule_id} has no rationale"
    for key in ("terms", "exceptions"):
        words = data.get(key) or []
        assert words == sorted(words, key=str.lower), f"{rule_id}: {key} not sorted"
        assert len({w.lower() for w in words}) == len(words), f"{rule_id}: duplicate {key}"
    if "swap" in data:
        keys = list(data["swap"])
        assert keys == sorted(keys, key=str.lower), f"{rule_id}: swap keys not sorted"


def test_every_family_has_a_rule():
    families = {r.family for r in RULES}
    assert {"attribution", "loaded", "superlative", "sources", "filler"} <= families
