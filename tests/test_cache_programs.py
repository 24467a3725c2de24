"""Stored regular-expression programs: the same pattern objects as `re.compile`, read back in a later
run, and never trusted when corrupt, foreign or writable by others."""
from __future__ import annotations

import marshal
import os
import re
import sys
from pathlib import Path

import pytest

from newslint.cache import programs as recache

pytestmark = pytest.mark.skipif(sys.version_info < (3, 11), reason="programs are stored from Python 3.11 on")

PATTERNS = [
    (r"\w+", 0),
    (r"(?<![\w\-])(?:brutal(?:ly)?|heinous)(?![\w]|-\w)", re.IGNORECASE),
    (r"^(?P<label>Sources?|References):\s*$", re.MULTILINE | re.IGNORECASE),
    (r"(?i)stra(?:ß|ss)e", 0),
    (r"[\"“](?P<q>[^\"”]{1,400})[\"”]", 0),
    (r"(a)|(b)(?P<c>c)?", re.MULTILINE),
    (r"\bİstanbul\b", re.IGNORECASE),
]


@pytest.fixture(autouse=True)
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("NEWSLINT_NO_CACHE", raising=False)
    recache.reset()
    yield Path(recache._path())
    recache.reset()


def _next_run() -> None:
    """What a new process sees: the programs written by the one before, nothing in memory."""
    recache.save()
    recache.reset()


@pytest.mark.parametrize("pattern,flags", PATTERNS)
def test_the_same_pattern_object_as_re_compile(pattern: str, flags: int) -> None:
    first = recache.compile(pattern, flags)
    _next_run()
    again = recache.compile(pattern, flags)
    expected = re.compile(pattern, flags)
    for compiled in (first, again):
        assert compiled == expected  # pattern, flags and program
        assert (compiled.flags, compiled.groups, compiled.groupindex) == \
            (expected.flags, expected.groups, expected.groupindex)


def test_a_later_run_builds_from_the_stored_program(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    recache.compile(*PATTERNS[1])
    _next_run()
    assert store.is_file()
    monkeypatch.setattr(recache, "_program", lambda *a: pytest.fail("compiled again"))
    compiled = recache.compile(*PATTERNS[1])
    assert [m.group(0) for m in compiled.finditer("Brutally, the heinous brutal-ish act.")] == ["Brutally", "heinous"]


def test_matches_are_those_of_re(store: Path) -> None:
    text = "Sources:\nThe “brutal” raid in İstanbul and Strasse, said (b)c.\n" * 3
    for pattern, flags in PATTERNS:
        recache.compile(pattern, flags)
    _next_run()
    for pattern, flags in PATTERNS:
        got = [(m.span(), m.groups()) for m in recache.compile(pattern, flags).finditer(text)]
        assert got == [(m.span(), m.groups()) for m in re.compile(pattern, flags).finditer(text)]


def test_an_invalid_pattern_raises_as_re_does() -> None:
    with pytest.raises(re.error):
        recache.compile("(unclosed", 0)


def test_bytes_patterns_go_to_re() -> None:
    assert recache.compile(b"[\x80-\xff]") == re.compile(b"[\x80-\xff]")


@pytest.mark.parametrize("content", [b"", b"garbage", marshal.dumps(None), marshal.dumps((1, 2)),
                                     marshal.dumps(((0,), {("x", 0): "not a program"}))])
def test_a_corrupt_store_is_ignored(store: Path, content: bytes) -> None:
    store.parent.mkdir(parents=True, exist_ok=True)
    store.write_bytes(content)
    os.chmod(store, 0o600)
    assert recache.compile(r"\w+") == re.compile(r"\w+")


def test_a_program_the_engine_refuses_is_compiled_again(store: Path) -> None:
    recache.compile(r"\w+x")
    _next_run()
    identity, programs = marshal.loads(store.read_bytes())
    flags, code, groups, groupindex, indexgroup = programs[(r"\w+x", 0)]
    programs[(r"\w+x", 0)] = (flags, b"\xff\xff\xff\x7f" + code[4:], groups, groupindex, indexgroup)  # no such opcode
    store.write_bytes(marshal.dumps((identity, programs)))
    assert recache.compile(r"\w+x") == re.compile(r"\w+x")


def test_another_python_does_not_read_the_store(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    recache.compile(r"\w+y")
    _next_run()
    monkeypatch.setattr(recache, "_identity", lambda: ("another", "python"))
    recache.compile(r"\w+y")
    assert recache._added == 1  # compiled again, not read


def test_a_store_others_may_write_is_not_read(store: Path) -> None:
    recache.compile(r"\w+z")
    _next_run()
    os.chmod(store, 0o646)
    recache.compile(r"\w+z")
    assert recache._added == 1


def test_nothing_is_stored_when_the_cache_is_off(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSLINT_NO_CACHE", "1")
    assert recache.compile(r"\w+q") == re.compile(r"\w+q")
    assert not recache.save()
    assert not store.exists()


def test_the_store_is_bounded(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(recache, "MAX_PROGRAMS", 3)
    for i in range(3):
        recache.compile(f"a{i}")
    _next_run()
    for i in range(3, 5):
        recache.compile(f"a{i}")
    _next_run()
    _, programs = marshal.loads(store.read_bytes())
    assert sorted(p for p, _ in programs) == ["a3", "a4"]
