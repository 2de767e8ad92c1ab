"""The order in which parts of a map are revealed: table-driven over small maps."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import MAPS
from usfk_argmap.analysis.buildup import Unit, build_order, main_claims, section_tops, subtree
from usfk_argmap.mapfile.loader import load_map, load_text

CHINESE_MAP = """\
title: 駐韓美軍
lang: zh-Hant
root: T
nodes:
  T: {kind: thesis, text: 中國反對駐韓美軍}
  C1: {kind: claim, text: 半島情勢穩定, supports: T}
  C2: {kind: claim, text: 美軍維護區域安定, supports: T}
  E1: {kind: evidence, text: 一九五〇年韓戰, supports: C1}
  O1: {kind: objection, text: 北韓核武危機, attacks: C1}
  R1: {kind: rebuttal, text: 危機已和平解決, attacks: O1}
  P1: {kind: premise, text: 前提一}
  P2: {kind: premise, text: 前提二}
  U1: {kind: objection, text: 推論不成立, undercuts: A1}
arguments:
  A1: {premises: [P1, P2], supports: C1}
"""


def _map() -> object:
    result = load_text(CHINESE_MAP)
    assert result.map is not None
    return result.map


def test_main_claims_are_the_reasons_of_the_root_in_file_order() -> None:
    assert main_claims(_map()) == ["C1", "C2"]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("top", "members"), [("C1", {"C1", "E1", "O1", "R1", "P1", "P2", "U1"}), ("C2", {"C2"}), ("O1", {"O1", "R1"})]
)
def test_subtree(top: str, members: set[str]) -> None:
    assert subtree(_map(), top) == members  # type: ignore[arg-type]


def test_build_order_supports_first_then_the_argument_then_its_undercut_then_objections() -> None:
    argument_map = _map()
    order = build_order(argument_map, ["C1"], subtree(argument_map, "C1"))  # type: ignore[arg-type]
    assert order == [Unit(("C1",)), Unit(("E1",)), Unit(("P1", "P2"), "A1"), Unit(("U1",)), Unit(("O1",)), Unit(("R1",))]


def test_build_order_reveals_every_member_once_even_unreached_ones() -> None:
    argument_map = _map()
    order = build_order(argument_map, ["C2"], {"C2", "R1", "E1"})  # type: ignore[arg-type]
    assert [u.nodes for u in order] == [("C2",), ("E1",), ("R1",)]


def test_section_tops_follow_undercuts_to_the_argument_conclusion() -> None:
    tram = load_map(MAPS / "example_tram.yaml").map
    assert tram is not None
    assert section_tops(tram, "cost") == ["C1"]
    assert section_tops(tram, "climate") == ["C2"]


def test_cycles_do_not_loop(tmp_path: Path) -> None:
    text = (
        "title: t\nroot: T\nnodes:\n  T: {kind: thesis, text: t}\n  A: {kind: claim, text: a, supports: [T, B]}\n"
        "  B: {kind: claim, text: b, supports: A}\n"
    )
    argument_map = load_text(text).map
    assert argument_map is not None
    assert [u.nodes for u in build_order(argument_map, ["A"], subtree(argument_map, "A"))] == [("A",), ("B",)]
