"""A beginner's structural typing mistakes are each one clear diagnostic: where, what, and the fix.

Issue 21: indentation one space off, a key out-dented to the ids, a node
indented under another; lists of ids typed as text (``P2, P3``), with
full-width or CJK punctuation (``[P2，P3]``, ``【P2, P3】``, ``－ P2``,
``｛from: O1, to: T｝``), ids in full-width letters (``Ｃ１``); a full-width ``＃``
meant as a comment. Each mistake is made once in a clean English or Traditional
Chinese map; the whole of ``check``'s answer is compared, so no cascade of
follow-on findings goes unnoticed, and the fix, applied, gives a clean map.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers import write_map
from usfk_argmap import check_loaded
from usfk_argmap.cli.app import main
from usfk_argmap.core.diagnostics import Diagnostic, Fix
from usfk_argmap.mapfile.indentation import find_misindented
from usfk_argmap.mapfile.loader import load_text

EN = """\
title: Should schools drop uniforms?
lang: en
root: T
nodes:
  T:
    kind: thesis
    text: Schools should drop uniforms.
  C1:
    kind: claim
    text: Uniforms cost families money.
    supports: T
  C2:
    kind: claim
    text: Uniforms limit self-expression.
    supports: T
  P2:
    kind: premise
    text: A set costs over 200 dollars.
  P3:
    kind: premise
    text: Families buy several sets.
  E1:
    kind: evidence
    text: Most pupils in a survey want to choose their clothes.
    supports: C2
  O1:
    kind: objection
    text: Uniforms reduce bullying.
    attacks: T
  R1:
    kind: rebuttal
    text: Studies find no effect on bullying.
    attacks: O1
arguments:
  A1:
    premises: [P2, P3]
    supports: C1
"""

ZH = """\
title: 學校應該取消制服嗎？
lang: zh-Hant
root: 論點
nodes:
  論點:
    kind: thesis
    text: 學校應該取消制服。
  主張一:
    kind: claim
    text: 制服讓家庭多花錢。
    supports: 論點
  主張二:
    kind: claim
    text: 制服限制學生表達自我。
    supports: 論點
  前提一:
    kind: premise
    text: 一套制服超過兩千元。
  前提二:
    kind: premise
    text: 家長要買好幾套。
  證據一:
    kind: evidence
    text: 調查顯示多數學生想自己選擇服裝。
    supports: 主張二
  反對一:
    kind: objection
    text: 制服減少霸凌。
    attacks: 論點
  反駁一:
    kind: rebuttal
    text: 研究找不到制服對霸凌的影響。
    attacks: 反對一
arguments:
  論證一:
    premises: [前提一, 前提二]
    supports: 主張一
"""

# (case, map, text replaced, by, [(code, severity, line, column)], phrases of the first message, its fix)
MISTAKES: list[tuple[str, str, str, str, list[tuple[str, str, int, int]], list[str], Fix | None]] = [
    (
        "a key one space too far in",
        EN,
        "    text: Uniforms cost",
        "     text: Uniforms cost",
        [("AM001", "error", 10, 6)],
        ["wrong indentation", "'text' is indented 5 spaces", "indented 4"],
        Fix("    ", 10, 1, 10, 6),
    ),
    (
        "a key one space too far out",
        EN,
        "    text: Uniforms cost",
        "   text: Uniforms cost",
        [("AM001", "error", 10, 4)],
        ["wrong indentation", "'text' is indented 3 spaces", "indented 4"],
        Fix("    ", 10, 1, 10, 4),
    ),
    (
        "a node's last key one space out",
        EN,
        "    supports: T\n  C2:",
        "   supports: T\n  C2:",
        [("AM001", "error", 11, 4)],
        ["'supports' is indented 3 spaces", "indent it 4 spaces"],
        Fix("    ", 11, 1, 11, 4),
    ),
    (
        "a node's first key one space in",
        EN,
        "    kind: claim\n    text: Uniforms cost",
        "     kind: claim\n    text: Uniforms cost",
        [("AM001", "error", 9, 6)],
        ["'kind' is indented 5 spaces", "indent it 4 spaces"],
        Fix("    ", 9, 1, 9, 6),
    ),
    (
        "a key out-dented to the ids",
        EN,
        "    text: Uniforms limit",
        "  text: Uniforms limit",
        [("AM001", "error", 14, 3)],
        ["'text' is a key of a node", "as the node ids", "indent it 4 spaces"],
        Fix("    ", 14, 1, 14, 3),
    ),
    (
        "a node's last key out-dented to the ids",
        EN,
        "    supports: C2\n",
        "  supports: C2\n",
        [("AM018", "error", 25, 3)],
        ["'supports' is a key of a node", "indent it 4 spaces, as the keys of 'E1'"],
        Fix("    ", 25, 1, 25, 3),
    ),
    (
        "an id at the left margin",
        EN,
        "  P3:\n",
        "P3:\n",
        [("AM001", "error", 19, 1)],
        ["'P3' starts at the left margin", "indent it 2 spaces, as the other node ids"],
        Fix("  ", 19, 1, 19, 1),
    ),
    (
        "an id indented as a key",
        EN,
        "  P2:\n",
        "    P2:\n",
        [("AM018", "error", 16, 5)],
        ["'P2' is indented 4 spaces, as the keys of 'C2'", "indent it 2 spaces"],
        Fix("  ", 16, 1, 16, 5),
    ),
    (
        "a node indented under another",
        EN,
        "  C2:\n    kind: claim\n    text: Uniforms limit self-expression.\n    supports: T\n",
        "    C2:\n      kind: claim\n      text: Uniforms limit self-expression.\n      supports: T\n",
        [("AM018", "error", 12, 5)],
        ["node 'C2' is indented 4 spaces, under 'C1'", "indent it 2 spaces"],
        Fix("  C2:\n    kind: claim\n    text: Uniforms limit self-expression.\n    supports: T", 12, 1, 15, 18),
    ),
    (
        "a node indented past its neighbour's keys",
        EN,
        "  C2:\n    kind: claim\n",
        "      C2:\n    kind: claim\n",
        [("AM001", "error", 12, 7)],
        ["'C2' is indented 6 spaces", "node ids are indented 2"],
        Fix("  ", 12, 1, 12, 7),
    ),
    (
        "Chinese: a key one space too far in",
        ZH,
        "    text: 制服讓家庭多花錢。",
        "     text: 制服讓家庭多花錢。",
        [("AM001", "error", 10, 6)],
        ["'text' is indented 5 spaces"],
        Fix("    ", 10, 1, 10, 6),
    ),
    (
        "Chinese: a key out-dented to the ids",
        ZH,
        "    supports: 主張二\n",
        "  supports: 主張二\n",
        [("AM018", "error", 25, 3)],
        ["as the keys of '證據一'"],
        Fix("    ", 25, 1, 25, 3),
    ),
    (
        "Chinese: an id indented as a key",
        ZH,
        "  前提二:\n",
        "    前提二:\n",
        [("AM018", "error", 19, 5)],
        ["'前提二' is indented 4 spaces, as the keys of '前提一'"],
        Fix("  ", 19, 1, 19, 5),
    ),
    (
        "Chinese: an argument's key one space out",
        ZH,
        "    supports: 主張一\n",
        "   supports: 主張一\n",
        [("AM001", "error", 37, 4)],
        ["the keys of the arguments around it are indented 4"],
        Fix("    ", 37, 1, 37, 4),
    ),
    (
        "premises without brackets",
        EN,
        "premises: [P2, P3]",
        "premises: P2, P3",
        [("AM007", "error", 36, 15)],
        ["'premises' of 'A1' is the one text 'P2, P3'", "write `premises: [P2, P3]`"],
        Fix("[P2, P3]", 36, 15, 36, 21),
    ),
    (
        "supports without brackets",
        EN,
        "    supports: C2\n",
        "    supports: C2, C1\n",
        [("AM007", "error", 25, 15)],
        ["'supports' of 'E1'", "write `supports: [C2, C1]`"],
        Fix("[C2, C1]", 25, 15, 25, 21),
    ),
    (
        "a full-width comma in a list",
        EN,
        "premises: [P2, P3]",
        "premises: [P2，P3]",
        [("AM007", "error", 36, 15)],
        ["'P2，P3'", "'，'", "`premises: [P2, P3]`"],
        Fix("[P2, P3]", 36, 15, 36, 22),
    ),
    (
        "full-width brackets",
        EN,
        "premises: [P2, P3]",
        "premises: ［P2, P3］",
        [("AM007", "error", 36, 15)],
        ["'［' and '］'", "`premises: [P2, P3]`"],
        Fix("[P2, P3]", 36, 15, 36, 23),
    ),
    (
        "full-width dashes",
        EN,
        "premises: [P2, P3]",
        "premises:\n      － P2\n      － P3",
        [("AM007", "error", 37, 7)],
        ["'－'", "`premises: [P2, P3]`"],
        Fix("[P2, P3]", 37, 7, 38, 11),
    ),
    (
        "a full-width id",
        EN,
        "    supports: C1\n",
        "    supports: Ｃ１\n",
        [("AM017", "warning", 37, 15)],
        ["'Ｃ１'", "read as 'C1'"],
        Fix("C1", 37, 15, 37, 17),
    ),
    (
        "a full-width id in a list",
        EN,
        "premises: [P2, P3]",
        "premises: [Ｐ２, P3]",
        [("AM017", "warning", 36, 16)],
        ["'Ｐ２'", "read as 'P2'"],
        Fix("P2", 36, 16, 36, 18),
    ),
    (
        "full-width braces",
        EN,
        "    attacks: O1\n",
        "    undercuts: ｛from: O1, to: T｝\n",
        [("AM001", "error", 33, 16)],
        ["'｛' and '｝'", "`undercuts: {from: O1, to: T}`"],
        Fix("{from: O1, to: T}", 33, 16, 33, 33),
    ),
    (
        "Chinese: an ideographic comma in a list",
        ZH,
        "premises: [前提一, 前提二]",
        "premises: [前提一、前提二]",
        [("AM007", "error", 36, 15)],
        ["'、'", "`premises: [前提一, 前提二]`"],
        Fix("[前提一, 前提二]", 36, 15, 36, 24),
    ),
    (
        "Chinese: lenticular brackets",
        ZH,
        "premises: [前提一, 前提二]",
        "premises: 【前提一, 前提二】",
        [("AM007", "error", 36, 15)],
        ["'【' and '】'", "`premises: [前提一, 前提二]`"],
        Fix("[前提一, 前提二]", 36, 15, 36, 25),
    ),
    (
        "Chinese: full-width commas without brackets",
        ZH,
        "premises: [前提一, 前提二]",
        "premises: 前提一，前提二",
        [("AM007", "error", 36, 15)],
        ["'，'", "`premises: [前提一, 前提二]`"],
        Fix("[前提一, 前提二]", 36, 15, 36, 22),
    ),
    (
        "Chinese: one full-width dash",
        ZH,
        "    supports: 主張二\n",
        "    supports:\n      － 主張二\n",
        [("AM007", "error", 26, 7)],
        ["'－'", "`supports: 主張二`"],
        Fix("主張二", 26, 7, 26, 12),
    ),
    (
        "a full-width hash after a text",
        EN,
        "    text: Uniforms reduce bullying.\n",
        "    text: Uniforms reduce bullying. ＃ check\n",
        [("AM017", "warning", 28, 37)],
        ["full-width '＃'", "'＃ check' is part of the text", "write '#'"],
        Fix("#", 28, 37, 28, 38),
    ),
    (
        "a full-width hash on a line of its own",
        EN,
        "    text: Uniforms reduce bullying.\n",
        "    text: Uniforms reduce bullying.\n    ＃ check\n",
        [("AM001", "error", 29, 5)],
        ["full-width '＃' does not start a comment", "ASCII '#'"],
        Fix("#", 29, 5, 29, 6),
    ),
    (
        "Chinese: a full-width hash continuing a text",
        ZH,
        "    text: 制服減少霸凌。\n",
        "    text: 制服減少霸凌。\n      ＃ 待查\n",
        [("AM017", "warning", 29, 7)],
        ["'＃ 待查' is part of the text"],
        Fix("#", 29, 7, 29, 8),
    ),
    (
        "the last node's id at the left margin",
        EN,
        "  R1:\n",
        "R1:\n",
        [("AM018", "error", 30, 1)],
        ["'R1' starts at the left margin", "indent it 2 spaces, as the node ids"],
        Fix("  ", 30, 1, 30, 1),
    ),
    (
        "Chinese: the last node's id at the left margin",
        ZH,
        "  反駁一:\n",
        "反駁一:\n",
        [("AM018", "error", 30, 1)],
        ["'反駁一' starts at the left margin"],
        Fix("  ", 30, 1, 30, 1),
    ),
    (
        "Chinese: the only argument at the left margin, its keys with it",
        ZH,
        "  論證一:\n    premises: [前提一, 前提二]\n    supports: 主張一\n",
        "論證一:\n  premises: [前提一, 前提二]\n  supports: 主張一\n",
        [("AM018", "error", 35, 1)],
        ["indent it 2 spaces, as the argument ids, and its keys with it"],
        Fix("  論證一:\n    premises: [前提一, 前提二]\n    supports: 主張一", 35, 1, 37, 16),
    ),
]


def _diagnostics(text: str) -> list[Diagnostic]:
    return check_loaded(load_text(text, "m.yaml"))


def _apply(text: str, fix: Fix) -> str:
    """``text`` with ``fix`` applied (positions 1-based, in code points, the end excluded)."""
    starts = [0]
    for line in text.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    begin = starts[fix.line - 1] + fix.column - 1
    end = starts[fix.end_line - 1] + fix.end_column - 1
    return text[:begin] + fix.replacement + text[end:]


@pytest.mark.parametrize("text", [EN, ZH], ids=["English", "Chinese"])
def test_the_maps_mistakes_are_made_in_are_clean(text: str) -> None:
    assert _diagnostics(text) == []


@pytest.mark.parametrize(
    ("case", "base", "old", "new", "expected", "phrases", "fix"), MISTAKES, ids=[mistake[0] for mistake in MISTAKES]
)
def test_each_mistake_is_one_diagnostic_at_its_line_with_its_fix(
    case: str, base: str, old: str, new: str, expected: list[tuple[str, str, int, int]], phrases: list[str], fix: Fix | None
) -> None:
    assert old in base
    text = base.replace(old, new, 1)
    diagnostics = _diagnostics(text)
    assert [(d.code, d.severity.value, d.line, d.column) for d in diagnostics] == expected
    for phrase in phrases:
        assert phrase in diagnostics[0].message
    assert diagnostics[0].fix == fix
    if fix is not None:
        assert _diagnostics(_apply(text, fix)) == []


# What is no mistake: each of these, made in a clean map, leaves it clean.
CLEAN = [
    (
        "each node with its own indentation",
        EN,
        "    kind: claim\n    text: Uniforms cost families money.\n    supports: T\n",
        "      kind: claim\n      text: Uniforms cost families money.\n      supports: T\n",
    ),
    ("a quoted id with a comma, named quoted", EN, "  P3:\n", '  "P3, again":\n'),
    ("a full-width hash inside a word", EN, "Families buy several sets.", "Families buy several sets (＃2 in the survey)."),
    (
        "a full-width hash in a quoted text",
        EN,
        "    text: Uniforms reduce bullying.\n",
        '    text: "Uniforms reduce bullying. ＃ check"\n',
    ),
    ("a Chinese text with an ideographic comma", ZH, "家長要買好幾套。", "家長要買好幾套、每年換新。"),
    ("a relation undercut in ASCII braces", EN, "    attacks: O1\n", "    attacks: O1\n    undercuts: {from: O1, to: T}\n"),
    ("a suppression under a node", EN, "    attacks: O1\n", "    attacks: O1\n    ignore:\n      AM203: answered in the text\n"),
    (
        "a block text holding a key-like line",
        EN,
        "    text: Families buy several sets.\n",
        "    text: |\n      Families buy several sets.\n        note: twice a year\n",
    ),
]


@pytest.mark.parametrize(("case", "base", "old", "new"), CLEAN, ids=[clean[0] for clean in CLEAN])
def test_what_is_no_mistake_stays_clean(case: str, base: str, old: str, new: str) -> None:
    assert old in base
    text = base.replace(old, new, 1)
    if "again" in new:
        text = text.replace("premises: [P2, P3]", 'premises: [P2, "P3, again"]')
    assert _diagnostics(text) == []


@pytest.mark.parametrize(
    ("base", "old", "new"),
    [(EN, "C2", "C2, in short"), (ZH, "主張二", "主張二、三")],
    ids=["a comma in an English id", "an ideographic comma in a Chinese id"],
)
def test_an_id_that_looks_like_a_list_is_taken_as_the_id(base: str, old: str, new: str) -> None:
    # Argdown titles become such ids (`No bubbles, no preemption`), written plain by the exporters.
    text = base.replace(old, new)
    assert f"supports: {new}\n" in text
    assert _diagnostics(text) == []


def test_check_prints_the_mistake_with_its_position(tmp_path: Path) -> None:
    path = write_map(tmp_path, EN.replace("premises: [P2, P3]", "premises: P2, P3"))
    result = CliRunner().invoke(main, ["check", "--format", "json", str(path)])
    assert result.exit_code == 1
    [diagnostic] = json.loads(result.output)["diagnostics"]
    assert (diagnostic["code"], diagnostic["line"], diagnostic["column"]) == ("AM007", 36, 15)
    assert diagnostic["fix"] == {"replacement": "[P2, P3]", "line": 36, "column": 15, "end_line": 36, "end_column": 21}


@given(st.text(alphabet=" \n:-#＃，、【】abP1", max_size=200), st.integers(min_value=1, max_value=30))
@settings(max_examples=300, deadline=None)
def test_looking_for_indentation_never_fails(text: str, line: int) -> None:
    hint = find_misindented(text, line)
    assert hint is None or 1 <= hint.line <= line


@pytest.mark.parametrize(
    ("old", "new", "yaml_says"),
    [
        ("    attacks: O1\n", "    attacks: [O1\n", "did not find expected ',' or ']'"),
        ("  R1:\n", '  R1:\n    text: "unclosed\n', "found unexpected end of stream"),
    ],
    ids=["an unclosed list", "an unclosed quote"],
)
def test_a_node_indented_its_own_way_is_not_blamed_for_another_error(old: str, new: str, yaml_says: str) -> None:
    # T's keys are indented 6 spaces, the others' 4: valid YAML, so not the cause of a later error.
    own_way = EN.replace("    kind: thesis\n    text: Schools", "      kind: thesis\n      text: Schools")
    assert _diagnostics(own_way) == []
    [diagnostic] = _diagnostics(own_way.replace(old, new))
    assert yaml_says in diagnostic.message
    assert "indentation" not in diagnostic.message


@pytest.mark.parametrize(
    ("old", "new"),
    [("  P2:\n", "    P2:\n"), ("  R1:\n", "R1:\n"), ("    supports: C2\n", "  supports: C2\n")],
    ids=["an id indented as a key", "an id at the margin", "a key out-dented"],
)
def test_a_misindented_entry_read_where_it_was_meant_leaves_the_map_drawable(old: str, new: str) -> None:
    result = load_text(EN.replace(old, new, 1), "m.yaml")
    assert [d.code for d in result.diagnostics] == ["AM018"]
    assert result.usable_for("draw") and not result.usable_for("exact")
