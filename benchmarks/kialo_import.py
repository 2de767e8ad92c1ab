"""How long ``import`` takes on a large Kialo export (the issue asks at most 2 s for 10,000 claims).

Run from the repository root:  python benchmarks/kialo_import.py [--claims 10000 40000]

The debate is generated: a thesis, then claims four to a parent, pros and cons
alternating, one in twenty a ``-> See`` link to an earlier claim, every claim two
sentences long. The table gives the best of three runs of ``import_bytes`` (read,
build the map, give ids and kinds) and of ``import`` through the command line
(the same, plus writing the YAML map file), with the calls made (tests/growth.py).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.growth import calls  # noqa: E402
from usfk_argmap.interop import import_bytes  # noqa: E402


def kialo_export(claims: int) -> bytes:
    """A Kialo export of ``claims`` claims (thesis included), four children to a parent, every 20th a link."""
    numbers = ["1"]
    lines = ["Discussion Title: A generated debate", "", "1. The thesis of a generated debate holds."]
    for k in range(1, claims):
        parent = numbers[(k - 1) // 4]
        number = f"{parent}.{(k - 1) % 4 + 1}"
        numbers.append(number)
        label = "Pro" if k % 2 else "Con"
        if k % 20 == 0 and k > 40:
            text = f"-> See {numbers[k // 3]}."
        else:
            text = f"Claim {k} says something about the claim above it. It gives a second sentence too."
        lines.append(f"{number}. {label}: {text}")
    return ("\n".join(lines) + "\n").encode()


def best_of(runs: int, action: object) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--claims", type=int, nargs="+", default=[2500, 10000, 40000])
    args = parser.parse_args()
    from click.testing import CliRunner

    from usfk_argmap.cli.app import main as cli

    print(f"{'claims':>8} {'bytes':>10} {'import_bytes s':>15} {'CLI import s':>13} {'calls':>11}")
    with tempfile.TemporaryDirectory() as folder:
        for claims in args.claims:
            data = kialo_export(claims)
            source = Path(folder) / f"debate-{claims}.txt"
            source.write_bytes(data)
            result = import_bytes(data, "kialo", str(source))
            assert result.map is not None and len(result.map.nodes) > 0.9 * claims, result.diagnostics[:3]
            in_library = best_of(3, lambda data=data: import_bytes(data, "kialo", "x.txt"))
            output = Path(folder) / "out.yaml"
            arguments = ["import", str(source), "-o", str(output), "--force"]
            through_cli = best_of(3, lambda arguments=arguments: CliRunner().invoke(cli, arguments))
            count = calls(lambda data=data: import_bytes(data, "kialo", "x.txt"))
            print(f"{claims:>8} {len(data):>10} {in_library:>15.3f} {through_cli:>13.3f} {count:>11}")


if __name__ == "__main__":
    main()
