"""Argdown: reading ``.argdown`` files into a map and writing a map as Argdown.

Reading follows the Argdown CLI's own model (its ``argdown json`` export is
the reference the tests compare against):

- every statement (``[Title]: text``, a bare ``[Title]``, or an untitled
  paragraph, which Argdown names ``Untitled N`` in document order) is a node
  with its title as id;
- an argument with a premise-conclusion structure (``(1) ... ---- (n)``)
  becomes a linked argument (``arguments:``), named by its title; an argument
  with several inference steps becomes one argument per step, the earlier
  ones named ``Title (n)`` after their conclusion (n);
- an argument without a premise-conclusion structure is an inference node: a
  node with the argument's title as id and its description as text, so it
  can support, attack and be attacked like any statement;
- relations ``+ - _ ><`` and their directed forms ``<+ +> <- -> <_ _>``
  become supports, attacks and undercuts (Argdown's *contrary* and
  *contradictory* are attacks; a contradiction is symmetric, ours is not:
  AM405). A relation from an argument with a premise-conclusion structure
  starts at its conclusion; an attack on such an argument undercuts it
  (AM405); an undercut of an inference node undercuts its one outgoing
  relation (``undercuts: {from: Title, to: T}``; AM405 when it has several);
- our writer's form of an undercut relation, a one-premise argument marked
  ``{inference: "relation"}``, is read back as the relation it stands for;
- headings are sections (``s1``, ``s2``... in document order, as Argdown
  numbers them; nested headings are flattened);
- the frontmatter ``title`` is the map title; tags stay in the text;
  comments, other frontmatter keys and inference rules are set aside or
  kept in a note (AM404).

Statement data ``{kind: ..., en: ..., quote: ..., note: ...}`` carries our own
fields, and so do an argument's ``{scheme: ..., roles: {...}}`` and a
statement's ``{schemes: ..., answers: [...], outweighs: [...]}``: the writer
puts them there so map -> Argdown -> map keeps them.
"""

from __future__ import annotations

import re
from typing import Any

from usfk_argmap.core.model import ArgumentMap, Position, Section
from usfk_argmap.interop.argdown.build import Builder
from usfk_argmap.interop.argdown.syntax import (
    ARGUMENT,
    HEADING,
    INFERENCE_LINE,
    PCS_LINE,
    RELATION_LINE,
    STATEMENT,
    Element,
    InferenceStep,
    Reconstruction,
    RelationLine,
    clean_text,
    same_text,
    split_data,
)
from usfk_argmap.interop.argdown.writer import argdown_notes as argdown_notes  # re-exported with the writer
from usfk_argmap.interop.argdown.writer import to_argdown as to_argdown  # the writer, re-exported
from usfk_argmap.interop.importing import ImportResult, Reporter, import_text
from usfk_argmap.interop.yamldata import YamlProblem, read_yaml_data

#: A backslash and the character it escapes, or the start of a comment: ``/*``, ``<!--``, or ``//`` at the
#: start of the text or after a space, tab or line break.
_COMMENT_OR_ESCAPE = re.compile(r"\\.|/\*|<!--|(?:^|(?<=[ \t\n]))//", re.DOTALL)
#: What ends each comment (a ``//`` comment's line break stays).
_COMMENT_ENDS = {"/*": "*/", "<!--": "-->", "//": "\n"}
_NOT_LINE_BREAK = re.compile(r"[^\n]")


def import_argdown(data: bytes, file: str = "<argdown>", root: str | None = None) -> ImportResult:
    """Read an Argdown document into a map; ``root`` is the statement the user asks to be its root (or None)."""
    return import_text(data, file, lambda text, report: _Parser(text, report, root).parse())


class _Parser(Builder):
    def __init__(self, text: str, report: Reporter, requested_root: str | None = None) -> None:
        self.report = report
        self.requested_root = requested_root
        self.text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        self.frontmatter: dict[str, Any] = {}
        self.elements: list[Element] = []
        self.relations: list[RelationLine] = []
        self.pcs: list[Reconstruction] = []
        self.sections: list[Section] = []
        self.untitled = 0
        self.tags_seen: set[str] = set()
        self.comment_lines: set[int] = set()
        #: Relations folded into something else (``id()`` of each), skipped when relations are imported.
        self.dropped: set[int] = set()
        self._attacks_from: dict[str, list[RelationLine]] | None = None

    # -- preparing the text --------------------------------------------------
    def _strip_frontmatter(self, lines: list[str]) -> bool:
        """Read and blank out the frontmatter; False (and one AM401) when it is never closed."""
        first = next((i for i, line in enumerate(lines) if line.strip()), None)
        if first is None or lines[first].strip() != "===":
            return True
        end = next((i for i in range(first + 1, len(lines)) if lines[i].strip() == "==="), None)
        if end is None:
            self.report(
                "AM401",
                "the frontmatter opened with === here is never closed: end it with a line holding only ===",
                Position(first + 1, 1),
            )
            return False
        block = "\n".join(lines[first + 1 : end])
        loaded, problem = read_yaml_data(block)
        if problem is not None:
            where = Position(first + 2 + problem.line, problem.column + 1)
            if problem.refused:
                self.report("AM401", f"the frontmatter is refused: {problem.message}", where)
            else:
                self.report("AM404", "the frontmatter is not valid YAML and is set aside", where)
            loaded = None
        if isinstance(loaded, dict):
            self.frontmatter = loaded
            skipped = [str(key) for key in loaded if key not in ("title", "root", "lang", "source", "order", "questions")]
            if skipped:
                self.report(
                    "AM404",
                    f"frontmatter keys set aside (no counterpart in our format): {', '.join(skipped)}",
                    Position(first + 1, 1),
                )
        for index in range(first, end + 1):
            lines[index] = ""
        return True

    def _strip_comments(self, text: str) -> str:
        """Blank out /* */, <!-- --> and // comments, keeping every line and column in place.

        The lines a comment touches are remembered: once blanked they are not
        paragraph breaks (a comment inside a relation tree does not end it).
        """
        pieces: list[str] = []
        index = copied = 0  # where the scan goes on, and how much of the text is in ``pieces``
        comments = 0
        first: Position | None = None
        line, counted = 1, 0  # the line of offset ``counted``: counted on as the scan goes, once
        while (found := _COMMENT_OR_ESCAPE.search(text, index)) is not None:
            start, opening = found.start(), found.group()
            if opening.startswith("\\"):  # an escaped character: never a comment's start
                index = found.end()
                continue
            closing = _COMMENT_ENDS[opening]
            end = text.find(closing, found.end())
            # A // comment ends before its line break, the others after their closing mark.
            end = len(text) if end < 0 else end + (0 if opening == "//" else len(closing))
            comments += 1
            if first is None:
                first = Position.of_offset(text, start)
            line += text.count("\n", counted, start)
            end_line = line + text.count("\n", start, end)
            self.comment_lines.update(range(line, end_line + 1))
            line, counted = end_line, end
            pieces += [text[copied:start], _NOT_LINE_BREAK.sub(" ", text[start:end])]
            index = copied = end
        if comments and first is not None:
            self.report("AM404", f"{comments} comment(s) set aside: comments are not part of the map", first)
        return "".join([*pieces, text[copied:]])

    def _data(self, text: str, position: Position) -> tuple[str, dict[str, Any]]:
        """``split_data``, with data refused as hostile (an alias, deep nesting, a huge number) reported."""
        refused: list[YamlProblem] = []
        body, data = split_data(text, refused)
        for problem in refused:
            self.report("AM401", f"the data of this element is refused: {problem.message}", position)
        return body, data

    # -- elements ------------------------------------------------------------
    def _element(self, body: str, position: Position, section: str | None) -> Element:
        """A statement or argument from the text after any marker."""
        argument = ARGUMENT.match(body)
        statement = STATEMENT.match(body) if argument is None else None
        found = argument or statement
        if found is not None:
            is_argument = found is argument
            title = found.group(1) if found.group(1) is not None else found.group(3)
            rest = (found.group(2) if found.group(1) is not None else found.group(4)) or ""
        else:
            self.untitled += 1
            title, rest, is_argument = f"Untitled {self.untitled}", body, False
        element = Element(is_argument, title, [rest], position, section)
        self.elements.append(element)
        return element

    def parse(self) -> ArgumentMap | None:
        lines = self.text.split("\n")
        if not self._strip_frontmatter(lines):
            return None  # the rest of the file cannot be told apart from the frontmatter
        lines = self._strip_comments("\n".join(lines)).split("\n")
        section: str | None = None
        heading: tuple[int, list[str], Position] | None = None
        levels: list[int] = []
        stack: list[tuple[int, Element]] = []
        current: Element | None = None
        last_top: Element | None = None
        pcs: Reconstruction | None = None
        for number, line in enumerate(lines, start=1):
            stripped = line.strip()
            indent = len(line) - len(line.lstrip(" \t"))
            where = Position(number, indent + 1)
            if not stripped and number in self.comment_lines:
                continue
            if not stripped:
                if heading is not None:
                    section = self._heading(heading, levels)
                    heading = None
                current = None
                stack = []
                continue
            if heading is not None:
                heading[1].append(stripped)
                continue
            if pcs is not None and pcs.rule_lines is not None:
                if INFERENCE_LINE.match(stripped):
                    text, _ = self._data(" ".join(pcs.rule_lines), where)
                    pcs.rules = [rule.strip() for rule in text.split(",") if rule.strip()]
                    pcs.rule_lines = None
                else:
                    pcs.rule_lines.append(stripped)
                continue
            head = HEADING.match(stripped)
            if head is not None and indent == 0:
                pcs = self._finish_pcs(pcs)
                heading = (len(head.group(1)), [head.group(2)], where)
                current, stack, last_top = None, [], None
                continue
            if pcs is not None and INFERENCE_LINE.match(stripped):
                if len(stripped) >= 4:
                    pcs.rules = []
                else:
                    pcs.rule_lines = []
                current, stack = None, []
                continue
            item = PCS_LINE.match(stripped)
            if item is not None and (pcs is not None or (last_top is not None and last_top.is_argument)):
                if pcs is None:
                    assert last_top is not None
                    pcs = Reconstruction(last_top)
                element = self._element(item.group(2), where, section)
                self._pcs_item(pcs, element)
                current, stack = element, [(indent, element)]
                continue
            relation = RELATION_LINE.match(stripped)
            if relation is not None and stack:
                while stack and stack[-1][0] >= indent:
                    stack.pop()
                if stack:
                    child = self._element(relation.group(2), Position(number, indent + 1 + relation.start(2)), section)
                    self.relations.append(RelationLine(stack[-1][1], child, relation.group(1), where))
                    stack.append((indent, child))
                    current = child
                    continue
            if current is not None:
                current.lines.append(stripped)
                continue
            pcs = self._finish_pcs(pcs)
            if item is not None:
                self.report(
                    "AM404", "a premise-conclusion structure with no argument title before it is read as statements", where
                )
            current = self._element(stripped, where, section)
            stack, last_top = [(indent, current)], current
        if heading is not None:
            self._heading(heading, levels)
        self._finish_pcs(pcs)
        return self._build()

    def _heading(self, heading: tuple[int, list[str], Position], levels: list[int]) -> str:
        level, parts, where = heading
        # Heading data such as {isGroup: false} steers Argdown's drawing; our writer adds {id, note}.
        title, data = self._data(" ".join(parts), where)
        wanted = data.get("id")
        section_id = f"s{len(self.sections) + 1}"
        if isinstance(wanted, str) and wanted.strip() and all(s.id != wanted for s in self.sections):
            section_id = wanted
        note, exact = data.get("note"), data.get("title")
        cleaned = clean_text(title)
        if isinstance(exact, str) and exact.strip() and same_text(exact, cleaned):
            cleaned = exact
        self.sections.append(Section(section_id, cleaned or section_id, note if isinstance(note, str) else None))
        levels.append(level)
        return section_id

    def _pcs_item(self, pcs: Reconstruction, element: Element) -> None:
        if pcs.rules is not None:
            pcs.steps.append(InferenceStep(pcs.pending, element, pcs.rules))
            pcs.pending = [element]
            pcs.rules = None
        else:
            pcs.pending.append(element)
        pcs.items.append(element)

    def _finish_pcs(self, pcs: Reconstruction | None) -> Reconstruction | None:
        """Keep a finished premise-conclusion structure; returns None, the state after it."""
        if pcs is not None and pcs.items:
            self.pcs.append(pcs)
        return None
