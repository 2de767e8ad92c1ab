"""The Argdown CLI (``@argdown/cli`` 1.x) reads our Argdown export of every bundled and test map as the same map.

All the exports go through one CLI run (``argdown json 'dir/*.argdown'``,
about two seconds), then each map is checked on its own: no syntax error or
exception, and the statements (by title, with their text), arguments (with
their premise-conclusion structures) and relations are the ones our model has.
Run alone with ``pytest -m argdown_cli``.
"""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import MAPS, SHARED
from usfk_argmap.analysis.graph import undercut_relations
from usfk_argmap.core.model import Argument, ArgumentMap, Ref, relation_id
from usfk_argmap.interop.argdown.reader import import_argdown
from usfk_argmap.interop.argdown.writer import argdown_titles, conclusion_title, relation_argument_titles, to_argdown

from .clients import client
from .exchange_maps import BUNDLED_MAPS, NASTY, SCHEMED, SMALL_ZH, load_ok, load_string, strings_map

pytestmark = [pytest.mark.client, pytest.mark.argdown_cli]


#: Strings that each mean something to Argdown's lexer, our reader, YAML or JSON; used as ids and as texts.
def _corpus_files() -> list[Path]:
    folder = SHARED / "corpora" / "argdown"
    return sorted(folder.glob("*.argdown")) if folder.is_dir() else []


def client_maps() -> dict[str, ArgumentMap]:
    """The maps whose export the CLI reads: bundled, the tests' own, and the Argdown corpora as we import them."""
    maps = {path.stem: load_ok(path) for path in BUNDLED_MAPS}
    maps["small_zh"] = load_string(SMALL_ZH, MAPS / "small_zh.yaml")
    maps["nasty"] = load_string(NASTY, MAPS / "nasty.yaml")
    maps["schemed"] = load_string(SCHEMED, MAPS / "schemed.yaml")
    maps["strings"] = strings_map()
    for path in _corpus_files():
        imported = import_argdown(path.read_bytes(), path.name).map
        assert imported is not None
        maps[f"corpus_{path.stem}"] = imported
    return maps


MAP_NAMES = (
    [path.stem for path in BUNDLED_MAPS]
    + ["small_zh", "nasty", "schemed", "strings"]
    + [f"corpus_{path.stem}" for path in _corpus_files()]
)


@dataclass
class CliRun:
    maps: dict[str, ArgumentMap]
    documents: dict[str, dict[str, Any]]
    #: The CLI's messages (stdout and stderr), by the file they name.
    complaints: dict[str, str]
    output: str


@pytest.fixture(scope="module")
def argdown_run(tmp_path_factory: pytest.TempPathFactory) -> CliRun:
    argdown = client("argdown", "@argdown/cli")
    folder = tmp_path_factory.mktemp("argdown")
    exports, out = folder / "in", folder / "out"
    exports.mkdir()
    maps = client_maps()
    for name, argument_map in maps.items():
        (exports / f"{name}.argdown").write_text(to_argdown(argument_map), encoding="utf-8")
    result = subprocess.run([str(argdown), "json", f"{exports}/*.argdown", str(out)], capture_output=True, text=True, timeout=120)
    output = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout + result.stderr)
    complaints: dict[str, str] = {}
    for block in re.split(r"\n(?=\S)", output):
        named = re.search(r"/([^/\s]+)\.argdown", block)
        if named and re.search(r"error|exception|cancel", block, re.I):
            complaints[named.group(1)] = complaints.get(named.group(1), "") + block
    documents = {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in out.glob("*.json")}
    return CliRun(maps, documents, complaints, output)


def _expected(argument_map: ArgumentMap) -> dict[str, Any]:
    """What the CLI should report for our export: titles, texts, structures and relations."""
    titles, argument_titles = argdown_titles(argument_map)
    nodes = argument_map.nodes
    # An undercut relation R->T is the one-premise argument <R → T> in Argdown (our nearest form).
    undercut = undercut_relations(argument_map)
    argument_titles |= relation_argument_titles(argument_map, argument_titles)
    arguments = [
        *argument_map.arguments.values(),
        *(
            Argument(joint, (Ref(reason),), "supports" if relation == "supports" else "attacks", Ref(target))
            for joint, (reason, target, relation) in undercut.items()
        ),
    ]
    statements = {titles[n.id]: " ".join(n.text.split()) for n in nodes.values()}
    relations: set[tuple[str, str, str]] = set()
    for node in nodes.values():
        relations |= {
            (titles[node.id], "support", titles[r.target])
            for r in node.supports
            if r.target in nodes and relation_id(node.id, r.target) not in undercut
        }
        relations |= {
            (titles[node.id], "attack", titles[r.target])
            for r in node.attacks
            if r.target in nodes and relation_id(node.id, r.target) not in undercut
        }
        relations |= {
            (titles[node.id], "undercut", argument_titles[u.inference]) for u in node.undercuts if u.inference in argument_titles
        }
    structures: dict[str, tuple[list[str], str]] = {}
    taken = set(titles.values())
    for argument in arguments:
        premises = [titles[p.target] for p in argument.premises if p.target in nodes]
        if argument.target.target not in nodes or not premises:
            continue
        title, target = argument_titles[argument.id], titles[argument.target.target]
        if argument.relation == "attacks":
            conclusion = conclusion_title(title, taken)
            statements[conclusion] = " ".join(f"It is not the case that: {nodes[argument.target.target].text}".split())
            relations.add((conclusion, "attack", target))
            structures[title] = (premises, conclusion)
        else:
            structures[title] = (premises, target)
    return {"statements": statements, "structures": structures, "relations": relations}


def _defining_text(statement: dict[str, Any]) -> str:
    texts = [m.get("text") for m in statement["members"] if not m.get("isReference") and m.get("text")]
    return " ".join(str(texts[0]).split()) if texts else ""


@pytest.mark.parametrize("name", MAP_NAMES)
def test_argdown_cli_reads_our_export_as_the_same_map(argdown_run: CliRun, name: str) -> None:
    assert name not in argdown_run.complaints, argdown_run.complaints[name]
    assert name in argdown_run.documents, f"the CLI wrote no JSON for {name}:\n{argdown_run.output}"
    document, expected = argdown_run.documents[name], _expected(argdown_run.maps[name])
    statements = document["statements"]
    assert set(statements) == set(expected["statements"])
    assert {title: _defining_text(s) for title, s in statements.items()} == expected["statements"]
    structures = {
        title: (
            [p["title"] for p in a["pcs"] if p["role"] == "premise"],
            next(p["title"] for p in a["pcs"] if p["role"] == "main-conclusion"),
        )
        for title, a in document["arguments"].items()
    }
    assert structures == expected["structures"]
    relations = {(r["from"], r["relationType"], r["to"]) for r in document["relations"]}
    assert relations == expected["relations"]


def test_every_map_went_through_one_cli_run(argdown_run: CliRun) -> None:
    assert set(argdown_run.maps) == set(MAP_NAMES)
    assert "flagship" not in argdown_run.complaints and not argdown_run.complaints, argdown_run.output


def test_nasty_strings_survive_our_own_reader_too() -> None:
    """The same table through our importer: every id, text and note comes back exactly."""
    original = strings_map()
    again = import_argdown(to_argdown(original).encode("utf-8"), "strings.argdown").map
    assert again is not None
    assert [(n.id, n.text, n.note) for n in again.nodes.values()] == [(n.id, n.text, n.note) for n in original.nodes.values()]
    assert [(a.id, a.note) for a in again.arguments.values()] == [(a.id, a.note) for a in original.arguments.values()]


def test_argdown_cli_reads_the_schemes_in_our_export(argdown_run: CliRun) -> None:
    """Schemes, roles, answers and outweighs ride in the data the Argdown CLI reads (issue 23)."""
    argument_map = argdown_run.maps["schemed"]
    document = argdown_run.documents["schemed"]
    titles, argument_titles = argdown_titles(argument_map)
    argument_titles |= relation_argument_titles(argument_map, argument_titles)
    for argument in argument_map.arguments.values():
        data = document["arguments"][argument_titles[argument.id]]["data"]
        assert argument.scheme is not None and data["scheme"] == argument.scheme.target
        assert data["roles"] == {role: premise.target for role, premise in argument.roles.items()}
    for joint, (reason, target, _) in undercut_relations(argument_map).items():
        scheme = argument_map.nodes[reason].schemes[target].target
        assert document["arguments"][argument_titles[joint]]["data"]["scheme"] == scheme
    for node in argument_map.nodes.values():
        data = document["statements"][titles[node.id]].get("data", {})
        assert data.get("schemes", {}) == {target: scheme.target for target, scheme in node.schemes.items()}
        assert len(data.get("answers", [])) == len(node.answers)
        assert data.get("outweighs", []) == [ref.target for ref in node.outweighs]
    assert document["statements"][titles["S1"]]["data"]["answers"][1] == {"from": "E1", "to": "C1", "question": "CQ1"}
