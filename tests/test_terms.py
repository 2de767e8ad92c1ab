"""Terms that lines never break inside: found in the chapter, listed by a map, or marked in a text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import MAPS, REPO
from usfk_argmap.drawing.terms import Terms, map_terms, recurring_terms
from usfk_argmap.drawing.wrap import wrap
from usfk_argmap.mapfile.loader import load_map, load_text

#: Names and terms of the flagship chapter, chosen by reading it. The wrapping code and its data have
#: never seen them (checked below): they must come out whole because they recur in the chapter.
CHAPTER_TERMS = (
    "駐韓美軍",
    "朝鮮半島",
    "美日安保",
    "王毅",
    "台海",
    "南韓",
    "北韓",
    "冷戰",
    "核武",
    "兩韓",
    "台灣海峽",
    "權力平衡",
    "共同防禦條約",
    "外交政策",
    "中國",
    "美國",
)
#: Label widths the deck and render use (em).
WIDTHS = (16.0, 13.0, 11.0, 9.0, 8.0, 7.5, 7.0, 6.0)


def _cuts(lines: list[str]) -> tuple[str, set[int]]:
    joined, cuts, at = "", set(), 0
    for line in lines:
        joined += line
        at += len(line)
        cuts.add(at)
    return joined, cuts - {at}


def test_the_chapter_terms_are_unknown_to_the_code_and_data() -> None:
    # The wrapping and the deck's code, and their data (a CLI's example may well name the chapter's terms).
    folders = (REPO / "usfk_argmap" / "drawing", REPO / "usfk_argmap" / "present", REPO / "usfk_argmap" / "analysis")
    code = "".join(p.read_text(encoding="utf-8") for folder in folders for p in folder.rglob("*.py"))
    argument_map = load_map(MAPS / "usfk_conclusion.yaml").map
    assert argument_map is not None and argument_map.terms == ()
    assert [t for t in CHAPTER_TERMS if t in code] == []


def test_no_statement_of_the_flagship_breaks_inside_a_chapter_term() -> None:
    argument_map = load_map(MAPS / "usfk_conclusion.yaml").map
    assert argument_map is not None
    terms = map_terms(argument_map)
    broken: list[str] = []
    breaks = 0
    for width in WIDTHS:
        for node in argument_map.nodes.values():
            lines = wrap(node.text, width, argument_map.lang, terms)
            joined, cuts = _cuts(lines)
            assert joined == node.text.replace(" ", "")
            breaks += len(cuts)
            for term in CHAPTER_TERMS:
                for found in re.finditer(term, joined):
                    if len(term) <= width and any(found.start() < cut < found.end() for cut in cuts):
                        broken.append(f"{node.id} at {width} em: {' | '.join(lines)}")
    assert broken == []
    assert breaks > 500  # the texts are really wrapped, at every width


def test_without_terms_budoux_breaks_inside_them() -> None:
    # The measure above means something: the phrase model alone splits these names.
    argument_map = load_map(MAPS / "usfk_conclusion.yaml").map
    assert argument_map is not None
    split = 0
    for width in WIDTHS:
        for node in argument_map.nodes.values():
            joined, cuts = _cuts(wrap(node.text, width, argument_map.lang))
            split += sum(
                1
                for term in CHAPTER_TERMS
                for found in re.finditer(term, joined)
                if any(found.start() < cut < found.end() for cut in cuts)
            )
    assert split > 20


def test_recurring_runs_are_terms_and_their_pieces_are_not() -> None:
    texts = ["甲乙丙丁戊己庚辛", "乙丙丁在此", "他說乙丙丁", "乙丙丁也", "戊己一次"]
    found = recurring_terms(texts)
    assert "乙丙丁" in found
    assert "乙丙" not in found and "丙丁" not in found  # pieces of a run that occurs as often
    assert "戊己" not in found  # twice only


def test_a_map_lists_its_own_terms_and_a_word_joiner_holds_two_characters() -> None:
    text = "title: t\nlang: zh-Hant\nroot: T\nterms: [甲乙丙丁]\nnodes:\n  T: {kind: thesis, text: 子丑甲乙丙丁寅卯辰巳}\n"
    argument_map = load_text(text).map
    assert argument_map is not None and argument_map.terms == ("甲乙丙丁",)
    terms = map_terms(argument_map)
    for width in (5.0, 6.0, 7.0):
        _, cuts = _cuts(wrap("子丑甲乙丙丁寅卯辰巳", width, "zh-Hant", terms))
        assert not any(2 < cut < 6 for cut in cuts), (width, cuts)
    # The joiner is dropped from the lines and never broken at.
    for width in (2.0, 3.0, 4.0):
        lines = wrap("一二三\u2060四五六", width, "zh-Hant")
        assert "".join(lines) == "一二三四五六" and "\u2060" not in "".join(lines)
        assert 3 not in _cuts(lines)[1]
    # A newline is a line break of its own.
    assert wrap("一二\n三四", 10.0, "zh-Hant") == ["一二", "三四"]


def test_a_term_too_long_for_the_line_may_break() -> None:
    terms = Terms(["甲乙丙丁戊己"])
    lines = wrap("甲乙丙丁戊己", 3.0, "zh-Hant", terms)
    assert "".join(lines) == "甲乙丙丁戊己" and len(lines) == 2


def test_loader_rejects_terms_that_are_not_a_list() -> None:
    result = load_text("title: t\nroot: T\nterms: 甲乙\nnodes:\n  T: {kind: thesis, text: x}\n")
    assert any(d.code == "AM007" and "terms" in d.message for d in result.diagnostics)


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_terms_keep_words_of_a_latin_name_together(lang: str) -> None:
    terms = Terms(["United States Forces Korea"])
    lines = wrap("Both sides agree that United States Forces Korea stays", 14.0, lang, terms)
    assert any("United States Forces Korea" in line for line in lines), lines


def test_the_rendering_page_documents_terms_and_line_breaks() -> None:
    readme = (REPO / "docs" / "rendering.md").read_text(encoding="utf-8")
    assert "terms:" in readme and "U+2060" in readme and "line break" in readme.lower()
    assert (
        Path(REPO / "usfk_argmap" / "mapfile" / "schema" / "argmap.schema.json").read_text(encoding="utf-8").count('"terms"') == 1
    )
