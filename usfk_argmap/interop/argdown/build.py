"""From a read Argdown document to a map: statements, linked arguments, relations, sections, root and language."""

from __future__ import annotations

from typing import Any

from usfk_argmap.core.model import NODE_KINDS, ArgumentMap, Position, Relation, Section
from usfk_argmap.interop.argdown.syntax import (
    DATA_FIELDS,
    DIRECTION,
    Element,
    InferenceStep,
    Reconstruction,
    RelationLine,
    clean_text,
    data_id,
    data_ignore,
    hashtags,
    same_text,
)
from usfk_argmap.interop.draft import Draft, DraftArgument, DraftNode
from usfk_argmap.interop.importing import Reporter
from usfk_argmap.interop.language_guess import detect_language
from usfk_argmap.interop.scheme_data import answers_from_data, id_list, id_table


class Builder:
    """The map from what the parser read: nodes, linked arguments, relations, sections, root and language.

    A mixin of ``argdown._Parser``: it reads the parser's state, declared here.
    """

    report: Reporter
    text: str
    #: The root the user asked for (``import --root``), or None.
    requested_root: str | None
    frontmatter: dict[str, Any]
    elements: list[Element]
    relations: list[RelationLine]
    pcs: list[Reconstruction]
    sections: list[Section]
    tags_seen: set[str]
    #: Relations folded into something else (``id()`` of each), skipped when relations are imported.
    dropped: set[int]
    _attacks_from: dict[str, list[RelationLine]] | None

    def _data(self, text: str, position: Position) -> tuple[str, dict[str, Any]]:
        raise NotImplementedError  # the parser's: it reports unreadable data where it is written

    # -- the map -------------------------------------------------------------
    def _build(self) -> ArgumentMap | None:
        if not self.elements:
            self.report("AM407", "the document holds no statements or arguments")
            return None
        title = self.frontmatter.get("title")
        draft = Draft(
            title=" ".join(str(title).split())
            if title
            else (self.sections[0].title if self.sections else "Imported Argdown map"),
            requested_root=self.requested_root,
        )
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
        draft.questions = "all" if self.frontmatter.get("questions") == "all" else "assumptions"
        self._reorder(draft)
        return draft.build()

    def _choose_root(self, draft: Draft) -> None:
        """Without a ``root:``, the root is the statement the most support flows to, as Argdown users read a map.

        Inference nodes (arguments without a premise-conclusion structure)
        are candidates only when there is no statement.
        """
        if draft.root is not None or draft.wanted_root() is not None:
            return
        inferences = {node_id for (is_argument, _), node_id in self.ids.items() if is_argument}
        candidates = [node_id for node_id in draft.nodes if node_id not in inferences] or list(draft.nodes)
        draft.root, supporters = draft.most_supported(candidates)
        self.report(
            "AM405",
            f"the file names no root; {draft.root!r} is taken, the statement the most support "
            f"flows to ({supporters} statement(s) and argument(s) lead to it); choose another with "
            "`usfk-argmap import --root ID`",
        )

    def _choose_lang(self, draft: Draft) -> None:
        lang = self.frontmatter.get("lang")
        if isinstance(lang, str) and lang.strip():
            draft.lang = lang.strip()
            return
        detected = detect_language(node.text for node in draft.nodes.values())
        draft.lang = detected or "en"
        how = (
            f"{detected!r} is taken, detected from its text"
            if detected
            else "'en' is taken: its language cannot be told from its text"
        )
        self.report(
            "AM405", f"the file names no language; {how} (set `lang:` in the front matter, or in the imported map, to choose)"
        )

    def _reorder(self, draft: Draft) -> None:
        """Our writer's ``order:``: the map's node order, which grouping under headings changed."""
        order = self.frontmatter.get("order")
        if not isinstance(order, list):
            return
        ranks = {str(node_id): rank for rank, node_id in enumerate(order) if isinstance(node_id, (str, int))}
        unlisted = len(ranks)
        draft.nodes = dict(sorted(draft.nodes.items(), key=lambda item: ranks.get(item[0], unlisted)))

    def _unique_pcs(self) -> list[Reconstruction]:
        seen: dict[str, Reconstruction] = {}
        for pcs in self.pcs:
            if pcs.argument.title in seen:
                self.report(
                    "AM406",
                    f"argument <{pcs.argument.title}> is reconstructed twice; the first premise-conclusion structure is kept",
                    pcs.argument.position,
                )
                continue
            if not pcs.steps:
                if len(pcs.items) < 2:
                    self.report(
                        "AM404",
                        f"argument <{pcs.argument.title}> has a premise-conclusion structure with "
                        "no inference line and one statement; it is read as an inference node",
                        pcs.argument.position,
                    )
                    continue
                self.report(
                    "AM404",
                    f"argument <{pcs.argument.title}> has no inference line; its last statement is taken as the conclusion",
                    pcs.argument.position,
                )
                pcs.steps = [InferenceStep(pcs.items[:-1], pcs.items[-1], [])]
            seen[pcs.argument.title] = pcs
        return list(seen.values())

    def _nodes(self, draft: Draft, reconstructed: dict[str, Reconstruction]) -> None:
        """One node per statement title, and per argument with no premise-conclusion structure."""
        members: dict[tuple[bool, str], list[Element]] = {}
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
                cleaned = clean_text(body)
                if cleaned and not texts:
                    section = element.section  # a statement belongs where it is stated, not where it is named
                if cleaned and cleaned not in texts:
                    texts.append(cleaned)
            wanted = data_id(data) or title
            node_id = draft.free_id(wanted)
            if node_id != wanted:
                self.report(
                    "AM406",
                    f"the title {title!r} names both a statement and an argument; the argument's node is {node_id!r}",
                    written[0].position,
                    node_id,
                )
            self.ids[(is_argument, title)] = node_id
            kind = data.get("kind") if data.get("kind") in NODE_KINDS else None
            fields = {key: str(data[key]) if isinstance(data.get(key), (str, int, float)) else None for key in DATA_FIELDS}
            exact = data.get("text")
            if isinstance(exact, str) and exact.strip() and texts and same_text(exact, texts[0]):
                texts[0] = exact  # the writer keeps a text that one line cannot hold exactly
            if len(texts) > 1:
                also = "Also stated as: " + " / ".join(texts[1:])
                fields["note"] = f"{fields['note']}\n{also}" if fields["note"] else also
            draft.add_node(
                DraftNode(
                    node_id,
                    texts[0] if texts else title,
                    kind=kind,
                    en=fields["en"],
                    quote=fields["quote"],
                    note=fields["note"],
                    section=section,
                    label=fields["label"],
                    ignore=data_ignore(data),
                    schemes=id_table(data.get("schemes")),
                    answers=answers_from_data(data.get("answers")),
                    outweighs=id_list(data.get("outweighs")),
                )
            )

    def _note_tags(self, text: str, element: Element) -> None:
        for tag in hashtags(text):
            if tag not in self.tags_seen:
                self.tags_seen.add(tag)
                self.report("AM404", f"tag #{tag} has no counterpart in our format; it stays in the text", element.position)

    def _arguments(self, draft: Draft, reconstructed: dict[str, Reconstruction]) -> dict[str, str]:
        """Linked arguments from premise-conclusion structures; returns argument title -> conclusion node."""
        conclusions: dict[str, str] = {}
        descriptions_of: dict[str, list[Element]] = {}
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
                cleaned = clean_text(body)
                if cleaned and cleaned not in notes:
                    notes.append(cleaned)
            final_id = draft.free_id(data_id(data) or title)
            written = data.get("scheme")
            scheme = str(written).strip() if isinstance(written, (str, int)) and str(written).strip() else None
            if isinstance(data.get("note"), str):
                notes = [data["note"]]  # the writer keeps a note that one line cannot hold exactly
            for number, step in enumerate(pcs.steps, start=1):
                last = number == len(pcs.steps)
                argument_id = final_id if last else draft.free_id(f"{title} ({pcs.items.index(step.conclusion) + 1})")
                premises = [self.ids[(False, p.title)] for p in step.premises if p.title != step.conclusion.title]
                conclusion = self.ids[(False, step.conclusion.title)]
                if not premises:
                    self.report("AM404", f"an inference of <{title}> has no premises; it is left out", step.conclusion.position)
                    continue
                parts = list(notes) if last else []
                if step.rules:
                    parts.append("Inference: " + ", ".join(step.rules))
                draft.arguments[argument_id] = DraftArgument(
                    argument_id,
                    premises,
                    "supports",
                    conclusion,
                    "\n".join(parts) or None,
                    ignore=data_ignore(data) if last else {},
                    scheme=scheme if last else None,
                    roles=id_table(data.get("roles")) if last else {},
                )
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

    def _relations(self, draft: Draft, reconstructed: dict[str, Reconstruction], conclusions: dict[str, str]) -> None:
        undercuts: list[tuple[str, Element, RelationLine]] = []
        for relation in self.relations:
            if id(relation) in self.dropped:
                continue
            side, kind = DIRECTION[relation.marker]
            reason, target = (relation.child, relation.parent) if side == "child" else (relation.parent, relation.child)
            if reason.is_argument and reason.title in reconstructed:
                source = conclusions.get(reason.title)
            else:
                source = self.ids.get((reason.is_argument, reason.title))
            if source is None or source not in draft.nodes:
                continue
            if kind == "contradicts":
                self.report(
                    "AM405",
                    f"{reason.title!r} and {target.title!r} contradict each other; our format "
                    f"has one-way attacks, so {reason.title!r} attacks {target.title!r}",
                    relation.position,
                )
                kind = "attacks"
            if target.is_argument and target.title in reconstructed:
                argument_id = self.ids.get((True, target.title))
                if argument_id is None:
                    continue
                if kind == "attacks":
                    self.report(
                        "AM405",
                        f"an attack on the reconstructed argument <{target.title}> is imported "
                        "as an undercut of it (our format attacks statements, not arguments)",
                        relation.position,
                    )
                    kind = "undercuts"
                if kind == "supports":
                    self.report(
                        "AM404",
                        f"support for the reconstructed argument <{target.title}> has no "
                        "counterpart in our format (support goes to statements); it is left out",
                        relation.position,
                    )
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
                self.report("AM406", f"the relation {source!r} undercuts {node_id!r} is stated again", relation.position)

    def _inference(
        self, draft: Draft, node_id: str, relation: RelationLine, outgoing: list[tuple[str, str, Relation]]
    ) -> str | None:
        """The target of the one outgoing relation of an undercut node: that relation is what is undercut."""
        if not outgoing:
            self.report(
                "AM402",
                f"{node_id!r} is undercut but supports or attacks nothing, so there is no "
                "inference to undercut; the undercut is left out",
                relation.position,
            )
            return None
        if len(outgoing) > 1:
            self.report(
                "AM405",
                f"{node_id!r} is undercut and has {len(outgoing)} outgoing relations; the "
                f"undercut is taken to attack its inference to {outgoing[0][1]!r}",
                relation.position,
            )
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
                draft.refold_undercut(entry, reason, argument.target)

    def _relate(self, draft: Draft, source: str, target: str, kind: Relation, relation: RelationLine) -> None:
        if source == target:
            self.report("AM404", f"a relation of {source!r} to itself is left out", relation.position)
        elif not draft.relate(source, target, kind):
            self.report("AM406", f"the relation {source!r} {kind} {target!r} is stated again", relation.position)
