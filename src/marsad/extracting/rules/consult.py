"""A meeting's mode (phone, visit, host, third party, multilateral) and CAMEO code, and its split by country."""

from __future__ import annotations

from dataclasses import replace

from marsad.extracting.decoding import Candidate
from marsad.recognising.scan import Sentence, TriggerMatch


def consult_split(event: Candidate, sentence: Sentence, match: TriggerMatch) -> list[Candidate]:
    """Set the mode; a bilateral call or meeting with several countries is one event per country."""
    source_countries = {a.country for a in event.source}
    if any(a.country in source_countries for a in event.target):
        # "استقبل السيسي بومبيو بحضور شكري": the host's own people stand on the host's side
        event.source = event.source + [a for a in event.target if a.country in source_countries]
        event.target = [a for a in event.target if a.country not in source_countries]
        if not event.target:
            return []
    countries = {a.country for a in event.source + event.target}
    trigger_mode = match.trigger.mode
    if any(t.trigger.type == "CONSULT" and t.trigger.mode == "phone" and 0 <= t.start - match.end <= 60
           for t in sentence.triggers):
        trigger_mode = "phone"  # "بحث … في اتصال هاتفي مع …"
    multilateral_cue = bool(sentence.cues_of("multilateral"))
    sidelines = bool(sentence.cues_of("sidelines"))
    target_countries = list(dict.fromkeys(a.country for a in event.target))
    if (trigger_mode == "phone" or (len(target_countries) > 1 and not multilateral_cue
                                   and trigger_mode != "multilateral")) and len(target_countries) > 1:
        events = []
        for country in target_countries:
            part = replace(event, target=[a for a in event.target if a.country == country])
            events += consult_split(part, sentence, match)
        return events
    if trigger_mode == "phone":
        event.mode, event.cameo, event.location = "phone", "041", None
        return [event]
    if trigger_mode == "multilateral" or len(countries) >= 3 or (multilateral_cue and len(event.target) > 1):
        event.mode, event.cameo = "multilateral", "040"
        return [event]
    location_country = event.location.country if event.location else None
    if trigger_mode in ("visit", "host") and not sidelines:
        event.mode, event.cameo = trigger_mode, "042" if trigger_mode == "visit" else "043"
    elif location_country and location_country in source_countries:
        event.mode, event.cameo = "host", "043"
    elif location_country and location_country in target_countries:
        event.mode, event.cameo = "visit", "042"
    elif location_country or sidelines:  # "على هامش …": a meeting at a third party's venue
        event.mode, event.cameo = "third-party", "044"
    return [event]
