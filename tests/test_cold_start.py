"""A plain `check` run imports only what it uses (the rule cache warm, one file, no config)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = """
import sys
from newslint.cli import main
try:
    main(["check", "--format", sys.argv[1], "story.md"])
except SystemExit:
    pass
print("MODULES", " ".join(sorted(sys.modules)))
"""
# Never on this path: YAML (the rules come from the rule cache), hashing (its key is checked by file
# times), the rule validators' `string`, workers (and their signals), fixes, baselines, the writer
# of the cache files, dataclasses (creating one costs about a millisecond).
OPTIONAL = {"regex", "yaml", "tomllib", "multiprocessing", "signal", "newslint.baseline", "newslint.fixes",
            "importlib.resources", "tempfile", "hashlib", "string", "dataclasses"}
FORMATS = {"text", "concise", "json_", "github", "sarif", "junit", "html"}


def _settle() -> None:
    """Wait until newslint's files are older than the rule cache's racy margin: times that recent are
    never trusted, and their contents are hashed (right after an edit)."""
    from newslint.cache import rules as rulecache
    from newslint.rulebook import builtin_root

    newest = max(max(s[2], s[3]) for s in rulecache.inputs(builtin_root()).stats())
    wait = (newest + rulecache.RACY_NS - time.time_ns()) / 1e9
    if wait > 0:
        time.sleep(wait + 0.05)


def modules(tmp_path: Path, *args: str, script: str = SCRIPT) -> set[str]:
    _settle()
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT)}
    env.pop("NEWSLINT_NO_CACHE", None)
    proc = subprocess.run([sys.executable, "-c", script, *args], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=120)
    line = next(x for x in proc.stdout.splitlines() if x.startswith("MODULES "))
    return set(line.split()[1:])


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_plain_run_imports_only_what_it_uses(tmp_path: Path, fmt: str) -> None:
    (tmp_path / "story.md").write_text("The brutal raid ended, police said.\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'desk'\n", encoding="utf-8")  # no newslint table
    first = modules(tmp_path, fmt)  # builds the rule cache: reads YAML
    assert "yaml" in first
    loaded = modules(tmp_path, fmt)
    assert "newslint.engine" in loaded
    bare = modules(tmp_path, script="import sys; print('MODULES', ' '.join(sys.modules))")  # site's own
    assert not (loaded - bare) & OPTIONAL, (loaded - bare) & OPTIONAL
    chosen = "json_" if fmt == "json" else fmt
    assert {m.rsplit(".", 1)[1] for m in loaded if m.startswith("newslint.formats.")} == {chosen}
    assert ("json" in loaded - bare) == (fmt == "json")


def test_a_second_run_reads_the_rules_from_the_rule_cache(tmp_path: Path) -> None:
    (tmp_path / "story.md").write_text("The brutal raid ended, police said.\n", encoding="utf-8")
    modules(tmp_path, "json")
    cache = tmp_path / "cache" / "newslint"
    (stored,) = [p for p in cache.iterdir() if p.name.startswith("builtin-rules")]
    loaded = modules(tmp_path, "json")
    assert "yaml" not in loaded and "pickle" in loaded  # not built from the files
    assert [p for p in cache.iterdir() if p.name.startswith("builtin-rules")] == [stored]


def _run(tmp_path: Path, *args: str, script: str | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m newslint ARGS` (or `python -c SCRIPT ARGS`) as a user runs it, with the rule cache on."""
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT)}
    env.pop("NEWSLINT_NO_CACHE", None)
    command = [sys.executable, "-c", script, *args] if script else [sys.executable, "-m", "newslint", *args]
    return subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)


def test_the_command_ends_with_its_status_and_all_its_output(tmp_path: Path) -> None:
    """`python -m newslint` ends the process without tearing the interpreter down: nothing is lost."""
    (tmp_path / "story.md").write_text("The brutal raid ended, police said.\n" * 400, encoding="utf-8")
    (tmp_path / "clean.md").write_text("The meeting ended, police said.\n", encoding="utf-8")
    found = _run(tmp_path, "check", "--format", "json", "story.md")
    assert found.returncode == 1
    assert len(json.loads(found.stdout)["findings"]) == 400
    assert _run(tmp_path, "check", "--format", "json", "clean.md").returncode == 0
    missing = _run(tmp_path, "check", "missing.md")
    assert missing.returncode == 2 and "missing.md" in missing.stderr
    report = tmp_path / "report.json"
    assert _run(tmp_path, "check", "--format", "json", "-o", str(report), "story.md").returncode == 1
    assert len(json.loads(report.read_text(encoding="utf-8"))["findings"]) == 400


def test_exit_handlers_run_before_the_quick_exit(tmp_path: Path) -> None:
    script = (
        "import atexit, pathlib, sys\n"
        "atexit.register(lambda: pathlib.Path('handled').write_text('yes'))\n"
        "sys.argv = ['newslint', 'check', 'clean.md']\n"
        "from newslint.__main__ import run\n"
        "run()\n"
    )
    (tmp_path / "clean.md").write_text("The meeting ended, police said.\n", encoding="utf-8")
    proc = _run(tmp_path, script=script)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "handled").read_text() == "yes"


COMPILES = """
import re, sys, traceback
from re import _compiler
original = _compiler.compile
ours = []

def compile(p, flags=0):
    caller = [f for f in traceback.extract_stack()[:-1] if "/re/" not in f.filename][-1]  # who asked `re`
    if "newslint" in caller.filename:
        ours.append(str(p)[:60])
    return original(p, flags)

_compiler.compile = compile
from newslint.cli import main
try:
    main(["check", "--format", "json", "story.md"])
except SystemExit:
    pass
print("MODULES", *ours, sep="\\n")
"""


def test_a_second_run_compiles_no_pattern_of_its_own(tmp_path: Path) -> None:
    """Module patterns and the kinds' patterns kept in the rule cache come from the stored programs
    (`cache.programs`): a run after the first parses and compiles none of them again."""
    (tmp_path / "story.md").write_text("The brutal raid ended, police said. It was the worst ever.\n", encoding="utf-8")
    _settle()
    runs = [_run(tmp_path, script=COMPILES) for _ in range(2)]
    first, second = (run.stdout.split("MODULES\n", 1)[1].split("\n") for run in runs)
    assert len(first) > 20  # the first run compiles them (and stores the programs)
    assert second == [""], second


def test_the_command_collects_garbage_while_it_lints(tmp_path: Path) -> None:
    """Start-up runs with the collector paused and what it made frozen; the collector is back on for
    the run itself (a long run's garbage is collected)."""
    script = (
        "import gc, sys\n"
        "sys.argv = ['newslint', 'check', 'story.md']\n"
        "from newslint import __main__, engine\n"
        "lint = engine.Engine.lint_document\n"
        "seen = []\n"
        "def spy(*args, **kwargs):\n"
        "    seen.append((gc.isenabled(), gc.get_freeze_count() > 1000))\n"
        "    return lint(*args, **kwargs)\n"
        "engine.Engine.lint_document = spy\n"
        "__main__._main(False)\n"
        "print('SEEN', seen)\n"
    )
    (tmp_path / "story.md").write_text("The meeting ended, police said.\n", encoding="utf-8")
    proc = _run(tmp_path, script=script)
    assert "SEEN [(True, True)]" in proc.stdout, proc.stdout + proc.stderr
