"""`marsad export`: the events of a store as JSON Lines, CSV, Parquet, PLOVER JSON or GDELT 2.0 TSV.

jsonl    spec §3 records, one a line, followed by the analysts' fields (ANALYST_FIELDS).
csv      one row per event, several actors joined with "|" (same columns as parquet).
parquet  one row per event, several actors as lists.
plover   PLOVER field names, one JSON object a line (mapping in docs/store.md).
gdelt    the 61 columns of the GDELT 2.0 event table, tab-separated, no header (gdelt.py).

By default one row stands for each canonical event (a story: the same interaction reported by
several sentences, documents or outlets) with its num_mentions, num_articles and num_sources;
`mentions=True` writes every event. Every row carries its version stamps.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from marsad.storing.gdelt import EXTRA_SQL, GDELT_COLUMNS, gdelt_row
from marsad.storing.query import spec_record
from marsad.storing.store import Store

FORMATS = ("jsonl", "csv", "parquet", "plover", "gdelt")
PAGE = 5000
__all__ = ["FLAT_COLUMNS", "FORMATS", "GDELT_COLUMNS", "csv_row", "export", "flat_row", "iter_events"]

# Fields of an event record beyond spec §3 that analysts expect on every row.
ANALYST_FIELDS = (
    "quad_class", "goldstein", "latitude", "longitude", "admin1", "geo_precision", "story_id",
    "num_mentions", "num_articles", "num_sources", "date_flag", "date_original", "outlet", "url", "published",
    "marsad_version", "kb_version", "model_version",
)
FLAT_COLUMNS = (
    "event_id", "doc_id", "type", "mode", "cameo", "quad_class", "goldstein", "date", "date_precision",
    "source_actor_ids", "source_names", "source_countries", "source_sectors",
    "target_actor_ids", "target_names", "target_countries", "target_sectors",
    "location_name", "location_country", "latitude", "longitude", "admin1", "geo_precision",
    "contexts", "evidence", "evidence_start", "evidence_end",
    "confidence", "story_id", "num_mentions", "num_articles", "num_sources", "outlet", "url", "title", "published",
    "cluster_id", "date_flag", "date_original", "marsad_version", "kb_version", "model_version",
)
_LIST_COLUMNS = frozenset(c for c in FLAT_COLUMNS if c.startswith(("source_", "target_")) or c == "contexts")


def iter_events(store: Store, filters: dict[str, Any] | None = None, mentions: bool = False) -> Iterator[dict]:
    """The event records of the store matching `filters` (those of `Store.events`), page by page:
    canonical events, or every mention with `mentions`."""
    filters = filters or {}
    offset = 0
    while page := store.events(**filters, limit=PAGE, offset=offset, canonical=not mentions):
        yield from page
        offset += len(page)


def flat_row(record: dict[str, Any]) -> dict[str, Any]:
    """An event record as one flat row; actor fields and contexts as lists."""
    row = {key: record.get(key) for key in FLAT_COLUMNS}
    for side in ("source", "target"):
        actors = record[side]
        row[f"{side}_actor_ids"] = [a["actor_id"] for a in actors]
        row[f"{side}_names"] = [a["name"] or "" for a in actors]
        row[f"{side}_countries"] = [a["country"] or "" for a in actors]
        row[f"{side}_sectors"] = [a["sector"] or "" for a in actors]
    location = record["location"] or {}
    span = record["evidence_span"] or [None, None]
    row.update(location_name=location.get("name"), location_country=location.get("country"),
               evidence_start=span[0], evidence_end=span[1])
    return row


def jsonl_record(record: dict[str, Any]) -> dict[str, Any]:
    """Spec §3's record, then the analysts' fields."""
    return spec_record(record) | {key: record.get(key) for key in ANALYST_FIELDS}


def plover_record(record: dict[str, Any]) -> dict[str, Any]:
    """An event record under PLOVER's field names; the first actor of each side is primary."""
    out: dict[str, Any] = {
        "event_id": record["event_id"], "event_date": record["date"] or record["published"],
        "date_precision": record["date_precision"] if record["date"] else _day_if(record["published"]),
        "event_type": record["type"], "mode": record["mode"], "cameo": record["cameo"],
        "quad_class": record["quad_class"], "goldstein": record.get("goldstein"),
    }
    for side in ("source", "target"):
        actors = record[side]
        first = actors[0] if actors else {}
        out[f"{side}_actor"] = first.get("country")  # country, or organisation code for an IGO
        out[f"{side}_agent"] = first.get("sector")
        out[f"{side}_name"] = first.get("name")
        out[f"{side}_actor_id"] = first.get("actor_id")
        out[f"{side}_others"] = [{k: a[k] for k in ("name", "country", "sector", "actor_id")} for a in actors[1:]]
    location = record["location"]
    if location:
        location = location | {k: record.get(k) for k in ("latitude", "longitude", "admin1", "geo_precision")}
    out.update(
        location=location, context=record["contexts"], event_text=record["evidence"],
        evidence_span=record["evidence_span"], confidence=record["confidence"], doc_id=record["doc_id"],
        publisher=record["outlet"], url=record["url"], story_id=record["story_id"],
        num_mentions=record.get("num_mentions"), num_articles=record.get("num_articles"),
        num_sources=record.get("num_sources"), date_flag=record.get("date_flag"),
        marsad_version=record.get("marsad_version"), kb_version=record.get("kb_version"),
        model_version=record.get("model_version"),
    )
    return out


def _day_if(published: str | None) -> str | None:
    return "day" if published else None


def export(store: Store, fmt: str, output: str | Path, filters: dict[str, Any] | None = None,
           mentions: bool = False) -> int:
    """Write the events of `store` matching `filters` to `output` in `fmt`; returns how many.
    One row per canonical event, or per mention with `mentions`."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}")
    path = Path(output)
    records = iter_events(store, filters, mentions)
    if fmt == "parquet":
        rows = [flat_row(r) for r in records]
        pq.write_table(pa.Table.from_pylist(rows, schema=_flat_schema()), path)
        return len(rows)
    count = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        if fmt == "csv":
            writer = csv.writer(out)
            writer.writerow(FLAT_COLUMNS)
        if fmt == "gdelt":
            extras = {event_id: {"is_root": root, "added": added}
                      for event_id, root, added in store.con.execute(EXTRA_SQL).fetchall()}
        for record in records:
            count += 1
            if fmt == "jsonl":
                out.write(json.dumps(jsonl_record(record), ensure_ascii=False) + "\n")
            elif fmt == "plover":
                out.write(json.dumps(plover_record(record), ensure_ascii=False) + "\n")
            elif fmt == "csv":
                writer.writerow(csv_row(record))
            else:
                out.write("\t".join(_tsv(v) for v in gdelt_row(record, extras[record["event_id"]])) + "\n")
    return count


def csv_row(record: dict[str, Any]) -> list[str]:
    """The CSV cells of an event record, in FLAT_COLUMNS order; lists joined with "|"."""
    row = flat_row(record)
    return ["|".join(row[c]) if c in _LIST_COLUMNS else ("" if row[c] is None else str(row[c]))
            for c in FLAT_COLUMNS]


def _tsv(value: str) -> str:
    return value.replace("\t", " ").replace("\n", " ")


def _flat_schema() -> pa.Schema:
    types = {"quad_class": pa.int8(), "evidence_start": pa.int32(), "evidence_end": pa.int32(),
             "confidence": pa.float64(), "goldstein": pa.float64(), "latitude": pa.float64(),
             "longitude": pa.float64(), "num_mentions": pa.int32(), "num_articles": pa.int32(),
             "num_sources": pa.int32()}
    return pa.schema([
        (c, pa.list_(pa.string()) if c in _LIST_COLUMNS else types.get(c, pa.string())) for c in FLAT_COLUMNS
    ])
