"""Schemes in the map (issue 23): the keys read and written, and the linked-vs-convergent check per scheme family."""

from __future__ import annotations

import re

import pytest

from tests.helpers import REPO
from usfk_argmap import check
from usfk_argmap.core.diagnostics import Severity
from usfk_argmap.core.model import ArgumentMap
from usfk_argmap.core.schemes import Scheme, families, schemes
from usfk_argmap.mapfile.loader import load_text
from usfk_argmap.mapfile.writer import write_map

SCHEMES_DOC = REPO / "docs" / "schemes.md"
HEAD = "title: t\nroot: T\nnodes:\n  T: {kind: thesis, text: thesis}\n"


def _load(text: str) -> ArgumentMap:
    result = load_text(text)
    assert result.map is not None
    assert result.diagnostics == []
    return result.map


def _doc_examples() -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", SCHEMES_DOC.read_text(encoding="utf-8"), re.DOTALL)


def test_docs_give_one_example_per_family() -> None:
    named = {scheme_id for example in _doc_examples() for scheme_id in re.findall(r"scheme: ([a-z-]+)", example)}
    named |= {scheme_id for example in _doc_examples() for scheme_id in re.findall(r"schemes: \{\w+: ([a-z-]+)\}", example)}
    by_id = {entry.id: entry for entry in schemes()}
    assert {by_id[scheme_id].family.id for scheme_id in named} == {family.id for family in families()}


@pytest.mark.parametrize("example", _doc_examples(), ids=lambda text: text.split("\n", 1)[0])
def test_docs_examples_load_and_fit_their_schemes(example: str) -> None:
    argument_map = _load(example)
    assert list(argument_map.schemes())
    found = check(argument_map)
    assert [d for d in found if d.severity == Severity.ERROR] == []
    assert [d.code for d in found if d.code in ("AM111", "AM112", "AM113", "AM207")] == []


def _two_premise_schemes() -> list[Scheme]:
    """The first scheme of each family whose premises are two roles or more."""
    found: dict[str, Scheme] = {}
    for entry in schemes():
        if len(entry.roles) >= 2:
            found.setdefault(entry.family.id, entry)
    return list(found.values())


def test_every_family_has_a_linked_scheme() -> None:
    assert {entry.family.id for entry in _two_premise_schemes()} == {family.id for family in families()}


@pytest.mark.parametrize("scheme", _two_premise_schemes(), ids=lambda entry: entry.id)
def test_independent_reasons_under_a_linked_scheme_are_flagged(scheme: Scheme) -> None:
    text = HEAD + "".join(
        f"  P{index}: {{kind: premise, text: p{index}, supports: T, schemes: {{T: {scheme.id}}}}}\n" for index in (1, 2)
    )
    found = [d for d in check(_load(text), select=["AM207"])]
    assert [(d.line, d.node) for d in found] == [(5, "P1"), (6, "P2")]
    assert f"'P1' and 'P2' each support 'T' under {scheme.id!r} as independent reasons" in found[0].message
    assert f"premises: [P1, P2], scheme: {scheme.id}, supports: T" in found[0].message


@pytest.mark.parametrize("scheme", _two_premise_schemes(), ids=lambda entry: entry.id)
def test_one_reason_under_a_linked_scheme_names_the_missing_roles(scheme: Scheme) -> None:
    text = HEAD + f"  P1: {{kind: premise, text: p1, supports: T, schemes: {{T: {scheme.id}}}}}\n"
    [found] = check(_load(text), select=["AM207"])
    assert "no premise plays " + ", ".join(repr(role.id) for role in scheme.roles[1:]) in found.message


@pytest.mark.parametrize("scheme", _two_premise_schemes(), ids=lambda entry: entry.id)
def test_linked_argument_roles(scheme: Scheme) -> None:
    premises = "".join(f"  P{index}: {{kind: premise, text: p{index}}}\n" for index in range(1, len(scheme.roles) + 1))
    roles = ", ".join(f"{role.id}: P{index}" for index, role in enumerate(scheme.roles, 1))
    ids = ", ".join(f"P{index}" for index in range(1, len(scheme.roles) + 1))
    whole = HEAD + premises + f"arguments:\n  A1: {{premises: [{ids}], supports: T, scheme: {scheme.id}, roles: {{{roles}}}}}\n"
    assert check(_load(whole), select=["AM207"]) == []
    last = scheme.roles[-1].id
    partial = whole.replace(f", {last}: P{len(scheme.roles)}}}", "}")
    [found] = check(_load(partial), select=["AM207"])
    assert f"gives no premise the role {last!r}" in found.message
    one = HEAD + premises + f"arguments:\n  A1: {{premises: [P1], supports: T, scheme: {scheme.id}}}\n"
    [found] = check(_load(one), select=["AM207"])
    assert "has 1 premise(s) for the roles" in found.message


FULL = (
    "title: t\nroot: T\nquestions: all\nnodes:\n"
    "  T: {kind: thesis, text: thesis}\n"
    "  P1: {kind: premise, text: p1}\n  P2: {kind: premise, text: p2}\n"
    "  P3: {kind: premise, text: p3, supports: T, schemes: {T: correlation-to-cause}}\n"
    "  O1: {kind: objection, text: o, attacks: T, answers: [{to: A1, question: CQ4}, {from: P3, to: T, question: CQ3}]}\n"
    "  S1: {kind: premise, text: s, supports: T, outweighs: O1}\n"
    "arguments:\n"
    "  A1: {premises: [P1, P2], supports: T, scheme: expert-opinion, roles: {expertise: P1, assertion: P2}}\n"
)


def _scheme_data(argument_map: ArgumentMap) -> object:
    return (
        argument_map.questions,
        [
            (
                n.id,
                {k: r.target for k, r in n.schemes.items()},
                [(a.inference, a.question) for a in n.answers],
                [r.target for r in n.outweighs],
            )
            for n in argument_map.nodes.values()
        ],
        [
            (a.id, a.scheme.target if a.scheme else None, {k: r.target for k, r in a.roles.items()})
            for a in argument_map.arguments.values()
        ],
    )


def test_scheme_keys_are_read_with_their_positions() -> None:
    argument_map = _load(FULL)
    assert argument_map.questions == "all"
    argument = argument_map.arguments["A1"]
    assert argument.scheme is not None and (argument.scheme.target, argument.scheme.position.line) == ("expert-opinion", 12)
    assert argument.roles["assertion"].target == "P2"
    answers = argument_map.nodes["O1"].answers
    assert [(answer.inference, answer.question) for answer in answers] == [("A1", "CQ4"), ("P3->T", "CQ3")]
    assert answers[0].question_position is not None and answers[0].question_position.line == 9
    assert argument_map.nodes["P3"].schemes["T"].position.line == 8


def test_a_map_written_and_read_back_keeps_its_schemes() -> None:
    argument_map = _load(FULL)
    again = _load(write_map(argument_map))
    assert _scheme_data(again) == _scheme_data(argument_map)
    assert [(a.inference, a.question) for a in again.nodes["O1"].answers] == [("A1", "CQ4"), ("P3->T", "CQ3")]


def test_a_map_without_schemes_loads_as_before() -> None:
    argument_map = _load(HEAD + "  C1: {kind: claim, text: c, supports: T}\n")
    assert argument_map.questions == "assumptions"
    assert list(argument_map.schemes()) == []
    assert "scheme" not in write_map(argument_map) and "questions" not in write_map(argument_map)


@pytest.mark.parametrize(
    ("text", "code", "words"),
    [
        (HEAD + "  C1: {kind: claim, text: c, supports: T, schemes: sign}\n", "AM007", "is a mapping {TARGET: SCHEME}"),
        (HEAD + "  C1: {kind: claim, text: c, supports: T, answers: {to: A1}}\n", "AM009", "'question' missing"),
        (HEAD + "  C1: {kind: claim, text: c, supports: T, answers: {to: A1, questoin: CQ1}}\n", "AM008", "did you mean"),
        (HEAD + "  C1: {kind: claim, text: c, supports: T, answers: A1}\n", "AM007", "{to: INFERENCE, question: CQ1}"),
        ("title: t\nroot: T\nquestions: some\nnodes:\n  T: {kind: thesis, text: thesis}\n", "AM007", "'assumptions'"),
    ],
)
def test_badly_shaped_scheme_keys_are_reported(text: str, code: str, words: str) -> None:
    result = load_text(text)
    assert result.diagnostics[0].code == code
    assert words in result.diagnostics[0].message


def test_unknown_scheme_offers_the_likely_id_as_the_fix() -> None:
    text = HEAD + "  P1: {kind: premise, text: p1}\narguments:\n  A1: {premises: [P1], supports: T, scheme: expert-opnion}\n"
    [found] = check(_load(text), select=["AM111"])
    assert found.fix is not None and found.fix.replacement == "expert-opinion"


def test_open_questions_are_listed_in_the_maps_language() -> None:
    text = HEAD.replace("root: T\n", "root: T\nlang: zh-Hant\n") + (
        "  P1: {kind: premise, text: p1, supports: T, schemes: {T: correlation-to-cause}}\n"
    )
    [found] = check(_load(text), select=["AM208"])
    question = next(entry for entry in schemes() if entry.id == "correlation-to-cause").question("CQ1")
    assert question.text.zh_hant in found.message and question.text.en not in found.message
