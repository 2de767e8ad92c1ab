"""What the tests share: paths, a small map, small helpers (fixtures are in conftest.py)."""

from __future__ import annotations

import difflib
import itertools
import os
import shutil
from pathlib import Path

import pytest

from usfk_argmap.core.diagnostics import Diagnostic
from usfk_argmap.core.model import ArgumentMap
from usfk_argmap.mapfile.loader import load_text

REPO = Path(__file__).resolve().parent.parent
MAPS = REPO / "maps"
SHARED = REPO.parent / "shared"
GOLDEN = REPO / "tests" / "golden"
#: Where `npm ci --prefix clients` puts the client programs our exports are checked with.
CLIENT_BIN = REPO / "clients" / "node_modules" / ".bin"

#: A small Traditional Chinese map with a section, a linked argument, an undercut and an id with a colon.


def write_map(tmp_path: Path, text: str, name: str = "map.yaml") -> Path:
    """Write a map file for a test and return its path."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def located(diagnostics: list[Diagnostic], code: str) -> list[tuple[int, int, str | None]]:
    """(line, column, node) of each diagnostic with ``code``."""
    return [(d.line, d.column, d.node) for d in diagnostics if d.code == code]


SMALL_ZH = """\
title: 小地圖
lang: zh-Hant
root: T
sections:
  s1: 第一節
nodes:
  T:
    kind: thesis
    text: 中國對駐韓美軍的立場逐步轉變。
    en: China's position shifted.
  C:1:
    kind: claim
    text: 冷戰後朝鮮半島情勢相對穩定，美軍駐韓理由減弱。
    section: s1
    supports: T
  P1:
    kind: premise
    text: 兩韓簽訂基本協議（1991）。
    section: s1
  P2:
    kind: assumption
    text: 協議會被遵守。
    section: s1
  O1:
    kind: objection
    text: 北韓核武問題使情勢再度緊張。
    attacks: C:1
  U1:
    kind: objection
    text: 協議未曾落實。
    undercuts: A1
arguments:
  A1:
    premises: [P1, P2]
    supports: C:1
"""


def small_map() -> ArgumentMap:
    result = load_text(SMALL_ZH)
    assert result.map is not None, result.diagnostics
    return result.map


#: The programs tool-gated tests need: name -> (an executable on PATH, or an absolute path; its Debian package).
TOOLS: dict[str, tuple[str, str]] = {
    "dot": ("dot", "graphviz"),
    "chromium": ("/usr/bin/chromium", "chromium"),
    "dejavu": ("/usr/share/fonts/truetype/dejavu", "fonts-dejavu-core"),
    "pdffonts": ("pdffonts", "poppler-utils"),
    "pdfinfo": ("pdfinfo", "poppler-utils"),
    "node": ("node", "nodejs"),
    # The npm clients, installed project-locally by `npm ci --prefix clients` (scripts/setup.sh test).
    "argdown": (str(CLIENT_BIN / "argdown"), "@argdown/cli: run `npm ci --prefix clients`"),
    "mmdc": (str(CLIENT_BIN / "mmdc"), "@mermaid-js/mermaid-cli: run `npm ci --prefix clients`"),
}
#: The tools each marker stands for; ``@pytest.mark.needs("pdffonts")`` names tools directly.
MARKER_TOOLS: dict[str, tuple[str, ...]] = {
    "graphviz": ("dot",),
    "browser": ("chromium",),
    "argdown_cli": ("node", "argdown"),
    "mermaid_cli": ("node", "mmdc", "chromium"),
}


def require(*tools: str, table: dict[str, tuple[str, str]] | None = None) -> None:
    """Skip unless every tool is installed, except in CI, where a missing one is a failure.

    The tools are names of ``TOOLS`` (or of ``table``, where it names them).
    """
    known = {**TOOLS, **(table or {})}
    missing = [name for name in tools if not _installed(known[name][0])]
    if not missing:
        return
    message = ", ".join(f"{name} ({known[name][1]})" for name in missing) + " not installed"
    if os.environ.get("CI"):
        pytest.fail(f"{message}: CI must install it (scripts/setup.sh test)")
    pytest.skip(message)


def require_tool(executable: str, package: str) -> None:
    """``require`` for a program on PATH that ``TOOLS`` does not list (``package`` installs it)."""
    require(executable, table={executable: (executable, package)})


def require_client(executable: str, package: str) -> str:
    """The path of a client program: under clients/node_modules/.bin, else on PATH (``require`` otherwise)."""
    local = CLIENT_BIN / executable
    found = str(local) if local.is_file() else shutil.which(executable)
    if found is None:
        require(executable, table={executable: (str(local), f"{package}; scripts/setup.sh test installs it")})
        raise AssertionError("unreachable: require skips or fails")
    return found


def _installed(where: str) -> bool:
    return Path(where).exists() if where.startswith("/") else shutil.which(where) is not None


class Golden:
    """Compares output with a file under ``tests/golden/``; ``--update-golden`` rewrites the file instead."""

    def __init__(self, update: bool) -> None:
        self.update = update

    def check(self, name: str, produced: str) -> None:
        path = GOLDEN / name
        if self.update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(produced, encoding="utf-8")
            return
        if not path.is_file():
            pytest.fail(f"tests/golden/{name} is missing: run `python -m pytest --update-golden`")
        expected = path.read_text(encoding="utf-8")
        if produced != expected:
            diff = difflib.unified_diff(expected.splitlines(True), produced.splitlines(True), f"golden/{name}", "produced")
            shown = "".join(itertools.islice(diff, 60))
            pytest.fail(
                f"tests/golden/{name} differs (rerun with --update-golden if the change is intended):\n{shown}", pytrace=False
            )


#: A map whose undercut names a node's own relation (drawn through a joint ``am-r1``).
UNDERCUT_RELATION = """\
title: 削弱推論
lang: zh-Hant
root: T
nodes:
  T: {kind: thesis, text: 美軍應繼續駐韓。}
  C1: {kind: claim, text: 駐軍維持區域之和平與穩定, label: 駐軍維持和平, supports: T}
  O1: {kind: objection, text: 論述已有調整, attacks: C1}
  R1: {kind: rebuttal, text: 調整的只是手法, undercuts: {from: O1, to: C1}}
  E1: {kind: evidence, text: 五十年無戰事, supports: C1}
"""


#: Hash seeds the determinism tests compare: outputs must not depend on the order of sets and dicts.
HASH_SEEDS = ("1", "2")


def outputs_to_compare() -> dict[str, str]:
    """The SHA-256 of every output the determinism tests compare, made in this process."""
    import hashlib

    from usfk_argmap.drawing.options import RenderOptions
    from usfk_argmap.interop.exporters import EXPORT_FORMATS, export
    from usfk_argmap.mapfile.loader import load_map
    from usfk_argmap.pipeline import render_svg, to_dot
    from usfk_argmap.present.report import build_report, report_diagnostics, report_html
    from usfk_argmap.present.slides.build import build_deck
    from usfk_argmap.present.slides.html import deck_html

    tram = load_map(MAPS / "example_tram.yaml")
    assert tram.map is not None
    small = small_map()
    outputs: dict[str, str | bytes] = {
        "dot": to_dot(tram.map, RenderOptions(fit="16:9", legend=True, clusters=True, transparent=True)),
        "svg": render_svg(small, RenderOptions(fit="16:9", legend=True, show_issues=True)),
        "svg-embedded-font": render_svg(small, RenderOptions(embed_fonts=True)),
        "report": report_html(build_report(tram.map, report_diagnostics(tram.map, tram.diagnostics)), tram.map),
        "deck": deck_html(build_deck(small)),
    }
    outputs.update({f"export-{name}": export(small, name) for name in sorted(EXPORT_FORMATS)})
    return {
        key: hashlib.sha256(value if isinstance(value, bytes) else value.encode()).hexdigest() for key, value in outputs.items()
    }


def outputs_in_processes() -> list[dict[str, str]]:
    """``outputs_to_compare`` made in a fresh interpreter for each of ``HASH_SEEDS``."""
    import json
    import subprocess
    import sys

    script = "import json; from tests.helpers import outputs_to_compare; print(json.dumps(outputs_to_compare()))"
    # The two run side by side: each lays out the same maps, so together they take the time of one on two cores.
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", script],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        for seed in HASH_SEEDS
    ]
    outputs = []
    for run in runs:
        stdout, stderr = run.communicate(timeout=300)
        assert run.returncode == 0, stderr
        outputs.append(json.loads(stdout))
    return outputs
