"""The Spark engine's pure-Python parts (no Spark): store rows, input parsing, work units,
the task body and its Parquet parts."""

from __future__ import annotations

import bz2
import gzip
import json
import random
from datetime import UTC, date, datetime
from itertools import pairwise
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.engines import inputs, partition, parts, rows, units
from marsad.model import Actor, Document, Event, Extraction, Location, ReadError

AT = datetime(2024, 1, 2, 3, 4, 5)


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


# Byte ranges of JSON Lines: every line belongs to exactly one range.

LINES = [b'{"text": "a"}\n', b"\n", b'{"text": "bb"}\r\n', b"   \n", b"\r\n", b'{"text": "\xd9\x86"}\n',
         b"\n", b'{"text": "last, no newline"}']


def line_starts(data: bytes) -> list[tuple[int, bytes]]:
    """The reference: (offset, line) cut at each "\n", the last line possibly without one."""
    out, position = [], 0
    for line in data.splitlines(keepends=True):  # no bare "\r" in the data: splits only at "\n"
        out.append((position, line))
        position += len(line)
    return out


def owned(path: Path, cuts: list[int]) -> list[tuple[int, bytes]]:
    """The lines of the ranges between consecutive cut points, in order."""
    return [line for start, end in pairwise(cuts) for line in inputs.json_lines(str(path), start, end)]


@pytest.fixture
def lines_file(tmp_path, monkeypatch) -> tuple[Path, bytes]:
    monkeypatch.setattr(inputs, "_BLOCK", 7)  # lines across read blocks too
    data = b"".join(random.Random(7).choices(LINES, k=40)) + LINES[-1]
    (tmp_path / "f.jsonl").write_bytes(data)
    return tmp_path / "f.jsonl", data


def test_whole_file_lines_are_the_reference(lines_file):
    path, data = lines_file
    assert list(inputs.json_lines(str(path))) == line_starts(data)
    assert data.count(b"\r\n") and not data.endswith(b"\n")


@settings(max_examples=60, deadline=None)
@given(fractions=st.lists(st.floats(0, 1), max_size=12))
def test_every_line_is_in_exactly_one_range(fractions, tmp_path_factory):
    data = b"".join(random.Random(len(fractions)).choices(LINES, k=30)) + LINES[-1]
    path = tmp_path_factory.mktemp("ranges") / "f.jsonl"
    path.write_bytes(data)
    cuts = sorted({0, len(data), *(int(f * len(data)) for f in fractions)})
    assert owned(path, cuts) == line_starts(data)


def test_ranges_starting_at_line_starts(lines_file):
    path, data = lines_file
    starts = [offset for offset, _ in line_starts(data)]
    assert owned(path, [*starts, len(data)]) == line_starts(data)  # one line per range
    assert owned(path, [0, starts[3], starts[3], starts[3] + 1, len(data) + 5]) == line_starts(data)


def test_byte_ranges_tile_the_files(lines_file):
    path, data = lines_file
    weighted = units.jsonl_units([(str(path), len(data)), ("other.jsonl", 0)], partitions=4)
    ranges = [unit for _, unit in weighted if unit[1] == str(path)]
    assert len(ranges) == 1  # below 1 MiB a file is one range
    assert units.byte_ranges("f", 10, 3) == [("jsonl", "f", 0, 2), ("jsonl", "f", 2, 5), ("jsonl", "f", 5, 7),
                                              ("jsonl", "f", 7, 10)]
    assert units.byte_ranges("f", 0, 3) == [("jsonl", "f", 0, 0)]
    assert units.split_size(10, 4) == units.MIN_SPLIT
    assert units.split_size(10 << 30, 4) == units.MAX_SPLIT
    assert units.split_size(300 << 20, 3) == 100 << 20
    cut = [unit for _, unit in units.jsonl_units([("f.jsonl", 5 << 20)], partitions=3)]
    assert [(u[2], u[3]) for u in cut] == [(0, 1747626), (1747626, 3495253), (3495253, 5242880)]


# Compressed JSON Lines and Parquet row groups.

def records(n: int) -> list[dict]:
    return [{"doc_id": f"d{i}", "text": f"نص رقم {i}", "published": "2015-07-21"} for i in range(n)]


@pytest.mark.parametrize(("name", "opener"), [("f.jsonl.gz", gzip.open), ("f.jsonl.bz2", bz2.open)])
def test_compressed_jsonl_is_one_unit_with_decompressed_offsets(tmp_path, name, opener):
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records(3)).encode()
    with opener(tmp_path / name, "wb") as out:
        out.write(data)
    path = str(tmp_path / name)
    (unit,) = [unit for _, unit in units.jsonl_units([(path, 10 << 20)], partitions=8)]
    assert unit == ("jsonl", path, 0, None)
    docs = list(inputs.read_unit(unit))
    assert [d.doc_id for d in docs] == ["d0", "d1", "d2"]
    assert [d.origin for d in docs] == [f"{path}:byte {o}" for o, _ in line_starts(data)]


def test_a_truncated_gzip_ends_its_unit_with_an_error(tmp_path, monkeypatch):
    monkeypatch.setattr(inputs, "_BLOCK", 1000)
    data = gzip.compress("".join(json.dumps(r) + "\n" for r in records(2000)).encode())
    (tmp_path / "cut.jsonl.gz").write_bytes(data[: len(data) // 2])
    items = list(inputs.read_unit(("jsonl", str(tmp_path / "cut.jsonl.gz"), 0, None)))
    assert all(isinstance(i, Document) for i in items[:-1]) and len(items) > 1
    assert isinstance(items[-1], ReadError) and "cannot read" in items[-1].reason


def test_parquet_row_groups_are_units_with_row_numbers_of_the_file(tmp_path):
    table = pa.Table.from_pylist(records(5)).append_column(
        "extra", pa.array([b"x"] * 5)).set_column(2, "published", pa.array(
            [datetime(2015, 7, 21, 23, tzinfo=UTC)] * 5, pa.timestamp("us", tz="UTC")))
    pq.write_table(table, tmp_path / "d.parquet", row_group_size=2)
    path = str(tmp_path / "d.parquet")
    weighted = units.parquet_units(path)
    assert [unit for _, unit in weighted] == [("parquet", path, 0, 0), ("parquet", path, 1, 2),
                                              ("parquet", path, 2, 4)]
    docs = [doc for _, unit in weighted for doc in inputs.read_unit(unit)]
    assert [(d.doc_id, d.origin) for d in docs] == [(f"d{n}", f"{path}:row {n}") for n in range(5)]
    assert {d.published for d in docs} == {"2015-07-21"}


def test_plan_lists_units_largest_first_and_unreadable_inputs_as_errors(tmp_path):
    (tmp_path / "a.warc.gz").write_bytes(b"x" * 10)
    with gzip.open(tmp_path / "warc.paths.gz", "wt") as manifest:
        manifest.write("crawl/1.warc.gz\n\n/abs/2.warc.gz\n")
    (tmp_path / "broken.parquet").write_bytes(b"not parquet")
    files = {"in": [(str(tmp_path / "a.warc.gz"), 10), (str(tmp_path / "warc.paths.gz"), 50),
                    (str(tmp_path / "broken.parquet"), 11), ("x.jsonl", 30), ("notes.txt", 5)]}
    work, errors = units.plan(["in", "missing"], files.get, partitions=2, prefix="s3a://cc/")
    assert work == [("jsonl", "x.jsonl", 0, 30), ("warc", str(tmp_path / "a.warc.gz")),
                    ("warc", "s3a://cc/crawl/1.warc.gz"), ("warc", "/abs/2.warc.gz")]
    assert [(e.location, e.reason.split(":")[0]) for e in errors] == [
        (str(tmp_path / "broken.parquet"), "cannot read"), ("notes.txt", "unknown input format (use --format)"),
        ("missing", "no such file, or an empty folder")]


# The task body: rows of documents and errors, written as Parquet parts.

def one_event(document):
    return Extraction(document.doc_id, document.text, [sample_event()])


def test_item_rows_of_documents_and_errors():
    out = partition.item_rows(Document("d1", "نص الخبر", "2015-08-03"), AT)
    assert [(table, month) for table, month, _ in out] == [("documents", "2015-08")]  # two words: no MinHash
    assert partition.item_rows(ReadError("f:byte 9", "broken JSON"), AT) == [
        ("errors", None, ("f:byte 9", "broken JSON", "read", AT))]


def test_an_extractor_crash_is_an_error_row(monkeypatch):
    def crash(document):
        raise ValueError("boom")

    monkeypatch.setattr(partition, "extract_document", crash)
    assert partition.item_rows(Document("d1", "x", origin="f:byte 0"), AT) == [
        partition.error("f:byte 0", "ValueError: boom", "extract", AT)]


def test_events_and_actors_go_to_the_event_month(monkeypatch):
    monkeypatch.setattr(partition, "extract_document", one_event)
    out = partition.item_rows(Document("d1", "x y z", "2020-01-01"), AT)
    assert [(table, month, row[0]) for table, month, row in out] == [
        ("documents", "2020-01", "d1"), ("signatures", None, "d1"), ("events", "2019-09", "d1#0"),
        ("event_actors", "2019-09", "d1#0"), ("event_actors", "2019-09", "d1#0"), ("event_actors", "2019-09", "d1#0")]
    assert out[0][2][9] == 1  # num_events


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def write_unit(monkeypatch, output: Path) -> tuple[int, int, int]:
    monkeypatch.setattr(partition, "extract_document", one_event)
    items = [Document("d1", "x y z", "2020-01-01"), Document("d2", "x", None), ReadError("f:byte 9", "broken")]
    return partition.write(items, str(output), "00003", AT)


def test_parts_land_in_their_month_with_the_store_columns(monkeypatch, tmp_path):
    assert write_unit(monkeypatch, tmp_path) == (2, 2, 1)
    assert set(files(tmp_path)) == {
        "documents/month=2020-01/part-00003.parquet", "documents/month=unknown/part-00003.parquet",
        "events/month=2019-09/part-00003.parquet", "event_actors/month=2019-09/part-00003.parquet",
        "signatures/part-00003.parquet", "errors/part-00003.parquet"}
    for table in rows.TABLES:
        for path in tmp_path.glob(f"{table}/**/*.parquet"):
            assert pq.read_schema(path).remove_metadata() == parts.SCHEMAS[table]  # no month column inside
    months = duckdb.sql(f"SELECT doc_id, month FROM '{tmp_path}/documents/*/*.parquet' ORDER BY 1").fetchall()
    assert months == [("d1", "2020-01"), ("d2", "unknown")]  # month comes from the folder


def test_a_second_attempt_writes_identical_files(monkeypatch, tmp_path):
    write_unit(monkeypatch, tmp_path)
    first = files(tmp_path)
    write_unit(monkeypatch, tmp_path)
    assert files(tmp_path) == first


def test_temporaries_are_invisible_until_commit(tmp_path):
    with parts.Parts(str(tmp_path), "00001") as unit:
        unit.add("errors", None, rows.error_row("f", "r", "read", AT))
        unit.commit = lambda: None  # keep it open: look at the attempt's files
        unit._flush(("errors", None))
        (hidden,) = files(tmp_path)
        assert hidden.startswith("errors/.part-00001.") and hidden.endswith(".tmp")
        assert not list(tmp_path.glob("**/*.parquet"))
    parts.finish(str(tmp_path))
    assert set(files(tmp_path)) == {"_SUCCESS"}  # leftovers of unfinished attempts are removed


def test_a_failed_attempt_leaves_nothing(tmp_path):
    with pytest.raises(RuntimeError), parts.Parts(str(tmp_path), "00002") as unit:
        unit.add("errors", None, rows.error_row("f", "r", "read", AT))
        unit._flush(("errors", None))
        raise RuntimeError
    assert files(tmp_path) == {}


def test_rows_are_written_in_row_groups(monkeypatch, tmp_path):
    monkeypatch.setattr(parts, "ROW_GROUP", 2)
    with parts.Parts(str(tmp_path), "00000") as unit:
        for n in range(5):
            unit.add("errors", None, rows.error_row(f"f:byte {n}", "r", "read", AT))
    meta = pq.read_metadata(tmp_path / "errors" / "part-00000.parquet")
    assert (meta.num_row_groups, meta.num_rows) == (3, 5)


def test_an_existing_output_needs_overwrite(tmp_path):
    out = tmp_path / "out"
    parts.prepare(str(out), overwrite=False)  # missing or empty: fine
    parts.prepare(str(out), overwrite=False)
    (out / "documents").mkdir()
    with pytest.raises(FileExistsError, match="--overwrite"):
        parts.prepare(str(out), overwrite=False)
    parts.prepare(str(out), overwrite=True)
    assert list(out.iterdir()) == []
