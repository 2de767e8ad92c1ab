"""A cache of Graphviz layouts, keyed by the hash of what Graphviz is given: ``LayoutCache``.

Laying a picture out is the slow part of a deck; a presenter who edits one
statement should not wait for every other picture again. Each Graphviz output
is kept in a folder (by default the user's cache folder,
``platformdirs.user_cache_dir``) under the SHA-256 of the engine, the output
format, the flags, the DOT text and the ``dot`` executable found (its path,
size and modification time, so a Graphviz upgrade is never served an old
layout).

A ``LayoutCache`` is an object its user holds and passes on (a deck's build
keeps one for all its pictures); nothing of it is kept by the module. Its
folder is given, or ``LayoutCache.from_environment()`` reads it from
``USFK_ARGMAP_CACHE`` (a folder, or ``off``, ``0``, ``no`` or an empty value:
no folder). A cache that cannot be read or written is ignored: it only ever
saves time.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

#: The environment variable that relocates or disables the layout cache.
CACHE_ENV = "USFK_ARGMAP_CACHE"
_OFF = frozenset({"", "0", "off", "no", "false", "none"})
#: Bump when what we store changes meaning.
_FORMAT = b"usfk-argmap layout cache 1\n"
#: Entries larger than this are not read: the cap bounds what a damaged or planted entry costs.
MAX_ENTRY_BYTES = 64 * 1024 * 1024
#: How many of its latest outputs a cache keeps in memory.
_RECENT_LIMIT = 128


def environment_cache_folder() -> Path | None:
    """The folder ``USFK_ARGMAP_CACHE`` names, the user's cache folder when it is unset, None when it is off."""
    value = os.environ.get(CACHE_ENV)
    if value is not None:
        return None if value.strip().lower() in _OFF else Path(value).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("usfk-argmap", appauthor=False)) / "layouts"


@lru_cache(maxsize=16)
def _executable_stamp(engine: str) -> bytes:
    found = shutil.which(engine)
    if found is None:
        return b"missing"
    stat = os.stat(found)
    return f"{found}:{stat.st_size}:{stat.st_mtime_ns}".encode()


def read_entry(path: Path) -> bytes | None:
    """A cache entry's bytes, read as any untrusted file (a regular file, no link, at most ``MAX_ENTRY_BYTES``); else None."""
    from usfk_argmap.core.errors import UnreadableFileError
    from usfk_argmap.core.files import read_untrusted

    try:
        return read_untrusted(path, MAX_ENTRY_BYTES, "the layout cache entry", follow_links=False)
    except UnreadableFileError:
        return None


def cache_key(source: str | bytes, output_format: str, engine: str, flags: Sequence[str] = ()) -> str:
    """The hash a Graphviz run is cached under."""
    digest = hashlib.sha256(_FORMAT)
    digest.update(_executable_stamp(engine))
    digest.update(f"\n{engine}\n{output_format}\n{' '.join(flags)}\n".encode())
    digest.update(source.encode("utf-8") if isinstance(source, str) else source)
    return digest.hexdigest()


class LayoutCache:
    """Graphviz outputs kept in ``folder`` (None: in no folder) and, the latest, in memory.

    The memory is this object's own: a deck planned twice lays a picture out
    once, folder or not, and two caches never see each other's runs.
    """

    def __init__(self, folder: str | Path | None) -> None:
        self.folder = None if folder is None else Path(folder)
        self._recent: dict[str, bytes] = {}

    @classmethod
    def from_environment(cls) -> LayoutCache:
        """A cache in the folder ``USFK_ARGMAP_CACHE`` says (see ``environment_cache_folder``)."""
        return cls(environment_cache_folder())

    def get(self, key: str) -> bytes | None:
        """The output stored under ``key`` in the folder, if any."""
        if self.folder is None:
            return None
        return read_entry(self.folder / key[:2] / key)

    def put(self, key: str, data: bytes) -> None:
        """Keep ``data`` under ``key`` in the folder (atomically: a reader never sees half a file)."""
        if self.folder is None:
            return
        target = self.folder / key[:2] / key
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, target)
        except OSError:
            return

    def _known(self, key: str) -> bytes | None:
        """The output under ``key``: from this cache's latest runs, else from its folder."""
        return self._recent.get(key) or self.get(key)

    def _remember(self, key: str, data: bytes) -> None:
        if len(self._recent) >= _RECENT_LIMIT:
            self._recent.pop(next(iter(self._recent)))
        self._recent[key] = data

    def run_many(
        self,
        sources: Sequence[str | bytes],
        output_format: str,
        engine: str = "dot",
        flags: Sequence[str] = (),
        jobs: int | None = None,
    ) -> list[bytes]:
        """``run`` for several graphs: those not cached are laid out in one Graphviz run per core."""
        from concurrent.futures import ThreadPoolExecutor

        from usfk_argmap.drawing.graphviz import run_graphviz_many

        keys = [cache_key(source, output_format, engine, flags) for source in sources]
        found: list[bytes | None] = [self._known(key) for key in keys]
        missing = [index for index, data in enumerate(found) if data is None]
        if missing:
            workers = max(1, min(jobs or os.cpu_count() or 1, len(missing)))
            # Largest first, dealt out in turn: the runs take about as long as each other.
            order = sorted(missing, key=lambda index: -len(sources[index]))
            batches = [order[start::workers] for start in range(workers)]
            with ThreadPoolExecutor(max_workers=len(batches)) as pool:
                outputs = list(
                    pool.map(lambda batch: run_graphviz_many([sources[i] for i in batch], output_format, engine, flags), batches)
                )
            for batch, output in zip(batches, outputs, strict=True):
                for index, data in zip(batch, output, strict=True):
                    found[index] = data
                    self.put(keys[index], data)
        result = [data for data in found if data is not None]
        for key, data in zip(keys, result, strict=True):
            self._remember(key, data)
        return result

    def run(self, source: str | bytes, output_format: str, engine: str = "dot", flags: Sequence[str] = ()) -> bytes:
        """``run_graphviz``, through the cache."""
        from usfk_argmap.drawing.graphviz import run_graphviz

        key = cache_key(source, output_format, engine, flags)
        found = self._known(key)
        if found is None:
            found = run_graphviz(source, output_format, engine, flags)
            self.put(key, found)
        self._remember(key, found)
        return found
