"""The one writer: what --fix, --output, --write-baseline and the caches may write, and what they refuse."""
from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from newslint import writes
from newslint.cli import main
from newslint.errors import InputError

STORY = "The mayor slammed it.\n"
FIXED = "The mayor criticized it.\n"


def check(house: Path, *args: str, stdin: str | None = None):
    return CliRunner().invoke(main, ["check", "--no-color", "--rules", str(house), "--select", "obit", *args],
                              input=stdin)


def test_fix_on_standard_input_writes_nothing_anywhere(house, workdir):
    story = workdir / "story.md"
    story.write_text("Untouched.\n", encoding="utf-8")
    result = check(house, "--fix", "--stdin-filename", "story.md", "-", stdin=STORY)
    assert story.read_text(encoding="utf-8") == "Untouched.\n"
    assert "obit.words" in result.stdout  # reported, not written
    check(house, "--fix", "--stdin-filename", "new/made-up.md", "-", stdin=STORY)
    check(house, "--fix", "--stdin-filename", "made-up.md", "-", stdin=STORY)
    assert sorted(p.name for p in workdir.iterdir()) == ["story.md"]


def test_a_report_never_replaces_standard_inputs_name(house, workdir):
    result = check(house, "--stdin-filename", "story.md", "--output", "story.md", "-", stdin=STORY)
    assert result.exit_code == 2 and "story.md: not written" in result.stderr
    assert not (workdir / "story.md").exists()


def test_output_writes_only_regular_files(house, workdir):
    fifo = workdir / "pipe"
    os.mkfifo(fifo)
    (workdir / "a.md").write_text(STORY, encoding="utf-8")
    result = check(house, "--output", str(fifo), "a.md")
    assert result.exit_code == 2 and "not a regular file" in result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    folder = workdir / "folder.json"
    folder.mkdir()
    assert check(house, "--write-baseline", str(folder), "a.md").exit_code == 2
    assert folder.is_dir()


def test_a_file_edited_while_fix_runs_is_not_replaced(house, workdir, monkeypatch):
    story = workdir / "story.md"
    story.write_text(STORY, encoding="utf-8")
    from newslint.checking import Checker

    original = Checker.check

    def edited_meanwhile(self, doc, *args, **kwargs):
        if story.read_text(encoding="utf-8") == STORY:
            story.write_text(STORY + "A paragraph the editor added.\n", encoding="utf-8")
        return original(self, doc, *args, **kwargs)

    monkeypatch.setattr(Checker, "check", edited_meanwhile)
    result = check(house, "--fix", "story.md")
    assert result.exit_code == 2 and "changed after it was read" in result.stderr
    assert story.read_text(encoding="utf-8") == STORY + "A paragraph the editor added.\n"


def test_a_same_size_edit_is_caught_by_the_hash(tmp_path):
    story = tmp_path / "s.md"
    story.write_bytes(b"abc\n")
    before = writes.Snapshot.of(story)
    info = story.stat()
    story.write_bytes(b"xyz\n")
    os.utime(story, ns=(info.st_atime_ns, info.st_mtime_ns))  # same size, same time: only the bytes differ
    with pytest.raises(InputError, match="changed after it was read"):
        writes.write(story, b"new\n", tmp_path, rewrite=before)
    assert story.read_bytes() == b"xyz\n"


def test_output_over_an_input_file_is_refused(house, workdir):
    story = workdir / "story.md"
    story.write_text(STORY, encoding="utf-8")
    for option in ("--output", "--write-baseline"):
        result = check(house, option, "story.md", "story.md")
        assert result.exit_code == 2 and "one of the files being linted" in result.stderr
        assert story.read_text(encoding="utf-8") == STORY
    (workdir / "desk").mkdir()
    inner = workdir / "desk" / "inner.md"
    inner.write_text(STORY, encoding="utf-8")
    result = check(house, "--output", str(inner), "desk")  # an input found in a folder
    assert result.exit_code == 2 and inner.read_text(encoding="utf-8") == STORY


def test_a_symlinked_folder_on_the_path_is_checked(house, workdir, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "o.md").write_text(STORY, encoding="utf-8")
    (workdir / "sdir").symlink_to(outside, target_is_directory=True)
    result = check(house, "--fix", "sdir/o.md")
    assert result.exit_code == 2 and "symlink points outside" in result.stderr
    assert (outside / "o.md").read_text(encoding="utf-8") == STORY
    (workdir / "a.md").write_text(STORY, encoding="utf-8")
    result = check(house, "--output", "sdir/report.txt", "a.md")
    assert result.exit_code == 2 and not (outside / "report.txt").exists()
    result = check(house, "--output", "sdir/../report.txt", "a.md")
    assert result.exit_code == 2 and not (tmp_path / "report.txt").exists()
    inside = workdir / "real"
    inside.mkdir()
    (workdir / "linked").symlink_to(inside, target_is_directory=True)
    (inside / "i.md").write_text(STORY, encoding="utf-8")
    assert check(house, "--fix", "linked/i.md").exit_code == 0  # a link that stays inside is fine
    assert (inside / "i.md").read_text(encoding="utf-8") == FIXED


def test_fix_keeps_the_owner(house, workdir):
    if os.geteuid() != 0:
        pytest.skip("changing a file's owner needs root")
    story = workdir / "story.md"
    story.write_text(STORY, encoding="utf-8")
    os.chown(story, 4321, 4321)
    assert check(house, "--fix", "story.md").exit_code == 0
    assert story.read_text(encoding="utf-8") == FIXED
    assert (story.stat().st_uid, story.stat().st_gid) == (4321, 4321)


def test_a_file_with_hard_links_is_refused_not_split(house, workdir):
    story = workdir / "story.md"
    story.write_text(STORY, encoding="utf-8")
    os.link(story, workdir / "copy.md")
    result = check(house, "--fix", "story.md")
    assert result.exit_code == 2 and "2 hard links" in result.stderr
    assert story.stat().st_nlink == 2 and (workdir / "copy.md").read_text(encoding="utf-8") == STORY
    # the refusal does not hide the file's findings: they are reported, unfixed, with the error
    assert "story.md:1:11" in result.stdout and "obit.words" in result.stdout
    assert "1 finding in 1 file" in result.stdout


def test_a_refused_fix_leaves_the_other_files_fixed_and_reported(house, workdir):
    kept, fixed = workdir / "kept.md", workdir / "fixed.md"
    for story in (kept, fixed):
        story.write_text(STORY, encoding="utf-8")
    os.link(kept, workdir / "link.md")
    result = check(house, "--fix", "kept.md", "fixed.md")
    assert result.exit_code == 2 and "kept.md: not written" in result.stderr
    assert kept.read_text(encoding="utf-8") == STORY and fixed.read_text(encoding="utf-8") == FIXED
    assert "kept.md:1:11" in result.stdout and "fixed.md:1:" not in result.stdout


def test_a_read_only_file_is_not_rewritten(house, workdir):
    story = workdir / "story.md"
    story.write_text(STORY, encoding="utf-8")
    story.chmod(0o444)
    result = check(house, "--fix", "story.md")
    assert result.exit_code == 2 and "read-only" in result.stderr
    assert story.read_text(encoding="utf-8") == STORY and stat.S_IMODE(story.stat().st_mode) == 0o444


def test_a_rewrite_never_adds_or_drops_a_byte_order_mark(tmp_path):
    story = tmp_path / "s.md"
    story.write_bytes(b"abc\n")
    before = writes.Snapshot.of(story)
    with pytest.raises(InputError, match="byte-order mark"):
        writes.write(story, b"\xef\xbb\xbfabc\n", tmp_path, rewrite=before)
    assert story.read_bytes() == b"abc\n"


def test_caches_are_written_by_the_same_writer(tmp_path, monkeypatch):
    from newslint.cache import rules as rulecache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert rulecache.write("x.pickle", b"data")
    written = tmp_path / "xdg" / "newslint" / "x.pickle"
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    written.unlink()
    os.mkfifo(written)  # a cache path that is not a regular file is not written through
    assert not rulecache.write("x.pickle", b"data")
    assert stat.S_ISFIFO(os.lstat(written).st_mode)


def test_a_report_still_goes_to_a_new_file(house, workdir):
    (workdir / "a.md").write_text(STORY, encoding="utf-8")
    result = check(house, "--format", "json", "--output", "out.json", "a.md")
    assert result.exit_code == 1 and json.loads((workdir / "out.json").read_text())["findings"]


@pytest.mark.parametrize(("data", "encoding"), [
    ("The mayor slammed it.\n".encode("utf-16-le"), "utf-16"),
    (b"The mayor slammed it.\n", "utf-8-sig"),
    ("The mayor slammed it.\n".encode("utf-32-le"), "utf-32"),
    ("\ufeff\ufeffThe mayor slammed it.\n".encode("utf-8"), None),  # a second U+FEFF after the mark
    ("The mayor slammed it.\n".encode("utf-16"), "utf-16"),
], ids=["utf-16", "utf-8-sig", "utf-32", "two-marks", "utf-16-marked"])
def test_fix_neither_adds_nor_drops_a_byte_order_mark(house, workdir, data, encoding):
    story = workdir / "story.md"
    story.write_bytes(data)
    args = ["--encoding", encoding] if encoding else []
    result = check(house, "--fix", *args, "story.md")
    assert result.exit_code == 0, result.stderr
    assert story.read_bytes() == _fixed(data, encoding)


def _fixed(data: bytes, encoding: str | None) -> bytes:
    codec = {"utf-16": "utf-16-le", "utf-32": "utf-32-le", "utf-8-sig": "utf-8", None: "utf-8"}[encoding]
    for bom in (b"\xff\xfe\x00\x00", b"\xff\xfe", b"\xef\xbb\xbf"):
        if data.startswith(bom):
            mark = bom
            break
    else:
        mark = b""
    return mark + data[len(mark):].decode(codec).replace("slammed", "criticized").encode(codec)


def test_fix_never_changes_words_inside_quotation_marks(house, workdir):
    story = workdir / "story.md"
    text = ('The banner "Police slammed us" hung. The mayor slammed it.\n\n'
            "\u201cThey slammed the door,\u201d she said. Fans \u2018slammed\u2019 it.\n")
    story.write_text(text, encoding="utf-8")
    assert check(house, "--fix", "story.md").exit_code in (0, 1)
    assert story.read_text(encoding="utf-8") == text.replace("mayor slammed", "mayor criticized")


def test_no_annotated_copy_of_a_word_file_saved_while_it_was_linted(house, workdir, monkeypatch):
    """--annotate reads the .docx again to copy it: a version saved after the lint would get the
    comments of the old text at the old places, so the copy is refused and the run exits 2."""
    docx = pytest.importorskip("docx")
    story = workdir / "story.docx"

    def save(text: str) -> None:
        document = docx.Document()
        document.add_paragraph(text)
        document.save(story)

    save(STORY.strip())
    from newslint.checking import Checker

    original = Checker.check

    def saved_meanwhile(self, doc, *args, **kwargs):
        result = original(self, doc, *args, **kwargs)
        save("Rewritten: the mayor slammed it, the editor wrote.")
        return result

    monkeypatch.setattr(Checker, "check", saved_meanwhile)
    result = check(house, "--annotate", "story.docx")
    assert result.exit_code == 2 and "story.docx" in result.stderr and "changed after it was read" in result.stderr
    assert not (workdir / "story.newslint.docx").exists()
    monkeypatch.setattr(Checker, "check", original)
    assert check(house, "--annotate", "story.docx").exit_code == 1
    assert (workdir / "story.newslint.docx").exists()


def test_an_annotated_copy_someone_edited_is_never_replaced(house, workdir):
    """A reader may type notes or replies into story.newslint.docx: the next --annotate replaces the
    copy only while it holds just what newslint wrote; otherwise it says so and keeps it."""
    docx = pytest.importorskip("docx")
    story, copy = workdir / "story.docx", workdir / "story.newslint.docx"
    document = docx.Document()
    document.add_paragraph(STORY.strip())
    document.save(story)
    assert check(house, "--annotate", "story.docx").exit_code == 1
    assert check(house, "--annotate", "story.docx").exit_code == 1  # untouched since written: replaced
    annotated = docx.Document(copy)
    annotated.add_paragraph("Desk note: ask the mayor's office for the full statement.")
    annotated.save(copy)
    result = check(house, "--annotate", "story.docx")
    assert result.exit_code == 2 and "story.newslint.docx: not written" in result.stderr
    assert "obit.words" in result.stdout  # the findings are still reported
    assert "Desk note" in "\n".join(p.text for p in docx.Document(copy).paragraphs)
    replied = docx.Document(story)  # a comment added (and no record of newslint's own) is kept too
    replied.add_comment(replied.paragraphs[0].runs, text="Agreed: cut it.", author="Desk")
    replied.save(copy)
    assert check(house, "--annotate", "story.docx").exit_code == 2
    assert [c.text for c in docx.Document(copy).comments] == ["Agreed: cut it."]
    copy.rename(workdir / "notes.docx")  # a link to the edited copy: what it leads to is kept too
    copy.symlink_to("notes.docx")
    assert check(house, "--annotate", "story.docx").exit_code == 2
    assert [c.text for c in docx.Document(workdir / "notes.docx").comments] == ["Agreed: cut it."]
    copy.unlink()
    assert check(house, "--annotate", "story.docx").exit_code == 1 and copy.exists()
    assert [c.author for c in docx.Document(copy).comments] == ["newslint"]


def test_a_report_over_an_article_in_a_folder_linted_is_refused_with_a_way_out(house, workdir):
    """A report named inside a folder being linted, over a file of that folder, is refused: the file
    may be an article (a slip of `-o drafts/story.md` for `-o report.md`), and its text is kept."""
    (workdir / "drafts").mkdir()
    story = workdir / "drafts" / "story.md"
    story.write_text(STORY, encoding="utf-8")
    result = check(house, "--format", "concise", "--output", str(story), "drafts")
    assert result.exit_code == 2 and story.read_text(encoding="utf-8") == STORY
    assert "write it outside the folders being linted" in result.stderr


def _run_with_streams(workdir: Path, args: list[str], stdout: Path, stderr: Path) -> int:
    """newslint in its own process, its standard output and error appended to the given files."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(root)}
    with open(stdout, "ab") as out, open(stderr, "ab") as err:
        return subprocess.run([sys.executable, "-m", "newslint", "check", "--no-color", *args], cwd=workdir,
                              stdout=out, stderr=err, env=env, check=False).returncode


def test_output_naming_standard_output_goes_down_the_stream_after_what_it_held(workdir):
    (workdir / "story.md").write_text("Tragically, he passed away.\n", encoding="utf-8")
    log, err = workdir / "log.txt", workdir / "err.txt"
    log.write_text("earlier line\n", encoding="utf-8")
    code = _run_with_streams(workdir, ["--format", "concise", "--output", "/dev/stdout", "story.md"], log, err)
    assert code == 1
    held = log.read_text(encoding="utf-8")
    assert held.startswith("earlier line\n") and "story.md:1:16" in held and "euphemisms.plain" in held
    code = _run_with_streams(workdir, ["--write-baseline", "/dev/stdout", "story.md"], log, err)
    assert code == 0 and log.read_text(encoding="utf-8").startswith(held)
    assert json.loads(log.read_text(encoding="utf-8")[len(held):])["version"] == 1


def test_a_file_open_as_standard_error_is_never_replaced(workdir):
    (workdir / "story.md").write_text("Tragically, he passed away.\n", encoding="utf-8")
    log, err = workdir / "log.txt", workdir / "err.txt"
    err.write_text("earlier line\n", encoding="utf-8")
    code = _run_with_streams(workdir, ["--output", "/dev/stderr", "story.md"], log, err)
    held = err.read_text(encoding="utf-8")
    assert code == 2 and held.startswith("earlier line\n") and "this run's standard error" in held
    code = _run_with_streams(workdir, ["--write-baseline", str(err), "story.md"], log, err)
    assert code == 2 and err.read_text(encoding="utf-8").startswith(held)


def test_output_to_the_null_device_keeps_nothing_and_keeps_the_exit_code(workdir):
    """`--output /dev/null` is how a CI step asks for the exit code alone: the report goes nowhere,
    the device stays a device, and any other device is still refused."""
    (workdir / "story.md").write_text("Tragically, he passed away.\n", encoding="utf-8")
    log, err = workdir / "log.txt", workdir / "err.txt"
    for args in (["--output", os.devnull], ["--format", "json", "--output", os.devnull],
                 ["--format", "html", "--output", os.devnull]):
        assert _run_with_streams(workdir, [*args, "story.md"], log, err) == 1, err.read_text(encoding="utf-8")
    assert _run_with_streams(workdir, ["--write-baseline", os.devnull, "story.md"], log, err) == 0
    assert log.read_text(encoding="utf-8") == "" and "not written" not in err.read_text(encoding="utf-8")
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)
    assert _run_with_streams(workdir, ["--output", "/dev/zero", "story.md"], log, err) == 2
    assert "/dev/zero: not written: not a regular file" in err.read_text(encoding="utf-8")
    assert sorted(p.name for p in workdir.iterdir()) == ["err.txt", "log.txt", "story.md"]
