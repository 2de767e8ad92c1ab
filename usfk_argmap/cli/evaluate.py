"""The evaluation commands, ``evaluate`` and ``explain``: which statements stand, and why.

Registered on the command group by ``cli.app``; errors go through ``cli.base`` as every command's do.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from usfk_argmap.cli.base import MAP_ARGUMENT, Command, load_usable, map_context, source_root_option
from usfk_argmap.cli.output import echo, echo_data, printable

if TYPE_CHECKING:
    from usfk_argmap.analysis.evaluation import Evaluation
    from usfk_argmap.core.model import ArgumentMap


_SEMANTICS_OPTION = click.option(
    "--semantics",
    type=click.Choice(["grounded", "preferred"]),
    default="grounded",
    show_default=True,
    help="grounded: what every reading of the objections accepts (linear time); preferred: maximal coherent readings.",
)
_ACCEPTANCE_OPTION = click.option(
    "--acceptance",
    type=click.Choice(["sceptical", "credulous"]),
    default="sceptical",
    show_default=True,
    help="With --semantics preferred: in when in every preferred labelling (sceptical) or in some (credulous).",
)

_QUESTIONS_OPTION = click.option(
    "--questions",
    type=click.Choice(["assumed", "open"]),
    default="assumed",
    show_default=True,
    help="open: each critical question of the assumption kind that nothing answers undercuts its inference; "
    "assumed: take them as answered.",
)


def _evaluate(argument_map: ArgumentMap, semantics: str, acceptance: str, questions: str) -> Evaluation:
    from usfk_argmap.analysis.evaluation import evaluate

    # An EvaluationLimitError (preferred semantics on too large a map) is an ArgmapError: cli.base reports it.
    return evaluate(
        argument_map, semantics=semantics, acceptance=acceptance, questions="open" if questions == "open" else "assumed"
    )


@click.command("evaluate", cls=Command)
@click.argument("map_path", metavar="MAP", type=MAP_ARGUMENT)
@_SEMANTICS_OPTION
@_ACCEPTANCE_OPTION
@_QUESTIONS_OPTION
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@source_root_option
def evaluate_command(
    map_path: Path, semantics: str, acceptance: str, questions: str, output_format: str, source_roots: tuple[Path, ...]
) -> None:
    """Say which statements stand, given the objections and answers in the map.

    Labels come from the map's attack graph (in, out, undec); a statement is
    established when it is in and rests on established reasons (or needs
    none), defeated when it is out, open otherwise. Runs on any map that
    loads, whatever `check` says of it. An `outweighs` keeps the outweighed
    objection from defeating its target while the reason that outweighs it
    stands. With --questions open, a claim resting on an inference whose
    scheme has an assumption nothing answers is not established. Exit code 0
    once evaluated.

    \b
    Example:
        usfk-argmap evaluate maps/usfk_conclusion.yaml
        usfk-argmap evaluate maps/usfk_conclusion.yaml --questions open
        usfk-argmap evaluate maps/usfk_conclusion.yaml --format json
        usfk-argmap evaluate maps/example_tram.yaml --semantics preferred --acceptance credulous
    """
    import json

    from usfk_argmap.rules.evaluated import main_claims

    argument_map, _ = load_usable(map_context(map_path, source_roots))
    evaluation = _evaluate(argument_map, semantics, acceptance, questions)
    if output_format == "json":
        echo_data(json.dumps(evaluation.to_dict(), ensure_ascii=False, indent=2))
        return
    first = [i for i in [argument_map.root, *main_claims(argument_map)] if i in evaluation.status]
    rest = [i for i in evaluation.status if i not in first]
    width = max((len(i) for i in evaluation.status), default=0)
    for group, title in ((first, "thesis and main claims"), (rest, "the other statements and linked arguments")):
        if not group:
            continue
        echo(f"{title}:")
        for item in group:
            text = argument_map.nodes[item].text if item in argument_map.nodes else "(linked argument)"
            echo(f"  {item:<{width}}  {evaluation.status[item]:<11}  {evaluation.labels[item]:<5}  {_one_line(text)}")
    counts = {status: list(evaluation.status.values()).count(status) for status in ("established", "defeated", "open")}
    echo(
        f"{counts['established']} established, {counts['defeated']} defeated, {counts['open']} open "
        f"({evaluation.to_dict()['semantics']}{', open questions' if questions == 'open' else ''})",
        err=True,
    )
    if questions == "open":
        # What the open questions change: the figure a thesis author reports.
        assumed = _evaluate(argument_map, semantics, acceptance, "assumed").status
        changed = [
            f"{item} ({assumed[item]} → {status})" for item, status in evaluation.status.items() if assumed[item] != status
        ]
        listed = f": {', '.join(changed)}" if changed else ""
        echo(f"{len(changed)} change status against --questions assumed{listed}", err=True)


@click.command(cls=Command)
@click.argument("map_path", metavar="MAP", type=MAP_ARGUMENT)
@click.argument("item_id", metavar="ID")
@_SEMANTICS_OPTION
@_ACCEPTANCE_OPTION
@_QUESTIONS_OPTION
@click.option("--depth", type=click.IntRange(1, 20), default=3, show_default=True, help="How many steps of the chain to follow.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option(
    "--ui-lang",
    metavar="TAG",
    help="The language of the explanation (zh-Hant, zh-Hans, ja, ko, en); by default the map's `lang`.",
)
@source_root_option
def explain(
    map_path: Path,
    item_id: str,
    semantics: str,
    acceptance: str,
    questions: str,
    depth: int,
    output_format: str,
    ui_lang: str | None,
    source_roots: tuple[Path, ...],
) -> None:
    """Explain why a statement is established, defeated or open.

    Prints a few sentences, then the chain of reasons, objections, undercuts,
    critical questions and answers that decide it, one item a line, in the
    map's language (or --ui-lang's).

    \b
    Example:
        usfk-argmap explain maps/usfk_conclusion.yaml C3
        usfk-argmap explain maps/usfk_conclusion.yaml C3 --ui-lang en --questions open
        usfk-argmap explain maps/usfk_conclusion.yaml T --depth 1 --format json
    """
    import json

    from usfk_argmap.analysis.explanation import explain as explain_item
    from usfk_argmap.core.diagnostics import did_you_mean_phrase, suggest
    from usfk_argmap.core.messages import check_tag

    if ui_lang is not None:
        try:
            check_tag(ui_lang)
        except ValueError as error:
            raise click.BadParameter(printable(str(error)), param_hint="--ui-lang") from None

    argument_map, _ = load_usable(map_context(map_path, source_roots))
    evaluation = _evaluate(argument_map, semantics, acceptance, questions)
    if item_id not in evaluation.status:
        hint = suggest(item_id, list(evaluation.status))
        advice = f"; {did_you_mean_phrase(hint)}" if hint else ""
        raise click.BadParameter(
            printable(f"{item_id!r} is not a statement or linked argument of the map{advice}"), param_hint="ID"
        )
    explanation = explain_item(argument_map, evaluation, item_id, depth=depth)
    if output_format == "json":
        echo_data(json.dumps(explanation.to_dict(), ensure_ascii=False, indent=2))
        return
    echo(explanation.sentence(ui_lang))
    echo("")
    echo("\n".join(explanation.lines(lang=ui_lang)))


def _one_line(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
