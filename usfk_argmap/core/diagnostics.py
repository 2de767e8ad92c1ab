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


def suggest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate the user most likely meant by ``word``, or None.

    First a candidate that differs only in case or in look-alike characters
    (``Cl`` and ``cl`` for ``C1``, ``O1`` for ``01``); then the closest by
    similarity (difflib), on the words as written and then folded.
    """
    import difflib  # only a problem to report needs it

    options = list(candidates)
    folded: dict[str, str] = {}
    for option in options:
        folded.setdefault(_fold(option), option)
    same = folded.get(_fold(word))
    if same is not None and same != word:
        return same
    matches = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if matches:
        return matches[0]
    matches = difflib.get_close_matches(_fold(word), list(folded), n=1, cutoff=0.6)
    return folded[matches[0]] if matches else None


def same_stem(word: str, candidates: Iterable[str], limit: int = 6) -> list[str]:
    """Candidates that start like ``word`` without its trailing digits (``C9``: C1, C2...), for short ids.

    Short ids are too short for a similarity match; the ids of the same
    series show what there is.
    """
    stem = _fold(word.rstrip("0123456789."))
    if not stem:
        return []
    return [option for option in candidates if _fold(option).startswith(stem)][:limit]


def did_you_mean_phrase(replacement: str) -> str:
    """``"did you mean 'C1'?"``: the one way every message (and the CLI's usage errors) offers a correction."""
    return f"did you mean {replacement!r}?"


def did_you_mean(word: str, candidates: Iterable[str], what: str = "ids") -> str:
    """``"did you mean 'C1'?"``, or ``"ids starting with 'C': C1, C2"``, or ``""``: for a message."""
    options = list(candidates)
    hint = suggest(word, options)
    return did_you_mean_phrase(hint) if hint is not None else same_stem_phrase(word, options, what)


def same_stem_phrase(word: str, candidates: Iterable[str], what: str = "ids") -> str:
    """``"ids starting with 'C': C1, C2"`` (``same_stem``), or ``""``: for a word nothing is close to."""
    alike = same_stem(word, candidates)
    return f"{what} starting with {word.rstrip('0123456789.')!r}: {', '.join(alike)}" if alike else ""
