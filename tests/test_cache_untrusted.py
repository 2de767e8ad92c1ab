"""The layout cache's folder is untrusted: damaged, foreign or oversized entries never reach an output."""

from __future__ import annotations

import hashlib
import os
import stat
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_browser_deck import SMALL_CHINESE
from usfk_argmap.cli.app import main
from usfk_argmap.drawing.cache import CACHE_SIZE_ENV, CacheWarning, LayoutCache, cache_key

SOURCE = "digraph { a -> b }"
INJECTED = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert("cache")</script></svg>\n'


def _entries(folder: Path) -> list[Path]:
    return sorted(path for path in folder.glob("??/*") if not path.name.startswith("."))


def _damage(folder: Path, how: str) -> int:
    """Damage every entry in ``folder`` as ``how`` says; how many there were."""
    entries = _entries(folder)
    for path in entries:
        data = path.read_bytes()
        if how == "truncated":
            path.write_bytes(data[: len(data) // 2])
        elif how == "empty":
            path.write_bytes(b"")
        elif how == "script":
            path.write_bytes(INJECTED)
        elif how == "script with a content hash":  # an attacker can compute a plain hash, not our keyed one
            digest = hashlib.sha256(INJECTED).hexdigest().encode("ascii")
            path.write_bytes(b"usfk-argmap cache entry 2 " + digest + b"\n" + INJECTED)
    return len(entries)


@pytest.mark.graphviz
@pytest.mark.parametrize("how", ["truncated", "empty", "script", "script with a content hash"])
def test_a_damaged_or_foreign_entry_is_laid_out_again_with_a_note(tmp_path: Path, how: str) -> None:
    folder = tmp_path / "cache"
    first = LayoutCache(folder).run(SOURCE, "svg")
    assert _damage(folder, how) == 1
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        again = LayoutCache(folder).run(SOURCE, "svg")
    assert again == first and b"<script" not in again
    assert any(issubclass(w.category, CacheWarning) and "dropped and made again" in str(w.message) for w in caught)
    # The bad entry was replaced by a good one: the next run uses it without a note.
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert LayoutCache(folder).run(SOURCE, "svg") == first
    assert not caught


@pytest.mark.graphviz
@pytest.mark.parametrize("how", ["truncated", "empty", "script", "script with a content hash"])
def test_whoever_writes_the_cache_folder_cannot_change_a_slides_deck(tmp_path: Path, how: str) -> None:
    folder = tmp_path / "cache"
    map_path = tmp_path / "small.yaml"
    map_path.write_text(SMALL_CHINESE, encoding="utf-8")
    runner = CliRunner()
    environment = {"USFK_ARGMAP_CACHE": str(folder)}
    first = runner.invoke(main, ["slides", str(map_path), "-o", str(tmp_path / "one.html")], env=environment)
    assert first.exit_code == 0, first.output
    assert _damage(folder, how) > 0
    second = runner.invoke(main, ["slides", str(map_path), "-o", str(tmp_path / "two.html")], env=environment)
    assert second.exit_code == 0, second.output
    assert second.output.count("note: a layout cache entry was dropped and made again") == 1
    deck = (tmp_path / "two.html").read_bytes()
    assert b'alert("cache")' not in deck
    assert deck == (tmp_path / "one.html").read_bytes()


def test_the_cache_folder_is_private_and_an_open_one_is_tightened(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh" / "layouts"
    LayoutCache(fresh).put(cache_key(SOURCE, "dot", "dot"), b"digraph {}\n")
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(shard.stat().st_mode) == 0o700 for shard in fresh.iterdir() if shard.is_dir())
    assert stat.S_IMODE((fresh / ".key").stat().st_mode) == 0o600
    opened = tmp_path / "opened"
    (opened / "ab").mkdir(parents=True)
    os.chmod(opened, 0o777)
    os.chmod(opened / "ab", 0o777)
    LayoutCache(opened).get("ab" + "0" * 62)
    assert stat.S_IMODE(opened.stat().st_mode) == 0o700 and stat.S_IMODE((opened / "ab").stat().st_mode) == 0o700


def test_a_key_others_can_read_turns_the_folder_off_with_a_note(tmp_path: Path) -> None:
    cache = LayoutCache(tmp_path)
    key = cache_key(SOURCE, "dot", "dot")
    cache.put(key, b"digraph {}\n")
    os.chmod(tmp_path / ".key", 0o644)
    with pytest.warns(CacheWarning, match="others can read its .key"):
        assert LayoutCache(tmp_path).get(key) is None


def test_the_folder_is_kept_under_its_bound_by_evicting_the_least_recently_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CACHE_SIZE_ENV, "0.05")  # 50 kB
    cache = LayoutCache(tmp_path)
    keys = [cache_key(f"digraph {{ n{index} }}", "dot", "dot") for index in range(30)]
    payload = b"x" * 4_000 + b"}\n"
    for number, key in enumerate(keys):
        cache.put(key, payload)
        if number == 0:
            first = tmp_path / key[:2] / key
        # Make the order of use unambiguous whatever the file system's time resolution; the first one stays in use.
        os.utime(tmp_path / key[:2] / key, (1_000_000 + number, 1_000_000 + number))
        os.utime(first, (2_000_000 + number, 2_000_000 + number))
    kept = _entries(tmp_path)
    assert sum(path.stat().st_size for path in kept) <= 50_000
    assert 5 <= len(kept) < 30
    assert first in kept  # used recently
    assert tmp_path / keys[1][:2] / keys[1] not in kept  # used longest ago
    assert LayoutCache(tmp_path).get(keys[0], "dot") == payload


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.binary(max_size=400),
    prefix=st.sampled_from([b"", b"usfk-argmap cache entry 2 ", b"usfk-argmap cache entry 2 " + b"0" * 64 + b"\n"]),
)
def test_no_bytes_in_an_entry_make_a_traceback_or_an_output(tmp_path: Path, data: bytes, prefix: bytes) -> None:
    cache = LayoutCache(tmp_path)
    key = cache_key(SOURCE, "svg", "dot")
    cache.put(key, b"<svg/>")  # the folder and its secret exist
    (tmp_path / key[:2] / key).write_bytes(prefix + data)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for kind in (None, "svg", "dot", "json", "png"):
            assert LayoutCache(tmp_path).get(key, kind) is None
            (tmp_path / key[:2] / key).write_bytes(prefix + data)


def test_an_empty_output_is_an_entry_of_no_kind_only(tmp_path: Path) -> None:
    cache = LayoutCache(tmp_path)
    cache.put("cd" * 32, b"")  # the recurring terms of a map with none
    assert LayoutCache(tmp_path).get("cd" * 32) == b""
    with pytest.warns(CacheWarning, match="not a whole svg output"):
        assert LayoutCache(tmp_path).get("cd" * 32, "svg") is None


@pytest.mark.parametrize("variable", ["FONTCONFIG_FILE", "FONTCONFIG_PATH", "FONTCONFIG_SYSROOT"])
def test_a_layout_measured_under_another_fontconfig_is_not_read_back(variable: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # The same DOT laid out with other fonts has other widths: a test that ran `slides` with only DejaVu
    # installed left its layouts for the next run with Liberation Sans to read (a golden deck differed).
    from usfk_argmap.drawing import cache

    monkeypatch.delenv(variable, raising=False)
    cache._fonts_stamp.cache_clear()
    usual = cache_key(SOURCE, "svg", "dot")
    monkeypatch.setenv(variable, "/tmp/dejavu-only/fonts.conf")
    cache._fonts_stamp.cache_clear()
    other = cache_key(SOURCE, "svg", "dot")
    monkeypatch.delenv(variable)
    cache._fonts_stamp.cache_clear()
    assert other != usual and cache_key(SOURCE, "svg", "dot") == usual


def test_fonts_installed_since_give_another_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from usfk_argmap.drawing import cache

    fontconfig_cache = tmp_path / "fontconfig"
    fontconfig_cache.mkdir()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    cache._fonts_stamp.cache_clear()
    before = cache_key(SOURCE, "svg", "dot")
    os.utime(fontconfig_cache, ns=(0, fontconfig_cache.stat().st_mtime_ns + 1_000_000_000))  # what fc-cache does
    cache._fonts_stamp.cache_clear()
    after = cache_key(SOURCE, "svg", "dot")
    monkeypatch.undo()
    cache._fonts_stamp.cache_clear()
    assert after != before
