"""Finding a corrected event again after its document was extracted anew.

An event id (`doc#3`) is its position in one extraction: a new model or knowledge base
numbers the events of a document differently, splits or joins sentences, resolves actors
to other ids. What stays is the document and the words the event was read from. An anchor
keeps those words, where they stood, a little of the text before them, the type and the
actors (by id and by country), and `match` pairs each anchor with the new event that
best agrees with it: its evidence overlapping the anchor's, of the same (or the corrected)
type, with the same actors — or, when the actors were resolved differently, the only event
of that type there.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

from marsad.model import SYMMETRIC_TYPES, Actor
from marsad.storing.actors import actor_id
from marsad.storing.stories import jaccard

CONTEXT = 40         # characters before the evidence kept to tell repeated sentences apart
MIN_POSITION = 0.5   # overlap of the evidence spans (or likeness of the evidence) for a candidate
MIN_ACTORS = 0.5     # Jaccard of actor keys for a candidate that is not the only one of its type there
MIN_FUZZY = 85       # rapidfuzz partial ratio at which edited-away evidence still counts as found


def anchor_of(record: dict[str, Any], text: str, text_hash: str) -> dict[str, Any]:
    """What identifies an event (a spec §3 record) of the document with `text` across re-extractions."""
    span = record.get("evidence_span")
    start = span[0] if span else max(text.find(record.get("evidence") or "\0"), 0)
    return {
        "type": record["type"], "evidence": record.get("evidence") or "", "span": list(span) if span else None,
        "context": text[max(0, start - CONTEXT):start], "text_hash": text_hash, "keys": actor_keys(record),
    }


def actor_keys(record: dict[str, Any]) -> dict[str, list[str]]:
    """Actor ids and country-level keys (an organisation by its name) of an event, by side."""
    keys: dict[str, list[str]] = {}
    for side in ("source", "target"):
        actors = [Actor.from_dict(a) for a in record.get(side) or []]
        keys[side] = sorted({actor_id(a) for a in actors})
        keys[f"{side}_country"] = sorted({_country_key(a) for a in actors} - {None})
    return keys


def _country_key(actor: Actor) -> str | None:
    return actor.name if actor.sector == "IGO" and actor.name else actor.country


def locate(anchor: dict[str, Any], text: str, text_hash: str) -> tuple[int, int] | None:
    """Where the anchor's evidence stands in `text` now: the stored span when the text is unchanged,
    else the occurrence after the same context (nearest the old place), else the closest fuzzy match."""
    span = anchor.get("span")
    if span and anchor.get("text_hash") == text_hash and span[1] <= len(text):
        return span[0], span[1]
    evidence = anchor.get("evidence") or ""
    if not evidence:
        return None
    starts = _occurrences(text, evidence)
    if starts:
        old = span[0] if span else 0
        context = anchor.get("context") or ""
        best = min(starts, key=lambda s: (not text[:s].endswith(context), abs(s - old)))
        return best, best + len(evidence)
    found = fuzz.partial_ratio_alignment(evidence, text)
    if found is not None and found.score >= MIN_FUZZY:
        return found.dest_start, found.dest_end
    return None


def _occurrences(text: str, needle: str) -> list[int]:
    starts, at = [], text.find(needle)
    while at >= 0:
        starts.append(at)
        at = text.find(needle, at + 1)
    return starts


@dataclass(slots=True)
class Wanted:
    """An event a correction is about: its anchor and the types and actors it may now carry."""

    key: int  # the correction's id
    anchor: dict[str, Any]
    types: frozenset[str]
    keys: list[dict[str, list[str]]]  # actor keys as extracted and as corrected


def match(wanted: Iterable[Wanted], events: list[dict[str, Any]], text: str, text_hash: str) -> dict[int, str]:
    """Correction id → event id of the new extraction it applies to; each event is claimed once."""
    scored: list[tuple[float, int, str]] = []
    for want in wanted:
        span = locate(want.anchor, text, text_hash)
        here = [(e, _position(want.anchor, span, e)) for e in events if e["type"] in want.types]
        here = [(e, p) for e, p in here if p >= MIN_POSITION]
        for event, position in here:
            actors = max(_actor_likeness(keys, actor_keys(event), event["type"]) for keys in want.keys)
            if actors >= MIN_ACTORS or len(here) == 1:
                scored.append((position + actors, want.key, event["event_id"]))
    claimed: dict[int, str] = {}
    taken: set[str] = set()
    for _, key, event_id in sorted(scored, key=lambda s: (-s[0], s[1], s[2])):
        if key not in claimed and event_id not in taken:
            claimed[key] = event_id
            taken.add(event_id)
    return claimed


def _position(anchor: dict[str, Any], span: tuple[int, int] | None, event: dict[str, Any]) -> float:
    """How well an event's evidence coincides with the anchor's: the overlap of the spans over the
    shorter one, or, without spans, the likeness of the two evidence strings."""
    other = event.get("evidence_span")
    if span and other:
        overlap = min(span[1], other[1]) - max(span[0], other[0])
        shorter = min(span[1] - span[0], other[1] - other[0])
        return max(overlap, 0) / shorter if shorter > 0 else 0.0
    return fuzz.ratio(anchor.get("evidence") or "", event.get("evidence") or "") / 100


def _actor_likeness(keys: dict[str, list[str]], other: dict[str, list[str]], event_type: str) -> float:
    """Jaccard of the actor sets (ids or, if better, countries): all actors for symmetric types, else the
    worse of the two sides."""
    best = 0.0
    for suffix in ("", "_country"):
        sides = [(set(keys.get(f"{s}{suffix}", [])), set(other.get(f"{s}{suffix}", []))) for s in ("source", "target")]
        if event_type in SYMMETRIC_TYPES:
            score = jaccard(frozenset(sides[0][0] | sides[1][0]), frozenset(sides[0][1] | sides[1][1]))
        else:
            score = min(jaccard(frozenset(a), frozenset(b)) for a, b in sides)
        best = max(best, score)
    return best
