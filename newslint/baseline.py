"""Baselines: record today's findings by fingerprint, then report only new ones."""
from __future__ import annotations

import functools
import json
import os
import sys
from collections import Counter
from pathlib import Path, PurePosixPath
from typing import Container, Mapping, Sequence

from newslint.errors import RuleError
from newslint.finding import Finding
from newslint.fingerprints import Fingerprints

VERSION = 1


def key(path: str, root: Path | None = None) -> str:
    """The name a file is recorded under: its path relative to its repository's root (the nearest
    folder above it holding `.git`), else relative to `root` (its configuration's folder), so that a
    baseline holds whether a file is named by an absolute path or from another working folder."""
    if path.startswith("<"):  # standard input with no name
        return path
    full = os.path.abspath(path)
    folder = _repository(os.path.dirname(full)) or (os.path.abspath(root) if root is not None else os.getcwd())
    try:
        return PurePosixPath(Path(full).relative_to(folder)).as_posix()
    except ValueError:
        return PurePosixPath(Path(full)).as_posix()


@functools.lru_cache(maxsize=1024)
def _repository(folder: str) -> str | None:
    while True:
        if os.path.exists(os.path.join(folder, ".git")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _entries(findings: Sequence[Finding], prints: Sequence[str], name: str | None = None) -> list[dict[str, str]]:
    return [{"path": name if name is not None else f.path, "rule": f.rule, "text": f.text, "fingerprint": fp}
            for f, fp in zip(findings, prints)]


def _dumps(entries: list[dict[str, str]]) -> str:
    entries.sort(key=lambda e: (e["path"], e["rule"], e["fingerprint"]))
    return json.dumps({"version": VERSION, "findings": entries}, ensure_ascii=False, indent=1) + "\n"


class Recorder:
    """A baseline gathered file by file: one small entry per finding, never the texts."""

    def __init__(self, repeated: Container[str] | None = None) -> None:
        self.prints = Fingerprints(repeated)
        self.entries: list[dict[str, str]] = []

    def add(self, findings: Sequence[Finding], text: str | None, name: str | None = None) -> None:
        """Record one file's findings, under `name` (see `key`) or each finding's path."""
        self.entries.extend(_entries(findings, self.prints.of(findings, text), name))

    def dumps(self) -> str:
        return _dumps(self.entries)


def load(path: Path) -> Counter[tuple[str, str]]:
    """(path, fingerprint) -> how many times it is recorded. `-` is standard input."""
    name = "<stdin>" if str(path) == "-" else str(path)
    try:
        text = sys.stdin.read() if str(path) == "-" else path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(name, f"cannot read baseline: {exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RuleError(name, f"malformed baseline JSON: {exc.msg}", line=exc.lineno) from None
    except RecursionError:
        raise RuleError(name, "malformed baseline JSON: nested too deeply") from None
    except ValueError as exc:  # a number too long to read, say
        raise RuleError(name, f"malformed baseline JSON: {str(exc)[:120]}") from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("findings"), list):
        raise RuleError(name, f"not a newslint baseline (expected version {VERSION} with a findings list)")
    out: Counter[tuple[str, str]] = Counter()
    for i, entry in enumerate(data["findings"]):
        if not isinstance(entry, dict) or not isinstance(entry.get("path"), str) \
                or not isinstance(entry.get("fingerprint"), str):
            raise RuleError(name, "each entry needs a path and a fingerprint", key=f"findings.{i}")
        out[(entry["path"], entry["fingerprint"])] += 1
    return out


def _new(findings: Sequence[Finding], prints: Sequence[str], left: Counter[tuple[str, str]],
         name: str | None = None) -> list[Finding]:
    out = []
    for f, fp in zip(findings, prints):
        where = (name if name is not None else f.path, fp)
        if left[where] > 0:
            left[where] -= 1
        else:
            out.append(f)
    return out


class Filter:
    """The findings a baseline does not account for, file by file: only the text of the file at hand is needed."""

    def __init__(self, known: Mapping[tuple[str, str], int], repeated: Container[str] | None = None) -> None:
        self.left = Counter(known)
        self.prints = Fingerprints(repeated)

    def new(self, findings: Sequence[Finding], text: str | None, name: str | None = None) -> list[Finding]:
        """One file's findings that are not recorded, looked up under `name` (see `key`) or each finding's path."""
        return _new(findings, self.prints.of(findings, text), self.left, name)
