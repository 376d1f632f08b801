"""The Spark engine's pure-Python parts: store rows, input parsing, the partition body (no Spark)."""

from __future__ import annotations

from datetime import date, datetime
from functools import partial

import pyarrow as pa
import pytest

from marsad.engines import inputs, partition, rows
from marsad.model import Actor, Document, Event, Extraction, Location, ReadError

AT = datetime(2024, 1, 2, 3, 4, 5)


class Counter:
    def __init__(self) -> None:
        self.value = 0

    def add(self, n: int) -> None:
        self.value += n


def spec_dict(event: tuple, actors: list[tuple]) -> dict:
    """A spec §3 record back from an events row and its event_actors rows."""
    row = dict(zip((c for c, _ in rows.EVENT_COLUMNS), event, strict=True))
    by_role = {"source": [], "target": []}
    for actor in sorted(actors, key=lambda a: a[2]):
        by_role[actor[1]].append({"name": actor[4], "country": actor[5], "sector": actor[6]})
    location = {"name": row["location_name"], "country": row["location_country"]}
    start, end = row["evidence_start"], row["evidence_end"]
    return {
        "event_id": row["event_id"], "doc_id": row["doc_id"], "type": row["type"], "mode": row["mode"],
        "cameo": row["cameo"], "source": by_role["source"], "target": by_role["target"],
        "date": row["date"], "date_precision": row["date_precision"],
        "location": location if any(location.values()) else None,
        "contexts": list(row["contexts"]), "evidence": row["evidence"],
        "evidence_span": None if start is None else [start, end],
        "confidence": round(row["confidence"], 3),
    }


def sample_event() -> Event:
    return Event(
        type="CONSULT", cameo="041", mode="phone",
        source=[Actor("Sergey Lavrov", "RUS", "GOV")],
        target=[Actor("Sameh Shoukry", "EGY", "GOV"), Actor(None, "EGY", "GOV")],
        date="2019-09-16", date_precision="day", location=Location("Moscow", "RUS"),
        contexts=["syria"], evidence="أجرى لافروف اتصالا", evidence_span=(10, 28), confidence=0.8666,
    )


def test_event_rows_give_back_the_spec_record():
    event = rows.numbered("doc-1", [sample_event()])[0]
    assert event.event_id == "doc-1#0"
    assert rows.event_row(event)[5] == 1  # quad class of CONSULT
    assert spec_dict(rows.event_row(event), rows.actor_rows(event)) == event.to_dict()


def test_actor_rows_use_the_store_ids():
    event = rows.numbered("d", [sample_event()])[0]
    ids = [(role, position, aid) for _, role, position, aid, *_ in rows.actor_rows(event)]
    assert ids == [("source", 0, "sergey-lavrov"), ("target", 0, "sameh-shoukry"), ("target", 1, "EGY:GOV")]


def test_document_row_has_the_store_columns():
    doc = Document("d", " text ", published="2015-07-21", origin="f:byte 0")
    row = rows.document_row(doc, Extraction("d", "text", []), AT)
    assert len(row) == len(rows.DOCUMENT_COLUMNS)
    named = dict(zip((c for c, _ in rows.DOCUMENT_COLUMNS), row, strict=True))
    assert named["published"] == date(2015, 7, 21)
    assert named["content_hash"] == rows.sha1("text")
    assert named["num_events"] == 0


@pytest.mark.parametrize(("dates", "month"), [
    (("2019-09-16",), "2019-09"), (("2019-09",), "2019-09"), (("2019", "2018-02-01"), "2018-02"),
    ((None, "2015-07-21"), "2015-07"), ((None, None), "unknown"), (("2019-13-01",), "unknown"),
])
def test_month_of(dates, month):
    assert rows.month_of(*dates) == month


def test_first_day():
    assert rows.first_day("2019") == date(2019, 1, 1)
    assert rows.first_day("2019-02") == date(2019, 2, 1)
    assert rows.first_day("2019-02-30") is None
    assert rows.first_day(None) is None


@pytest.mark.parametrize(("name", "fmt"), [
    ("s3a://b/x.warc.gz", "warc"), ("a/b.WARC", "warc"), ("d.jsonl", "jsonl"), ("d.jsonl.gz", "jsonl"),
    ("part-0.parquet", "parquet"), ("warc.paths.gz", "manifest"), ("notes.txt", None),
])
def test_input_format(name, fmt):
    assert inputs.input_format(name) == fmt


def test_manifest_paths_resolve_against_the_prefix():
    assert inputs.resolve("crawl-data/x.warc.gz\n", "s3a://commoncrawl/") == "s3a://commoncrawl/crawl-data/x.warc.gz"
    assert inputs.resolve("/abs/x.warc.gz", "s3a://cc") == "/abs/x.warc.gz"
    assert inputs.resolve("x.warc.gz", None) == "x.warc.gz"


def test_jsonl_lines_become_documents_or_errors():
    lines = [
        (0, '{"content": "نص", "date_extracted": "2015-07-21 02:51:32", "url": "http://a/1", "source": "s"}'),
        (90, "{broken"), (100, "   "), (104, '{"content": ""}'), (120, "[1]"),
    ]
    items = list(inputs.read_jsonl("f.jsonl", lines))
    doc = items[0]
    assert (doc.doc_id, doc.published, doc.source) == ("http://a/1", "2015-07-21", "s")
    assert doc.origin == "f.jsonl:byte 0"
    assert [(e.location, type(e)) for e in items[1:]] == [
        ("f.jsonl:byte 90", ReadError), ("f.jsonl:byte 104", ReadError), ("f.jsonl:byte 120", ReadError),
    ]


def test_missing_ids_are_content_hashes():
    (doc,) = inputs.read_jsonl("f", [(0, '{"text": "abc"}')])
    assert doc.doc_id == "sha1:" + rows.sha1("abc")


def test_partition_counts_documents_and_errors():
    counters = (Counter(), Counter(), Counter())
    items = [Document("d1", "نص الخبر", "2015-08-03"), ReadError("f:byte 9", "broken JSON")]
    out = list(partition.extract_records(iter, AT, counters, items))
    assert [(r[0], r[1] is not None, r[4] is not None) for r in out] == [("2015-08", True, False),
                                                                          ("unknown", False, True)]
    assert out[1][-1] == ("f:byte 9", "broken JSON", "read", AT)
    assert [c.value for c in counters] == [1, 0, 1]


def test_partition_turns_an_extractor_crash_into_an_error_row(monkeypatch):
    def crash(document):
        raise ValueError("boom")

    monkeypatch.setattr(partition, "extract_document", crash)
    counters = (Counter(), Counter(), Counter())
    out = list(partition.extract_records(iter, AT, counters, [Document("d1", "x", origin="f:byte 0")]))
    assert out == [partition.error("f:byte 0", "ValueError: boom", "extract", AT)]
    assert [c.value for c in counters] == [0, 0, 1]


def one_event(document):
    return Extraction(document.doc_id, document.text, [sample_event()])


def test_partition_emits_events_and_actors_in_the_event_month(monkeypatch):
    monkeypatch.setattr(partition, "extract_document", one_event)
    (record,) = partition.extract_records(iter, AT, (Counter(), Counter(), Counter()),
                                          [Document("d1", "x", "2020-01-01")])
    assert record[0] == "2020-01"
    assert [(event[0], event[-2], len(event[-1])) for event in record[3]] == [("d1#0", "2019-09", 3)]
    assert record[1][9] == 1  # num_events


def test_arrow_batches_in_and_out(monkeypatch):
    """mapInArrow's body: (offset, line) batches in, RECORD batches of the same records out."""
    monkeypatch.setattr(partition, "extract_document", one_event)
    lines = pa.RecordBatch.from_pydict({"offset": [0, 30], "line": ['{"id": "d1", "text": "x"}', "{broken"]})
    read = partial(inputs.read_jsonl, "f.jsonl")
    (batch,) = partition.extract_partition(read, AT, (Counter(), Counter(), Counter()), [lines])
    assert batch.schema == partition.RECORD
    records = batch.to_pylist()
    assert [r["documents"] and r["documents"]["doc_id"] for r in records] == ["d1", None]
    assert records[1]["errors"]["location"] == "f.jsonl:byte 30"
    (event,) = records[0]["events"]
    assert (event["event_id"], event["quad_class"], event["month"]) == ("d1#0", 1, "2019-09")
    assert [(a["role"], a["position"], a["actor_id"]) for a in event["actors"]] == [
        ("source", 0, "sergey-lavrov"), ("target", 0, "sameh-shoukry"), ("target", 1, "EGY:GOV")]
    assert records[0]["signature"] is None  # one word: no MinHash
