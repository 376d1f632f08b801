"""Who a document names: every actor phrase of every sentence, resolved to actors on the document's date.

The recogniser finds the phrases ("وزير الخارجية الروسي سيرغي لافروف", "نظيره الأردني",
"الجيش التركي", "الدول الأربع"); this module turns each into `Mention`s with the actors it
stands for. What a phrase means can depend on the rest of the document: "نظيره" is the
counterpart of the person named before it, "الجانبان" the two sides met before, "بلاده"
the speaker's country, "الوزير العماني" the Omani minister the article named in full. The
models later decide which mentions are the source or target of an event; here every
mention is only identified, never given a role.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from marsad.extracting.context import DocumentContext
from marsad.knowledge.loader import KnowledgeBase
from marsad.model import Actor
from marsad.recognising.actors import main_office, resolve
from marsad.recognising.phrases import Phrase, build_phrases, listed_states
from marsad.recognising.scan import Sentence

MARKER_CUES = ("counterpart", "pair", "group", "spokesperson", "kingdom", "own_country")


@dataclass(slots=True)
class Mention:
    """One actor phrase: where it stands, what kind of phrase it is, and the actors it names."""

    sentence: int
    start: int
    end: int
    phrase: Phrase
    kind: str
    actors: list[Actor]
    media: bool = False  # a news agency or reporter: it reports events, it is no party to them
    dateline: bool = False

    @property
    def preposition(self) -> str:
        return self.phrase.preposition


def phrase_kind(phrase: Phrase) -> str:
    """The phrase's head, most specific first: what the role model learns to treat alike."""
    if phrase.counterpart:
        return "counterpart"
    if phrase.pair:
        return "pair"
    if phrase.group and not (phrase.person or phrase.titles):
        return "group"
    if phrase.person:
        return "person"
    if phrase.spokesperson:
        return "spokesperson"
    if phrase.titles:
        return "office"
    if phrase.organisation:
        return "organisation"
    if phrase.own_country:
        return "own_country"
    if phrase.kingdom:
        return "kingdom"
    if phrase.sector:
        return "generic"
    if phrase.nisba_only:
        return "nisba"
    if phrase.is_location_only:
        return "place"
    if phrase.countries:
        return "state"
    return "place" if phrase.place else "other"


class MentionFinder:
    """Builds and resolves the mentions of one document, sentence by sentence, in reading order."""

    def __init__(self, kb: KnowledgeBase, context: DocumentContext):
        self.kb = kb
        self.context = context
        self.date = context.reference_date
        self.recent: list[Actor] = []  # named actors in reading order, for "الجانبان", "بلاده", "نظيره"
        self.group: list[Actor] = []

    def sentence_mentions(self, index: int, sentence: Sentence) -> list[Mention]:
        context = self.context
        markers = [(c.start, c.end, c.kind) for c in sentence.cues if c.kind in MARKER_CUES]
        barriers = [(t.start, t.end) for t in sentence.triggers]
        terms = sentence.terms + context.family_name_terms(sentence)
        lexicon = context.lexicon
        phrases = build_phrases(context.text, terms, markers, barriers, lexicon.honorifics, self.kb.capital_of,
                                context.holds, lexicon.area_words, lexicon.topic_words)
        mentions = []
        for phrase in phrases:
            kind = phrase_kind(phrase)
            actors = self._resolve(phrase, kind, mentions)
            mention = Mention(index, phrase.start, phrase.end, phrase, kind, actors,
                              media=context.is_media(phrase), dateline=context.in_dateline(phrase))
            mentions.append(mention)
            if actors and kind not in ("place", "nisba") and not mention.media:
                self.recent.extend(a for a in actors if a.country)
        self.group = listed_states(phrases) or self.group  # for a later "الدول الأربع"
        return mentions

    def _resolve(self, phrase: Phrase, kind: str, earlier: list[Mention]) -> list[Actor]:
        kb, date = self.kb, self.date
        if kind == "group":
            return list(self.group)
        if kind == "pair":
            if len(set(phrase.countries)) > 1:
                return [Actor(None, c, "GOV") for c in dict.fromkeys(phrase.countries)]  # "الجانبان السعودي والإيراني"
            return self._last_two_sides()
        if kind == "own_country" and not phrase.countries:
            speaker = self._speaker(earlier)
            return [Actor(None, speaker.country, "GOV")] if speaker else []
        if kind == "kingdom" and not phrase.countries:
            return [Actor(None, self.context.kingdom, "GOV")] if self.context.kingdom else []
        anchor, anchor_office = None, None
        if kind == "counterpart":
            anchor = self._speaker(earlier)
            if anchor is not None and anchor.name:
                person = kb.people_by_name.get(anchor.name.casefold())
                term = main_office(kb, person.id, date) if person and date else None
                anchor_office = term.office if term else None
        actors = resolve(kb, phrase, date, anchor, anchor_office, self.context.recall)
        return self.context.fill_countries(actors)

    def _speaker(self, earlier: list[Mention]) -> Actor | None:
        """The last named actor before this phrase: in its sentence, else in the document so far."""
        for mention in reversed(earlier):
            if mention.kind in ("person", "office", "organisation", "spokesperson", "generic") and mention.actors:
                return mention.actors[0]
        return self.recent[-1] if self.recent else None

    def _last_two_sides(self) -> list[Actor]:
        sides: list[Actor] = []
        for actor in reversed(self.recent):
            if all(actor.country != a.country for a in sides):
                sides.append(actor)
            if len(sides) == 2:
                break
        return sides[::-1] if len(sides) == 2 else []


def country_counts(mentions: list[Mention]) -> Counter:
    return Counter(a.country for m in mentions for a in m.actors if a.country)
