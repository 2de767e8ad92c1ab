"""Proposing a map's structure from a segmented text: the thesis, main claims, and each unit's relation.

- **The thesis** (``choose_root``): with ``root_from="auto"`` the last
  sentence with a summary marker (in conclusion, 綜上所述); otherwise the unit
  that scores best as a central claim (``claim_score``: conclusion markers
  and stance words for, reason, example, condition and concession markers
  against, and the first and last place of the text, where authors put their
  claim). A text with sections takes its thesis from the introduction before
  them and says that the thesis is the mapper's reconstruction.
  ``heading`` takes the text's title, ``first`` and ``last`` the first or last unit.
- **Main claims**: a numbered heading's words are its section's main claim;
  an unnumbered heading's section takes its best-scoring unit.
- **Relations**, unit by unit within each paragraph: a unit with a
  conclusion marker is the paragraph's claim and what else the paragraph says
  supports it; a reason supports the clause it is joined to (or the sentence
  before); an example is evidence for what comes before it; a concession, or
  another's view (some say), is an objection to the paragraph's claim, and the
  next contrast (but, 然而) answers it; a condition and the clause it governs
  are the premises of one linked argument; an unmarked unit supports the
  nearest claim of its paragraph.

Each proposal carries the rule that made it and how sure it is, for the node's note.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from usfk_argmap.interop.from_text.segment import Heading, Segmentation, Unit

RootFrom = Literal["auto", "heading", "first", "last"]
ROOT_FROM: tuple[RootFrom, ...] = ("auto", "heading", "first", "last")
Role = Literal["pro", "opp"]
Relation = Literal["supports", "attacks"]

#: What each marker adds to a unit's score as a central claim.
_CLAIM_WEIGHTS = {
    "summary": 3.0,
    "conclusion": 2.0,
    "reason": -3.0,
    "example": -3.0,
    "condition": -3.0,
    "concession": -2.5,
    "contrast": -0.5,
    "addition": -0.5,
}
_STANCE_WEIGHT = 2.0
_OPPOSING_WEIGHT = -2.0
#: Authors put their claim first more often than last (arg-microtexts: half the texts, against a quarter).
_FIRST_WEIGHT = 2.0
_LAST_WEIGHT = 1.0


@dataclass
class Proposal:
    """One statement of the draft: a unit, or a heading's words (``unit`` None)."""

    start: int
    end: int
    unit: Unit | None
    #: 0 for the introduction (or a text without sections), else the section's number.
    section: int
    role: Role = "pro"
    target: int | None = None
    relation: Relation = "supports"
    #: The other premise of a linked argument (a condition and the clause it governs).
    linked_with: int | None = None
    why: str = ""
    sure: str = "a guess"
    main: bool = False
    evidence: bool = False


@dataclass
class Structure:
    proposals: list[Proposal] = field(default_factory=list)
    root: int = 0
    #: Why the root is the thesis, for its note.
    root_why: str = ""
    #: Section number -> its heading.
    sections: dict[int, Heading] = field(default_factory=dict)
    title: Heading | None = None


def claim_score(unit: Unit, first: bool, last: bool) -> float:
    """How much ``unit`` looks like the central claim of its text."""
    score = _CLAIM_WEIGHTS.get(unit.marker.kind, 0.0) if unit.marker is not None else 0.0
    if unit.marker is not None and unit.marker.inside and score < 0:
        score /= 2  # a reason or concession word inside a clause may belong to a part of it
    score += _STANCE_WEIGHT * unit.stance + _OPPOSING_WEIGHT * unit.opposing
    score += _FIRST_WEIGHT * first + _LAST_WEIGHT * last
    if unit.opening == "clause":
        score -= 0.5
    return score


def _best_claim(units: list[Unit]) -> Unit:
    scored = [(claim_score(unit, number == 0, number == len(units) - 1), -number) for number, unit in enumerate(units)]
    return units[-max(scored)[1]]  # ties: the earlier unit


def propose(segmentation: Segmentation, root_from: RootFrom = "auto") -> Structure:
    """The draft's statements and relations (see the module's docstring)."""
    return _Proposer(segmentation, root_from).run()


class _Proposer:
    def __init__(self, segmentation: Segmentation, root_from: RootFrom) -> None:
        self.seg = segmentation
        self.root_from = root_from
        self.structure = Structure()
        self.of_unit: dict[int, int] = {}
        headings = segmentation.headings
        title = next((heading for heading in headings if heading.title), None)
        if title is None and root_from == "heading" and headings:
            title = headings[0]  # the text has no title line: its first heading names it
        self.structure.title = title
        #: Each section heading's index in ``headings`` -> the section's number (1, 2...).
        self.section_number = {
            index: number for number, index in enumerate((i for i, h in enumerate(headings) if h is not title and not h.title), 1)
        }
        self.structure.sections = {number: headings[index] for index, number in self.section_number.items()}

    def _section(self, unit: Unit) -> int:
        return self.section_number.get(unit.section, 0)

    def _add(self, proposal: Proposal) -> int:
        self.structure.proposals.append(proposal)
        number = len(self.structure.proposals) - 1
        if proposal.unit is not None:
            self.of_unit[proposal.unit.index] = number
        return number

    def run(self) -> Structure:
        units = self.seg.units
        structure = self.structure
        structure.root = self._root()
        heads: dict[int, int] = {0: structure.root}
        members_of: dict[int, list[Unit]] = {}
        for unit in units:
            if unit.index not in self.of_unit:
                members_of.setdefault(self._section(unit), []).append(unit)
        for number, heading in structure.sections.items():
            members = members_of.get(number, [])
            if heading.numbered or not members:
                head = self._add(Proposal(heading.title_start, heading.end, None, number, main=True))
                structure.proposals[head].why = "the words of a numbered heading: its section's main claim"
                structure.proposals[head].sure = "likely"
            else:
                best = _best_claim(members)
                head = self._add(Proposal(best.start, best.end, best, number, main=True))
                structure.proposals[head].why = "its section's best candidate for a claim (markers, stance words, place)"
            structure.proposals[head].target = structure.root
            heads[number] = head
        for paragraph in self._paragraphs():
            self._relate(paragraph, heads[self._section(paragraph[0])])
        for number, proposal in enumerate(structure.proposals):
            if proposal.linked_with == -1:
                proposal.linked_with = None  # a condition that governs no clause after it: a plain premise
            if proposal.target is None and number != structure.root:
                proposal.target = heads[proposal.section]
        _roles(structure)
        return structure

    def _root(self) -> int:
        units = self.seg.units
        structure = self.structure
        if self.root_from == "heading" and structure.title is not None:
            heading = structure.title
            structure.root_why = (
                "This thesis is the mapper's reconstruction: it is the text's title (`--root-from heading`), "
                "which names the topic; rewrite it as the claim the text makes."
            )
            return self._add(Proposal(heading.title_start, heading.end, None, 0))
        if not units:
            raise ValueError("the text holds no sentence to draft from")
        if self.root_from in ("first", "last"):
            unit = units[0] if self.root_from == "first" else units[-1]
            structure.root_why = f"The thesis is the text's {self.root_from} sentence (`--root-from {self.root_from}`)."
            return self._add(Proposal(unit.start, unit.end, unit, self._section(unit), sure="as asked"))
        summaries = [unit for unit in units if unit.marker is not None and unit.marker.kind == "summary"]
        if summaries:
            unit = summaries[-1]
            structure.root_why = f"The thesis is the text's own summary sentence (the marker {unit.marker.words!r})."  # type: ignore[union-attr]
            return self._add(Proposal(unit.start, unit.end, unit, self._section(unit), sure="likely"))
        intro = [unit for unit in units if self._section(unit) == 0]
        if structure.sections and intro:
            unit = _best_claim(intro)
            structure.root_why = (
                "This thesis is the mapper's reconstruction: the text states its claims under its headings and "
                "sums them up in no sentence of its own; this is the sentence of its introduction that reads most "
                "like a claim. Rewrite it to join the main claims."
            )
            return self._add(Proposal(unit.start, unit.end, unit, 0))
        unit = _best_claim(units)
        structure.root_why = (
            "The thesis is the unit that reads most like the text's central claim (markers, stance words, place)."
        )
        if self.root_from == "heading":
            structure.root_why = "The text has no heading to take the thesis from. " + structure.root_why
        return self._add(Proposal(unit.start, unit.end, unit, self._section(unit)))

    def _paragraphs(self) -> list[list[Unit]]:
        paragraphs: list[list[Unit]] = []
        for unit in self.seg.units:
            if paragraphs and paragraphs[-1][0].paragraph == unit.paragraph and paragraphs[-1][0].section == unit.section:
                paragraphs[-1].append(unit)
            else:
                paragraphs.append([unit])
        return paragraphs

    def _relate(self, paragraph: list[Unit], head: int) -> None:
        """Propose a relation for each unit of one paragraph; ``head`` is its section's main claim (or the thesis)."""
        proposals = self.structure.proposals
        claim = self._paragraph_claim(paragraph, head)
        section = self._section(paragraph[0])
        open_objection: int | None = None
        previous: int | None = None
        previous_unit: Unit | None = None
        for position, unit in enumerate(paragraph):
            if unit.index in self.of_unit:
                previous, previous_unit = self.of_unit[unit.index], unit
                if proposals[previous].unit is unit and previous == claim:
                    open_objection = None
                continue
            this = self._add(Proposal(unit.start, unit.end, unit, section))
            proposal = proposals[this]
            kind = unit.marker.kind if unit.marker is not None else None
            cue = repr(unit.marker.words) if unit.marker is not None else ""
            following = paragraph[position + 1] if position + 1 < len(paragraph) else None
            fronted = following is not None and following.opening == "main" and following.sentence == unit.sentence
            joined = previous is not None and previous_unit is not None and previous_unit.sentence == unit.sentence
            nearest = claim if claim is not None and claim != this else head
            if kind in ("conclusion", "summary"):
                self._relation(this, head, f"the {kind} marker {cue}: a claim of its paragraph", "likely")
            elif kind == "reason" and fronted:
                self._relation(this, nearest, f"the reason marker {cue}", "likely")
                proposal.target = None  # decided when the clause it leans on is added
            elif kind == "reason" and previous is not None:
                where = "the clause it is joined to" if joined else "the sentence before"
                self._relation(this, previous, f"the reason marker {cue}: supports {where}", "likely")
            elif kind == "example":
                proposal.evidence = True
                self._relation(this, previous if previous is not None else nearest, f"the example marker {cue}", "likely")
            elif kind == "concession" or (unit.opposing and kind not in ("contrast",)):
                why = f"the concession marker {cue}" if kind == "concession" else "words that report another's view"
                self._relation(this, nearest, f"{why}: an objection", "likely", "attacks")
                open_objection = this
            elif kind == "contrast" and open_objection is not None:
                self._relation(
                    this, open_objection, f"the contrast marker {cue} after an objection: its answer", "likely", "attacks"
                )
                open_objection = None
            elif kind == "condition" and fronted:
                self._relation(
                    this, nearest, f"the condition marker {cue}: a premise, linked with the clause it governs", "likely"
                )
                proposal.linked_with = -1  # the clause it governs comes next
            elif unit.opening == "main" and previous is not None and proposals[previous].linked_with == -1:
                proposals[previous].linked_with = this
                self._relation(this, proposals[previous].target, "the clause a condition governs: linked with it", "likely")
            elif unit.opening == "main" and previous is not None and proposals[previous].relation == "attacks":
                self._relation(this, previous, "the clause a concession leans on: its answer", "likely", "attacks")
                open_objection = None
            elif unit.opening == "main" and previous is not None and proposals[previous].target is None:
                self._relation(this, nearest, "unmarked: the nearest claim of its paragraph", "a guess")
                self._relation(previous, this, proposals[previous].why + ": supports the clause it leans on", "likely")
            elif kind == "contrast" and self._concedable(previous, claim, head):
                assert previous is not None
                conceded = proposals[previous]
                self._relation(
                    previous,
                    conceded.target,
                    f"{conceded.why}; taken as conceded, since the contrast marker {cue} answers it",
                    "a guess",
                    "attacks",
                )
                self._relation(this, previous, f"the contrast marker {cue}: answers what comes before it", "a guess", "attacks")
            elif kind == "contrast":
                self._relation(this, nearest, f"the contrast marker {cue} with nothing to answer before it", "a guess")
            elif kind == "addition" and previous is not None and previous == open_objection:
                objection = proposals[previous]
                self._relation(
                    this, objection.target, f"the marker {cue} after an objection: goes on with it", "a guess", "attacks"
                )
                open_objection = this
            else:
                what = f"the marker {cue} ({kind})" if kind else "unmarked"
                self._relation(this, nearest, f"{what}: the nearest claim of its paragraph", "a guess")
            previous, previous_unit = this, unit

    def _concedable(self, previous: int | None, claim: int | None, head: int) -> bool:
        """Whether a contrast answers the unit before it: one of this paragraph that only supports its claim."""
        if previous is None or previous in (claim, head, self.structure.root):
            return False
        before = self.structure.proposals[previous]
        return before.unit is not None and not before.main and before.relation == "supports" and before.sure == "a guess"

    def _relation(self, source: int, target: int | None, why: str, sure: str, relation: Relation = "supports") -> None:
        proposal = self.structure.proposals[source]
        proposal.target, proposal.relation, proposal.why, proposal.sure = target, relation, why, sure

    def _paragraph_claim(self, paragraph: list[Unit], head: int) -> int | None:
        """The paragraph's own claim: its last unit with a conclusion marker (added first, so others can
        support it), or the head or thesis when it stands in this paragraph."""
        for unit in paragraph:
            if unit.index in self.of_unit:
                return self.of_unit[unit.index]
        concluding = [unit for unit in paragraph if unit.marker is not None and unit.marker.kind == "conclusion"]
        if not concluding:
            return None
        unit = concluding[-1]
        claim = self._add(Proposal(unit.start, unit.end, unit, self._section(unit)))
        self._relation(claim, head, f"the conclusion marker {unit.marker.words!r}: the claim of its paragraph", "likely")  # type: ignore[union-attr]
        return claim


def _roles(structure: Structure) -> None:
    """Each statement's side: the thesis's side for what supports a statement of that side, the other
    side for what attacks one (an objection is the opponent's, its answer the proponent's)."""
    proposals = structure.proposals
    known: dict[int, Role] = {structure.root: "pro"}
    for start in range(len(proposals)):
        chain: list[int] = []
        number: int | None = start
        while number is not None and number not in known and number not in chain:
            chain.append(number)
            number = proposals[number].target
        side: Role = known.get(number, "pro") if number is not None else "pro"
        for link in reversed(chain):
            if proposals[link].relation == "attacks":
                side = "opp" if side == "pro" else "pro"
            known[link] = side
    for number, proposal in enumerate(proposals):
        proposal.role = known[number]
