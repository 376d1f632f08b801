"""Where an event happened: the place phrase nearest its event word, a venue's city, a host's seat.

Shared by the rule engine and the learned decoder: "في الرياض", "بقصر الاتحادية", "على
هامش الجمعية العامة" (a forum is placed at its city), a state after في/إلى standing for its
capital, and where no place is named, the capital of a host who receives.
"""

from __future__ import annotations

from marsad.knowledge.loader import KnowledgeBase
from marsad.model import Location
from marsad.recognising.phrases import Phrase
from marsad.recognising.scan import Sentence, TriggerMatch


class Places:
    def __init__(self, kb: KnowledgeBase, text: str):
        self.kb, self.text = kb, text

    def location(self, sentence: Sentence, phrases: list[Phrase], match: TriggerMatch, clause_start: int,
                 clause_end: int) -> Location | None:
        """The event's place in its clause, nearest to its event word (a named place before a state)."""
        clause_end = min([clause_end] + [c.start for c in sentence.cues_of("subject_matter") if c.start >= match.end])
        candidates = []
        for phrase in phrases:
            if not (clause_start <= phrase.start < clause_end):
                continue
            location = self.place_of(phrase, visit=match.trigger.mode == "visit" and phrase.start >= match.end)
            if location is None:
                continue
            distance = phrase.start - match.end if phrase.start >= match.end else 2 * (match.start - phrase.end)
            if not phrase.place:
                distance += 1000  # a named place beats a state standing for its capital
            candidates.append((distance, location))
        if not candidates:
            for phrase in phrases:
                if phrase.place and self.kb.places.get(phrase.place) and phrase.preposition in ("في", "ب", "الي"):
                    return self.place_of(phrase)
            return None
        return min(candidates, key=lambda c: c[0])[1]

    def place_of(self, phrase: Phrase, visit: bool = False) -> Location | None:
        named_place = phrase.about or phrase.preposition in ("في", "الي", "ب", "من")  # "مطار دمشق"
        if phrase.place and (named_place or not phrase.capital_of or visit):
            place = self.kb.places.get(phrase.place)
            if place is None:
                return None
            if place.kind == "venue":
                return self.venue_city(place)
            return Location(place.name, place.country)
        capital_meant = phrase.countries and (
            (phrase.preposition in ("في", "الي") and not (phrase.person or phrase.titles))
            or self.text[max(0, phrase.start - 8):phrase.start].rstrip().endswith("العاصمه"))
        if capital_meant:
            state = self.kb.states.get(phrase.countries[0])
            if state and state.capital:
                return Location(state.capital, state.code)
        return None

    def venue_city(self, venue) -> Location:
        """A forum is reported at the city it meets in: the nearest known city of its country."""
        cities = [p for p in self.kb.places.values() if p.kind == "city" and p.country == venue.country
                  and p.lat is not None and venue.lat is not None]
        if not cities:
            return Location(venue.name, venue.country)
        nearest = min(cities, key=lambda p: (p.lat - venue.lat) ** 2 + (p.lon - venue.lon) ** 2)
        return Location(nearest.name, nearest.country)

    def seat_of(self, code: str) -> Location | None:
        """Where a host receives: its state's capital, or the seat of its organisation."""
        state = self.kb.states.get(code)
        if state and state.capital in self.kb.places:
            return Location(state.capital, state.code)
        seat = next((o.seat for o in self.kb.organisations.values() if o.country == code and o.seat), None)
        place = self.kb.places.get(seat) if seat else None
        return Location(place.name, place.country) if place else None
