"""Store rows (storing/schema.sql) from documents and their extractions; pure Python, no Spark.

Every row is a tuple in the column order below, so an engine can write it as a table that
`marsad load` inserts into the DuckDB store as it is.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime

from marsad.model import QUAD_CLASS, Document, Event, Extraction
from marsad.storing.actors import actor_id

# (column, type) in store order. Types: string, binary, date, timestamp, int, bigint, tinyint,
# double, strings.
# cluster_id, seq and story_id are left null: `marsad load` and the store fill them.
DOCUMENT_COLUMNS = (
    ("doc_id", "string"), ("source", "string"), ("url", "string"), ("published", "date"),
    ("title", "string"), ("text", "string"), ("content_hash", "string"), ("cluster_id", "string"),
    ("origin", "string"), ("num_events", "int"), ("ingested_at", "timestamp"), ("seq", "bigint"),
)
EVENT_COLUMNS = (
    ("event_id", "string"), ("doc_id", "string"), ("type", "string"), ("mode", "string"),
    ("cameo", "string"), ("quad_class", "tinyint"), ("date", "string"), ("date_precision", "string"),
    ("date_start", "date"), ("location_name", "string"), ("location_country", "string"),
    ("contexts", "strings"), ("evidence", "string"), ("evidence_start", "int"), ("evidence_end", "int"),
    ("confidence", "double"), ("story_id", "string"),
)
ACTOR_COLUMNS = (
    ("event_id", "string"), ("role", "string"), ("position", "int"), ("actor_id", "string"),
    ("name", "string"), ("country", "string"), ("sector", "string"),
)
SIGNATURE_COLUMNS = (("doc_id", "string"), ("signature", "binary"))
ERROR_COLUMNS = (("location", "string"), ("reason", "string"), ("stage", "string"), ("at", "timestamp"))
TABLES = {
    "documents": DOCUMENT_COLUMNS,
    "events": EVENT_COLUMNS,
    "event_actors": ACTOR_COLUMNS,
    "signatures": SIGNATURE_COLUMNS,
    "errors": ERROR_COLUMNS,
}
UNKNOWN_MONTH = "unknown"
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def first_day(value: str | None) -> date | None:
    """The first day a YYYY-MM-DD, YYYY-MM or YYYY date (or timestamp) can mean; None if invalid."""
    match = _DATE.match(value or "")
    if not match:
        return None
    year, month, day = match.groups()
    try:
        return date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None


def month_of(*dates: str | None) -> str:
    """YYYY-MM of the first date that has a month, else "unknown"."""
    for value in dates:
        match = _DATE.match(value or "")
        if match and match.group(2) and first_day(value):
            return f"{match.group(1)}-{match.group(2)}"
    return UNKNOWN_MONTH


def numbered(doc_id: str, events: list[Event]) -> list[Event]:
    """The events with their doc_id and the store's ids "<doc_id>#<n>" (n = 0, 1, … in order)."""
    for n, event in enumerate(events):
        event.doc_id = doc_id
        event.event_id = f"{doc_id}#{n}"
    return events


def document_row(document: Document, extraction: Extraction, at: datetime) -> tuple:
    return (
        document.doc_id, document.source, document.url, first_day(document.published), document.title,
        extraction.cleaned_text, sha1(extraction.cleaned_text), None, document.origin,
        len(extraction.events), at, None,
    )


def event_row(event: Event) -> tuple:
    location = event.location
    start, end = event.evidence_span or (None, None)
    return (
        event.event_id, event.doc_id, event.type, event.mode, event.cameo, QUAD_CLASS.get(event.type),
        event.date, event.date_precision, first_day(event.date),
        location.name if location else None, location.country if location else None,
        list(event.contexts), event.evidence, start, end, event.confidence, None,
    )


def actor_rows(event: Event) -> list[tuple]:
    return [
        (event.event_id, role, position, actor_id(actor), actor.name, actor.country, actor.sector)
        for role, actors in (("source", event.source), ("target", event.target))
        for position, actor in enumerate(actors)
    ]


def error_row(location: str, reason: str, stage: str, at: datetime) -> tuple:
    return (location, reason[:1000], stage, at)
