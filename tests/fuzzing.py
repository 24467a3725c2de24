"""Random hostile inputs and the checks every one must pass, shared by tests/test_fuzz_files.py (a
few hundred cases) and benchmarks/fuzz.py (a hundred thousand).

Each `case_*` function takes a `random.Random` and a scratch folder and raises AssertionError (or any
other exception) on a failure:

- articles with suppression comments, linted through suppressions: every finding lies inside the
  file, its `text` equals the source at its position, its span holds no blank line, and the safe
  fixes change the text only inside the spans they edit, never inside quotation marks;
- rule files: loading gives rules or a RuleError naming the file, never another exception, and a
  loaded rule lints and formats its message without one;
- config files (YAML and pyproject.toml) and baselines: a config or baseline, or a RuleError.
"""
from __future__ import annotations

import random
import re
from pathlib import Path

from conftest import line_starts
from test_fuzz import BREAKS, MARKS, MARKUP, ODD, RULES, WORDS, assert_located

from newslint import baseline, config, suppressions
from newslint.checking import fixers as rule_fixers
from newslint.document import Document
from newslint.engine import run_rules as lint
from newslint.errors import NewslintError, RuleError
from newslint.finding import Finding
from newslint.fixes import apply, edits
from newslint.rulebook import load_rules, select

KNOWN = frozenset({r.id for r in RULES} | {r.family for r in RULES})
ACTIVE = frozenset(r.id for r in RULES)
FIXERS = rule_fixers(RULES)
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")

DIRECTIVES = ["<!-- newslint-disable-next-line -->\n", "<!-- newslint-disable-next-line loaded -->\n",
              "<!-- newslint-disable loaded.adjectives -->", "<!-- newslint-enable -->", "<!-- newslint-enable loaded -->",
              "<!-- newslint-disable -->", "<!-- newslint-disable-file puffery -->", "<!-- newslint-disable nosuch -->",
              "<!--newslint-disable-next-line attribution,loaded-->", "<!-- newslint-disable-next-line", " -->"]
HOUSE_WORDS = ["passed away", "slammed", "passed", "away", "Passed\u00a0away", "passed\x0baway", "passed\n\naway"]
PIECES = [w + " " for w in WORDS] + MARKS + MARKUP + ODD + BREAKS + DIRECTIVES + HOUSE_WORDS + \
    ["passed <!-- note --> away ", "[passed](url) away ", '"We will never leave this town\n"and ', "`passed away` "]


def article(rng: random.Random, size: int = 80) -> str:
    return "".join(rng.choice(PIECES) for _ in range(rng.randint(0, size)))


def unified(text: str) -> str:
    """The text with CRLF and CR read as LF, at the same offsets."""
    return text.replace("\r\n", " \n").replace("\r", "\n")


def offsets(source: str, f: Finding, starts: list[int]) -> tuple[int, int]:
    return starts[f.line - 1] + f.column - 1, starts[f.end_line - 1] + f.end_column - 1


def check_findings(doc: Document, found: list[Finding]) -> None:
    """Every finding exact (inside the file, `text` as the source at its span) and within one paragraph."""
    assert_located(found, doc.text)
    starts = line_starts(doc.text)
    flat = unified(doc.text)
    for f in found:
        a, b = offsets(doc.text, f, starts)
        assert not _BLANK_LINE.search(flat, a, b), f"finding spans a blank line: {f}"


def check_fixes(doc: Document, found: list[Finding]) -> None:
    """The safe fixes change the text only inside the spans they edit, each edit in one paragraph,
    touching a finding of its rule, and never inside quotation marks."""
    text = doc.text
    changes = edits(text, found, FIXERS, quoted=[(q.start, q.end) for q in doc.quotations])
    fixed = apply(text, changes)
    starts = line_starts(text)
    spans = [(offsets(text, f, starts), f.rule) for f in found]
    flat = unified(text)
    pos = out = 0
    for e in changes:
        assert pos <= e.start <= e.end <= len(text), e
        assert fixed[out:out + e.start - pos] == text[pos:e.start], "text changed outside a fix"
        out += e.start - pos
        assert fixed[out:out + len(e.replacement)] == e.replacement
        out += len(e.replacement)
        pos = e.end
        assert any(rule == e.rule and a < e.end and e.start < b for (a, b), rule in spans), f"edit with no finding: {e}"
        assert not _BLANK_LINE.search(flat, e.start, e.end), f"edit spans a blank line: {e}"
        for q in doc.quotations:
            inner = (q.start + 1, q.end - 1)
            assert not (inner[0] < e.end and e.start < inner[1]), f"edit inside a quotation: {e} {q}"
    assert fixed[out:] == text[pos:], "text changed after the last fix"


def case_article(rng: random.Random, folder: Path | None = None) -> None:
    text = article(rng)
    doc = Document.from_text(text, rng.choice(["a.md", "a.txt"]))
    found = suppressions.apply(sorted(lint(doc, RULES)), doc.text, doc.path, KNOWN, ACTIVE)
    check_findings(doc, found)
    check_fixes(doc, found)


# ---------------------------------------------------------------- rule, config and baseline files

SCALARS = ["x", "brutal", "passed away", "'{match}'", "'{match'", "'{match:d}'", "'{match!x}'", "'{match:>99999999999}'",
           "'{replacement}'", "'{match.__class__}'", "'(?V1)x'", "'(a+)+$'", "'['", "'(?<=a+)b'", "'\\\\'", "9" * 5000,
           "-1", "0", "1.5", "true", "null", "~", "''", "' '", "!!python/name:os.system", "&a x", "*a", "&a [x]",
           "{a: 1}", "[x, [y]]", "[[[[[[[[[[x]]]]]]]]]]", "\"\\uD800\"", "'\u202e'", "[]", "{}", "existence",
           "substitution", "density", "metric", "quotation", "requires", "sources", "absent", "warning", "error",
           "[prose, quotation]", "{passed away: died}", "{x: [a, b]}", "{'': x}", "[existence]"]
RULE_KEYS = ["kind", "message", "terms", "patterns", "swap", "severity", "enabled", "scope", "safe", "suggestions",
             "exceptions", "description", "rationale", "tests", "lexicons", "bogus", "match_proper_names",
             "rewrite", "max", "per", "window"]
CONFIG_KEYS = ["select", "ignore", "fail_on", "severity", "per_path", "exclude", "style", "rules", "accepted",
               "article_types", "bogus"]


def yaml_mapping(rng: random.Random, keys: list[str], base: dict[str, str]) -> str:
    lines = [f"{k}: {v}" for k, v in base.items() if rng.random() < 0.8]
    for _ in range(rng.randint(0, 6)):
        lines.append(f"{rng.choice(keys)}: {rng.choice(SCALARS)}")
    rng.shuffle(lines)
    if rng.random() < 0.1:
        lines.insert(rng.randrange(len(lines) + 1), rng.choice(["  - x", "- y", ": z", "\t", "---", "...", "%YAML 1.1"]))
    return "\n".join(lines) + "\n"


def case_rule_file(rng: random.Random, folder: Path) -> None:
    base = rng.choice([{"kind": "existence", "message": "'{match}'", "terms": "[brutal, passed away]"},
                       {"kind": "substitution", "message": "'Use {replacement}'", "swap": "{passed away: died}",
                        "safe": "true"},
                       {"kind": "existence", "message": "m", "patterns": "['pass\\w+\\s+away']"}])
    root = folder / f"rules{rng.randrange(1 << 30)}"
    (root / "house").mkdir(parents=True)
    (root / "house" / "r.yaml").write_text(yaml_mapping(rng, RULE_KEYS, base), encoding="utf-8")
    if rng.random() < 0.3:
        (root / "_lexicons").mkdir()
        name = rng.choice(["attribution", "words", "loaded"])
        (root / "_lexicons" / f"{name}.yaml").write_text(
            yaml_mapping(rng, ["terms", "patterns", "description", "bogus"], {"terms": "[x]"}), encoding="utf-8")
    try:
        rules = load_rules([root])
    except RuleError as exc:
        assert str(exc).startswith(str(root)), f"error does not name the file: {exc}"
        assert len(str(exc)) < 2000, "error message too long"
        return
    doc = Document.from_text(article(rng, 30), "a.md")
    errors: list[NewslintError] = []
    found = lint(doc, select(rules, all_rules=True), errors)
    check_findings(doc, found)
    for f in found:
        assert isinstance(f.message, str)


def case_config_file(rng: random.Random, folder: Path) -> None:
    path = folder / rng.choice([".newslint.yaml", "pyproject.toml"])
    if path.suffix == ".toml":
        body = rng.choice(['tool = "newslint"\n', "[tool]\nnewslint = 1\n", "[tool.newslint]\nselect = [1]\n",
                           "[tool.newslint]\nfail_on = \"" + "x" * rng.randint(0, 9) + "\"\n", "[tool.newslint\n",
                           "[tool.newslint]\nper_path = {\"*.md\" = {select = \"loaded\"}}\n", "newslint = 1\n",
                           "[tool.newslint]\nseverity = {loaded = \"error\"}\nexclude = [\"x\"]\n"])
    else:
        body = yaml_mapping(rng, CONFIG_KEYS, {"select": "[loaded]", "fail_on": "warning"})
    path.write_text(body, encoding="utf-8")
    try:
        loaded = config.load(path)
    except RuleError as exc:
        assert str(exc).startswith(str(path)), exc
        assert len(str(exc)) < 2000
        return
    if loaded is not None:
        loaded.for_file(folder / "x.md")
        loaded.excludes(folder / "x.md")


def case_baseline(rng: random.Random, folder: Path) -> None:
    path = folder / "base.json"
    good = '{"version": 1, "findings": [{"path": "a.md", "rule": "r", "text": "t", "fingerprint": "f"}]}'
    kind = rng.random()
    if kind < 0.4:
        data = list(good)
        for _ in range(rng.randint(1, 5)):
            i = rng.randrange(len(data))
            data[i:i + rng.randint(0, 3)] = rng.choice(['[', ']', '{', '}', '"', ',', '9' * 50, 'null', '\\u0000', ''])
        body = "".join(data)
    elif kind < 0.6:
        body = rng.choice(["[", "{\"a\":"]) * rng.randint(1, 100_000)
    elif kind < 0.8:
        body = rng.choice(['{"version": ' + "9" * rng.randint(1, 6000) + "}", '{"version": 1e999, "findings": []}',
                           '{"version": 1, "findings": {}}', '{"version": 1, "findings": [1]}', "NaN", '"x"'])
    else:
        path.write_bytes(bytes(rng.randrange(256) for _ in range(rng.randint(0, 80))))
        body = None
    if body is not None:
        path.write_text(body, encoding="utf-8")
    try:
        baseline.load(path)
    except RuleError as exc:
        assert str(exc).startswith(str(path)) and len(str(exc)) < 2000, exc


CASES = [(0.55, case_article), (0.2, case_rule_file), (0.15, case_config_file), (0.1, case_baseline)]


def one(seed: int, folder: Path) -> None:
    rng = random.Random(seed)
    pick = rng.random()
    for weight, case in CASES:
        if pick < weight:
            case(rng, folder)
            return
        pick -= weight
    CASES[0][1](rng, folder)
