"""Whether a matched system event got the date, mode and location of its gold event right.

Each check returns None when the gold event does not say (the pair is then not counted).
"""

from __future__ import annotations

from marsad.evaluation.names import names_match
from marsad.model import Event

# The same meeting seen from the visitor or from the host; the location tells who travelled.
_MODE_CLASS = {"visit": "visit/host", "host": "visit/host"}


def date_correct(gold: Event, system: Event) -> bool | None:
    """Equal at the gold's precision; a system date coarser than the gold's is wrong."""
    if not gold.date:
        return None
    if not system.date or len(system.date) < len(gold.date):
        return False
    return system.date[: len(gold.date)] == gold.date


def mode_correct(gold: Event, system: Event) -> bool | None:
    """Same CONSULT mode, counting visit and host as one."""
    if not gold.mode:
        return None
    return _MODE_CLASS.get(gold.mode, gold.mode) == _MODE_CLASS.get(system.mode or "", system.mode)


def location_correct(gold: Event, system: Event) -> bool | None:
    """Same place name (folded, fuzzy); the country when the gold location has no name."""
    if gold.location is None:
        return None
    if system.location is None:
        return False
    if gold.location.name:
        return names_match(gold.location.name, system.location.name)
    return gold.location.country == system.location.country


def location_country_correct(gold: Event, system: Event) -> bool | None:
    """Same location country; the name when the gold location has no country."""
    if gold.location is None:
        return None
    if system.location is None:
        return False
    if gold.location.country:
        return gold.location.country == system.location.country
    return names_match(gold.location.name, system.location.name)


CHECKS = {
    "date": date_correct,
    "mode": mode_correct,
    "location": location_correct,
    "location_country": location_country_correct,
}


def agreements(gold: Event, system: Event) -> int:
    """How many of the checks the pair passes: breaks ties between equally similar pairs."""
    return sum(bool(check(gold, system)) for check in CHECKS.values())
