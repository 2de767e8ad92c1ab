"""What the language server's hover says: a statement, an argument, a section, or a code's documentation.

The map's own words are untrusted, so they are written through a ``Markup``:
escaped Markdown for a client whose hover shows Markdown, plain text for one
that does not say so (``hover_markup``).
"""

from __future__ import annotations

from lsprotocol import types

from usfk_argmap.authoring.document import MapDocument, quote_status
from usfk_argmap.authoring.markup import MARKDOWN, PLAIN, Markup


def hover_markup(capabilities: types.ClientCapabilities) -> Markup:
    """Markdown (the map's words escaped) when the client says its hover shows Markdown; plain text otherwise."""
    hover = capabilities.text_document.hover if capabilities.text_document is not None else None
    formats = (hover.content_format if hover is not None else None) or []
    return MARKDOWN if types.MarkupKind.Markdown in formats else PLAIN


def code_documentation(code: str, markup: Markup) -> str | None:
    from usfk_argmap.rules.catalogue import catalogue

    entry = next((e for e in catalogue() if e.code == code), None)
    if entry is None:
        return None
    if not markup.markdown:
        return f"{entry.code} {entry.name} ({entry.severity.value})\n\n{entry.doc}"
    return f"**{entry.code}** `{entry.name}` ({entry.severity.value})\n\n{entry.doc}"  # our own text: its markup is meant


def item_hover(document: MapDocument, item_id: str, markup: Markup) -> str | None:
    """An id's hover: a statement's kind, text, gloss, quote status and note; an argument; a section.

    Everything the map or its source says goes through ``markup.literal``: in
    Markdown it is escaped, so a text cannot show an image, a link or HTML.
    """
    argument_map = document.map
    if argument_map is None:
        return None
    literal = markup.literal
    if item_id in argument_map.nodes:
        node = argument_map.nodes[item_id]
        heading = f"{markup.strong(node.id)} · {literal(node.kind)}" + (
            f" · section {literal(node.section)}" if node.section else ""
        )
        parts = [heading, "", literal(node.text)]
        if node.en:
            parts += ["", markup.emphasis(node.en)]
        parts += ["", quote_status(document, item_id, markup)]
        if node.note:
            parts += ["", f"Note: {literal(node.note)}"]
        return "\n".join(parts)
    if item_id in argument_map.arguments:
        argument = argument_map.arguments[item_id]
        premises = " + ".join(literal(p.target) for p in argument.premises)
        relation = f"{premises} {literal(argument.relation)} {literal(argument.target.target)}"
        note = f"\n\nNote: {literal(argument.note)}" if argument.note else ""
        return f"{markup.strong(argument.id)} · linked argument\n\n{relation}{note}"
    if item_id in argument_map.sections:
        section = argument_map.sections[item_id]
        members = [literal(n.id) for n in argument_map.nodes.values() if n.section == item_id]
        title = literal(section.title)
        return f"{markup.strong(section.id)} · section\n\n{title}\n\n{len(members)} statement(s): {', '.join(members)}"
    return None
