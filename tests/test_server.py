"""The language server end to end: a real LSP client (pygls) drives `python -m newslint server`
over stdio, as an editor does."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from lsp_session import HOUSE_RULE, ROOT, Session, apply_edits, as_changes, house_rule, run, units
from lsprotocol import types as lsp

ARTICLE = (
    "# Council vote\n"
    "\n"
    "The council approved the budget on Monday, the clerk said.\n"
    "It was a brutal session for the mayor.\n"
)
def _codes(diagnostics: list[lsp.Diagnostic]) -> list[str]:
    return [str(d.code) for d in diagnostics]


def _slice(text: str, r: lsp.Range, encoding: str) -> str:
    marker = "\x00"
    marked = apply_edits(text, [lsp.TextEdit(range=lsp.Range(r.start, r.start), new_text=marker),
                                lsp.TextEdit(range=lsp.Range(r.end, r.end), new_text=marker)], encoding)
    return marked.split(marker)[1]


def test_diagnostics_after_open_and_after_an_edit(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with Session(tmp_path) as s:
            uri = s.uri("story.md")
            s.open(uri, ARTICLE)
            first = await s.diagnostics(uri, 1)
            assert _codes(first) == ["loaded.adjectives"]
            d = first[0]
            assert (d.range.start.line, d.range.start.character, d.range.end.character) == (3, 9, 15)
            assert d.severity == lsp.DiagnosticSeverity.Warning and d.source == "newslint"
            assert d.code_description is not None
            assert d.code_description.href == (ROOT / "rules" / "loaded" / "adjectives.yaml").resolve().as_uri()
            # "brutal" -> "long": an incremental edit; the finding goes
            version = s.change(uri, [lsp.TextDocumentContentChangePartial(range=d.range, text="long")])
            assert await s.diagnostics(uri, version) == []
            # a new sentence typed at the end: a new finding, at its place
            version = s.change(uri, [lsp.TextDocumentContentChangePartial(
                range=lsp.Range(lsp.Position(4, 0), lsp.Position(4, 0)), text="Tragically, it rained.\n")])
            after = await s.diagnostics(uri, version)
            assert [(str(x.code).split(".")[0], x.range.start.line, x.range.start.character) for x in after] == \
                [("editorial", 4, 0)]
            # saving lints at once; closing clears
            before = s.count(uri)
            s.save(uri)
            assert await s.diagnostics(uri, version, after=before) == after
            before = s.count(uri)
            s.close(uri)
            assert await s.diagnostics(uri, after=before) == []
    run(scenario)


def test_edits_are_debounced(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with Session(tmp_path, debounce_ms=400) as s:
            uri = s.uri("story.md")
            s.open(uri, ARTICLE)
            await s.diagnostics(uri, 1)
            text = ARTICLE
            for word in ("It ", "was ", "audacious. "):  # typed quickly: one lint for the last version
                text += word
                last = s.replace_all(uri, text)
            found = await s.diagnostics(uri, after=1)
            assert s.published[uri][1].version == last
            assert "loaded.adjectives" in _codes(found) and len(s.published[uri]) == 2
    run(scenario)


EMOJI_LINE = "The 😀🎉 deadliest storm 𝔸 in history hit, a brutal 👍🏽 one.\n"


@pytest.mark.parametrize("offered, agreed", [(None, "utf-16"), (["utf-8"], "utf-8"), (["utf-32", "utf-16"], "utf-32")])
def test_ranges_land_on_the_flagged_characters(tmp_path: Path, offered: list[str] | None, agreed: str) -> None:
    async def scenario() -> None:
        async with Session(tmp_path, encodings=offered) as s:
            assert s.encoding == agreed
            uri = s.uri("emoji.md")
            text = "# Weather\n\n" + EMOJI_LINE
            s.open(uri, text)
            found = await s.diagnostics(uri, 1)
            flagged = [(str(d.code), _slice(text, d.range, agreed)) for d in found]
            assert flagged == [("superlative.claims", "in history"), ("loaded.adjectives", "brutal")]
            start = EMOJI_LINE.index("brutal")
            assert found[1].range.start.character == units(EMOJI_LINE[:start], agreed)
            assert found[1].range.end.character == units(EMOJI_LINE[:start + 6], agreed)
            # an edit given in the same units lands where the client meant it
            version = s.change(uri, [lsp.TextDocumentContentChangePartial(range=found[1].range, text="long 🌪")])
            after = await s.diagnostics(uri, version)
            assert [str(d.code) for d in after] == ["superlative.claims"]
            version = s.change(uri, [lsp.TextDocumentContentChangePartial(range=found[0].range, text="🌊 here")])
            assert await s.diagnostics(uri, version) == []
    run(scenario)


def test_safe_fix_action_applied_and_relinted(tmp_path: Path) -> None:
    house_rule(tmp_path, "obituary")
    text = "# Concert\n\nThe singer 🎤 walked towards the stage. Her brother ran towards it.\n"

    async def scenario() -> None:
        async with Session(tmp_path) as s:
            uri = s.uri("obit.md")
            s.open(uri, text)
            found = await s.diagnostics(uri, 1)
            assert _codes(found) == ["plain.obituary", "plain.obituary"]
            actions = await s.code_actions(uri, found[0].range)
            titles = [a.title for a in actions]
            assert titles == ["Replace 'towards' with 'toward' (plain.obituary)",
                              "Apply every safe newslint fix in this file (2)",
                              "Suppress plain.obituary on this line"]
            fix = actions[0]
            assert fix.kind == lsp.CodeActionKind.QuickFix and fix.is_preferred
            assert fix.edit is not None and fix.edit.changes is not None
            edits = fix.edit.changes[uri]
            fixed = apply_edits(text, edits)
            assert fixed == text.replace("towards", "toward", 1)
            version = s.change(uri, as_changes(text, edits))
            after = await s.diagnostics(uri, version)
            assert len(after) == 1 and _slice(fixed, after[0].range, "utf-16") == "towards"
            # every safe fix at once, asked for as a source action
            actions = await s.code_actions(uri, lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)),
                                           only=["source.fixAll"])
            assert [a.kind for a in actions] == ["source.fixAll.newslint"]
            assert actions[0].edit is not None and actions[0].edit.changes is not None
            edits = actions[0].edit.changes[uri]
            final = apply_edits(fixed, edits)
            assert final == text.replace("towards", "toward")
            version = s.change(uri, as_changes(fixed, edits))
            assert await s.diagnostics(uri, version) == []
    run(scenario)


def test_builtin_fixes_safe_and_unsafe(tmp_path: Path) -> None:
    text = "# Plant\n\nThe founder passed away on Monday. Tragically, the downsizing 🏭 hit the plant.\n"

    async def scenario() -> None:
        async with Session(tmp_path) as s:
            uri = s.uri("plant.md")
            s.open(uri, text)
            found = await s.diagnostics(uri, 1)
            by_text = {_slice(text, d.range, "utf-16"): d for d in found}
            assert {"passed away", "Tragically", "downsizing"} <= set(by_text)
            offered = {}
            for words in ("passed away", "Tragically", "downsizing"):
                actions = await s.code_actions(uri, by_text[words].range)
                fix = actions[0]
                assert fix.edit is not None and fix.edit.changes is not None
                offered[words] = (fix.title, fix.is_preferred, apply_edits(text, fix.edit.changes[uri]))
            assert offered["passed away"] == ("Replace 'passed away' with 'died' (euphemisms.plain)", True,
                                              text.replace("passed away", "died"))
            assert offered["Tragically"][1] is True and offered["Tragically"][2] == text.replace("Tragically, the", "The")
            title, preferred, fixed = offered["downsizing"]  # a swap to read first: offered, not preferred
            assert "not a safe fix" in title and preferred is False and "downsizing" not in fixed
            # every safe fix: the unsafe one is left
            (every,) = await s.code_actions(uri, by_text["passed away"].range, only=["source.fixAll"])
            assert every.edit is not None and every.edit.changes is not None
            assert apply_edits(text, every.edit.changes[uri]) == \
                text.replace("passed away", "died").replace("Tragically, the", "The")
    run(scenario)


def test_suppress_action_keeps_the_paragraph_and_silences_the_rule(tmp_path: Path) -> None:
    text = "# Vote\n\nThe council met on Monday,\nand it was a brutal session.\n\nA brutal day.\n"

    async def scenario() -> None:
        async with Session(tmp_path) as s:
            uri = s.uri("vote.md")
            s.open(uri, text)
            found = await s.diagnostics(uri, 1)
            assert [(str(d.code), d.range.start.line) for d in found] == [("loaded.adjectives", 3),
                                                                        ("loaded.adjectives", 5)]
            current, version = text, 1
            for d in reversed(found):  # the later one first: earlier positions stay valid
                actions = await s.code_actions(uri, d.range)
                (suppress,) = [a for a in actions if a.title.startswith("Suppress")]
                assert suppress.edit is not None and suppress.edit.changes is not None
                edits = suppress.edit.changes[uri]
                current = apply_edits(current, edits)
                version = s.change(uri, as_changes(current, edits))
            assert current == ("# Vote\n\nThe council met on Monday, <!-- newslint-disable-next-line loaded.adjectives -->\n"
                               "and it was a brutal session.\n\n"
                               "<!-- newslint-disable-next-line loaded.adjectives -->\nA brutal day.\n")
            assert await s.diagnostics(uri, version) == []
            # MDX takes a JSX comment; plain text gets no comment (it would be words of the article)
            mdx = s.uri("vote.mdx")
            s.open(mdx, "import X from './x'\n\nA brutal day.\n")
            (d,) = await s.diagnostics(mdx, 1)
            (suppress,) = [a for a in await s.code_actions(mdx, d.range) if a.title.startswith("Suppress")]
            assert suppress.edit is not None and suppress.edit.changes is not None
            edits = suppress.edit.changes[mdx]
            assert [e.new_text for e in edits] == ["{/* newslint-disable-next-line loaded.adjectives */}\n"]
            version = s.change(mdx, as_changes("", edits))
            assert await s.diagnostics(mdx, version) == []
            txt = s.uri("vote.txt")
            s.open(txt, "A brutal day.\n")
            (d,) = await s.diagnostics(txt, 1)
            assert not [a for a in await s.code_actions(txt, d.range) if a.title.startswith("Suppress")]
    run(scenario)


def test_folded_findings_are_related_information(tmp_path: Path) -> None:
    (tmp_path / "house" / "desk").mkdir(parents=True)
    (tmp_path / "house" / "desk" / "obituary.yaml").write_text(
        "kind: substitution\nseverity: error\nmessage: \"Say '{replacement}'.\"\nswap:\n  passed away: died\n",
        encoding="utf-8")
    (tmp_path / ".newslint.yaml").write_text("rules: [house]\n", encoding="utf-8")
    text = "The actor 🎭 passed away on Sunday.\n"

    async def scenario() -> None:
        async with Session(tmp_path) as s:
            uri = s.uri("obit.md")
            s.open(uri, text)
            (d,) = await s.diagnostics(uri, 1)
            assert d.code == "desk.obituary" and d.related_information is not None
            (also,) = d.related_information
            assert also.message == "also euphemisms.plain" and also.location.uri == uri
            assert _slice(text, also.location.range, "utf-16") == "passed away"
            hover = await s.hover(uri, 0, 15)
            assert hover is not None and "Also flagged here: euphemisms.plain" in str(hover.contents)
    run(scenario)


def test_hover_explains_the_rule(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with Session(tmp_path) as s:
            uri = s.uri("story.md")
            s.open(uri, ARTICLE)
            await s.diagnostics(uri, 1)
            hover = await s.hover(uri, 3, 11)
            assert hover is not None and isinstance(hover.contents, lsp.MarkupContent)
            assert hover.contents.value.startswith("**loaded.adjectives** (warning): 'brutal' tells the reader")
            assert "Why: " in hover.contents.value
            assert await s.hover(uri, 2, 4) is None
    run(scenario)


def test_config_change_is_picked_up(tmp_path: Path) -> None:
    config = tmp_path / ".newslint.yaml"

    async def scenario() -> None:
        async with Session(tmp_path) as s:
            await s.until(lambda: s.registrations or None)
            watchers = s.registrations[0].register_options
            assert s.registrations[0].method == "workspace/didChangeWatchedFiles"
            assert isinstance(watchers, dict)  # (the client does not know the options' type)
            assert "**/.newslint.yaml" in [w["globPattern"] for w in watchers["watchers"]]
            uri = s.uri("story.md")
            s.open(uri, ARTICLE)
            assert _codes(await s.diagnostics(uri, 1)) == ["loaded.adjectives"]
            config.write_text("ignore: [loaded]\n", encoding="utf-8")
            before = s.count(uri)
            s.files_changed(config)
            assert await s.diagnostics(uri, after=before) == []
            # a config saved in the editor is read again too
            config.write_text("severity: {loaded: error}\n", encoding="utf-8")
            before = s.count(uri)
            s.save(config.as_uri())
            (d,) = await s.diagnostics(uri, after=before)
            assert d.severity == lsp.DiagnosticSeverity.Error
            # excluded files are not linted, as `newslint check` skips them
            config.write_text("exclude: ['drafts/**']\n", encoding="utf-8")
            s.files_changed(config)
            draft = s.uri("drafts/story.md")
            s.open(draft, ARTICLE)
            assert await s.diagnostics(draft, 1) == []
    run(scenario)


def test_bad_rule_file_is_one_diagnostic_and_the_server_keeps_serving(tmp_path: Path) -> None:
    house_rule(tmp_path, "obituary")
    rule = tmp_path / "house" / "plain" / "obituary.yaml"
    rule.write_text(HOUSE_RULE + "colour: red\n", encoding="utf-8")

    async def scenario() -> None:
        async with Session(tmp_path) as s:
            uri = s.uri("obit.md")
            s.open(uri, "She walked towards the car.\n")
            (d,) = await s.diagnostics(uri, 1)
            assert d.severity == lsp.DiagnosticSeverity.Error and str(rule) in d.message and "colour" in d.message
            (on_rule,) = await s.diagnostics(rule.as_uri())
            assert on_rule.range.start.line == 6  # the offending key's line
            message = await s.until(lambda: s.messages[0] if s.messages else None)
            assert message.type == lsp.MessageType.Error and str(rule) in message.message
            # a file outside that rule set is still linted
            other = (tmp_path / "elsewhere")
            other.mkdir()
            (other / ".newslint.yaml").write_text("ignore: []\n", encoding="utf-8")
            fine = s.uri("elsewhere/story.md")
            s.open(fine, ARTICLE)
            assert _codes(await s.diagnostics(fine, 1)) == ["loaded.adjectives"]
            # the rule repaired: both files are clean of the error, the rule runs
            rule.write_text(HOUSE_RULE, encoding="utf-8")
            before = s.count(rule.as_uri())
            s.files_changed(rule)
            assert await s.diagnostics(rule.as_uri(), after=before) == []
            assert _codes(await s.diagnostics(uri, 1, after=1)) == ["plain.obituary"]
    run(scenario)


def test_bad_config_is_reported_naming_the_file(tmp_path: Path) -> None:
    config = tmp_path / ".newslint.yaml"
    config.write_text("selcet: [loaded]\n", encoding="utf-8")

    async def scenario() -> None:
        async with Session(tmp_path) as s:
            uri = s.uri("story.md")
            s.open(uri, ARTICLE)
            (d,) = await s.diagnostics(uri, 1)
            assert str(config) in d.message and "selcet" in d.message
            version = s.replace_all(uri, ARTICLE + "More.\n")  # still serving: edits get the same answer
            (again,) = await s.diagnostics(uri, version)
            assert again.message == d.message
    run(scenario)


def test_unsaved_buffer_is_linted_as_markdown(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with Session(tmp_path) as s:
            uri = "untitled:Untitled-1"
            s.open(uri, "`a brutal code span`\n\nA brutal raid.\n", language="plaintext")
            found = await s.diagnostics(uri, 1)
            assert [(str(d.code), d.range.start.line) for d in found] == [("loaded.adjectives", 2)]
    run(scenario)


def test_only_what_the_cli_lints(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()  # the top of a work tree, whose ignore files count
    (tmp_path / ".gitignore").write_text("drafts/\n", encoding="utf-8")
    (tmp_path / ".newslint.yaml").write_text("exclude: ['*.old.md']\n", encoding="utf-8")

    async def scenario() -> None:
        async with Session(tmp_path) as s:
            for name in ("notes.rst", "script.py", "drafts/story.md", "story.old.md"):
                s.open(s.uri(name), ARTICLE, language="plaintext")
                assert await s.diagnostics(s.uri(name), 1) == [], name
            s.open(s.uri("story.txt"), ARTICLE, language="plaintext")
            assert _codes(await s.diagnostics(s.uri("story.txt"), 1)) == ["loaded.adjectives"]
            page = "<html><body><nav>A brutal menu</nav><article><p>It was a brutal session.</p></article></body></html>\n"
            s.open(s.uri("story.html"), page, language="html")
            (d,) = await s.diagnostics(s.uri("story.html"), 1)
            assert _slice(page, d.range, "utf-16") == "brutal" and d.range.start.character == page.index("brutal session")
            # the ignore file changes: the draft is linted now
            (tmp_path / ".gitignore").write_text("", encoding="utf-8")
            before = s.count(s.uri("drafts/story.md"))
            s.files_changed(tmp_path / ".gitignore")
            assert _codes(await s.diagnostics(s.uri("drafts/story.md"), after=before)) == ["loaded.adjectives"]
    run(scenario)


def test_diagnostics_equal_the_cli_findings(tmp_path: Path) -> None:
    house_rule(tmp_path, "obituary")
    (tmp_path / ".newslint.yaml").write_text(
        "rules: [house]\nseverity: {superlative: error}\nignore: [length]\n"
        "per_path: {'desk/**': {accepted: [Operation Brutal Storm]}}\n", encoding="utf-8")
    text = ("---\ntype: opinion\n---\n# A storm 🌩 and a vote\n\n"
            "Tragically, the deadliest storm 🌪 in history hit the coast, officials said.\n"
            "Operation Brutal Storm was a brutal plan, an audacious one; its author walked towards it.\n\n"
            "<!-- newslint-disable-next-line superlative -->\nThe biggest crowd ever gathered.\n\n"
            "<!-- newslint-disable-next-line loaded.adverbs -->\nIt rained.\n\n"
            "Critics argue the plan was a resounding failure. 𝔸 \"It was heroic,\" she said.\n")
    (tmp_path / "desk").mkdir()
    cli = subprocess.run([sys.executable, "-m", "newslint", "check", "--format", "json", "--stdin-filename",
                          "desk/story.md", "-"], check=False, input=text.encode(), cwd=tmp_path, capture_output=True,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "NEWSLINT_NO_CACHE": "1"})
    assert cli.returncode == 1, cli.stderr
    expected = [(f["rule"], f["severity"], f["message"], f["line"], f["column"], f["end_line"], f["end_column"])
                for f in json.loads(cli.stdout)["findings"]]
    assert len(expected) >= 6 and {"newslint.unused-suppression", "plain.obituary"} <= {e[0] for e in expected}
    names = {lsp.DiagnosticSeverity.Error: "error", lsp.DiagnosticSeverity.Warning: "warning",
             lsp.DiagnosticSeverity.Information: "suggestion"}
    lines = text.split("\n")

    def column(line: int, character: int) -> int:  # UTF-16 units -> 1-based code points
        for i in range(len(lines[line]) + 1):
            if units(lines[line][:i]) == character:
                return i + 1
        raise AssertionError((line, character))

    async def scenario() -> None:
        async with Session(tmp_path) as s:
            uri = s.uri("desk/story.md")
            s.open(uri, text)
            found = await s.diagnostics(uri, 1)
            got = [(str(d.code), names[d.severity], d.message,  # type: ignore[index]
                    d.range.start.line + 1, column(d.range.start.line, d.range.start.character),
                    d.range.end.line + 1, column(d.range.end.line, d.range.end.character)) for d in found]
            assert got == expected
    run(scenario)


def test_no_fix_is_offered_inside_quotation_marks(tmp_path: Path) -> None:
    text = "# Gate\n\nThe banner \"Police slammed us\" hung over the gate. Officials slammed the plan.\n"

    async def scenario() -> None:
        async with Session(tmp_path) as s:
            uri = s.uri("gate.md")
            s.open(uri, text)
            found = await s.diagnostics(uri, 1)
            quoted, plain = sorted((d for d in found if str(d.code) == "loaded.neutral"),
                                   key=lambda d: d.range.start.character)
            assert _slice(text, quoted.range, "utf-16") == _slice(text, plain.range, "utf-16") == "slammed"
            inside = [a for a in await s.code_actions(uri, quoted.range) if a.kind == "quickfix" and a.edit]
            assert all("slammed" not in a.title for a in inside)  # reported, but the speaker's words stay
            outside = [a for a in await s.code_actions(uri, plain.range) if a.edit and "slammed" in a.title]
            assert outside and apply_edits(text, outside[0].edit.changes[uri]).count("slammed") == 1
    run(scenario)
