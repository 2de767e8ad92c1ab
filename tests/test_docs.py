"""The documentation says what the code does: generated pages and console samples are current, examples run.

``scripts/docs.py`` writes ``docs/cli.md``, ``docs/rules.md``, the architecture picture and
the output of every console sample; here each file is compared with what it would write.
"""

from __future__ import annotations

import glob
import importlib.util
import json
import os
import re
import shlex
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import click
import pytest
from click.testing import CliRunner

from tests.helpers import MAPS, REPO
from tests.test_architecture import LAYERS
from usfk_argmap.cli.app import COMMANDS, main
from usfk_argmap.rules import REGISTRY

RUN_THE_SCRIPT = "python scripts/docs.py"

#: The README is the front page: what the tool is, the two commands, a tour, links.
MAX_README_LINES = 250


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("docs_script", REPO / "scripts" / "docs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


docs_script = _load_script()


@pytest.fixture(scope="module")
def generated() -> Iterator[dict[Path, str]]:
    """What the script would write, made once for the module (each distinct command runs once)."""
    here = Path.cwd()
    os.chdir(REPO)  # the samples' paths are relative to the repository's root
    try:
        yield docs_script.generated()
    finally:
        os.chdir(here)


def _pages() -> list[Path]:
    return [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]


@pytest.mark.parametrize("name", ["docs/cli.md", "docs/rules.md", "docs/images/architecture.dot", "README.md"])
def test_the_generated_file_is_current(generated: dict[Path, str], name: str) -> None:
    path = REPO / name
    assert path.exists() and path.read_text(encoding="utf-8") == generated[path], f"{name} is stale: run {RUN_THE_SCRIPT}"


def test_every_console_sample_in_docs_is_current(generated: dict[Path, str]) -> None:
    stale = [page.relative_to(REPO).as_posix() for page in _pages() if page.read_text(encoding="utf-8") != generated[page]]
    assert not stale, f"stale: {', '.join(stale)}: run {RUN_THE_SCRIPT}"


def test_the_script_writes_nothing_when_everything_is_current(generated: dict[Path, str]) -> None:
    assert docs_script.stale(generated) == []


def test_the_check_lists_the_stale_files_and_the_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    current, old = tmp_path / "current.md", tmp_path / "old.md"
    current.write_text("same\n", encoding="utf-8")
    old.write_text("old\n", encoding="utf-8")
    monkeypatch.setattr(docs_script, "ROOT", tmp_path)
    monkeypatch.setattr(docs_script, "generated", lambda: {current: "same\n", old: "new\n"})
    assert docs_script.main_(["--check"]) == 1
    assert capsys.readouterr().err == f"stale: old.md\nrun: {RUN_THE_SCRIPT}\n"
    assert old.read_text(encoding="utf-8") == "old\n"  # --check writes nothing


SAMPLES = [
    # (a page's text, what the runner prints per command, the page as the script writes it)
    (
        "a\n```console\n$ usfk-argmap stats m.yaml\nold output\n```\nb\n",
        {"usfk-argmap stats m.yaml": "new output\n"},
        "a\n```console\n$ usfk-argmap stats m.yaml\nnew output\n```\nb\n",
    ),
    (
        "```console\n$ usfk-argmap check a.yaml\n$ usfk-argmap check b.yaml\nb: 1 error\n```\n",
        {"usfk-argmap check a.yaml": "a: fine\n", "usfk-argmap check b.yaml": "b: 1 error\n"},
        "```console\n$ usfk-argmap check a.yaml\na: fine\n$ usfk-argmap check b.yaml\nb: 1 error\n```\n",
    ),
    (
        "```console\n$ .venv/bin/usfk-argmap rules AM1\n```\n",
        {".venv/bin/usfk-argmap rules AM1": "AM101 ..."},
        "```console\n$ .venv/bin/usfk-argmap rules AM1\nAM101 ...\n```\n",
    ),
    # Not samples: a console block that runs something else, and other blocks, stay as written.
    (
        "```console\n$ .venv/bin/python benchmarks/x.py\n1.0 s\n```\n",
        {},
        "```console\n$ .venv/bin/python benchmarks/x.py\n1.0 s\n```\n",
    ),
    ("```sh\nusfk-argmap render m.yaml -o m.svg\n```\n", {}, "```sh\nusfk-argmap render m.yaml -o m.svg\n```\n"),
]


@pytest.mark.parametrize(("text", "outputs", "written"), SAMPLES)
def test_console_samples_are_rewritten_with_what_their_commands_print(text: str, outputs: dict[str, str], written: str) -> None:
    assert docs_script.with_samples(text, outputs.__getitem__) == written


def test_a_sample_runs_the_command_from_the_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    assert docs_script.run("usfk-argmap check maps/example_tram.yaml  # a comment") == (
        f"maps/example_tram.yaml: no problems (12 statements, {len(REGISTRY)} rules)\n"
    )
    with pytest.raises(ValueError, match="usfk-argmap"):
        docs_script.run("rm -rf /")


def test_every_console_block_is_a_sample() -> None:
    # A measurement or a command that writes files is a ```text or ```sh block, not a console sample.
    others = [
        f"{page.relative_to(REPO)}: {block.splitlines()[0] if block else '(empty)'}"
        for page in _pages()
        for block in re.findall(r"^```console\n(.*?)^```$", page.read_text(encoding="utf-8"), re.MULTILINE | re.DOTALL)
        if not docs_script.is_sample(block)
    ]
    assert not others, "console blocks that do not run usfk-argmap:\n" + "\n".join(others)


def test_the_cli_page_has_every_command() -> None:
    page = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    assert [name for name in re.findall(r"^## usfk-argmap (\S+)$", page, re.MULTILINE)] == sorted(COMMANDS)
    assert "Usage: usfk-argmap render [OPTIONS] MAPS..." in page


def test_the_architecture_picture_shows_every_room() -> None:
    svg = (REPO / "docs" / "images" / "architecture.svg").read_text(encoding="utf-8")
    titles = set(re.findall(r"<title>([^<]+)</title>", svg))
    assert {room for _layer, rooms in LAYERS for room in rooms} <= titles
    assert "cli&#45;&gt;core" in titles  # an import between rooms is a line


def test_the_readme_is_short_and_links_every_page() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= MAX_README_LINES
    assert "bash scripts/demo.sh" in readme and "bash scripts/test.sh" in readme
    unlinked = [page.name for page in sorted((REPO / "docs").glob("*.md")) if f"](docs/{page.name})" not in readme]
    assert not unlinked, f"pages the README does not link: {unlinked}"


def test_the_pages_link_only_to_files_that_exist() -> None:
    broken = [
        f"{page.relative_to(REPO)}: {target}"
        for page in _pages()
        for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8"))
        if not target.startswith(("http://", "https://")) and not (page.parent / target).exists()
    ]
    assert not broken, "\n".join(broken)


#: Files an ``Example:`` of a command's help assumes the user has, made from the bundled maps:
#: the text itself, or the arguments of the command that makes it.
EXAMPLE_INPUTS: dict[str, str | tuple[str, ...]] = {
    "debate.argdown": ("export", "maps/example_tram.yaml", "--format", "argdown", "-o", "debate.argdown"),
    "ova-export.txt": ("export", "maps/example_tram.yaml", "--format", "aif", "-o", "ova-export.txt"),
    "veggie.argdown": "[Strikt-Veggie]: Nobody should eat meat.\n  <+ [Tierwohl]: Animals suffer in farming.\n",
    "corpus/micro_b001.xml": (
        '<?xml version="1.0" encoding="UTF-8"?>\n<arggraph id="micro_b001">\n'
        '<edu id="e1">The tram pays for itself.</edu><edu id="e2">Fares cover its costs.</edu>\n'
        '<adu id="a1" type="pro"/><adu id="a2" type="pro"/>\n'
        '<edge id="c1" src="e1" trg="a1" type="seg"/><edge id="c2" src="e2" trg="a2" type="seg"/>\n'
        '<edge id="c3" src="a2" trg="a1" type="sup"/>\n</arggraph>\n'
    ),
    "maps/sources/chapter.txt": (MAPS / "sources" / "tram.txt").read_text(encoding="utf-8"),
    "my-template.pptx": ("render", "maps/example_tram.yaml", "-o", "my-template.pptx"),
    "notes/debate.canvas": ("export", "maps/example_tram.yaml", "--format", "canvas", "-o", "notes/debate.canvas"),
    "sketch.drawio": ("export", "maps/example_tram.yaml", "--format", "drawio", "-o", "sketch.drawio"),
}

#: Commands that serve until they are stopped: their examples are parsed, not run.
SERVERS = {"serve"}

#: Commands whose examples run Graphviz ("": the group's own help, which renders; export and import: the positioned formats).
DRAWING = {"", "render", "slides", "report", "export", "import"}


def _examples(name: str) -> list[str]:
    """The ``usfk-argmap ...`` lines under ``Example:`` in a command's help (the group's for ``""``)."""
    help_text = CliRunner().invoke(main, [name, "--help"] if name else ["--help"]).output
    lines = help_text.split("Example:", 1)[1].splitlines()
    return [line.strip() for line in lines if line.strip().startswith("usfk-argmap ")]


def _arguments(example: str) -> list[str]:
    """An example's arguments as a shell gives them: globs expanded, an output redirection left to the runner."""
    words = shlex.split(example)[1:]
    if ">" in words:
        words = words[: words.index(">")]
    return [match for word in words for match in (sorted(glob.glob(word)) if "*" in word else [word])]


@pytest.mark.parametrize(
    "name",
    [pytest.param(name, marks=[pytest.mark.graphviz] if name in DRAWING else []) for name in ["", *sorted(COMMANDS)]],
    ids=["usfk-argmap", *sorted(COMMANDS)],
)
def test_every_example_in_a_commands_help_runs(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(MAPS, tmp_path / "maps")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    for path, made in EXAMPLE_INPUTS.items():
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        if isinstance(made, str):
            Path(path).write_text(made, encoding="utf-8")
        else:
            assert runner.invoke(main, list(made)).exit_code == 0, path
    examples = _examples(name)
    assert examples, f"usfk-argmap {name} --help has no example"
    for example in examples:
        arguments = _arguments(example)
        if name in SERVERS:
            command = main.get_command(click.Context(main), name)
            assert command is not None
            command.make_context(name, arguments[1:])  # a usage error raises
            continue
        result = runner.invoke(main, arguments, input="")
        assert result.exit_code in (0, 1), f"{example}\nexit {result.exit_code}: {result.output}"


def _prose(path: Path) -> str:
    """A page's text with its line breaks as spaces, so a figure wrapped over two lines is found."""
    return re.sub(r"\s+", " ", path.read_text(encoding="utf-8"))


def test_the_flagship_figures_in_the_prose_are_the_tools() -> None:
    # Figures in running text are no console sample: each is compared with what the tool says now.
    stats = json.loads(CliRunner().invoke(main, ["stats", str(MAPS / "usfk_conclusion.yaml"), "--format", "json"]).output)
    covered, total = stats["sentences_covered"], stats["sentences_total"]
    readme = _prose(REPO / "README.md")
    assert f"{stats['nodes']} nodes" in readme
    assert f"**{covered} of the chapter's {total} sentences ({stats['sentence_share']:.1%})**" in readme
    result = CliRunner().invoke(main, ["evaluate", str(MAPS / "usfk_conclusion.yaml"), "--format", "json"])
    status = list(json.loads(result.output)["status"].values())
    statuses = f"({status.count('established')} of {len(status)} statements and linked arguments)"
    assert statuses in _prose(REPO / "docs" / "evaluation.md")


@pytest.mark.graphviz
def test_the_flagship_deck_is_as_large_as_the_pages_say(tmp_path: Path) -> None:
    deck = tmp_path / "deck.pptx"
    result = CliRunner().invoke(main, ["slides", str(MAPS / "usfk_conclusion.yaml"), "-o", str(deck)])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(deck) as archive:
        slides = sum(1 for name in archive.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", name))
    kilobytes = deck.stat().st_size / 1000
    for page in ("README.md", "docs/slides.md"):
        said = re.search(r"(\d+) slides,? (?:and )?about (\d+) KB", _prose(REPO / page))
        assert said is not None, page
        assert int(said[1]) == slides and abs(int(said[2]) - kilobytes) <= 0.05 * kilobytes, (page, slides, kilobytes)
