"""Labels from gold: which sentences report an event of which type, and which mentions are its sides.

Gold events carry actors and an evidence substring, not offsets or mentions, so they are
aligned here: a sentence reports type T when a gold event of type T has its evidence in
it; a mention is that event's source (target) when one of its actors is a gold source
(target) actor — by name, else by country and sector, else by country alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from marsad.cleaning.normalize import normalize
from marsad.evaluation.names import names_match
from marsad.extracting.candidates import DocumentUnits, Unit
from marsad.extracting.mentions import Mention
from marsad.model import Actor, Event

NONE, SOURCE, TARGET = "none", "source", "target"
ROLES = (NONE, SOURCE, TARGET)


@dataclass(slots=True)
class Alignment:
    """Per sentence: the gold types it reports, and per type the gold events found in it."""

    types: list[set[str]]
    events: list[dict[str, list[Event]]]
    unplaced: list[Event]  # gold events whose evidence is not in the cleaned text


def align(doc: DocumentUnits, gold: list[Event]) -> Alignment:
    units = doc.units
    types: list[set[str]] = [set() for _ in units]
    events: list[dict[str, list[Event]]] = [{} for _ in units]
    unplaced = []
    text = doc.context.text
    for event in gold:
        evidence = normalize(event.evidence).strip()
        start = text.find(evidence) if evidence else -1
        if start < 0:
            unplaced.append(event)
            continue
        end = start + len(evidence)
        overlapping = [u for u in units if u.start < end and start < u.end]
        for unit in overlapping[:1]:
            types[unit.index].add(event.type)
            events[unit.index].setdefault(event.type, []).append(event)
    for unit in units:  # the same event told again: a headline, a lead, a later "وخلال اللقاء"
        for event in gold:
            if event in events[unit.index].get(event.type, ()) or event in unplaced:
                continue
            if _restates(unit, event):
                types[unit.index].add(event.type)
                events[unit.index].setdefault(event.type, []).append(event)
    return Alignment(types, events, unplaced)


def _restates(unit: Unit, event: Event) -> bool:
    """A sentence with an event word of the gold event's type that names all of its countries."""
    if not any(m.trigger.type == event.type for m in unit.sentence.triggers):
        return False
    named = {a.country for m in unit.mentions for a in m.actors} | {a.country for m in unit.carried for a in m.actors}
    wanted = {a.country for a in event.source + event.target}
    return None not in wanted and len(wanted) >= 2 and wanted <= named


def _match(actor: Actor, gold: Actor) -> int:
    """How well a system actor stands for a gold actor: 3 same name, 2 same country and sector, 1 same country."""
    if actor.name and gold.name and names_match(actor.name, gold.name):
        return 3
    if actor.country is None and gold.country is None and actor.sector == gold.sector == "UNK":
        return 2
    if actor.country is None or actor.country != gold.country:
        return 0
    return 2 if actor.sector == gold.sector else 1


def mention_role(mention: Mention, events: list[Event]) -> str:
    """The gold role of a mention in the sentence's events of one type (the best-matching side wins)."""
    best, role = 0, NONE
    for event in events:
        for side, actors in ((SOURCE, event.source), (TARGET, event.target)):
            for gold in actors:
                for actor in mention.actors:
                    quality = _match(actor, gold)
                    if quality > best:
                        best, role = quality, side
    return role


# Where violence or aid is reported, a place stands for the people in it ("غارة على جنوب لبنان" hits
# Lebanese civilians), and an attack may have no known author ("انفجار عبوة ناسفة").
CIVILIAN_PLACES = frozenset({"ASSAULT", "COERCE", "AID", "PROTEST"})
UNKNOWN_AUTHORS = frozenset({"ASSAULT"})


def candidate_mentions(unit: Unit, event_type: str) -> list[tuple[Mention, bool]]:
    """The mentions an event of `event_type` in this sentence may take its sides from: the sentence's own,
    its places as their civilians where that type hits people, an unknown author of attacks, then the
    named actors carried into it."""
    own = [(m, False) for m in unit.mentions if m.actors and may_take_part(unit, m, event_type)]
    if event_type in CIVILIAN_PLACES:
        own += [(m, False) for m in unit.civilian_places]
    if event_type in UNKNOWN_AUTHORS and unit.mentions:
        own.append((unit.unknown_author, False))
    return own + [(m, True) for m in unit.carried]


def may_take_part(unit: Unit, mention: Mention, event_type: str) -> bool:
    """Whether a mention can be a side at all: never a subject of talks ("القضية الفلسطينية", "الملف
    الإيراني"); never a place where things stand ("الأوضاع في سوريا") unless the type hits the people there;
    never "الجانبان"/"البلدين" when the sentence names both sides itself."""
    phrase = mention.phrase
    if phrase.about:
        return False
    if mention.kind == "place" and phrase.preposition == "في" and event_type not in CIVILIAN_PLACES:
        return False
    if mention.kind == "pair":
        named = {a.country for m in unit.mentions if m.kind not in ("pair", "place", "nisba") for a in m.actors}
        return not {a.country for a in mention.actors} <= named
    return True
