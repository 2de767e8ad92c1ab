"""Table-driven tests of the rules: for each, a map that triggers it and one that does not.

Each case asserts the code, line, column and node id of every diagnostic of
the rule under test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import located, write_map
from usfk_argmap import check, load
from usfk_argmap.core.diagnostics import Fix
from usfk_argmap.rules import REGISTRY

HEAD = "title: t\nroot: T\nnodes:\n  T: {kind: thesis, text: thesis}\n"
# Line numbers below count from 1; HEAD takes lines 1 to 4.

CASES: list[tuple[str, str, str, list[tuple[int, int, str | None]]]] = [
    # (rule code, case name, map text, expected (line, column, node))
    ("AM101", "unknown supports target", HEAD + "  C1: {kind: claim, text: c, supports: T2}\n", [(5, 40, "C1")]),
    (
        "AM101",
        "unknown premise",
        HEAD + "  C1: {kind: claim, text: c, supports: T}\n"
        "  P1: {kind: premise, text: p}\narguments:\n  A1: {premises: [P1, P9], supports: C1}\n",
        [(8, 23, "A1")],
    ),
    (
        "AM101",
        "undercut names a node",
        HEAD + "  C1: {kind: claim, text: c, supports: T}\n  O1: {kind: objection, text: o, undercuts: C1}\n",
        [(6, 45, "O1")],
    ),
    ("AM101", "unknown section", HEAD + "  C1: {kind: claim, text: c, supports: T, section: s9}\n", [(5, 52, "C1")]),
    ("AM101", "all known", HEAD + "  C1: {kind: claim, text: c, supports: T}\n", []),
    (
        "AM101",
        "undercut of a relation that does not exist",
        HEAD + "  C1: {kind: claim, text: c, supports: T}\n"
        "  P1: {kind: premise, text: p, supports: C1}\n  U1: {kind: objection, text: u, undercuts: {from: P1, to: T}}\n",
        [(7, 60, "U1")],
    ),
    (
        "AM101",
        "undercut of an unknown reason",
        HEAD + "  C1: {kind: claim, text: c, supports: T}\n  U1: {kind: objection, text: u, undercuts: {from: P9, to: C1}}\n",
        [(6, 52, "U1")],
    ),
    (
        "AM101",
        "undercut of a relation",
        HEAD + "  C1: {kind: claim, text: c, supports: T}\n"
        "  P1: {kind: premise, text: p, supports: C1}\n  U1: {kind: objection, text: u, undercuts: {from: P1, to: C1}}\n",
        [],
    ),
    ("AM102", "supports itself", HEAD + "  C1: {kind: claim, text: c, supports: [T, C1]}\n", [(5, 44, "C1")]),
    (
        "AM102",
        "premise of its own argument",
        HEAD + "  C1: {kind: claim, text: c, supports: T}\n"
        "  P1: {kind: premise, text: p}\narguments:\n  A1: {premises: [P1, C1], supports: C1}\n",
        [(8, 23, "A1")],
    ),
    (
        "AM102",
        "undercuts its own relation",
        HEAD + "  C1: {kind: claim, text: c, supports: T}\n"
        "  P1: {kind: premise, text: p, supports: C1, undercuts: {from: P1, to: C1}}\n",
        [(6, 64, "P1")],
    ),
    ("AM102", "no self reference", HEAD + "  C1: {kind: claim, text: c, supports: T}\n", []),
    (
        "AM103",
        "node defined twice",
        HEAD + "  C1: {kind: claim, text: c, supports: T}\n  C1: {kind: claim, text: d, supports: T}\n",
        [(6, 3, "C1")],
    ),
    (
        "AM103",
        "argument id is a node id",
        HEAD + "  C1: {kind: claim, text: c, supports: T}\n"
        "  P1: {kind: premise, text: p}\n  P2: {kind: premise, text: q}\n"
        "arguments:\n  C1: {premises: [P1, P2], supports: T}\n",
        [(9, 3, "C1")],
    ),
    ("AM103", "unique ids", HEAD + "  C1: {kind: claim, text: c, supports: T}\n", []),
    ("AM104", "root names no node", "title: t\nroot: X\nnodes:\n  T: {kind: thesis, text: a}\n", [(2, 7, "X")]),
    ("AM104", "root exists", HEAD, []),
    ("AM105", "root is a claim", "title: t\nroot: T\nnodes:\n  T: {kind: claim, text: a}\n", [(4, 13, "T")]),
    (
        "AM105",
        "root supports something",
        # C1 reaches the root of its own: a root's support of a node that leads nowhere else is AM108's
        HEAD.replace("text: thesis}", "text: thesis, supports: C1}") + "  C1: {kind: premise, text: c, attacks: T}\n",
        [(4, 45, "T")],
    ),
    (
        "AM108",
        "the thesis supports its reasons",
        HEAD.replace("text: thesis}", "text: thesis, supports: [C1, C2]}")
        + "  C1: {kind: claim, text: c}\n  C2: {kind: claim, text: d}\n",
        [(4, 46, "T")],
    ),
    (
        "AM108",
        "a premise supports its evidence",
        HEAD + "  P1: {kind: premise, text: p, supports: [T, E1]}\n  E1: {kind: evidence, text: e}\n",
        [(5, 46, "P1")],
    ),
    (
        "AM108",
        "an undercut with its ends swapped",
        HEAD + "  O1: {kind: objection, text: o, attacks: T}\n  R1: {kind: rebuttal, text: r, undercuts: {from: T, to: O1}}\n",
        [(6, 51, "R1")],
    ),
    (
        "AM109",
        "a second thesis",
        HEAD + "  C1: {kind: thesis, text: c, supports: T}\n  P1: {kind: premise, text: p, supports: C1}\n",
        [(5, 14, "C1")],
    ),
    ("AM109", "one thesis", HEAD + "  C1: {kind: claim, text: c, supports: T}\n", []),
    (
        "AM110",
        "a rebuttal attacks the thesis",
        HEAD + "  P1: {kind: premise, text: p, supports: T}\n  R1: {kind: rebuttal, text: r, attacks: T}\n",
        [(6, 14, "R1")],
    ),
    (
        "AM110",
        "a rebuttal attacks an objection",
        HEAD + "  O1: {kind: objection, text: o, attacks: T}\n  R1: {kind: rebuttal, text: r, attacks: O1}\n",
        [],
    ),
    (
        "AM206",
        "an id listed twice",
        HEAD + "  C1: {kind: claim, text: c, supports: [T, T]}\n  P1: {kind: premise, text: p}\n"
        "  P2: {kind: premise, text: q}\narguments:\n  A1: {premises: [P1, P2, P2], supports: C1}\n",
        [(5, 44, "C1"), (9, 27, "A1")],
    ),
    (
        "AM206",
        "ids listed once",
        HEAD + "  C1: {kind: claim, text: c, supports: [T]}\n  P1: {kind: premise, text: p}\n"
        "  P2: {kind: premise, text: q}\narguments:\n  A1: {premises: [P1, P2], supports: C1}\n",
        [],
    ),
    (
        "AM108",
        "relations the right way round",
        HEAD + "  E1: {kind: evidence, text: e, supports: P1}\n  P1: {kind: premise, text: p, supports: T}\n"
        "  O1: {kind: objection, text: o, attacks: T}\n  R1: {kind: rebuttal, text: r, undercuts: {from: O1, to: T}}\n",
        [],
    ),
    (
        "AM105",
        "root undercuts something",
        HEAD.replace("text: thesis}", "text: thesis, undercuts: {from: P1, to: C1}}")
        + "  C1: {kind: claim, text: c}\n  P1: {kind: premise, text: p, supports: C1}\n",
        [(4, 46, "T")],
    ),
    ("AM105", "root is a thesis", HEAD, []),
    ("AM106", "a second top", HEAD + "  C1: {kind: claim, text: c}\n  C2: {kind: claim, text: d, supports: C1}\n", [(2, 7, "T")]),
    ("AM106", "one top", HEAD + "  C1: {kind: claim, text: c, supports: T}\n", []),
    (
        "AM107",
        "two claims support each other",
        HEAD + "  C1: {kind: claim, text: c, supports: [T, C2]}\n  C2: {kind: claim, text: d, supports: C1}\n",
        [(5, 3, "C1")],
    ),
    (
        "AM107",
        "mutual attacks are no cycle",
        HEAD + "  C1: {kind: claim, text: c, supports: T}\n"
        "  O1: {kind: objection, text: o, attacks: [C1, R1]}\n  R1: {kind: rebuttal, text: r, attacks: O1}\n",
        [],
    ),
    (
        "AM201",
        "orphan node",
        HEAD + "  C1: {kind: claim, text: c, supports: T}\n  P1: {kind: premise, text: p}\n",
        [(6, 3, "P1")],
    ),
    (
        "AM201",
        "chain ends elsewhere",
        HEAD + "  C1: {kind: claim, text: c}\n  P1: {kind: premise, text: p, supports: C1}\n",
        [(5, 3, "C1"), (6, 3, "P1")],
    ),
    (
        "AM201",
        "undercut reaches the root",
        HEAD + "  C1: {kind: claim, text: c, supports: T}\n"
        "  P1: {kind: premise, text: p}\n  P2: {kind: premise, text: q}\n  U1: {kind: objection, text: u, undercuts: A1}\n"
        "arguments:\n  A1: {premises: [P1, P2], supports: C1}\n",
        [],
    ),
    (
        "AM201",
        "undercut of a relation reaches the root",
        HEAD + "  C1: {kind: claim, text: c, supports: T}\n"
        "  P1: {kind: premise, text: p, supports: C1}\n  U1: {kind: objection, text: u, undercuts: {from: P1, to: C1}}\n",
        [],
    ),
    ("AM202", "claim without support", HEAD + "  C1: {kind: claim, text: c, supports: T}\n", [(5, 3, "C1")]),
    ("AM202", "thesis without support", HEAD, [(4, 3, "T")]),
    (
        "AM202",
        "attack is no support",
        HEAD + "  C1: {kind: claim, text: c, supports: T}\n  O1: {kind: objection, text: o, attacks: C1}\n",
        [(5, 3, "C1")],
    ),
    (
        "AM202",
        "supported through a linked argument",
        HEAD + "  P1: {kind: premise, text: p}\n"
        "  P2: {kind: premise, text: q}\narguments:\n  A1: {premises: [P1, P2], supports: T}\n",
        [],
    ),
    (
        "AM203",
        "unanswered objection",
        HEAD + "  P1: {kind: premise, text: p, supports: T}\n  O1: {kind: objection, text: o, attacks: T}\n",
        [(6, 3, "O1")],
    ),
    (
        "AM203",
        "answered objection",
        HEAD + "  P1: {kind: premise, text: p, supports: T}\n"
        "  O1: {kind: objection, text: o, attacks: T}\n  R1: {kind: rebuttal, text: r, attacks: O1}\n",
        [],
    ),
    (
        "AM203",
        "objection whose inference is undercut",
        HEAD + "  P1: {kind: premise, text: p, supports: T}\n"
        "  O1: {kind: objection, text: o, attacks: T}\n  R1: {kind: rebuttal, text: r, undercuts: {from: O1, to: T}}\n",
        [],
    ),
    (
        "AM203",
        "undercut of another relation answers nothing",
        HEAD + "  P1: {kind: premise, text: p, supports: T}\n"
        "  O1: {kind: objection, text: o, attacks: T}\n  R1: {kind: rebuttal, text: r, undercuts: {from: P1, to: T}}\n",
        [(6, 3, "O1")],
    ),
    (
        "AM203",
        "objection in an undercut argument",
        HEAD + "  P1: {kind: premise, text: p, supports: T}\n"
        "  O1: {kind: objection, text: o}\n  O2: {kind: objection, text: q}\n  R1: {kind: rebuttal, text: r, undercuts: A1}\n"
        "arguments:\n  A1: {premises: [O1, O2], attacks: T}\n",
        [],
    ),
    (
        "AM204",
        "one premise",
        HEAD + "  P1: {kind: premise, text: p}\narguments:\n  A1: {premises: [P1], supports: T}\n",
        [(7, 3, "A1")],
    ),
    (
        "AM204",
        "undercut single-premise argument",
        HEAD + "  P1: {kind: premise, text: p}\n"
        "  U1: {kind: objection, text: u, undercuts: A1}\narguments:\n  A1: {premises: P1, supports: T}\n",
        [],
    ),
    (
        "AM204",
        "two premises",
        HEAD + "  P1: {kind: premise, text: p}\n  P2: {kind: premise, text: q}\n"
        "arguments:\n  A1: {premises: [P1, P2], supports: T}\n",
        [],
    ),
    (
        "AM205",
        "same text twice",
        HEAD + "  P1: {kind: premise, text: Same  text, supports: T}\n  P2: {kind: premise, text: same text, supports: T}\n",
        [(6, 29, "P2")],
    ),
    (
        "AM205",
        "different texts",
        HEAD + "  P1: {kind: premise, text: one, supports: T}\n  P2: {kind: premise, text: two, supports: T}\n",
        [],
    ),
    # Schemes (issue 23): scheme, role and question ids; answers; weighing; roles; questions; concessions.
    (
        "AM111",
        "unknown scheme of an argument",
        HEAD + "  P1: {kind: premise, text: p1}\n"
        "  P2: {kind: premise, text: p2}\n"
        "arguments:\n"
        "  A1: {premises: [P1, P2], supports: T, scheme: expert-opnion}\n",
        [(8, 49, "A1")],
    ),
    (
        "AM111",
        "unknown role",
        HEAD + "  P1: {kind: premise, text: p1}\n"
        "  P2: {kind: premise, text: p2}\n"
        "arguments:\n"
        "  A1: {premises: [P1, P2], supports: T, scheme: sign, roles: {finding: P1, indicatio: P2}}\n",
        [(8, 87, "A1")],
    ),
    (
        "AM111",
        "scheme of a relation the node does not have",
        HEAD + "  P1: {kind: premise, text: p1, supports: T, schemes: {C9: sign}}\n",
        [(5, 60, "P1")],
    ),
    (
        "AM111",
        "unknown question",
        HEAD + "  P1: {kind: premise, text: p1}\n"
        "  P2: {kind: premise, text: p2}\n"
        "  S1: {kind: premise, text: s, supports: T, answers: {to: A1, question: CQ9}}\n"
        "arguments:\n"
        "  A1: {premises: [P1, P2], supports: T, scheme: sign}\n",
        [(7, 73, "S1")],
    ),
    (
        "AM111",
        "known scheme, roles and question",
        HEAD + "  P1: {kind: premise, text: p1}\n"
        "  P2: {kind: premise, text: p2}\n"
        "  S1: {kind: premise, text: s, supports: T, answers: {to: A1, question: CQ1}}\n"
        "arguments:\n"
        "  A1: {premises: [P1, P2], supports: T, scheme: sign, roles: {finding: P1, indication: P2}}\n",
        [],
    ),
    (
        "AM112",
        "answer to an inference without a scheme",
        HEAD + "  P1: {kind: premise, text: p1}\n"
        "  P2: {kind: premise, text: p2}\n"
        "  S1: {kind: premise, text: s, supports: T, answers: {to: A1, question: CQ1}}\n"
        "arguments:\n"
        "  A1: {premises: [P1, P2], supports: T}\n",
        [(7, 54, "S1")],
    ),
    (
        "AM112",
        "answer to a relation without a scheme",
        HEAD + "  P1: {kind: premise, text: p1, supports: T}\n"
        "  S1: {kind: premise, text: s, supports: T, answers: {from: P1, to: T, question: CQ1}}\n",
        [(6, 54, "S1")],
    ),
    (
        "AM112",
        "answer to a relation with a scheme",
        HEAD + "  P1: {kind: premise, text: p1, supports: T, schemes: {T: correlation-to-cause}}\n"
        "  S1: {kind: premise, text: s, supports: T, answers: {from: P1, to: T, question: CQ1}}\n",
        [],
    ),
    (
        "AM113",
        "outweighs a statement on the same side",
        HEAD + "  C1: {kind: claim, text: c, supports: T}\n  C2: {kind: claim, text: d, supports: T, outweighs: C1}\n",
        [(6, 54, "C2")],
    ),
    ("AM113", "outweighs an unknown node", HEAD + "  C1: {kind: claim, text: c, supports: T, outweighs: O9}\n", [(5, 54, "C1")]),
    (
        "AM113",
        "outweighs an objection to the same conclusion",
        HEAD + "  C1: {kind: claim, text: c, supports: T, outweighs: O1}\n  O1: {kind: objection, text: o, attacks: T}\n",
        [],
    ),
    (
        "AM207",
        "two independent reasons under a linked scheme",
        HEAD + "  P1: {kind: premise, text: p1, supports: T, schemes: {T: expert-opinion}}\n"
        "  P2: {kind: premise, text: p2, supports: T, schemes: {T: expert-opinion}}\n",
        [(5, 59, "P1"), (6, 59, "P2")],
    ),
    (
        "AM207",
        "an argument with one premise",
        HEAD + "  P1: {kind: premise, text: p1}\n"
        "  P2: {kind: premise, text: p2}\n"
        "arguments:\n"
        "  A1: {premises: [P1], supports: T, scheme: expert-opinion}\n",
        [(8, 3, "A1")],
    ),
    (
        "AM207",
        "roles leave one empty",
        HEAD + "  P1: {kind: premise, text: p1}\n"
        "  P2: {kind: premise, text: p2}\n"
        "arguments:\n"
        "  A1: {premises: [P1, P2], supports: T, scheme: expert-opinion, roles: {expertise: P1}}\n",
        [(8, 3, "A1")],
    ),
    (
        "AM207",
        "linked argument with every role",
        HEAD + "  P1: {kind: premise, text: p1}\n"
        "  P2: {kind: premise, text: p2}\n"
        "arguments:\n"
        "  A1: {premises: [P1, P2], supports: T, scheme: expert-opinion, roles: {expertise: P1, assertion: P2}}\n",
        [],
    ),
    (
        "AM208",
        "assumption questions unanswered",
        HEAD + "  P1: {kind: premise, text: p1, supports: T, schemes: {T: correlation-to-cause}}\n"
        "  S1: {kind: premise, text: s, supports: T, answers: {from: P1, to: T, question: CQ1}}\n",
        [(5, 59, "P1")],
    ),
    (
        "AM208",
        "a raised question is not an answer",
        HEAD + "  P1: {kind: premise, text: p1, supports: T, schemes: {T: correlation-to-cause}}\n"
        "  S1: {kind: premise, text: s, supports: T, answers: [{from: P1, to: T, question: CQ1}]}\n"
        "  O1: {kind: objection, text: o, attacks: T, answers: {from: P1, to: T, question: CQ2}}\n",
        [(5, 59, "P1")],
    ),
    (
        "AM208",
        "every assumption answered",
        HEAD + "  P1: {kind: premise, text: p1, supports: T, schemes: {T: correlation-to-cause}}\n"
        "  S1: {kind: premise, text: s, supports: T,\n"
        "    answers: [{from: P1, to: T, question: CQ1}, {from: P1, to: T, question: CQ2}]}\n",
        [],
    ),
    (
        "AM208",
        "questions: all asks the exceptions too",
        "title: t\n"
        "root: T\n"
        "questions: all\n"
        "nodes:\n"
        "  T: {kind: thesis, text: thesis}\n"
        "  P1: {kind: premise, text: p1, supports: T, schemes: {T: correlation-to-cause}}\n"
        "  S1: {kind: premise, text: s, supports: T,\n"
        "    answers: [{from: P1, to: T, question: CQ1}, {from: P1, to: T, question: CQ2}]}\n",
        [(6, 59, "P1")],
    ),
    (
        "AM209",
        "conceded objection defeats the only reason",
        HEAD + "  C1: {kind: claim, text: c, supports: T}\n"
        "  E1: {kind: evidence, text: e, supports: C1, schemes: {C1: correlation-to-cause}}\n"
        "  O1: {kind: objection, text: o, attacks: E1, ignore: {AM203: conceded}}\n",
        [(7, 3, "O1")],
    ),
    (
        "AM209",
        "a map that does not weigh its reasons",
        HEAD + "  C1: {kind: claim, text: c, supports: T}\n"
        "  E1: {kind: evidence, text: e, supports: C1}\n"
        "  O1: {kind: objection, text: o, attacks: E1, ignore: {AM203: conceded}}\n",
        [],
    ),
    (
        "AM209",
        "conceded objection, other reasons stand",
        HEAD + "  C1: {kind: claim, text: c, supports: T}\n"
        "  E1: {kind: evidence, text: e, supports: C1}\n"
        "  E2: {kind: evidence, text: f, supports: C1}\n"
        "  O1: {kind: objection, text: o, attacks: E1, ignore: {AM203: conceded}}\n",
        [],
    ),
    (
        "AM209",
        "conceded objection outweighed",
        HEAD + "  C1: {kind: claim, text: c, supports: T}\n"
        "  E1: {kind: evidence, text: e, supports: C1}\n"
        "  S1: {kind: premise, text: s, supports: E1, outweighs: O1}\n"
        "  O1: {kind: objection, text: o, attacks: E1, ignore: {AM203: conceded}}\n",
        [],
    ),
    (
        "AM209",
        "conceded objection outweighed on one target still defeats the other",
        HEAD + "  C1: {kind: claim, text: c, supports: T}\n"
        "  C2: {kind: claim, text: d, supports: T}\n"
        "  E1: {kind: evidence, text: e, supports: C1}\n"
        "  E3: {kind: evidence, text: g, supports: C2}\n"
        "  S1: {kind: premise, text: s, supports: E1, outweighs: O1}\n"
        "  O1: {kind: objection, text: o, attacks: [E1, E3], ignore: {AM203: conceded}}\n",
        [(10, 3, "O1")],
    ),
]

SOURCE_HEAD = "title: t\nsource: source.txt\nroot: T\nnodes:\n"
SOURCE_CASES: list[tuple[str, str, str, list[tuple[int, int, str | None]]]] = [
    ("AM301", "quote not in the source", SOURCE_HEAD + "  T: {kind: thesis, text: a, quote: 駐韓美軍撤離}\n", [(5, 37, "T")]),
    ("AM301", "quote across a line break", SOURCE_HEAD + "  T: {kind: thesis, text: a, quote: 維持區域和平穩定}\n", []),
    (
        "AM302",
        "node without quote",
        SOURCE_HEAD + "  T: {kind: thesis, text: a, quote: 區域和平}\n  P1: {kind: premise, text: p, supports: T}\n",
        [(6, 3, "P1")],
    ),
    (
        "AM302",
        "assumptions are exempt",
        SOURCE_HEAD + "  T: {kind: thesis, text: a, quote: 區域和平}\n  P1: {kind: assumption, text: p, supports: T}\n",
        [],
    ),
]


def _diagnostics(tmp_path: Path, text: str, code: str) -> list[tuple[int, int, str | None]]:
    result = load(write_map(tmp_path, text))
    assert result.map is not None
    assert not [d for d in result.diagnostics if d.code != "AM103"], result.diagnostics
    return located(check(result.map, select=[code]), code)


@pytest.mark.parametrize(("code", "name", "text", "expected"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_rule(tmp_path: Path, code: str, name: str, text: str, expected: list[tuple[int, int, str | None]]) -> None:
    assert _diagnostics(tmp_path, text, code) == expected


@pytest.mark.parametrize(("code", "name", "text", "expected"), SOURCE_CASES, ids=[f"{c[0]}-{c[1]}" for c in SOURCE_CASES])
def test_source_rule(tmp_path: Path, code: str, name: str, text: str, expected: list[tuple[int, int, str | None]]) -> None:
    (tmp_path / "source.txt").write_text("冷戰時期此二者實為一體之兩面，即是維持區\n\n域和平穩定。", encoding="utf-8")
    assert _diagnostics(tmp_path, text, code) == expected


def test_every_rule_has_a_triggering_and_a_clean_case() -> None:
    cases = CASES + SOURCE_CASES
    for code in REGISTRY:
        outcomes = [bool(expected) for c, _, _, expected in cases if c == code]
        assert True in outcomes and False in outcomes, f"{code} needs a triggering and a clean case"


def test_every_rule_is_documented() -> None:
    for rule in REGISTRY.values():
        assert rule.code.startswith("AM") and len(rule.code) == 5
        assert len(rule.doc.splitlines()) >= 3, f"{rule.code} needs a docstring that explains the rule"


def test_quote_hint_names_the_closest_passage(tmp_path: Path) -> None:
    (tmp_path / "source.txt").write_text("駐韓美軍係冷戰時期美國全球圍堵戰略之產物", encoding="utf-8")
    path = write_map(tmp_path, SOURCE_HEAD + "  T: {kind: thesis, text: a, quote: 駐韓美軍是冷戰時期美國全球圍堵戰略的產物}\n")
    result = load(path)
    assert result.map is not None
    [diagnostic] = check(result.map, select=["AM301"])
    assert "closest passage (source.txt line 1): '駐韓美軍係冷戰時期美國全球圍堵戰略之產物'" in diagnostic.message
    assert "the quote has '是' where the source has '係'" in diagnostic.message


def test_cycle_message_shows_the_cycle(tmp_path: Path) -> None:
    text = (
        HEAD + "  C1: {kind: claim, text: c, supports: [T, C2]}\n  C2: {kind: claim, text: d, supports: C3}\n"
        "  C3: {kind: claim, text: e, supports: C1}\n"
    )
    result = load(write_map(tmp_path, text))
    assert result.map is not None
    [diagnostic] = check(result.map, select=["AM107"])
    assert diagnostic.message == "circular support: C1 -> C2 -> C3 -> C1"


def test_unknown_reference_suggests_the_intended_id(tmp_path: Path) -> None:
    result = load(
        write_map(
            tmp_path, HEAD + "  Claim1: {kind: claim, text: c, supports: T}\n  P1: {kind: premise, text: p, supports: Claim2}\n"
        )
    )
    assert result.map is not None
    [diagnostic] = check(result.map, select=["AM101"])
    assert "did you mean 'Claim1'?" in diagnostic.message


def test_unknown_short_id_lists_ids_with_the_same_stem(tmp_path: Path) -> None:
    result = load(
        write_map(
            tmp_path,
            HEAD + "  C1: {kind: claim, text: c, supports: T}\n"
            "  C3: {kind: claim, text: d, supports: T}\n  P1: {kind: premise, text: p, supports: C2}\n",
        )
    )
    assert result.map is not None
    [diagnostic] = check(result.map, select=["AM101"])
    assert diagnostic.message.endswith("names the unknown id 'C2'; ids starting with 'C': C1, C3")


def test_suppression_in_the_map_silences_one_node(tmp_path: Path) -> None:
    text = (
        HEAD + "  C1: {kind: claim, text: c, supports: T, ignore: {AM202: the chapter states it as given}}\n"
        "  C2: {kind: claim, text: d, supports: T}\n"
    )
    result = load(write_map(tmp_path, text))
    assert result.map is not None
    assert located(check(result.map, select=["AM202"]), "AM202") == [(6, 3, "C2")]


def test_suppression_of_an_unknown_code_is_reported(tmp_path: Path) -> None:
    result = load(write_map(tmp_path, HEAD + "  C1: {kind: claim, text: c, supports: T, ignore: {AM999: why}}\n"))
    assert result.map is not None
    assert located(check(result.map), "AM012") == [(5, 51, "C1")]


def test_select_and_ignore_take_prefixes(tmp_path: Path) -> None:
    result = load(write_map(tmp_path, HEAD + "  C1: {kind: claim, text: c}\n"))
    assert result.map is not None
    assert {d.code for d in check(result.map)} == {"AM106", "AM201", "AM202"}
    assert {d.code for d in check(result.map, select=["AM2"])} == {"AM201", "AM202"}
    assert {d.code for d in check(result.map, ignore=["AM2", "am106"])} == set()


def test_undercut_of_a_missing_relation_suggests_the_one_the_reason_has(tmp_path: Path) -> None:
    result = load(
        write_map(
            tmp_path,
            HEAD + "  C3: {kind: claim, text: c, supports: T}\n"
            "  C4: {kind: claim, text: d, supports: T}\n  O1: {kind: objection, text: o, attacks: C3}\n"
            "  R1: {kind: rebuttal, text: r, undercuts: {from: O1, to: C4}}\n",
        )
    )
    assert result.map is not None
    [diagnostic] = check(result.map, select=["AM101"])
    assert "'from' of an undercut of 'R1' names" not in diagnostic.message
    assert "'O1' neither supports nor attacks 'C4'" in diagnostic.message
    # The fix replaces the `to` value only: `{from: O1, to: C3}` stays a relation (not `to: {from: O1, to: C3}`).
    assert diagnostic.message.endswith("did you mean 'C3'?")
    assert diagnostic.fix == Fix("C3", 8, 59, 8, 61)


def test_undercut_of_a_premise_in_a_linked_argument_names_the_argument(tmp_path: Path) -> None:
    result = load(
        write_map(
            tmp_path,
            HEAD + "  P1: {kind: premise, text: p}\n  P2: {kind: premise, text: q}\n"
            "  U1: {kind: objection, text: u, undercuts: {from: P1, to: T}}\n"
            "arguments:\n  A1: {premises: [P1, P2], supports: T}\n",
        )
    )
    assert result.map is not None
    [diagnostic] = check(result.map, select=["AM101"])
    assert diagnostic.message.endswith("through the linked argument 'A1': write `undercuts: A1`")


def test_undercut_of_an_unknown_target_suggests_the_node(tmp_path: Path) -> None:
    result = load(
        write_map(
            tmp_path,
            HEAD + "  Claim1: {kind: claim, text: c, supports: T}\n"
            "  P1: {kind: premise, text: p, supports: Claim1}\n"
            "  U1: {kind: objection, text: u, undercuts: {from: P1, to: Claim2}}\n",
        )
    )
    assert result.map is not None
    [diagnostic] = check(result.map, select=["AM101"])
    assert diagnostic.message == ("'to' of an undercut of 'U1' names the unknown id 'Claim2'; did you mean 'Claim1'?")
    assert (diagnostic.line, diagnostic.column) == (7, 60)


def test_circular_support_runs_through_an_undercut_relation(tmp_path: Path) -> None:
    result = load(
        write_map(
            tmp_path,
            HEAD + "  C1: {kind: claim, text: c, supports: [T, C2]}\n"
            "  C2: {kind: claim, text: d, supports: C1}\n"
            "  U1: {kind: objection, text: u, undercuts: {from: C2, to: C1}}\n",
        )
    )
    assert result.map is not None
    [diagnostic] = check(result.map, select=["AM107"])
    assert diagnostic.message == "circular support: C1 -> C2 -> C1"


def test_each_rules_docstring_opens_with_its_codes_summary() -> None:
    # The summary is written in the codes table (usfk_argmap.core.codes); the rule's docstring, its documentation, starts with it.
    from usfk_argmap.core.codes import CODES, codes_of

    assert set(REGISTRY) == set(codes_of("check"))
    for code, rule in REGISTRY.items():
        assert rule.summary == CODES[code].summary, code


def test_each_evaluation_codes_documentation_opens_with_its_summary() -> None:
    from usfk_argmap.core.codes import CODES, codes_of
    from usfk_argmap.rules.evaluated import EVALUATION_DOCS

    assert set(EVALUATION_DOCS) == set(codes_of("evaluate"))
    for code, doc in EVALUATION_DOCS.items():
        assert doc.split("\n", 1)[0] == CODES[code].summary, code
