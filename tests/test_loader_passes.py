"""The loader's passes: the list the loader runs is the one its docstring gives, and each stops or goes on as designed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from usfk_argmap.core.model import Position
from usfk_argmap.mapfile import loader
from usfk_argmap.mapfile.loader import PASSES, load_passes
from usfk_argmap.mapfile.passes import Loading, compose, line_table, run_passes
from usfk_argmap.mapfile.reading import MAX_MAP_BYTES, mark
from usfk_argmap.mapfile.textcheck import LineTable, recount_marks

GOOD = "title: t\nroot: T\nnodes:\n  T:\n    kind: thesis\n    text: 論點\n"


def test_the_docstring_lists_the_passes_in_the_order_they_run() -> None:
    assert loader.__doc__ is not None
    listed = re.findall(r"^(\d+)\. ``(\w+)``", loader.__doc__, re.MULTILINE)
    assert [int(number) for number, _ in listed] == list(range(1, len(PASSES) + 1))
    assert [name for _, name in listed] == [step.__name__ for step in PASSES]


# (case, the map as bytes or text, the pass that stops the load or None, the diagnostics as (code, line, column))
STAGES: list[tuple[str, bytes | str, str | None, list[tuple[str, int, int]]]] = [
    ("a file over the size limit", b"#" * (MAX_MAP_BYTES + 1), "bytes_size", [("AM004", 1, 1)]),
    ("a UTF-16 file", GOOD.encode("utf-16"), "decode", [("AM002", 1, 1)]),
    ("a text over the size limit", "#" * (MAX_MAP_BYTES + 1), "text_size", [("AM004", 1, 1)]),
    ("a BOM at the start of a text", "\ufeff" + GOOD, None, []),
    ("a raw noncharacter", GOOD.replace("論點", "論點\ufffe"), None, [("AM015", 6, 13)]),
    ("a surrogate escape", GOOD.replace("論點", '"a\\ud800"'), None, [("AM015", 6, 13)]),
    ("an anchor", GOOD.replace("title: t", "title: &a t"), "event_scan", [("AM005", 1, 8)]),
    # The event scan stops the load: the full-width colon is left for the next run.
    ("an anchor and a mistyped key", "title: &a t\nroot: T\nnodes:\n  T:\n    kind：thesis\n", "event_scan", [("AM005", 1, 8)]),
    ("two documents", GOOD + "---\ntitle: u\n", "event_scan", [("AM001", 7, 1)]),
    ("a YAML syntax error", "title: t\nroot: [T\nnodes: {}\n", "event_scan", [("AM001", 3, 6)]),
    ("nesting too deep", "a: " + "[" * 70 + "]" * 70 + "\n", "event_scan", [("AM001", 1, 67)]),
    (
        "a key YAML reads as text",
        "title: t\nroot: T\nnodes:\n  T:\n    kind：thesis\n  C:\n    kind: claim\n    text: c\n",
        "mistyped_keys",
        [("AM001", 5, 9)],
    ),
    # YAML would put the node on line 5: the U+2028 in the title is no line break of the file.
    ("a break only YAML counts", 'title: "a\u2028b"\nroot: T\nnodes:\n  T: {kind: thesys, text: x}\n', None, [("AM010", 4, 13)]),
    ("an empty file", "", "document_shape", [("AM003", 1, 1)]),
    ("a list", "- a\n", "document_shape", [("AM007", 1, 1)]),
    ("an escape giving a noncharacter", GOOD.replace("論點", '"a\\uFFFE"'), None, [("AM015", 6, 11)]),
    ("keys missing", "title: t\n", None, [("AM009", 1, 1), ("AM009", 1, 1)]),
]


@pytest.mark.parametrize(("case", "given", "stopped_by", "expected"), STAGES, ids=[row[0] for row in STAGES])
def test_each_pass_stops_the_load_or_goes_on(
    case: str, given: bytes | str, stopped_by: str | None, expected: list[tuple[str, int, int]]
) -> None:
    loading = Loading(Path("m.yaml"), data=given) if isinstance(given, bytes) else Loading(Path("m.yaml"), text=given)
    load_passes(loading)
    assert loading.stopped_by == stopped_by
    assert [(d.code, d.line, d.column) for d in loading.diagnostics] == expected
    assert (loading.map is None) == (stopped_by is not None)


def test_compose_stops_on_what_the_event_scan_would_have_refused() -> None:
    loading = run_passes(Loading(Path("m.yaml"), text="title: t\nroot: [T\nnodes: {}\n"), [line_table, compose])
    assert loading.stopped_by == "compose"
    assert [(d.code, d.line, d.column) for d in loading.diagnostics] == [("AM001", 3, 6)]


def test_the_node_tree_is_not_kept_once_the_map_is_built() -> None:
    loading = load_passes(Loading(Path("m.yaml"), text=GOOD))
    assert loading.map is not None and loading.document is None


def test_a_fix_is_placed_by_the_files_own_line_breaks() -> None:
    # YAML counts the U+2028 in the title as a line break: its marks put the key 'txt' on line 5.
    loading = load_passes(Loading(Path("m.yaml"), text='title: "a\u2028b"\nroot: T\nnodes:\n  T: {kind: thesis, txt: x}\n'))
    [typo] = [d for d in loading.diagnostics if d.code == "AM008"]
    assert (typo.line, typo.column) == (4, 21)
    assert typo.fix is not None
    assert (typo.fix.line, typo.fix.column, typo.fix.end_line, typo.fix.end_column) == (4, 21, 4, 24)


@pytest.mark.parametrize("parser", [getattr(yaml, "CSafeLoader", yaml.SafeLoader), yaml.SafeLoader])
def test_the_positions_pass_recounts_the_marks_of_either_parser(parser: type[yaml.SafeLoader]) -> None:
    text = 'a: "x\u2028y"\nb: [1, 22]\n'
    document = yaml.compose(text, Loader=parser)
    assert isinstance(document, yaml.MappingNode)
    recount_marks(document, LineTable(text))
    (_, first), (_, numbers) = document.value
    second = numbers.value[1]
    assert [mark(first.start_mark), mark(first.end_mark)] == [Position(1, 4), Position(1, 9)]
    assert [mark(second.start_mark), mark(second.end_mark)] == [Position(2, 8), Position(2, 10)]
