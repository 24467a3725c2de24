"""A few hundred hostile cases from tests/fuzzing.py (benchmarks/fuzz.py --files runs a hundred thousand):
articles with suppression comments and fixes, rule files, config files and baselines."""
from __future__ import annotations

import random
from pathlib import Path

import fuzzing
import pytest


@pytest.mark.parametrize("case", [fuzzing.case_article, fuzzing.case_rule_file, fuzzing.case_config_file,
                                  fuzzing.case_baseline], ids=lambda c: c.__name__)
def test_hostile_cases(case, tmp_path: Path) -> None:
    for seed in range(80):
        folder = tmp_path / str(seed)
        folder.mkdir()
        case(random.Random(seed * 7919 + 11), folder)


def test_a_term_never_spans_a_paragraph_break_or_hidden_markup() -> None:
    rng = random.Random(5)
    for _ in range(60):
        fuzzing.case_article(rng, None)
