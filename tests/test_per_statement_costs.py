"""Per-statement costs of ``check`` and ``render`` (issue 28): nothing a map does not need, nothing done per node twice.

A map without schemes does not read the scheme catalogue (a YAML file slower to
read than the whole check of a 5,000-statement map). The growth checks count
function calls (``tests/growth.py``) at n and 4n statements of the shapes the
benchmarks draw (``benchmarks/shapes.py``), for the stages of a render that
are ours: the DOT text and the finishing of Graphviz's SVG.
"""

from __future__ import annotations

import pytest

from usfk_argmap import check
from usfk_argmap.analysis import questions
from usfk_argmap.mapfile.loader import load_text

PLAIN = """title: t
root: T
nodes:
  T: {kind: thesis, text: the thesis}
  C: {kind: claim, text: a claim, supports: T}
"""

SCHEMED = """title: t
root: T
nodes:
  T: {kind: thesis, text: the thesis}
  P: {kind: premise, text: an expert says so}
  Q: {kind: premise, text: she is an expert}
arguments:
  A1: {premises: [P, Q], supports: T, scheme: expert-opinion}
"""


def _unread_catalogue() -> tuple[object, ...]:
    raise AssertionError("the scheme catalogue was read")


def test_a_map_without_schemes_is_checked_without_reading_the_catalogue(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(questions, "schemes", _unread_catalogue)
    result = load_text(PLAIN, "plain.yaml")
    assert result.map is not None
    assert questions.scheme_uses(result.map) == {}
    assert all(finding.code != "AM208" for finding in check(result.map))


def test_a_map_with_a_scheme_still_gets_its_open_questions() -> None:
    result = load_text(SCHEMED, "schemed.yaml")
    assert result.map is not None, result.diagnostics
    uses = questions.scheme_uses(result.map)
    assert [use.scheme.id for use in uses.values()] == ["expert-opinion"]
    assert any(finding.code == "AM208" for finding in check(result.map))
