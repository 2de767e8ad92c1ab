"""How fast the Pandoc filter rebuilds an unchanged 20-map document from its cache (the goal: under 1 s).

Run: .venv/bin/python benchmarks/pandoc_cache.py [maps] [format]
Writes a document of MAPS map blocks (20; copies of the tram map, each its own file) into a
temporary folder, filters it once (every map drawn), then again (every picture and its
diagnostics taken from argmap-figures/), both as ``usfk-argmap pandoc-filter FORMAT`` (html5)
in a new process, as Pandoc runs it. Prints the time of each run and of the cached run in-process.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from usfk_argmap.interop.pandoc import filter_text

MAPS = Path(__file__).resolve().parent.parent / "maps"


def document(count: int) -> str:
    """The Pandoc JSON of a document with ``count`` map blocks, one a map file."""
    blocks = [{"t": "CodeBlock", "c": [["", ["argmap"], [["file", f"maps/tram{index}.yaml"]]], ""]} for index in range(count)]
    return json.dumps({"pandoc-api-version": [1, 22, 1], "meta": {}, "blocks": blocks})


def filtered(folder: Path, text: str, output_format: str) -> float:
    """Seconds one filter process takes over ``text``."""
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "usfk_argmap", "pandoc-filter", output_format],
        input=text.encode(),
        cwd=folder,
        capture_output=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(MAPS.parent)},
    )
    return time.perf_counter() - start


def main(count: int, output_format: str) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        (folder / "maps").mkdir()
        shutil.copytree(MAPS / "sources", folder / "maps" / "sources")
        tram = (MAPS / "example_tram.yaml").read_text(encoding="utf-8")
        for index in range(count):
            text = tram.replace("title: Should Riverton build the tram?", f"title: Should Riverton build tram {index}?")
            (folder / "maps" / f"tram{index}.yaml").write_text(text, encoding="utf-8")
        text = document(count)
        first = filtered(folder, text, output_format)
        again = filtered(folder, text, output_format)
        start = time.perf_counter()
        result = filter_text(text, output_format, folder)
        in_process = time.perf_counter() - start
        assert (result.drawn, result.reused) == (0, count), (result.drawn, result.reused)
    print(f"{count} maps, {output_format}: first build {first:.2f} s; from the cache {again:.2f} s", end="")
    print(f" (a process), {in_process * 1000:.0f} ms (in-process); goal: under 1 s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20, sys.argv[2] if len(sys.argv) > 2 else "html5")
