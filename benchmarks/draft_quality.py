"""How good ``usfk-argmap draft`` is: against the arg-microtexts gold maps, and against the flagship map.

Run: .venv/bin/python benchmarks/draft_quality.py [MICROTEXT_FOLDER]
(default ``../shared/corpora/microtext/en``).

**Microtexts** (Peldszus & Stede 2015): each text is drafted twice, from its
raw text (our own segmentation) and with the corpus's segments given (its
ADUs' texts, ``draft_map(segments=...)``). A drafted unit stands for the gold
ADU it overlaps most, and each gold ADU for the drafted unit that overlaps it
most. Figures, pooled over the texts:

- *central claim*: accuracy, the share of texts whose drafted thesis stands
  for the gold central claim;
- *role*: macro F1 over proponent and opponent, each gold ADU taking the
  role of its drafted unit;
- *attachment*: F1 of the attached pairs, each gold ADU attached where its
  drafted unit's relation leads (an ``und`` edge attaches to the source of the
  edge it undercuts, an ``add`` co-premise to the target of its edge); every
  non-central ADU has one attachment, so this is also the share attached
  right. *att. macro* is the published measure: macro F1 over the attached
  and unattached classes of all ordered pairs of a text's ADUs.

Beside them the two baselines (the central claim is the first or the last
unit; each unit attaches to the one before it, the first to the second; every
role pro) and Peldszus & Stede's published evidence-graph figures (gold
segments, supervised; their role and attachment are macro F1).

**Flagship**: the chapter drafted as ``usfk-argmap draft`` does, against
``maps/usfk_conclusion.yaml``: segment recall (the share of the map's quoted
statements whose passage overlaps a drafted statement's), the main claims
found (the map's claims on the thesis whose passage overlaps a drafted main
claim), and the drafted relations that the map has (precision and recall; a
drafted statement stands for the map's statement its passage overlaps most, the
thesis for the thesis; a relation to an ancestor of the map's target counts half). Then the time for
the chapter, and for the chapter repeated 4 and 16 times.
"""

from __future__ import annotations

import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from usfk_argmap.interop.from_text.build import DraftedMap, draft_map
from usfk_argmap.mapfile.loader import load_map
from usfk_argmap.quotes.source import SourceText

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "microtext" / "en"
FLAGSHIP = ROOT / "maps" / "usfk_conclusion.yaml"
#: Peldszus & Stede 2015, evidence graph, gold segments (cc, role, function, attachment; macro F1).
PUBLISHED = {"central claim": 0.86, "role": 0.77, "function": 0.75, "attachment": 0.71}


@dataclass
class Gold:
    """One microtext: its text, its ADUs' spans and texts, roles, attachments and central claim."""

    name: str
    text: str
    adus: list[str] = field(default_factory=list)
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    roles: dict[str, str] = field(default_factory=dict)
    attached: dict[str, str] = field(default_factory=dict)
    central: str = ""


def read_gold(xml_path: Path) -> Gold:
    root = ET.parse(xml_path).getroot()
    text = xml_path.with_suffix(".txt").read_text(encoding="utf-8")
    gold = Gold(xml_path.stem, text)
    edus = {e.get("id", ""): " ".join("".join(e.itertext()).split()) for e in root if e.tag == "edu"}
    edges = {e.get("id", ""): e for e in root if e.tag == "edge"}
    gold.roles = {e.get("id", ""): e.get("type", "") for e in root if e.tag == "adu"}
    parts: dict[str, list[str]] = {}
    for edge in edges.values():
        if edge.get("type") == "seg":
            parts.setdefault(edge.get("trg", ""), []).append(edge.get("src", ""))

    def edus_of(unit: str) -> list[str]:
        return [unit] if unit in edus else [edu for part in parts.get(unit, []) for edu in edus_of(part)]

    order = list(edus)
    adus = sorted(gold.roles, key=lambda adu: min(order.index(edu) for edu in edus_of(adu)))
    source = SourceText(text)
    for adu in adus:
        pieces = sorted(edus_of(adu), key=order.index)
        spans = [source.find(edus[edu]) for edu in pieces]
        found = [span for span in spans if span is not None]
        gold.spans[adu] = (min(s.start for s in found), max(s.end for s in found)) if found else (0, 0)
        gold.texts[adu] = text[gold.spans[adu][0] : gold.spans[adu][1]]
    gold.adus = adus
    for edge in edges.values():
        kind, source_id, target = edge.get("type"), edge.get("src", ""), edge.get("trg", "")
        if kind in ("sup", "exa", "reb"):
            gold.attached[source_id] = target
    for edge in edges.values():
        kind, source_id, target = edge.get("type"), edge.get("src", ""), edge.get("trg", "")
        if kind in ("und", "add") and target in edges:
            aimed = edges[target]
            gold.attached[source_id] = aimed.get("src", "") if kind == "und" else gold.attached.get(aimed.get("src", ""), "")
    gold.central = next(adu for adu in adus if adu not in gold.attached)
    return gold


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


@dataclass
class Prediction:
    """What a drafter says of one text's gold ADUs: the central claim, each ADU's role and attachment."""

    central: str
    roles: dict[str, str]
    attached: dict[str, str]


def predicted(gold: Gold, drafted: DraftedMap) -> Prediction:
    """The draft's structure read onto the gold ADUs (through the largest overlaps)."""
    proposals = [p for p in drafted.structure.proposals if p.unit is not None]
    spans = [(p.start, p.end) for p in proposals]

    def adu_of(span: tuple[int, int]) -> str:
        return max(gold.adus, key=lambda adu: _overlap(span, gold.spans[adu]))

    def proposal_of(adu: str) -> int:
        return max(range(len(proposals)), key=lambda number: _overlap(spans[number], gold.spans[adu]))

    everything = drafted.structure.proposals
    root = everything[drafted.structure.root]
    index = {id(p): number for number, p in enumerate(proposals)}
    roles: dict[str, str] = {}
    attached: dict[str, str] = {}
    for adu in gold.adus:
        proposal = proposals[proposal_of(adu)]
        roles[adu] = proposal.role
        if proposal.target is not None:
            target = everything[proposal.target]
            if id(target) in index:
                attached[adu] = adu_of(spans[index[id(target)]])
    return Prediction(adu_of((root.start, root.end)), roles, attached)


def baseline(gold: Gold, central: str) -> Prediction:
    """Central claim first or last; each ADU attached to the one before it (the first to the second); all pro."""
    adus = gold.adus
    cc = adus[0] if central == "first" else adus[-1]
    attached = {adu: adus[number - 1] if number else adus[min(1, len(adus) - 1)] for number, adu in enumerate(adus)}
    attached.pop(cc, None)
    return Prediction(cc, dict.fromkeys(adus, "pro"), attached)


def _f1(true_positive: float, predicted_count: float, gold_count: float) -> float:
    if not predicted_count or not gold_count:
        return 0.0
    precision, recall = true_positive / predicted_count, true_positive / gold_count
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def scores(golds: list[Gold], predictions: list[Prediction]) -> dict[str, float]:
    """Central claim accuracy, role macro F1, attachment F1 and the published attachment macro F1, pooled."""
    central = sum(p.central == g.central for g, p in zip(golds, predictions, strict=True)) / len(golds)
    role_f1 = []
    for role in ("pro", "opp"):
        hits = sum(p.roles[a] == role == g.roles[a] for g, p in zip(golds, predictions, strict=True) for a in g.adus)
        said = sum(p.roles[a] == role for g, p in zip(golds, predictions, strict=True) for a in g.adus)
        true = sum(g.roles[a] == role for g in golds for a in g.adus)
        role_f1.append(_f1(hits, said, true))
    pairs_gold = [{(a, b) for a, b in g.attached.items()} for g in golds]
    pairs_said = [{(a, b) for a, b in p.attached.items() if a != b} for p in predictions]
    hits = sum(len(s & t) for s, t in zip(pairs_said, pairs_gold, strict=True))
    attached = _f1(hits, sum(map(len, pairs_said)), sum(map(len, pairs_gold)))
    total_pairs = sum(len(g.adus) * (len(g.adus) - 1) for g in golds)
    said_total, gold_total = sum(map(len, pairs_said)), sum(map(len, pairs_gold))
    unattached = _f1(total_pairs - said_total - gold_total + hits, total_pairs - said_total, total_pairs - gold_total)
    return {"central claim": central, "role": sum(role_f1) / 2, "attachment": attached, "att. macro": (attached + unattached) / 2}


def microtext_table(folder: Path) -> list[tuple[str, dict[str, float]]]:
    golds = [read_gold(path) for path in sorted(folder.glob("micro_*.xml"))]
    raw = [predicted(g, draft_map(g.text, lang="en")) for g in golds]
    given = [predicted(g, draft_map(g.text, lang="en", segments=[g.texts[a] for a in g.adus])) for g in golds]
    first = [baseline(g, "first") for g in golds]
    last = [baseline(g, "last") for g in golds]
    return [
        (f"draft, raw text ({len(golds)} texts)", scores(golds, raw)),
        ("draft, corpus segments", scores(golds, given)),
        ("baseline: first, attach to previous", scores(golds, first)),
        ("baseline: last, attach to previous", scores(golds, last)),
    ]


def flagship_figures() -> dict[str, float]:
    """Segment recall, main claims found, relation precision and recall against the hand-made map."""
    hand = load_map(FLAGSHIP).map
    assert hand is not None and hand.source_text is not None
    source = hand.source_text
    drafted = draft_map(source.text)

    def span_of(quote: str | None) -> tuple[int, int] | None:
        found = source.find(quote) if quote else None
        return (found.start, found.end) if found is not None else None

    hand_spans = _spans({node.id: span_of(node.quote) for node in hand.nodes.values()})
    draft_nodes = drafted.map.nodes
    draft_spans = _spans({node.id: span_of(node.quote) for node in draft_nodes.values()})
    recall = sum(any(_overlap(s, d) for d in draft_spans.values()) for s in hand_spans.values()) / len(hand_spans)
    mains = [n.id for n in hand.nodes.values() if n.kind == "claim" and hand.root in {r.target for r in n.supports}]
    drafted_mains = [drafted.ids[i] for i, p in enumerate(drafted.structure.proposals) if p.main]
    found_mains = sum(
        any(_overlap(hand_spans[m], draft_spans[d]) for d in drafted_mains if d in draft_spans) for m in mains if m in hand_spans
    )

    def to_hand(node_id: str) -> str | None:
        if node_id == drafted.map.root:
            return hand.root  # the thesis stands for the thesis, whichever passage each quotes
        span = draft_spans.get(node_id)
        if span is None:
            return None
        best = max(hand_spans, key=lambda key: _overlap(span, hand_spans[key]))
        return best if _overlap(span, hand_spans[best]) else None

    hand_edges = _edges(hand)
    ancestors = _ancestors(hand_edges)
    draft_edges = {(a, b) for a, b in _edges(drafted.map)}
    mapped = [(to_hand(a), to_hand(b)) for a, b in draft_edges]
    credit = 0.0
    credited: dict[tuple[str, str], float] = {}
    for a, b in mapped:
        if a is None or b is None or a == b:
            continue
        if (a, b) in hand_edges:
            score = 1.0
            key = (a, b)
        else:
            targets = [t for s, t in hand_edges if s == a]
            key = next(((a, t) for t in targets if b in ancestors.get(t, set())), ("", ""))
            score = 0.5 if key != ("", "") else 0.0
        credit += score
        if score:
            credited[key] = max(credited.get(key, 0.0), score)
    return {
        "segment recall": recall,
        "main claims found": float(found_mains),
        "main claims": float(len(mains)),
        "relation precision": credit / len(draft_edges) if draft_edges else 0.0,
        "relation recall": sum(credited.values()) / len(hand_edges) if hand_edges else 0.0,
        "drafted statements": float(len(draft_nodes)),
        "map statements": float(len(hand.nodes)),
    }


def _spans(found: dict[str, tuple[int, int] | None]) -> dict[str, tuple[int, int]]:
    return {key: span for key, span in found.items() if span is not None}


def _edges(argument_map: object) -> set[tuple[str, str]]:
    from usfk_argmap.core.model import ArgumentMap

    assert isinstance(argument_map, ArgumentMap)
    edges = {(n.id, r.target) for n in argument_map.nodes.values() for r in (*n.supports, *n.attacks)}
    edges |= {(p.target, a.target.target) for a in argument_map.arguments.values() for p in a.premises}
    return edges


def _ancestors(edges: set[tuple[str, str]]) -> dict[str, set[str]]:
    """For each node, the nodes its relations lead to, directly or not."""
    following: dict[str, set[str]] = {}
    for a, b in edges:
        following.setdefault(a, set()).add(b)
    found: dict[str, set[str]] = {}
    for start in following:
        seen: set[str] = set()
        stack = list(following[start])
        while stack:
            node = stack.pop()
            if node not in seen:
                seen.add(node)
                stack.extend(following.get(node, ()))
        found[start] = seen
    return found


def speed() -> list[tuple[int, float]]:
    text = (ROOT / "maps" / "sources" / "usfk_conclusion.txt").read_text(encoding="utf-8")
    rows = []
    for times in (1, 4, 16):
        start = time.perf_counter()
        draft_map(text * times, lang="zh-Hant")
        rows.append((len(text) * times, time.perf_counter() - start))
    return rows


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS
    table = microtext_table(folder)
    columns = ["central claim", "role", "attachment", "att. macro"]
    print(f"| {'arg-microtexts (en)':40} | " + " | ".join(f"{c:>13}" for c in columns) + " |")
    print(f"|{'-' * 42}|" + "|".join("-" * 15 for _ in columns) + "|")
    for name, row in table:
        print(f"| {name:40} | " + " | ".join(f"{row[c]:13.2f}" for c in columns) + " |")
    published = [PUBLISHED["central claim"], PUBLISHED["role"], None, PUBLISHED["attachment"]]
    cells = " | ".join(f"{value:13.2f}" if value is not None else f"{'-':>13}" for value in published)
    print(f"| {'Peldszus & Stede 2015 (gold segments)':40} | {cells} |")
    print()
    for key, value in flagship_figures().items():
        print(f"flagship {key}: {value:.2f}")
    for length, seconds in speed():
        print(f"draft of {length} characters: {seconds * 1000:.0f} ms")


if __name__ == "__main__":
    main()
