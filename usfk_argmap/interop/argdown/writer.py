"""Writing a map as Argdown that the Argdown CLI reads as the same map, and our reader reads back whole.

What Argdown's lexer (``@argdown/core`` 1.x) reads as syntax decides every
escape here, and the Argdown CLI judges the result in the test suite:

- a title is taken verbatim between ``[`` and the first ``]`` (``<`` and
  ``>`` for arguments), backslashes included, spaces kept, and a reference
  may not start with ``-``. So a title cannot be escaped: an id that cannot
  be a title is written with a look-alike character (``]`` becomes ``］``) and
  its exact form rides along as ``{id: "..."}`` data;
- in text, ``\\ [ ] < > { } # @ * _ /`` are backslash-escaped, and so are a
  ``.`` or ``:`` that would start a shortcode such as ``:smile:`` or ``.a.``
  and an ``=`` that would start a ``===`` front matter;
- data (``{...}``) is YAML in flow style; its strings are JSON strings, in
  which ``{ }`` and the first character of a comment opener are ``\\u``
  escapes (Argdown's data token ends at a ``}``; comments are cut out
  before anything else is read);
- a text is one line; a value whose one-line escaped form would not read
  back as itself (line breaks, runs of spaces) is also kept exactly in the
  data.

Our fields without an Argdown counterpart ride along as data (``kind``,
``label``, ``en``, ``quote``, ``note``, ``ignore``), sections as heading data, and the
map's ``root``, ``lang``, ``source`` and ``questions`` in the front matter; when grouping
statements under their headings (or a reference before a definition)
changes the order in which a reader meets the map's nodes, the order is
kept in the front matter too (``order:``), since an Argdown heading cannot
be closed.

Schemes (issue 23) ride along as data too: a linked argument's ``{scheme:
"expert-opinion", roles: {expertise: "P1"}}``, a statement's ``{schemes:
{T: "sign"}, answers: [{to: "A1", question: "CQ2"}], outweighs: ["O1"]}``.

Argdown undercuts arguments only, so a node's own relation that something
undercuts is written as the one-premise argument ``<R → T>`` (marked
``{inference: "relation"}``, with a description, as the Argdown CLI wants)
that each undercut (``_>``) points at; our reader reads it back as the plain
relation, and ``argdown_notes`` says so (AM405).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

from usfk_argmap.analysis.graph import undercut_relations
from usfk_argmap.core.model import Argument, ArgumentMap, Node, Ref, relation_id
from usfk_argmap.interop.scheme_data import argument_scheme_data, node_scheme_data

#: Characters Argdown reads as syntax anywhere in a text.
_TEXT_SPECIAL = frozenset("\\[]<>{}#@*_/")
#: Argdown's special-character token (``:name:`` or ``.name.``), read as a shortcode.
_SHORTCODE = re.compile(r"\.[^\s]+?\.|:[^\s]+?:")
#: Inside a data string: the first character of a comment opener (``<!--``, ``/*``, ``//``), braces,
#: and what YAML would read as a line break or refuses to read (it folds or rejects them raw).
_DATA_ESCAPES = re.compile("<(?=!--)|/(?=[/*])|[{}\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
#: What a title may not contain, and its look-alike.
_STATEMENT_TITLE_SWAP = {"]": "］", "\n": " ", "\r": " "}
_ARGUMENT_TITLE_SWAP = {">": "＞", "\n": " ", "\r": " "}
_COMMENT_IN_TITLE = re.compile(r"<(?=!--)|/(?=[/*])")
_LOOK_ALIKE = {"<": "＜", "/": "／"}


def escape_text(text: str) -> str:
    """Text safe inside an Argdown statement, argument description or heading: one line, syntax escaped."""
    line = " ".join(text.split())
    out: list[str] = []
    for index, char in enumerate(line):
        if (
            char in _TEXT_SPECIAL
            or (char in ".:" and _SHORTCODE.match(line, index))
            or (char == "=" and line.startswith("===", index))
        ):
            out.append("\\" + char)
        else:
            out.append(char)
    return "".join(out)


def read_back(escaped: str) -> str:
    """What a reader of Argdown makes of an escaped text: escapes resolved, spaces collapsed."""
    return " ".join(re.sub(r"\\(.)", r"\1", escaped).split())


def data_string(value: str) -> str:
    """A string for Argdown data or front matter: a JSON string, which YAML reads too."""
    return _DATA_ESCAPES.sub(lambda match: f"\\u{ord(match.group()):04x}", json.dumps(value, ensure_ascii=False))


def _front_string(value: str) -> str:
    # ``===`` anywhere would end Argdown's front matter.
    return data_string(value).replace("=", "\\u003d")


def _data_value(value: object) -> str:
    if isinstance(value, str):
        return data_string(value)
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{data_string(str(k))}: {_data_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_data_value(v) for v in value) + "]"
    return json.dumps(value)


def data_block(values: Mapping[str, object]) -> str:
    """``{key: value, ...}`` for the values that are set, or "" when none is."""
    kept = {key: value for key, value in values.items() if value}
    if not kept:
        return ""
    return "{" + ", ".join(f"{key}: {_data_value(value)}" for key, value in kept.items()) + "}"


def _title(item_id: str, swaps: Mapping[str, str], argument: bool) -> str:
    title = "".join(swaps.get(char, char) for char in item_id)
    if title.startswith("-"):
        title = "‐" + title[1:]  # a reference cannot start with "-"
    if argument and title.startswith("!--"):
        title = "！" + title[1:]  # "<!--" would open a comment
    # Readers that cut comments out first (ours does) would cut a title short.
    return _COMMENT_IN_TITLE.sub(lambda match: _LOOK_ALIKE[match.group()], title)


def argdown_titles(argument_map: ArgumentMap) -> tuple[dict[str, str], dict[str, str]]:
    """The Argdown title of each node (statement) and each linked argument, all distinct.

    A title equals the id unless the id holds a character a title cannot;
    a look-alike title taken already gets a number.
    """

    def assign(ids: list[str], swaps: Mapping[str, str], argument: bool, taken: set[str]) -> dict[str, str]:
        titles: dict[str, str] = {}
        exact = [item_id for item_id in ids if _title(item_id, swaps, argument) == item_id]
        taken.update(exact)
        titles.update({item_id: item_id for item_id in exact})
        for item_id in ids:
            if item_id in titles:
                continue
            wanted = candidate = _title(item_id, swaps, argument)
            number = 2
            while candidate in taken:
                candidate, number = f"{wanted} ({number})", number + 1
            taken.add(candidate)
            titles[item_id] = candidate
        return titles

    statement_titles: set[str] = set()
    nodes = assign(list(argument_map.nodes), _STATEMENT_TITLE_SWAP, False, statement_titles)
    arguments = assign(list(argument_map.arguments), _ARGUMENT_TITLE_SWAP, True, set())
    return nodes, arguments


def conclusion_title(argument_title: str, statement_titles: set[str]) -> str:
    """The title of the statement an attacking argument concludes in ("not X"), distinct from every node's."""
    wanted = candidate = _title(f"{argument_title} (conclusion)", _STATEMENT_TITLE_SWAP, False)
    number = 2
    while candidate in statement_titles:
        candidate, number = f"{wanted} {number}", number + 1
    statement_titles.add(candidate)
    return candidate


def _exact(value: str | None, escaped: str) -> str | None:
    """The value again when the escaped one-line form would not read back as it."""
    return value if value is not None and read_back(escaped) != value else None


def _groups(argument_map: ArgumentMap) -> dict[str | None, list[Node]]:
    """The nodes by section, in the order the writer writes them: loose ones first, then section by section."""
    groups: dict[str | None, list[Node]] = {None: []}
    groups.update({section: [] for section in argument_map.sections})
    for node in argument_map.nodes.values():
        groups[node.section if node.section in argument_map.sections else None].append(node)
    return groups


def relation_argument_titles(argument_map: ArgumentMap, argument_titles: Mapping[str, str]) -> dict[str, str]:
    """The Argdown title of each undercut relation's one-premise argument (``R → T``), distinct from the others.

    The Argdown CLI reads no escaped ``>`` in an argument reference, so ``R->T`` is titled ``R → T``.
    """
    taken = set(argument_titles.values()) | set(argument_map.nodes)
    titles: dict[str, str] = {}
    for joint, (reason, target, _) in undercut_relations(argument_map).items():
        title = _title(f"{reason} → {target}", _ARGUMENT_TITLE_SWAP, True)
        while title in taken:
            title += " (inference)"
        taken.add(title)
        titles[joint] = title
    return titles


def argdown_notes(argument_map: ArgumentMap) -> list[str]:
    """What ``to_argdown`` writes in its nearest form (AM405): undercut relations, as one-premise arguments."""
    return [
        f"AM405: Argdown undercuts arguments only, so the undercut relation {reason!r} {relation} {target!r} "
        f"is written as the one-premise argument <{reason} → {target}>; our reader reads it back as the relation"
        for reason, target, relation in undercut_relations(argument_map).values()
    ]


class _Writer:
    def __init__(self, argument_map: ArgumentMap) -> None:
        self.map = argument_map
        self.titles, self.argument_titles = argdown_titles(argument_map)
        #: Undercut relations (joint id -> reason, target, relation), each written as a one-premise argument.
        self.undercut = undercut_relations(argument_map)
        self.argument_titles.update(relation_argument_titles(argument_map, self.argument_titles))
        self.lines: list[str] = []
        #: Node ids in the order their titles first appear, which is the order a reader gives them.
        self.mentioned: dict[str, None] = {}

    def ref(self, node_id: str) -> str:
        self.mentioned.setdefault(node_id)
        return self.titles[node_id]

    def front_matter(self) -> list[str]:
        argument_map = self.map
        lines = [
            "===",
            f"title: {_front_string(argument_map.title)}",
            f"lang: {_front_string(argument_map.lang)}",
            f"root: {_front_string(argument_map.root)}",
        ]
        if argument_map.named_source is not None:
            lines.append(f"source: {_front_string(argument_map.named_source)}")
        if argument_map.questions != "assumptions":
            lines.append(f"questions: {_front_string(argument_map.questions)}")
        if list(self.mentioned) != list(argument_map.nodes):
            lines.append("order: [" + ", ".join(_front_string(node_id) for node_id in argument_map.nodes) + "]")
        return [*lines, "==="]

    def statement(self, node: Node) -> None:
        text = escape_text(node.text)
        data = data_block(
            {
                "id": node.id if self.titles[node.id] != node.id else None,
                "kind": node.kind,
                "label": node.label,
                "text": _exact(node.text, text),
                "en": node.en,
                "quote": node.quote,
                "note": node.note,
                "ignore": dict(node.ignore),
                **node_scheme_data(node),
            }
        )
        self.lines += ["", f"[{self.ref(node.id)}]: {text} {data}".rstrip()]
        nodes, arguments = self.map.nodes, self.map.arguments
        undercut = self.undercut
        self.lines += [
            f"  +> [{self.ref(ref.target)}]"
            for ref in node.supports
            if ref.target in nodes and relation_id(node.id, ref.target) not in undercut
        ]
        self.lines += [
            f"  -> [{self.ref(ref.target)}]"
            for ref in node.attacks
            if ref.target in nodes and relation_id(node.id, ref.target) not in undercut
        ]
        self.lines += [
            f"  _> <{self.argument_titles[u.inference]}>"
            for u in node.undercuts
            if u.inference in arguments or u.inference in undercut
        ]

    def argument(self, argument: Argument, statement_titles: set[str], *, inference: bool = False) -> None:
        """A linked argument, or (``inference``) an undercut relation written as a one-premise argument."""
        nodes = self.map.nodes
        premises = [p.target for p in argument.premises if p.target in nodes]
        if argument.target.target not in nodes or not premises:
            return
        title = self.argument_titles[argument.id]
        attacking = argument.relation == "attacks"
        if inference:
            # Argdown wants a description before data; our reader folds the argument away again.
            note = escape_text(f"The inference from {premises[0]} to {argument.target.target}.")
            scheme = self.map.nodes[premises[0]].schemes.get(argument.target.target)
            data = data_block(
                {
                    "relation": "attacks" if attacking else None,
                    "inference": "relation",
                    "scheme": scheme.target if scheme is not None else None,
                }
            )
        else:
            note = escape_text(argument.note) if argument.note is not None else ""
            data = data_block(
                {
                    "id": argument.id if title != argument.id else None,
                    "note": _exact(argument.note, note),
                    "relation": "attacks" if attacking else None,
                    "ignore": dict(argument.ignore),
                    **argument_scheme_data(argument),
                }
            )
        # An argument with a colon must have a description; a bare reference may carry data.
        head = f"<{title}>: {note} {data}" if note else f"<{title}> {data}"
        self.lines += ["", head.rstrip(), ""]
        self.lines += [f"({number}) [{self.ref(premise)}]" for number, premise in enumerate(premises, start=1)]
        self.lines.append("----")
        conclusion = len(premises) + 1
        target = argument.target.target
        if attacking:
            text = escape_text(f"It is not the case that: {nodes[target].text}")
            self.lines += [f"({conclusion}) [{conclusion_title(title, statement_titles)}]: {text}", f"  -> [{self.ref(target)}]"]
        else:
            self.lines.append(f"({conclusion}) [{self.ref(target)}]")

    def write(self) -> str:
        argument_map = self.map
        for section_id, members in _groups(argument_map).items():
            if section_id is not None:
                self.heading(section_id)
            for node in members:
                self.statement(node)
        statement_titles = set(self.titles.values())
        for argument in argument_map.arguments.values():
            self.argument(argument, statement_titles)
        for joint, (reason, target, relation) in self.undercut.items():
            written = Argument(joint, (Ref(reason),), "supports" if relation == "supports" else "attacks", Ref(target))
            self.argument(written, statement_titles, inference=True)
        return "\n".join([*self.front_matter(), *self.lines]) + "\n"

    def heading(self, section_id: str) -> None:
        section = self.map.sections[section_id]
        title = escape_text(section.title)
        data = data_block({"id": section.id, "title": _exact(section.title, title), "note": section.note})
        self.lines += ["", f"# {title} {data}"]


def to_argdown(argument_map: ArgumentMap) -> str:
    """The map as Argdown: statements with their relations, arguments as premise-conclusion structures.

    An attacking linked argument concludes in a statement that says the
    target is false and attacks it (marked ``{relation: "attacks"}``), which
    our reader folds back into one argument.
    """
    return _Writer(argument_map).write()
