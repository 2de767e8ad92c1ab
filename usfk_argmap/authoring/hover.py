"""What the language server's hover says: a statement, an argument, a section, or a code's documentation.

The map's own words are untrusted, so they are written through a ``Markup``:
escaped Markdown for a client whose hover shows Markdown, plain text for one
that does not say so (``hover_markup``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lsprotocol import types

from usfk_argmap.authoring.document import MapDocument, Span, quote_status
from usfk_argmap.authoring.markup import MARKDOWN, PLAIN, Markup
from usfk_argmap.core.model import ArgumentMap

if TYPE_CHECKING:
    from usfk_argmap.analysis.questions import QuestionState
    from usfk_argmap.rules.scheme_views import SchemedInference


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


def scheme_hover(document: MapDocument, line: int, column: int, markup: Markup) -> tuple[str, Span] | None:
    """The hover on a scheme id (``scheme: expert-opinion``, ``schemes: {T: sign}``) or its key, and the word's span.

    It names the scheme in the map's language, which premise plays each of
    its roles (a role no statement plays is a hidden premise), and its
    critical questions: the open ones with their text, then those answered
    and by what (``analysis.questions.scheme_uses`` decides). On the key
    of a line that names several (``schemes: {T: sign, C1: example}``), each.
    """
    argument_map = document.map
    word = document.word_at(line, column) if 0 <= line < len(document.lines) and column <= len(document.lines[line]) else None
    if argument_map is None or word is None:
        return None
    from usfk_argmap.analysis.questions import scheme_uses
    from usfk_argmap.rules.scheme_views import schemed_inferences

    text, span = word
    on_line = [entry for entry in schemed_inferences(argument_map).values() if entry.scheme.position.line == line + 1]
    chosen = [entry for entry in on_line if entry.scheme.target == text] or (on_line if text in ("scheme", "schemes") else [])
    if not chosen:
        return None
    uses = scheme_uses(argument_map)
    parts = [
        _one_scheme(argument_map, entry, list(uses[entry.id].questions) if entry.id in uses else [], markup) for entry in chosen
    ]
    return "\n\n---\n\n".join(parts), span


def _one_scheme(argument_map: ArgumentMap, inference: SchemedInference, statuses: list[QuestionState], markup: Markup) -> str:
    """One inference's scheme: name, roles and questions, the map's words escaped by ``markup``."""
    from usfk_argmap.core.messages import message
    from usfk_argmap.core.schemes import catalogue, language_of, scheme

    lang = argument_map.lang
    language = language_of(lang)
    literal = markup.literal
    known = inference.known
    if known is None:
        try:
            scheme(inference.scheme.target)
        except ValueError as error:
            advice = str(error)
        return f"{markup.strong(inference.scheme.target)} · {literal(inference.id)}\n\n" + message(
            "questions.unknown", lang, advice=literal(advice)
        )
    labels = catalogue().labels_in(language)
    colon, comma = (": ", ", ") if language == "en" else ("：", "、")
    parts = [
        f"{markup.strong(known.id)} · {literal(known.name.in_language(language))} · {literal(inference.id)}",
        "",
        f"{labels['headings']['family']}{colon}{literal(known.family.name.in_language(language))}",
        "",
        f"{labels['headings']['premises']}{colon.rstrip()}",
    ]
    for role in known.roles:
        premise = _player(argument_map, inference, role.id)
        who = markup.emphasis(message("questions.hidden", lang)) if premise is None else literal(premise)
        parts.append(f"- {literal(role.id)} ({who}){colon}{literal(role.text.in_language(language))}")
    open_ones = [status for status in statuses if status.is_open]
    parts += ["", f"{message('questions.open', lang)} ({len(open_ones)}/{len(statuses)}){colon.rstrip()}"]
    if not open_ones:
        parts.append(message("questions.none_open", lang))
    for status in open_ones:
        question = status.question
        kind = f"{labels['burdens'][question.burden]}{comma}{labels['targets'][question.target]}"
        raised = message("questions.raised_by", lang, ids=comma.join(status.raised_by)) if status.raised_by else ""
        about = literal(f"{kind}{comma}{raised}" if raised else kind)
        parts.append(f"- {question.id} ({about}){colon}{literal(question.text.in_language(language))}")
    answered = [status for status in statuses if not status.is_open]
    if answered:
        parts += ["", f"{message('questions.answered', lang)}{colon.rstrip()}"]
        parts += [
            f"- {status.question.id}{colon}{literal(message('questions.answered_by', lang, ids=comma.join(status.answered_by)))}"
            for status in answered
        ]
    return "\n".join(parts)


def _player(argument_map: ArgumentMap, inference: SchemedInference, role_id: str) -> str | None:
    """The statement that plays a role: as ``roles:`` says, or a node's own relation's reason in the first role.

    None for a hidden premise: a role no statement plays (rule AM207 reads roles the same way).
    """
    argument = argument_map.arguments.get(inference.id)
    if argument is not None:
        played = argument.roles.get(role_id)
        return played.target if played is not None else None
    known = inference.known
    first = known is not None and known.roles and known.roles[0].id == role_id
    return inference.reasons[0] if first and inference.reasons else None
