"""Reading the source text a map names, and nothing else.

A map file is untrusted input, and ``source:`` is a path it chooses. The
text it names is copied into reports and quoted in diagnostics, so the
loader reads it only when the path resolves (symbolic links included) to a
regular file inside the map's own folder tree, or inside a folder the user
allowed (``--source-root DIR``, ``source_roots=`` in the API). Devices,
FIFOs, sockets and folders are refused before they are opened (a FIFO would
block for ever, ``/dev/zero`` never ends), the opened descriptor is checked
again (the path may have been swapped in between), and at most
``MAX_SOURCE_BYTES`` are read.
"""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

#: Source texts larger than this are refused (a thesis chapter is some 100 KB; a whole book under 4 MiB).
MAX_SOURCE_BYTES = 8 * 1024 * 1024

_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)

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
        before = os.stat(resolved)
    except OSError as error:
        return SourceFile(resolved, code="AM011", problem=_unreadable(name, error))
    refusal = _refuse_kind(name, before)
    if refusal is not None:
        return SourceFile(resolved, code="AM014", problem=refusal)
    try:
        descriptor = os.open(resolved, _OPEN_FLAGS)
    except OSError as error:
        return SourceFile(resolved, code="AM011", problem=_unreadable(name, error))
    with io.FileIO(descriptor, "rb", closefd=True) as handle:
        opened = os.fstat(descriptor)
        # The checks above were on a path; this is the file actually opened.
        refusal = _refuse_kind(name, opened)
        if refusal is None and not (os.path.samestat(before, opened) and _descriptor_inside(descriptor, folders)):
            refusal = f"the source {name!r} changed while it was being opened; nothing was read"
        if refusal is not None:
            return SourceFile(resolved, code="AM014", problem=refusal)
        try:
            data = _read_at_most(handle, MAX_SOURCE_BYTES + 1)
        except OSError as error:
            return SourceFile(resolved, code="AM011", problem=_unreadable(name, error))
    if len(data) > MAX_SOURCE_BYTES:
        return SourceFile(resolved, code="AM014", problem=_too_large(name))
    return SourceFile(resolved, data)


def _refuse_kind(name: str, info: os.stat_result) -> str | None:
    """Why a file of this kind and size is not read, or None when it may be."""
    mode = info.st_mode
    if stat.S_ISDIR(mode):
        return f"the source {name!r} is a folder, not a text file; nothing was read"
    if not stat.S_ISREG(mode):
        kind = (
            "a FIFO (named pipe)"
            if stat.S_ISFIFO(mode)
            else "a device"
            if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "a socket"
            if stat.S_ISSOCK(mode)
            else "not a regular file"
        )
        return f"the source {name!r} is {kind}, not a text file; nothing was read"
    if info.st_size > MAX_SOURCE_BYTES:
        return _too_large(name)
    return None


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


def _read_at_most(handle: io.RawIOBase, limit: int) -> bytes:
    # A raw file's read() may return fewer bytes than asked before the end.
    chunks: list[bytes] = []
    size = 0
    while size < limit:
        chunk = handle.read(min(1 << 20, limit - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _unreadable(name: str, error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        reason = "no such file"
    elif isinstance(error, PermissionError):
        reason = "permission denied"
    else:
        reason = error.strerror or str(error)
    return f"cannot read the source text {name!r}: {reason}; the path is relative to the map file"
