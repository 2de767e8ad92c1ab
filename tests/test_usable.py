"""Whether a loaded map is usable is one decision (``mapfile.usable``), asked by every caller (issue 20).

A map with a misspelled ``support:`` is drawn alone and in a batch alike; the
policy is a table of purposes, and every command, the batch render, the
preview and the scripting API ask it. A map with any load error that still
gave a map is drawn marked up (``render --show-issues``, ``slides`` under a
banner: issue 21); a file that gave none is still refused.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import usfk_argmap
from tests.helpers import write_map
from usfk_argmap.cli.app import main
from usfk_argmap.core.diagnostics import Diagnostic, Severity
from usfk_argmap.mapfile.loader import load_text
from usfk_argmap.mapfile.usable import PURPOSES, blocking, usable_for

#: A premise whose ``supports:`` is misspelled: an AM008 error, the premise left without its relation.
TYPO = (
    "title: t\nroot: T\nnodes:\n  T: {kind: thesis, text: a thesis}\n"
    "  C: {kind: claim, text: a claim, supports: T}\n  P: {kind: premise, text: a premise, support: C}\n"
)
CLEAN = "title: t\nroot: T\nnodes:\n  T: {kind: thesis, text: a thesis}\n  C: {kind: claim, text: a claim, supports: T}\n"

#: A claim whose text is a list: an AM007 error, the claim kept without its text.
WRONG_TYPE = CLEAN + "  D: {kind: claim, text: [a, list], supports: T}\n"

# Each map text, and whether it is usable for check, marked, draw and exact.
POLICY = [
    pytest.param(CLEAN, (True, True, True, True), id="clean"),
    pytest.param(CLEAN + "  D: {kind: claim, text: d, colour: x, supports: T}\n", (True, True, True, True), id="far key"),
    pytest.param(TYPO, (True, True, True, False), id="misspelled key AM008"),
    pytest.param(WRONG_TYPE, (True, True, False, False), id="wrong type AM007"),
    pytest.param(CLEAN + "  D: {kind: nope, text: d, supports: T}\n", (True, True, False, False), id="unknown kind AM010"),
    pytest.param(CLEAN + "  D: {kind: claim, supports: T}\n", (True, True, False, False), id="no text AM009"),
    pytest.param(
        CLEAN + "  D: {kind: claim, text: d, supports: {a: 1}}\n", (True, True, False, False), id="bad reference list AM007"
    ),
    pytest.param(CLEAN + "sections: [a, b]\n", (True, True, False, False), id="sections as a list AM007"),
    pytest.param("title: [unclosed\n", (False, False, False, False), id="not YAML AM001"),
    pytest.param("", (False, False, False, False), id="empty AM003"),
]


@pytest.mark.parametrize(("text", "usable"), POLICY)
def test_the_policy_per_purpose(text: str, usable: tuple[bool, bool, bool, bool]) -> None:
    result = load_text(text)
    assert tuple(result.usable_for(purpose) for purpose in PURPOSES) == usable, result.diagnostics
    assert PURPOSES == ("check", "marked", "draw", "exact")
    assert result.ok == usable[3]
    # What blocks is what the answer rests on: nothing when usable, something when it is not.
    assert tuple(not blocking(result.diagnostics, purpose) for purpose in PURPOSES) == usable


def test_a_far_key_is_a_warning_and_blocks_nothing() -> None:
    result = load_text(CLEAN + "  D: {kind: claim, text: d, colour: x, supports: T}\n")
    assert [d.severity for d in result.diagnostics if d.code == "AM008"] == [Severity.WARNING]


@pytest.mark.parametrize(
    ("code", "severity", "blocks"),
    [
        ("AM001", Severity.ERROR, {"check", "marked", "draw", "exact"}),
        ("AM013", Severity.ERROR, {"check", "marked", "draw", "exact"}),
        ("AM007", Severity.ERROR, {"draw", "exact"}),
        ("AM011", Severity.ERROR, {"draw", "exact"}),
        ("AM008", Severity.ERROR, {"exact"}),
        ("AM008", Severity.WARNING, set()),
        ("AM012", Severity.WARNING, set()),
    ],
)
def test_what_each_diagnostic_blocks(code: str, severity: Severity, blocks: set[str]) -> None:
    diagnostic = Diagnostic("map.yaml", 1, 1, code, severity, "x")
    map_ = load_text(CLEAN).map
    assert {purpose for purpose in PURPOSES if not usable_for(map_, [diagnostic], purpose)} == blocks
    assert not any(usable_for(None, [], purpose) for purpose in PURPOSES)  # no map, no use


def test_an_unknown_purpose_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown purpose 'drawing'"):
        blocking([], "drawing")  # type: ignore[arg-type]


def test_the_scripting_api_asks_the_same_policy(tmp_path: Path) -> None:
    path = write_map(tmp_path, TYPO)
    with pytest.raises(usfk_argmap.MapLoadError) as caught:
        usfk_argmap.open_map(path)  # a script's map is all the file says: "exact"
    assert [d.code for d in caught.value.diagnostics] == ["AM008"]
    argument_map, diagnostics = usfk_argmap.check_file(path)
    assert argument_map is not None and "AM008" in [d.code for d in diagnostics]
    assert any(d.code == "AM202" for d in diagnostics)  # the rules ran: the premise is left unconnected


def _render(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["render", *args])
    return result.exit_code, result.stderr


@pytest.mark.graphviz
def test_a_misspelled_key_renders_alone_and_in_a_batch_alike(tmp_path: Path) -> None:
    typo = write_map(tmp_path, TYPO, "typo.yaml")
    clean = write_map(tmp_path, CLEAN, "clean.yaml")
    alone_code, alone_err = _render(str(typo), "-o", str(tmp_path / "alone" / "typo.svg"))
    batch_code, batch_err = _render(str(typo), str(clean), "-o", str(tmp_path / "batch"), "-j", "1")
    folder_code, folder_err = _render(str(typo), "-o", f"{tmp_path / 'folder'}/")
    assert (alone_code, batch_code, folder_code) == (0, 0, 0), (alone_err, batch_err, folder_err)
    drawn = (tmp_path / "alone" / "typo.svg").read_bytes()
    assert (tmp_path / "batch" / "typo.svg").read_bytes() == drawn
    assert (tmp_path / "folder" / "typo.svg").read_bytes() == drawn
    assert (tmp_path / "batch" / "clean.svg").is_file()
    # The misspelling is reported the same way by each: the line check prints, on standard error.
    [line] = [line for line in alone_err.splitlines() if "AM008" in line]
    assert "did you mean 'supports'?" in line
    assert line in batch_err.splitlines() and line in folder_err.splitlines()
    assert "could not be rendered" not in batch_err


@pytest.mark.graphviz
def test_a_map_refused_alone_is_refused_in_a_batch(tmp_path: Path) -> None:
    wrong = write_map(tmp_path, WRONG_TYPE, "wrong.yaml")
    clean = write_map(tmp_path, CLEAN, "clean.yaml")
    alone_code, alone_err = _render(str(wrong), "-o", str(tmp_path / "alone.svg"))
    batch_code, batch_err = _render(str(wrong), str(clean), "-o", str(tmp_path / "batch"), "-j", "1")
    assert (alone_code, batch_code) == (1, 1)
    assert "AM007" in alone_err and "AM007" in batch_err
    assert "1 of 2 map(s) could not be rendered" in batch_err
    assert not (tmp_path / "alone.svg").exists() and not (tmp_path / "batch" / "wrong.svg").exists()


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("export", "--format", "json"), 0),
        (("stats",), 0),
        (("evaluate",), 0),
        (("explain", "{map}", "C"), 0),
        (("check",), 1),  # the linter fails on the error, and still runs the rules
    ],
    ids=lambda value: " ".join(value) if isinstance(value, tuple) else str(value),
)
def test_every_command_that_draws_on_a_map_takes_the_misspelled_one(tmp_path: Path, args: tuple[str, ...], code: int) -> None:
    path = str(write_map(tmp_path, TYPO))
    argv = [args[0], *(path if arg == "{map}" else arg for arg in args[1:])]
    if "{map}" not in args:
        argv.insert(1, path)
    result = CliRunner().invoke(main, argv)
    assert result.exit_code == code, result.output
    assert "AM008" in (result.stdout if args[0] == "check" else result.stderr)
