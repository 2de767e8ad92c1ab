"""A map's text never becomes markup in what we write: Marp front matter and math, Markdown reports
read by a real Markdown renderer, ids and references in the HTML deck's inline SVG."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt

from tests.helpers import write_map
from usfk_argmap.mapfile.loader import load_map, load_text
from usfk_argmap.mapfile.reading import is_language_tag
from usfk_argmap.present.markdown import markdown_code, markdown_escape, markdown_url
from usfk_argmap.present.report import build_report, report_diagnostics, report_markdown
from usfk_argmap.present.slides.build import build_deck
from usfk_argmap.present.slides.formats import slide_files

SMALL_MAP = """\
title: {title}
lang: {lang}
root: T
nodes:
  T: {{kind: thesis, text: {text}}}
  C: {{kind: claim, text: a claim, supports: T}}
"""


def _markdown_html(text: str) -> str:
    """What a CommonMark renderer with GitHub tables makes of ``text`` (raw HTML allowed, as on GitHub)."""
    html: str = MarkdownIt("commonmark", {"html": True}).enable("table").render(text)
    return html


# -- the loader: lang is a BCP 47 tag -----------------------------------------------------------


@pytest.mark.parametrize(
    "lang", ["\"en\\nstyle: 'section{background:url(https://evil.example/x)}'\"", "english language", "zh_TW", '"en-"']
)
def test_a_lang_that_is_not_a_language_tag_is_a_positioned_diagnostic(lang: str) -> None:
    result = load_text(SMALL_MAP.format(title="t", lang=lang, text="x"))
    problems = [d for d in result.diagnostics if d.code == "AM007" and "'lang'" in d.message]
    assert len(problems) == 1
    assert (problems[0].line, problems[0].column) == (2, 7)
    assert result.map is not None and result.map.lang == "en"


def test_an_underscore_tag_gets_a_suggestion() -> None:
    result = load_text(SMALL_MAP.format(title="t", lang="zh_TW", text="x"))
    assert any("did you mean 'zh-TW'?" in d.message for d in result.diagnostics)


@pytest.mark.parametrize("tag", ["en", "zh-Hant", "zh-Hant-TW", "de-CH-1901", "es-419", "x-private", "en-US-u-ca-gregory"])
def test_well_formed_language_tags_are_accepted(tag: str) -> None:
    assert is_language_tag(tag)
    result = load_text(SMALL_MAP.format(title="t", lang=tag, text="x"))
    assert not [d for d in result.diagnostics if "'lang'" in d.message]


# -- Marp ----------------------------------------------------------------------------------------


@pytest.mark.graphviz
def test_marp_front_matter_is_quoted_and_text_is_inert(tmp_path: Path) -> None:
    title = '"x\\ny: 1 --- $E=mc^2$ &amp; <b>"'
    result = load_text(SMALL_MAP.format(title=title, lang="en", text='"costs $5 and $6; AT&amp;T"'))
    assert result.map is not None
    argument_map = result.map
    deck = build_deck(argument_map)
    text = slide_files(deck, argument_map, "marp", tmp_path / "x.md")[tmp_path / "x.md"].decode("utf-8")
    front = text.split("---\n")[1]
    # The front matter reads back as exactly our directives, every value the one we meant.
    directives = yaml.safe_load(front)
    assert set(directives) == {"marp", "theme", "size", "paginate", "lang", "title", "style"}
    assert directives["style"].startswith("section:has(> h2)")  # the deck's own style, no text of the map
    assert directives["title"] == "x\ny: 1 --- $E=mc^2$ &amp; <b>"
    assert all(line.split(": ", 1)[1][0] == '"' for line in front.splitlines() if not line.endswith("true"))
    body = re.sub(r"<!--.*?-->", "", text.split("\n---\n", 1)[1], flags=re.S)
    assert re.search(r"(?<!\\)\$", body) is None  # every $ escaped: no math span
    html = _markdown_html(body)
    assert "costs \\$5 and \\$6" in text
    assert "AT&amp;amp;T" in text  # shows as "AT&amp;T", as written
    assert "AT&amp;amp;T" in html
    assert "<b>" not in html


def test_marp_lang_from_an_unchecked_model_cannot_inject_a_directive(tmp_path: Path) -> None:
    # A map built in code skips the loader: the front matter still quotes the value.
    result = load_text(SMALL_MAP.format(title="t", lang="en", text="x"))
    assert result.map is not None
    from usfk_argmap.present.slides.deck import Deck
    from usfk_argmap.present.slides.marp import _STYLE, deck_marp

    deck = Deck("t", "en\nstyle: 'section{color:red}'", "light", [])
    text, _ = deck_marp(deck, result.map, "x_files")
    directives = yaml.safe_load(text.split("---\n")[1])
    front = text.split("---\n")[1]
    # One style directive, the deck's own: the lang's line break did not start another.
    assert [line for line in front.splitlines() if line.startswith("style:")] == [f"style: {json.dumps(_STYLE)}"]
    assert directives["lang"] == "en\nstyle: 'section{color:red}'"


@pytest.mark.graphviz
def test_marp_notes_are_never_read_as_directives(tmp_path: Path) -> None:
    # Marp reads an HTML comment whose text is a YAML mapping as directives, not as notes.
    text = (
        "title: t\nroot: T\nsections:\n  s1:\n    title: Part\n"
        '    note: "backgroundImage: url(https://evil.example/x.png)\\nclass: invert"\n'
        'nodes:\n  T: {kind: thesis, text: ": 1\\nbackgroundImage: url(https://evil.example/y.png)", section: s1}\n'
        "  C: {kind: claim, text: y, supports: T, section: s1}\n"
    )
    result = load_text(text)
    assert result.map is not None, result.diagnostics
    deck = build_deck(result.map)
    markdown = slide_files(deck, result.map, "marp", tmp_path / "x.md")[tmp_path / "x.md"].decode("utf-8")
    comments = re.findall(r"<!--\n(.*?)\n-->", markdown, re.S)
    assert comments and any("backgroundImage" in comment for comment in comments)
    assert any("evil.example/y.png" in comment for comment in comments)
    for comment in comments:
        try:
            node = yaml.compose(comment)  # the shape alone: Marp's YAML takes a [sequence] key too
        except yaml.YAMLError:
            continue
        assert not isinstance(node, yaml.MappingNode), comment


# -- the Markdown report -------------------------------------------------------------------------

HOSTILE_SOURCE = "s`<img src=x onerror=alert(1)>`.txt"


@pytest.mark.parametrize("map_name", ["map.yaml", "m`<img src=x onerror=alert(2)>`|x.yaml"])
def test_a_backtick_in_source_or_map_path_cannot_make_live_html(tmp_path: Path, map_name: str) -> None:
    (tmp_path / HOSTILE_SOURCE).write_text("A source text.\n", encoding="utf-8")
    path = write_map(
        tmp_path,
        f"title: t\nroot: T\nsource: '{HOSTILE_SOURCE}'\nnodes:\n"
        "  T: {kind: thesis, text: a thesis, quote: A source text}\n"
        "  C: {kind: claim, text: a claim, supports: T}\n"
        "  D: {kind: claim, text: orphan}\n",
        map_name,
    )
    result = load_map(path)
    assert result.map is not None
    report = build_report(result.map, report_diagnostics(result.map, result.diagnostics))
    assert report.source_name == HOSTILE_SOURCE
    text = report_markdown(report)
    html = _markdown_html(text)
    assert "<img" not in html
    assert "onerror=alert(1)" in html  # shown as text
    if "alert(2)" in map_name:
        assert "<img" not in html and "onerror=alert(2)" in html
        # the diagnostics table keeps its five columns: the | in the path does not split a cell
        rows = [row for row in re.findall(r"<tr>(.*?)</tr>", html, re.S) if "alert(2)" in row]
        assert len(rows) == 6
        assert all(row.count("<td") == 5 for row in rows)


@pytest.mark.parametrize(
    ("raw", "shown"),
    [("a`b", "a`b"), ("``", "``"), ("`x`", "`x`"), ("a | b", "a | b"), ("<img src=x onerror=y>", "<img src=x onerror=y>")],
)
def test_markdown_code_shows_any_text_as_written(raw: str, shown: str) -> None:
    html = _markdown_html(markdown_code(raw))
    inner = re.search(r"<code>(.*)</code>", html)
    assert inner is not None
    import html as html_module

    assert html_module.unescape(inner.group(1)) == shown


@pytest.mark.parametrize(
    "raw",
    [
        "$x$ and $$y$$",
        "&amp; &lt;",
        "# heading #",
        "1. item",
        "- item",
        "> quote",
        "[a](javascript:alert(1))",
        "![p](x.png)",
        "**b** _i_ ~~s~~",
        "<script>x</script>",
        "a | b",
        "back`tick",
    ],
)
def test_markdown_escape_shows_any_text_as_written(raw: str) -> None:
    html = _markdown_html(markdown_escape(raw))
    import html as html_module

    body = re.sub(r"</?p>\n?", "", html).strip()
    assert html_module.unescape(body) == raw


def test_markdown_url_encodes_what_breaks_a_link() -> None:
    assert markdown_url("my deck #1 (50%)_files/a.svg") == "my%20deck%20%231%20%2850%25%29_files/a.svg"


# -- the HTML deck's inline SVG ------------------------------------------------------------------


@pytest.mark.graphviz
def test_deck_prefixes_only_the_ids_graphviz_wrote(tmp_path: Path) -> None:
    from usfk_argmap.present.slides.html import deck_html

    result = load_text(SMALL_MAP.format(title="t", lang="en", text='"fill: url(#grad) and id=\\"x\\" href=\\"#y\\""'))
    assert result.map is not None
    deck = build_deck(result.map)
    page = deck_html(deck)
    assert "url(#grad)" in page and "url(#map-grad)" not in page
    assert 'data-am-id="T"' in page
    assert 'data-am-id="map-' not in page
    ids = set(re.findall(r'\sid="([^"]*)"', page))
    for reference in re.findall(r'(?:href="#|url\(#)([^")]*)', page):
        if reference != "grad" and reference != "y":
            assert reference in ids, reference


def test_stats_markdown_escapes_the_title(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from usfk_argmap.cli.app import main

    path = write_map(tmp_path, SMALL_MAP.format(title='"# x | <img src=x onerror=alert(1)> $y$"', lang="en", text="x"))
    result = CliRunner().invoke(main, ["stats", str(path), "--format", "md"])
    assert result.exit_code == 0, result.output
    html = _markdown_html(result.stdout)
    assert "<img" not in html
    assert html.startswith("<h1>")
