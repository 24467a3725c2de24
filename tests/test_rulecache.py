"""The built-in rule cache: rebuilt when stale, ignored when corrupt, never half-written."""
from __future__ import annotations

import json
import multiprocessing
import os
from pathlib import Path

import pytest

from newslint import patterns, rulecache
from newslint.document import Document
from newslint.engine import lint
from newslint.rulebook import builtin_root, load_rules

TEXT = "The brutal raid ended, sources said.\n\nExperts say it was the worst ever.\n"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("NEWSLINT_NO_CACHE", raising=False)
    monkeypatch.setattr(patterns, "_known_literals", {})
    return tmp_path / "newslint" / rulecache.FILE_NAME


def findings() -> list[tuple[str, int, int]]:
    rules = [r for r in load_rules() if r.enabled]
    return [(f.rule, f.line, f.column) for f in lint(Document.from_text(TEXT, "a.md"), rules)]


def test_a_load_writes_the_cache_and_a_cached_load_finds_the_same(cache: Path) -> None:
    expected = findings()
    assert expected and cache.is_file()
    stored = json.loads(cache.read_text(encoding="utf-8"))
    assert stored["key"] == rulecache.fingerprint(builtin_root())
    assert any(lits[0] for lits in stored["literals"].values())  # literals read once, kept
    before = cache.stat().st_mtime_ns
    assert findings() == expected
    assert cache.stat().st_mtime_ns == before  # a fresh cache is read, not rewritten


def test_a_stale_cache_is_rebuilt(cache: Path) -> None:
    expected = findings()
    stored = json.loads(cache.read_text(encoding="utf-8"))
    stale = {**stored, "key": "0" * 64, "files": {k: [{"kind": "nonsense"}, {}] for k in stored["files"]}}
    cache.write_text(json.dumps(stale), encoding="utf-8")
    assert findings() == expected  # the stale data is not used
    assert json.loads(cache.read_text(encoding="utf-8"))["key"] == stored["key"]


@pytest.mark.parametrize("content", [b"", b"{not json", b"\xff\xfe", b"[]", b'{"key": 3}', b"null"])
def test_a_corrupt_cache_is_ignored_and_replaced(cache: Path, content: bytes) -> None:
    cache.parent.mkdir(parents=True)
    cache.write_bytes(content)
    assert findings()
    assert json.loads(cache.read_text(encoding="utf-8"))["key"] == rulecache.fingerprint(builtin_root())


def test_corrupt_entries_under_the_right_key_are_ignored(cache: Path) -> None:
    findings()
    key = rulecache.fingerprint(builtin_root())
    cache.write_text(json.dumps({"key": key, "files": {"a.yaml": 5}, "literals": {}}), encoding="utf-8")
    assert rulecache.load(key) is None
    cache.write_text(json.dumps({"key": key, "files": {}, "literals": {"x": [[1], None]}}), encoding="utf-8")
    assert rulecache.load(key) is None


def test_no_cache_when_turned_off(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSLINT_NO_CACHE", "1")
    assert findings()
    assert not cache.parent.exists()


def test_an_unwritable_cache_folder_is_not_an_error(cache: Path) -> None:
    cache.parent.parent.mkdir(parents=True, exist_ok=True)
    cache.parent.write_text("a file where the folder should be", encoding="utf-8")
    assert findings()


def _write_many(folder: str, key: str, rounds: int) -> None:
    os.environ["XDG_CACHE_HOME"] = folder
    entry = rulecache.Entry(key, {f"f{i}.yaml": ({"terms": ["x" * 2000] * 50, "n": i}, {"terms": 1})
                                  for i in range(20)}, {"a": (("a",), None)})
    for _ in range(rounds):
        assert rulecache.store(entry)


def test_concurrent_writers_leave_a_whole_file(cache: Path, tmp_path: Path) -> None:
    key = "k" * 64
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_write_many, args=(str(tmp_path), key, 20)) for _ in range(3)]
    for p in procs:
        p.start()
    while any(p.is_alive() for p in procs):
        if cache.exists():
            entry = rulecache.load(key)  # never a half-written file
            assert entry is not None and len(entry.files) == 20
    for p in procs:
        p.join()
        assert p.exitcode == 0
    assert rulecache.load(key) is not None
    assert not [p for p in cache.parent.iterdir() if p.name != rulecache.FILE_NAME]  # no temporary files left
