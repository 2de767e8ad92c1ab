"""A cache of Graphviz layouts, keyed by the hash of what Graphviz is given.

Laying a picture out is the slow part of a deck; a presenter who edits one
statement should not wait for every other picture again. Each Graphviz output
is kept in the user's cache folder (``platformdirs.user_cache_dir``) under the
SHA-256 of the engine, the output format, the flags, the DOT text and the
``dot`` executable found (its path, size and modification time, so a Graphviz
upgrade is never served an old layout).

``USFK_ARGMAP_CACHE`` relocates the cache (a folder) or turns it off (``off``,
``0``, ``no`` or an empty value); ``layout_cache(...)`` does the same for one
block of code. A cache that cannot be read or written is ignored: it only ever
saves time.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

#: The environment variable that relocates or disables the layout cache.
CACHE_ENV = "USFK_ARGMAP_CACHE"
_OFF = frozenset({"", "0", "off", "no", "false", "none"})
#: Bump when what we store changes meaning.
_FORMAT = b"usfk-argmap layout cache 1\n"

_override: list[Path | None] = []


def cache_folder() -> Path | None:
    """Where layouts are cached now, or None when caching is off."""
    if _override:
        return _override[-1]
    value = os.environ.get(CACHE_ENV)
    if value is not None:
        return None if value.strip().lower() in _OFF else Path(value).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("usfk-argmap", appauthor=False)) / "layouts"


@contextmanager
def layout_cache(folder: str | Path | None) -> Iterator[None]:
    """Use ``folder`` as the layout cache (None: no cache) inside the ``with`` block."""
    _override.append(None if folder is None else Path(folder))
    try:
        yield
    finally:
        _override.pop()


@lru_cache(maxsize=16)
def _executable_stamp(engine: str) -> bytes:
    found = shutil.which(engine)
    if found is None:
        return b"missing"
    stat = os.stat(found)
    return f"{found}:{stat.st_size}:{stat.st_mtime_ns}".encode()


def cache_key(source: str | bytes, output_format: str, engine: str, flags: Sequence[str] = ()) -> str:
    """The hash a Graphviz run is cached under."""
    digest = hashlib.sha256(_FORMAT)
    digest.update(_executable_stamp(engine))
    digest.update(f"\n{engine}\n{output_format}\n{' '.join(flags)}\n".encode())
    digest.update(source.encode("utf-8") if isinstance(source, str) else source)
    return digest.hexdigest()


def cached(key: str) -> bytes | None:
    """The output stored under ``key``, if any."""
    folder = cache_folder()
    if folder is None:
        return None
    try:
        return (folder / key[:2] / key).read_bytes()
    except OSError:
        return None


def store(key: str, data: bytes) -> None:
    """Keep ``data`` under ``key`` (atomically: a reader never sees half a file)."""
    folder = cache_folder()
    if folder is None:
        return
    target = folder / key[:2] / key
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, target)
    except OSError:
        return


#: Outputs of this process's latest runs (a deck planned twice lays a picture out once, cache or not).
_recent: dict[str, bytes] = {}
_RECENT_LIMIT = 128


def _known(key: str) -> bytes | None:
    """The output under ``key``: from this process's latest runs, else from the cache folder."""
    return _recent.get(key) or cached(key)


def _remember(key: str, data: bytes) -> None:
    if len(_recent) >= _RECENT_LIMIT:
        _recent.pop(next(iter(_recent)))
    _recent[key] = data


def run_cached_many(
    sources: Sequence[str | bytes], output_format: str, engine: str = "dot", flags: Sequence[str] = (), jobs: int | None = None
) -> list[bytes]:
    """``run_cached`` for several graphs: those not cached are laid out in one Graphviz run per core."""
    from concurrent.futures import ThreadPoolExecutor

    from usfk_argmap.drawing.graphviz import run_graphviz_many

    keys = [cache_key(source, output_format, engine, flags) for source in sources]
    found: list[bytes | None] = [_known(key) for key in keys]
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
                store(keys[index], data)
    result = [data for data in found if data is not None]
    for key, data in zip(keys, result, strict=True):
        _remember(key, data)
    return result


def run_cached(source: str | bytes, output_format: str, engine: str = "dot", flags: Sequence[str] = ()) -> bytes:
    """``run_graphviz``, through the cache."""
    from usfk_argmap.drawing.graphviz import run_graphviz

    key = cache_key(source, output_format, engine, flags)
    found = _known(key)
    if found is None:
        found = run_graphviz(source, output_format, engine, flags)
        store(key, found)
    _remember(key, found)
    return found
