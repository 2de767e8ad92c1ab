"""Shared test fixtures: paths, the shared corpora, and the golden-file flag."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
MAPS = REPO / "maps"
SHARED = REPO.parent / "shared"
#: Where scripts/setup.sh test installs the npm clients (clients/package.json: Marp CLI...).
NPM_CLIENTS = REPO / "clients" / "node_modules" / ".bin"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite the golden files under tests/golden from the current output")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the repository: always there in CI, where its absence is a failure."""
    if not SHARED.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{SHARED} is missing: CI must provide ../shared beside the repository")
        pytest.skip(f"{SHARED} is not beside the repository")
    return SHARED


@pytest.fixture(autouse=True)
def _graphviz_present(request: pytest.FixtureRequest) -> None:
    """Tests marked ``graphviz`` need ``dot``: skipped without it, except in CI, where that is a failure."""
    if request.node.get_closest_marker("graphviz") is None or shutil.which("dot") is not None:
        return
    if os.environ.get("CI"):
        pytest.fail("Graphviz's dot is missing: CI must install graphviz (scripts/setup.sh test)")
    pytest.skip("Graphviz's dot is not installed")


def require_tool(executable: str, package: str) -> None:
    """Skip a test without ``executable``, except in CI, where its absence is a failure."""
    if shutil.which(executable) is not None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{executable} is missing: CI must install {package} (scripts/setup.sh test)")
    pytest.skip(f"{executable} is not installed ({package})")


def require_client(executable: str, package: str) -> str:
    """The path of a client program (clients/node_modules/.bin first, then PATH).

    Skipped without it on a developer's machine; in CI, where setup installs every client, a failure.
    """
    local = NPM_CLIENTS / executable
    found = str(local) if local.is_file() else shutil.which(executable)
    if found is None:
        message = f"{executable} is missing: {package} (scripts/setup.sh test installs it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


@pytest.fixture(autouse=True, scope="session")
def _layout_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests never read or fill the user's layout cache: one of their own, for the session."""
    os.environ["USFK_ARGMAP_CACHE"] = str(tmp_path_factory.mktemp("layout-cache"))
