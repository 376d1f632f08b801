"""One event from one event word: its sides, date, place and confidence.

`roles.assign` says which phrases of the clause are the source and the target; this module
turns them into actors and fills what the clause leaves out from the document (the subject
carried over from before, "الجانبان", the event a statement reacts to), then drops what cannot
be an event (no doer, a side acting on itself, a joint position of the two sides of a meeting).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from marsad.extracting.decoding import Candidate
from marsad.extracting.roles import PREFERRED_TARGET, Roles, assign
from marsad.extracting.rules.candidate import FORCE_TYPES, TARGET_OPTIONAL, UNNAMED_DOERS, VERBAL_TYPES
from marsad.extracting.rules.clauses import Clauses, starts_clause
from marsad.extracting.rules.consult import consult_split
from marsad.extracting.rules.dates import event_date
from marsad.extracting.rules.document import RuleContext
from marsad.extracting.rules.memory import Memory
from marsad.extracting.rules.resolving import ActorResolver, most_specific, nisba_after
from marsad.extracting.rules.targets import Targets, people_noun
from marsad.extracting.rules.words import is_participle, is_travel
from marsad.model import SYMMETRIC_TYPES, Actor, Location
from marsad.recognising.phrases import Phrase
from marsad.recognising.scan import Sentence, TriggerMatch

PRONOUN_PARTNERS = ("معه ", "معها ", "معهم ", "معهما ")
# Types whose source and target may share a country and sector: a state's police and its protesters.
_SELF_DIRECTED = ("PROTEST", "COERCE", "CONCEDE", "ASSAULT")


@dataclass(slots=True)
class Site:
    """Where an event word stands: its sentence, that sentence's phrases, the bounds of its clause."""
    sentence: Sentence
    phrases: list[Phrase]
    match: TriggerMatch
    start: int
    end: int


class EventBuilder:
    def __init__(self, context: RuleContext, memory: Memory):
        self.context, self.memory, self.text = context, memory, context.text
        self.resolver = ActorResolver(context, memory)
        self.clauses = Clauses(context.text)
        self.targets = Targets(context, memory, self.resolver, self.clauses)

    def build(self, site: Site, event_type: str, cameo: str, previous_event: Candidate | None) -> list[Candidate]:
        """The events of one event word: none when its doer or its target cannot be found, one per country
        met for a bilateral meeting with several, both directions for a mutual ceasefire."""
        sentence, phrases, match = site.sentence, site.phrases, site.match
        resolve_all = self.resolver.resolve_all
        if previous_event is not None and self.clauses.continues(phrases, match):
            return self._continued(site, previous_event, event_type, cameo)
        earlier_subject = self.clauses.earlier_subject(sentence, phrases, site.start, match)
        roles = self._roles(site, event_type, cameo, earlier_subject, previous_event)
        joint = any(p.pair for p in roles.source) or any(
            site.start <= c.start < match.start for c in sentence.cues_of("joint"))
        mutual = cameo == "087" and len(roles.target) > 1 and roles.target[0].preposition == "بين"
        if mutual:  # "وقف إطلاق النار بين إسرائيل وحماس": each side stops firing at the other
            roles.source, roles.target = roles.target[:1], roles.target[1:]
        day, precision, explicit = event_date(self.context, self.memory, sentence, match, event_type, cameo)
        speakers = self.resolver.named_in([p for p in phrases if site.start <= p.start and p.end <= match.start], day)
        self.memory.speaker = speakers[-1] if speakers else None  # "وأعلن بلينكن … تقديم بلاده"
        source, target, anchor, pair_sides = self._sides(site, roles, event_type, day, earlier_subject,
                                                         previous_event)
        if not source:
            return []
        if pair_sides:
            target = list(pair_sides[1])
        if joint and event_type not in SYMMETRIC_TYPES:
            # "أكد الوزيران رفضهما …": a joint position, unless it is aimed at a third party
            pair_countries = {a.country for a in source} | ({a.country for a in pair_sides[1]} if pair_sides else set())
            outside = [a for a in target if a.country not in pair_countries]
            if not outside or pair_sides:
                return []
            target = outside
        location = self.context.places.location(sentence, phrases, match, site.start, site.end)
        if event_type not in SYMMETRIC_TYPES and event_type not in _SELF_DIRECTED:
            target = self._other_side(site, roles, event_type, cameo, source, target, anchor, day)
        earlier = self.memory.last_of_type.get(event_type)
        if earlier is not None and earlier.source != source and any(
                0 <= c.start - match.end <= 80 and c.end <= site.end and (c.kind == "same_ones" or not target)
                for c in sentence.cues_of("same_ones") + sentence.cues_of("same_as_before")):
            target = list(earlier.target)  # "فرضت بريطانيا عقوبات على الكيانات والأفراد أنفسهم"
        if not target:
            elsewhere = location is not None and location.country not in (
                {a.country for a in earlier.target + source} if earlier is not None else set())
            if earlier is not None and earlier.source == source and event_type not in SYMMETRIC_TYPES and not (
                    elsewhere and event_type in ("AID", "ASSAULT")):  # a second aid plane or strike elsewhere
                target = list(earlier.target)  # the same actor doing the same thing again: the same event
            else:
                target = self.targets.default(event_type, source, phrases, match, location, previous_event)
        if not target:
            target = [a for a in self.resolver.armed_group_named(sentence, match.end, site.end) if a not in source]
        earlier_meeting = previous_event if previous_event is not None else self.memory.last_of_type.get("CONSULT")
        if event_type == "CONSULT" and earlier_meeting is not None and self.text.startswith(
                PRONOUN_PARTNERS, match.end + 1):
            target = [a for a in earlier_meeting.source + earlier_meeting.target if a not in source]  # "وبحث معه"
        if event_type == "CONSULT":
            target += [a for a in self.resolver.present(sentence, phrases, day, anchor) if a not in target]
        source, target = _sectors(event_type, cameo, roles, source, target)
        host = next((p.countries[0] for p in phrases if p.preposition == "لدي" and p.countries
                     and match.start <= p.start), None) if cameo in ("114", "161", "166") else None
        if event_type == "ACCUSE" and cameo == "111" and match.trigger.needs == () and not any(
                0 <= p.start - match.end <= 3 for p in phrases):
            # "إن الموقف الكندي «تدخل صريح»": the position judged is the accused
            judged = [p for p in phrases if p.nisba_only and 0 <= match.start - p.end <= 15]
            if judged:
                target = resolve_all(judged[-1:], day, None)
        if event_type in VERBAL_TYPES:
            target = self.targets.answered(sentence, phrases, match, day) or target
        if cameo == "129":  # a veto is cast in a body: the body is its target
            body = [p for p in phrases if p.organisation and p.start >= match.end]
            if body:
                target = resolve_all(body[:1], day, None)
        if event_type in VERBAL_TYPES and (not target or self.targets.object_is_event(sentence, match)):
            target = self.targets.reaction(sentence, match, site.end, source) or target
        if event_type in VERBAL_TYPES and is_participle(match.surface):
            target = self.targets.pronoun_object(sentence, phrases, match, site.start, day) or target
        source, target = self._settled(phrases, event_type, cameo, source, target, location, host, day)
        if not source or (not target and event_type not in TARGET_OPTIONAL):
            return []
        if event_type == "THREATEN" and all(a.sector == "CVL" for a in target):
            return []  # "محذرا من أن الوقت ينفد أمام المدنيين": a warning about people, not a threat to a party
        if {(a.country, a.sector) for a in source} == {(a.country, a.sector) for a in target} and (
                event_type not in (*_SELF_DIRECTED, "AGREE")):
            return []
        memory = self.memory
        if event_type == "CONSULT" and location is None and memory.last_location and memory.last_location_date == day:
            location = memory.last_location
        if event_type == "CONSULT" and location is None and match.trigger.mode == "host" and source[0].country:
            location = self.context.places.seat_of(source[0].country)
        confidence = 0.45 + 0.15 * all(a.name for a in source + target) + 0.15 * explicit + 0.1 * bool(location)
        base = Candidate(event_type, cameo, None, source, target, day, precision, location, list(sentence.contexts),
                         (sentence.start, sentence.end), min(confidence, 0.95), explicit, origin="rules",
                         notes=[match.surface] + (["pair"] if pair_sides else []))
        memory.remember(base)
        events = consult_split(base, sentence, match) if event_type == "CONSULT" else [base]
        if mutual:
            events.append(replace(base, source=list(target), target=list(source)))
        return events

    def _roles(self, site: Site, event_type: str, cameo: str, earlier_subject: Phrase | None,
               previous_event: Candidate | None) -> Roles:
        """The clause's phrases as source and target, told what the clause's shape implies."""
        sentence, match = site.sentence, site.match
        received_at = next((c.start for c in sentence.cues_of("received") if site.start <= c.start < match.start), None)
        passive_at = next((c.start for c in sentence.cues_of("passive") if site.start <= c.start < match.start), None)
        own_recall = event_type == "SANCTION" and cameo == "161"
        preferred = ("لدي", "مع") if own_recall else PREFERRED_TARGET.get(event_type, ())
        carried = not is_travel(match) and (  # whoever travels is named after the verb: "ويتوجه لافروف"
            previous_event is not None or bool(self.memory.last_source and match.start - sentence.start < 6)
            or earlier_subject is not None)
        gather = event_type == "CONSULT" and (match.trigger.mode == "multilateral" or bool(
            sentence.cues_of("multilateral")) or len(sentence.cues_of("counterpart")) > 1)
        roles = assign(event_type, site.phrases, match.start, match.end, site.start, site.end, received_at,
                       passive_at, preferred=preferred, diplomats_are_targets=cameo in ("166", "114"),
                       symmetric=event_type in SYMMETRIC_TYPES, carried_subject=carried,
                       victims_after=match.trigger.mode == "passive", gather_all=gather,
                       masdar=self.clauses.after_reporting_verb(sentence, match, site.start),
                       subject_elsewhere=self.clauses.subject_elsewhere(match, event_type, earlier_subject,
                                                                        previous_event))
        if event_type in VERBAL_TYPES:
            roles.target = [p for p in roles.target if not self.targets.addressed(sentence, p)]
        if cameo == "083":
            roles.target = []  # a resignation has no object: "أن تسبق استقالته زيارة الرئيس ماكرون"
        return roles

    def _sides(self, site: Site, roles: Roles, event_type: str, day: str | None, earlier_subject: Phrase | None,
               previous_event: Candidate | None):
        """Source and target actors of the roles, the anchor "نظيره" was resolved against, and the two sides of
        the last meeting when "الجانبان" stand for them. A source the clause does not name is carried over:
        the reporting speaker, the previous event's, the first clause's subject, the last sentence's."""
        sentence, match, resolve_all = site.sentence, site.match, self.resolver.resolve_all
        source = resolve_all(roles.source, day, None)
        pair_sides = None
        pair = next((p for p in roles.source if p.pair), None)
        if pair is not None and len(set(pair.countries)) > 1:
            source = [Actor(None, c, "GOV") for c in dict.fromkeys(pair.countries)]  # "الجانبان السعودي والإيراني"
        elif pair is not None and self.memory.last_sides:
            pair_sides = self.memory.last_sides
            source = list(pair_sides[0])
        anchor = source[0] if source else None
        target = resolve_all(roles.target, day, anchor)
        if source and any(p.counterpart for p in roles.source) and target:
            source = resolve_all(roles.source, day, target[0])
        if not source and earlier_subject is not None and is_participle(match.surface) and (
                self.clauses.reported_at(sentence, site.start) is not None):
            source = resolve_all([earlier_subject], day, None)  # "قال X إن …، داعيا": X calls
        if not source and previous_event is not None:
            source = list(previous_event.source)
        if not source and earlier_subject is not None:
            source = resolve_all([earlier_subject], day, None)
        if not source and self.memory.last_source and starts_clause(sentence, match, site.start):
            source = list(self.memory.last_source)
        if not source:
            source = self.resolver.armed_group_named(sentence, site.start, match.start)  # "وأعلنت الجماعة"
        if not source and event_type in UNNAMED_DOERS:
            # a crowd or unknown attackers: still an event, with who did it as far as the text says
            source = [Actor(None, nisba_after(site.phrases, match), UNNAMED_DOERS[event_type])]
        return source, target, anchor, pair_sides

    def _other_side(self, site: Site, roles: Roles, event_type: str, cameo: str, source: list[Actor],
                    target: list[Actor], anchor: Actor | None, day: str | None) -> list[Actor]:
        """A directed event between one side and itself means the target was mis-read."""
        own = {(a.country, a.sector) for a in source}
        target = [a for a in target if (a.country, a.sector) not in own]
        if event_type == "AID":  # a state's own rescue teams abroad are not what its aid is for
            target = [a for a in target if a.country not in {s.country for s in source}]
        if not target and event_type in VERBAL_TYPES and cameo != "114":
            # "عن تقديره للمواقف السعودية الداعمة لمصر": the next candidate after the trigger
            for phrase in site.phrases:
                if (site.match.end <= phrase.start < site.end and phrase not in roles.source
                        and not phrase.is_location_only and not phrase.about
                        and phrase.preposition not in ("في", "من")
                        and not self.targets.addressed(site.sentence, phrase)):
                    others = [a for a in self.resolver.resolve_all([phrase], day, anchor)
                              if (a.country, a.sector) not in own]
                    if others:
                        return others
        return target

    def _settled(self, phrases: list[Phrase], event_type: str, cameo: str, source: list[Actor], target: list[Actor],
                 location: Location | None, host: str | None, day: str | None) -> tuple[list[Actor], list[Actor]]:
        """Both sides with countries filled in, as specific as the sentence names them, without reporters."""
        source = self.resolver.fill_countries(source, location, host)
        target = self.resolver.fill_countries(target, location)
        named_here = self.resolver.named_in(phrases, day)
        source = most_specific(source, named_here)
        target = most_specific(target, [a for a in named_here if a not in source])
        source = [a for a in source if (a.country or a.name or event_type in UNNAMED_DOERS) and a.sector != "MED"]
        target = [a for a in target if (a.country or a.name) and a not in source and a.sector != "MED"]
        if len({a.country for a in source}) > 1 and (event_type in SYMMETRIC_TYPES or cameo == "057"):
            # "وقع X وY": the parties sign with each other
            target = [a for a in source if a.country != source[0].country] + [
                a for a in target if a.country != source[0].country]
            source = [a for a in source if a.country == source[0].country]
            target = list(dict.fromkeys(target))
        return source, target

    def _continued(self, site: Site, previous: Candidate, event_type: str, cameo: str) -> list[Candidate]:
        """"…قطع علاقاتها مع قطر وإغلاق المنافذ": the previous event's doer goes on, at whom the clause names
        after a preposition, else at the previous event's target."""
        match = site.match
        target = self.resolver.resolve_all(
            [p for p in site.phrases if match.end <= p.start < site.end and not p.is_location_only
             and p.preposition in ("علي", "مع", "امام", "ضد")][:1], None, None)
        if "pair" in previous.notes and event_type not in SYMMETRIC_TYPES:
            return []  # "توافق الرئيسان على … ورفض …": a joint position
        event = Candidate(event_type, cameo, None, list(previous.source), target or list(previous.target),
                          previous.date, previous.precision, None, list(previous.contexts), previous.span,
                          previous.confidence - 0.05, previous.explicit_date, origin="rules", notes=[match.surface])
        return [event] if event.source and event.target else []


def _sectors(event_type: str, cameo: str, roles: Roles, source: list[Actor],
             target: list[Actor]) -> tuple[list[Actor], list[Actor]]:
    """Sectors the type implies for unnamed actors: protesters are civilians, force is the military's, aid
    is given by a government and received by people ("أسرى سعوديين" released are not the Saudi government)."""
    if event_type == "PROTEST":
        source = [a if a.sector not in ("GOV", "MIL", "LEG", "JUD") else Actor(None, None, "CVL") for a in source]
    if cameo == "084" or event_type == "AID":
        target = [Actor(None, a.country, "CVL") if a.name is None and a.sector == "GOV" and people_noun(
            roles.target) else a for a in target]
    if event_type == "AID":
        source = [Actor(None, a.country, "GOV") if a.name is None and a.sector == "MIL" else a for a in source]
    if event_type in FORCE_TYPES:
        source = [Actor(None, a.country, "MIL") if a.name is None and a.sector == "GOV" else a for a in source]
    return source, target
