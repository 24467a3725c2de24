"""The rule cache: the built-in rule set as built: its lexicons, its Rule objects and the literals read
out of its patterns, so that a run reads one file instead of parsing, validating and building rules.

Stored with `pickle` in `$XDG_CACHE_HOME/newslint` (default `~/.cache/newslint`), in a folder made
private to the user (0700); a pickle runs code when it is read, so a cache file or folder that is not
the user's own, or that others may write to, is never read. `NEWSLINT_NO_CACHE=1` turns it off.

The key is the newslint and Python versions, the rule folder's path and every input of the build:
each built-in rule and lexicon file (`*.yaml`) and each of newslint's own modules (`*.py`, the code
that builds the rules and defines the stored objects). Checking it costs one `stat` per file: the
size, modification and change times are compared with those stored. Only when they differ, or are
too close to the time the cache was written to be trusted (an edit in the same clock tick keeps
them, as git also knows), are the files' contents hashed and compared with the stored digest; a
match (a file touched, or checked out again, unchanged) keeps the cache and stores the new times.

A build is not stored when one of newslint's modules changed after this process loaded its code (an
edit, a checkout while a run was under way): the objects built by the code running then are not those
its files on disk now make, and would be stored under their key.

A missing, unreadable, corrupt or stale cache is ignored and rebuilt; it is written through a
temporary file and `os.replace`, so concurrent runs never see a half-written file. Loading with or
without it gives the same rules.
"""
from __future__ import annotations

import gc
import io
import os
import pickle
import re
import sys
import time
from pathlib import Path
from typing import Any, NamedTuple

from newslint import __version__
from newslint.cache import folder, programs, read_private, write

FILE_PREFIX = "builtin-rules"
KEEP_FILES = 8  # rule folders (installs, checkouts) whose builds are kept; the least recently written go first
FORMAT = 5
LOADED_NS = time.time_ns()  # about when this process loaded newslint's code: see `store`
RACY_NS = 2_000_000_000  # times within this of the cache's writing are not trusted: contents are hashed
PACKAGE = Path(__file__).resolve().parent.parent  # the newslint package

Stat = tuple[str, int, int, int]  # (path, size, mtime_ns, ctime_ns)


class Built(NamedTuple):
    """What building the built-in rules yields: lexicons by name, rules sorted by id, and
    (required literals, literal prefixes, required words, gaps, opens words) by built-in pattern."""

    lexicons: dict[str, Any]
    rules: list[Any]
    literals: dict[str, tuple[tuple[str, ...] | None, tuple[Any, ...] | None, frozenset[str] | None, int | None, bool]]


class Inputs(NamedTuple):
    """The files a build of the rules under `root` reads or runs, in a fixed order."""

    root: Path
    files: tuple[tuple[str, str], ...]  # (label, absolute path)

    def stats(self) -> tuple[Stat, ...]:
        out = []
        for label, path in self.files:
            st = os.stat(path)
            out.append((label, st.st_size, st.st_mtime_ns, st.st_ctime_ns))
        return tuple(out)

    def digest(self) -> str:
        import hashlib  # only when the times changed

        h = hashlib.sha256()
        for label, path in self.files:
            with open(path, "rb") as handle:
                data = handle.read()
            h.update(f"{label}\0{len(data)}\0".encode())
            h.update(data)
        return h.hexdigest()


def inputs(root: Path) -> Inputs:
    """Every `*.yaml` under the rule folder and every `*.py` of the newslint package."""
    files = [("rules/" + rel, path) for rel, path in _walk(str(root), ".yaml")]
    files += [("newslint/" + rel, path) for rel, path in _walk(str(PACKAGE), ".py", skip=str(root))]
    return Inputs(root, tuple(files))


def _walk(top: str, suffix: str, skip: str = "") -> list[tuple[str, str]]:
    """(path relative to `top`, path) of the files ending in `suffix` below `top`, but in `skip`."""
    out: list[tuple[str, str]] = []
    pending = [("", top)]
    while pending:
        rel, path = pending.pop()
        with os.scandir(path) as entries:
            for entry in entries:
                name = rel + entry.name
                if entry.is_dir(follow_symlinks=True):
                    if entry.name != "__pycache__" and not entry.name.startswith(".") and entry.path != skip:
                        pending.append((name + "/", entry.path))
                elif entry.name.endswith(suffix):
                    out.append((name, entry.path))
    out.sort()
    return out


def _identity(root: Path) -> tuple[Any, ...]:
    return (FORMAT, __version__, sys.version, sys.implementation.cache_tag, str(root))


def file_name(root: Path) -> str:
    """One file per rule folder, newslint and Python: installs that share the cache folder (virtual
    environments, checkouts) do not replace each other's."""
    import binascii

    return f"{FILE_PREFIX}.{binascii.crc32(repr(_identity(root)).encode()):08x}.pickle"


class _Header(NamedTuple):
    identity: tuple[Any, ...]
    stats: tuple[Stat, ...]
    digest: str
    written_ns: int


def _trusted(stats: tuple[Stat, ...], written_ns: int) -> bool:
    return all(max(m, c) < written_ns - RACY_NS for _, _, m, c in stats)


def load(source: Inputs, stats: tuple[Stat, ...]) -> Built | None:
    """The cached build of `source` (whose files have `stats` now), or None when there is none, or it
    is unreadable, stale or not private."""
    try:
        data = read_private(folder() / file_name(source.root))
        if data is None:
            return None
        buffer = io.BytesIO(data)
        header = pickle.load(buffer)
        if not isinstance(header, tuple) or len(header) != len(_Header._fields):
            return None
        header = _Header(*header)
        if header.identity != _identity(source.root):
            return None
        restamp = False
        if stats != header.stats or not _trusted(stats, header.written_ns):
            if source.digest() != header.digest:
                return None
            restamp = _trusted(stats, time.time_ns())  # else hashed again next time
        offset = buffer.tell()
        built = _unpickled(buffer)
        if not isinstance(built, tuple) or len(built) != len(Built._fields):
            return None
        built = Built(*built)
        if not (isinstance(built.lexicons, dict) and isinstance(built.rules, list)
                and isinstance(built.literals, dict)):
            return None
    except Exception:  # noqa: BLE001 - any failure to read the cache means: build the rules
        return None
    if restamp:  # the files were touched, not changed: keep the cache, with their new times
        write(file_name(source.root), pickle.dumps(tuple(header._replace(stats=stats, written_ns=time.time_ns())),
                                      protocol=pickle.HIGHEST_PROTOCOL) + data[offset:])
    return built


def store(source: Inputs, stats: tuple[Stat, ...], digest: str, written_ns: int, built: Built) -> bool:
    """Write the build of `source` atomically, with the times and digest its inputs had before it
    began (`written_ns`: when it began); False (and nothing written) when it cannot be stored, or when
    one of newslint's modules changed after this process loaded its code (see the module)."""
    if any(label.startswith("newslint/") and max(mtime, ctime) >= LOADED_NS for label, _, mtime, ctime in stats):
        return False
    try:
        head = pickle.dumps(tuple(_Header(_identity(source.root), stats, digest, written_ns)),
                            protocol=pickle.HIGHEST_PROTOCOL)
        body = _dumps(tuple(built))
    except Exception:  # noqa: BLE001 - something in the rules does not pickle: never cached
        return False
    name = file_name(source.root)
    if not write(name, head + body):
        return False
    _prune(name)
    return True


def _unpickled(buffer: io.BytesIO) -> Any:
    """The stored build, read with the cyclic garbage collector paused: the thousands of objects it
    makes are all kept, and collections on the way would only walk them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.load(buffer)
    finally:
        if enabled:
            gc.enable()


class _Pickler(pickle.Pickler):
    """Pickles a compiled regular expression (a kind's pattern) as a call to `programs.compile`,
    not to `re`'s own compile: reading the cache builds it from its stored program instead of
    parsing and compiling it again."""

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, re.Pattern) and isinstance(obj.pattern, str):
            return programs.compile, (obj.pattern, obj.flags)
        return NotImplemented


def _dumps(obj: Any) -> bytes:
    out = io.BytesIO()
    _Pickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(obj)
    return out.getvalue()


def _prune(kept: str) -> None:
    """Remove all but the KEEP_FILES most recently written rule caches (`kept` among them): every
    checkout or virtual environment has a file of its own, and they would otherwise pile up. One
    removed too soon is built again when its install next runs."""
    try:
        with os.scandir(folder()) as entries:
            files = [(entry.stat().st_mtime_ns, entry.path) for entry in entries
                     if entry.name.startswith(FILE_PREFIX + ".") and entry.name != kept and entry.is_file()]
        for _, path in sorted(files, reverse=True)[KEEP_FILES - 1:]:
            os.unlink(path)
    except OSError:  # another run removed it first, or the folder cannot be listed: nothing to do
        pass
