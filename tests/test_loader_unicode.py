"""The loader and Unicode (issue 16, Loader and Injection): line breaks, id forms, encodings, unsafe code points."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import located
from usfk_argmap import check, load_bytes, load_text
from usfk_argmap.core.characters import UNSAFE, replace_unsafe_characters, unsafe_characters
from usfk_argmap.interop import import_bytes
from usfk_argmap.mapfile.writer import write_map

TAIL = "root: T\nnodes:\n  T: {kind: thesis, text: a}\n  P: {kind: premise, text: p, supports: Q}\n"


@pytest.mark.parametrize("odd_break", ["\u2028", "\u2029", "\x85"])
def test_a_break_yaml_counts_but_editors_do_not_shifts_no_line(odd_break: str) -> None:
    text = f'title: "one{odd_break}two{odd_break}three"\n' + TAIL
    result = load_text(text)
    assert result.map is not None
    assert result.map.nodes["P"].position.line == 5
    # The unknown reference Q: line 5, column 41, as an editor shows it.
    assert located(check(result.map), "AM101") == [(5, 41, "P")]


def test_a_yaml_error_after_an_odd_break_is_on_the_right_line() -> None:
    result = load_text('title: "a\u2028b"\nroot: T\nnodes: [oops\n  T: 1\n')
    [diagnostic] = result.diagnostics
    assert diagnostic.code == "AM001" and diagnostic.line == 4


def test_crlf_files_keep_their_positions() -> None:
    result = load_text(('title: "a\u2028b"\n' + TAIL).replace("\n", "\r\n"))
    assert result.map is not None
    assert located(check(result.map), "AM101") == [(5, 41, "P")]


CAFE_COMPOSED = unicodedata.normalize("NFC", "café")
CAFE_DECOMPOSED = unicodedata.normalize("NFD", "café")


@pytest.mark.parametrize(
    ("defined", "referenced"),
    [(CAFE_COMPOSED, CAFE_DECOMPOSED), (CAFE_DECOMPOSED, CAFE_COMPOSED), ("\uf9dc", "隆"), ("隆", "\uf9dc")],
)
def test_an_id_and_a_reference_in_other_unicode_forms_are_one_id(defined: str, referenced: str) -> None:
    assert defined != referenced
    result = load_text(
        f"title: t\nroot: T\nnodes:\n  T: {{kind: thesis, text: a}}\n"
        f"  {defined}: {{kind: claim, text: c, supports: T}}\n"
        f"  X: {{kind: premise, text: x, supports: {referenced}}}\n"
    )
    assert result.ok and result.map is not None
    assert [d.code for d in check(result.map) if d.severity.value == "error"] == []
    assert unicodedata.normalize("NFC", defined) in result.map.nodes


def test_two_ids_that_differ_only_in_unicode_form_are_a_duplicate() -> None:
    result = load_text(
        f"title: t\nroot: T\nnodes:\n  T: {{kind: thesis, text: a}}\n"
        f"  {CAFE_COMPOSED}: {{kind: claim, text: c, supports: T}}\n"
        f"  {CAFE_DECOMPOSED}: {{kind: claim, text: d, supports: T}}\n"
    )
    assert result.map is not None
    assert located(check(result.map), "AM103") == [(6, 3, CAFE_COMPOSED)]


def test_root_and_section_names_are_taken_in_the_same_form() -> None:
    result = load_text(
        f"title: t\nroot: {CAFE_DECOMPOSED}\nsections:\n  {CAFE_COMPOSED}: Part\nnodes:\n"
        f"  {CAFE_COMPOSED}: {{kind: thesis, text: a, section: {CAFE_DECOMPOSED}}}\n"
    )
    assert result.ok and result.map is not None
    assert result.map.root == CAFE_COMPOSED
    assert result.map.nodes[CAFE_COMPOSED].section == CAFE_COMPOSED
    assert [d.code for d in check(result.map) if d.code != "AM202"] == []  # AM202: the lone thesis is unsupported


def test_the_ends_of_an_undercut_relation_are_taken_in_the_same_form() -> None:
    result = load_text(
        f"title: t\nroot: T\nnodes:\n  T: {{kind: thesis, text: a}}\n"
        f"  {CAFE_COMPOSED}: {{kind: premise, text: p, supports: T}}\n"
        f"  U: {{kind: objection, text: u, undercuts: {{from: {CAFE_DECOMPOSED}, to: T}}}}\n"
    )
    assert result.ok and result.map is not None
    assert [d.code for d in check(result.map) if d.code == "AM101"] == []


@pytest.mark.parametrize("encoding", ["utf-32", "utf-32-le", "utf-32-be"])
def test_a_utf32_file_is_called_utf32(encoding: str) -> None:
    data = "title: t\n".encode(encoding)
    if not data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        data = ("\ufeff" + "title: t\n").encode(encoding)
    [diagnostic] = load_bytes(data).diagnostics
    assert diagnostic.code == "AM002" and "UTF-32" in diagnostic.message and "UTF-16" not in diagnostic.message


def test_utf16_is_still_called_utf16() -> None:
    [diagnostic] = load_bytes("title: t\n".encode("utf-16")).diagnostics
    assert "UTF-16" in diagnostic.message


@pytest.mark.parametrize("layout", ["  {id}: {{kind: thesis, text: a}}\n", "  {id}:\n    kind: thesis\n"])
def test_an_id_over_1024_characters_gets_a_clear_message(layout: str) -> None:
    long_id = "x" * 1030
    [diagnostic] = load_text("title: t\nroot: T\nnodes:\n" + layout.format(id=long_id)).diagnostics
    assert (diagnostic.code, diagnostic.line, diagnostic.column) == ("AM001", 4, 3)
    assert "1,030 characters" in diagnostic.message and "1,024" in diagnostic.message
    assert "mapping values are not allowed" not in diagnostic.message


def test_a_1024_character_id_is_fine() -> None:
    long_id = "x" * 1024
    result = load_text(f"title: t\nroot: {long_id}\nnodes:\n  {long_id}: {{kind: thesis, text: a}}\n")
    assert result.ok


@pytest.mark.parametrize("escape", ["\\uFFFE", "\\uFFFF", "\\uFDD0", "\\U0001FFFF", "\\U0010FFFE"])
def test_a_noncharacter_escape_is_replaced_and_reported(escape: str) -> None:
    result = load_text(f'title: t\nroot: T\nnodes:\n  T: {{kind: thesis, text: "a{escape}b"}}\n')
    assert result.map is not None
    assert result.map.nodes["T"].text == "a\ufffdb"
    [diagnostic] = result.diagnostics
    assert (diagnostic.code, diagnostic.severity.value, diagnostic.line, diagnostic.column) == ("AM015", "warning", 4, 27)
    assert "noncharacter" in diagnostic.message and "U+FFFD" in diagnostic.message


@pytest.mark.parametrize("char", ["\ufffe", "\uffff", "\ud800", "\udfff"])
def test_a_raw_unsafe_character_is_replaced_at_its_own_position(char: str) -> None:
    result = load_text(f"title: t\nroot: T\nnodes:\n  T: {{kind: thesis, text: ab{char}c}}\n")
    assert result.map is not None and result.map.nodes["T"].text == "ab\ufffdc"
    assert [(d.code, d.line, d.column) for d in result.diagnostics] == [("AM015", 4, 29)]


def test_a_surrogate_escape_is_replaced_as_the_importers_do() -> None:
    """libyaml refuses \\ud800 outright (AM001 before); now it is replaced and reported like any unsafe code point."""
    result = load_text(
        'title: "a\\ud800b"\nroot: T\nnodes:\n  T: {kind: thesis, text: "x\\uD83D\\uDE00y", note: \'\\ud800 is literal here\'}\n'
    )
    assert result.map is not None
    assert result.map.title == "a\ufffdb"
    assert result.map.nodes["T"].text == "x\ufffd\ufffdy"
    assert result.map.nodes["T"].note == "\\ud800 is literal here"  # single quotes: no escape, nothing replaced
    assert [(d.code, d.line, d.column) for d in result.diagnostics] == [("AM015", 1, 10), ("AM015", 4, 29)]
    assert "write \\U0001F600" in result.diagnostics[1].message


def test_an_unsafe_id_is_replaced_too() -> None:
    result = load_text(
        'title: t\nroot: T\nnodes:\n  T: {kind: thesis, text: a}\n  "\\uFFFF": {kind: claim, text: c, supports: T}\n'
    )
    assert result.map is not None and "\ufffd" in result.map.nodes


@pytest.mark.graphviz
def test_a_map_with_noncharacters_still_draws(tmp_path: Path) -> None:
    from usfk_argmap.drawing.render import render

    result = load_text('title: "t\\uFFFE"\nroot: T\nnodes:\n  T: {kind: thesis, text: "a\\uFFFFb"}\n')
    assert result.map is not None
    svg = render(result.map, "svg").decode("utf-8")
    assert "a\ufffdb" in svg


AIF_SURROGATE = (
    '{"nodes": [{"nodeID": "1", "text": "lone \\ud800 here, a pair \\ud83d\\ude00, an escaped '
    'backslash \\\\ud800", "type": "I"},\n {"nodeID": "2\\uFFFF", "text": "b\\udbff\\udfff", "type": "I"},\n'
    ' {"nodeID": "3", "text": "c", "type": "RA"}],\n'
    ' "edges": [{"edgeID": "e1", "fromID": "1", "toID": "3"}, {"edgeID": "e2", "fromID": "3", '
    '"toID": "2\\uFFFF"}]}'
)


def test_aif_lone_surrogates_and_noncharacters_are_replaced_and_the_map_loads() -> None:
    result = import_bytes(AIF_SURROGATE.encode("utf-8"), "aif", "x.json")
    assert result.map is not None
    found = [(d.code, d.line, d.column) for d in result.diagnostics if d.code == "AM408"]
    # Where each escape is written: the lone high surrogate, the noncharacter id (twice), the pair for U+10FFFF.
    assert found == [("AM408", 1, 42), ("AM408", 2, 15), ("AM408", 2, 34), ("AM408", 4, 100)]
    texts = {node.id: node.text for node in result.map.nodes.values()}
    assert texts["1"] == "lone \ufffd here, a pair \U0001f600, an escaped backslash \\ud800"
    assert texts["2\ufffd"] == "b\ufffd"  # U+10FFFF, a noncharacter, from a proper pair
    written = write_map(result.map)
    reloaded = load_text(written)
    assert reloaded.ok, reloaded.diagnostics
    assert reloaded.map is not None
    assert not any(UNSAFE.search(node.text) for node in reloaded.map.nodes.values())


def test_importers_replace_raw_unsafe_characters_as_the_loader_does() -> None:
    result = import_bytes("# Title\n\n[A]: one \ufffe two\n".encode(), "argdown", "x.argdown")
    assert result.map is not None
    assert [(d.code, d.line, d.column) for d in result.diagnostics if d.code == "AM408"] == [("AM408", 3, 10)]
    assert all("\ufffe" not in node.text for node in result.map.nodes.values())


UNSAFE_POINTS = st.sampled_from([0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0xFDD0, 0xFDEF, 0xFFFE, 0xFFFF, 0x1FFFE, 0x10FFFF])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.characters(codec="utf-8"), UNSAFE_POINTS.map(chr)), max_size=20))
def test_no_unsafe_code_point_reaches_the_model_or_a_written_file(chars: list[str]) -> None:
    value = "".join(chars)
    escaped = json.dumps(value)  # a JSON string is a YAML double-quoted scalar; surrogates become \ud800 escapes
    raw = json.dumps(value.replace("\\", "").replace('"', ""), ensure_ascii=False)  # raw code points, lone ones too
    for scalar in (escaped, raw):
        text = f"title: t\nroot: T\nnodes:\n  T: {{kind: thesis, text: {scalar}}}\n"
        result = load_text(text)
        if result.map is None:
            continue  # refused (a control character YAML does not allow): positioned, nothing built
        node = result.map.nodes.get("T")
        assert node is None or not UNSAFE.search(node.text)
        write_map(result.map).encode("utf-8")  # never a lone surrogate in what we write
    aif = json.dumps({"nodes": [{"nodeID": "1", "text": value or "x", "type": "I"}], "edges": []})
    imported = import_bytes(aif.encode("utf-8"), "aif", "x.json")
    if imported.map is not None:
        assert all(not UNSAFE.search(n.text) for n in imported.map.nodes.values())
        write_map(imported.map).encode("utf-8")


def test_one_function_finds_and_replaces() -> None:
    text = "a\ufffeb\ud800c\U0010ffff\U0001f600"
    assert [(c.offset, c.describe()) for c in unsafe_characters(text)] == [
        (1, "U+FFFE (a noncharacter)"),
        (3, "U+D800 (a lone surrogate)"),
        (5, "U+10FFFF (a noncharacter)"),
    ]
    assert replace_unsafe_characters(text) == "a\ufffdb\ufffdc\ufffd\U0001f600"
