"""Code actions whose edits must land on the text they were made for: with a client that takes
versioned edits, each edit names the buffer version it was computed on, so an editor refuses it
once the user has typed since (instead of writing over what they typed)."""
from __future__ import annotations

from pathlib import Path

from lsp_session import Session, apply_edits, house_rule, run
from lsprotocol import types as lsp

def _versioned(action: lsp.CodeAction, uri: str) -> tuple[int | None, list[lsp.TextEdit]]:
    assert action.edit is not None and action.edit.changes is None, action.edit
    assert action.edit.document_changes is not None and len(action.edit.document_changes) == 1
    change = action.edit.document_changes[0]
    assert isinstance(change, lsp.TextDocumentEdit) and change.text_document.uri == uri
    edits = [e for e in change.edits if isinstance(e, lsp.TextEdit)]
    return change.text_document.version, edits


def test_code_action_edits_name_the_version_they_were_made_for(tmp_path: Path) -> None:
    house_rule(tmp_path, "walk")
    text = "# Walk\n\nThe singer 🎤 walked towards the stage.\n"

    async def scenario() -> None:
        async with Session(tmp_path, document_changes=True) as s:
            uri = s.uri("walk.md")
            s.open(uri, text)
            found = await s.diagnostics(uri, 1)
            actions = await s.code_actions(uri, found[0].range)
            assert [a.title.split(" (")[0] for a in actions] == [
                "Replace 'towards' with 'toward'", "Apply every safe newslint fix in this file", "Suppress plain.walk on this line"]
            for action in actions:
                version, edits = _versioned(action, uri)
                assert version == 1
            assert apply_edits(text, _versioned(actions[0], uri)[1]) == text.replace("towards", "toward")
            # the user types before the stage (no lint yet: the code action asks for the buffer as it is now)
            typed = text.replace("towards the", "towards 😀 the")
            line, col = 2, len("The singer 🎤 walked towards ".encode("utf-16-le")) // 2
            version = s.change(uri, [lsp.TextDocumentContentChangePartial(
                range=lsp.Range(lsp.Position(line, col), lsp.Position(line, col)), text="😀 ")])
            actions = await s.code_actions(uri, found[0].range)
            made_for, edits = _versioned(actions[0], uri)
            assert made_for == version == 2
            assert apply_edits(typed, edits) == typed.replace("towards", "toward")
    run(scenario)
