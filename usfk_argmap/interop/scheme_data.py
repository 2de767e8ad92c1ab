"""The scheme keys of a map as plain data, the same in every export: JSON, AIF's ``"argmap"`` object, Argdown data.

An ``answers`` entry is written as the map writes it, ``{"to": A1, "question":
"CQ2"}`` or ``{"from": R, "to": T, "question": "CQ2"}``; ``answers_from_data``
reads a list of them back, skipping anything that is not one (an edited or
foreign file), and ``id_table`` reads ``schemes`` and ``roles`` tables.
"""

from __future__ import annotations

from collections.abc import Mapping

from usfk_argmap.core.model import Answer, Argument, ArgumentMap, Node


def answer_data(answer: Answer) -> dict[str, str]:
    """One ``answers`` entry as data, in the map's own spelling."""
    if answer.argument is not None:
        return {"to": answer.argument, "question": answer.question}
    return {"from": answer.source or "", "to": answer.target or "", "question": answer.question}


def answers_from_data(value: object) -> list[Answer]:
    """The ``answers`` entries in ``value`` (a list of ``answer_data`` mappings); anything else is skipped."""
    if not isinstance(value, list):
        return []
    found: list[Answer] = []
    for entry in value:
        if not isinstance(entry, Mapping):
            continue
        question, target, source = (_text(entry.get(key)) for key in ("question", "to", "from"))
        if question is None or target is None:
            continue
        if source is None:
            found.append(Answer(question, argument=target))
        else:
            found.append(Answer(question, source=source, target=target))
    return found


def id_table(value: object) -> dict[str, str]:
    """A ``schemes`` or ``roles`` table (``{"C1": "example"}``): the entries whose key and value are ids."""
    if not isinstance(value, Mapping):
        return {}
    table = {_text(key): _text(item) for key, item in value.items()}
    return {key: item for key, item in table.items() if key is not None and item is not None}


def id_list(value: object) -> list[str]:
    """An ``outweighs`` list: the entries that are ids."""
    if not isinstance(value, list):
        return []
    return [item for item in (_text(entry) for entry in value) if item is not None]


def node_scheme_data(node: Node) -> dict[str, object]:
    """A node's ``schemes``, ``answers`` and ``outweighs``, only those it sets."""
    found: dict[str, object] = {}
    if node.schemes:
        found["schemes"] = {target: scheme.target for target, scheme in node.schemes.items()}
    if node.answers:
        found["answers"] = [answer_data(answer) for answer in node.answers]
    if node.outweighs:
        found["outweighs"] = [ref.target for ref in node.outweighs]
    return found


def argument_scheme_data(argument: Argument) -> dict[str, object]:
    """An argument's ``scheme`` and ``roles``, only those it sets."""
    found: dict[str, object] = {}
    if argument.scheme is not None:
        found["scheme"] = argument.scheme.target
    if argument.roles:
        found["roles"] = {role: premise.target for role, premise in argument.roles.items()}
    return found


def inference_schemes(argument_map: ArgumentMap) -> dict[str, str]:
    """The scheme id of each inference that names one, by inference id (an argument's, or ``R->T``)."""
    return {inference: scheme.target for inference, scheme, _, _, _ in argument_map.schemes()}


def _text(value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    text = str(value)
    return text if text.strip() else None
