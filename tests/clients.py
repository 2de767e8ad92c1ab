"""The real programs our exports are opened with, installed project-locally by ``scripts/setup.sh test``.

``npm ci --prefix clients`` puts them under ``clients/node_modules/.bin``.
A test that needs one is skipped without it on a developer's machine and
fails in CI (``CI`` set), where its absence means the set-up is broken.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from .conftest import REPO

CLIENT_BIN = REPO / "clients" / "node_modules" / ".bin"
#: Debian's chromium, which the Mermaid CLI drives (it must never download a browser of its own).
CHROMIUM = Path("/usr/bin/chromium")


def client(executable: str, package: str) -> Path:
    """The path of a client program, or a skip (a failure in CI) naming what installs it."""
    path = CLIENT_BIN / executable
    if path.exists() and shutil.which("node") is not None:
        return path
    message = f"{executable} ({package}) is not installed: run `npm ci --prefix clients` (scripts/setup.sh test)"
    if os.environ.get("CI"):
        pytest.fail(f"CI must install it: {message}")
    pytest.skip(message)


def chromium() -> Path:
    if CHROMIUM.exists():
        return CHROMIUM
    if os.environ.get("CI"):
        pytest.fail("chromium is missing: CI must install Debian's chromium (scripts/setup.sh test)")
    pytest.skip("Debian's chromium is not installed")
