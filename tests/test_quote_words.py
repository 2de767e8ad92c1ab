"""English quotes match whole words: line breaks and repeated spaces are ignored, words run together are not.

CJK text has no spaces between words, so there every space is still ignored. The
closest passage of a misquote is printed on one line, so it can be pasted.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from usfk_argmap.cli.app import main
from usfk_argmap.quotes.source import SourceText, one_line
from usfk_argmap.rules.quote_not_found import quote_message

ENGLISH = (
    "Schools should put cameras in classrooms. We want the camera\nshould it be needed, and the\n"
    "cameras cost little.\nRecording  costs little.\n"
)
CHINESE = "教室應裝設\n攝影機，因為 錄影 成本很低。\n"


@pytest.mark.parametrize(
    ("source", "quote", "found"),
    [
        (ENGLISH, "Recording costs little.", "Recording  costs little."),
        (ENGLISH, "the camera should it be", "the camera\nshould it be"),
        (ENGLISH, "Recordingcostslittle.", None),
        (ENGLISH, "the camerashould", None),
        (CHINESE, "教室應裝設攝影機", "教室應裝設\n攝影機"),
        (CHINESE, "因為錄影成本很低", "因為 錄影 成本很低"),
    ],
)
def test_spaces_matter_only_between_words(source: str, quote: str, found: str | None) -> None:
    text = SourceText(source)
    span = text.find(quote)
    assert (None if span is None else source[span.start : span.end]) == found


def test_a_fragment_prefers_a_whole_word_to_a_match_across_a_word_boundary() -> None:
    source = SourceText("We want the camera\nshould it fail, and the\ncameras cost little.\n")
    span = source.find("cameras")
    assert span is not None and source.text[span.start : span.end] == "cameras"
    assert source.line_of(span.start) == 3


def test_the_quote_command_prints_the_real_word(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text("We want the camera\nshould it fail, and the\ncameras cost little.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["quote", str(path), "cameras"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "cameras"
    assert "camera s" not in result.output


def test_a_quote_that_runs_words_together_is_told_so() -> None:
    message = quote_message(SourceText(ENGLISH, "x.txt"), "N1", "Recordingcostslittle.")
    assert message == "the quote of 'N1' runs together words that the source separates: 'Recording costs little.' (x.txt line 4)"


@pytest.mark.parametrize(
    ("source", "quote", "passage"),
    [
        (
            "The council says the tram\npays for itself within\ntwenty years.\n",
            "the tram pays for itself within thirty years",
            "'the tram pays for itself within twenty years.'",
        ),
        ("議會認為電車\n\n二十年內可以\n回本。\n", "電車三十年內可以回本", "'電車二十年內可以回本。'"),
    ],
)
def test_the_closest_passage_is_on_one_line_to_be_pasted(source: str, quote: str, passage: str) -> None:
    message = quote_message(SourceText(source, "x.txt"), "N1", quote)
    assert f"closest passage (x.txt line 1): {passage}" in message
    assert "\\n" not in message


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        ("the tram\npays", "the tram pays"),
        ("little.\nIt is", "little. It is"),
        ("電車\n\n二十年", "電車二十年"),
        ("成本，\nlow", "成本，low"),
    ],
)
def test_one_line_joins_line_breaks_as_the_script_writes_them(text: str, joined: str) -> None:
    assert one_line(text) == joined
