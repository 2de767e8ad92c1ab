"""How the evaluation grows on maps with a scheme on every inference (it is meant to stay linear).

Run: .venv/bin/python -m benchmarks.scheme_evaluation [sizes...]
Prints a table: statements, inferences with a scheme, arguments of the translated framework under
--questions open, the evaluation's time under --questions assumed and open (the best of 5 runs,
the one least disturbed by other work on the machine), microseconds per statement under open, and
the ratio of that to the smallest size's (about 1 when the growth is linear).
``tests/test_evaluation_schemes.py`` checks the same growth by counting calls, not by timing.
"""

from __future__ import annotations

import functools
import random
import sys
import time
from collections.abc import Callable

from usfk_argmap import evaluate, load_text
from usfk_argmap.analysis.framework import build_framework
from usfk_argmap.core.model import ArgumentMap

#: Schemes with two roles (for linked arguments) and with one (for single reasons).
_LINKED = ("expert-opinion", "position-to-know", "cause-to-effect", "practical-reasoning")
_SINGLE = ("sign", "example", "analogy", "negative-consequences")


def scheme_map(statements: int, seed: int = 7) -> str:
    """A map of about ``statements`` statements in which every inference names a scheme.

    Under the thesis, claims in a tree; each claim has a linked argument of two premises
    (an expert-opinion-like scheme with its roles), a single reason with a scheme, an
    objection with a scheme (a third of them outweighed by the single reason, a third answered
    by a rebuttal), and an evidence that answers one of the linked argument's questions.
    """
    rng = random.Random(seed)
    lines = ["title: schemes", "lang: en", "root: T", "nodes:", "  T: {kind: thesis, text: thesis}"]
    arguments = ["arguments:"]
    claims = ["T"]
    count = 1
    index = 0
    while count < statements:
        index += 1
        parent = claims[rng.randrange(len(claims))]
        claim = f"C{index}"
        claims.append(claim)
        single = _SINGLE[index % len(_SINGLE)]
        lines.append(f"  {claim}: {{kind: claim, text: claim {index}, supports: {parent}, schemes: {{{parent}: {single}}}}}")
        lines.append(f"  P{index}a: {{kind: premise, text: premise {index} a}}")
        lines.append(f"  P{index}b: {{kind: premise, text: premise {index} b}}")
        outweighs = f", outweighs: O{index}" if index % 3 == 0 else ""
        lines.append(
            f"  S{index}: {{kind: evidence, text: sign {index}, supports: {claim}, schemes: {{{claim}: {single}}}{outweighs}}}"
        )
        lines.append(
            f"  O{index}: {{kind: objection, text: objection {index}, attacks: {claim}, schemes: {{{claim}: {single}}}}}"
        )
        answer = f"{{to: A{index}, question: CQ1}}"
        lines.append(f"  E{index}: {{kind: evidence, text: backing {index}, supports: P{index}a, answers: {answer}}}")
        count += 6
        if index % 3 == 1:
            lines.append(
                f"  R{index}: {{kind: rebuttal, text: rebuttal {index}, attacks: O{index}, schemes: {{O{index}: {single}}}}}"
            )
            count += 1
        scheme = _LINKED[index % len(_LINKED)]
        arguments.append(f"  A{index}: {{premises: [P{index}a, P{index}b], supports: {claim}, scheme: {scheme}}}")
    return "\n".join(lines + arguments) + "\n"


def load_scheme_map(statements: int) -> ArgumentMap:
    result = load_text(scheme_map(statements), "schemes.yaml")
    assert result.map is not None, result.diagnostics[:3]
    return result.map


def _best_seconds(work: Callable[[], object]) -> float:
    times = []
    for _ in range(5):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main(sizes: list[int]) -> None:
    print(f"{'statements':>10} {'schemed':>8} {'framework':>10} {'assumed s':>10} {'open s':>8} {'µs/stmt':>8} {'vs first':>9}")
    first: float | None = None
    for size in sizes:
        argument_map = load_scheme_map(size)
        schemed = sum(1 for _ in argument_map.schemes())
        framework = len(build_framework(argument_map, questions="open").arguments)
        assumed = _best_seconds(functools.partial(evaluate, argument_map))
        opened = _best_seconds(functools.partial(evaluate, argument_map, questions="open"))
        per = opened / len(argument_map.nodes) * 1e6
        first = first or per
        print(
            f"{len(argument_map.nodes):>10,} {schemed:>8,} {framework:>10,} {assumed:>10.3f} {opened:>8.3f} "
            f"{per:>8.1f} {per / first:>9.2f}"
        )


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [1_000, 2_500, 5_000, 10_000])
