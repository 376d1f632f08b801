"""Plain typed records that flow through the pipeline in one direction.

Reading produces `Document`s, extracting turns each into `Event`s, storing keeps both.
`Event.to_dict()` is the exact record of spec §3 (shared/spec/EVENTS.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

EVENT_TYPES = (
    "CONSULT", "AGREE", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "ACCUSE",
    "REQUEST", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT",
)
SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
CONSULT_MODES = ("phone", "visit", "host", "third-party", "multilateral")
SECTORS = ("GOV", "MIL", "OPP", "REB", "IGO", "NGO", "MED", "BUS", "CVL", "LEG", "JUD", "REF", "UNK")
ORGANISATION_CODES = ("UNO", "ARL", "GCC", "EUU", "NAT", "AFU", "OIC", "OPC")
DATE_PRECISIONS = ("day", "month", "year")


@dataclass(frozen=True, slots=True)
class Actor:
    """A participant: a named person or organisation, or a generic one (name None)."""

    name: str | None
    country: str | None
    sector: str = "UNK"

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "country": self.country, "sector": self.sector}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Actor:
        return cls(data.get("name"), data.get("country"), data.get("sector") or "UNK")


@dataclass(frozen=True, slots=True)
class Location:
    name: str | None
    country: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "country": self.country}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Location | None:
        if not data:
            return None
        return cls(data.get("name"), data.get("country"))


@dataclass(slots=True)
class Event:
    """One interaction between actors, traced to the sentence it came from."""

    type: str
    cameo: str
    source: list[Actor]
    target: list[Actor]
    mode: str | None = None
    date: str | None = None
    date_precision: str | None = None
    location: Location | None = None
    contexts: list[str] = field(default_factory=list)
    evidence: str = ""
    evidence_span: tuple[int, int] | None = None
    confidence: float = 0.5
    doc_id: str | None = None
    event_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "doc_id": self.doc_id,
            "type": self.type,
            "mode": self.mode,
            "cameo": self.cameo,
            "source": [a.to_dict() for a in self.source],
            "target": [a.to_dict() for a in self.target],
            "date": self.date,
            "date_precision": self.date_precision,
            "location": self.location.to_dict() if self.location else None,
            "contexts": list(self.contexts),
            "evidence": self.evidence,
            "evidence_span": list(self.evidence_span) if self.evidence_span else None,
            "confidence": round(self.confidence, 3),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        span = data.get("evidence_span")
        date = data.get("date")
        return cls(
            type=data["type"],
            cameo=data.get("cameo") or "",
            source=[Actor.from_dict(a) for a in data.get("source") or []],
            target=[Actor.from_dict(a) for a in data.get("target") or []],
            mode=data.get("mode"),
            date=date,
            date_precision=data.get("date_precision") or _precision_of(date),
            location=Location.from_dict(data.get("location")),
            contexts=list(data.get("contexts") or []),
            evidence=data.get("evidence") or "",
            evidence_span=tuple(span) if span else None,
            confidence=float(data.get("confidence", 1.0)),
            doc_id=data.get("doc_id"),
            event_id=data.get("event_id"),
        )


def _precision_of(date: str | None) -> str | None:
    if not date:
        return None
    return {10: "day", 7: "month", 4: "year"}.get(len(date))


@dataclass(slots=True)
class Document:
    """An article as read from some input, before cleaning."""

    doc_id: str
    text: str
    published: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    origin: str | None = None  # where it was read from: "file.zip:article 12", for error messages


@dataclass(slots=True)
class ReadError:
    """A record that could not be read; it becomes a row in the errors table, never a crash."""

    location: str
    reason: str

# CAMEO quad classes: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
QUAD_CLASS = {
    "CONSULT": 1, "AGREE": 1, "SUPPORT": 1,
    "COOPERATE": 2, "AID": 2, "CONCEDE": 2, "RETREAT": 2,
    "ACCUSE": 3, "REQUEST": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "MOBILIZE": 4, "SANCTION": 4, "COERCE": 4, "ASSAULT": 4,
}
QUAD_CLASS_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


@dataclass(slots=True)
class Extraction:
    """What the extractor makes of one document: its cleaned text and the events in it."""

    doc_id: str | None
    cleaned_text: str
    events: list[Event]
    warnings: list[str] = field(default_factory=list)
    relevance: float | None = None  # the model's probability that the article is political news
