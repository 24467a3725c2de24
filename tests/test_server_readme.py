"""The README's editor set-ups for `newslint server`: one for each editor, each starting the server
the same way, and each well-formed in its own language (as far as can be checked without the editor)."""
from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
import tomllib
from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
HEADING = "### In the editor: `newslint server`"


def _snippets() -> list[tuple[str, str]]:
    section = README[README.index(HEADING):]
    section = section[:section.index("\n## ")]
    return [(m.group(1), m.group(2)) for m in re.finditer(r"^```(\w*)\n(.*?)^```", section, re.DOTALL | re.MULTILINE)]


def test_one_set_up_per_editor_each_starting_the_server() -> None:
    snippets = _snippets()
    assert [lang for lang, _ in snippets] == ["json", "lua", "toml", "json", "elisp"]
    for lang, body in snippets:
        assert '"newslint"' in body and '"server"' in body, (lang, body)


def test_snippets_are_well_formed() -> None:
    (vscode, _), (lua, _), (helix, _), (sublime, _), (elisp, _) = [(b, lang) for lang, b in _snippets()]
    settings = json.loads("{" + vscode + "}")
    assert settings["glspc.server.command"] == "newslint" and settings["glspc.server.commandArguments"] == ["server"]
    languages = tomllib.loads(helix)
    assert languages["language-server"]["newslint"] == {"command": "newslint", "args": ["server"]}
    assert "newslint" in languages["language"][0]["language-servers"]
    client = json.loads("{" + sublime + "}")["clients"]["newslint"]
    assert client["command"] == ["newslint", "server"] and client["enabled"] is True
    assert elisp.count("(") == elisp.count(")")
    assert lua.count("(") == lua.count(")") and lua.count("{") == lua.count("}")


@pytest.mark.skipif(shutil.which("luac") is None and shutil.which("nvim") is None, reason="no Lua to parse with")
def test_neovim_snippet_parses(tmp_path) -> None:
    (lua,) = [b for lang, b in _snippets() if lang == "lua"]
    script = tmp_path / "init.lua"
    script.write_text(lua, encoding="utf-8")
    if shutil.which("luac"):
        done = subprocess.run(["luac", "-p", str(script)], capture_output=True, text=True, check=False)
    else:  # Neovim's loadfile parses without running
        check = tmp_path / "check.lua"
        check.write_text(f'local f, err = loadfile("{script}")\nif not f then io.stderr:write(err) os.exit(1) end\n'
                         "vim.cmd('qa!')\n", encoding="utf-8")
        done = subprocess.run(["nvim", "--headless", "--clean", "-c", f"luafile {check}"], capture_output=True,
                              text=True, timeout=60, check=False, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
