"""benchmarks/stages.py on a few articles written for this test: each stage of a warm pass gets a
share of its CPU time, and the stages add up to the whole pass."""
from __future__ import annotations

import json
from pathlib import Path

from conftest import load_benchmark
from newslint.matching import state

ARTICLES = [
    "The council voted on Tuesday to close the library.\n\nResidents said the decision was a brutal blow.",
    "Critics say the plan is the worst in history.\n\nThe mayor, who took office in May, declined to comment.",
    "Flooding closed two roads near the river on Monday, the county said.",
]


def test_texts_of_a_folder_and_of_jsonl(tmp_path: Path) -> None:
    stages = load_benchmark("stages")
    folder = tmp_path / "drafts"
    folder.mkdir()
    for i, text in enumerate(ARTICLES):
        (folder / f"{i}.txt").write_text(text, encoding="utf-8")
    (folder / "notes.csv").write_text("not an article", encoding="utf-8")
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join(json.dumps({"text": t}) for t in ARTICLES) + "\n\n", encoding="utf-8")
    assert stages.texts_of(folder) == ARTICLES
    assert stages.texts_of(corpus) == ARTICLES


def test_the_stages_add_up_to_the_pass() -> None:
    stages = load_benchmark("stages")
    with state.fresh():  # (a pass counts its documents in the process's matching state)
        figures = stages.split(ARTICLES * 3, repeat=1)
    assert list(figures) == [*stages.STAGES, "pass"]
    assert all(seconds >= 0 for seconds in figures.values())
    assert figures["pass"] > 0
    # Each stage is the pass up to it less the pass up to the one before: they sum to the whole pass
    # (less what a stage that came out below zero, by the timer's noise, was counted as: nothing).
    assert sum(figures[name] for name in stages.STAGES) >= figures["pass"] - 1e-9
