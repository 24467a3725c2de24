"""benchmarks/catalogue.py on a small catalogue written for this test: it reads the numbered Flag and
Pass examples of each section, and counts what the default rules report on each."""
from __future__ import annotations

import pytest

from conftest import load_benchmark

CATALOGUE = """# A catalogue

## 2. Loaded adjectives — `LoadedAdjectives`

**Flag.**
1. The brutal attack left the village in ruins.
2. (Lede, 9 words) The heroic crew saved the boat on Monday.
3. The council met on Monday.

**Pass.**
1. The attack destroyed 30 homes, the district chief said.
2. Forecasters issued an Extreme Heat Warning for the valley.  *(official warning name)*

**Sources.** Not an example:
1. Not a sentence to lint either.

## 4. Dangling sources — `DanglingSources`

**Flag.**
1. According to media reports, the minister will resign this week.
"""


@pytest.fixture(scope="module")
def catalogue():
    return load_benchmark("catalogue")


def test_examples_are_read_by_section_without_notes_or_settings(catalogue):
    found = catalogue.examples(CATALOGUE)
    assert [(e.section, e.flag, e.text) for e in found] == [
        ("2 Loaded adjectives", True, "The brutal attack left the village in ruins."),
        ("2 Loaded adjectives", True, "The heroic crew saved the boat on Monday."),
        ("2 Loaded adjectives", True, "The council met on Monday."),
        ("2 Loaded adjectives", False, "The attack destroyed 30 homes, the district chief said."),
        ("2 Loaded adjectives", False, "Forecasters issued an Extreme Heat Warning for the valley."),
        ("4 Dangling sources", True, "According to media reports, the minister will resign this week."),
    ]


def test_the_command_counts_hits_and_names_every_miss(catalogue, tmp_path, capsys):
    path = tmp_path / "catalogue.md"
    path.write_text(CATALOGUE, encoding="utf-8")
    assert catalogue.main([str(path)]) == 0
    out = capsys.readouterr().out
    assert "2 Loaded adjectives" in out and " 4 of   5" in out  # the plain sentence is the one miss
    assert "missed: The council met on Monday." in out
    assert "all" in out and " 5 of   6" in out
