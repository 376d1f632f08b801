"""What the rules make of an event word, and the families of event types their rules treat alike."""

from __future__ import annotations

from dataclasses import dataclass, field

from marsad.model import Actor, Location

# Statements: a deed named right after one is what it is about, not an event of its own.
VERBAL_TYPES = frozenset({"ACCUSE", "REQUEST", "REJECT", "SUPPORT", "THREATEN"})
TARGET_OPTIONAL = frozenset({"MOBILIZE"})
FORCE_TYPES = frozenset({"ASSAULT", "MOBILIZE"})
# Events coded even when the doer is not named: protesters are civilians, attackers unknown.
UNNAMED_DOERS = {"PROTEST": "CVL", "ASSAULT": "UNK"}


@dataclass(slots=True)
class Candidate:
    type: str
    cameo: str
    mode: str | None
    source: list[Actor]
    target: list[Actor]
    date: str | None
    precision: str | None
    location: Location | None
    contexts: list[str]
    span: tuple[int, int]  # the sentence, in the normalised view
    confidence: float
    explicit_date: bool = False
    notes: list[str] = field(default_factory=list)
