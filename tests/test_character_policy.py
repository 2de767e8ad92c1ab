"""One character policy: what a text and an id may hold, the same in the loader, every importer and every writer."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from usfk_argmap import load_text
from usfk_argmap.cli.app import main
from usfk_argmap.core.characters import MAX_ID_CHARS, clean_id, id_problem
from usfk_argmap.interop import import_bytes
from usfk_argmap.mapfile.writer import write_map

#: A map whose title, text and gloss carry control characters through YAML escapes (\x01, \e, \a).
CONTROLS = (
    'title: "Bell\\a and escape\\e[2J"\nroot: T\nnodes:\n'
    '  T:\n    kind: thesis\n    text: "Fares \\x01 should stay"\n    en: "gloss\\x7f"\n'
    "  C:\n    kind: claim\n    text: A reason\n    supports: T\n"
    "  P:\n    kind: premise\n    text: Because\n    supports: C\n"
)


@pytest.mark.parametrize(
    ("value", "problem", "fit"),
    [
        ("C1", None, "C1"),
        ("前提四", None, "前提四"),
        ("two\nlines", "holds a line break", "two lines"),
        ("T\u200b", "holds the invisible character U+200B (ZERO WIDTH SPACE)", "T"),
        ("a\u2060b", "holds the invisible character U+2060 (WORD JOINER)", "ab"),
        ("\u3164", "holds the invisible character U+3164 (HANGUL FILLER)", "id"),
        ("x\x1by", "holds the control character U+001B", "xy"),
        ("A" * (MAX_ID_CHARS + 1), "is 1,025 characters long, over the limit of 1,024", "A" * MAX_ID_CHARS),
    ],
)
def test_what_an_id_may_hold(value: str, problem: str | None, fit: str) -> None:
    assert id_problem(value) == problem
    assert clean_id(value) == fit
    assert id_problem(clean_id(value)) is None


def test_control_characters_from_escapes_are_replaced_and_reported() -> None:
    result = load_text(CONTROLS, "m.yaml")
    assert result.map is not None
    found = [(d.code, d.line) for d in result.diagnostics]
    assert found == [("AM015", 1), ("AM015", 1), ("AM015", 6), ("AM015", 7)]  # the title holds two
    assert "(a control character)" in result.diagnostics[0].message
    texts = [result.map.title, *(n.text for n in result.map.nodes.values()), result.map.nodes["T"].en or ""]
    assert not any(ord(char) < 0x20 or 0x7F <= ord(char) <= 0x9F for text in texts for char in text)


@pytest.mark.parametrize("output", ["deck.pptx", "deck.tex", "deck.md", "deck.html"])
def test_every_deck_is_written_for_a_map_that_had_control_characters(tmp_path: Path, output: str) -> None:
    # A \x01 crashed the PowerPoint writer (lxml), the title was a "Usage:" error, and Beamer's build broke.
    path = tmp_path / "m.yaml"
    path.write_text(CONTROLS, encoding="utf-8")
    result = CliRunner().invoke(main, ["slides", str(path), "-o", str(tmp_path / output)])
    assert result.exit_code == 0, result.output
    written = tmp_path / output
    if output.endswith(".pptx"):
        with zipfile.ZipFile(written) as package:
            parts = [package.read(name).decode("utf-8") for name in package.namelist() if name.endswith(".xml")]
    else:
        parts = [written.read_text(encoding="utf-8")]
    assert not any(ord(char) < 0x20 and char not in "\t\n\r" for part in parts for char in part)


def test_two_ids_that_look_the_same_are_told_apart() -> None:
    text = (
        "title: t\nroot: T\nnodes:\n  T:\n    kind: thesis\n    text: x\n"
        "  C1:\n    kind: claim\n    text: y\n    supports: T\n  C1\u200b:\n    kind: claim\n    text: z\n    supports: T\n"
    )
    result = load_text(text, "m.yaml")
    unfit = [d for d in result.diagnostics if d.code == "AM016"]
    assert [(d.line, d.column) for d in unfit] == [(11, 3)]
    assert "U+200B" in unfit[0].message and unfit[0].fix is not None and unfit[0].fix.replacement == "C1"


def _loads_cleanly(imported_text: str) -> None:
    result = load_text(imported_text, "imported.yaml")
    assert result.map is not None
    assert [d.code for d in result.diagnostics if d.code.startswith("AM0")] == []


@pytest.mark.parametrize(
    ("fmt", "data", "renamed"),
    [
        ("argdown", "[Fares\u200bfree]: the thesis\n  + [Cheap]: a reason\n", "Faresfree"),
        ("argdown", f"[{'L' * 1100}]: the thesis\n  + [Cheap]: a reason\n", "L" * MAX_ID_CHARS),
        (
            "aif",
            json.dumps(
                {
                    "nodes": [
                        {"nodeID": "root\nline", "text": "thesis", "type": "I"},
                        {"nodeID": "2", "text": "reason", "type": "I"},
                        {"nodeID": "3", "text": "RA", "type": "RA"},
                    ],
                    "edges": [{"edgeID": "a", "fromID": "2", "toID": "3"}, {"edgeID": "b", "fromID": "3", "toID": "root\nline"}],
                }
            ),
            "root line",
        ),
    ],
)
def test_importers_write_maps_that_load(fmt: str, data: str, renamed: str) -> None:
    # Importers wrote maps whose ids held line breaks or were over 1,024 characters, and exited 0.
    result = import_bytes(data.encode("utf-8"), fmt, f"x.{fmt}")
    assert result.map is not None
    assert renamed in result.map.nodes
    notes = [d for d in result.diagnostics if d.code == "AM409"]
    assert len(notes) == 1 and notes[0].node == renamed
    argument_map = result.map
    assert all(
        ref.target in argument_map.nodes or ref.target in argument_map.arguments
        for n in argument_map.nodes.values()
        for ref in n.supports
    )
    _loads_cleanly(write_map(argument_map))
