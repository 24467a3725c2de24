"""The suppression action leaves the Markdown around it as it was: the comment goes on a line of its
own after a line that closes a block (a code fence, front matter, a setext heading's underline, a
thematic break), and before a hard line break's marker, never after it (appended there, it turned
the closing fence, the front matter or the heading into text, and the hard break into a soft one)."""
from __future__ import annotations

from pathlib import Path

import pytest
from lsp_session import Session, apply_edits, run

AFTER = "The brutal raid ended.\n\nA brutal crackdown.\n"
CASES = {
    "fence": ("Intro.\n\n```\ncode\n```\n", "```"),
    "tilde fence": ("Intro.\n\n~~~ text\ncode\n~~~\n", "~~~"),
    "front matter": ("---\ntitle: Raid\n---\n", "---"),
    "setext heading": ("Raid\n=====\n", "====="),
    "thematic break": ("Intro.\n\n* * *\n", "* * *"),
    "backslash break": ("A line that breaks\\\n", "A line that breaks <!-- newslint-disable-next-line loaded.adjectives -->\\"),
    "spaces break": ("A line that breaks  \n", "A line that breaks <!-- newslint-disable-next-line loaded.adjectives -->  "),
}


@pytest.mark.parametrize("case", list(CASES))
def test_suppression_keeps_the_block_above(tmp_path: Path, case: str) -> None:
    before, above = CASES[case]
    text = before + AFTER
    line = before.count("\n")

    async def scenario() -> None:
        async with Session(tmp_path) as s:
            uri = s.uri("story.md")
            s.open(uri, text)
            found = await s.diagnostics(uri, 1)
            assert [d.range.start.line for d in found] == [line, line + 2]
            actions = [a for a in await s.code_actions(uri, found[0].range) if a.title.startswith("Suppress")]
            assert actions and actions[0].edit is not None and actions[0].edit.changes is not None
            fixed = apply_edits(text, actions[0].edit.changes[uri])
            lines = fixed.split("\n")
            assert lines[line - 1] == above, fixed
            version = s.replace_all(uri, fixed)
            after = await s.diagnostics(uri, version)
            assert [fixed.split("\n")[d.range.start.line] for d in after] == ["A brutal crackdown."], fixed
    run(scenario)
