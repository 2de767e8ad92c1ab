"""Suggestions for mistyped ids: look-alike characters, case, short ids, the only thesis."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from lsprotocol import types
from lsprotocol.converters import get_converter

from tests.helpers import MAPS, write_map
from usfk_argmap import check, check_file, load_text
from usfk_argmap.authoring.document import codepoint_column, open_document
from usfk_argmap.authoring.lsp import lsp_diagnostic, quick_fixes
from usfk_argmap.cli.app import main
from usfk_argmap.core.diagnostics import Fix, did_you_mean, did_you_mean_phrase, suggest
from usfk_argmap.core.model import ArgumentMap
from usfk_argmap.mapfile.reading import yaml_scalar

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


# -- a suggestion is data: the replacement and the exact range of the scalar it replaces --------------------

HEAD = "title: t\nroot: T\nnodes:\n  T: {kind: thesis, text: a}\n"
ZH_HEAD = "title: t\nroot: 論點\nnodes:\n  論點: {kind: thesis, text: a}\n  前提二: {kind: premise, text: b, supports: 論點}\n"


def _undercut_fixed(fixed: ArgumentMap) -> bool:
    [undercut] = fixed.nodes["U"].undercuts
    return (undercut.source, undercut.target) == ("D", "C")


def _one_premise(fixed: ArgumentMap) -> bool:
    return [ref.target for ref in fixed.nodes["論證"].supports] == ["前提二"]


def _premises_fixed(fixed: ArgumentMap) -> bool:
    return [ref.target for ref in fixed.arguments["A1"].premises] == ["𠮷野", "前提二"]


#: (case, map text, code, replacement, the line as fixed, what the fixed map must hold)
FIXES: list[tuple[str, str, str, str, str, Callable[[ArgumentMap], bool]]] = [
    (
        "an undercut of a relation the reason lacks: only the 'to' value changes",
        HEAD + "  C: {kind: claim, text: c, supports: T}\n  D: {kind: premise, text: d, supports: C}\n"
        "  U: {kind: objection, text: u, undercuts: {from: D, to: T}}\n",
        "AM101",
        "C",
        "  U: {kind: objection, text: u, undercuts: {from: D, to: C}}",
        _undercut_fixed,
    ),
    (
        "an unknown 'from' of an undercut",
        HEAD + "  C: {kind: claim, text: c, supports: T}\n  D: {kind: premise, text: d, supports: C}\n"
        "  U:\n    kind: objection\n    text: u\n    undercuts:\n      - from: Dd\n        to: C\n",
        "AM101",
        "D",
        "      - from: D",
        _undercut_fixed,
    ),
    (
        "a section id in the wrong case",
        "title: t\nroot: T\nsections:\n  s1: One\nnodes:\n  T: {kind: thesis, text: a, section: S1}\n",
        "AM101",
        "s1",
        "  T: {kind: thesis, text: a, section: s1}",
        lambda fixed: fixed.nodes["T"].section == "s1",
    ),
    (
        "an unknown CJK id after an astral character (UTF-16 columns)",
        ZH_HEAD + "  𠮷野: {kind: premise, text: c, supports: 論點}\n"
        "  論證: {kind: claim, text: '𠮷野說', supports: [前提四], note: 𠮷}\n",
        "AM101",
        "前提二",
        "  論證: {kind: claim, text: '𠮷野說', supports: [前提二], note: 𠮷}",
        _one_premise,
    ),
    (
        "an unknown premise beside an astral id",
        ZH_HEAD + "  𠮷野: {kind: premise, text: c}\narguments:\n  A1: {premises: [𠮷野, 前提四], supports: 論點}\n",
        "AM101",
        "前提二",
        "  A1: {premises: [𠮷野, 前提二], supports: 論點}",
        _premises_fixed,
    ),
    (
        "a mistyped key",
        HEAD + "  C1:\n    kind: claim\n    text: c\n    support: T\n",
        "AM008",
        "supports",
        "    supports: T",
        lambda fixed: [ref.target for ref in fixed.nodes["C1"].supports] == ["T"],
    ),
    (
        "a look-alike id",
        HEAD + "  C1: {kind: claim, text: c, supports: T}\n  P1: {kind: premise, text: p, supports: Cl}\n",
        "AM101",
        "C1",
        "  P1: {kind: premise, text: p, supports: C1}",
        lambda fixed: [ref.target for ref in fixed.nodes["P1"].supports] == ["C1"],
    ),
    (
        "a quoted look-alike id: the quotes go too",
        HEAD + '  C1: {kind: claim, text: c, supports: T}\n  P1: {kind: premise, text: p, supports: "Cl"}\n',
        "AM101",
        "C1",
        "  P1: {kind: premise, text: p, supports: C1}",
        lambda fixed: [ref.target for ref in fixed.nodes["P1"].supports] == ["C1"],
    ),
    (
        "a look-alike id in a file with CRLF line ends",
        (HEAD + "  C1: {kind: claim, text: c, supports: T}\n  P1: {kind: premise, text: p, supports: Cl}\n").replace(
            "\n", "\r\n"
        ),
        "AM101",
        "C1",
        "  P1: {kind: premise, text: p, supports: C1}\r",
        lambda fixed: [ref.target for ref in fixed.nodes["P1"].supports] == ["C1"],
    ),
    (
        "a look-alike id after a text holding U+2028, which YAML counts as a line break and editors do not",
        HEAD + "  C1: {kind: claim, text: 'c\u2028d', supports: T}\n  P1: {kind: premise, text: p, supports: Cl}\n",
        "AM101",
        "C1",
        "  P1: {kind: premise, text: p, supports: C1}",
        lambda fixed: [ref.target for ref in fixed.nodes["P1"].supports] == ["C1"],
    ),
    (
        "an unknown kind",
        "title: t\nroot: T\nnodes:\n  T: {kind: thesys, text: a}\n",
        "AM010",
        "thesis",
        "  T: {kind: thesis, text: a}",
        lambda fixed: fixed.nodes["T"].kind == "thesis",
    ),
    (
        "a root that is not a node",
        "title: t\nroot: Tt\nnodes:\n  T: {kind: thesis, text: a}\n  C: {kind: claim, text: c, supports: T}\n",
        "AM104",
        "T",
        "root: T",
        lambda fixed: fixed.root == "T",
    ),
    (
        "a language tag with an underscore",
        HEAD.replace("root: T\n", "root: T\nlang: zh_TW\n"),
        "AM007",
        "zh-TW",
        "lang: zh-TW",
        lambda fixed: fixed.lang == "zh-TW",
    ),
]


def _apply(text: str, edit: types.TextEdit) -> str:
    """The text with an LSP edit applied, its UTF-16 positions counted as an editor counts them."""
    lines = text.split("\n")

    def offset(position: types.Position) -> int:
        return sum(len(line) + 1 for line in lines[: position.line]) + codepoint_column(lines[position.line], position.character)

    return text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]


def _as_the_client_sends_it(diagnostic: types.Diagnostic) -> types.Diagnostic:
    """The diagnostic after a trip through JSON, as a code action request brings it back."""
    converter = get_converter()
    sent = json.loads(json.dumps(converter.unstructure(diagnostic)))
    return converter.structure(sent, types.Diagnostic)


@pytest.mark.parametrize(("case", "text", "code", "replacement", "fixed_line", "holds"), FIXES, ids=[f[0] for f in FIXES])
def test_the_quick_fix_replaces_exactly_the_wrong_scalar(
    case: str, text: str, code: str, replacement: str, fixed_line: str, holds: Callable[[ArgumentMap], bool]
) -> None:
    uri = "file:///maps/map.yaml"
    document = open_document("/maps/map.yaml", text)
    [diagnostic] = [d for d in document.diagnostics if d.code == code]
    assert diagnostic.fix is not None and diagnostic.fix.replacement == replacement
    assert (
        diagnostic.message.endswith(f"did you mean {replacement!r}?") or f"did you mean {replacement!r}? (" in diagnostic.message
    )
    sent = _as_the_client_sends_it(lsp_diagnostic(document, diagnostic))
    actions = quick_fixes(document, uri, [sent])
    change = next(a for a in actions if a.title == f"Change to {replacement!r}")
    assert change.edit is not None and change.edit.changes is not None
    [edit] = change.edit.changes[uri]
    fixed = _apply(text, edit)
    changed = [line for line in fixed.split("\n") if line not in text.split("\n")]
    assert changed == [fixed_line]
    result = load_text(fixed)
    assert result.ok and result.map is not None, result.diagnostics
    assert holds(result.map)
    assert not [d for d in check(result.map) if d.code == code]


def test_fix_columns_are_utf16_after_astral_characters() -> None:
    text = ZH_HEAD + "  論證: {kind: claim, text: '𠮷野說', supports: [前提四]}\n"
    document = open_document("/maps/map.yaml", text)
    [unknown] = [d for d in document.diagnostics if d.code == "AM101"]
    line = text.split("\n")[5]
    start = line.index("前提四")
    assert unknown.fix == Fix("前提二", 6, start + 1, 6, start + 4)  # code points, 1-based, end excluded
    sent = lsp_diagnostic(document, unknown)
    assert isinstance(sent.data, dict)
    assert sent.data["fix"] == {
        "range": {"start": {"line": 5, "character": start + 1}, "end": {"line": 5, "character": start + 4}},  # 𠮷 counts two
        "newText": "前提二",
    }
    assert sent.range == types.Range(types.Position(5, start + 1), types.Position(5, start + 4))


def test_the_quick_fix_reads_data_not_the_message() -> None:
    text = HEAD + "  C1: {kind: claim, text: c, supports: T}\n  P1: {kind: premise, text: p, supports: Cl}\n"
    document = open_document("/maps/map.yaml", text)
    [unknown] = [lsp_diagnostic(document, d) for d in document.diagnostics if d.code == "AM101"]
    without_data = types.Diagnostic(unknown.range, unknown.message, code=unknown.code, source=unknown.source, data=None)
    assert "did you mean 'C1'?" in without_data.message
    assert [a.title for a in quick_fixes(document, "file:///maps/map.yaml", [without_data])] == []
    broken = types.Diagnostic(unknown.range, unknown.message, code=unknown.code, source=unknown.source, data={"fix": {"x": 1}})
    assert quick_fixes(document, "file:///maps/map.yaml", [broken]) == []


def test_check_json_carries_the_fix(tmp_path: Path) -> None:
    path = write_map(tmp_path, HEAD + "  C1: {kind: claim, text: c, supports: T}\n  P1: {kind: premise, text: p, supports: Cl}\n")
    result = CliRunner().invoke(main, ["check", "--format", "json", str(path)])
    by_code = {d["code"]: d for d in json.loads(result.stdout)["diagnostics"]}
    assert by_code["AM101"]["fix"] == {"replacement": "C1", "line": 6, "column": 42, "end_line": 6, "end_column": 44}
    assert by_code["AM201"]["fix"] is None  # nothing to suggest: the key is there, as null


@pytest.mark.parametrize(
    ("value", "scalar"),
    [
        ("C1", "C1"),
        ("前提二", "前提二"),
        ("1", '"1"'),
        ("yes", '"yes"'),
        ("a, b", '"a, b"'),
        ("a: b", '"a: b"'),
        ('say "x"', '"say \\"x\\""'),
    ],
)
def test_a_replacement_is_a_scalar_that_reads_back_as_itself(value: str, scalar: str) -> None:
    assert yaml_scalar(value) == scalar
    assert yaml.safe_load(f"key: [{scalar}]") == {"key": [value]}


def test_every_suggestion_is_phrased_alike() -> None:
    assert did_you_mean_phrase("C1") == "did you mean 'C1'?" == did_you_mean("Cl", IDS)
    assert did_you_mean_phrase("AM301") == "did you mean 'AM301'?"


def test_an_unknown_argument_is_suggested_among_the_arguments() -> None:
    # The undercut names a linked argument: its did-you-mean looks among the arguments, not the statements.
    text = (
        "title: t\nroot: T\nnodes:\n  T: {kind: thesis, text: x}\n  P: {kind: premise, text: p}\n"
        "  Q: {kind: premise, text: q}\n  O: {kind: objection, text: o, undercuts: Al}\n"
        "arguments:\n  A1: {premises: [P, Q], supports: T}\n"
    )
    result = load_text(text, "m.yaml")
    assert result.map is not None
    (unknown,) = [d for d in check(result.map) if d.code == "AM101"]
    assert unknown.message.endswith("names the unknown id 'Al'; did you mean 'A1'?")
    assert unknown.fix is not None and unknown.fix.replacement == "A1"
