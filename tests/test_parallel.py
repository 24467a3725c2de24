from __future__ import annotations

import os
import pickle
import signal
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import newslint
from newslint import parallel as runner
from newslint.cli import main
from newslint.document import Document
from newslint.engine import default_rules, run_rules as lint
from newslint.finding import Finding
from newslint.errors import InputError, NewslintError

ARTICLES = Path(__file__).resolve().parent / "data" / "articles"


@pytest.fixture(autouse=True)
def few_files_share(monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers start for a handful of small files here, so that these tests run them."""
    monkeypatch.setattr(runner, "_MIN_PARALLEL_FILES", 4)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Enough files for several worker tasks, with a binary file among them."""
    root = tmp_path_factory.mktemp("many")
    for copy in range(4):
        for path in sorted(ARTICLES.iterdir()):
            shutil.copy(path, root / f"{copy}-{path.name}")
    (root / "2-zz-binary.md").write_bytes(b"abc\x00def")
    return root


def _check(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_parallel_output_equals_serial(folder: Path, fmt: str) -> None:
    serial = _check("--format", fmt, "--jobs", "1", str(folder), "missing.md")
    parallel = _check("--format", fmt, "--jobs", "2", str(folder), "missing.md")
    assert parallel == serial
    code, out, err = serial
    assert code == 2  # the binary and the missing file are errors; the other files are still linted
    assert "2-zz-binary.md: binary file" in err and "missing.md" in err
    assert out.count("loaded.adjectives") >= 4


def test_results_keep_the_order_of_the_targets(folder: Path) -> None:
    paths = sorted(folder.iterdir())
    targets: list[Path | str | InputError] = [*paths[:5], InputError("gone.md", "no such file"), *paths[5:]]
    rules = default_rules()

    def task(target: Path | str | InputError) -> tuple[str, list[Finding], str | None]:
        try:
            if isinstance(target, InputError):
                raise target
            doc = Document.read(Path(target))
        except InputError as exc:
            return exc.path, [], str(exc)
        return doc.path, lint(doc, rules), None

    results = list(runner.map_ordered(task, targets, 2))
    assert [r[0] for r in results] == [str(p) for p in paths[:5]] + ["gone.md"] + [str(p) for p in paths[5:]]
    assert [r[2] is not None for r in results].count(True) == 2
    serial = list(runner.map_ordered(task, targets, 1))
    assert results == serial


def test_jobs_must_be_positive(folder: Path) -> None:
    code, _, err = _check("--jobs", "0", str(folder))
    assert code == 2 and "--jobs" in err


def test_rules_and_findings_pickle() -> None:
    text = (ARTICLES / "flood.md").read_text(encoding="utf-8")
    rules = pickle.loads(pickle.dumps(default_rules()))
    findings = newslint.lint_text(text, path="flood.md", rules=rules)
    assert findings == newslint.lint_text(text, path="flood.md")
    assert pickle.loads(pickle.dumps(findings)) == findings
    assert {f.rule for f in findings} >= {"loaded.adjectives", "sources.homepage"}


def test_lint_text_maps_over_a_dask_bag() -> None:
    bag = pytest.importorskip("dask.bag")
    docs = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(ARTICLES.iterdir())]
    found = (bag.from_sequence(docs, npartitions=2)
             .map(lambda d: newslint.lint_text(d[1], path=d[0]))
             .compute(scheduler="processes", num_workers=2))
    assert found == [newslint.lint_text(text, path=name) for name, text in docs]
    assert sum(map(len, found)) > 10


def test_before_fork_runs_only_when_workers_start(tmp_path):
    files = []
    for i in range(6):
        path = tmp_path / f"{i}.md"
        path.write_text("The raid ended.\n", encoding="utf-8")
        files.append(path)
    calls: list[str] = []
    serial = list(runner.map_ordered(lambda t: str(t), files, 1, lambda: calls.append("serial")))
    few = list(runner.map_ordered(lambda t: str(t), files[:2], 2, lambda: calls.append("few")))
    parallel = list(runner.map_ordered(lambda t: str(t), files, 2, lambda: calls.append("parallel")))
    assert serial == parallel == [str(p) for p in files] and few == serial[:2]
    assert calls == ["parallel"]


def _files(tmp_path: Path, count: int) -> list[Path]:
    for i in range(count):
        (tmp_path / f"{i:02d}.md").write_text("The raid ended.\n", encoding="utf-8")
    return sorted(tmp_path.iterdir())


def _children() -> set[int]:
    """This process's live (or unreaped) child processes."""
    me = os.getpid()
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == me:
                found.add(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_workers_end_when_a_run_is_cut_short(tmp_path: Path) -> None:
    before = _children()
    results = runner.map_ordered(lambda t: str(t), _files(tmp_path, 40), 2)
    assert next(results).endswith("00.md")
    assert len(_children() - before) == 2  # the workers are running
    results.close()  # the reader stops early (an error while reporting, say)
    assert _children() == before  # ended and reaped: no worker left behind


def test_an_exception_in_a_worker_is_raised_in_its_place(tmp_path: Path) -> None:
    files = _files(tmp_path, 12)

    def task(target: object) -> str:
        if str(target).endswith("07.md"):
            raise ValueError(f"cannot lint {target}")
        return str(target)

    seen = []
    with pytest.raises(ValueError, match="07.md"):
        for result in runner.map_ordered(task, files, 2):
            seen.append(result)
    assert seen == [str(p) for p in files[:4]]  # the chunk with the failing file yields nothing
    assert list(runner.map_ordered(lambda t: str(t), files, 2)) == [str(p) for p in files]


def test_a_feed_never_holds_more_than_a_pipe_takes(tmp_path: Path, monkeypatch) -> None:
    """However far ahead chunks may be handed out, a worker's feed never holds more than a pipe takes:
    a worker waiting for its large results to be read would never read a full feed, and the run
    would hang (it does with the limit lifted)."""
    deep = tmp_path / ("d" * 200) / ("e" * 200) / ("f" * 200) / ("g" * 200)
    deep.mkdir(parents=True)
    for i in range(300):
        (deep / (f"{i:03d}" + "x" * 200 + ".md")).touch()
    files = sorted(deep.iterdir())
    monkeypatch.setattr(runner, "_AHEAD", 1000)  # only the limit on a feed's bytes stands in the way

    def hung(*_: object) -> None:
        raise TimeoutError("the run hung")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(60)
    try:
        results = list(runner.map_ordered(lambda t: str(t) * 100, files, 2))  # 100 KB a result
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert results == [str(p) * 100 for p in files]


def test_a_worker_that_dies_is_an_error_naming_its_files(tmp_path: Path) -> None:
    files = _files(tmp_path, 12)

    def task(target: object) -> str:
        if str(target).endswith("05.md"):
            os._exit(3)  # as if killed: the worker ends without answering
        return str(target)

    seen = []
    with pytest.raises(NewslintError, match=r"04\.md: the worker process linting it or one of the 3 files after it "
                                            r"exited with status 3"):
        for result in runner.map_ordered(task, files, 2):
            seen.append(result)
    assert seen == [str(p) for p in files[:4]]


def test_workers_start_only_for_enough_work(tmp_path: Path, monkeypatch) -> None:
    """A few small files are linted here; many files, or a few large ones, go to workers."""
    monkeypatch.setattr(runner, "_MIN_PARALLEL_FILES", 32)
    pids: list[int] = []

    def task(target: object) -> str:
        pids.append(os.getpid())  # seen only for the tasks run in this process
        return str(target)

    for name in ("small", "more", "large"):
        (tmp_path / name).mkdir()
    small = _files(tmp_path / "small", 31)
    assert list(runner.map_ordered(task, small, 2)) == [str(p) for p in small] and len(pids) == 31
    pids.clear()
    many = small + _files(tmp_path / "more", 1)
    assert list(runner.map_ordered(task, many, 2)) == [str(p) for p in many] and pids == []
    large = tmp_path / "large"
    for i in range(3):
        (large / f"{i}.md").write_text("The raid ended.\n" * 2000, encoding="utf-8")  # 32 KB each
    big = sorted(large.iterdir())
    assert list(runner.map_ordered(task, big, 2)) == [str(p) for p in big] and pids == []


def test_no_more_workers_than_chunks(tmp_path: Path, monkeypatch) -> None:
    started: list[int] = []
    original = runner._Workers.__init__

    def counting(self, task, count):  # type: ignore[no-untyped-def]
        started.append(count)
        original(self, task, count)

    monkeypatch.setattr(runner._Workers, "__init__", counting)
    files = _files(tmp_path, 9)  # chunks of two files: five chunks
    assert list(runner.map_ordered(lambda t: str(t), files, 8)) == [str(p) for p in files]
    assert started == [5]
