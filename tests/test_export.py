"""`marsad export`: every format, checked field by field on the meeting fixture.

The meeting fixture has two canonical events: one CONSULT reported by three articles of two
outlets (one a re-post) and one ACCUSE; by default each format has a row per canonical event.
"""

from __future__ import annotations

import csv
import json

import pyarrow.parquet as pq
import pytest

from marsad import __version__
from marsad.cli import main
from marsad.extracting.pipeline import current_model_version
from marsad.storing.export import FLAT_COLUMNS, GDELT_COLUMNS, export
from marsad.storing.gdelt import VERSION_COLUMNS
from marsad.storing.store import Store
from marsad.storing.versions import kb_fingerprint
from test_store import ingest_meeting

SPEC = ["event_id", "doc_id", "type", "mode", "cameo", "source", "target", "date", "date_precision", "location",
        "contexts", "evidence", "evidence_span", "confidence"]


@pytest.fixture
def store(tmp_path, monkeypatch):
    db = ingest_meeting(tmp_path / "m.duckdb", monkeypatch)
    with Store.open(db, read_only=True) as opened:
        yield opened


def lines(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_jsonl_is_spec_records_then_analysts_fields(store, tmp_path):
    out = tmp_path / "e.jsonl"
    assert export(store, "jsonl", out, mentions=True) == 4
    records = {r["event_id"]: r for r in lines(out)}
    rt = records["rt-7#0"]
    assert list(rt)[:len(SPEC)] == SPEC
    assert rt["source"] == [{"name": "Sergey Lavrov", "country": "RUS", "sector": "GOV"}]
    start = rt["evidence_span"][0]
    assert rt["date"] == "2019-09-17" and rt["evidence_span"] == [start, start + 6]
    assert (rt["quad_class"], rt["goldstein"]) == (1, 2.8)  # CAMEO 043, host a visit
    assert rt["admin1"] == "Cairo Governorate" and rt["geo_precision"] == "place"
    assert 29 < rt["latitude"] < 31 and 30 < rt["longitude"] < 32
    saba = records["saba-2#0"]
    assert (saba["quad_class"], saba["goldstein"], saba["geo_precision"]) == (3, -2.0, "country")
    assert 12 < saba["latitude"] < 19 and 42 < saba["longitude"] < 53  # Yemen's centroid
    assert {r["marsad_version"] for r in records.values()} == {__version__}
    assert {r["kb_version"] for r in records.values()} == {kb_fingerprint()}
    assert {r["model_version"] for r in records.values()} == {current_model_version()}  # the bundled model's


def test_canonical_rows_by_default_mentions_on_demand(store, tmp_path):
    assert export(store, "jsonl", tmp_path / "c.jsonl") == 2
    canonical = {r["type"]: r for r in lines(tmp_path / "c.jsonl")}
    consult = canonical["CONSULT"]
    assert consult["event_id"] == consult["story_id"] == "ahram-1#0"  # names both actors: the representative
    assert (consult["num_mentions"], consult["num_articles"], consult["num_sources"]) == (3, 2, 2)
    assert (canonical["ACCUSE"]["num_mentions"], canonical["ACCUSE"]["num_sources"]) == (1, 1)


def test_export_takes_the_filters_of_events(store, tmp_path):
    assert export(store, "jsonl", tmp_path / "a.jsonl", {"type": ["ACCUSE"]}) == 1
    assert export(store, "jsonl", tmp_path / "b.jsonl", {"source": "rt"}, mentions=True) == 1
    assert export(store, "jsonl", tmp_path / "c.jsonl", {"actor": "Lavrov"}, mentions=True) == 3
    assert export(store, "csv", tmp_path / "d.csv", {"since": "2019-09-17"}, mentions=True) == 1
    assert export(store, "gdelt", tmp_path / "e.tsv", {"country": "YEM"}) == 1


def test_csv_and_parquet_have_one_row_per_event(store, tmp_path):
    export(store, "csv", tmp_path / "e.csv", mentions=True)
    with (tmp_path / "e.csv").open(encoding="utf-8") as handle:
        rows = {r["event_id"]: r for r in csv.DictReader(handle)}
    assert len(rows) == 4 and list(next(iter(rows.values()))) == list(FLAT_COLUMNS)
    assert rows["ahram-1#0"]["source_names"] == "Abdel Fattah el-Sisi"
    assert rows["ahram-1#0"]["story_id"] == "ahram-1#0" and rows["masrawy-3#0"]["story_id"] == "ahram-1#0"
    assert rows["ahram-1#0"]["goldstein"] == "2.8" and rows["ahram-1#0"]["admin1"] == "Cairo Governorate"
    assert rows["ahram-1#0"]["marsad_version"] == __version__
    export(store, "parquet", tmp_path / "e.parquet", mentions=True)
    table = pq.read_table(tmp_path / "e.parquet").to_pylist()
    assert {r["event_id"] for r in table} == set(rows)
    saba = next(r for r in table if r["doc_id"] == "saba-2")
    assert saba["target_countries"] == ["UNO"] and saba["quad_class"] == 3 and saba["goldstein"] == -2.0
    assert saba["latitude"] is not None and saba["kb_version"] == kb_fingerprint()


def test_plover_field_names(store, tmp_path):
    export(store, "plover", tmp_path / "p.jsonl", mentions=True)
    records = {r["event_id"]: r for r in lines(tmp_path / "p.jsonl")}
    saba = records["saba-2#0"]
    assert saba["event_type"] == "ACCUSE" and saba["event_date"] == "2019-09-16"
    assert (saba["source_actor"], saba["source_agent"]) == ("YEM", "GOV")
    target = (saba["target_actor"], saba["target_agent"], saba["target_name"])
    assert target == ("UNO", "IGO", "United Nations")
    assert saba["context"] == [] and saba["publisher"] == "saba"
    assert (saba["quad_class"], saba["goldstein"]) == (3, -2.0) and saba["location"]["latitude"] is not None
    assert saba["marsad_version"] == __version__ and saba["kb_version"] == kb_fingerprint()
    assert records["ahram-1#0"]["context"] == ["diplomacy"]


def test_gdelt_has_the_61_columns_in_order_then_the_versions(store, tmp_path):
    export(store, "gdelt", tmp_path / "g.tsv", mentions=True)
    found = (tmp_path / "g.tsv").read_text(encoding="utf-8").splitlines()
    assert len(GDELT_COLUMNS) == 61
    assert GDELT_COLUMNS[0] == "GLOBALEVENTID" and GDELT_COLUMNS[-1] == "SOURCEURL"
    assert GDELT_COLUMNS[26] == "EventCode" and GDELT_COLUMNS[35] == "Actor1Geo_Type"
    columns = GDELT_COLUMNS + VERSION_COLUMNS
    rows = [dict(zip(columns, line.split("\t"), strict=True)) for line in found]
    ahram = next(r for r in rows if r["SOURCEURL"] == "https://ahram.example/1")
    assert (ahram["SQLDATE"], ahram["MonthYear"], ahram["Year"]) == ("20190916", "201909", "2019")
    assert (ahram["Actor1Code"], ahram["Actor1Name"], ahram["Actor1CountryCode"]) == (
        "EGYGOV", "Abdel Fattah el-Sisi", "EGY")
    assert (ahram["EventCode"], ahram["EventBaseCode"], ahram["EventRootCode"], ahram["QuadClass"]) == (
        "043", "043", "04", "1")
    assert ahram["GoldsteinScale"] == "2.8"
    assert (ahram["NumMentions"], ahram["NumSources"], ahram["NumArticles"]) == ("3", "2", "2")
    assert ahram["IsRootEvent"] == "1" and ahram["AvgTone"] == "" and len(ahram["DATEADDED"]) == 14
    assert ahram["ActionGeo_Type"] == "4" and ahram["ActionGeo_FullName"].startswith("Cairo, Cairo Governorate")
    assert 29 < float(ahram["ActionGeo_Lat"]) < 31 and 30 < float(ahram["ActionGeo_Long"]) < 32
    assert ahram["marsad_version"] == __version__ and ahram["kb_version"] == kb_fingerprint()
    saba = next(r for r in rows if r["SOURCEURL"] == "https://saba.example/2")
    actor2 = (saba["Actor2Code"], saba["Actor2KnownGroupCode"], saba["Actor2CountryCode"])
    assert actor2 == ("IGOUNO", "UNO", "")
    assert saba["ActionGeo_Type"] == "1" and saba["GoldsteinScale"] == "-2.0" and saba["ActionGeo_Lat"]
    assert len({r["GLOBALEVENTID"] for r in rows}) == 4


def test_cli_export(store, tmp_path, capsys):
    out = tmp_path / "cli.jsonl"
    assert main(["export", "--db", store.path, "--format", "jsonl", "--output", str(out)]) == 0
    assert len(out.read_text().splitlines()) == 2
    assert "2 canonical events" in capsys.readouterr().err
    assert main(["export", "--db", store.path, "--format", "csv", "--output", str(out), "--mentions",
                 "--type", "consult"]) == 0
    assert len(out.read_text().splitlines()) == 1 + 3
    assert main(["export", "--db", store.path, "--format", "csv", "--output", str(out), "--type", "MEET"]) == 2
    assert "unknown --type MEET" in capsys.readouterr().err
