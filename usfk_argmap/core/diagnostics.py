"""Diagnostics: problems found in a map, as values with 1-based positions."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


class Severity(enum.StrEnum):
    """How serious a diagnostic is; the order is error > warning > info."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 2, "warning": 1, "info": 0}[self.value]


@dataclass(frozen=True)
class Fix:
    """A suggested correction: ``replacement`` for the text from (line, column) up to (end_line, end_column).

    Positions are 1-based, in code points of the map file, and the end is
    excluded: the range is exactly the scalar (a key, an id, a value) that is
    wrong, quotes included, so the replacement is a whole YAML scalar.
    """

    replacement: str
    line: int
    column: int
    end_line: int
    end_column: int

    def to_dict(self) -> dict[str, object]:
        return {
            "replacement": self.replacement,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
        }


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem, located in a file.

    ``line`` and ``column`` are 1-based; ``node`` is the id of the node or
    argument the problem is about, or None where none applies; ``fix`` is the
    likely correction where there is one (the message offers it in
    ``did_you_mean_phrase``).
    """

    file: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str
    node: str | None = None
    fix: Fix | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "node": self.node,
            "fix": self.fix.to_dict() if self.fix is not None else None,
        }

    def format_text(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.code} [{self.severity.value}] {self.message}"

    def format_github(self) -> str:
        level = {"error": "error", "warning": "warning", "info": "notice"}[self.severity.value]
        message = _github_escape(f"{self.code} {self.message}", data=True)
        file = _github_escape(self.file, data=False)
        return f"::{level} file={file},line={self.line},col={self.column},title={self.code}::{message}"


def _github_escape(text: str, *, data: bool) -> str:
    # Workflow commands treat %, CR and LF specially everywhere, and , and : in properties.
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if not data:
        text = text.replace(",", "%2C").replace(":", "%3A")
    return text


def summarize(diagnostics: Iterable[Diagnostic]) -> dict[str, int]:
    """Count diagnostics by severity: ``{"errors": N, "warnings": N, "infos": N}``."""
    counts = {"errors": 0, "warnings": 0, "infos": 0}
    for diagnostic in diagnostics:
        counts[diagnostic.severity.value + "s"] += 1
    return counts


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Order by file, position, then code, so output is stable."""
    return sorted(diagnostics, key=lambda d: (d.file, d.line, d.column, d.code, d.message))


def to_json(diagnostics: Sequence[Diagnostic]) -> str:
    """The JSON document that ``check --format json`` prints."""
    document = {"diagnostics": [d.to_dict() for d in diagnostics], "summary": summarize(diagnostics)}
    import json

    return json.dumps(document, ensure_ascii=False, indent=2)


def has_failures(diagnostics: Iterable[Diagnostic], *, strict: bool = False) -> bool:
    """True where an error (or, when ``strict``, a warning) is among the diagnostics."""
    threshold = Severity.WARNING.rank if strict else Severity.ERROR.rank
    return any(d.severity.rank >= threshold for d in diagnostics)


# Characters a reader (or a font) confuses: l, I and 1; O and 0. Folded with case, for suggestions only.
_LOOK_ALIKE = str.maketrans({"l": "1", "i": "1", "|": "1", "o": "0"})


def _fold(word: str) -> str:
    return word.casefold().translate(_LOOK_ALIKE)


#: Comparisons of a word with a candidate that a ``Suggester`` makes by similarity (difflib: about
#: 10 µs each) before it offers only case and look-alike matches: a search compares a word with
#: every candidate, so a map with thousands of unknown names took time quadratic in its size (a
#: 740 KB map with an unknown name per statement, 4 minutes). 200 words of a 1,000-id map.
SIMILARITY_BUDGET = 200_000


class Suggester:
    """Suggestions against one set of candidates, for many words.

    The candidates are read and folded once. Words are searched fully (case and
    look-alike characters, then similarity, then the ids of the same series)
    while the comparisons made stay within ``budget``; after that a word gets
    the case and look-alike match only, which is one look-up. ``suggest`` and ``same_stem`` are the same searches
    for a single word.
    """

    def __init__(self, candidates: Iterable[str], budget: int | None = None) -> None:
        self.options = list(candidates)
        self.folded: dict[str, str] = {}
        for option in self.options:
            self.folded.setdefault(_fold(option), option)
        self.budget = SIMILARITY_BUDGET if budget is None else budget

    def _searches_fully(self) -> bool:
        """Whether one more search of every candidate fits the budget (and counts it if so)."""
        cost = 2 * len(self.options)
        if cost > self.budget:
            return False
        self.budget -= cost
        return True

    def __call__(self, word: str) -> str | None:
        """The candidate the user most likely meant by ``word``, or None."""
        same = self.folded.get(_fold(word))
        if same is not None and same != word:
            return same
        if not self._searches_fully():
            return None
        import difflib  # only a problem to report needs it

        matches = difflib.get_close_matches(word, self.options, n=1, cutoff=0.6)
        if matches:
            return matches[0]
        matches = difflib.get_close_matches(_fold(word), list(self.folded), n=1, cutoff=0.6)
        return self.folded[matches[0]] if matches else None

    def same_stem(self, word: str, limit: int = 6) -> list[str]:
        """Candidates that start like ``word`` without its trailing digits (``C9``: C1, C2...), for short ids.

        Short ids are too short for a similarity match; the ids of the same
        series show what there is. A scan of every candidate: within the budget only.
        """
        stem = _fold(word.rstrip("0123456789."))
        if not stem or not self._searches_fully():
            return []
        return [option for option in self.options if _fold(option).startswith(stem)][:limit]

    def phrase(self, word: str, what: str = "ids") -> str:
        """``"did you mean 'C1'?"``, or ``"ids starting with 'C': C1, C2"``, or ``""``: for a message."""
        hint = self(word)
        if hint is not None:
            return did_you_mean_phrase(hint)
        return series_phrase(word, self.same_stem(word), what)


def suggest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate the user most likely meant by ``word``, or None.

    First a candidate that differs only in case or in look-alike characters
    (``Cl`` and ``cl`` for ``C1``, ``O1`` for ``01``); then the closest by
    similarity (difflib), on the words as written and then folded.
    """
    return Suggester(candidates)(word)


def same_stem(word: str, candidates: Iterable[str], limit: int = 6) -> list[str]:
    """Candidates that start like ``word`` without its trailing digits (``C9``: C1, C2...), for short ids."""
    return Suggester(candidates).same_stem(word, limit)


def did_you_mean_phrase(replacement: str) -> str:
    """``"did you mean 'C1'?"``: the one way every message (and the CLI's usage errors) offers a correction."""
    return f"did you mean {replacement!r}?"


def did_you_mean(word: str, candidates: Iterable[str], what: str = "ids") -> str:
    """``"did you mean 'C1'?"``, or ``"ids starting with 'C': C1, C2"``, or ``""``: for a message."""
    return Suggester(candidates).phrase(word, what)


def same_stem_phrase(word: str, candidates: Iterable[str], what: str = "ids") -> str:
    """``"ids starting with 'C': C1, C2"`` (``same_stem``), or ``""``: for a word nothing is close to."""
    return series_phrase(word, same_stem(word, candidates), what)


def series_phrase(word: str, alike: list[str], what: str) -> str:
    """``"ids starting with 'C': C1, C2"`` for the ids ``alike`` of ``word``'s series, or ``""``."""
    return f"{what} starting with {word.rstrip('0123456789.')!r}: {', '.join(alike)}" if alike else ""
