"""Which files a run lints: the paths given, folders walked for articles (.md, .markdown, .txt; hidden
folders skipped), "-" for standard input, and an error in its place for a path that cannot be read."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator, Sequence

from newslint.errors import InputError

ARTICLE_SUFFIXES = (".md", ".markdown", ".txt")
Target = Path | str | InputError  # a file, "-" (standard input), or an error found while listing


def walk(root: Path) -> Iterator[Path | InputError]:
    """The articles under `root`, sorted, folder by folder."""
    problems: list[OSError] = []  # a folder that cannot be listed is reported, not skipped in silence
    for folder, dirs, files in os.walk(root, onerror=problems.append, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.lower().endswith(ARTICLE_SUFFIXES) and (Path(folder) / name).is_file():
                yield Path(folder) / name
    for exc in problems:
        yield InputError(str(exc.filename or root), f"cannot read folder: {exc.strerror or exc}")


def each(paths: Sequence[str]) -> Iterator[Target]:
    """Every target of `paths`, in order, listed as it is iterated."""
    for raw in paths:
        if raw == "-":
            yield "-"
            continue
        path = Path(raw)
        if path.is_dir():
            yield from walk(path)
        elif path.exists() or path.is_symlink():
            yield path
        else:
            yield InputError(raw, "no such file or directory")



class Targets:
    """The files to lint, listed again each time they are iterated, so that the list is never held:
    a run's memory does not grow with the number of files. When several paths are given, one listing
    ahead of the run finds the names given more than once (fingerprints count on from one to the
    next); the files are counted ahead only when a progress bar asks how many there are."""

    def __init__(self, paths: Sequence[str], stdin_name: str | None) -> None:
        self.paths = paths
        self.count: int | None = None
        self.repeated: frozenset[str] = frozenset()
        if len(paths) > 1:  # one folder lists each file once
            seen: set[str] = set()
            again: set[str] = set()
            self.count = 0
            for t in each(paths):
                self.count += 1
                if not isinstance(t, InputError):
                    name = str(t) if isinstance(t, Path) else stdin_name or "<stdin>"
                    (again if name in seen else seen).add(name)
            self.repeated = frozenset(again)

    def __iter__(self) -> Iterator[Target]:
        return each(self.paths)

    def __len__(self) -> int:
        if self.count is None:
            self.count = sum(1 for _ in each(self.paths))
        return self.count
