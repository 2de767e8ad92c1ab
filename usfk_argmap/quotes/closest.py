"""The passage of a source text closest to a quote that is not in it, found in bounded time.

A quote that is not in the source is usually a near copy: a word changed, a
phrase dropped, a character mistyped. Comparing it with every stretch of the
source (``difflib`` over the whole text) takes minutes on a book-sized
source. Instead:

1. an index of the source's character n-grams (n = 2 for short quotes, 3
   otherwise), built once per source, maps each n-gram to where it occurs;
2. each n-gram of the quote votes for the diagonal ``source offset - quote
   offset`` of each of its occurrences, rarest n-grams first, within a fixed
   budget of votes; the diagonals with the most votes are the candidate
   windows (a window is the quote's length plus a margin);
3. in each candidate window the n-gram hits are chained (the longest chain
   increasing in both texts) into matching blocks, extended character by
   character; the window with the most matched characters wins.

Work is linear in the source for the index and bounded by the quote's
length (times a constant) for each look-up. Everything here is on the
normalized text (see ``usfk_argmap.quotes.source``); the caller maps offsets back
to the raw text.
"""

from __future__ import annotations

import bisect
from array import array
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

#: At most this many n-gram occurrences are looked at to find candidate windows.
VOTE_BUDGET = 600_000
#: Candidate windows aligned per look-up.
CANDIDATES = 8
#: An n-gram that occurs more often than this inside one window is too common to anchor an alignment.
MAX_HITS_IN_WINDOW = 16


@dataclass(frozen=True)
class Block:
    """``size`` characters equal in the source (from ``source``) and the quote (from ``quote``)."""

    source: int
    quote: int
    size: int


@dataclass(frozen=True)
class Alignment:
    """The best stretch of the source for a quote: [start, end) in the normalized source, and its blocks."""

    start: int
    end: int
    blocks: tuple[Block, ...]

    @property
    def matched(self) -> int:
        return sum(block.size for block in self.blocks)


class NgramIndex:
    """Where each character n-gram occurs in a text."""

    def __init__(self, text: str, size: int) -> None:
        self.text = text
        self.size = size
        # Compact arrays of 4-byte offsets: an 8 MiB source has millions of them.
        positions: defaultdict[str, array[int]] = defaultdict(lambda: array("i"))
        for offset in range(len(text) - size + 1):
            positions[text[offset : offset + size]].append(offset)
        self.positions: dict[str, array[int]] = dict(positions)

    def align(self, quote: str) -> Alignment | None:
        """The stretch of the text most like ``quote``, or None when no n-gram of it occurs."""
        size = self.size
        if len(quote) < size or len(self.text) < size:
            return None
        width = max(32, len(quote) // 4)
        votes = self._votes(quote, width)
        if not votes:
            return None
        # Adjacent buckets together, so a diagonal near a bucket edge is not split.
        paired = Counter({bucket: votes[bucket] + votes.get(bucket + 1, 0) for bucket in votes})
        best: Alignment | None = None
        tried: set[int] = set()
        for bucket, _count in paired.most_common():
            if len(tried) >= CANDIDATES:
                break
            if bucket in tried or bucket - 1 in tried or bucket + 1 in tried:
                continue
            tried.add(bucket)
            slack = len(quote) // 4 + 8
            low = max(0, bucket * width - slack)
            high = min(len(self.text), (bucket + 2) * width + len(quote) + slack)
            candidate = self._align_window(quote, low, high)
            if candidate is not None and (best is None or candidate.matched > best.matched):
                best = candidate
        return best

    def _votes(self, quote: str, width: int) -> Counter[int]:
        size = self.size
        grams: list[tuple[int, int, array[int]]] = []
        for offset in range(len(quote) - size + 1):
            found = self.positions.get(quote[offset : offset + size])
            if found is not None:
                grams.append((len(found), offset, found))
        grams.sort(key=lambda gram: gram[0])
        votes: Counter[int] = Counter()
        spent = 0
        for count, offset, found in grams:
            if spent + count > VOTE_BUDGET and spent:
                break
            spent += count
            for position in found:
                votes[(position - offset) // width] += 1
        return votes

    def _align_window(self, quote: str, low: int, high: int) -> Alignment | None:
        size = self.size
        hits: list[tuple[int, int]] = []  # (quote offset, source offset)
        for offset in range(len(quote) - size + 1):
            found = self.positions.get(quote[offset : offset + size])
            if found is None:
                continue
            first = bisect.bisect_left(found, low)
            last = bisect.bisect_right(found, high - size)
            if 0 < last - first <= MAX_HITS_IN_WINDOW:
                # Descending source offsets within one quote offset, so a chain takes at most one of them.
                hits.extend((offset, found[index]) for index in range(last - 1, first - 1, -1))
        chain = _longest_chain(hits)
        if not chain:
            return None
        blocks = _extend(self.text, quote, _blocks(chain, size), low, high)
        first_block, last_block = blocks[0], blocks[-1]
        start = max(0, first_block.source - first_block.quote)
        end = min(len(self.text), last_block.source + last_block.size + len(quote) - last_block.quote - last_block.size)
        return Alignment(start, max(end, last_block.source + last_block.size), tuple(blocks))


def _longest_chain(hits: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of hits increasing in both the quote and the source (patience sorting).

    ``hits`` come by increasing quote offset and, within one, by decreasing
    source offset, so a chain strictly increasing in the source holds at most
    one hit per quote offset.
    """
    tails: list[int] = []  # source offset ending the best chain of each length
    tail_index: list[int] = []
    previous: list[int] = [-1] * len(hits)
    for index, (_quote_offset, source_offset) in enumerate(hits):
        length = bisect.bisect_left(tails, source_offset)
        if length == len(tails):
            tails.append(source_offset)
            tail_index.append(index)
        else:
            tails[length] = source_offset
            tail_index[length] = index
        previous[index] = tail_index[length - 1] if length else -1
    if not tail_index:
        return []
    chain: list[tuple[int, int]] = []
    index = tail_index[-1]
    while index >= 0:
        chain.append(hits[index])
        index = previous[index]
    chain.reverse()
    return chain


def _blocks(chain: Sequence[tuple[int, int]], size: int) -> list[Block]:
    """Runs of consecutive n-gram hits as blocks of equal characters, not overlapping."""
    blocks: list[Block] = []
    run_quote, run_source = chain[0]
    run_length = 1
    for quote_offset, source_offset in [*chain[1:], (-1, -1)]:
        if quote_offset == run_quote + run_length and source_offset == run_source + run_length:
            run_length += 1
            continue
        block = Block(run_source, run_quote, run_length + size - 1)
        if blocks:
            before = blocks[-1]
            overlap = max(before.quote + before.size - block.quote, before.source + before.size - block.source, 0)
            block = Block(block.source + overlap, block.quote + overlap, block.size - overlap)
        if block.size > 0:
            blocks.append(block)
        run_quote, run_source, run_length = quote_offset, source_offset, 1
    return blocks


def _extend(text: str, quote: str, blocks: list[Block], low: int, high: int) -> list[Block]:
    """Grow each block over equal characters on both sides, up to its neighbours."""
    grown: list[Block] = []
    for index, block in enumerate(blocks):
        source_floor = grown[-1].source + grown[-1].size if grown else low
        quote_floor = grown[-1].quote + grown[-1].size if grown else 0
        after = blocks[index + 1] if index + 1 < len(blocks) else None
        source_ceiling = after.source if after else high
        quote_ceiling = after.quote if after else len(quote)
        source, quote_offset, size = block.source, block.quote, block.size
        while source > source_floor and quote_offset > quote_floor and text[source - 1] == quote[quote_offset - 1]:
            source, quote_offset, size = source - 1, quote_offset - 1, size + 1
        while (
            source + size < source_ceiling
            and quote_offset + size < quote_ceiling
            and text[source + size] == quote[quote_offset + size]
        ):
            size += 1
        grown.append(Block(source, quote_offset, size))
    return grown
