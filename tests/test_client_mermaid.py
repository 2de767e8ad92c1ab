"""The Mermaid CLI (``mmdc``, driving Debian's chromium) renders our Mermaid export with every text in the SVG.

All diagrams go into one Markdown file, so one ``mmdc`` run (one browser)
renders them all; each is then checked on its own: every node text, section
title, argument id and the title are in the SVG's text, the default theme
is in force (a ``%%{init: ...}%%`` in a label is text, not a directive), and
our colours are the drawing palette's. Run alone with ``pytest -m mermaid_cli``.
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
from dataclasses import dataclass

import pytest

from tests.helpers import MAPS
from usfk_argmap.core.model import ArgumentMap
from usfk_argmap.drawing.style import THEMES
from usfk_argmap.interop.mermaid import TITLE_LESS_THAN, to_mermaid

from .clients import CLIENT_BIN, chromium, client
from .exchange_maps import BUNDLED_MAPS, NASTY, SMALL_ZH, load_ok, load_string, strings_map

pytestmark = [pytest.mark.client, pytest.mark.mermaid_cli]

PUPPETEER_CONFIG = CLIENT_BIN.parent.parent / "puppeteer-config.json"
MAP_NAMES = [path.stem for path in BUNDLED_MAPS] + ["small_zh", "nasty", "strings"]
#: The default theme's node fill; the dark theme (what the label's directive asks for) uses #1f2020.
DEFAULT_THEME_FILL = "#ECECFF"


def mermaid_maps() -> dict[str, ArgumentMap]:
    maps = {path.stem: load_ok(path) for path in BUNDLED_MAPS}
    maps["small_zh"] = load_string(SMALL_ZH, MAPS / "small_zh.yaml")
    maps["nasty"] = load_string(NASTY, MAPS / "nasty.yaml")
    maps["strings"] = strings_map()
    return maps


@dataclass
class MermaidRun:
    maps: dict[str, ArgumentMap]
    svgs: dict[str, str]
    output: str


@pytest.fixture(scope="module")
def mermaid_run(tmp_path_factory: pytest.TempPathFactory) -> MermaidRun:
    mmdc = client("mmdc", "@mermaid-js/mermaid-cli")
    browser = chromium()
    folder = tmp_path_factory.mktemp("mermaid")
    config = json.loads(PUPPETEER_CONFIG.read_text(encoding="utf-8"))
    assert config["executablePath"] == str(browser)
    maps = mermaid_maps()
    blocks = [f"## {name}\n\n```mermaid\n{to_mermaid(argument_map)}```\n" for name, argument_map in maps.items()]
    (folder / "maps.md").write_text("\n".join(blocks), encoding="utf-8")
    env = {**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1"}
    result = subprocess.run(
        [str(mmdc), "-p", str(PUPPETEER_CONFIG), "-i", str(folder / "maps.md"), "-o", str(folder / "out.md")],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    svgs = {
        name: (folder / f"out-{number}.svg").read_text(encoding="utf-8")
        for number, name in enumerate(maps, start=1)
        if (folder / f"out-{number}.svg").exists()
    }
    return MermaidRun(maps, svgs, output)


def _svg_text(svg: str) -> str:
    """The text a reader sees: tags dropped, entities resolved, spaces collapsed (labels wrap)."""
    body = svg.split("</style>", 1)[-1]
    text = html.unescape(re.sub(r"<[^>]+>", " ", body))
    return " ".join(text.split())


def _shown(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("name", MAP_NAMES)
def test_mermaid_cli_renders_every_text(mermaid_run: MermaidRun, name: str) -> None:
    assert name in mermaid_run.svgs, f"mmdc rendered no SVG for {name}:\n{mermaid_run.output}"
    svg, argument_map = mermaid_run.svgs[name], mermaid_run.maps[name]
    seen = _svg_text(svg)
    expected = [n.label or n.text for n in argument_map.nodes.values()]  # pictures show the short label
    expected += [s.title for s in argument_map.sections.values() if any(n.section == s.id for n in argument_map.nodes.values())]
    expected += [a for a in argument_map.arguments if a not in argument_map.nodes]
    expected.append(argument_map.title.replace("<", TITLE_LESS_THAN))  # Mermaid shows no "<" in a title
    missing = [text for text in expected if _shown(text) not in seen]
    assert not missing, f"not in the SVG: {missing}"


@pytest.mark.parametrize("name", MAP_NAMES)
def test_mermaid_labels_apply_no_directive_and_keep_our_palette(mermaid_run: MermaidRun, name: str) -> None:
    svg = mermaid_run.svgs[name]
    style = svg.split("</style>", 1)[0]
    assert f"fill:{DEFAULT_THEME_FILL}" in style, "the theme changed: a directive in the text was applied"
    light = THEMES["light"]
    used = {n.kind for n in mermaid_run.maps[name].nodes.values()}
    for kind in used:
        assert light.kinds[kind].fill.lower() in svg.lower(), kind


def test_the_nasty_map_shows_the_directive_as_text(mermaid_run: MermaidRun) -> None:
    seen = _svg_text(mermaid_run.svgs["nasty"])
    assert "%%{init: {'theme': 'dark'}}%% Directive in a label #quot; %% comment" in seen
    assert "Nasty === map %%{init: {'theme': 'forest'}}%% \ufe64b>" in seen
