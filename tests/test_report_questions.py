"""The report's evaluation lists every statement that does not stand, and its "Critical questions" section."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from tests.helpers import MAPS
from usfk_argmap import load_text, open_map
from usfk_argmap.cli.app import main
from usfk_argmap.core.model import ArgumentMap
from usfk_argmap.core.schemes import scheme
from usfk_argmap.present.report import build_report, report_markdown

BRIDGE = """\
title: Bridge
lang: zh-Hant
root: T
nodes:
  T: {kind: thesis, text: 橋是安全的}
  C: {kind: claim, text: 結構沒問題, supports: T, schemes: {T: cause-to-effect}}
  C2: {kind: claim, text: 交通量不大, supports: T}
  P1: {kind: premise, text: 艾達是結構工程師}
  P2: {kind: premise, text: 艾達說結構沒問題}
  E1: {kind: evidence, text: 她有執照, supports: P1, answers: {to: A1, question: CQ1}}
  O: {kind: objection, text: 有裂縫, attacks: C}
  R: {kind: evidence, text: 裂縫很小, supports: C, outweighs: O, schemes: {C: sign}}
  X: {kind: objection, text: 報告過時, attacks: P2, answers: {to: A1, question: CQ4}}
  L: {kind: premise, text: 別處的推論}
  L2: {kind: claim, text: 別處的結論, schemes: {}}
  Q: {kind: claim, text: 無據, supports: C2}
arguments:
  A1:
    premises: [P1, P2]
    supports: C
    scheme: expert-opinion
  A2:
    premises: [L]
    supports: L2
    scheme: example
"""


def load(text: str) -> ArgumentMap:
    result = load_text(text, "bridge.yaml")
    assert result.map is not None, result.diagnostics
    return result.map


def test_every_defeated_and_open_statement_is_listed_with_its_reason() -> None:
    argument_map = load(BRIDGE)
    report = build_report(argument_map, [])
    assert [entry.id for entry in report.evaluation] == ["T", "C", "C2"]
    listed = {entry.id: (entry.status, entry.why) for entry in report.not_established}
    assert set(listed) == {"P2", "Q", "A1"}  # every one not established, the main claims aside
    assert listed["P2"] == ("defeated", "P2（艾達說結構沒問題）被推翻。X 反對它，且未獲回應。它本身不需理由。")
    assert listed["A1"][1].startswith("A1（P1 + P2）被推翻。X 攻擊它的前提 P2，且未獲回應。")
    assert listed["Q"] == ("open", "Q（無據）未定。論證圖中沒有任何論述攻擊它。論證圖中沒有任何論述支持它。")
    counts = report.evaluation_counts
    assert counts["defeated"] + counts["open"] == len(report.not_established) + sum(
        1 for entry in report.evaluation if entry.status != "established"
    )


def test_the_tram_report_names_its_defeated_objections() -> None:
    report = build_report(open_map(MAPS / "example_tram.yaml"), [])
    assert report.evaluation_counts == {"established": 11, "defeated": 2, "open": 0}
    assert [(entry.id, entry.status) for entry in report.not_established] == [("O1", "defeated"), ("O2", "defeated")]
    assert report.not_established[0].why == (
        "O1 (Construction will disrupt traffic for y…) is defeated. R1 stands against it unanswered. "
        "It needs no reason of its own."
    )
    markdown = report_markdown(report)
    assert "| [O1](#" in markdown and "R1 stands against it unanswered" in markdown


def test_critical_questions_per_main_claim() -> None:
    report = build_report(load(BRIDGE), [])
    groups = {group.claim: group for group in report.questions}
    assert list(groups) == ["C", None]  # C's inferences, and one that bears on no main claim
    claim = groups["C"]
    # C->T goes to C (an inference from a main claim to the thesis); A1 and R->C lie under C.
    assert [entry.inference for entry in claim.inferences] == ["A1", "C->T", "R->C"]
    assert claim.schemes == tuple(scheme(i).name.zh_hant for i in ("expert-opinion", "cause-to-effect", "sign"))
    a1 = {q.id: (q.state, q.by) for q in claim.inferences[0].questions}
    assert a1 == {
        "CQ1": ("answered", ("E1",)),
        "CQ2": ("open", ()),
        "CQ3": ("open", ()),
        "CQ4": ("raised", ("X",)),
        "CQ5": ("not raised", ()),
        "CQ6": ("open", ()),
    }
    expert = scheme("expert-opinion")
    assert claim.inferences[0].questions[1].text == expert.question("CQ2").text.zh_hant
    assert claim.inferences[0].questions[0].burden == "假定" and claim.inferences[0].questions[3].burden == "例外"
    assert [entry.inference for entry in groups[None].inferences] == ["A2"]
    assert not claim.thesis
    assert report.question_counts == {"open": 3 + 2 + 2 + 3, "asked": 5 + 2 + 2 + 3}


def test_the_section_in_the_report_language_and_absent_without_schemes(tmp_path: Path) -> None:
    english = build_report(load(BRIDGE), [], language="en")
    assert english.questions[0].inferences[0].questions[1].text == scheme("expert-opinion").question("CQ2").text.en
    assert english.not_established[0].why.startswith("P2 (艾達說結構沒問題) is defeated.")
    assert build_report(open_map(MAPS / "example_tram.yaml"), []).questions == []
    path = tmp_path / "bridge.yaml"
    path.write_text(BRIDGE, encoding="utf-8")
    markdown = CliRunner().invoke(main, ["report", str(path), "--format", "md"])
    assert markdown.exit_code == 0, markdown.output
    assert "## 批判性問題" in markdown.stdout and "### 主要主張 C：結構沒問題" in markdown.stdout
    assert "已由 E1 回答" in markdown.stdout and "由 X 提出" in markdown.stdout and "未被提出" in markdown.stdout
    assert "### 論證圖其他部分" in markdown.stdout
    html = tmp_path / "bridge.html"
    result = CliRunner().invoke(main, ["report", str(path), "-o", str(html), "--ui-lang", "en"])
    assert result.exit_code == 0, result.output
    page = html.read_text(encoding="utf-8")
    assert '<section id="questions">' in page and "<h2>Critical questions</h2>" in page
    assert scheme("expert-opinion").question("CQ2").text.en in page  # the questions in the words around the map
    assert 'class="question-open"' in page and 'class="question-not-raised"' in page
    assert 'id="not-established"' in page and "X attacks its premise P2 and stands unanswered." in page


def test_an_inference_into_the_thesis_from_no_main_claim_is_the_thesiss() -> None:
    # A linked argument's premises for the thesis are main claims (its group is the first premise's);
    # an objection to the thesis is none.
    text = (
        "title: t\nlang: en\nroot: T\nnodes:\n  T: {kind: thesis, text: t}\n  P1: {kind: premise, text: p1}\n"
        "  P2: {kind: premise, text: p2}\n  O: {kind: objection, text: o, attacks: T, schemes: {T: negative-consequences}}\n"
        "arguments:\n  A1: {premises: [P1, P2], supports: T, scheme: expert-opinion}\n"
    )
    report = build_report(load(text), [])
    assert [(g.claim, g.thesis, [e.inference for e in g.inferences]) for g in report.questions] == [
        ("T", True, ["O->T"]),
        ("P1", False, ["A1"]),
    ]
    markdown = report_markdown(report)
    assert "### The thesis T: t" in markdown and "### Main claim P1: p1" in markdown
