"""Safe file writes: atomic replace, same mode, never through a symlink leading out of the work folder."""
from __future__ import annotations

import os
from pathlib import Path

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

    fd, tmp = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".tmp", dir=real.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, real)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise InputError(str(path), f"not written: {exc.strerror or exc}") from None
