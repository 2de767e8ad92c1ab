"""Save -> updated picture latency of `usfk-argmap serve`: the flagship, and 5,000-statement maps.

Run: .venv/bin/python -m benchmarks.preview_latency [saves] [statements]
Starts one preview for each case below (127.0.0.1, any free port, a layout cache in memory only,
so no earlier run's layouts help), shows the case's view as a page would (asks /map.svg?view= for
it), then saves a changed text N times, the cases taking turns. For each save it measures the time
until the event stream announces the new version and until the view serves the picture with the
change, the CPU seconds the save cost (this process and Graphviz's, user+sys), and how many times
Graphviz ran. Prints each save, then each case's medians against its budget (the issue's: 1.5 s on
the flagship, 2 s on a 5,000-statement map), with the load average before and after.

The cases: the flagship's whole map; the ``benchmarks.shapes`` tree and cross-linked maps of
``statements`` (5,000 by default) on the view a page opens on (the thesis's neighbourhood), a
statement in it changed; and the same maps with the whole map shown, which is what every save cost
before the preview drew only the views shown (the whole map laid out again at each save).
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.request import urlopen

from benchmarks.shapes import shaped_map_text
from usfk_argmap.authoring.serve import RunningPreview, events, start_preview
from usfk_argmap.authoring.serve_views import default_view
from usfk_argmap.drawing import graphviz
from usfk_argmap.drawing.cache import LayoutCache
from usfk_argmap.mapfile.loader import load_text

ROOT = Path(__file__).resolve().parent.parent
FLAGSHIP_BUDGET_SECONDS = 1.5
BIG_MAP_BUDGET_SECONDS = 2.0
#: How long one save may take before it is recorded as not seen.
GIVE_UP_SECONDS = 60.0

RUNS = [0]
#: Put in every saved text, so that no save's text is one an earlier run saw: what a save works out
#: once per text and keeps in the user's cache folder (the map's recurring terms) is worked out, as it
#: is for a text the user has just typed.
RUN_MARK = os.urandom(3).hex()


def _counted_graphviz() -> None:
    """Count every Graphviz run in this process (``RUNS[0]``)."""
    real = graphviz.run_graphviz

    def counted(*args: object, **kwargs: object) -> bytes:
        RUNS[0] += 1
        return real(*args, **kwargs)  # type: ignore[arg-type]

    graphviz.run_graphviz = counted  # type: ignore[assignment]


def _cpu() -> float:
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


@dataclass
class Case:
    """One preview the saves go to: its map, the view shown, and how a save changes the text."""

    name: str
    path: Path
    view: str
    edit: Callable[[str, int], tuple[str, str]]
    budget: float
    preview: RunningPreview | None = None
    announced: dict[int, float] = field(default_factory=dict)
    original: str = ""
    start_seconds: float = 0.0
    rows: list[tuple[float, float, float, int]] = field(default_factory=list)

    def start(self) -> None:
        self.original = self.path.read_text(encoding="utf-8")
        started = time.perf_counter()
        self.preview = start_preview(self.path, 0, cache=LayoutCache(None))
        self._picture()
        self.start_seconds = time.perf_counter() - started
        url = self.preview.server.url
        reader = threading.Thread(
            target=lambda: [self.announced.setdefault(u["version"], time.perf_counter()) for u in events(url, 600)], daemon=True
        )
        reader.start()

    def _picture(self) -> bytes:
        assert self.preview is not None
        with urlopen(self.preview.server.url_for(f"/map.svg?view={self.view}"), timeout=GIVE_UP_SECONDS) as answer:
            data: bytes = answer.read()
            return data

    def save(self, number: int) -> tuple[float, float, float, int]:
        assert self.preview is not None
        text, marker = self.edit(self.original, number)
        version = self.preview.server.state.version
        runs, cpu, started = RUNS[0], _cpu(), time.perf_counter()
        self.path.write_text(text, encoding="utf-8")
        while version + 1 not in self.announced and time.perf_counter() - started < GIVE_UP_SECONDS:
            time.sleep(0.005)
        event = self.announced.get(version + 1, float("nan")) - started
        picture = float("nan")
        while time.perf_counter() - started < GIVE_UP_SECONDS:
            if marker.encode("utf-8") in self._picture():
                picture = time.perf_counter() - started
                break
            time.sleep(0.005)
        row = (event, picture, _cpu() - cpu, RUNS[0] - runs)
        self.rows.append(row)
        return row


def _statement_edit(node_id: str) -> Callable[[str, int], tuple[str, str]]:
    """A save that puts a marker at the start of one statement's text (ASCII: a label never wraps inside it)."""

    def edit(text: str, number: int) -> tuple[str, str]:
        marker = f"EDIT{number}R{RUN_MARK}"
        changed, count = re.subn(rf"^(  {node_id}:\n(?:    .*\n)*?    text: )", rf"\g<1>{marker} ", text, count=1, flags=re.M)
        assert count == 1
        return changed, marker

    return edit


def _flagship_edit(text: str, number: int) -> tuple[str, str]:
    marker = f"第{number}次{RUN_MARK}"
    return text.replace("駐韓美軍問題對台灣外交具有啟示", f"駐韓美軍問題{marker}"), marker


def cases(work: Path, statements: int) -> list[Case]:
    shutil.copytree(ROOT / "maps", work / "maps")
    found = [Case("flagship, whole map", work / "maps" / "usfk_conclusion.yaml", "map", _flagship_edit, FLAGSHIP_BUDGET_SECONDS)]
    for shape in ("tree", "cross"):
        text = shaped_map_text(statements, shape)
        argument_map = load_text(text).map
        assert argument_map is not None
        for view in dict.fromkeys((default_view(argument_map), "map")):
            path = work / f"{shape}-{view.replace(':', '-')}.yaml"
            path.write_text(text, encoding="utf-8")
            shown = "whole map shown (as every save was before)" if view == "map" else f"{view} (the view it opens on)"
            found.append(Case(f"{shape} {statements:,}, {shown}", path, view, _statement_edit("N1"), BIG_MAP_BUDGET_SECONDS))
    return found


def main(saves: int, statements: int) -> None:
    _counted_graphviz()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as folder:
        every = cases(Path(folder), statements)
        try:
            for case in every:
                case.start()
                print(f"{case.name}: started, first picture in {case.start_seconds:.2f} s ({case.view})")
            time.sleep(0.5)
            print(f"{'save':>4} {'event s':>8} {'picture s':>10} {'CPU s':>7} {'Graphviz':>8}  case")
            for number in range(1, saves + 1):
                for case in every:
                    event, picture, cpu, runs = case.save(number)
                    print(f"{number:>4} {event:>8.3f} {picture:>10.3f} {cpu:>7.3f} {runs:>8}  {case.name}")
                    time.sleep(0.3)
        finally:
            for case in every:
                if case.preview is not None:
                    case.preview.close()
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"medians of {saves} saves:")
    for case in every:
        event, picture, cpu, runs = (statistics.median(column) for column in zip(*case.rows, strict=True))
        print(
            f"  {case.name}: event {event:.3f} s, picture {picture:.3f} s = {picture / case.budget:.2f} x the "
            f"{case.budget} s budget; CPU {cpu:.3f} s; Graphviz runs {runs:g}"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7, int(sys.argv[2]) if len(sys.argv) > 2 else 5000)
