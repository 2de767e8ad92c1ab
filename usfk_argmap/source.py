"""The source text that quotes come from, and quote matching.

Source texts often come out of PDFs: lines are broken mid-sentence, spaces are
scattered between characters, and the same character may come in several
Unicode forms (compatibility ideographs, full-width letters). Matching is done
on a normalized copy: NFKC, with every whitespace and format character removed.
An offset table maps each normalized character back to the raw text, so a
match can be shown (highlighted) in the text as the author wrote it.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

# Sentence ends for coverage figures: full stops, question and exclamation marks, semicolons.
_SENTENCE_END = frozenset("。！？；!?;")
_CLOSERS = frozenset("」』）)\"'”’〕】")


def _is_dropped(char: str) -> bool:
    return char.isspace() or unicodedata.category(char) in ("Cf", "Cc")


def normalize(text: str) -> str:
    """The form quotes are compared in: NFKC without whitespace and format characters."""
    return normalize_with_offsets(text)[0]


def normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """Normalize ``text``; also return, per normalized character, its offset in ``text``."""
    chars: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        if _is_dropped(char):
            continue
        for piece in unicodedata.normalize("NFKC", char):
            if not _is_dropped(piece):
                chars.append(piece)
                offsets.append(index)
    return "".join(chars), offsets


@dataclass(frozen=True)
class Span:
    """A half-open range of the raw source text."""

    start: int
    end: int


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
        self.normalized, self._offsets = normalize_with_offsets(text)

    def find(self, quote: str) -> Span | None:
        """Where ``quote`` stands in the raw text, or None."""
        needle = normalize(quote)
        if not needle:
            return None
        start = self.normalized.find(needle)
        if start < 0:
            return None
        return self._raw_span(start, start + len(needle))

    def find_all(self, quote: str) -> list[Span]:
        needle = normalize(quote)
        spans: list[Span] = []
        if not needle:
            return spans
        start = self.normalized.find(needle)
        while start >= 0:
            spans.append(self._raw_span(start, start + len(needle)))
            start = self.normalized.find(needle, start + 1)
        return spans

    def closest(self, quote: str) -> str | None:
        """The passage of the source most like ``quote``, for a "did you mean" hint."""
        needle = normalize(quote)
        if not needle or not self.normalized:
            return None
        matcher = difflib.SequenceMatcher(None, self.normalized, needle, autojunk=False)
        match = matcher.find_longest_match(0, len(self.normalized), 0, len(needle))
        if match.size < max(2, len(needle) // 5):
            return None
        start = max(0, match.a - match.b)
        end = min(len(self.normalized), start + len(needle))
        return self.normalized[start:end]

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
            heading = _is_heading(line.group()) or _is_latin_heading(line.group(), previous, text, line.end())
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


_HEADING = re.compile(r"^\s*(第\S{1,4}章|[一二三四五六七八九十]+、|[(（]?[0-9０-９]{1,2}[.．)）、])")


def _is_heading(line: str) -> bool:
    stripped = normalize(line)
    return bool(_HEADING.match(line)) and len(stripped) <= 40 and not (_SENTENCE_END & set(stripped))


_CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")
#: Words a heading does not end with, though a line broken mid-sentence often does.
_CONTINUING_WORDS = frozenset({
    "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "from", "with", "and", "or", "but", "nor", "as",
    "that", "which", "who", "than", "into", "onto", "over", "under", "between", "about", "is", "are", "was",
    "were", "be", "been", "its", "their", "his", "her", "our", "your", "this", "these", "those",
})


def _is_latin_heading(line: str, previous: str, text: str, line_end: int) -> bool:
    """Whether a line of a Latin-script text is a heading: ``Costs and benefits``, ``Chapter 5 Conclusion``.

    English headings carry no number or full stop to tell them by, and a PDF
    breaks body text into lines of its own. So a heading here is a line that
    follows a blank line or a finished sentence (or opens the text), starts
    with a capital or a digit, is at most twelve words and 80 characters,
    ends in a word or a closing bracket rather than punctuation or a word
    that goes on (of, the, and...), and is followed by the end of the text
    or by text that starts with a capital or a digit (blank lines skipped).
    """
    stripped = line.strip()
    if not stripped or _CJK.search(stripped) or (previous.strip() and previous.strip()[-1] not in ".!?:"):
        return False
    if len(stripped) > 80 or len(stripped.split()) > 12 or not (stripped[0].isupper() or stripped[0].isdigit()):
        return False
    if not (stripped[-1].isalnum() or stripped[-1] in ")]"):
        return False
    if stripped.split()[-1].lower() in _CONTINUING_WORDS:
        return False
    after = _next_text_line(text, line_end).strip()
    return not after or after[0].isupper() or after[0].isdigit()


def _next_text_line(text: str, start: int) -> str:
    """The first line after ``start`` that holds more than spaces ("" at the end of the text)."""
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if text[start:end].strip():
            return text[start:end]
        start = end + 1
    return ""
