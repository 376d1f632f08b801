"""The work of one Spark task: read its records, extract each document, emit Arrow record batches.

A document becomes what `marsad ingest` would write for it (cleaned text, MinHash signature,
events, actors; "clean" and "extract" errors alike). Runs in executor Python workers as the
body of `mapInArrow` (no Spark import): the batches are built column by column, so Spark
takes them without converting row by row. `marsad.extract_document` keeps its knowledge
base in a module-level cache, so each worker loads it once and reuses it for every record
and, with spark.python.worker.reuse (the default), for every later task.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from itertools import islice
from typing import Any

import pyarrow as pa

from marsad import extract_document
from marsad.engines import rows
from marsad.model import Document, ReadError
from marsad.storing.dedup import signature

Reader = Callable[[Iterable[tuple]], Iterator[Document | ReadError]]
ARROW = {
    "string": pa.string(), "binary": pa.binary(), "date": pa.date32(), "timestamp": pa.timestamp("us"),
    "int": pa.int32(), "bigint": pa.int64(), "tinyint": pa.int8(), "double": pa.float64(),
    "strings": pa.list_(pa.string()),
}


def _struct(columns: Sequence[tuple[str, str]]) -> pa.StructType:
    return pa.struct([(name, ARROW[kind]) for name, kind in columns])


ACTOR = _struct(rows.ACTOR_COLUMNS)
EVENT = pa.struct([*_struct(rows.EVENT_COLUMNS), ("month", pa.string()), ("actors", pa.list_(ACTOR))])
# One row per input record: a document with its signature and events (each with its month and
# actors), or an error. Narrow and dense, unlike one sparse row per table row.
RECORD = pa.schema([
    ("month", pa.string()), ("documents", _struct(rows.DOCUMENT_COLUMNS)), ("signature", pa.binary()),
    ("events", pa.list_(EVENT)), ("errors", _struct(rows.ERROR_COLUMNS)),
])
BATCH = 256  # records per output batch: small enough to keep a task's memory flat


class EmptyText(Exception):
    """Cleaning left nothing of the document (the store's "clean" stage error)."""


def error(location: str, reason: str, stage: str, at: datetime) -> tuple:
    """The record of a bad input or document."""
    return (rows.UNKNOWN_MONTH, None, None, [], rows.error_row(location, reason, stage, at))


def document_record(document: Document, at: datetime) -> tuple:
    """(month, document row, MinHash signature, events, None); each event ends with its month and actors."""
    extraction = extract_document(document)
    if not extraction.cleaned_text.strip():
        raise EmptyText
    events = [
        (*rows.event_row(event), rows.month_of(event.date, document.published), rows.actor_rows(event))
        for event in rows.numbered(document.doc_id, extraction.events)
    ]
    row = rows.document_row(document, extraction, at)
    return (rows.month_of(document.published), row, signature(extraction.cleaned_text), events, None)


def extract_records(read: Reader, at: datetime, counters: Any, items: Iterable[tuple]) -> Iterator[tuple]:
    """One record per input item; `counters` are (documents, events, errors) accumulators."""
    documents = events = errors = 0
    for item in read(items):
        if isinstance(item, ReadError):
            record = error(item.location, item.reason, "read", at)
        else:
            try:
                record = document_record(item, at)
            except EmptyText:
                record = error(item.origin or item.doc_id, "no text left after cleaning", "clean", at)
            except Exception as exc:  # one bad document never fails the task
                record = error(item.origin or item.doc_id, f"{type(exc).__name__}: {exc}", "extract", at)
        documents += record[1] is not None
        events += len(record[3])
        errors += record[4] is not None
        yield record
    for counter, n in zip(counters, (documents, events, errors), strict=True):
        counter.add(n)


def _column(values: Sequence[Any], kind: pa.DataType) -> pa.Array:
    """An Arrow array of Python values; structs and lists of structs are built field by field."""
    if pa.types.is_struct(kind):
        return _structs(values, kind)
    if pa.types.is_list(kind) and pa.types.is_struct(kind.value_type):
        offsets = [0]
        for items in values:
            offsets.append(offsets[-1] + len(items))
        flat = _structs([item for items in values for item in items], kind.value_type)
        return pa.ListArray.from_arrays(pa.array(offsets, pa.int32()), flat, type=kind)
    return pa.array(values, kind)


def _structs(values: Sequence[tuple | None], kind: pa.StructType) -> pa.StructArray:
    """A struct array from tuples (None: a null struct), one column at a time."""
    filled = [value or (None,) * kind.num_fields for value in values]
    columns = zip(*filled, strict=True) if filled else [()] * kind.num_fields
    arrays = [_column(column, field.type) for column, field in zip(columns, kind, strict=True)]
    mask = pa.array([value is None for value in values], pa.bool_())
    return pa.StructArray.from_arrays(arrays, fields=list(kind), mask=mask)


def to_batch(records: Sequence[tuple]) -> pa.RecordBatch:
    """Records as one Arrow batch of RECORD."""
    columns = zip(*records, strict=True)
    return pa.RecordBatch.from_arrays(
        [_column(column, field.type) for column, field in zip(columns, RECORD, strict=True)], schema=RECORD)


def records_of(batches: Iterable[pa.RecordBatch]) -> Iterator[tuple]:
    """The rows of Arrow batches as tuples."""
    for batch in batches:
        yield from zip(*(column.to_pylist() for column in batch.columns), strict=True)


def extract_partition(read: Reader, at: datetime, counters: Any,
                      batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """mapInArrow body: input batches → RECORD batches of BATCH records."""
    records = extract_records(read, at, counters, records_of(batches))
    while chunk := list(islice(records, BATCH)):
        yield to_batch(chunk)
