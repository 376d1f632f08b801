"""`marsad extract` on a text file, a folder and JSON Lines (spec §3 records out), and `marsad demo`."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from marsad.model import CONSULT_MODES, EVENT_TYPES, SECTORS

ROOT = Path(__file__).resolve().parents[1]
SPEC_FIELDS = {"event_id", "doc_id", "type", "mode", "cameo", "source", "target", "date", "date_precision",
               "location", "contexts", "evidence", "evidence_span", "confidence"}

MEETING = "التقى وزير الخارجية الأردني أيمن الصفدي اليوم في موسكو نظيره الروسي سيرغي لافروف.\n"
CONDEMNATION = "أدانت وزارة الخارجية المصرية اليوم الهجوم الإسرائيلي على قطاع غزة.\n"
SANCTIONS = "فرضت الولايات المتحدة اليوم عقوبات جديدة على إيران.\n"


def marsad_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "marsad.cli", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=300, check=False)


def events_of(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def assert_spec_record(record: dict) -> None:
    assert set(record) == SPEC_FIELDS
    assert record["type"] in EVENT_TYPES
    assert re.fullmatch(r"\d{3}", record["cameo"])
    assert record["mode"] is None or record["mode"] in CONSULT_MODES
    for actor in record["source"] + record["target"]:
        assert set(actor) == {"name", "country", "sector"}
        assert actor["sector"] in SECTORS
    assert record["source"]
    if record["date"] is not None:
        assert record["date_precision"] == {10: "day", 7: "month", 4: "year"}[len(record["date"])]
    assert record["location"] is None or set(record["location"]) == {"name", "country"}
    assert isinstance(record["contexts"], list)
    start, end = record["evidence_span"]
    assert isinstance(start, int) and isinstance(end, int) and 0 <= start < end
    assert len(record["evidence"]) == end - start
    assert 0.0 <= record["confidence"] <= 1.0
    assert record["event_id"] and record["doc_id"]


def test_a_text_file_with_published_resolves_relative_dates(tmp_path):
    article = tmp_path / "safadi.txt"
    article.write_text(MEETING, encoding="utf-8")
    done = marsad_cli("extract", "--input", str(article), "--published", "2021-03-10")
    assert done.returncode == 0, done.stderr
    (record,) = events_of(done.stdout)
    assert_spec_record(record)
    assert (record["type"], record["doc_id"], record["date"]) == ("CONSULT", "safadi", "2021-03-10")
    assert {a["name"] for a in record["source"] + record["target"]} == {"Ayman Safadi", "Sergey Lavrov"}


def test_without_published_the_relative_date_stays_null(tmp_path):
    article = tmp_path / "safadi.txt"
    article.write_text(MEETING, encoding="utf-8")
    (record,) = events_of(marsad_cli("extract", "--input", str(article)).stdout)
    assert record["date"] is None and record["date_precision"] is None


def test_a_folder_of_text_files_gives_events_named_by_file(tmp_path):
    (tmp_path / "a.txt").write_text(MEETING, encoding="utf-8")
    (tmp_path / "b.txt").write_text(CONDEMNATION, encoding="utf-8")
    (tmp_path / "notes.md").write_text(SANCTIONS, encoding="utf-8")  # not a .txt: not read
    done = marsad_cli("extract", "--input", str(tmp_path))
    assert done.returncode == 0, done.stderr
    records = events_of(done.stdout)
    for record in records:
        assert_spec_record(record)
    assert sorted((r["doc_id"], r["type"]) for r in records) == [("a", "CONSULT"), ("b", "ACCUSE")]


def test_json_lines_with_a_broken_line_extracts_the_others_and_reports_file_and_line(tmp_path):
    source = tmp_path / "articles.jsonl"
    lines = [
        json.dumps({"doc_id": "d1", "text": MEETING, "published": "2021-03-10", "url": "ignored"},
                   ensure_ascii=False),
        '{"doc_id": "d2", "text": "مقطوع',  # broken JSON
        json.dumps({"doc_id": "d3", "text": SANCTIONS, "published": "2022-04-12"}, ensure_ascii=False),
        json.dumps({"doc_id": "d4"}),  # no text
    ]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    output = tmp_path / "events.jsonl"
    done = marsad_cli("extract", "--input", str(source), "--output", str(output))
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""  # everything went to --output
    records = events_of(output.read_text(encoding="utf-8"))
    for record in records:
        assert_spec_record(record)
    assert sorted((r["doc_id"], r["type"], r["date"]) for r in records) == [
        ("d1", "CONSULT", "2021-03-10"), ("d3", "COERCE", "2022-04-12")]
    assert f"{source}:2" in done.stderr
    assert f"{source}:4" in done.stderr


def test_the_evidence_is_the_cleaned_text_under_the_span(tmp_path):
    article = tmp_path / "crawled.txt"
    article.write_text("الرئيسية | محليات | عربي ودولي | اقتصاد\nشارك على فيسبوك\n" + MEETING + "المصدر: بترا\n",
                       encoding="utf-8")
    (record,) = events_of(marsad_cli("extract", "--input", str(article), "--published", "2021-03-10").stdout)
    assert record["evidence"] == MEETING.strip()
    assert record["evidence_span"] == [0, len(MEETING.strip())]  # the menu and share bar are not in the cleaned text


def test_a_missing_input_fails_with_a_message(tmp_path):
    done = marsad_cli("extract", "--input", str(tmp_path / "nowhere.txt"))
    assert done.returncode != 0
    assert "nowhere.txt" in done.stderr
    assert done.stdout == ""


@pytest.fixture(scope="module")
def demo() -> subprocess.CompletedProcess:
    return marsad_cli("demo", "examples")


def test_demo_prints_a_table_and_exits_zero(demo):
    assert demo.returncode == 0, demo.stderr
    lines = demo.stdout.splitlines()
    assert lines[0].split()[:4] == ["doc", "type", "mode", "date"]
    assert set(lines[1]) == {"-"}
    assert any(line.startswith("ex-01") and "CONSULT" in line for line in lines)
    assert re.search(r"^\d+ events from 1\d articles", demo.stdout, re.MULTILINE)


def test_extract_reads_a_zip_and_an_html_page_as_ingest_does(tmp_path):
    import zipfile

    archive = tmp_path / "day.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("articles.jsonl", json.dumps({"doc_id": "z1", "text": MEETING, "published": "2021-03-10"},
                                                     ensure_ascii=False) + "\n")
    page = tmp_path / "page.html"
    page.write_text(f"<html><head><title>خبر</title></head><body><nav>الرئيسية | أخبار</nav>"
                    f"<article><p>{CONDEMNATION}</p></article></body></html>", encoding="utf-8")
    for path, wanted in ((archive, "CONSULT"), (page, "ACCUSE")):
        done = marsad_cli("extract", "--input", str(path), "--published", "2021-03-10")
        assert done.returncode == 0, done.stderr
        assert wanted in {r["type"] for r in events_of(done.stdout)}
