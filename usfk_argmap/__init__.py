"""usfk-argmap: check, render and present argument maps.

Load a map, check it, and get its graph::

    import usfk_argmap

    result = usfk_argmap.load("maps/example_tram.yaml")
    for diagnostic in result.diagnostics + usfk_argmap.check(result.map):
        print(diagnostic.format_text())
    graph = usfk_argmap.build_graph(result.map)

Importing the package is light: networkx and the rendering code load only
when a function needs them.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

from usfk_argmap._version import __version__
from usfk_argmap.core.notebook import register_svg_drawer as _register_svg_drawer

if TYPE_CHECKING:
    import networkx as nx

    from usfk_argmap.analysis.evaluation import Evaluation
    from usfk_argmap.analysis.explanation import Explanation
    from usfk_argmap.analysis.framework import Questions
    from usfk_argmap.core.diagnostics import Diagnostic, Severity
    from usfk_argmap.core.errors import (
        ArgmapError,
        FontNotFoundError,
        GraphvizFailedError,
        GraphvizNotFoundError,
        GraphvizTimeoutError,
        MapLoadError,
        OutputError,
        TemplateError,
        UnknownNodeError,
    )
    from usfk_argmap.core.model import Argument, ArgumentMap, Edge, Node, Position, Ref, Section, Undercut, relation_id
    from usfk_argmap.mapfile.context import LoadContext
    from usfk_argmap.mapfile.loader import LoadResult, load_bytes, load_text
    from usfk_argmap.mapfile.loader import load_map as load
    from usfk_argmap.quotes.source import SourceText

#: Where each re-exported name lives: imported on first use, so ``usfk-argmap --version`` (and any
#: import of the package) does not pay for the YAML loader.
_LAZY = {
    **dict.fromkeys(("Diagnostic", "Severity"), "usfk_argmap.core.diagnostics"),
    **dict.fromkeys(
        (
            "ArgmapError",
            "FontNotFoundError",
            "GraphvizFailedError",
            "GraphvizNotFoundError",
            "GraphvizTimeoutError",
            "MapLoadError",
            "OutputError",
            "TemplateError",
            "UnknownNodeError",
        ),
        "usfk_argmap.core.errors",
    ),
    **dict.fromkeys(("LoadResult", "load_bytes", "load_text"), "usfk_argmap.mapfile.loader"),
    "LoadContext": "usfk_argmap.mapfile.context",
    **dict.fromkeys(
        ("Argument", "ArgumentMap", "Edge", "Node", "Position", "Ref", "Section", "Undercut", "relation_id"),
        "usfk_argmap.core.model",
    ),
    "SourceText": "usfk_argmap.quotes.source",
}


def __getattr__(name: str) -> Any:
    if name == "load":
        return import_module("usfk_argmap.mapfile.loader").load_map
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'usfk_argmap' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY, "load"})


__all__ = [
    "ArgmapError",
    "Argument",
    "ArgumentMap",
    "Diagnostic",
    "Edge",
    "FontNotFoundError",
    "GraphvizFailedError",
    "GraphvizNotFoundError",
    "GraphvizTimeoutError",
    "LoadContext",
    "LoadResult",
    "MapLoadError",
    "Node",
    "OutputError",
    "Position",
    "Ref",
    "Section",
    "Severity",
    "SourceText",
    "TemplateError",
    "Undercut",
    "UnknownNodeError",
    "__version__",
    "build_graph",
    "check",
    "check_file",
    "check_loaded",
    "check_paths",
    "evaluate",
    "explain",
    "load",
    "load_bytes",
    "load_text",
    "open_map",
    "relation_id",
]


def build_graph(argument_map: ArgumentMap) -> nx.DiGraph:
    """The networkx graph of a map (see ``usfk_argmap.analysis.graph``)."""
    from usfk_argmap.analysis.graph import build_graph as build

    return build(argument_map)


def check(
    argument_map: ArgumentMap,
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    strict_questions: bool = False,
) -> list[Diagnostic]:
    """Run the completeness rules on a loaded map; returns diagnostics sorted by position.

    ``select`` and ``ignore`` are codes or prefixes; one that no code starts with raises ``ValueError``.
    ``strict_questions`` asks every critical question (AM208), as the map's ``questions: all`` does.
    """
    from usfk_argmap.rules import run_checks
    from usfk_argmap.rules.catalogue import check_codes

    check_codes([*(select or ()), *(ignore or ())])
    return run_checks(_questions_asked(argument_map, strict_questions), select=select, ignore=ignore)


def _questions_asked(argument_map: ArgumentMap, strict_questions: bool) -> ArgumentMap:
    """The map as the rules should read it: with ``questions: all`` under ``strict_questions``."""
    if not strict_questions or argument_map.questions == "all":
        return argument_map
    import dataclasses

    return dataclasses.replace(argument_map, questions="all")


def check_file(
    path: str | Path,
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    source_roots: Sequence[str | Path] = (),
    evaluate: bool = False,
    strict_questions: bool = False,
) -> tuple[ArgumentMap | None, list[Diagnostic]]:
    """Load and check a map file: its load errors first (the likely causes of the rest), then by position.

    ``select`` and ``ignore`` are codes or prefixes (``AM2``); one that no
    code starts with raises ``ValueError``. ``source_roots`` are folders
    besides the map's own that its ``source:`` may lie in. With ``evaluate``,
    the evaluation's findings (AM5xx) are added: the thesis not established,
    a main claim defeated or open. ``strict_questions`` asks every critical question (AM208).
    """
    from usfk_argmap.mapfile.context import LoadContext
    from usfk_argmap.rules.catalogue import check_codes

    check_codes([*(select or ()), *(ignore or ())])
    result = LoadContext.of(path, source_roots).load()
    found = check_loaded(result, select=select, ignore=ignore, evaluate=evaluate, strict_questions=strict_questions)
    return result.map, found


def check_loaded(
    result: LoadResult,
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    evaluate: bool = False,
    strict_questions: bool = False,
) -> list[Diagnostic]:
    """The diagnostics of a map already loaded, as ``check_file`` gives them (its load errors first).

    The rules run when the map is usable for checking (``LoadResult.usable_for("check")``).
    """
    from usfk_argmap.core.codes import FATAL_CODES
    from usfk_argmap.core.diagnostics import Severity, sort_diagnostics
    from usfk_argmap.rules import run_checks, selected
    from usfk_argmap.rules.catalogue import check_codes

    check_codes([*(select or ()), *(ignore or ())])
    diagnostics = sort_diagnostics(d for d in result.diagnostics if d.code in FATAL_CODES or selected(d.code, select, ignore))
    # The loader's errors come first: the rules' findings often follow from them (a misspelled key).
    first = [d for d in diagnostics if d.severity is Severity.ERROR]
    rest = [d for d in diagnostics if d.severity is not Severity.ERROR]
    if result.map is not None and result.usable_for("check"):
        rest += run_checks(_questions_asked(result.map, strict_questions), select=select, ignore=ignore)
        if evaluate:
            from usfk_argmap.rules.evaluated import evaluation_diagnostics

            rest += [
                d
                for d in evaluation_diagnostics(result.map)
                if selected(d.code, select, ignore) and not _suppressed(result.map, d)
            ]
    return first + sort_diagnostics(rest)


def _suppressed(argument_map: ArgumentMap, diagnostic: Diagnostic) -> bool:
    """Whether the map's own ``ignore:`` on the diagnostic's node names its code."""
    node = argument_map.nodes.get(diagnostic.node or "")
    return node is not None and diagnostic.code in node.ignore


def check_paths(
    paths: Sequence[str | Path],
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    source_roots: Sequence[str | Path] = (),
    evaluate: bool = False,
) -> list[Diagnostic]:
    """Load and check each map file; all diagnostics, file by file in the order given."""
    diagnostics: list[Diagnostic] = []
    for path in paths:
        diagnostics.extend(check_file(path, select=select, ignore=ignore, source_roots=source_roots, evaluate=evaluate)[1])
    return diagnostics


def evaluate(
    argument_map: ArgumentMap, *, semantics: str = "grounded", acceptance: str = "sceptical", questions: Questions = "assumed"
) -> Evaluation:
    """Which statements stand: labels (in/out/undec) and statuses (established/defeated/open).

    ``questions="open"`` counts each critical question of the *assumption* kind that nothing answers
    as an undercut of its inference; ``"assumed"`` (the default) takes them as answered.
    See ``usfk_argmap.analysis.evaluation`` for the semantics.
    """
    from usfk_argmap.analysis.evaluation import evaluate as run

    return run(argument_map, semantics=semantics, acceptance=acceptance, questions=questions)


def explain(
    argument_map: ArgumentMap, item_id: str, *, semantics: str = "grounded", depth: int = 3, questions: Questions = "assumed"
) -> Explanation:
    """Why a statement or linked argument has its status; ``.sentence()`` says it in words (the map's language)."""
    from usfk_argmap.analysis.explanation import explain as run

    return run(argument_map, evaluate(argument_map, semantics=semantics, questions=questions), item_id, depth=depth)


def _jupyter_svg(argument_map: ArgumentMap) -> str:
    """What a map shows in Jupyter: its SVG, drawn by the pipeline (imported here: it needs Graphviz)."""
    from usfk_argmap.pipeline import render_svg

    return render_svg(argument_map).decode("utf-8")


_register_svg_drawer(_jupyter_svg)


def open_map(path: str | Path, *, source_roots: Sequence[str | Path] = ()) -> ArgumentMap:
    """Load a map, raising ``MapLoadError`` if it has load errors (for scripts and notebooks)."""
    from usfk_argmap.core.errors import MapLoadError
    from usfk_argmap.mapfile.context import LoadContext
    from usfk_argmap.mapfile.usable import blocking

    result = LoadContext.of(path, source_roots).load()
    if result.map is None or not result.usable_for("exact"):
        raise MapLoadError(str(path), blocking(result.diagnostics, "exact"))
    return result.map
