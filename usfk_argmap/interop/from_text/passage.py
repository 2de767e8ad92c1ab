"""One statement drafted from a passage of a map's source (the language server's "draft a statement" action).

The passage is trimmed as the drafter trims a unit (surrounding spaces and
clause punctuation), its kind proposed by the marker that opens it (a
conclusion is a claim, an example evidence, a concession or another's view an
objection, anything else a premise), and it is tied to the map's thesis for
now, so the map stays connected; its note says so. ``node_entry`` writes the
statement as the lines of a ``nodes:`` entry.
"""

from __future__ import annotations

from dataclasses import dataclass

from usfk_argmap.core.model import ArgumentMap
from usfk_argmap.interop.from_text.build import shorten, tidy
from usfk_argmap.interop.from_text.lexicon import Lexicon
from usfk_argmap.mapfile.reading import yaml_scalar
from usfk_argmap.quotes.source import SourceText, one_line

_KINDS = {"conclusion": "claim", "summary": "claim", "example": "evidence", "concession": "objection"}
_PREFIX = {"claim": "SC", "premise": "P", "evidence": "E", "objection": "O"}
_TRAILING = "。，；：、,;:"


@dataclass(frozen=True)
class DraftedStatement:
    id: str
    kind: str
    text: str
    quote: str
    label: str | None
    note: str
    relation: str
    target: str


def statement_from_passage(
    source: str, start: int, end: int, argument_map: ArgumentMap, lexicon: Lexicon
) -> DraftedStatement | None:
    """A statement quoting ``source[start:end]`` for ``argument_map``; None for a passage of nothing but spaces
    and punctuation, or one the map's quote matching would not find."""
    while start < end and source[start].isspace():
        start += 1
    while end > start and (source[end - 1].isspace() or source[end - 1] in _TRAILING):
        end -= 1
    raw = source[start:end]
    quote = one_line(raw)
    if not any(char.isalnum() for char in quote) or SourceText(source).find(quote) is None:
        return None
    marker = lexicon.marker_at(source, start)
    kind = "objection" if lexicon.is_opposing(raw) else _KINDS.get(marker.kind if marker is not None else "", "premise")
    taken = {*argument_map.nodes, *argument_map.arguments}
    number = 1
    while f"{_PREFIX[kind]}{number}" in taken:
        number += 1
    relation = "attacks" if kind == "objection" else "supports"
    why = f"the marker {marker.words!r} ({marker.kind})" if marker is not None else "no marker"
    line = source.count("\n", 0, start) + 1
    note = (
        f"Drafted from line {line} of the source: a {kind} by {why}. It {relation} the thesis for now; "
        "move it to what it bears on."
    )
    text = tidy(raw)
    return DraftedStatement(f"{_PREFIX[kind]}{number}", kind, text, quote, shorten(text), note, relation, argument_map.root)


def node_entry(statement: DraftedStatement, indent: str = "  ", field_indent: str = "    ") -> str:
    """The statement as the lines of a ``nodes:`` entry, each ending in a line break."""
    fields = [("kind", statement.kind), ("text", statement.text)]
    if statement.label is not None:
        fields.append(("label", statement.label))
    fields += [("quote", statement.quote), ("note", statement.note), (statement.relation, statement.target)]
    lines = [f"{indent}{yaml_scalar(statement.id)}:"] + [f"{field_indent}{key}: {yaml_scalar(value)}" for key, value in fields]
    return "\n".join(lines) + "\n"
