"""Which language a map's text is in, for importers whose format does not say (an Argdown file without ``lang:``).

A small heuristic, honest about what it can tell:

- **Script first.** Han characters with kana are Japanese (``ja``), with
  Hangul Korean (``ko``); Hangul alone is Korean. Han alone is Chinese, told
  apart as Traditional (``zh-Hant``) or Simplified (``zh-Hans``) by counting
  characters that exist in one form only (a fixed list of common pairs such
  as 國/国, 這/这); with no such evidence it says ``zh``. Cyrillic is ``ru``,
  Greek ``el``, Arabic ``ar``, Hebrew ``he``, Thai ``th``, Devanagari ``hi``.
  A script counts when it has at least a fifth of the letters.
- **Latin text by stop words.** Each candidate language (en, de, fr, es, it,
  nl, pt) has its 30-odd most frequent function words, less those another
  candidate shares (``que``, ``la``, ``is``); the language whose
  words make up the largest share of the text's words wins, if that share
  is at least 5 % of the words and clearly ahead (1.5 times) of the next
  language. Otherwise the answer is ``None``: the caller keeps its default
  and says so, rather than guessing.

Texts of a few words cannot be told apart reliably: under 8 Latin words the
answer is ``None``.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from string import ascii_letters

#: The most frequent function words of each Latin-script language (about 30 each).
_FUNCTION_WORDS: dict[str, str] = {
    "en": "the of and to in is that it for was on are with as be this by not or have from at which but they an "
    "their will would there been has",
    "de": "der die und das ist nicht zu den von mit sich des auf für dem ein eine auch es als an wird bei oder "
    "nur aus man sollte kein keine wenn",
    "fr": "le la les et des est du un une que pour dans qui pas sur au avec ce il sont par plus ne se nous mais ou cette",
    "es": "el los las y del que en un una es por con para se al lo como más pero sus su le ya o este porque esta entre",
    "it": "il di che è e la per un una sono non con del della gli le nel si da al anche come più ma questo alla dei",
    "nl": "het een van en is dat op te zijn niet met voor er maar om ook als bij nog wel aan door ze wordt heeft hij",
    "pt": "o os as e do da que em um uma é para com não por se dos das no na mais mas como ao foi ele pelo",
}


def _distinctive(lists: dict[str, str]) -> dict[str, frozenset[str]]:
    """Each language's function words without those of another list (``que``, ``la``, ``is``...): they tell nothing."""
    counts = Counter(word for words in lists.values() for word in set(words.split()))
    return {language: frozenset(w for w in words.split() if counts[w] == 1) for language, words in lists.items()}


#: Function words that belong to one candidate language only.
STOP_WORDS: dict[str, frozenset[str]] = _distinctive(_FUNCTION_WORDS)

#: Characters found in one form of written Chinese only (Traditional, Simplified), common in running text.
TRADITIONAL_ONLY = frozenset("國這們會為來說時對過說個發與經現實學還關開當問種進點樣從動軍韓戰區勢論議條")
SIMPLIFIED_ONLY = frozenset("国这们会为来说时对过个发与经现实学还关开当问种进点样从动军韩战区势论议条")

_SCRIPT_LANGUAGES = (
    ("CYRILLIC", "ru"),
    ("GREEK", "el"),
    ("ARABIC", "ar"),
    ("HEBREW", "he"),
    ("THAI", "th"),
    ("DEVANAGARI", "hi"),
)
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
#: Under this many Latin words, stop-word shares are too noisy to decide.
MIN_LATIN_WORDS = 8


def _script(char: str) -> str:
    if "\u3040" <= char <= "\u30ff":
        return "KANA"
    if "\uac00" <= char <= "\ud7af" or "\u1100" <= char <= "\u11ff":
        return "HANGUL"
    if "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf" or "\uf900" <= char <= "\ufaff":
        return "HAN"
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] if name else ""


def _letters_by_script(text: str) -> Counter[str]:
    """How many letters of ``text`` each script has."""
    # Each ASCII letter is Latin, counted by str.count; each other character is looked up once however often it
    # stands (a look-up of every character was 1.5 s of a 60,000-statement Argdown import).
    scripts: Counter[str] = Counter()
    latin = sum(map(text.count, ascii_letters))
    if latin:
        scripts["LATIN"] = latin
    for char, count in Counter(_NOT_ASCII.findall(text)).items():
        if char.isalpha():
            scripts[_script(char)] += count
    return scripts


def detect_language(texts: Iterable[str]) -> str | None:
    """A BCP 47 tag for the language of ``texts``, or None when the evidence is too thin to say."""
    text = "\n".join(texts)
    scripts = _letters_by_script(text)
    letters = sum(scripts.values())
    if not letters:
        return None

    def share(script: str) -> float:
        return scripts[script] / letters

    cjk = scripts["HAN"] + scripts["KANA"] + scripts["HANGUL"]
    if cjk / letters >= 0.2:
        if scripts["KANA"] >= 0.1 * cjk:
            return "ja"
        if scripts["HANGUL"] >= 0.1 * cjk:
            return "ko"
        traditional = sum(text.count(char) for char in TRADITIONAL_ONLY)
        simplified = sum(text.count(char) for char in SIMPLIFIED_ONLY)
        if traditional > 2 * simplified:
            return "zh-Hant"
        if simplified > 2 * traditional:
            return "zh-Hans"
        return "zh"
    for script, language in _SCRIPT_LANGUAGES:
        if share(script) >= 0.2:
            return language
    if share("LATIN") < 0.5:
        return None
    words = [word.lower() for word in _WORD.findall(text)]
    if len(words) < MIN_LATIN_WORDS:
        return None
    found = Counter(words)
    counts = {language: sum(found[word] for word in stop) for language, stop in STOP_WORDS.items()}
    ranked = sorted(counts.items(), key=lambda item: item[1], reverse=True)
    (best, first), (_, second) = ranked[0], ranked[1]
    if first < 0.05 * len(words) or first < 1.5 * second:
        return None
    return best
