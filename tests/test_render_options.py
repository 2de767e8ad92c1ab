"""The render flags are read from ``RenderOptions``' fields: one default, one range, one set of choices."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner

from usfk_argmap.cli.options import AliasedChoice, flag_name, render_options
from usfk_argmap.cli.present import report, slides
from usfk_argmap.cli.render import render
from usfk_argmap.drawing.options import LANG_MODES, RenderOptions

FIELDS = dataclasses.fields(RenderOptions)


def _param(command: click.Command, name: str) -> click.Parameter:
    return next(param for param in command.params if param.name == name)


@pytest.mark.parametrize("option", FIELDS, ids=[option.name for option in FIELDS])
def test_each_render_flag_has_the_fields_default(option: dataclasses.Field[Any]) -> None:
    with render.make_context("render", ["maps/example_tram.yaml"]) as context:
        given = context.params[option.name]
    assert (tuple(given) if isinstance(given, tuple | list) else given) == option.default
    assert flag_name(option) in next(p for p in render.params if p.name == option.name).opts


def test_no_flag_given_builds_the_default_options() -> None:
    built: list[RenderOptions] = []

    @click.command()
    @render_options
    def probe(options: RenderOptions) -> None:
        built.append(options)

    probe.main([], standalone_mode=False)
    assert built == [RenderOptions()]


@pytest.mark.parametrize("option", [o for o in FIELDS if "range" in o.metadata], ids=lambda o: o.name)
def test_each_ranged_flag_has_the_fields_range(option: dataclasses.Field[Any]) -> None:
    kind = _param(render, option.name).type
    assert isinstance(kind, click.FloatRange | click.IntRange)
    assert (kind.min, kind.max) == option.metadata["range"]
    low = option.metadata["range"][0]
    with pytest.raises(ValueError, match=option.name):
        RenderOptions(**{option.name: low - 1})


@pytest.mark.parametrize("option", [o for o in FIELDS if "choices" in o.metadata], ids=lambda o: o.name)
def test_each_choice_flag_has_the_fields_choices(option: dataclasses.Field[Any]) -> None:
    kind = _param(render, option.name).type
    assert isinstance(kind, click.Choice)
    assert tuple(kind.choices) == tuple(option.metadata["choices"])


@pytest.mark.parametrize(
    ("given", "meant"), [("zh", "text"), ("en", "gloss"), ("text", "text"), ("gloss", "gloss"), ("both", "both")]
)
def test_the_old_lang_names_are_accepted(given: str, meant: str) -> None:
    assert RenderOptions(lang_mode=given).lang_mode == meant
    for command in (render, slides, report):
        kind = _param(command, "lang_mode").type
        assert isinstance(kind, AliasedChoice)
        assert kind.convert(given, None, None) == meant


def test_the_help_names_the_lang_modes_as_they_are() -> None:
    assert LANG_MODES == ("text", "gloss", "both")
    assert RenderOptions().lang_mode == "text"
    for command in ("render", "slides", "report"):
        from usfk_argmap.cli.app import main

        result = CliRunner().invoke(main, [command, "--help"], terminal_width=200)
        assert result.exit_code == 0
        assert "[text|gloss|both]" in result.output
        assert "zh|" not in result.output


def test_a_lang_not_known_is_refused() -> None:
    from usfk_argmap.cli.app import main

    result = CliRunner().invoke(main, ["render", "maps/example_tram.yaml", "--lang", "fr", "-o", "-"])
    assert result.exit_code == 2
    assert "'fr' is not one of 'text', 'gloss', 'both'" in result.output


def test_the_slides_flags_build_one_slide_options(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from usfk_argmap.cli.app import main
    from usfk_argmap.present.slides import formats
    from usfk_argmap.present.slides.fit import SlideShape
    from usfk_argmap.present.slides.options import SlideOptions

    given: list[SlideOptions] = []

    def write_slides(
        argument_map: object,
        output: Path,
        fmt: str,
        options: SlideOptions,
        *,
        cache: object = None,
        banner: str | None = None,
        force: bool = False,
    ) -> list[Path]:
        given.append(options)
        return [output]

    monkeypatch.setattr(formats, "write_slides", write_slides)
    flags = ["--lang", "en", "--width", "10", "--min-text", "30", "--fit", "4:3", "-j", "2", "--theme", "dark", "--evaluate"]
    result = CliRunner().invoke(main, ["slides", "maps/example_tram.yaml", "-o", str(tmp_path / "d.pptx"), *flags, "--pictures"])
    assert result.exit_code == 0, result.output
    render_options = RenderOptions(lang_mode="gloss", width=10, theme="dark", evaluate=True)
    assert given == [SlideOptions(render_options, SlideShape(4 / 3, 30), jobs=2, pictures=True)]
    result = CliRunner().invoke(main, ["slides", "maps/example_tram.yaml", "-o", str(tmp_path / "d.md")])
    assert result.exit_code == 0, result.output
    assert given[-1] == SlideOptions()  # no flag: every default is the dataclasses'


@pytest.mark.parametrize(
    ("output", "flags", "message"),
    [
        ("d.html", ["--pictures"], "options of PowerPoint decks"),
        ("d.pptx", ["--pictures", "--reference-doc", "maps/example_tram.yaml"], "not to --pictures"),
        ("d.html", ["--min-text", "61"], "--min-text"),
    ],
)
def test_slide_options_that_do_not_go_together_are_usage_errors(
    tmp_path: Path, output: str, flags: list[str], message: str
) -> None:
    from usfk_argmap.cli.app import main

    result = CliRunner().invoke(main, ["slides", "maps/example_tram.yaml", "-o", str(tmp_path / output), *flags])
    assert result.exit_code == 2
    assert message in result.output
    assert not (tmp_path / output).exists()
