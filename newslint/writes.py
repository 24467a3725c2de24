"""Safe file writes: atomic replace, same mode, never through a symlink leading out of the work folder."""
from __future__ import annotations

import os
import stat
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Iterator

from newslint.errors import InputError


def target(path: Path, root: Path) -> Path:
    """The real file to write; a symlink resolving outside `root` is refused."""
    real = path.resolve()
    if path.is_symlink():
        try:
            real.relative_to(root.resolve())
        except ValueError:
            raise InputError(str(path), f"not written: symlink points outside {root} ({real})") from None
    return real


def write_atomic(path: Path, data: bytes, root: Path) -> None:
    """Write `data` to `path` via a temporary file in the same folder and `os.replace`; keep its mode."""
    with atomic(path, root) as handle:
        handle.write(data)


@contextmanager
def atomic(path: Path, root: Path) -> Iterator[BinaryIO]:
    """A file that replaces `path` (keeping its mode) when the block ends; an exception leaves `path` as it was.

    It is a temporary file in the same folder, so a report can be written while it is produced.
    """
    real = target(path, root)
    try:
        mode = real.stat().st_mode & 0o7777
    except FileNotFoundError:  # a new file (a report, a baseline): the mode a plain open would give
        mask = os.umask(0)
        os.umask(mask)
        mode = 0o666 & ~mask
    except OSError as exc:
        raise InputError(str(path), f"not written: {exc.strerror or exc}") from None
    import tempfile  # only a run that writes pays for it

    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".tmp", dir=real.parent)
    except OSError as exc:
        raise InputError(str(path), f"not written: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, real)
    except BaseException as exc:  # an error while writing, or one that ends the run: `path` is left as it was
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise InputError(str(path), f"not written: {exc.strerror or exc}") from None
        raise


def append(path: Path, data: bytes) -> None:
    """Add `data` at the end of an existing regular file that other steps also write (a CI job
    summary): never through a symlink, never anything but a regular file; a failure is an InputError."""
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags, 0o666)
    except OSError as exc:
        raise InputError(str(path), f"not written: {exc.strerror or exc}") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise InputError(str(path), "not written: not a regular file")
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    except OSError as exc:
        raise InputError(str(path), f"not written: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
