"""benchmarks/quality.py on a tiny corpus written for this test: the figures it reports are right."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import load_benchmark

@pytest.fixture(scope="module")
def quality():
    return load_benchmark("quality")


def write(tmp_path: Path, name: str, rows: list[dict]) -> Path:
    path = tmp_path / name
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_span_recall_and_precision_per_family(quality, tmp_path, rules):
    text = "The brutal raid began at dawn. A heroic effort followed. The council met on Monday."
    brutal = text.index("brutal")
    rows = [{"id": "a1", "text": text, "doc_label": None, "meta": {},
             "spans": [{"start": brutal, "end": brutal + 6, "label": "Loaded_Language"},
                       {"start": text.index("Monday"), "end": len(text) - 1, "label": "Doubt"}]}]
    report = quality.measure(quality.read_jsonl(write(tmp_path, "p.jsonl", rows)),
                             [r for r in rules if r.family == "loaded"])
    assert report["families"]["loaded"]["flags"] == 2  # brutal, heroic
    assert report["recall"]["Loaded_Language"]["found"] == 1
    assert report["recall"]["Doubt"]["found"] == 0
    assert report["precision"]["loaded"] == {"any_span": 0.5, "loaded_or_label": 0.5}


def test_sentence_precision_and_recall(quality, tmp_path, rules):
    rows = [
        {"id": "s1", "text": "The regime jailed the poet.", "spans": [], "doc_label": "Biased"},
        {"id": "s2", "text": "The poet was jailed in May.", "spans": [], "doc_label": "Biased"},
        {"id": "s3", "text": "A heroic rescue took place.", "spans": [], "doc_label": "Non-biased"},
        {"id": "s4", "text": "The bridge opened on Monday.", "spans": [], "doc_label": "Non-biased"},
    ]
    report = quality.measure(quality.read_jsonl(write(tmp_path, "b.jsonl", rows)),
                             [r for r in rules if r.family in ("loaded", "labels")])
    assert report["sentence"] == {"flagged": 2, "precision": 0.5, "recall": 0.5}
    assert report["sentence_by_family"]["labels"] == {"flagged": 1, "precision": 1.0, "recall": 0.5}
    assert "recall" not in report


def test_command_line_prints_per_family_figures(quality, tmp_path, capsys):
    rows = [{"id": "c1", "text": "Officials called it a sham. The brutal raid began.", "spans": []}]
    assert quality.main([str(write(tmp_path, "c.jsonl", rows)), "--family", "loaded"]) == 0
    out = capsys.readouterr().out
    assert "c.jsonl: 1 items" in out and "loaded" in out and "1 flags" in out


def test_halves_side_by_side(quality, tmp_path, capsys):
    ids = [f"h{i}" for i in range(40)]
    look = [i for i in ids if quality.half_of(i) == "look"]
    check = [i for i in ids if quality.half_of(i) == "check"]
    assert look and check and set(look).isdisjoint(check)
    rows = [{"id": i, "text": "The brutal raid began." if i in look else "The council met on Monday.", "spans": []}
            for i in ids]
    path = write(tmp_path, "h.jsonl", rows)
    halves = quality.measure_halves(quality.read_jsonl(path), [])
    assert halves["look"]["documents"] == len(look) and halves["check"]["documents"] == len(check)
    assert quality.main([str(path), "--family", "loaded", "--halves"]) == 0
    out = capsys.readouterr().out
    assert "figures are look / check" in out
    assert "loaded" in out and "/ -" in out  # flags on the look half only: the check column is empty
