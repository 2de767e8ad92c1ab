"""Reading the scheme keys of a map: ``scheme``, ``roles``, ``schemes``, ``answers``, ``outweighs``, ``questions``.

``SchemeFieldReader`` is a mixin of the loader, beside ``FieldReader``: it
reads what is written and where. Whether a scheme, role or question exists is
the rules' (AM111 to AM113): they see the whole map and the catalogue.
"""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType
from typing import Literal

import yaml

from usfk_argmap.core.model import Answer, Argument, Node, Position, Ref
from usfk_argmap.mapfile.fields import FieldReader, describe
from usfk_argmap.mapfile.reading import NULL_TAG, TEXT_TAGS, mark

#: A node's scheme keys and an argument's.
NODE_SCHEME_KEYS = ("schemes", "answers", "outweighs")
ARGUMENT_SCHEME_KEYS = ("scheme", "roles")
#: The keys of an ``answers`` entry: the inference (``to``, with ``from`` for a node's own relation) and the question.
ANSWER_KEYS = ("from", "to", "question")
#: The values of the map's ``questions:``: which critical questions rule AM208 asks to be answered.
QUESTION_SETTINGS: tuple[Literal["assumptions", "all"], ...] = ("assumptions", "all")

SchemeValue = MappingProxyType[str, Ref] | tuple[Answer, ...] | tuple[Ref, ...] | Ref | None


class SchemeFieldReader(FieldReader):
    """The readers of the scheme keys; ``with_node_schemes`` and ``with_argument_schemes`` put them in the model."""

    def _scheme_value(self, key: str, node: yaml.Node, item: str) -> SchemeValue:
        """The value of one scheme key of node or argument ``item``."""
        if key == "outweighs":
            return self._refs(node, key, item)
        if key == "answers":
            return self._answers(node, item)
        if key == "scheme":
            return self._one_id(node, key, item)
        return self._id_table(node, key, item)

    def _one_id(self, node: yaml.Node, key: str, item: str, *, exact: bool = False) -> Ref | None:
        """One id: None, and AM007, for anything else.

        A scheme's or question's id is trimmed; a statement's or argument's (``exact``: a role's premise,
        an answer's ``from`` and ``to``) is kept as written, as in ``supports``, since an id may hold spaces.
        """
        if isinstance(node, yaml.ScalarNode) and node.tag == NULL_TAG:
            return None
        if not isinstance(node, yaml.ScalarNode) or node.tag not in TEXT_TAGS or not node.value.strip():
            what = "an empty value" if isinstance(node, yaml.ScalarNode) else f"a {describe(node)}"
            self.report("AM007", f"{key!r} of {item!r} names one id, not {what}", mark(node.start_mark), item)
            return None
        value = str(node.value)
        return Ref(self._id(node, value if exact else value.strip(), item), mark(node.start_mark))

    def _id_table(self, node: yaml.Node, key: str, item: str) -> MappingProxyType[str, Ref]:
        """``schemes: {C1: example}`` (target to scheme) or ``roles: {expertise: P1}`` (role to premise)."""
        if isinstance(node, yaml.ScalarNode) and node.tag == NULL_TAG:
            return MappingProxyType({})
        if not isinstance(node, yaml.MappingNode):
            shape = "{TARGET: SCHEME}" if key == "schemes" else "{ROLE: PREMISE}"
            self.report("AM007", f"{key!r} of {item!r} is a mapping {shape}, not a {describe(node)}", mark(node.start_mark), item)
            return MappingProxyType({})
        table: dict[str, Ref] = {}
        for name, _, value in self._items(node, ids=key == "schemes"):
            found = self._one_id(value, f"{key}: {name}", item, exact=key == "roles")
            if found is not None:
                table[name] = found
        return MappingProxyType(table)

    def _answers(self, node: yaml.Node, item: str) -> tuple[Answer, ...]:
        """``answers``: one ``{to: A1, question: CQ2}`` (``from: R`` too for a node's own relation) or a list of them."""
        entries = node.value if isinstance(node, yaml.SequenceNode) else [node]
        found: list[Answer] = []
        for entry in entries:
            if not isinstance(entry, yaml.MappingNode):
                self.report(
                    "AM007",
                    f"'answers' of {item!r} is {{to: INFERENCE, question: CQ1}}, not a {describe(entry)}",
                    mark(entry.start_mark),
                    item,
                )
                continue
            parts: dict[str, Ref] = {}
            for key, key_node, value in self._items(entry):
                if key not in ANSWER_KEYS:
                    self._unknown_key(key, key_node, ANSWER_KEYS, f"an answer of {item!r}", item)
                    continue
                ref = self._one_id(value, f"{key} of an answer", item, exact=key != "question")
                if ref is not None:
                    parts[key] = ref
            missing = [key for key in ("to", "question") if key not in parts]
            if missing:
                self.report(
                    "AM009",
                    f"an answer of {item!r} names the inference ('to', with 'from' for a relation) and the "
                    f"question; {' and '.join(repr(key) for key in missing)} missing",
                    mark(entry.start_mark),
                    item,
                )
                continue
            found.append(_answer(parts, mark(entry.start_mark)))
        return tuple(found)

    def _questions(self, node: yaml.Node) -> Literal["assumptions", "all"]:
        """The map's ``questions:`` setting; anything but ``all`` or ``assumptions`` is reported."""
        text = (self._text(node, "questions") or "").strip()
        for setting in QUESTION_SETTINGS:
            if text == setting:
                return setting
        self.report(
            "AM007",
            f"'questions' is 'assumptions' (the default) or 'all' (every critical question), not {text!r}",
            mark(node.start_mark),
        )
        return "assumptions"


def with_node_schemes(node: Node, values: dict[str, SchemeValue]) -> Node:
    """``node`` with the scheme keys read (``values`` by key)."""
    if not values:
        return node
    schemes, answers, outweighs = values.get("schemes"), values.get("answers"), values.get("outweighs")
    return replace(
        node,
        schemes=schemes if isinstance(schemes, MappingProxyType) else MappingProxyType({}),
        answers=tuple(answer for answer in answers if isinstance(answer, Answer)) if isinstance(answers, tuple) else (),
        outweighs=tuple(ref for ref in outweighs if isinstance(ref, Ref)) if isinstance(outweighs, tuple) else (),
    )


def with_argument_schemes(argument: Argument, values: dict[str, SchemeValue]) -> Argument:
    """``argument`` with its ``scheme`` and ``roles`` read."""
    if not values:
        return argument
    scheme, roles = values.get("scheme"), values.get("roles")
    return replace(
        argument,
        scheme=scheme if isinstance(scheme, Ref) else None,
        roles=roles if isinstance(roles, MappingProxyType) else MappingProxyType({}),
    )


def _answer(parts: dict[str, Ref], position: Position) -> Answer:
    question, target = parts["question"], parts["to"]
    source = parts.get("from")
    if source is None:
        return Answer(question.target, argument=target.target, position=position, question_position=question.position)
    return Answer(
        question.target, source=source.target, target=target.target, position=position, question_position=question.position
    )
