"""One interaction, one event (spec §4): merge candidates with the same identity.

Within a document an event's identity is its type, the (country, sector) pairs on each
side (for CONSULT, AGREE and COOPERATE the pairs of both sides together) and its date.
Merged events keep the most specific actors: a named minister replaces "(EGY, GOV)".
"""

from __future__ import annotations

from marsad.extracting.decoding import Candidate
from marsad.model import SYMMETRIC_TYPES, Actor

DEFAULT_MEETING_MODE = "visit"


def identity(event: Candidate) -> tuple:
    def pairs(actors: list[Actor]) -> frozenset:
        return frozenset((a.country, a.sector) for a in actors)

    if event.type in SYMMETRIC_TYPES:
        return event.type, pairs(event.source + event.target), event.date
    return event.type, pairs(event.source), pairs(event.target), event.date


def most_specific(actors: list[Actor]) -> list[Actor]:
    """Distinct actors, without a generic one where a named actor of its country and sector is present."""
    named = {(a.country, a.sector) for a in actors if a.name}
    result: list[Actor] = []
    for actor in actors:
        if actor in result or (actor.name is None and (actor.country, actor.sector) in named):
            continue
        result.append(actor)
    return result


def merge(candidates: list[Candidate]) -> list[Candidate]:
    merged: dict[tuple, Candidate] = {}
    for event in candidates:
        key = identity(event)
        kept = merged.get(key)
        if kept is None:
            merged[key] = event
            continue
        if event.type in SYMMETRIC_TYPES:
            # the sides may be reported either way round: keep the first event's side for its countries
            everyone = most_specific(kept.source + kept.target + event.source + event.target)
            source_countries = {a.country for a in kept.source}
            kept.source = [a for a in everyone if a.country in source_countries]
            kept.target = [a for a in everyone if a.country not in source_countries]
        else:
            kept.source = most_specific(kept.source + event.source)
            kept.target = most_specific([a for a in kept.target + event.target if a not in kept.source])
        kept.mode = kept.mode or event.mode
        kept.location = kept.location or event.location
        kept.contexts = list(dict.fromkeys(kept.contexts + event.contexts))
        kept.confidence = min(0.98, max(kept.confidence, event.confidence) + 0.03)
    events = _fold_generic(list(merged.values()))
    for event in events:
        event.source = most_specific(event.source)
        event.target = most_specific(event.target)
        if event.type == "CONSULT" and event.mode is None:
            event.mode, event.cameo = DEFAULT_MEETING_MODE, "042"  # most reported meetings are visits
    return events


def _pairs(event: Candidate) -> frozenset:
    return frozenset((a.country, a.sector) for a in event.source + event.target)


def _fold_generic(events: list[Candidate]) -> list[Candidate]:
    """"وصل ماكرون إلى بيروت" then "التقى ماكرون الرئيس عون ورئيس مجلس النواب بري": a meeting
    named with a generic side on the same day, between the same countries, is the fuller meeting."""
    kept: list[Candidate] = []
    for event in events:
        fuller = None
        if event.type in SYMMETRIC_TYPES and any(a.name is None for a in event.source + event.target):
            fuller = next((other for other in events if other is not event and other.type == event.type
                           and other.date == event.date and _pairs(event) < _pairs(other)), None)
        if fuller is None:
            kept.append(event)
            continue
        everyone = most_specific(fuller.source + fuller.target + event.source + event.target)
        source_countries = {a.country for a in fuller.source}
        fuller.source = [a for a in everyone if a.country in source_countries]
        fuller.target = [a for a in everyone if a.country not in source_countries]
        fuller.mode = fuller.mode or event.mode
        fuller.location = fuller.location or event.location
    return kept
