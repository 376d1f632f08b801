"""Rows of one write transaction: documents with their events, actors and errors, as Arrow tables."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

import pyarrow as pa

from marsad.model import QUAD_CLASS, Actor, Document, Event
from marsad.storing.actors import actor_id, knowledge_names

DOCUMENTS = pa.schema([
    ("doc_id", pa.string()), ("source", pa.string()), ("url", pa.string()), ("published", pa.date32()),
    ("title", pa.string()), ("text", pa.string()), ("content_hash", pa.string()),
    ("cluster_id", pa.string()), ("origin", pa.string()), ("num_events", pa.int32()), ("seq", pa.int64()),
])
SIGNATURES = pa.schema([("doc_id", pa.string()), ("signature", pa.binary())])
EVENTS = pa.schema([
    ("event_id", pa.string()), ("doc_id", pa.string()), ("type", pa.string()), ("mode", pa.string()),
    ("cameo", pa.string()), ("quad_class", pa.int8()), ("date", pa.string()),
    ("date_precision", pa.string()), ("date_start", pa.date32()), ("location_name", pa.string()),
    ("location_country", pa.string()), ("contexts", pa.list_(pa.string())), ("evidence", pa.string()),
    ("evidence_start", pa.int32()), ("evidence_end", pa.int32()), ("confidence", pa.float64()),
])
EVENT_ACTORS = pa.schema([
    ("event_id", pa.string()), ("role", pa.string()), ("position", pa.int32()), ("actor_id", pa.string()),
    ("name", pa.string()), ("country", pa.string()), ("sector", pa.string()),
])
ACTORS = pa.schema([
    ("actor_id", pa.string()), ("name", pa.string()), ("country", pa.string()), ("sector", pa.string()),
    ("kind", pa.string()), ("kb_id", pa.string()), ("arabic", pa.list_(pa.string())),
])
ERRORS = pa.schema([("location", pa.string()), ("reason", pa.string()), ("stage", pa.string())])


def date_start(value: str | None) -> date | None:
    """The first day a YYYY-MM-DD, YYYY-MM or YYYY date can mean; None when unreadable."""
    if not value:
        return None
    try:
        return date.fromisoformat({10: value, 7: f"{value}-01", 4: f"{value}-01-01"}.get(len(value), ""))
    except ValueError:
        return None


@dataclass(slots=True)
class Batch:
    """Everything one transaction writes; `tables()` gives it as Arrow tables by target table."""

    documents: list[dict] = field(default_factory=list)
    signatures: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    event_actors: list[dict] = field(default_factory=list)
    actors: dict[str, dict] = field(default_factory=dict)
    errors: dict[tuple[str, str], str] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.documents) + len(self.errors)

    def add_error(self, location: str, reason: str, stage: str = "read") -> None:
        self.errors.setdefault((location, reason), stage)

    def add_document(
        self, doc: Document, cleaned: str, events: list[Event], cluster_id: str, seq: int,
        signature: bytes | None = None, known_actors: set[str] | frozenset[str] = frozenset(),
    ) -> None:
        """A new document with its events; actors not in `known_actors` are added to `actors`."""
        self.documents.append({
            "doc_id": doc.doc_id, "source": doc.source, "url": doc.url,
            "published": date_start(doc.published), "title": doc.title, "text": cleaned,
            "content_hash": hashlib.sha1(cleaned.encode("utf-8", "surrogatepass")).hexdigest(),
            "cluster_id": cluster_id, "origin": doc.origin, "num_events": len(events), "seq": seq,
        })
        if signature is not None:
            self.signatures.append({"doc_id": doc.doc_id, "signature": signature})
        for n, event in enumerate(events):
            self._add_event(f"{doc.doc_id}#{n}", doc.doc_id, event, known_actors)

    def _add_event(self, event_id: str, doc_id: str, event: Event, known_actors) -> None:
        span = event.evidence_span or (None, None)
        location = event.location
        self.events.append({
            "event_id": event_id, "doc_id": doc_id, "type": event.type, "mode": event.mode,
            "cameo": event.cameo, "quad_class": QUAD_CLASS.get(event.type), "date": event.date,
            "date_precision": event.date_precision, "date_start": date_start(event.date),
            "location_name": location.name if location else None,
            "location_country": location.country if location else None,
            "contexts": list(event.contexts), "evidence": event.evidence,
            "evidence_start": span[0], "evidence_end": span[1], "confidence": event.confidence,
        })
        for role, actors in (("source", event.source), ("target", event.target)):
            for position, actor in enumerate(actors):
                aid = actor_id(actor)
                self.event_actors.append({
                    "event_id": event_id, "role": role, "position": position, "actor_id": aid,
                    "name": actor.name, "country": actor.country, "sector": actor.sector,
                })
                if aid not in known_actors and aid not in self.actors:
                    self.actors[aid] = _actor_row(actor, aid)

    def tables(self) -> dict[str, pa.Table]:
        """Non-empty Arrow tables keyed by the store table they go to."""
        rows = {
            "documents": (self.documents, DOCUMENTS),
            "signatures": (self.signatures, SIGNATURES),
            "events": (self.events, EVENTS),
            "event_actors": (self.event_actors, EVENT_ACTORS),
            "actors": (list(self.actors.values()), ACTORS),
            "errors": ([{"location": loc, "reason": why, "stage": stage}
                        for (loc, why), stage in self.errors.items()], ERRORS),
        }
        return {
            name: pa.Table.from_pylist(data, schema=schema) for name, (data, schema) in rows.items() if data
        }


def _actor_row(actor: Actor, aid: str) -> dict:
    kind, kb_id, arabic = knowledge_names().describe(actor, aid)
    return {"actor_id": aid, "name": actor.name, "country": actor.country, "sector": actor.sector,
            "kind": kind, "kb_id": kb_id, "arabic": arabic}
