"""An unsaved buffer is read as the language the editor says it holds (its languageId): HTML as
HTML, MDX as MDX, anything else as Markdown (plain text too: see test_unsaved_buffer_is_linted_as_markdown)."""
from __future__ import annotations

from pathlib import Path

from lsp_session import Session, run
from lsprotocol import types as lsp

PAGE = ('<html><head><title>Brutal raid</title><script>var s = "a brutal raid";</script></head>\n'
        '<body><p>The raid and the brutal crackdown.</p></body></html>\n')


def test_unsaved_buffers_are_read_in_their_language(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with Session(tmp_path) as s:
            s.open("untitled:page", PAGE, "html")
            found = await s.diagnostics("untitled:page", 1)
            assert [(d.code, d.range.start.line) for d in found] == [("loaded.adjectives", 1)]  # not the title nor the script
            s.open("untitled:card", "{/* a brutal aside */}\n\nThe brutal raid ended.\n", "mdx")
            found = await s.diagnostics("untitled:card", 1)
            assert [d.range.start.line for d in found] == [2]  # an MDX comment is not copy
            actions = await s.code_actions("untitled:card", found[0].range)
            suppress = [a for a in actions if a.title.startswith("Suppress")]
            assert suppress and suppress[0].edit is not None and suppress[0].edit.changes is not None
            assert "{/* newslint-disable-next-line" in suppress[0].edit.changes["untitled:card"][0].new_text
            s.open("untitled:story", PAGE, "markdown")
            assert len(await s.diagnostics("untitled:story", 1)) == 3
            actions = await s.code_actions("untitled:story", lsp.Range(lsp.Position(1, 0), lsp.Position(1, 60)))
            assert [a for a in actions if a.title.startswith("Suppress")]
    run(scenario)
