"""Compiled regular expressions kept between runs: `compile(pattern, flags)` is `re.compile`, without
parsing and compiling again a pattern an earlier run compiled.

`re` turns a pattern into a program (a list of integers) in Python code, which costs far more than
matching one article; the C engine then builds the pattern object from the program. This module
stores each program the first time it is compiled and builds the pattern object from the stored
program afterwards. The object is the one `re.compile` returns (`==` compares pattern, flags and
program); nothing else changes.

Stored with `marshal` (data only) in `$XDG_CACHE_HOME/newslint` (see `rule_cache.folder`), in a file
named for the interpreter and keyed by its exact version and the engine's magic number, so another
Python never reads it; the engine checks every program it is given. The file is read once, on the
first call, only when it is the user's own and no one else may write it; new programs are written
when the process exits, atomically. `NEWSLINT_NO_CACHE=1` turns it off, as any failure does: a
pattern is then compiled by `re`.
"""
from __future__ import annotations

import os
import re
import sys
from typing import Any

Program = tuple[int, bytes, int, dict[str, int], tuple[Any, ...]]  # _sre.compile's arguments but the first
_WORD = "I"  # an array type code of the engine's code size (_sre.CODESIZE, part of the file's identity)

FORMAT = 2
MAX_PROGRAMS = 20_000  # past this, the stored programs are replaced by those of the current process

_compile = re.compile  # what a pattern without a stored program goes to
_programs: dict[tuple[str, int], Program] | None = None  # read on first use
_added = 0  # programs compiled by this process and not yet written
_registered = False  # `save` runs at exit


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 - the name `re` uses
    """`re.compile(pattern, flags)` for a str pattern, from its stored program when there is one."""
    global _added, _registered
    if not isinstance(pattern, str):
        return _compile(pattern, flags)
    programs = _load()
    if programs is None:
        return _compile(pattern, flags)
    key = (pattern, int(flags))
    program = programs.get(key)
    if program is not None:
        try:
            return _build(pattern, program)  # type: ignore[no-any-return]
        except Exception:  # noqa: BLE001 - a program the engine refuses: compile it again
            pass
    try:
        program = _program(pattern, int(flags))
        compiled = _build(pattern, program)
    except Exception:  # noqa: BLE001 - an invalid pattern raises re.error from re itself
        return _compile(pattern, flags)
    programs[key] = program
    if not _registered:
        import atexit

        atexit.register(save)
        _registered = True
    _added += 1
    return compiled  # type: ignore[no-any-return]


def _program(pattern: str, flags: int) -> Program:
    """What `re._compiler.compile` hands the engine for `pattern`."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    if flags & re.DEBUG:
        raise ValueError("re.DEBUG prints while compiling")
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[Any] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (int(flags | parsed.state.flags), _packed(code), parsed.state.groups - 1, groupindex, tuple(indexgroup))


def _packed(code: list[int]) -> bytes:
    """A program's code as machine words: `marshal` reads bytes far faster than a list of integers."""
    from array import array

    return array(_WORD, code).tobytes()


def _words_fit() -> bool:
    import _sre
    from array import array

    return array(_WORD).itemsize == _sre.CODESIZE


def _unpacked(code: bytes) -> list[int]:
    from array import array

    words = array(_WORD)
    words.frombytes(code)
    return words.tolist()


def _build(pattern: str, program: Program) -> Any:
    import _sre

    flags, code, groups, groupindex, indexgroup = program
    return _sre.compile(pattern, flags, _unpacked(code), groups, groupindex, indexgroup)


def _identity() -> tuple[Any, ...]:
    import _sre

    return (FORMAT, sys.version, sys.implementation.cache_tag, _sre.MAGIC, _sre.CODESIZE)


def _path() -> str:
    from newslint.cache import folder

    return str(folder() / f"re-programs.{sys.implementation.cache_tag}.marshal")


def _load() -> dict[tuple[str, int], Program] | None:
    global _programs
    if _programs is not None:
        return _programs
    if os.environ.get("NEWSLINT_NO_CACHE", "").strip() not in ("", "0") or sys.version_info < (3, 11) \
            or not _words_fit():
        return None
    _programs = {}
    try:
        import marshal

        from newslint.cache import read_private

        data = read_private(_path())
        if data is None:
            return _programs
        identity, programs = marshal.loads(data)
        if identity == _identity() and isinstance(programs, dict):
            _programs = programs
    except Exception:  # noqa: BLE001 - missing, unreadable or corrupt: start afresh
        pass
    return _programs


def save() -> bool:
    """Write the programs this process added (with those read); False when there was nothing to write
    or it could not be written."""
    global _added, _programs
    if not _added or _programs is None:
        return False
    import marshal

    from newslint.cache import write

    programs = _programs
    if len(programs) > MAX_PROGRAMS:
        programs = dict(list(programs.items())[-_added:])
    try:
        data = marshal.dumps((_identity(), programs))
    except ValueError:
        return False
    _added = 0
    return write(os.path.basename(_path()), data)


def reset() -> None:
    """Forget what was read and added (the file is read again on the next call)."""
    global _programs, _added
    _programs, _added = None, 0
