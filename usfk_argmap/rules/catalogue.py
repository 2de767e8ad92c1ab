"""Every diagnostic code with its documentation, for ``usfk-argmap rules``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from usfk_argmap.core.codes import CODES
from usfk_argmap.core.diagnostics import Severity, did_you_mean_phrase, suggest
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
    """Every code of ``usfk_argmap.core.codes``, by code: a rule's documentation is its check's docstring,
    an evaluation finding's is in ``rules.evaluated.EVALUATION_DOCS``."""
    from usfk_argmap.rules.evaluated import EVALUATION_DOCS

    docs = {code: rule.doc for code, rule in REGISTRY.items()} | EVALUATION_DOCS
    return [
        CatalogueEntry(entry.code, entry.name, entry.severity, entry.group, entry.summary, docs.get(code, entry.summary))
        for code, entry in CODES.items()
    ]


def check_codes(prefixes: Iterable[str]) -> None:
    """Raise ``ValueError`` for a code or prefix that no diagnostic code starts with (``AM999``).

    ``AM2`` stands for AM2xx, ``AM30`` for AM30x; the message suggests the
    likely intended code.
    """
    prefixes = list(prefixes)
    if not prefixes:
        return
    codes = sorted(CODES)
    unknown = [prefix for prefix in prefixes if not any(code.startswith(prefix.upper()) for code in codes)]
    if not unknown:
        return
    parts = []
    for prefix in unknown:
        hint = suggest(prefix.upper(), codes)
        parts.append(f"{prefix!r}" + (f" ({did_you_mean_phrase(hint)})" if hint else ""))
    groups = ", ".join(sorted({f"{code[:3]}xx" for code in codes}))
    raise ValueError(
        f"unknown code{'s' if len(unknown) > 1 else ''} {', '.join(parts)}: "
        f"codes are {groups}, or a prefix such as AM2; `usfk-argmap rules` lists them"
    )


def entries_for(prefixes: Sequence[str]) -> list[CatalogueEntry]:
    """The catalogue entries whose code starts with one of ``prefixes`` (all of them for none)."""
    check_codes(prefixes)
    wanted = [prefix.upper() for prefix in prefixes]
    return [entry for entry in catalogue() if not wanted or any(entry.code.startswith(w) for w in wanted)]
