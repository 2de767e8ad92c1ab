"""AM301's closest passage (issues 9 §3 and 16): the source's own words, whole words, the first difference,
script and variant conversions named, and bounded time on large sources."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import MAPS, write_map
from usfk_argmap import check, load
from usfk_argmap.quotes.source import SourceText
from usfk_argmap.rules.quote_not_found import quote_message

TRAM = (MAPS / "sources" / "tram.txt").read_text(encoding="utf-8")
USFK = (MAPS / "sources" / "usfk_conclusion.txt").read_text(encoding="utf-8")
ENGLISH = (
    "Since the tram opened in 2019, cycling trips on Main Street have tripled, and the shops\nreport more visitors than before."
)


def message(source_text: str, quote: str) -> str:
    return quote_message(SourceText(source_text, "src.txt"), "N1", quote)


def test_the_passage_is_the_sources_own_text_with_its_spaces() -> None:
    text = message(ENGLISH, "cycling trips on Main Street have doubled")
    assert "'cycling trips on Main Street have tripled'" in text
    assert "cyclingtripsonMainStreet" not in text
    assert "the quote has 'doubled' where the source has 'tripled'" in text
    assert "src.txt line 1" in text


def test_full_width_punctuation_stays_full_width() -> None:
    text = message("冷戰時期此二者實為一體之兩面，因嚇阻北韓南侵，即是維持區域和平穩定。", "因嚇阻北韓南進，即是維持區域")
    assert "'因嚇阻北韓南侵，即是維持區域和平穩定。'" in text
    assert "the quote has '進' where the source has '侵'" in text


@pytest.mark.parametrize(
    ("quote", "hint"),
    [
        ("cycling trips on Main Street have more than tripled", "after 'Street have', the quote adds 'more than'"),
        ("cycling trips on Main have tripled", "after 'on Main', the source has 'Street', which the quote leaves out"),
        ("trips on Main St. have tripled", "the quote has 'St.' where the source has 'Street'"),
    ],
)
def test_the_first_difference_is_shown_in_whole_words(quote: str, hint: str) -> None:
    assert hint in message(ENGLISH, quote)


def test_passages_start_and_end_at_word_boundaries() -> None:
    rng = random.Random(3)
    source = SourceText(TRAM)
    words = TRAM.split()
    for _ in range(40):
        start = rng.randrange(len(words) - 12)
        chosen = words[start : start + rng.randrange(4, 12)]
        chosen[rng.randrange(len(chosen))] = "zebra"
        quote = " ".join(chosen)
        passage = source.closest_passage(quote)
        assert passage is not None, quote
        assert TRAM[passage.span.start : passage.span.end] == passage.text
        before = TRAM[passage.span.start - 1] if passage.span.start else " "
        after = TRAM[passage.span.end] if passage.span.end < len(TRAM) else " "
        assert not (before.isalnum() and passage.text[0].isalnum()), (quote, passage.text)
        assert not (after.isalnum() and passage.text[-1].isalnum()), (quote, passage.text)


def test_a_simplified_quote_of_a_traditional_source_is_told_so() -> None:
    text = message(USFK, "驻韩美军")
    assert "matches the source only after Simplified→Traditional conversion (驻→駐, 韩→韓, 军→軍)" in text
    assert "'駐韓美軍'" in text


def test_a_traditional_quote_of_a_simplified_source_is_told_so() -> None:
    text = message("冷战后随着区域情势的变化，北韩南侵之机率下降。", "冷戰後隨著區域情勢的變化")
    assert "matches the source only after Traditional→Simplified conversion" in text
    assert "戰→战" in text and "著→着" in text


def test_a_variant_character_is_named() -> None:
    text = message("每逢週末，駐軍舉行演習。", "每逢周末，駐軍舉行演習")
    assert "matches the source only with a variant character: the quote has 周 where the source has 週" in text


def test_several_variant_characters_are_named() -> None:
    text = message("他在週末到裡面去。", "他在周末到裏面去")
    assert "variant characters: the quote has 周 where the source has 週, 裏 where the source has 裡" in text


def test_a_quote_with_nothing_alike_gets_no_passage() -> None:
    assert message(ENGLISH, "完全無關的句子") == "the quote of 'N1' is not in the source"


def test_a_long_passage_is_shortened_in_the_message() -> None:
    quote = USFK[200:1200].replace(USFK[700], "錯", 1)
    text = message(USFK, quote)
    assert " … " in text and len(text) < 600


def test_check_shows_the_verbatim_passage(tmp_path: Path) -> None:
    (tmp_path / "source.txt").write_text(ENGLISH, encoding="utf-8")
    path = write_map(
        tmp_path,
        "title: t\nsource: source.txt\nroot: T\nnodes:\n"
        "  T: {kind: thesis, text: a, quote: cycling trips on Main Street have doubled}\n",
    )
    result = load(path)
    assert result.map is not None
    [diagnostic] = check(result.map, select=["AM301"])
    assert "closest passage (source.txt line 1): 'cycling trips on Main Street have tripled'" in diagnostic.message


SMALL_ALPHABET = """
import random
from usfk_argmap.quotes.source import SourceText
rng = random.Random(2)
source = SourceText("".join(rng.choice("acgt") for _ in range(200_000)))
print(source.closest_passage("".join(rng.choice("acgt") for _ in range(5_000))))
"""


def test_a_small_alphabet_source_and_a_5kb_quote_do_not_hang() -> None:
    """The worst case for the old difflib search (79 s here, 200 KB of four letters): now bounded.

    A child process with a generous limit guards it; speed itself is measured in benchmarks/.
    """
    result = subprocess.run([sys.executable, "-c", SMALL_ALPHABET], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr


def test_a_5kb_quote_is_found_in_a_200kb_source_of_common_words() -> None:
    rng = random.Random(2)
    words = TRAM.split()
    text = " ".join(rng.choice(words) for _ in range(34_000))
    quote = list(text[100_000:105_000])
    for index in range(0, len(quote), 60):
        quote[index] = "#"
    passage = SourceText(text).closest_passage("".join(quote))
    assert passage is not None and passage.similarity > 0.9
    assert abs(passage.span.start - 100_000) < 20


def test_a_simplified_misquote_finds_its_traditional_passage_and_says_both() -> None:
    text = message(USFK, "中国即主张驻韩美军为朝鲜半岛紧张局势根源，唯有美国撤离")
    start = USFK.index("中國即主張駐韓美軍")
    verbatim = USFK[start : USFK.index("撤", start) + 3]  # the source's own 離 is a compatibility ideograph, U+F9EA
    assert verbatim.endswith("撤\uf9ea，")
    # The passage's line breaks are joined, as `quote` prints it, so it can be pasted.
    assert f"closest passage (src.txt line 84): {verbatim.replace(chr(10), '')!r}" in text
    assert "the quote has '国' where the source has '軍'" in text
    assert "besides, the quote is in Simplified characters where the source is Traditional (国→國, 张→張" in text


def test_the_words_before_the_difference_are_given_to_find_it_by() -> None:
    text = message(USFK, "冷戰時期二者實為一體之兩面，因嚇阻北韓南侵")
    span = SourceText(USFK).find("冷戰時期")  # the source writes 冷 as a compatibility ideograph: take its own
    assert span is not None
    assert f"after {USFK[span.start : span.end]!r}, the source has '此', which the quote leaves out" in text
    assert "after 'trips', the quote has 'in' where the source has 'on'" in message(
        ENGLISH, "cycling trips in Main Street have tripled"
    )
