"""Editors' test sentences: every numbered **Flag.** and **Pass.** example of a rule catalogue in
Markdown (such as the reference catalogue beside the repository, `../shared/RULES-CATALOGUE.md`),
each linted on its own as a one-paragraph story with the default rules.

A Flag example counts when newslint reports anything on it, a Pass example when it reports nothing;
the figures are printed per section of the catalogue, with every miss and every false alarm:

    python3 benchmarks/catalogue.py ../shared/RULES-CATALOGUE.md [--section 4] [--quiet]

Examples are read from a numbered list ("1. The brutal attack ...") under a line that is just
**Flag.** or **Pass.** (or **Do not flag.**), inside a "## N. Title" section; a trailing note in
italic parentheses ("*(proper name)*") and a leading one saying where the sentence stands ("(Lede,
39 words)") are not part of the sentence.

Uses the library (`newslint.engine.lint_text`); nothing is shelled out.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newslint.engine import lint_text  # noqa: E402

_SECTION = re.compile(r"^## (\d+)\.\s+(.*)")
_MODE = re.compile(r"^\*\*(Flag|Pass|Do not flag)(?: \([^)]*\))?\.?\*\*\s*$")  # "**Flag (family 19).**" too
_ITEM = re.compile(r"^\s*\d+\.\s+(.*)")
_NOTE = re.compile(r"\s*\*\([^)]*\)\*\s*$")
_SETTING = re.compile(r"^\([^)]*\)\s+")  # "(Lede, 39 words) The ...": where the sentence stands


class Example(NamedTuple):
    section: str  # "4 Dangling source lists"
    flag: bool  # True: must be flagged; False: must pass
    text: str


def examples(markdown: str) -> list[Example]:
    """The numbered Flag and Pass examples of each section, in order."""
    out: list[Example] = []
    section = ""
    mode: bool | None = None
    for line in markdown.splitlines():
        head = _SECTION.match(line)
        if head:
            section, mode = f"{head.group(1)} {head.group(2).split('—')[0].strip()}", None
            continue
        marker = _MODE.match(line.strip())
        if marker:
            mode = marker.group(1) == "Flag"
            continue
        item = _ITEM.match(line)
        if mode is not None and item:
            out.append(Example(section, mode, _SETTING.sub("", _NOTE.sub("", item.group(1))).strip()))
        elif mode is not None and line.strip() and not line.startswith(" "):
            mode = None  # the list has ended
    return out


def run(found: list[Example]) -> dict[str, list[tuple[Example, list[str]]]]:
    """Each example with what newslint reports on it (rule and words), by section."""
    by_section: dict[str, list[tuple[Example, list[str]]]] = {}
    for example in found:
        findings = lint_text(example.text + "\n", "example.md")
        by_section.setdefault(example.section, []).append(
            (example, [f"{f.rule}: {f.text!r}" for f in findings]))
    return by_section


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("catalogue", type=Path)
    parser.add_argument("--section", help="only the sections whose number is given (comma-separated)")
    parser.add_argument("--quiet", action="store_true", help="figures only, not the misses")
    args = parser.parse_args(argv)
    found = examples(args.catalogue.read_text(encoding="utf-8"))
    if args.section:
        wanted = set(args.section.split(","))
        found = [e for e in found if e.section.split()[0] in wanted]
    total = right = 0
    for section, results in run(found).items():
        ok = [bool(reported) == example.flag for example, reported in results]
        total += len(ok)
        right += sum(ok)
        print(f"{section:45} {sum(ok):3} of {len(ok):3}")
        if not args.quiet:
            for (example, reported), good in zip(results, ok):
                if not good:
                    what = "missed" if example.flag else "flagged"
                    print(f"    {what}: {example.text}" + (f"\n        {'; '.join(reported)}" if reported else ""))
    print(f"{'all':45} {right:3} of {total:3}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
