"""The completeness report: source pieces, diagnostics with links, escaping, HTML and Markdown."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.helpers import MAPS
from usfk_argmap.cli.app import main
from usfk_argmap.mapfile.loader import load_map
from usfk_argmap.present.report import build_report, markdown_escape, report_diagnostics, report_html, report_markdown

from .helpers import write_map

SOURCE = "北韓發展核武。美國駐軍南韓！中國反對駐軍。這句沒有引用。\n"
MAP = """\
title: 報告測試 <script>alert(1)</script>
lang: zh-Hant
source: source.txt
root: T
nodes:
  T: {kind: thesis, text: "<script>alert(1)</script>中國反對駐軍", quote: 中國反對駐軍}
  C1: {kind: claim, text: 美國駐軍, quote: 美國駐軍南韓, supports: T}
  C2: {kind: claim, text: 駐軍, quote: 駐軍南韓, supports: T}
  E1: {kind: evidence, text: 核武, quote: 不在原文裡, supports: C1}
  O1: {kind: objection, text: 孤立, attacks: C2}
"""


@pytest.fixture
def report_map(tmp_path: Path) -> Path:
    (tmp_path / "source.txt").write_text(SOURCE, encoding="utf-8")
    return write_map(tmp_path, MAP)


def _report(path: Path):  # type: ignore[no-untyped-def]
    result = load_map(path)
    assert result.map is not None
    return result.map, build_report(result.map, report_diagnostics(result.map, result.diagnostics))


def test_source_is_cut_at_every_quote_boundary(report_map: Path) -> None:
    _, report = _report(report_map)
    assert report.source is not None
    assert "".join(p.text for p in report.source) == SOURCE
    pieces = [(p.text, p.nodes) for p in report.source]
    assert pieces == [
        ("北韓發展核武。", ()),
        ("美國", ("C1",)),
        ("駐軍南韓", ("C1", "C2")),  # quoted by two nodes
        ("！", ()),
        ("中國反對駐軍", ("T",)),
        ("。這句沒有引用。\n", ()),
    ]
    assert report.unquoted_sentences == ["北韓發展核武。", "這句沒有引用。"]


def test_items_link_diagnostics_and_quotes(report_map: Path) -> None:
    _, report = _report(report_map)
    items = {item.id: item for item in report.items}
    assert items["E1"].quote_status == "not found" and items["E1"].quote_anchor is None
    assert "AM301" in {d.code for d in items["E1"].diagnostics}
    assert items["C2"].quote_anchor == "q-2" and items["C1"].quote_anchor == "q-1"
    assert items["O1"].quote_status == "no quote"
    linked = [e for e in report.diagnostics if e.diagnostic.code == "AM301"]
    assert linked and linked[0].anchor == items["E1"].anchor
    assert report.counts["errors"] >= 1


@pytest.mark.graphviz
def test_html_escapes_node_text_and_marks_problem_nodes(report_map: Path) -> None:
    argument_map, report = _report(report_map)
    page = report_html(report, argument_map)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;中國反對駐軍" in page
    assert '<mark id="q-2" class="quote multi"' in page
    assert "<svg" in page and "http://" not in page.replace("http://www.w3.org", "")


def test_markdown_escapes_and_links(report_map: Path) -> None:
    _, report = _report(report_map)
    text = report_markdown(report)
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert '<a id="q-2"></a>**[駐軍南韓](#node-2)**' in text
    assert "| [E1](#node-4) |" in text


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("a|b", "a\\|b"),
        ("*bold* _x_", "\\*bold\\* \\_x\\_"),
        ("<b>&", "&lt;b&gt;&amp;"),
        ("two\nlines", "two lines"),
        ("[link](x)", "\\[link\\](x)"),
    ],
)
def test_markdown_escape(raw: str, escaped: str) -> None:
    assert markdown_escape(raw) == escaped


@pytest.mark.graphviz
def test_report_command_writes_html_and_markdown_with_its_picture(tmp_path: Path) -> None:
    runner = CliRunner()
    html = tmp_path / "report.html"
    result = runner.invoke(main, ["report", str(MAPS / "example_tram.yaml"), "-o", str(html)])
    assert result.exit_code == 0, result.output
    assert "Completeness report" in html.read_text(encoding="utf-8")
    md = tmp_path / "report.md"
    result = runner.invoke(main, ["report", str(MAPS / "example_tram.yaml"), "-o", str(md)])
    assert result.exit_code == 0, result.output
    assert "![The map](report.svg)" in md.read_text(encoding="utf-8")
    assert (tmp_path / "report.svg").read_bytes().lstrip().startswith((b"<?xml", b"<svg"))
    again = runner.invoke(main, ["report", str(MAPS / "example_tram.yaml"), "--format", "md"])
    assert again.exit_code == 0 and again.output.startswith("# Should Riverton build the tram?")


@pytest.mark.graphviz
def test_report_is_deterministic_and_uses_user_templates(tmp_path: Path, outputs_by_seed: list[dict[str, str]]) -> None:
    first, second = outputs_by_seed
    assert first["report"] == second["report"]
    _, report = _report(MAPS / "example_tram.yaml")
    (tmp_path / "report.md").write_text("{{ report.title }}: {{ report.counts.errors }} errors\n", encoding="utf-8")
    assert report_markdown(report, tmp_path) == "Should Riverton build the tram?: 0 errors\n"


def test_report_refuses_to_overwrite_the_map(tmp_path: Path) -> None:
    path = write_map(
        tmp_path,
        (MAPS / "example_tram.yaml").read_text(encoding="utf-8").replace("source: sources/tram.txt\n", ""),
        name="map.md",
    )
    result = CliRunner().invoke(main, ["report", str(path), "-o", str(path)])
    assert result.exit_code == 1 and "input file" in result.output
