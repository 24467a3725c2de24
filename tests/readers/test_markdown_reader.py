from __future__ import annotations

from newslint.document.markup import BlockKind
from newslint.readers import frontmatter, markdown

MDX = """---
title: "Council's shocking vote"
description: >
  Critics slammed the plan
  on Monday.
author: Jo Smith
---
import { Chart } from '../components/chart'
export const meta = { kicker: "the best deals ever" }

The mayor called it a disaster {props.when}.

<Callout type="warning" note={"a shocking aside"}>
Officials said it was unprecedented.
</Callout>

<Chart
  data={[1, 2, 3]}
  label="slammed"
/>

{/* a loaded comment: shocking */}
Use `{curly}` in code.
"""


def at(text: str, line: int, column: int) -> int:
    lines = text.split("\n")
    return sum(len(x) + 1 for x in lines[:line - 1]) + column - 1


def test_mdx_esm_jsx_and_expressions_are_not_prose() -> None:
    lay = markdown.layout(MDX, mdx=True)
    assert len(lay.prose) == len(MDX)
    for gone in ("import", "Chart", "components", "kicker", "best deals", "props", "Callout", "warning",
                 "aside", "data=", "label", "loaded comment", "Jo Smith"):
        assert gone not in lay.prose, gone
    assert "The mayor called it a disaster" in lay.prose
    assert "Officials said it was unprecedented." in lay.prose
    assert "{curly}" not in lay.prose  # code, masked by the Markdown rules as before


def test_front_matter_headline_and_dek_at_their_own_columns() -> None:
    lay = markdown.layout(MDX, mdx=True)
    shocking = at(MDX, 2, 19)  # title: "Council's shocking vote": "shocking" at line 2, column 19
    assert MDX[shocking:shocking + 8] == "shocking"
    assert lay.prose[shocking:shocking + 8] == "shocking"
    assert lay.prose[at(MDX, 2, 8)] == " "  # the opening quote is YAML's, not a quotation
    slammed = at(MDX, 4, 11)  # the folded dek: "slammed" at line 4, column 11
    assert lay.prose[slammed:slammed + 7] == "slammed"
    heading, dek = lay.blocks[0], lay.blocks[1]
    assert heading.kind is BlockKind.HEADING and MDX[heading.start:heading.end] == "Council's shocking vote"
    assert dek.kind is BlockKind.PARAGRAPH and " ".join(MDX[dek.start:dek.end].split()) == "Critics slammed the plan on Monday."
    assert "title" not in lay.prose and "description" not in lay.prose


def test_which_fields_are_read_is_configurable() -> None:
    lay = markdown.layout(MDX, mdx=True, headline=("author",), dek=())
    assert "Jo Smith" in lay.prose and "shocking vote" not in lay.prose
    assert lay.blocks[0].kind is BlockKind.HEADING


def test_liquid_and_hugo_tags_are_not_prose_in_markdown() -> None:
    text = ("{% include figure.html caption=\"a shocking photo\" %}\n\nThe vote {{ page.when }} was close.\n\n"
            "{{< tweet user=\"slammed\" >}}\n\n{% comment %}\nshocking draft note\n{% endcomment %}\nDone.\n")
    prose = markdown.layout(text).prose
    assert "shocking" not in prose and "slammed" not in prose and "page.when" not in prose
    assert "The vote" in prose and "was close." in prose and "Done." in prose


def test_braces_are_prose_in_plain_markdown() -> None:
    assert "{a set}" in markdown.layout("The {a set} of words.\n").prose


def test_toml_front_matter() -> None:
    text = '+++\ntitle = "A shocking \\"vote\\""\nsummary = """\nCritics slammed it."""\n[params]\ndescription = "not read"\n+++\nBody.\n'
    found = frontmatter.fields(text)
    assert [(f.name, f.headline) for f in found] == [("title", True), ("summary", False)]
    title = found[0]
    assert [text[a:b] for a, b in title.spans] == ["A shocking ", '"vote', '"']
    assert text[title.start:title.start + 10] == "A shocking"
    lay = markdown.layout(text)
    assert "\\" not in lay.prose and "not read" not in lay.prose
    assert "Critics slammed it." in lay.prose


def test_yaml_quoting_and_comments() -> None:
    text = "---\ntitle: It's a 'shocking' vote # draft\nsubtitle: 'Critics''s view'\n---\nBody.\n"
    found = frontmatter.fields(text)
    assert [text[a:b] for a, b in found[0].spans] == ["It's a 'shocking' vote"]
    assert [text[a:b] for a, b in found[1].spans] == ["Critics'", "s view"]


def test_no_front_matter_or_unclosed() -> None:
    assert frontmatter.fields("title: x\n") == []
    assert frontmatter.fields("---\ntitle: x\n") == []
