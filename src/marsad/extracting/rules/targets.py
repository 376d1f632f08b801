"""Whom an event is aimed at when its clause does not say: by default for its type, the actors of the event a
statement reacts to, whoever a reply answers, the pronoun of a participle, never a letter's addressee."""

from __future__ import annotations

from collections import Counter

from marsad.extracting.decoding import Candidate
from marsad.extracting.lexicon import REFERS
from marsad.extracting.roles import can_be_subject
from marsad.extracting.rules.clauses import Clauses
from marsad.extracting.rules.document import RuleContext
from marsad.extracting.rules.memory import Memory
from marsad.extracting.rules.resolving import ActorResolver
from marsad.extracting.rules.words import is_travel
from marsad.knowledge.loader import NISBA, STATE
from marsad.model import SYMMETRIC_TYPES, Actor, Location
from marsad.recognising.phrases import Phrase
from marsad.recognising.scan import Sentence, TriggerMatch

PRONOUN_OBJECTS = ("اياه ", "اياها ", "اياهم ", "اياهما ")


class Targets:
    def __init__(self, context: RuleContext, memory: Memory, resolver: ActorResolver, clauses: Clauses):
        self.context, self.memory, self.resolver, self.clauses = context, memory, resolver, clauses
        self.text = context.text

    def default(self, event_type: str, source: list[Actor], phrases: list[Phrase], match: TriggerMatch,
                location: Location | None, previous_event: Candidate | None) -> list[Actor]:
        """The target an event of its type has when none is named: a trip's destination, a protest's own
        government, the place aid goes to …"""
        home = source[0].country
        if previous_event is not None and previous_event.source == source and previous_event.target:
            return list(previous_event.target)
        if event_type == "CONSULT" or (event_type == "AGREE" and is_travel(match)):  # a trip, made or announced
            destinations = [p for p in phrases if p.start >= match.end and p.preposition == "الي" and p.countries]
            if destinations:
                return [Actor(None, destinations[0].countries[0], "GOV")]
            if location and location.country and location.country != home:
                return [Actor(None, location.country, "GOV")]
        earlier_protest = self.memory.last_of_type.get("PROTEST")
        if event_type == "PROTEST" and earlier_protest and earlier_protest.source == source:
            return list(earlier_protest.target)  # the same crowd, the same protest
        if event_type == "PROTEST" and home:
            return [Actor(None, home, "GOV")]
        if event_type == "CONCEDE" and home:
            protests = [t for s in self.context.scan.sentences for t in s.triggers if t.trigger.type == "PROTEST"]
            if any(not t.trigger.needs for t in protests):
                return [Actor(None, home, "CVL")]
            foreign = self._foreign_focus(home)
            return [Actor(None, foreign or home, "GOV" if foreign else "CVL")]
        if event_type == "COERCE" and home:
            return [Actor(None, home, "CVL")]
        dateline_country = self.context.dateline_country
        if event_type == "AID" and location and location.country:
            return [Actor(None, location.country, "CVL")]
        if event_type == "AID" and dateline_country and dateline_country != home:
            return [Actor(None, dateline_country, "CVL")]
        if event_type == "AID" and home and self._foreign_focus(home):
            return [Actor(None, self._foreign_focus(home), "CVL")]
        return []

    def _foreign_focus(self, home: str) -> str | None:
        """The state other than `home` the article names most."""
        counts = Counter(t.key for s in self.context.scan.sentences for t in s.terms
                         if t.kind in (STATE, NISBA) and isinstance(t.key, str) and t.key != home)
        return counts.most_common(1)[0][0] if counts else None

    def object_is_event(self, sentence: Sentence, match: TriggerMatch) -> bool:
        """The statement's object is an event noun right after it: "أدان … الهجمات"."""
        return any(c.kind.startswith(REFERS) and 0 <= c.start - match.end <= 70
                   and len(self.text[match.end:c.start].split()) <= 8 for c in sentence.cues)

    def reaction(self, sentence: Sentence, match: TriggerMatch, clause_end: int,
                 source: list[Actor]) -> list[Actor]:
        """"أدان … الهجمات": a statement about an event reported before is aimed at that event's actors."""
        refers = [c for c in sentence.cues if c.kind.startswith(REFERS) and c.start < clause_end]
        refers.sort(key=lambda c: (c.start < match.end, abs(c.start - match.end)))  # after the trigger first
        for cue in refers:
            earlier = self.memory.last_of_type.get(cue.kind[len(REFERS):])
            if earlier is None:
                continue
            actors = earlier.source + (earlier.target if earlier.type in SYMMETRIC_TYPES else [])
            actors = [a for a in actors if a not in source]
            if actors:
                return actors
        return []

    def answered(self, sentence: Sentence, phrases: list[Phrase], match: TriggerMatch,
                 event_date: str | None) -> list[Actor]:
        """"… ردا على مقترح الرئيس الأمريكي": a statement in reply is aimed at whoever it answers."""
        for cue in sentence.cues_of("in_reply"):
            if cue.start < match.end:
                continue
            named = [p for p in phrases if 0 <= p.start - cue.end <= 40 and (p.person or p.titles or p.countries)]
            if named:
                return self.resolver.resolve_all(named[:1], event_date, None)
        return []

    def pronoun_object(self, sentence: Sentence, phrases: list[Phrase], match: TriggerMatch, clause_start: int,
                       event_date: str | None) -> list[Actor]:
        """"قال المتحدث إن السعودية …، متهما إياها": the pronoun stands for the subject of the reported clause."""
        if not self.text.startswith(PRONOUN_OBJECTS, match.end + 1):
            return []
        reported = self.clauses.reported_at(sentence, clause_start)
        if reported is None:
            return []
        subjects = [p for p in phrases if reported < p.start and p.end <= clause_start and not p.preposition
                    and not p.is_location_only and can_be_subject(p, -1)]
        return self.resolver.resolve_all(subjects[:1], event_date, None)

    def addressed(self, sentence: Sentence, phrase: Phrase) -> bool:
        """The recipient of a letter ("في رسالتين إلى الأمين العام ورئيس مجلس الأمن، …")."""
        for cue in sentence.cues_of("addressee"):
            comma = self.text.find(",", cue.end, sentence.end)
            if cue.start <= phrase.start < (comma if comma >= 0 else sentence.end):
                return True
        return False


def people_noun(phrases: list[Phrase]) -> bool:
    """Released "إيرانيين", "أسرى سعوديين": a plural nisba names people, not a government."""
    return any(p.nisba_only for p in phrases)
