"""Completion for the language server: what fits at the cursor, filtered by what is typed there.

The cursor's context is read from the line's text, not from the loaded map:
while the user types, the YAML is often broken (``supports: [``), so the
ids offered come from the last version of the map that loaded.
Each item's ``textEdit`` replaces exactly the typed prefix (``C`` of
``supports: C``), in UTF-16 units, so every editor inserts the same text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from lsprotocol import types

from usfk_argmap.authoring.document import ID_KEYS, MapDocument, matching_form
from usfk_argmap.authoring.lsp_ranges import line_text, lsp_position
from usfk_argmap.authoring.lsp_scheme_completion import open_collection, scheme_candidates
from usfk_argmap.core.model import NODE_KINDS, ArgumentMap
from usfk_argmap.mapfile.fields import ARGUMENT_KEYS, NODE_KEYS, TOP_KEYS

#: The ends of an undercut, which name statements only.
END_KEYS = ("from", "to")
#: The id or word being typed ends at these (YAML's flow punctuation, and its full-width look-alikes).
#: What ends the id or word being typed (besides white space).
_TYPED_ENDS = frozenset("[]{},:#'\"，、：［］【】｛｝")
_KEY_THEN_NOTHING = re.compile(r"\s*(?:-\s+)?([A-Za-z_]+):\s*")
_KEY_OF_LINE = re.compile(r"^(\s*)(?:-\s+)?([^\s:#'\"]+):")
#: How an editor shows each kind of scheme completion.
_SCHEME_KINDS = {
    "scheme": types.CompletionItemKind.Class,
    "role": types.CompletionItemKind.Field,
    "premise": types.CompletionItemKind.Reference,
    "question": types.CompletionItemKind.EnumMember,
}


class _Candidate(NamedTuple):
    label: str
    detail: str | None
    new_text: str
    kind: types.CompletionItemKind
    documentation: str | None = None


def completion_items(
    document: MapDocument, line: int, column: int, known: ArgumentMap | None = None
) -> list[types.CompletionItem]:
    """What fits at a 0-based position: ids after an id key, kinds after ``kind:``, sections, codes, keys,
    and in the scheme keys scheme ids, roles and question ids (``lsp_scheme_completion``).

    Only the candidates that start with the typed prefix are offered (ignoring
    case and full-width forms); ids never include the statement being edited,
    nor one the same list already holds. ``known`` is the map the ids come
    from when the text does not load as it stands.
    """
    before = line_text(document, line)[:column]
    prefix = _typed_prefix(before)
    head = before[: len(before) - len(prefix)]
    lines = document.lines
    argument_map = document.map or known
    key = _value_key(lines, line, head)
    candidates: list[_Candidate] = []
    schemed = scheme_candidates(lines, line, head, argument_map, _enclosing_item(lines, line))
    if schemed is not None:
        listed = _listed(head)
        candidates = [
            _Candidate(c.label, c.detail, c.label, _SCHEME_KINDS[c.what], c.documentation)
            for c in schemed
            if c.label not in listed
        ]
    elif key in (*ID_KEYS, *END_KEYS) and argument_map is not None:
        taken = {_enclosing_item(lines, line), *_listed(head)}
        reference = types.CompletionItemKind.Reference
        if key == "undercuts":
            candidates += [_Candidate(a.id, "linked argument", a.id, reference) for a in argument_map.arguments.values()]
        candidates += [_Candidate(n.id, f"{n.kind}: {n.text}", n.id, reference) for n in argument_map.nodes.values()]
        candidates = [c for c in candidates if c.label not in taken]
    elif key == "kind":
        candidates = [_Candidate(kind, None, kind, types.CompletionItemKind.EnumMember) for kind in NODE_KINDS]
    elif key == "section" and argument_map is not None:
        candidates = [_Candidate(s.id, s.title, s.id, types.CompletionItemKind.Module) for s in argument_map.sections.values()]
    elif key == "ignore":
        from usfk_argmap.rules.catalogue import catalogue

        value = types.CompletionItemKind.Value
        candidates = [_Candidate(e.code, e.name, f"{e.code}: ", value, e.summary) for e in catalogue()]
    elif key is None and not head.strip():
        candidates = [_Candidate(k, None, f"{k}: ", types.CompletionItemKind.Property) for k in _keys_at(lines, line, head)]
    where = types.Range(lsp_position(document, line, len(head)), lsp_position(document, line, column))
    wanted = matching_form(prefix)
    return [
        types.CompletionItem(
            label=c.label,
            kind=c.kind,
            detail=c.detail,
            documentation=c.documentation,
            filter_text=_filter_text(c.label, prefix),
            sort_text=f"{index:04d}",
            text_edit=types.TextEdit(where, c.new_text),
        )
        for index, c in enumerate(candidates)
        if matching_form(c.label).startswith(wanted)
    ]


def _filter_text(label: str, prefix: str) -> str:
    """What the client compares with the typed prefix: the label, led by the prefix where the two differ
    in case or width (``c`` for C1, ``Ｃ`` for C1), so that a client filtering by its own rules keeps the item."""
    return label if label.startswith(prefix) else prefix + label


def _typed_prefix(before: str) -> str:
    """The id or word the cursor ends, as typed so far (empty after a space or ``[``).

    Read backwards from the cursor: a regex anchored at the end of the line is tried from every
    start and made completion quadratic in a long line.
    """
    start = len(before)
    while start > 0 and not (before[start - 1].isspace() or before[start - 1] in _TYPED_ENDS):
        start -= 1
    return before[start:]


def _key_at_end(text: str) -> str | None:
    """The key ``text`` ends with (``supports:`` and spaces after it), or None; read backwards, in linear time."""
    end = len(text.rstrip())
    if end == 0 or text[end - 1] != ":":
        return None
    start = end - 1
    while start > 0 and (text[start - 1].isascii() and (text[start - 1].isalpha() or text[start - 1] == "_")):
        start -= 1
    return text[start : end - 1] or None


def _value_key(lines: list[str], line: int, head: str) -> str | None:
    """The key whose value starts where ``head`` (the line before the typed prefix) ends, or None.

    ``supports: ``, ``supports: [T, ``, ``undercuts: {from: `` (the inner key),
    ``ignore: {``, and a block list item whose key is on a line above.
    """
    opened = open_collection(head)
    if opened is not None:
        last_item = head[opened + 1 :].rsplit(",", 1)[-1]
        inner = _KEY_THEN_NOTHING.fullmatch(last_item)
        if head[opened] == "{" and inner is not None:
            return inner.group(1)
        if last_item.strip():
            return None
        key = _key_at_end(head[:opened])
        return key if head[opened] == "[" or key == "ignore" else None
    own = _KEY_THEN_NOTHING.fullmatch(head)
    if own is not None:
        return own.group(1)
    if re.fullmatch(r"\s*-\s*", head):  # a block list item: the key is on a line above
        indent = len(head) - len(head.lstrip())
        for above in range(line - 1, -1, -1):
            text = lines[above]
            if not text.strip() or text.lstrip().startswith("-"):
                continue
            if len(text) - len(text.lstrip()) <= indent:
                found = re.match(r"^\s*([A-Za-z_]+):\s*$", text)
                return found.group(1) if found else None
    if re.fullmatch(r"\s+", head) and _parent_key(lines, line) == "ignore":  # a code typed inside an ignore: mapping
        return "ignore"
    return None


def _listed(head: str) -> set[str]:
    """The ids already written in the flow list the cursor is in (``[T, C1, `` holds T and C1)."""
    opened = open_collection(head)
    if opened is None or head[opened] != "[":
        return set()
    return {item.strip() for item in head[opened + 1 :].split(",") if item.strip()}


def _enclosing_item(lines: list[str], line: int) -> str | None:
    """The id of the node or argument whose block holds ``line`` (the key just under ``nodes:``/``arguments:``)."""
    text = lines[line] if line < len(lines) else ""
    own = _KEY_OF_LINE.match(text)
    indent = len(text) - len(text.lstrip())
    chain: list[str | None] = [own.group(2) if own is not None else None]
    for above in range(line - 1, -1, -1):
        candidate = lines[above]
        if not candidate.strip() or candidate.lstrip().startswith("#"):
            continue
        candidate_indent = len(candidate) - len(candidate.lstrip())
        if candidate_indent < indent:
            found = _KEY_OF_LINE.match(candidate)
            chain.append(found.group(2) if found is not None else None)
            indent = candidate_indent
            if indent == 0:
                break
    if len(chain) >= 2 and chain[-1] in ("nodes", "arguments"):
        return chain[-2]
    return None


def _keys_at(lines: list[str], line: int, head: str) -> Iterable[str]:
    """The keys that fit a new line at this indent: top-level keys, a node's or an argument's."""
    indent = len(head)
    if indent == 0:
        return TOP_KEYS
    if indent < 4:
        return ()
    return ARGUMENT_KEYS if _parent_key(lines, line) == "arguments" else NODE_KEYS


def _parent_key(lines: list[str], line: int) -> str | None:
    """The nearest key above ``line`` indented less than it, climbing to the top-level one when nested."""
    text = lines[line] if line < len(lines) else ""
    indent = len(text) - len(text.lstrip())
    for above in range(line - 1, -1, -1):
        candidate = lines[above]
        if not candidate.strip():
            continue
        candidate_indent = len(candidate) - len(candidate.lstrip())
        if candidate_indent < indent:
            found = re.match(r"^\s*([^\s:#]+):", candidate)
            if found is None:
                return None
            if candidate_indent == 0 or found.group(1) == "ignore":
                return found.group(1)
            indent = candidate_indent
    return None
