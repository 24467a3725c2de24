"""The built-in rule cache: used when fresh, rebuilt when stale or corrupt, never read when others
may write it, never half-written."""
from __future__ import annotations

import multiprocessing
import os
import pickle
import shutil
import stat
import time
from pathlib import Path

import pytest

from newslint import rulebook
from newslint.cache import rules as rulecache
from newslint.matching import patterns, state
from newslint.matching.compiled import BuiltinPattern
from newslint.matching.patterns import compile_trusted
from newslint.document import Document
from newslint.engine import run_rules as lint
from newslint.rulebook import load_rules

TEXT = "The brutal raid ended, sources said.\n\nExperts say it was the worst ever.\n"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("NEWSLINT_NO_CACHE", raising=False)
    monkeypatch.setattr(state.current(), "known_literals", {})
    return tmp_path / "xdg" / "newslint" / rulecache.file_name(rulebook.builtin_root())


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the rules built from their files (not read from the cache), as they are built."""
    built: list[str] = []
    original = rulebook.load_rule

    def load_rule(path: Path, rule_id: str, ctx: rulebook.BuildContext) -> rulebook.Rule:
        built.append(rule_id)
        return original(path, rule_id, ctx)

    monkeypatch.setattr(rulebook, "load_rule", load_rule)
    return built


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the built-in rules standing in for them."""
    root = tmp_path / "builtin"
    shutil.copytree(rulebook.builtin_root(), root, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    monkeypatch.setattr(rulebook, "builtin_root", lambda: root)
    return root


def findings(rules: list[rulebook.Rule] | None = None) -> list[tuple[str, int, int, str]]:
    rules = [r for r in (load_rules() if rules is None else rules) if r.enabled]
    return [(f.rule, f.line, f.column, f.message) for f in lint(Document.from_text(TEXT, "a.md"), rules)]


def test_a_load_writes_the_cache_and_a_cached_load_builds_nothing(cache: Path, builds: list[str]) -> None:
    expected = findings()
    assert expected and cache.is_file() and builds
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600
    assert stat.S_IMODE(cache.parent.stat().st_mode) == 0o700
    builds.clear()
    rules = load_rules()
    assert builds == []  # every built-in rule came from the cache
    assert findings(rules) == expected
    assert [r.id for r in rules] == sorted(r.id for r in rules)


def test_no_build_is_stored_when_the_code_changed_after_it_was_loaded(cache: Path, builds: list[str],
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Rules built by code a module edit has since replaced would be stored under the new code's key."""
    expected = findings()
    cache.unlink()
    monkeypatch.setattr(rulecache, "LOADED_NS", 0)  # every module on disk is newer than the running code
    builds.clear()
    assert findings() == expected
    assert builds and not cache.exists()
    monkeypatch.setattr(rulecache, "LOADED_NS", time.time_ns())
    findings()
    assert cache.is_file()


def test_cached_rules_are_the_built_rules(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_rules()  # writes the cache
    cached = load_rules()
    monkeypatch.setenv("NEWSLINT_NO_CACHE", "1")
    built = load_rules()
    assert [(r.id, r.path, r.message, r.severity, r.scope, r.enabled, r.flag_cases, r.pass_cases, r.builtin)
            for r in cached] == [(r.id, r.path, r.message, r.severity, r.scope, r.enabled, r.flag_cases,
                                  r.pass_cases, r.builtin) for r in built]
    assert findings(cached) == findings(built)


def test_the_cache_keeps_the_literals_of_the_programs_documents_are_searched_with(cache: Path) -> None:
    """A run over many documents reads where the programs passed to `Document.search` can match
    from the cache, as it does for the rules' patterns: none of them is parsed again."""
    from newslint import relayed, reported, synopsis
    from newslint.document import mentions, paraphrase

    load_rules()  # writes the cache
    state.current().known_literals.clear()
    load_rules()
    known = state.current().known_literals
    for program in (relayed._OBLIGATION, relayed._INVERTED, reported._BEFORE, reported._HELD, synopsis._CUE,
                    mentions.MENTION, paraphrase.PARAPHRASE):
        assert program.pattern in known


def test_the_key_covers_every_rule_file_and_newslints_own_code(home: Path) -> None:
    labels = {label for label, _ in rulecache.inputs(home).files}
    assert {f"rules/{p.relative_to(home).as_posix()}" for p in home.rglob("*.yaml")} <= labels
    assert {"newslint/rulebook.py", "newslint/matching/patterns.py", "newslint/kinds/existence.py"} <= labels


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_changed_rule_file_is_built_again(cache: Path, home: Path, builds: list[str]) -> None:
    load_rules()
    path = home / "loaded" / "adverbs.yaml"
    _edit(path, "message: ", "message: CHANGED ")
    builds.clear()
    rules = {r.id: r for r in load_rules()}
    assert "loaded.adverbs" in builds
    assert rules["loaded.adverbs"].message.startswith("CHANGED ")
    builds.clear()
    load_rules()
    assert builds == []  # and the rebuilt set is cached


def test_a_changed_lexicon_is_built_again(cache: Path, home: Path, builds: list[str]) -> None:
    load_rules()
    lexicon = next((home / "_lexicons").glob("*.yaml"))
    lexicon.write_text(lexicon.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    builds.clear()
    load_rules()
    assert builds


def test_a_same_size_edit_with_its_old_mtime_is_caught(cache: Path, home: Path, builds: list[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rulecache, "RACY_NS", 0)  # the change time tells
    load_rules()
    path = home / "loaded" / "adverbs.yaml"
    before = path.stat()
    _edit(path, "message: ", "message:\t")  # same size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns
    builds.clear()
    load_rules()
    assert "loaded.adverbs" in builds


def test_times_are_trusted_only_when_old_enough(cache: Path, home: Path, builds: list[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Times that match are trusted only when older than the cache by RACY_NS; else contents decide."""
    load_rules()
    frozen = rulecache.inputs(home).stats()
    monkeypatch.setattr(rulecache.Inputs, "stats", lambda self: frozen)  # an edit that keeps every time
    _edit(home / "loaded" / "adverbs.yaml", "message: ", "message:\t")
    builds.clear()
    load_rules()  # the files are seconds old: their times are not trusted, the contents are hashed
    assert "loaded.adverbs" in builds
    monkeypatch.setattr(rulecache, "RACY_NS", 0)
    load_rules()
    builds.clear()
    load_rules()  # trusted times that match: the contents are not read
    assert builds == []


def test_touched_files_keep_the_cache_and_store_their_new_times(cache: Path, home: Path, builds: list[str],
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rulecache, "RACY_NS", 0)
    load_rules()
    path = home / "loaded" / "adverbs.yaml"
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 5_000_000_000))
    builds.clear()
    load_rules()
    assert builds == []  # same contents: not built again
    with open(rulecache.folder() / rulecache.file_name(home), "rb") as handle:
        header = rulecache._Header(*pickle.load(handle))
    assert header.stats == rulecache.inputs(home).stats()


def test_another_newslint_or_python_builds_again(cache: Path, builds: list[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    load_rules()
    monkeypatch.setattr(rulecache, "__version__", "0.0.0-other")
    builds.clear()
    load_rules()
    assert builds


@pytest.mark.parametrize("content", [b"", b"not a pickle", b"\x80\x05N.", b"\x80\x05]\x94.",
                                     pickle.dumps((1, 2, 3, 4))])
def test_a_corrupt_cache_is_ignored_and_replaced(cache: Path, builds: list[str], content: bytes) -> None:
    expected = findings()
    cache.write_bytes(content)
    builds.clear()
    assert findings() == expected
    assert builds
    builds.clear()
    load_rules()
    assert builds == []


@pytest.mark.parametrize("cut", [1, 100, 5000])
def test_a_cache_cut_short_or_with_a_bad_body_is_ignored(cache: Path, builds: list[str], cut: int) -> None:
    expected = findings()
    data = cache.read_bytes()
    for broken in (data[:-cut], data[:len(data) - cut] + b"\x00" * cut):
        cache.write_bytes(broken)
        builds.clear()
        assert findings() == expected
        assert builds


def test_a_cache_others_may_write_is_not_read(cache: Path, builds: list[str]) -> None:
    load_rules()
    os.chmod(cache, 0o666)
    builds.clear()
    load_rules()
    assert builds  # and the file is replaced by a private one
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600
    os.chmod(cache.parent, 0o777)
    builds.clear()
    load_rules()
    assert builds


def test_no_cache_when_turned_off(cache: Path, builds: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSLINT_NO_CACHE", "1")
    assert findings()
    assert not cache.parent.exists()
    builds.clear()
    load_rules()
    assert builds


def test_an_unwritable_cache_folder_is_not_an_error(cache: Path) -> None:
    cache.parent.parent.mkdir(parents=True, exist_ok=True)
    cache.parent.write_text("a file where the folder should be", encoding="utf-8")
    assert findings()


def test_house_rules_beside_the_cached_built_in_rules(cache: Path, tmp_path: Path, builds: list[str]) -> None:
    house = tmp_path / "house"
    (house / "desk").mkdir(parents=True)
    (house / "desk" / "raid.yaml").write_text(
        "kind: requires\nmessage: '{match}: who says so?'\ntrigger: {terms: [raid]}\n"
        "companion: {lexicon: [attribution]}\n", encoding="utf-8")
    load_rules()
    builds.clear()
    rules = load_rules([rulebook.builtin_root(), house])
    assert builds == ["desk.raid"]  # the built-in rules from the cache, the house rule built with their lexicons
    assert "desk.raid" in {r.id for r in rules} and not rules[[r.id for r in rules].index("desk.raid")].builtin


def test_house_lexicons_build_the_built_in_rules_from_their_files(cache: Path, tmp_path: Path,
                                                                  builds: list[str]) -> None:
    """A house lexicon may replace one the built-in rules use: the cached build does not apply."""
    house = tmp_path / "house"
    name = next((rulebook.builtin_root() / "_lexicons").glob("*.yaml")).stem
    (house / "_lexicons").mkdir(parents=True)
    (house / "_lexicons" / f"{name}.yaml").write_text("terms: [zzqx]\n", encoding="utf-8")
    load_rules()
    builds.clear()
    rules = load_rules([rulebook.builtin_root(), house])
    assert len(builds) == len(rules)


def _write_many(folder: str, data: bytes, rounds: int) -> None:
    os.environ["XDG_CACHE_HOME"] = folder
    for _ in range(rounds):
        assert rulecache.write(rulecache.file_name(rulebook.builtin_root()), data)


def test_concurrent_writers_leave_a_whole_file(cache: Path) -> None:
    load_rules()
    data = cache.read_bytes()
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_write_many, args=(str(cache.parent.parent), data, 20)) for _ in range(3)]
    for p in procs:
        p.start()
    while any(p.is_alive() for p in procs):
        assert cache.read_bytes() == data  # never a half-written file
    for p in procs:
        p.join()
        assert p.exitcode == 0
    assert [p.name for p in cache.parent.iterdir() if not p.name.startswith("re-programs")] == [cache.name]  # no temporary files left


def test_cached_rules_find_what_built_rules_find_in_a_run_of_many_documents(
        cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Unpickled matchers learn the words they look for on first use, as built ones do."""
    from newslint.document import Document
    from newslint.engine import run_rules as lint
    from newslint.rulebook import select

    text = ("Officials said the brutal raid killed 14 people. Critics argue it was the deadliest attack in history.\n\n"
            "It is important to note that the regime's so-called reforms were a far cry from what was promised.\n")
    load_rules()  # writes the cache

    def findings() -> list[tuple[int, int, str]]:
        with state.fresh() as fresh:  # a new process: no words known yet
            fresh.documents = 5  # past the first document: only known words are indexed
            rules = select(load_rules())
            return [(f.line, f.column, f.rule) for f in lint(Document.from_text(text, "a.txt"), rules)]

    from_cache = findings()
    monkeypatch.setenv("NEWSLINT_NO_CACHE", "1")
    assert len(from_cache) >= 5 and from_cache == findings()


def test_each_rule_folder_has_its_own_file(cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two installs sharing the cache folder keep a file each instead of replacing each other's."""
    load_rules()
    other = tmp_path / "other"
    shutil.copytree(rulebook.builtin_root(), other, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    monkeypatch.setattr(rulebook, "builtin_root", lambda: other)
    load_rules()
    assert sorted(p.name for p in cache.parent.iterdir() if not p.name.startswith("re-programs")) == sorted(
        [cache.name, rulecache.file_name(other)])
    assert rulecache.file_name(other) != cache.name


def test_only_the_most_recently_written_caches_are_kept(cache: Path) -> None:
    """Each install has its own file; past KEEP_FILES, the least recently written are removed."""
    cache.parent.mkdir(parents=True)
    old = []
    for i in range(rulecache.KEEP_FILES + 3):
        path = cache.parent / f"{rulecache.FILE_PREFIX}.{i:08x}.pickle"
        path.write_bytes(b"an older install's rules")
        os.utime(path, ns=(1_000_000_000 * (i + 1),) * 2)
        old.append(path.name)
    (cache.parent / "re-programs.x.marshal").write_bytes(b"not a rule cache")
    load_rules()
    left = sorted(p.name for p in cache.parent.iterdir())
    assert cache.name in left and "re-programs.x.marshal" in left
    assert [name for name in left if name in old] == old[-(rulecache.KEEP_FILES - 1):]


def test_a_house_lexicon_of_its_own_name_keeps_the_cache(cache: Path, tmp_path: Path, builds: list[str]) -> None:
    house = tmp_path / "house"
    (house / "_lexicons").mkdir(parents=True)
    (house / "_lexicons" / "desk-words.yaml").write_text("terms: [zzqx]\n", encoding="utf-8")
    (house / "desk").mkdir()
    (house / "desk" / "raid.yaml").write_text(
        "kind: requires\nmessage: '{match}: who says so?'\ntrigger: {terms: [raid]}\n"
        "companion: {lexicon: [attribution, desk-words]}\n", encoding="utf-8")
    expected = load_rules([rulebook.builtin_root(), house])
    builds.clear()
    rules = load_rules([rulebook.builtin_root(), house])
    assert builds == ["desk.raid"]
    assert [r.id for r in rules] == [r.id for r in expected]
    text = "The raid ended.\n\nThe raid ended, zzqx.\n"
    assert [(f.rule, f.line) for f in lint(Document.from_text(text, "a.md"), rules) if f.rule == "desk.raid"] == \
        [("desk.raid", 1)]


def _regex_only(rules: list[rulebook.Rule]) -> list[BuiltinPattern]:
    return [item for m in rulebook.matchers(rules) for item in m.items
            if isinstance(item, BuiltinPattern) and compile_trusted(*item.source) is None]


def test_a_pattern_only_regex_compiles_is_cached_with_its_program(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_rules()  # writes the cache
    items = _regex_only(load_rules())
    assert items and all(item.program is not None and "pattern" not in vars(item) for item in items)
    parsed: list[str] = []
    original = patterns._compile_user

    def compile_user(pattern: str, ignore_case: bool) -> object:
        parsed.append(pattern)
        return original(pattern, ignore_case)

    monkeypatch.setattr(patterns, "_compile_user", compile_user)
    loaded = [(item.pattern.pattern, item.pattern.flags) for item in items]
    assert parsed == []  # built from the stored programs, not parsed again
    assert loaded == [(p.pattern, p.flags) for p in (original(patterns.body_first(item.source[0]), item.source[1])
                                                     for item in items)]  # (look-behinds tried last: see body_first)
    assert findings() == findings(load_rules())


def test_a_program_of_another_regex_version_is_compiled_again() -> None:
    item = _regex_only(load_rules())[0]
    program = patterns.regex_program(item.pattern)
    assert patterns.from_regex_program(program) is not None
    assert patterns.from_regex_program(("0.0", program[1])) is None
    assert patterns.from_regex_program((program[0], ("(", 0))) is None
    stale = BuiltinPattern(item.source, item.where)
    stale.program = ("0.0", program[1])
    assert (stale.pattern.pattern, stale.pattern.flags) == (item.pattern.pattern, item.pattern.flags)


@pytest.mark.parametrize("enabled", [True, False])
def test_reading_the_cache_leaves_the_garbage_collector_as_it_was(cache: Path, builds: list[str], enabled: bool) -> None:
    """The cache is read with the collector paused (its objects are all kept), then set back as it was."""
    import gc

    expected = findings()  # writes the cache
    builds.clear()
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        rules = load_rules()
        assert gc.isenabled() == enabled
    finally:
        (gc.enable if was else gc.disable)()
    assert builds == [] and findings(rules) == expected
