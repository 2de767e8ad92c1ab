"""Shared test fixtures: paths, the shared corpora, golden files, and the tools tool-gated tests need."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers import MARKER_TOOLS, SHARED, Golden, outputs_in_processes, require


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite the golden files under tests/golden from the current output",
    )


#: The markers of one real client: a test with one is a ``client`` test, left out of the default selection.
CLIENT_MARKERS = (
    "argdown_cli",
    "mermaid_cli",
    "client_libreoffice",
    "client_marp",
    "client_xelatex",
    "client_neovim",
    "client_pandoc",
)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark ``client`` every test marked with one client, before ``-m`` selects (a forgotten marker cannot slow the loop)."""
    for item in items:
        if any(item.get_closest_marker(name) for name in CLIENT_MARKERS) and not item.get_closest_marker("client"):
            item.add_marker(pytest.mark.client)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the repository: always there in CI, where its absence is a failure."""
    if not SHARED.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{SHARED} is missing: CI must provide ../shared beside the repository")
        pytest.skip(f"{SHARED} is not beside the repository")
    return SHARED


@pytest.fixture(autouse=True)
def _required_tools(request: pytest.FixtureRequest) -> None:
    """What a test's markers (``graphviz``, ``browser``, ``needs(...)``) say it needs, checked once here."""
    tools = [tool for marker, names in MARKER_TOOLS.items() if request.node.get_closest_marker(marker) for tool in names]
    tools += [str(tool) for marker in request.node.iter_markers("needs") for tool in marker.args]
    require(*tools)


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Golden:
    """The golden-file comparison, with a unified diff when the output differs."""
    return Golden(bool(request.config.getoption("--update-golden")))


@pytest.fixture(scope="session")
def outputs_by_seed() -> list[dict[str, str]]:
    """Every output the determinism tests compare, made in two processes with different hash seeds (once a run)."""
    require("dot")
    return outputs_in_processes()


@pytest.fixture(autouse=True, scope="session")
def _layout_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests never read or fill the user's layout cache: one of their own, for the session."""
    os.environ["USFK_ARGMAP_CACHE"] = str(tmp_path_factory.mktemp("layout-cache"))
