"""Every entry point that reads or writes a map does work linear in its size (issue 22: "linear everywhere").

Each is run on a synthetic map of n and 4n statements and the function calls are
counted (``tests/growth.py``: the same count on a loaded machine or an idle one).
A quadratic entry point makes about 16 times the calls at 4n, and the count stops
at ``LINEAR_GROWTH`` times, so it fails at once. The shape has what costs work:
supports in a tree, attacks and their answers, linked arguments, undercuts,
sections, glosses and quotes. Work inside one C call (a regex searched from the
start of the text for each item) is not seen by a count: ``benchmarks/`` times those,
and ``tests/test_import_limits.py`` counts the passes over the text where one was found.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.growth import LINEAR_GROWTH, growth
from usfk_argmap import evaluate, load_text
from usfk_argmap.core.model import ArgumentMap
from usfk_argmap.interop import IMPORT_FORMATS, import_bytes
from usfk_argmap.interop.exporters import EXPORT_FORMATS, export

#: The statements of the smaller map; the larger has four times as many.
SIZE = 120


def map_text(n: int) -> str:
    """A map of about ``n`` statements: a thesis, claims with reasons, objections answered, arguments, undercuts."""
    lines = ["title: growth", "root: T", "sections:", "  s1: {title: one}", "  s2: {title: two}", "nodes:"]
    lines += ["  T:", "    kind: thesis", "    text: the thesis", "    en: gloss"]
    for k in range(n // 6):
        section = "s1" if k % 2 else "s2"
        lines += [f"  C{k}:", "    kind: claim", f"    text: claim {k}", "    supports: T", f"    section: {section}"]
        lines += [f"  P{k}:", "    kind: premise", f"    text: premise {k}", f"    supports: C{k}", f"    quote: premise {k}"]
        lines += [f"  Q{k}:", "    kind: premise", f"    text: second premise {k}"]
        lines += [f"  E{k}:", "    kind: evidence", f"    text: evidence {k}", f"    supports: P{k}"]
        lines += [f"  O{k}:", "    kind: objection", f"    text: objection {k}", f"    attacks: C{k}"]
        lines += [f"  R{k}:", "    kind: rebuttal", f"    text: answer {k}", f"    attacks: O{k}"]
        lines += ["    undercuts:", f"      - {{from: E{k}, to: P{k}}}"]
    lines += ["arguments:"]
    for k in range(n // 6):
        lines += [f"  A{k}:", f"    premises: [P{k}, Q{k}]", f"    supports: C{k}"]
    return "\n".join(lines) + "\n"


MAPS: dict[int, ArgumentMap] = {}


def synthetic(n: int) -> ArgumentMap:
    if n not in MAPS:
        result = load_text(map_text(n), "growth.yaml")
        assert result.map is not None, result.diagnostics
        MAPS[n] = result.map
    return MAPS[n]


ENTRY_POINTS: list[tuple[str, Callable[[int], object]]] = [
    ("loader", lambda n: load_text(map_text(n), "growth.yaml")),
    ("evaluate grounded", lambda n: evaluate(synthetic(n))),
    ("evaluate preferred", lambda n: evaluate(synthetic(n), semantics="preferred")),
    *[(f"export {name}", lambda n, name=name: export(synthetic(n), name)) for name in EXPORT_FORMATS.names if name != "dot"],
]


def misspelt_text(n: int) -> str:
    """A map of ``n`` claims each naming a statement that is not there: a did-you-mean for every one."""
    lines = ["title: typos", "root: T", "nodes:", "  T:", "    kind: thesis", "    text: the thesis"]
    for k in range(n):
        lines += [f"  C{k}:", "    kind: claim", f"    text: claim {k}", f"    supports: [T, Cl{k}]"]
    return "\n".join(lines) + "\n"


def _check_misspelt(n: int) -> object:
    from usfk_argmap import check

    result = load_text(misspelt_text(n), "typos.yaml")
    assert result.map is not None
    return check(result.map)


def _language_server_diagnostics(n: int) -> object:
    from pathlib import Path

    from usfk_argmap.authoring.document import open_document
    from usfk_argmap.authoring.lsp import lsp_diagnostic

    document = open_document(Path("typos.yaml"), misspelt_text(n))
    return [lsp_diagnostic(document, diagnostic) for diagnostic in document.diagnostics]


def _completion_on_a_long_line(n: int) -> object:
    """Completion at the end of one list line of ``n`` ids, and after ``n`` letters with no key (a regex from every start)."""
    from pathlib import Path

    from usfk_argmap.authoring.document import open_document
    from usfk_argmap.authoring.lsp_completion import completion_items

    ids = ", ".join(f"C{k}" for k in range(n))
    text = f"title: t\nroot: T\nnodes:\n  T:\n    kind: thesis\n    text: x\n    supports: [{ids}, \n    note: {'a' * n} \n"
    document = open_document(Path("long.yaml"), text)
    return completion_items(document, 6, len(document.lines[6])), completion_items(document, 7, len(document.lines[7]))


# A did-you-mean compared every unknown name with every id: a 740 KB map took 4 minutes in `check` and
# in the language server, per keystroke. The similarity search now has a budget of comparisons per map.
ENTRY_POINTS += [
    ("check, an unknown name per statement", _check_misspelt),
    ("language server diagnostics", _language_server_diagnostics),
    ("language server completion on a long line", _completion_on_a_long_line),
]


def test_completion_reads_a_long_line_in_linear_time() -> None:
    # The typed prefix and the key before a list were found by regexes anchored at the line's end, tried from
    # every start: one C call each, so a call count cannot see it (20,000 letters took 7 s, 40,000 about 28).
    # A ratio of the best of five CPU times at n and 4n: about 4 when linear, 16 when quadratic. CPU time, not
    # the wall clock, so that other processes on a loaded machine do not count.
    import time

    def best(n: int) -> float:
        times = []
        for _ in range(5):
            started = time.process_time()
            _completion_on_a_long_line(n)
            times.append(time.process_time() - started)
        return min(times)

    best(500)
    assert best(32_000) / best(8_000) < 8


@pytest.mark.parametrize(("name", "work"), ENTRY_POINTS, ids=[name for name, _ in ENTRY_POINTS])
def test_the_entry_point_grows_linearly(name: str, work: Callable[[int], object], monkeypatch: pytest.MonkeyPatch) -> None:
    # The did-you-mean budget, small enough that these small maps reach it, as a large map reaches the real one.
    monkeypatch.setattr("usfk_argmap.core.diagnostics.SIMILARITY_BUDGET", 5_000)
    synthetic(SIZE), synthetic(4 * SIZE)  # loaded before counting: only the entry point's own work is counted
    assert growth(work, SIZE) <= LINEAR_GROWTH, name


#: Each import format reads back our own export of the map (the shape its importer is given in practice).
IMPORTS = [name for name in IMPORT_FORMATS.names if name in EXPORT_FORMATS.names]


@pytest.mark.parametrize("fmt", IMPORTS)
def test_each_importer_grows_linearly(fmt: str) -> None:
    written = {n: export(synthetic(n), fmt).encode("utf-8") for n in (SIZE, 4 * SIZE)}
    assert growth(lambda n: import_bytes(written[n], fmt, f"growth.{fmt}"), SIZE) <= LINEAR_GROWTH


def test_every_format_is_covered() -> None:
    # A new export or import format is measured here without a line written for it (dot: the drawing's, see test_dot).
    assert {name.removeprefix("export ") for name, _ in ENTRY_POINTS if name.startswith("export ")} == set(
        EXPORT_FORMATS.names
    ) - {"dot"}
    # Formats with no export of ours are measured on their own shapes (kialo: test_kialo.py; every importer with
    # the writer: test_writer_speed.py).
    assert set(IMPORTS) == set(IMPORT_FORMATS.names) - {"microtext", "kialo"}
