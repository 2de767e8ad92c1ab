"""Small helpers the tests share."""

from __future__ import annotations

from pathlib import Path

from usfk_argmap.diagnostics import Diagnostic


def write_map(tmp_path: Path, text: str, name: str = "map.yaml") -> Path:
    """Write a map file for a test and return its path."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def located(diagnostics: list[Diagnostic], code: str) -> list[tuple[int, int, str | None]]:
    """(line, column, node) of each diagnostic with ``code``."""
    return [(d.line, d.column, d.node) for d in diagnostics if d.code == code]
