"""Writing output files atomically, never over an input."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from usfk_argmap.errors import OutputError


def write_atomic(path: str | Path, data: bytes, *, inputs: Iterable[str | Path] = ()) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    A reader never sees a half-written file, and a failure leaves any earlier
    file in place. Refuses to write over one of ``inputs``.
    """
    target = Path(path)
    check_target(target, inputs)
    parent = target.parent if str(target.parent) else Path(".")
    try:
        parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent)
    except OSError as error:
        raise OutputError(f"cannot write {target}: {error.strerror or error}") from error
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise OutputError(f"cannot write {target}: {error.strerror or error}") from error


def write_files_atomic(files: Mapping[Path, bytes], *, inputs: Iterable[str | Path] = ()) -> None:
    """Write several files, each atomically, in the order given, after checking every target first.

    Put the main file last (a deck after its pictures): if a picture cannot be
    written, no new main file refers to it.
    """
    sources = list(inputs)
    for target in files:
        check_target(Path(target), sources)
    for target, data in files.items():
        write_atomic(target, data, inputs=sources)


def check_target(target: Path, inputs: Iterable[str | Path] = ()) -> None:
    """Raise ``OutputError`` if ``target`` is one of ``inputs``, a folder, or lies under a file."""
    for source in inputs:
        try:
            same = target.exists() and target.resolve() == Path(source).resolve()
        except OSError:
            continue
        if same:
            raise OutputError(f"refusing to write {target}: it is an input file")
    if target.is_dir():
        raise OutputError(f"cannot write {target}: it is a folder; name a file")
    for ancestor in target.parents:
        if ancestor.exists() or ancestor.is_symlink():
            if not ancestor.is_dir():
                raise OutputError(f"cannot write {target}: {ancestor} is a file, not a folder")
            break
