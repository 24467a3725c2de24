from __future__ import annotations

from pathlib import Path

from newslint.errors import InputError
from newslint.readers import Format, ReadOptions, jsonl
from newslint.targets import IGNORED, UNSUPPORTED, Skipped, targets


def tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def listed(root: Path, options: ReadOptions | None = None) -> tuple[list[str], list[tuple[str, str]]]:
    options = options or ReadOptions()
    files, skipped = [], []
    for t in targets([str(root)], options):
        if isinstance(t, Path):
            files.append(t.relative_to(root).as_posix())
        elif isinstance(t, Skipped):
            skipped.append((Path(t.path).relative_to(root).as_posix(), t.reason))
        elif isinstance(t, jsonl.Slice):
            files.append(Path(t.path).relative_to(root).as_posix() + f"[{t.start}:{t.end}]")
    return files, skipped


def test_every_supported_type_is_walked(tmp_path: Path) -> None:
    tree(tmp_path, {n: "x\n" for n in ("a.md", "b.mdx", "c.html", "d.htm", "e.txt", "f.markdown", "g.jsonl",
                                        "h.json", "i.png")})
    (tmp_path / "story.docx").write_bytes(b"PK")
    files, skipped = listed(tmp_path)
    assert files == ["a.md", "b.mdx", "c.html", "d.htm", "e.txt", "f.markdown", "g.jsonl[0:2]", "story.docx"]
    assert skipped == [("h.json", UNSUPPORTED), ("i.png", UNSUPPORTED)]


def test_gitignore_and_newslintignore_are_honoured(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    tree(tmp_path, {
        ".gitignore": "build/\n*.draft.md\n!keep.draft.md\n",
        "docs/.newslintignore": "/private.md\n",
        "story.md": "x", "old.draft.md": "x", "keep.draft.md": "x", "build/out.md": "x",
        "docs/private.md": "x", "docs/public.md": "x", "docs/sub/private.md": "x",
        "node_modules/pkg/README.md": "x", ".hidden/notes.md": "x",
    })
    files, skipped = listed(tmp_path)
    assert files == ["keep.draft.md", "story.md", "docs/public.md", "docs/sub/private.md"]
    assert skipped == [("old.draft.md", IGNORED), ("docs/private.md", IGNORED)]
    files, _ = listed(tmp_path, ReadOptions(ignore_files=False))
    assert "build/out.md" in files and "old.draft.md" in files and "docs/private.md" in files
    assert not any(f.startswith(("node_modules", ".hidden")) for f in files)  # skipped either way


def test_ignore_files_above_the_folder_walked_apply_within_the_work_tree(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    tree(tmp_path, {".gitignore": "drafts/secret.md\n", "drafts/secret.md": "x", "drafts/open.md": "x"})
    files, skipped = listed(tmp_path / "drafts")
    assert files == ["open.md"] and skipped == [("secret.md", IGNORED)]


def test_named_files(tmp_path: Path) -> None:
    tree(tmp_path, {"photo.png": "x", "feed.json": "[]", "story.md": "x"})
    (tmp_path / ".gitignore").write_text("story.md\n")
    found = list(targets([str(tmp_path / "photo.png"), str(tmp_path / "feed.json"), str(tmp_path / "story.md"),
                          str(tmp_path / "gone.md")], ReadOptions()))
    assert found[0] == Skipped(str(tmp_path / "photo.png"), UNSUPPORTED, named=True)
    assert found[1:3] == [tmp_path / "feed.json", tmp_path / "story.md"]  # named: read, ignore files or not
    assert isinstance(found[3], InputError)


def test_extensions_from_configuration(tmp_path: Path) -> None:
    tree(tmp_path, {"a.story": "x", "b.json": "[]"})
    options = ReadOptions(extensions={**ReadOptions().extensions, ".story": Format.MARKDOWN, ".json": Format.JSON})
    assert listed(tmp_path, options) == (["a.story", "b.json"], [])


def test_pre_commit_hooks_cover_every_type_read_in_folders() -> None:
    import re

    import yaml
    from conftest import ROOT

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    for hook in hooks:
        assert "types_or" not in hook and "types" not in hook  # (.docx is not a text type)
        for ext in ReadOptions().extensions:
            assert re.search(hook["files"], f"desk/story{ext}"), (hook["id"], ext)
            assert re.search(hook["files"], f"desk/STORY{ext.upper()}"), (hook["id"], ext)
        assert not re.search(hook["files"], "package.json")  # .json is read only when named or configured
