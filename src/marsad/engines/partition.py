"""The work of one Spark task: read its records, extract each document, emit tagged store rows.

A document becomes what `marsad ingest` would write for it (cleaned text, MinHash signature,
events, actors; "clean" and "extract" errors alike). Runs in executor Python workers (no
Spark import). `marsad.extract_document` keeps its knowledge base in a module-level cache,
so each worker loads it once and reuses it for every record and, with
spark.python.worker.reuse (the default), for every later task.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import Any

from marsad import extract_document
from marsad.engines import rows
from marsad.model import Document, ReadError
from marsad.storing.dedup import signature

TABLE_ORDER = tuple(rows.TABLES)  # the slots of a tagged row after (table, month)
Reader = Callable[[Iterable[Any]], Iterator[Document | ReadError]]


class EmptyText(Exception):
    """Cleaning left nothing of the document (the store's "clean" stage error)."""


def tagged(table: str, month: str, row: tuple) -> tuple:
    """(table, month, documents, events, event_actors, errors) with `row` in its table's slot."""
    slots: list[tuple | None] = [None] * len(TABLE_ORDER)
    slots[TABLE_ORDER.index(table)] = row
    return (table, month, *slots)


def error(location: str, reason: str, stage: str, at: datetime) -> tuple:
    return tagged("errors", rows.UNKNOWN_MONTH, rows.error_row(location, reason, stage, at))


def document_rows(document: Document, at: datetime) -> list[tuple]:
    """The tagged rows of one document: itself, its MinHash signature, its events and their actors."""
    extraction = extract_document(document)
    if not extraction.cleaned_text.strip():
        raise EmptyText
    events = rows.numbered(document.doc_id, extraction.events)
    row = rows.document_row(document, extraction, at)
    out = [tagged("documents", rows.month_of(document.published), row)]
    blob = signature(extraction.cleaned_text)
    if blob is not None:
        out.append(tagged("signatures", rows.UNKNOWN_MONTH, (document.doc_id, blob)))
    for event in events:
        month = rows.month_of(event.date, document.published)
        out.append(tagged("events", month, rows.event_row(event)))
        out.extend(tagged("event_actors", month, actor) for actor in rows.actor_rows(event))
    return out


def extract_partition(read: Reader, at: datetime, counters: Any, items: Iterable[Any]) -> Iterator[tuple]:
    """mapPartitions body; `counters` are (documents, events, errors) accumulators."""
    documents = events = errors = 0
    for item in read(items):
        if isinstance(item, ReadError):
            errors += 1
            yield error(item.location, item.reason, "read", at)
            continue
        try:
            out = document_rows(item, at)
        except EmptyText:
            out = [error(item.origin or item.doc_id, "no text left after cleaning", "clean", at)]
        except Exception as exc:  # one bad document never fails the task
            out = [error(item.origin or item.doc_id, f"{type(exc).__name__}: {exc}", "extract", at)]
        if out[0][0] == "errors":
            errors += 1
            yield out[0]
            continue
        documents += 1
        events += sum(row[0] == "events" for row in out)
        yield from out
    for counter, n in zip(counters, (documents, events, errors), strict=True):
        counter.add(n)
