"""The outline of each kind of statement as a custom geometry with connection sites all along its sides.

DrawingML's preset shapes have one connection site in the middle of each side
(a box) or two (an octagon), so every line to a box from below met at one
point. Our statements are drawn as custom geometries (``a:custGeom``) with the
look of their kind (Graphviz's: a rounded box, a plain box, a note with its top
right corner folded, an octagon, a box with cut corners) and ``SITES_PER_SIDE``
sites spread along the straight part of each side, so lines to one box can
arrive side by side (``routing`` spreads them). A site's index is its place in
``a:cxnLst``: first the middle of each side in the order of DrawingML's ``rect``
(top, left, bottom, right), then the others of the top side left to right, of
the right side top to bottom, of the bottom right to left, of the left bottom to
top. LibreOffice (7.4) glues indices 0 to 3 of any shape to the middles of its
box's sides in that order, whatever the shape's ``a:cxnLst`` says, and the rest
as listed: with the middles first both viewers put every end in the same place.
"""

from __future__ import annotations

from dataclasses import dataclass

from usfk_argmap.present.slides.pptx.geometry import DOWN, LEFT, RIGHT, UP, Site

#: Connection sites along each side of a statement.
SITES_PER_SIDE = 5
#: Octagon corner cut as a share of the shorter side (DrawingML's octagon default, 29289 of 100000).
OCTAGON_CUT = 0.29289
#: The angle (60000ths of a degree, clockwise from the x axis) a line leaves each side at.
_ANGLES = {UP: 16_200_000, RIGHT: 0, DOWN: 5_400_000, LEFT: 10_800_000}


@dataclass(frozen=True)
class Outline:
    """A statement's outline: its kind's geometry, its box (EMU), and how far from each corner its sides are straight."""

    geometry: str
    width: int
    height: int
    #: The corner radius (``roundRect``), cut (``octagon``, ``cutCorners``) or fold (``foldedCorner``), EMU.
    corner: int = 0

    @property
    def straight_from(self) -> int:
        """How far from a corner a side is straight, so sites sit on the line itself."""
        return min(self.corner, self.width // 3, self.height // 3)

    def local_sites(self) -> list[tuple[float, float, tuple[float, float]]]:
        """The sites in the shape's own box: (x, y, outward direction), in ``a:cxnLst`` order."""
        w, h, c = self.width, self.height, self.straight_from
        if self.geometry == "foldedCorner":  # straight everywhere but at the fold, top right
            sides = {UP: (0, 0, w - c, 0), RIGHT: (w, c, w, h), DOWN: (w, h, 0, h), LEFT: (0, h, 0, 0)}
        else:
            sides = {UP: (c, 0, w - c, 0), RIGHT: (w, c, w, h - c), DOWN: (w - c, h, c, h), LEFT: (0, h - c, 0, c)}
        found: list[tuple[float, float, tuple[float, float]]] = [
            (w / 2, 0, UP),
            (0, h / 2, LEFT),
            (w / 2, h, DOWN),
            (w, h / 2, RIGHT),
        ]
        for side, (x0, y0, x1, y1) in sides.items():
            for k in range(SITES_PER_SIDE):
                if k == SITES_PER_SIDE // 2:
                    continue  # the middle, listed first
                share = (k + 1) / (SITES_PER_SIDE + 1)
                found.append((x0 + (x1 - x0) * share, y0 + (y1 - y0) * share, side))
        return found

    def sites(self, left: float, top: float) -> list[Site]:
        """The sites on the slide, for a shape whose box starts at ``left``, ``top`` (EMU)."""
        return [Site(index, left + x, top + y, direction) for index, (x, y, direction) in enumerate(self.local_sites())]

    def xml(self) -> str:
        """The ``a:custGeom``: the outline (filled), its inner lines (a fold, cut corners), and the sites."""
        w, h = self.width, self.height
        sites = "".join(
            f'<a:cxn ang="{_ANGLES[direction]}"><a:pos x="{round(x)}" y="{round(y)}"/></a:cxn>'
            for x, y, direction in self.local_sites()
        )
        paths = f'<a:path w="{w}" h="{h}">{self._outline()}<a:close/></a:path>'
        inner = self._inner()
        if inner:
            paths += f'<a:path w="{w}" h="{h}" fill="none">{inner}</a:path>'
        return (
            f"<a:custGeom><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst>{sites}</a:cxnLst>"
            f'<a:rect l="l" t="t" r="r" b="b"/><a:pathLst>{paths}</a:pathLst></a:custGeom>'
        )

    def _outline(self) -> str:
        w, h, c = self.width, self.height, self.straight_from
        if self.geometry == "roundRect" and c:
            quarter = 5_400_000
            arc = f'<a:arcTo wR="{c}" hR="{c}" stAng="{{}}" swAng="{quarter}"/>'
            return (
                f"{_move(c, 0)}{_line(w - c, 0)}{arc.format(16_200_000)}{_line(w, h - c)}{arc.format(0)}"
                f"{_line(c, h)}{arc.format(5_400_000)}{_line(0, c)}{arc.format(10_800_000)}"
            )
        if self.geometry == "octagon":
            corners = [(c, 0), (w - c, 0), (w, c), (w, h - c), (w - c, h), (c, h), (0, h - c), (0, c)]
        elif self.geometry == "foldedCorner":
            corners = [(0, 0), (w - c, 0), (w, c), (w, h), (0, h)]
        else:  # a box: rect, and cutCorners (whose cuts are inner lines, as Graphviz's ``diagonals``)
            corners = [(0, 0), (w, 0), (w, h), (0, h)]
        return _move(*corners[0]) + "".join(_line(x, y) for x, y in corners[1:])

    def _inner(self) -> str:
        w, h, c = self.width, self.height, self.straight_from
        if self.geometry == "foldedCorner":
            return _move(w - c, 0) + _line(w - c, c) + _line(w, c)
        if self.geometry == "cutCorners":
            return "".join(
                _move(x1, y1) + _line(x2, y2)
                for x1, y1, x2, y2 in ((c, 0, 0, c), (w - c, 0, w, c), (w, h - c, w - c, h), (c, h, 0, h - c))
            )
        return ""


def _move(x: float, y: float) -> str:
    return f'<a:moveTo><a:pt x="{round(x)}" y="{round(y)}"/></a:moveTo>'


def _line(x: float, y: float) -> str:
    return f'<a:lnTo><a:pt x="{round(x)}" y="{round(y)}"/></a:lnTo>'
