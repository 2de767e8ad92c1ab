"""The package's import graph, read from its source: acyclic, and layered as docs/architecture.md says.

Every import counts: module-level, inside functions, under ``TYPE_CHECKING``,
and a string naming one of our modules (what ``import_module`` is given, or a
format table's ``"module:attr"``).
Importing ``usfk_argmap.a.b`` runs the package ``usfk_argmap.a`` first, but
that is not counted as an import of ``a``'s ``__init__``: only a name taken
from it (``from usfk_argmap.a import x`` where ``x`` is no submodule) is.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "usfk_argmap"

#: The layers, lowest first: a module imports only from its own layer or the layers below it.
#: A room (``mapfile``) stands for the package and everything in it.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    # The model holds its source text: quotes sits beside core, not above it.
    ("core", ("_version", "core", "quotes")),
    ("mapfile", ("mapfile",)),
    ("analysis", ("analysis",)),
    ("rules", ("rules",)),
    ("drawing", ("drawing",)),
    ("interop", ("interop",)),
    ("present", ("present",)),
    ("pipeline", ("pipeline",)),
    ("authoring", ("authoring",)),
    ("entry points", ("__init__", "__main__", "cli")),
]

#: The modules at the top of the package: the public API, ``python -m``, the version and the pipeline.
#: Everything else lives in a room (``core/``, ``cli/``...), so a new maintainer sees the layers first.
MAX_TOP_LEVEL_MODULES = 6

#: The rooms of the package, each a folder with an ``__init__.py``.
ROOMS = {"core", "quotes", "mapfile", "analysis", "rules", "drawing", "interop", "present", "authoring", "cli"}

#: Modules longer than this many lines are to be split (the guide's "no module over ~500 lines").
MAX_MODULE_LINES = 500


def _modules() -> dict[str, Path]:
    modules: dict[str, Path] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


def _resolve(name: str, modules: dict[str, Path]) -> str | None:
    """The module of ours that importing ``name`` runs (``usfk_argmap.a.b.func`` -> ``usfk_argmap.a.b``)."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def _imported(tree: ast.AST, modules: dict[str, Path]) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.level:
                raise AssertionError(f"relative import of {node.module} at line {node.lineno}: imports are absolute")
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                names.add(submodule if submodule in modules else node.module)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.partition(":")[0] in modules:
            names.add(node.value.partition(":")[0])  # ``import_module`` strings, and a format table's ``"module:attr"``
    return {found for name in names if name.startswith("usfk_argmap") and (found := _resolve(name, modules))}


def import_graph() -> nx.DiGraph:
    modules = _modules()
    graph = nx.DiGraph()
    for name, path in modules.items():
        graph.add_node(name)
        for target in _imported(ast.parse(path.read_text(encoding="utf-8")), modules):
            if target != name:
                graph.add_edge(name, target)
    return graph


def layer_of(module: str) -> int:
    room = module.split(".")[1] if "." in module else "__init__"
    for index, (_name, rooms) in enumerate(LAYERS):
        if room in rooms:
            return index
    raise AssertionError(f"{module} is in no layer: add its room {room!r} to LAYERS here and to docs/architecture.md")


def test_the_import_graph_has_no_cycle() -> None:
    cycles = sorted(nx.simple_cycles(import_graph()), key=len)
    assert not cycles, "import cycles:\n" + "\n".join(" -> ".join([*cycle, cycle[0]]) for cycle in cycles[:10])


def test_each_layer_imports_only_from_below() -> None:
    upward = [
        f"{source} ({LAYERS[layer_of(source)][0]}) imports {target} ({LAYERS[layer_of(target)][0]})"
        for source, target in sorted(import_graph().edges)
        if layer_of(target) > layer_of(source)
    ]
    assert not upward, "\n".join(upward)


def test_the_graph_sees_every_kind_of_import() -> None:
    # The reader of the source must see what a grep for "^from" would miss.
    modules = _modules()
    tree = ast.parse(
        "def f():\n    from usfk_argmap.drawing.render import render\n"
        "    import_module('usfk_argmap.pipeline')\n"
        "if TYPE_CHECKING:\n    from usfk_argmap.drawing import options\n"
        "TABLE = FileFormat('svg', ('.svg',), 'usfk_argmap.interop.graphml:to_graphml')\n"
    )
    assert _imported(tree, modules) == {
        "usfk_argmap.drawing.render",
        "usfk_argmap.pipeline",
        "usfk_argmap.drawing.options",
        "usfk_argmap.interop.graphml",
    }


def test_the_top_of_the_package_holds_few_modules_and_the_rooms() -> None:
    top = sorted(path.name for path in PACKAGE.glob("*.py"))
    assert len(top) <= MAX_TOP_LEVEL_MODULES, f"{len(top)} modules at the top of the package: {top}"
    rooms = {path.parent.name for path in PACKAGE.glob("*/__init__.py")}
    assert rooms == ROOMS, f"rooms differ from the plan: added {sorted(rooms - ROOMS)}, missing {sorted(ROOMS - rooms)}"
    unlayered = sorted(room for room in rooms if not any(room in names for _layer, names in LAYERS))
    assert not unlayered, f"rooms in no layer: {unlayered}"


def test_no_module_is_too_long() -> None:
    long = {
        name: length
        for name, path in _modules().items()
        if (length := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert not long, f"modules over {MAX_MODULE_LINES} lines: {long}"


def test_the_architecture_page_lists_the_layers_in_order() -> None:
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    section = page.split("## The layers, lowest first", 1)[1].split("\n## ", 1)[0]
    listed = re.findall(r"^\d+\. \*\*([^*]+)\*\*", section, re.MULTILINE)
    assert listed == [name for name, _rooms in LAYERS]


#: Calls no command module makes: its output goes through ``cli/output.py`` (which escapes what a
#: map could send a terminal), its failures through ``cli/base.py``'s one mapping of errors to exit codes.
BANNED_UNDER_CLI = {"click.echo", "click.secho", "sys.exit", "print"}


def _called_names(tree: ast.AST) -> set[tuple[str, int]]:
    found: set[tuple[str, int]] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            function = node.func
            if isinstance(function, ast.Name):
                found.add((function.id, node.lineno))
            elif isinstance(function, ast.Attribute) and isinstance(function.value, ast.Name):
                found.add((f"{function.value.id}.{function.attr}", node.lineno))
    return found


def test_commands_print_and_exit_through_one_place() -> None:
    # ruff's TID251/T201 say the same in the editor (pyproject); this holds also where ruff is not run.
    offending = [
        f"{path.relative_to(ROOT)}:{line}: {name}"
        for path in sorted((PACKAGE / "cli").glob("*.py"))
        if path.name != "output.py"
        for name, line in sorted(_called_names(ast.parse(path.read_text(encoding="utf-8"))))
        if name in BANNED_UNDER_CLI
    ]
    assert not offending, "\n".join(offending)
    output = ast.parse((PACKAGE / "cli" / "output.py").read_text(encoding="utf-8"))
    assert not {name for name, _line in _called_names(output)} & {"print", "sys.exit"}


def test_the_banned_call_reader_sees_each_form() -> None:
    tree = ast.parse("import click, sys\nclick.echo('x')\nprint(1)\nsys.exit(2)\nclick.secho('y')\n")
    assert {name for name, _line in _called_names(tree)} & BANNED_UNDER_CLI == BANNED_UNDER_CLI
