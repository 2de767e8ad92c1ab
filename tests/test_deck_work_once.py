"""A deck does its shared work once: the map's font is looked up once, the map evaluated once.

Each look-up function is replaced, in every module of ours that holds it, by
one that counts its calls; the flagship's deck is then built by the command.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.helpers import MAPS
from usfk_argmap.analysis import evaluation
from usfk_argmap.cli.app import main
from usfk_argmap.drawing import fonts


def _count_calls(monkeypatch: pytest.MonkeyPatch, calls: Counter[str], function: Callable[..., Any]) -> None:
    """Count the calls of ``function`` through every module of ours that imported it, and its own."""

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls[function.__name__] += 1
        return function(*args, **kwargs)

    for name, module in list(sys.modules.items()):
        if name.startswith("usfk_argmap") and getattr(module, function.__name__, None) is function:
            monkeypatch.setattr(module, function.__name__, counted)


@pytest.mark.graphviz
@pytest.mark.parametrize(("suffix", "font_files"), [(".html", 1), (".pptx", 0), (".md", 0), (".tex", 1)])
def test_a_deck_looks_its_font_up_once_and_evaluates_once(
    suffix: str, font_files: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import usfk_argmap.drawing.basis
    import usfk_argmap.present.slides.pptx.native  # noqa: F401 - the modules that hold the functions, imported first

    calls: Counter[str] = Counter()
    for function in (fonts.font_for_lang, fonts.find_font_file, evaluation.evaluate):
        _count_calls(monkeypatch, calls, function)
    output = tmp_path / f"deck{suffix}"
    result = CliRunner().invoke(main, ["slides", str(MAPS / "usfk_conclusion.yaml"), "-o", str(output), "--evaluate"])
    assert result.exit_code == 0, result.output
    assert output.stat().st_size > 0
    assert calls["font_for_lang"] == 1
    assert calls["find_font_file"] == font_files  # the HTML and Beamer decks embed the font's file
    assert calls["evaluate"] == 1


@pytest.mark.graphviz
def test_a_deck_without_evaluate_evaluates_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: Counter[str] = Counter()
    _count_calls(monkeypatch, calls, evaluation.evaluate)
    result = CliRunner().invoke(main, ["slides", str(MAPS / "example_tram.yaml"), "-o", str(tmp_path / "deck.md")])
    assert result.exit_code == 0, result.output
    assert calls["evaluate"] == 0
