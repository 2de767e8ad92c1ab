"""How the closest-passage search (AM301's hint) grows with the source and the quote.

Run: .venv/bin/python benchmarks/closest_passage.py [source KB ...]
Prints a table: the kind of text, source size, quote size, the time of the
first look-up (which builds the n-gram index, once per source), the time of
a later look-up, its ratio to the first row's, and how alike the passage
found is (1.0: equal). The Chinese sources are the flagship source's
sentences shuffled and slightly changed, so no passage occurs twice; the
English ones are the tram example's words in random order (a small
alphabet, the hard case for a character index). Each quote is a passage
from the middle with one character in 50 changed.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from usfk_argmap.quotes.source import SourceText

SOURCES = Path(__file__).resolve().parent.parent / "maps" / "sources"
FLAGSHIP = SOURCES / "usfk_conclusion.txt"


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


def english_source(kilobytes: int, seed: int = 11) -> str:
    """About ``kilobytes`` KB of English: the tram example's words in random order (a small alphabet)."""
    rng = random.Random(seed)
    words = (SOURCES / "tram.txt").read_text(encoding="utf-8").split()
    pieces: list[str] = []
    size = 0
    while size < kilobytes * 1024:
        word = rng.choice(words)
        pieces.append(word)
        size += len(word) + 1
    return " ".join(pieces)


def misquote(text: str, chars: int, seed: int = 5) -> str:
    """A passage of ``chars`` characters from the middle of ``text``, one character in 50 changed."""
    rng = random.Random(seed)
    start = max(0, len(text) // 2 - chars // 2)
    quote = list(text[start : start + chars])
    for _ in range(max(1, chars // 50)):
        quote[rng.randrange(len(quote))] = "#"
    return "".join(quote)


def main(sizes: list[int]) -> None:
    print(f"{'text':>4} {'source KB':>9} {'quote chars':>11} {'first s':>9} {'look-up s':>10} {'ratio':>7} {'similarity':>10}")
    first: float | None = None
    for language, make in (("zh", synthetic_source), ("en", english_source)):
        for kilobytes in sizes:
            text = make(kilobytes)
            for chars in (50, 1700, 5000):  # 1,700 CJK characters or 5,000 Latin ones are some 5 KB of UTF-8
                if (language == "zh") != (chars != 5000):
                    continue
                source = SourceText(text)
                start = time.perf_counter()
                source.closest_passage(misquote(text, chars, seed=1))  # the first look-up builds the index
                indexed = time.perf_counter()
                passage = source.closest_passage(misquote(text, chars))
                lookup = time.perf_counter() - indexed
                first = first or lookup
                similarity = f"{passage.similarity:.2f}" if passage else "none"
                print(
                    f"{language:>4} {kilobytes:>9} {chars:>11} {indexed - start:>9.3f} {lookup:>10.4f} "
                    f"{lookup / first:>7.1f} {similarity:>10}"
                )


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [20, 200, 2_000, 8_000])
