"""--fit gives a picture of exactly the size asked for, the drawing letterboxed in it (real dot renders)."""

from __future__ import annotations

import io
import re
import struct
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image, ImageColor

from tests.helpers import MAPS
from usfk_argmap import open_map
from usfk_argmap.cli.app import main
from usfk_argmap.drawing.render import RenderOptions, render
from usfk_argmap.drawing.style import THEMES

pytestmark = pytest.mark.graphviz

FLAGSHIP = MAPS / "usfk_conclusion.yaml"
TRAM = MAPS / "example_tram.yaml"


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def svg_box(data: bytes) -> tuple[str, str, list[float]]:
    match = re.search(rb'<svg width="([^"]+)" height="([^"]+)"\s+viewBox="([^"]+)"', data)
    assert match is not None
    return match.group(1).decode(), match.group(2).decode(), [float(v) for v in match.group(3).split()]


@pytest.mark.parametrize("map_path", [FLAGSHIP, TRAM], ids=["flagship", "tram"])
@pytest.mark.parametrize(
    ("fit", "dpi", "pixels"),
    [
        ("16:9", 192, (2560, 1440)),
        ("1920x1080px", 192, (1920, 1080)),
        ("1920x1080px", 300, (1920, 1080)),
        ("4:3", 96, (960, 720)),
        ("25x14cm", 192, (1890, 1058)),
        ("3:10", 72, (162, 540)),  # taller than either map: the bands are left and right
    ],
)
def test_fitted_png_has_exactly_the_size_asked(map_path: Path, fit: str, dpi: int, pixels: tuple[int, int]) -> None:
    data = render(open_map(map_path), "png", RenderOptions(fit=fit, dpi=dpi))
    assert png_size(data) == pixels


@pytest.mark.parametrize("map_path", [FLAGSHIP, TRAM], ids=["flagship", "tram"])
def test_fitted_svg_has_exactly_the_size_asked(map_path: Path) -> None:
    width, height, view_box = svg_box(render(open_map(map_path), "svg", RenderOptions(fit="16:9")))
    assert (width, height) == ("960pt", "540pt")  # 13.333 x 7.5 in
    assert view_box == [0.0, 0.0, 960.0, 540.0]
    width, height, view_box = svg_box(render(open_map(map_path), "svg", RenderOptions(fit="1920x1080px")))
    assert (width, height) == ("720pt", "405pt")  # 1920 x 1080 pixels at 192 dpi: 10 x 5.625 in
    assert view_box[2:] == [720.0, 405.0]


def test_letterbox_is_the_background_and_the_drawing_is_centred() -> None:
    # The flagship drawn top-down is far wider than 16:9: bands above and below, in the theme's background.
    data = render(open_map(FLAGSHIP), "png", RenderOptions(fit="16:9", dpi=48, theme="dark", direction="BT"))
    with Image.open(io.BytesIO(data)) as image:
        picture = image.convert("RGBA")
    background = picture.getpixel((0, 0))
    assert background == (*ImageColor.getrgb(THEMES["dark"].background)[:3], 255)
    rows = [y for y in range(picture.height) if any(picture.getpixel((x, y)) != background for x in range(0, picture.width, 2))]
    top, bottom = rows[0], picture.height - 1 - rows[-1]
    assert top > picture.height // 10, "a band above the drawing"
    assert abs(top - bottom) <= 3, "the drawing is centred"


def test_transparent_letterbox_stays_transparent() -> None:
    data = render(open_map(TRAM), "png", RenderOptions(fit="3:10", dpi=40, transparent=True))
    with Image.open(io.BytesIO(data)) as image:
        picture = image.convert("RGBA")
    assert picture.size == (90, 300)
    corner, side = picture.getpixel((0, 0)), picture.getpixel((0, picture.height // 2))
    assert isinstance(corner, tuple) and isinstance(side, tuple)
    assert corner[3] == 0
    assert side[3] == 0


def test_fitted_pdf_page_is_the_size_asked() -> None:
    data = render(open_map(TRAM), "pdf", RenderOptions(fit="16:9"))
    match = re.search(rb"/MediaBox \[\s*([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+)\s*\]", data)
    assert match is not None
    assert [float(v) for v in match.groups()] == [0.0, 0.0, 960.0, 540.0]


def test_fit_without_a_unit_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["render", str(TRAM), "--fit", "16x9", "-o", str(tmp_path / "x.png")])
    assert result.exit_code == 2
    assert "--fit '16x9' has no unit: write 16:9 for a ratio, or 16x9in" in result.stderr
