"""The source text with each statement's passage highlighted: ``serve``'s ``/source.html``, beside the picture.

A drafted map (``usfk-argmap draft``) is read against its source: every
passage a statement quotes is marked in the text as the author wrote it, with
the statement's id and kind, so what the draft took and what it left out show
at a glance. A passage quoted by two statements is marked for the first; a
quote the source does not hold is listed under the text.
"""

from __future__ import annotations

import html

from usfk_argmap.core.model import ArgumentMap

_STYLE = """
body { margin: 0; font: 15px/1.7 "Noto Sans CJK TC", "Noto Sans", "Liberation Sans", sans-serif; color: #1c1f24; }
header { padding: .4rem .8rem; border-bottom: 1px solid #d9dde3; background: #f6f7f9; }
header h1 { font-size: 1rem; margin: 0; font-weight: 600; }
main { padding: .8rem 1.2rem; max-width: 60rem; }
pre { white-space: pre-wrap; font: inherit; }
mark { border-radius: 3px; padding: 0 .1rem; background: #fff1b8; }
mark sup { font: 600 .7rem monospace; color: #5f6b7a; margin-right: .15rem; }
mark.k-thesis { background: #ffd6a5; } mark.k-claim { background: #cfe3ff; } mark.k-evidence { background: #d8f0d2; }
mark.k-objection { background: #ffd0d0; } mark.k-rebuttal { background: #e6d8ff; }
"""


def source_page(argument_map: ArgumentMap | None) -> str:
    """The HTML page of the map's source with its statements' passages marked; a short page when there is none."""
    title = html.escape(argument_map.title if argument_map is not None else "no map")
    source = argument_map.source_text if argument_map is not None else None
    if argument_map is None or source is None:
        body = "<p>The map names no source text that could be read.</p>"
    else:
        body = _marked(argument_map)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>Source of {title}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        f"<header><h1>Source of {title}</h1></header>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


def _marked(argument_map: ArgumentMap) -> str:
    source = argument_map.source_text
    assert source is not None
    spans: list[tuple[int, int, str, str]] = []
    missing: list[str] = []
    for node in argument_map.nodes.values():
        if not node.quote:
            continue
        found = source.find(node.quote)
        if found is None:
            missing.append(node.id)
        else:
            spans.append((found.start, found.end, node.id, node.kind))
    spans.sort()
    text = source.text
    pieces: list[str] = []
    at = 0
    marked = 0
    for start, end, node_id, kind in spans:
        if start < at:
            continue  # quoted by a statement marked already
        pieces.append(html.escape(text[at:start]))
        label = html.escape(f"{node_id} ({kind})", quote=True)
        pieces.append(
            f'<mark class="k-{html.escape(kind)}" title="{label}"><sup>{html.escape(node_id)}</sup>'
            f"{html.escape(text[start:end])}</mark>"
        )
        at = end
        marked += 1
    pieces.append(html.escape(text[at:]))
    summary = f"<p>{marked} passages marked of {len(argument_map.nodes)} statements.</p>"
    if missing:
        summary += "<p>Quotes not in the source: " + ", ".join(html.escape(node_id) for node_id in missing) + ".</p>"
    return summary + "\n<pre>" + "".join(pieces) + "</pre>"
