"""A cache of what loading the built-in rules derives: each file's parsed YAML and the literals
read out of each built-in pattern.

Stored as JSON (data only) in `$XDG_CACHE_HOME/newslint` (default `~/.cache/newslint`), keyed by a
hash of the newslint version, the Python version and every built-in rule file's path and contents.
A missing, unreadable, corrupt or stale cache is ignored and rebuilt; it is written through a
temporary file and `os.replace`, so concurrent runs never see a half-written file.
`NEWSLINT_NO_CACHE=1` turns it off. Validation and building still run on the cached data, so a
rule loads exactly as it would from its file.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newslint import __version__

FILE_NAME = "builtin-rules.json"
FORMAT = 1


def enabled() -> bool:
    return os.environ.get("NEWSLINT_NO_CACHE", "").strip() in ("", "0")


def folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or ""
    root = Path(base) if os.path.isabs(base) else Path.home() / ".cache"
    return root / "newslint"


def fingerprint(root: Path) -> str:
    """Changes whenever a rule file, the newslint version or the Python version does."""
    digest = hashlib.sha256(f"{FORMAT}\0{__version__}\0{sys.version_info[:2]}\0".encode())
    for path in sorted(root.rglob("*.yaml")):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


@dataclass
class Entry:
    """Parsed files by path relative to the rule folder, and (required literals, prefixes) by pattern."""

    key: str
    files: dict[str, tuple[Any, dict[str, int]]] = field(default_factory=dict)
    literals: dict[str, tuple[tuple[str, ...] | None, tuple[str, ...] | None]] = field(default_factory=dict)


def load(key: str) -> Entry | None:
    """The cached entry for `key`, or None when there is none, or it is unreadable or stale."""
    try:
        raw = json.loads((folder() / FILE_NAME).read_bytes())
        if not isinstance(raw, dict) or raw.get("key") != key:
            return None
        files = {str(k): (v[0], {str(a): int(b) for a, b in v[1].items()}) for k, v in raw["files"].items()}
        literals = {str(k): (_strings(v[0]), _strings(v[1])) for k, v in raw["literals"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
        return None
    return Entry(key, files, literals)


def _strings(value: Any) -> tuple[str, ...] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TypeError("expected a list of strings")
    return tuple(value)


def store(entry: Entry) -> bool:
    """Write `entry` atomically; False (and nothing written) when it cannot be stored as it is."""
    raw = {"key": entry.key, "files": {k: [d, lines] for k, (d, lines) in entry.files.items()},
           "literals": {k: [list(r) if r is not None else None, list(p) if p is not None else None]
                        for k, (r, p) in entry.literals.items()}}
    try:
        text = json.dumps(raw, ensure_ascii=False)
        if any(json.loads(json.dumps(d)) != d for d, _ in entry.files.values()):
            return False  # data JSON does not carry as it is (dates, non-string keys): never cached
    except (TypeError, ValueError):
        return False
    import tempfile  # only when the cache is written

    target = folder()
    try:
        target.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{FILE_NAME}.", suffix=".tmp", dir=target)
    except OSError:
        return False
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, target / FILE_NAME)
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        return False
    return True
