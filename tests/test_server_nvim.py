"""Headless Neovim attaches the language server and reads its diagnostics (skipped without nvim)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "tests" / "data" / "nvim" / "attach.lua"
LINE = "The 😀🎉 deadliest storm 𝔸 in history hit, a brutal 👍🏽 one."


@pytest.mark.skipif(shutil.which("nvim") is None, reason="Neovim (nvim) is not installed")
def test_neovim_reads_diagnostics_at_the_right_bytes(tmp_path: Path) -> None:
    (tmp_path / "story.md").write_text(f"# Weather\n\n{LINE}\n", encoding="utf-8")
    out = tmp_path / "out.json"
    env = {**os.environ, "NEWSLINT_OUT": str(out), "NEWSLINT_PYTHON": sys.executable,
           "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    done = subprocess.run(["nvim", "--headless", "--clean", "-c", f"luafile {SCRIPT}"], cwd=tmp_path, env=env,
                          capture_output=True, timeout=120, check=False, stdin=subprocess.DEVNULL)
    assert out.exists(), done.stderr.decode(errors="replace")
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["opened"] is True and result["edited"] is True

    def byte(at: str) -> int:  # Neovim counts columns in bytes
        return len(LINE[:LINE.index(at)].encode("utf-8"))
    assert [(d["lnum"], d["col"], d["end_col"], d["code"], d["source"]) for d in result["first"]] == [
        (2, byte("in history"), byte("in history") + 10, "superlative.claims", "newslint"),
        (2, byte("brutal"), byte("brutal") + 6, "loaded.adjectives", "newslint"),
    ]
    assert [d["code"] for d in result["after"]] == ["superlative.claims"]
