"""The Beamer deck brings a subset of its language's CJK face, named for that face (XeLaTeX itself: test_clients)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from usfk_argmap.mapfile.loader import load_text
from usfk_argmap.present.slides.beamer import cjk_font_subset
from usfk_argmap.present.slides.build import build_deck
from usfk_argmap.present.slides.formats import slide_files

pytestmark = pytest.mark.graphviz

MAP = """\
title: {title}
lang: {lang}
root: T
nodes:
  T:
    kind: thesis
    text: {text}
"""


def beamer_files(tmp_path: Path, lang: str, title: str, text: str) -> dict[str, bytes]:
    argument_map = load_text(MAP.format(lang=lang, title=title, text=text)).map
    assert argument_map is not None
    files = slide_files(build_deck(argument_map), argument_map, "beamer", tmp_path / "deck.tex")
    return {path.relative_to(tmp_path).as_posix(): data for path, data in files.items()}


def cff_name(data: bytes) -> str:
    from fontTools.ttLib import TTFont

    with TTFont(io.BytesIO(data)) as font:
        return str(font["CFF "].cff.fontNames[0])


@pytest.mark.parametrize(("lang", "face"), [("zh-Hant", "NotoSansCJKtc-Regular"), ("zh-Hans", "NotoSansCJKsc-Regular")])
def test_a_cjk_deck_carries_its_faces_subset(tmp_path: Path, lang: str, face: str) -> None:
    files = beamer_files(tmp_path, lang, "中國對駐韓美軍之立場", "朝鮮半島情勢相對穩定")
    tex = files["deck.tex"].decode("utf-8")
    font = files[f"deck_files/{face}.otf"]
    assert cff_name(font) == face
    assert f"\\setCJKsansfont{{{face}.otf}}[Path=deck_files/" in tex
    from fontTools.ttLib import TTFont

    with TTFont(io.BytesIO(font)) as opened:
        assert set("中國對駐韓美軍之立場朝鮮半島情勢相對穩定") <= {chr(code) for code in opened.getBestCmap()}


def test_the_subset_is_deterministic_and_named_for_each_face() -> None:
    assert cjk_font_subset("Noto Sans CJK TC", "骨直") == cjk_font_subset("Noto Sans CJK TC", "骨直")
    for region in ("KR",):
        name, data = cjk_font_subset(f"Noto Sans CJK {region}", "骨直")
        assert name == f"NotoSansCJK{region.lower()}-Regular.otf" and cff_name(data) == name[:-4]


def test_a_deck_without_cjk_text_names_the_installed_font_and_carries_none(tmp_path: Path) -> None:
    files = beamer_files(tmp_path, "en", "Should Riverton build the tram?", "Yes.")
    assert [name for name in files if name.endswith((".otf", ".ttf"))] == []
    assert "\\setCJKsansfont{Noto Sans CJK TC}" in files["deck.tex"].decode("utf-8")
