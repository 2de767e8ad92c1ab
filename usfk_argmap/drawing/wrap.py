"""Label wrapping: Graphviz does not wrap text, so labels are broken into lines here.

Lines break at phrase boundaries: spaces in Latin text, BudouX phrase boundaries
in Chinese and Japanese. A line never starts with closing punctuation
(，。、；：」』） ...), never ends with opening punctuation (「『（ ...), and never
splits a Latin word or a number. Width is display width in em: a CJK character
counts 1, a Latin letter or digit about 0.5. Lines are balanced: the fewest lines
that fit, then breaks placed so the lines come out about equally long.

BudouX is consulted lazily, only at the positions where a break is being
considered, because scoring every character of every label costs more than
Graphviz's whole layout of a large map.
"""

from __future__ import annotations

import bisect
import itertools
import math
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

from usfk_argmap.core.language import cjk_region

if TYPE_CHECKING:
    from collections.abc import Mapping


class Terms(Protocol):
    """What wrapping asks of a set of terms (``drawing.terms.Terms``, which imports this module)."""

    def __bool__(self) -> bool: ...

    def inside(self, text: str, width: float | None = None) -> set[int]:
        """The positions inside a term of ``text``: a line may not break before them."""
        ...


#: The no-break mark (word joiner): in a text, it keeps the characters on either side on one line.
WORD_JOINER = "\u2060"

#: Default line width in em (about 16 CJK characters or 32 Latin letters).
DEFAULT_WIDTH = 16.0

#: Characters a line must not start with (kinsoku: closing brackets, stops, small kana...).
CLOSING = frozenset(
    "，。、；：？！）」』】〕〉》〗〙〛｝］〞’”…‥・ーぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ々〻,.;:?!)]}%"
)
#: Characters a line must not end with (opening brackets and quotes).
OPENING = frozenset("（「『【〔〈《〖〘〚｛［〝‘“([{")
#: After these a break is always a good one, whatever the phrase model says.
CLAUSE_END = frozenset("，。、；：？！,;:?!")

#: Our phrase models -> BudouX's files of them (in its package's ``models`` folder).
_BUDOUX_MODELS = {"zh-hant": "zh-hant.json", "zh-hans": "zh-hans.json", "ja": "ja.json"}
#: Extra cost, in em of imbalance, of breaking where no phrase boundary is.
_NON_PHRASE_PENALTY = 2.5
#: Cost, in em, of breaking at the weakest phrase boundary BudouX still reports...
_WEAK_PHRASE_COST = 1.0
#: ...falling to nothing at this score and above.
_SURE_PHRASE_SCORE = 1000.0
#: Line counts tried above the least the total width needs, before giving up on balancing.
_EXTRA_LINES_TRIED = 4


def budoux_model_name(lang: str) -> str | None:
    """The BudouX model for a BCP 47 tag: zh-Hant (and zh-TW/HK/MO), zh-Hans (zh, zh-CN/SG), ja."""
    region = cjk_region(lang)
    return _MODEL_BY_REGION.get(region) if region is not None else None


_MODEL_BY_REGION = {"TC": "zh-hant", "SC": "zh-hans", "JP": "ja"}


@lru_cache(maxsize=4)
def _phrase_model(name: str) -> tuple[tuple[Mapping[str, int], ...], float]:
    """BudouX's feature tables in our fixed order, and the base score.

    The model is BudouX's own file, read as its ``load_default_..._parser`` reads it; importing
    BudouX for it would also load its HTML processor (``html.parser``), which a label never uses.
    """
    import json
    import os
    from importlib.util import find_spec

    spec = find_spec("budoux")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("BudouX is not installed: CJK labels are broken into phrases with its models")
    folder = next(iter(spec.submodule_search_locations))
    with open(os.path.join(folder, "models", _BUDOUX_MODELS[name]), encoding="utf-8") as file:
        model: dict[str, dict[str, int]] = json.load(file)
    order = ("UW1", "UW2", "UW3", "UW4", "UW5", "UW6", "BW1", "BW2", "BW3", "TW1", "TW2", "TW3", "TW4")
    tables = tuple(model.get(key, {}) for key in order)
    base = -sum(sum(table.values()) for table in model.values()) * 0.5
    return tables, base


@lru_cache(maxsize=4)
def _key_letters(name: str) -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
    """For each bigram and trigram table of the model (BW1-3, TW1-4), the first and the second letters of its keys.

    Most pairs of characters start no key of a table: testing two letters (whose
    hashes the strings keep) is cheaper than making the pair or triple and looking it up.
    """
    tables, _ = _phrase_model(name)
    return tuple((frozenset(key[0] for key in table), frozenset(key[1] for key in table)) for table in tables[6:])


def phrase_boundary_scorer(text: str, model_name: str) -> Callable[[int], float]:
    """A function giving BudouX's score for a phrase boundary before ``text[i]`` (a boundary where positive).

    It scores one position on demand (the same features BudouX's parser sums for
    every position), so a caller that looks at a few positions pays for a few.
    """
    score = _position_scorer(model_name)
    return lambda i: score(text, i)


@lru_cache(maxsize=4)
def _position_scorer(model_name: str) -> Callable[[str, int], float]:
    """BudouX's score for a phrase boundary before ``text[i]``, as ``score(text, i)``; made once per model.

    A bigram or trigram is looked up only when its first two letters can start a
    key of that table (the weights are integers, so the sum is the same in any order).
    """
    (uw1, uw2, uw3, uw4, uw5, uw6, bw1, bw2, bw3, tw1, tw2, tw3, tw4), base = _phrase_model(model_name)
    ((bw1a, bw1b), (bw2a, bw2b), (bw3a, bw3b), (tw1a, tw1b), (tw2a, tw2b), (tw3a, tw3b), (tw4a, tw4b)) = _key_letters(model_name)

    def boundary(text: str, i: int) -> float:
        before, here = text[i - 1], text[i]
        score = base + uw3.get(before, 0) + uw4.get(here, 0)
        if before in bw2a and here in bw2b:
            score += bw2.get(before + here, 0)
        if i > 1:
            second = text[i - 2]
            score += uw2.get(second, 0)
            if second in bw1a and before in bw1b:
                score += bw1.get(second + before, 0)
            if second in tw2a and before in tw2b:
                score += tw2.get(text[i - 2 : i + 1], 0)
            if i > 2:
                third = text[i - 3]
                score += uw1.get(third, 0)
                if third in tw1a and second in tw1b:
                    score += tw1.get(text[i - 3 : i], 0)
        if i + 1 < len(text):
            after = text[i + 1]
            score += uw5.get(after, 0)
            if here in bw3a and after in bw3b:
                score += bw3.get(here + after, 0)
            if before in tw3a and here in tw3b:
                score += tw3.get(text[i - 1 : i + 2], 0)
            if i + 2 < len(text):
                score += uw6.get(text[i + 2], 0)
                if here in tw4a and after in tw4b:
                    score += tw4.get(text[i : i + 3], 0)
        return score

    return boundary


class _CharClasses(dict[int, str]):
    """Code point -> one-letter class, filled on first sight (``str.translate`` calls ``__missing__``).

    Upper case is wide (1 em), lower case narrow (0.5 em): ``W``/``w`` any other
    character, ``C``/``c`` closing, ``O``/``o`` opening punctuation; ``m`` a
    combining mark (0 em); a space stays a space.
    """

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char == " ":
            value = " "
        elif unicodedata.combining(char):
            value = "m"
        else:
            letter = "c" if char in CLOSING else "o" if char in OPENING else "w"
            value = letter.upper() if unicodedata.east_asian_width(char) in ("W", "F") else letter
        self[code] = value
        return value


_CLASSES = _CharClasses()
_CLASS_WIDTH = {"W": 1.0, "C": 1.0, "O": 1.0, "J": 1.0, "w": 0.5, "c": 0.5, "o": 0.5, "j": 0.5, "m": 0.0, " ": 0.5}
#: The same widths in half ems, as a ``bytes.translate`` table from class letters to small ints.
_HALF_EMS = bytes.maketrans(b"WCOJwcojm ", bytes((2, 2, 2, 2, 1, 1, 1, 1, 0, 1)))
#: ``_NON_PHRASE_PENALTY`` and ``_WEAK_PHRASE_COST`` in half ems.
_PENALTY2 = _NON_PHRASE_PENALTY * 2
_WEAK2 = _WEAK_PHRASE_COST * 2


def display_width(text: str) -> float:
    """Display width of a string in em."""
    return sum(_CLASS_WIDTH[c] for c in text.translate(_CLASSES))


def wrap(text: str, width: float = DEFAULT_WIDTH, lang: str = "en", terms: Terms | None = None) -> list[str]:
    """Break ``text`` into balanced lines of at most ``width`` em where the rules allow.

    Explicit newlines are kept as line breaks; runs of other whitespace become one
    space. A piece that cannot be broken (a long URL, say) gets a line of its own,
    wider than ``width``. No line breaks inside one of the ``terms`` that fits on
    a line, nor at a word joiner (U+2060, dropped from the lines).
    """
    if width <= 0:
        raise ValueError(f"width must be positive, not {width}")
    model_name = budoux_model_name(lang)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_paragraph(" ".join(paragraph.split()), width, model_name, terms))
    return lines or [""]


def _joined(text: str, width: float, terms: Terms | None) -> tuple[str, set[int]]:
    """The text without word joiners, and the positions a line may not break before (joiners, terms)."""
    held: set[int] = set()
    if WORD_JOINER in text:
        pieces = text.split(WORD_JOINER)
        text = "".join(pieces)
        at = 0
        for piece in pieces[:-1]:
            at += len(piece)
            held.add(at)
    if terms:
        held |= terms.inside(text, width)
    return text, {p for p in held if 0 < p < len(text)}


def _wrap_paragraph(text: str, width: float, model_name: str | None, terms: Terms | None = None) -> list[str]:
    # Widths are counted in half ems from here on, as ints: a narrow character is 1, a wide one 2.
    # Doubling is exact in floating point, so every comparison comes out as it would in em.
    held: set[int] = set()
    if terms or WORD_JOINER in text:
        text, held = _joined(text, width, terms)
    classes = text.translate(_CLASSES)
    if held:
        # A character held to the one before it: "J" (wide) or "j" (narrow), never a place to break.
        letters = list(classes)
        for position in held:
            letter = letters[position]
            if letter in "Ww ":  # a space inside a term of several words is held too
                letters[position] = "J" if letter == "W" else "j"
        classes = "".join(letters)
    if text.isascii():  # every ASCII character (text has no tabs or newlines left) is narrow
        cumulative = list(range(len(text) + 1))
    else:
        cumulative = list(itertools.accumulate(classes.encode("ascii").translate(_HALF_EMS), initial=0))
    total = cumulative[-1]
    width2 = width * 2
    if total <= width2:
        return [text]
    scorer = _position_scorer(model_name) if model_name else None
    costs: dict[int, float] = {}
    fewest = max(2, math.ceil(total / width2))
    for count in range(fewest, fewest + _EXTRA_LINES_TRIED):
        found = _balanced(text, classes, cumulative, width2, count, scorer, costs)
        if found is not None:
            break
    else:
        # Pieces wider than a line (long URLs, long words): fill lines greedily and let those overflow.
        return [text[start:end] for start, end in _greedy(classes, cumulative, width2)]
    spans, bad = found
    if bad:
        # One line more is worth it if it avoids breaking inside a phrase.
        more = _balanced(text, classes, cumulative, width2, len(spans) + 1, scorer, costs)
        if more is not None and more[1] < bad:
            spans = more[0]
    return [text[start:end] for start, end in spans]


def _break_kind(classes: str, position: int) -> int:
    """Whether a line may break before character ``position``: 0 no, 1 at a space (dropped), 2 between characters.

    Never before closing punctuation or a combining mark, never after opening
    punctuation, and never between two narrow characters (a Latin word or a number).
    """
    after = classes[position]
    before = classes[position - 1]
    if after == " ":
        # text is stripped, so a space is never last; the break drops it
        return 0 if before in "oO" or classes[position + 1] in "cCmJj" else 1
    if before == " " or after in "cCmJj" or before in "oO" or (before.islower() and after.islower()):
        return 0
    return 2


def _inner_break_cost(text: str, position: int, scorer: Callable[[str, int], float] | None) -> float:
    """What a break between two characters (not at a space) before ``text[position]`` costs, in half ems.

    Nothing after a clause end or before an opening bracket; at a phrase boundary,
    less the surer BudouX is of it (a boundary it barely sees costs almost
    the full penalty, a sure one nothing); ``_NON_PHRASE_PENALTY`` inside a phrase. (A break at a space costs nothing.)
    """
    if text[position - 1] in CLAUSE_END or text[position] in OPENING:
        return 0.0
    if scorer is None:
        return _PENALTY2
    value = scorer(text, position)
    return _PENALTY2 if value <= 0 else _WEAK2 * max(0.0, 1.0 - value / _SURE_PHRASE_SCORE)


def _balanced(
    text: str,
    classes: str,
    cumulative: list[int],
    width: float,
    count: int,
    scorer: Callable[[str, int], float] | None,
    costs: dict[int, float],
) -> tuple[list[tuple[int, int]], int] | None:
    """``count`` lines of at most ``width``, each as close as it can be to an equal share of what is left.

    Breaks are looked for outwards from the ideal place, so only a few positions
    per line are examined (and scored by the phrase model); a break that is not
    a good one costs ``_NON_PHRASE_PENALTY`` em of imbalance, a weak phrase boundary
    a little. Widths and costs are in half ems; ``costs`` keeps the costs of the
    positions examined, for the paragraph's next call. The spans and how many of
    their breaks are inside a phrase; None if no placement fits.
    """
    n = len(classes)
    total = cumulative[-1]
    spans: list[tuple[int, int]] = []
    start = 0
    bad = 0
    inf = math.inf
    for line_index in range(count - 1):
        lines_left = count - line_index
        base = cumulative[start]
        target = base + (total - base) / lines_left
        limit = base + width
        rest_limit = total - width * (lines_left - 1)
        best_cost, best_position, best_next, best_break = inf, -1, -1, 0.0
        high = bisect.bisect_left(cumulative, target, start + 1, n)
        low = high - 1
        while True:
            low_distance = target - cumulative[low] if low > start else inf
            high_distance = cumulative[high] - target if high < n else inf
            if low_distance <= high_distance:
                position, distance = low, low_distance
                low -= 1
            else:
                position, distance = high, high_distance
                high += 1
            if distance >= best_cost:  # also when both ways are exhausted (inf)
                break
            if cumulative[position] > limit:
                if position >= high - 1:
                    high = n  # further right only gets wider
                continue
            # _break_kind, inlined: this loop runs for every line of every label.
            after = classes[position]
            before = classes[position - 1]
            if after == " ":
                if before in "oO" or classes[position + 1] in "cCmJj":
                    continue
                next_start = position + 1
                if cumulative[next_start] < rest_limit:
                    continue
                break_cost = 0.0
            else:
                if before == " " or after in "cCmJj" or before in "oO" or (before.islower() and after.islower()):
                    continue
                next_start = position
                if cumulative[next_start] < rest_limit:
                    continue
                known = costs.get(position)
                if known is None:
                    known = costs[position] = _inner_break_cost(text, position, scorer)
                break_cost = known
            cost = distance + break_cost
            if cost < best_cost:
                best_cost, best_position, best_next, best_break = cost, position, next_start, break_cost
        if best_position < 0:
            return None
        spans.append((start, best_position))
        if best_break >= _PENALTY2:
            bad += 1
        start = best_next
    spans.append((start, n))
    return spans, bad


def _greedy(classes: str, cumulative: list[int], width: float) -> list[tuple[int, int]]:
    """Fill each line as far as it goes; a piece wider than a line gets a line of its own."""
    spans: list[tuple[int, int]] = []
    start = 0
    last: tuple[int, int] | None = None
    position = start + 1
    while position < len(classes):
        kind = _break_kind(classes, position)
        if not kind:
            position += 1
            continue
        fits = cumulative[position] - cumulative[start] <= width
        if fits or last is None:
            last = (position, kind)
            if fits:
                position += 1
                continue
        end, kind = last
        spans.append((start, end))
        start, last = (end + 1 if kind == 1 else end), None
        position = max(position, start + 1)
    if cumulative[-1] - cumulative[start] > width and last is not None:
        end, kind = last
        spans.append((start, end))
        start = end + 1 if kind == 1 else end
    spans.append((start, len(classes)))
    return spans
