"""A font that is not installed is never a traceback: fontconfig's match is embedded, with a one-line note."""

from __future__ import annotations

import base64
import io
import os
import re
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.helpers import MAPS, REPO
from usfk_argmap.cli.app import main
from usfk_argmap.core.errors import FontNotFoundError
from usfk_argmap.drawing import fonts
from usfk_argmap.drawing.fonts import FontChoice, FontFallbackWarning, find_font_file

from .test_browser_fonts import LATIN_FONTS

MISSING = FontChoice("No Such Font Sans", ("sans-serif",))
TRAM = MAPS / "example_tram.yaml"


def dejavu_only_fontconfig(tmp_path: Path) -> Path:
    """A fontconfig file with the system's rules (aliases, preferences) but only the DejaVu fonts."""
    config = tmp_path / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        f"  <dir>{LATIN_FONTS}</dir>\n  <cachedir>{tmp_path / 'fc-cache'}</cachedir>\n"
        '  <include ignore_missing="yes">/etc/fonts/conf.d</include>\n</fontconfig>\n',
        encoding="utf-8",
    )
    return config


def embedded_families(page: bytes) -> list[str]:
    """The family name inside each base64 WOFF or WOFF2 ``@font-face`` of an HTML page or SVG."""
    from fontTools.ttLib import TTFont

    names = []
    for data in re.findall(rb"url\(data:font/woff2?;base64,([A-Za-z0-9+/=]+)\)", page):
        with TTFont(io.BytesIO(base64.b64decode(data))) as font:
            names.append(font["name"].getBestFamilyName())
    return names


def test_a_missing_family_falls_back_to_fontconfigs_match() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        path, _index = find_font_file(MISSING.family)
    assert path.is_file()
    assert [w.category for w in caught] == [FontFallbackWarning]
    message = str(caught[0].message)
    assert "'No Such Font Sans' is not installed; embedding" in message and "\n" not in message


def test_an_installed_family_gives_no_note() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        path, _index = find_font_file("Noto Sans CJK TC")
    assert path.is_file()


def test_no_match_at_all_is_a_font_not_found_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "_fontconfig_match", lambda family: None)
    with pytest.raises(FontNotFoundError, match=r"'Liberation Sans' is not installed.*fonts-liberation2"):
        find_font_file("Liberation Sans")


@pytest.mark.graphviz
def test_slides_with_a_missing_font_writes_the_deck_with_one_note(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "LATIN_FONT", MISSING)
    result = CliRunner().invoke(main, ["slides", str(TRAM), "-o", str(tmp_path / "deck.html")])
    assert result.exit_code == 0, result.output
    notes = [line for line in result.stderr.splitlines() if line.startswith("note:")]
    assert len(notes) == 1 and "'No Such Font Sans' is not installed" in notes[0]
    assert len(embedded_families((tmp_path / "deck.html").read_bytes())) == 1


@pytest.mark.graphviz
def test_render_embed_fonts_with_a_missing_font_notes_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "LATIN_FONT", MISSING)
    result = CliRunner().invoke(main, ["render", str(TRAM), "-o", str(tmp_path / "tram.svg"), "--embed-fonts"])
    assert result.exit_code == 0, result.output
    assert result.stderr.count("note: the font 'No Such Font Sans' is not installed") == 1


@pytest.mark.graphviz
def test_slides_without_any_font_is_an_error_message_not_a_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "_fontconfig_match", lambda family: None)
    result = CliRunner().invoke(main, ["slides", str(TRAM), "-o", str(tmp_path / "deck.html")])
    assert result.exit_code == 2  # a font to install, as Graphviz missing is: usfk_argmap.cli.base.click_error
    assert isinstance(result.exception, SystemExit)
    assert "'Liberation Sans' is not installed" in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "deck.html").exists()


@pytest.mark.graphviz
def test_a_machine_without_liberation_sans_embeds_what_fontconfig_matches(tmp_path: Path) -> None:
    """The new user's machine of issue 9: only DejaVu installed; `slides` on an English map."""
    if not LATIN_FONTS.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{LATIN_FONTS} is missing: CI must install fonts-dejavu-core (scripts/setup.sh test)")
        pytest.skip(f"{LATIN_FONTS} is not installed")
    env = {**os.environ, "FONTCONFIG_FILE": str(dejavu_only_fontconfig(tmp_path))}
    deck = tmp_path / "deck.html"
    completed = subprocess.run(
        [sys.executable, "-m", "usfk_argmap", "slides", str(TRAM), "-o", str(deck)],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert "Traceback" not in completed.stderr
    notes = [line for line in completed.stderr.splitlines() if line.startswith("note:")]
    assert len(notes) == 1, completed.stderr
    assert "'Liberation Sans' is not installed; embedding 'DejaVu Sans'" in notes[0]
    assert "sudo apt-get install fonts-liberation2" in notes[0]
    assert embedded_families(deck.read_bytes()) == ["DejaVu Sans"]


def test_a_hanging_fc_match_is_stopped_and_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from .test_graphviz_boundary import _running

    folder = tmp_path / "slow-fontconfig"
    folder.mkdir()
    script = folder / "fc-match"
    script.write_text(f"#!{sys.executable}\nimport time\ntime.sleep(300)\n", encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(fonts, "FONT_LOOKUP_TIMEOUT", 1.0)
    started = time.monotonic()
    with pytest.raises(FontNotFoundError, match=r"fc-match did not answer within 1 s .*'Liberation Sans'.*stopped"):
        find_font_file("Liberation Sans")
    assert time.monotonic() - started < 10
    assert _running(folder) == []
