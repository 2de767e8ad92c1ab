"""Telling a heading line from a sentence in a source text (CJK numbering, or a Latin line without a full stop)."""

from __future__ import annotations

import re

# Sentence ends for coverage figures: full stops, question and exclamation marks, semicolons.
SENTENCE_END = frozenset("。！？；!?;")
_HEADING = re.compile(r"^\s*(第\S{1,4}章|[一二三四五六七八九十]+、|[(（]?[0-9０-９]{1,2}[.．)）、])")


def is_heading(line: str, normalized: str) -> bool:
    """Whether ``line`` is a numbered heading (``normalized`` is the line in the form quotes are compared in)."""
    return bool(_HEADING.match(line)) and len(normalized) <= 40 and not (SENTENCE_END & set(normalized))


def _has_cjk(text: str) -> bool:
    """Whether ``text`` holds a CJK, Hangul or full-width character (a compiled class of these ranges
    costs every start-up a few milliseconds; this test runs on a few short lines)."""
    return any(
        "\u2e80" <= char <= "\u9fff"
        or "\uac00" <= char <= "\ud7af"
        or "\uf900" <= char <= "\ufaff"
        or "\uff00" <= char <= "\uffef"
        for char in text
    )


#: Words a heading does not end with, though a line broken mid-sentence often does.
_CONTINUING_WORDS = frozenset(
    {
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "and",
        "or",
        "but",
        "nor",
        "as",
        "that",
        "which",
        "who",
        "than",
        "into",
        "onto",
        "over",
        "under",
        "between",
        "about",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "its",
        "their",
        "his",
        "her",
        "our",
        "your",
        "this",
        "these",
        "those",
    }
)


def is_latin_heading(line: str, previous: str, text: str, line_end: int) -> bool:
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
    if not stripped or _has_cjk(stripped) or (previous.strip() and previous.strip()[-1] not in ".!?:"):
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
