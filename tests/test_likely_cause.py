"""A misspelled relation key comes first, as an error, and the findings it causes name it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from tests.helpers import write_map
from usfk_argmap import check_file
from usfk_argmap.core.diagnostics import Severity

REPO = Path(__file__).resolve().parent.parent


def _misspell(text: str, key: str, wrong: str, which: set[int]) -> str:
    """Replace the which-th (1-based) occurrences of `key:` at the start of a line by `wrong:`."""
    count = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return f"{match.group(1)}{wrong}:" if count in which else match.group(0)

    return re.sub(rf"^(\s+){key}:", replace, text, flags=re.MULTILINE)


def _typo_map(tmp_path: Path, name: str, which: set[int]) -> Path:
    original = REPO / "maps" / name
    text = _misspell(original.read_text(encoding="utf-8"), "supports", "support", which)
    # The source must lie in the map's folder tree (AM014 otherwise): copy it beside the map.
    shutil.copytree(original.parent / "sources", tmp_path / "sources", dirs_exist_ok=True)
    return write_map(tmp_path, text, name)


def test_flagship_typo_comes_first_as_an_error_and_is_cited(tmp_path: Path) -> None:
    _, diagnostics = check_file(_typo_map(tmp_path, "usfk_conclusion.yaml", {5, 20, 40}))
    typos = [d for d in diagnostics if d.code == "AM008"]
    assert len(typos) == 3
    assert diagnostics[:3] == typos
    assert all(d.severity is Severity.ERROR and "did you mean 'supports'?" in d.message for d in typos)
    lines = {d.line for d in typos}
    caused = diagnostics[3:]
    assert caused, "the typos leave nodes unconnected"
    for diagnostic in caused:
        match = re.search(r"probably because of the unknown key 'support' at lines? ([\d, ]+)$", diagnostic.message)
        assert match, diagnostic.format_text()
        assert {int(n) for n in match.group(1).split(", ")} <= lines


def test_tram_typo_reaches_everything_below_it(tmp_path: Path) -> None:
    _, diagnostics = check_file(_typo_map(tmp_path, "example_tram.yaml", {1}))
    assert [d.code for d in diagnostics[:1]] == ["AM008"]
    typo_line = diagnostics[0].line
    orphans = [d for d in diagnostics if d.code == "AM201"]
    assert {d.node for d in orphans} >= {"C1", "P1", "E1", "P3", "O1"}
    assert all(d.message.endswith(f"probably because of the unknown key 'support' at line {typo_line}") for d in orphans)


def test_misspelled_attack_explains_the_unanswered_objection(tmp_path: Path) -> None:
    path = write_map(
        tmp_path,
        "title: t\nroot: T\nnodes:\n  T: {kind: thesis, text: a}\n"
        "  P1: {kind: premise, text: p, supports: T}\n  O1: {kind: objection, text: o, attacks: T}\n"
        "  R1: {kind: rebuttal, text: r, attack: O1}\n",
    )
    _, diagnostics = check_file(path)
    assert diagnostics[0].code == "AM008" and diagnostics[0].severity is Severity.ERROR
    [unanswered] = [d for d in diagnostics if d.code == "AM203"]
    assert unanswered.message.endswith("probably because of the unknown key 'attack' at line 7")


def test_a_key_close_to_none_stays_a_warning(tmp_path: Path) -> None:
    path = write_map(tmp_path, "title: t\nroot: T\nnodes:\n  T: {kind: thesis, text: a, colour: red}\n")
    _, diagnostics = check_file(path)
    [unknown] = [d for d in diagnostics if d.code == "AM008"]
    assert unknown.severity is Severity.WARNING
    assert "probably because" not in " ".join(d.message for d in diagnostics)


def test_misspelled_support_explains_the_unsupported_claim(tmp_path: Path) -> None:
    path = write_map(
        tmp_path,
        "title: t\nroot: T\nnodes:\n  T: {kind: thesis, text: a}\n"
        "  C1: {kind: claim, text: c, supports: T}\n  P1: {kind: premise, text: p, support: [C1]}\n",
    )
    _, diagnostics = check_file(path)
    [unsupported] = [d for d in diagnostics if d.code == "AM202"]
    assert unsupported.node == "C1"
    assert unsupported.message.endswith("probably because of the unknown key 'support' at line 6")


def test_missing_required_keys_name_the_misspelled_one(tmp_path: Path) -> None:
    path = write_map(
        tmp_path,
        "title: t\nroot: T\nnodes:\n  T: {kind: thesis, txt: a}\n"
        "  C1: {kind：claim, text: c, supports: T}\narguments:\n  A1: {premise: [C1], supports: T}\n",
    )
    _, diagnostics = check_file(path)
    missing = {d.node: d.message for d in diagnostics if d.code == "AM009"}
    assert missing["T"].endswith("has no 'text'; probably because of the unknown key 'txt' at line 4")
    assert missing["C1"].endswith("probably because of the unknown key 'kind：claim' at line 5")
    assert missing["A1"].endswith("has no premises; probably because of the unknown key 'premise' at line 7")
