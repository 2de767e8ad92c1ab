"""Figures about a map: counts by kind and relation, depth, and source coverage."""

from __future__ import annotations

from collections import Counter, deque
from dataclasses import asdict, dataclass, field

from usfk_argmap.core.model import NODE_KINDS, RELATIONS, ArgumentMap


@dataclass
class MapStats:
    title: str
    nodes: int
    arguments: int
    kinds: dict[str, int]
    relations: dict[str, int]
    #: The longest of the shortest chains from a node to the root (root alone: 0).
    depth: int
    sections: dict[str, int] = field(default_factory=dict)
    quoted_nodes: int = 0
    #: Sentences of the source covered by quotes (None without a source).
    sentences_covered: int | None = None
    sentences_total: int | None = None
    characters_covered: float | None = None

    @property
    def sentence_share(self) -> float | None:
        if not self.sentences_total or self.sentences_covered is None:
            return None
        return self.sentences_covered / self.sentences_total

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["sentence_share"] = self.sentence_share
        return data


def compute_stats(argument_map: ArgumentMap) -> MapStats:
    """Compute the figures ``usfk-argmap stats`` shows."""
    kinds = Counter(node.kind for node in argument_map.nodes.values())
    relations: Counter[str] = Counter()
    for edge in argument_map.edges():
        relations[edge.relation] += 1
    sections = Counter(node.section for node in argument_map.nodes.values() if node.section)
    result = MapStats(
        title=argument_map.title,
        nodes=len(argument_map.nodes),
        arguments=len(argument_map.arguments),
        kinds={kind: kinds.get(kind, 0) for kind in NODE_KINDS},
        relations={relation: relations.get(relation, 0) for relation in RELATIONS},
        depth=_depth(argument_map),
        sections={sid: sections.get(sid, 0) for sid in argument_map.sections},
        quoted_nodes=sum(1 for node in argument_map.nodes.values() if node.quote),
    )
    source = argument_map.source_text
    if source is not None:
        spans = []
        for node in argument_map.nodes.values():
            if node.quote:
                spans.extend(source.find_all(node.quote))
        covered, total, chars = source.coverage(spans)
        result.sentences_covered, result.sentences_total, result.characters_covered = covered, total, chars
    return result


def _depth(argument_map: ArgumentMap) -> int:
    if argument_map.root not in argument_map.nodes:
        return 0
    # Walk from the root against the arrows; an argument stands between premises and conclusion.
    reasons: dict[str, list[str]] = {}
    for edge in argument_map.edges():
        reasons.setdefault(edge.target, []).append(edge.source)
    levels = {argument_map.root: 0}
    queue = deque([argument_map.root])
    while queue:
        current = queue.popleft()
        for reason in reasons.get(current, ()):
            if reason not in levels:
                levels[reason] = levels[current] + 1
                queue.append(reason)
    return max(levels.values())
