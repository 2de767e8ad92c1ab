"""Reading maps from other tools and writing ours for them: one module per format.

Importers take the bytes of a file and return an ``ImportResult``: the map
(None when nothing usable could be read) and diagnostics with positions in
the imported file. Every construct an importer sets aside or approximates is
reported with one of the ``IMPORT_CODES``; no input makes an importer raise.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from usfk_argmap.interop.importing import IMPORT_CODES, MAX_IMPORT_BYTES, START, ImportResult, Reporter, decode

#: Names of ``interop.base``, imported on first use: the command line reads ``FORMAT_SUFFIXES``
#: at start-up, and ``base`` brings in the YAML loader.
_FROM_BASE = frozenset({"IMPORT_CODES", "MAX_IMPORT_BYTES", "START", "ImportResult", "Reporter", "decode"})


def __getattr__(name: str) -> Any:
    if name in _FROM_BASE:
        return getattr(import_module("usfk_argmap.interop.importing"), name)
    raise AttributeError(f"module 'usfk_argmap.interop' has no attribute {name!r}")


__all__ = [
    "FORMAT_SUFFIXES",
    "IMPORT_CODES",
    "MAX_IMPORT_BYTES",
    "START",
    "ImportResult",
    "Importer",
    "Reporter",
    "decode",
    "format_from_suffix",
    "import_bytes",
    "import_file",
    "importer",
]

Importer = Callable[[bytes, str], "ImportResult"]

#: Import formats by name, with the file suffixes that select them.
FORMAT_SUFFIXES: dict[str, tuple[str, ...]] = {"argdown": (".argdown", ".ad"), "aif": (".json", ".aif"), "microtext": (".xml",)}


def importer(format_name: str) -> Importer:
    """The import function of a format."""
    # Imported here for start-up speed: each importer pulls in its own parser (yaml, json, ElementTree).
    if format_name == "argdown":
        from usfk_argmap.interop.argdown.reader import import_argdown

        return import_argdown
    if format_name == "aif":
        from usfk_argmap.interop.aif.reader import import_aif

        return import_aif
    if format_name == "microtext":
        from usfk_argmap.interop.microtext import import_microtext

        return import_microtext
    raise ValueError(f"unknown import format {format_name!r}; known: {', '.join(FORMAT_SUFFIXES)}")


def format_from_suffix(path: str | Path) -> str | None:
    """The import format a file name implies, or None."""
    suffix = Path(path).suffix.lower()
    for name, suffixes in FORMAT_SUFFIXES.items():
        if suffix in suffixes:
            return name
    return None


def import_bytes(data: bytes, format_name: str, file: str = "<import>") -> ImportResult:
    """Import a file's bytes in the named format (argdown, aif, microtext)."""
    return importer(format_name)(data, file)


def import_file(path: str | Path, format_name: str | None = None) -> ImportResult:
    """Import a file; the format comes from ``format_name`` or the suffix.

    Raises ``ValueError`` when neither names a known format; a file that
    cannot be read is an AM401 diagnostic.
    """
    from usfk_argmap.interop.importing import MAX_IMPORT_BYTES, Reporter
    from usfk_argmap.mapfile.reading import os_reason

    path = Path(path)
    chosen = format_name or format_from_suffix(path)
    if chosen is None:
        raise ValueError(
            f"cannot tell the format of {path.name} from its suffix; name it with --from ({', '.join(FORMAT_SUFFIXES)})"
        )
    importer(chosen)  # an unknown format name is a ValueError before the file is read
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_IMPORT_BYTES + 1)
    except OSError as error:
        report = Reporter(str(path))
        report("AM401", f"cannot read the file: {os_reason(error)}")
        return report.result(None)
    if len(data) > MAX_IMPORT_BYTES:
        report = Reporter(str(path))
        report("AM401", f"the file is larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MiB")
        return report.result(None)
    return import_bytes(data, chosen, str(path))
