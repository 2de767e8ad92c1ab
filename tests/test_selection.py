"""The test selections: the fast default leaves out slow, client and browser tests; scripts/test.sh's selects every test."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO


def collect(*options: str, cwd: Path = REPO) -> str:
    """What ``pytest --collect-only -q`` prints with ``options``: the ids selected, then a count."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    run = [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *options]
    result = subprocess.run(run, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode in (0, 5), result.stdout + result.stderr  # 5: nothing collected
    return result.stdout


def collected(*options: str) -> int:
    """How many tests the suite selects with ``options``."""
    found = re.search(r"^(\d+)(?:/\d+)? tests? collected", collect(*options), re.M)
    assert found is not None
    return int(found.group(1))


def test_a_test_marked_with_one_client_is_a_client_test(tmp_path: Path) -> None:
    (tmp_path / "conftest.py").write_text("from tests.conftest import pytest_collection_modifyitems  # noqa: F401\n")
    (tmp_path / "test_x.py").write_text(
        "import pytest\n\n\n@pytest.mark.client_marp\ndef test_deck():\n    pass\n\n\ndef test_plain():\n    pass\n"
    )
    selected = collect("-m", "not client", "-W", "ignore::pytest.PytestUnknownMarkWarning", cwd=tmp_path)
    assert [line for line in selected.splitlines() if "::" in line] == ["test_x.py::test_plain"]


@pytest.mark.slow
def test_the_full_run_selects_every_test_and_the_default_fewer() -> None:
    everything = collected("-o", "addopts=")
    assert collected("-m", "") == everything  # scripts/test.sh's selection
    assert collected() < everything
