"""What our outputs name comes from what scripts/setup.sh installs.

Every font family we name by default (for every language) must be installed as
itself, not as fontconfig's substitute, and every executable we run must be on
PATH; the file of each must belong to a Debian package that
scripts/system-packages.txt lists, or that one of those depends on. A machine
with extra packages (the developers' had Liberation Sans from another package)
then cannot hide a gap in set-up. In CI each of these fails rather than skips.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers import REPO, require_tool
from usfk_argmap.drawing.fonts import LATIN_FONT, font_for_lang
from usfk_argmap.drawing.graphviz import ENGINES

PACKAGE_LIST = REPO / "scripts" / "system-packages.txt"
#: Languages whose default font differs (Latin, each CJK face) and the tags that choose them.
LANGS = ("en", "de", "fr", "ru", "zh-Hant", "zh-TW", "zh-HK", "zh-Hans", "zh-CN", "zh", "ja", "ko")
#: Executables the code, the tests and the real clients run, with the profile that must provide them.
EXECUTABLES = {
    **{engine: "demo" for engine in sorted(ENGINES)},
    "gvpr": "demo",
    "fc-match": "demo",
    "pdffonts": "test",
    "pdftotext": "test",
    "pdfinfo": "test",
    "chromium": "test",
    "soffice": "test",
    "xelatex": "test",
    "latexmk": "test",
    "node": "test",
    "npm": "test",
    "nvim": "test",
    "pandoc": "test",
}


def listed_packages(profile: str) -> set[str]:
    """The packages scripts/system-packages.txt lists for ``profile`` (test includes demo), conditional ones too."""
    packages = set()
    for line in PACKAGE_LIST.read_text(encoding="utf-8").splitlines():
        fields = line.split("#", 1)[0].split()
        if len(fields) >= 2 and (fields[0] == "demo" or profile == "test"):
            packages.add(fields[1])
    return packages


def _require_dpkg() -> None:
    require_tool("dpkg-query", "dpkg (a Debian or Ubuntu machine)")


@functools.cache
def installed_closure(profile: str) -> frozenset[str]:
    """The listed packages and everything installed that they depend on (Depends and Pre-Depends)."""
    listing = subprocess.run(
        ["dpkg-query", "-W", "-f", "${Package}\\t${db:Status-Abbrev}\\t${Depends}, ${Pre-Depends}\\t${Provides}\\n"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    depends: dict[str, list[list[str]]] = {}
    providers: dict[str, set[str]] = {}
    for row in listing.splitlines():
        name, status, relations, provides = [*row.split("\t"), "", "", ""][:4]
        if not status.startswith("ii"):
            continue
        depends[name] = [
            [_package_name(alternative) for alternative in group.split("|")] for group in relations.split(",") if group.strip()
        ]
        for virtual in provides.split(","):
            if virtual.strip():
                providers.setdefault(_package_name(virtual), set()).add(name)
    roots = listed_packages(profile)
    reached: set[str] = set()
    todo = [name for name in roots if name in depends]
    while todo:
        name = todo.pop()
        if name in reached:
            continue
        reached.add(name)
        for group in depends[name]:
            choice = _chosen_alternative(group, roots, depends, providers)
            if choice is not None and choice not in reached:
                todo.append(choice)
    return frozenset(reached)


def _chosen_alternative(
    group: list[str], roots: set[str], installed: dict[str, list[list[str]]], providers: dict[str, set[str]]
) -> str | None:
    """The package that satisfies ``a | b | c`` on a fresh machine: a listed one, else the first installed.

    apt takes the first alternative unless another is being installed anyway; counting
    every installed alternative would let a package that only this machine has (fonts-liberation2
    is an alternative of fontconfig-config's font) pass as brought in by setup.
    """
    candidates = [[name] if name in installed else sorted(providers.get(name, set())) for name in group]
    for names in candidates:
        for name in names:
            if name in roots:
                return name
    return next((name for names in candidates for name in names), None)


def _package_name(relation: str) -> str:
    """``libc6:any (>= 2.34)`` -> ``libc6``."""
    return re.split(r"[\s:(]", relation.strip(), maxsplit=1)[0]


def owning_package(path: Path) -> str | None:
    """The Debian package that installed ``path`` (tried as given, then with links resolved)."""
    owners = _owners(_paths_asked_about())
    for candidate in (str(path), str(path.resolve())):
        if candidate in owners:
            return owners[candidate]
    return None


@functools.cache
def _paths_asked_about() -> tuple[str, ...]:
    """Every file the tests below trace, so that one dpkg-query answers for all (each call scans dpkg's lists)."""
    paths = [found for found in map(shutil.which, EXECUTABLES) if found]
    for family in default_families() if shutil.which("fc-match") else ():
        completed = subprocess.run(["fc-match", "-f", "%{file}", family], capture_output=True, text=True, check=False)
        if completed.stdout:
            paths.append(completed.stdout)
    return tuple(dict.fromkeys(candidate for path in paths for candidate in (path, str(Path(path).resolve()))))


@functools.cache
def _owners(paths: tuple[str, ...]) -> dict[str, str]:
    listing = subprocess.run(["dpkg-query", "-S", *paths], capture_output=True, text=True, check=False).stdout
    owners: dict[str, str] = {}
    for line in listing.splitlines():
        # "graphviz: /usr/bin/dot", "libfoo:amd64: /usr/lib/...", "a, b: /usr/share/dir"; not "diversion by ...".
        if line.startswith("diversion") or ": " not in line:
            continue
        packages, path = line.split(": ", 1)
        owners.setdefault(path, _package_name(packages.split(",")[0]))
    return owners


def _fail_or_skip(message: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def default_families() -> dict[str, str]:
    """Every font family our outputs name by default -> where it is named."""
    families: dict[str, str] = {}
    for lang in LANGS:
        families.setdefault(font_for_lang(lang).family, f"font_for_lang({lang!r})")
    families.setdefault(LATIN_FONT.family, "drawing.fonts.LATIN_FONT")
    return families


def test_setup_reads_the_package_list_as_the_tests_do() -> None:
    require_tool("bash", "bash")
    for profile in ("demo", "test"):
        script = f"set -- {profile}; source scripts/setup.sh; PATH=/nonexistent; wanted_system_packages"
        completed = subprocess.run(["/bin/bash", "-c", script], capture_output=True, text=True, cwd=REPO, check=True)
        # With nothing on PATH every "if-missing" package is wanted: the shell's list is the whole list.
        assert set(completed.stdout.split()) == listed_packages(profile), completed.stderr


@pytest.mark.parametrize(("family", "where"), sorted(default_families().items()))
def test_each_default_font_is_installed_by_setup(family: str, where: str) -> None:
    require_tool("fc-match", "fontconfig")
    _require_dpkg()
    completed = subprocess.run(["fc-match", "-f", "%{file}\n%{family}", family], capture_output=True, text=True, check=True)
    file, _, names = completed.stdout.partition("\n")
    matched = [name.strip() for name in names.split(",")]
    if family not in matched:
        _fail_or_skip(
            f"{family!r} ({where}) is not installed: fontconfig substitutes {matched[0]!r} ({file}); run scripts/setup.sh demo"
        )
    package = owning_package(Path(file))
    assert package is not None, f"{file} ({family!r}) belongs to no Debian package"
    assert package in installed_closure("demo"), (
        f"{family!r} ({where}) comes from {package}, which scripts/system-packages.txt does not bring in (demo)"
    )


@pytest.mark.parametrize(("executable", "profile"), sorted(EXECUTABLES.items()))
def test_each_executable_is_installed_by_setup(executable: str, profile: str) -> None:
    _require_dpkg()
    found = shutil.which(executable)
    if found is None:
        _fail_or_skip(f"{executable} is not on PATH: run scripts/setup.sh {profile}")
    assert found is not None
    package = owning_package(Path(found))
    if package is None:
        _fail_or_skip(f"{found} belongs to no Debian package (installed by hand?); setup installs it with apt")
    assert package in installed_closure(profile), (
        f"{executable} ({found}) comes from {package}, which scripts/system-packages.txt does not bring in ({profile})"
    )


def test_the_npm_clients_are_installed_from_the_lock() -> None:
    """The Marp CLI (and any client added to clients/package.json) is the version the lock pins."""
    manifest = json.loads((REPO / "clients" / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((REPO / "clients" / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"][""]["dependencies"] == manifest["dependencies"], "run npm install in clients/"
    assert "@marp-team/marp-cli" in manifest["dependencies"]
    for name in manifest["dependencies"]:
        installed = REPO / "clients" / "node_modules" / name / "package.json"
        if not installed.is_file():
            _fail_or_skip(f"{name} is not installed in clients/node_modules: run scripts/setup.sh test")
        version = json.loads(installed.read_text(encoding="utf-8"))["version"]
        assert version == lock["packages"][f"node_modules/{name}"]["version"], "run scripts/setup.sh test"
