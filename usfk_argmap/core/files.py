"""Reading untrusted files one hardened way; writing output files all or nothing, never over an input.

Every file the tool is given or finds (a map, an imported file, a map's
source text, the map the preview watches, a layout cache entry) is read
through ``read_untrusted``: only a regular file is opened (a FIFO would block
for ever, ``/dev/zero`` never ends), the opened descriptor is checked again
(the path may have been swapped in between), and at most a limit is read. A
refusal is an ``UnreadableFileError`` with a one-line reason.

Every file a command writes goes through ``write_files_atomic``: each is
written to a temporary file beside its target, and only once all of them are
written are they renamed into place. A failure (a full disk, a folder that
cannot be made) removes the temporary files and the folders made for them, so
a failed command leaves nothing new behind and every earlier file as it was.

A target that is a character device (``/dev/null``, a terminal) or a FIFO is
written into, not replaced: renaming a regular file over it would replace the
device node itself. A new file gets ``0666`` less the umask, as any program's;
a file replaced keeps its mode (a report made private stays private); a
read-only file is replaced only when the caller says ``force``. Each file is
flushed to the disk before it is renamed, and its folder after.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import stat
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from usfk_argmap.core.errors import OutputError, UnreadableFileError

_READ_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO swapped in after the check does not block the open
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def read_untrusted(
    path: str | Path,
    limit: int,
    what: str = "the file",
    *,
    follow_links: bool = True,
    still_allowed: Callable[[int], bool] | None = None,
) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them; else ``UnreadableFileError``.

    ``what`` names the file in the message (``"the map file"``). Anything but a
    regular file is refused before it is opened; the opened descriptor must be
    the file checked (and pass ``still_allowed``, given the descriptor), or the
    file changed in between. Without ``follow_links`` a symbolic link is not
    opened (for a path already resolved). A file over ``limit`` is refused, also
    one that grows past it while read.
    """
    try:
        before = os.stat(path) if follow_links else os.lstat(path)
    except (OSError, ValueError) as error:  # ValueError: a NUL in the path
        raise _unreadable(path, what, error) from error
    _refuse(path, what, before, limit)
    try:
        descriptor = os.open(path, _READ_FLAGS | (0 if follow_links else getattr(os, "O_NOFOLLOW", 0)))
    except OSError as error:
        if error.errno == errno.ELOOP and not follow_links:
            raise UnreadableFileError(path, what, "it changed while it was being opened", "changed") from error
        raise _unreadable(path, what, error) from error
    with io.FileIO(descriptor, "rb", closefd=True) as handle:
        opened = os.fstat(descriptor)
        _refuse(path, what, opened, limit)
        if not os.path.samestat(before, opened) or (still_allowed is not None and not still_allowed(descriptor)):
            raise UnreadableFileError(path, what, "it changed while it was being opened", "changed")
        try:
            data = _read_at_most(handle, limit + 1)
        except (OSError, MemoryError) as error:
            raise _unreadable(path, what, error) from error
    if len(data) > limit:
        raise UnreadableFileError(path, what, _too_large(limit), "size")
    return data


def file_kind(mode: int) -> str | None:
    """What a file of this mode is in words (``"a FIFO (named pipe)"``), or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    return "not a regular file"


def os_reason(error: BaseException) -> str:
    """Why a file could not be read, in words (no errno, no repeated path)."""
    if isinstance(error, IsADirectoryError):
        return "it is a folder, not a file"
    if isinstance(error, FileNotFoundError):
        return "no such file"
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, MemoryError):
        return "not enough memory to read it"
    if isinstance(error, OSError):
        return error.strerror or str(error)
    return str(error) or type(error).__name__


def _refuse(path: str | Path, what: str, info: os.stat_result, limit: int) -> None:
    kind = file_kind(info.st_mode)
    if kind == "a folder":
        raise UnreadableFileError(path, what, "it is a folder, not a file", "type")
    if kind is not None:
        raise UnreadableFileError(path, what, f"it is {kind}, not a regular file", "type")
    if info.st_size > limit:
        raise UnreadableFileError(path, what, _too_large(limit), "size")


def _too_large(limit: int) -> str:
    size = f"{limit // (1024 * 1024)} MiB" if limit >= 1024 * 1024 else f"{limit} bytes"
    return f"it is larger than {size}"


def _unreadable(path: str | Path, what: str, error: BaseException) -> UnreadableFileError:
    return UnreadableFileError(path, what, os_reason(error), "missing" if isinstance(error, FileNotFoundError) else "os")


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


def write_atomic(path: str | Path, data: bytes, *, inputs: Iterable[str | Path] = (), force: bool = False) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename (into it, if it is a device or FIFO).

    A reader never sees a half-written file, and a failure leaves any earlier
    file in place. Refuses to write over one of ``inputs``, or over a read-only
    file unless ``force``.
    """
    write_files_atomic({Path(path): data}, inputs=inputs, force=force)


def is_stream(path: str | Path) -> bool:
    """True when ``path`` is an existing character device or FIFO: written into, never replaced."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def write_files_atomic(
    files: Mapping[Path, bytes | Iterable[bytes]], *, inputs: Iterable[str | Path] = (), force: bool = False
) -> None:
    """Write several files all or nothing, after checking every target first.

    The files are renamed into place in the order given: put the main file
    last (a deck after its pictures). A device or FIFO can only be the one
    target of a write: a deck with pictures beside it needs a folder. A file's
    data may come in pieces (an iterable of bytes), written as they come: a
    large page is never held whole; whatever making a piece raises leaves nothing written.
    """
    sources = list(inputs)
    targets = [Path(target) for target in files]
    for target in targets:
        check_target(target, sources, force=force)
    streams = [target for target in targets if is_stream(target)]
    if streams and len(targets) > 1:
        raise OutputError(
            f"cannot write {streams[0]}: it is a device or FIFO, and this output is several files "
            "(the pictures go in a folder beside it); name a file in a folder"
        )
    if streams:
        data = next(iter(files.values()))
        _write_into(streams[0], data if isinstance(data, bytes) else b"".join(data))
        return
    made_folders: list[Path] = []
    temporaries: list[tuple[Path, Path]] = []
    try:
        for target, data in zip(targets, files.values(), strict=True):
            made_folders += _make_parents(target)
            temporaries.append((_write_temporary(target, data), target))
        for temporary, target in temporaries:
            os.replace(temporary, target)
        for folder in dict.fromkeys(_folder_of(target) for target in targets):
            _sync_folder(folder)
    except BaseException as error:
        for temporary, _ in temporaries:
            temporary.unlink(missing_ok=True)
        for folder in reversed(made_folders):
            with contextlib.suppress(OSError):
                folder.rmdir()
        if not isinstance(error, OSError):
            raise  # making a piece of the data failed: its own error, nothing written
        where = getattr(error, "filename", None) or (temporaries[-1][1] if temporaries else targets[0])
        raise OutputError(f"cannot write {where}: {error.strerror or error}; nothing was written") from error


def is_read_only(target: Path, mode: int) -> bool:
    """Whether an existing file is read-only: its owner may not write it, or we may not (root may write anything)."""
    return not mode & stat.S_IWUSR or not os.access(target, os.W_OK)


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


def _folder_of(target: Path) -> Path:
    return target.parent if str(target.parent) else Path(".")


def _write_temporary(target: Path, data: bytes | Iterable[bytes]) -> Path:
    """``data`` (or its pieces) in a new file beside ``target``, on the disk: mode ``0666`` less the umask or ``target``'s."""
    try:
        kept = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        kept = None
    descriptor, temporary = _new_temporary(target)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            for piece in (data,) if isinstance(data, bytes) else data:
                stream.write(piece)
            stream.flush()
            os.fsync(stream.fileno())
        if kept is not None:
            os.chmod(temporary, kept)
    except BaseException as error:
        temporary.unlink(missing_ok=True)
        if isinstance(error, OSError) and getattr(error, "filename", None) is None:
            error.filename = str(target)
        raise
    return temporary


def _new_temporary(target: Path) -> tuple[int, Path]:
    """A new empty file beside ``target``, opened for writing; the system gives it ``0666`` less the umask."""
    import secrets

    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    while True:
        temporary = _folder_of(target) / f".{target.name}.{secrets.token_hex(4)}.tmp"
        try:
            return os.open(temporary, flags, 0o666), temporary
        except FileExistsError:
            continue


def _sync_folder(folder: Path) -> None:
    """Flush a folder's entries (the renames) to the disk, where the system can."""
    try:
        descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass  # some file systems cannot sync a folder; the rename is made all the same
    finally:
        os.close(descriptor)


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


def check_target(target: Path, inputs: Iterable[str | Path] = (), *, force: bool = False) -> None:
    """Raise ``OutputError`` if ``target`` is one of ``inputs``, a folder, a block device or socket, or lies under a file;
    or if it is a read-only file and not ``force``."""
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
    if stat.S_ISREG(mode) and not force and is_read_only(target, mode):
        raise OutputError(
            f"refusing to replace {target}: it is read-only; pass --force to replace it (force=True in the Python API)"
        )
    for ancestor in target.parents:
        if ancestor.exists() or ancestor.is_symlink():
            if not ancestor.is_dir():
                raise OutputError(f"cannot write {target}: {ancestor} is a file, not a folder")
            break
