"""scripts/setup.sh on a simulated fresh machine: what it asks apt for, and that it asks nothing when all is there.

``dpkg-query``, ``apt-get``, ``sudo`` and ``node`` are replaced by small scripts on PATH that
record their calls, so the test installs nothing.
"""

from __future__ import annotations

import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from tests.helpers import REPO

from .test_provenance import listed_packages

pytestmark = pytest.mark.skipif(not Path("/bin/bash").is_file(), reason="needs bash")


def _shim(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text("#!/bin/bash\n" + body, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)


def run_system_step(tmp_path: Path, profile: str, installed: set[str], *, node: bool) -> list[str]:
    """Run setup.sh's system-package step with fake tools; returns the apt-get calls it made.

    PATH holds only the fakes and the few real tools the step uses, so ``node`` and ``npm`` are on it only
    when asked (or put in ``tmp_path/bin`` by the caller).
    """
    shims = tmp_path / "bin"
    shims.mkdir(exist_ok=True)
    calls = tmp_path / "calls"
    for tool in ("dirname", "id", "grep"):
        found = shutil.which(tool)
        assert found is not None
        (shims / tool).symlink_to(found)
    # dpkg-query -W -f=FORMAT PACKAGES...: one "NAME ii " line per installed package, as dpkg prints.
    _shim(
        shims,
        "dpkg-query",
        'shift 2\nfor p in "$@"; do case " $INSTALLED " in *" $p "*) echo "$p ii ";; '
        '*) echo "dpkg-query: no packages found matching $p" >&2;; esac; done\nexit 1\n',
    )
    _shim(shims, "apt-get", f'echo "apt-get $*" >>{calls}\n')
    _shim(shims, "sudo", '"$@"\n')
    if node:
        _shim(shims, "node", "echo v20.0.0\n")
        _shim(shims, "npm", "echo 10.0.0\n")
    env = {"PATH": str(shims), "INSTALLED": " ".join(sorted(installed)), "HOME": str(tmp_path)}
    script = f"set -- {profile}; source scripts/setup.sh; install_system_packages"
    completed = subprocess.run(
        ["/bin/bash", "-c", script], cwd=REPO, env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert completed.returncode == 0, completed.stderr
    return calls.read_text(encoding="utf-8").splitlines() if calls.exists() else []


def installed_by(calls: list[str]) -> list[str]:
    """The packages of the ``apt-get install`` call, after checking its options."""
    assert calls[0] == "apt-get update -qq"
    words = calls[1].split()
    assert words[:5] == ["apt-get", "install", "-y", "-qq", "--no-install-recommends"]
    return words[5:]


def test_a_fresh_machine_gets_every_listed_package(tmp_path: Path) -> None:
    calls = run_system_step(tmp_path, "test", set(), node=False)
    assert set(installed_by(calls)) == listed_packages("test")


def test_node_from_elsewhere_is_kept(tmp_path: Path) -> None:
    calls = run_system_step(tmp_path, "test", set(), node=True)
    assert set(installed_by(calls)) == listed_packages("test") - {"nodejs", "npm"}


def test_npm_alone_is_added_to_a_node_without_it(tmp_path: Path) -> None:
    (tmp_path / "bin").mkdir()
    _shim(tmp_path / "bin", "node", "echo v18.19.0\n")
    calls = run_system_step(tmp_path, "test", listed_packages("test") - {"nodejs", "npm"}, node=False)
    assert installed_by(calls) == ["npm"]


def test_the_demo_profile_stays_small(tmp_path: Path) -> None:
    calls = run_system_step(tmp_path, "demo", set(), node=False)
    assert set(installed_by(calls)) == {"graphviz", "fonts-noto-cjk", "fonts-liberation2"}


def test_only_the_missing_packages_are_installed(tmp_path: Path) -> None:
    present = listed_packages("test") - {"latexmk", "fonts-liberation2"}
    calls = run_system_step(tmp_path, "test", present, node=True)
    assert installed_by(calls) == ["fonts-liberation2", "latexmk"]


def test_nothing_is_asked_of_apt_when_everything_is_there(tmp_path: Path) -> None:
    assert run_system_step(tmp_path, "test", listed_packages("test"), node=False) == []
