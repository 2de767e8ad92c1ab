"""The text equivalent of a map (issue 26): ``export --format outline`` (Markdown) and ``outline-text``.

Goldens for the flagship (zh-Hant) and the tram map (English); the Markdown is read
back with markdown-it-py (CommonMark) into the nested list the outline stands for,
and markup in a statement's text stays text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from markdown_it import MarkdownIt
from markdown_it.token import Token

from tests.helpers import MAPS, SMALL_ZH, Golden
from usfk_argmap import open_map
from usfk_argmap.cli.app import main
from usfk_argmap.core.model import ArgumentMap
from usfk_argmap.drawing.words import Sayer
from usfk_argmap.interop.exporters import export
from usfk_argmap.interop.outline import outline_items
from usfk_argmap.mapfile.loader import load_text

FLAGSHIP = MAPS / "usfk_conclusion.yaml"
TRAM = MAPS / "example_tram.yaml"


def loaded(text: str) -> ArgumentMap:
    result = load_text(text)
    assert result.map is not None, result.diagnostics
    return result.map


def read_list(markdown: str) -> list[tuple[int, str]]:
    """(depth, the item's text as a reader sees it) of every list item, in order, as CommonMark parses it."""
    items: list[tuple[int, str]] = []
    depth = -1
    for token in MarkdownIt("commonmark").parse(markdown):
        if token.type == "bullet_list_open":
            depth += 1
        elif token.type == "bullet_list_close":
            depth -= 1
        elif token.type == "inline" and depth >= 0:
            items.append((depth, _plain(token.children or [])))
    return items


def _plain(children: list[Token]) -> str:
    """An inline token's text; ``Markup`` is any token that is not text (emphasis, a link, HTML, code)."""
    return "".join(child.content if child.type == "text" else f"Markup({child.type})" for child in children)


@pytest.mark.parametrize(
    ("path", "fmt", "golden_name"),
    [
        (FLAGSHIP, "outline", "usfk_conclusion.outline.md"),
        (TRAM, "outline", "example_tram.outline.md"),
        (TRAM, "outline-text", "example_tram.outline.txt"),
    ],
)
def test_golden_outline(path: Path, fmt: str, golden_name: str, golden: Golden) -> None:
    golden.check(golden_name, export(open_map(path), fmt))


@pytest.mark.parametrize("path", [FLAGSHIP, TRAM])
def test_the_markdown_is_the_nested_list_of_the_argument(path: Path) -> None:
    argument_map = open_map(path)
    sayer = Sayer(argument_map)
    expected = [(depth, sayer.statement(argument_map.nodes[n])) for depth, n in outline_items(argument_map)]
    markdown = export(argument_map, "outline")
    assert markdown.splitlines()[0] == f"# {argument_map.title}"
    assert read_list(markdown) == expected
    # Every statement once; the thesis alone at the top when every statement reaches it.
    assert sorted(n for _, n in outline_items(argument_map)) == sorted(argument_map.nodes)
    assert [n for depth, n in outline_items(argument_map) if depth == 0] == ["T"]


def test_the_tram_outline_nests_reasons_objections_and_answers() -> None:
    items = outline_items(open_map(TRAM))
    assert items == [
        (0, "T"),
        (1, "C1"),
        (2, "P3"),
        (2, "P1"),
        (3, "E1"),
        (3, "O2"),  # undercuts the argument of P1 and P2: under its first premise
        (4, "R2"),
        (2, "P2"),
        (2, "O1"),
        (3, "R1"),
        (1, "C2"),
        (2, "E2"),
    ]


def test_an_unreached_statement_comes_last_at_the_top() -> None:
    text = SMALL_ZH.replace("arguments:", "  X: {kind: claim, text: 孤立的主張}\narguments:")
    argument_map = loaded(text)
    items = outline_items(argument_map)
    assert items[0] == (0, "T") and items[-1] == (0, "X")
    # The undercut of A1 is listed under its first premise, P1.
    assert items[items.index((2, "P1")) + 1] == (3, "U1")


NASTY = [
    "*not emphasis* and _not_ either",
    "[a link](https://example.com) ![a picture](x.png)",
    "<b>html</b> &amp; <script>x</script>",
    "`code` and $math$ and a | bar",
    "# not a heading",
    "1. not a list",
]


@pytest.mark.parametrize("text", NASTY)
def test_markup_in_a_text_stays_text(text: str) -> None:
    quoted = "'" + text.replace("'", "''") + "'"
    argument_map = loaded(f"title: {quoted}\nroot: T\nnodes:\n  T: {{kind: thesis, text: {quoted}}}\n")
    markdown = export(argument_map, "outline")
    tokens = MarkdownIt("commonmark").parse(markdown)
    assert [t.type for t in tokens if t.type.endswith("_open")] == [
        "heading_open",
        "bullet_list_open",
        "list_item_open",
        "paragraph_open",
    ]
    assert read_list(markdown) == [(0, f"Thesis T: {text}")]
    heading = next(t for t in tokens if t.type == "inline")
    assert _plain(heading.children or []) == text
    # The plain text outline writes the text as is.
    assert export(argument_map, "outline-text").splitlines()[2] == f"- Thesis T: {text}"


def test_export_writes_the_outline_from_the_command_line(tmp_path: Path) -> None:
    output = tmp_path / "usfk.md"
    result = CliRunner().invoke(main, ["export", str(FLAGSHIP), "--format", "outline", "-o", str(output)])
    assert result.exit_code == 0, result.output
    text = output.read_text(encoding="utf-8")
    assert text == export(open_map(FLAGSHIP), "outline")
    assert "\n- 論旨 T：" in text and "\n  - 主張 C1：冷戰後朝鮮半島情勢相對穩定（支持 T；支持 SC2.1；支持 SC4.1）\n" in text
