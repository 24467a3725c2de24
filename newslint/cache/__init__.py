"""Files newslint keeps between runs, in one private folder: the rule cache (`cache.rules`) and the
compiled-program store (`cache.programs`). This module holds what both share: where the folder is,
whether caching is on, the ownership checks a cache file must pass to be read, and the atomic write.

`NEWSLINT_NO_CACHE=1` turns every cache off.
"""
from __future__ import annotations

import os
from pathlib import Path


def enabled() -> bool:
    return os.environ.get("NEWSLINT_NO_CACHE", "").strip() in ("", "0")


def folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or ""
    root = Path(base) if os.path.isabs(base) else Path.home() / ".cache"
    return root / "newslint"


def private(st: os.stat_result) -> bool:
    """Owned by this user and writable by no one else (where the platform has owners)."""
    getuid = getattr(os, "getuid", None)
    return getuid is None or (st.st_uid == getuid() and not st.st_mode & 0o022)


def read_private(path: Path | str) -> bytes | None:
    """A cache file's bytes, or None when it or its folder is not private (see `private`); OSError
    when it cannot be read."""
    if not private(os.stat(os.path.dirname(path))):
        return None
    with open(path, "rb") as handle:
        if not private(os.fstat(handle.fileno())):
            return None
        return handle.read()


def write(name: str, data: bytes) -> bool:
    """Replace the cache file `name` with `data` through the one writer (the folder made private, the
    file readable by its owner only); False on failure."""
    from newslint import writes
    from newslint.errors import NewslintError

    target = folder()
    try:
        target.mkdir(mode=0o700, parents=True, exist_ok=True)
        writes.write(target / name, data, target, private=True)
    except (OSError, NewslintError):
        return False
    return True
