"""What every importer shares: the result type, a diagnostics reporter, decoding and positions."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from types import MappingProxyType

from usfk_argmap.core.characters import (
    MAX_ID_CHARS,
    advice,
    clean_id,
    has_unsafe_characters,
    id_problem,
    replace_unsafe_characters,
    unsafe_characters,
)
from usfk_argmap.core.codes import codes_of, severity_of
from usfk_argmap.core.diagnostics import Diagnostic
from usfk_argmap.core.model import Answer, ArgumentMap, Position, Ref, Undercut
from usfk_argmap.mapfile.loader import LoadResult
from usfk_argmap.mapfile.reading import read_text_file

#: The codes importers report (AM4xx), from the one table in ``usfk_argmap.core.codes``.
IMPORT_CODES = codes_of("import")

#: Files larger than this are refused before parsing.
MAX_IMPORT_BYTES = 16 * 1024 * 1024
#: Where a diagnostic goes when no better position is known.
START = Position(1, 1)


#: What importing gives: the map (None when the file could not be read) and the diagnostics;
#: the same value a map file's loading gives.
ImportResult = LoadResult


class Reporter:
    """Collects an importer's diagnostics for one file."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.diagnostics: list[Diagnostic] = []

    def __call__(self, code: str, message: str, position: Position = START, node: str | None = None) -> None:
        severity = severity_of(code)
        self.diagnostics.append(Diagnostic(self.file, position.line, position.column, code, severity, message, node))

    def result(self, argument_map: ArgumentMap | None) -> ImportResult:
        """What the import gives: the map with every id made fit to load (``fit_ids``), and the diagnostics."""
        return ImportResult(None if argument_map is None else fit_ids(argument_map, self), self.diagnostics)


def import_text(data: bytes, file: str, read: Callable[[str, Reporter], ArgumentMap | None]) -> ImportResult:
    """What an importer of a text format gives: the file decoded (``decode``), then its text ``read`` into a map.

    ``read`` reports what it finds to the same reporter and gives None when the text makes no map.
    """
    report = Reporter(file)
    text = decode(data, report)
    if text is None:
        return report.result(None)
    return report.result(read(text, report))


def decode(data: bytes, report: Reporter) -> str | None:
    """UTF-8 text of an imported file (BOM allowed), or None and an AM401 diagnostic.

    Lone surrogates and noncharacters are replaced and reported (AM408), as the loader does.
    """
    text, problem, offset = read_text_file(data)
    if text is None:
        line = data.count(b"\n", 0, offset) + 1
        report("AM401", problem or "the file is not UTF-8", Position(line, 1))
        return None
    if has_unsafe_characters(text):
        for found in unsafe_characters(text):
            report("AM408", f"the file holds {advice(found)}", Position.of_offset(text, found.offset))
        text = replace_unsafe_characters(text)
    return text


def fit_ids(argument_map: ArgumentMap, report: Reporter) -> ArgumentMap:
    """The map with each id that the loader would refuse (AM016) renamed to its nearest fit id (AM409).

    Every importer ends here, so a map it writes always loads: an Argdown title with a line
    break, an AIF ``nodeID`` of 2,000 characters or one with a zero-width space become ids
    an author can read and type. A renamed id that meets another is numbered (``id 2``).
    """
    ids = [*argument_map.nodes, *(a for a in argument_map.arguments if a not in argument_map.nodes)]
    if not any(id_problem(item) for item in ids):
        return argument_map
    taken = {item for item in ids if id_problem(item) is None}
    renamed: dict[str, str] = {}
    for item in ids:
        problem = id_problem(item)
        if problem is None:
            continue
        wanted = candidate = clean_id(item)
        number = 2
        while candidate in taken:
            candidate = f"{wanted[: MAX_ID_CHARS - 8]} {number}"
            number += 1
        taken.add(candidate)
        renamed[item] = candidate
        report("AM409", f"the id {item[:60]!r} {problem}; it is written as {candidate[:60]!r}", node=candidate)
    return _renamed(argument_map, renamed)


def _renamed(argument_map: ArgumentMap, renamed: dict[str, str]) -> ArgumentMap:
    def name(item: str | None) -> str | None:
        return None if item is None else renamed.get(item, item)

    def refs(found: tuple[Ref, ...]) -> tuple[Ref, ...]:
        return tuple(dataclasses.replace(ref, target=renamed.get(ref.target, ref.target)) for ref in found)

    def undercut(entry: Undercut) -> Undercut:
        return dataclasses.replace(entry, argument=name(entry.argument), source=name(entry.source), target=name(entry.target))

    def answer(entry: Answer) -> Answer:
        return dataclasses.replace(entry, argument=name(entry.argument), source=name(entry.source), target=name(entry.target))

    nodes = {
        renamed.get(node.id, node.id): dataclasses.replace(
            node,
            id=renamed.get(node.id, node.id),
            supports=refs(node.supports),
            attacks=refs(node.attacks),
            undercuts=tuple(undercut(entry) for entry in node.undercuts),
            schemes=MappingProxyType({renamed.get(target, target): scheme for target, scheme in node.schemes.items()}),
            answers=tuple(answer(entry) for entry in node.answers),
            outweighs=refs(node.outweighs),
        )
        for node in argument_map.nodes.values()
    }
    arguments = {
        renamed.get(argument.id, argument.id): dataclasses.replace(
            argument,
            id=renamed.get(argument.id, argument.id),
            premises=refs(argument.premises),
            target=refs((argument.target,))[0],
            roles=MappingProxyType({role: refs((premise,))[0] for role, premise in argument.roles.items()}),
        )
        for argument in argument_map.arguments.values()
    }
    return dataclasses.replace(
        argument_map, root=renamed.get(argument_map.root, argument_map.root), nodes=nodes, arguments=arguments
    )
