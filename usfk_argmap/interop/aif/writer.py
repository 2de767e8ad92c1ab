"""Writing a map as AIF JSON (the AIFdb / OVA format).

Writing: every node becomes an I node numbered in map order, every relation an
RA or CA node. An inference with a scheme names it on its RA or CA node as
AIFdb and OVA do: the scheme's English name as ``text`` and ``scheme``, our
catalogue id as ``schemeID``. ``outweighs`` is a PA node (preference
application) from the stronger statement to the weaker, as AIF says
preference. What AIF cannot say (roles, answers, ``questions: all``) (ids, kinds, glosses, sections, the root)
goes into a top-level ``"argmap"`` object that AIF tools ignore and our reader
uses, so map -> AIF -> map gives the same map.
"""

from __future__ import annotations

import json

from usfk_argmap.core.model import OWN_RELATIONS, ArgumentMap, Relation, relation_id
from usfk_argmap.interop.aif.schemes import PREFERENCE, scheme_fields
from usfk_argmap.interop.scheme_data import answer_data, inference_schemes


def to_aif_dict(argument_map: ArgumentMap) -> dict[str, object]:
    """The map as AIF: I nodes, RA/CA scheme nodes, edges, and our ``"argmap"`` object."""
    numbers: dict[str, str] = {}
    nodes: list[dict[str, object]] = []
    edges: list[dict[str, object]] = []
    meta_nodes: dict[str, dict[str, object]] = {}

    def new_node(text: str, node_type: str, fields: dict[str, str] | None = None) -> str:
        number = str(len(nodes) + 1)
        nodes.append({"nodeID": number, "text": text, "type": node_type, **(fields or {})})
        return number

    def edge(source: str, target: str) -> None:
        edges.append({"edgeID": str(len(edges) + 1), "fromID": source, "toID": target, "formEdgeID": None})

    for node in argument_map.nodes.values():
        numbers[node.id] = new_node(node.text, "I")
        extra: dict[str, object] = {"id": node.id, "kind": node.kind}
        extra.update(
            {key: getattr(node, key) for key in ("label", "en", "quote", "section", "note") if getattr(node, key) is not None}
        )
        if node.ignore:
            extra["ignore"] = dict(node.ignore)
        if node.answers:
            extra["answers"] = [answer_data(answer) for answer in node.answers]
        meta_nodes[numbers[node.id]] = extra
    scheme_text = {"supports": ("RA", "Default Inference"), "attacks": ("CA", "Default Conflict")}
    named = inference_schemes(argument_map)

    def scheme(premises: list[str], relation: Relation, target: str, inference: str | None = None) -> str:
        node_type, text = scheme_text["attacks" if relation == "undercuts" else relation]
        fields = scheme_fields(named[inference]) if inference in named else {}
        number = new_node(fields.get("text", text), node_type, fields)
        for premise in premises:
            edge(numbers[premise], number)
        edge(number, target)
        return number

    # Inference id (argument id, or relation id R->T) -> its scheme node, which a CA node undercuts.
    inferences: dict[str, str] = {}
    arguments: dict[str, str] = {}
    for argument in argument_map.arguments.values():
        if argument.target.target in numbers and all(p.target in numbers for p in argument.premises):
            arguments[argument.id] = scheme(
                [p.target for p in argument.premises], argument.relation, numbers[argument.target.target], argument.id
            )
            inferences.setdefault(argument.id, arguments[argument.id])
    for node in argument_map.nodes.values():
        for relation in OWN_RELATIONS:
            for ref in node.refs(relation):
                inference = relation_id(node.id, ref.target)
                if ref.target in numbers:
                    inferences.setdefault(inference, scheme([node.id], relation, numbers[ref.target], inference))
    # Undercuts last: the RA or CA node they point at must exist, wherever the undercutter stands in the file.
    for node in argument_map.nodes.values():
        for undercut in node.undercuts:
            if undercut.inference in inferences:
                scheme([node.id], "undercuts", inferences[undercut.inference])
    # Weighing last as well: a PA node from the stronger statement to the one it outweighs.
    for node in argument_map.nodes.values():
        for ref in node.outweighs:
            if ref.target in numbers:
                number = new_node(PREFERENCE, "PA", {"scheme": PREFERENCE})
                edge(numbers[node.id], number)
                edge(number, numbers[ref.target])
    meta_arguments: dict[str, dict[str, object]] = {}
    for argument_id, number in arguments.items():
        argument = argument_map.arguments[argument_id]
        meta_arguments[number] = {
            "id": argument_id,
            **({"note": argument.note} if argument.note is not None else {}),
            **({"ignore": dict(argument.ignore)} if argument.ignore else {}),
            **({"roles": {role: premise.target for role, premise in argument.roles.items()}} if argument.roles else {}),
        }
    meta: dict[str, object] = {
        "title": argument_map.title,
        "lang": argument_map.lang,
        "root": argument_map.root,
        **({"source": argument_map.named_source} if argument_map.named_source is not None else {}),
        **({"questions": argument_map.questions} if argument_map.questions != "assumptions" else {}),
        "nodes": meta_nodes,
        "arguments": meta_arguments,
        "sections": {s.id: {"title": s.title, **({"note": s.note} if s.note else {})} for s in argument_map.sections.values()},
    }
    return {"nodes": nodes, "edges": edges, "locutions": [], "argmap": meta}


def to_aif(argument_map: ArgumentMap) -> str:
    """The map as AIF JSON text."""
    return json.dumps(to_aif_dict(argument_map), ensure_ascii=False, indent=2) + "\n"
