"""A store written by an earlier Marsad (no date flags, stamps or representative events) is brought up to
date when a read-only command opens it, and then answers like a new one."""

from __future__ import annotations

import json

import duckdb

from marsad.cli import main
from test_store import ingest_meeting

OLD_COLUMNS = ("date_flag", "date_original", "marsad_version", "kb_version", "model_version")


def test_an_old_store_is_upgraded_on_first_read(tmp_path, monkeypatch, capsys):
    db = ingest_meeting(tmp_path / "old.duckdb", monkeypatch)
    with duckdb.connect(str(db)) as con:  # as the previous Marsad left it
        for column in OLD_COLUMNS:
            con.execute(f"ALTER TABLE events DROP COLUMN {column}")
        con.execute("UPDATE events SET date = '2020-01-01', date_start = DATE '2020-01-01' "
                    "WHERE event_id = 'rt-7#0'")
    assert main(["events", "--db", str(db), "--format", "json", "--mentions", "--source", "rt"]) == 0
    [event] = json.loads(capsys.readouterr().out)
    assert event["date"] == "2019-09-17" and event["date_flag"] == "after_publication"
    assert event["date_original"] == "2020-01-01" and event["marsad_version"] is None  # not extracted again
