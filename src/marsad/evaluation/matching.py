"""Matching system events to gold events of one document (spec §6).

Actors are compared as sets of keys by Jaccard similarity. Person-level keys match
fuzzily, so a set intersection is not enough: the overlap is the largest one-to-one
pairing of equal keys (a maximum bipartite matching).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from marsad.evaluation.attributes import agreements
from marsad.evaluation.names import fold_name, names_match
from marsad.model import ORGANISATION_CODES, SYMMETRIC_TYPES, Actor, Event

JACCARD_THRESHOLD = 0.5
LEVELS = ("country", "person")


class Key(NamedTuple):
    """An actor as the scorer sees it; `name` is None when the name does not count."""

    name: str | None
    country: str | None
    sector: str


def country_key(actor: Actor) -> Key:
    """The actor's country; for an IGO its organisation code (UNO, ARL…), else its name."""
    if actor.sector == "IGO" or actor.country in ORGANISATION_CODES:
        if actor.country:
            return Key(None, actor.country, "IGO")
        return Key(fold_name(actor.name), None, "IGO")
    if actor.country:
        return Key(None, actor.country, "")
    # No country at all: the name is the only thing left to compare, then the sector.
    return Key(fold_name(actor.name) or None, None, "" if actor.name else actor.sector)


def person_key(actor: Actor) -> Key:
    """The actor's canonical name, or (country, sector) for a generic actor."""
    return Key(actor.name or None, actor.country, actor.sector)


def person_keys_match(gold: Key, system: Key) -> bool:
    """A named gold actor needs the same name; a generic one only the same country and sector."""
    if gold.name is None:
        return (gold.country, gold.sector) == (system.country, system.sector)
    return names_match(gold.name, system.name)


def _distinct(keys: list[Key]) -> list[Key]:
    seen: dict[tuple, Key] = {}
    for key in keys:
        seen.setdefault((fold_name(key.name), key.country, key.sector), key)
    return list(seen.values())


def _pairing_size(gold: list[Key], system: list[Key], same: Callable[[Key, Key], bool]) -> int:
    """Size of the largest one-to-one pairing of matching keys (Kuhn's augmenting paths)."""
    partner: dict[int, int] = {}  # system index -> gold index

    def augment(g: int, visited: set[int]) -> bool:
        for s, key in enumerate(system):
            if s in visited or not same(gold[g], key):
                continue
            visited.add(s)
            if s not in partner or augment(partner[s], visited):
                partner[s] = g
                return True
        return False

    return sum(augment(g, set()) for g in range(len(gold)))


def jaccard(gold: list[Key], system: list[Key], same: Callable[[Key, Key], bool]) -> float:
    """Jaccard similarity of two key sets under a (possibly fuzzy) key equality; 1.0 for two empty sets."""
    gold, system = _distinct(gold), _distinct(system)
    if not gold and not system:
        return 1.0
    overlap = _pairing_size(gold, system, same)
    return overlap / (len(gold) + len(system) - overlap)


_LEVEL_RULES: dict[str, tuple[Callable[[Actor], Key], Callable[[Key, Key], bool]]] = {
    "country": (country_key, lambda a, b: a == b),
    "person": (person_key, person_keys_match),
}


def similarity(gold: Event, system: Event, level: str) -> float | None:
    """Actor similarity of two events of the same type, or None when they do not match."""
    if gold.type != system.type:
        return None
    key, same = _LEVEL_RULES[level]
    if gold.type in SYMMETRIC_TYPES:
        score = jaccard(
            [key(a) for a in gold.source + gold.target], [key(a) for a in system.source + system.target], same
        )
        return score if score >= JACCARD_THRESHOLD else None
    sources = jaccard([key(a) for a in gold.source], [key(a) for a in system.source], same)
    targets = jaccard([key(a) for a in gold.target], [key(a) for a in system.target], same)
    if sources < JACCARD_THRESHOLD or targets < JACCARD_THRESHOLD:
        return None
    return (sources + targets) / 2


def match_events(gold: Sequence[Event], system: Sequence[Event], level: str) -> list[tuple[int, int]]:
    """One-to-one (gold index, system index) pairs, greedily taking the most similar pair first.

    Ties go to the pair that agrees on more of date, mode and location, then to document order,
    so two same-actor events on different days pair up by day.
    """
    candidates = []
    for g, gold_event in enumerate(gold):
        for s, system_event in enumerate(system):
            score = similarity(gold_event, system_event, level)
            if score is not None:
                candidates.append((-score, -agreements(gold_event, system_event), g, s))
    candidates.sort()
    used_gold: set[int] = set()
    used_system: set[int] = set()
    pairs = []
    for _, _, g, s in candidates:
        if g not in used_gold and s not in used_system:
            used_gold.add(g)
            used_system.add(s)
            pairs.append((g, s))
    return pairs
