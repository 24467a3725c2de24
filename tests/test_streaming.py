"""Reports are written as files are linted: memory does not grow with the number of files, and a
report to a file replaces it only when the run ends without an error."""
from __future__ import annotations

import gc
import json
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner

from newslint import batch, report
from newslint import parallel as runner
from newslint.cli import main
from newslint.formats import OutputFormat, Report, Spool, render

WORDS = ["council", "harbour", "budget", "ferry", "school", "bridge", "clinic", "market", "river", "station"]


def _article(i: int) -> str:
    """About 16 KB of made-up copy, different in every file, with findings in every paragraph."""
    paragraphs = []
    for p in range(90):
        a, b = WORDS[(i + p) % len(WORDS)], WORDS[(i * 7 + p * 3) % len(WORDS)]
        paragraphs.append(f"The brutal {a} vote on item {i}-{p} was the worst ever for the {b}, experts say. "
                          f"Residents of the {b} district met on Tuesday to discuss the {a} plan and its costs.")
    return "\n\n".join(paragraphs) + "\n"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("many")
    for i in range(20):
        (root / f"{i:03d}.md").write_text(_article(i), encoding="utf-8")
    return root


@pytest.mark.parametrize("fmt", [f.value for f in OutputFormat])
def test_memory_does_not_grow_with_the_number_of_files(folder: Path, tmp_path: Path, monkeypatch, fmt: str) -> None:
    """The memory held after each file is reported stays level: no file's text or findings are kept."""
    held: list[int] = []
    add = report.Report.add

    def measured(self: report.Report, result: object, run: batch.Run) -> None:
        add(self, result, run)
        gc.collect()  # what is kept, not garbage that a collection has yet to free
        held.append(tracemalloc.get_traced_memory()[0])

    monkeypatch.setattr(report.Report, "add", measured)
    monkeypatch.setattr(Spool, "LIMIT", 1024)  # what a format sets aside goes to a temporary file early
    texts = sum(len(p.read_text(encoding="utf-8")) for p in folder.iterdir())
    tracemalloc.start()
    try:
        result = CliRunner().invoke(main, ["check", "--format", fmt, "--jobs", "1", "--select", "loaded,superlative",
                                           "--output", str(tmp_path / "report"), str(folder)])
    finally:
        tracemalloc.stop()
    assert result.exit_code == 1, result.output
    assert len(held) == 20
    growth = held[-1] - held[4]  # after five files, the last fifteen add nothing that stays (keeping
    # their texts would be 15/20 of `texts`; what is left is the interpreter's own caches settling)
    assert growth < texts / 4, f"{growth} bytes kept over 15 files of {texts // 20} characters each"


def test_report_text_is_the_same_as_a_whole_render(folder: Path) -> None:
    """The streamed report is the report rendered from every finding at once."""
    files = sorted(folder.iterdir())[:3]
    out = CliRunner().invoke(main, ["check", "--format", "json", *map(str, files)]).stdout
    findings = json.loads(out)["findings"]
    assert findings and {f["path"] for f in findings} == {str(p) for p in files}
    from newslint.finding import Finding, Severity

    from newslint.document.positions import offset_of

    sources = {str(p): p.read_text(encoding="utf-8") for p in files}
    whole = [Finding(**{**f, "severity": Severity.parse(f["severity"]), "suggestions": tuple(f["suggestions"]),
                        "start": offset_of(sources[f["path"]], f["line"], f["column"]),
                        "end": offset_of(sources[f["path"]], f["end_line"], f["end_column"])})
             for f in findings]
    report = Report(whole, sources, [str(p) for p in files])
    for fmt in ("json", "github", "text", "sarif"):
        streamed = CliRunner().invoke(main, ["check", "--format", fmt, "--no-color", *map(str, files)]).stdout
        rendered = render(OutputFormat(fmt), report)
        if fmt == "sarif":  # the CLI's rule list (which ruleIndex counts in) names every rule that ran
            streamed, rendered = ([{**r, "ruleIndex": 0} for r in json.loads(out)["runs"][0]["results"]]
                                  for out in (streamed, rendered))
        assert streamed == rendered, fmt


@pytest.mark.parametrize("jobs", [1, 2])
def test_files_are_handed_out_only_a_few_ahead_of_the_results(jobs: int) -> None:
    given: list[Path] = []

    def targets():
        for i in range(200):
            given.append(Path(f"{i:03d}.md"))
            yield given[-1]

    results = runner.map_ordered(str, targets(), jobs)
    assert next(results) == "000.md"
    assert len(given) <= 80  # the lookahead that chooses, a few chunks per worker: never the whole list
    assert ["000.md", *results] == [f"{i:03d}.md" for i in range(200)]


def test_an_error_mid_run_leaves_the_report_file_as_it_was(folder: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(_article(1), encoding="utf-8")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / ".newslint.yaml").write_text("select: [nope]\n", encoding="utf-8")
    (tmp_path / "b" / "c.md").write_text(_article(2), encoding="utf-8")
    report = tmp_path / "report.json"
    report.write_text("keep", encoding="utf-8")
    for fmt in ("json", "html"):
        result = CliRunner().invoke(main, ["check", "--format", fmt, "--output", str(report), "a.md", "b"])
        assert result.exit_code == 2 and "unknown rule or family 'nope'" in result.stderr
        assert report.read_text(encoding="utf-8") == "keep"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "b", "report.json"]  # no temporary left
    assert CliRunner().invoke(main, ["check", "--format", "json", "--output", str(report), "a.md"]).exit_code == 1
    assert json.loads(report.read_text(encoding="utf-8"))["findings"]
