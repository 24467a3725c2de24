from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Callable, Iterator

import pytest

from newslint.rulebook import Rule, load_rules

if TYPE_CHECKING:
    from newslint.document import Document

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def line_starts(text: str) -> list[int]:
    """Line starts with LF, CRLF and CR each ending a line, written apart from the package."""
    starts, i = [0], 0
    while i < len(text):
        if text[i] == "\r":
            i += 2 if text[i + 1:i + 2] == "\n" else 1
            starts.append(i)
        elif text[i] == "\n":
            i += 1
            starts.append(i)
        else:
            i += 1
    return starts


# The README's obituary house rule, with a journalese swap: safe fixes to apply in tests.
SWAP_HOUSE = """kind: substitution
safe: true
message: "Use '{replacement}', not '{match}'."
swap:
  passed away: died
  slammed: criticized
"""


@pytest.fixture()
def house(tmp_path: Path) -> Path:
    """A house rule folder holding SWAP_HOUSE."""
    write_rule(tmp_path, "house/obit/words.yaml", SWAP_HOUSE)
    return tmp_path / "house"


@pytest.fixture()
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working folder, made the current one."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return work


@pytest.fixture()
def read_as_in_a_run(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], Document]]:
    """Read a text as a run reads its documents after the first, where built-in patterns are searched
    through the prefilter (`Document.search`); the run's matching state lasts for the test."""
    from newslint.document import Document
    from newslint.matching import state

    with state.fresh() as current:
        monkeypatch.setattr(current, "documents", 5)  # past the first document: the prefilter is used
        yield lambda text: Document.from_text(text, "a.txt")


@pytest.fixture(scope="session")
def rules() -> list[Rule]:
    return load_rules()


def write_rule(root: Path, rel: str, text: str) -> Path:
    """Write a rule (or lexicon) file at `root/rel`, creating its folders."""
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def load_one_rule(tmp_path: Path, body: str) -> Rule:
    """Write `body` as the only rule of a folder and load it."""
    write_rule(tmp_path, "k/r.yaml", body)
    (loaded,) = load_rules([tmp_path])
    return loaded


def load_benchmark(name: str) -> ModuleType:
    """The script benchmarks/<name>.py, imported as a module (the benchmarks are scripts, not a package)."""
    path = Path(__file__).resolve().parent.parent / "benchmarks" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
