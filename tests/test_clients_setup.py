"""The client programs are what set-up installs, and their absence fails CI rather than skipping."""

from __future__ import annotations

import json
import subprocess

import pytest

from tests.helpers import REPO

from .clients import CHROMIUM, CLIENT_BIN, client


def test_the_lock_pins_argdown_1x_and_the_mermaid_cli() -> None:
    lock = json.loads((REPO / "clients" / "package-lock.json").read_text(encoding="utf-8"))
    packages = lock["packages"]
    assert packages["node_modules/@argdown/cli"]["version"].startswith("1.")  # 2.x needs Node 22
    assert packages["node_modules/@mermaid-js/mermaid-cli"]["version"].startswith("11.")
    declared = json.loads((REPO / "clients" / "package.json").read_text(encoding="utf-8"))["dependencies"]
    assert {"@argdown/cli", "@mermaid-js/mermaid-cli", "puppeteer"} <= set(declared)


def test_setup_installs_the_clients_without_a_browser() -> None:
    setup = (REPO / "scripts" / "setup.sh").read_text(encoding="utf-8")
    assert "(cd clients && PUPPETEER_SKIP_DOWNLOAD=1" in setup and "npm ci " in setup
    config = json.loads((REPO / "clients" / "puppeteer-config.json").read_text(encoding="utf-8"))
    assert config["executablePath"] == str(CHROMIUM)  # Debian's chromium, which setup.sh installs
    assert "--no-sandbox" in config["args"]
    ignored = subprocess.run(["git", "check-ignore", "-q", "clients/node_modules/x"], cwd=REPO, check=False)
    assert ignored.returncode == 0, "clients/node_modules must be git-ignored"


def test_a_missing_client_fails_in_ci_and_skips_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="npm ci --prefix clients"):
        client("no-such-client", "nothing")
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        client("no-such-client", "nothing")
    assert not (CLIENT_BIN / "no-such-client").exists()


def test_the_lock_pins_axe_core_which_setup_installs() -> None:
    # The accessibility tests (tests/browser_pages.py) inject clients/node_modules/axe-core, which `npm ci` installs.
    lock = json.loads((REPO / "clients" / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"]["node_modules/axe-core"]["version"].startswith("4.")
    assert lock["packages"][""]["dependencies"]["axe-core"] == "~4.14.1"
    declared = json.loads((REPO / "clients" / "package.json").read_text(encoding="utf-8"))["dependencies"]
    assert declared["axe-core"] == "~4.14.1"
    from tests.browser_pages import AXE

    assert AXE == REPO / "clients" / "node_modules" / "axe-core" / "axe.min.js"
