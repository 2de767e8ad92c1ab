"""Every diagnostic code with its documentation, for ``usfk-argmap rules``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from usfk_argmap.diagnostics import Severity, suggest


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


def check_codes(prefixes: Iterable[str]) -> None:
    """Raise ``ValueError`` for a code or prefix that no diagnostic code starts with (``AM999``).

    ``AM2`` stands for AM2xx, ``AM30`` for AM30x; the message suggests the
    likely intended code.
    """
    prefixes = list(prefixes)
    if not prefixes:
        return
    codes = sorted(entry.code for entry in catalogue())
    unknown = [prefix for prefix in prefixes if not any(code.startswith(prefix.upper()) for code in codes)]
    if not unknown:
        return
    parts = []
    for prefix in unknown:
        hint = suggest(prefix.upper(), codes)
        parts.append(f"{prefix!r}" + (f" (did you mean {hint}?)" if hint else ""))
    groups = ", ".join(sorted({f"{code[:3]}xx" for code in codes}))
    raise ValueError(f"unknown code{'s' if len(unknown) > 1 else ''} {', '.join(parts)}: "
                     f"codes are {groups}, or a prefix such as AM2; `usfk-argmap rules` lists them")


def entries_for(prefixes: Sequence[str]) -> list[CatalogueEntry]:
    """The catalogue entries whose code starts with one of ``prefixes`` (all of them for none)."""
    check_codes(prefixes)
    wanted = [prefix.upper() for prefix in prefixes]
    return [entry for entry in catalogue() if not wanted or any(entry.code.startswith(w) for w in wanted)]
