"""A map's `source:` reads only what the user allows: its own folder tree or a --source-root (issue 16).

These are security tests: they run everywhere, CI included, and skip nothing.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from usfk_argmap import check_file, load
from usfk_argmap.cli.app import main
from usfk_argmap.mapfile.sourcefile import MAX_SOURCE_BYTES

SECRET = "SECRET-7f3a: the teacher's private key"


def map_text(source: str, quote: str = "the teacher's private key") -> str:
    return (
        f"title: t\nsource: {source!r}\nroot: T\nnodes:\n"
        f"  T: {{kind: thesis, text: a, quote: {quote!r}}}\n"
        "  P: {kind: premise, text: b, supports: T}\n"
    )


@pytest.fixture
def layout(tmp_path: Path) -> tuple[Path, Path]:
    """A map folder and, beside it, a folder holding a secret the map must not reach."""
    maps = tmp_path / "maps"
    (maps / "sources").mkdir(parents=True)
    (maps / "sources" / "text.txt").write_text("the teacher's private key is safe.", encoding="utf-8")
    secrets = tmp_path / "secrets"
    secrets.mkdir()
    (secrets / "id_ed25519").write_text(SECRET, encoding="utf-8")
    return maps, secrets


def load_with(maps: Path, source: str, **kwargs: object) -> tuple[object, list[tuple[str, int, int, str]]]:
    path = maps / "map.yaml"
    path.write_text(map_text(source), encoding="utf-8")
    result = load(path, **kwargs)  # type: ignore[arg-type]
    assert result.map is not None
    return result.map.source_text, [(d.code, d.line, d.column, d.message) for d in result.diagnostics]


@pytest.mark.parametrize(
    "source", ["/etc/passwd", "../../../../etc/passwd", "../secrets/id_ed25519", "sources/../../secrets/id_ed25519"]
)
def test_a_path_outside_the_map_folder_is_refused_and_not_read(layout: tuple[Path, Path], source: str) -> None:
    maps, _ = layout
    text, diagnostics = load_with(maps, source)
    assert text is None
    [(code, line, column, message)] = diagnostics
    assert (code, line, column) == ("AM014", 2, 9)
    assert "outside the map's folder" in message and "--source-root" in message


def test_a_symbolic_link_out_of_the_map_folder_is_refused(layout: tuple[Path, Path]) -> None:
    maps, secrets = layout
    os.symlink(secrets / "id_ed25519", maps / "sources" / "innocent.txt")
    os.symlink(secrets, maps / "linked_folder")
    for source in ("sources/innocent.txt", "linked_folder/id_ed25519"):
        text, [(code, _, _, message)] = load_with(maps, source)
        assert text is None and code == "AM014" and "through a symbolic link" in message


def test_a_symbolic_link_inside_the_map_folder_is_followed(layout: tuple[Path, Path]) -> None:
    maps, _ = layout
    os.symlink("text.txt", maps / "sources" / "alias.txt")
    text, diagnostics = load_with(maps, "sources/alias.txt")
    assert diagnostics == [] and text is not None


def test_a_source_root_allows_another_folder(layout: tuple[Path, Path]) -> None:
    maps, secrets = layout
    text, diagnostics = load_with(maps, "../secrets/id_ed25519", source_roots=[secrets])
    assert diagnostics == [] and text is not None
    # A root allows its own tree only: a sibling of it stays out.
    text, [(code, *_)] = load_with(maps, "/etc/passwd", source_roots=[secrets])
    assert text is None and code == "AM014"


def test_a_folder_is_refused(layout: tuple[Path, Path]) -> None:
    maps, _ = layout
    for source in (".", "sources"):
        text, [(code, _, _, message)] = load_with(maps, source)
        assert text is None and code == "AM014" and "is a folder" in message


def test_an_oversized_source_is_refused_before_it_is_read(layout: tuple[Path, Path]) -> None:
    maps, _ = layout
    with (maps / "sources" / "huge.txt").open("wb") as handle:
        handle.truncate(MAX_SOURCE_BYTES + 1)  # sparse: no disk is used
    text, [(code, _, _, message)] = load_with(maps, "sources/huge.txt")
    assert text is None and code == "AM014" and "larger than 8 MiB" in message


def test_a_file_swapped_after_the_check_is_refused(layout: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """The path is checked, then opened: the descriptor is checked again (same file, still inside)."""
    maps, secrets = layout
    real_open = os.open

    def swapped_open(path: object, flags: int, *args: object) -> int:
        # The source only: the map file itself is read through the same function.
        return real_open(secrets / "id_ed25519" if str(path).endswith("text.txt") else path, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr("usfk_argmap.core.files.os.open", swapped_open)
    text, [(code, _, _, message)] = load_with(maps, "sources/text.txt")
    assert text is None and code == "AM014" and "changed while it was being opened" in message


def run_cli(args: list[str], timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """The real command in a child process, so a read that blocks fails the test instead of hanging it."""
    return subprocess.run(
        [sys.executable, "-m", "usfk_argmap", *args], capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_refused_without_blocking(layout: tuple[Path, Path]) -> None:
    maps, _ = layout
    os.mkfifo(maps / "sources" / "pipe.txt")
    (maps / "map.yaml").write_text(map_text("sources/pipe.txt"), encoding="utf-8")
    result = run_cli(["check", str(maps / "map.yaml")], timeout=30)
    assert result.returncode == 1
    assert "AM014" in result.stdout and "FIFO" in result.stdout


@pytest.mark.parametrize("root", [None, "/dev"])
def test_dev_zero_is_refused_without_reading(layout: tuple[Path, Path], root: str | None) -> None:
    maps, _ = layout
    (maps / "map.yaml").write_text(map_text("/dev/zero"), encoding="utf-8")
    result = run_cli(["check", str(maps / "map.yaml"), *(["--source-root", root] if root else [])], timeout=30)
    assert result.returncode == 1
    assert "AM014" in result.stdout
    assert ("is a device" if root else "outside the map's folder") in result.stdout


def test_check_never_prints_another_files_text(layout: tuple[Path, Path]) -> None:
    maps, _ = layout
    path = maps / "map.yaml"
    path.write_text(map_text("../secrets/id_ed25519", quote="SECRET-7f3a: the teacher's public key"), encoding="utf-8")
    _, diagnostics = check_file(path)
    assert "AM014" in {d.code for d in diagnostics}
    assert all("SECRET" not in d.message.replace("SECRET-7f3a: the teacher's public key", "") for d in diagnostics)
    result = CliRunner().invoke(main, ["check", str(path), "--format", "json"])
    assert SECRET not in result.stdout and "private" not in result.stdout


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_report_never_copies_a_file_it_may_not_read(layout: tuple[Path, Path], fmt: str) -> None:
    maps, secrets = layout
    path = maps / "map.yaml"
    path.write_text(map_text("../secrets/id_ed25519"), encoding="utf-8")
    os.symlink(secrets / "id_ed25519", maps / "sources" / "link.txt")
    for source in ("../secrets/id_ed25519", "sources/link.txt", "/etc/passwd"):
        path.write_text(map_text(source), encoding="utf-8")
        output = maps / f"report.{fmt}"
        result = CliRunner().invoke(main, ["report", str(path), "--format", fmt, "-o", str(output)])
        assert result.exit_code == 0, result.output
        written = output.read_text(encoding="utf-8")
        assert "SECRET-7f3a" not in written and "root:x:" not in written
        assert "AM014" in written


def test_the_cli_source_root_option_allows_a_folder(layout: tuple[Path, Path], tmp_path: Path) -> None:
    maps, secrets = layout
    path = maps / "map.yaml"
    path.write_text(map_text("../secrets/id_ed25519"), encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(main, ["check", str(path)]).exit_code == 1
    allowed = runner.invoke(main, ["check", str(path), "--source-root", str(secrets)])
    assert allowed.exit_code == 0, allowed.output
    env_only = runner.invoke(main, ["check", str(path)], env={"USFK_ARGMAP_SOURCE_ROOTS": str(secrets)})
    assert env_only.exit_code == 0, env_only.output


@pytest.mark.parametrize(
    "command",
    [
        ["stats"],
        ["export", "--format", "json"],
        ["render", "--format", "dot", "-o", "-"],
        ["report", "--format", "md"],
        ["slides", "-o", "{out}/deck.md"],
    ],
)
def test_every_command_that_reads_a_source_takes_source_root(
    layout: tuple[Path, Path], command: list[str], tmp_path: Path
) -> None:
    maps, secrets = layout
    path = maps / "map.yaml"
    path.write_text(map_text("../secrets/id_ed25519", quote=SECRET), encoding="utf-8")
    args = [part.replace("{out}", str(tmp_path)) for part in command]
    result = CliRunner().invoke(main, [args[0], str(path), *args[1:], "--source-root", str(secrets)])
    assert result.exit_code == 0, result.output
    assert "AM014" not in result.output


def test_a_nul_in_the_source_name_is_refused(layout: tuple[Path, Path]) -> None:
    maps, _ = layout
    path = maps / "map.yaml"
    path.write_text(
        'title: t\nsource: "sources/text.txt\\0.png"\nroot: T\nnodes:\n  T: {kind: thesis, text: a}\n', encoding="utf-8"
    )
    result = load(path)
    assert result.map is not None and result.map.source_text is None
    # The NUL is replaced by U+FFFD as every control character is (AM015): no such file is there to read.
    assert [d.code for d in result.diagnostics] == ["AM015", "AM011"]
