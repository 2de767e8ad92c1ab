"""A draft with load errors is drawn marked up, not refused (issue 21).

``render --show-issues`` draws what loaded and marks each statement with its
codes, the load errors included; ``slides`` puts a banner on every slide of the
HTML deck and first in the title slide's notes of the others. A plain
``render`` still refuses such a map (a statement without its text would look
like the map), and names the command that draws it; a file that gave no map at
all (a YAML syntax error) is refused by every command.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.helpers import write_map
from usfk_argmap.cli.app import main
from usfk_argmap.drawing.options import RenderOptions
from usfk_argmap.pipeline import drawing_purpose
from usfk_argmap.present.slides.deck import Deck, Slide, Step, with_banner

#: An English opinion essay with a misspelled key: the evidence's ``support:`` (AM008) is dropped.
TYPO_EN = """\
title: Cameras in classrooms
root: T
nodes:
  T: {kind: thesis, text: Schools should put cameras in classrooms.}
  C1: {kind: claim, text: Recording costs little., supports: T}
  E1: {kind: evidence, text: A camera costs less than a textbook set., support: C1}
"""
#: The same essay with an objection whose text is a list (AM007): kept without its text.
WRONG_TYPE_EN = """\
title: Cameras in classrooms
root: T
nodes:
  T: {kind: thesis, text: Schools should put cameras in classrooms.}
  C1: {kind: claim, text: Recording costs little., supports: T}
  O1: {kind: objection, text: [privacy, trust], attacks: C1}
"""
#: A Traditional Chinese map whose claim's kind is unknown (AM010) and whose objection's text is a list (AM007).
WRONG_ZH = """\
title: 教室監視器
lang: zh-Hant
root: 論點
nodes:
  論點: {kind: thesis, text: 學校應該在教室裝設監視器。}
  主張一: {kind: clam, text: 錄影的成本很低。, supports: 論點}
  反對一: {kind: objection, text: [隱私, 信任], attacks: 主張一}
"""
NOT_YAML = "title: [unclosed\nroot: T\n"

_SVG = "{http://www.w3.org/2000/svg}"


def _run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def _marks(svg: Path) -> dict[str, str]:
    """Each marked statement of an SVG (by its map id) and the codes written on it."""
    marks: dict[str, str] = {}
    for group in ET.parse(svg).getroot().iter(f"{_SVG}g"):
        node = group.get("data-am-id")
        if node is not None and "am-issue" in (group.get("class") or "").split():
            texts = ["".join(text.itertext()) for text in group.iter(f"{_SVG}text")]
            marks[node] = " ".join(text for text in texts if re.fullmatch(r"AM\d{3}( AM\d{3})*", text))
    return marks


@pytest.mark.parametrize(
    ("options", "purpose"), [(None, "draw"), (RenderOptions(), "draw"), (RenderOptions(show_issues=True), "marked")]
)
def test_a_drawing_asks_for_a_marked_map_when_it_shows_the_issues(options: RenderOptions | None, purpose: str) -> None:
    assert drawing_purpose(options) == purpose


@pytest.mark.graphviz
@pytest.mark.parametrize(
    ("text", "marked"),
    [
        pytest.param(TYPO_EN, {"E1": "AM008"}, id="misspelled key"),
        pytest.param(WRONG_TYPE_EN, {"O1": "AM007"}, id="wrong type"),
        pytest.param(WRONG_ZH, {"主張一": "AM010", "反對一": "AM007"}, id="Chinese: unknown kind, wrong type"),
    ],
)
def test_render_show_issues_draws_a_draft_with_its_load_errors_marked(tmp_path: Path, text: str, marked: dict[str, str]) -> None:
    path = write_map(tmp_path, text)
    output = tmp_path / "draft.svg"
    result = _run("render", str(path), "-o", str(output), "--show-issues")
    assert result.exit_code == 0, result.output
    marks = _marks(output)
    for node, code in marked.items():
        assert code in marks[node].split(), marks  # the load error is on its statement
    # Each load error is said on standard error, where it is, as check says it.
    for code in marked.values():
        assert re.search(rf"^{re.escape(str(path))}:\d+:\d+: {code} \[error\]", result.stderr, re.MULTILINE), result.stderr


@pytest.mark.graphviz
def test_a_misspelled_key_is_marked_where_it_was_only_drawn_before(tmp_path: Path) -> None:
    path = write_map(tmp_path, TYPO_EN)
    plain, marked = tmp_path / "plain.svg", tmp_path / "marked.svg"
    assert _run("render", str(path), "-o", str(plain)).exit_code == 0
    assert _run("render", str(path), "-o", str(marked), "--show-issues").exit_code == 0
    assert _marks(plain) == {}
    assert _marks(marked)["E1"].split() == ["AM008", "AM201"]  # the load error, then the rule it leads to


@pytest.mark.graphviz
def test_a_plain_render_refuses_a_wrong_type_and_names_the_command_that_draws_it(tmp_path: Path) -> None:
    path = write_map(tmp_path, WRONG_TYPE_EN)
    output = tmp_path / "draft.svg"
    result = _run("render", str(path), "-o", str(output))
    assert result.exit_code == 1
    assert f"or see what loaded, marked up: `usfk-argmap render {path} --show-issues`" in result.stderr
    assert not output.exists()


@pytest.mark.graphviz
def test_a_batch_with_show_issues_draws_the_draft_as_alone(tmp_path: Path) -> None:
    wrong = write_map(tmp_path, WRONG_TYPE_EN, "wrong.yaml")
    typo = write_map(tmp_path, TYPO_EN, "typo.yaml")
    result = _run("render", str(wrong), str(typo), "-o", str(tmp_path / "out"), "--show-issues", "-j", "1")
    assert result.exit_code == 0, result.output
    assert _marks(tmp_path / "out" / "wrong.svg")["O1"].split()[0] == "AM007"
    assert _marks(tmp_path / "out" / "typo.svg")["E1"].split()[0] == "AM008"
    alone = tmp_path / "alone.svg"
    assert _run("render", str(wrong), "-o", str(alone), "--show-issues").exit_code == 0
    assert alone.read_bytes() == (tmp_path / "out" / "wrong.svg").read_bytes()


@pytest.mark.parametrize(
    "command", [("render", "--show-issues", "-o", "x.svg"), ("slides", "-o", "x.html")], ids=["render", "slides"]
)
def test_a_file_that_gave_no_map_is_still_refused(tmp_path: Path, command: tuple[str, ...]) -> None:
    path = write_map(tmp_path, NOT_YAML)
    name, *rest = command
    result = _run(name, str(path), *(str(tmp_path / arg) if arg.startswith("x.") else arg for arg in rest))
    assert result.exit_code == 1
    assert "AM001" in result.stderr
    assert f"{path}: the map has load errors; run `usfk-argmap check {path}` for details" in result.stderr
    assert "marked up" not in result.stderr  # nothing loaded to draw
    assert not list(tmp_path.glob("x.*"))


def _slides(html: str) -> list[str]:
    """Each ``<section class="slide ...">`` of an HTML deck, as text."""
    return re.findall(r'<section class="slide .*?</section>', html, re.DOTALL)


def _banners(html: str) -> list[str]:
    return re.findall(r'<p class="draft-banner" role="note">(.*?)</p>', html, re.DOTALL)


@pytest.mark.graphviz
@pytest.mark.parametrize(
    ("text", "errors"), [pytest.param(TYPO_EN, 2, id="misspelled key"), pytest.param(WRONG_ZH, 2, id="Chinese, wrong type")]
)
def test_slides_of_a_draft_carry_a_banner_on_every_slide(tmp_path: Path, text: str, errors: int) -> None:
    path = write_map(tmp_path, text)
    output = tmp_path / "deck.html"
    result = _run("slides", str(path), "-o", str(output))
    assert result.exit_code == 0, result.output
    html = output.read_text(encoding="utf-8")
    slides = _slides(html)
    assert len(slides) >= 3 and 'class="slide slide-title' in slides[0]
    banner = (
        f"Draft: this map has {errors} error{'s' if errors > 1 else ''}, and the slides show it as far as it loaded. "
        f"Run usfk-argmap check {path} to see and fix them."
    )
    assert [_banners(slide) for slide in slides] == [[banner]] * len(slides)
    assert f"warning: {path} has {errors} error(s)" in result.stderr


@pytest.mark.graphviz
def test_slides_of_a_clean_map_carry_no_banner(tmp_path: Path) -> None:
    path = write_map(tmp_path, TYPO_EN.replace("support: C1", "supports: C1"))
    output = tmp_path / "deck.html"
    result = _run("slides", str(path), "-o", str(output))
    assert result.exit_code == 0, result.output
    html = output.read_text(encoding="utf-8")
    assert _slides(html) and not _banners(html)
    assert "warning:" not in result.stderr


@pytest.mark.graphviz
@pytest.mark.parametrize("suffix", [".pptx", ".md", ".tex"])
def test_the_file_decks_of_a_draft_say_so_in_the_title_notes(tmp_path: Path, suffix: str) -> None:
    path = write_map(tmp_path, WRONG_TYPE_EN)
    output = tmp_path / f"deck{suffix}"
    result = _run("slides", str(path), "-o", str(output))
    assert result.exit_code == 0, result.output
    expected = "Draft: this map has 1 error, and the slides show it as far as it loaded."
    if suffix == ".pptx":
        from pptx import Presentation

        notes = Presentation(str(output)).slides[0].notes_slide.notes_text_frame.text
        assert notes.startswith(expected), notes
    else:
        text = output.read_text(encoding="utf-8")
        assert text.count(expected) == 1, text  # once: in the title slide's notes
        assert text.index(expected) < text.index("Recording costs little.")


def _deck(*kinds: str) -> Deck:
    step = Step(remarks=("3 statements.",))
    return Deck("t", "en", "default", [Slide(kind, kind, kind.title(), (step, Step())) for kind in kinds])


def test_with_banner_puts_the_warning_first_in_the_title_notes() -> None:
    deck = with_banner(_deck("title", "overview", "map"), "Draft: 2 errors.")
    assert deck.banner == "Draft: 2 errors."
    assert [slide.steps[0].remarks for slide in deck.slides] == [
        ("Draft: 2 errors.", "3 statements."),
        ("3 statements.",),
        ("3 statements.",),
    ]
    assert [len(slide.steps) for slide in deck.slides] == [2, 2, 2]


def test_with_no_banner_the_deck_is_as_built() -> None:
    deck = _deck("title", "map")
    assert with_banner(deck, None) is deck
    assert deck.banner is None
