"""Completion of the scheme keys: scheme ids, role names, the premises that play them, and question ids.

Where the cursor is, read from the text as ``lsp_completion`` reads it (the
YAML is often broken while the user types):

- ``scheme: `` on an argument, and a value of ``schemes: {T: }``: scheme ids
  (a key there: the statements the node supports or attacks);
- a key of ``roles: {}``: the roles of the argument's scheme, a value: its premises;
- ``to: `` in an ``answers`` entry: the arguments with a scheme, then the
  statements; ``question: ``: the questions of the scheme of the
  inference its ``to`` (and ``from``) name, open ones first; of every scheme
  the map uses when the entry names no inference yet.

Flow (``roles: {expertise: P1, `` on one line) and block forms (a key on a
line of its own under ``roles:``, or under ``- to: A1`` in ``answers:``) alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from usfk_argmap.core.model import Argument, ArgumentMap, relation_id

#: The keys whose values this module completes.
OWNER_KEYS = ("schemes", "roles", "answers")
_KEY = re.compile(r"^\s*(?:-\s+)?([^\s:#'\"{}\[\],]+):\s*$")
_LINE_KEY = re.compile(r"^(\s*)(-\s+)?([^\s:#'\"{}\[\],]+):\s*(.*?)\s*$")
_PAIR = re.compile(r"([^\s:#'\"{}\[\],]+):\s*(\"[^\"]*\"|'[^']*'|[^\s#'\"{}\[\],]+)")


@dataclass(frozen=True)
class SchemeCandidate:
    """One completion: the label (also the text inserted), a detail line, documentation, and what it is."""

    label: str
    detail: str | None
    documentation: str | None
    what: Literal["scheme", "role", "premise", "question"]


@dataclass(frozen=True)
class _Place:
    """Where the cursor is: under which key (``schemes``, ``roles``, ``answers``, ``scheme``), as a key or a value."""

    owner: str
    #: The key whose value is being typed, or None when a key itself is typed.
    key: str | None
    #: The other ``key: value`` pairs of the same mapping (an answer's ``to`` and ``from``).
    siblings: dict[str, str]


def scheme_candidates(
    lines: list[str], line: int, head: str, argument_map: ArgumentMap | None, item: str | None
) -> list[SchemeCandidate] | None:
    """The candidates at the cursor (``head``: the line before the typed prefix), or None outside the scheme keys.

    ``item`` is the node or argument whose block holds the line.
    """
    place = _place(lines, line, head)
    if place is None:
        return None
    if argument_map is None:
        return []
    nodes = argument_map.nodes
    if place.owner == "scheme" or (place.owner == "schemes" and place.key is not None):
        return _schemes(argument_map)
    if place.owner == "schemes":  # a key: a statement the node supports or attacks
        node = nodes.get(item or "")
        targets = [ref.target for ref in (*node.supports, *node.attacks)] if node is not None else []
        return [SchemeCandidate(t, nodes[t].text if t in nodes else None, None, "premise") for t in dict.fromkeys(targets)]
    if place.owner == "answers" and place.key == "to" and "from" not in place.siblings:
        schemed = [a for a in argument_map.arguments.values() if a.scheme is not None]
        return [
            *(
                SchemeCandidate(a.id, f"{a.scheme.target if a.scheme else ''} → {a.target.target}", None, "premise")
                for a in schemed
            ),
            *(SchemeCandidate(n.id, f"{n.kind}: {n.text}", None, "premise") for n in nodes.values() if n.id != item),
        ]
    if place.owner == "roles":
        argument = argument_map.arguments.get(item or "") or _argument_above(argument_map, line)
        if argument is None:
            return []
        if place.key is None:
            roles = _roles(argument_map, argument.scheme.target if argument.scheme is not None else None)
            return [role for role in roles if role.label not in place.siblings]
        return [
            SchemeCandidate(p.target, nodes[p.target].text if p.target in nodes else None, None, "premise")
            for p in argument.premises
        ]
    if place.owner == "answers" and place.key == "question":
        return _questions(argument_map, place.siblings)
    return None


def _argument_above(argument_map: ArgumentMap, line: int) -> Argument | None:
    """The argument defined last before ``line`` (0-based), for an id the text cannot tell (a quoted one)."""
    above = [argument for argument in argument_map.arguments.values() if argument.position.line <= line + 1]
    return max(above, key=lambda argument: argument.position.line, default=None)


def _place(lines: list[str], line: int, head: str) -> _Place | None:
    """The scheme key the cursor is under, from the line's text (flow) or the lines above it (block)."""
    if re.fullmatch(r"\s*(?:-\s+)?scheme:\s*", head):
        return _Place("scheme", "scheme", {})
    opened = _open_brace(head)
    if opened is not None:
        last = head[opened + 1 :].rsplit(",", 1)[-1]
        typed = _KEY.fullmatch(last)
        owner = _owner_of_brace(head, opened)
        if typed is not None and typed.group(1) == "scheme" and owner not in OWNER_KEYS:
            return _Place("scheme", "scheme", {})  # an argument written in flow style
        if owner not in OWNER_KEYS:
            return None
        rest = lines[line][len(head) :].split("}", 1)[0] if line < len(lines) else ""
        siblings = {key: _unquoted(value) for key, value in _PAIR.findall(head[opened + 1 :] + "," + rest)}
        if typed is not None:
            return _Place(owner, typed.group(1), siblings)
        return _Place(owner, None, siblings) if not last.strip() else None
    own = _KEY.fullmatch(head)
    if own is None and head.strip():
        return None
    return _block_place(lines, line, head, own.group(1) if own is not None else None)


def _block_place(lines: list[str], line: int, head: str, key: str | None) -> _Place | None:
    """A key or value on a line of its own: the owner is the key above it, indented less (its list item's)."""
    dash = re.match(r"\s*-\s+", head)
    indent = len(head) - len(head.lstrip())
    #: Where the keys of the mapping being typed in start (after a list item's dash).
    content = dash.end() if dash is not None else indent
    item_indent = indent if dash is not None else content
    siblings: dict[str, str] = {}
    in_item = dash is not None
    for above in range(line - 1, -1, -1):
        found = _LINE_KEY.match(lines[above])
        if found is None or not lines[above].strip():
            continue
        above_indent = len(found.group(1)) + (len(found.group(2)) if found.group(2) else 0)
        if above_indent == item_indent and not in_item:
            siblings.setdefault(found.group(3), _unquoted(found.group(4)))
            if found.group(2):  # the list item this key belongs to starts here
                in_item, item_indent = True, len(found.group(1))
            continue
        if len(found.group(1)) < item_indent:
            owner = found.group(3)
            if owner not in OWNER_KEYS or found.group(4):
                return None
            siblings.update(_following_siblings(lines, line, content))
            return _Place(owner, key, siblings)
    return None


def _following_siblings(lines: list[str], line: int, indent: int) -> dict[str, str]:
    """The ``key: value`` lines just below ``line`` at the same indent (an answer's ``to`` written after)."""
    found: dict[str, str] = {}
    for below in range(line + 1, len(lines)):
        match = _LINE_KEY.match(lines[below])
        if match is None or match.group(2) or len(match.group(1)) != indent:
            break
        found.setdefault(match.group(3), _unquoted(match.group(4)))
    return found


def _unquoted(value: str) -> str:
    """A scalar as YAML reads it when it is quoted simply (``"A>1"``, ``'C:1'``)."""
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def open_collection(head: str) -> int | None:
    """Where the innermost ``[`` or ``{`` still open at the end of ``head`` is, outside quotes; None if all are closed."""
    opened: list[int] = []
    quote = ""
    for index, char in enumerate(head):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "[{":
            opened.append(index)
        elif char in "]}" and opened:
            opened.pop()
    return opened[-1] if opened else None


def _open_brace(head: str) -> int | None:
    """Where the innermost ``{`` still open at the end of ``head`` is (None: none, or a ``[`` is innermost)."""
    opened = open_collection(head)
    return opened if opened is not None and head[opened] == "{" else None


def _owner_of_brace(head: str, opened: int) -> str | None:
    """The key whose value the ``{`` at ``opened`` is, or opens a list item of (``answers: [{..}, {``)."""
    before = head[:opened].rstrip()
    if before.endswith(","):  # an earlier item of a flow list: climb to the list's "["
        depth = 0
        for index in range(len(before) - 1, -1, -1):
            char = before[index]
            if char in "]}":
                depth += 1
            elif char in "[{":
                if depth == 0:
                    before = before[: index + 1]
                    break
                depth -= 1
    if before.endswith(("[", "-")):
        before = before[:-1].rstrip()
    found = re.search(r"([^\s:#'\"{}\[\],]+):$", before)
    return found.group(1) if found is not None else None


def _schemes(argument_map: ArgumentMap) -> list[SchemeCandidate]:
    from usfk_argmap.core.schemes import language_of, schemes

    language = language_of(argument_map.lang)
    return [
        SchemeCandidate(
            entry.id,
            entry.name.in_language(language),
            f"{entry.family.name.in_language(language)}: {entry.conclusion.in_language(language)}",
            "scheme",
        )
        for entry in schemes()
    ]


def _roles(argument_map: ArgumentMap, scheme_id: str | None) -> list[SchemeCandidate]:
    from usfk_argmap.core.schemes import language_of
    from usfk_argmap.rules.scheme_views import catalogue_scheme

    known = catalogue_scheme(scheme_id) if scheme_id is not None else None
    if known is None:
        return []
    language = language_of(argument_map.lang)
    return [SchemeCandidate(role.id, role.text.in_language(language), None, "role") for role in known.roles]


def _questions(argument_map: ArgumentMap, siblings: dict[str, str]) -> list[SchemeCandidate]:
    """The questions of the inference an answer names, open ones first; every scheme's when it names none."""
    from usfk_argmap.analysis.questions import scheme_uses
    from usfk_argmap.core.schemes import catalogue, language_of

    language = language_of(argument_map.lang)
    labels = catalogue().labels_in(language)
    target, source = siblings.get("to"), siblings.get("from")
    inference = relation_id(source, target) if source and target else target
    uses = scheme_uses(argument_map)
    statuses = [s for use in uses.values() if inference is None or use.inference == inference for s in use.questions]
    ordered = sorted(statuses, key=lambda status: not status.is_open) if inference is not None else statuses
    found: dict[str, SchemeCandidate] = {}
    for status in ordered:
        question = status.question
        comma = ", " if language == "en" else "、"
        kind = f"{labels['burdens'][question.burden]}{comma}{labels['targets'][question.target]}"
        detail = f"{status.scheme.id} · {kind}" + ("" if status.is_open else " ✓")
        found.setdefault(question.id, SchemeCandidate(question.id, detail, question.text.in_language(language), "question"))
    return list(found.values())
