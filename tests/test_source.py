"""Quote matching against a source text with PDF-extraction artefacts."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers import MAPS
from usfk_argmap.quotes.source import SourceText, normalize

PDF_LIKE = (
    "冷戰時期此二者實為一體之兩面，因嚇阻北韓南侵，即是維持區\n\n域和平穩定。 冷戰後隨著區域情勢的變化，北韓 南侵之機率下降。"
)


@pytest.mark.parametrize(
    "quote",
    [
        "即是維持區域和平穩定",  # the source breaks the line inside the quote
        "即是維持區\n域和平穩定",  # the quote keeps a line break of its own
        "北韓南侵之機率下降",  # the source has a stray space inside
        "冷戰後隨著區域情勢的變化,北韓南侵",  # an ASCII comma for the full-width one (NFKC)
        unicodedata.normalize("NFD", "即是維持區域和平穩定"),
    ],
)
def test_quote_found_despite_artefacts(quote: str) -> None:
    assert SourceText(PDF_LIKE).find(quote) is not None


def test_compatibility_ideograph_matches_its_unified_form() -> None:
    source = SourceText("這是\uf9dc的範例")  # U+F9DC is a compatibility form of 隆
    assert source.find("這是隆的範例") is not None


def test_zero_width_and_format_characters_are_ignored() -> None:
    source = SourceText("駐韓\u200b美軍\u00ad去留")
    assert source.find("駐韓美軍去留") is not None


def test_found_span_points_into_the_raw_text() -> None:
    source = SourceText(PDF_LIKE)
    span = source.find("即是維持區域和平穩定")
    assert span is not None
    assert normalize(PDF_LIKE[span.start : span.end]) == "即是維持區域和平穩定"
    assert "\n" in PDF_LIKE[span.start : span.end]


def test_absent_quote_and_empty_quote() -> None:
    source = SourceText(PDF_LIKE)
    assert source.find("駐韓美軍撤離") is None
    assert source.find("  \n") is None


def test_closest_passage_for_a_misquote_is_the_source_verbatim() -> None:
    # The source's own text, line breaks and full-width punctuation kept, up to the phrase's end.
    assert SourceText(PDF_LIKE).closest("即是維護區域和平穩定") == "即是維持區\n\n域和平穩定。"


def test_sentences_split_at_full_stops_and_headings() -> None:
    text = "第五章 結論\n\n一、 冷戰後情勢穩定\n\n美軍駐韓。北韓\n\n南侵之機率下降；區域穩定！ Done. Next"
    sentences = [s.text for s in SourceText(text).sentences]
    assert sentences == [
        "第五章 結論",
        "一、 冷戰後情勢穩定",
        "美軍駐韓。",
        "北韓\n\n南侵之機率下降；",
        "區域穩定！",
        "Done.",
        "Next",
    ]


def test_coverage_counts_half_covered_sentences() -> None:
    source = SourceText("甲乙丙丁。戊己庚辛。")
    first = source.find("甲乙丙")
    second = source.find("戊")
    assert first is not None and second is not None
    covered, total, share = source.coverage([first, second])
    assert (covered, total) == (1, 2)
    assert share == pytest.approx(4 / 10)


def test_flagship_source_copy_is_identical_to_shared(shared_dir: object) -> None:
    from pathlib import Path

    assert isinstance(shared_dir, Path)
    ours = (MAPS / "sources" / "usfk_conclusion.txt").read_bytes()
    assert ours == (shared_dir / "source" / "usfk_conclusion.txt").read_bytes()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Introduction\n\nThe tram is good. It is cheap.\n", ["Introduction", "The tram is good.", "It is cheap."]),
        ("Costs and benefits\nThe tram pays for itself. Yes.\n", ["Costs and benefits", "The tram pays for itself.", "Yes."]),
        ("We conclude that x.\nResults\n\nMore.", ["We conclude that x.", "Results", "More."]),
        ("Chapter 5 (Conclusion)\nIt ends.", ["Chapter 5 (Conclusion)", "It ends."]),
        # Lines a PDF broke mid-sentence are not headings: a word that goes on, a lower-case line after.
        (
            "Intro.\n\nThe report by the Council of\nRiverton says yes.",
            ["Intro.", "The report by the Council of\nRiverton says yes."],
        ),
        ("The council said\n\nno.", ["The council said\n\nno."]),
        ("It went on, and on\nuntil it stopped.", ["It went on, and on\nuntil it stopped."]),
    ],
)
def test_english_heading_lines_end_a_sentence(text: str, expected: list[str]) -> None:
    assert [s.text for s in SourceText(text).sentences] == expected


def test_flagship_coverage_is_unchanged_by_english_headings() -> None:
    from usfk_argmap import open_map
    from usfk_argmap.analysis.stats import compute_stats

    figures = compute_stats(open_map(MAPS / "usfk_conclusion.yaml")).to_dict()
    assert (figures["sentences_covered"], figures["sentences_total"]) == (47, 52)


@given(st.text(max_size=60))
def test_normalizing_is_nfkc_of_each_character_without_spaces_and_format_characters(text: str) -> None:
    from usfk_argmap.quotes.source import normalize_with_offsets

    def dropped(char: str) -> bool:
        return char.isspace() or unicodedata.category(char) in ("Cf", "Cc")

    expected = [
        (piece, index)
        for index, char in enumerate(text)
        if not dropped(char)
        for piece in unicodedata.normalize("NFKC", char)
        if not dropped(piece)
    ]
    normal, offsets = normalize_with_offsets(text)
    assert normal == normalize(text) == "".join(piece for piece, _ in expected)
    assert offsets == [index for _, index in expected]
