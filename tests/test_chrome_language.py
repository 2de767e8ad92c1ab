"""The words a deck adds around the map's text are in the map's language (issue 25), from one catalogue.

The catalogue (``core.messages``) has every message in five languages with the
same placeholders; a zh-Hant map's decks (HTML, PowerPoint, Marp, Beamer) show
no Latin letters but the map's own text and ids; ``--ui-lang`` overrides the map's
``lang``; an English map's deck is English.
"""

from __future__ import annotations

import re
import string
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.helpers import MAPS
from usfk_argmap.cli.app import main
from usfk_argmap.core.messages import CATALOGUE, LANGUAGES, catalogue_language, message
from usfk_argmap.core.model import ArgumentMap
from usfk_argmap.drawing.options import RenderOptions
from usfk_argmap.mapfile.loader import load_map

#: A small zh-Hant map whose evaluation has every status: R1 defeats O1; U2 and U3 attack each other (open).
SMALL_ZH = """\
title: 駐韓美軍的去留
lang: zh-Hant
root: T
sections:
  cost: 成本與嚇阻
nodes:
  T: {kind: thesis, text: 美軍應繼續駐留韓國。, note: 這是全文的結論。}
  C1: {kind: claim, text: 駐軍能嚇阻北韓。, supports: T, section: cost}
  E1: {kind: evidence, text: 七十年來半島沒有再爆發全面戰爭。, supports: C1, section: cost, quote: 沒有全面戰爭}
  O1: {kind: objection, text: 駐軍的費用太高。, attacks: C1, section: cost, en: The troops cost too much.}
  R1: {kind: rebuttal, text: 韓國分攤了大部分費用。, attacks: O1, section: cost}
  U1: {kind: premise, text: 北韓的核武改變了局勢。, supports: C1, section: cost}
  U2: {kind: objection, text: 核武並未改變局勢。, attacks: [U1, U3], section: cost}
  U3: {kind: rebuttal, text: 局勢確實改變了。, attacks: U2, section: cost}
"""

#: Messages whose CJK texts name a key (P), which the keyboard spells in Latin letters (presenter window only).
_NAMES_A_KEY = {"presenter.keys"}
_LATIN = re.compile(r"[A-Za-z]")


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("message_id", sorted(CATALOGUE))
def test_every_message_has_five_languages_with_the_same_placeholders(message_id: str) -> None:
    texts = CATALOGUE[message_id]
    assert len(texts) == len(LANGUAGES)
    assert all(text.strip() for text in texts), texts
    english = _placeholders(texts[0])
    for lang, text in zip(LANGUAGES, texts, strict=True):
        assert _placeholders(text) == english, (lang, text)
        if lang != "en" and message_id not in _NAMES_A_KEY:
            assert not _LATIN.search(re.sub(r"\{\w+\}", "", text)), (lang, text)  # translated, not left in English
    if len(set(texts)) == 1:
        pytest.fail(f"{message_id} is the same in every language: {texts[0]!r}")


def test_the_marp_notes_heading_has_no_colon_in_any_language() -> None:
    """Marp reads a comment that is a YAML mapping as directives: the heading must not look like one."""
    assert not any(":" in text or "：" in text for text in CATALOGUE["notes.heading"])


@pytest.mark.parametrize(
    ("tag", "language"),
    [
        ("zh-Hant", "zh-Hant"),
        ("zh-TW", "zh-Hant"),
        ("zh-HK", "zh-Hant"),
        ("zh-Hant-TW", "zh-Hant"),
        ("zh_TW", "zh-Hant"),
        ("zh-Hans", "zh-Hans"),
        ("zh-CN", "zh-Hans"),
        ("zh-SG", "zh-Hans"),
        ("zh", "zh-Hans"),
        ("ja", "ja"),
        ("ja-JP", "ja"),
        ("ko-KR", "ko"),
        ("en", "en"),
        ("en-GB", "en"),
        ("fr", "en"),
    ],
)
def test_a_tag_gets_the_nearest_catalogue_language(tag: str, language: str) -> None:
    assert catalogue_language(tag) == language


def test_message_fills_placeholders_in_the_language() -> None:
    assert message("deck.step", "zh-TW", now=2, total=9) == "第 2 步，共 9 步"
    assert message("deck.step", "en", now=9, total=9) == "Step 9 of 9"
    assert message("deck.step", "ko", now=2, total=9) == "9단계 중 2단계"


def test_ui_lang_must_be_a_language_tag() -> None:
    with pytest.raises(ValueError, match="language tag"):
        RenderOptions(ui_lang="zh Hant; rm")
    assert RenderOptions(ui_lang="en").chrome_language("zh-Hant") == "en"
    assert RenderOptions().chrome_language("zh-Hant") == "zh-Hant"


class _Chrome(HTMLParser):
    """The text nodes and labels of an HTML deck outside its pictures, script and style."""

    SKIPPED = frozenset({"svg", "script", "style"})

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIPPED:
            self.depth += 1
        elif not self.depth:
            self.texts += [value for name, value in attrs if name in ("aria-label", "title", "alt") and value]

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIPPED:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if not self.depth and data.strip():
            self.texts.append(data.strip())


def _map_texts(argument_map: ArgumentMap) -> list[str]:
    """The map's own text, longest first: what the chrome may show besides its own words."""
    texts = [argument_map.title, *(t for s in argument_map.sections.values() for t in (s.title, s.note) if t)]
    for node in argument_map.nodes.values():
        texts += [t for t in (node.text, node.shown_text, node.en, node.note, node.quote) if t]
    if argument_map.source_text is not None:
        texts.append(Path(argument_map.source_text.name).name)
    return sorted(set(texts), key=len, reverse=True)


def _english_in(texts: list[str], argument_map: ArgumentMap) -> list[str]:
    """The texts that still have Latin letters once the map's own text and ids are taken out."""
    own = _map_texts(argument_map)
    ids = set(argument_map.nodes) | set(argument_map.sections) | set(argument_map.arguments)
    found = []
    for text in texts:
        rest = text
        for piece in own:
            rest = rest.replace(piece, "")
        rest = re.sub(r"[\w.-]+", lambda word: "" if word.group() in ids else word.group(), rest)
        if _LATIN.search(rest):
            found.append(text)
    return found


def _slides(tmp_path: Path, map_path: Path, suffix: str, *flags: str) -> Path:
    output = tmp_path / f"deck{suffix}"
    result = CliRunner().invoke(main, ["slides", str(map_path), "-o", str(output), *flags])
    assert result.exit_code == 0, result.output
    return output


def _html_chrome(path: Path) -> list[str]:
    parser = _Chrome()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.texts


def _badges(svg: str) -> list[str]:
    """The words of the ``--evaluate`` badges drawn in an SVG (every text that starts with a status mark)."""
    texts = [re.sub(r"<[^>]+>", "", t) for t in re.findall(r"<text[^>]*>(.*?)</text>", svg, re.DOTALL)]
    return [t.replace("&#160;", " ").strip() for t in texts if t.strip()[:1] in "●×◌"]


def _pptx_chrome(path: Path) -> tuple[list[str], list[str]]:
    """The slide titles and every line of the speaker notes of a .pptx; and the badges of its shapes."""
    from pptx import Presentation

    texts: list[str] = []
    badges: list[str] = []
    for page in Presentation(str(path)).slides:
        for shape in page.shapes:
            if not shape.has_text_frame:
                continue
            lines = shape.text_frame.text.splitlines()
            badges += [line for line in lines if line[:1] in "●×◌"]
            texts += [line for line in lines if line[:1] not in "●×◌"]
        if page.has_notes_slide:
            texts += page.notes_slide.notes_text_frame.text.splitlines()
    return texts, badges


def _small_map(tmp_path: Path) -> tuple[Path, ArgumentMap]:
    path = tmp_path / "small.yaml"
    path.write_text(SMALL_ZH, encoding="utf-8")
    loaded = load_map(path).map
    assert loaded is not None
    return path, loaded


ZH_BADGES = {message(f"status.{status}", "zh-Hant") for status in ("established", "defeated", "open")}


@pytest.mark.graphviz
def test_the_html_deck_of_a_zh_hant_map_has_no_english_chrome(tmp_path: Path) -> None:
    argument_map = load_map(MAPS / "usfk_conclusion.yaml").map
    assert argument_map is not None and argument_map.lang == "zh-Hant"
    chrome = _html_chrome(_slides(tmp_path, MAPS / "usfk_conclusion.yaml", ".html"))
    assert "總覽" in chrome and "完整論證圖" in chrome and "焦點" in chrome
    assert _english_in(chrome, argument_map) == []


@pytest.mark.graphviz
def test_the_html_deck_of_a_small_zh_hant_map_with_evaluate_has_no_english(tmp_path: Path) -> None:
    path, argument_map = _small_map(tmp_path)
    deck = _slides(tmp_path, path, ".html", "--evaluate")
    chrome = _html_chrome(deck)
    assert _english_in(chrome, argument_map) == []
    assert re.search(r"第 1 步，共 \d+ 步", " ".join(chrome))  # the step counter, around its number
    html = deck.read_text(encoding="utf-8")
    badges = _badges(html)
    assert set(badges) == ZH_BADGES  # established, defeated and open all drawn, in Chinese
    # The keyboard help is the presenter window's, not the audience's.
    assert message("presenter.keys", "zh-Hant") not in chrome
    assert "P for the presenter window" not in html


@pytest.mark.graphviz
def test_the_pptx_deck_of_zh_hant_maps_has_no_english_chrome(tmp_path: Path) -> None:
    flagship = load_map(MAPS / "usfk_conclusion.yaml").map
    assert flagship is not None
    texts, _ = _pptx_chrome(_slides(tmp_path, MAPS / "usfk_conclusion.yaml", ".pptx"))
    assert "[開始]" in texts and "[第 1 次點擊]" in texts
    assert _english_in(texts, flagship) == []
    path, small = _small_map(tmp_path)
    texts, badges = _pptx_chrome(_slides(tmp_path, path, ".pptx", "--evaluate"))
    assert _english_in(texts, small) == []
    assert set(badges) == ZH_BADGES


@pytest.mark.graphviz
def test_the_marp_and_beamer_decks_of_a_zh_hant_map_have_no_english_chrome(tmp_path: Path) -> None:
    path, argument_map = _small_map(tmp_path)
    marp = _slides(tmp_path, path, ".md", "--evaluate").read_text(encoding="utf-8")
    body = marp.split("\n---\n", 1)[1]  # after the front matter (Marp's own keys)
    notes = [line for comment in re.findall(r"<!--\n(.*?)\n-->", body, re.DOTALL) for line in comment.splitlines()]
    headings = [line.lstrip("# ") for line in body.splitlines() if line.startswith("#")]
    assert notes and headings and notes[0] == "備忘稿"
    assert _english_in(notes + headings, argument_map) == []
    svgs = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "deck_files").glob("*.svg"))
    assert set(_badges(svgs)) == ZH_BADGES
    beamer = _slides(tmp_path, path, ".tex", "--evaluate").read_text(encoding="utf-8")
    lines = [line for note in re.findall(r"\\note(?:<\d+>)?\{(.*)\}", beamer) for line in note.split(r" \\ ")] + re.findall(
        r"\\begin\{frame\}\{(.*)\}", beamer
    )
    assert lines and _english_in(lines, argument_map) == []


@pytest.mark.graphviz
def test_ui_lang_en_gives_a_zh_hant_map_an_english_frame(tmp_path: Path) -> None:
    path, _ = _small_map(tmp_path)
    deck = _slides(tmp_path, path, ".html", "--evaluate", "--ui-lang", "en")
    chrome = _html_chrome(deck)
    assert {"Overview", "The whole map", "In focus", "Presenter"} <= set(chrome)
    assert re.search(r"Step 1 of \d", " ".join(chrome))
    assert set(_badges(deck.read_text(encoding="utf-8"))) == {"● established", "× defeated", "◌ open"}
    texts, _ = _pptx_chrome(_slides(tmp_path, path, ".pptx", "--ui-lang", "en"))
    assert "[Start]" in texts and "[Click 1]" in texts


@pytest.mark.graphviz
def test_an_english_maps_deck_is_english_and_ui_lang_makes_it_japanese(tmp_path: Path) -> None:
    chrome = _html_chrome(_slides(tmp_path, MAPS / "example_tram.yaml", ".html"))
    assert {"Overview", "The whole map", "In focus"} <= set(chrome)
    assert not [text for text in chrome if re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", text)]
    japanese = _html_chrome(_slides(tmp_path, MAPS / "example_tram.yaml", ".html", "--ui-lang", "ja"))
    assert {"概要", "マップ全体", "焦点"} <= set(japanese)


def test_a_tag_that_is_not_one_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["slides", str(MAPS / "example_tram.yaml"), "-o", "x.html", "--ui-lang", "x y"])
    assert result.exit_code == 2
    assert "language tag" in result.output


def test_render_evaluate_draws_the_badges_in_the_ui_language() -> None:
    from usfk_argmap.drawing.render import to_dot

    argument_map = load_map(MAPS / "example_tram.yaml").map
    assert argument_map is not None
    english = to_dot(argument_map, RenderOptions(evaluate=True))
    korean = to_dot(argument_map, RenderOptions(evaluate=True, ui_lang="ko"))
    assert "● established" in english and "● 성립" not in english
    assert "● 성립" in korean and "× 기각" in korean and "● established" not in korean


def _report_labels(path: Path) -> list[str]:
    """The headings, table headers and explanatory lines of an HTML report (not its data cells)."""
    page = path.read_text(encoding="utf-8")
    found = re.findall(r"<(h[1-3]|th|p class=\"(?:meta|legend)\")>(.*?)</", page, re.DOTALL)
    return [re.sub(r"<[^>]+>", "", text).replace("&nbsp;", "").strip() for _, text in found]


@pytest.mark.graphviz
def test_the_report_of_a_zh_hant_map_has_its_headings_in_chinese_and_ui_lang_en_in_english(tmp_path: Path) -> None:
    """The report's own words follow the map's lang; the rules' messages and the explanations stay the rules'."""
    argument_map = load_map(MAPS / "usfk_conclusion.yaml").map
    assert argument_map is not None
    output = tmp_path / "report.html"
    for flags, expected in (((), "摘要"), (("--ui-lang", "en"), "Summary")):
        result = CliRunner().invoke(main, ["report", str(MAPS / "usfk_conclusion.yaml"), "-o", str(output), "--evaluate", *flags])
        assert result.exit_code == 0, result.output
        labels = _report_labels(output)
        assert expected in labels
        if not flags:
            own = [re.sub(r"\S+\.(?:yaml|txt)", "", label) for label in labels]  # the file names are the map's
            assert _english_in(own, argument_map) == []
    chinese = tmp_path / "chinese.md"
    result = CliRunner().invoke(main, ["report", str(MAPS / "usfk_conclusion.yaml"), "-o", str(chinese)])
    assert result.exit_code == 0, result.output
    text = chinese.read_text(encoding="utf-8")
    assert "## 摘要" in text and "| 項目 | 數值 |" in text and "completeness" not in text
