"""The completeness report: figures, diagnostics, the map with its problems marked, the quoted source.

``build_report`` gathers everything as plain data; ``report_html`` and
``report_markdown`` pour it into the ``report.html`` and ``report.md``
templates. The source text is cut into pieces at every quote boundary, so a
passage two nodes quote links to both, and a sentence no node quotes stays
plain: what the map leaves out of the text is what is not highlighted.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from usfk_argmap.analysis.stats import MapStats, compute_stats
from usfk_argmap.core.diagnostics import Diagnostic, sort_diagnostics, summarize
from usfk_argmap.core.formats import FileFormat, FormatTable, format_for
from usfk_argmap.core.messages import catalogue_language
from usfk_argmap.core.model import ArgumentMap
from usfk_argmap.present.chrome import template_words
from usfk_argmap.present.markdown import guard_line_starts, markdown_escape, markdown_line
from usfk_argmap.present.report_questions import QuestionGroup, StandingEntry

if TYPE_CHECKING:
    from usfk_argmap.drawing.options import RenderOptions
    from usfk_argmap.quotes.source import SourceText, Span

#: Formats of ``usfk-argmap report``, with the suffixes that stand for them.
REPORT_FORMATS = FormatTable("report", (FileFormat("html", (".html", ".htm")), FileFormat("md", (".md",))))


@dataclass(frozen=True)
class SourcePiece:
    """A stretch of the source text; ``nodes`` are the ids of the nodes that quote it (none: plain text)."""

    text: str
    nodes: tuple[str, ...] = ()
    #: The piece's anchor in the report (``q-3``); empty for plain text.
    anchor: str = ""


@dataclass(frozen=True)
class ItemEntry:
    """A node or linked argument as the report lists it."""

    id: str
    anchor: str
    kind: str
    text: str
    en: str | None
    quote: str | None
    section: str | None
    #: "found", "not found", "no quote", or "no source" (the map names no source text).
    quote_status: str
    #: The anchor of the first source piece this node's quote covers.
    quote_anchor: str | None
    #: The item's group id in the map's SVG (``am-n3``), where it has one.
    svg_id: str | None
    diagnostics: tuple[Diagnostic, ...]

    @property
    def worst(self) -> str | None:
        """The most serious severity among this item's diagnostics."""
        if not self.diagnostics:
            return None
        return max(self.diagnostics, key=lambda d: d.severity.rank).severity.value


@dataclass(frozen=True)
class DiagnosticEntry:
    diagnostic: Diagnostic
    #: The anchor of the node or argument the diagnostic is about, if it is in the report.
    anchor: str | None


@dataclass(frozen=True)
class EvaluationEntry:
    """One statement's evaluation as the report shows it: the thesis and the main claims, with why."""

    id: str
    anchor: str
    text: str
    status: str
    label: str
    why: str


@dataclass
class Report:
    """Everything the report templates show."""

    title: str
    lang: str
    map_path: str
    source_name: str | None
    stats: MapStats
    #: ``{"errors": N, "warnings": N, "infos": N}``.
    counts: dict[str, int]
    diagnostics: list[DiagnosticEntry]
    items: list[ItemEntry]
    #: The source text in pieces, or None when the map names no source.
    source: list[SourcePiece] | None
    #: Sentences of the source that no quote covers (their text).
    unquoted_sentences: list[str]
    #: The map as inline SVG with its problem nodes marked (HTML only; None when not rendered).
    map_svg: str | None = None
    #: Where a Markdown report's picture of the map is, relative to the report (None: no picture).
    map_image: str | None = None
    #: The thesis and the main claims under grounded semantics, each with its explanation.
    evaluation: list[EvaluationEntry] = field(default_factory=list)
    #: How many statements and linked arguments are established, defeated, open.
    evaluation_counts: dict[str, int] = field(default_factory=dict)
    #: Every other statement and linked argument that is defeated or open, each with its reason.
    not_established: list[StandingEntry] = field(default_factory=list)
    #: The critical questions of the map's schemes, per main claim (empty: the map names no scheme).
    questions: list[QuestionGroup] = field(default_factory=list)

    @property
    def anchors(self) -> dict[str, str]:
        """Node or argument id -> its anchor in the report."""
        return {item.id: item.anchor for item in self.items}

    @property
    def question_counts(self) -> dict[str, int]:
        """How many critical questions are open, of those asked (``asked``: all but exceptions nobody raised)."""
        states = [q.state for group in self.questions for inference in group.inferences for q in inference.questions]
        return {"open": states.count("open"), "asked": sum(1 for state in states if state != "not raised")}

    @property
    def problem_items(self) -> list[ItemEntry]:
        return [item for item in self.items if item.diagnostics]


def build_report(argument_map: ArgumentMap, diagnostics: Sequence[Diagnostic], *, language: str | None = None) -> Report:
    """Gather the report of a loaded map and its diagnostics (load and rule diagnostics).

    The explanations and the critical questions are in ``language`` (a language tag; default: the map's).
    """
    from usfk_argmap.present.report_questions import question_groups
    from usfk_argmap.rules.evaluated import main_claims

    diagnostics = sort_diagnostics(diagnostics)
    svg_ids = _svg_ids(argument_map)
    source = argument_map.source_text
    pieces, first_piece = _source_pieces(argument_map, source) if source is not None else (None, {})
    anchors = _anchors(argument_map)
    language = language or argument_map.lang
    evaluation, evaluation_counts, not_established = _evaluation(argument_map, anchors, language)
    by_item: dict[str, list[Diagnostic]] = {}
    for diagnostic in diagnostics:
        if diagnostic.node is not None:
            by_item.setdefault(diagnostic.node, []).append(diagnostic)
    items: list[ItemEntry] = []
    for node in argument_map.nodes.values():
        if node.quote is None:
            status = "no quote"
        elif source is None:
            status = "no source"
        else:
            status = "found" if node.id in first_piece else "not found"
        items.append(
            ItemEntry(
                id=node.id,
                anchor=anchors[node.id],
                kind=node.kind,
                text=node.text,
                en=node.en,
                quote=node.quote,
                section=node.section,
                quote_status=status,
                quote_anchor=first_piece.get(node.id),
                svg_id=svg_ids.get(node.id),
                diagnostics=tuple(by_item.get(node.id, ())),
            )
        )
    for argument in argument_map.arguments.values():
        if argument.id in argument_map.nodes:
            continue  # a duplicate id: the node is listed, the loader reported the clash
        premises = " + ".join(p.target for p in argument.premises)
        items.append(
            ItemEntry(
                id=argument.id,
                anchor=anchors[argument.id],
                kind="argument",
                text=f"{premises} {argument.relation} {argument.target.target}",
                en=None,
                quote=None,
                section=None,
                quote_status="no quote",
                quote_anchor=None,
                svg_id=svg_ids.get(argument.id),
                diagnostics=tuple(by_item.get(argument.id, ())),
            )
        )
    return Report(
        title=argument_map.title,
        lang=argument_map.lang,
        map_path=argument_map.display_path,
        source_name=source.name if source is not None else None,
        stats=compute_stats(argument_map),
        counts=summarize(diagnostics),
        diagnostics=[DiagnosticEntry(d, anchors.get(d.node) if d.node else None) for d in diagnostics],
        items=items,
        source=pieces,
        unquoted_sentences=_unquoted_sentences(source, pieces) if source is not None and pieces is not None else [],
        evaluation=evaluation,
        evaluation_counts=evaluation_counts,
        not_established=not_established,
        questions=question_groups(argument_map, main_claims(argument_map), language),
    )


def _evaluation(
    argument_map: ArgumentMap, anchors: dict[str, str], language: str
) -> tuple[list[EvaluationEntry], dict[str, int], list[StandingEntry]]:
    from usfk_argmap.analysis.evaluation import evaluate
    from usfk_argmap.analysis.explanation import explain
    from usfk_argmap.present.report_questions import not_established
    from usfk_argmap.rules.evaluated import main_claims

    evaluation = evaluate(argument_map)
    shown = [i for i in [argument_map.root, *main_claims(argument_map)] if i in argument_map.nodes]
    entries = [
        EvaluationEntry(
            i,
            anchors[i],
            argument_map.nodes[i].text,
            evaluation.status[i],
            evaluation.labels[i],
            explain(argument_map, evaluation, i, depth=1).sentence(language),
        )
        for i in shown
    ]
    statuses = list(evaluation.status.values())
    counts = {status: statuses.count(status) for status in ("established", "defeated", "open")}
    return entries, counts, not_established(argument_map, evaluation, shown, language)


def report_diagnostics(argument_map: ArgumentMap, load_diagnostics: Sequence[Diagnostic] = ()) -> list[Diagnostic]:
    """The load diagnostics given and every rule's diagnostics, sorted."""
    from usfk_argmap.rules import run_checks

    return sort_diagnostics([*load_diagnostics, *run_checks(argument_map)])


def report_html(
    report: Report, argument_map: ArgumentMap, options: RenderOptions | None = None, templates: str | Path | None = None
) -> str:
    """The report as one self-contained HTML page, the map drawn inline with its problem nodes marked.

    Its ``outline`` is the map's text equivalent (``present.outline``), each statement a link to its row.
    """
    from usfk_argmap.analysis.drawn import svg_ids
    from usfk_argmap.present.outline import outline_html
    from usfk_argmap.present.templating import render_template

    report = dataclasses.replace(report, map_svg=_problem_map_svg(report, argument_map, options))
    outline = outline_html(argument_map, svg_ids(argument_map), links=report.anchors)
    words = template_words(_chrome(report, options))
    return render_template("report.html", templates, report=report, outline=outline, **words)


def report_markdown(report: Report, templates: str | Path | None = None, options: RenderOptions | None = None) -> str:
    """The report as Markdown (``report.map_image``, when set, is shown as the map's picture)."""
    from usfk_argmap.present.templating import render_template

    words = template_words(_chrome(report, options), html=False)
    return render_template("report.md", templates, filters=_markdown_filters(), report=report, **words)


def _chrome(report: Report, options: RenderOptions | None) -> str:
    """The catalogue language of the report's headings and labels: ``--ui-lang``, else the map's."""
    return options.chrome_language(report.lang) if options is not None else catalogue_language(report.lang)


def _markdown_filters() -> dict[str, Callable[..., str]]:
    return {"md_source": markdown_source}


def problem_map_svg(report: Report, argument_map: ArgumentMap, options: RenderOptions | None = None) -> bytes:
    """The map as a standalone SVG document with the report's problem nodes highlighted."""
    from usfk_argmap.drawing.render import RenderOptions, render_svg
    from usfk_argmap.rules import run_checks

    base = options if options is not None else RenderOptions()
    problems = tuple(item.id for item in report.problem_items if item.id in argument_map.nodes)
    return render_svg(
        argument_map, dataclasses.replace(base, highlight=problems, show_issues=True), diagnostics=run_checks(argument_map)
    )


def _problem_map_svg(report: Report, argument_map: ArgumentMap, options: RenderOptions | None) -> str:
    from usfk_argmap.drawing.svg import inline_svg

    # No prefix: the page holds this one SVG, and the node list links to its ids (#am-n3).
    return inline_svg(problem_map_svg(report, argument_map, options), "")


def _svg_ids(argument_map: ArgumentMap) -> dict[str, str]:
    from usfk_argmap.analysis.drawn import svg_ids

    return svg_ids(argument_map)


def _anchors(argument_map: ArgumentMap) -> dict[str, str]:
    # Ids may be Chinese or hold ':' or spaces: anchors are made from positions instead.
    anchors = {node_id: f"node-{index}" for index, node_id in enumerate(argument_map.nodes, 1)}
    for index, argument_id in enumerate(argument_map.arguments, 1):
        anchors.setdefault(argument_id, f"argument-{index}")
    return anchors


def _source_pieces(argument_map: ArgumentMap, source: SourceText) -> tuple[list[SourcePiece], dict[str, str]]:
    """Cut the source at every quote boundary; also the first piece each quoting node covers."""
    spans: list[tuple[Span, str]] = []
    for node in argument_map.nodes.values():
        if node.quote:
            spans.extend((span, node.id) for span in source.find_all(node.quote))
    cuts = sorted({0, len(source.text), *(s.start for s, _ in spans), *(s.end for s, _ in spans)})
    pieces: list[SourcePiece] = []
    first_piece: dict[str, str] = {}
    for start, end in itertools.pairwise(cuts):
        nodes = tuple(dict.fromkeys(node_id for span, node_id in spans if span.start <= start and end <= span.end))
        text = source.text[start:end]
        if pieces and pieces[-1].nodes == nodes:
            # Neighbouring stretches with the same quoting nodes make one piece.
            pieces[-1] = dataclasses.replace(pieces[-1], text=pieces[-1].text + text)
            continue
        anchor = f"q-{sum(1 for p in pieces if p.nodes) + 1}" if nodes else ""
        pieces.append(SourcePiece(text, nodes, anchor))
        for node_id in nodes:
            first_piece.setdefault(node_id, anchor)
    return pieces, first_piece


def _unquoted_sentences(source: SourceText, pieces: list[SourcePiece]) -> list[str]:
    """Sentences of which quotes cover less than half (the rule ``stats`` counts coverage by)."""
    covered = bytearray(len(source.text))
    offset = 0
    for piece in pieces:
        if piece.nodes:
            covered[offset : offset + len(piece.text)] = b"\x01" * len(piece.text)
        offset += len(piece.text)
    result = []
    for sentence in source.sentences:
        chars = [i for i in range(sentence.span.start, sentence.span.end) if not source.text[i].isspace()]
        if chars and sum(covered[i] for i in chars) * 2 < len(chars):
            result.append(" ".join(sentence.text.split()))
    return result


def markdown_source(report: Report) -> str:
    """The report's source text as Markdown paragraphs: quoted pieces bold and linked to their first node."""
    anchors = report.anchors
    out: list[str] = []
    for piece in report.source or ():
        rendered = []
        for number, line in enumerate(piece.text.split("\n")):
            escaped = markdown_line(line)
            if piece.nodes and escaped.strip():
                core = escaped.strip()
                lead = escaped[: len(escaped) - len(escaped.lstrip())]
                trail = escaped[len(escaped.rstrip()) :]
                target = f'<a id="{piece.anchor}"></a>' if number == 0 else ""
                escaped = f"{lead}{target}**[{core}](#{anchors[piece.nodes[0]]})**{trail}"
            rendered.append(escaped)
        out.append("\n".join(rendered))
    # A source line that happens to start like a heading or a list item must stay a plain line.
    return guard_line_starts("".join(out))


__all__ = [
    "REPORT_FORMATS",
    "DiagnosticEntry",
    "ItemEntry",
    "Report",
    "SourcePiece",
    "build_report",
    "markdown_escape",
    "markdown_source",
    "problem_map_svg",
    "report_diagnostics",
    "report_format_for",
    "report_html",
    "report_markdown",
    "write_report",
]


def report_format_for(output: str | Path | None, fmt: str | None = None) -> str:
    """The report format: as given, from the output's suffix, or html on standard output.

    ``ValueError`` for a suffix we do not write (``report.pdf``), unless the format is given.
    """
    if fmt is None and output is None:
        return "html"
    return format_for(fmt if fmt is not None else Path(output or ""), REPORT_FORMATS)


def write_report(
    argument_map: ArgumentMap,
    load_diagnostics: Sequence[Diagnostic],
    output: str | Path | None,
    fmt: str = "html",
    options: RenderOptions | None = None,
    templates: str | Path | None = None,
    *,
    force: bool = False,
) -> str | None:
    """Build the report and write it to ``output`` atomically, or return its text when ``output`` is None.

    A read-only file at ``output`` is replaced only with ``force``.

    A Markdown report written to a file gets the map beside it as ``<stem>.svg``.
    """
    from usfk_argmap.core.errors import OutputError
    from usfk_argmap.core.files import check_target, is_stream, write_files_atomic

    REPORT_FORMATS[fmt]  # an unknown format is a ValueError before anything is checked or built
    inputs = argument_map.input_paths()
    picture: Path | None = None
    if output is not None:
        check_target(Path(output), inputs, force=force)  # before the slow part
        if fmt == "md" and not is_stream(output):  # a report into a device or FIFO comes without its picture
            picture = Path(output).with_suffix(".svg")
            if picture == Path(output):
                raise OutputError(
                    f"refusing to write the Markdown report to {output}: its map picture goes "
                    f"to {picture.name} beside it; give the report a .md suffix"
                )
    from usfk_argmap.present.templating import compile_template

    # Before the slow part too: a syntax error in the user's template is reported at once.
    if fmt == "html":
        from usfk_argmap.present.contrast import warn_template_contrast

        compile_template("report.html", templates)
        warn_template_contrast(templates, "report.html")
    else:
        compile_template("report.md", templates, _markdown_filters())
    language = options.chrome_language(argument_map.lang) if options is not None else None
    report = build_report(argument_map, report_diagnostics(argument_map, load_diagnostics), language=language)
    files: dict[Path, bytes] = {}
    if fmt == "html":
        text = report_html(report, argument_map, options, templates)
    elif picture is None:
        text = report_markdown(report, templates, options)
    else:
        files[picture] = problem_map_svg(report, argument_map, options)
        text = report_markdown(dataclasses.replace(report, map_image=picture.name), templates, options)
    if output is None:
        return text
    files[Path(output)] = text.encode("utf-8")  # last: the report is never left without its picture
    write_files_atomic(files, inputs=inputs, force=force)
    return None
