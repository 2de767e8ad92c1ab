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

The folder is untrusted like any input: an entry is used only when it carries
the keyed hash (HMAC-SHA-256) of its key and bytes under the folder's own
secret, ``.key`` (made 0600, used only when it is ours and no one else can
read it), and when it looks like its kind (an SVG parses, a layout ends as
DOT does). An entry cut short, emptied, or written by anyone without the
secret is dropped and laid out again, with a note; so a file put in the
folder never reaches a deck. The folder is made 0700 (an existing one is
tightened), and kept under ``USFK_ARGMAP_CACHE_SIZE`` megabytes (200 by
default): a write past it removes the entries used longest ago.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
import shutil
import stat
import tempfile
import warnings
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from usfk_argmap.core.errors import ArgmapWarning, UnreadableFileError
from usfk_argmap.core.files import read_untrusted

#: The environment variable that relocates or disables the layout cache.
CACHE_ENV = "USFK_ARGMAP_CACHE"
_OFF = frozenset({"", "0", "off", "no", "false", "none"})
#: Bump when what we store changes meaning.
_FORMAT = b"usfk-argmap layout cache 2\n"
#: How many of its latest outputs a cache keeps in memory.
_RECENT_LIMIT = 128
#: The environment variable that bounds the folder, in megabytes.
CACHE_SIZE_ENV = "USFK_ARGMAP_CACHE_SIZE"
DEFAULT_CACHE_MEGABYTES = 200
#: The first line of every entry: this marker, then the entry's HMAC in hex.
_ENTRY = b"usfk-argmap cache entry 2 "
_MAC_LENGTH = 64
#: The folder's secret (its HMAC key), 32 random bytes.
_KEY_FILE = ".key"
_KEY_LENGTH = 32
#: After a write past the bound, entries go until the folder is this fraction of it (not one at each write).
_EVICT_TO = 0.8


class CacheWarning(ArgmapWarning):
    """The layout cache dropped a damaged or foreign entry, or cannot use its folder (the command goes on)."""


def cache_size_limit() -> int:
    """The folder's bound in bytes: ``USFK_ARGMAP_CACHE_SIZE`` megabytes (a positive number), else 200 MB."""
    try:
        megabytes = float(os.environ.get(CACHE_SIZE_ENV, ""))
    except ValueError:
        megabytes = DEFAULT_CACHE_MEGABYTES
    if not megabytes > 0:  # also NaN
        megabytes = DEFAULT_CACHE_MEGABYTES
    return int(min(megabytes, 1e9) * 1_000_000)


def looks_like(kind: str | None, data: bytes) -> bool:
    """Whether ``data`` can be a Graphviz output of format ``kind`` (None: any bytes).

    Not a full validation: the HMAC says the entry is ours; this catches what a
    damaged write of ours could leave (a cut-short SVG does not parse).
    """
    if kind is None:
        return True
    if not data:
        return False
    if kind == "svg":
        return _is_svg(data)
    if kind in ("dot", "gv", "xdot"):
        return data.rstrip().endswith(b"}")
    if kind in ("json", "json0", "dot_json", "xdot_json"):
        import json

        try:
            json.loads(data)
        except ValueError:
            return False
        return True
    if kind == "png":
        return data.startswith(b"\x89PNG\r\n\x1a\n") and b"IEND" in data[-12:]
    if kind == "pdf":
        return data.startswith(b"%PDF") and b"%%EOF" in data[-32:]
    return True


def _is_svg(data: bytes) -> bool:
    """Whether ``data`` parses (with no entities, DTDs or network) as XML whose root is an SVG element."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return False
    return isinstance(root.tag, str) and root.tag in ("svg", "{http://www.w3.org/2000/svg}svg")


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


#: What tells fontconfig which fonts there are: a layout measured with other fonts is another layout.
_FONTCONFIG_VARIABLES = ("FONTCONFIG_FILE", "FONTCONFIG_PATH", "FONTCONFIG_SYSROOT")


@lru_cache(maxsize=1)
def _fonts_stamp() -> bytes:
    """The fonts Graphviz measures text with, as far as a few stats can tell.

    The DOT names a font but Graphviz measures the one fontconfig gives it: the same DOT under
    another fontconfig set-up (a test's ``FONTCONFIG_FILE``, fonts installed since: ``fc-cache``
    rewrites its folder) is laid out anew rather than read back with the other fonts' widths.
    """
    parts = [f"{name}={os.environ.get(name, '')}" for name in _FONTCONFIG_VARIABLES]
    user_cache = Path(os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "fontconfig")
    for folder in (Path("/var/cache/fontconfig"), user_cache):
        try:
            parts.append(f"{folder}:{folder.stat().st_mtime_ns}")
        except OSError:
            parts.append(f"{folder}:-")
    return "\n".join(parts).encode("utf-8", "surrogateescape")


def cache_key(source: str | bytes, output_format: str, engine: str, flags: Sequence[str] = ()) -> str:
    """The hash a Graphviz run is cached under."""
    digest = hashlib.sha256(_FORMAT)
    digest.update(_executable_stamp(engine))
    digest.update(_fonts_stamp())
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
        self._secret: bytes | None = None
        #: The folder's size in bytes as last counted, and what this cache has written since.
        self._usage: int | None = None

    @classmethod
    def from_environment(cls) -> LayoutCache:
        """A cache in the folder ``USFK_ARGMAP_CACHE`` says (see ``environment_cache_folder``)."""
        return cls(environment_cache_folder())

    def get(self, key: str, kind: str | None = None) -> bytes | None:
        """The output stored under ``key`` in the folder, if any, and if it is ours and whole.

        ``kind`` is the Graphviz output format the entry must look like (``looks_like``).
        An entry that is not (cut short, empty, written without the folder's secret) is
        removed with a note, and None returned: the caller makes the output again.
        """
        secret = self._folder_secret()
        if secret is None or self.folder is None:
            return None
        path = self.folder / key[:2] / key
        limit = cache_size_limit()
        try:
            raw = read_untrusted(path, limit, "the layout cache entry", follow_links=False)
        except UnreadableFileError as error:
            if error.kind == "type":
                self._drop(path, "it is not a regular file")
            elif error.kind == "size":
                self._drop(path, "it is larger than the whole cache may be")
            return None  # missing, unreadable, or swapped while opened: laid out again
        data = _opened(raw, key, secret)
        if data is None or not looks_like(kind, data):
            if data is None:
                self._drop(path, "its hash does not match (cut short, changed, or not written by usfk-argmap)")
            else:
                self._drop(path, f"it is not a whole {kind} output")
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # used now: the last to be evicted
        return data

    def put(self, key: str, data: bytes) -> None:
        """Keep ``data`` under ``key`` in the folder (atomically: a reader never sees half a file).

        The entry is signed with the folder's secret; a write that takes the folder past its
        bound (``cache_size_limit``) evicts the entries used longest ago.
        """
        secret = self._folder_secret()
        if secret is None or self.folder is None:
            return
        target = self.folder / key[:2] / key
        entry = _ENTRY + _mac(secret, key, data).encode("ascii") + b"\n" + data
        try:
            target.parent.mkdir(mode=0o700, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            with os.fdopen(handle, "wb") as stream:
                stream.write(entry)
            os.replace(temporary, target)
        except OSError:
            return
        self._count(len(entry))

    def _drop(self, path: Path, reason: str) -> None:
        """Remove a bad entry, with a note saying why."""
        # The path is left out: the note is printed once for each reason, however many entries are dropped.
        warnings.warn(f"a layout cache entry was dropped and made again: {reason}", CacheWarning, stacklevel=3)
        with contextlib.suppress(OSError):
            path.unlink()
        return None

    def _folder_secret(self) -> bytes | None:
        """The folder's HMAC key, made with the folder (0700) the first time; None when there is no usable folder.

        A folder or key file that belongs to someone else, or that others can change
        and we cannot tighten, turns the folder off for this cache, with a note.
        """
        if self._secret is not None or self.folder is None:
            return self._secret
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            problem = _tightened(self.folder)
            if problem is None:
                self._secret, problem = _secret(self.folder / _KEY_FILE)
        except OSError as error:
            problem = f"it cannot be used ({error.strerror or error})"
        if problem is not None:
            warnings.warn(f"layout cache folder {self.folder} not used: {problem}", CacheWarning, stacklevel=3)
            self.folder = None
        return self._secret

    def _count(self, written: int) -> None:
        """Add a write to the folder's size; past the bound, evict the entries used longest ago."""
        limit = cache_size_limit()
        if self._usage is None:
            self._usage = sum(size for _, size, _ in self._entries())
        else:
            self._usage += written
        if self._usage > limit:
            self._usage = self._evict(int(limit * _EVICT_TO))

    def _entries(self) -> list[tuple[float, int, Path]]:
        """Every entry in the folder: when it was last used, its size, its path."""
        found: list[tuple[float, int, Path]] = []
        if self.folder is None:
            return found
        try:
            shards = [entry for entry in os.scandir(self.folder) if len(entry.name) == 2 and entry.is_dir(follow_symlinks=False)]
            for shard in shards:
                for entry in os.scandir(shard.path):
                    if entry.is_file(follow_symlinks=False):
                        status = entry.stat(follow_symlinks=False)
                        found.append((status.st_mtime, status.st_size, Path(entry.path)))
        except OSError:
            pass
        return found

    def _evict(self, target: int) -> int:
        """Remove the entries used longest ago until the folder holds at most ``target`` bytes; its size then."""
        entries = sorted(self._entries(), key=lambda entry: (entry[0], str(entry[2])))
        total = sum(size for _, size, _ in entries)
        for _, size, path in entries:
            if total <= target:
                break
            try:
                path.unlink()
            except OSError:
                continue
            total -= size
        return total

    def _known(self, key: str, kind: str) -> bytes | None:
        """The output under ``key``: from this cache's latest runs, else from its folder."""
        found = self._recent.get(key)
        return found if found is not None else self.get(key, kind)

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
        found: list[bytes | None] = [self._known(key, output_format) for key in keys]
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
        found = self._known(key, output_format)
        if found is None:
            found = run_graphviz(source, output_format, engine, flags)
            self.put(key, found)
        self._remember(key, found)
        return found


def _mac(secret: bytes, key: str, data: bytes) -> str:
    """The HMAC of an entry: its key and its bytes, under the folder's secret (an entry cannot be moved to another key)."""
    digest = hmac.new(secret, key.encode("ascii", "replace") + b"\n", hashlib.sha256)
    digest.update(data)
    return digest.hexdigest()


def _opened(raw: bytes, key: str, secret: bytes) -> bytes | None:
    """The bytes of an entry whose first line carries their HMAC, else None."""
    start = len(_ENTRY) + _MAC_LENGTH + 1
    if len(raw) < start or not raw.startswith(_ENTRY) or raw[start - 1 : start] != b"\n":
        return None
    data = raw[start:]
    claimed = raw[len(_ENTRY) : start - 1]
    return data if hmac.compare_digest(claimed, _mac(secret, key, data).encode("ascii")) else None


def _owned_by_us(status: os.stat_result) -> bool:
    getuid = getattr(os, "getuid", None)
    return getuid is None or status.st_uid == getuid()


def _tightened(folder: Path) -> str | None:
    """Make ``folder`` (and its entry folders) 0700; a reason it cannot be used, or None."""
    status = os.stat(folder)
    if not stat.S_ISDIR(status.st_mode):
        return "it is not a folder"
    if not _owned_by_us(status):
        return "it belongs to another user"
    if stat.S_IMODE(status.st_mode) & 0o077 and os.name == "posix":
        os.chmod(folder, 0o700)
        for entry in os.scandir(folder):
            if len(entry.name) == 2 and entry.is_dir(follow_symlinks=False):
                os.chmod(entry.path, 0o700)
    return None


def _secret(path: Path) -> tuple[bytes | None, str | None]:
    """The folder's HMAC key in ``path``, made (0600) when missing or damaged; (key, None) or (None, why not)."""
    for _ in range(2):
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except FileNotFoundError:
            _new_secret(path)
            continue
        with os.fdopen(fd, "rb") as stream:
            status = os.fstat(stream.fileno())
            if not stat.S_ISREG(status.st_mode) or not _owned_by_us(status):
                return None, f"its {_KEY_FILE} is not a file of this user's"
            if stat.S_IMODE(status.st_mode) & 0o077 and os.name == "posix":
                return None, f"others can read its {_KEY_FILE}"
            secret = stream.read(_KEY_LENGTH + 1)
        if len(secret) == _KEY_LENGTH:
            return secret, None
        path.unlink()  # damaged: a new secret (the entries signed with the old one are made again)
        _new_secret(path)
    return None, f"its {_KEY_FILE} cannot be made"


def _new_secret(path: Path) -> None:
    """Write a new random key to ``path`` (0600), unless another process has just made one.

    Written beside it and linked into place: another process never reads half a key.
    """
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-key-")  # 0600
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(secrets.token_bytes(_KEY_LENGTH))
        with contextlib.suppress(FileExistsError):
            os.link(temporary, path)
    finally:
        os.unlink(temporary)
