"""Suggestions for mistyped ids: look-alike characters, case, short ids, the only thesis."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.helpers import MAPS, write_map
from usfk_argmap import check_file
from usfk_argmap.cli.app import main
from usfk_argmap.core.diagnostics import did_you_mean, suggest

IDS = ["T", "C1", "C2", "P1.1", "P1.2", "O1", "E10"]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("Cl", "C1"),  # lower-case L for one
        ("CI", "C1"),  # capital i for one
        ("c1", "C1"),  # case
        ("cl", "C1"),
        ("P1.l", "P1.1"),
        ("01", "O1"),  # zero for capital o
        ("EIO", "E10"),
        ("t", "T"),
    ],
)
def test_look_alike_ids_are_suggested(typed: str, meant: str) -> None:
    assert suggest(typed, IDS) == meant


def test_no_suggestion_for_an_unrelated_word() -> None:
    assert suggest("Zebra", IDS) is None
    assert did_you_mean("Zebra", IDS) == ""


def test_short_ids_list_their_series() -> None:
    assert did_you_mean("C9", IDS) == "ids starting with 'C': C1, C2"


def test_unknown_reference_suggests_the_look_alike(tmp_path: Path) -> None:
    path = write_map(
        tmp_path,
        "title: t\nroot: T\nnodes:\n  T: {kind: thesis, text: a}\n"
        "  C1: {kind: claim, text: c, supports: T}\n  P1: {kind: premise, text: p, supports: Cl}\n",
    )
    _, diagnostics = check_file(path)
    [unknown] = [d for d in diagnostics if d.code == "AM101"]
    assert unknown.message.endswith("names the unknown id 'Cl'; did you mean 'C1'?")


@pytest.mark.parametrize(("root_line", "code"), [("", "AM009"), ("root:\n", "AM104"), ("root: X\n", "AM104")])
def test_missing_root_suggests_the_only_thesis(tmp_path: Path, root_line: str, code: str) -> None:
    path = write_map(
        tmp_path, f"title: t\n{root_line}nodes:\n  Th: {{kind: thesis, text: a}}\n  C1: {{kind: claim, text: c, supports: Th}}\n"
    )
    _, diagnostics = check_file(path)
    [missing] = [d for d in diagnostics if d.code == code]
    assert missing.message.endswith("the map's only thesis is 'Th': write `root: Th`")


def test_missing_root_lists_several_theses(tmp_path: Path) -> None:
    path = write_map(tmp_path, "title: t\nnodes:\n  A: {kind: thesis, text: a}\n  B: {kind: thesis, text: b}\n")
    _, diagnostics = check_file(path)
    [missing] = [d for d in diagnostics if d.code == "AM009"]
    assert missing.message.endswith("its theses are 'A', 'B'")


@pytest.mark.parametrize(("focus", "hint"), [("C9", "ids starting with 'C': C1, C2, C3, C4, C5"), ("Cl", "did you mean 'C1'?")])
def test_focus_on_an_unknown_id_says_what_there_is(tmp_path: Path, focus: str, hint: str) -> None:
    result = CliRunner().invoke(
        main, ["render", str(MAPS / "usfk_conclusion.yaml"), "--focus", focus, "-o", str(tmp_path / "x.svg")]
    )
    assert result.exit_code == 2
    assert f"no node {focus!r} in the map ({hint})" in result.stderr
    assert not (tmp_path / "x.svg").exists()
