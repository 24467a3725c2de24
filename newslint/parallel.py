"""Lint many files, serially or in worker processes, with results in the order the files were given."""
from __future__ import annotations

import contextlib
import os
import pickle
from collections import deque
from itertools import chain
from pathlib import Path
from typing import Any, BinaryIO, Callable, Iterable, Iterator, TypeVar

from newslint.errors import NewslintError
from newslint.readers.jsonl import Slice

_CHUNK = 4  # files per task sent to a worker: small enough to balance, big enough to amortize
# A run is split among workers only when it has this many files, or files of this many bytes: below
# both, starting workers costs more than it saves (on news copy, two workers break even at about 30
# articles of 2 KB).
_MIN_PARALLEL_FILES = 32
_MIN_PARALLEL_BYTES = 64 * 1024
_AHEAD = 4  # chunks handed out per worker beyond the one whose results are awaited
# Bytes of chunks a worker's feed may hold unanswered: below any pipe's buffer, so that handing out a
# chunk never waits on a worker that is waiting for its results to be read (long paths, large results).
_FEED_BYTES = 8192

Target = Any  # a Path, "-", an InputError found while listing, a Slice of an archive, or what else a caller lists
# What workers are handed: files, and slices of archives (anything else is handled in this process).
_WORK = (Path, Slice)
T = TypeVar("T")


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def map_ordered(task: Callable[[Target], T], targets: Iterable[Target], jobs: int | None = None,
                before_fork: Callable[[], None] | None = None) -> Iterator[T]:
    """`task(target)` for every target, in order; files go to `jobs` worker processes.

    Standard input and errors found while listing the targets are handled by this process, in
    their place. Workers are forked, so `task` may be any callable (a closure over loaded rules);
    where processes cannot be forked, or for a few small files, everything runs here. A task
    returns a picklable value and must not raise (if it does, the exception is raised here, in
    its place). Only a few tasks per worker are handed out ahead of the results being taken, so
    that results wait in memory in small numbers however many files. `before_fork` runs here just
    before workers are started (never when none are): what it loads or compiles, the workers share.
    """
    wanted = jobs or default_jobs()
    rest = iter(targets)  # never listed whole: the files are counted only as far as the choice needs
    ahead: list[Target] = []
    files = size = 0
    enough = False  # enough work to share
    listed_all = True
    for target in rest:
        ahead.append(target)
        if isinstance(target, _WORK):
            files += 1
            if not enough:
                size += _size(target)
                enough = files >= _MIN_PARALLEL_FILES or size >= _MIN_PARALLEL_BYTES
            if enough and files >= wanted * _CHUNK:
                listed_all = False
                break
    # When every file is listed, smaller chunks if that keeps more workers busy (a few large files).
    size_of_chunk = max(1, min(_CHUNK, -(-files // wanted))) if listed_all else _CHUNK
    items = chain(ahead, rest)
    workers = min(wanted, -(-files // size_of_chunk))  # no more workers than chunks
    if workers <= 1 or not enough or not hasattr(os, "fork"):
        for target in items:
            yield task(target)
        return
    if before_fork is not None:
        before_fork()
    yield from _Workers(task, workers).run(items, size_of_chunk)


def _size(path: Path | Slice) -> int:
    if isinstance(path, Slice):
        return path.end - path.start
    try:
        return os.stat(path).st_size
    except OSError:  # reported when the file is linted
        return 0


class _Workers:
    """Forked worker processes, each fed chunks of files through a pipe and answering through another.

    Chunks go to the workers in turn (chunk k to worker k mod N), so each worker's answers arrive
    in the order of its chunks and reading the workers in turn gives every result in order: this
    process runs no threads or queues for the results to wait on. Files vary in size, but a chunk's
    cost evens out over a run. At most `_AHEAD` chunks per worker are handed out beyond the one
    whose results are awaited, and no more than `_FEED_BYTES` of them to any one worker.
    """

    def __init__(self, task: Callable[[Target], object], count: int) -> None:
        self.task = task
        self.pids: list[int] = []
        self.feeds: list[BinaryIO] = []  # chunks to each worker
        self.answers: list[BinaryIO] = []  # each worker's results, in the order of its chunks
        try:
            for _ in range(count):
                self._start()
        except BaseException:
            self.close(kill=True)
            raise

    def _start(self) -> None:
        import signal  # (a run in one process never needs it)

        task_read, task_write = os.pipe()
        result_read, result_write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the worker: it never returns into the caller's code
            status = 1
            try:
                os.close(task_write)
                os.close(result_read)
                for stream in (*self.feeds, *self.answers):  # other workers' pipes: their ends stay with the parent
                    os.close(stream.fileno())
                with contextlib.suppress(ValueError):  # (forked from a thread other than the main one)
                    signal.signal(signal.SIGINT, signal.SIG_IGN)  # an interrupt is the parent's to handle
                _serve(self.task, os.fdopen(task_read, "rb"), os.fdopen(result_write, "wb"))
                status = 0
            finally:
                os._exit(status)
        os.close(task_read)
        os.close(result_write)
        self.pids.append(pid)
        self.feeds.append(os.fdopen(task_write, "wb"))
        self.answers.append(os.fdopen(result_read, "rb"))

    def run(self, items: Iterable[Target], size_of_chunk: int) -> Iterator[Any]:
        count = len(self.pids)
        waiting: deque[tuple[int, int, list[Target]]] = deque()  # (worker, size, chunk) of the chunks out, in order
        unread = [0] * count  # bytes of chunks handed to each worker and not yet answered
        sent = 0

        def take() -> list[Any]:
            worker, size, chunk = waiting.popleft()
            unread[worker] -= size
            try:
                kind, value = pickle.load(self.answers[worker])
            except (EOFError, OSError, pickle.UnpicklingError):  # ended before answering, or mid-answer
                raise self._lost(worker, chunk) from None
            if kind == "raised":
                raise value
            return value  # type: ignore[no-any-return]

        def send(chunk: list[Target]) -> Iterator[Any]:
            """Hand out a chunk, first taking results while too many are out, or while its worker's
            feed holds so much that writing could wait on a worker that is itself waiting to answer."""
            nonlocal sent
            worker = sent % count
            data = pickle.dumps(chunk, pickle.HIGHEST_PROTOCOL)
            while waiting and (len(waiting) > _AHEAD * count or unread[worker] + len(data) > _FEED_BYTES):
                yield from take()
            feed = self.feeds[worker]
            try:
                feed.write(data)
                feed.flush()
            except OSError:  # the worker is gone: the results before it are taken, then its loss is raised
                while waiting:  # at the chunk it did not answer
                    yield from take()
                raise self._lost(worker, chunk) from None
            waiting.append((worker, len(data), chunk))
            unread[worker] += len(data)
            sent += 1

        done = False
        try:
            chunk: list[Target] = []
            for target in items:
                if isinstance(target, _WORK):
                    chunk.append(target)
                    if len(chunk) == size_of_chunk:
                        yield from send(chunk)
                        chunk = []
                    continue
                if chunk:
                    yield from send(chunk)
                    chunk = []
                while waiting:
                    yield from take()
                yield self.task(target)
            if chunk:
                yield from send(chunk)
            while waiting:
                yield from take()
            done = True
        finally:
            self.close(kill=not done)

    def _lost(self, worker: int, chunk: list[Target]) -> NewslintError:
        """The error for a worker that ended before answering (killed, out of memory, ...)."""
        pid = self.pids[worker]
        try:
            _, status = os.waitpid(pid, 0)
        except ChildProcessError:  # pragma: no cover - reaped elsewhere
            how = "ended"
        else:
            self.pids[worker] = -1  # reaped
            how = (f"was killed by signal {os.WTERMSIG(status)}" if os.WIFSIGNALED(status)
                   else f"exited with status {os.waitstatus_to_exitcode(status)}")
        others = f" or one of the {len(chunk) - 1} files after it" if len(chunk) > 1 else ""
        return NewslintError(f"{chunk[0]}: the worker process linting it{others} {how}")

    def close(self, kill: bool) -> None:
        """End the workers: a closed feed tells one to stop; `kill` (the run was cut short) stops it
        first, so that nothing waits on it (a feed's unwritten bytes, say)."""
        import signal

        running = [pid for pid in self.pids if pid > 0]
        if kill:
            for pid in running:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGTERM)
        for stream in (*self.feeds, *self.answers):
            try:
                stream.close()
            except OSError:  # a worker gone with bytes still to be handed to it
                pass
        for pid in running:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
        self.pids, self.feeds, self.answers = [], [], []


def _serve(task: Callable[[Target], object], feed: BinaryIO, answers: BinaryIO) -> None:
    """A worker's loop: read a chunk, answer with its results (or the exception a task raised)."""
    while True:
        try:
            chunk = pickle.load(feed)
        except EOFError:
            return
        try:
            reply: tuple[str, object] = ("results", [task(target) for target in chunk])
        except Exception as exc:  # noqa: BLE001 - raised in the parent, in its place
            reply = ("raised", exc)
        try:
            data = pickle.dumps(reply, pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # noqa: BLE001 - a result or exception that does not pickle
            data = pickle.dumps(("raised", RuntimeError(f"a worker's answer cannot be passed back: {exc!r}")),
                                pickle.HIGHEST_PROTOCOL)
        try:
            answers.write(data)
            answers.flush()
        except BrokenPipeError:  # the parent stopped reading: the run was cut short
            return
