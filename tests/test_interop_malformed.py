"""Malformed imports give positioned diagnostics, never tracebacks; the import command end to end."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import SHARED
from usfk_argmap.cli.app import main
from usfk_argmap.interop import IMPORT_CODES, ImportResult, import_bytes
from usfk_argmap.mapfile.loader import load_map, load_text
from usfk_argmap.mapfile.writer import write_map
from usfk_argmap.rules.catalogue import catalogue

FORMATS = ["argdown", "aif", "microtext", "xaif", "kialo"]


def _codes(result: ImportResult) -> list[tuple[str, int, int]]:
    """The diagnostics' codes and places, less the notes on the root and language an Argdown file leaves open."""
    return [
        (d.code, d.line, d.column) for d in result.diagnostics if not (d.code == "AM405" and "the file names no" in d.message)
    ]


@pytest.mark.parametrize(
    ("fmt", "data", "expected"),
    [
        ("aif", b'{\n  "nodes": [\n    {"nodeID": "1", "type": "I" "text": "x"}\n  ]\n}', [("AM401", 3, 33)]),
        ("aif", b"[1, 2]", [("AM401", 1, 1)]),
        ("aif", b'{"nodes": [], "edges": []}', [("AM407", 1, 1)]),
        (
            "aif",
            b'{"nodes": [{"nodeID": "1", "type": "I", "text": "a"},\n {"nodeID": "2", "type": "ZZ"}],\n'
            b' "edges": [{"edgeID": "7", "fromID": "1", "toID": "9"}]}',
            [("AM403", 2, 3), ("AM402", 3, 13)],
        ),
        ("microtext", b'<arggraph id="x">\n  <adu id="a1" type="pro">\n</arggraph>', [("AM401", 3, 3)]),
        ("microtext", b'<?xml version="1.0"?>\n<!DOCTYPE a [<!ENTITY b "c">]>\n<arggraph/>', [("AM401", 2, 13)]),
        ("microtext", b"<graph/>", [("AM401", 1, 1)]),
        (
            "microtext",
            b'<arggraph id="x">\n<edu id="e1">t</edu>\n<adu id="a1" type="pro"/>\n'
            b'<edge id="c1" src="e1" trg="a1" type="seg"/>\n<edge id="c2" src="a1" trg="a9" type="sup"/>\n'
            b'<edge id="c3" src="a1" trg="a1" type="zap"/>\n</arggraph>',
            [("AM403", 6, 1), ("AM402", 5, 1)],
        ),
        ("argdown", b"\xff\xfe[A]: x", [("AM401", 1, 1)]),
        ("argdown", b"", [("AM407", 1, 1)]),
        ("argdown", b"===\ntitle: [unclosed\n===\n\n[A]: text", [("AM404", 2, 17)]),
        ("argdown", b"[A]: one\n  + [B]: two\n\n<X>\n  _> [A]", [("AM402", 5, 3)]),
    ],
)
def test_malformed_inputs_are_positioned(fmt: str, data: bytes, expected: list[tuple[str, int, int]]) -> None:
    result = import_bytes(data, fmt, f"bad.{fmt}")
    assert _codes(result) == expected
    assert all(d.file == f"bad.{fmt}" for d in result.diagnostics)


def test_argdown_skipped_constructs_are_reported() -> None:
    text = (
        "===\ntitle: 測試\nauthor: 某人\n===\n\n// 註解\n[甲]: 第一句 #標籤\n  >< [乙]: 第二句\n\n"
        "<論證>\n\n(1) [甲]\n--\n規則一, 規則二\n--\n(2) [丙]: 結論\n  -> <論證二>\n"
    )
    result = import_bytes(text.encode(), "argdown", "t.argdown")
    assert result.map is not None and result.map.title == "測試"
    codes = {(d.code, d.line) for d in result.diagnostics}
    assert {("AM404", 1), ("AM404", 6), ("AM404", 7), ("AM405", 8)} <= codes
    assert result.map.arguments["論證"].note == "Inference: 規則一, 規則二"
    assert [p.target for p in result.map.arguments["論證"].premises] == ["甲"]


def test_import_codes_are_in_the_catalogue() -> None:
    listed = {entry.code: entry.group for entry in catalogue()}
    assert all(listed[code] == "import" for code in IMPORT_CODES)
    assert all(code.startswith("AM4") for code in IMPORT_CODES)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fmt=st.sampled_from(FORMATS), data=st.binary(max_size=400))
def test_arbitrary_bytes_only_give_diagnostics(fmt: str, data: bytes) -> None:
    result = import_bytes(data, fmt, "fuzz")
    assert isinstance(result, ImportResult)
    if result.map is not None:
        assert load_text(write_map(result.map)).map is not None


_ARGDOWN_PIECES = st.sampled_from(
    [
        "[A]: ",
        "[B]",
        "<C>: ",
        "<C>",
        "(1) ",
        "(2) ",
        "----",
        "--",
        "  + ",
        "  - ",
        "    _> ",
        "  >< ",
        "  +> ",
        "# ",
        "## 標題",
        "===",
        "title: x",
        "/*",
        "*/",
        "<!--",
        "-->",
        "// c",
        "#tag",
        "{kind: claim}",
        "{",
        "}",
        "\\",
        "文字",
        "text",
        "\n",
        "\n\n",
        "  ",
        "@[A]",
        "*b*",
        "_i_",
        "[l](u)",
    ]
)


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(_ARGDOWN_PIECES, max_size=40))
def test_argdown_fragments_only_give_diagnostics(pieces: list[str]) -> None:
    result = import_bytes("".join(pieces).encode(), "argdown", "fuzz.argdown")
    if result.map is not None:
        reloaded = load_text(write_map(result.map))
        assert reloaded.map is not None
        assert not [d for d in reloaded.diagnostics if d.severity.value == "error"]


@pytest.mark.slow  # 200 generated files through every importer: CI runs it, a plain pytest does not
@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=300))
def test_arbitrary_text_only_gives_diagnostics(text: str) -> None:
    for fmt in FORMATS:
        assert isinstance(import_bytes(text.encode("utf-8", "surrogatepass"), fmt, "fuzz"), ImportResult)


# -- the command ------------------------------------------------------------------
def test_import_command_writes_a_loadable_map(tmp_path: Path, shared_dir: Path) -> None:
    source = SHARED / "corpora" / "microtext" / "en" / "micro_b001.xml"
    output = tmp_path / "b001.yaml"
    result = CliRunner().invoke(main, ["import", str(source), "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert "AM405" in result.stderr
    loaded = load_map(output)
    assert loaded.ok and loaded.map is not None and loaded.map.root == "a5"
    check = CliRunner().invoke(main, ["check", str(output)])
    assert check.exit_code == 0  # warnings only: the imported map's open objections


def test_import_command_from_option_and_errors(tmp_path: Path) -> None:
    odd = tmp_path / "map.data"  # (.txt is Kialo's export)
    odd.write_text('{"nodes": [{"nodeID": 1, "type": "I", "text": "孤句"}], "edges": []}', encoding="utf-8")
    runner = CliRunner()
    unknown = runner.invoke(main, ["import", str(odd), "-o", str(tmp_path / "o.yaml")])
    assert unknown.exit_code == 2 and "--from" in unknown.output
    ok = runner.invoke(main, ["import", str(odd), "--from", "aif", "-o", str(tmp_path / "o.yaml")])
    assert ok.exit_code == 0 and "孤句" in (tmp_path / "o.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "broken.json"
    broken.write_text('{"nodes": [', encoding="utf-8")
    failed = runner.invoke(main, ["import", str(broken), "-o", str(tmp_path / "p.yaml")])
    assert failed.exit_code == 1 and "broken.json:1:12: AM401" in failed.stderr
    assert not (tmp_path / "p.yaml").exists()
    same = runner.invoke(main, ["import", str(odd), "--from", "aif", "-o", str(odd)])
    assert same.exit_code == 1 and "input file" in same.output


@pytest.mark.parametrize("fmt", ["graphml", "aif", "argdown", "mermaid", "dot"])
def test_export_command_writes_each_format(tmp_path: Path, fmt: str) -> None:
    from tests.helpers import MAPS
    from usfk_argmap.interop.exporters import export, for_output

    output = tmp_path / f"out.{fmt}"
    result = CliRunner().invoke(main, ["export", str(MAPS / "example_tram.yaml"), "--format", fmt, "-o", str(output)])
    assert result.exit_code == 0, result.output
    loaded = load_map(MAPS / "example_tram.yaml").map
    assert loaded is not None
    # The same as the library's, with the map's source: named relative to where the file went.
    assert output.read_text(encoding="utf-8") == export(for_output(loaded, output), fmt)
