"""The command line, through click's CliRunner: output formats, exit codes, documentation."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from tests.helpers import MAPS, REPO, write_map
from usfk_argmap import __version__
from usfk_argmap.cli.app import COMMANDS, main
from usfk_argmap.rules import REGISTRY

EXAMPLE = MAPS / "example_tram.yaml"
FLAWED = (
    "title: t\nroot: T\nnodes:\n  T: {kind: thesis, text: a}\n  C1: {kind: claim, text: c, supports: T}\n"
    "  P1: {kind: premise, text: p, supports: C2}\n"
)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_check_clean_map_exits_zero() -> None:
    assert run("check", str(EXAMPLE)) == (0, "", f"{EXAMPLE}: no problems (12 statements, {len(REGISTRY)} rules)\n")


def test_check_text_output_and_exit_code(tmp_path: Path) -> None:
    path = write_map(tmp_path, FLAWED)
    code, out, err = run("check", str(path))
    assert code == 1
    assert f"{path}:6:42: AM101 [error] supports of 'P1' names the unknown id 'C2'" in out
    assert f"{path}:5:3: AM202 [warning] claim 'C1' has no support" in out
    assert "error(s)" in err


def test_warnings_fail_only_under_strict(tmp_path: Path) -> None:
    path = write_map(
        tmp_path, "title: t\nroot: T\nnodes:\n  T: {kind: thesis, text: a}\n  C1: {kind: claim, text: c, supports: T}\n"
    )
    assert run("check", str(path))[0] == 0
    assert run("check", "--strict", str(path))[0] == 1


def test_check_json_document(tmp_path: Path) -> None:
    path = write_map(tmp_path, FLAWED)
    code, out, _ = run("check", "--format", "json", str(path))
    document = json.loads(out)
    assert code == 1
    assert document["summary"] == {"errors": 2, "warnings": 1, "infos": 0}
    first = document["diagnostics"][0]
    assert set(first) == {"code", "severity", "message", "file", "line", "column", "node", "fix"}
    assert {(d["code"], d["line"], d["column"], d["node"]) for d in document["diagnostics"]} == {
        ("AM202", 5, 3, "C1"),
        ("AM201", 6, 3, "P1"),
        ("AM101", 6, 42, "P1"),
    }


def test_check_json_node_is_null_where_no_node_applies(tmp_path: Path) -> None:
    path = write_map(tmp_path, "title: t\nroot: T\nnodes: [1]\n")
    document = json.loads(run("check", "--format", "json", str(path))[1])
    [wrong_type] = [d for d in document["diagnostics"] if d["code"] == "AM007"]
    assert wrong_type["node"] is None and (wrong_type["line"], wrong_type["column"]) == (3, 8)


def test_check_github_annotations(tmp_path: Path) -> None:
    path = write_map(tmp_path, FLAWED)
    out = run("check", "--format", "github", str(path))[1]
    assert f"::error file={path},line=6,col=42,title=AM101::AM101 supports of 'P1'" in out
    assert "::warning file=" in out


def test_select_and_ignore(tmp_path: Path) -> None:
    path = write_map(tmp_path, FLAWED)
    assert "AM101" not in run("check", "--ignore", "AM1", str(path))[1]
    out = run("check", "--select", "AM101,AM202", str(path))[1]
    assert "AM101" in out and "AM202" in out and "AM201" not in out


def test_map_that_fails_to_load_exits_one(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_bytes("title: 中文".encode("cp950"))
    code, out, _ = run("check", str(path))
    assert code == 1 and "AM002" in out and "Big5/CP950" in out


def test_usage_errors_exit_two(tmp_path: Path) -> None:
    assert run("check", str(tmp_path / "missing.yaml"))[0] == 2
    assert run("check", "--no-such-option", str(EXAMPLE))[0] == 2
    assert run("check")[0] == 2


def test_several_maps_at_once(tmp_path: Path) -> None:
    flawed = write_map(tmp_path, FLAWED)
    code, out, _ = run("check", str(EXAMPLE), str(flawed))
    assert code == 1 and str(flawed) in out and str(EXAMPLE) not in out


def test_export_json() -> None:
    code, out, _ = run("export", str(EXAMPLE), "--format", "json")
    document = json.loads(out)
    assert code == 0
    assert document["root"] == "T"
    assert {
        "id": "C1",
        "kind": "claim",
        "text": "The tram line pays for itself within twenty years.",
        "label": None,
        "en": None,
        "quote": "A tram line pays for itself within twenty years",
        "section": "cost",
        "schemes": {},
        "answers": [],
        "outweighs": [],
    } in document["nodes"]
    assert {
        "id": "O2->A1",
        "source": "O2",
        "target": "A1",
        "relation": "undercuts",
        "argument": None,
        "inference": "O2->A1",
        "scheme": None,
        "undercut": {"argument": "A1"},
    } in document["edges"]
    assert {
        "id": "P2->A1",
        "source": "P2",
        "target": "C1",
        "relation": "supports",
        "argument": "A1",
        "inference": "A1",
        "scheme": None,
    } in document["edges"]
    assert document["arguments"] == [
        {"id": "A1", "premises": ["P1", "P2"], "relation": "supports", "target": "C1", "scheme": None, "roles": {}}
    ]


def test_export_to_a_file_never_over_the_input(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    assert run("export", str(EXAMPLE), "-o", str(target))[0] == 0
    assert json.loads(target.read_text(encoding="utf-8"))["title"] == "Should Riverton build the tram?"
    copy = write_map(tmp_path, "title: t\nroot: T\nnodes:\n  T: {kind: thesis, text: a}\n")
    before = copy.read_bytes()
    code, _, err = run("export", str(copy), "-o", str(copy))
    assert code == 1 and "input file" in err
    assert copy.read_bytes() == before


def test_export_refuses_a_broken_map(tmp_path: Path) -> None:
    path = write_map(tmp_path, "title: t\nroot: T\nnodes:\n  T: {kind: thesys, text: a}\n")
    code, _, err = run("export", str(path))
    assert code == 1 and "AM010" in err and "did you mean 'thesis'?" in err


def test_stats_text_json_and_markdown() -> None:
    code, out, _ = run("stats", str(EXAMPLE))
    assert code == 0
    assert "nodes: 12 (1 thesis, 2 claim, 2 premise, 2 evidence, 2 objection, 2 rebuttal, 1 assumption)" in out
    assert "relations: 7 supports, 3 attacks, 1 undercuts" in out
    assert "depth: 3" in out
    assert "source coverage: 8 of 9 sentences (88.9%)" in out
    figures = json.loads(run("stats", "--format", "json", str(EXAMPLE))[1])
    assert figures["kinds"]["objection"] == 2 and figures["sentences_total"] == 9
    markdown = run("stats", "--format", "md", str(EXAMPLE))[1]
    assert "| source sentences covered | 8 of 9 (88.9%) |" in markdown


def test_rules_catalogue() -> None:
    code, out, _ = run("rules")
    assert code == 0
    assert "AM201 orphan [error] (check)" in out and "AM002 not-utf8 [error] (load)" in out
    assert "no chain of supports, attacks or undercuts leads to the root" in out
    only = run("rules", "am301")[1]
    assert only.startswith("AM301 quote-not-found") and "AM302" not in only
    assert run("rules", "AM999")[0] == 2
    assert "| AM107 | `circular-support` | error |" in run("rules", "--format", "md")[1]


def test_version() -> None:
    assert run("--version")[1].strip() == f"usfk-argmap, version {__version__}"


def _commands() -> list[tuple[str, click.Command]]:
    assert isinstance(main, click.Group)
    context = click.Context(main)
    found = [(name, main.get_command(context, name)) for name in main.list_commands(context)]
    return [(name, command) for name, command in found if command is not None]


def test_the_group_lists_every_command_and_loads_each_on_demand() -> None:
    assert [name for name, _ in _commands()] == sorted(COMMANDS)
    for name, command in _commands():
        assert command.name == name


@pytest.mark.parametrize(("name", "command"), _commands(), ids=[name for name, _ in _commands()])
def test_every_command_has_help_with_an_example_and_is_in_the_readme(name: str, command: click.Command) -> None:
    code, out, _ = run(name, "--help")
    assert code == 0 and "Example:" in out and f"usfk-argmap {name}" in out
    assert command.help and len(command.help) > 40
    assert f"usfk-argmap {name}" in (REPO / "README.md").read_text(encoding="utf-8"), f"document {name} in README"


def test_help_and_version_do_not_import_heavy_modules() -> None:
    # Every command's --help too (render's lists the choices of the library's light modules).
    probe = (
        "import sys\nfrom click.testing import CliRunner\nfrom usfk_argmap.cli.app import main\n"
        "for args in (['--help'], ['--version'], *([name, '--help'] for name in main.list_commands(None))):\n"
        "    assert CliRunner().invoke(main, args).exit_code == 0, args\n"
        "heavy = sorted(m for m in ('networkx', 'pydot', 'jinja2', 'budoux', 'fontTools') if m in sys.modules)\n"
        "print(','.join(heavy))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO, check=True)
    assert result.stdout.strip() == ""


def test_version_imports_click_and_nothing_of_ours_but_the_version() -> None:
    probe = (
        "import sys\nfrom usfk_argmap.cli.app import main\ntry:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith(('usfk_argmap', 'yaml')))))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO, check=True)
    # The package's ``__init__`` registers the model's Jupyter picture in ``core.notebook``, without the model.
    assert result.stdout.splitlines()[-1].split() == [
        "usfk_argmap",
        "usfk_argmap._version",
        "usfk_argmap.cli",
        "usfk_argmap.cli.app",
        "usfk_argmap.core",
        "usfk_argmap.core.notebook",
    ]


def test_python_dash_m_runs_the_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "usfk_argmap", "check", str(EXAMPLE)], capture_output=True, text=True, cwd=REPO
    )
    assert result.returncode == 0, result.stderr


def test_the_rules_page_is_the_catalogue() -> None:
    page = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    table = run("rules", "--format", "md")[1]
    for row in table.strip().splitlines()[2:]:
        assert row in page, f"docs/rules.md is out of date (python scripts/docs.py): {row}"


def test_export_argdown_notes_its_nearest_form_for_undercut_relations() -> None:
    code, out, err = run("export", str(MAPS / "usfk_conclusion.yaml"), "--format", "argdown")
    assert code == 0 and "_> <O3.2 → C3>" in out
    notes = [line for line in err.splitlines() if line.startswith("note: AM405")]
    assert len(notes) == 2 and "<O3.2 → C3>" in notes[0] and "<O3.1 → C3>" in notes[1]
    code, _, err = run("export", str(MAPS / "usfk_conclusion.yaml"), "--format", "aif")
    assert code == 0 and "AM405" not in err  # AIF says an undercut of a relation as is
