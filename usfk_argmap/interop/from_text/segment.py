"""A source text cut into headings, paragraphs, sentences and clauses, each a span of the raw text.

- **Headings** are lines of their own: numbered (一、 / 1. / (1)), a chapter
  (第五章), a Markdown ``#`` line, or a short capitalised Latin line
  (``quotes.headings``).
- **Paragraphs** end at a blank line after a finished sentence: a PDF's text
  puts blank lines between the lines of one paragraph too, and a line that
  stops mid-sentence goes on after them.
- **Sentences** end after 。！？； or after . ! ? followed by a space and no
  lower-case letter, unless the word before the full stop is an abbreviation
  of the lexicon (``e.g.``, ``z. B.``) or a single letter (``U.S.``).
- **Clauses**: a comma (，or ,) or a Latin semicolon splits a sentence only
  before a discourse marker of the lexicon or a word that opens a new subject
  (``subjects``: 此、這些、本文); a ``split_bare`` marker
  (because, weil) splits without one. A clause opened by a reason,
  condition or concession marker that comes first ("If X, Y", 若X，Y) is
  split at its first comma from the clause it leans on.

A unit's span is the raw text, line breaks and stray spaces included: its
quote is verbatim, and ``quotes.source`` matches it whatever PDF artefacts it
holds. A unit longer than ``MAX_UNIT`` characters (a text without sentence
ends) is cut at spaces or commas, so the work and the statements stay bounded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from usfk_argmap.interop.from_text.lexicon import Lexicon, Marker
from usfk_argmap.quotes.headings import is_heading, is_latin_heading
from usfk_argmap.quotes.source import normalize, normalize_with_offsets

#: The longest unit, in raw characters: a longer stretch without a sentence end is cut.
MAX_UNIT = 400
#: Markers a clause is split off before (an "and" does not open a clause of its own).
SPLITTING = frozenset({"summary", "conclusion", "reason", "concession", "contrast", "example", "condition"})
#: Markers of a clause that leans on the clause after it when it comes first ("If X, Y").
FRONTED = frozenset({"reason", "condition", "concession"})

_CJK_ENDS = frozenset("。！？；")
_LATIN_ENDS = frozenset(".!?")
_CLOSERS = frozenset("」』）)\"'”’〕】")
_TRAILING = "。，；：、,;:"
_CHAPTER = re.compile(r"^\s*第\S{1,4}章")
_MARKDOWN = re.compile(r"^\s{0,3}(#{1,6})\s+\S")
_NUMBER = re.compile(r"^\s*(?:第\S{1,4}章|[一二三四五六七八九十]+、|[(（]?[0-9０-９]{1,2}[.．)）、]|#{1,6})\s*")
_COMMA = re.compile(r"[，,]")
_PARAGRAPH_END = frozenset("。！？；：.!?:;")


@dataclass(frozen=True)
class Heading:
    """A heading line: ``start``–``end`` its text, ``title_start`` where its words start (after its number)."""

    start: int
    end: int
    title_start: int
    numbered: bool
    #: A chapter heading (第五章) or a top Markdown heading: the text's title, not a section.
    title: bool


@dataclass
class Unit:
    """A sentence or clause: the span of the raw text a drafted statement quotes."""

    index: int
    start: int
    end: int
    sentence: int
    paragraph: int
    #: The index of its section's heading in ``Segmentation.headings``; -1 before the first.
    section: int
    #: The clause's place: "sentence" (opens a sentence), "clause" (split before a marker), "main"
    #: (the clause a fronted one leans on).
    opening: str
    marker: Marker | None = None
    stance: bool = False
    opposing: bool = False


@dataclass
class Segmentation:
    text: str
    headings: list[Heading] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    #: Given segments the text does not hold (after the segment before): left out.
    missing: int = 0


def segment(text: str, lexicon: Lexicon, given: list[str] | None = None) -> Segmentation:
    """Cut ``text`` into units; with ``given`` (a corpus's own segments, in order), take those as the units."""
    result = Segmentation(text)
    cutter = _Cutter(text, lexicon, result)
    if given is not None:
        cutter.take_given(given)
    else:
        cutter.cut()
    for unit in result.units:
        words = text[unit.start : unit.end]
        unit.marker = lexicon.marker_at(text, _content_start(text, unit.start, unit.end)) or lexicon.marker_inside(words)
        unit.stance = lexicon.has_stance(words)
        unit.opposing = lexicon.is_opposing(words)
    return result


def _content_start(text: str, start: int, end: int) -> int:
    while start < end and (text[start].isspace() or text[start] in "\"'“‘「『(（-–—"):
        start += 1
    return start


class _Cutter:
    def __init__(self, text: str, lexicon: Lexicon, result: Segmentation) -> None:
        self.text = text
        self.lexicon = lexicon
        self.result = result
        self.sentence = 0
        self.paragraph = 0

    # -- the corpus's own segments -------------------------------------------------
    def take_given(self, segments: list[str]) -> None:
        # Each segment is looked for after the one before, in the text as quotes are matched (``normalize``):
        # one pass over the text for all of them.
        normal, offsets = normalize_with_offsets(self.text)
        cursor = at = 0
        for piece in segments:
            needle = normalize(piece)
            found = normal.find(needle, at) if needle else -1
            if found < 0:
                self.result.missing += 1  # a segment the text does not hold (the corpus's own slip) is left out
                continue
            start, end = offsets[found], offsets[found + len(needle) - 1] + 1
            between = self.text[cursor:start]
            if self.result.units and (set(between) & (_CJK_ENDS | _LATIN_ENDS) or _ends_sentence(self.text, start)):
                self.sentence += 1
            opening = "sentence" if not self.result.units or self.result.units[-1].sentence != self.sentence else "clause"
            self._add(start, end, opening, -1)
            cursor, at = end, found + len(needle)

    # -- the raw text --------------------------------------------------------------
    def cut(self) -> None:
        text = self.text
        paragraph_start: int | None = None
        last_line = ""
        section = -1
        for line in re.finditer(r"[^\n]*\n?", text):
            if not line.group():
                break
            content = line.group().strip()
            heading = self._heading(line, last_line) if content else None
            if heading is not None:
                if paragraph_start is not None:
                    self._paragraph(paragraph_start, line.start(), section)
                    paragraph_start = None
                self.result.headings.append(heading)
                if not heading.title:
                    section = len(self.result.headings) - 1
                last_line = content
                continue
            if not content:
                if paragraph_start is not None and last_line and _finished(last_line):
                    self._paragraph(paragraph_start, line.start(), section)
                    paragraph_start = None
                continue
            if paragraph_start is None:
                paragraph_start = line.start()
            last_line = content
        if paragraph_start is not None:
            self._paragraph(paragraph_start, len(text), section)

    def _heading(self, line: re.Match[str], previous: str) -> Heading | None:
        raw = line.group()
        start = line.start() + len(raw) - len(raw.lstrip())
        end = line.start() + len(raw.rstrip())
        markdown = _MARKDOWN.match(raw)
        chapter = bool(_CHAPTER.match(raw))
        numbered = (is_heading(raw, normalize(raw)) and not chapter) or (
            not markdown and bool(_NUMBER.match(raw)) and is_heading(raw, normalize(raw))
        )
        latin = not (markdown or chapter or numbered) and is_latin_heading(raw, previous, self.text, line.end())
        if not (markdown or chapter or numbered or latin):
            return None
        number = _NUMBER.match(raw)
        title_start = line.start() + number.end() if number else start
        is_title = chapter or (markdown is not None and len(markdown.group(1)) == 1 and not self.result.headings)
        return Heading(start, end, max(start, min(title_start, end)), numbered and not markdown, is_title)

    def _paragraph(self, start: int, end: int, section: int) -> None:
        sentences = list(self._sentences(start, end))
        if not sentences:
            return
        for sentence_start, sentence_end in sentences:
            clauses = self._clauses(sentence_start, sentence_end)
            for number, (clause_start, clause_end, opening) in enumerate(clauses):
                self._add(clause_start, clause_end, "sentence" if number == 0 else opening, section)
            self.sentence += 1
        self.paragraph += 1

    def _sentences(self, start: int, end: int) -> list[tuple[int, int]]:
        text = self.text
        found: list[tuple[int, int]] = []
        begin = start
        index = start
        while index < end:
            char = text[index]
            if char in _CJK_ENDS or (char in _LATIN_ENDS and self._ends_latin(index, end)):
                stop = index + 1
                while stop < end and text[stop] in _CLOSERS:
                    stop += 1
                found.append((begin, stop))
                begin = index = stop
            else:
                index += 1
        found.append((begin, end))
        return [(a, b) for a, b in found if normalize(text[a:b])]

    def _ends_latin(self, index: int, end: int) -> bool:
        text = self.text
        after = index + 1
        while after < end and text[after] in _CLOSERS:
            after += 1
        if after < end and not text[after].isspace():
            return False
        following = after
        while following < end and text[following].isspace():
            following += 1
        if following < end and text[following].islower():
            return False
        if text[index] != ".":
            return True
        word_start = index
        while word_start > 0 and not text[word_start - 1].isspace():
            word_start -= 1
        word = text[word_start:index]
        return not (self.lexicon.is_abbreviation(word) or (len(word) == 1 and word.isalpha()) or re.fullmatch(r"\w(\.\w)+", word))

    def _clauses(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """The clauses of the sentence ``start``–``end``: (start, end, opening) each."""
        text = self.text
        lexicon = self.lexicon
        cuts: list[tuple[int, str]] = [(start, "sentence")]
        for index in range(start, end):
            char = text[index]
            at = -1
            if char in "，,;":
                at = index + 1
                while at < end and text[at].isspace():
                    at += 1
            elif (
                lexicon.spaced
                and char.isspace()
                and index + 1 < end
                and not text[index + 1].isspace()
                and lexicon.splits_bare(text, index + 1)
                and (index == start or text[index - 1] not in ",;")
            ):
                at = index + 1
            if at < 0 or at >= end:
                continue
            marker = lexicon.marker_at(text, at)
            splits = (
                (marker is not None and marker.kind in SPLITTING)
                or (char == ";" and lexicon.spaced)
                or (char in "，," and lexicon.opens_subject(text, at))
            )
            if splits and self._long_enough(cuts[-1][0], index) and self._long_enough(at, end):
                cuts.append((at, "clause"))
        clauses: list[tuple[int, int, str]] = []
        for number, (begin, opening) in enumerate(cuts):
            stop = cuts[number + 1][0] if number + 1 < len(cuts) else end
            clauses.extend(self._fronted(begin, stop, opening))
        return clauses

    def _fronted(self, start: int, end: int, opening: str) -> list[tuple[int, int, str]]:
        """A clause opened by a fronted marker ("If X, Y"), split at its first comma that another "and" does
        not follow ("Although X, and Y, Z" leans on Z); else the clause as is."""
        marker = self.lexicon.marker_at(self.text, _content_start(self.text, start, end))
        if marker is None or marker.kind not in FRONTED:
            return [(start, end, opening)]
        for comma in _COMMA.finditer(self.text, start + len(marker.words), end):
            after = self.lexicon.marker_at(self.text, _content_start(self.text, comma.end(), end))
            if after is not None and after.kind == "addition":
                continue
            if self._long_enough(start, comma.start()) and self._long_enough(comma.end(), end):
                return [(start, comma.end(), opening), (comma.end(), end, "main")]
            break
        return [(start, end, opening)]

    def _long_enough(self, start: int, end: int) -> bool:
        piece = self.text[start:end]
        return len(piece.split()) >= 3 if self.lexicon.spaced else len(normalize(piece)) >= 4

    def _add(self, start: int, end: int, opening: str, section: int) -> None:
        text = self.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in _TRAILING):
            end -= 1
        if not normalize(text[start:end]):
            return
        for piece_start, piece_end in _bounded(text, start, end):
            units = self.result.units
            units.append(Unit(len(units), piece_start, piece_end, self.sentence, self.paragraph, section, opening))
            opening = "clause"


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``start``–``end`` in pieces of at most ``MAX_UNIT`` characters, cut after a comma or space where one is near."""
    pieces: list[tuple[int, int]] = []
    while end - start > MAX_UNIT:
        cut = start + MAX_UNIT
        for index in range(cut, start + MAX_UNIT // 2, -1):
            if text[index - 1] in "，,、 \n":
                cut = index
                break
        piece_end = cut
        while piece_end > start and (text[piece_end - 1].isspace() or text[piece_end - 1] in _TRAILING):
            piece_end -= 1
        if normalize(text[start:piece_end]):
            pieces.append((start, piece_end))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end and normalize(text[start:end]):
        pieces.append((start, end))
    return pieces


def _finished(line: str) -> bool:
    """Whether a line ends a sentence (so a blank line after it ends the paragraph)."""
    stripped = line.rstrip("".join(_CLOSERS) + " ")
    return bool(stripped) and stripped[-1] in _PARAGRAPH_END


def _ends_sentence(text: str, at: int) -> bool:
    """Whether the text before ``at`` (spaces skipped) ends a sentence."""
    index = at
    while index > 0 and (text[index - 1].isspace() or text[index - 1] in _CLOSERS):
        index -= 1
    return index > 0 and text[index - 1] in _CJK_ENDS | _LATIN_ENDS
