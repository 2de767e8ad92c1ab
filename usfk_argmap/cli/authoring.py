"""The authoring commands of the command line: ``init``, ``quote``, ``serve`` and ``lsp``.

``cli.app`` registers them; like every command, they only parse options and
call the library (``usfk_argmap.authoring``), and the library's errors go
through ``cli.base.Command``.
"""

from __future__ import annotations

import errno
from pathlib import Path

import click

from usfk_argmap.cli.base import EXIT_PROBLEMS, Command, CommandError, force_option, map_context, source_root_option
from usfk_argmap.cli.options import render_field_type
from usfk_argmap.cli.output import command_line, echo, printable

LANGS = ("en", "zh-Hant", "zh-Hans")


@click.command(cls=Command)
@click.argument("path", required=False, default="map.yaml", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--lang",
    type=click.Choice(LANGS),
    default="en",
    show_default=True,
    help="The language of the placeholder texts, and the map's `lang`.",
)
@click.option(
    "--source",
    "source",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The source text the map quotes; each placeholder then quotes one of its first sentences.",
)
@force_option
@source_root_option
def init(path: Path, lang: str, source: Path | None, force: bool, source_roots: tuple[Path, ...]) -> None:
    """Write a small map to start from: a thesis, a claim, an objection and a rebuttal.

    The map passes `check --strict` as written; replace each text with the
    statement it stands for. With --source, the map names that file and the
    statements quote its first sentences. A source outside the map's folder
    tree must be allowed with --source-root (as for every command that reads
    the map): without it, init refuses (exit 2) and prints the command that works.
    An existing PATH is replaced only with --force.

    \b
    Example:
        usfk-argmap init maps/my_chapter.yaml --lang zh-Hant --source maps/sources/chapter.txt
        usfk-argmap check maps/my_chapter.yaml --strict
        usfk-argmap init drafts/tram.yaml --source maps/sources/tram.txt --source-root maps/sources
    """
    from usfk_argmap.authoring.scaffold import init_text
    from usfk_argmap.core.files import write_atomic

    if path.exists() and not force:
        raise CommandError(f"{path} exists; choose another name or pass --force")
    allowed = _source_root_args(path, source, source_roots, lang=lang, force=force) if source is not None else []
    # A source that cannot be read (a FIFO, not UTF-8) is an UnreadableFileError: through cli.base too.
    text = init_text(path, lang=lang, source=source)
    # An OutputError (the folder cannot be written) goes through cli.base as every command's.
    write_atomic(path, text.encode("utf-8"), inputs=[source] if source is not None else [], force=force)
    echo(f"wrote {path}; next: {command_line('check', str(path), '--strict', *allowed)}", err=True)


def _source_root_args(path: Path, source: Path, source_roots: tuple[Path, ...], *, lang: str, force: bool) -> list[str]:
    """The ``--source-root`` the map's checks need to read ``source`` (none when it is in the map's folder tree).

    A source that no root allows is refused with the command that works: the map
    would fail its first check (AM014), as it may not read its own source.
    """
    from usfk_argmap.mapfile.context import source_root_needed

    needed = source_root_needed(path, source)
    if needed is None:
        return []
    roots = [root for root in source_roots if source_root_needed(path, source, [root]) is None]
    if roots:
        return ["--source-root", str(roots[0])]
    forced = ["--force"] if force else []
    fixed = command_line("init", str(path), *_lang_args(lang), "--source", str(source), "--source-root", str(needed), *forced)
    raise click.UsageError(
        printable(
            f"the source {source} is outside the folder tree of {path}, so the map could not read it; "
            f"allow its folder with --source-root:\n    {fixed}"
        )
    )


def _lang_args(lang: str) -> list[str]:
    """``--lang`` as a command repeats it: nothing for the default."""
    return [] if lang == "en" else ["--lang", lang]


@click.command(cls=Command)
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("fragment")
@click.option("--yaml", "as_yaml", is_flag=True, help="Print a `quote:` line ready to paste into a node.")
def quote(source: Path, fragment: str, as_yaml: bool) -> None:
    """Print the source's own passage that a fragment matches, ready to paste as a quote.

    Matching ignores line breaks, spaces and Unicode normalisation form, as
    `check` does; the passage is printed as the source writes it, on one line.
    Exit code 0 for an exact match; 1 when only a close passage was found
    (printed, with a note) or nothing.

    \b
    Example:
        usfk-argmap quote maps/sources/usfk_conclusion.txt "駐韓美軍長期扮演"
        usfk-argmap quote maps/sources/tram.txt "pays for itself" --yaml
    """
    import json

    from usfk_argmap.authoring.scaffold import find_quote
    from usfk_argmap.mapfile.reading import read_untrusted_text
    from usfk_argmap.mapfile.sourcefile import MAX_SOURCE_BYTES
    from usfk_argmap.quotes.source import SourceText

    # An UnreadableFileError (a FIFO, too large, not UTF-8) goes through cli.base as every command's.
    text = read_untrusted_text(source, MAX_SOURCE_BYTES, "the source text")
    match = find_quote(SourceText(text, str(source)), fragment)
    if match is None:
        raise CommandError(f"{source}: nothing like {fragment!r} is in the source")
    echo(f"quote: {json.dumps(match.passage, ensure_ascii=False)}" if as_yaml else match.passage)
    if match.exact:
        echo(f"{source}:{match.line}:{match.column}: found", err=True)
    else:
        # The closest passage is printed, but it is not the fragment: a script must not take it for a match.
        echo(f"{source}: no exact match; this is the closest passage", err=True)
        click.get_current_context().exit(EXIT_PROBLEMS)


@click.command(cls=Command)
@click.argument("map_path", metavar="MAP", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=0,
    show_default=True,
    help="The port on 127.0.0.1 (0: any free port, a new one each run).",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the default browser.")
@click.option(
    "--theme", type=render_field_type("theme"), default="light", show_default=True, help="Colours of the picture and the page."
)
@source_root_option
def serve(map_path: Path, port: int, open_browser: bool, theme: str, source_roots: tuple[Path, ...]) -> None:
    """Serve a live preview of a map on 127.0.0.1: the picture and its diagnostics, updated on every save.

    The page (at the URL printed first) updates without reloading when MAP or
    its source text is saved, keeping its zoom and scroll; a save that breaks
    the map shows the errors beside the last good picture. /map.svg and
    /diagnostics.json serve the current picture and diagnostics. Ctrl-C stops it.

    The URL carries a secret token made for this run: requests without it,
    from another site's page, or naming another host are refused (403, 421),
    so other pages in the browser cannot read the map.

    \b
    Example:
        usfk-argmap serve maps/usfk_conclusion.yaml --open
        usfk-argmap serve maps/example_tram.yaml --port 9000
    """
    from usfk_argmap.authoring.serve import PreviewState, start_preview

    def rebuilt(state: PreviewState) -> None:
        error = f" ({state.error})" if state.error else ""
        echo(f"update {state.version}: {map_path} in {state.build_seconds:.2f} s{error}", err=True)

    try:
        context = map_context(map_path, source_roots)
        preview = start_preview(
            context.path, port, background=False, on_rebuild=rebuilt, source_roots=context.source_roots, theme=theme
        )
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise click.BadParameter(
                printable(f"port {port} on 127.0.0.1 is in use; pass another --port, or leave it out for any free port"),
                param_hint="--port",
            ) from None
        raise
    echo(preview.server.url)  # flushed: a script waiting for the URL reads it at once
    echo(f"watching {map_path}; Ctrl-C stops", err=True)
    if open_browser:
        import webbrowser

        webbrowser.open(preview.server.url)
    try:
        preview.serve_forever()
    except KeyboardInterrupt:
        echo("stopped", err=True)
    finally:
        preview.close()


@click.command(cls=Command)
def lsp() -> None:
    """Run the language server on standard input and output (for editors).

    Diagnostics as you type, go to definition, references, hover, completion,
    rename and quick fixes for map files. Start it from any LSP client;
    docs/authoring.md shows VS Code, Neovim and Emacs.

    \b
    Example:
        usfk-argmap lsp
    """
    from usfk_argmap.authoring.lsp import serve_stdio

    serve_stdio()
