"""The format tables: one per family, each suffix to its format, one message for the unknown, the CLI's choices."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from usfk_argmap.cli.app import main
from usfk_argmap.core.formats import FileFormat, FormatTable, format_for
from usfk_argmap.drawing.render import OUTPUT_FORMATS
from usfk_argmap.interop import IMPORT_FORMATS
from usfk_argmap.interop.exporters import EXPORT_FORMATS
from usfk_argmap.present.report import REPORT_FORMATS
from usfk_argmap.present.slides.deck import SLIDE_FORMATS

#: Every family's table, with the command and option that name its formats.
FAMILIES = {
    "import": (IMPORT_FORMATS, "import", "from_format"),
    "export": (EXPORT_FORMATS, "export", "output_format"),
    "output": (OUTPUT_FORMATS, "render", "output_format"),
    "deck": (SLIDE_FORMATS, "slides", "output_format"),
    "report": (REPORT_FORMATS, "report", "output_format"),
}
#: (family, suffix, format) for every suffix of every table.
SUFFIXES = [
    (family, suffix, entry.name)
    for family, (table, _, _) in FAMILIES.items()
    for entry in table.formats.values()
    for suffix in entry.suffixes
]


def test_each_family_has_its_formats() -> None:
    assert {family: table.names for family, (table, _, _) in FAMILIES.items()} == {
        "import": ("argdown", "aif", "microtext", "canvas", "drawio", "xaif", "kialo"),
        "export": (
            "json",
            "graphml",
            "aif",
            "xaif",
            "argdown",
            "mermaid",
            "dot",
            "iccma",
            "apx",
            "outline",
            "outline-text",
            "canvas",
            "drawio",
        ),
        "output": ("svg", "png", "pdf", "dot", "pptx", "tex", "typst"),
        "deck": ("html", "pptx", "marp", "beamer"),
        "report": ("html", "md"),
    }
    assert all(table.family == family for family, (table, _, _) in FAMILIES.items())


@pytest.mark.parametrize(("family", "suffix", "name"), SUFFIXES)
def test_every_suffix_maps_to_its_format(family: str, suffix: str, name: str) -> None:
    table = FAMILIES[family][0]
    assert format_for(Path(f"some/map{suffix}"), table) == name
    assert format_for(f"MAP{suffix.upper()}", table) == name  # any case
    assert format_for(name, table) == name  # a bare word is a name
    assert table.suffixes[suffix] == name


@pytest.mark.parametrize("family", ["import", "export"])
def test_every_reader_and_writer_is_found_on_first_use(family: str) -> None:
    for entry in FAMILIES[family][0].formats.values():
        assert entry.function is not None and callable(entry.load()), entry.name


@pytest.mark.parametrize("family", FAMILIES)
@pytest.mark.parametrize("given", ["map.unknown", "folder/map"])
def test_an_unknown_suffix_gets_one_message_listing_the_known(family: str, given: str) -> None:
    table = FAMILIES[family][0]
    with pytest.raises(ValueError, match=f"^cannot tell the {family} format from ") as raised:
        format_for(Path(given), table)
    message = str(raised.value)
    assert ("(the suffix '.unknown')" if "." in given else "(no suffix)") in message
    assert all(suffix in message for of, suffix, _ in SUFFIXES if of == family)
    assert message.endswith(f"; or name it with {table.option}")


@pytest.mark.parametrize("family", FAMILIES)
def test_an_unknown_name_lists_the_known(family: str) -> None:
    table = FAMILIES[family][0]
    with pytest.raises(ValueError, match=f"^unknown {family} format 'jpeg'; known: {table.names[0]} "):
        format_for("jpeg", table)
    with pytest.raises(ValueError, match=f"unknown {family} format 'jpeg'"):
        table["jpeg"]


@pytest.mark.parametrize("family", FAMILIES)
def test_the_command_line_reads_its_choices_and_help_from_the_table(family: str) -> None:
    table, command_name, option_name = FAMILIES[family]
    command = main.get_command(click.Context(main), command_name)
    assert command is not None
    (option,) = [p for p in command.params if p.name == option_name]
    assert isinstance(option.type, click.Choice)
    assert sorted(option.type.choices) == sorted(table.names)
    if family != "export":  # export's format is named, never read from a suffix
        assert isinstance(option, click.Option) and option.help is not None
        assert table.known() in option.help


@pytest.mark.parametrize(
    ("formats", "problem"),
    [
        ((FileFormat("a", (".x",)), FileFormat("b", (".x",))), "not one format's"),
        ((FileFormat("a", (".X",)),), "not lower case"),
        ((FileFormat("a", ("x",)),), "with a dot"),
        ((FileFormat("a"), FileFormat("a")), "two test formats are named 'a'"),
    ],
)
def test_a_table_refuses_a_suffix_of_two_formats_or_a_name_twice(formats: tuple[FileFormat, ...], problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        FormatTable("test", formats)


def test_a_format_without_a_function_says_so() -> None:
    with pytest.raises(LookupError, match="svg"):
        OUTPUT_FORMATS["svg"].load()
