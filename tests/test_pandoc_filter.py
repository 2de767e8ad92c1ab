"""The Pandoc filter's library and command: the AST walk, the attributes, the cache, and hostile documents.

The real Pandoc builds documents through it in tests/test_client_pandoc.py.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import MAPS, REPO
from usfk_argmap.cli.app import main
from usfk_argmap.interop.pandoc import (
    ATTRIBUTES,
    MAX_DEPTH,
    BlockRequest,
    PandocFilterError,
    block_position,
    block_request,
    filter_document,
    filter_text,
    lua_filter,
    picture_format,
)

API = [1, 22, 1]

BROKEN_MAP = """\
title: A broken map
lang: en
root: T
nodes:
  T:
    kind: thesis
    text: The thesis.
  C1:
    kind: claim
    text: A claim that supports what is not there.
    supports: X9
"""


def attributes(*pairs: tuple[str, str], classes: tuple[str, ...] = ("argmap",), identifier: str = "") -> list[Any]:
    return [identifier, list(classes), [list(pair) for pair in pairs]]


def code_block(*pairs: tuple[str, str], classes: tuple[str, ...] = ("argmap",), identifier: str = "") -> dict[str, Any]:
    return {"t": "CodeBlock", "c": [attributes(*pairs, classes=classes, identifier=identifier), ""]}


def image(target: str, *pairs: tuple[str, str], classes: tuple[str, ...] = ("argmap",)) -> dict[str, Any]:
    return {"t": "Image", "c": [attributes(*pairs, classes=classes), [{"t": "Str", "c": "tram"}], [target, ""]]}


def document(*blocks: Any, api: list[int] = API) -> dict[str, Any]:
    return {"pandoc-api-version": api, "meta": {}, "blocks": list(blocks)}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A document's folder with the tram map and its source text in maps/, and a map with errors."""
    shutil.copy(MAPS / "example_tram.yaml", tmp_path / "tram.yaml")
    (tmp_path / "maps").mkdir()
    shutil.copy(MAPS / "example_tram.yaml", tmp_path / "maps" / "tram.yaml")
    shutil.copytree(MAPS / "sources", tmp_path / "maps" / "sources")
    shutil.copytree(MAPS / "sources", tmp_path / "sources")
    (tmp_path / "maps" / "broken.yaml").write_text(BROKEN_MAP, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("output_format", "expected"),
    [
        ("html5", "svg"),
        ("html", "svg"),
        ("revealjs", "svg"),
        ("html5+smart", "svg"),
        ("epub3", "svg"),
        ("latex", "pdf"),
        ("beamer", "pdf"),
        ("docx", "png"),
        ("pptx", "png"),
        ("odt", "png"),
        (None, "svg"),
    ],
)
def test_picture_format_follows_the_output_format(output_format: str | None, expected: str) -> None:
    assert picture_format(output_format) == expected


@pytest.mark.parametrize(
    ("pairs", "target", "expected"),
    [
        ([("file", "maps/x.yaml")], None, BlockRequest("maps/x.yaml")),
        (
            [("file", "x.yaml"), ("section", "s1"), ("evaluate", "true"), ("allow-errors", "yes")],
            None,
            BlockRequest("x.yaml", section="s1", evaluate=True, allow_errors=True),
        ),
        ([("file", "x.yaml"), ("evaluate", "false")], None, BlockRequest("x.yaml")),
        (
            [("file", "x.yaml"), ("caption", "A map"), ("alt", "Words")],
            None,
            BlockRequest("x.yaml", caption="A map", alt="Words"),
        ),
        ([("width", "50%")], "x.yaml", BlockRequest("x.yaml", passed=(("width", "50%"),))),
        ([], "maps/x.yaml", BlockRequest("maps/x.yaml")),
    ],
)
def test_block_request_reads_the_attributes(pairs: list[tuple[str, str]], target: str | None, expected: BlockRequest) -> None:
    assert block_request(attributes(*pairs), target) == expected


@pytest.mark.parametrize(
    ("pairs", "target", "message"),
    [
        ([("file", "x.yaml"), ("sectoin", "s1")], None, "unknown attribute 'sectoin'; did you mean 'section'?"),
        ([("file", "x.yaml"), ("colour", "red")], None, "unknown attribute 'colour'; known: file, section"),
        ([("file", "x.yaml"), ("evaluate", "maybe")], None, "evaluate='maybe': give true or false"),
        ([], None, "no map file"),
        ([("file", "")], None, "no map file"),
        ([("file", "x.yaml")], "y.yaml", "an image names its map as its target"),
        ([("file", "x" * 5000)], None, "5000 characters"),
    ],
)
def test_block_request_refuses_what_it_does_not_know(pairs: list[tuple[str, str]], target: str | None, message: str) -> None:
    with pytest.raises(PandocFilterError, match=None) as caught:
        block_request(attributes(*pairs), target)
    assert message in str(caught.value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("doc.md@3:1-5:1", "doc.md:3:1"), ("my doc@x.md@12:7-12:40", "my doc@x.md:12:7"), ("3:1", None), ("", None)],
)
def test_block_position_reads_what_sourcepos_writes(value: str, expected: str | None) -> None:
    assert block_position(attributes(("data-pos", value))) == expected
    assert block_request(attributes(("data-pos", value), ("file", "x.yaml"))) == BlockRequest("x.yaml")


def test_a_message_names_where_the_block_is_when_pandoc_gives_positions(tmp_path: Path) -> None:
    element = code_block(("data-pos", "doc.md@3:1-5:1"), ("file", "x.yaml"), ("sectoin", "s1"))
    result = filter_document(document(element), "html5", tmp_path)
    assert result.messages == ["doc.md:3:1: map 1 (CodeBlock): unknown attribute 'sectoin'; did you mean 'section'?"]


@pytest.mark.parametrize("broken", [None, "x", ["", []], ["", [], [["file"]]], ["", [], [[1, 2]]]])
def test_block_request_refuses_attributes_that_are_not_pandocs(broken: Any) -> None:
    with pytest.raises(PandocFilterError):
        block_request(broken)


@pytest.mark.graphviz
@pytest.mark.parametrize(
    ("element", "api", "kind"),
    [
        (code_block(("file", "tram.yaml")), API, "Para"),
        (code_block(("file", "tram.yaml"), identifier="fig-tram"), [1, 23, 1], "Figure"),
        ({"t": "Para", "c": [image("tram.yaml")]}, API, "Para"),
        ({"t": "Div", "c": [["", [], []], [{"t": "BulletList", "c": [[code_block(("file", "tram.yaml"))]]}]]}, API, "Div"),
    ],
)
def test_map_blocks_and_images_become_pictures(folder: Path, element: dict[str, Any], api: list[int], kind: str) -> None:
    result = filter_document(document(element, api=api), "html5", folder)
    assert not result.failed, result.messages
    assert result.document["pandoc-api-version"] == api
    assert result.document["blocks"][0]["t"] == kind
    text = json.dumps(result.document)
    [url] = {part for part in text.split('"') if part.startswith("argmap-figures/")}
    assert url.endswith(".svg")
    assert (folder / url).read_bytes().lstrip().startswith((b"<?xml", b"<svg"))
    assert '"alt", "Should Riverton build the tram?: Thesis T: Riverton should build the tram.;' in text
    assert ('"fig:"' in text) == (api[:2] < [1, 23])  # Pandoc 3 has Figure blocks; 2.x makes a figure of a "fig:" image


@pytest.mark.graphviz
def test_a_sections_picture_has_the_sections_statements_as_its_alt_text(folder: Path) -> None:
    result = filter_document(document(code_block(("file", "tram.yaml"), ("section", "climate"))), "html5", folder)
    alt = dict(result.document["blocks"][0]["c"][0]["c"][0][2])["alt"]
    assert alt.startswith("Should Riverton build the tram? (The tram cuts emissions): Claim C2: The tram cuts emissions.")
    assert "Fares" not in alt


@pytest.mark.graphviz
def test_an_unknown_section_is_named_with_the_sections_there_are(folder: Path) -> None:
    result = filter_document(document(code_block(("file", "tram.yaml"), ("section", "climat"))), "html5", folder)
    assert result.failed
    assert "no section 'climat' in the map (did you mean 'climate'?" in result.messages[-1]


def test_other_blocks_and_images_are_left_as_they_are(folder: Path) -> None:
    blocks = [code_block(("file", "tram.yaml"), classes=("python",)), {"t": "Para", "c": [image("tram.yaml", classes=())]}]
    result = filter_document(document(*json.loads(json.dumps(blocks))), "html5", folder)
    assert result.document["blocks"] == blocks
    assert not (folder / "argmap-figures").exists()


@pytest.mark.graphviz
def test_an_unchanged_map_is_taken_from_the_cache_and_a_changed_source_is_drawn_again(folder: Path) -> None:
    blocks = [code_block(("file", "maps/tram.yaml"))]
    first = filter_document(document(*blocks), "docx", folder)
    second = filter_document(document(*blocks), "docx", folder)
    assert (first.drawn, first.reused, second.drawn, second.reused) == (1, 0, 0, 1)
    assert first.document == second.document
    source = folder / "maps" / "sources" / "tram.txt"
    source.write_text(source.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    third = filter_document(document(*blocks), "docx", folder)
    assert (third.drawn, third.reused) == (1, 0)
    [picture] = (folder / "argmap-figures").glob("*.png")
    assert picture.read_bytes().startswith(b"\x89PNG")


@pytest.mark.graphviz
def test_a_cache_sidecar_that_is_not_ours_is_drawn_again(folder: Path) -> None:
    blocks = [code_block(("file", "tram.yaml"))]
    filter_document(document(*blocks), "html5", folder)
    [sidecar] = (folder / "argmap-figures").glob("*.json")
    for foreign in ('{"inputs": 3}', '{"inputs": {"/dev/zero": null}, "alt": "", "title": "", "diagnostics": [], "errors": 0}'):
        sidecar.write_text(foreign, encoding="utf-8")
        again = filter_document(document(*blocks), "html5", folder)
        assert (again.drawn, again.reused) == (1, 0)


@pytest.mark.graphviz
def test_a_map_with_errors_fails_the_build_with_its_diagnostics_unless_allowed(folder: Path) -> None:
    broken = code_block(("file", "maps/broken.yaml"))
    failed = filter_document(document(broken, broken), "html5", folder)
    assert failed.failed
    assert sum("X9" in line for line in failed.messages) == 1  # the same map twice: its diagnostics once
    assert any(f"{folder}/maps/broken.yaml:" in line and "X9" in line for line in failed.messages), failed.messages
    assert "maps/broken.yaml has errors; add allow-errors=true" in failed.messages[-1]
    allowed = filter_document(document(code_block(("file", "maps/broken.yaml"), ("allow-errors", "true"))), "html5", folder)
    assert not allowed.failed
    assert any("X9" in line for line in allowed.messages)


@pytest.mark.parametrize(
    ("file", "message"),
    [
        ("../outside.yaml", "leads outside the document's folder"),
        ("/etc/passwd", "leads outside the document's folder"),
        ("link/outside.yaml", "leads outside the document's folder"),
        ("missing.yaml", "missing.yaml: No such file or directory"),
        ("a\0b.yaml", "NUL character"),
    ],
)
def test_a_map_file_outside_the_documents_folder_is_refused(tmp_path: Path, file: str, message: str) -> None:
    (tmp_path / "outside.yaml").write_text(BROKEN_MAP, encoding="utf-8")
    inside = tmp_path / "doc"
    inside.mkdir()
    (inside / "link").symlink_to(tmp_path)
    result = filter_document(document(code_block(("file", file), identifier="m1")), "html5", inside)
    assert result.failed
    assert result.messages == [f"map 1 (CodeBlock #m1): {result.messages[0].split(': ', 1)[1]}"]
    assert message in result.messages[0]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (b"not json", "not a Pandoc JSON document at line 1, column 1"),
        (b"\xff\xfe", "not a Pandoc JSON document"),
        (b"[]", "no blocks"),
        (b'{"blocks": []}', "no pandoc-api-version"),
        (b'{"pandoc-api-version": [1, 17], "meta": {}, "blocks": []}', "pandoc-api-version 1.17 is not one the filter reads"),
        (b'{"pandoc-api-version": [true], "meta": {}, "blocks": []}', "no pandoc-api-version"),
        (b"[" * 100_000 + b"]" * 100_000, "deeper than"),
    ],
)
def test_a_document_the_filter_cannot_read_is_refused_with_a_message(text: bytes, message: str) -> None:
    with pytest.raises(PandocFilterError) as caught:
        filter_text(text, "html5")
    assert message in str(caught.value)


def test_a_deep_document_is_refused_without_exhausting_the_stack() -> None:
    deep: dict[str, Any] = {"t": "Para", "c": []}
    for _ in range(MAX_DEPTH + 10):
        deep = {"t": "BlockQuote", "c": [deep]}
    with pytest.raises(PandocFilterError, match="deeper than"):
        filter_document(document(deep), "html5")


def test_a_huge_flat_document_without_maps_passes_through(tmp_path: Path) -> None:
    blocks = [{"t": "Para", "c": [{"t": "Str", "c": f"word {index}"}]} for index in range(100_000)]
    result = filter_text(json.dumps(document(*blocks)), "html5", tmp_path)
    assert result.document["blocks"] == blocks
    assert not result.failed


def test_too_many_maps_are_refused(tmp_path: Path) -> None:
    blocks = [code_block(("colour", "red")) for _ in range(501)]
    with pytest.raises(PandocFilterError, match="more than 500 maps"):
        filter_document(document(*blocks), "html5", tmp_path)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    pairs=st.lists(
        st.tuples(st.sampled_from([*ATTRIBUTES, "sectoin", "", "é", "file\0"]) | st.text(max_size=12), st.text(max_size=40)),
        max_size=6,
    )
)
def test_fuzzed_attributes_give_a_request_or_a_message(tmp_path: Path, pairs: list[tuple[str, str]]) -> None:
    # Every file= named is missing (or outside): a request is refused before anything is drawn.
    fuzzed = [(key, "missing/" + value if key == "file" else value) for key, value in pairs]
    result = filter_document(document(code_block(*fuzzed)), "html5", tmp_path)
    assert result.failed
    assert len(result.messages) == 1 and result.messages[0].startswith("map 1 (CodeBlock): ")


@settings(max_examples=200, deadline=None)
@given(
    value=st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=8),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(["t", "c", "x"]), inner, max_size=3),
        max_leaves=30,
    )
)
def test_fuzzed_elements_never_raise_anything_but_a_filter_error(value: Any) -> None:
    try:
        result = filter_document(
            document({"t": "CodeBlock", "c": [["", ["argmap"], value], ""]}, api=value), "html5", "/nonexistent"
        )
    except PandocFilterError as error:
        assert str(error)
    else:
        assert result.failed and result.messages[0].startswith("map 1 (CodeBlock): ")


def test_the_command_refuses_standard_input_that_is_not_json() -> None:
    result = CliRunner().invoke(main, ["pandoc-filter", "html5"], input="# not json\n")
    assert result.exit_code == 1
    assert "Error: standard input is not a Pandoc JSON document at line 1, column 1" in result.output
    assert "Traceback" not in result.output


@pytest.mark.graphviz
def test_the_command_writes_the_filtered_document_and_the_diagnostics(folder: Path) -> None:
    text = json.dumps(document(code_block(("file", "maps/broken.yaml")), code_block(("file", "maps/tram.yaml"))))
    result = CliRunner().invoke(main, ["pandoc-filter", "docx", "--folder", str(folder)], input=text)
    assert result.exit_code == 1
    assert "maps/broken.yaml has errors; add allow-errors=true" in result.stderr
    filtered = json.loads(result.stdout)
    assert filtered["pandoc-api-version"] == API
    assert filtered["blocks"][1]["c"][0]["c"][2][0].endswith(".png")


def test_the_command_names_the_lua_filter_shipped_in_the_package() -> None:
    result = CliRunner().invoke(main, ["pandoc-filter", "--lua-filter-path"])
    assert result.exit_code == 0
    assert Path(result.stdout.strip()) == lua_filter()
    assert "pandoc.pipe" in lua_filter().read_text(encoding="utf-8")


@pytest.mark.slow
def test_the_wheel_ships_the_lua_filter_and_the_pandoc_script(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(REPO)], check=True, capture_output=True
    )
    [wheel] = tmp_path.glob("usfk_argmap-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        [entry_points] = [name for name in names if name.endswith(".dist-info/entry_points.txt")]
        assert "usfk-argmap-pandoc = usfk_argmap.cli.pandoc_entry:main" in archive.read(entry_points).decode()
    assert "usfk_argmap/pandoc/argmap.lua" in names
