"""A plain `check` run imports only what it uses (the rule cache warm, one file, no config)."""
from __future__ import annotations

import os
import subprocess
import sys
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
# times), the rule validators' `string`, workers, fixes, baselines, the writer of the cache.
OPTIONAL = {"regex", "yaml", "tomllib", "multiprocessing", "newslint.baseline", "newslint.fixes",
            "importlib.resources", "tempfile", "hashlib", "string", "newslint.recache"}
FORMATS = {"text", "json_", "github", "sarif", "junit", "html"}


def modules(tmp_path: Path, *args: str, script: str = SCRIPT) -> set[str]:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT)}
    env.pop("NEWSLINT_NO_CACHE", None)
    proc = subprocess.run([sys.executable, "-c", script, *args], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=120)
    line = next(x for x in proc.stdout.splitlines() if x.startswith("MODULES "))
    return set(line.split()[1:])


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_plain_run_imports_only_what_it_uses(tmp_path: Path, fmt: str) -> None:
    (tmp_path / "story.md").write_text("The brutal raid ended, police said.\n", encoding="utf-8")
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
    assert [p.name for p in cache.iterdir()] == [stored.name]  # nothing else written there
