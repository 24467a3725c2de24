"""`newslint init`: a commented starting configuration that loads, appended to pyproject.toml or
written as .newslint.yaml; an existing configuration is never touched."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from newslint import config
from newslint.cli import main
from newslint.rulebook import load_rules

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]


def init(folder: Path, monkeypatch: pytest.MonkeyPatch, *args: str):
    monkeypatch.chdir(folder)
    return CliRunner().invoke(main, ["init", *args])


def test_yaml_when_there_is_no_pyproject(tmp_path, monkeypatch):
    result = init(tmp_path, monkeypatch)
    assert result.exit_code == 0, result.output
    text = (tmp_path / ".newslint.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(text) == {"fail_on": "warning"}
    assert config.load(tmp_path / ".newslint.yaml").fail_on == "warning"
    for rule in load_rules():  # every family and rule is listed, with its default
        assert rule.family in text and rule.id.split(".", 1)[1] in text
    assert "dates (suggestion, off)" in text and "adjectives (warning)" in text
    again = init(tmp_path, monkeypatch)
    assert again.exit_code == 2 and "already holds a newslint configuration" in again.stderr
    assert (tmp_path / ".newslint.yaml").read_text(encoding="utf-8") == text


@pytest.mark.parametrize("before", [b'[project]\nname = "desk"\n', b'[project]\r\nname = "desk"', b""])
def test_appended_to_pyproject_keeping_what_is_there(tmp_path, monkeypatch, before):
    (tmp_path / "pyproject.toml").write_bytes(before)
    if not before:
        (tmp_path / "pyproject.toml").unlink()
        result = init(tmp_path, monkeypatch, "--pyproject")
    else:
        result = init(tmp_path, monkeypatch)
    assert result.exit_code == 0, result.output
    after = (tmp_path / "pyproject.toml").read_bytes()
    assert after.startswith(before) and not (tmp_path / ".newslint.yaml").exists()
    if b"\r\n" in before:
        assert b"\n" not in after.replace(b"\r\n", b"")  # one kind of line ending
    data = tomllib.loads(after.decode("utf-8"))
    assert data["tool"]["newslint"] == {"fail_on": "warning"}
    if before:
        assert data["project"]["name"] == "desk"
    assert config.load(tmp_path / "pyproject.toml").fail_on == "warning"
    assert init(tmp_path, monkeypatch).exit_code == 2
    assert (tmp_path / "pyproject.toml").read_bytes() == after


def test_an_existing_config_or_a_broken_pyproject_is_left_alone(tmp_path, monkeypatch):
    (tmp_path / ".newslint.yml").write_text("ignore: [loaded]\n", encoding="utf-8")
    result = init(tmp_path, monkeypatch, "--pyproject")
    assert result.exit_code == 2 and ".newslint.yml" in result.stderr and not (tmp_path / "pyproject.toml").exists()
    other = tmp_path / "other"
    other.mkdir()
    (other / "pyproject.toml").write_text("[project\nname=", encoding="utf-8")
    result = init(other, monkeypatch)
    assert result.exit_code == 2 and "not valid TOML" in result.stderr
    assert (other / "pyproject.toml").read_text(encoding="utf-8") == "[project\nname="
    yaml_beside = tmp_path / "third"
    yaml_beside.mkdir()
    (yaml_beside / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    assert init(yaml_beside, monkeypatch, "--yaml").exit_code == 0
    assert (yaml_beside / ".newslint.yaml").is_file()
    assert (yaml_beside / "pyproject.toml").read_text(encoding="utf-8") == "[project]\nname = 'x'\n"


def test_shell_completion_scripts(monkeypatch):
    for shell, marker in (("bash", "complete -o"), ("zsh", "compdef"), ("fish", "complete --no-files")):
        monkeypatch.setenv("_NEWSLINT_COMPLETE", f"{shell}_source")
        result = CliRunner().invoke(main, [], prog_name="newslint")
        assert marker in result.output, (shell, result.output)
