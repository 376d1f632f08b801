"""From the phrases of an event's sides to actors, against the knowledge base and what the document said before.

"الوزيران" are the last meeting's sides, "بلاده" the speaker's country, "المملكة" the
kingdom the article is about, "نظيره" the counterpart of the actor just named, and a title
alone ("وزير الخارجية العماني") the office holder on the event's date.
"""

from __future__ import annotations

from marsad.extracting.rules.document import RuleContext
from marsad.extracting.rules.memory import Memory
from marsad.model import Actor, Location
from marsad.recognising.actors import main_office, organisation_actor, person_actor, resolve
from marsad.recognising.phrases import Phrase
from marsad.recognising.scan import Sentence, TriggerMatch


class ActorResolver:
    def __init__(self, context: RuleContext, memory: Memory):
        self.kb, self.context, self.memory = context.kb, context, memory

    def resolve_all(self, phrases: list[Phrase], event_date: str | None, anchor: Actor | None) -> list[Actor]:
        kb, memory = self.kb, self.memory
        day = event_date or self.context.reference_date
        actors: list[Actor] = []
        anchor_office = None
        if anchor and anchor.name:
            person = kb.people_by_name.get(anchor.name.casefold())
            term = main_office(kb, person.id, day) if person else None
            anchor_office = term.office if term else None
        for phrase in phrases:
            if phrase.group and not (phrase.person or phrase.titles):
                actors += [a for a in memory.last_group if a not in actors]
                continue
            if phrase.own_country and not (phrase.countries or phrase.person or phrase.titles):
                speaker = anchor or memory.speaker or (memory.last_source[0] if memory.last_source else None)
                if speaker and speaker.country:
                    actors.append(Actor(None, speaker.country, "GOV"))
                continue
            if phrase.kingdom and not (phrase.countries or phrase.person or phrase.titles):
                if self.context.kingdom:
                    actors.append(Actor(None, self.context.kingdom, "GOV"))
                continue
            if phrase.pair:
                continue
            if phrase.counterpart and anchor is None and actors:
                # "القوات البحرية المصرية ونظيرتها السعودية": the counterpart of the actor just named
                anchor = actors[0]
                person = kb.people_by_name.get(anchor.name.casefold()) if anchor.name else None
                term = main_office(kb, person.id, day) if person else None
                anchor_office = term.office if term else None
            for actor in resolve(kb, phrase, day, anchor, anchor_office, self._recall):
                if actor not in actors:
                    actors.append(actor)
                person = kb.people_by_name.get(actor.name.casefold()) if actor.name else None
                if person is not None and phrase.titles and not phrase.person:
                    memory.resolved_people.append((phrase.start, person))
        return actors

    def _recall(self, country: str, position: int):
        """The person of `country` named before `position`, by name or by a title already resolved."""
        resolved = [person for start, person in self.memory.resolved_people
                    if start < position and person.country == country]
        return self.context.recall(country, position, resolved)

    def present(self, sentence: Sentence, phrases: list[Phrase], event_date: str | None,
                anchor: Actor | None) -> list[Actor]:
        """Actors "بحضور"/"بمشاركة" the meeting: they join its target side."""
        present: list[Actor] = []
        for cue in sentence.cues_of("presence"):
            following = [p for p in phrases if cue.end <= p.start <= cue.end + 40 and not p.is_location_only]
            if following:
                chosen = [following[0]] + [p for p in following[1:] if p.coordinated]
                present += self.resolve_all(chosen, event_date, anchor)
        return present

    def named_in(self, phrases: list[Phrase], event_date: str | None) -> list[Actor]:
        """The named people of a sentence (not spokespeople), resolved for the event's date."""
        named = []
        for phrase in phrases:
            if phrase.person and not phrase.spokesperson and not phrase.about:
                person = self.kb.people.get(phrase.person)
                if person:
                    named.append(person_actor(self.kb, person, event_date or self.context.reference_date))
        return named

    def armed_group_named(self, sentence: Sentence, start: int, end: int) -> list[Actor]:
        """"أطلقت السعودية سراح عناصر الجماعة": "the group" is the armed group the article named last."""
        cue = next((c for c in sentence.cues_of("armed_group") if start <= c.start < end), None)
        if cue is None:
            return []
        named = [group for position, group in self.context.groups_named if position < cue.start]
        return [organisation_actor(named[-1])] if named else []

    def fill_countries(self, actors: list[Actor], location: Location | None, host: str | None = None) -> list[Actor]:
        """Generic actors with no country ("وزارة الخارجية", "المحتجين") take the country where the
        envoy is posted ("لدى الكويت"), else the country of the actors listed with them ("مسؤولين إيرانيين
        وشركة"), else the event's place, the dateline's, or the article's focus."""
        filled = []
        siblings = {a.country for a in actors if a.country}
        for actor in actors:
            if actor.country is None and actor.name is None and actor.sector != "UNK":
                country = host or (next(iter(siblings)) if len(siblings) == 1 else None) or (
                    location.country if location and location.country else None) or \
                    self.context.dateline_country or self.context.focus_country
                actor = Actor(None, country, actor.sector)
            filled.append(actor)
        return filled


def most_specific(actors: list[Actor], named: list[Actor]) -> list[Actor]:
    """Spec §4: the most specific actors the text names — the minister who announced it, not "(DZA GOV)"."""
    result = []
    for actor in actors:
        if actor.name is None and actor.sector == "GOV":
            match = next((n for n in named if n.country == actor.country and n.sector == "GOV"), None)
            if match is not None:
                actor = match
        if actor not in result:
            result.append(actor)
    return result


def nisba_after(phrases: list[Phrase], match: TriggerMatch) -> str | None:
    """"خرج متظاهرون أفغان": the nationality standing right after the event word."""
    for phrase in phrases:
        if phrase.nisba_only and 0 <= phrase.start - match.end <= 25:
            return phrase.countries[0]
    return None
