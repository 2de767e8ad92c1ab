"""Texts and maps in different folders (issue 21): ``init --source-root``, and an export imported elsewhere.

A map may read a source outside its own folder tree only when ``--source-root``
allows it (AM014). ``init`` refuses a source it could not read, with the command
that works; ``import`` rebases ``source:`` and says how to check the map it wrote.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from usfk_argmap.cli.app import main
from usfk_argmap.mapfile.context import source_root_needed

ESSAY = "Cameras record everything. Recording costs little. People behave better when watched. Some disagree.\n"
ESSAY_ZH = "監視器記錄一切。錄影的成本很低。人在被注視時表現較好。有人不同意。\n"


def _run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A teacher's folders: texts in ``texts/`` (English and Chinese), maps in ``maps/``; the current folder."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("USFK_ARGMAP_SOURCE_ROOTS", raising=False)
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "essay.txt").write_text(ESSAY, encoding="utf-8")
    (tmp_path / "texts" / "文章.txt").write_text(ESSAY_ZH, encoding="utf-8")
    (tmp_path / "maps" / "sources").mkdir(parents=True)
    (tmp_path / "maps" / "sources" / "essay.txt").write_text(ESSAY, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("source", "roots", "needed"),
    [
        ("maps/sources/essay.txt", (), None),  # in the map's folder tree
        ("texts/essay.txt", (), Path("texts")),
        ("texts/文章.txt", (), Path("texts")),
        ("texts/essay.txt", ("texts",), None),  # a root allows it
        ("texts/essay.txt", ("maps",), Path("texts")),  # a root that does not hold it
        ("maps/../texts/essay.txt", (), Path("texts")),  # written as it can be typed
    ],
)
def test_the_source_root_a_map_needs(folders: Path, source: str, roots: tuple[str, ...], needed: Path | None) -> None:
    assert source_root_needed("maps/x.yaml", source, roots) == needed


@pytest.mark.parametrize(
    ("source", "lang", "command"),
    [
        ("texts/essay.txt", "en", "usfk-argmap init maps/x.yaml --source texts/essay.txt --source-root texts"),
        ("texts/文章.txt", "zh-Hant", "usfk-argmap init maps/x.yaml --lang zh-Hant --source texts/文章.txt --source-root texts"),
    ],
)
def test_init_refuses_a_source_it_could_not_read_with_the_command_that_works(
    folders: Path, source: str, lang: str, command: str
) -> None:
    refused = _run("init", "maps/x.yaml", "--lang", lang, "--source", source)
    assert refused.exit_code == 2, refused.output
    assert "outside the folder tree of maps/x.yaml" in refused.stderr
    assert f"\n    {command}\n" in refused.stderr
    assert not (folders / "maps" / "x.yaml").exists()  # nothing that would fail its first check is written
    # The command it gives works, and says how to check the map it wrote; the check passes.
    done = _run(*command.split()[1:])
    assert done.exit_code == 0, done.output
    assert "next: usfk-argmap check maps/x.yaml --strict --source-root texts" in done.stderr
    checked = _run("check", "maps/x.yaml", "--strict", "--source-root", "texts")
    assert checked.exit_code == 0, checked.output
    assert 'source: "../texts/' in (folders / "maps" / "x.yaml").read_text(encoding="utf-8")


def test_init_with_a_source_in_the_map_folder_needs_no_root(folders: Path) -> None:
    done = _run("init", "maps/x.yaml", "--source", "maps/sources/essay.txt", "--source-root", "texts")
    assert done.exit_code == 0, done.output
    assert done.stderr.splitlines()[-1] == "wrote maps/x.yaml; next: usfk-argmap check maps/x.yaml --strict"
    assert _run("check", "maps/x.yaml", "--strict").exit_code == 0


def test_init_takes_the_roots_of_the_environment(folders: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("USFK_ARGMAP_SOURCE_ROOTS", "texts")
    done = _run("init", "maps/x.yaml", "--source", "texts/essay.txt")
    assert done.exit_code == 0, done.output
    assert _run("check", "maps/x.yaml", "--strict").exit_code == 0


def test_an_export_imported_into_a_third_folder_says_how_to_check_it(folders: Path) -> None:
    assert _run("init", "maps/x.yaml", "--source", "maps/sources/essay.txt").exit_code == 0
    exported = _run("export", "maps/x.yaml", "--format", "argdown", "-o", "exchange/x.argdown")
    assert exported.exit_code == 0, exported.output
    imported = _run("import", "exchange/x.argdown", "-o", "imported/x.yaml")
    assert imported.exit_code == 0, imported.output
    # The source is rebased, so it names the same text from the new folder...
    assert "source: ../maps/sources/essay.txt\n" in (folders / "imported" / "x.yaml").read_text(encoding="utf-8")
    # ...which lies outside the map's tree: the note gives the check that reads it.
    command = "usfk-argmap check imported/x.yaml --source-root maps/sources"
    assert (
        f"note: imported/x.yaml names its source '../maps/sources/essay.txt', outside the map's folder tree; "
        f"check it with: {command}" in imported.stderr
    )
    checked = _run(*command.split()[1:], "--strict")
    assert checked.exit_code == 0, checked.output
    assert "AM014" not in checked.output
    assert "AM014" in _run("check", "imported/x.yaml").stdout  # the note is needed: without the root, AM014


def test_an_import_beside_its_source_says_nothing(folders: Path) -> None:
    assert _run("init", "maps/x.yaml", "--source", "maps/sources/essay.txt").exit_code == 0
    assert _run("export", "maps/x.yaml", "--format", "argdown", "-o", "exchange/x.argdown").exit_code == 0
    imported = _run("import", "exchange/x.argdown", "-o", "maps/again.yaml")
    assert imported.exit_code == 0, imported.output
    assert "note:" not in imported.stderr
    assert _run("check", "maps/again.yaml", "--strict").exit_code == 0


def test_an_import_whose_source_is_not_there_says_so(folders: Path) -> None:
    (folders / "debate.argdown").write_text(
        "===\ntitle: Debate\nsource: missing.txt\n===\n\n[T]: A thesis.\n  <+ <A>: An argument.\n", encoding="utf-8"
    )
    imported = _run("import", "debate.argdown", "-o", "maps/debate.yaml")
    assert imported.exit_code == 0, imported.output
    assert "note: maps/debate.yaml names its source '../missing.txt', which is not there" in imported.stderr


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (("check", "maps/x.yaml"), "usfk-argmap check maps/x.yaml"),
        (("check", "maps/地圖.yaml"), "usfk-argmap check maps/地圖.yaml"),  # any script's letters as they are
        (("check", "my maps/x.yaml"), "usfk-argmap check 'my maps/x.yaml'"),
        (("check", "it's.yaml", "--source-root", "$HOME"), "usfk-argmap check 'it'\"'\"'s.yaml' --source-root '$HOME'"),
    ],
)
def test_a_command_to_paste_quotes_what_the_shell_would_change(args: tuple[str, ...], line: str) -> None:
    from usfk_argmap.cli.output import command_line

    assert command_line(*args) == line
