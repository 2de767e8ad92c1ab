"""Fuzzing the loader and every importer with mutated real files: no traceback, no run over a few
seconds, positioned diagnostics only.

The seeds are the bundled maps, the shared Argdown and arg-microtexts corpora, our Kialo and xAIF
fixtures and our own AIF export. A mutation deletes, duplicates or truncates a stretch,
or inserts a token that is hostile in the format (an alias, a deep bracket
run, a 5,000-digit number, an unclosed block, a noncharacter, a NUL...).
"""

from __future__ import annotations

import os
import time
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import MAPS, REPO, SHARED
from usfk_argmap import Diagnostic, check, load_bytes, load_text
from usfk_argmap.interop import import_bytes
from usfk_argmap.mapfile.writer import write_map

#: The longest one example may take, in seconds (each takes well under one).
LIMIT = 5.0
#: Examples per test: a few seconds in CI; set USFK_FUZZ_EXAMPLES=2000 for a longer hunt.
EXAMPLES = int(os.environ.get("USFK_FUZZ_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=timedelta(seconds=LIMIT),
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

COMMON_TOKENS = [
    "\x00",
    "\ufeff",
    "\ufffe",
    "\u2028",
    "\u0085",
    "\r",
    "\n\n",
    "9" * 5000,
    "[" * 3000,
    "{" * 3000,
    "é",
    "\u0065\u0301",
    "\U0001f600",
    "\\",
    '"',
    "'",
    "\t",
]
TOKENS = {
    "yaml": [
        "&a ",
        "*a",
        "<<: *a",
        "!!python/object:os.system ",
        "---\n",
        "? ",
        ": ",
        "- ",
        "|\n",
        ">-\n",
        "%YAML 1.1\n",
        "nodes:",
        "root: ",
        "supports: [",
        "source: /dev/zero",
        "lang: 'en\nstyle: x'",
    ],
    "argdown": [
        "===\n",
        "{a: &a [1, 2], b: *a}",
        "{a: b}" * 200,
        "<!--",
        "/*",
        "//",
        "[",
        "]",
        "<",
        ">",
        "+ ",
        "- ",
        "<+ ",
        "_ ",
        "><",
        "(1) ",
        "----\n",
        "--\n",
        "# ",
        "{",
        "}",
        "#tag",
        "\n  + [X]: y",
    ],
    "aif": ["{", "}", "[", "]", '"nodes":', '"edges":', '"type": "RA"', '"nodeID": 1', "null", "1e999", '"\\ud800"', ",", ":"],
    "xaif": ['"OVA": ', '"x": "1e400"', '"y": -1e308', '"nodes": 7', '"visible": true', '"text": {"txt": 1}', "null", "{", "]"],
    "kialo": ["1. ", "1.1. Pro: ", "1.1.1. Con: ", "-> See 1.1.", "-> See 1.", "Discussion Title: ", ".1" * 600, "\n"],
    "microtext": [
        "<",
        ">",
        "</arggraph>",
        '<!DOCTYPE x [<!ENTITY a "aaaa">]>',
        "&a;",
        '<joint id="j"/>',
        '<edge id="e" src="j" trg="j" type="seg"/>',
        "<![CDATA[",
        "]]>",
        "<?xml",
        "&#0;",
        ' id="a1"',
    ],
}


def _seeds() -> list[tuple[str, Path]]:
    seeds = [("yaml", path) for path in sorted(MAPS.glob("*.yaml"))]
    seeds += [
        ("aif", REPO / "tests" / "golden" / "example_tram.aif"),
        ("argdown", REPO / "tests" / "golden" / "example_tram.argdown"),
        ("xaif", REPO / "tests" / "interop_files" / "ova_tram.xaif.json"),
        *(("kialo", path) for path in sorted((REPO / "tests" / "interop_files").glob("*.kialo.txt"))),
    ]
    if SHARED.is_dir():
        seeds += [("argdown", path) for path in sorted((SHARED / "corpora" / "argdown").glob("*.argdown"))]
        seeds += [("microtext", path) for path in sorted((SHARED / "corpora" / "microtext").rglob("*.xml"))[:12]]
    return seeds


SEEDS = _seeds()
CONTENTS = {path: path.read_bytes() for _, path in SEEDS}


@st.composite
def mutated(draw: st.DrawFn, kind: str) -> bytes:
    path = draw(st.sampled_from([path for seed_kind, path in SEEDS if seed_kind == kind]))
    data = bytearray(CONTENTS[path])
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, max(0, len(data))))
        span = draw(st.integers(0, 200))
        action = draw(st.sampled_from(["insert", "insert", "delete", "duplicate", "truncate", "byte"]))
        if action == "insert":
            token = draw(st.sampled_from(TOKENS[kind] + COMMON_TOKENS))
            data[at:at] = token.encode("utf-8", "surrogatepass")
        elif action == "delete":
            del data[at : at + span]
        elif action == "duplicate":
            data[at:at] = bytes(data[at : at + span]) * draw(st.integers(2, 50))
        elif action == "truncate":
            del data[at:]
        elif data:
            data[min(at, len(data) - 1)] = draw(st.integers(0, 255))
    return bytes(data)


def _assert_positioned(diagnostics: list[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        assert isinstance(diagnostic, Diagnostic)
        assert diagnostic.code.startswith("AM")
        assert diagnostic.line >= 1 and diagnostic.column >= 1, diagnostic
        assert diagnostic.message.strip()


def _timed(action: object) -> object:
    started = time.monotonic()
    result = action()  # type: ignore[operator]
    assert time.monotonic() - started < LIMIT
    return result


@FUZZ
@given(mutated("yaml"))
def test_the_loader_on_mutated_maps(data: bytes) -> None:
    result = _timed(lambda: load_bytes(data, str(MAPS / "fuzz.yaml")))
    _assert_positioned(result.diagnostics)  # type: ignore[attr-defined]
    if result.map is not None:  # type: ignore[attr-defined]
        _assert_positioned(_timed(lambda: check(result.map)))  # type: ignore[arg-type, attr-defined]


@pytest.mark.parametrize("kind", ["argdown", "aif", "microtext", "xaif", "kialo"])
def test_importers_on_mutated_files(kind: str) -> None:
    if not any(seed_kind == kind for seed_kind, _ in SEEDS):
        pytest.skip(f"no {kind} seeds (../shared is missing)")

    @FUZZ
    @given(mutated(kind))
    def run(data: bytes) -> None:
        result = _timed(lambda: import_bytes(data, kind, f"fuzz.{kind}"))
        _assert_positioned(result.diagnostics)  # type: ignore[attr-defined]
        imported = result.map  # type: ignore[attr-defined]
        if imported is not None and not any(d.severity.value == "error" for d in result.diagnostics):  # type: ignore[attr-defined]
            # What an importer makes, our writer writes and our loader reads back.
            reloaded = _timed(lambda: load_text(write_map(imported), "fuzz.yaml"))
            _assert_positioned(reloaded.diagnostics)  # type: ignore[attr-defined]

    run()
