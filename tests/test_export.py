"""`marsad export`: every format, checked field by field on the meeting fixture."""

from __future__ import annotations

import csv
import json

import pyarrow.parquet as pq
import pytest

from marsad.cli import main
from marsad.storing.export import GDELT_COLUMNS, export
from marsad.storing.store import Store
from test_store import ingest_meeting


@pytest.fixture
def store(tmp_path, monkeypatch):
    db = ingest_meeting(tmp_path / "m.duckdb", monkeypatch)
    with Store.open(db, read_only=True) as opened:
        yield opened


def test_jsonl_is_spec_records(store, tmp_path):
    out = tmp_path / "e.jsonl"
    assert export(store, "jsonl", out) == 4
    records = {r["event_id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    rt = records["rt-7#0"]
    assert list(rt) == ["event_id", "doc_id", "type", "mode", "cameo", "source", "target", "date",
                        "date_precision", "location", "contexts", "evidence", "evidence_span", "confidence"]
    assert rt["source"] == [{"name": "Sergey Lavrov", "country": "RUS", "sector": "GOV"}]
    start = rt["evidence_span"][0]
    assert rt["date"] == "2019-09-17" and rt["evidence_span"] == [start, start + 6]


def test_csv_and_parquet_have_one_row_per_event(store, tmp_path):
    export(store, "csv", tmp_path / "e.csv")
    with (tmp_path / "e.csv").open(encoding="utf-8") as handle:
        rows = {r["event_id"]: r for r in csv.DictReader(handle)}
    assert len(rows) == 4
    assert rows["ahram-1#0"]["source_names"] == "Abdel Fattah el-Sisi"
    assert rows["ahram-1#0"]["story_id"] == "ahram-1#0" and rows["masrawy-3#0"]["story_id"] == "ahram-1#0"
    export(store, "parquet", tmp_path / "e.parquet")
    table = pq.read_table(tmp_path / "e.parquet").to_pylist()
    assert {r["event_id"] for r in table} == set(rows)
    saba = next(r for r in table if r["doc_id"] == "saba-2")
    assert saba["target_countries"] == ["UNO"] and saba["quad_class"] == 3


def test_plover_field_names(store, tmp_path):
    export(store, "plover", tmp_path / "p.jsonl")
    records = {r["event_id"]: r for r in map(json.loads, (tmp_path / "p.jsonl").read_text().splitlines())}
    saba = records["saba-2#0"]
    assert saba["event_type"] == "ACCUSE" and saba["event_date"] == "2019-09-16"
    assert (saba["source_actor"], saba["source_agent"]) == ("YEM", "GOV")
    target = (saba["target_actor"], saba["target_agent"], saba["target_name"])
    assert target == ("UNO", "IGO", "United Nations")
    assert saba["context"] == [] and saba["publisher"] == "saba"
    assert records["ahram-1#0"]["context"] == ["diplomacy"]


def test_gdelt_has_the_61_columns_in_order(store, tmp_path):
    export(store, "gdelt", tmp_path / "g.tsv")
    lines = (tmp_path / "g.tsv").read_text(encoding="utf-8").splitlines()
    assert len(GDELT_COLUMNS) == 61
    assert GDELT_COLUMNS[0] == "GLOBALEVENTID" and GDELT_COLUMNS[-1] == "SOURCEURL"
    assert GDELT_COLUMNS[26] == "EventCode" and GDELT_COLUMNS[35] == "Actor1Geo_Type"
    rows = [dict(zip(GDELT_COLUMNS, line.split("\t"), strict=True)) for line in lines]
    ahram = next(r for r in rows if r["SOURCEURL"] == "https://ahram.example/1")
    assert (ahram["SQLDATE"], ahram["MonthYear"], ahram["Year"]) == ("20190916", "201909", "2019")
    assert (ahram["Actor1Code"], ahram["Actor1Name"], ahram["Actor1CountryCode"]) == (
        "EGYGOV", "Abdel Fattah el-Sisi", "EGY")
    assert (ahram["EventCode"], ahram["EventBaseCode"], ahram["EventRootCode"], ahram["QuadClass"]) == (
        "043", "043", "04", "1")
    assert (ahram["NumMentions"], ahram["NumSources"], ahram["NumArticles"]) == ("3", "2", "2")
    assert ahram["IsRootEvent"] == "1" and ahram["AvgTone"] == "" and len(ahram["DATEADDED"]) == 14
    saba = next(r for r in rows if r["SOURCEURL"] == "https://saba.example/2")
    actor2 = (saba["Actor2Code"], saba["Actor2KnownGroupCode"], saba["Actor2CountryCode"])
    assert actor2 == ("IGOUNO", "UNO", "")
    assert len({r["GLOBALEVENTID"] for r in rows}) == 4


def test_cli_export(store, tmp_path, capsys):
    out = tmp_path / "cli.jsonl"
    assert main(["export", "--db", store.path, "--format", "jsonl", "--output", str(out)]) == 0
    assert len(out.read_text().splitlines()) == 4
