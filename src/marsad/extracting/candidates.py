"""Candidate generation: a document's sentences, each with its words, event words, cues and mentions.

Every sentence is a candidate for events of any type, and every actor mention in it (and
the named actors of the sentence before it and of the headline, whom Arabic often leaves
implicit: "وأكد …") is a candidate source or target. The models decide; nothing here
chooses a role or drops a sentence, so recall is the only aim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from marsad.extracting.context import DocumentContext
from marsad.extracting.lexicon import Lexicon
from marsad.extracting.mentions import Mention, MentionFinder
from marsad.knowledge.loader import KnowledgeBase
from marsad.model import Actor
from marsad.recognising.phrases import Phrase
from marsad.recognising.scan import Scan, Sentence

WORD = re.compile(r"\w+")
PROCLITIC_STEMS = ("وبال", "وال", "بال", "فال", "كال", "ولل", "لل", "ال", "وب", "ول", "فب", "فل", "و", "ف", "ب", "ل")
CARRIED_KINDS = frozenset({"person", "office", "organisation", "generic", "spokesperson", "state"})
MAX_CARRIED = 3
UNKNOWN_ACTOR = Actor(None, None, "UNK")


@lru_cache(maxsize=262_144)
def stem(word: str) -> str:
    """A word without its proclitics ("والرئيس" → "رئيس"), keeping at least three letters."""
    for prefix in PROCLITIC_STEMS:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            return word[len(prefix):]
    return word


@dataclass(slots=True)
class Unit:
    """One sentence of a document, with what the models read of it."""

    index: int
    sentence: Sentence
    words: list[str]
    word_starts: list[int]
    mentions: list[Mention]
    carried: list[Mention] = field(default_factory=list)  # named before it: the previous sentence, the headline
    is_title: bool = False
    civilian_places: list[Mention] = field(default_factory=list)  # its places, standing for the people there

    @property
    def unknown_author(self) -> Mention:
        """A stand-in for an attacker the text does not name, placed at the sentence's start."""
        return Mention(self.index, self.start, self.start, Phrase(self.start, self.start), "unknown", [UNKNOWN_ACTOR])

    @property
    def start(self) -> int:
        return self.sentence.start

    @property
    def end(self) -> int:
        return self.sentence.end

    def word_index(self, position: int) -> int:
        """The index of the word at or after `position`."""
        lo, hi = 0, len(self.word_starts)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.word_starts[mid] < position:
                lo = mid + 1
            else:
                hi = mid
        return lo


@dataclass(slots=True)
class DocumentUnits:
    context: DocumentContext
    units: list[Unit]
    readings: dict[int, tuple[str, str] | None] = field(default_factory=dict)  # the rules' reading of event words

    def reading(self, match) -> tuple[str, str] | None:
        return self.readings.get(match.start, (match.trigger.type, match.trigger.cameo))


def document_units(kb: KnowledgeBase, lexicon: Lexicon, scan: Scan,
                   readings: dict[int, tuple[str, str] | None] | None = None) -> DocumentUnits:
    context = DocumentContext(kb, lexicon, scan)
    finder = MentionFinder(kb, context)
    text = scan.text
    title_end = text.find("\n")
    units: list[Unit] = []
    for index, sentence in enumerate(scan.sentences):
        starts, words = [], []
        for match in WORD.finditer(text, sentence.start, sentence.end):
            starts.append(match.start())
            words.append(match.group())
        mentions = finder.sentence_mentions(index, sentence)
        unit = Unit(index, sentence, words, starts, mentions, is_title=index == 0 and 0 <= title_end <= sentence.end
                    and title_end < 200, civilian_places=_civilian_places(kb, mentions))
        units.append(unit)
    for unit in units:
        unit.carried = _carried(units, unit)
    return DocumentUnits(context, units, readings or {})


def _civilian_places(kb: KnowledgeBase, mentions: list[Mention]) -> list[Mention]:
    places = []
    for mention in mentions:
        if mention.kind != "place":
            continue
        phrase = mention.phrase
        place = kb.places.get(phrase.place) if phrase.place else None
        country = place.country if place is not None else (phrase.countries[0] if phrase.countries else None)
        if country and len(country) == 3 and country in kb.states:
            places.append(Mention(mention.sentence, mention.start, mention.end, phrase, "place",
                                  [Actor(None, country, "CVL")]))
    return places


def _carried(units: list[Unit], unit: Unit) -> list[Mention]:
    """Named actors of the previous sentence, then of the headline, that this sentence does not name itself."""
    own = {a for m in unit.mentions for a in m.actors}
    carried: list[Mention] = []
    sources = []
    if unit.index > 0:
        sources.append(units[unit.index - 1])
    if unit.index > 1 and units[0].is_title:
        sources.append(units[0])
    for earlier in sources:
        for mention in earlier.mentions:
            if (mention.kind in CARRIED_KINDS and mention.actors and not mention.media and not mention.dateline
                    and not mention.phrase.about and not set(mention.actors) <= own
                    and all(set(mention.actors) != set(c.actors) for c in carried)):
                carried.append(mention)
            if len(carried) >= MAX_CARRIED * len(sources):
                break
    return carried
