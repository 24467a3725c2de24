"""End to end: the real pre-commit runs the hook from this repository on a temporary git repo."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_pre_commit_try_repo(tmp_path):
    repo = tmp_path / "newsroom"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "desk@example.invalid")
    git(repo, "config", "user.name", "Desk")
    (repo / "story.md").write_text("The brutal raid ended.\n\nIt was calm, police said.\n", encoding="utf-8")
    (repo / "clean.md").write_text("The council voted 7-2 on Tuesday to approve the budget.\n", encoding="utf-8")
    git(repo, "add", ".")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")}
    cmd = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "newslint", "--files"]
    bad = subprocess.run(cmd + ["story.md"], cwd=repo, capture_output=True, text=True, env=env, timeout=600)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "story.md:1:5: warning loaded.adjectives" in bad.stdout
    good = subprocess.run(cmd + ["clean.md"], cwd=repo, capture_output=True, text=True, env=env, timeout=600)
    assert good.returncode == 0, good.stdout + good.stderr
