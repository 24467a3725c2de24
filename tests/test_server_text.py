"""The language server's buffer: positions in UTF-8, UTF-16 and UTF-32 units, incremental edits,
and the missing-extra error."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from newslint.server.text import UTF8, UTF16, UTF32, Buffer, Position

TEXT = "a😀b\r\nx\u2028y 𝔸\rlast é"


def test_positions_count_the_agreed_units() -> None:
    b = Buffer(TEXT)
    assert b.starts == [0, 5, 11]  # \u2028 does not end a line in the protocol
    assert [b.position(i) for i in range(4)] == [Position(0, 0), Position(0, 1), Position(0, 3), Position(0, 4)]
    assert b.position(TEXT.index("𝔸") + 1) == Position(1, 6)
    assert Buffer(TEXT, encoding=UTF8).position(TEXT.index("b")) == Position(0, 5)
    assert Buffer(TEXT, encoding=UTF8).position(TEXT.index("y")) == Position(1, 4)
    assert Buffer(TEXT, encoding=UTF32).position(TEXT.index("b")) == Position(0, 2)
    assert Buffer(TEXT, encoding="utf-7").encoding == UTF16


@pytest.mark.parametrize("encoding", [UTF8, UTF16, UTF32])
def test_offsets_round_trip(encoding: str) -> None:
    b = Buffer(TEXT, encoding=encoding)
    for offset in range(len(TEXT) + 1):
        if TEXT[offset - 1:offset + 1] == "\r\n":
            continue  # inside a line break: no position stands there
        assert b.offset(b.position(offset)) == offset


def test_positions_past_the_end_are_clamped() -> None:
    b = Buffer(TEXT)
    assert b.offset(Position(0, 99)) == 3  # the end of the line, before its break
    assert b.offset(Position(0, 2)) == 2  # inside a surrogate pair: after the character
    assert b.offset(Position(7, 0)) == len(TEXT)


def test_incremental_edits() -> None:
    b = Buffer("one 😀 two\nthree\n", version=1)
    b.edit(Position(0, 4), Position(0, 6), "🎉🎉", 2)
    assert b.text == "one 🎉🎉 two\nthree\n" and b.version == 2
    b.edit(Position(0, 12), Position(1, 5), "", 3)
    assert b.text == "one 🎉🎉 two\n" and b.starts == [0, 11]
    b.edit(Position(2, 0), Position(2, 0), "end", 4)
    assert b.text == "one 🎉🎉 two\nend"


def test_server_without_the_extra_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from newslint.cli import main

    monkeypatch.setitem(sys.modules, "pygls", None)
    monkeypatch.setitem(sys.modules, "pygls.lsp.server", None)
    result = CliRunner().invoke(main, ["server"])
    assert result.exit_code == 2
    assert "newslint[server]" in result.output and "pygls" in result.output
