"""Writing output files all or nothing, never over an input, never in place of a device.

Every file a command writes goes through ``write_files_atomic``: each is
written to a temporary file beside its target, and only once all of them are
written are they renamed into place. A failure (a full disk, a folder that
cannot be made) removes the temporary files and the folders made for them, so
a failed command leaves nothing new behind and every earlier file as it was.

A target that is a character device (``/dev/null``, a terminal) or a FIFO is
written into, not replaced: renaming a regular file over it would replace the
device node itself.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from usfk_argmap.core.errors import OutputError


def write_atomic(path: str | Path, data: bytes, *, inputs: Iterable[str | Path] = ()) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename (into it, if it is a device or FIFO).

    A reader never sees a half-written file, and a failure leaves any earlier
    file in place. Refuses to write over one of ``inputs``.
    """
    write_files_atomic({Path(path): data}, inputs=inputs)


def is_stream(path: str | Path) -> bool:
    """True when ``path`` is an existing character device or FIFO: written into, never replaced."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def write_files_atomic(files: Mapping[Path, bytes], *, inputs: Iterable[str | Path] = ()) -> None:
    """Write several files all or nothing, after checking every target first.

    The files are renamed into place in the order given: put the main file
    last (a deck after its pictures). A device or FIFO can only be the one
    target of a write: a deck with pictures beside it needs a folder.
    """
    sources = list(inputs)
    targets = [Path(target) for target in files]
    for target in targets:
        check_target(target, sources)
    streams = [target for target in targets if is_stream(target)]
    if streams and len(targets) > 1:
        raise OutputError(
            f"cannot write {streams[0]}: it is a device or FIFO, and this output is several files "
            "(the pictures go in a folder beside it); name a file in a folder"
        )
    if streams:
        _write_into(streams[0], next(iter(files.values())))
        return
    made_folders: list[Path] = []
    temporaries: list[tuple[Path, Path]] = []
    try:
        for target, data in zip(targets, files.values(), strict=True):
            made_folders += _make_parents(target)
            temporaries.append((_write_temporary(target, data), target))
        for temporary, target in temporaries:
            os.replace(temporary, target)
    except OSError as error:
        for temporary, _ in temporaries:
            temporary.unlink(missing_ok=True)
        for folder in reversed(made_folders):
            with contextlib.suppress(OSError):
                folder.rmdir()
        where = getattr(error, "filename", None) or (temporaries[-1][1] if temporaries else targets[0])
        raise OutputError(f"cannot write {where}: {error.strerror or error}; nothing was written") from error


def _make_parents(target: Path) -> list[Path]:
    """Make the missing folders above ``target``; returns those made, outermost first."""
    parent = target.parent if str(target.parent) else Path(".")
    missing: list[Path] = []
    for folder in (parent, *parent.parents):
        if folder.exists():
            break
        missing.append(folder)
    made: list[Path] = []
    for folder in reversed(missing):
        try:
            folder.mkdir()
        except FileExistsError:
            continue
        made.append(folder)
    return made


def _write_temporary(target: Path, data: bytes) -> Path:
    parent = target.parent if str(target.parent) else Path(".")
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        if getattr(error, "filename", None) is None:
            error.filename = str(target)
        raise
    return temporary


def _write_into(target: Path, data: bytes) -> None:
    """Write into a character device or FIFO; a FIFO nobody reads from is refused, not waited on."""
    try:
        descriptor = os.open(target, os.O_WRONLY | os.O_NONBLOCK)
    except OSError as error:
        if error.errno == errno.ENXIO:
            raise OutputError(f"cannot write {target}: it is a FIFO and nothing is reading from it") from error
        raise OutputError(f"cannot write {target}: {error.strerror or error}") from error
    try:
        os.set_blocking(descriptor, True)
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view) :]
    except OSError as error:
        raise OutputError(f"cannot write {target}: {error.strerror or error}") from error
    finally:
        os.close(descriptor)


def check_target(target: Path, inputs: Iterable[str | Path] = ()) -> None:
    """Raise ``OutputError`` if ``target`` is one of ``inputs``, a folder, a block device or socket, or lies under a file."""
    for source in inputs:
        try:
            same = target.exists() and target.resolve() == Path(source).resolve()
        except OSError:
            continue
        if same:
            raise OutputError(f"refusing to write {target}: it is an input file")
    if target.is_dir():
        raise OutputError(f"cannot write {target}: it is a folder; name a file")
    try:
        mode = os.stat(target).st_mode
    except OSError:
        mode = 0
    if stat.S_ISBLK(mode) or stat.S_ISSOCK(mode):
        raise OutputError(f"refusing to write {target}: it is a {'block device' if stat.S_ISBLK(mode) else 'socket'}")
    for ancestor in target.parents:
        if ancestor.exists() or ancestor.is_symlink():
            if not ancestor.is_dir():
                raise OutputError(f"cannot write {target}: {ancestor} is a file, not a folder")
            break
