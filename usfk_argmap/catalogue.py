"""Every diagnostic code with its documentation, for ``usfk-argmap rules``."""

from __future__ import annotations

from dataclasses import dataclass

from usfk_argmap.codes import CODES
from usfk_argmap.diagnostics import Severity
from usfk_argmap.rules import REGISTRY


@dataclass(frozen=True)
class CatalogueEntry:
    code: str
    name: str
    severity: Severity
    group: str
    summary: str
    doc: str


def catalogue() -> list[CatalogueEntry]:
    """Every code of ``usfk_argmap.codes``, by code; a rule's documentation is its check's docstring."""
    return [CatalogueEntry(entry.code, entry.name, entry.severity, entry.group, entry.summary,
                           REGISTRY[code].doc if code in REGISTRY else entry.summary)
            for code, entry in CODES.items()]
