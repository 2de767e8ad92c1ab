"""What a small map's ``check`` and ``render`` import, pinned: the start-up costs of issue 28 cannot creep back.

Each command runs in a new interpreter, as a user runs it; the modules it
imported are read from ``sys.modules`` when it is done.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import MAPS

REPO = Path(__file__).resolve().parent.parent

#: Libraries no small-map command below needs: templates, decks, XML, the language server, images, fonts, tests.
HEAVY = ("jinja2", "pptx", "lxml", "pygls", "lsprotocol", "PIL", "fontTools", "hypothesis", "markdown_it", "networkx")
#: Our rooms that none of them needs: the exchange formats, decks and reports, the editor tooling.
UNUSED_ROOMS = ("usfk_argmap.present", "usfk_argmap.authoring", "usfk_argmap.interop.argdown", "usfk_argmap.interop.aif")


def _imported(tmp_path: Path, *args: str) -> set[str]:
    """The modules a process imported to run ``usfk-argmap ARGS`` (it must succeed)."""
    probe = (
        "import json, sys\nfrom usfk_argmap.cli.app import main\n"
        f"try:\n    main({list(args)!r})\nexcept SystemExit as done:\n    assert not done.code, done.code\n"
        "sys.stderr.write('\\nMODULES ' + json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path, check=True)
    return set(json.loads(result.stderr.rsplit("\nMODULES ", 1)[1]))


def _found(modules: set[str], names: tuple[str, ...]) -> list[str]:
    """The modules of ``modules`` that are one of ``names`` or inside one of them."""
    return sorted(m for m in modules if any(m == name or m.startswith(name + ".") for name in names))


@pytest.mark.graphviz
@pytest.mark.parametrize("suffix", [".svg", ".png"])
def test_render_imports_the_drawing_and_nothing_heavy(tmp_path: Path, suffix: str) -> None:
    modules = _imported(tmp_path, "render", str(MAPS / "usfk_conclusion.yaml"), "-o", f"map{suffix}")
    assert (tmp_path / f"map{suffix}").stat().st_size > 0
    assert _found(modules, (*HEAVY, *UNUSED_ROOMS, "usfk_argmap.interop", "usfk_argmap.rules")) == []
    # What it cannot do without: DOT built with pydot, the map read with PyYAML.
    assert {"pydot", "yaml", "usfk_argmap.drawing.dot"} <= modules
    # The Chinese labels are broken into phrases with BudouX's model file, read without importing BudouX.
    assert _found(modules, ("budoux",)) == []


def test_check_imports_no_drawing(tmp_path: Path) -> None:
    modules = _imported(tmp_path, "check", str(MAPS / "usfk_conclusion.yaml"))
    assert _found(modules, (*HEAVY, *UNUSED_ROOMS, "pydot", "budoux", "usfk_argmap.pipeline")) == []
    # Of the drawing room, only the Graphviz boundary's time limit, which every command runs under (``cli.runtime``).
    assert _found(modules, ("usfk_argmap.drawing",)) == ["usfk_argmap.drawing", "usfk_argmap.drawing.graphviz"]
    assert "usfk_argmap.rules" in modules


def test_version_imports_neither_the_model_nor_yaml(tmp_path: Path) -> None:
    modules = _imported(tmp_path, "--version")
    assert _found(modules, (*HEAVY, "yaml", "pydot", "dataclasses", "usfk_argmap.core.model", "usfk_argmap.mapfile")) == []
