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
fields: the writer puts them there so map -> Argdown -> map keeps them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from usfk_argmap.interop import ImportResult, Reporter, decode
from usfk_argmap.interop.argdown_writer import argdown_notes as argdown_notes  # re-exported with the writer
from usfk_argmap.interop.argdown_writer import to_argdown as to_argdown  # the writer, re-exported
from usfk_argmap.interop.draft import Draft, DraftArgument, DraftNode, requested_root_of
from usfk_argmap.interop.language import detect_language
from usfk_argmap.interop.yamldata import YamlProblem, opening_brace, read_yaml_data
from usfk_argmap.model import NODE_KINDS, ArgumentMap, Position, Relation, Section

RELATION_MARKERS = ("<+", "<-", "<_", "+>", "->", "_>", "><", "+", "-", "_")
_RELATION_LINE = re.compile(r"(<\+|<-|<_|\+>|->|_>|><|\+|-|_)\s+(\S.*)$")
_PCS_LINE = re.compile(r"\((\d+)\)\s*(.*)$")
_INFERENCE_LINE = re.compile(r"-{2,}\s*$")
_HEADING = re.compile(r"(#{1,6})\s+(\S.*)$")
# Titles as Argdown's lexer reads them: verbatim (no escapes, spaces kept) up to "]:" in a
# definition, up to the first "]" in a reference, which cannot start with "-"; a reference may carry data.
_STATEMENT = re.compile(r"\[(.+?)\]:(?:\s*(.*))?$|\[([^-\]][^\]]*)\]\s*(\{.*\})?\s*$", re.S)
_ARGUMENT = re.compile(r"<(.+?)>:(?:\s*(.*))?$|<([^->][^>]*)>\s*(\{.*\})?\s*$", re.S)
_TAG = re.compile(r"(?<![\w\\])#(\([^)]*\)|[\w-]+)")
_FIELDS = ("label", "en", "quote", "note")
#: Who is the reason in each relation: the child (written under the parent) or the parent.
_DIRECTION = {"+": ("child", "supports"), "<+": ("child", "supports"), "+>": ("parent", "supports"),
              "-": ("child", "attacks"), "<-": ("child", "attacks"), "->": ("parent", "attacks"),
              "_": ("child", "undercuts"), "<_": ("child", "undercuts"), "_>": ("parent", "undercuts"),
              "><": ("parent", "contradicts")}


@dataclass
class _Element:
    """A statement or argument as written at one place in the file."""

    is_argument: bool
    title: str
    lines: list[str]
    position: Position
    section: str | None
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def raw(self) -> str:
        return " ".join(line.strip() for line in self.lines if line.strip())


@dataclass
class _Relation:
    parent: _Element
    child: _Element
    marker: str
    position: Position


@dataclass
class _Step:
    """One inference of a premise-conclusion structure: premises, conclusion, rules."""

    premises: list[_Element]
    conclusion: _Element
    rules: list[str]


@dataclass
class _Pcs:
    argument: _Element
    items: list[_Element] = field(default_factory=list)
    steps: list[_Step] = field(default_factory=list)
    #: Statements since the last inference: the premises of the next one.
    pending: list[_Element] = field(default_factory=list)
    #: Lines of an open ``--`` ... ``--`` inference block (None when none is open).
    rule_lines: list[str] | None = None
    #: Set by an inference line: the next statement is a conclusion, drawn by these rules.
    rules: list[str] | None = None


def import_argdown(data: bytes, file: str = "<argdown>") -> ImportResult:
    """Read an Argdown document into a map."""
    report = Reporter(file)
    text = decode(data, report)
    if text is None:
        return report.result(None)
    return report.result(_Parser(text, report).parse())


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def _clean_text(text: str) -> str:
    """A statement's text as Argdown shows it: markup and link targets dropped, escapes resolved."""
    text = re.sub(r"(?<!\\)\[([^\]]*)\]\([^)\s]*\)", r"\1", text)
    text = re.sub(r"(?<![\w\\])(\*\*|__)(?=\S)(.+?)(?<=\S)\1(?!\w)", r"\2", text)
    text = re.sub(r"(?<![\w\\*_])([*_])(?=[^\s*_])(.+?)(?<=[^\s\\*_])\1(?![\w*_])", r"\2", text)
    return " ".join(_unescape(text).split())


class _Parser:
    def __init__(self, text: str, report: Reporter) -> None:
        self.report = report
        self.text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        self.frontmatter: dict[str, Any] = {}
        self.elements: list[_Element] = []
        self.relations: list[_Relation] = []
        self.pcs: list[_Pcs] = []
        self.sections: list[Section] = []
        self.untitled = 0
        self.tags_seen: set[str] = set()
        self.comment_lines: set[int] = set()
        #: Relations folded into something else (``id()`` of each), skipped when relations are imported.
        self.dropped: set[int] = set()
        self._attacks_from: dict[str, list[_Relation]] | None = None

    # -- preparing the text --------------------------------------------------
    def _strip_frontmatter(self, lines: list[str]) -> bool:
        """Read and blank out the frontmatter; False (and one AM401) when it is never closed."""
        first = next((i for i, line in enumerate(lines) if line.strip()), None)
        if first is None or lines[first].strip() != "===":
            return True
        end = next((i for i in range(first + 1, len(lines)) if lines[i].strip() == "==="), None)
        if end is None:
            self.report("AM401", "the frontmatter opened with === here is never closed: end it with a line "
                        "holding only ===", Position(first + 1, 1))
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
            skipped = [str(key) for key in loaded if key not in ("title", "root", "lang", "source", "order")]
            if skipped:
                self.report("AM404", f"frontmatter keys set aside (no counterpart in our format): "
                            f"{', '.join(skipped)}", Position(first + 1, 1))
        for index in range(first, end + 1):
            lines[index] = ""
        return True

    def _strip_comments(self, text: str) -> str:
        """Blank out /* */, <!-- --> and // comments, keeping every line and column in place.

        The lines a comment touches are remembered: once blanked they are not
        paragraph breaks (a comment inside a relation tree does not end it).
        """
        out = list(text)
        index, length = 0, len(text)
        comments = 0
        first: Position | None = None
        line, counted = 1, 0  # the line of offset ``counted``: counted on as the scan goes, once
        while index < length:
            char = text[index]
            if char == "\\":
                index += 2
                continue
            end = -1
            if text.startswith("/*", index):
                end = text.find("*/", index + 2)
                end = length if end < 0 else end + 2
            elif text.startswith("<!--", index):
                end = text.find("-->", index + 4)
                end = length if end < 0 else end + 3
            elif text.startswith("//", index) and (index == 0 or text[index - 1] in " \t\n"):
                end = text.find("\n", index)
                end = length if end < 0 else end
            if end >= 0:
                comments += 1
                if first is None:
                    first = _position(text, index)
                line += text.count("\n", counted, index)
                end_line = line + text.count("\n", index, end)
                self.comment_lines.update(range(line, end_line + 1))
                line, counted = end_line, end
                for blank in range(index, end):
                    if out[blank] != "\n":
                        out[blank] = " "
                index = end
                continue
            index += 1
        if comments and first is not None:
            self.report("AM404", f"{comments} comment(s) set aside: comments are not part of the map", first)
        return "".join(out)

    def _data(self, text: str, position: Position) -> tuple[str, dict[str, Any]]:
        """``_split_data``, with data refused as hostile (an alias, deep nesting, a huge number) reported."""
        refused: list[YamlProblem] = []
        body, data = _split_data(text, refused)
        for problem in refused:
            self.report("AM401", f"the data of this element is refused: {problem.message}", position)
        return body, data

    # -- elements ------------------------------------------------------------
    def _element(self, body: str, position: Position, section: str | None) -> _Element:
        """A statement or argument from the text after any marker."""
        argument = _ARGUMENT.match(body)
        statement = _STATEMENT.match(body) if argument is None else None
        found = argument or statement
        if found is not None:
            is_argument = found is argument
            title = found.group(1) if found.group(1) is not None else found.group(3)
            rest = (found.group(2) if found.group(1) is not None else found.group(4)) or ""
        else:
            self.untitled += 1
            title, rest, is_argument = f"Untitled {self.untitled}", body, False
        element = _Element(is_argument, title, [rest], position, section)
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
        stack: list[tuple[int, _Element]] = []
        current: _Element | None = None
        last_top: _Element | None = None
        pcs: _Pcs | None = None
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
                if _INFERENCE_LINE.match(stripped):
                    text, _ = self._data(" ".join(pcs.rule_lines), where)
                    pcs.rules = [rule.strip() for rule in text.split(",") if rule.strip()]
                    pcs.rule_lines = None
                else:
                    pcs.rule_lines.append(stripped)
                continue
            head = _HEADING.match(stripped)
            if head is not None and indent == 0:
                pcs = self._finish_pcs(pcs)
                heading = (len(head.group(1)), [head.group(2)], where)
                current, stack, last_top = None, [], None
                continue
            if pcs is not None and _INFERENCE_LINE.match(stripped):
                if len(stripped) >= 4:
                    pcs.rules = []
                else:
                    pcs.rule_lines = []
                current, stack = None, []
                continue
            item = _PCS_LINE.match(stripped)
            if item is not None and (pcs is not None or (last_top is not None and last_top.is_argument)):
                if pcs is None:
                    assert last_top is not None
                    pcs = _Pcs(last_top)
                element = self._element(item.group(2), where, section)
                self._pcs_item(pcs, element)
                current, stack = element, [(indent, element)]
                continue
            relation = _RELATION_LINE.match(stripped)
            if relation is not None and stack:
                while stack and stack[-1][0] >= indent:
                    stack.pop()
                if stack:
                    child = self._element(relation.group(2), Position(number, indent + 1 + relation.start(2)), section)
                    self.relations.append(_Relation(stack[-1][1], child, relation.group(1), where))
                    stack.append((indent, child))
                    current = child
                    continue
            if current is not None:
                current.lines.append(stripped)
                continue
            pcs = self._finish_pcs(pcs)
            if item is not None:
                self.report("AM404", "a premise-conclusion structure with no argument title before it is read "
                            "as statements", where)
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
        cleaned = _clean_text(title)
        if isinstance(exact, str) and exact.strip() and _same_text(exact, cleaned):
            cleaned = exact
        self.sections.append(Section(section_id, cleaned or section_id, note if isinstance(note, str) else None))
        levels.append(level)
        return section_id

    def _pcs_item(self, pcs: _Pcs, element: _Element) -> None:
        if pcs.rules is not None:
            pcs.steps.append(_Step(pcs.pending, element, pcs.rules))
            pcs.pending = [element]
            pcs.rules = None
        else:
            pcs.pending.append(element)
        pcs.items.append(element)

    def _finish_pcs(self, pcs: _Pcs | None) -> _Pcs | None:
        """Keep a finished premise-conclusion structure; returns None, the state after it."""
        if pcs is not None and pcs.items:
            self.pcs.append(pcs)
        return None

    # -- the map -------------------------------------------------------------
    def _build(self) -> ArgumentMap | None:
        if not self.elements:
            self.report("AM407", "the document holds no statements or arguments")
            return None
        title = self.frontmatter.get("title")
        draft = Draft(title=" ".join(str(title).split()) if title else (self.sections[0].title if self.sections
                                                                         else "Imported Argdown map"))
        draft.sections = {section.id: section for section in self.sections}
        reconstructed = {pcs.argument.title: pcs for pcs in self._unique_pcs()}
        self.ids: dict[tuple[bool, str], str] = {}
        self.relation_arguments: list[str] = []
        self._nodes(draft, reconstructed)
        conclusions = self._arguments(draft, reconstructed)
        self._relations(draft, reconstructed, conclusions)
        self._fold_relation_arguments(draft)
        root = self.frontmatter.get("root")
        draft.root = str(root) if isinstance(root, (str, int)) and str(root) in draft.nodes else None
        self._choose_root(draft)
        self._choose_lang(draft)
        source = self.frontmatter.get("source")
        draft.source = source if isinstance(source, str) and source.strip() else None
        self._reorder(draft)
        return draft.build()

    def _choose_root(self, draft: Draft) -> None:
        """Without a ``root:``, the root is the statement the most support flows to, as Argdown users read a map.

        Inference nodes (arguments without a premise-conclusion structure)
        are candidates only when there is no statement.
        """
        if draft.root is not None or requested_root_of(draft) is not None:
            return
        inferences = {node_id for (is_argument, _), node_id in self.ids.items() if is_argument}
        candidates = [node_id for node_id in draft.nodes if node_id not in inferences] or list(draft.nodes)
        draft.root, supporters = draft.most_supported(candidates)
        self.report("AM405", f"the file names no root; {draft.root!r} is taken, the statement the most support "
                    f"flows to ({supporters} statement(s) and argument(s) lead to it); choose another with "
                    "`usfk-argmap import --root ID`")

    def _choose_lang(self, draft: Draft) -> None:
        lang = self.frontmatter.get("lang")
        if isinstance(lang, str) and lang.strip():
            draft.lang = lang.strip()
            return
        detected = detect_language(node.text for node in draft.nodes.values())
        draft.lang = detected or "en"
        how = f"{detected!r} is taken, detected from its text" if detected else \
            "'en' is taken: its language cannot be told from its text"
        self.report("AM405", f"the file names no language; {how} (set `lang:` in the front matter, or in the "
                    "imported map, to choose)")

    def _reorder(self, draft: Draft) -> None:
        """Our writer's ``order:``: the map's node order, which grouping under headings changed."""
        order = self.frontmatter.get("order")
        if not isinstance(order, list):
            return
        ranks = {str(node_id): rank for rank, node_id in enumerate(order) if isinstance(node_id, (str, int))}
        unlisted = len(ranks)
        draft.nodes = dict(sorted(draft.nodes.items(), key=lambda item: ranks.get(item[0], unlisted)))

    def _unique_pcs(self) -> list[_Pcs]:
        seen: dict[str, _Pcs] = {}
        for pcs in self.pcs:
            if pcs.argument.title in seen:
                self.report("AM406", f"argument <{pcs.argument.title}> is reconstructed twice; the first "
                            "premise-conclusion structure is kept", pcs.argument.position)
                continue
            if not pcs.steps:
                if len(pcs.items) < 2:
                    self.report("AM404", f"argument <{pcs.argument.title}> has a premise-conclusion structure with "
                                "no inference line and one statement; it is read as an inference node",
                                pcs.argument.position)
                    continue
                self.report("AM404", f"argument <{pcs.argument.title}> has no inference line; its last statement "
                            "is taken as the conclusion", pcs.argument.position)
                pcs.steps = [_Step(pcs.items[:-1], pcs.items[-1], [])]
            seen[pcs.argument.title] = pcs
        return list(seen.values())

    def _nodes(self, draft: Draft, reconstructed: dict[str, _Pcs]) -> None:
        """One node per statement title, and per argument with no premise-conclusion structure."""
        members: dict[tuple[bool, str], list[_Element]] = {}
        for element in self.elements:
            members.setdefault((element.is_argument, element.title), []).append(element)
        for (is_argument, title), written in members.items():
            if is_argument and title in reconstructed:
                continue
            texts: list[str] = []
            data: dict[str, Any] = {}
            section = written[0].section
            for element in written:
                body, element_data = self._data(element.raw, element.position)
                element.data = element_data
                for key, value in element_data.items():
                    data.setdefault(str(key), value)
                self._note_tags(body, element)
                cleaned = _clean_text(body)
                if cleaned and not texts:
                    section = element.section  # a statement belongs where it is stated, not where it is named
                if cleaned and cleaned not in texts:
                    texts.append(cleaned)
            wanted = _data_id(data) or title
            node_id = draft.free_id(wanted)
            if node_id != wanted:
                self.report("AM406", f"the title {title!r} names both a statement and an argument; the argument's "
                            f"node is {node_id!r}", written[0].position, node_id)
            self.ids[(is_argument, title)] = node_id
            kind = data.get("kind") if data.get("kind") in NODE_KINDS else None
            fields = {key: str(data[key]) if isinstance(data.get(key), (str, int, float)) else None for key in _FIELDS}
            exact = data.get("text")
            if isinstance(exact, str) and exact.strip() and texts and _same_text(exact, texts[0]):
                texts[0] = exact  # the writer keeps a text that one line cannot hold exactly
            if len(texts) > 1:
                also = "Also stated as: " + " / ".join(texts[1:])
                fields["note"] = f"{fields['note']}\n{also}" if fields["note"] else also
            draft.add_node(DraftNode(node_id, texts[0] if texts else title, kind=kind, en=fields["en"],
                                     quote=fields["quote"], note=fields["note"], section=section,
                                     label=fields["label"], ignore=_ignore(data)))

    def _note_tags(self, text: str, element: _Element) -> None:
        for tag in _tags(text):
            if tag not in self.tags_seen:
                self.tags_seen.add(tag)
                self.report("AM404", f"tag #{tag} has no counterpart in our format; it stays in the text",
                            element.position)

    def _arguments(self, draft: Draft, reconstructed: dict[str, _Pcs]) -> dict[str, str]:
        """Linked arguments from premise-conclusion structures; returns argument title -> conclusion node."""
        conclusions: dict[str, str] = {}
        descriptions_of: dict[str, list[_Element]] = {}
        for element in self.elements:
            if element.is_argument and element.title in reconstructed:
                descriptions_of.setdefault(element.title, []).append(element)
        for title, pcs in reconstructed.items():
            descriptions = descriptions_of.get(title, [])
            notes: list[str] = []
            data: dict[str, Any] = {}
            for element in descriptions:
                body, element_data = self._data(element.raw, element.position)
                data.update({str(k): v for k, v in element_data.items() if str(k) not in data})
                self._note_tags(body, element)
                cleaned = _clean_text(body)
                if cleaned and cleaned not in notes:
                    notes.append(cleaned)
            final_id = draft.free_id(_data_id(data) or title)
            if isinstance(data.get("note"), str):
                notes = [data["note"]]  # the writer keeps a note that one line cannot hold exactly
            for number, step in enumerate(pcs.steps, start=1):
                last = number == len(pcs.steps)
                argument_id = final_id if last else draft.free_id(f"{title} ({pcs.items.index(step.conclusion) + 1})")
                premises = [self.ids[(False, p.title)] for p in step.premises if p.title != step.conclusion.title]
                conclusion = self.ids[(False, step.conclusion.title)]
                if not premises:
                    self.report("AM404", f"an inference of <{title}> has no premises; it is left out",
                                step.conclusion.position)
                    continue
                parts = list(notes) if last else []
                if step.rules:
                    parts.append("Inference: " + ", ".join(step.rules))
                draft.arguments[argument_id] = DraftArgument(argument_id, premises, "supports", conclusion,
                                                             "\n".join(parts) or None,
                                                             ignore=_ignore(data) if last else {})
                if last:
                    conclusions[title] = conclusion
                    self.ids[(True, title)] = argument_id
            if data.get("relation") == "attacks":
                self._attacking(draft, final_id, conclusions.get(title))
            if data.get("inference") == "relation" and len(pcs.steps) == 1:
                self.relation_arguments.append(final_id)
        return conclusions

    def _attacking(self, draft: Draft, argument_id: str, conclusion: str | None) -> None:
        """Our writer's form of an attacking argument: the conclusion node only says "not X"."""
        argument = draft.arguments.get(argument_id)
        if argument is None or conclusion is None:
            return
        if self._attacks_from is None:  # built once: the "->" relations of each statement
            self._attacks_from = {}
            for relation in self.relations:
                if not relation.parent.is_argument and relation.marker == "->":
                    source = self.ids.get((False, relation.parent.title))
                    if source is not None:
                        self._attacks_from.setdefault(source, []).append(relation)
        outgoing = [r for r in self._attacks_from.get(conclusion, []) if id(r) not in self.dropped]
        target = self.ids.get((False, outgoing[0].child.title)) if len(outgoing) == 1 else None
        if target is not None and not outgoing[0].child.is_argument:
            argument.relation = "attacks"
            argument.target = target
            self.dropped.add(id(outgoing[0]))
            del draft.nodes[conclusion]

    def _relations(self, draft: Draft, reconstructed: dict[str, _Pcs], conclusions: dict[str, str]) -> None:
        undercuts: list[tuple[str, _Element, _Relation]] = []
        for relation in self.relations:
            if id(relation) in self.dropped:
                continue
            side, kind = _DIRECTION[relation.marker]
            reason, target = (relation.child, relation.parent) if side == "child" else (relation.parent, relation.child)
            if reason.is_argument and reason.title in reconstructed:
                source = conclusions.get(reason.title)
            else:
                source = self.ids.get((reason.is_argument, reason.title))
            if source is None or source not in draft.nodes:
                continue
            if kind == "contradicts":
                self.report("AM405", f"{reason.title!r} and {target.title!r} contradict each other; our format "
                            f"has one-way attacks, so {reason.title!r} attacks {target.title!r}", relation.position)
                kind = "attacks"
            if target.is_argument and target.title in reconstructed:
                argument_id = self.ids.get((True, target.title))
                if argument_id is None:
                    continue
                if kind == "attacks":
                    self.report("AM405", f"an attack on the reconstructed argument <{target.title}> is imported "
                                "as an undercut of it (our format attacks statements, not arguments)",
                                relation.position)
                    kind = "undercuts"
                if kind == "supports":
                    self.report("AM404", f"support for the reconstructed argument <{target.title}> has no "
                                "counterpart in our format (support goes to statements); it is left out",
                                relation.position)
                    continue
                self._relate(draft, source, argument_id, "undercuts", relation)
                continue
            target_id = self.ids.get((target.is_argument, target.title))
            if target_id is None or target_id not in draft.nodes:
                continue
            if kind == "undercuts":
                undercuts.append((source, target, relation))
                continue
            self._relate(draft, source, target_id, "supports" if kind == "supports" else "attacks", relation)
        inferences: dict[str, str] = {}
        outgoing: dict[str, list[tuple[str, str, Relation]]] = {}
        for entry in draft.relations:
            if entry[2] in ("supports", "attacks"):
                outgoing.setdefault(entry[0], []).append(entry)
        for source, target, relation in undercuts:
            node_id = self.ids[(target.is_argument, target.title)]
            if node_id not in inferences:
                made = self._inference(draft, node_id, relation, outgoing.get(node_id, []))
                if made is None:
                    continue
                inferences[node_id] = made
            if source == node_id:
                self.report("AM404", f"a relation of {source!r} to itself is left out", relation.position)
            elif not draft.undercut_relation(source, node_id, inferences[node_id]):
                self.report("AM406", f"the relation {source!r} undercuts {node_id!r} is stated again",
                            relation.position)

    def _inference(self, draft: Draft, node_id: str, relation: _Relation,
                   outgoing: list[tuple[str, str, Relation]]) -> str | None:
        """The target of the one outgoing relation of an undercut node: that relation is what is undercut."""
        if not outgoing:
            self.report("AM402", f"{node_id!r} is undercut but supports or attacks nothing, so there is no "
                        "inference to undercut; the undercut is left out", relation.position)
            return None
        if len(outgoing) > 1:
            self.report("AM405", f"{node_id!r} is undercut and has {len(outgoing)} outgoing relations; the "
                        f"undercut is taken to attack its inference to {outgoing[0][1]!r}", relation.position)
        return outgoing[0][1]

    def _fold_relation_arguments(self, draft: Draft) -> None:
        """Our writer's one-premise arguments for undercut relations become those relations again."""
        undercutting: dict[str, list[tuple[str, str, Relation]]] = {}
        folded = set(self.relation_arguments)
        for entry in draft.relations:
            if entry[2] == "undercuts" and entry[1] in folded:
                undercutting.setdefault(entry[1], []).append(entry)
        for argument_id in self.relation_arguments:
            argument = draft.arguments.get(argument_id)
            if argument is None or len(argument.premises) != 1:
                continue
            del draft.arguments[argument_id]
            reason = argument.premises[0]
            draft.relate(reason, argument.target, argument.relation)
            for entry in undercutting.get(argument_id, []):
                del draft.relations[entry]
                draft.undercut_relation(entry[0], reason, argument.target)

    def _relate(self, draft: Draft, source: str, target: str, kind: Relation, relation: _Relation) -> None:
        if source == target:
            self.report("AM404", f"a relation of {source!r} to itself is left out", relation.position)
        elif not draft.relate(source, target, kind):
            self.report("AM406", f"the relation {source!r} {kind} {target!r} is stated again", relation.position)


def _data_id(data: dict[str, Any]) -> str | None:
    """The exact id our writer keeps in data when the id cannot be an Argdown title."""
    value = data.get("id")
    return value if isinstance(value, str) and value.strip() else None


def _ignore(data: dict[str, Any]) -> dict[str, str]:
    value = data.get("ignore")
    if not isinstance(value, dict):
        return {}
    return {str(code): str(reason) for code, reason in value.items() if isinstance(reason, (str, int, float))}


def _same_text(exact: str, shown: str) -> bool:
    """Whether data's exact text is the shown text (so the data cannot smuggle in another text)."""
    return " ".join(exact.split()) == shown


def _position(text: str, offset: int) -> Position:
    line = text.count("\n", 0, offset) + 1
    return Position(line, offset - (text.rfind("\n", 0, offset) + 1) + 1)


#: At most this many opening braces are tried as the start of a text's trailing data.
_DATA_TRIES = 8


def _split_data(text: str, refused: list[YamlProblem] | None = None) -> tuple[str, dict[str, Any]]:
    """Split trailing ``{key: value}`` data off a text; the data is {} when there is none or it is unreadable.

    The brace that opens the data is found by a scan back from the closing
    one that skips quoted strings (braces may sit inside them), so each text
    costs one scan and a few YAML reads, however many braces it holds.
    """
    stripped = text.rstrip()
    if not stripped.endswith("}"):
        return text, {}
    candidates = []
    opening = opening_brace(stripped)
    if opening is not None:
        candidates.append(opening)
    index = len(stripped)
    while len(candidates) < _DATA_TRIES and (index := stripped.rfind("{", 0, index)) >= 0:
        if index not in candidates:
            candidates.append(index)
    for index in candidates:
        if index > 0 and stripped[index - 1] == "\\":
            continue
        loaded, problem = read_yaml_data(stripped[index:])
        if problem is not None and problem.refused:
            if refused is not None:
                refused.append(problem)
            return text, {}
        if problem is None and isinstance(loaded, dict):
            return stripped[:index], loaded
    return text, {}


def _tags(text: str) -> list[str]:
    return [match.group(1).strip("()") for match in _TAG.finditer(text)]
