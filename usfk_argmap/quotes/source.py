"""The source text that quotes come from, and quote matching.

Source texts often come out of PDFs: lines are broken mid-sentence, spaces are
scattered between characters, and the same character may come in several
Unicode forms (compatibility ideographs, full-width letters). Matching is done
on a normalized copy: NFKC, with every whitespace and format character removed.
A match must not run together words that the source separates (``word_breaks``):
a line break or a double space inside an English quote still matches,
"Recordingcostslittle." does not match "Recording costs little."; CJK text,
which has no spaces between words, stays space-insensitive. An offset table
maps each normalized character back to the raw text, so a match can be shown
(highlighted) in the text as the author wrote it.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from usfk_argmap.quotes.headings import SENTENCE_END as _SENTENCE_END
from usfk_argmap.quotes.headings import is_heading, is_latin_heading

if TYPE_CHECKING:
    from usfk_argmap.quotes.chinese import Script
    from usfk_argmap.quotes.closest import Alignment, NgramIndex

#: How many matches ``SourceText.find`` looks through for one of whole words.
_WHOLE_WORD_TRIES = 64

_CLOSERS = frozenset("」』）)\"'”’〕】")


def _is_dropped(char: str) -> bool:
    return char.isspace() or unicodedata.category(char) in ("Cf", "Cc")


#: Each character seen -> what it normalizes to (``""`` when it is dropped): a text is normalized
#: one character at a time (so offsets map back), and a source repeats few distinct characters.
_PIECES: dict[str, str] = {}


def _pieces(char: str) -> str:
    found = _PIECES.get(char)
    if found is None:
        found = (
            "" if _is_dropped(char) else "".join(piece for piece in unicodedata.normalize("NFKC", char) if not _is_dropped(piece))
        )
        _PIECES[char] = found
    return found


def normalize(text: str) -> str:
    """The form quotes are compared in: NFKC without whitespace and format characters."""
    known = _PIECES
    return "".join([known[char] if char in known else _pieces(char) for char in text])


def normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """Normalize ``text``; also return, per normalized character, its offset in ``text``."""
    known = _PIECES
    chars: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        pieces = known[char] if char in known else _pieces(char)
        if len(pieces) == 1:
            chars.append(pieces)
            offsets.append(index)
        elif pieces:
            chars.append(pieces)
            offsets.extend([index] * len(pieces))
    return "".join(chars), offsets


def word_breaks(text: str) -> frozenset[int]:
    """Where ``text`` separates two words: the offsets in its normalized form (``normalize``) that follow
    whitespace between two word characters (``_is_word_char``: Latin, Cyrillic, digits...; never CJK)."""
    normal, offsets = normalize_with_offsets(text)
    return frozenset(
        index
        for index in range(1, len(normal))
        if offsets[index] > offsets[index - 1] + 1
        and _is_word_char(normal[index - 1])
        and _is_word_char(normal[index])
        and any(char.isspace() for char in text[offsets[index - 1] + 1 : offsets[index]])
    )


def one_line(text: str) -> str:
    """A passage of the source on one line: a line break becomes a space, except beside a CJK (wide) character."""
    joined = ""
    for piece in text.split("\n"):
        piece = piece.strip()
        if joined and piece and not _is_wide(joined[-1]) and not _is_wide(piece[0]):
            joined += " "
        joined += piece
    return " ".join(joined.split()) if joined.isascii() else joined


def _is_wide(char: str) -> bool:
    """A character of CJK width (ideographs, kana, full-width punctuation): no space stands beside it."""
    return unicodedata.east_asian_width(char) in ("W", "F")


@dataclass(frozen=True)
class Span:
    """A half-open range of the raw source text."""

    start: int
    end: int


@dataclass(frozen=True)
class Passage:
    """The stretch of a source most like a quote that is not in it, in the source's own words.

    ``text`` is the raw text of ``span`` (cut at word or phrase boundaries),
    ``line`` the source line it starts on. ``quote_part`` and ``source_part``
    are the first place the two differ, each in its own raw text (either may
    be empty: a part the other leaves out).
    """

    span: Span
    line: int
    text: str
    quote_part: str
    source_part: str
    similarity: float
    #: A few words (or characters) of the source just before the difference, to find it by; may be empty.
    context: str = ""
    #: Where the quote and the passage agree only once Simplified/Traditional and variant characters are
    #: folded: (the quote's character, the source's), each pair once.
    changes: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class VariantMatch:
    """A quote found only after folding Simplified/Traditional and variant characters."""

    span: Span
    line: int
    text: str
    #: (the quote's character, the source's character), each pair once, in the order they come.
    changes: tuple[tuple[str, str], ...]
    script: Script


@dataclass(frozen=True)
class Sentence:
    index: int
    span: Span
    text: str


class SourceText:
    """A source text, ready for quote look-ups."""

    def __init__(self, text: str, name: str = "<source>") -> None:
        self.text = text
        self.name = name
        self._indexes: dict[int, NgramIndex] = {}

    @cached_property
    def _normal_form(self) -> tuple[str, list[int]]:
        # On first look-up: a command that only draws the map (its terms read the raw text) never pays for it.
        return normalize_with_offsets(self.text)

    @property
    def normalized(self) -> str:
        """The text as quotes are compared with it (``normalize``)."""
        return self._normal_form[0]

    @property
    def _offsets(self) -> list[int]:
        return self._normal_form[1]

    def find(self, quote: str) -> Span | None:
        """Where ``quote`` stands in the raw text, or None.

        A match of whole words comes before one that starts or ends inside a
        word ("cat" in "the cat" before the one in "concatenate").
        """
        first: Span | None = None
        for span in itertools.islice(self._matches(quote), _WHOLE_WORD_TRIES):
            if _widen_to_words(self.text, span) == span:
                return span
            first = first or span
        return first

    def find_all(self, quote: str) -> list[Span]:
        """Every place ``quote`` stands in the raw text."""
        return list(self._matches(quote))

    def _matches(self, quote: str) -> Iterator[Span]:
        """The raw spans that ``quote`` matches, in order: equal once normalized, and running together no
        words that the source separates (the quote may keep a break the source lacks: PDF text has stray
        spaces)."""
        needle = normalize(quote)
        if not needle:
            return
        breaks: frozenset[int] | None = None
        start = self.normalized.find(needle)
        while start >= 0:
            span = self._raw_span(start, start + len(needle))
            raw = self.text[span.start : span.end]
            if breaks is None:
                breaks = word_breaks(quote)
            if normalize(raw) != needle or word_breaks(raw) <= breaks:
                yield span
            start = self.normalized.find(needle, start + 1)

    def find_run_together(self, quote: str) -> Span | None:
        """Where ``quote`` would stand were words allowed to run together, or None: a quote that ``find``
        refuses only for that ("Recordingcostslittle.") is told so."""
        needle = normalize(quote)
        start = self.normalized.find(needle) if needle else -1
        return self._raw_span(start, start + len(needle)) if start >= 0 else None

    def closest(self, quote: str) -> str | None:
        """The source's own text most like ``quote``, for a "did you mean" hint."""
        passage = self.closest_passage(quote)
        return passage.text if passage is not None else None

    def closest_passage(self, quote: str) -> Passage | None:
        """The passage most like ``quote`` and where they first differ; None when nothing is alike.

        Bounded: an n-gram index of the source, then an alignment inside a
        few windows of about the quote's length (see ``usfk_argmap.quotes.closest``).
        Both are folded to one script first (``usfk_argmap.quotes.chinese``), so a
        misquote in Simplified characters still finds its Traditional passage.
        """
        from usfk_argmap.quotes.chinese import fold

        needle, quote_offsets = normalize_with_offsets(quote)
        if len(needle) < 2 or not self.normalized:
            return None
        folded = fold(needle)
        alignment = self._index(2 if len(needle) < 8 else 3).align(folded)
        if alignment is None or alignment.matched < 2 or alignment.matched * 3 < len(needle):
            return None
        quote_part, source_part, at = self._first_difference(alignment, quote, folded, quote_offsets)
        changes = dict.fromkeys(
            (needle[block.quote + step], self.normalized[block.source + step])
            for block in alignment.blocks
            for step in range(block.size)
            if needle[block.quote + step] != self.normalized[block.source + step]
        )
        span = _phrase_bounds(self.text, self._raw_span(alignment.start, alignment.end))
        return Passage(
            span,
            self.line_of(span.start),
            self.text[span.start : span.end],
            quote_part,
            source_part,
            alignment.matched / len(needle),
            changes=tuple(changes),
            context=_context(self.text, span.start, at),
        )

    def find_variant(self, quote: str) -> VariantMatch | None:
        """Where ``quote`` stands once Simplified/Traditional and variant characters are folded together."""
        from usfk_argmap.quotes.chinese import classify, fold

        needle = normalize(quote)
        if not needle or not self.normalized:
            return None
        start = self._folded.find(fold(needle))
        if start < 0:
            return None
        found = self.normalized[start : start + len(needle)]
        changes = list(dict.fromkeys((ours, theirs) for ours, theirs in zip(needle, found, strict=True) if ours != theirs))
        if not changes:
            return None
        span = self._raw_span(start, start + len(needle))
        return VariantMatch(span, self.line_of(span.start), self.text[span.start : span.end], tuple(changes), classify(changes))

    def line_of(self, offset: int) -> int:
        """The 1-based line of a raw offset."""
        return self.text.count("\n", 0, offset) + 1

    @cached_property
    def _folded(self) -> str:
        from usfk_argmap.quotes.chinese import fold

        return fold(self.normalized)

    def _index(self, size: int) -> NgramIndex:
        from usfk_argmap.quotes.closest import NgramIndex

        if size not in self._indexes:
            self._indexes[size] = NgramIndex(self._folded, size)
        return self._indexes[size]

    def _first_difference(self, alignment: Alignment, quote: str, needle: str, quote_offsets: list[int]) -> tuple[str, str, int]:
        """The raw texts of the quote and of the source at the first gap between matching blocks, and the raw
        offset where the source's part starts.

        ``needle`` is the quote normalized and folded, as aligned. A gap's
        common ends (too short for an n-gram to anchor) are left out of it.
        """
        source = self._folded
        blocks = alignment.blocks
        gaps = [(0, blocks[0].quote, alignment.start, blocks[0].source)]
        gaps += [(a.quote + a.size, b.quote, a.source + a.size, b.source) for a, b in itertools.pairwise(blocks)]
        last = blocks[-1]
        gaps.append((last.quote + last.size, len(needle), last.source + last.size, max(alignment.end, last.source + last.size)))
        for quote_start, quote_end, source_start, source_end in gaps:
            while quote_start < quote_end and source_start < source_end and needle[quote_end - 1] == source[source_end - 1]:
                quote_end, source_end = quote_end - 1, source_end - 1
            while quote_start < quote_end and source_start < source_end and needle[quote_start] == source[source_start]:
                quote_start, source_start = quote_start + 1, source_start + 1
            if quote_start < quote_end or source_start < source_end:
                quote_span = _raw_range(quote_offsets, quote_start, quote_end, len(quote))
                source_span = _raw_range(self._offsets, source_start, source_end, len(self.text))
                source_start = (
                    _widen_to_words(self.text, source_span).start if source_span.start < source_span.end else source_span.start
                )
                return _word_text(quote, quote_span), _word_text(self.text, source_span), source_start
        return "", "", -1

    def _raw_span(self, start: int, end: int) -> Span:
        return Span(self._offsets[start], self._offsets[end - 1] + 1)

    @cached_property
    def sentences(self) -> list[Sentence]:
        """The text cut into sentences.

        A sentence ends after 。！？； or a full stop followed by a space
        (closing quotes stay with it). A heading line is a sentence of its
        own: 第五章, 一、, 1., or in a Latin-script text a short capitalised
        line without a full stop that starts a paragraph (see ``_is_latin_heading``).
        """
        result: list[Sentence] = []
        text = self.text
        start = 0
        previous = ""
        for line in re.finditer(r"[^\n]*\n?", text):
            if not line.group():
                break
            heading = is_heading(line.group(), normalize(line.group())) or is_latin_heading(
                line.group(), previous, text, line.end()
            )
            previous = line.group()
            if heading:
                self._add_sentence(result, start, line.start())
                self._add_sentence(result, line.start(), line.end())
                start = line.end()
                continue
            i = line.start()
            while i < line.end():
                if text[i] in _SENTENCE_END or (text[i] == "." and (i + 1 == len(text) or text[i + 1].isspace())):
                    end = i + 1
                    while end < len(text) and text[end] in _CLOSERS:
                        end += 1
                    self._add_sentence(result, start, end)
                    start = i = end
                else:
                    i += 1
        self._add_sentence(result, start, len(text))
        return result

    def _add_sentence(self, result: list[Sentence], start: int, end: int) -> None:
        raw = self.text[start:end]
        if normalize(raw):
            result.append(Sentence(len(result), Span(start, end), raw.strip()))

    def coverage(self, spans: list[Span]) -> tuple[int, int, float]:
        """(sentences covered, sentences, share of characters covered) by ``spans``.

        A sentence counts as covered when quotes cover at least half of its
        non-space characters.
        """
        covered_chars = bytearray(len(self.text))
        for span in spans:
            covered_chars[span.start : span.end] = b"\x01" * (span.end - span.start)
        covered_sentences = 0
        for sentence in self.sentences:
            total = hits = 0
            for offset in range(sentence.span.start, sentence.span.end):
                if not _is_dropped(self.text[offset]):
                    total += 1
                    hits += covered_chars[offset]
            if total and hits * 2 >= total:
                covered_sentences += 1
        countable = [i for i, ch in enumerate(self.text) if not _is_dropped(ch)]
        char_share = sum(covered_chars[i] for i in countable) / len(countable) if countable else 0.0
        return covered_sentences, len(self.sentences), char_share


def _raw_range(offsets: list[int], start: int, end: int, length: int) -> Span:
    """The raw span of normalized [start, end); an empty one sits where ``start`` is."""
    if start < end:
        return Span(offsets[start], offsets[end - 1] + 1)
    at = offsets[start] if start < len(offsets) else length
    return Span(at, at)


#: Each character seen -> whether it is a word character (``_is_word_char``).
_WORD_CHARS: dict[str, bool] = {}


def _is_word_char(char: str) -> bool:
    """A letter or digit of a script written with spaces between words (not CJK)."""
    found = _WORD_CHARS.get(char)
    if found is None:
        found = char.isalnum() and not unicodedata.name(char, "").startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL"))
        _WORD_CHARS[char] = found
    return found


def _widen_to_words(text: str, span: Span) -> Span:
    """``span`` grown to whole words where it cuts through one (Latin, Cyrillic...; CJK has no words to cut)."""
    start, end = span.start, span.end
    while 0 < start < len(text) and _is_word_char(text[start - 1]) and _is_word_char(text[start]):
        start -= 1
    while 0 < end < len(text) and _is_word_char(text[end - 1]) and _is_word_char(text[end]):
        end += 1
    return Span(start, end)


#: How much of the source before a difference is shown to find it by.
_CONTEXT_CHARS = 12


def _context(text: str, floor: int, at: int) -> str:
    """The source's text just before ``at`` (not before ``floor``), without a cut word at its start."""
    if at <= floor:
        return ""
    start = max(floor, at - _CONTEXT_CHARS)
    if start > floor and _is_word_char(text[start - 1]) and _is_word_char(text[start]):
        while start < at and not text[start].isspace():
            start += 1
    return " ".join(text[start:at].split())


def _word_text(text: str, span: Span) -> str:
    """The text of a differing part, grown to whole words: "doub" is shown as "doubled"."""
    if span.start == span.end:
        widened = _widen_to_words(text, span)  # a gap grows only when it falls inside a word
    else:
        start, end = span.start, span.end
        while start > 0 and _is_word_char(text[start - 1]):
            start -= 1
        while end < len(text) and _is_word_char(text[end]):
            end += 1
        widened = Span(start, end)
    return text[widened.start : widened.end].strip()


#: How far a passage is moved to reach a phrase boundary (punctuation or a line break) in CJK text.
_PHRASE_REACH = 8


def _phrase_bounds(text: str, span: Span) -> Span:
    """``span`` at word boundaries, and at a phrase boundary where one is near (CJK text has no spaces)."""
    span = _widen_to_words(text, span)
    start, end = span.start, span.end
    for offset in range(start - 1, max(-1, start - 1 - _PHRASE_REACH), -1):
        if _is_phrase_end(text[offset]):
            start = offset + 1
            break
    for offset in range(end, min(len(text), end + _PHRASE_REACH)):
        if _is_phrase_end(text[offset]):
            end = offset + (0 if text[offset] == "\n" else 1)
            break
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def _is_phrase_end(char: str) -> bool:
    return char == "\n" or (not char.isascii() and unicodedata.category(char) in ("Po", "Pe", "Pf"))
