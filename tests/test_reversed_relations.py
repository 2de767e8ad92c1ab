"""Relations written the wrong way round: one error (AM108) names the cause, its follow-ons say so as warnings."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import write_map
from usfk_argmap import check_file
from usfk_argmap.core.diagnostics import Severity

#: An English essay whose thesis lists its reasons under it.
THESIS_SUPPORTS = """\
title: Cameras in classrooms
root: T
nodes:
  T:
    kind: thesis
    text: Schools should put cameras in classrooms.
    supports: [C1, C2]
  C1:
    kind: claim
    text: Cameras deter bullying.
  P1:
    kind: premise
    text: Pupils behave when they are watched.
    supports: C1
  C2:
    kind: claim
    text: Cameras settle disputes.
  E1:
    kind: evidence
    text: Two schools of the district settled every dispute with a recording.
    supports: C2
"""

#: A Traditional Chinese map: a premise that supports its evidence, and an undercut with its ends swapped.
CHINESE = """\
title: 教室監視器
lang: zh-Hant
root: 論點
nodes:
  論點:
    kind: thesis
    text: 學校應在教室裝設監視器。
  主張一:
    kind: claim
    text: 監視器能嚇阻霸凌。
    supports: 論點
  前提一:
    kind: premise
    text: 學生被注視時比較守規矩。
    supports: [主張一, 證據一]
  證據一:
    kind: evidence
    text: 四十所學校的調查發現霸凌減少。
  反對一:
    kind: objection
    text: 學生只會把霸凌藏起來。
    attacks: 主張一
  反駁一:
    kind: rebuttal
    text: 即使藏起一部分，嚇阻仍然有效。
    undercuts: {from: 主張一, to: 反對一}
"""


def _found(tmp_path: Path, text: str) -> list[tuple[int, int, str, Severity, str]]:
    _, diagnostics = check_file(write_map(tmp_path, text))
    return [(d.line, d.column, d.code, d.severity, d.message) for d in diagnostics]


def test_a_thesis_that_supports_its_reasons_is_one_error(tmp_path: Path) -> None:
    cause = "; probably because of the reversed relation at line 7"
    orphan = "is not connected to the root 'T': no chain of supports/attacks leads from it to the thesis" + cause
    assert _found(tmp_path, THESIS_SUPPORTS) == [
        (2, 7, "AM106", Severity.WARNING, "2 node(s) besides the root 'T' have nothing above them: 'C1', 'C2'" + cause),
        (4, 3, "AM202", Severity.WARNING, "thesis 'T' has no support: nothing gives a reason for it" + cause),
        (
            7,
            16,
            "AM108",
            Severity.ERROR,
            "the root 'T' supports 'C1' and 'C2', which lead nowhere else: the reasons for the thesis are written "
            "under the thesis, the wrong way round; did you mean 'C1' and 'C2' each `supports: T`?",
        ),
        (8, 3, "AM201", Severity.WARNING, f"'C1' {orphan}"),
        (11, 3, "AM201", Severity.WARNING, f"'P1' {orphan}"),
        (15, 3, "AM201", Severity.WARNING, f"'C2' {orphan}"),
        (18, 3, "AM201", Severity.WARNING, f"'E1' {orphan}"),
    ]


def test_the_chinese_map_names_each_reversal_once(tmp_path: Path) -> None:
    assert _found(tmp_path, CHINESE) == [
        (
            3,
            7,
            "AM106",
            Severity.WARNING,
            "1 node(s) besides the root '論點' have nothing above them: '證據一'; "
            "probably because of the reversed relation at line 15",
        ),
        (
            15,
            21,
            "AM108",
            Severity.ERROR,
            "premise '前提一' supports '證據一' (evidence), which leads nowhere else: an evidence gives a reason for a "
            "premise, not the other way round; did you mean '證據一' `supports: 前提一`?",
        ),
        (
            16,
            3,
            "AM201",
            Severity.WARNING,
            "'證據一' is not connected to the root '論點': no chain of supports/attacks leads from it to the thesis; "
            "probably because of the reversed relation at line 15",
        ),
        (
            19,
            3,
            "AM203",
            Severity.WARNING,
            "objection '反對一' is unanswered: no rebuttal attacks it or undercuts its inference; "
            "probably because of the reversed relation at line 26",
        ),
        (
            23,
            3,
            "AM201",
            Severity.WARNING,
            "'反駁一' is not connected to the root '論點': no chain of supports/attacks leads from it to the thesis; "
            "probably because of the reversed relation at line 26",
        ),
        (
            26,
            23,
            "AM108",
            Severity.ERROR,
            "undercuts of '反駁一' names the relation '主張一' -> '反對一', but it is '反對一' that attacks '主張一': "
            "the ends are swapped; did you mean `undercuts: {from: 反對一, to: 主張一}`?",
        ),
    ]


def test_moving_the_ids_leaves_nothing_to_report(tmp_path: Path) -> None:
    text = THESIS_SUPPORTS.replace("    supports: [C1, C2]\n", "")
    for statement in ("Cameras deter bullying.", "Cameras settle disputes."):
        text = text.replace(f"    text: {statement}\n", f"    text: {statement}\n    supports: T\n")
    assert _found(tmp_path, text) == []


def test_a_chain_written_upside_down_is_found_link_by_link(tmp_path: Path) -> None:
    text = (
        "title: t\nroot: T\nnodes:\n  T: {kind: thesis, text: a, supports: C1}\n"
        "  C1: {kind: claim, text: c, supports: P1}\n  P1: {kind: premise, text: p, supports: E1}\n"
        "  E1: {kind: evidence, text: e}\n"
    )
    found = [(line, code, severity) for line, _, code, severity, _ in _found(tmp_path, text)]
    assert [item for item in found if item[1] == "AM108"] == [
        (4, "AM108", Severity.ERROR),
        (5, "AM108", Severity.ERROR),
        (6, "AM108", Severity.ERROR),
    ]
    assert all(severity is not Severity.ERROR for _, code, severity in found if code != "AM108")


def test_a_claim_that_supports_a_connected_premise_is_not_a_reversal(tmp_path: Path) -> None:
    # P1 reaches the root through C2: C1 -> P1 may be odd, but it is not written the wrong way round.
    text = (
        "title: t\nroot: T\nnodes:\n  T: {kind: thesis, text: a}\n  C1: {kind: claim, text: c, supports: [T, P1]}\n"
        "  C2: {kind: claim, text: d, supports: T}\n  P1: {kind: premise, text: p, supports: C2}\n"
        "  E1: {kind: evidence, text: e, supports: C1}\n"
    )
    assert [code for _, _, code, _, _ in _found(tmp_path, text) if code == "AM108"] == []
