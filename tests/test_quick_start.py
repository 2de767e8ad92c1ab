"""A new user's first minutes: `init` writes a map that passes `check --strict`; `quote` finds the verbatim passage."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.helpers import MAPS
from usfk_argmap.cli.app import main


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


@pytest.mark.parametrize("lang", ["en", "zh-Hant", "zh-Hans"])
def test_init_writes_a_map_that_passes_check_strict(tmp_path: Path, lang: str) -> None:
    path = tmp_path / "first.yaml"
    assert run("init", str(path), "--lang", lang)[0] == 0
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=") and f"lang: {lang}\n" in text
    for kind in ("thesis", "claim", "objection", "rebuttal"):
        assert f"kind: {kind}" in text
    code, output = run("check", str(path), "--strict")
    assert code == 0, output


def test_init_with_a_source_quotes_it_verbatim(tmp_path: Path) -> None:
    shutil.copytree(MAPS / "sources", tmp_path / "sources")
    path = tmp_path / "chapter.yaml"
    assert run("init", str(path), "--lang", "zh-Hant", "--source", str(tmp_path / "sources" / "usfk_conclusion.txt"))[0] == 0
    text = path.read_text(encoding="utf-8")
    assert 'source: "sources/usfk_conclusion.txt"' in text and text.count("quote: ") == 5
    code, output = run("check", str(path), "--strict")
    assert code == 0, output  # every quote is found: none is AM301


def test_init_never_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text("mine\n", encoding="utf-8")
    code, output = run("init", str(path))
    assert code == 1 and "exists" in output and path.read_text(encoding="utf-8") == "mine\n"
    assert run("init", str(path), "--force")[0] == 0


def test_quote_prints_the_source_passage_across_line_breaks(tmp_path: Path) -> None:
    source = tmp_path / "text.txt"
    source.write_text("The tram line\npays for itself within twenty years, the report says.\n", encoding="utf-8")
    code, output = run("quote", str(source), "tram line pays for   itself")
    assert code == 0 and output.splitlines()[0] == "tram line pays for itself"
    code, output = run("quote", str(source), "line pays", "--yaml")
    assert code == 0 and output.splitlines()[0] == 'quote: "line pays"'


def test_quote_of_the_flagship_keeps_the_sources_own_characters() -> None:
    code, output = run("quote", str(MAPS / "sources" / "usfk_conclusion.txt"), "駐韓美軍長期扮演")
    assert code == 0 and output.splitlines()[0] == "駐韓美軍長期扮演"


def test_quote_without_an_exact_match_says_so(tmp_path: Path) -> None:
    source = tmp_path / "text.txt"
    source.write_text("The tram line pays for itself within twenty years.\n", encoding="utf-8")
    code, output = run("quote", str(source), "the tram line pays for herself")
    assert code == 1 and "no exact match; this is the closest passage" in output
    assert "pays for itself" in output.splitlines()[0]
