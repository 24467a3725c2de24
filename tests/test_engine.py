"""The one pipeline: the library, the command line and a reader's document all reach the same findings."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import newslint
from newslint.cli import main
from newslint.document import Document
from newslint.engine import Engine, lint_file, lint_text

STORY = "The brutal raid ended.\n\nIt was the deadliest attack in history.\n"


def _cli(*args: str, input: str | None = None) -> list[dict[str, object]]:
    result = CliRunner().invoke(main, ["check", "--format", "json", *args], input=input)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)["findings"]  # type: ignore[no-any-return]


def _dicts(findings: list[newslint.engine.Finding]) -> list[dict[str, object]]:
    return [f.to_dict() for f in findings]


def test_lint_text_honours_suppression_comments():
    text = "<!-- newslint-disable loaded -->\n" + STORY
    assert [f.rule for f in lint_text(STORY, path="story.md")].count("loaded.adjectives") == 1
    assert [f.rule for f in lint_text(text, path="story.md") if f.rule.startswith("loaded")] == []
    unused = lint_text("<!-- newslint-disable hedges -->\nA calm day.\n", path="story.md")
    assert [f.rule for f in unused] == ["newslint.unused-suppression"]


def test_lint_text_reports_what_the_command_line_reports_for_that_path(tmp_path, monkeypatch):
    """The nearest configuration to the path (selection, accepted terms, severities) applies to a
    text as it does to the file on disk and to standard input given that name."""
    monkeypatch.chdir(tmp_path)
    desk = tmp_path / "desk"
    desk.mkdir()
    (desk / ".newslint.yaml").write_text("ignore: [superlative]\naccepted: [brutal raid]\n"
                                         "severity:\n  loaded: error\n", encoding="utf-8")
    story = desk / "story.md"
    text = STORY + "\nA savage day.\n"
    story.write_text(text, encoding="utf-8")
    from_text = _dicts(lint_text(text, path=str(story)))
    assert from_text == _dicts(lint_file(story)) == _cli(str(story))
    assert from_text == _cli("--stdin-filename", str(story), "-", input=text)
    assert [(f["rule"], f["severity"]) for f in from_text] == [("loaded.adjectives", "error")]
    elsewhere = lint_text(text, path=str(tmp_path / "story.md"))  # no configuration there
    rules = {f.rule for f in elsewhere}
    assert "loaded.adjectives" in rules and any(r.startswith("superlative.") for r in rules)


def test_a_document_from_a_reader_goes_through_the_same_steps(tmp_path):
    """A reader hands the engine a Document built from its source; findings carry the source's offsets."""
    import re

    from newslint.document.markup import Block, BlockKind
    from newslint.readers import Layout

    source = "<p>The brutal raid ended.</p>\n<!-- newslint-disable-next-line loaded -->\n<p>A savage day.</p>\n"
    prose = re.sub(r"<[^>]*>", lambda m: " " * len(m.group(0)), source)  # markup masked, offsets kept
    blocks = [Block(source.index("The"), source.index(".</p>") + 1, BlockKind.PARAGRAPH),
              Block(source.index("A savage"), source.rindex(".</p>") + 1, BlockKind.PARAGRAPH)]
    doc = Document.from_layout(source, "page.html", Layout(prose, blocks))
    outcome = Engine().lint_document(doc, None)
    [finding] = [f for f in outcome.findings if f.rule.startswith("loaded")]  # "savage" is suppressed
    assert source[finding.start:finding.end] == "brutal" == finding.text and (finding.line, finding.column) == (1, 8)


def test_rules_replace_the_selection_and_timeouts_are_noted_by_an_engine():
    from newslint.rulebook import load_rules

    only = [r for r in load_rules() if r.id == "superlative.claims"]
    assert {f.rule for f in lint_text(STORY, path="story.md", rules=only)} == {"superlative.claims"}
    outcome = Engine().lint_text(STORY, "story.md")
    assert outcome.errors == () and outcome.document.path == "story.md" and outcome.findings


def test_an_unreadable_file_raises_an_input_error(tmp_path):
    from newslint.errors import InputError

    (tmp_path / "bin.md").write_bytes(b"a\x00b")
    with pytest.raises(InputError, match="binary file"):
        lint_file(tmp_path / "bin.md")
    with pytest.raises(InputError, match="no such file"):
        lint_file(Path(tmp_path / "missing.md"))
