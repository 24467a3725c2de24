"""A bad rule file's error stays on it while the user opens, edits and saves it (it is not a file
newslint lints, and the server used to publish an empty list for it on opening, wiping the error
the user opened it to see)."""
from __future__ import annotations

from pathlib import Path

from lsp_session import Session, run
from lsprotocol import types as lsp

BAD = "kind: substitution\nswap:\n\t- x: [\n"


def test_a_bad_rule_files_error_stays_while_it_is_open(tmp_path: Path) -> None:
    (tmp_path / "house" / "plain").mkdir(parents=True)
    (tmp_path / ".newslint.yaml").write_text("rules: [house]\n", encoding="utf-8")
    bad = tmp_path / "house" / "plain" / "bad.yaml"
    bad.write_text(BAD, encoding="utf-8")

    async def scenario() -> None:
        async with Session(tmp_path) as s:
            article, rule = s.uri("story.md"), bad.as_uri()

            async def on_rule_file() -> list[lsp.Diagnostic]:
                await s.hover(s.uri("not-open.md"), 0, 0)  # answered once everything sent before it is handled
                return list(s.published[rule][-1].diagnostics)

            s.open(article, "The brutal raid ended.\n")
            assert [d.code for d in await s.diagnostics(article, 1)] == ["newslint.error"]
            assert [d.range.start.line for d in await on_rule_file()] == [2]
            s.open(rule, BAD, "yaml")
            assert [d.range.start.line for d in await on_rule_file()] == [2]
            s.replace_all(rule, BAD + "# still broken\n")
            bad.write_text(BAD + "# still broken\n", encoding="utf-8")
            s.save(rule)
            assert [d.range.start.line for d in await on_rule_file()] == [2]
            bad.write_text("kind: substitution\nmessage: x\nswap:\n  towards: toward\n", encoding="utf-8")
            s.save(rule)
            assert await on_rule_file() == []
            assert [d.code for d in s.published[article][-1].diagnostics] == ["loaded.adjectives"]
            s.close(rule)
    run(scenario)
