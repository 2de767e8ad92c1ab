"""A ``--reference-doc`` deck is a zip from anywhere: read as data, within limits, never linking out of our deck."""

from __future__ import annotations

import io
import os
import re
import struct
import sys
import threading
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import MAPS
from usfk_argmap.cli.app import main
from usfk_argmap.present.slides.pptx import package

TRAM = str(MAPS / "example_tram.yaml")
THEME = "ppt/theme/theme1.xml"
MASTER_RELS = "ppt/slideMasters/_rels/slideMaster1.xml.rels"
LAYOUT = "ppt/slideLayouts/slideLayout1.xml"
LAYOUT_RELS = "ppt/slideLayouts/_rels/slideLayout1.xml.rels"
REMOTE = "http://attacker.example/logo.png"
UNC = "\\\\attacker.example\\share\\logo.png"


def _template() -> dict[str, bytes]:
    """python-pptx's own deck, part by part."""
    from pptx import Presentation

    buffer = io.BytesIO()
    Presentation().save(buffer)
    with zipfile.ZipFile(buffer) as source:
        return {name: source.read(name) for name in source.namelist()}


def _zipped(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return out.getvalue()


def _with_external_links(parts: dict[str, bytes]) -> dict[str, bytes]:
    """A layout with a picture linked from the web and a hyperlink to a UNC share, as a template from the web has."""
    links = (
        f'<Relationship Id="rId90" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
        f'Target="{REMOTE}" TargetMode="External"/>'
        f'<Relationship Id="rId91" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" '
        f'Target="{UNC}" TargetMode="External"/>'
    )
    parts[LAYOUT_RELS] = parts[LAYOUT_RELS].replace(b"</Relationships>", links.encode() + b"</Relationships>")
    blip = (
        b'<p:pic><p:nvPicPr><p:cNvPr id="90" name="Logo"><a:hlinkClick r:id="rId91"/></p:cNvPr><p:cNvPicPr/><p:nvPr/>'
        b'</p:nvPicPr><p:blipFill><a:blip r:link="rId90"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
        b'<p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="914400"/></a:xfrm><a:prstGeom prst="rect"/></p:spPr>'
        b"</p:pic></p:spTree>"
    )
    parts[LAYOUT] = parts[LAYOUT].replace(b"</p:spTree>", blip, 1)
    return parts


def _render(tmp_path: Path, reference: bytes, command: str = "render") -> tuple[Result, Path]:
    template = tmp_path / "template.pptx"
    template.write_bytes(reference)
    target = tmp_path / "out.pptx"
    package._checked_reference.cache_clear()
    arguments = [command, TRAM, "-o", str(target), "--reference-doc", str(template)]
    return CliRunner().invoke(main, arguments), target


def test_external_links_of_a_reference_deck_never_reach_ours(tmp_path: Path) -> None:
    for command in ("render", "slides"):
        result, target = _render(tmp_path, _zipped(_with_external_links(_template())), command)
        assert result.exit_code == 0, result.output
        assert "note:" in result.output and "2 external link(s)" in result.output and "attacker.example" in result.output
        with zipfile.ZipFile(target) as deck:
            for name in deck.namelist():
                text = deck.read(name).decode("utf-8", "replace")
                assert 'TargetMode="External"' not in text and "attacker.example" not in text, name
            layout_xml = deck.read(LAYOUT).decode("utf-8")
            assert 'name="Logo"' in layout_xml and "rId90" not in layout_xml and "rId91" not in layout_xml


def _one_line_refusal(result: Result, target: Path, *words: str) -> None:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and (result.exception is None or isinstance(result.exception, SystemExit))
    error_lines = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(error_lines) == 1 and "--reference-doc" in error_lines[0], result.output
    for word in words:
        assert word in error_lines[0], result.output
    assert not target.exists()


def _without_theme(parts: dict[str, bytes]) -> dict[str, bytes]:
    parts.pop(THEME)
    parts[MASTER_RELS] = re.sub(rb'<Relationship [^>]*relationships/theme"[^>]*/>', b"", parts[MASTER_RELS])
    return parts


def _utf16_theme(parts: dict[str, bytes]) -> dict[str, bytes]:
    parts[THEME] = parts[THEME].decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")
    return parts


def _malformed_theme(parts: dict[str, bytes]) -> dict[str, bytes]:
    parts[THEME] = parts[THEME][: len(parts[THEME]) // 2]
    return parts


def _not_a_theme(parts: dict[str, bytes]) -> dict[str, bytes]:
    parts[THEME] = b'<?xml version="1.0" encoding="UTF-8"?><html><script>x</script></html>'
    return parts


def _entities(parts: dict[str, bytes]) -> dict[str, bytes]:
    parts[THEME] = b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "xxxxxxxx"><!ENTITY y "&x;&x;&x;&x;">]><a>&y;</a>'
    return parts


def _too_many_parts(parts: dict[str, bytes]) -> dict[str, bytes]:
    parts.update({f"customXml/item{index}.xml": b"<a/>" for index in range(package.REFERENCE_PART_COUNT)})
    return parts


def _bomb(parts: dict[str, bytes]) -> dict[str, bytes]:
    parts["ppt/media/image9.png"] = b"\0" * (package.REFERENCE_PART_LIMIT + 1)  # 64 MiB of zeros: 65 kB zipped
    return parts


@pytest.mark.parametrize(
    ("damage", "words"),
    [
        (_without_theme, ("slideMaster1.xml", "has no theme")),
        (_utf16_theme, ("theme1.xml", "not UTF-8")),
        (_malformed_theme, ("theme1.xml", "not well-formed XML")),
        (_not_a_theme, ("theme1.xml", "not a DrawingML theme")),
        (_entities, ("theme1.xml", "document type declaration")),
        (_too_many_parts, ("parts, more than the 2000",)),
        (_bomb, ("image9.png", "inflates to more than 64 MiB")),
    ],
)
def test_a_malformed_or_oversized_reference_deck_is_one_line_and_exit_2(
    tmp_path: Path, damage: Callable[[dict[str, bytes]], dict[str, bytes]], words: tuple[str, ...]
) -> None:
    for command in ("render", "slides"):
        result, target = _render(tmp_path, _zipped(damage(_template())), command)
        _one_line_refusal(result, target, *words)


def _lie_about_sizes(data: bytes, name: str, size: int) -> bytes:
    """The zip with ``name``'s declared (uncompressed) size set to ``size`` in its local header and its directory entry."""
    buffer = bytearray(data)
    encoded = name.encode()
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (start := buffer.find(signature, start)) >= 0:
            name_at = start + (30 if signature == b"PK\x03\x04" else 46)
            if buffer[name_at : name_at + len(encoded)] == encoded:
                struct.pack_into("<I", buffer, start + offset, size)
            start += 4
    return bytes(buffer)


def test_declared_sizes_that_lie_are_caught_while_inflating(tmp_path: Path) -> None:
    parts = _template()
    parts["ppt/media/image9.png"] = b"\0" * (package.REFERENCE_PART_LIMIT + 1)
    lying = _lie_about_sizes(_zipped(parts), "ppt/media/image9.png", 1_000)
    with zipfile.ZipFile(io.BytesIO(lying)) as check:
        assert check.getinfo("ppt/media/image9.png").file_size == 1_000  # the directory says 1 kB
    result, target = _render(tmp_path, lying)
    _one_line_refusal(result, target, "image9.png", "does not inflate to its declared size (1000 bytes)")


_OPENED: list[str] = []


def _record_opens(event: str, arguments: tuple[object, ...]) -> None:
    if event == "open" and arguments and str(arguments[0]).endswith("template.pptx"):
        _OPENED.append(str(arguments[0]))


def test_a_reference_deck_is_opened_once_for_a_command(tmp_path: Path) -> None:
    if _record_opens not in _AUDITING:  # an audit hook cannot be removed: it is added once, and records only this file
        sys.addaudithook(_record_opens)
        _AUDITING.append(_record_opens)
    template = tmp_path / "template.pptx"
    template.write_bytes(_zipped(_template()))
    _OPENED.clear()
    result = CliRunner().invoke(main, ["slides", TRAM, "-o", str(tmp_path / "out.pptx"), "--reference-doc", str(template)])
    assert result.exit_code == 0, result.output
    assert len(_OPENED) == 1, _OPENED


_AUDITING: list[object] = []


_PART_NAMES = st.sampled_from(
    ["[Content_Types].xml", "_rels/.rels", "ppt/presentation.xml", THEME, MASTER_RELS, LAYOUT, "ppt/media/a.png", "x"]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    replaced=st.dictionaries(
        _PART_NAMES, st.binary(max_size=200) | st.sampled_from([b"<a/>", b"", b"<?xml version='1.0'?>"]), max_size=3
    ),
    dropped=st.sets(_PART_NAMES, max_size=2),
    cut=st.none() | st.integers(min_value=0, max_value=40_000),
)
def test_no_reference_deck_makes_a_traceback(
    tmp_path: Path, replaced: dict[str, bytes], dropped: set[str], cut: int | None
) -> None:
    parts = {name: data for name, data in _template().items() if name not in dropped}
    parts.update(replaced)
    data = _zipped(parts)
    if cut is not None:
        data = data[:cut]
    path = tmp_path / "fuzz.pptx"
    path.write_bytes(data)
    package._checked_reference.cache_clear()
    try:
        package.open_template(path)
    except package.ReferenceDocError as error:
        message = str(error)
        assert "\n" not in message and message.startswith(str(path))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_named_as_the_reference_deck_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "template.pptx"
    os.mkfifo(fifo)
    target = tmp_path / "out.pptx"
    results: list[Result] = []
    arguments = ["render", TRAM, "-o", str(target), "--reference-doc", str(fifo)]
    worker = threading.Thread(target=lambda: results.append(CliRunner().invoke(main, arguments)), daemon=True)
    worker.start()
    worker.join(timeout=30)
    if worker.is_alive():  # main waited for a writer for ever: let the thread go
        with open(fifo, "wb"):
            pass
    assert results, "the command waited on the FIFO"
    _one_line_refusal(results[0], target, "not a regular file")
