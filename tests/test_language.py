"""Copy in another language than English is read, found not English, and not linted."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from newslint.cli import main
from newslint.document import language
from newslint.document.language import english
from newslint.engine import lint_text

ENGLISH = (
    "The council voted on Tuesday to close the library on Mill Street, which has been open since 1921. "
    "Its leader said the building was too costly to repair and that the books would move to the school. "
    "Residents, who have campaigned for two years, said they were angry and would ask the court to "
    "review the decision. The vote was seven to two, with one member absent. A brutal cut, they said, "
    "for a town that has lost its bank, its post office and its last bus route in the past decade."
)
SPANISH = (
    "El ayuntamiento votó el martes cerrar la biblioteca de la calle Molino, abierta desde 1921. Su "
    "presidente dijo que el edificio era demasiado caro de reparar y que los libros irían a la escuela. "
    "Los vecinos, que llevan dos años en campaña, dijeron que estaban indignados y que pedirán a un juez "
    "que revise la decisión. La votación fue de siete a dos, con un miembro ausente. Un recorte brutal, "
    "dijeron, para un pueblo que ha perdido su banco, su oficina de correos y su último autobús."
)
GERMAN = (
    "Der Gemeinderat hat am Dienstag beschlossen, die Bibliothek in der Mühlenstraße zu schließen, die "
    "seit 1921 geöffnet ist. Der Vorsitzende sagte, das Gebäude sei zu teuer für eine Reparatur und die "
    "Bücher kämen in die Schule. Die Anwohner, die seit zwei Jahren kämpfen, sagten, sie seien empört und "
    "würden das Gericht anrufen. Die Abstimmung endete sieben zu zwei. Ein brutaler Schnitt, sagten sie, "
    "für einen Ort, der seine Bank, seine Post und seine letzte Buslinie verloren hat, was niemand will."
)


def test_english_copy_is_told_from_other_languages() -> None:
    assert english(ENGLISH)
    assert not english(SPANISH)
    assert not english(GERMAN)  # "was" and "will" are German words too: not enough to pass
    assert english("El ayuntamiento votó cerrar la biblioteca.")  # too short to tell: linted
    assert english(ENGLISH + "\n\n" + SPANISH[:200])  # an English story quoting a Spanish passage


# Japanese copy sets no spaces between its words: counted as English copy is, it has too few words to tell.
JAPANESE = (
    "市議会は火曜日、1921年から開いているミル通りの図書館を閉鎖することを決めた。議長は建物の修理費が"
    "高すぎると述べ、本は学校に移されるという。住民は二年間反対運動を続けており、裁判所に判断を求める"
    "考えだ。採決は七対二だった。iPhoneとSuicaの話題も出た。"
)


def test_copy_in_chinese_japanese_or_korean_is_not_english() -> None:
    assert not english(JAPANESE)
    assert not english(JAPANESE * 20)
    assert not english("\n".join(" ".join(line) for line in JAPANESE.split("。")))  # spaced out, as a page's references leave it
    assert english(ENGLISH + " The sign outside read 図書館 (library).")  # an English story with a Japanese word
    # only a sample is read: what follows it does not change the answer, whatever the file's size
    assert not english(JAPANESE * 400 + "x" * 200_000)
    assert not english(" " * 60_000 + JAPANESE)  # a page's markup, blanked, is not counted in the sample


def _word_by_word(prose: str) -> bool:
    """`english` as its docstring tells it, every word read."""
    words = [w.lower() for w in re.findall(r"[^\W\d_]{2,}", prose)][:language.SAMPLE]
    if language.written_in_cjk(prose):
        return False
    return len(words) < language.MIN_WORDS or sum(w in language.ENGLISH_WORDS for w in words) >= language.MIN_SHARE * len(words)


@pytest.mark.parametrize("prose", [
    ENGLISH, SPANISH, GERMAN, ENGLISH + "\n\n" + SPANISH[:200], SPANISH * 3 + ENGLISH * 3, SPANISH * 3 + " the" * 30,
    " the" * 24 + " jota" * 600, " the " * 25 + " jota" * 600,  # just short of the spaced words told at once, and just enough
    "ab " * 600 + " the " * 40,  # spaced words past the words read: not counted
    "İstanbul is the city of " * 40, "ΟΔΟΣ'Α the ΣΑΣ of " * 60,  # text that lower-cases unevenly: read word by word
    JAPANESE, ENGLISH + JAPANESE,
])
def test_english_copy_told_at_once_is_what_reading_every_word_tells(prose: str) -> None:
    assert english(prose) == _word_by_word(prose)


def test_copy_in_another_language_gets_no_findings_and_is_counted_as_skipped(tmp_path: Path) -> None:
    assert lint_text(SPANISH, "historia.md") == []
    assert [f.rule for f in lint_text(ENGLISH, "story.md")] == ["loaded.adjectives"]
    (tmp_path / "story.md").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "historia.md").write_text(SPANISH, encoding="utf-8")
    both = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert both.exit_code == 1
    assert "1 finding in 1 file" in both.stdout and "1 file skipped (1 not English copy)" in both.stdout
    alone = CliRunner().invoke(main, ["check", "--format", "json", str(tmp_path / "historia.md")])
    assert alone.exit_code == 0, alone.stderr  # a hook given only this file passes it
    assert json.loads(alone.stdout)["findings"] == []
