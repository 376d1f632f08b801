"""`marsad export`: the events of a store as JSON Lines, CSV, Parquet, PLOVER JSON or GDELT 2.0 TSV.

jsonl    spec §3 records, one a line.
csv      one row per event, several actors joined with "|" (same columns as parquet).
parquet  one row per event, several actors as lists.
plover   PLOVER field names, one JSON object a line (mapping in docs/store.md).
gdelt    the 61 columns of the GDELT 2.0 event table, tab-separated, no header, empty where
         Marsad has nothing to say (tone, Goldstein scale, actor geography, FIPS codes).
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from marsad.storing.query import spec_record
from marsad.storing.store import Store

FORMATS = ("jsonl", "csv", "parquet", "plover", "gdelt")
PAGE = 5000

FLAT_COLUMNS = (
    "event_id", "doc_id", "type", "mode", "cameo", "quad_class", "date", "date_precision",
    "source_actor_ids", "source_names", "source_countries", "source_sectors",
    "target_actor_ids", "target_names", "target_countries", "target_sectors",
    "location_name", "location_country", "contexts", "evidence", "evidence_start", "evidence_end",
    "confidence", "story_id", "outlet", "url", "title", "published", "cluster_id",
)
_LIST_COLUMNS = frozenset(c for c in FLAT_COLUMNS if c.startswith(("source_", "target_")) or c == "contexts")

GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor{n}{field}" for n in (1, 2) for field in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
        "Type1Code", "Type2Code", "Type3Code")),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{who}Geo_{field}" for who in ("Actor1", "Actor2", "Action") for field in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")),
    "DATEADDED", "SOURCEURL",
)
ORGANISATION_SECTOR = "IGO"


def iter_events(store: Store) -> Iterator[dict[str, Any]]:
    """Every event record of the store, page by page."""
    offset = 0
    while page := store.events(limit=PAGE, offset=offset):
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


def plover_record(record: dict[str, Any]) -> dict[str, Any]:
    """An event record under PLOVER's field names; the first actor of each side is primary."""
    out: dict[str, Any] = {
        "event_id": record["event_id"], "event_date": record["date"] or record["published"],
        "date_precision": record["date_precision"] if record["date"] else _day_if(record["published"]),
        "event_type": record["type"], "mode": record["mode"], "cameo": record["cameo"],
        "quad_class": record["quad_class"],
    }
    for side in ("source", "target"):
        actors = record[side]
        first = actors[0] if actors else {}
        out[f"{side}_actor"] = first.get("country")  # country, or organisation code for an IGO
        out[f"{side}_agent"] = first.get("sector")
        out[f"{side}_name"] = first.get("name")
        out[f"{side}_others"] = [{k: a[k] for k in ("name", "country", "sector")} for a in actors[1:]]
    out.update(
        location=record["location"], context=record["contexts"], event_text=record["evidence"],
        evidence_span=record["evidence_span"], confidence=record["confidence"], doc_id=record["doc_id"],
        publisher=record["outlet"], url=record["url"], story_id=record["story_id"],
    )
    return out


def _day_if(published: str | None) -> str | None:
    return "day" if published else None


def gdelt_row(record: dict[str, Any], extra: dict[str, Any]) -> list[str]:
    """The 61 GDELT 2.0 event-table values of an event (`extra`: story counts, root flag, date added)."""
    values: dict[str, Any] = dict.fromkeys(GDELT_COLUMNS, "")
    day = record["date"] if record["date"] and len(record["date"]) == 10 else record["published"]
    if day:
        year, month, dom = (int(p) for p in day.split("-"))
        values.update(
            SQLDATE=f"{year:04d}{month:02d}{dom:02d}", MonthYear=f"{year:04d}{month:02d}", Year=year,
            FractionDate=f"{year + (month * 30 + dom) / 365:.4f}",  # GDELT's own formula
        )
    values["GLOBALEVENTID"] = int.from_bytes(hashlib.sha1(record["event_id"].encode()).digest()[:8]) >> 1
    for n, side in ((1, "source"), (2, "target")):
        if record[side]:
            values.update(_gdelt_actor(n, record[side][0]))
    cameo = record["cameo"] or ""
    values.update(
        IsRootEvent=extra["is_root"], EventCode=cameo, EventBaseCode=cameo[:3], EventRootCode=cameo[:2],
        QuadClass=record["quad_class"] or "", NumMentions=extra["mentions"], NumSources=extra["sources"],
        NumArticles=extra["articles"], DATEADDED=extra["added"], SOURCEURL=record["url"] or "",
    )
    location = record["location"]
    if location and (location.get("name") or location.get("country")):
        values.update(ActionGeo_Type=4 if location.get("name") else 1,
                      ActionGeo_FullName=location.get("name") or location.get("country"))
    return ["" if values[c] is None else str(values[c]) for c in GDELT_COLUMNS]


def _gdelt_actor(n: int, actor: dict[str, Any]) -> dict[str, Any]:
    country, sector = actor.get("country") or "", actor.get("sector") or ""
    is_igo = sector == ORGANISATION_SECTOR
    type_code = "" if sector == "UNK" else sector
    return {
        f"Actor{n}Code": ("IGO" + country) if is_igo else country + type_code,
        f"Actor{n}Name": actor.get("name") or country,
        f"Actor{n}CountryCode": "" if is_igo else country,
        f"Actor{n}KnownGroupCode": country if is_igo else "",
        f"Actor{n}Type1Code": type_code,
    }


_GDELT_EXTRA_SQL = """
SELECT e.event_id,
       CASE WHEN e.evidence_start IS NULL THEN 0
            WHEN instr(d.text, chr(10)) = 0 OR e.evidence_start < instr(d.text, chr(10)) THEN 1 ELSE 0 END,
       coalesce(s.num_events, 1), coalesce(s.num_sources, CASE WHEN d.source IS NULL THEN 0 ELSE 1 END),
       coalesce(s.num_documents, 1), strftime(d.ingested_at, '%Y%m%d%H%M%S')
FROM events e JOIN documents d USING (doc_id) LEFT JOIN stories s USING (story_id)
"""


def export(store: Store, fmt: str, output: str | Path) -> int:
    """Write every event of `store` to `output` in `fmt`; returns the number of events."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}")
    path = Path(output)
    if fmt == "parquet":
        rows = [flat_row(r) for r in iter_events(store)]
        pq.write_table(pa.Table.from_pylist(rows, schema=_flat_schema()), path)
        return len(rows)
    count = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        if fmt == "csv":
            writer = csv.writer(out)
            writer.writerow(FLAT_COLUMNS)
        if fmt == "gdelt":
            names = ("is_root", "mentions", "sources", "articles", "added")
            extras = {r[0]: dict(zip(names, r[1:], strict=True))
                      for r in store.con.execute(_GDELT_EXTRA_SQL).fetchall()}
        for record in iter_events(store):
            count += 1
            if fmt == "jsonl":
                out.write(json.dumps(spec_record(record), ensure_ascii=False) + "\n")
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
             "confidence": pa.float64()}
    return pa.schema([
        (c, pa.list_(pa.string()) if c in _LIST_COLUMNS else types.get(c, pa.string())) for c in FLAT_COLUMNS
    ])
