"""How the closest-passage search (AM301's hint) grows with the source and the quote.

Run: .venv/bin/python benchmarks/closest_passage.py [source KB ...]
Prints a table: source size, quote size, the time of the first look-up
(which builds the n-gram index, once per source), the time of a later
look-up, and the ratio of each row's later look-up to the first row's. The sources repeat the flagship source text
with every sentence shuffled and slightly changed, so no passage is quoted
twice; each quote is a real passage of it with a few characters changed.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from usfk_argmap.source import SourceText

FLAGSHIP = Path(__file__).resolve().parent.parent / "maps" / "sources" / "usfk_conclusion.txt"


def synthetic_source(kilobytes: int, seed: int = 11) -> str:
    """About ``kilobytes`` KB (UTF-8) of Traditional Chinese made from the flagship source's sentences."""
    rng = random.Random(seed)
    sentences = [s for s in FLAGSHIP.read_text(encoding="utf-8").replace("\n", "").split("。") if s]
    alphabet = sorted(set("".join(sentences)))
    pieces: list[str] = []
    size = 0
    while size < kilobytes * 1024:
        sentence = list(rng.choice(sentences))
        for _ in range(max(1, len(sentence) // 10)):
            sentence[rng.randrange(len(sentence))] = rng.choice(alphabet)
        piece = "".join(sentence) + "。\n"
        pieces.append(piece)
        size += len(piece.encode("utf-8"))
    return "".join(pieces)


def misquote(text: str, chars: int, seed: int = 5) -> str:
    """A passage of ``chars`` characters from the middle of ``text``, one character in 50 changed."""
    rng = random.Random(seed)
    start = max(0, len(text) // 2 - chars // 2)
    quote = list(text[start : start + chars])
    for _ in range(max(1, chars // 50)):
        quote[rng.randrange(len(quote))] = "錯"
    return "".join(quote)


def main(sizes: list[int]) -> None:
    print(f"{'source KB':>9} {'quote chars':>11} {'first s':>9} {'look-up s':>10} {'ratio':>7} {'similarity':>10}")
    first: float | None = None
    for kilobytes in sizes:
        text = synthetic_source(kilobytes)
        for chars in (50, 1700):  # 1,700 CJK characters are some 5 KB of UTF-8
            source = SourceText(text)
            start = time.perf_counter()
            source.closest_passage(misquote(text, chars, seed=1))  # the first look-up builds the index
            indexed = time.perf_counter()
            passage = source.closest_passage(misquote(text, chars))
            lookup = time.perf_counter() - indexed
            first = first or lookup
            similarity = f"{passage.similarity:.2f}" if passage else "none"
            print(f"{kilobytes:>9} {chars:>11} {indexed - start:>9.3f} {lookup:>10.4f} {lookup / first:>7.1f} "
                  f"{similarity:>10}")


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [20, 200, 2_000, 8_000])
