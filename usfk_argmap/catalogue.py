"""Every diagnostic code with its documentation, for ``usfk-argmap rules``."""

from __future__ import annotations

from dataclasses import dataclass

from usfk_argmap.diagnostics import Severity


@dataclass(frozen=True)
class CatalogueEntry:
    code: str
    name: str
    severity: Severity
    group: str
    summary: str
    doc: str


def catalogue() -> list[CatalogueEntry]:
    """The loader's codes, the rules' and the importers', by code."""
    from usfk_argmap.interop import IMPORT_CODES
    from usfk_argmap.mapfile.loader import LOAD_CODES
    from usfk_argmap.rules import REGISTRY
    from usfk_argmap.rules.evaluated import EVALUATION_CODES

    entries = [CatalogueEntry(code, name, severity, "load", summary, summary)
               for code, (name, severity, summary) in LOAD_CODES.items()]
    entries += [CatalogueEntry(code, name, severity, "import", summary, summary)
                for code, (name, severity, summary) in IMPORT_CODES.items()]
    entries += [CatalogueEntry(r.code, r.name, r.severity, "check", r.summary, r.doc) for r in REGISTRY.values()]
    entries += [CatalogueEntry(code, name, severity, "evaluate", doc.split("\n", 1)[0], doc)
                for code, (name, severity, doc) in EVALUATION_CODES.items()]
    return sorted(entries, key=lambda entry: entry.code)
