"""Small text operations on the SVG that Graphviz writes, for inlining it in HTML.

Several SVGs of one map may stand in one page (the deck has the whole map, a
section, a focus view...), and each holds the same ids (``am-n3``, ``graph0``).
Prefixing every id keeps the page valid; the deck's script looks ids up
inside one figure, with the prefix.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

_PROLOG = re.compile(r"\A(?:\s|<\?xml[^>]*\?>|<!DOCTYPE[^>]*>|<!--.*?-->)*", re.DOTALL)
#: A start tag, its attribute values in either quote (``quoteattr`` writes ``'`` around a value holding ``"``).
_TAG = re.compile(r"""<[A-Za-z][^<>"']*(?:(?:"[^"]*"|'[^']*')[^<>"']*)*>""")
_ATTRIBUTE = re.compile(r"""(\s)([A-Za-z_:][-\w:.]*)=("[^"]*"|'[^']*')""")
_URL_REF = re.compile(r"url\(#([^)]*)\)")
_SVG_SIZE = re.compile(r'<svg\b[^>]*?\bwidth="([0-9.]+)(pt|px)?"[^>]*?\bheight="([0-9.]+)(pt|px)?"', re.DOTALL)
_GROUP_IDS = re.compile(r'<g\b[^>]*?\bid="([^"]*)"')


def strip_prolog(svg: str) -> str:
    """The ``<svg>`` element alone: no XML declaration, doctype or leading comments."""
    return _PROLOG.sub("", svg, count=1)


def prefix_ids(svg: str, prefix: str) -> str:
    """Prefix every id of ``svg`` and every in-document reference to one of them.

    Only attributes are touched, never text: a label that reads ``url(#grad)``
    or ``id="x"`` stays as written, and ``data-am-id`` (a map id, not an SVG
    id) keeps its value. A reference is prefixed only when it names an id the
    document has.
    """
    if not prefix:
        return svg
    ids: set[str] = set()
    for tag in _TAG.finditer(svg):
        for found in _ATTRIBUTE.finditer(tag.group(0)):
            if found.group(2) == "id":
                ids.add(found.group(3)[1:-1])

    def reference(match: re.Match[str]) -> str:
        return f"url(#{prefix}{match.group(1)})" if match.group(1) in ids else match.group(0)

    def attribute(match: re.Match[str]) -> str:
        space, name, quoted = match.groups()
        quote, value = quoted[0], quoted[1:-1]
        if name == "id":
            value = prefix + value
        elif name in ("href", "xlink:href"):
            if value.startswith("#") and value[1:] in ids:
                value = f"#{prefix}{value[1:]}"
        elif "url(#" in value:
            value = _URL_REF.sub(reference, value)
        else:
            return match.group(0)
        return f"{space}{name}={quote}{value}{quote}"

    return _TAG.sub(lambda tag: _ATTRIBUTE.sub(attribute, tag.group(0)), svg)


def inline_svg(svg: bytes | str, prefix: str) -> str:
    """An SVG document made ready to paste into HTML: prolog dropped, ids prefixed."""
    text = svg.decode("utf-8") if isinstance(svg, bytes) else svg
    return prefix_ids(strip_prolog(text), prefix)


def group_ids(svg: bytes | str) -> list[str]:
    """The ids of the SVG's groups, unescaped (Graphviz writes ``am-n1`` as ``am&#45;n1``), in order."""
    text = svg.decode("utf-8") if isinstance(svg, bytes) else svg
    return [html.unescape(found) for found in _GROUP_IDS.findall(text)]


def size_in_points(svg: bytes | str) -> tuple[float, float]:
    """The width and height the SVG declares, in points (Graphviz writes ``pt``)."""
    text = svg.decode("utf-8") if isinstance(svg, bytes) else svg
    match = _SVG_SIZE.search(text)
    if match is None:
        raise ValueError("the SVG declares no width and height")
    scale_w = 0.75 if match.group(2) == "px" else 1.0
    scale_h = 0.75 if match.group(4) == "px" else 1.0
    return float(match.group(1)) * scale_w, float(match.group(3)) * scale_h


#: ``_PROLOG``, ``_TAG``, ``_ATTRIBUTE`` and ``_URL_REF`` for UTF-8 bytes (``inline_svg_pieces``).
_PROLOG_BYTES = re.compile(rb"\A(?:\s|<\?xml[^>]*\?>|<!DOCTYPE[^>]*>|<!--.*?-->)*", re.DOTALL)
_TAG_BYTES = re.compile(rb"""<[A-Za-z][^<>"']*(?:(?:"[^"]*"|'[^']*')[^<>"']*)*>""")
_ATTRIBUTE_BYTES = re.compile(rb"""(\s)([A-Za-z_:][-\w:.]*)=("[^"]*"|'[^']*')""")
_URL_REF_BYTES = re.compile(rb"url\(#([^)]*)\)")


def inline_svg_pieces(svg: bytes, prefix: str, root_attributes: bytes = b"", piece: int = 1 << 20) -> Iterator[bytes]:
    """``inline_svg(svg, prefix)`` as UTF-8, in pieces of about ``piece`` bytes, ``root_attributes`` put first in ``<svg``.

    The same bytes as ``inline_svg`` with ``root_attributes`` (ending in a space) after the first
    ``<svg ``, encoded; made from the bytes as they are, a piece at a time: a 10,000-statement map's
    picture is 24 MB, and decoded, prefixed whole and encoded again it was five copies at once.
    (Graphviz writes ASCII names and spaces in tags, where ``\\w`` and ``\\s`` of bytes and of text agree.)
    """
    start = _PROLOG_BYTES.match(svg).end()  # type: ignore[union-attr]  # the pattern matches the empty string
    root = svg.find(b"<svg ", start)
    root_tag = _TAG_BYTES.match(svg, root) if root >= 0 else None
    if root_attributes and root >= 0 and root_tag is None:  # "<svg " not a tag's start: put the attributes in first
        svg, start = svg[start:root] + b"<svg " + root_attributes + svg[root + 5 :], 0
        root_attributes, root = b"", -1
    encoded = prefix.encode("utf-8")
    ids = _document_ids(svg, start) if prefix else set()

    def reference(match: re.Match[bytes]) -> bytes:
        return b"url(#" + encoded + match.group(1) + b")" if match.group(1) in ids else match.group(0)

    def attribute(match: re.Match[bytes]) -> bytes:
        space, name, quoted = match.groups()
        quote, value = quoted[:1], quoted[1:-1]
        if name == b"id":
            value = encoded + value
        elif name in (b"href", b"xlink:href"):
            if value.startswith(b"#") and value[1:] in ids:
                value = b"#" + encoded + value[1:]
        elif b"url(#" in value:
            value = _URL_REF_BYTES.sub(reference, value)
        else:
            return match.group(0)
        return space + name + b"=" + quote + value + quote

    held: list[bytes] = []
    size = 0
    at = start
    for tag in _TAG_BYTES.finditer(svg, start):
        text = tag.group(0)
        if tag.start() == root and root_attributes:
            text = b"<svg " + root_attributes + text[5:]
        made = _ATTRIBUTE_BYTES.sub(attribute, text) if prefix else text
        held += (svg[at : tag.start()], made)
        size += tag.end() - at
        at = tag.end()
        if size >= piece:
            yield b"".join(held)
            held, size = [], 0
    held.append(svg[at:])
    yield b"".join(held)


def _document_ids(svg: bytes, start: int) -> set[bytes]:
    """The values of every ``id`` attribute in the tags of ``svg`` from ``start``."""
    ids: set[bytes] = set()
    for tag in _TAG_BYTES.finditer(svg, start):
        for found in _ATTRIBUTE_BYTES.finditer(tag.group(0)):
            if found.group(2) == b"id":
                ids.add(found.group(3)[1:-1])
    return ids
