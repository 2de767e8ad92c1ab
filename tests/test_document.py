"""A map document as the editor tools see it: one version of the text, read once."""

from __future__ import annotations

from usfk_argmap.authoring.document import open_document

TEXT = "title: t\r\nroot: T\nnodes:\n  T: {kind: thesis, text: x}\n"


def test_the_lines_are_split_once_per_version() -> None:
    document = open_document("m.yaml", TEXT)
    assert document.lines == TEXT.split("\n")
    assert document.lines is document.lines
    edited = open_document("m.yaml", TEXT + "  C: {kind: claim, text: c, supports: T}\n")
    assert edited.lines[4] == "  C: {kind: claim, text: c, supports: T}"
    assert document.lines[4] == ""
