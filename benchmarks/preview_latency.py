"""Save -> updated picture latency of `usfk-argmap serve` on the flagship map.

Run: .venv/bin/python -m benchmarks.preview_latency [saves]
Starts a preview on a copy of the flagship (127.0.0.1, any free port), then saves a changed text
N times; for each save, measures the time until the event stream announces the new version and
until /map.svg serves the picture with the change. Prints each save and the median, and the ratio
to the issue's 1.5 s budget.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.request import urlopen

from usfk_argmap.authoring.serve import events, start_preview

ROOT = Path(__file__).resolve().parent.parent
BUDGET_SECONDS = 1.5


def main(saves: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        shutil.copytree(ROOT / "maps", work / "maps")
        map_path = work / "maps" / "usfk_conclusion.yaml"
        original = map_path.read_text(encoding="utf-8")
        preview = start_preview(map_path, 0)
        url = preview.server.url
        announced: dict[int, float] = {}
        reader = threading.Thread(
            target=lambda: [announced.setdefault(u["version"], time.perf_counter()) for u in events(url, 60)], daemon=True
        )
        reader.start()
        time.sleep(0.5)
        print(f"{'save':>4} {'event s':>8} {'picture s':>10}")
        pictures = []
        try:
            for number in range(1, saves + 1):
                marker = f"第{number}次"
                version = preview.server.state.version
                started = time.perf_counter()
                map_path.write_text(original.replace("駐韓美軍問題對台灣外交具有啟示", f"駐韓美軍問題{marker}"), encoding="utf-8")
                while version + 1 not in announced and time.perf_counter() - started < 30:
                    time.sleep(0.005)
                event = announced.get(version + 1, float("nan")) - started
                while marker.encode() not in urlopen(preview.server.url_for("/map.svg"), timeout=30).read():
                    time.sleep(0.005)
                picture = time.perf_counter() - started
                pictures.append(picture)
                print(f"{number:>4} {event:>8.3f} {picture:>10.3f}")
                time.sleep(0.3)
        finally:
            preview.close()
        median = statistics.median(pictures)
        print(f"median save -> picture: {median:.3f} s = {median / BUDGET_SECONDS:.2f} x the {BUDGET_SECONDS} s budget")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
