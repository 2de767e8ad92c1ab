"""Bad input gives positioned diagnostics, never a traceback (issue: loader and diagnostics)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import located
from usfk_argmap import Severity, load, load_bytes, load_text
from usfk_argmap.mapfile.reading import MAX_MAP_BYTES

GOOD = "title: t\nroot: T\nnodes:\n  T:\n    kind: thesis\n    text: 論點\n"


def codes(text: str | bytes) -> list[tuple[str, int, int, str | None]]:
    result = load_bytes(text.encode("utf-8") if isinstance(text, str) else text, "m.yaml")
    return [(d.code, d.line, d.column, d.node) for d in result.diagnostics]


# (case, input, expected diagnostics as (code, line, column, node), a phrase the first message contains)
BAD_INPUTS: list[tuple[str, str | bytes, list[tuple[str, int, int, str | None]], str]] = [
    ("yaml syntax error", "title: t\nroot: [T\nnodes: {}\n", [("AM001", 3, 6, None)], "YAML syntax error"),
    ("tab indentation", "title: t\nnodes:\n\tT: x\n", [("AM001", 3, 1, None)], "YAML syntax error"),
    ("text where a mapping belongs", "just a sentence\n", [("AM007", 1, 1, None)], "holds a text"),
    ("list where text belongs", GOOD + "    en: [a, b]\n", [("AM007", 7, 9, "T")], "'en' must be text, not a list"),
    ("boolean where text belongs", GOOD.replace("text: 論點", "text: yes"), [("AM007", 6, 11, "T")], "put it in quotes"),
    ("node is a list", "title: t\nroot: T\nnodes:\n  T: [a]\n", [("AM007", 4, 6, "T")], "must be a mapping"),
    ("supports is a mapping", GOOD + "    supports: {a: b}\n", [("AM007", 7, 15, "T")], "an id or a list of ids"),
    ("unknown top-level key", GOOD + "titel: x\n", [("AM008", 7, 1, None)], "did you mean 'title'?"),
    ("unknown node key", GOOD + "    suports: X\n", [("AM008", 7, 5, "T")], "did you mean 'supports'?"),
    ("duplicate key", GOOD + "title: again\n", [("AM006", 7, 1, None)], "given twice (first on line 1)"),
    ("duplicate key in a node", GOOD + "    text: again\n", [("AM006", 7, 5, None)], "given twice"),
    ("missing keys", "title: t\n", [("AM009", 1, 1, None), ("AM009", 1, 1, None)], "the map has no"),
    ("node without text", "title: t\nroot: T\nnodes:\n  T: {kind: thesis}\n", [("AM009", 4, 3, "T")], "no 'text'"),
    ("unknown kind", GOOD.replace("kind: thesis", "kind: thesys"), [("AM010", 5, 11, "T")], "did you mean 'thesis'?"),
    (
        "undercut key misspelt",
        GOOD + "    undercuts: {form: P1, to: T}\n",
        [("AM008", 7, 17, "T"), ("AM009", 7, 16, "T")],
        "did you mean 'from'?",
    ),
    ("undercut without its target", GOOD + "    undercuts: {from: P1}\n", [("AM009", 7, 16, "T")], "'to' missing"),
    (
        "undercut end is a list",
        GOOD + "    undercuts: {from: [P1], to: T}\n",
        [("AM007", 7, 23, "T"), ("AM009", 7, 16, "T")],
        "names one node id",
    ),
    (
        "undercut entry is a list of lists",
        GOOD + "    undercuts: [[A1]]\n",
        [("AM007", 7, 17, "T")],
        "a linked argument's id or a relation",
    ),
    ("empty file", "", [("AM003", 1, 1, None)], "empty"),
    ("only comments", "# nothing here\n\n", [("AM003", 1, 1, None)], "empty"),
    ("anchor and alias", "title: &t x\nroot: *t\nnodes: {}\n", [("AM005", 1, 8, None), ("AM005", 2, 7, None)], "anchor &t"),
    ("custom tag", GOOD + "    en: !python/object x\n", [("AM007", 7, 9, "T")], "tagged"),
    ("two documents", GOOD + "---\n" + GOOD, [("AM001", 7, 1, None)], "more than one YAML document"),
    # A raw control character is replaced and reported, as one from an escape is: the map still loads.
    ("control character", GOOD.replace("title: t", "title: a\x07b"), [("AM015", 1, 9, None)], "U+0007 (a control character)"),
    ("control character escaped", GOOD + '    en: "bell\\a and escape\\e"\n', [("AM015", 7, 9, None)] * 2, "U+0007"),
    ("id with a zero-width space", GOOD.replace("  T:", "  T\u200b:"), [("AM016", 4, 3, None)], "U+200B"),
    ("suppression without reason", GOOD + "    ignore: {AM202: ''}\n", [("AM007", 7, 14, "T")], "needs a reason"),
    (
        "argument with two targets",
        GOOD + "  P: {kind: premise, text: p}\narguments:\n  A: {premises: [P], supports: T, attacks: T}\n",
        [("AM007", 9, 35, "A")],
        "exactly one target",
    ),
    (
        "argument without target",
        GOOD + "  P: {kind: premise, text: p}\narguments:\n  A: {premises: [P]}\n",
        [("AM009", 9, 3, "A")],
        "names no target",
    ),
]


@pytest.mark.parametrize(("case", "data", "expected", "phrase"), BAD_INPUTS, ids=[c[0] for c in BAD_INPUTS])
def test_bad_input(case: str, data: str | bytes, expected: list[tuple[str, int, int, str | None]], phrase: str) -> None:
    result = load_bytes(data.encode("utf-8") if isinstance(data, str) else data, "m.yaml")
    assert [(d.code, d.line, d.column, d.node) for d in result.diagnostics] == expected
    assert phrase in result.diagnostics[0].message
    assert all(d.file == "m.yaml" for d in result.diagnostics)


def test_big5_file_is_named_as_such() -> None:
    data = "title: 測試\nroot: T\nnodes:\n  T: {kind: thesis, text: 駐韓美軍}\n".encode("cp950")
    [diagnostic] = load_bytes(data, "big5.yaml").diagnostics
    assert (diagnostic.code, diagnostic.line, diagnostic.column) == ("AM002", 1, 8)
    assert "Big5/CP950" in diagnostic.message and "iconv" in diagnostic.message


def test_bad_byte_position_counts_characters_before_it() -> None:
    data = "title: 中文\nroot: 駐韓".encode() + b"\xff\n"
    [diagnostic] = load_bytes(data, "m.yaml").diagnostics
    assert (diagnostic.code, diagnostic.line, diagnostic.column) == ("AM002", 2, 9)


def test_utf16_is_refused_with_advice() -> None:
    [diagnostic] = load_bytes(GOOD.encode("utf-16"), "m.yaml").diagnostics
    assert diagnostic.code == "AM002" and "UTF-16" in diagnostic.message


def test_file_over_the_size_limit() -> None:
    data = b"title: t\n" + b"# padding\n" * (MAX_MAP_BYTES // 10 + 1)
    [diagnostic] = load_bytes(data, "big.yaml").diagnostics
    assert (diagnostic.code, diagnostic.line, diagnostic.column) == ("AM004", 1, 1)


def test_deep_nesting_is_refused_not_a_recursion_error() -> None:
    # Our own limit (64 levels) or, in newer libyaml builds, libyaml's (1,000) answers first.
    [diagnostic] = load_text("title: " + "[" * 5000 + "]" * 5000 + "\n", "deep.yaml").diagnostics
    assert diagnostic.code == "AM001"
    assert "nests deeper than 64 levels" in diagnostic.message or "maximum nesting depth" in diagnostic.message
    [diagnostic] = load_text("title: " + "[" * 100 + "]" * 100 + "\n", "deep.yaml").diagnostics
    assert (diagnostic.code, diagnostic.line, diagnostic.column) == ("AM001", 1, 71)
    assert "nests deeper than 64 levels" in diagnostic.message


def test_billion_laughs_is_refused_early() -> None:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    result = load_text("\n".join(lines) + "\n", "lol.yaml")
    assert result.map is None
    assert {d.code for d in result.diagnostics} == {"AM005"}


def test_byte_order_mark_and_crlf_are_accepted() -> None:
    data = b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode("utf-8")
    result = load_bytes(data, "bom.yaml")
    assert result.ok and result.diagnostics == []
    assert result.map is not None and result.map.nodes["T"].text == "論點"
    assert result.map.nodes["T"].position.line == 4


def test_duplicate_node_id_is_kept_once_and_reported_by_the_rule(tmp_path: Path) -> None:
    from usfk_argmap import check

    path = tmp_path / "m.yaml"
    path.write_text(GOOD + "  T:\n    kind: claim\n    text: other\n", encoding="utf-8")
    result = load(path)
    assert result.map is not None
    assert result.map.nodes["T"].text == "論點"  # the first definition wins, unlike plain PyYAML
    assert located(check(result.map), "AM103") == [(7, 3, "T")]


def test_missing_source_text_is_reported_at_the_source_key(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("title: t\nsource: nowhere.txt\nroot: T\nnodes:\n  T: {kind: thesis, text: a}\n", encoding="utf-8")
    [diagnostic] = load(path).diagnostics
    assert (diagnostic.code, diagnostic.line, diagnostic.column) == ("AM011", 2, 9)
    assert "relative to the map file" in diagnostic.message


def test_source_text_in_big5_is_reported(tmp_path: Path) -> None:
    (tmp_path / "s.txt").write_bytes("駐韓美軍".encode("cp950"))
    path = tmp_path / "m.yaml"
    path.write_text("title: t\nsource: s.txt\nroot: T\nnodes:\n  T: {kind: thesis, text: a}\n", encoding="utf-8")
    [diagnostic] = load(path).diagnostics
    assert diagnostic.code == "AM011" and "Big5/CP950" in diagnostic.message


def test_numbers_as_ids_and_texts_are_taken_as_written() -> None:
    result = load_text(
        "title: 2024\nroot: 1\nnodes:\n  1: {kind: thesis, text: 1.50}\n  2: {kind: premise, text: two, supports: 1}\n"
    )
    assert result.ok and result.map is not None
    assert result.map.title == "2024" and result.map.nodes["1"].text == "1.50"
    assert result.map.nodes["2"].supports[0].target == "1"


def test_fatal_problems_give_no_map_and_errors_only() -> None:
    for data in ("", "[1, 2\n", "a: *x\n"):
        result = load_text(data)
        assert result.map is None and not result.ok
        assert all(d.severity is Severity.ERROR for d in result.diagnostics)


def test_example_map_loads_cleanly() -> None:
    from tests.helpers import MAPS

    for path in sorted(MAPS.glob("*.yaml")):
        result = load(path)
        assert result.ok and result.diagnostics == [], (path, result.diagnostics)


def test_undercuts_name_arguments_and_relations() -> None:
    from usfk_argmap.core.model import Undercut

    result = load_text(GOOD + "    undercuts: [A1, {from: P1, to: C:1}]\n    label: 短\n")
    assert result.map is not None and not result.diagnostics
    node = result.map.nodes["T"]
    first, second = node.undercuts
    assert first == Undercut.of_argument("A1", first.position) and first.inference == "A1" and not first.is_relation
    assert (second.source, second.target, second.inference, second.is_relation) == ("P1", "C:1", "P1->C:1", True)
    assert (second.position.line, second.position.column) == (7, 21)
    assert second.source_position is not None and second.source_position.column == 28
    assert second.target_position is not None and second.target_position.column == 36
    assert node.label == "短" and node.shown_text == "短" and node.text == "論點"


def test_the_size_code_says_the_limit_the_loader_applies() -> None:
    from usfk_argmap.core.codes import CODES

    assert f"over {MAX_MAP_BYTES // (1024 * 1024)} MiB" in CODES["AM004"].summary


def test_the_source_size_code_says_the_limit_the_loader_applies() -> None:
    from usfk_argmap.core.codes import CODES
    from usfk_argmap.mapfile.sourcefile import MAX_SOURCE_BYTES

    assert f"over {MAX_SOURCE_BYTES // (1024 * 1024)} MiB" in CODES["AM014"].summary
