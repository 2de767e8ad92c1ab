"""What the tests share: paths, a small map, small helpers (fixtures are in conftest.py)."""

from __future__ import annotations

import difflib
import itertools
import os
import shutil
from pathlib import Path

import pytest

from usfk_argmap.diagnostics import Diagnostic
from usfk_argmap.mapfile.loader import load_text
from usfk_argmap.model import ArgumentMap

REPO = Path(__file__).resolve().parent.parent
MAPS = REPO / "maps"
SHARED = REPO.parent / "shared"
GOLDEN = REPO / "tests" / "golden"

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
}
#: The tools each marker stands for; ``@pytest.mark.needs("pdffonts")`` names tools directly.
MARKER_TOOLS: dict[str, tuple[str, ...]] = {"graphviz": ("dot",), "browser": ("chromium",)}


def require(*tools: str) -> None:
    """Skip unless every tool is installed, except in CI, where a missing one is a failure."""
    missing = [name for name in tools if not _installed(TOOLS[name][0])]
    if not missing:
        return
    message = ", ".join(f"{name} ({TOOLS[name][1]})" for name in missing) + " not installed"
    if os.environ.get("CI"):
        pytest.fail(f"{message}: CI must install it (scripts/setup.sh test)")
    pytest.skip(message)


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
            diff = difflib.unified_diff(expected.splitlines(True), produced.splitlines(True),
                                        f"golden/{name}", "produced")
            shown = "".join(itertools.islice(diff, 60))
            pytest.fail(f"tests/golden/{name} differs (rerun with --update-golden if the change is intended):\n{shown}",
                        pytrace=False)
