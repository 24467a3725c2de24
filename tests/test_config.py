"""Configuration: discovery, precedence, validation and every key's effect on a real run."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newslint.articles import article_type
from newslint.cli import main
from newslint.config import Finder, load

BRUTAL = "The brutal raid ended.\n\nIt was calm, police said.\n"


def findings(*args: str) -> tuple[int, list[dict[str, object]]]:
    result = CliRunner().invoke(main, ["check", "--format", "json", *args])
    return result.exit_code, json.loads(result.stdout)["findings"] if result.stdout else []


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_pyproject_table_is_found_by_walking_up(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.newslint]\nignore = ["loaded"]\n')
    story = write(tmp_path / "desk" / "story.md", BRUTAL)
    assert findings(str(story)) == (0, [])


def test_nearest_config_wins_and_yaml_beats_pyproject_in_one_folder(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.newslint]\nignore = ["loaded"]\n')
    write(tmp_path / "desk" / ".newslint.yaml", "severity:\n  loaded.adjectives: error\n")
    write(tmp_path / "desk" / "pyproject.toml", '[tool.newslint]\nignore = ["loaded"]\n')
    top = write(tmp_path / "top.md", BRUTAL)
    nested = write(tmp_path / "desk" / "story.md", BRUTAL)
    code, found = findings(str(top), str(nested))
    assert [(Path(f["path"]).name, f["severity"]) for f in found] == [("story.md", "error")]


def test_a_pyproject_that_never_names_newslint_is_not_parsed(tmp_path):
    write(tmp_path / "pyproject.toml", "[project\nname = \n")  # malformed, but none of newslint's business
    story = write(tmp_path / "story.md", BRUTAL)
    code, found = findings(str(story))
    assert code == 1 and len(found) == 1
    write(tmp_path / "pyproject.toml", "[tool.newslint\nignore = \n")
    result = CliRunner().invoke(main, ["check", str(story)])
    assert result.exit_code == 2 and "pyproject.toml: malformed TOML" in result.stderr


def test_pyproject_without_table_is_skipped(tmp_path):
    write(tmp_path / ".newslint.yaml", "fail_on: error\n")
    write(tmp_path / "desk" / "pyproject.toml", "[project]\nname = 'x'\n")
    story = write(tmp_path / "desk" / "story.md", BRUTAL)
    code, found = findings(str(story))
    assert code == 0 and len(found) == 1  # fail_on: error from the outer file applies


def test_explicit_config_overrides_discovery(tmp_path):
    write(tmp_path / ".newslint.yaml", "ignore: [loaded]\n")
    other = write(tmp_path / "elsewhere" / "strict.yaml", "fail_on: suggestion\n")
    story = write(tmp_path / "story.md", BRUTAL)
    assert findings(str(story))[1] == []
    assert len(findings("--config", str(other), str(story))[1]) == 1


def test_unknown_key_is_an_error_naming_file_and_key(tmp_path):
    cfg = write(tmp_path / ".newslint.yaml", "select: [loaded]\nfail-on: error\n")
    story = write(tmp_path / "story.md", BRUTAL)
    result = CliRunner().invoke(main, ["check", str(story)])
    assert result.exit_code == 2
    assert f"{cfg}:2: key 'fail-on': unknown key" in result.stderr
    toml = write(tmp_path / "t" / "pyproject.toml", '[tool.newslint]\nselcet = ["loaded"]\n')
    result = CliRunner().invoke(main, ["check", str(write(tmp_path / "t" / "a.md", BRUTAL))])
    assert result.exit_code == 2 and f"{toml}: key 'tool.newslint.selcet': unknown key" in result.stderr


def test_bad_values_and_unknown_rule_names_are_errors(tmp_path):
    story = write(tmp_path / "story.md", BRUTAL)
    cfg = write(tmp_path / ".newslint.yaml", "severity:\n  loaded.adjectives: fatal\n")
    result = CliRunner().invoke(main, ["check", str(story)])
    assert result.exit_code == 2 and "key 'severity.loaded.adjectives': expected one of" in result.stderr
    write(cfg, "ignore: [loaded.nonsense]\n")
    result = CliRunner().invoke(main, ["check", str(story)])
    assert result.exit_code == 2 and f"{cfg}: unknown rule or family 'loaded.nonsense'" in result.stderr
    write(cfg, "select: [loaded\n")
    result = CliRunner().invoke(main, ["check", str(story)])
    assert result.exit_code == 2 and f"{cfg}:" in result.stderr and "malformed YAML" in result.stderr


def test_command_line_beats_config(tmp_path):
    write(tmp_path / ".newslint.yaml", "select: [sources]\nfail_on: error\n")
    story = write(tmp_path / "story.md", BRUTAL)
    assert findings(str(story)) == (0, [])
    code, found = findings("--select", "loaded", "--fail-on", "warning", str(story))
    assert code == 1 and [f["rule"] for f in found] == ["loaded.adjectives"]


def test_per_path_overrides_and_exclude(tmp_path):
    write(tmp_path / ".newslint.yaml", "exclude: ['archive/**', '*.draft.md']\n"
                                       "per_path:\n  'opinion/*.md':\n    ignore: [loaded]\n"
                                       "  'wire/**':\n    severity: {loaded: suggestion}\n")
    paths = [write(tmp_path / p, BRUTAL) for p in
             ("news/a.md", "opinion/b.md", "wire/x/c.md", "archive/old/d.md", "news/e.draft.md")]
    code, found = findings(str(tmp_path))
    assert [(Path(f["path"]).name, f["severity"]) for f in found] == [("a.md", "warning"), ("c.md", "suggestion")]
    assert findings(str(paths[3]))[1] == []  # an excluded file is skipped even when named


def test_rules_folder_is_relative_to_the_config_and_accepted_terms(tmp_path):
    house = tmp_path / "house" / "desk"
    write(house / "banned.yaml", "kind: existence\nmessage: \"'{match}' is banned\"\nterms: [whilst]\n")
    write(tmp_path / ".newslint.yaml", "rules: [house]\naccepted: [Brutal Raid Memorial]\n")
    story = write(tmp_path / "sub" / "story.md",
                  "Whilst the brutal raid ended, crowds met. Brutal Raid Memorial staff counted them, police said.\n")
    code, found = findings(str(story))
    assert [(f["rule"], f["column"]) for f in found] == [("desk.banned", 1), ("loaded.adjectives", 12)]
    code, found = findings("--config", str(write(tmp_path / "plain.yaml", "rules: [house]\n")), str(story))
    assert [(f["rule"], f["column"]) for f in found] == [("desk.banned", 1), ("loaded.adjectives", 12),
                                                         ("loaded.adjectives", 43)]


def test_article_types_soften_word_choice(tmp_path):
    body = "---\ntitle: T\ntype: {kind}\n---\n\nThe brutal raid ended. It killed 14 people.\n"
    write(tmp_path / "news.md", body.format(kind="news"))
    opinion = write(tmp_path / "opinion.md", body.format(kind="Opinion"))
    review = write(tmp_path / "review.md", body.format(kind="review"))
    assert article_type(opinion.read_text()) == "opinion" and article_type("no front matter") is None
    severities = {(Path(f["path"]).stem, f["rule"]): f["severity"] for f in findings(str(tmp_path))[1]}
    assert severities[("news", "loaded.adjectives")] == "warning"
    assert severities[("opinion", "loaded.adjectives")] == "suggestion"
    assert severities[("opinion", "attribution.casualties")] == "warning"  # facts still need a source
    write(tmp_path / ".newslint.yaml", "article_types: {review: 'off', opinion: keep}\n")
    severities = {(Path(f["path"]).stem, f["rule"]): f["severity"] for f in findings(str(tmp_path))[1]}
    assert ("review", "loaded.adjectives") not in severities
    assert severities[("opinion", "loaded.adjectives")] == "warning"
    assert review.exists()


def test_finder_caches_and_defaults(tmp_path):
    finder = Finder()
    assert finder.for_path(tmp_path / "nothing" / "here.md").path in (None, *Path(tmp_path).parents)
    cfg = write(tmp_path / ".newslint.yaml", "")
    assert load(cfg).select == () and load(cfg).article_types["opinion"] == "suggestion"


def test_unknown_style_pack_is_an_error(tmp_path):
    cfg = write(tmp_path / "pyproject.toml", '[tool.newslint]\nstyle = ["nonesuch"]\n')
    result = CliRunner().invoke(main, ["check", str(write(tmp_path / "a.md", BRUTAL))])
    assert result.exit_code == 2 and f"{cfg}: key 'tool.newslint.style': unknown style pack 'nonesuch'" in result.stderr


def test_every_config_is_checked_even_when_rule_folders_are_shared(tmp_path):
    write(tmp_path / "a" / ".newslint.yaml", "ignore: [loaded]\n")
    bad = write(tmp_path / "b" / ".newslint.yaml", "ignore: [loded]\n")
    result = CliRunner().invoke(main, ["check", str(write(tmp_path / "a" / "x.md", BRUTAL)),
                                       str(write(tmp_path / "b" / "y.md", BRUTAL))])
    assert result.exit_code == 2 and f"{bad}: unknown rule or family 'loded'" in result.stderr


def test_article_types_soften_cliches_and_editorializing(tmp_path):
    body = "---\ntype: {kind}\n---\n\nOf course, the verdict sent shockwaves through the court.\n"
    write(tmp_path / "news.md", body.format(kind="news"))
    write(tmp_path / "opinion.md", body.format(kind="opinion"))
    severities = {(Path(f["path"]).stem, f["rule"]): f["severity"] for f in findings(str(tmp_path))[1]}
    assert severities[("news", "editorial.adverbs")] == "warning"
    assert severities[("opinion", "editorial.adverbs")] == "suggestion"
    assert ("news", "cliches.news") in severities and ("opinion", "cliches.news") in severities


def test_article_types_soften_significance_framing_but_not_artifacts(tmp_path):
    body = ("---\ntype: {kind}\n---\n\nThe sequel is a testament to the studio's patience. As an AI language "
            "model, I cannot rate it.\n")
    for kind in ("news", "opinion", "review"):
        write(tmp_path / f"{kind}.md", body.format(kind=kind))
    severities = {(Path(f["path"]).stem, f["rule"]): f["severity"] for f in findings(str(tmp_path))[1]}
    assert severities[("news", "filler.phrases")] == "warning"
    assert severities[("opinion", "filler.phrases")] == "suggestion"
    assert ("review", "filler.phrases") not in severities
    assert {severities[(kind, "filler.artifacts")] for kind in ("news", "opinion", "review")} == {"error"}


def test_article_types_soften_the_writers_impressions(tmp_path):
    body = ("---\ntype: {kind}\n---\n\nAfter the break the home side seemed to have found a spark, and the "
            "visitors probably tired in the heat.\n")
    for kind in ("news", "opinion", "match", "review"):
        write(tmp_path / f"{kind}.md", body.format(kind=kind))
    severities = {(Path(f["path"]).stem, f["rule"], f["text"]) for f in findings(str(tmp_path))[1]}
    for guess in ("seemed to have found", "probably"):
        assert ("news", "hedges.speculation", guess) in severities
        assert ("opinion", "hedges.speculation", guess) in severities
        assert ("match", "hedges.speculation", guess) not in severities
        assert ("review", "hedges.speculation", guess) not in severities


@pytest.mark.parametrize(("front", "expected"), [
    ("title: A day\ntype: Opinion", "opinion"),
    ("title: A day\ntags: [war]", None),  # no type key: read without a YAML parser
    ('"ty\\x70e": review', "review"),  # an escaped key is still read by the parser
    ("type: [broken", None),  # front matter that is not YAML has no type
])
def test_article_type_from_front_matter(front, expected):
    assert article_type(f"---\n{front}\n---\n\nText.\n") == expected


def test_front_matter_without_a_type_needs_no_yaml_parser():
    import subprocess
    import sys

    script = ("import sys; from newslint.articles import article_type; "
              "assert article_type('---\\ntitle: A day\\n---\\n\\nText.') is None; print('yaml' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parent.parent).stdout
    assert out.strip() == "False"


def test_config_dash_is_not_a_file_named_dash(tmp_path, monkeypatch):
    """`-` names a standard stream everywhere else (--output -, --baseline -): --config - is refused,
    never read from a file that happens to be called "-"."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "-", "ignore: [loaded]\n")
    story = write(tmp_path / "story.md", BRUTAL)
    result = CliRunner().invoke(main, ["check", "--config", "-", str(story)])
    assert result.exit_code == 2 and "--config -" in result.output and "standard input" in result.output
    assert "loaded." not in result.output
