"""Where a map is read from: its file, and the folders besides its own that its ``source:`` may lie in.

A command builds one ``LoadContext`` from its options and hands it to every
step that reads the map (load, check, the closing re-check of ``slides``), so
no step can read the map with other source roots than another.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from usfk_argmap.mapfile.loader import LoadResult, load_map
from usfk_argmap.mapfile.sourcefile import allowed_folders, is_inside


@dataclass(frozen=True)
class LoadContext:
    """A map file and the folders (``--source-root``) its ``source:`` may lie in besides the map's own."""

    path: Path
    source_roots: tuple[Path, ...] = ()

    @classmethod
    def of(cls, path: str | Path, source_roots: Sequence[str | Path] = ()) -> LoadContext:
        """The context of ``path``, from paths as a caller gives them."""
        return cls(Path(path), tuple(Path(root) for root in source_roots))

    def load(self) -> LoadResult:
        """Load the map (see ``mapfile.loader.load_map``)."""
        return load_map(self.path, source_roots=self.source_roots)


def source_root_needed(map_path: str | Path, source: str | Path, source_roots: Sequence[str | Path] = ()) -> Path | None:
    """The folder a map at ``map_path`` must be given as ``--source-root`` to read ``source`` (the source's own
    folder), or None when the map's folder tree or one of ``source_roots`` already holds it.

    ``source`` is a path as the user gives it (relative to the current folder, or absolute), not
    the map's ``source:``; the answer is written the same way, ready to paste into a command.
    """
    folders = allowed_folders(Path(map_path).absolute().parent, source_roots)
    if is_inside(Path(os.path.realpath(source)), folders):
        return None
    return Path(os.path.normpath(source)).parent
