"""Bad input and hostile rules: exact exit codes, one error line naming the file, other files still linted."""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from newslint.cli import main
from conftest import line_starts, write_rule
from newslint.document import MAX_BYTES, Document
from newslint.engine import run_rules as lint
from newslint.errors import RuleError
from newslint.rulebook import load_rules, select

ROOT = Path(__file__).resolve().parent.parent
GOOD_TEXT = "The brutal raid ended.\n\nIt was calm, police said.\n"


def check(*args: str, stdin: bytes | None = None):
    return CliRunner().invoke(main, ["check", "--format", "json", *args], input=stdin)


def findings(result) -> list[dict]:
    return json.loads(result.stdout)["findings"]


def assert_exact(found: list[dict], text: str) -> None:
    """Every finding's `text` is the file's characters between its start and end positions."""
    assert found, "expected findings"
    starts = line_starts(text)
    for f in found:
        a = starts[f["line"] - 1] + f["column"] - 1
        b = starts[f["end_line"] - 1] + f["end_column"] - 1
        assert f["text"] == text[a:b], f


@pytest.fixture()
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.md"
    path.write_text(GOOD_TEXT, encoding="utf-8")
    return path


def assert_good_still_linted(result, good: Path) -> None:
    hits = [(f["path"], f["rule"], f["text"]) for f in findings(result)]
    assert (str(good), "loaded.adjectives", "brutal") in hits


# ------------------------------------------------------------------ input faults
def test_missing_path(tmp_path, good):
    result = check(str(tmp_path / "gone.md"), str(good))
    assert result.exit_code == 2
    assert result.stderr == f"newslint: error: {tmp_path / 'gone.md'}: no such file or directory\n"
    assert_good_still_linted(result, good)


def test_symlink_loops_end_and_are_reported(tmp_path, good):
    folder = tmp_path / "tree"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "story.md").write_text("A savage day.\n")
    (folder / "sub" / "up").symlink_to(folder, target_is_directory=True)  # a directory cycle
    (folder / "a.md").symlink_to(folder / "b.md")  # a file cycle
    (folder / "b.md").symlink_to(folder / "a.md")
    result = check(str(folder), str(folder / "a.md"), str(good))
    assert result.exit_code == 2
    assert result.stderr == f"newslint: error: {folder / 'a.md'}: cannot read: Too many levels of symbolic links\n"
    assert [Path(f["path"]).name for f in findings(result)] == ["story.md", "good.md"]


def test_permission_denied(tmp_path, good, monkeypatch):
    # Tests run as root in CI, where chmod 000 leaves a file readable: refuse the open instead.
    locked = tmp_path / "locked.md"
    locked.write_text("A savage day.\n")
    real_open = os.open

    def refusing_open(path, *args, **kwargs):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing_open)
    result = check(str(locked), str(good))
    assert result.exit_code == 2
    assert result.stderr == f"newslint: error: {locked}: permission denied\n"
    assert_good_still_linted(result, good)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read a chmod 000 file; the monkeypatched test covers it")
def test_permission_denied_for_real(tmp_path, good):
    locked = tmp_path / "locked.md"
    locked.write_text("x")
    locked.chmod(0)
    result = check(str(locked), str(good))
    assert result.exit_code == 2 and result.stderr == f"newslint: error: {locked}: permission denied\n"
    assert_good_still_linted(result, good)


def test_an_unreadable_subfolder_is_reported(tmp_path, good, monkeypatch):
    folder = tmp_path / "tree"
    (folder / "locked").mkdir(parents=True)
    (folder / "locked" / "hidden.md").write_text("A savage day.\n")
    (folder / "open.md").write_text("A savage day.\n")
    real_scandir = os.scandir

    def refusing_scandir(path=".") -> object:
        if Path(path) == folder / "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refusing_scandir)
    result = check(str(folder), str(good))
    assert result.exit_code == 2
    assert result.stderr == f"newslint: error: {folder / 'locked'}: cannot read folder: Permission denied\n"
    assert [Path(f["path"]).name for f in findings(result) if f["rule"] == "loaded.adjectives"] == \
        ["open.md", "good.md"]


def test_special_files_in_a_folder_are_skipped_not_waited_on(tmp_path):
    folder = tmp_path / "tree"
    (folder / "dir.md").mkdir(parents=True)  # a directory with an article's name
    (folder / "dir.md" / "inner.md").write_text("A savage day.\n")
    os.mkfifo(folder / "pipe.md")  # reading it would wait for a writer for ever
    (folder / "dangling.md").symlink_to(folder / "nowhere.md")
    proc = subprocess.run([sys.executable, "-m", "newslint", "check", "--format", "json", str(folder)],
                          capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr == ""
    assert [Path(f["path"]).name for f in json.loads(proc.stdout)["findings"]] == ["inner.md"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_given_by_name_is_read_if_written_and_never_waited_on(tmp_path, good):
    idle = tmp_path / "idle.md"
    os.mkfifo(idle)  # no one ever writes to it
    proc = subprocess.run([sys.executable, "-m", "newslint", "check", "--format", "json", str(idle), str(good)],
                          capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert proc.returncode == 2
    assert proc.stderr == f"newslint: error: {idle}: a named pipe with no one writing to it\n"
    assert [Path(f["path"]).name for f in json.loads(proc.stdout)["findings"]] == ["good.md"]
    fed = tmp_path / "fed.md"
    os.mkfifo(fed)
    proc2 = subprocess.Popen([sys.executable, "-m", "newslint", "check", "--format", "json", str(fed)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    fd = os.open(fed, os.O_WRONLY)  # waits for newslint to open the pipe, then feeds it
    os.write(fd, GOOD_TEXT.encode())
    os.close(fd)
    out, err = proc2.communicate(timeout=60)
    assert proc2.returncode == 1, err
    assert [f["text"] for f in json.loads(out)["findings"]] == ["brutal"]


def test_binary_file(tmp_path, good):
    binary = tmp_path / "image.md"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = check(str(binary), str(good))
    assert result.exit_code == 2
    assert result.stderr == f"newslint: error: {binary}: binary file (NUL bytes); not linted\n"
    assert_good_still_linted(result, good)


def test_non_utf8_is_an_error_or_decoded_with_an_encoding(tmp_path, good):
    latin = tmp_path / "latin.md"
    source = "Le café.\nThe brutal raid ended.\n"
    latin.write_bytes(source.encode("latin-1"))
    result = check(str(latin), str(good))
    assert result.exit_code == 2
    assert result.stderr == f"newslint: error: {latin}: not valid UTF-8 (byte 0xe9 at line 1); "\
        "if it was saved as Windows-1252 or Latin-1, --encoding cp1252 reads it\n"
    assert_good_still_linted(result, good)

    result = check("--encoding", "latin-1", str(latin), str(good))
    assert result.exit_code == 1 and result.stderr == ""
    mine = [f for f in findings(result) if f["path"] == str(latin)]
    assert [(f["line"], f["column"], f["text"]) for f in mine] == [(2, 5, "brutal")]
    assert_exact(mine, source)
    assert_good_still_linted(result, good)

    result = check("--encoding", "cp1252", str(latin), str(good))  # as the error suggests
    assert result.exit_code == 1 and result.stderr == ""
    assert [f["text"] for f in findings(result) if f["path"] == str(latin)] == ["brutal"]
    odd = tmp_path / "odd.md"
    odd.write_bytes(b"The raid \x81\x8d ended.\n")  # no Windows-1252 text either: no suggestion
    result = check(str(odd))
    assert result.stderr == f"newslint: error: {odd}: not valid UTF-8 (byte 0x81 at line 1)\n"

    result = check("--encoding", "klingon", str(good))
    assert result.exit_code == 2 and "unknown encoding 'klingon'" in result.stderr


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32", "utf-8-sig"])
def test_byte_order_marks_decide_the_encoding(tmp_path, good, codec):
    source = "Café 😀 news\r\nThe brutal raid ended.\n"
    path = tmp_path / "bom.md"
    data = source.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    path.write_bytes(data)
    result = check(str(path), str(good))
    assert result.exit_code == 1 and result.stderr == ""
    mine = [f for f in findings(result) if f["path"] == str(path)]
    assert [(f["line"], f["column"], f["text"]) for f in mine] == [(2, 5, "brutal")]
    assert_exact(mine, source)


def test_empty_file(tmp_path, good):
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    result = CliRunner().invoke(main, ["check", "--no-color", str(empty)])
    assert result.exit_code == 0
    assert result.stdout == "0 findings in 1 file (0 errors, 0 warnings, 0 suggestions)\n"
    assert check(str(empty), str(good)).exit_code == 1


@pytest.mark.large
def test_a_100_mb_file_is_refused_quickly(tmp_path, good):
    huge = tmp_path / "huge.md"
    line = b"The brutal raid ended, police said.\n"
    with huge.open("wb") as out:
        block = line * (1024 * 1024 // len(line) + 1)
        for _ in range(100):
            out.write(block[:1024 * 1024])
    assert huge.stat().st_size == 100 * 1024 * 1024 > MAX_BYTES
    started = time.monotonic()
    result = check(str(huge), str(good))
    assert time.monotonic() - started < 20
    assert result.exit_code == 2
    assert result.stderr == (f"newslint: error: {huge}: file too large (100.0 MB; "
                             "articles up to 10 MB are linted)\n")
    assert_good_still_linted(result, good)
    piped = check("-", stdin=line * (MAX_BYTES // len(line) + 1))
    assert piped.exit_code == 2 and "<stdin>: file too large" in piped.stderr


def test_nul_bytes(tmp_path, good):
    early = tmp_path / "early.md"
    early.write_bytes(b"The brutal\x00raid.\n")
    late = tmp_path / "late.md"
    source = "x\n" * 5000 + "The brutal\x00raid ended.\n"
    late.write_bytes(source.encode())
    result = check(str(early), str(late), str(good))
    assert result.exit_code == 2
    assert result.stderr == f"newslint: error: {early}: binary file (NUL bytes); not linted\n"
    mine = [f for f in findings(result) if f["path"] == str(late)]
    assert [(f["line"], f["column"], f["text"]) for f in mine if f["rule"] == "loaded.adjectives"] == [(5001, 5, "brutal")]
    assert_exact(mine, source)
    assert_good_still_linted(result, good)


LF_ARTICLE = ("# A brutal week\n\nThe brutal raid ended. Officials said it was calm.\n\n"
              "```\nbrutal code\n```\n\nA savage reply followed,\nand a brutal one.\n\n"
              "Sources:\n\n- [BBC](https://www.bbc.com/news)\n")


@pytest.mark.parametrize("ending", ["\r\n", "\r", "mixed"])
def test_cr_only_and_mixed_line_endings_read_like_lf(tmp_path, ending):
    lines = LF_ARTICLE.split("\n")
    if ending == "mixed":
        ends = ["\r", "\r\n", "\n"]  # a CR is never followed by an LF of the next line
        source = "".join(line + ends[i % 3] for i, line in enumerate(lines[:-1]))
    else:
        source = ending.join(lines)
    lf, other = tmp_path / "lf.md", tmp_path / "other.md"
    lf.write_text(LF_ARTICLE, newline="")
    other.write_text(source, newline="")
    result = check(str(lf), str(other))
    assert result.exit_code == 1 and result.stderr == ""
    by_file = {str(lf): [], str(other): []}
    for f in findings(result):
        by_file[f["path"]].append((f["rule"], f["line"], f["column"], " ".join(f["text"].split())))
    assert by_file[str(other)] == by_file[str(lf)]
    assert ("loaded.adjectives", 6, 1) not in [x[:3] for x in by_file[str(other)]]  # fenced code is still code
    assert_exact([f for f in findings(result) if f["path"] == str(other)], source)


def test_zero_width_rtl_emoji_and_combining_marks(tmp_path, good):
    source = ("\ufeff👩🏽‍🚀 Cafe\u0301 \u200bnews \u202eabc\u202c:\n\n"
              "The e\u0301lite 🙂 brutal\u200d raid; \u05e9\u05dc\u05d5\u05dd a savage day.\n"
              "An \u2028 line \x85 separator and a brutal end.\n")
    path = tmp_path / "marks.md"
    path.write_bytes(source.encode("utf-8"))
    result = check(str(path), str(good))
    assert result.exit_code == 1 and result.stderr == ""
    mine = [f for f in findings(result) if f["path"] == str(path)]
    assert {f["text"] for f in mine} >= {"brutal", "savage"}
    assert_exact(mine, source.removeprefix("\ufeff"))
    assert_good_still_linted(result, good)


@pytest.mark.parametrize("unit", ["](", '"', "www.", "    x\n", "...", "Sources:\n- www.bbc.com\n", "a@", "«",
                                  "called it "])
def test_hostile_articles_never_time_out_a_built_in_rule(rules, unit):
    # Each of these once made the reader or a built-in pattern take quadratic time (or time out).
    text = (unit * (40_000 // len(unit) + 1))[:40_000] + "\n\nThe brutal end.\n"
    found = lint(Document.from_text(text, "hostile.md"), select(rules, all_rules=True))  # a timeout would raise
    assert ("loaded.adjectives", "brutal") in [(f.rule, f.text) for f in found]
    assert_exact([f.to_dict() for f in found], text)


# ------------------------------------------------------------------ rule faults
@pytest.mark.parametrize(("text", "expected"), [
    ("kind: existence\nmessage: m\n\npatterns: ['(unclosed']\n", r"words.yaml:4: key 'patterns\[0\]': invalid regular"),
    ("kind: existence\nmessage: m\nterms: [a]\n\nseverity: fatal\n", r"words.yaml:5: key 'severity': unknown severity"),
    ("kind: existence\nmessage: m\nterms: 3\n", r"words.yaml:3: key 'terms': expected a list of non-empty strings"),
    ("kind: existence\nmessage: m\nterms: [a]\nenabled: 'yes'\n", r"words.yaml:4: key 'enabled': expected true or false"),
    ("kind: existence\nmessage: [m]\nterms: [a]\n", r"words.yaml:2: key 'message': expected a string, got list"),
    ("kind: existence\nmessage: m\nterms: [a]\nterms: [b]\n", r"words.yaml:4: key 'terms' repeats the key on line 3"),
    ("kind: existence\nmessage: m\nterms: [a\n", r"words.yaml:\d+: malformed YAML"),
    ("kind: existence\nmessage: m\nterms: [a]\n\t- b\n", r"words.yaml:\d+: malformed YAML"),
    ("kind: !!python/object:os.system {}\nmessage: m\n", r"words.yaml:1: malformed YAML"),
    ("kind: !!python/name:os.system\nmessage: m\n", r"words.yaml:1: malformed YAML"),
    ("kind: existence\nmessage: m\nterms: [a]\nterns: [b]\n", r"words.yaml:4: key 'terns': unknown key"),
    ("kind: existance\nmessage: m\nterms: [a]\n", r"words.yaml:1: key 'kind': unknown kind 'existance'"),
    ("kind: existence\nmessage: m\n", r"words.yaml: needs at least one of 'terms' or 'patterns'"),
    ("kind: existence\nmessage: m\npatterns: ['(unclosed']\n", r"key 'patterns\[0\]': invalid regular expression"),
    ("kind: existence\nmessage: m\nterms: [a]\nseverity: fatal\n", r"key 'severity': unknown severity 'fatal'"),
    ("kind: existence\nmessage: '{nope}'\nterms: [a]\n", r"key 'message': unknown placeholder \{nope\}"),
    ("kind: existence\nmessage: m\nterms: a: b: c\n", r"words.yaml:3: malformed YAML"),
    ("kind: existence\nmessage: m\nterms: [a]\nscope: [everywhere]\n", r"key 'scope'"),
    ("- just\n- a list\n", r"must be a mapping"),
    ("kind: requires\nmessage: m\ntrigger: {terms: [a]}\ncompanion: {lexicon: [nope]}\n", r"unknown lexicon 'nope'"),
    ("kind: requires\nmessage: m\ntrigger: {terms: [a], colour: red}\ncompanion: {terms: [b]}\n", r"key 'trigger.colour': unknown key"),
])
def test_rule_faults_name_file_line_and_key(tmp_path, text, expected):
    write_rule(tmp_path, "house/words.yaml", text)
    with pytest.raises(RuleError, match=expected):
        load_rules([tmp_path])


def test_python_tags_in_lexicons_are_refused(tmp_path):
    write_rule(tmp_path, "_lexicons/words.yaml", "terms: !!python/object/apply:os.getcwd []\n")
    with pytest.raises(RuleError, match=r"words.yaml:1: malformed YAML"):
        load_rules([tmp_path])


def test_rule_faults_on_the_command_line(tmp_path, good):
    missing = check("--rules", str(tmp_path / "nowhere"), str(good))
    assert missing.exit_code == 2
    assert missing.stderr == f"newslint: error: {tmp_path / 'nowhere'}: rule folder does not exist\n"
    a, b = tmp_path / "a", tmp_path / "b"
    write_rule(a, "house/words.yaml", "kind: existence\nmessage: m\nterms: [x]\n")
    write_rule(b, "house/words.yaml", "kind: existence\nmessage: m\nterms: [x]\n")
    duplicate = check("--rules", str(a), "--rules", str(b), str(good))
    assert duplicate.exit_code == 2
    assert f"duplicate rule id 'house.words' (also {a / 'house' / 'words.yaml'})" in duplicate.stderr


def test_a_runaway_pattern_times_out_and_the_run_goes_on(tmp_path, good):
    slow = write_rule(tmp_path / "house", "slow/runaway.yaml",
                      "kind: existence\nmessage: 'runaway {match}'\npatterns: ['(a|aa)+$']\n")
    write_rule(tmp_path / "house", "slow/fine.yaml", "kind: existence\nmessage: 'fine {match}'\nterms: [raid]\n")
    first, second = tmp_path / "first.md", tmp_path / "second.md"
    first.write_text("A raid.\n\n" + "a" * 60 + "b\n")
    second.write_text("Another raid.\n\n" + "a" * 80 + "!\n")
    started = time.monotonic()
    result = check("--rules", str(tmp_path / "house"), str(first), str(second), str(good))
    assert time.monotonic() - started < 30
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"newslint: error: {doc}: rule slow.runaway ({slow}) timed out: a pattern ran too long on this file; "
        "the rule was skipped for it" for doc in (first, second)]
    hits = {(Path(f["path"]).name, f["rule"], f["text"]) for f in findings(result)}
    assert {("first.md", "slow.fine", "raid"), ("second.md", "slow.fine", "raid"),
            ("good.md", "slow.fine", "raid"), ("good.md", "loaded.adjectives", "brutal")} <= hits
    assert "slow.runaway" not in {rule for _, rule, _ in hits}


# ------------------------------------------------------------------ concurrency
def test_concurrent_runs_read_the_same_files_alike(tmp_path):
    folder = tmp_path / "desk"
    folder.mkdir()
    for i in range(30):
        (folder / f"story{i:02}.md").write_text(f"# Day {i}\n\nThe brutal raid ended.\r\nA savage {i} day.\n" * 20)
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}
    command = [sys.executable, "-m", "newslint", "check", "--format", "json", str(folder)]
    procs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT) for _ in range(2)]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [1, 1]
    assert outputs[0] == outputs[1]
    assert len(json.loads(outputs[0][0])["findings"]) == 30 * 20 * 2
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()} == before


@pytest.mark.parametrize(("encoding", "mark", "args"), [
    ("utf-16-le", b"\xff\xfe", ()), ("utf-16-be", b"\xfe\xff", ()), ("latin-1", b"", ("--encoding", "latin-1"))])
def test_fixes_are_written_back_in_the_encoding_read(tmp_path, encoding, mark, args):
    house = write_rule(tmp_path / "house", "plain/words.yaml",
                       "kind: substitution\nsafe: true\nmessage: \"Use '{replacement}'.\"\nswap:\n  utilize: use\n")
    story = tmp_path / "story.md"
    story.write_bytes(mark + "Caf\u00e9 staff utilize it.\r\n".encode(encoding))
    result = CliRunner().invoke(main, ["check", "--fix", "--rules", str(house.parent.parent), *args, str(story)])
    assert result.exit_code == 0, result.stderr
    assert story.read_bytes() == mark + "Caf\u00e9 staff use it.\r\n".encode(encoding)
