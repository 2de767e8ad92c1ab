"""Tables of file formats, one per family: import, export, render output, slide deck, report.

A format is a name, the file suffixes that stand for it and, where the family
calls one function per format, that function as ``"module:attr"``: imported
on first use, so a table costs nothing to build (the command line reads the
tables for its choices at start-up). ``format_for`` is the one reading of a
format name or a file's suffix; a name or suffix no format has gets the same
message in every family, listing the known ones.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class FileFormat:
    """One format of a family: its name, the suffixes that stand for it (lower case, with the dot), its function."""

    name: str
    suffixes: tuple[str, ...] = ()
    #: ``"module:attr"`` of the function that reads or writes the format, or None where the family has one for all.
    function: str | None = None

    def load(self) -> Callable[..., Any]:
        """The format's function, imported now."""
        if self.function is None:
            raise LookupError(f"the {self.name} format names no function of its own")
        module, _, attr = self.function.partition(":")
        found: Callable[..., Any] = getattr(import_module(module), attr)
        return found


class FormatTable:
    """The formats of one family, in the order they are listed; iterating gives their names."""

    def __init__(self, family: str, formats: Iterable[FileFormat], *, option: str = "--format") -> None:
        #: What the formats are of, as messages name it: ``import``, ``output``, ``deck``...
        self.family = family
        #: The command-line option that names a format of this family, for messages.
        self.option = option
        self.formats: dict[str, FileFormat] = {}
        self._by_suffix: dict[str, FileFormat] = {}
        for entry in formats:
            if entry.name in self.formats:
                raise ValueError(f"two {family} formats are named {entry.name!r}")
            self.formats[entry.name] = entry
            for suffix in entry.suffixes:
                if suffix != suffix.lower() or not suffix.startswith(".") or suffix in self._by_suffix:
                    raise ValueError(f"the {family} suffix {suffix!r} is not lower case with a dot, or not one format's")
                self._by_suffix[suffix] = entry

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.formats)

    @property
    def suffixes(self) -> dict[str, str]:
        """Suffix -> format name, in the table's order."""
        return {suffix: entry.name for suffix, entry in self._by_suffix.items()}

    def __iter__(self) -> Iterator[str]:
        return iter(self.formats)

    def __contains__(self, name: object) -> bool:
        return name in self.formats

    def __len__(self) -> int:
        return len(self.formats)

    def __getitem__(self, name: str) -> FileFormat:
        """The format of that name; ``ValueError`` listing the known ones for another."""
        try:
            return self.formats[name]
        except KeyError:
            from usfk_argmap.core.errors import OptionError  # here: the tables are read at start-up

            raise OptionError(f"unknown {self.family} format {name!r}; known: {self.known()}") from None

    def with_suffix(self, path: str | Path) -> FileFormat | None:
        """The format a file's suffix stands for (any case), or None."""
        return self._by_suffix.get(Path(path).suffix.lower())

    def known(self) -> str:
        """The formats for a message: ``html (.html, .htm), md (.md)``."""
        return ", ".join(
            f"{name} ({', '.join(entry.suffixes)})" if entry.suffixes else name for name, entry in self.formats.items()
        )


def format_for(path_or_name: str | Path, family: FormatTable) -> str:
    """The name of the format ``path_or_name`` names (a bare word: ``svg``), or whose suffix it has (a path).

    ``ValueError`` for an unknown name or suffix, in the messages every family
    gives: what was given, and the known formats with their suffixes.
    """
    text = str(path_or_name)
    if isinstance(path_or_name, str) and not Path(text).suffix and not any(sep in text for sep in "/\\"):
        return family[text].name  # a bare word is a format's name
    found = family.with_suffix(text)
    if found is not None:
        return found.name
    suffix = Path(text).suffix
    what = f"the suffix {suffix!r}" if suffix else "no suffix"
    known = family.known()
    from usfk_argmap.core.errors import OptionError

    raise OptionError(
        f"cannot tell the {family.family} format from {text!r} ({what}): known are {known}; or name it with {family.option}"
    )
