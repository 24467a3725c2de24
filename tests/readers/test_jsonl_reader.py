from __future__ import annotations

import itertools
import json
from pathlib import Path

from newslint.readers import jsonl


def archive(tmp_path: Path) -> Path:
    lines = [json.dumps({"id": "a1", "body": 'The mayor said "no" today.'}),
             "",
             json.dumps({"uuid": 7, "text": "Second\nstory."}),
             "{broken",
             json.dumps({"headline": "no body"}),
             json.dumps({"meta": {"body": "Nested."}, "id": "n1"})]
    path = tmp_path / "archive.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_records_are_named_by_id_or_line(tmp_path: Path) -> None:
    path = archive(tmp_path)
    fields = jsonl.Fields(text=("text", "body", "meta.body"))
    records = [r for s in jsonl.slices(path) for r in jsonl.read_slice(s, fields)]
    assert [(r.name.rsplit("/", 1)[-1], r.text) for r in records] == [
        ("archive.jsonl#a1", 'The mayor said "no" today.'),  # JSON's escapes decoded: the quotes are the story's
        ("archive.jsonl#7", "Second\nstory."),
        ("archive.jsonl#L4", None),
        ("archive.jsonl#L5", None),
        ("archive.jsonl#n1", "Nested."),
    ]
    assert records[2].error is not None and records[2].error.startswith("not valid JSON")
    assert records[3].error == "no text field (looked for text, body, meta.body)"


def test_slices_end_at_line_ends_and_count_lines(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    path.write_text("".join(json.dumps({"text": f"Story {i}."}) + "\n" for i in range(500)), encoding="utf-8")
    parts = list(jsonl.slices(path, size=1000))
    assert len(parts) > 5
    data = path.read_bytes()
    assert parts[0].start == 0 and parts[-1].end == len(data)
    for a, b in itertools.pairwise(parts):
        assert a.end == b.start and data[a.end - 1:a.end] == b"\n"
        assert b.line == data[:b.start].count(b"\n") + 1
    names = [r.name for s in parts for r in jsonl.read_slice(s)]
    assert names == [f"{path}#L{i}" for i in range(1, 501)]


def test_json_array_streamed(tmp_path: Path) -> None:
    path = tmp_path / "archive.json"
    path.write_text(json.dumps([{"id": i, "text": f"Story {i}."} for i in range(3)], indent=2), encoding="utf-8")
    assert [(r.name.rsplit("/", 1)[-1], r.text) for r in jsonl.read_array(path)] == [
        ("archive.json#0", "Story 0."), ("archive.json#1", "Story 1."), ("archive.json#2", "Story 2.")]
    one = tmp_path / "one.json"
    one.write_text('{"body": "Only one."}', encoding="utf-8")
    assert [(r.name, r.text) for r in jsonl.read_array(one)] == [(f"{one}#L1", "Only one.")]
    bad = tmp_path / "bad.json"
    bad.write_text('[{"text": "ok"}, {"text": ', encoding="utf-8")
    records = list(jsonl.read_array(bad))
    assert records[0].text == "ok" and records[1].text is None and "not valid JSON" in (records[1].error or "")


def test_a_text_field_holding_an_object_gives_its_rendered_text(tmp_path: Path) -> None:
    records = [{"id": 7, "title": {"rendered": "Vote"}, "content": {"rendered": "<p>The vote.</p>", "protected": False}},
               {"id": 8, "content": {"protected": True}},
               {"id": 9, "body": ["a", "list"]}]
    path = tmp_path / "export.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    got = [(r.name.rsplit("#", 1)[-1], r.text, r.error) for r in jsonl.read_array(path)]
    assert got == [
        ("7", "<p>The vote.</p>", None),  # WordPress's REST export
        ("8", None, "text field content is an object with no rendered, html, text, value or raw string in it"),
        ("9", None, "text field body is list, not a string"),
    ]

def test_a_record_nested_too_deeply_is_its_own_error(tmp_path: Path) -> None:
    """A record nested past the parser's depth is an error for that record, named by its line; the
    records before it (and, in JSON Lines, after it) are still read."""
    deep = "[" * 100_000 + "]" * 100_000
    lines = tmp_path / "deep.jsonl"
    lines.write_text(json.dumps({"text": "First."}) + "\n" + deep + "\n"
                     + '{"text": "Third.", "x": ' + deep + "}\n" + json.dumps({"text": "Fourth."}) + "\n",
                     encoding="utf-8")
    records = [r for s in jsonl.slices(lines) for r in jsonl.read_slice(s)]
    assert [(r.name, r.text) for r in records] == [
        (f"{lines}#L1", "First."), (f"{lines}#L2", None), (f"{lines}#L3", None), (f"{lines}#L4", "Fourth.")]
    assert records[1].error == records[2].error == "nested too deeply"
    array = tmp_path / "deep.json"
    array.write_text('[{"text": "First."},\n' + deep + "]", encoding="utf-8")
    records = list(jsonl.read_array(array))
    assert [(r.name, r.text, r.error) for r in records] == [
        (f"{array}#L1", "First.", None), (f"{array}#L2", None, "nested too deeply")]
