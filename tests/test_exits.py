"""Exit codes and faults: 0, 1 findings, 2 errors (one line each, other files still linted), 130 interrupted."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT
from newslint import batch
from newslint.checking import Checker
from newslint.cli import main

ENV = {**os.environ, "PYTHONPATH": str(ROOT), "NEWSLINT_NO_CACHE": "1"}


def newslint(*args: str, script: str = "", **kwargs) -> subprocess.CompletedProcess:
    """`newslint ARGS` in a child process, after `script` (which may break something on purpose)."""
    code = f"import sys; sys.argv = ['newslint', *{list(args)!r}]\n{script}\nfrom newslint.__main__ import run; run()"
    kwargs.setdefault("stdout", subprocess.PIPE)
    return subprocess.run([sys.executable, "-c", code], check=False, cwd=kwargs.pop("cwd", ROOT), env=ENV,
                          stderr=subprocess.PIPE, text=True, timeout=60, **kwargs)


@pytest.fixture()
def story(tmp_path: Path) -> Path:
    path = tmp_path / "story.md"
    path.write_text("The brutal raid ended.\n", encoding="utf-8")
    return path


def test_a_fault_in_one_files_lint_is_an_error_line_and_the_others_go_on(tmp_path, monkeypatch):
    for name in ("a.md", "b.md", "c.md"):
        (tmp_path / name).write_text("The brutal raid ended.\n", encoding="utf-8")
    original = Checker.check

    def faulty(self, doc, *args, **kwargs):
        if doc.path.endswith("b.md"):
            raise ValueError("x" * 100_000)
        return original(self, doc, *args, **kwargs)

    monkeypatch.setattr(Checker, "check", faulty)
    result = CliRunner().invoke(main, ["check", "--format", "json", str(tmp_path)])
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert "b.md: not linted: internal error: ValueError" in line and len(line) < 500
    assert {Path(f["path"]).name for f in json.loads(result.stdout)["findings"]} == {"a.md", "c.md"}


def test_a_killed_worker_is_one_error_line_and_exit_2(tmp_path, monkeypatch):
    for i in range(400):
        (tmp_path / f"s{i:03d}.md").write_text("A brutal raid.\n", encoding="utf-8")
    parent = os.getpid()
    original = batch.lint_one

    def dies_on_one(target, *args, **kwargs):
        if os.getpid() != parent and str(target).endswith("s020.md"):
            os.kill(os.getpid(), signal.SIGKILL)
        return original(target, *args, **kwargs)

    monkeypatch.setattr(batch, "lint_one", dies_on_one)
    result = CliRunner().invoke(main, ["check", "--jobs", "4", "--format", "json", str(tmp_path)])
    assert result.exit_code == 2 and "s020.md: the worker process linting it" in result.stderr
    report = tmp_path.parent / "report.json"
    result = CliRunner().invoke(main, ["check", "--jobs", "4", "--output", str(report), str(tmp_path)])
    assert result.exit_code == 2 and "killed by signal 9" in result.stderr and "Broken pipe" not in result.stderr
    assert not report.exists()


def test_an_internal_error_is_one_line_and_exit_2_with_the_traceback_only_on_debug(story):
    broken = "import newslint.formats.text as t\ndef boom(*a, **k): raise RuntimeError('formatter broke')\n" \
             "t.Writer.file = boom"
    plain = newslint("check", str(story), script=broken)
    assert plain.returncode == 2
    assert plain.stderr.splitlines() == [("newslint: error: internal error: RuntimeError: formatter broke "
                                          "(run with --debug for the traceback)")]
    debug = newslint("--debug", "check", str(story), script=broken)
    assert debug.returncode == 2 and "Traceback" in debug.stderr and "formatter broke" in debug.stderr


def test_exit_codes(story, tmp_path):
    calm = tmp_path / "calm.md"
    calm.write_text("The council met on Tuesday.\n", encoding="utf-8")
    assert newslint("check", str(calm)).returncode == 0
    assert newslint("check", str(story)).returncode == 1
    assert newslint("check", str(tmp_path / "missing.md")).returncode == 2
    assert newslint("check", "--no-such-option", str(story)).returncode == 2


def _wait_idle(pid: int) -> None:
    """Until the process has used no CPU for a moment (it waits on a read), at most 20 s."""
    last = None
    for _ in range(100):
        time.sleep(0.2)
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks = int(fields[11]) + int(fields[12])
        if fields[0] == "S" and ticks == last:
            return
        last = ticks


def test_ctrl_c_exits_130_without_a_traceback():
    # as from a terminal: a shell's background job (a test run with "&") would start it with Ctrl-C ignored
    proc = subprocess.Popen([sys.executable, "-m", "newslint", "check", "-"], cwd=ROOT, env=ENV,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    _wait_idle(proc.pid)  # started, and waiting for standard input
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130 and "Traceback" not in err and "interrupted" in err


def test_standard_output_full_or_closed_is_one_line_and_exit_2(story):
    with open("/dev/full", "w") as full:
        result = newslint("check", str(story), stdout=full)
    assert result.returncode == 2
    assert result.stderr.splitlines() == ["newslint: error: cannot write to standard output: No space left on device"]
    closed = subprocess.run([sys.executable, "-m", "newslint", "check", str(story)], check=False, cwd=ROOT, env=ENV,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: os.close(1), timeout=60)
    assert closed.returncode == 2 and "Traceback" not in closed.stderr
    assert closed.stderr.splitlines() == ["newslint: error: cannot write to standard output: standard output is closed"]
