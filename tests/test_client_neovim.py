"""The language server driven by a real editor: headless Neovim through a whole session.

``tests/neovim/session.lua`` starts ``usfk-argmap lsp`` with ``vim.lsp.start_client``,
attaches the map's buffer, asks what a user asks (hover, definition, completion with
and without a typed prefix, the outline), applies a quick fix and a rename with
Neovim's own ``apply_workspace_edit``, tries renames the server must refuse, rewrites
the source text on disk, and writes one JSON line per answer; the tests here assert
them, on an English map and on a Traditional Chinese one (CJK ids: the protocol's
UTF-16 columns against Neovim's byte columns). Run alone with ``pytest -m client_neovim``.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import REPO, require, require_tool

pytestmark = [pytest.mark.client, pytest.mark.client_neovim]

SESSION_SCRIPT = REPO / "tests" / "neovim" / "session.lua"
#: How long one answer may take (ms), and the whole session (s): the server starts in about a second.
ANSWER_TIMEOUT_MS = 20_000
SESSION_TIMEOUT_S = 120

ENGLISH_MAP = """\
title: Record every class
lang: en
source: source.txt
root: T
sections:
  s1: What it costs
nodes:
  T:
    kind: thesis
    text: Every class should be recorded.
    quote: every class should be recorded
  C1:
    kind: claim
    text: Recording costs little.
    section: s1
    quote: Recording costs little
    supports: T
  C2:
    kind: claim
    text: Students can review what they missed.
    section: s1
    quote: students can review what they missed
    supports: T
  E1:
    kind: evidence
    text: A camera costs less than a set of textbooks.
    quote: a camera costs less than a set of textbooks
    supports: Cl
  E2:
    kind: evidence
    text: A third of the class was ill for a week last winter.
    quote: a third of the class was ill for a week
    supports: C2
"""
ENGLISH_SOURCE = """\
In my view every class should be recorded.
Recording costs little: a camera costs less than a set of textbooks,
and students can review what they missed.
Last winter a third of the class was ill for a week.
"""

CHINESE_MAP = """\
title: 課堂錄影
lang: zh-Hant
source: 來源.txt
root: 論點
sections:
  甲: 成本
nodes:
  論點:
    kind: thesis
    text: 每堂課都應錄影。
    quote: 每堂課都應錄影
  主張一:
    kind: claim
    text: 錄影成本很低。
    section: 甲
    quote: 錄影成本很低
    supports: 論點
  主張二:
    kind: claim
    text: 學生可以複習缺席的課。
    section: 甲
    quote: 學生可以複習缺席的課
    supports: 論點
  證據:
    kind: evidence
    text: 一台攝影機比一套課本便宜。
    quote: 一台攝影機比一套課本便宜
    supports: 主章一
  證據二:
    kind: evidence
    text: 去年冬天全班三分之一的學生病了一週。
    quote: 全班三分之一的學生病了一週
    supports: 主張二
"""
CHINESE_SOURCE = """\
我認為每堂課都應錄影。
錄影成本很低：一台攝影機比一套課本便宜，
學生可以複習缺席的課。
去年冬天全班三分之一的學生病了一週。
"""


@dataclass(frozen=True)
class Case:
    """One map, its source text, and what the session must hear about it."""

    map_text: str
    source_name: str
    source_text: str
    thesis: str
    claim: str
    other_claim: str
    evidence: str
    other_evidence: str
    section: str
    typo: str
    new_name: str
    hover_lines: tuple[str, ...]
    #: The byte columns Neovim stores for the typo (its UTF-16 columns are 14 and 14 + its length).
    typo_bytes: tuple[int, int]


CASES = {
    "en": Case(
        ENGLISH_MAP,
        "source.txt",
        ENGLISH_SOURCE,
        thesis="T",
        claim="C1",
        other_claim="C2",
        evidence="E1",
        other_evidence="E2",
        section="s1",
        typo="Cl",
        new_name="THESIS",
        hover_lines=("**C1** · claim · section s1", "Recording costs little."),
        typo_bytes=(14, 16),
    ),
    "zh-Hant": Case(
        CHINESE_MAP,
        "來源.txt",
        CHINESE_SOURCE,
        thesis="論點",
        claim="主張一",
        other_claim="主張二",
        evidence="證據",
        other_evidence="證據二",
        section="甲",
        typo="主章一",
        new_name="總論點",
        hover_lines=("**主張一** · claim · section 甲", "錄影成本很低。"),
        typo_bytes=(14, 23),
    ),
}
#: The protocol's symbol kinds of a section, the thesis, a claim and evidence; a watcher's create|change|delete.
NAMESPACE, CLASS, INTERFACE, CONSTANT = 3, 5, 11, 14
WATCH_ALL = 7
#: The protocol's error code of a request the server refuses (a rename that would break the map).
REQUEST_FAILED = -32803
#: Lines (0-based) of the map: the claim's key, its ``supports:`` naming the thesis, the typo.
CLAIM_LINE, SUPPORTS_THESIS_LINE, TYPO_LINE = 11, 16, 27
ROOT_LINE, THESIS_LINE = 3, 7
#: Where the ids start on ``    supports: ...`` and on a node's key line.
VALUE_COLUMN, KEY_COLUMN = 14, 2


@dataclass
class Answers:
    """The session's answers by step; a step answered more than once keeps them all, in order."""

    steps: dict[str, list[dict[str, Any]]]
    map_path: Path

    def __getitem__(self, step: str) -> dict[str, Any]:
        assert step in self.steps, f"Neovim did not answer {step!r}; it answered {sorted(self.steps)}"
        return self.steps[step][0]


def run_session(tmp_path: Path, case: Case) -> Answers:
    """Run the Lua session in headless Neovim on ``case``'s map and read its answers."""
    require_tool("nvim", "neovim")
    folder = tmp_path / "work"
    folder.mkdir()
    map_path = folder / "map.yaml"
    map_path.write_text(case.map_text, encoding="utf-8")
    (folder / case.source_name).write_text(case.source_text, encoding="utf-8")
    output = tmp_path / "answers.jsonl"
    plan = {
        "cmd": [sys.executable, "-m", "usfk_argmap", "lsp"],
        "root": str(folder),
        "map": str(map_path),
        "source": str(folder / case.source_name),
        "new_source": "Nothing of the kind.\n",
        "output": str(output),
        "timeout_ms": ANSWER_TIMEOUT_MS,
        "unknown_code": "AM101",
        "missing_code": "AM301",
        "hover": [CLAIM_LINE, KEY_COLUMN],
        "definition": [SUPPORTS_THESIS_LINE, VALUE_COLUMN],
        "completion": [TYPO_LINE, VALUE_COLUMN],
        "completion_prefix": [TYPO_LINE, VALUE_COLUMN + 1],
        "typed": case.typo[0],
        "fix_line": TYPO_LINE,
        "rename": [THESIS_LINE, KEY_COLUMN],
        "new_name": case.new_name,
        "refused_names": [case.claim, "two words"],
    }
    plan_path = tmp_path / "plan.json"
    plan_path.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    completed = run_nvim([f"luafile {SESSION_SCRIPT}"], tmp_path, folder, USFK_NVIM_SESSION=str(plan_path))
    lines = output.read_text(encoding="utf-8").splitlines() if output.is_file() else []
    steps: dict[str, list[dict[str, Any]]] = {}
    for line in lines:
        answer = json.loads(line)
        steps.setdefault(answer.pop("step"), []).append(answer)
    failure = steps.get("failed", [{}])[0].get("error")
    assert completed.returncode == 0 and failure is None, (
        f"nvim exited {completed.returncode}: {failure}\n{completed.stderr[-2000:]}\nanswers: {lines}"
    )
    return Answers(steps, map_path)


def run_nvim(commands: list[str], folder: Path, cwd: Path, **variables: str) -> subprocess.CompletedProcess[str]:
    """Run headless Neovim without a user's configuration, each of ``commands`` in turn, with ``variables`` set.

    The server it starts imports this checkout's package (whatever ``cwd`` is),
    and Neovim's own files (its LSP log, state) go under ``folder``, never the user's.
    """
    xdg = {name: str(folder / name.lower()) for name in ("XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME")}
    python_path = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    environment = {**os.environ, **xdg, "PYTHONPATH": python_path, **variables}
    command = ["nvim", "--headless", "-u", "NONE", "-i", "NONE", "-n"]
    for each in commands:
        command += ["-c", each]
    return subprocess.run(
        command,
        env=environment,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=SESSION_TIMEOUT_S,
        check=False,
    )


def shown(markdown: str) -> str:
    """Markdown as the editor shows it, as far as these tests need: backslash escapes of punctuation undone."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)


def _range(line: int, start: int, end: int) -> dict[str, dict[str, int]]:
    return {"start": {"line": line, "character": start}, "end": {"line": line, "character": end}}


@pytest.fixture(scope="module", params=sorted(CASES))
def language(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def session(language: str, tmp_path_factory: pytest.TempPathFactory) -> Answers:
    return run_session(tmp_path_factory.mktemp(f"neovim-{language}"), CASES[language])


def test_the_client_starts_in_utf16(session: Answers) -> None:
    assert session["initialized"] == {"initialized": True, "offset_encoding": "utf-16"}
    assert session["stopped"] == {"stopped": True}


def test_diagnostics_arrive_and_neovim_stores_them_in_bytes(session: Answers, language: str) -> None:
    case = CASES[language]
    answer = session["diagnostics"]
    unknown = [d for d in answer["published"] if d["code"] == "AM101"]
    assert len(unknown) == 1
    typo_end = VALUE_COLUMN + len(case.typo)
    assert unknown[0]["range"] == _range(TYPO_LINE, VALUE_COLUMN, typo_end)
    assert unknown[0]["severity"] == 1 and f"did you mean '{case.claim}'?" in unknown[0]["message"]
    assert unknown[0]["data"]["fix"] == {"range": _range(TYPO_LINE, VALUE_COLUMN, typo_end), "newText": case.claim}
    # Neovim keeps what was published, at byte columns: the typo starts at the same column either way.
    stored = [(d["lnum"], d["col"]) for d in answer["stored"] if d["code"] == "AM101"]
    assert stored == [(TYPO_LINE, case.typo_bytes[0])]
    assert sorted((d["code"], d["message"]) for d in answer["stored"]) == sorted(
        (d["code"], d["message"]) for d in answer["published"]
    )


def test_hover_shows_the_statement(session: Answers, language: str) -> None:
    hover = session["hover"]
    assert hover.get("error") is None
    contents = hover["result"]["contents"]
    assert contents["kind"] == "markdown"
    lines = contents["value"].splitlines()
    assert tuple(map(shown, lines[:3])) == (CASES[language].hover_lines[0], "", CASES[language].hover_lines[1])
    assert any(shown(line).startswith("Quote found in") for line in lines)
    claim = CASES[language].claim
    assert hover["result"]["range"] == _range(CLAIM_LINE, KEY_COLUMN, KEY_COLUMN + len(claim))


def test_definition_lands_on_the_key(session: Answers, language: str) -> None:
    definition = session["definition"]
    assert definition.get("error") is None
    thesis = CASES[language].thesis
    assert definition["result"]["uri"] == session["diagnostics"]["uri"]
    assert definition["result"]["range"] == _range(THESIS_LINE, KEY_COLUMN, KEY_COLUMN + len(thesis))


def test_completion_after_supports_offers_the_other_statements(session: Answers, language: str) -> None:
    case = CASES[language]
    assert session["completion"].get("error") is None
    others = [case.thesis, case.claim, case.other_claim, case.other_evidence]
    assert session["completion"]["labels"] == sorted(others)  # not the node itself


def test_completion_after_a_typed_prefix_offers_the_ids_it_starts(session: Answers, language: str) -> None:
    """``supports: C`` (``supports: 主``) lists the C ids (the 主 ids), typed as the typo's first character."""
    case = CASES[language]
    assert session["completion_prefix"].get("error") is None
    assert session["completion_prefix"]["labels"] == sorted([case.claim, case.other_claim])
    assert session["completion_prefix"]["menu"] == sorted([case.claim, case.other_claim])  # what Neovim's menu keeps


def test_outline_nests_statements_in_sections(session: Answers, language: str) -> None:
    case = CASES[language]
    assert session["outline"].get("error") is None

    def symbol(name: str, kind: int, children: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        return {"name": name, "kind": kind, "children": children or []}

    claims = [symbol(case.claim, INTERFACE), symbol(case.other_claim, INTERFACE)]
    assert session["outline"]["symbols"] == [
        symbol(case.section, NAMESPACE, claims),
        symbol(case.thesis, CLASS),
        symbol(case.evidence, CONSTANT),
        symbol(case.other_evidence, CONSTANT),
    ]


def test_quick_fix_is_applied_by_neovim(session: Answers, language: str) -> None:
    case = CASES[language]
    fix = session["quick_fix"]
    assert fix.get("error") is None
    assert fix["titles"][0] == f"Change to {case.claim!r}"
    assert fix["applied"]["changes"][session["diagnostics"]["uri"]] == [
        {"range": _range(TYPO_LINE, VALUE_COLUMN, VALUE_COLUMN + len(case.typo)), "newText": case.claim}
    ]
    assert fix["line"] == f"    supports: {case.claim}"
    # The server saw the edit (didChange) and checked again: the map is clean.
    assert fix["codes_after"] == []


def test_rename_is_applied_everywhere(session: Answers, language: str) -> None:
    case = CASES[language]
    rename = session["rename"]
    assert rename.get("error") is None
    edits = rename["result"]["changes"][session["diagnostics"]["uri"]]
    assert sorted(e["range"]["start"]["line"] for e in edits) == [ROOT_LINE, THESIS_LINE, SUPPORTS_THESIS_LINE, 22]
    assert {e["newText"] for e in edits} == {case.new_name}
    lines = rename["lines"]
    assert lines[ROOT_LINE] == f"root: {case.new_name}"
    assert lines[THESIS_LINE] == f"  {case.new_name}:"
    assert lines[SUPPORTS_THESIS_LINE] == lines[22] == f"    supports: {case.new_name}"
    assert rename["codes_after"] == []


def test_a_rename_to_a_taken_or_invalid_id_is_refused(session: Answers, language: str) -> None:
    case = CASES[language]
    refused = {answer["new_name"]: answer for answer in session.steps["rename_refused"]}
    assert sorted(refused) == sorted([case.claim, "two words"])
    assert all(answer["result"] is None and answer["error"]["code"] == REQUEST_FAILED for answer in refused.values())
    taken = refused[case.claim]["error"]["message"]
    assert taken == f"cannot rename {case.new_name!r} to {case.claim!r}: {case.claim!r} is already a statement (line 12)"
    assert "an id is one word, without spaces" in refused["two words"]["error"]["message"]


def test_the_server_registers_a_watcher_for_the_source(session: Answers, language: str) -> None:
    (registration,) = session["registrations"]["registrations"]
    assert registration["method"] == "workspace/didChangeWatchedFiles"
    source = (session.map_path.parent / CASES[language].source_name).resolve()
    assert registration["registerOptions"] == {"watchers": [{"globPattern": str(source), "kind": WATCH_ALL}]}


def test_a_source_change_on_disk_rechecks_the_map(session: Answers) -> None:
    """The script reports the rewritten source as the registered watcher would; every quote is then missing."""
    rechecked = session["source_changed"]["published"]
    assert rechecked is not None, "no diagnostics after the source text changed"
    assert sorted(d["range"]["start"]["line"] for d in rechecked if d["code"] == "AM301") == [10, 15, 21, 26, 31]


#: Runs after the documented snippet: opens two maps in one folder, then rewrites their source text on disk.
SNIPPET_CHECK = """\
local out = assert(io.open(os.getenv("USFK_NVIM_ANSWERS"), "w"))
local function diagnosed(bufnr, code)
  vim.wait(20000, function()
    for _, diagnostic in ipairs(vim.diagnostic.get(bufnr)) do
      if diagnostic.code == code then
        return true
      end
    end
    return false
  end, 20)
  local codes = {}
  for _, diagnostic in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(codes, diagnostic.code)
  end
  table.sort(codes)
  return codes
end
vim.cmd("edit first.yaml")
local first = vim.api.nvim_get_current_buf()
local first_codes = diagnosed(first, "AM101")
vim.cmd("edit second.yaml")
local second_codes = diagnosed(vim.api.nvim_get_current_buf(), "AM101")
vim.fn.writefile({ "Nothing of the kind." }, os.getenv("USFK_NVIM_SOURCE"))
local first_changed = diagnosed(first, "AM301")
local second_changed = diagnosed(vim.api.nvim_get_current_buf(), "AM301")
out:write(vim.fn.json_encode({ first = first_codes, second = second_codes, first_changed = first_changed,
  second_changed = second_changed, clients = #vim.lsp.get_active_clients() }), "\\n")
out:close()
vim.cmd("qall!")
"""


def documented_snippet(heading: str) -> str:
    """The ```lua block of docs/authoring.md that follows the paragraph starting with ``heading``."""
    text = (REPO / "docs" / "authoring.md").read_text(encoding="utf-8")
    start = text.index("\n" + heading)
    block = text.index("```lua\n", start) + len("```lua\n")
    return text[block : text.index("```", block)]


def test_the_documented_snippet_for_neovim_before_0_10_works(tmp_path: Path) -> None:
    """The docs' ``start_client`` + ``buf_attach_client`` snippet: one server for a folder's maps.

    Neovim 0.7 offers no file watcher, so the server looks at the source text
    itself: rewritten on disk, with neither map touched, both are checked again.
    """
    require_tool("nvim", "neovim")
    bin_dir = Path(sys.executable).parent
    require("usfk-argmap", table={"usfk-argmap": (str(bin_dir / "usfk-argmap"), "this package: pip install -e .")})
    (tmp_path / "source.txt").write_text(ENGLISH_SOURCE, encoding="utf-8")
    (tmp_path / "first.yaml").write_text(ENGLISH_MAP, encoding="utf-8")
    (tmp_path / "second.yaml").write_text(ENGLISH_MAP, encoding="utf-8")
    snippet = tmp_path / "snippet.lua"
    snippet.write_text(documented_snippet("Neovim 0.7 to 0.9"), encoding="utf-8")
    check = tmp_path / "check.lua"
    check.write_text(SNIPPET_CHECK, encoding="utf-8")
    answers = tmp_path / "answers.json"
    completed = run_nvim(
        ["filetype on", f"luafile {snippet}", f"luafile {check}"],
        tmp_path,
        tmp_path,
        PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        USFK_NVIM_ANSWERS=str(answers),
        USFK_NVIM_SOURCE=str(tmp_path / "source.txt"),
    )
    assert completed.returncode == 0 and answers.is_file(), completed.stderr[-2000:]
    found = json.loads(answers.read_text(encoding="utf-8"))
    assert "AM101" in found["first"] and found["first"] == found["second"]
    assert found["clients"] == 1  # both maps share the folder's server
    assert found["first_changed"].count("AM301") == found["second_changed"].count("AM301") == 5
