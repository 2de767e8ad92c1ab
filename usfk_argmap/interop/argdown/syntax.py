"""Argdown as the reader sees it: the line patterns, the elements a document is read into, text clean-up."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from usfk_argmap.core.model import Position
from usfk_argmap.interop.yamldata import YamlProblem, opening_brace, read_yaml_data

RELATION_LINE = re.compile(r"(<\+|<-|<_|\+>|->|_>|><|\+|-|_)\s+(\S.*)$")
PCS_LINE = re.compile(r"\((\d+)\)\s*(.*)$")
INFERENCE_LINE = re.compile(r"-{2,}\s*$")
HEADING = re.compile(r"(#{1,6})\s+(\S.*)$")
# Titles as Argdown's lexer reads them: verbatim (no escapes, spaces kept) up to "]:" in a
# definition, up to the first "]" in a reference, which cannot start with "-"; a reference may carry data.
STATEMENT = re.compile(r"\[(.+?)\]:(?:\s*(.*))?$|\[([^-\]][^\]]*)\]\s*(\{.*\})?\s*$", re.S)
ARGUMENT = re.compile(r"<(.+?)>:(?:\s*(.*))?$|<([^->][^>]*)>\s*(\{.*\})?\s*$", re.S)
TAG = re.compile(r"(?<![\w\\])#(\([^)]*\)|[\w-]+)")
DATA_FIELDS = ("label", "en", "quote", "note")
#: Who is the reason in each relation: the child (written under the parent) or the parent.
DIRECTION = {
    "+": ("child", "supports"),
    "<+": ("child", "supports"),
    "+>": ("parent", "supports"),
    "-": ("child", "attacks"),
    "<-": ("child", "attacks"),
    "->": ("parent", "attacks"),
    "_": ("child", "undercuts"),
    "<_": ("child", "undercuts"),
    "_>": ("parent", "undercuts"),
    "><": ("parent", "contradicts"),
}


@dataclass
class Element:
    """A statement or argument as written at one place in the file."""

    is_argument: bool
    title: str
    lines: list[str]
    position: Position
    section: str | None
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def raw(self) -> str:
        return " ".join(line.strip() for line in self.lines if line.strip())


@dataclass
class RelationLine:
    parent: Element
    child: Element
    marker: str
    position: Position


@dataclass
class InferenceStep:
    """One inference of a premise-conclusion structure: premises, conclusion, rules."""

    premises: list[Element]
    conclusion: Element
    rules: list[str]


@dataclass
class Reconstruction:
    argument: Element
    items: list[Element] = field(default_factory=list)
    steps: list[InferenceStep] = field(default_factory=list)
    #: Statements since the last inference: the premises of the next one.
    pending: list[Element] = field(default_factory=list)
    #: Lines of an open ``--`` ... ``--`` inference block (None when none is open).
    rule_lines: list[str] | None = None
    #: Set by an inference line: the next statement is a conclusion, drawn by these rules.
    rules: list[str] | None = None


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


#: The characters every link, emphasis and escape holds one of.
_MARKUP = "[*_\\"


def clean_text(text: str) -> str:
    """A statement's text as Argdown shows it: markup and link targets dropped, escapes resolved."""
    if not any(mark in text for mark in _MARKUP):
        return " ".join(text.split())  # nothing to drop or resolve (most texts): four regex passes saved
    text = re.sub(r"(?<!\\)\[([^\]]*)\]\([^)\s]*\)", r"\1", text)
    text = re.sub(r"(?<![\w\\])(\*\*|__)(?=\S)(.+?)(?<=\S)\1(?!\w)", r"\2", text)
    text = re.sub(r"(?<![\w\\*_])([*_])(?=[^\s*_])(.+?)(?<=[^\s\\*_])\1(?![\w*_])", r"\2", text)
    return " ".join(unescape(text).split())


def data_id(data: dict[str, Any]) -> str | None:
    """The exact id our writer keeps in data when the id cannot be an Argdown title."""
    value = data.get("id")
    return value if isinstance(value, str) and value.strip() else None


def data_ignore(data: dict[str, Any]) -> dict[str, str]:
    value = data.get("ignore")
    if not isinstance(value, dict):
        return {}
    return {str(code): str(reason) for code, reason in value.items() if isinstance(reason, (str, int, float))}


def same_text(exact: str, shown: str) -> bool:
    """Whether data's exact text is the shown text (so the data cannot smuggle in another text)."""
    return " ".join(exact.split()) == shown


#: At most this many opening braces are tried as the start of a text's trailing data.
_DATA_TRIES = 8


def split_data(text: str, refused: list[YamlProblem] | None = None) -> tuple[str, dict[str, Any]]:
    """Split trailing ``{key: value}`` data off a text; the data is {} when there is none or it is unreadable.

    The brace that opens the data is found by a scan back from the closing
    one that skips quoted strings (braces may sit inside them), so each text
    costs one scan and a few YAML reads, however many braces it holds.
    """
    stripped = text.rstrip()
    if not stripped.endswith("}"):
        return text, {}
    candidates = []
    opening = opening_brace(stripped)
    if opening is not None:
        candidates.append(opening)
    index = len(stripped)
    while len(candidates) < _DATA_TRIES and (index := stripped.rfind("{", 0, index)) >= 0:
        if index not in candidates:
            candidates.append(index)
    for index in candidates:
        if index > 0 and stripped[index - 1] == "\\":
            continue
        loaded, problem = read_yaml_data(stripped[index:])
        if problem is not None and problem.refused:
            if refused is not None:
                refused.append(problem)
            return text, {}
        if problem is None and isinstance(loaded, dict):
            return stripped[:index], loaded
    return text, {}


def hashtags(text: str) -> list[str]:
    return [match.group(1).strip("()") for match in TAG.finditer(text)]
