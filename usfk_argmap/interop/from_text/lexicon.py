"""The discourse markers a draft is proposed from: one YAML file per language, which a user can extend.

A lexicon names, for each class of marker (``MARKER_CLASSES``), the words that
open a clause (``start``) and those that mark it from inside, between commas
or in German word order (``inside``); ``stance`` words make a clause a claim
wherever they stand, ``opposing`` words report another's view;
``abbreviations`` do not end a sentence; ``split_bare`` markers split a
clause without a comma before them; ``subjects`` are the words that open a
new subject after a comma (此、這些、本文), where a comma splits too. ``--lexicon FILE`` adds a file of the same
form to the built-in one: its words come on top, none are taken away.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from usfk_argmap.core.errors import OptionError

#: The classes of discourse marker, in the order a clause's marker is looked for.
MARKER_CLASSES = ("summary", "conclusion", "reason", "concession", "contrast", "example", "condition", "consequent", "addition")
#: The languages with a built-in lexicon.
LEXICON_LANGUAGES = ("en", "de", "zh-Hant", "zh-Hans")
LEXICON_FOLDER = Path(__file__).with_name("lexicons")
_LIST_KEYS = ("stance", "opposing", "abbreviations", "split_bare", "subjects")


@dataclass(frozen=True)
class Marker:
    """A marker found in a clause: its class and the words as the text has them."""

    kind: str
    words: str
    inside: bool = False


@dataclass
class Lexicon:
    """The words of one language's lexicon, and the patterns that find them."""

    lang: str
    start: dict[str, list[str]] = field(default_factory=dict)
    inside: dict[str, list[str]] = field(default_factory=dict)
    stance: list[str] = field(default_factory=list)
    opposing: list[str] = field(default_factory=list)
    abbreviations: list[str] = field(default_factory=list)
    split_bare: list[str] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)

    @property
    def spaced(self) -> bool:
        """Whether the language writes spaces between words (a marker then ends at a word boundary)."""
        return not self.lang.startswith(("zh", "ja"))

    def add(self, data: Mapping[str, Any], name: str) -> None:
        """Add the words of a lexicon file's ``data`` (``name`` says which file, in messages)."""
        markers = data.get("markers") or {}
        if not isinstance(markers, Mapping):
            raise OptionError(f"{name}: `markers` must map a class to its words")
        for kind, entry in markers.items():
            if kind not in MARKER_CLASSES:
                raise OptionError(f"{name}: unknown marker class {kind!r} (one of {', '.join(MARKER_CLASSES)})")
            entry = {"start": entry} if isinstance(entry, list) else entry
            if not isinstance(entry, Mapping):
                raise OptionError(f"{name}: the class {kind!r} must list its words, or give `start` and `inside` lists")
            for place, table in (("start", self.start), ("inside", self.inside)):
                table.setdefault(kind, []).extend(_words(entry.get(place), f"{name}: {kind}.{place}"))
        for key in _LIST_KEYS:
            getattr(self, key).extend(_words(data.get(key), f"{name}: {key}"))
        self.__dict__.pop("_patterns", None)

    @property
    def patterns(self) -> _Patterns:
        found = self.__dict__.get("_patterns")
        if found is None:
            found = self.__dict__["_patterns"] = _Patterns(self)
        return found

    def marker_at(self, text: str, pos: int) -> Marker | None:
        """The marker that opens the clause at ``pos`` of ``text`` (the longest, of the first class in order).

        An addition marker gives way to a marker right after it: "And since X" is a reason.
        """
        window = _window(text, pos)
        best = self._opening(window)
        if best is not None and best.kind == "addition":
            rest = window[len(best.words) :]
            after = self._opening(rest.lstrip(" ,，、"))
            if after is not None and after.kind != "addition":
                return Marker(
                    after.kind, window[: len(window) - len(rest)] + rest[: len(rest) - len(rest.lstrip(" ,，、"))] + after.words
                )
        return best

    def _opening(self, window: str) -> Marker | None:
        best: Marker | None = None
        for kind, pattern in self.patterns.start.items():
            match = pattern.match(window)
            if match and (best is None or len(match.group()) > len(best.words)):
                best = Marker(kind, match.group())
        return best

    def marker_inside(self, text: str) -> Marker | None:
        """A marker inside a clause (``inside`` words; between commas in English)."""
        text = unicodedata.normalize("NFKC", text)
        for kind, pattern in self.patterns.inside.items():
            match = pattern.search(text)
            if match:
                return Marker(kind, match.group("w"), inside=True)
        return None

    def has_stance(self, text: str) -> bool:
        return bool(self.patterns.stance and self.patterns.stance.search(unicodedata.normalize("NFKC", text)))

    def is_opposing(self, text: str) -> bool:
        return bool(self.patterns.opposing and self.patterns.opposing.search(unicodedata.normalize("NFKC", text)))

    def splits_bare(self, text: str, pos: int) -> bool:
        """Whether a clause may begin at ``pos`` without a comma before it (``split_bare``)."""
        return bool(self.patterns.bare and self.patterns.bare.match(_window(text, pos)))

    def opens_subject(self, text: str, pos: int) -> bool:
        """Whether a new subject opens at ``pos`` (``subjects``): a comma before it ends a clause."""
        return bool(self.patterns.subjects and self.patterns.subjects.match(_window(text, pos)))

    def is_abbreviation(self, word: str) -> bool:
        return word.lower().rstrip(".") in self.patterns.abbreviations


#: How much of a text a marker is looked for in: the longest marker, with room to spare.
_WINDOW = 48


def _window(text: str, pos: int) -> str:
    """The text at ``pos`` in NFKC: a PDF's compatibility ideographs (U+F96F for 若) read as the markers they are."""
    return unicodedata.normalize("NFKC", text[pos : pos + _WINDOW])


class _Patterns:
    """A lexicon's words as compiled patterns: one per class, longest words first."""

    def __init__(self, lexicon: Lexicon) -> None:
        spaced = lexicon.spaced
        self.start = {kind: _pattern(words, spaced) for kind, words in _ordered(lexicon.start) if words}
        self.inside: dict[str, re.Pattern[str]] = {}
        for kind, words in _ordered(lexicon.inside):
            if words:
                alternatives = "|".join(re.escape(word) for word in _longest_first(words))
                if spaced:
                    # Inside a clause: between commas (English) or as a word of its own (German word order).
                    self.inside[kind] = re.compile(rf"(?:,\s*|\s)(?P<w>{alternatives})(?=[\s,.;:!?]|$)", re.IGNORECASE)
                else:
                    self.inside[kind] = re.compile(rf"(?P<w>{alternatives})")
        self.stance = _search_pattern(lexicon.stance, spaced)
        self.opposing = _search_pattern(lexicon.opposing, spaced)
        self.bare = _pattern(lexicon.split_bare, spaced) if lexicon.split_bare else None
        self.subjects = _pattern(lexicon.subjects, spaced) if lexicon.subjects else None
        self.abbreviations = frozenset(word.lower().rstrip(".") for word in lexicon.abbreviations)


def _ordered(table: Mapping[str, list[str]]) -> Iterable[tuple[str, list[str]]]:
    return ((kind, table.get(kind, [])) for kind in MARKER_CLASSES)


def _longest_first(words: Iterable[str]) -> list[str]:
    return sorted(dict.fromkeys(words), key=lambda word: (-len(word), word))


def _pattern(words: Iterable[str], spaced: bool) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(word) for word in _longest_first(words))
    # A word of a spaced language ends at a word boundary: "so" opens "so we", not "some".
    ending = r"(?!\w)" if spaced else ""
    return re.compile(rf"(?:{alternatives}){ending}", re.IGNORECASE)


def _search_pattern(words: list[str], spaced: bool) -> re.Pattern[str] | None:
    if not words:
        return None
    alternatives = "|".join(re.escape(word) for word in _longest_first(words))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)" if spaced else f"(?:{alternatives})", re.IGNORECASE)


def _words(value: object, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(word, str) and word.strip() for word in value):
        raise OptionError(f"{where} must be a list of words")
    return [word.strip() for word in value]


@cache
def _builtin_data(lang: str) -> dict[str, Any]:
    data = yaml.safe_load((LEXICON_FOLDER / f"{lang}.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def lexicon_language(lang: str) -> str:
    """The built-in lexicon for a language tag: ``zh-TW`` reads zh-Hant, ``zh-CN`` zh-Hans, ``de-AT`` de."""
    tag = lang.lower()
    if tag.startswith("zh"):
        return "zh-Hans" if any(part in tag for part in ("hans", "cn", "sg")) else "zh-Hant"
    base = tag.split("-")[0]
    return base if base in LEXICON_LANGUAGES else "en"


def has_lexicon(lang: str) -> bool:
    """Whether ``lang`` has a built-in lexicon of its own (others are drafted with the English one)."""
    return lexicon_language(lang) != "en" or lang.lower().split("-")[0] == "en"


def load_lexicon(lang: str, extra: Iterable[Path] = ()) -> Lexicon:
    """The built-in lexicon of ``lang`` (``lexicon_language``), with the words of each ``extra`` file added.

    Raises ``OptionError`` for an extra file that is not a lexicon; an
    unreadable one is an ``UnreadableFileError``.
    """
    from usfk_argmap.mapfile.reading import read_untrusted_text

    lexicon = Lexicon(lang)
    lexicon.add(_builtin_data(lexicon_language(lang)), f"{lexicon_language(lang)}.yaml")
    for path in extra:
        text = read_untrusted_text(path, 1024 * 1024, "the lexicon")
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as error:
            raise OptionError(f"{path}: not YAML: {str(error).splitlines()[0]}") from None
        if not isinstance(data, Mapping):
            raise OptionError(f"{path}: a lexicon is a mapping with `markers:` (see the built-in {lexicon_language(lang)}.yaml)")
        lexicon.add(data, str(path))
    return lexicon
