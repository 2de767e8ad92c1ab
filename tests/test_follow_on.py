"""Follow-on findings name their own cause: ids written as one text, not an unrelated unknown key elsewhere."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import write_map
from usfk_argmap import check_file
from usfk_argmap.core.diagnostics import Severity

#: An English map: premises typed as one quoted text, and a misspelled key on an unrelated node.
#: (Unquoted, `P2, P3` is read by the loader as the list it was meant to be: one AM007, no follow-ons.)
ENGLISH = """\
title: Cameras in classrooms
root: T
nodes:
  T: {kind: thesis, text: Schools should put cameras in classrooms.}
  C1: {kind: claim, text: Cameras deter bullying., supports: T}
  C2: {kind: claim, text: Cameras settle disputes., suport: T}
  P2: {kind: premise, text: Pupils behave when watched.}
  P3: {kind: premise, text: Bullies avoid being seen.}
arguments:
  A1:
    premises: "P2, P3"
    supports: C1
"""

#: A Traditional Chinese map: premises typed as text with a full-width comma.
CHINESE = """\
title: 教室監視器
lang: zh-Hant
root: 論點
nodes:
  論點: {kind: thesis, text: 學校應在教室裝設監視器。}
  主張一: {kind: claim, text: 監視器能嚇阻霸凌。, supports: 論點}
  前提一: {kind: premise, text: 學生被注視時比較守規矩。}
  前提二: {kind: premise, text: 霸凌者怕被看見。}
arguments:
  論證一:
    premises: 前提一，前提二
    supports: 主張一
"""


def _found(tmp_path: Path, text: str) -> list[tuple[int, int, str, Severity, str]]:
    _, diagnostics = check_file(write_map(tmp_path, text))
    return [(d.line, d.column, d.code, d.severity, d.message) for d in diagnostics]


def test_orphans_of_premises_typed_as_text_are_not_blamed_on_a_typo_elsewhere(tmp_path: Path) -> None:
    text_cause = "probably because of the ids written as one text 'P2, P3' at line 11"
    orphan = "is not connected to the root 'T': no chain of supports/attacks leads from it to the thesis; "
    assert _found(tmp_path, ENGLISH) == [
        (
            6,
            53,
            "AM008",
            Severity.ERROR,
            "unknown key 'suport' in node 'C2'; did you mean 'supports'? (the entry is ignored until the key is fixed)",
        ),
        (
            2,
            7,
            "AM106",
            Severity.WARNING,
            "3 node(s) besides the root 'T' have nothing above them: 'C2', 'P2', 'P3'; "
            f"'C2' probably because of the unknown key 'suport' at line 6; 'P2', 'P3' {text_cause}",
        ),
        (6, 3, "AM201", Severity.ERROR, f"'C2' {orphan}probably because of the unknown key 'suport' at line 6"),
        (6, 3, "AM202", Severity.WARNING, "claim 'C2' has no support: nothing gives a reason for it"),
        (7, 3, "AM201", Severity.WARNING, f"'P2' {orphan}{text_cause}"),
        (8, 3, "AM201", Severity.WARNING, f"'P3' {orphan}{text_cause}"),
        (
            11,
            15,
            "AM101",
            Severity.ERROR,
            "argument 'A1' names the unknown id 'P2, P3'; these are 2 ids written as one text: write the list [P2, P3]",
        ),
    ]


def test_a_full_width_comma_is_a_list_typed_as_text_too(tmp_path: Path) -> None:
    # The loader reads it as the list it was meant to be: one error with the list as its fix, no follow-ons.
    found = _found(tmp_path, CHINESE)
    assert [(line, column, code, severity) for line, column, code, severity, _ in found] == [(11, 15, "AM007", Severity.ERROR)]
    assert "write `premises: [前提一, 前提二]`" in found[0][-1]
