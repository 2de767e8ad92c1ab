"""Mistakes that passed in silence: an id listed twice, a second thesis, a rebuttal that attacks the thesis."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import write_map
from usfk_argmap import check_file, load
from usfk_argmap.analysis.stats import compute_stats
from usfk_argmap.core.diagnostics import Fix, Severity

ENGLISH = """\
title: Cameras in classrooms
root: T
nodes:
  T: {kind: thesis, text: Schools should put cameras in classrooms.}
  C1: {kind: thesis, text: Cameras deter bullying., supports: [T, T]}
  P2: {kind: premise, text: Pupils behave when watched.}
  P3: {kind: premise, text: Bullies avoid being seen.}
  O1: {kind: rebuttal, text: Cameras invade privacy., attacks: T}
arguments:
  A1: {premises: [P2, P3, P3], supports: C1}
"""

CHINESE = """\
title: 教室監視器
lang: zh-Hant
root: 論點
nodes:
  論點: {kind: thesis, text: 學校應在教室裝設監視器。}
  主張一: {kind: thesis, text: 監視器能嚇阻霸凌。, supports: [論點, 論點]}
  反對一: {kind: rebuttal, text: 監視器侵犯隱私。, attacks: 論點}
"""


def _found(tmp_path: Path, text: str) -> list[tuple[int, int, str, Severity, str, Fix | None]]:
    _, diagnostics = check_file(write_map(tmp_path, text))
    return [
        (d.line, d.column, d.code, d.severity, d.message, d.fix) for d in diagnostics if d.code in ("AM109", "AM110", "AM206")
    ]


def test_the_english_map_says_each_silent_mistake(tmp_path: Path) -> None:
    assert _found(tmp_path, ENGLISH) == [
        (
            5,
            14,
            "AM109",
            Severity.WARNING,
            "'C1' is a second thesis: the map's thesis is its root 'T'; did you mean `kind: claim`?",
            Fix("claim", 5, 14, 5, 20),
        ),
        (
            5,
            67,
            "AM206",
            Severity.WARNING,
            "'C1' supports 'T' twice: the second adds nothing (a relation counts once); remove it or name the id you meant",
            None,
        ),
        (
            8,
            14,
            "AM110",
            Severity.WARNING,
            "rebuttal 'O1' attacks the thesis 'T': a rebuttal answers an objection, and what speaks against the "
            "thesis is an objection; did you mean `kind: objection`?",
            Fix("objection", 8, 14, 8, 22),
        ),
        (
            10,
            27,
            "AM206",
            Severity.WARNING,
            "argument 'A1' has the premise 'P3' twice: the second adds nothing (a relation counts once); "
            "remove it or name the id you meant",
            None,
        ),
    ]


def test_the_chinese_map_says_each_silent_mistake(tmp_path: Path) -> None:
    found = [(line, column, code, fix) for line, column, code, _, _, fix in _found(tmp_path, CHINESE)]
    assert found == [
        (6, 15, "AM109", Fix("claim", 6, 15, 6, 21)),
        (6, 55, "AM206", None),
        (7, 15, "AM110", Fix("objection", 7, 15, 7, 23)),
    ]


def test_an_id_listed_twice_is_counted_once(tmp_path: Path) -> None:
    result = load(write_map(tmp_path, ENGLISH))
    assert result.map is not None
    # C1 -> T once, P2 and P3 -> C1 once each; O1 attacks T.
    assert compute_stats(result.map).relations == {"supports": 3, "attacks": 1, "undercuts": 0}
