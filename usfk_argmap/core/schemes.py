"""The catalogue of argument schemes and their critical questions, read from ``schemes.yaml``.

A scheme is a common pattern of defeasible argument (Walton, Reed & Macagno,
*Argumentation Schemes*, 2008): premises in set roles support a conclusion, and
critical questions name the ways the argument can fail. Each question says what
it attacks (a premise, the conclusion or the inference) and who must speak to
it (Carneades' distinction): an *assumption* holds only if the proponent backs
it, an *exception* stands only if the opponent raises it.

The catalogue is data: every text is in English, Traditional and Simplified
Chinese in the YAML file beside this module, read once with the safe loader.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal, TypeVar, get_args

from usfk_argmap.core.diagnostics import did_you_mean_phrase, suggest

#: The catalogue's languages: every text is given in each of them.
Language = Literal["en", "zh-Hant", "zh-Hans"]
LANGUAGES: tuple[Language, ...] = get_args(Language)

#: What a critical question attacks.
Target = Literal["premise", "conclusion", "inference"]
TARGETS: tuple[Target, ...] = get_args(Target)

#: Who must speak to a question: the proponent backs an assumption, the opponent raises an exception.
Burden = Literal["assumption", "exception"]
BURDENS: tuple[Burden, ...] = get_args(Burden)

DATA_FILE = Path(__file__).with_name("schemes.yaml")

_T = TypeVar("_T")


@dataclass(frozen=True)
class Text:
    """One text in the catalogue's three languages."""

    en: str
    zh_hant: str
    zh_hans: str

    def in_language(self, language: Language) -> str:
        """The text in ``language``."""
        return {"en": self.en, "zh-Hant": self.zh_hant, "zh-Hans": self.zh_hans}[language]

    def to_dict(self) -> dict[str, str]:
        return {language: self.in_language(language) for language in LANGUAGES}


@dataclass(frozen=True)
class Role:
    """A premise of a scheme: ``expertise``, "the source is an expert in the domain"."""

    id: str
    text: Text


@dataclass(frozen=True)
class CriticalQuestion:
    """A way an argument of the scheme can fail: ``CQ1``, its text, what it attacks and who must raise it."""

    id: str
    text: Text
    target: Target
    burden: Burden


@dataclass(frozen=True)
class Family:
    """A group of related schemes (source-based, causal, practical...)."""

    id: str
    name: Text


@dataclass(frozen=True)
class Scheme:
    """An argument scheme: its premise roles, the conclusion they support and its critical questions."""

    id: str
    name: Text
    family: Family
    roles: tuple[Role, ...]
    conclusion: Text
    questions: tuple[CriticalQuestion, ...]

    def role(self, role_id: str) -> Role:
        """The premise role ``role_id``; ``ValueError`` naming the likely one for an unknown id."""
        return _lookup(role_id, {role.id: role for role in self.roles}, f"scheme {self.id!r} has no role")

    def question(self, question_id: str) -> CriticalQuestion:
        """The critical question ``question_id`` (``CQ2``); ``ValueError`` naming the likely one for an unknown id."""
        return _lookup(
            question_id, {question.id: question for question in self.questions}, f"scheme {self.id!r} has no critical question"
        )

    def to_dict(self, language: Language | None = None) -> dict[str, Any]:
        """Plain data for JSON: every text in ``language``, or in all three (a mapping by language) for None."""

        def text(value: Text) -> str | dict[str, str]:
            return value.to_dict() if language is None else value.in_language(language)

        return {
            "id": self.id,
            "name": text(self.name),
            "family": {"id": self.family.id, "name": text(self.family.name)},
            "roles": [{"id": role.id, "text": text(role.text)} for role in self.roles],
            "conclusion": text(self.conclusion),
            "questions": [
                {"id": question.id, "text": text(question.text), "target": question.target, "burden": question.burden}
                for question in self.questions
            ],
        }


@dataclass(frozen=True)
class Catalogue:
    """The data file read: the families, the schemes, and the words a listing puts around them."""

    families: tuple[Family, ...]
    schemes: tuple[Scheme, ...]
    #: ``headings`` (scheme, family, premises, conclusion, questions, target, burden), ``targets``, ``burdens``.
    labels: Mapping[str, Mapping[str, Text]]

    def labels_in(self, language: Language) -> dict[str, dict[str, str]]:
        """The labels in ``language``: ``labels_in("en")["targets"]["inference"] == "inference"``."""
        return {group: {key: text.in_language(language) for key, text in table.items()} for group, table in self.labels.items()}


def schemes() -> tuple[Scheme, ...]:
    """Every scheme of the catalogue, family by family in the data file's order."""
    return catalogue().schemes


def families() -> tuple[Family, ...]:
    """The families of schemes, in the data file's order."""
    return catalogue().families


def scheme(scheme_id: str) -> Scheme:
    """The scheme ``scheme_id`` (``expert-opinion``); ``ValueError`` naming the likely one for an unknown id."""
    return _lookup(scheme_id, {entry.id: entry for entry in schemes()}, "unknown scheme")


def schemes_for(scheme_ids: Iterable[str]) -> list[Scheme]:
    """The schemes ``scheme_ids`` in the order given, or every scheme for none; ``ValueError`` for an unknown id."""
    wanted = list(scheme_ids)
    return [scheme(scheme_id) for scheme_id in wanted] if wanted else list(schemes())


def language_of(lang: str) -> Language:
    """The catalogue language for a map's BCP 47 ``lang`` tag: Traditional or Simplified Chinese, else English."""
    from usfk_argmap.core.language import cjk_region

    region = cjk_region(lang)
    if region == "TC":
        return "zh-Hant"
    return "zh-Hans" if region == "SC" else "en"


def _lookup(key: str, table: Mapping[str, _T], missing: str) -> _T:
    """``table[key]``, or ``ValueError``: ``"unknown scheme 'x' (did you mean 'y'?)"`` (``missing`` opens the message)."""
    if key in table:
        return table[key]
    hint = suggest(key, table)
    advice = did_you_mean_phrase(hint) if hint is not None else f"known: {', '.join(table)}"
    raise ValueError(f"{missing} {key!r} ({advice}); `usfk-argmap schemes` lists them")


@cache
def catalogue() -> Catalogue:
    """The catalogue, read from ``schemes.yaml`` once."""
    import yaml

    # libyaml's safe loader, where PyYAML has it: the pure-Python one takes eight times as long over this file
    # (50 ms, most of a small map's ``check``).
    data = yaml.load(DATA_FILE.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    family_table = {entry["id"]: Family(entry["id"], _text(entry["name"])) for entry in data["families"]}
    found = tuple(
        Scheme(
            id=entry["id"],
            name=_text(entry["name"]),
            family=family_table[entry["family"]],
            roles=tuple(Role(role["id"], _text(role["text"])) for role in entry["roles"]),
            conclusion=_text(entry["conclusion"]),
            questions=tuple(
                CriticalQuestion(question["id"], _text(question["text"]), question["target"], question["burden"])
                for question in entry["questions"]
            ),
        )
        for entry in data["schemes"]
    )
    order = {family_id: index for index, family_id in enumerate(family_table)}
    labels = {group: {key: _text(text) for key, text in table.items()} for group, table in data["labels"].items()}
    return Catalogue(tuple(family_table.values()), tuple(sorted(found, key=lambda entry: order[entry.family.id])), labels)


def _text(value: Mapping[str, str]) -> Text:
    return Text(en=value["en"], zh_hant=value["zh-Hant"], zh_hans=value["zh-Hans"])
