"""Diagnostics: problems found in a map, as values with 1-based positions."""

from __future__ import annotations

import difflib
import enum
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass


class Severity(enum.StrEnum):
    """How serious a diagnostic is; the order is error > warning > info."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 2, "warning": 1, "info": 0}[self.value]


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem, located in a file.

    ``line`` and ``column`` are 1-based; ``node`` is the id of the node or
    argument the problem is about, or None where none applies.
    """

    file: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str
    node: str | None = None

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["severity"] = self.severity.value
        return {key: data[key] for key in ("code", "severity", "message", "file", "line", "column", "node")}

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
    document = {
        "diagnostics": [d.to_dict() for d in diagnostics],
        "summary": summarize(diagnostics),
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def has_failures(diagnostics: Iterable[Diagnostic], *, strict: bool = False) -> bool:
    """True where an error (or, when ``strict``, a warning) is among the diagnostics."""
    threshold = Severity.WARNING.rank if strict else Severity.ERROR.rank
    return any(d.severity.rank >= threshold for d in diagnostics)


def suggest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate closest to ``word``, if any is close enough."""
    options = list(candidates)
    matches = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if not matches:
        lowered = {c.casefold(): c for c in options}
        exact = lowered.get(word.casefold())
        return exact
    return matches[0]
