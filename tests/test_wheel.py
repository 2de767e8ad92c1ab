"""The wheel carries the templates: build it, install it into a fresh venv, run commands that use them."""

from __future__ import annotations

import os
import site
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from tests.helpers import MAPS, REPO


@pytest.mark.slow
def test_wheel_installs_and_finds_its_templates(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(REPO)], check=True, capture_output=True
    )
    [wheel] = dist.glob("usfk_argmap-*.whl")

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], check=True, capture_output=True, text=True
    ).stdout.strip()
    # The dependencies come from the environment running the tests; a plain path line in a .pth
    # file does not process that environment's own .pth files, so its editable checkout stays out.
    ours = [sysconfig.get_path("purelib"), *site.getsitepackages()]
    Path(purelib, "test_dependencies.pth").write_text("\n".join(dict.fromkeys(ours)) + "\n", encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", purelib, str(wheel)],
        check=True,
        capture_output=True,
    )

    work = tmp_path / "elsewhere"
    work.mkdir()
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}

    def run(*args: str) -> str:
        result = subprocess.run(
            [str(python), "-m", "usfk_argmap", *args], cwd=work, env=environment, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    where = subprocess.run(
        [str(python), "-c", "import usfk_argmap.present.templating as t; print(t.templates_dir())"],
        cwd=work,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert Path(where) == Path(purelib) / "usfk_argmap" / "templates"
    assert "| source sentences covered |" in run("stats", "--format", "md", str(MAPS / "example_tram.yaml"))
    assert "| AM201 | `orphan` | error |" in run("rules", "--format", "md")
    assert (Path(purelib) / "usfk_argmap" / "mapfile" / "schema" / "argmap.schema.json").is_file()
    # The drafting lexicons are data files of the package: the installed command finds each language's.
    drafted = run("draft", str(MAPS / "sources" / "usfk_conclusion.txt"))
    assert "lang: zh-Hant" in drafted and "C5:" in drafted
    assert sorted(p.name for p in (Path(purelib) / "usfk_argmap" / "interop" / "from_text" / "lexicons").glob("*.yaml")) == [
        "de.yaml",
        "en.yaml",
        "zh-Hans.yaml",
        "zh-Hant.yaml",
    ]
