"""The ``usfk-argmap`` command line: parses options, calls the library, maps errors to exit codes.

Exit codes: 0 clean; 1 problems found (or an output that could not be made);
2 usage errors (a missing file, an unknown option, Graphviz or a font not installed).
The commands let the library's errors through; ``cli.base`` maps them to exit
codes and messages, in one place (``click_error``).

This module is the command group only. Each command lives in a ``cli_*``
module that is imported when the command runs (or when ``--help`` lists it),
so ``--version`` imports click and nothing of ours but the version, and
``check`` does not pay for the drawing, export or slide modules.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

import click

from usfk_argmap._version import __version__

#: Command name -> the module that defines it, and the command's name there.
COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("usfk_argmap.cli.maps", "check"),
    "draft": ("usfk_argmap.cli.draft", "draft"),
    "evaluate": ("usfk_argmap.cli.evaluate", "evaluate_command"),
    "explain": ("usfk_argmap.cli.evaluate", "explain"),
    "export": ("usfk_argmap.cli.maps", "export"),
    "import": ("usfk_argmap.cli.maps", "import_map"),
    "init": ("usfk_argmap.cli.authoring", "init"),
    "lsp": ("usfk_argmap.cli.authoring", "lsp"),
    "pandoc-filter": ("usfk_argmap.cli.pandoc", "pandoc_filter"),
    "quote": ("usfk_argmap.cli.authoring", "quote"),
    "render": ("usfk_argmap.cli.render", "render"),
    "report": ("usfk_argmap.cli.present", "report"),
    "rules": ("usfk_argmap.cli.maps", "rules"),
    "schemes": ("usfk_argmap.cli.schemes", "schemes"),
    "serve": ("usfk_argmap.cli.authoring", "serve"),
    "slides": ("usfk_argmap.cli.present", "slides"),
    "stats": ("usfk_argmap.cli.maps", "stats"),
}


class LazyGroup(click.Group):
    """A command group that imports a command's module only when the command is asked for."""

    def main(self, args: Any = None, *rest: Any, **kwargs: Any) -> Any:
        try:
            return super().main(args, *rest, **kwargs)
        finally:
            if args is None:  # the program's own command line, not a caller's (CliRunner, a script)
                # The command is done and its files are written: the collections the interpreter
                # runs while it shuts down would only walk the objects it built (a tenth of a small
                # render). Frozen, they are left to the process's end.
                import gc

                gc.freeze()

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *self.commands})

    def resolve_command(self, ctx: click.Context, args: list[str]) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else ""
        if args and self.get_command(ctx, name) is None and not name.startswith("-"):
            from usfk_argmap.core.diagnostics import did_you_mean_phrase, suggest

            hint = suggest(name, self.list_commands(ctx))
            if hint is not None:
                ctx.fail(f"No such command {name!r}; {did_you_mean_phrase(hint)}")
        return super().resolve_command(ctx, args)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.commands or cmd_name not in COMMANDS:
            return self.commands.get(cmd_name)
        module, name = COMMANDS[cmd_name]
        command = getattr(import_module(module), name)
        if not isinstance(command, click.Command):
            raise TypeError(f"{module}.{name} is not a click command")
        self.add_command(command, cmd_name)
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="usfk-argmap")
@click.option(
    "--graphviz-timeout",
    type=click.FloatRange(min=0, min_open=True),
    metavar="SECONDS",
    envvar="USFK_ARGMAP_GRAPHVIZ_TIMEOUT",
    show_envvar=True,
    help="Stop a Graphviz run that takes longer than this (default 600).",
)
@click.pass_context
def main(context: click.Context, graphviz_timeout: float | None) -> None:
    """Check, render and present argument maps written in YAML.

    \b
    Example:
        usfk-argmap check maps/usfk_conclusion.yaml
        usfk-argmap render maps/usfk_conclusion.yaml -o out/usfk.svg
    """
    from usfk_argmap.cli.runtime import command_runtime

    context.with_resource(command_runtime(graphviz_timeout))
