"""The work of one Spark task: read its unit, extract each document, write the unit's Parquet parts.

A document becomes what `marsad ingest` would write for it (cleaned text, MinHash signature,
events, actors; "clean" and "extract" errors alike). Runs in executor Python workers, no Spark
import: the task gets a unit tuple and gives back three counts, so no text crosses the JVM.
`marsad.extract_document` keeps its knowledge base in a module-level cache, so each worker loads
it once and, with spark.python.worker.reuse (the default), reuses it for every later task.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from marsad import extract_document
from marsad.engines import inputs, rows
from marsad.engines.parts import Parts
from marsad.model import Document, ReadError
from marsad.storing.dedup import signature

Row = tuple[str, str | None, tuple]  # (table, month, row); month None for signatures and errors


class EmptyText(Exception):
    """Cleaning left nothing of the document (the store's "clean" stage error)."""


def error(location: str, reason: str, stage: str, at: datetime) -> Row:
    """The errors row of a bad input or document."""
    return ("errors", None, rows.error_row(location, reason, stage, at))


def document_rows(document: Document, at: datetime) -> list[Row]:
    """The document's row, its signature, its events and their actors (in the event's month)."""
    extraction = extract_document(document)
    if not extraction.cleaned_text.strip():
        raise EmptyText
    out: list[Row] = [("documents", rows.month_of(document.published), rows.document_row(document, extraction, at))]
    minhash = signature(extraction.cleaned_text)
    if minhash is not None:
        out.append(("signatures", None, (document.doc_id, minhash)))
    for event in rows.numbered(document.doc_id, extraction.events):
        month = rows.month_of(event.date, document.published)
        out.append(("events", month, rows.event_row(event)))
        out += [("event_actors", month, actor) for actor in rows.actor_rows(event)]
    return out


def item_rows(item: Document | ReadError, at: datetime) -> list[Row]:
    """All rows of one read item: a bad document is an error row, never a failed task."""
    if isinstance(item, ReadError):
        return [error(item.location, item.reason, "read", at)]
    try:
        return document_rows(item, at)
    except EmptyText:
        return [error(item.origin or item.doc_id, "no text left after cleaning", "clean", at)]
    except Exception as exc:
        return [error(item.origin or item.doc_id, f"{type(exc).__name__}: {exc}", "extract", at)]


def write(items: Iterable[Document | ReadError], output: str, unit: str, at: datetime) -> tuple[int, int, int]:
    """Extract `items` into the parts of `unit`; (documents, events, errors) written."""
    with Parts(output, unit) as parts:
        for item in items:
            for table, month, row in item_rows(item, at):
                parts.add(table, month, row)
    return parts.counts["documents"], parts.counts["events"], parts.counts["errors"]


def run_unit(output: str, at: datetime, job: tuple[int, tuple]) -> tuple[int, int, int]:
    """The Spark task of unit number `index`: its counts go back to the driver (no accumulators,
    which count a retried task twice)."""
    index, unit = job
    return write(inputs.read_unit(unit), output, f"{index:05d}", at)
