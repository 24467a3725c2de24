"""`python -m newslint` and the `newslint` command: the command line, then a quick exit."""
from __future__ import annotations

import os
import sys

from newslint.cli import main


def run() -> None:
    """Run the command line, then end the process at once with its exit status.

    A normal interpreter exit frees every module and object one by one, which costs about as much
    as linting an article. Here the exit handlers run and the standard streams are flushed, then the
    process ends. Everything the command writes to files is written and closed before `main`
    returns. When that cannot be done as usual (a stream that cannot be flushed, a thread still
    running, an exit message), the interpreter exits the normal way.
    """
    try:
        main()
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    import atexit

    run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)
    threading = sys.modules.get("threading")
    if run_exit_handlers is None or not (code is None or isinstance(code, int)) or \
            (threading is not None and threading.active_count() > 1):
        raise SystemExit(code)
    run_exit_handlers()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:  # noqa: BLE001 - e.g. a closed pipe: the normal exit reports it
        raise SystemExit(code) from None
    os._exit(code or 0)


if __name__ == "__main__":
    run()
