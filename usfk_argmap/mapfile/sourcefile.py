"""Reading the source text a map names, and nothing else.

A map file is untrusted input, and ``source:`` is a path it chooses. The
text it names is copied into reports and quoted in diagnostics, so the
loader reads it only when the path resolves (symbolic links included) to a
regular file inside the map's own folder tree, or inside a folder the user
allowed (``--source-root DIR``, ``source_roots=`` in the API), and reads it
as every untrusted file is read (``core.files.read_untrusted``: devices,
FIFOs, sockets and folders refused unopened, the opened descriptor checked
again, also for still lying inside, and at most ``MAX_SOURCE_BYTES`` read).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from usfk_argmap.core.errors import UnreadableFileError
from usfk_argmap.core.files import read_untrusted

#: Source texts larger than this are refused (a thesis chapter is some 100 KB; a whole book under 4 MiB).
MAX_SOURCE_BYTES = 8 * 1024 * 1024

_ALLOW_ADVICE = (
    "a map may name a source only inside its own folder; to allow another folder, "
    "pass --source-root DIR (source_roots= in the Python API)"
)


@dataclass(frozen=True)
class SourceFile:
    """What reading a map's source gave: the bytes, or the code and message of why nothing was read."""

    #: Where the name leads (symbolic links resolved), read or not; None for a name that is no path.
    path: Path | None
    data: bytes | None = None
    code: str | None = None
    problem: str | None = None


def allowed_folders(map_folder: Path, source_roots: Sequence[str | Path] = ()) -> list[Path]:
    """The folders (resolved) a map in ``map_folder`` may take its source from."""
    folders = [Path(os.path.realpath(map_folder))]
    folders += [Path(os.path.realpath(root)) for root in source_roots]
    return folders


def is_inside(path: Path, folders: Sequence[Path]) -> bool:
    """Whether the resolved ``path`` is in the tree of one of the resolved ``folders``."""
    return any(path == folder or path.is_relative_to(folder) for folder in folders)


def read_source_file(name: str, map_folder: Path, source_roots: Sequence[str | Path] = ()) -> SourceFile:
    """Read the source ``name`` (relative to ``map_folder``) if it is allowed; never raises on bad input."""
    if "\0" in name:
        return SourceFile(None, code="AM014", problem=f"the source {name!r} contains a NUL character; nothing was read")
    folders = allowed_folders(map_folder, source_roots)
    written = Path(os.path.abspath(map_folder / name))
    resolved = Path(os.path.realpath(written))
    if not is_inside(resolved, folders):
        through_link = " through a symbolic link" if is_inside(written, folders) else ""
        return SourceFile(
            resolved,
            code="AM014",
            problem=(f"the source {name!r} leads{through_link} outside the map's folder; nothing was read: {_ALLOW_ADVICE}"),
        )
    try:
        data = read_untrusted(
            resolved,
            MAX_SOURCE_BYTES,
            f"the source {name!r}",
            follow_links=False,  # resolved above: a link now is a swap
            still_allowed=lambda descriptor: _descriptor_inside(descriptor, folders),
        )
    except UnreadableFileError as error:
        if error.kind in ("missing", "os"):
            return SourceFile(resolved, code="AM011", problem=_unreadable(name, error.reason))
        if error.kind == "size":
            return SourceFile(resolved, code="AM014", problem=_too_large(name))
        # "it is a FIFO (named pipe), not a regular file" and "it changed while...": said of the source.
        return SourceFile(
            resolved, code="AM014", problem=f"the source {name!r} {error.reason.removeprefix('it ')}; nothing was read"
        )
    return SourceFile(resolved, data)


def _too_large(name: str) -> str:
    return (
        f"the source {name!r} is larger than {MAX_SOURCE_BYTES // (1024 * 1024)} MiB, "
        "more than any source text a map quotes; nothing was read"
    )


def _descriptor_inside(descriptor: int, folders: Sequence[Path]) -> bool:
    """Whether the opened file is still inside the allowed folders (Linux names it in /proc; elsewhere trusted)."""
    try:
        target = os.readlink(f"/proc/self/fd/{descriptor}")
    except OSError:
        return True
    return is_inside(Path(target), folders)


def _unreadable(name: str, reason: str) -> str:
    return f"cannot read the source text {name!r}: {reason}; the path is relative to the map file"
