"""Word shapes the rules test: a participle adds a second statement, a verb of going needs a destination."""

from __future__ import annotations

from marsad.recognising.scan import TriggerMatch


def is_participle(surface: str) -> bool:
    """"متهما"، "مطالبا"، "داعيا": an adverbial participle that adds a second statement."""
    word = surface.split()[0]
    return len(word) >= 4 and word.endswith("ا") and (word.startswith("م") or word in ("داعيا", "حاثا", "رافضا"))


def is_travel(match: TriggerMatch) -> bool:
    """A verb of going somewhere ("توجه إلى"): its destination is required."""
    return "الي" in match.trigger.needs  # needs are stored normalised
