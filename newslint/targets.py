"""Which files: the paths named, folders walked (ignore files, hidden folders and node_modules
skipped), each file's reader by its extension, and what was skipped and why."""
from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Callable, NamedTuple

from newslint.errors import InputError
from newslint.readers import Format, ReadOptions, jsonl

STDIN = "-"
IGNORE_FILES = (".gitignore", ".newslintignore")
SKIPPED_FOLDERS = frozenset({"node_modules"})  # besides hidden ones (.git, .venv, ...)


class Skipped(NamedTuple):
    """A file not linted, and why; `named` when it was given on the command line."""

    path: str
    reason: str
    named: bool = False


UNSUPPORTED = "not a supported type"
IGNORED = "in an ignore file"
EXCLUDED = "excluded by the configuration"
ANNOTATED = "an annotated copy (--annotate)"

Target = Path | str | InputError | Skipped | jsonl.Slice


class _Rules:
    """The ignore files that apply in one folder: (folder, compiled patterns), deepest last."""

    def __init__(self, specs: tuple[tuple[Path, Any], ...] = ()) -> None:
        self.specs = specs

    def under(self, folder: Path) -> _Rules:
        found = []
        for name in IGNORE_FILES:
            spec = _load(folder / name)
            if spec is not None:
                found.append((folder, spec))
        return _Rules(self.specs + tuple(found)) if found else self

    def ignores(self, path: Path, folder: bool) -> bool:
        for base, spec in reversed(self.specs):  # the deepest file that has a say decides
            try:
                rel = path.relative_to(base).as_posix()
            except ValueError:
                continue
            result = spec.check_file(rel + "/" if folder else rel).include
            if result is not None:
                return bool(result)
        return False


def _load(path: Path) -> Any:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        raise InputError(str(path), f"cannot read ignore file: {exc.strerror or exc}") from None
    import pathspec  # only where there is an ignore file to read

    return pathspec.GitIgnoreSpec.from_lines(lines)


def ignore_rules(root: Path) -> _Rules:
    """The ignore files that hold for `root`: its own and those of the folders above it, up to the
    top of its git work tree."""
    chain: list[Path] = []
    folder = Path(os.path.abspath(root))
    while True:
        chain.append(folder)
        if (folder / ".git").exists() or folder.parent == folder:
            break
        folder = folder.parent
    if not (chain[-1] / ".git").exists():
        chain = chain[:1]  # not in a work tree: the folder's own ignore files only
    rules = _Rules()
    for folder in reversed(chain):
        rules = rules.under(folder)
    return rules


def walk(root: Path, options: ReadOptions) -> Iterator[Path | InputError | Skipped]:
    """The files under `root` to lint, in sorted order, and those skipped (with why)."""
    problems: list[OSError] = []  # a folder that cannot be listed is reported, not skipped in silence
    absolute = Path(os.path.abspath(root))
    rules: dict[Path, _Rules] = {}
    try:
        rules[absolute] = ignore_rules(absolute) if options.ignore_files else _Rules()
    except InputError as exc:
        yield exc
        return
    for folder, dirs, files in os.walk(root, onerror=problems.append, followlinks=False):
        here = Path(folder)
        mine = rules.pop(Path(os.path.abspath(folder)), _Rules())
        kept = []
        for d in sorted(dirs):
            if d.startswith(".") or d in SKIPPED_FOLDERS:
                continue
            if mine.ignores(Path(os.path.abspath(here / d)), folder=True):
                continue
            try:
                rules[Path(os.path.abspath(here / d))] = mine.under(Path(os.path.abspath(here / d))) \
                    if options.ignore_files else mine
            except InputError as exc:
                yield exc
                continue
            kept.append(d)
        dirs[:] = kept
        for name in sorted(files):
            path = here / name
            if name in IGNORE_FILES or not path.is_file():
                continue
            if options.format_for(name) is None:
                yield Skipped(str(path), UNSUPPORTED)
            elif name.lower().endswith(".newslint.docx"):
                yield Skipped(str(path), ANNOTATED)
            elif mine.ignores(Path(os.path.abspath(path)), folder=False):
                yield Skipped(str(path), IGNORED)
            else:
                yield path
    for problem in problems:
        yield InputError(str(problem.filename or root), f"cannot read folder: {problem.strerror or problem}")


def targets(paths: Sequence[str], options: ReadOptions) -> Iterator[Target]:
    """What to lint for each path given: "-" (standard input), a file, a folder's files, or the
    slices of a JSON Lines archive; and what was skipped, or could not be found."""
    for raw in paths:
        if raw == STDIN:
            yield STDIN
            continue
        path = Path(raw)
        if path.is_dir():
            for found in walk(path, options):
                yield from _expand(found, options)
        elif path.exists() or path.is_symlink():
            if options.format_for(raw, named=True) is None:
                yield Skipped(raw, UNSUPPORTED, named=True)
            else:
                yield from _expand(path, options)
        else:
            yield InputError(raw, "no such file or directory")


def _expand(found: Path | InputError | Skipped, options: ReadOptions) -> Iterator[Target]:
    """A JSON Lines archive as its slices (each linted on its own, perhaps in another process)."""
    if isinstance(found, Path) and options.format_for(str(found), named=True) is Format.JSONL and found.is_file():
        try:
            yield from jsonl.slices(found)
        except InputError as exc:
            yield exc
        return
    yield found


OptionsFor = Callable[[Path], ReadOptions]  # the reading options of a path's configuration


def each(paths: Sequence[str], options_for: OptionsFor | None = None) -> Iterator[Target]:
    """What to lint: see `targets`; each path is listed with the reading options of its config."""
    for raw in paths:
        options = options_for(Path(raw)) if options_for is not None and raw != "-" else ReadOptions()
        yield from targets([raw], options)



class Targets:
    """The files to lint, listed again each time they are iterated, so that the list is never held:
    a run's memory does not grow with the number of files. When several paths are given, one listing
    ahead of the run finds the names given more than once (fingerprints count on from one to the
    next); the files are counted ahead only when a progress bar asks how many there are."""

    def __init__(self, paths: Sequence[str], stdin_name: str | None, options_for: OptionsFor | None = None) -> None:
        self.paths = paths
        self.options_for = options_for
        self.count: int | None = None
        self.repeated: frozenset[str] = frozenset()
        if len(paths) > 1:  # one folder lists each file once
            seen: set[str] = set()
            again: set[str] = set()
            self.count = 0
            for t in each(paths, options_for):
                self.count += 1
                if not isinstance(t, (InputError, Skipped)):
                    name = str(t) if isinstance(t, Path) else f"{t.path}@{t.start}" \
                        if isinstance(t, jsonl.Slice) else stdin_name or "<stdin>"
                    (again if name in seen else seen).add(name)
            self.repeated = frozenset(again)

    def __iter__(self) -> Iterator[Target]:
        return each(self.paths, self.options_for)

    def __len__(self) -> int:
        if self.count is None:
            self.count = sum(1 for _ in each(self.paths, self.options_for))
        return self.count
