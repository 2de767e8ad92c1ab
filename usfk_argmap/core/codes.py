"""Every diagnostic code, in one table: the loader's (AM0xx), the rules' (AM1xx-AM3xx), the importers' (AM4xx),
the evaluation's (AM5xx).

A code's name, severity, group and one-line summary are written here and
nowhere else. The loader, the importers and the rule registry look their
codes up in ``CODES``; ``usfk-argmap rules`` lists it (with each rule's
docstring as its documentation).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from usfk_argmap.core.diagnostics import Severity

Group = Literal["load", "check", "import", "evaluate"]

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


@dataclass(frozen=True)
class Code:
    """One diagnostic code: ``AM101 unknown-reference``, an error found by a check."""

    code: str
    name: str
    severity: Severity
    #: load (the loader reports it), check (a rule of ``usfk_argmap.rules``), import (an importer),
    #: or evaluate (``check --evaluate``: what the evaluation of the map leaves standing).
    group: Group
    summary: str


def _table(*entries: Code) -> dict[str, Code]:
    table: dict[str, Code] = {}
    for entry in entries:
        if entry.code in table:
            raise ValueError(f"code {entry.code} is listed twice")
        table[entry.code] = entry
    return dict(sorted(table.items()))


#: Every code, by code.
CODES: dict[str, Code] = _table(
    Code("AM001", "yaml-syntax", ERROR, "load", "The file is not valid YAML, holds several documents, or nests too deeply."),
    Code(
        "AM002",
        "not-utf8",
        ERROR,
        "load",
        "The file is not UTF-8 text (Big5/CP950 is a likely legacy encoding for Traditional Chinese).",
    ),
    Code("AM003", "empty-file", ERROR, "load", "The file holds no map."),
    # 8 MiB is ``mapfile.reading.MAX_MAP_BYTES`` (a test holds the two together).
    Code("AM004", "file-too-large", ERROR, "load", "The file is over 8 MiB."),
    Code(
        "AM005",
        "anchor-or-alias",
        ERROR,
        "load",
        "YAML anchors (&a) and aliases (*a) are refused: they allow exponential 'billion laughs' inputs.",
    ),
    Code("AM006", "duplicate-key", ERROR, "load", "A key is given twice in one mapping; YAML would silently keep the last."),
    Code(
        "AM007", "wrong-type", ERROR, "load", "A value has the wrong type (a list where text is expected, a tag, an empty id...)."
    ),
    Code(
        "AM008",
        "unknown-key",
        WARNING,
        "load",
        "A key the format does not know: a warning, or an error when it is close to a known key "
        "(a likely typo, such as `support` for `supports`), with the intended key suggested.",
    ),
    Code(
        "AM009",
        "missing-key",
        ERROR,
        "load",
        "A required key is missing (title, root, nodes; a node's kind and text; an argument's premises and target).",
    ),
    Code(
        "AM010",
        "unknown-kind",
        ERROR,
        "load",
        "A node kind that is not one of thesis, claim, premise, evidence, objection, rebuttal, assumption.",
    ),
    Code("AM011", "source-unreadable", ERROR, "load", "The source text named by `source:` is missing or not UTF-8."),
    Code("AM012", "bad-suppression", WARNING, "load", "An `ignore:` entry names a code that does not exist."),
    Code(
        "AM013",
        "file-unreadable",
        ERROR,
        "load",
        "The map file cannot be read: it is missing, a folder, not readable, or reading it failed.",
    ),
    # 8 MiB is ``mapfile.sourcefile.MAX_SOURCE_BYTES`` (a test holds the two together).
    Code(
        "AM014",
        "source-not-allowed",
        ERROR,
        "load",
        "The source named by `source:` is not read: it leads (symbolic links followed) outside the map's "
        "folder and the folders allowed with --source-root, or it is a folder, a device or a FIFO, or it is "
        "over 8 MiB.",
    ),
    Code(
        "AM015",
        "unsafe-character",
        WARNING,
        "load",
        "A lone surrogate, a noncharacter (U+FFFE, U+FFFF...) or a control character (`\\x01`, `\\e`), raw or as an "
        "escape: no drawing, deck or UTF-8 file can hold it, so it was replaced by U+FFFD.",
    ),
    Code(
        "AM016",
        "unfit-id",
        ERROR,
        "load",
        "An id that is not one line of visible characters: a line break, a control or invisible character "
        "(U+200B, U+2060...: two ids would look the same and differ), or over 1,024 characters.",
    ),
    Code(
        "AM017",
        "full-width-character",
        WARNING,
        "load",
        "A full-width letter, digit or sign where the format means an ASCII one: an id written `Ｃ１` (read as "
        "C1), or a `＃` meant to start a comment (it stays part of the text).",
    ),
    Code(
        "AM018",
        "misindented",
        ERROR,
        "load",
        "An entry indented to another level than the one meant: a node's key out-dented to the ids (read as a "
        "node), a node indented under another (read as its key), an id indented as a key. It is read where it "
        "was meant, and the indentation to write is named.",
    ),
    Code("AM101", "unknown-reference", ERROR, "check", "A reference names an id that the map does not define."),
    Code(
        "AM102",
        "self-reference",
        ERROR,
        "check",
        "A node supports, attacks or undercuts itself, or is a premise of an argument for itself.",
    ),
    Code("AM103", "duplicate-id", ERROR, "check", "An id is defined twice: two nodes, two arguments, or a node and an argument."),
    Code("AM104", "missing-root", ERROR, "check", "The map's ``root`` is not given, or names no node."),
    Code(
        "AM105",
        "root-not-thesis",
        WARNING,
        "check",
        "The root node is not of kind ``thesis``, or it supports or attacks something.",
    ),
    Code("AM106", "several-tops", WARNING, "check", "Nodes other than the root have nothing above them."),
    Code(
        "AM107", "circular-support", ERROR, "check", "Support runs in a circle: A supports B, which (through others) supports A."
    ),
    Code(
        "AM108",
        "reversed-relation",
        ERROR,
        "check",
        "A relation written the wrong way round: a thesis that supports its reasons, an undercut's ends swapped.",
    ),
    Code("AM109", "second-thesis", WARNING, "check", "A node other than the root is of kind ``thesis``."),
    Code("AM110", "rebuttal-attacks-thesis", WARNING, "check", "A rebuttal attacks the thesis."),
    Code(
        "AM111",
        "unknown-scheme",
        ERROR,
        "check",
        "A scheme, role or critical question the catalogue does not have, or a scheme or role put on no inference or premise.",
    ),
    Code("AM112", "answer-without-scheme", ERROR, "check", "An ``answers`` entry names an inference that has no scheme."),
    Code(
        "AM113",
        "outweighs-elsewhere",
        ERROR,
        "check",
        "An ``outweighs`` names a statement that is not on the other side of a conclusion the node bears on.",
    ),
    Code("AM201", "orphan", ERROR, "check", "A node from which no chain of supports, attacks or undercuts leads to the root."),
    Code("AM202", "unsupported-claim", WARNING, "check", "A thesis or claim that nothing supports."),
    Code("AM203", "unanswered-objection", WARNING, "check", "An objection that nothing attacks or answers."),
    Code("AM204", "single-premise-argument", INFO, "check", "A linked argument with a single premise."),
    Code("AM205", "duplicate-text", WARNING, "check", "Two nodes carry the same text (ignoring case, spacing and Unicode form)."),
    Code(
        "AM206",
        "duplicate-reference",
        WARNING,
        "check",
        "An id is listed twice in one list: ``supports: [T, T]``, ``premises: [P2, P3, P3]``.",
    ),
    Code(
        "AM207",
        "scheme-roles-unfilled",
        WARNING,
        "check",
        "An inference under a scheme lacks premises for some of its roles (linked drawn as convergent).",
    ),
    Code("AM208", "unanswered-question", WARNING, "check", "A critical question of an inference's scheme that nothing answers."),
    Code(
        "AM209",
        "conceded-defeat",
        WARNING,
        "check",
        "A conceded objection (its AM203 suppressed) defeats a statement that supports something else.",
    ),
    Code("AM301", "quote-not-found", ERROR, "check", "A node's ``quote`` is not in the map's source text."),
    Code("AM302", "missing-quote", INFO, "check", "A node has no ``quote`` although the map has a source text."),
    Code(
        "AM401",
        "import-syntax",
        ERROR,
        "import",
        "The imported file cannot be read: broken XML or JSON, not UTF-8, or not the expected document.",
    ),
    Code(
        "AM402",
        "import-dangling-id",
        WARNING,
        "import",
        "A relation in the imported file names an id or title the file does not define; it is left out.",
    ),
    Code(
        "AM403",
        "import-unknown-type",
        WARNING,
        "import",
        "A node or edge type the importer does not know; the element is left out.",
    ),
    Code(
        "AM404",
        "import-set-aside",
        INFO,
        "import",
        "A construct with no counterpart in our format (comments, tags, locutions, frontmatter keys, "
        "inference rules...) was set aside or kept only in a note.",
    ),
    Code(
        "AM405",
        "import-approximated",
        INFO,
        "import",
        "A construct our format can hold only approximately (a symmetric contradiction, a linked "
        "undercut, an attack on a reconstructed argument) was imported in its nearest form; on "
        "export, what Argdown cannot say (an undercut of a relation) was written in its nearest form.",
    ),
    Code(
        "AM406", "import-duplicate", INFO, "import", "A relation or element given twice in the imported file was imported once."
    ),
    Code("AM407", "import-empty", ERROR, "import", "The imported file holds no statements, so no map was made."),
    Code(
        "AM408",
        "import-unsafe-character",
        WARNING,
        "import",
        "A lone surrogate, a noncharacter (U+FFFE, U+FFFF...) or a control character, raw or as an escape: no "
        "drawing, deck or UTF-8 file can hold it, so it was replaced by U+FFFD, as the loader does (AM015).",
    ),
    Code(
        "AM409",
        "import-unfit-id",
        WARNING,
        "import",
        "An imported id that is not one line of visible characters (a line break, a control or invisible "
        "character, over 1,024 characters) was written as the nearest fit id, so the map loads (AM016).",
    ),
    Code(
        "AM501",
        "thesis-not-established",
        WARNING,
        "evaluate",
        "The thesis is not established by the map's own reasons and answers.",
    ),
    Code(
        "AM502", "main-claim-defeated", WARNING, "evaluate", "A main claim (one that bears directly on the thesis) is defeated."
    ),
    Code("AM503", "main-claim-open", WARNING, "evaluate", "A main claim is neither established nor defeated."),
)

#: Load problems after which no map is built.
FATAL_CODES: frozenset[str] = frozenset({"AM001", "AM002", "AM003", "AM004", "AM005", "AM013"})


def codes_of(group: Group) -> dict[str, Code]:
    """The codes of one group, by code."""
    return {code: entry for code, entry in CODES.items() if entry.group == group}


def severity_of(code: str) -> Severity:
    """The severity of a code (``KeyError`` for a code not in the table: a typo in our own code)."""
    return CODES[code].severity
