"""Terms a label's lines never break inside: found in the map and its source text, or listed by the map.

BudouX's phrase model does not know the names of a field: it breaks a name of
four characters in the middle as readily as a phrase. The names and terms a
chapter is about recur in it, so they are found by counting: every run of two
to six CJK characters that occurs often enough in the source text and the
map's statements, and that is not just a piece of a longer run occurring
about as often (if ABC always stands in ABCD, ABCD is the term). The map can
list more (``terms:``), and a text can hold a word joiner (U+2060) where it
must not break. Where terms overlap in a text, the text is tiled with the
terms that cover the most of it (of equal tilings, the one with fewer, longer
terms): a term wins over its pieces, and two neighbouring terms over a run
that straddles them. A line may break between two terms.

``map_terms(map)`` gives the ``Terms`` of a map (worked out once per map
content); ``Terms.inside(text)`` the positions a line may not break before.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
import weakref
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from usfk_argmap.core.model import ArgumentMap

#: The no-break mark: a word joiner inside a text keeps the characters on either side on one line.
WORD_JOINER = "\u2060"
#: Lengths of the runs counted, in characters.
SHORTEST, LONGEST = 2, 6
#: How often a run must occur to be a term: two-character runs more often than longer ones.
MIN_COUNT = 3
#: Characters that join words rather than begin or end them (之 的 與 及...): a run that starts or ends
#: with one is a phrase across words, not a term.
PARTICLES = frozenset("之的與及和或而且並在於對為以由把被將從向是也了著")
#: A run is only a piece of a longer one when that one occurs at least this share as often.
ABSORBED = 0.75

_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]{2,}")


def recurring_terms(texts: Iterable[str]) -> list[str]:
    """The runs of CJK characters that recur in ``texts`` as units (see the module's notes), longest first."""
    # NFC: a PDF's text holds CJK compatibility ideographs (U+F900...), which NFC maps to the usual ones.
    runs = [run for text in texts for run in _CJK_RUN.findall(unicodedata.normalize("NFC", text))]
    counts: Counter[str] = Counter()
    for length in range(1, LONGEST + 2):  # one longer than kept, to tell the pieces of the longest
        for run in runs:
            if len(run) >= length:
                counts.update(run[i : i + length] for i in range(len(run) - length + 1))
    # Run -> the counted runs one character longer that contain it.
    longer: dict[str, list[str]] = {}
    for gram in counts:
        if len(gram) > SHORTEST:
            longer.setdefault(gram[1:], []).append(gram)
            longer.setdefault(gram[:-1], []).append(gram)
    kept = [
        gram
        for gram, count in counts.items()
        if SHORTEST <= len(gram) <= LONGEST
        and count >= MIN_COUNT
        and gram[0] not in PARTICLES
        and gram[-1] not in PARTICLES
        and not any(counts[g] >= ABSORBED * count for g in longer.get(gram, ()))
    ]
    return sorted(kept, key=lambda g: (-len(g), -counts[g], g))


class Terms:
    """A set of terms, and where they stand in a text."""

    def __init__(self, terms: Iterable[str]) -> None:
        words = list(dict.fromkeys(unicodedata.normalize("NFC", t) for t in terms if len(t) >= 2))
        self.terms: tuple[str, ...] = tuple(words)
        #: The terms by their first character, longest first: a text is searched with a look-up per
        #: character and a comparison or two, not a pattern of hundreds of alternatives.
        by_first: dict[str, list[str]] = {}
        for word in sorted(words, key=len, reverse=True):
            by_first.setdefault(word[0], []).append(word)
        self._by_first = {char: tuple(found) for char, found in by_first.items()}
        self._first = frozenset(by_first)
        self._widths: dict[str, float] = {}

    def __bool__(self) -> bool:
        return bool(self.terms)

    def inside(self, text: str, width: float | None = None) -> set[int]:
        """The positions inside a term of ``text`` (a break before ``text[p]`` would split it).

        Terms wider than ``width`` em are left out: a line cannot hold them whole.
        """
        from usfk_argmap.drawing.wrap import display_width

        first = self._first
        if not self.terms or first.isdisjoint(text):
            return set()
        if not text.isascii():
            normal = unicodedata.normalize("NFC", text)
            if len(normal) == len(text):  # compatibility ideographs map one to one: positions stay
                text = normal
        by_first, widths = self._by_first, self._widths
        # Every term at every start (that fits on a line)...
        matches: list[tuple[int, int]] = []
        for start, char in enumerate(text):
            for word in by_first.get(char, ()):
                if not text.startswith(word, start):
                    continue
                if width is not None:
                    wide = widths.get(word)
                    if wide is None:
                        wide = widths[word] = display_width(word)
                    if wide > width:
                        continue
                matches.append((start, len(word)))
        if not matches:
            return set()
        if all(start + length <= following for (start, length), (following, _) in itertools.pairwise(matches)):
            # No two overlap (the usual case): each is kept whole.
            return {p for start, length in matches for p in range(start + 1, start + length)}
        return _tiling(len(text), matches)


def _tiling(size: int, matches: list[tuple[int, int]]) -> set[int]:
    """The positions inside the tiling by overlapping terms that covers the most characters.

    Of equal coverings, the one with the fewest terms (so a term wins over its
    pieces, and two neighbours over a run across them: AB|CD over BCD). A line
    may break between two terms, never inside one.
    """
    starting: list[list[int]] = [[] for _ in range(size)]
    for start, length in matches:
        starting[start].append(length)
    best: list[tuple[int, int]] = [(0, 0)] * (size + 1)
    choice: list[int] = [0] * size
    for start in range(size - 1, -1, -1):
        best[start], choice[start] = best[start + 1], 0
        for length in starting[start]:
            covered, pieces = best[start + length]
            candidate = (covered + length, pieces - 1)
            if candidate > best[start]:
                best[start], choice[start] = candidate, length
    positions: set[int] = set()
    start = 0
    while start < size:
        length = choice[start]
        if length:
            positions.update(range(start + 1, start + length))
            start += length
        else:
            start += 1
    return positions


_CACHE: dict[int, tuple[weakref.ref[ArgumentMap], tuple[object, ...], Terms]] = {}


def map_terms(argument_map: ArgumentMap) -> Terms:
    """The terms of a map: those it lists, and those that recur in its statements and source text."""
    texts = [node.text for node in argument_map.nodes.values()]
    fingerprint = (hash(tuple(texts)), argument_map.terms, id(argument_map.source_text), argument_map.lang)
    known = _CACHE.get(id(argument_map))
    if known is not None and known[0]() is argument_map and known[1] == fingerprint:
        return known[2]
    if not _uses_cjk(argument_map.lang):
        terms = Terms(argument_map.terms)
    else:
        corpus = [*texts, *(s.title for s in argument_map.sections.values())]
        if argument_map.source_text is not None:
            corpus.append(argument_map.source_text.text)
        terms = Terms([*argument_map.terms, *_cached_recurring_terms(corpus)])
    if len(_CACHE) > 32:
        _CACHE.clear()
    _CACHE[id(argument_map)] = (weakref.ref(argument_map), fingerprint, terms)
    return terms


def _cached_recurring_terms(corpus: list[str]) -> list[str]:
    """``recurring_terms``, through the layout cache's folder (counting a large map's runs takes a while)."""
    import hashlib

    from usfk_argmap.drawing.cache import LayoutCache

    digest = hashlib.sha256(b"recurring terms 3\n")
    for text in corpus:
        digest.update(text.encode("utf-8", "surrogatepass"))
        digest.update(b"\x00")
    key = digest.hexdigest()
    cache = LayoutCache.from_environment()
    known = cache.get(key)
    if known is not None:
        return known.decode("utf-8").split("\n") if known else []
    found = recurring_terms(corpus)
    cache.put(key, "\n".join(found).encode("utf-8"))
    return found


def _uses_cjk(lang: str) -> bool:
    tag = lang.lower()
    return tag.startswith(("zh", "ja", "ko"))
