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

from usfk_argmap.core.formats import FileFormat, FormatTable, format_for
from usfk_argmap.core.gcpause import gc_paused

if TYPE_CHECKING:
    from usfk_argmap.interop.importing import IMPORT_CODES, MAX_IMPORT_BYTES, START, ImportResult, Reporter, decode

#: Names of ``interop.importing``, imported on first use: the command line reads ``IMPORT_FORMATS``
#: at start-up, and ``base`` brings in the YAML loader.
_FROM_BASE = frozenset({"IMPORT_CODES", "MAX_IMPORT_BYTES", "START", "ImportResult", "Reporter", "decode"})


def __getattr__(name: str) -> Any:
    if name in _FROM_BASE:
        return getattr(import_module("usfk_argmap.interop.importing"), name)
    raise AttributeError(f"module 'usfk_argmap.interop' has no attribute {name!r}")


__all__ = [
    "IMPORT_CODES",
    "IMPORT_FORMATS",
    "MAX_IMPORT_BYTES",
    "START",
    "ImportResult",
    "Importer",
    "Reporter",
    "decode",
    "import_bytes",
    "import_file",
    "importer",
]

#: An importer: the file's bytes, its name for diagnostics, and the root the user asked for (or None).
Importer = Callable[[bytes, str, "str | None"], "ImportResult"]

#: Import formats: names, the file suffixes that select them, and their importers (each imported on
#: first use, for start-up speed: each pulls in its own parser, yaml, json or ElementTree).
IMPORT_FORMATS = FormatTable(
    "import",
    (
        FileFormat("argdown", (".argdown", ".ad"), "usfk_argmap.interop.argdown.reader:import_argdown"),
        FileFormat("aif", (".json", ".aif"), "usfk_argmap.interop.aif.reader:import_aif"),
        FileFormat("microtext", (".xml",), "usfk_argmap.interop.microtext:import_microtext"),
        FileFormat("canvas", (".canvas",), "usfk_argmap.interop.canvas:import_canvas"),
        FileFormat("drawio", (".drawio",), "usfk_argmap.interop.drawio:import_drawio"),
        # xAIF (OVA3, argument-mining pipelines): AIF with OVA's drawing; no suffix of its own (its files are .json).
        FileFormat("xaif", (), "usfk_argmap.interop.aif.xaif:import_xaif"),
        # The text file Kialo's "Export discussion" writes.
        FileFormat("kialo", (".kialo", ".txt"), "usfk_argmap.interop.kialo:import_kialo"),
    ),
    option="--from",
)


def importer(format_name: str) -> Importer:
    """The import function of a format; ``ValueError`` for an unknown one."""
    found: Importer = IMPORT_FORMATS[format_name].load()
    return found


def import_bytes(data: bytes, format_name: str, file: str = "<import>", *, root: str | None = None) -> ImportResult:
    """Import a file's bytes in the named format (argdown, aif, microtext, canvas, drawio, xaif, kialo).

    ``root`` is the id of the statement to make the root (``import --root``), when the file has one.
    """
    read = importer(format_name)
    # An import builds a parse tree and a map of many small objects that all stay alive until it
    # returns: the cyclic collector would rescan them over and over (45% of microtext's 60k import).
    with gc_paused():
        return read(data, file, root)


def import_file(path: str | Path, format_name: str | None = None, *, root: str | None = None) -> ImportResult:
    """Import a file; the format comes from ``format_name`` or the suffix, ``root`` as for ``import_bytes``.

    Raises ``ValueError`` when neither names a known format; a file that
    cannot be read is an AM401 diagnostic.
    """
    from usfk_argmap.core.errors import UnreadableFileError
    from usfk_argmap.core.files import read_untrusted
    from usfk_argmap.interop.importing import MAX_IMPORT_BYTES, Reporter

    path = Path(path)
    chosen = format_for(format_name if format_name is not None else path, IMPORT_FORMATS)
    try:
        data = read_untrusted(path, MAX_IMPORT_BYTES, "the file")
    except UnreadableFileError as error:
        report = Reporter(str(path))
        if error.kind == "size":
            report("AM401", f"the file is larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MiB")
        else:
            report("AM401", f"cannot read the file: {error.reason}")
        return report.result(None)
    return import_bytes(data, chosen, str(path), root=root)
