"""Combining the learned events with the rule engine's, type by type.

Training measures, for each event type, whether the learned models, the hand-written rules
or both together code it best on held-out documents (`policy`); here that choice is
applied. An event of the rules joins the learned ones only when no learned event of its
type already has the same sides.
"""

from __future__ import annotations

from marsad.extracting.decoding import Candidate
from marsad.model import SYMMETRIC_TYPES, Actor

POLICIES = ("learned", "rules", "both")


def combine(learned: list[Candidate], rules: list[Candidate], policy: dict[str, str]) -> list[Candidate]:
    kept = [c for c in learned if policy.get(c.type, "learned") in ("learned", "both")]
    for candidate in rules:
        if policy.get(candidate.type, "learned") == "learned":
            continue
        if any(same_sides(candidate, other) for other in kept if other.type == candidate.type):
            continue
        kept.append(candidate)
    return kept


def _keys(actors: list[Actor]) -> set:
    return {a.country or a.name for a in actors}


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a | b else 1.0


def same_sides(a: Candidate, b: Candidate) -> bool:
    """Whether two events of one type have the same sides at country level (spec §6 similarity ≥ 0.5)."""
    if a.type in SYMMETRIC_TYPES:
        return _jaccard(_keys(a.source + a.target), _keys(b.source + b.target)) >= 0.5
    return _jaccard(_keys(a.source), _keys(b.source)) >= 0.5 and _jaccard(_keys(a.target), _keys(b.target)) >= 0.5


def settle_dates(candidates: list[Candidate]) -> list[Candidate]:
    """An event dated only by the article's main date takes the date a sentence gives the same event
    ("التقى X Y" in the lead, "وكان X قد التقى Y أمس" below): one interaction, one date (spec §4)."""
    explicit = [c for c in candidates if c.explicit_date and c.date]
    for candidate in candidates:
        if candidate.explicit_date:
            continue
        told = [c for c in explicit if c.type == candidate.type and same_sides(c, candidate)]
        if told:
            candidate.date, candidate.precision = told[0].date, told[0].precision
    return candidates
