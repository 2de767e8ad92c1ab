"""A picture fitted to an exact size (``render --fit``): Graphviz's flags for it, and a PNG's last pixel."""

from __future__ import annotations

import re

#: Graphviz's own margin around a drawing, in inches (our DOT's ``pad``); a fitted picture keeps at least this.
DRAWING_PAD_INCHES = 0.2

_SVG_VIEWBOX = re.compile(rb'viewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"')


def letterbox_flags(svg_unpadded: bytes, width: float, height: float) -> list[str]:
    """Graphviz flags that give a drawing exactly ``width`` x ``height`` inches, the drawing centred.

    ``svg_unpadded`` is the drawing laid out at its natural size with no pad
    (``-Gsize= -Gpad=0``): its viewBox is the drawing's box in points. The
    drawing is scaled to fit inside the size less Graphviz's usual margin,
    and the pad (drawn in the background colour, or left transparent) takes
    up the rest on the two sides that would otherwise fall short.
    """
    match = _SVG_VIEWBOX.search(svg_unpadded)
    if match is None:
        raise ValueError("Graphviz's SVG has no viewBox")
    box_width, box_height = float(match.group(3)) / 72.0, float(match.group(4)) / 72.0
    margin = 2 * DRAWING_PAD_INCHES
    scale = min(width / (box_width + margin), height / (box_height + margin))
    pad_x = max(0.0, (width / scale - box_width) / 2)
    pad_y = max(0.0, (height / scale - box_height) / 2)
    return [f"-Gsize={width:.6f},{height:.6f}!", f"-Gpad={pad_x:.6f},{pad_y:.6f}"]


def exact_png_size(png: bytes, width: int, height: int) -> bytes:
    """The PNG at exactly ``width`` x ``height`` pixels, the picture centred.

    Graphviz rounds a page to whole points before it turns points into
    pixels, so a fitted PNG can be a pixel or two off the size asked for; the
    difference is taken from or added to the pad, in the pad's own colour
    (the background, or transparency).
    """
    import struct

    if png[12:16] == b"IHDR" and struct.unpack(">II", png[16:24]) == (width, height):
        return png
    import io

    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        picture = image.convert("RGBA")
    background = picture.getpixel((0, 0))
    canvas = Image.new("RGBA", (width, height), background)
    canvas.paste(picture, ((width - picture.width) // 2, (height - picture.height) // 2))
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()
