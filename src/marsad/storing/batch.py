"""Rows of one write transaction: documents with their events, actors and errors, as Arrow tables."""

from __future__ import annotations

import hashlib
from datetime import date

import pyarrow as pa

from marsad.model import Document, Event
from marsad.storing.actors import knowledge_names
from marsad.storing.scales import quad_class
from marsad.storing.versions import Stamp, current_stamp

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
    ("marsad_version", pa.string()), ("kb_version", pa.string()), ("model_version", pa.string()),
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


class Batch:
    """Everything one transaction writes, column by column; `tables()` gives it as Arrow tables."""

    def __init__(self, stamp: Stamp | None = None) -> None:
        self.stamp = stamp or current_stamp()
        self.documents = _columns(DOCUMENTS)
        self.signatures = _columns(SIGNATURES)
        self.events = _columns(EVENTS)
        self.event_actors = _columns(EVENT_ACTORS)
        self.actors: dict[str, dict] = {}
        self.errors: dict[tuple[str, str], str] = {}
        self.replaced: set[str] = set()  # documents whose stored rows this batch replaces (re-extraction)
        self.refresh_actors = False  # whether its actor rows replace stored ones (names from a newer knowledge base)

    def __len__(self) -> int:
        return len(self.documents["doc_id"]) + len(self.errors)

    def add_error(self, location: str, reason: str, stage: str = "read") -> None:
        self.errors.setdefault((location, reason), stage)

    def add_document(
        self, doc: Document, cleaned: str, events: list[Event], cluster_id: str, seq: int,
        signature: bytes | None = None, known_actors: set[str] | frozenset[str] = frozenset(),
    ) -> None:
        """A new document with its events; actors not in `known_actors` are added to `actors`."""
        _append(self.documents, (
            doc.doc_id, doc.source, doc.url, date_start(doc.published), doc.title, cleaned,
            hashlib.sha1(cleaned.encode("utf-8", "surrogatepass")).hexdigest(), cluster_id, doc.origin,
            len(events), seq,
        ))
        if signature is not None:
            _append(self.signatures, (doc.doc_id, signature))
        for n, event in enumerate(events):
            self.add_event(f"{doc.doc_id}#{n}", doc.doc_id, event, known_actors)

    def add_event(
        self, event_id: str, doc_id: str, event: Event, known_actors=frozenset(), stamp: Stamp | None = None,
    ) -> None:
        """One event of a document with its actors (also used to write analysts' corrected events, which
        keep the `stamp` of the extraction they correct)."""
        start, end = event.evidence_span or (None, None)
        location, stamp = event.location, stamp or self.stamp
        _append(self.events, (
            event_id, doc_id, event.type, event.mode, event.cameo, quad_class(event.cameo, event.type), event.date,
            event.date_precision, date_start(event.date), location.name if location else None,
            location.country if location else None, list(event.contexts), event.evidence, start, end,
            event.confidence, stamp.marsad_version, stamp.kb_version, stamp.model_version,
        ))
        names = knowledge_names()
        for role, actors in (("source", event.source), ("target", event.target)):
            for position, actor in enumerate(actors):
                aid = names.actor_id(actor)
                _append(self.event_actors, (event_id, role, position, aid, actor.name, actor.country, actor.sector))
                if aid not in known_actors and aid not in self.actors:
                    self.actors[aid] = names.row(actor, aid)

    def tables(self) -> dict[str, pa.Table]:
        """Non-empty Arrow tables keyed by the store table they go to."""
        columns = {
            "documents": (self.documents, DOCUMENTS),
            "signatures": (self.signatures, SIGNATURES),
            "events": (self.events, EVENTS),
            "event_actors": (self.event_actors, EVENT_ACTORS),
            "actors": ({name: [row[name] for row in self.actors.values()] for name in ACTORS.names}, ACTORS),
            "errors": ({"location": [loc for loc, _ in self.errors], "reason": [why for _, why in self.errors],
                        "stage": list(self.errors.values())}, ERRORS),
        }
        return {
            name: pa.Table.from_pydict(data, schema=schema)
            for name, (data, schema) in columns.items() if data[schema.names[0]]
        }


def _columns(schema: pa.Schema) -> dict[str, list]:
    return {name: [] for name in schema.names}


def _append(columns: dict[str, list], row: tuple) -> None:
    """One row, its values in the schema's column order."""
    for values, value in zip(columns.values(), row, strict=True):
        values.append(value)
