"""Whether ``--direction auto``'s estimate (``orientation.predicted_direction``) chooses as the trial layouts do.

Run from the repository root:  python benchmarks/direction_prediction.py [--maps 300] [--seed 1]

For the bundled maps and ``--maps`` random maps of 5 to 300 statements (the
shapes of ``benchmarks/shapes.py``, Chinese, and ``check_speed.py``'s, English,
statements hung on random earlier ones), each with the screen's shape, a square
and a 4:1 fit size as the target: the direction the trial layouts choose
(``fitting_direction`` over dot's ``plain`` sizes both ways) against the
estimate's, which may abstain. Prints how often it agrees, abstains and
disagrees (the last must be 0), and the ratios of dot's width-to-height to the
estimate's, from which ``ESTIMATE_RANGE`` is set.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.check_speed import synthetic_map  # noqa: E402
from benchmarks.shapes import shaped_map_text  # noqa: E402
from usfk_argmap import open_map  # noqa: E402
from usfk_argmap.core.model import ArgumentMap  # noqa: E402
from usfk_argmap.drawing.graphviz import run_graphviz  # noqa: E402
from usfk_argmap.drawing.options import RenderOptions  # noqa: E402
from usfk_argmap.drawing.orientation import aspect, estimated_sizes, fitting_direction, plain_size, predicted_direction  # noqa: E402
from usfk_argmap.drawing.render import to_dot  # noqa: E402
from usfk_argmap.mapfile.loader import load_text  # noqa: E402

TARGETS = {"screen": None, "1:1": 1.0, "4:1": 4.0}


def sample_maps(count: int, seed: int) -> list[tuple[str, ArgumentMap]]:
    """The bundled maps and ``count`` random ones of 5 to 300 statements, named by shape and size."""
    maps = [(name, open_map(ROOT / "maps" / f"{name}.yaml")) for name in ("usfk_conclusion", "example_tram")]
    rng = random.Random(seed)
    for _ in range(count):
        size, shape = rng.randint(5, 300), rng.choice(["tree", "cross", "random"])
        text = (
            synthetic_map(size, rng.randrange(10**6)) if shape == "random" else shaped_map_text(size, shape, rng.randrange(10**6))
        )
        built = load_text(text).map
        assert built is not None
        maps.append((f"{shape}-{size}", built))
    return maps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--maps", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    counts = {target: {"agree": 0, "abstain": 0, "disagree": 0} for target in TARGETS}
    ratios: dict[str, list[float]] = {"BT": [], "RL": []}
    for name, argument_map in sample_maps(args.maps, args.seed):
        text = to_dot(argument_map, RenderOptions(direction="BT"))
        sizes = {
            way: plain_size(run_graphviz(text.replace("\nrankdir=BT;\n", f"\nrankdir={way};\n"), "plain", "dot"))
            for way in ("BT", "RL")
        }
        estimate = estimated_sizes(text)
        if estimate is not None:
            for way in ratios:
                ratios[way].append(aspect(sizes[way]) / aspect(estimate[way]))
        for target_name, target in TARGETS.items():
            chosen = fitting_direction(sizes.__getitem__, target, len(argument_map.nodes))
            predicted = predicted_direction(text, target)
            verdict = "abstain" if predicted is None else ("agree" if predicted == chosen else "disagree")
            counts[target_name][verdict] += 1
            if verdict == "disagree":
                print(f"disagrees: {name} ({target_name}): the layouts choose {chosen}, the estimate {predicted}")
    total = args.maps + 2
    print(f"{total} maps (the 2 bundled ones and {args.maps} random ones of 5-300 statements, seed {args.seed})\n")
    print("| target | agrees | abstains | disagrees | abstain rate |")
    print("|---|---|---|---|---|")
    for target_name, verdicts in counts.items():
        rate = verdicts["abstain"] / total
        print(f"| {target_name} | {verdicts['agree']} | {verdicts['abstain']} | {verdicts['disagree']} | {rate:.1%} |")
    for way, found in ratios.items():
        print(f"\ndot's width/height over the estimate's, {way}: {min(found):.2f} to {max(found):.2f}")


if __name__ == "__main__":
    main()
