"""Label wrapping: phrase boundaries, forbidden breaks, display width, balance."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers import MAPS
from usfk_argmap import open_map
from usfk_argmap.drawing.wrap import CLOSING, OPENING, budoux_model_name, display_width, phrase_boundary_scorer, wrap

USFK = "中國對駐韓美軍的立場在冷戰結束後逐步轉變，從強烈反對轉為默許（UNSCR 1718）並強調區域穩定。"


@pytest.mark.parametrize(
    ("text", "width", "lang", "expected"),
    [
        ("短句", 16, "zh-Hant", ["短句"]),
        ("", 16, "zh-Hant", [""]),
        (
            USFK,
            16,
            "zh-Hant",
            ["中國對駐韓美軍的立場在冷戰結束", "後逐步轉變，從強烈反對轉為默許", "（UNSCR 1718）並強調區域穩定。"],
        ),
        (
            "The tram line pays for itself within twenty years.",
            8,
            "en",
            ["The tram line", "pays for itself", "within twenty", "years."],
        ),
        ("Supercalifragilisticexpialidocious is long", 5, "en", ["Supercalifragilisticexpialidocious", "is long"]),
        ("first line\nsecond", 16, "en", ["first line", "second"]),
        ("  many   spaces  here ", 16, "en", ["many spaces here"]),
    ],
)
def test_wrap_table(text: str, width: float, lang: str, expected: list[str]) -> None:
    assert wrap(text, width, lang) == expected


@pytest.mark.parametrize(
    ("lang", "model"),
    [
        ("zh-Hant", "zh-hant"),
        ("zh-TW", "zh-hant"),
        ("zh-HK", "zh-hant"),
        ("zh-Hans", "zh-hans"),
        ("zh", "zh-hans"),
        ("zh-CN", "zh-hans"),
        ("ja", "ja"),
        ("ko", None),
        ("en", None),
    ],
)
def test_budoux_model_by_lang(lang: str, model: str | None) -> None:
    assert budoux_model_name(lang) == model


@pytest.mark.parametrize(("text", "width"), [("中文", 2.0), ("abcd", 2.0), ("中a", 1.5), ("e\u0301", 0.5), ("ｱ", 0.5)])
def test_display_width(text: str, width: float) -> None:
    assert display_width(text) == width


def test_never_splits_a_number_or_latin_word_budoux_would() -> None:
    # BudouX alone cuts "（UNSCR 171|8）"; the wrap must keep "1718）" and "（UNSCR" whole.
    for width in (4, 6, 8, 10, 12, 16):
        lines = wrap(USFK, width, "zh-Hant")
        joined = "\n".join(lines)
        assert "1718" in joined.replace(" ", "") and "171\n8" not in joined
        assert any("（UNSCR" in line for line in lines)


def test_lines_are_balanced() -> None:
    lines = wrap("美國在朝鮮半島的駐軍是中美關係中的重要議題，也是冷戰遺產的一部分，至今仍受各方關注。", 16, "zh-Hant")
    widths = [display_width(line) for line in lines]
    assert len(lines) == 3
    assert max(widths) - min(widths) <= 4


def test_prefers_phrase_boundaries() -> None:
    # 16 em would cut "冷戰" in the middle on a hard character count; the wrap breaks between phrases.
    lines = wrap("中國對駐韓美軍的立場在冷戰結束後逐步轉變", 10, "zh-Hant")
    assert lines == ["中國對駐韓美軍的立場", "在冷戰結束後逐步轉變"]


CJK_ALPHABET = "中國美軍駐韓的立場在冷戰後，。、；：「」（）" + "abcXYZ 0123"


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=CJK_ALPHABET, max_size=80), width=st.floats(min_value=2, max_value=30))
def test_wrap_properties(text: str, width: float) -> None:
    lines = wrap(text, width, "zh-Hant")
    normalised = " ".join(text.split())
    # Nothing is lost or reordered: only the spaces at breaks go.
    assert "".join(lines).replace(" ", "") == normalised.replace(" ", "")
    for index, line in enumerate(lines):
        if index > 0 and line:
            assert line[0] not in CLOSING, lines
        if index < len(lines) - 1 and line:
            assert line[-1] not in OPENING, lines
            following = lines[index + 1]
            if following and line[-1].isascii() and following[0].isascii():
                # two narrow characters across a break were separated by a space in the text
                assert f"{line[-1]} {following[0]}" in normalised, lines
        if display_width(line) > width:
            # only a piece that cannot be broken may overflow
            assert len(wrap(line, width, "zh-Hant")) == 1


def test_rejects_nonpositive_width() -> None:
    with pytest.raises(ValueError, match="positive"):
        wrap("text", 0)


def test_weak_phrase_boundaries_lose_to_strong_ones() -> None:
    # BudouX reports a weak boundary inside 朝鮮半島 and a strong one after it: the strong one wins.
    assert wrap("冷戰後朝鮮半島情勢相對穩定", 9.6, "zh-Hant") == ["冷戰後朝鮮半島", "情勢相對穩定"]


def test_our_phrase_scorer_gives_budoux_own_phrases_on_the_flagship() -> None:
    # wrap.py reads BudouX's model files (not public API) and scores positions itself;
    # pyproject bounds budoux's version, and this holds our scorer to BudouX's own parse.
    import budoux

    argument_map = open_map(MAPS / "usfk_conclusion.yaml")
    parser = budoux.load_default_traditional_chinese_parser()
    texts = [text for node in argument_map.nodes.values() for text in (node.text, node.quote) if text]
    assert len(texts) > 100
    for text in texts:
        score = phrase_boundary_scorer(text, "zh-hant")
        cuts = [0, *(i for i in range(1, len(text)) if score(i) > 0), len(text)]
        ours = [text[start:end] for start, end in itertools.pairwise(cuts)]
        assert ours == parser.parse(text), text


@pytest.mark.parametrize(
    ("name", "parser_name"), [("zh-hant", "traditional_chinese"), ("zh-hans", "simplified_chinese"), ("ja", "japanese")]
)
def test_the_phrase_models_read_from_budoux_files_are_its_parsers_models(name: str, parser_name: str) -> None:
    # wrap.py reads the model file itself rather than import BudouX (whose import loads an HTML parser too).
    import budoux

    from usfk_argmap.drawing.wrap import _phrase_model

    parser = getattr(budoux, f"load_default_{parser_name}_parser")()
    tables, base = _phrase_model(name)
    order = ("UW1", "UW2", "UW3", "UW4", "UW5", "UW6", "BW1", "BW2", "BW3", "TW1", "TW2", "TW3", "TW4")
    assert tables == tuple(parser.model.get(key, {}) for key in order)
    assert base == -sum(sum(table.values()) for table in parser.model.values()) * 0.5
    assert sum(map(len, tables)) > 1000
