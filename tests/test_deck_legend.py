"""The deck's legend slide: every shape, line and mark the deck draws, and nothing it does not, in the map's language."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.helpers import MAPS
from usfk_argmap.cli.app import main
from usfk_argmap.drawing.render import RenderOptions
from usfk_argmap.mapfile.loader import load_map, load_text
from usfk_argmap.present.slides.build import build_deck
from usfk_argmap.present.slides.legend import Marks, drawn_marks, legend_dot, legend_words
from usfk_argmap.present.slides.options import SlideOptions

pytestmark = pytest.mark.graphviz

PLAIN = """\
title: 小地圖
lang: zh-Hant
root: T
nodes:
  T: {kind: thesis, text: 論旨}
  C: {kind: claim, text: 主張一, supports: T}
  E: {kind: evidence, text: 證據一, supports: C}
"""


def _legend_ids(svg: bytes) -> set[str]:
    return set(re.findall(r'id="(am-legend-[\w-]+)"', html.unescape(svg.decode())))


def test_the_legend_names_what_the_deck_draws_and_nothing_else() -> None:
    argument_map = load_text(PLAIN).map
    assert argument_map is not None
    deck = build_deck(argument_map)
    assert [s.kind for s in deck.slides][:3] == ["title", "overview", "legend"]
    ids = _legend_ids(deck.figures["legend"].svg)
    # The build-up draws the thesis muted, as context.
    assert ids == {"am-legend-thesis", "am-legend-claim", "am-legend-evidence", "am-legend-context", "am-legend-supports"}
    # The legend's words are the speaker notes, and all in the map's language (no English word).
    notes = deck.slides[2].steps[0].remarks
    assert notes == ("論旨、主張、證據", "其他部分的論述（僅供對照）", "支持")
    assert not re.search(r"[A-Za-z]", " ".join(notes))


def test_the_flagship_legend_explains_context_objections_undercuts_and_joints() -> None:
    argument_map = load_map(MAPS / "usfk_conclusion.yaml").map
    assert argument_map is not None
    deck = build_deck(argument_map)
    ids = _legend_ids(deck.figures["legend"].svg)
    assert {"am-legend-context", "am-legend-objection", "am-legend-attacks", "am-legend-undercuts"} <= ids
    assert {"am-legend-joint-argument", "am-legend-joint-undercut"} <= ids
    assert "am-legend-assumption" not in ids  # the flagship has no assumption
    assert deck.figures["legend"].px_per_em >= 24


def test_evaluation_badges_are_in_the_legend_in_the_maps_language() -> None:
    argument_map = load_map(MAPS / "example_tram.yaml").map
    assert argument_map is not None
    deck = build_deck(argument_map, SlideOptions(RenderOptions(evaluate=True, ui_lang="zh-Hant")))
    ids = _legend_ids(deck.figures["legend"].svg)
    assert {"am-legend-established", "am-legend-defeated"} <= ids
    assert "am-legend-open" not in ids  # nothing is undecided in the tram map
    assert "● 成立: 沒有成立的反對" in deck.slides[2].steps[0].remarks


def test_marks_are_read_off_the_pictures_less_the_groups_never_shown() -> None:
    svg = (
        b'<svg><g id="am-n1" class="node am-node am-kind-claim"></g><g id="am-e1" class="edge am-edge am-rel-attacks"></g>'
        b'<g id="am-r1" class="node am-arg am-relation am-rel-attacks"></g></svg>'
    )
    assert drawn_marks([(svg, ())]) == Marks(("claim",), False, ("attacks",), False, True, ())
    assert drawn_marks([(svg, {"am-r1"})]).undercut_joint is False
    dot = legend_dot(Marks(("claim",), True, ("attacks",)), "en")
    assert "another part's statement" in dot and 'id="am-legend-attacks"' in dot
    assert legend_words(Marks(("claim", "premise")), "en") == ("claim, premise",)


def test_no_legend_leaves_the_slide_out(tmp_path: Path) -> None:
    argument_map = load_text(PLAIN).map
    assert argument_map is not None
    assert "legend" not in [s.kind for s in build_deck(argument_map, SlideOptions(legend=False)).slides]
    runner = CliRunner()
    for flag, expected in (("--legend", 1), ("--no-legend", 0)):
        output = tmp_path / f"deck{flag}.html"
        result = runner.invoke(main, ["slides", str(MAPS / "example_tram.yaml"), "-o", str(output), flag])
        assert result.exit_code == 0, result.output
        assert output.read_text(encoding="utf-8").count('class="slide slide-legend"') == expected
