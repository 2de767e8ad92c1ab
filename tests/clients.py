"""The real programs our exports are opened with, installed project-locally by ``scripts/setup.sh test``.

``npm ci --prefix clients`` puts them under ``clients/node_modules/.bin``.
A test that needs one is skipped without it on a developer's machine and
fails in CI (``CI`` set), where its absence means the set-up is broken: the
check is ``tests.helpers.require``, the one the tool markers use.
"""

from __future__ import annotations

from pathlib import Path

from tests.helpers import CLIENT_BIN, TOOLS, require

__all__ = ["CHROMIUM", "CLIENT_BIN", "chromium", "client"]

#: Debian's chromium, which the Mermaid CLI drives (it must never download a browser of its own).
CHROMIUM = Path(TOOLS["chromium"][0])


def client(executable: str, package: str) -> Path:
    """The path of a client program (``argdown``, ``mmdc``), or a skip (a failure in CI) naming what installs it."""
    path = CLIENT_BIN / executable
    require("node", executable, table={executable: (str(path), f"{package}: run `npm ci --prefix clients`")})
    return path


def chromium() -> Path:
    require("chromium")
    return CHROMIUM
