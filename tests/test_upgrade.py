"""A store written by an earlier Marsad (no date flags, stamps or representative events) is brought up to
date when a command opens it — read-only or as the writer of a server that watches or takes corrections —
and then answers like a new one."""

from __future__ import annotations

import json

import duckdb
import pytest
from fastapi.testclient import TestClient

from marsad.cli import main
from marsad.serving.app import create_app
from marsad.storing.corrections import correct
from marsad.storing.store import Store
from test_store import ingest_meeting

OLD_COLUMNS = ("date_flag", "date_original", "marsad_version", "kb_version", "model_version")


def old_store(path, monkeypatch):
    db = ingest_meeting(path, monkeypatch)
    with duckdb.connect(str(db)) as con:  # as the previous Marsad left it
        for column in OLD_COLUMNS:
            con.execute(f"ALTER TABLE events DROP COLUMN {column}")
        con.execute("UPDATE events SET date = '2020-01-01', date_start = DATE '2020-01-01' "
                    "WHERE event_id = 'rt-7#0'")
    return db


def test_an_old_store_is_upgraded_on_first_read(tmp_path, monkeypatch, capsys):
    db = old_store(tmp_path / "old.duckdb", monkeypatch)
    assert main(["events", "--db", str(db), "--format", "json", "--mentions", "--source", "rt"]) == 0
    [event] = json.loads(capsys.readouterr().out)
    assert event["date"] == "2019-09-17" and event["date_flag"] == "after_publication"
    assert event["date_original"] == "2020-01-01" and event["marsad_version"] is None  # not extracted again


@pytest.mark.parametrize("token", [None, "a-review-token-of-some-length"])
def test_an_old_store_is_upgraded_when_served(tmp_path, monkeypatch, token):
    db = old_store(tmp_path / "old.duckdb", monkeypatch)
    with TestClient(create_app(db, review_token=token)) as client:
        [event] = client.get("/api/events", params={"mentions": "true", "source": "rt"}).json()["events"]
        assert (event["date"], event["date_flag"]) == ("2019-09-17", "after_publication")
        assert client.get("/api/status").json()["writable"] is (token is not None)


def test_a_reviewed_old_store_exports_its_corrections(tmp_path, monkeypatch, capsys):
    db = ingest_meeting(tmp_path / "reviewed.duckdb", monkeypatch)
    with Store.open(db) as store:
        correct(store, "confirm", "Huda", event_id="rt-7#0")
    with duckdb.connect(str(db)) as con:  # reviewed before the columns existed
        for column in OLD_COLUMNS:
            con.execute(f"ALTER TABLE events DROP COLUMN {column}")
    assert main(["corrections", "list", "--db", str(db)]) == 0
    assert main(["corrections", "export", "--db", str(db), "--output", str(tmp_path / "gold.jsonl")]) == 0
    assert "exported 1 reviewed documents" in capsys.readouterr().err
