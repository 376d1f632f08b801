"""From one scanned document to the rules' candidate events, sentence by sentence.

Each event word in a sentence becomes at most one event: `triggers` decides whether it
stands and as which type, `clauses` bounds its clause, `building` turns the clause's phrases
into its sides, date and place. What a sentence tells the ones after it (a group of states,
a venue, who claimed an attack, the last subject and sides) is kept in `memory`.
"""

from __future__ import annotations

from marsad.extracting.decoding import Candidate
from marsad.extracting.lexicon import Lexicon
from marsad.extracting.rules.building import EventBuilder, Site
from marsad.extracting.rules.document import RuleContext
from marsad.extracting.rules.memory import Memory
from marsad.extracting.rules.triggers import Reading, TriggerReader
from marsad.knowledge.loader import KnowledgeBase
from marsad.recognising.phrases import Phrase, build_phrases
from marsad.recognising.scan import Scan, Sentence, TriggerMatch

__all__ = ["Candidate", "DocumentExtractor"]

_MARKER_CUES = ("counterpart", "pair", "group", "spokesperson", "kingdom", "own_country")


class DocumentExtractor:
    """Holds one document's context while its sentences are read in order."""

    def __init__(self, kb: KnowledgeBase, lexicon: Lexicon, scan: Scan):
        self.kb = kb
        self.lexicon = lexicon
        self.scan = scan
        self.text = scan.text
        self.triggers = TriggerReader(scan.text)

    def reading(self, sentence: Sentence, match: TriggerMatch, previous: TriggerMatch | None) -> Reading:
        """(type, cameo) of an event word in its sentence after the event word read before it, "replace-previous",
        or None when its context cancels it."""
        return self.triggers.reading(sentence, match, previous)

    def run(self) -> list[Candidate]:
        """Candidates sentence by sentence; a sentence none of whose event words can stand is only noted.

        Most articles have event words but no event: their context and phrases are never built.
        """
        candidates: list[Candidate] = []
        read = [(s, self._may_yield(s)) for s in self.scan.sentences if s.triggers and not s.cues_of("off_topic")]
        if not any(may_yield for _, may_yield in read):
            return candidates
        self.context = RuleContext(self.kb, self.lexicon, self.scan)
        self.memory = Memory()
        self.builder = EventBuilder(self.context, self.memory)
        unbuilt: list[Sentence] = []  # passed over: their phrases may still list a group named later
        for sentence, may_yield in read:
            noted = sentence.cues_of("sidelines") or (
                sentence.cues_of("claim") and "ASSAULT" in self.memory.last_of_type)
            if not noted and not may_yield:
                unbuilt.append(sentence)
                continue
            for earlier in unbuilt:
                self.memory.note_group(self._phrases(earlier))
            unbuilt = []
            phrases = self._phrases(sentence)
            _mark_destinations(sentence, phrases)
            self.memory.note_group(phrases)
            self._note_venue(sentence, phrases)
            self._note_claim(sentence, phrases)
            phrases = [p for p in phrases if not self.context.in_dateline(p) and not self.context.is_media(p)]
            candidates.extend(self._sentence_events(sentence, phrases))
        return candidates

    def _may_yield(self, sentence: Sentence) -> bool:
        """Whether an event word of the sentence survives its context on its own (with no earlier
        event word beside it, which can only drop one, or turn a request into an expulsion)."""
        return any(t.trigger.type == "SANCTION" or self.triggers.alone(sentence, t) is not None
                   for t in sentence.triggers)

    def _phrases(self, sentence: Sentence) -> list[Phrase]:
        markers = [(c.start, c.end, c.kind) for c in sentence.cues if c.kind in _MARKER_CUES]
        barriers = [(t.start, t.end) for t in sentence.triggers]
        terms = sentence.terms + self.context.family_name_terms(sentence)
        return build_phrases(self.text, terms, markers, barriers, self.lexicon.honorifics,
                             self.kb.capital_of, self.context.holds, self.lexicon.area_words, self.lexicon.topic_words)

    def _note_claim(self, sentence: Sentence, phrases: list[Phrase]) -> None:
        """"وتبنت جماعة الحوثي الهجوم": the claimant becomes the attacker of the attack reported before."""
        attack = self.memory.last_of_type.get("ASSAULT")
        if attack is None or not sentence.cues_of("claim") or any(a.name or a.country for a in attack.source):
            return
        cue = sentence.cues_of("claim")[0]
        claimant = next((p for p in phrases if 0 <= p.start - cue.end <= 20 and not p.preposition), None) or next(
            (p for p in reversed(phrases) if 0 <= cue.start - p.end <= 20 and not p.preposition), None)
        if claimant is not None:
            actors = self.builder.resolver.resolve_all([claimant], attack.date, None)
            if actors:
                attack.source = actors

    def _note_venue(self, sentence: Sentence, phrases: list[Phrase]) -> None:
        """"على هامش الجمعية العامة": the meetings reported after it took place at that venue."""
        if not sentence.cues_of("sidelines"):
            return
        for phrase in phrases:
            place = self.kb.places.get(phrase.place) if phrase.place else None
            if place and place.kind == "venue":
                dates = [d.value for d in sentence.dates if d.value]
                self.memory.last_location = self.context.places.venue_city(place)
                self.memory.last_location_date = dates[0] if dates else self.context.main_date
                return

    def _sentence_events(self, sentence: Sentence, phrases: list[Phrase]) -> list[Candidate]:
        events: list[Candidate] = []
        previous: TriggerMatch | None = None
        previous_event: Candidate | None = None
        clause_breaks = sorted(c.start for c in sentence.cues_of("clause"))
        for trigger_match in sentence.triggers:
            kind = self.triggers.reading(sentence, trigger_match, previous)
            if kind is None:
                continue
            if kind != "replace-previous" and previous is not None and self.triggers.subordinate(
                    sentence, trigger_match, previous, kind[0], events, clause_breaks):
                continue
            role_match = trigger_match
            if kind == "replace-previous":  # "مطالبة السفيرة بمغادرة البلاد": the request was the expulsion
                if events:
                    events.pop()
                    previous_event = events[-1] if events else None
                kind = (trigger_match.trigger.type, trigger_match.trigger.cameo)
                role_match = previous or trigger_match
            event_type, cameo = kind
            previous = trigger_match
            clause_start, clause_end = self.builder.clauses.bounds(sentence, trigger_match, event_type,
                                                                   previous_event, clause_breaks)
            site = Site(sentence, phrases, role_match, clause_start, clause_end)
            for event in self.builder.build(site, event_type, cameo, previous_event):
                events.append(event)
                previous_event = event
        return events


def _mark_destinations(sentence: Sentence, phrases: list[Phrase]) -> None:
    """A state or capital right after a visit word ("لزيارة روسيا") is where the visit goes."""
    visit_ends = [t.end for t in sentence.triggers if t.trigger.mode == "visit"]
    for phrase in phrases:
        bare_place = not (phrase.person or phrase.titles or phrase.organisation or phrase.sector)
        if bare_place and not phrase.preposition and any(0 < phrase.start - end <= 2 for end in visit_ends):
            phrase.preposition = "الي"
