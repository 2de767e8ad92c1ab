"""Hostile but realistic input to every command: a clear message and the right exit code, never a
traceback, never a lost or half-written file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import usfk_argmap
from tests.helpers import MAPS, write_map
from usfk_argmap.cli.app import main
from usfk_argmap.core.errors import OutputError, TemplateError
from usfk_argmap.core.files import write_files_atomic
from usfk_argmap.interop import import_file
from usfk_argmap.present.templating import render_template

UNREADABLE = Path("/proc/self/mem")  # exists, but reading it from the start fails with EIO
needs_unreadable = pytest.mark.skipif(not UNREADABLE.exists(), reason="needs Linux's /proc/self/mem")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def tram(tmp_path: Path) -> Path:
    """The example map with its source text, copied where the tests may write beside it."""
    (tmp_path / "sources").mkdir()
    shutil.copy(MAPS / "sources" / "tram.txt", tmp_path / "sources" / "tram.txt")
    shutil.copy(MAPS / "example_tram.yaml", tmp_path / "tram.yaml")
    return tmp_path / "tram.yaml"


# -- a map file that cannot be read -------------------------------------------------------------


def test_load_of_a_missing_file_or_a_folder_is_a_diagnostic(tmp_path: Path) -> None:
    for path, reason in ((tmp_path / "nope.yaml", "no such file"), (tmp_path, "it is a folder, not a file")):
        result = usfk_argmap.load(path)
        assert result.map is None
        assert [(d.code, d.message) for d in result.diagnostics] == [("AM013", f"cannot read the map file: {reason}")]


def test_open_map_of_a_missing_file_raises_map_load_error(tmp_path: Path) -> None:
    with pytest.raises(usfk_argmap.MapLoadError, match="AM013"):
        usfk_argmap.open_map(tmp_path / "nope.yaml")
    _, diagnostics = usfk_argmap.check_file(tmp_path / "nope.yaml")
    assert [d.code for d in diagnostics] == ["AM013"]


@needs_unreadable
@pytest.mark.parametrize(
    "command",
    [
        ["check"],
        ["stats"],
        ["export"],
        ["render", "-o", "OUT/x.dot"],
        ["slides", "-o", "OUT/deck.html"],
        ["report", "-o", "OUT/report.html"],
    ],
)
def test_commands_on_an_unreadable_map_exit_1_with_a_message(command: list[str], tmp_path: Path) -> None:
    args = [arg.replace("OUT", str(tmp_path)) for arg in command]
    code, out, err = run(args[0], str(UNREADABLE), *args[1:])
    assert code == 1
    assert f"{UNREADABLE}:1:1: AM013 [error] cannot read the map file: Input/output error" in out + err
    assert list(tmp_path.iterdir()) == []


@needs_unreadable
def test_import_of_an_unreadable_file_exits_1_with_am401(tmp_path: Path) -> None:
    code, _, err = run("import", str(UNREADABLE), "--from", "aif", "-o", str(tmp_path / "x.yaml"))
    assert code == 1
    assert f"{UNREADABLE}:1:1: AM401 [error] cannot read the file: Input/output error" in err
    assert not (tmp_path / "x.yaml").exists()


def test_import_file_of_a_folder_is_a_diagnostic(tmp_path: Path) -> None:
    result = import_file(tmp_path, "aif")
    assert result.map is None
    assert [(d.code, d.message) for d in result.diagnostics] == [("AM401", "cannot read the file: it is a folder, not a file")]


# -- outputs that would overwrite an input or cannot be made ---------------------------------------


def test_export_never_overwrites_the_source_text(tram: Path) -> None:
    source = tram.parent / "sources" / "tram.txt"
    before = source.read_bytes()
    code, _, err = run("export", str(tram), "--format", "json", "-o", str(source))
    assert code == 1
    assert "refusing to write" in err and "it is an input file" in err
    assert source.read_bytes() == before


@pytest.mark.parametrize("command", [["render"], ["export"], ["import"]])
def test_output_under_a_file_names_the_file(command: list[str], tram: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "afile"
    blocker.write_text("not a folder")
    target = blocker / "sub" / "out.svg"
    if command == ["import"]:
        args = ["import", str(MAPS.parent / "tests" / "golden" / "example_tram.argdown"), "-o", str(target)]
    else:
        args = [command[0], str(tram), "-o", str(target)]
    code, _, err = run(*args)
    assert code == 1
    assert f"cannot write {target}: {blocker} is a file, not a folder" in err
    assert "File exists" not in err
    assert blocker.read_text() == "not a folder"


def test_write_files_atomic_checks_every_target_before_writing_any(tmp_path: Path) -> None:
    (tmp_path / "pics").write_text("a file")
    deck = tmp_path / "deck.md"
    with pytest.raises(OutputError, match="pics is a file, not a folder"):
        write_files_atomic({tmp_path / "pics" / "1.svg": b"<svg/>", deck: b"deck"})
    assert not deck.exists()


@pytest.mark.graphviz
def test_marp_deck_is_not_written_when_its_pictures_cannot_be(tram: Path, tmp_path: Path) -> None:
    (tmp_path / "deck_files").write_text("a file where the picture folder goes")
    code, _, err = run("slides", str(tram), "-o", str(tmp_path / "deck.md"))
    assert code == 1
    assert "deck_files is a file, not a folder" in err
    assert not (tmp_path / "deck.md").exists()


@pytest.mark.graphviz
def test_markdown_report_named_svg_would_lose_its_picture(tram: Path, tmp_path: Path) -> None:
    code, _, err = run("report", str(tram), "--format", "md", "-o", str(tmp_path / "report.svg"))
    assert code == 1
    assert "its map picture goes to report.svg beside it; give the report a .md suffix" in err
    assert not (tmp_path / "report.svg").exists()


@pytest.mark.graphviz
def test_slides_over_the_map_are_refused_before_any_work(tram: Path) -> None:
    before = tram.read_bytes()
    code, _, err = run("slides", str(tram), "-o", str(tram), "--format", "html")
    assert code == 1
    assert f"refusing to write {tram}: it is an input file" in err
    assert tram.read_bytes() == before


# -- user templates ----------------------------------------------------------------------------


@pytest.mark.graphviz
@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("ok\n{% for x in %}\n", "slides.html:2: template syntax error: Expected an expression"),
        ("ok\n{{ deck.nope }}\n", "slides.html:2: UndefinedError: "),
        ('{% include "nothere.html" %}', "slides.html:1: TemplateNotFound: nothere.html"),
        ("a\n\n{{ deck.title.upper(1) }}", "slides.html:3: TypeError: "),
    ],
)
def test_a_broken_slides_template_is_a_message_with_its_line(template: str, message: str, tmp_path: Path) -> None:
    # A two-node map: what is tested is the template's error, not the layout.
    small = write_map(
        tmp_path, "title: t\nroot: T\nnodes:\n  T: {kind: thesis, text: a}\n  C: {kind: claim, text: b, supports: T}\n"
    )
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "slides.html").write_text(template)
    code, _, err = run("slides", str(small), "-o", str(tmp_path / "deck.html"), "--templates", str(folder))
    assert code == 1
    assert f"Error: {folder / message.split(':')[0]}:{message.split(':', 1)[1]}" in err
    assert "Traceback" not in err
    assert not (tmp_path / "deck.html").exists()


def test_a_template_syntax_error_is_reported_before_any_layout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from usfk_argmap.core.errors import TemplateError
    from usfk_argmap.present.slides import formats

    def no_layout(*args: object, **kwargs: object) -> None:
        raise AssertionError("the deck was laid out before the template was compiled")

    monkeypatch.setattr(formats, "build_deck", no_layout)
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "slides.html").write_text("{% for x in %}")
    argument_map = usfk_argmap.open_map(MAPS / "example_tram.yaml")
    with pytest.raises(TemplateError, match="template syntax error"):
        formats.write_slides(argument_map, tmp_path / "deck.html", options=formats.SlideOptions(templates=folder))


@pytest.mark.graphviz
def test_a_broken_report_template_is_a_message(tram: Path, tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "report.md").write_text("# {{ report.title }}\n{% if %}\n")
    code, _, err = run("report", str(tram), "-o", str(tmp_path / "r.md"), "--templates", str(folder))
    assert code == 1
    assert f"{folder / 'report.md'}:2: template syntax error" in err
    assert not (tmp_path / "r.md").exists() and not (tmp_path / "r.svg").exists()


def test_a_missing_templates_folder_is_a_template_error_in_the_api(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="does not exist or is not a folder"):
        render_template("stats.txt", tmp_path / "nope")
    assert issubclass(TemplateError, ValueError)


# -- noise -------------------------------------------------------------------------------------


@pytest.mark.graphviz
def test_embedding_a_latin_font_prints_no_fonttools_warning(
    tram: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run("render", str(tram), "-o", str(tmp_path / "t.svg"), "--embed-fonts")
    assert code == 0
    assert "FFTM" not in err + capfd.readouterr().err


# -- texts that look like syntax ---------------------------------------------------------------


@pytest.mark.parametrize("note", ["x <!-- y", "n /* c */", "see https://x.org ///* and \\<!--"])
def test_argdown_export_keeps_comment_openers_in_notes_and_titles(note: str) -> None:
    from usfk_argmap.interop import import_bytes
    from usfk_argmap.interop.exporters import export

    text = (
        f'title: "t /* x */ // y"\nroot: T\nnodes:\n  T: {{kind: thesis, text: a, note: {json.dumps(note)}, en: "e <!--"}}\n'
        "  P: {kind: premise, text: p, supports: T}\n"
    )
    original = usfk_argmap.load_text(text).map
    assert original is not None
    back = import_bytes(export(original, "argdown").encode(), "argdown", "x.argdown")
    assert back.map is not None and not back.diagnostics
    assert back.map.title == original.title
    assert set(back.map.nodes) == {"T", "P"}
    assert (back.map.nodes["T"].note, back.map.nodes["T"].en) == (note, "e <!--")


@pytest.mark.graphviz
def test_slides_without_the_font_to_embed_is_a_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # FontNotFoundError escaped the slides command as a traceback; it is a set-up problem, exit code 2.
    from usfk_argmap.core.errors import FontNotFoundError
    from usfk_argmap.drawing import fonts

    def no_font(family: str) -> tuple[Path, int]:
        raise FontNotFoundError(f"the font {family!r} is not installed, so it cannot be embedded")

    monkeypatch.setattr(fonts, "find_font_file", no_font)
    small = write_map(tmp_path, "title: t\nlang: zh-Hant\nroot: T\nnodes:\n  T: {kind: thesis, text: 論點}\n")
    code, _, err = run("slides", str(small), "-o", str(tmp_path / "deck.html"))
    assert code == 2
    assert err.startswith("Error: the font 'Noto Sans CJK TC' is not installed") and "Traceback" not in err
    assert not (tmp_path / "deck.html").exists()


@pytest.mark.parametrize(
    "args", [["render", "MAP", "--focus", "nope"], ["export", "MAP", "--format", "nope"], ["render", "MAP", "-o", "MAP"]]
)
def test_every_error_message_has_one_prefix(tmp_path: Path, args: list[str]) -> None:
    small = write_map(tmp_path, "title: t\nroot: T\nnodes:\n  T: {kind: thesis, text: a}\n", name="map.dot")
    _, _, err = run(*[str(small) if arg == "MAP" else arg for arg in args])
    assert "Error: " in err and "error: " not in err.replace("Error: ", "")
