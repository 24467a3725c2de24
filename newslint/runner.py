"""Lint many files, serially or in worker processes, with results in the order the files were given."""
from __future__ import annotations

import os
import sys
from collections import deque
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, NamedTuple, Sequence, TypeVar

from newslint.document import Document
from newslint.engine import lint
from newslint.errors import InputError
from newslint.finding import Finding
from newslint.rulebook import Rule

if TYPE_CHECKING:
    from multiprocessing.pool import AsyncResult

STDIN = "-"
_CHUNK = 4  # files per task sent to a worker: small enough to balance, big enough to amortize
_MIN_PARALLEL = 4  # fewer files than this are linted in-process (starting workers costs more)
_AHEAD = 4  # chunks handed out per worker beyond the one whose results are awaited

Target = Path | str | InputError
T = TypeVar("T")


class Result(NamedTuple):
    """One target's outcome: its findings and (when asked for) its text, or the error that stopped it."""

    path: str
    findings: list[Finding]
    text: str | None = None
    error: str | None = None  # the message of an InputError (exceptions do not cross processes well)


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


_task: Callable[[Target], object] | None = None


def _init(task: Callable[[Target], object]) -> None:
    global _task
    _task = task


def _call_all(targets: list[Target]) -> list[object]:
    assert _task is not None
    return [_task(target) for target in targets]


def map_ordered(task: Callable[[Target], T], targets: Iterable[Target], jobs: int | None = None,
                before_fork: Callable[[], None] | None = None) -> Iterator[T]:
    """`task(target)` for every target, in order; files go to `jobs` worker processes.

    Standard input and errors found while listing the targets are handled by this process, in
    their place. Workers are forked, so `task` may be any callable (a closure over loaded rules);
    where processes cannot be forked, or for a handful of files, everything runs here. A task
    returns a picklable value and must not raise. Only a few tasks per worker are handed out ahead
    of the results being taken, so that results wait in memory in small numbers however many files.
    `before_fork` runs here just before workers are started (never when none are): what it loads
    or compiles, the workers share.
    """
    wanted = jobs or default_jobs()
    rest = iter(targets)  # never listed whole: the files are counted only as far as the choice needs
    ahead: list[Target] = []
    files = 0
    for target in rest:
        ahead.append(target)
        files += isinstance(target, Path)
        if files >= max(wanted, _MIN_PARALLEL):
            break
    items = chain(ahead, rest)
    workers = min(wanted, files)
    if workers > 1 and files >= _MIN_PARALLEL:
        import multiprocessing  # only a parallel run pays for it
    if workers <= 1 or files < _MIN_PARALLEL or "fork" not in multiprocessing.get_all_start_methods():
        for target in items:
            yield task(target)
        return
    if before_fork is not None:
        before_fork()
    with multiprocessing.get_context("fork").Pool(workers, initializer=_init, initargs=(task,)) as pool:
        waiting: deque[AsyncResult[list[Any]]] = deque()  # chunks handed out, in order
        chunk: list[Target] = []
        for target in items:
            if isinstance(target, Path):
                chunk.append(target)
                if len(chunk) == _CHUNK:
                    waiting.append(pool.apply_async(_call_all, (chunk,)))
                    chunk = []
                    if len(waiting) > _AHEAD * workers:
                        yield from waiting.popleft().get()
                continue
            if chunk:
                waiting.append(pool.apply_async(_call_all, (chunk,)))
                chunk = []
            while waiting:
                yield from waiting.popleft().get()
            yield task(target)
        if chunk:
            waiting.append(pool.apply_async(_call_all, (chunk,)))
        while waiting:
            yield from waiting.popleft().get()


def lint_target(target: Target, rules: Sequence[Rule], keep_text: bool = False) -> Result:
    """Read and lint one target (a path, "-" for standard input, or an error found while listing)."""
    try:
        if isinstance(target, InputError):
            raise target
        if target == STDIN:
            doc = Document.from_bytes(sys.stdin.buffer.read(), "<stdin>")
        else:
            doc = Document.read(Path(target))
    except InputError as exc:
        return Result(exc.path, [], None, str(exc))
    return Result(doc.path, lint(doc, rules), doc.text if keep_text else None)


def run(targets: Iterable[Target], rules: Sequence[Rule], jobs: int | None = None,
        keep_text: bool = False) -> Iterator[Result]:
    """Results for every target in order, linted with `rules` in `jobs` processes (default: one per core).

    The output does not depend on `jobs`.
    """
    return map_ordered(lambda target: lint_target(target, rules, keep_text), targets, jobs)
