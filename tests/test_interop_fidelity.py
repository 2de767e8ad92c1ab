"""Round trips keep the whole model: map -> Argdown or AIF -> map gives the same map, field for field, in order.

"The same" is the canonical dict of ``exchange_maps.canonical``: title, lang,
root, the source (so quote checking goes on), sections, every node's fields,
relations and ``ignore:`` entries, every argument with its note, all in file
order. The writers are also checked against our own importer with
hypothesis (arbitrary ids and texts), since the real Argdown CLI is too slow
for that; ``test_client_argdown`` runs a fixed table of nasty strings through it.
"""

from __future__ import annotations

import dataclasses
import html
import re
import string
from pathlib import Path
from types import MappingProxyType

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import MAPS
from usfk_argmap import check_paths
from usfk_argmap.cli.app import main
from usfk_argmap.core.characters import has_unsafe_characters, id_problem
from usfk_argmap.core.model import Answer, Argument, ArgumentMap, Node, Ref, Section
from usfk_argmap.interop.aif.reader import import_aif
from usfk_argmap.interop.aif.writer import to_aif
from usfk_argmap.interop.argdown.reader import import_argdown, to_argdown
from usfk_argmap.interop.mermaid import mermaid_label
from usfk_argmap.interop.xmlsafe import strip_controls
from usfk_argmap.mapfile.loader import load_map
from usfk_argmap.mapfile.typed_lists import has_fullwidth
from usfk_argmap.mapfile.writer import write_map

from .exchange_maps import BUNDLED_MAPS, NASTY, SCHEMED, SMALL_ZH, canonical, load_ok, load_string

FORMATS = {"argdown": (to_argdown, import_argdown), "aif": (to_aif, import_aif)}


def _maps() -> dict[str, ArgumentMap]:
    maps = {path.stem: load_ok(path) for path in BUNDLED_MAPS}
    maps["small_zh"] = load_string(SMALL_ZH, MAPS / "small_zh.yaml")
    maps["nasty"] = load_string(NASTY, MAPS / "nasty.yaml")
    maps["schemed"] = load_string(SCHEMED, MAPS / "schemed.yaml")
    return maps


def _round_trip(argument_map: ArgumentMap, fmt: str) -> ArgumentMap:
    writer, reader = FORMATS[fmt]
    result = reader(writer(argument_map).encode("utf-8"), f"exported.{fmt}")
    assert result.map is not None, [d.format_text() for d in result.diagnostics]
    assert not result.diagnostics, [d.format_text() for d in result.diagnostics]
    # Through the map file as well, as `usfk-argmap import` writes it (same folder: the source resolves).
    return load_string(write_map(result.map, source=result.map.named_source), MAPS / "again.yaml")


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", [path.stem for path in BUNDLED_MAPS] + ["small_zh", "nasty", "schemed"])
def test_round_trip_keeps_the_whole_model(name: str, fmt: str) -> None:
    original = _maps()[name]
    assert canonical(_round_trip(original, fmt)) == canonical(original)


@pytest.mark.parametrize("fmt", FORMATS)
def test_nasty_map_keeps_what_round_trips_used_to_lose(fmt: str) -> None:
    original = load_string(NASTY, MAPS / "nasty.yaml")
    again = _round_trip(original, fmt)
    assert again.named_source == "sources/tram.txt" and again.source_text is not None
    assert dict(again.nodes["T]1"].ignore) == {"AM301": "not quoted, on purpose {really}"}
    assert dict(again.arguments["A>1"].ignore) == {"AM201": "reason"}
    assert again.arguments["A>1"].note == "Together only. A note with } and ] and > in it\non two lines"
    assert list(again.nodes)[-1] == "loose" and again.nodes["loose"].section is None
    assert " lead" in again.nodes and again.nodes[" lead"].supports[0].target == "T]1"


@pytest.mark.parametrize("fmt", FORMATS)
def test_quote_checking_goes_on_after_export_and_import_by_the_cli(tmp_path: Path, fmt: str) -> None:
    """The exported file and the imported map sit in other folders: the source still resolves and is checked."""
    folder = tmp_path / "maps"
    (folder / "sources").mkdir(parents=True)
    (folder / "sources" / "tram.txt").write_text((MAPS / "sources" / "tram.txt").read_text(encoding="utf-8"), encoding="utf-8")
    original = folder / "tram.yaml"
    original.write_text(
        (MAPS / "example_tram.yaml")
        .read_text(encoding="utf-8")
        .replace("quote: fares cover the running costs", "quote: fares cover every cost there is", 1),
        encoding="utf-8",
    )
    runner = CliRunner()
    exported, imported = tmp_path / "out" / f"tram.{fmt}", tmp_path / "deeper" / "still" / "tram.yaml"
    exported.parent.mkdir()
    imported.parent.mkdir(parents=True)
    assert runner.invoke(main, ["export", str(original), "--format", fmt, "-o", str(exported)]).exit_code == 0
    assert runner.invoke(main, ["import", str(exported), "-o", str(imported)]).exit_code == 0
    # The rebased source lies outside the imported map's folder: it is read once that folder is allowed.
    assert [d.code for d in load_map(imported).diagnostics] == ["AM014"]
    again = load_map(imported, source_roots=[folder]).map
    assert again is not None and again.source_text is not None
    assert again.source_text.text == (MAPS / "sources" / "tram.txt").read_text(encoding="utf-8")

    def problems(path: Path) -> list[tuple[str, str | None]]:
        return sorted((d.code, d.node) for d in check_paths([path], source_roots=[folder]))

    assert ("AM301", "P1") in problems(original)
    assert problems(imported) == problems(original)


# -- hypothesis: arbitrary ids and texts through our writers and importers ---------------
_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\n\t"), min_size=1, max_size=30).filter(
    lambda t: t.strip() != "" and not has_unsafe_characters(t)
)
#: Any id the loader keeps as written: an unfit one is renamed on import (AM409), a full-width one read in ASCII (AM017).
_ID = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")) | st.sampled_from(string.punctuation), min_size=1, max_size=12
).filter(lambda t: t.strip() != "" and id_problem(t) is None and not has_unsafe_characters(t) and not has_fullwidth(t))


@st.composite
def _arbitrary_maps(draw: st.DrawFn) -> ArgumentMap:
    ids = draw(st.lists(_ID, min_size=2, max_size=6, unique=True))
    texts = draw(st.lists(_TEXT, min_size=len(ids), max_size=len(ids)))
    notes = draw(st.lists(st.none() | _TEXT, min_size=len(ids), max_size=len(ids)))
    section = Section("s1", draw(_TEXT).replace("\n", " ").strip() or "s")
    sectioned = draw(st.lists(st.booleans(), min_size=len(ids), max_size=len(ids)))
    root = ids[0]
    nodes = {root: Node(root, "thesis", texts[0], note=notes[0])}
    for node_id, text, note, inside in zip(ids[1:], texts[1:], notes[1:], sectioned[1:], strict=True):
        nodes[node_id] = Node(node_id, "claim", text, note=note, section="s1" if inside else None, supports=(Ref(root),))
    arguments: dict[str, Argument] = {}
    if len(ids) > 2:
        argument_id = draw(_ID.filter(lambda value: value not in ids))
        # Schemes with arbitrary ids in every place one can stand: roles, answers, a relation's scheme, outweighs.
        schemed = draw(st.booleans())
        arguments[argument_id] = Argument(
            argument_id,
            (Ref(ids[1]), Ref(ids[2])),
            "supports",
            Ref(root),
            note=draw(st.none() | _TEXT),
            scheme=Ref("expert-opinion") if schemed else None,
            roles=MappingProxyType({"expertise": Ref(ids[1]), "assertion": Ref(ids[2])} if schemed else {}),
        )
        if schemed:
            last = nodes[ids[-1]]
            nodes[ids[-1]] = dataclasses.replace(
                last,
                schemes=MappingProxyType({root: Ref("sign")}),
                answers=(Answer("CQ2", argument=argument_id), Answer("CQ1", source=ids[-1], target=root)),
                outweighs=(Ref(ids[1]),),
            )
    # Importers normalise the spaces of a map title (a YAML title may be folded over lines).
    return ArgumentMap(
        title=" ".join(draw(_TEXT).split()) or "t", root=root, nodes=nodes, arguments=arguments, sections={"s1": section}
    )


@pytest.mark.parametrize("fmt", FORMATS)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(argument_map=_arbitrary_maps())
def test_arbitrary_ids_and_texts_survive_our_writers(fmt: str, argument_map: ArgumentMap) -> None:
    writer, reader = FORMATS[fmt]
    result = reader(writer(argument_map).encode("utf-8"), f"hypothesis.{fmt}")
    assert result.map is not None, [d.format_text() for d in result.diagnostics]
    expected, got = canonical(argument_map), canonical(result.map)
    # Kinds are inferred again where the source does not state them; everything else must match.
    for entry in expected["nodes"] + got["nodes"]:
        entry.pop("kind")
    assert got == expected


@settings(max_examples=300, deadline=None)
@given(text=st.text(st.characters(exclude_categories=["Cs"]), max_size=40))
def test_mermaid_labels_hold_no_raw_metacharacter_and_decode_back(text: str) -> None:
    label = mermaid_label(text)
    assert label.startswith('"') and label.endswith('"')
    inner = label[1:-1]
    assert not set(inner.replace("<br/>", "")) & set('"%&<>`\\[]{}|\n'), inner
    entity = re.compile(r"#(\d+|quot|amp|lt|gt);")
    assert "#" not in entity.sub("", inner)  # every "#" starts an entity code
    decoded = entity.sub(
        lambda m: html.unescape(f"&#{m.group(1)};" if m.group(1).isdigit() else f"&{m.group(1)};"), inner.replace("<br/>", "\n")
    )
    # Resolving the entities gives the text back: controls dropped, tabs as spaces, lines stripped.
    assert decoded == "\n".join(line.strip() for line in strip_controls(text).replace("\t", " ").split("\n"))
