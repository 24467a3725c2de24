"""End to end: the real pre-commit runs the hooks from this repository on a temporary git repo."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

SAFE_RULE = """kind: substitution
safe: true
message: "Use '{replacement}', not '{match}'."
swap:
  passed away: died
"""


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_pre_commit_try_repo(tmp_path):
    repo = tmp_path / "newsroom"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "desk@example.invalid")
    git(repo, "config", "user.name", "Desk")
    write(repo / ".newslint.yaml", "rules: [house]\n")
    write(repo / "house" / "plain" / "obituary.yaml", SAFE_RULE)
    write(repo / "opinion" / ".newslint.yaml", "ignore: [loaded]\n")
    write(repo / "story.md", "The brutal raid ended.\n\nIt was calm, police said.\n")
    write(repo / "clean.md", "The council voted 7-2 on Tuesday to approve the budget.\n")
    write(repo / "opinion" / "column.md", "A brutal budget, in my view.\n")
    write(repo / "obit.md", "The actor passed away on Sunday,\r\nhis agent said.\r\n")
    git(repo, "add", ".")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")}

    def try_repo(*args: str) -> subprocess.CompletedProcess[str]:  # each run builds a fresh env (~20 s)
        cmd = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), *args]
        return subprocess.run(cmd, cwd=repo, capture_output=True, text=True, env=env, timeout=600)

    files = ["story.md", "clean.md", "opinion/column.md", "obit.md"]
    both = try_repo("--files", *files)  # no hook id: newslint, then newslint-fix
    out = both.stdout + both.stderr
    assert both.returncode == 1, out
    assert "story.md:1:5: warning loaded.adjectives" in both.stdout
    assert "obit.md:1:11: warning plain.obituary" in both.stdout
    assert "column.md" not in both.stdout  # the nested config ignores loaded
    assert "files were modified by this hook" in both.stdout
    assert (repo / "obit.md").read_bytes() == b"The actor died on Sunday,\r\nhis agent said.\r\n"
    clean = try_repo("newslint", "--files", *files[1:])
    assert clean.returncode == 0, clean.stdout + clean.stderr
