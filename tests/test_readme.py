"""The README's examples work when pasted: every shell, config, rule, Markdown and Python example is
run (in a copy of the repository and a virtual environment, so nothing here is installed or
changed), the pre-commit example through the real pre-commit, and the GitHub Actions example by
running the steps of `action.yml` locally.

The README marks what a reader fills in with angle brackets; this test fills them in (PLACEHOLDERS).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Iterator, NamedTuple

import pytest
import yaml

from conftest import ROOT

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

pytestmark = pytest.mark.skipif(shutil.which("git") is None or not (ROOT / ".git").exists(),
                                reason="needs git and a git checkout")

README = (ROOT / "README.md").read_text(encoding="utf-8")

# Examples not run here, and why (a line of a shell example, as written).
NOT_RUN = {
    "python3 -m pip install -e '.[test]' && python3 -m pytest": "it runs this test suite",
    "python3 benchmarks/bench.py ../shared/corpora/bbc-dev.jsonl": "a benchmark: minutes of CPU on a corpus",
    "python3 benchmarks/readers.py ../shared/corpora/bbc-dev.jsonl --archive-mb 1024": "a benchmark: a 1 GB archive",
}


class Example(NamedTuple):
    lang: str
    body: str
    heading: str


def examples() -> list[Example]:
    out = []
    for m in re.finditer(r"^```(\w*)\n(.*?)^```", README, re.S | re.M):
        before = README[:m.start()]
        heading = re.findall(r"^#+ (.+)$", before, re.M)[-1]
        out.append(Example(m.group(1), m.group(2), heading))
    return out


def shell_lines(body: str) -> Iterator[str]:
    for line in body.splitlines():
        command = re.split(r"\s{2,}#\s", line)[0].strip()
        if command and not command.startswith("#"):
            yield command


def _sh(command: str, cwd: Path, env: dict[str, str], timeout: int = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout, stdin=subprocess.DEVNULL)


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()


STORY = "The brutal raid ended.\n\nIt was calm, police said.\n"
OBIT = "The actor passed away on Sunday, his agent said.\n"


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """A copy of the repository as it stands (tracked and new files), a virtual environment that sees
    the installed dependencies, and a newsroom folder to lint."""
    base = tmp_path_factory.mktemp("readme")
    copy = base / "newslint"
    for name in _git("ls-files", "--cached", "--others", "--exclude-standard", "-z").split("\0"):
        if name and (ROOT / name).is_symlink():  # as a clone has it (newslint/rules links to rules/)
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            os.symlink(os.readlink(ROOT / name), copy / name)
        elif name and (ROOT / name).is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, copy / name)
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    env = {**os.environ, "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}", "VIRTUAL_ENV": str(venv),
           "PIP_DISABLE_PIP_VERSION_CHECK": "1", "NEWSLINT_NO_CACHE": "1",
           "PYTHONPATH": "", "PRE_COMMIT_HOME": str(base / "pre-commit")}
    env.pop("GITHUB_STEP_SUMMARY", None)
    desk = base / "desk"
    for rel, text in {"story.md": STORY, "obit.md": OBIT, "drafts/a.md": STORY, "drafts/b.md": OBIT,
                      "archive/old.md": STORY, "house/plain/obituary.yaml": "kind: substitution\nsafe: true\n"
                      "message: \"Use '{replacement}'.\"\nswap:\n  passed away: died\n"}.items():
        (desk / rel).parent.mkdir(parents=True, exist_ok=True)
        (desk / rel).write_text(text, encoding="utf-8")
    (desk / "old.txt").write_bytes(b"The shop closed, its owner said.\n")  # latin-1, and UTF-8 too: `check` of . reads it
    # the story in the other formats the Use examples name
    (desk / "story.mdx").write_text('import { Map } from "./map"\n\n<Map />\n\n' + STORY, encoding="utf-8")
    (desk / "story.html").write_text("<nav>Home</nav><article><p>The brutal raid ended.</p></article>", encoding="utf-8")
    (desk / "archive.jsonl").write_text(json.dumps({"id": "a1", "text": STORY}) + "\n", encoding="utf-8")
    (desk / "export.json").write_text(json.dumps([{"guid": "g1", "body_text": STORY}]), encoding="utf-8")
    import docx  # (the test extra installs python-docx)

    document = docx.Document()
    document.add_paragraph("The brutal raid ended.")
    document.save(str(desk / "story.docx"))
    return {"copy": copy, "venv": venv, "env": env, "desk": desk, "base": base}


PLACEHOLDERS = {  # what the README asks a reader to fill in, filled in by this test
    "<checkout>": lambda w: str(w["copy"]),
    "<repository>": lambda w: ROOT.as_uri(),
    "<commit>": lambda w: _git("rev-parse", "HEAD"),
}


def fill(text: str, world: dict[str, object]) -> str:
    for mark, value in PLACEHOLDERS.items():
        text = text.replace(mark, value(world))
    return text


def test_every_example_is_known_to_this_test():
    langs = {e.lang for e in examples()}
    assert langs <= {"sh", "toml", "yaml", "markdown", "python", "json", "lua", "elisp"}, langs
    assert not re.search(r"OWNER|v0\.1\.0", README), "a placeholder the reader cannot fill in, or a tag that does not exist"
    placeholders = set(re.findall(r"<[a-z][a-z-]*>", "\n".join(e.body for e in examples())))
    assert placeholders <= {*PLACEHOLDERS, "<github-repository>"}, placeholders


def test_set_up_install_and_run(world):
    setup = [e for e in examples() if e.heading == "Set up"]
    assert len(setup) == 2, "the README keeps exactly two set-up commands"
    (command,) = shell_lines(setup[0].body)
    result = _sh(command, world["copy"], world["env"])
    assert result.returncode == 1, result.stdout + result.stderr  # the example has findings
    assert "examples/article.md:" in result.stdout
    assert list(shell_lines(setup[1].body))[0] in NOT_RUN


def test_use_commands(world):
    (use,) = [e for e in examples() if e.heading == "Use" and "_NEWSLINT_COMPLETE" not in e.body]
    desk, env = world["desk"], world["env"]
    ran = 0
    for command in shell_lines(use.body):
        result = _sh(command, desk, env)
        assert result.returncode in (0, 1), f"{command}\n{result.stdout}\n{result.stderr}"
        assert "Usage:" not in result.stderr and "error:" not in result.stderr, f"{command}\n{result.stderr}"
        ran += 1
    assert ran >= 10
    assert (desk / "drafts" / "b.md").read_text() == "The actor died on Sunday, his agent said.\n"  # --fix


def test_configuration_examples(world):
    desk, env = world["desk"], world["env"]
    config = [e for e in examples() if e.heading == "Configuration"]
    toml_example, yaml_example = config
    tomllib.loads(toml_example.body)
    first = desk / "cfg-toml"
    (first / "house-rules").mkdir(parents=True)
    shutil.copytree(desk / "house", first / "house-rules", dirs_exist_ok=True)
    (first / "pyproject.toml").write_text(toml_example.body, encoding="utf-8")
    (first / "story.md").write_text(STORY, encoding="utf-8")
    second = desk / "cfg-yaml"
    second.mkdir()
    yaml.safe_load(yaml_example.body)
    (second / ".newslint.yaml").write_text(yaml_example.body, encoding="utf-8")
    (second / "story.md").write_text(STORY, encoding="utf-8")
    (reading,) = [e for e in examples() if e.heading == "Reading files" and e.lang == "yaml"]
    third = desk / "cfg-readers"
    third.mkdir()
    (third / ".newslint.yaml").write_text(reading.body, encoding="utf-8")
    (third / "story.md").write_text(STORY, encoding="utf-8")
    for folder in (first, second, third):
        result = _sh("newslint check story.md", folder, env)
        assert result.returncode in (0, 1), result.stderr


def test_suppression_example_suppresses_and_leaves_nothing_stale(world):
    (example,) = [e for e in examples() if e.lang == "markdown"]
    story = world["desk"] / "suppressed.md"
    story.write_text(example.body, encoding="utf-8")
    result = _sh("newslint check --format json suppressed.md", world["desk"], world["env"])
    assert result.returncode == 0 and json.loads(result.stdout)["findings"] == [], result.stdout
    unsuppressed = re.sub(r"<!--.*?-->\n", "", example.body)
    story.write_text(unsuppressed, encoding="utf-8")
    found = json.loads(_sh("newslint check --format json suppressed.md", world["desk"], world["env"]).stdout)
    assert {f["rule"].split(".")[0] for f in found["findings"]} >= {"loaded", "superlative", "cliches"}


def test_rule_examples_load_and_pass_their_own_cases(world):
    from newslint.checking import fixers
    from newslint.document import Document
    from newslint.engine import run_rules as lint
    from newslint.fixes import apply, edits
    from newslint.rulebook import load_rules

    rules_root = world["base"] / "rule-examples"
    yaml_rules = [e for e in examples() if e.lang == "yaml" and re.search(r"^kind:", e.body, re.M)]
    assert len(yaml_rules) >= 2
    for i, example in enumerate(yaml_rules):
        named = re.match(r"# [\w./-]*?([\w-]+)/([\w-]+)\.yaml\n", example.body)
        family, name = named.groups() if named else ("example", f"rule{i}")
        path = rules_root / str(i) / family / f"{name}.yaml"
        path.parent.mkdir(parents=True)
        path.write_text(example.body, encoding="utf-8")
        (rule,) = load_rules([path.parent.parent])
        for case in rule.flag_cases:
            found = lint(Document.from_text(case.text, "case.md"), [rule])
            assert found and (not case.at or [f"{f.line}:{f.column}" for f in found] == list(case.at))
            if case.fixed is not None:
                assert apply(case.text, edits(case.text, found, fixers([rule]), ())) == case.fixed
        for text in rule.pass_cases:
            assert not lint(Document.from_text(text.text, "case.md"), [rule])


def test_install_from_a_path_and_a_git_url(world):
    (example,) = [e for e in examples() if e.heading == "Installing elsewhere"]
    for command in shell_lines(fill(example.body, world)):
        result = _sh(command, world["base"], world["env"], timeout=600)
        assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
        version = _sh("newslint --version", world["base"], world["env"])
        assert version.returncode == 0 and "newslint" in version.stdout


def test_pre_commit_example(world):
    (example,) = [e for e in examples() if e.heading == "pre-commit"]
    repo = world["base"] / "newsroom"
    repo.mkdir()
    for args in (["init", "-q"], ["config", "user.email", "desk@example.invalid"], ["config", "user.name", "Desk"]):
        subprocess.run(["git", *args], cwd=repo, check=True)
    (repo / ".pre-commit-config.yaml").write_text(fill(example.body, world), encoding="utf-8")
    (repo / "story.md").write_text(STORY + OBIT, encoding="utf-8")
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    result = _sh(f"{sys.executable} -m pre_commit run --all-files", repo, world["env"], timeout=900)
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert "story.md:1:5: warning loaded.adjectives" in result.stdout
    assert (repo / "story.md").read_text().endswith("The actor died on Sunday, his agent said.\n")  # newslint-fix


def test_github_actions_example_runs_the_action_steps(world):
    (example,) = [e for e in examples() if e.heading == "GitHub Actions"]
    workflow = yaml.safe_load(example.body)
    steps = workflow["jobs"]["newslint"]["steps"]
    (ours,) = [s for s in steps if s.get("uses", "").startswith("<github-repository>@")]
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    inputs = {k: str(v.get("default", "")) for k, v in action["inputs"].items()}
    inputs.update({k: str(v) for k, v in ours.get("with", {}).items()})
    assert set(inputs) == set(action["inputs"]), "the example passes an input the action does not have"
    sarif_step = [s for s in steps if "upload-sarif" in s.get("uses", "")]
    assert sarif_step and sarif_step[0]["with"]["sarif_file"] == inputs["sarif"]

    workspace = world["base"] / "workspace"
    shutil.copytree(world["desk"] / "drafts", workspace / "drafts")
    (workspace / "drafts" / "c.md").write_text("The regime's forces liberated the town.\n", encoding="utf-8")
    summary = world["base"] / "step-summary.md"
    summary.write_text("", encoding="utf-8")
    env = {**world["env"], "GITHUB_ACTION_PATH": str(world["copy"]), "GITHUB_STEP_SUMMARY": str(summary),
           "GITHUB_WORKSPACE": str(workspace)}
    results = []
    for step in action["runs"]["steps"]:
        step_env = dict(env)
        for key, value in step.get("env", {}).items():
            step_env[key] = re.sub(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", lambda m: inputs[m.group(1)], value)
        assert "${{" not in step["run"], "inputs reach the scripts through env, never pasted into them"
        assert step["shell"] == "bash"
        results.append(subprocess.run(["bash", "-e", "-c", step["run"]], cwd=workspace, env=step_env,
                                      capture_output=True, text=True, timeout=600))
    install, check = results
    assert install.returncode == 0, install.stderr
    assert check.returncode in (0, 1), check.stderr
    annotations = [x for x in check.stdout.splitlines() if x.startswith("::")]
    assert annotations and all(re.match(r"::(error|warning|notice) file=drafts/", x) for x in annotations)
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## newslint: ") and len(re.findall(r"^- \d+:\d+ ", text, re.M)) == len(annotations)
    log = json.loads((workspace / inputs["sarif"]).read_text(encoding="utf-8"))
    assert len(log["runs"][0]["results"]) == len(annotations)


def test_library_examples(world):
    desk, env = world["desk"], world["env"]
    for example in [e for e in examples() if e.lang == "python"]:
        result = subprocess.run([str(world["venv"] / "bin" / "python"), "-c", example.body], cwd=desk, env=env,
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr


def test_other_shell_examples(world):
    copy, env = world["copy"], world["env"]
    for name in ("ptc", "bbc", "babe"):
        (copy / f"{name}.jsonl").write_text(json.dumps(
            {"id": name, "text": "The brutal raid ended. It was calm.", "spans": [{"start": 4, "end": 10, "label": "loaded"}],
             "doc_label": None, "meta": {}}) + "\n", encoding="utf-8")
    (copy / "RULES-CATALOGUE.md").write_text(
        "## 4. Dangling sources\n\n**Flag.**\n1. According to media reports, the minister will resign.\n\n"
        "**Pass.**\n1. The minister will resign, the Harlow Gazette reported.\n", encoding="utf-8")
    handled = {"Set up", "Use", "Installing elsewhere"}
    (completion,) = [e for e in examples() if "_NEWSLINT_COMPLETE" in e.body]
    bash, zsh, fish = shell_lines(completion.body)
    loaded = _sh(f"{bash}\ncomplete -p newslint", copy, env)
    assert loaded.returncode == 0 and "newslint" in loaded.stdout, loaded.stderr
    for line, shell in ((zsh, "zsh"), (fish, "fish")):
        script = _sh(re.search(r"_NEWSLINT_COMPLETE=\w+ newslint", line).group(0), copy, env)
        assert script.returncode == 0 and script.stdout.strip(), line
        if shutil.which(shell):
            assert subprocess.run([shell, "-c", line], cwd=copy, env=env, capture_output=True).returncode == 0
    ran = 0
    for example in examples():
        if example.lang != "sh" or example.heading in handled:
            continue
        for command in shell_lines(example.body):
            if command in NOT_RUN:
                continue
            result = _sh(command, copy, env)
            assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
            ran += 1
    assert ran >= 2
