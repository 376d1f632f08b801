"""`marsad load` on a spark-extract-shaped output written with pyarrow (no Spark needed)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from marsad.cli import main
from marsad.engines import rows
from marsad.engines.load import load
from marsad.model import Actor, Document, Event, Extraction
from marsad.storing.dedup import signature

AT = datetime(2024, 1, 2)
ARROW = {
    "string": pa.string(), "binary": pa.binary(), "date": pa.date32(), "timestamp": pa.timestamp("us"),
    "int": pa.int32(), "bigint": pa.int64(), "tinyint": pa.int8(), "double": pa.float64(),
    "strings": pa.list_(pa.string()),
}
TEXT = "التقى وزير الخارجية الروسي سيرغي لافروف نظيره المصري سامح شكري في موسكو"


def write_output(directory: Path, documents: list[Document]) -> None:
    """What spark-extract writes for `documents`, each with one CONSULT event."""
    tables: dict[str, list[tuple]] = {table: [] for table in rows.TABLES}
    for doc in documents:
        event = Event("CONSULT", "040", [Actor("Sergey Lavrov", "RUS", "GOV")], [Actor(None, "EGY", "GOV")],
                      date=doc.published, evidence=TEXT, evidence_span=(0, 20))
        extraction = Extraction(doc.doc_id, doc.text, rows.numbered(doc.doc_id, [event]))
        tables["documents"].append(rows.document_row(doc, extraction, AT))
        tables["signatures"].append((doc.doc_id, signature(doc.text)))
        tables["events"].append(rows.event_row(event))
        tables["event_actors"].extend(rows.actor_rows(event))
    tables["errors"].append(rows.error_row("x.jsonl:byte 7", "broken JSON", "read", AT))
    for table, data in tables.items():
        columns = rows.TABLES[table]
        schema = pa.schema([(name, ARROW[kind]) for name, kind in columns])
        (directory / table / "month=2019-09").mkdir(parents=True)
        pq.write_table(pa.Table.from_pylist([dict(zip(schema.names, r, strict=True)) for r in data], schema),
                       directory / table / "month=2019-09" / "part-0.parquet")


def counts(db: Path) -> dict[str, int]:
    with duckdb.connect(str(db)) as con:
        tables = ("documents", "events", "event_actors", "signatures", "errors", "actors", "stories")
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def test_load_is_idempotent_and_fills_the_store(tmp_path):
    docs = [Document("a", TEXT, "2019-09-16"), Document("b", TEXT + " أمس", "2019-09-17"),
            Document("a", TEXT, "2019-09-16")]  # "a" twice: loaded once
    write_output(tmp_path / "out", docs)
    db = tmp_path / "store.duckdb"
    added = load(tmp_path / "out", db)
    assert {t: added[t] for t in ("documents", "events", "event_actors", "errors")} == {
        "documents": 2, "events": 2, "event_actors": 4, "errors": 1}
    expected = {"documents": 2, "events": 2, "event_actors": 4, "signatures": 2, "errors": 1,
                "actors": 2, "stories": added["stories"]}
    assert counts(db) == expected
    assert set(load(tmp_path / "out", db).values()) == {0}
    assert counts(db) == expected
    with duckdb.connect(str(db)) as con:
        docs = con.execute("SELECT doc_id, seq, cluster_id FROM documents ORDER BY seq").fetchall()
    assert docs == [("a", 1, "a"), ("b", 2, "a")]  # near-duplicate of "a"


def test_load_command(tmp_path, capsys):
    write_output(tmp_path / "out", [Document("a", TEXT, "2019-09-16")])
    assert main(["load", str(tmp_path / "out"), "--db", str(tmp_path / "s.duckdb")]) == 0
    assert "1 documents" in capsys.readouterr().out
    assert main(["load", str(tmp_path / "missing"), "--db", str(tmp_path / "s.duckdb")]) == 2
