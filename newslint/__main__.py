"""`python -m newslint` and the `newslint` command: the command line, then a quick exit.

Exit codes: 0 no findings at or above the threshold, 1 findings, 2 an error (usage, rule, config,
input, output, or an internal error), 130 interrupted (Ctrl-C). An exception that escapes the command
is one line on standard error (its traceback too with `--debug`) and exit 2, never a traceback
alone that a CI job would read as exit 1.
"""
from __future__ import annotations

import errno
import os
import sys

ERROR = 2
INTERRUPTED = 130


class _Closed:
    """Standard output when the process was started with it closed: writing is an error, as to a full disk."""

    def __getattr__(self, name: str) -> object:
        if name in ("isatty", "readable", "seekable"):
            return lambda: False
        raise OSError(errno.EBADF, "standard output is closed")

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    def flush(self) -> None:
        return None


def _say(message: str) -> None:
    try:
        sys.stderr.write(f"newslint: {message}\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):  # no standard error either: the exit code says it
        pass


def _stdout_error(exc: OSError) -> bool:
    """An OSError from writing to standard output (full disk, closed, broken pipe)."""
    return exc.errno in (errno.ENOSPC, errno.EPIPE, errno.EBADF, errno.EIO, errno.EDQUOT) and not exc.filename


def _main(debug: bool) -> int:
    """Run the command line; every outcome as an exit code."""
    import gc

    # Start-up (importing the modules) allocates many objects and frees few: a collection then finds
    # no garbage, only time spent walking them. Collections resume with the run; by then what
    # start-up made stays put (`freeze`), so no later collection walks it again.
    gc.disable()
    try:
        import click

        from newslint.cli import main
    finally:
        gc.freeze()
        gc.enable()

    try:
        try:
            main.main(standalone_mode=False)
            return 0
        except click.ClickException as exc:
            exc.show()
            return exc.exit_code
        except click.exceptions.Exit as exc:
            return int(exc.exit_code or 0)
        except SystemExit as exc:
            return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else ERROR)
        finally:
            if sys.stdout is not None:
                sys.stdout.flush()  # a report that cannot be written is found here at the latest
    except (KeyboardInterrupt, click.Abort):
        _say("interrupted")
        return INTERRUPTED
    except OSError as exc:
        if _stdout_error(exc):
            _say(f"error: cannot write to standard output: {exc.strerror or exc}")
            return ERROR
        return _internal(exc, debug)
    except Exception as exc:  # noqa: BLE001 - any other fault: one line and exit 2
        return _internal(exc, debug)


def _internal(exc: BaseException, debug: bool) -> int:
    text = str(exc)
    if len(text) > 300:
        text = text[:300] + "..."
    _say(f"error: internal error: {type(exc).__name__}: {text}"
         + ("" if debug else " (run with --debug for the traceback)"))
    if debug:
        import traceback

        traceback.print_exception(exc, file=sys.stderr)
    return ERROR


def run() -> None:
    """Run the command line, then end the process at once with its exit status.

    A normal interpreter exit frees every module and object one by one, which costs about as much
    as linting an article. Here the exit handlers run and the standard streams are flushed, then the
    process ends. Everything the command writes to files is written and closed before `main`
    returns. When that cannot be done as usual (a thread still running), the interpreter exits the
    normal way.
    """
    if sys.stdout is None:
        sys.stdout = _Closed()  # type: ignore[assignment]
    debug = "--debug" in sys.argv[1:sys.argv.index("--") if "--" in sys.argv else None]
    code = _main(debug)
    import atexit

    run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)
    threading = sys.modules.get("threading")
    try:
        if run_exit_handlers is None or (threading is not None and threading.active_count() > 1):
            sys.stdout.flush()
            raise SystemExit(code)
        run_exit_handlers()
    except KeyboardInterrupt:
        code = INTERRUPTED
    except OSError:
        code = code or ERROR
    try:
        sys.stdout.flush()
    except OSError as exc:
        _say(f"error: cannot write to standard output: {exc.strerror or exc}")
        code = ERROR
    except (ValueError, AttributeError):
        pass
    try:
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass
    os._exit(code)


if __name__ == "__main__":
    run()
