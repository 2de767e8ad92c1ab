"""The finished SVG made readable by assistive technology (WAI-ARIA Graphics, SVG-AAM).

- the root ``<svg>`` carries the map's ``lang`` and ``role="graphics-document"``, and
  starts with a ``<title>`` (the map's title) and a ``<desc>`` (``words.summary_words``);
- each statement's group has ``role="graphics-symbol"`` and, as its ``<title>``, the
  statement said in words (``words.Sayer``: kind, id, text, relations); its drawn
  lines of text, the same words wrapped, are hidden;
- every other group (lines, joints, sections, the legend) is ``aria-hidden``: what a
  line means is said in the names of the statements;
- the statements' groups come after all the others, in argument order (the thesis, then
  depth first: each claim, its reasons, objections and answers; ``analysis.buildup``), so
  a screen reader reads the argument, not Graphviz's emit order. Lines are drawn first,
  under the statements, as Graphviz clips them at the statements' borders;
- a statement's drawn lines of its English gloss (``--lang gloss``, or under the text with
  ``--lang both``) carry ``lang="en"`` when the map is in another language.

Graphviz's own ``<title>`` of the whole drawing (the DOT graph's name) is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from usfk_argmap.analysis.buildup import build_order
from usfk_argmap.core.model import ArgumentMap
from usfk_argmap.drawing.style import BADGE_FONT_SIZE, GLOSS_FONT_SIZE
from usfk_argmap.drawing.words import Sayer, summary_words

#: A group's start or end tag.
_GROUP_TAG = re.compile(rb"<g\b[^>]*>|</g>")
#: The root element's start tag.
_SVG_START = re.compile(rb"<svg\b[^>]*>")
#: A group's id and class, as ``finish_svg`` leaves them.
_ID_CLASS = re.compile(rb'<g id="([^"]*)" class="([^"]*)"')
#: Graphviz's title of a group, right after its start tag.
_TITLE = re.compile(rb"\s*<title>[^<]*</title>")
#: A comment Graphviz writes (``<!-- n1 -->``), and the space before it.
_COMMENTS = re.compile(rb"\s*<!--.*?-->", re.DOTALL)


def _text(value: str) -> bytes:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").encode("utf-8")


def _attribute(value: str) -> bytes:
    return _text(value).replace(b'"', b"&quot;")


def argument_order(argument_map: ArgumentMap) -> list[str]:
    """Every statement in argument order: the thesis, then depth first (``analysis.buildup``); the rest in file order."""
    tops = [argument_map.root] if argument_map.root in argument_map.nodes else []
    return [node_id for unit in build_order(argument_map, tops, argument_map.nodes) for node_id in unit.nodes]


@dataclass(frozen=True)
class MapReading:
    """What every picture of one map is made accessible with, read once (a deck makes hundreds of pictures).

    SVG group id -> statement id; each statement's place in argument order and in file order.
    """

    statement_of: dict[bytes, str]
    position: dict[str, int]
    file_order: dict[str, int]

    @classmethod
    def of(cls, argument_map: ArgumentMap, ids: Mapping[str, str], order: Sequence[str] | None = None) -> MapReading:
        return cls(
            {svg_id.encode(): map_id for map_id, svg_id in ids.items() if map_id in argument_map.nodes},
            {node_id: index for index, node_id in enumerate(argument_order(argument_map) if order is None else order)},
            {node_id: index for index, node_id in enumerate(argument_map.nodes)},
        )


def accessible_svg(
    svg: bytes,
    argument_map: ArgumentMap,
    ids: Mapping[str, str],
    *,
    verdict: str | None = None,
    drawn: Collection[str] | None = None,
    lang_mode: str = "text",
    order: Sequence[str] | None = None,
    reading: MapReading | None = None,
) -> bytes:
    """``finish_svg``'s SVG with roles, names, a title and a description, its statements in argument order.

    ``ids`` is map id -> SVG group id (``svg_ids``); ``verdict`` the thesis's status when
    the drawing shows the evaluation. An SVG whose groups are not as Graphviz writes them
    (Cairo's, text drawn as outlines) is given its root's attributes, title and description
    only; ``drawn`` says which statements it draws (None: those whose groups it has).
    ``lang_mode`` is what the statements show (``RenderOptions.lang_mode``); ``order`` is
    ``argument_order(argument_map)`` when the caller has it already (one map, many pictures);
    ``reading`` is ``MapReading.of(argument_map, ids, order)``, when the caller has it (then the
    picture costs what it draws, not the map).
    """
    reading = reading if reading is not None else MapReading.of(argument_map, ids, order)
    statement_of = reading.statement_of
    body = _reordered(svg, statement_of, reading.position, argument_map, lang_mode)
    if drawn is None:
        drawn = [statement_of[found] for found in _ID_CLASS_IDS.findall(body) if found in statement_of]
    in_file_order = sorted((n for n in set(drawn) if n in reading.file_order), key=reading.file_order.__getitem__)
    return _with_root(body, argument_map, in_file_order, verdict)


_ID_CLASS_IDS = re.compile(rb'<g id="([^"]*)" class="node am-node')


def _with_root(svg: bytes, argument_map: ArgumentMap, drawn: list[str], verdict: str | None) -> bytes:
    root = _SVG_START.search(svg)
    if root is None:
        return svg
    start = root.group(0)
    attributes = b' lang="' + _attribute(argument_map.lang) + b'" role="graphics-document"'
    opened = start[:-1] + attributes + b">"
    title = b"\n<title>" + _text(" ".join(argument_map.title.split())) + b"</title>"
    desc = b"\n<desc>" + _text(summary_words(argument_map, drawn, verdict)) + b"</desc>"
    return svg[: root.start()] + opened + title + desc + svg[root.end() :]


def _reordered(
    svg: bytes, statement_of: Mapping[bytes, str], order: Mapping[str, int], argument_map: ArgumentMap, lang_mode: str
) -> bytes:
    """The drawing's top-level groups marked up, the statements moved after the rest in argument order."""
    sayer = Sayer(argument_map)
    # The gloss's lines: all the text lines but the badges' (gloss), the small lines under the text (both).
    glossed = lang_mode in ("gloss", "both") and argument_map.lang.split("-")[0].lower() != "en"
    gloss_size = _font_size(BADGE_FONT_SIZE if lang_mode == "gloss" else GLOSS_FONT_SIZE)
    tags = list(_GROUP_TAG.finditer(svg))
    if not tags or not tags[0].group(0).startswith((b'<g id="am-map"', b'<g id="am&#45;map"')):
        return svg
    drawing = tags[0]
    head_end = drawing.end()
    title = _TITLE.match(svg, head_end)
    # Graphviz's title of the drawing is the DOT graph's name: no name for anyone.
    inner_start = title.end() if title is not None else head_end
    others: list[bytes] = []
    statements: list[tuple[int, int, bytes]] = []
    depth = 0
    start = last_end = inner_start
    drawing_end = -1
    lead = b""
    for tag in tags[1:]:
        if tag.group(0) == b"</g>":
            if depth == 0:
                drawing_end = tag.start()
                break
            depth -= 1
            if depth == 0:
                piece = svg[start : tag.end()]
                found = _ID_CLASS.match(piece)
                map_id = statement_of.get(found.group(1)) if found is not None else None
                if map_id is None:
                    others.append(_hidden(piece))
                else:
                    node = argument_map.nodes[map_id]
                    named = _named(piece, sayer.statement(node))
                    if glossed and node.en:
                        named = _gloss_lang(named, gloss_size, lang_mode == "gloss")
                    statements.append((order.get(map_id, len(order)), len(statements), named))
                last_end = tag.end()
            continue
        if depth == 0:
            # Graphviz's comments name its nodes and lines (invisible ones too): left out.
            before = _COMMENTS.sub(b"", svg[last_end : tag.start()]).rstrip()
            if not others and not statements:
                lead = before  # the background, before the first group
            elif before.strip():
                return svg  # text between groups that is not a comment: not as Graphviz writes it
            start = tag.start()
        depth += 1
    if drawing_end < 0:
        return svg
    statements.sort()
    tail = svg[last_end:drawing_end]
    pieces = [svg[:head_end], lead, *(b"\n" + p for p in others), *(b"\n" + p for _, _, p in statements), tail]
    return b"".join(pieces) + svg[drawing_end:]


def _font_size(size: float) -> bytes:
    """A text's font size as Graphviz writes it."""
    return f' font-size="{size:.2f}"'.encode()


#: A drawn line of text's start tag, up to its font size.
_TEXT_START = re.compile(rb'<text aria-hidden="true" [^>]*? font-size="[^"]*"')


def _gloss_lang(group: bytes, size: bytes, but_size: bool) -> bytes:
    """The group's drawn lines of the gloss marked English: those of font ``size``, or all but those (``but_size``)."""

    def marked(found: re.Match[bytes]) -> bytes:
        tag = found.group(0)
        if tag.endswith(size) == but_size:
            return tag
        return tag.replace(b"<text ", b'<text lang="en" ', 1)

    return _TEXT_START.sub(marked, group)


def _hidden(group: bytes) -> bytes:
    """A group hidden from assistive technology, and its Graphviz title with it."""
    end = group.index(b">")
    opened = group[:end] + b' aria-hidden="true">'
    return opened + group[end + 1 :]


def _named(group: bytes, name: str) -> bytes:
    """A statement's group as a graphics symbol, its title the statement said in words."""
    end = group.index(b">")
    opened = group[:end] + b' role="graphics-symbol">'
    rest = group[end + 1 :]
    title = _TITLE.match(rest)
    named = b"\n<title>" + _text(name) + b"</title>"
    # The drawn lines of text are the name again, wrapped: read once, as the name.
    drawn = (rest[title.end() :] if title is not None else rest).replace(b"<text ", b'<text aria-hidden="true" ')
    return opened + named + drawn
