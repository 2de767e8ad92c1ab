"""Sections a node names but the map does not declare: the one meant, the ones declared, or one finding for all."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import write_map
from usfk_argmap import check_file
from usfk_argmap.core.diagnostics import Fix

ENGLISH = """\
title: Cameras in classrooms
root: T
sections:
  safety: Cameras make pupils safer
  cost: Cameras cost little
nodes:
  T: {kind: thesis, text: Schools should put cameras in classrooms.}
  C1: {kind: claim, text: Cameras deter bullying., section: SECTION, supports: T}
  P1: {kind: premise, text: Pupils behave when watched., section: safety, supports: C1}
"""

CHINESE = """\
title: 教室監視器
lang: zh-Hant
root: 論點
sections:
  隱私: 隱私的代價
  成本: 成本很低
nodes:
  論點: {kind: thesis, text: 學校應在教室裝設監視器。}
  主張一: {kind: claim, text: 監視器很便宜。, section: SECTION, supports: 論點}
  前提一: {kind: premise, text: 一台只要兩千元。, section: 成本, supports: 主張一}
"""

CASES = [
    # (map, the section written, expected message after "section of 'X' names the unknown section 'Y'", fix)
    (ENGLISH, "safty", "; did you mean 'safety'?", "safety"),
    (ENGLISH, "Safety", "; did you mean 'safety'?", "safety"),
    (ENGLISH, "ｓａｆｅｔｙ", "; did you mean 'safety'? (the declared name, in other characters)", "safety"),
    (ENGLISH, "money", "; the declared sections are 'safety', 'cost': name one, or declare 'money' under `sections:`", None),
    (CHINESE, "隐私", "; did you mean '隱私'? (the declared name, in other characters)", "隱私"),
    (CHINESE, "成夲", "; did you mean '成本'?", "成本"),
    (CHINESE, "效果", "; the declared sections are '隱私', '成本': name one, or declare '效果' under `sections:`", None),
]


@pytest.mark.parametrize(("text", "written", "advice", "replacement"), CASES, ids=[case[1] for case in CASES])
def test_an_undeclared_section_names_the_one_meant_or_the_declared_ones(
    tmp_path: Path, text: str, written: str, advice: str, replacement: str | None
) -> None:
    _, diagnostics = check_file(write_map(tmp_path, text.replace("SECTION", written)))
    [found] = [d for d in diagnostics if d.code == "AM101"]
    node = "C1" if text is ENGLISH else "主張一"
    [(line, row)] = [(number, row) for number, row in enumerate(text.splitlines(), 1) if "SECTION" in row]
    column = row.index("SECTION") + 1
    assert (found.line, found.column, found.node) == (line, column, node)
    assert found.message == f"section of {node!r} names the unknown section {written!r}{advice}"
    expected = None if replacement is None else Fix(replacement, line, column, line, column + len(written))
    assert found.fix == expected


NO_BLOCK = """\
title: Cameras in classrooms
root: T
nodes:
  T: {kind: thesis, text: Schools should put cameras in classrooms.}
  C1: {kind: claim, text: Cameras deter bullying., section: safety, supports: T}
  C2: {kind: claim, text: Cameras cost little., section: cost, supports: T}
  P1: {kind: premise, text: Pupils behave when watched., section: safety, supports: C1}
  P2: {kind: premise, text: A camera costs 50 dollars., section: cost, supports: C2}
"""


@pytest.mark.parametrize(
    ("text", "why"),
    [
        (NO_BLOCK, "the map has no `sections:` block"),
        (
            NO_BLOCK.replace("nodes:\n", "sections:\n  - safety\n  - cost\nnodes:\n"),
            "the map's `sections:` (line 4) maps no id to a heading",
        ),
    ],
    ids=["no block", "a list"],
)
def test_a_map_that_declares_no_section_gets_one_finding(tmp_path: Path, text: str, why: str) -> None:
    _, diagnostics = check_file(write_map(tmp_path, text))
    found = [(d.line, d.column, d.node, d.message) for d in diagnostics if d.code == "AM101"]
    [(line, row)] = [(number, row) for number, row in enumerate(text.splitlines(), 1) if row.startswith("  C1:")]
    assert found == [
        (
            line,
            row.index("safety") + 1,
            "C1",
            f"4 node(s) name the sections 'safety', 'cost', but {why}: "
            "declare each with its heading, `sections: {safety: HEADING, cost: HEADING}`",
        )
    ]


def test_declared_sections_are_clean(tmp_path: Path) -> None:
    _, diagnostics = check_file(write_map(tmp_path, ENGLISH.replace("SECTION", "safety")))
    assert [d for d in diagnostics if d.code == "AM101"] == []
