"""Writing a map as YAML in our format: stable key order, block style, CJK as is.

The text loads back to the same map (``load_text(write_map(m))``): a scalar
is written plain when it plainly can be (``_plain``: printable characters, no
indicator, and PyYAML's own resolver reads it as a string), and otherwise goes
through PyYAML's emitter, which quotes whatever would read as another type
(``true``, ``1.0``, ``null``) or break the syntax, so ids such as ``C:1`` or
``1.2`` survive. The plain path gives exactly what the emitter would give
(tests/test_writer_speed.py checks this on any text) without a pure-Python
emitter run per scalar, which made writing 20,000 imported nodes take seconds.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import yaml

from usfk_argmap.core.model import OWN_RELATIONS, Answer, Argument, ArgumentMap, Node, Ref, Undercut

#: The schema, relative to the maps folder of a checkout (what the example maps use).
DEFAULT_SCHEMA = "../usfk_argmap/mapfile/schema/argmap.schema.json"
SCHEMA_FILE = Path(__file__).resolve().parent / "schema" / "argmap.schema.json"
NODE_FIELDS = ("label", "en", "quote", "section", "note")


def schema_reference(output: str | Path | None) -> str:
    """The schema path to put in a map written to ``output``: relative to where it is written."""
    if output is None:
        return DEFAULT_SCHEMA
    folder = Path(output).resolve().parent
    return Path(os.path.relpath(SCHEMA_FILE, folder)).as_posix()


#: A text PyYAML writes plain, in block and flow context alike, if its resolver reads it as a string:
#: it starts with no indicator, space or dot (``...``), holds no flow indicator, ``:``, ``#``, ``?``,
#: line break or character PyYAML escapes, and ends with no space. Anything else takes the emitter.
_PLAIN_SHAPE = re.compile(
    r"[^\x00-\x20\-?:,\[\]{}#&*!|>'\"%@`.\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff\U0010ffff]"
    r"[^\x00-\x1f?:,\[\]{}#\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff\U0010ffff]*"
)
_IMPLICIT = yaml.SafeDumper.yaml_implicit_resolvers


def _plain(value: str) -> str | None:
    """``value`` when PyYAML would write it plain (and read it back as this string), None when unsure."""
    if not _PLAIN_SHAPE.fullmatch(value) or value.endswith(" "):
        return None
    for _, pattern in _IMPLICIT.get(value[0], ()):
        if pattern.match(value):
            return None  # reads as a bool, number, null, timestamp...: the emitter quotes it
    return value


def _emitted(value: object, *, flow: bool) -> str:
    """``value`` as PyYAML's emitter writes it on one line (a flow collection when ``flow``)."""
    dumped = yaml.safe_dump(value, allow_unicode=True, width=1_000_000, default_flow_style=flow, sort_keys=False)
    return dumped.removesuffix("\n...\n").strip() if flow else dumped.removesuffix("\n...\n").removesuffix("\n")


def _flow_plain(value: object) -> str | None:
    """A list or mapping of plain scalars as the emitter's flow style writes it; None when one is not plain."""
    if isinstance(value, str):
        return _plain(value)
    if isinstance(value, list):
        items = [_flow_plain(item) for item in value]
        plain = [item for item in items if item is not None]
        return "[" + ", ".join(plain) + "]" if len(plain) == len(items) else None
    if isinstance(value, dict):
        pairs = [(_flow_plain(key), _flow_plain(item)) for key, item in value.items()]
        if any(key is None or item is None for key, item in pairs):
            return None
        return "{" + ", ".join(f"{key}: {item}" for key, item in pairs) + "}"
    return None


def _flow_value(value: object) -> str:
    """A list or mapping of scalars as one line of YAML flow style."""
    plain = _flow_plain(value)
    return plain if plain is not None else _emitted(value, flow=True)


def _scalar(value: str) -> str:
    """One scalar as YAML: plain where that reads back unchanged, quoted otherwise."""
    plain = _plain(value)
    return plain if plain is not None else _emitted(value, flow=False)


def _text(value: str, indent: int) -> str:
    """A text value after ``key:``: a literal block for several lines, a scalar otherwise."""
    lines = value.split("\n")
    if len(lines) > 1 and all(line == line.rstrip() and "\t" not in line for line in lines) and lines[0].strip():
        pad = " " * indent
        return "|-\n" + "\n".join(pad + line if line else "" for line in lines)
    return _scalar(value)


def _refs(refs: tuple[Ref, ...]) -> str:
    targets = [ref.target for ref in refs]
    if len(targets) == 1:
        return _scalar(targets[0])
    return _flow_value(targets)


def _undercuts(undercuts: tuple[Undercut, ...]) -> str:
    """Argument ids as scalars, relations as ``{from: R, to: T}``; a list when there are several."""
    entries: list[object] = [u.argument if u.argument is not None else {"from": u.source, "to": u.target} for u in undercuts]
    if len(entries) == 1 and isinstance(entries[0], str):
        return _scalar(entries[0])
    # The flow emitter quotes what a flow context cannot hold as is (``C:1``, ``a,b``).
    return _flow_value(entries[0] if len(entries) == 1 else entries)


def _node_lines(node: Node) -> list[str]:
    lines = [f"  {_scalar(node.id)}:", f"    kind: {node.kind}", f"    text: {_text(node.text, 6)}"]
    for key in NODE_FIELDS:
        value = getattr(node, key)
        if value is not None:
            lines.append(f"    {key}: {_text(value, 6)}")
    for relation in OWN_RELATIONS:
        refs = node.refs(relation)
        if refs:
            lines.append(f"    {relation}: {_refs(refs)}")
    if node.undercuts:
        lines.append(f"    undercuts: {_undercuts(node.undercuts)}")
    if node.schemes:
        lines.append(f"    schemes: {_flow_value({target: ref.target for target, ref in node.schemes.items()})}")
    if node.answers:
        lines.append(f"    answers: {_flow_value([_answer(answer) for answer in node.answers])}")
    if node.outweighs:
        lines.append(f"    outweighs: {_refs(node.outweighs)}")
    if node.ignore:
        lines.append("    ignore:")
        lines.extend(f"      {_scalar(code)}: {_text(reason, 8)}" for code, reason in node.ignore.items())
    return lines


def write_map(argument_map: ArgumentMap, *, schema: str = DEFAULT_SCHEMA, source: str | None = None) -> str:
    """The map as the text of a map file.

    ``source`` is written as ``source:`` (a path relative to where the file
    goes); without it the map's own ``source_path`` is not written, since a
    path only means something relative to the file.
    """
    lines = [
        f"# yaml-language-server: $schema={schema}",
        f"title: {_scalar(argument_map.title)}",
        f"lang: {_scalar(argument_map.lang)}",
    ]
    if source is not None:
        lines.append(f"source: {_scalar(source)}")
    lines.append(f"root: {_scalar(argument_map.root)}")
    if argument_map.questions != "assumptions":
        lines.append(f"questions: {argument_map.questions}")
    if argument_map.sections:
        lines += ["", "sections:"]
        for section in argument_map.sections.values():
            if section.note is None:
                lines.append(f"  {_scalar(section.id)}: {_scalar(section.title)}")
            else:
                lines += [
                    f"  {_scalar(section.id)}:",
                    f"    title: {_scalar(section.title)}",
                    f"    note: {_text(section.note, 6)}",
                ]
    lines += ["", "nodes:"]
    for node in argument_map.nodes.values():
        lines.extend(_node_lines(node))
    if argument_map.arguments:
        lines += ["", "arguments:"]
        for argument in argument_map.arguments.values():
            lines += [
                f"  {_scalar(argument.id)}:",
                f"    premises: {_flow(argument.premises)}",
                f"    {argument.relation}: {_scalar(argument.target.target)}",
            ]
            lines.extend(_argument_scheme_lines(argument))
            if argument.note is not None:
                lines.append(f"    note: {_text(argument.note, 6)}")
            if argument.ignore:
                lines.append("    ignore:")
                lines.extend(f"      {_scalar(code)}: {_text(reason, 8)}" for code, reason in argument.ignore.items())
    return "\n".join(lines) + "\n"


def _flow(refs: tuple[Ref, ...]) -> str:
    return _flow_value([ref.target for ref in refs])


def _answer(answer: Answer) -> dict[str, str]:
    """An ``answers`` entry: ``{to: A1, question: CQ2}``, with ``from`` first for a node's own relation."""
    if answer.argument is not None:
        return {"to": answer.argument, "question": answer.question}
    return {"from": answer.source or "", "to": answer.target or "", "question": answer.question}


def _argument_scheme_lines(argument: Argument) -> list[str]:
    lines = [f"    scheme: {_scalar(argument.scheme.target)}"] if argument.scheme is not None else []
    if argument.roles:
        lines.append(f"    roles: {_flow_value({role: ref.target for role, ref in argument.roles.items()})}")
    return lines
