"""The Graphviz boundary: every run has a time limit, and no Graphviz process outlives the command.

A stand-in ``dot`` that never finishes (first on PATH) plays a layout of a huge
map; after the time limit, Ctrl-C, SIGTERM or SIGKILL, no process of it remains. A real dot on a
graph it takes a minute over is killed with the command too.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import MAPS, REPO
from usfk_argmap.core.errors import GraphvizFailedError, GraphvizTimeoutError
from usfk_argmap.drawing import graphviz


@pytest.fixture
def slow_dot(tmp_path: Path) -> Path:
    """A folder whose ``dot`` and ``sfdp`` sleep for five minutes (their command lines name the folder)."""
    folder = tmp_path / "slow-graphviz"
    folder.mkdir()
    for name in ("dot", "sfdp"):
        script = folder / name
        script.write_text(f"#!{sys.executable}\nimport time\ntime.sleep(300)\n", encoding="utf-8")
        script.chmod(0o755)
    return folder


def _running(marker: Path) -> list[int]:
    """Processes whose command line names ``marker`` (zombies excluded)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes()
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if str(marker).encode() in command and state != "Z":
            found.append(int(entry.name))
    return found


def _wait_until(condition: object, seconds: float = 20) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.1)
    return False


def test_a_run_over_its_time_limit_is_a_typed_error_and_leaves_no_process(
    slow_dot: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", f"{slow_dot}{os.pathsep}{os.environ['PATH']}")
    started = time.monotonic()
    with graphviz.time_limit(1.0), pytest.raises(GraphvizTimeoutError) as caught:
        graphviz.run_graphviz("digraph { a -> b }", "svg")
    assert time.monotonic() - started < 10
    assert isinstance(caught.value, GraphvizFailedError)
    assert caught.value.timeout == 1.0
    assert "time limit" in str(caught.value)
    assert _running(slow_dot) == []


def test_the_time_limit_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(graphviz.TIMEOUT_VARIABLE, "12.5")
    assert graphviz.default_timeout() == 12.5
    with graphviz.time_limit(3):
        assert graphviz.default_timeout() == 3
    monkeypatch.setenv(graphviz.TIMEOUT_VARIABLE, "soon")
    with pytest.raises(ValueError, match="not a number"):
        graphviz.default_timeout()


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
def test_a_killed_render_stops_its_graphviz_child(slow_dot: Path, tmp_path: Path, how: signal.Signals) -> None:
    env = {**os.environ, "PATH": f"{slow_dot}{os.pathsep}{os.environ['PATH']}"}
    command = [sys.executable, "-m", "usfk_argmap", "render", str(MAPS / "example_tram.yaml"), "-o", str(tmp_path / "map.svg")]
    process = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        assert _wait_until(lambda: _running(slow_dot)), "the stand-in dot never started"
        process.send_signal(how)
        process.wait(20)
        assert _wait_until(lambda: not _running(slow_dot), 10), f"dot still running after {how.name}"
    finally:
        if process.poll() is None:
            process.kill()
        for pid in _running(slow_dot):
            os.kill(pid, signal.SIGKILL)
    assert process.returncode != 0
    assert not (tmp_path / "map.svg").exists()
    assert b"Traceback" not in (process.stderr.read() if process.stderr else b"")


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM])
def test_a_killed_render_of_several_maps_stops_every_graphviz_child(slow_dot: Path, tmp_path: Path, how: signal.Signals) -> None:
    env = {**os.environ, "PATH": f"{slow_dot}{os.pathsep}{os.environ['PATH']}"}
    maps = []
    for name in ("one", "two", "three"):
        maps.append(tmp_path / f"{name}.yaml")
        maps[-1].write_text(
            (MAPS / "example_tram.yaml").read_text(encoding="utf-8").replace("source: sources/tram.txt\n", ""), encoding="utf-8"
        )
    command = [sys.executable, "-m", "usfk_argmap", "render", *map(str, maps), "-o", str(tmp_path / "out"), "-j", "2"]
    process = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    started = time.monotonic()
    try:
        assert _wait_until(lambda: len(_running(slow_dot)) >= 2, 30), "the stand-in dots never started"
        process.send_signal(how)
        process.wait(30)
        assert _wait_until(lambda: not _running(slow_dot), 10), f"dot still running after {how.name}"
    finally:
        if process.poll() is None:
            process.kill()
        for pid in _running(slow_dot):
            os.kill(pid, signal.SIGKILL)
    assert time.monotonic() - started < 60
    assert process.returncode != 0


def test_the_cli_reports_a_time_limit_with_exit_1(slow_dot: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PATH": f"{slow_dot}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "usfk_argmap",
            "--graphviz-timeout",
            "1",
            "render",
            str(MAPS / "example_tram.yaml"),
            "-o",
            str(tmp_path / "map.svg"),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert "dot was stopped after 1 s (its time limit; raise it with --graphviz-timeout" in done.stderr
    assert "Traceback" not in done.stderr
    assert _running(slow_dot) == []


def test_a_crash_without_a_message_names_the_signal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "crashing"
    folder.mkdir()
    script = folder / "sfdp"
    script.write_text(f"#!{sys.executable}\nimport os, signal\nos.kill(os.getpid(), signal.SIGSEGV)\n")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    with pytest.raises(GraphvizFailedError, match=r"sfdp crashed \(SIGSEGV\)"):
        graphviz.run_graphviz("digraph { a -> b }", "svg", "sfdp")


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            found += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.graphviz
@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL])
def test_a_killed_render_of_a_slow_graph_leaves_no_real_graphviz(tmp_path: Path, how: signal.Signals) -> None:
    # dot takes about a minute on 8 levels of 600 statements, each supporting up to 4 of the level above:
    # killed while it runs, it must not stay behind.
    import random

    pick = random.Random(3)
    lines, above = ["title: dense", "root: T", "nodes:", "  T: {kind: thesis, text: t}"], ["T"]
    for level in range(8):
        here = [f"L{level}N{k}" for k in range(600)]
        lines += [
            f"  {node}: {{kind: premise, text: p, supports: [{', '.join(sorted({pick.choice(above) for _ in range(4)}))}]}}"
            for node in here
        ]
        above = here
    path = tmp_path / "flat.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "usfk_argmap", "render", str(path), "--engine", "dot", "-o", str(tmp_path / "flat.svg")],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    graphviz_children: list[int] = []
    try:

        def dot_started() -> bool:
            graphviz_children[:] = [
                pid
                for pid in _children(process.pid)
                if Path(f"/proc/{pid}/comm").exists() and Path(f"/proc/{pid}/comm").read_text().strip() == "dot"
            ]
            return bool(graphviz_children)

        assert _wait_until(dot_started, 60), "dot never started"
        time.sleep(0.5)
        process.send_signal(how)
        process.wait(20)
        assert _wait_until(lambda: not any(_alive(pid) for pid in graphviz_children), 10), "dot still running"
    finally:
        if process.poll() is None:
            process.kill()
        for pid in graphviz_children:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
    assert not (tmp_path / "flat.svg").exists()
