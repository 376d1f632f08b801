"""The families of event types the rules treat alike."""

from __future__ import annotations

# Statements: a deed named right after one is what it is about, not an event of its own.
VERBAL_TYPES = frozenset({"ACCUSE", "REQUEST", "REJECT", "SUPPORT", "THREATEN"})
TARGET_OPTIONAL = frozenset({"MOBILIZE"})
FORCE_TYPES = frozenset({"ASSAULT", "MOBILIZE"})
# Events coded even when the doer is not named: protesters are civilians, attackers unknown.
UNNAMED_DOERS = {"PROTEST": "CVL", "ASSAULT": "UNK"}
