"""What a new user hits at the command line: unknown codes, prefixes, a clean check, output suffixes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.helpers import MAPS, write_map
from usfk_argmap.cli.app import main
from usfk_argmap.rules import REGISTRY

FLAGSHIP = MAPS / "usfk_conclusion.yaml"
FLAWED = "title: t\nroot: T\nnodes:\n  T: {kind: thesis, text: a}\n  P1: {kind: premise, text: p, supports: C2}\n"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_unknown_code_is_a_usage_error(tmp_path: Path, option: str) -> None:
    path = write_map(tmp_path, FLAWED)
    # AM2O1 (a letter O): the suggestion does not depend on which codes are near AM999 by spelling.
    code, out, err = run("check", str(path), option, "AM2O1")
    assert code == 2
    assert out == ""
    assert "unknown code 'AM2O1' (did you mean 'AM201'?)" in err


def test_unknown_prefix_among_good_ones_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run("check", str(write_map(tmp_path, FLAWED)), "--select", "AM1,AM7")
    assert code == 2
    assert "unknown code 'AM7'" in err


def test_prefixes_still_select(tmp_path: Path) -> None:
    path = write_map(tmp_path, FLAWED)
    code, out, _ = run("check", str(path), "--select", "am1")
    assert code == 1
    assert "AM101" in out and "AM202" not in out


def test_rules_takes_a_prefix() -> None:
    code, out, _ = run("rules", "AM4")
    assert code == 0
    listed = [line.split()[0] for line in out.splitlines() if line.startswith("AM")]
    assert listed == ["AM401", "AM402", "AM403", "AM404", "AM405", "AM406", "AM407", "AM408", "AM409"]


def test_rules_unknown_prefix_suggests() -> None:
    code, _, err = run("rules", "AM31")
    assert code == 2
    assert "did you mean 'AM301'?" in err


def test_clean_check_prints_a_summary() -> None:
    code, out, err = run("check", str(FLAGSHIP), "--strict")
    assert (code, out) == (0, "")
    assert err == f"{FLAGSHIP}: no problems (68 statements, {len(REGISTRY)} rules)\n"


def test_clean_check_counts_the_selected_rules() -> None:
    count = len([code for code in REGISTRY if code.startswith("AM2")])
    assert run("check", str(FLAGSHIP), "--select", "AM2")[2] == f"{FLAGSHIP}: no problems (68 statements, {count} rules)\n"


@pytest.mark.parametrize("output_format", ["json", "github"])
def test_machine_formats_stay_clean(output_format: str) -> None:
    code, out, err = run("check", str(FLAGSHIP), "--format", output_format)
    assert (code, err) == (0, "")
    if output_format == "json":
        assert json.loads(out)["diagnostics"] == []
    else:
        assert out == ""


@pytest.mark.parametrize("name", ["deck.key", "deck", "deck.odp"])
def test_slides_unknown_suffix_is_a_usage_error(tmp_path: Path, name: str) -> None:
    code, _, err = run("slides", str(MAPS / "example_tram.yaml"), "-o", str(tmp_path / name))
    assert code == 2
    assert "cannot tell the deck format" in err
    assert "known are html (.html, .htm), pptx (.pptx), marp (.md), beamer (.tex)" in err
    assert list(tmp_path.iterdir()) == []


def test_slides_with_a_named_format_takes_any_suffix(tmp_path: Path) -> None:
    code, _, err = run("slides", str(MAPS / "example_tram.yaml"), "-o", str(tmp_path / "deck.txt"), "--format", "html")
    assert code == 0, err
    assert (tmp_path / "deck.txt").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_slides_of_a_map_with_errors_says_so(tmp_path: Path) -> None:
    path = write_map(tmp_path, FLAWED)
    code, _, err = run("slides", str(path), "-o", str(tmp_path / "deck.html"))
    assert code == 0
    assert (tmp_path / "deck.html").exists()
    assert f"warning: {path} has 2 error(s) and 1 warning(s)" in err
    assert f"run `usfk-argmap check {path}`" in err


def test_slides_of_a_clean_map_warns_of_nothing(tmp_path: Path) -> None:
    code, _, err = run("slides", str(MAPS / "example_tram.yaml"), "-o", str(tmp_path / "deck.html"))
    assert code == 0
    assert "warning" not in err


def test_render_into_a_new_folder_given_with_a_slash(tmp_path: Path) -> None:
    target = tmp_path / "newdir"
    code, _, err = run("render", str(MAPS / "example_tram.yaml"), "-o", f"{target}/")
    assert code == 0, err
    assert [p.name for p in target.iterdir()] == ["example_tram.svg"]
    assert (target / "example_tram.svg").read_bytes().startswith(b"<?xml")


def test_render_into_an_existing_folder_in_the_format_asked(tmp_path: Path) -> None:
    code, _, err = run("render", str(MAPS / "example_tram.yaml"), "-o", str(tmp_path), "--format", "png")
    assert code == 0, err
    assert (tmp_path / "example_tram.png").read_bytes().startswith(b"\x89PNG")


def test_render_to_a_file_without_a_suffix_is_still_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run("render", str(MAPS / "example_tram.yaml"), "-o", str(tmp_path / "picture"))
    assert code == 2
    assert "cannot tell the output format" in err


def test_report_unknown_suffix_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run("report", str(MAPS / "example_tram.yaml"), "-o", str(tmp_path / "report.pdf"))
    assert code == 2
    assert "cannot tell the report format" in err and "md (.md)" in err
    assert list(tmp_path.iterdir()) == []


def test_library_refuses_unknown_codes_too() -> None:
    import usfk_argmap

    argument_map = usfk_argmap.open_map(FLAGSHIP)
    with pytest.raises(ValueError, match="unknown code 'AM999'"):
        usfk_argmap.check(argument_map, select=["AM999"])
    with pytest.raises(ValueError, match="unknown code 'XX1'"):
        usfk_argmap.check_file(FLAGSHIP, ignore=["XX1"])
    assert usfk_argmap.check(argument_map, select=["AM2"]) == []


@pytest.mark.parametrize(("typed", "hint"), [("chekc", "'check'"), ("slide", "'slides'"), ("zzz", None)])
def test_a_mistyped_command_is_a_usage_error_with_a_suggestion(typed: str, hint: str | None) -> None:
    result = CliRunner().invoke(main, [typed, "map.yaml"])
    assert result.exit_code == 2 and f"No such command '{typed}'" in result.stderr
    assert (f"did you mean {hint}?" in result.stderr) if hint else "did you mean" not in result.stderr
