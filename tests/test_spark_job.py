"""spark-extract on local[2]: same events as the in-process extractor, bad records in errors/, loadable."""

from __future__ import annotations

import gzip
import io
import os
import shutil
from collections import defaultdict
from pathlib import Path

import duckdb
import pytest

from marsad import extract_document
from marsad.engines import rows
from marsad.engines.load import load
from marsad.model import ReadError
from marsad.reading import read_paths, to_document
from test_spark_rows import spec_dict

pytest.importorskip("pyspark", reason="pyspark is not installed (pip install 'marsad[spark]')")
if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
    pytest.skip("Java is not installed: Spark needs a JVM", allow_module_level=True)

pytestmark = pytest.mark.spark
SAMPLE = Path(__file__).parent / "fixtures" / "spark" / "sample.jsonl"
PAGES = [
    ("http://news.example/1", "<p>استقبل وزير الخارجية الأردني أيمن الصفدي في عمان اليوم المبعوث الأممي "
     "إلى سوريا غير بيدرسن، وبحث معه مستجدات الأزمة السورية والجهود المبذولة للتوصل إلى حل سياسي.</p>"),
    ("http://news.example/2", "<p>اتهمت الحكومة اليمنية جماعة الحوثي باستهداف الأحياء السكنية في مدينة "
     "تعز بالقذائف، ما أدى إلى سقوط ضحايا من المدنيين بينهم أطفال ونساء، وفق مصادر محلية.</p>"),
]


def write_warc(path: Path, pages: list[tuple[str, str]]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for url, body in pages:
            html = f"<html><head><title>خبر</title></head><body><article>{body * 3}</article></body></html>"
            content_type = [("Content-Type", "text/html; charset=utf-8")]
            headers = StatusAndHeaders("200 OK", content_type, protocol="HTTP/1.0")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(html.encode()), http_headers=headers))
        writer.write_record(writer.create_warc_record("http://news.example/robots.txt", "request",
                                                      payload=io.BytesIO(b"GET /")))


@pytest.fixture(scope="module")
def spark():
    from marsad.engines.spark import session

    spark = session("local[2]", {"spark.ui.enabled": "false", "spark.sql.shuffle.partitions": "2",
                                 "spark.default.parallelism": "2"})
    yield spark
    spark.stop()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("inputs")
    shutil.copy(SAMPLE, folder / "sample.jsonl")
    write_warc(folder / "pages.warc.gz", PAGES)
    broken = folder / "broken.warc.gz"
    write_warc(broken, [(url + "?copy", body) for url, body in PAGES])
    data = broken.read_bytes()
    broken.write_bytes(data[: len(data) * 2 // 3])  # truncated in its second record
    (folder / "bad.jsonl").write_text('{"doc_id": "x", "text": ""}\n{broken json\n', encoding="utf-8")
    (folder / "notes.txt").write_text("not an input", encoding="utf-8")
    with gzip.open(folder / "warc.paths.gz", "wt") as manifest:
        manifest.write("pages.warc.gz\n")
    return {"folder": folder, "manifest": folder / "warc.paths.gz"}


@pytest.fixture(scope="module")
def output(spark, inputs, tmp_path_factory) -> Path:
    from marsad.engines.spark import run

    out = tmp_path_factory.mktemp("out") / "tables"
    folder = inputs["folder"]
    names = ("sample.jsonl", "pages.warc.gz", "broken.warc.gz", "bad.jsonl", "notes.txt", "missing.jsonl")
    result = run(spark, [str(folder / name) for name in names], str(out), partitions=3)
    assert (result.documents, result.events) == (count(out, "documents"), count(out, "events"))
    assert result.errors == count(out, "errors")
    return out


def count(out: Path, table: str) -> int:
    if not list((out / table).glob("**/*.parquet")):
        return 0
    return duckdb.sql(f"SELECT count(*) FROM '{out / table}/**/*.parquet'").fetchall()[0][0]


def table(out: Path, name: str) -> list[tuple]:
    if not list((out / name).glob("**/*.parquet")):
        return []
    columns = ", ".join(f'"{c}"' for c, _ in rows.TABLES[name])
    return duckdb.sql(f"SELECT {columns} FROM '{out / name}/**/*.parquet'").fetchall()


def in_process(paths: list[Path]) -> tuple[set[str], list[dict]]:
    """Doc ids and spec §3 events of the same inputs, read and extracted in this process."""
    doc_ids, events = set(), []
    for item in read_paths(paths):
        document = item if isinstance(item, ReadError) else to_document(item)
        if isinstance(document, ReadError):
            continue
        doc_ids.add(document.doc_id)
        events += [e.to_dict() for e in rows.numbered(document.doc_id, extract_document(document).events)]
    return doc_ids, events


def test_events_are_those_of_the_in_process_extractor(output, inputs):
    folder = inputs["folder"]
    good = ("sample.jsonl", "pages.warc.gz", "broken.warc.gz")
    doc_ids, expected = in_process([folder / name for name in good])
    assert {row[0] for row in table(output, "documents")} == doc_ids
    assert len(doc_ids) >= 6 + 2 + 1  # the truncated WARC keeps at least its first page
    actors = defaultdict(list)
    for actor in table(output, "event_actors"):
        actors[actor[0]].append(actor)
    got = [spec_dict(event, actors[event[0]]) for event in table(output, "events")]
    key = lambda e: e["event_id"]  # noqa: E731
    assert sorted(got, key=key) == sorted(expected, key=key)


def test_tables_are_partitioned_by_month(output):
    months = {p.name for p in (output / "documents").glob("month=*")}
    assert {"month=2019-09", "month=2019-10", "month=unknown"} <= months  # WARC pages: their crawl month


def test_bad_records_go_to_errors(output):
    errors = table(output, "errors")
    reasons = {(Path(loc.split(":byte")[0].split(":after")[0].split(":record")[0]).name, stage)
               for loc, _, stage, _ in errors}
    assert {("bad.jsonl", "read"), ("broken.warc.gz", "read"), ("notes.txt", "read"),
            ("missing.jsonl", "read")} <= reasons
    assert any("broken JSON" in reason for _, reason, _, _ in errors)
    assert any("truncated" in reason for _, reason, _, _ in errors)


def test_manifest_of_warc_paths(spark, inputs, tmp_path):
    from marsad.engines.spark import run

    result = run(spark, [str(inputs["manifest"])], str(tmp_path / "m"), prefix=str(inputs["folder"]))
    assert (result.documents, result.errors) == (2, 0)
    assert {row[2] for row in table(tmp_path / "m", "documents")} == {url for url, _ in PAGES}


def test_load_gives_the_same_counts_and_is_idempotent(output, tmp_path):
    db = tmp_path / "store.duckdb"
    first = load(output, db)
    for name in ("documents", "events", "event_actors", "errors"):
        assert first[name] == count(output, name), name
    assert set(load(output, db).values()) == {0}
    with duckdb.connect(str(db)) as con:
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == count(output, "documents")


def test_parquet_input(spark, output, tmp_path):
    """Our own documents table read back as Parquet input: every document comes through."""
    from marsad.engines.spark import run

    files = [str(p) for p in (output / "documents").glob("**/*.parquet")]
    result = run(spark, files, str(tmp_path / "p"))
    assert (result.documents, result.errors) == (count(output, "documents"), 0)


def test_output_is_marked_complete_without_temporaries(output):
    assert (output / "_SUCCESS").is_file()
    assert not [p for p in output.rglob(".*") if p.is_file()]


def test_an_existing_output_needs_overwrite(spark, inputs, tmp_path):
    from marsad.engines.spark import run

    sample = [str(inputs["folder"] / "sample.jsonl")]
    first = run(spark, sample, str(tmp_path / "o"))
    with pytest.raises(FileExistsError, match="--overwrite"):
        run(spark, sample, str(tmp_path / "o"))
    again = run(spark, sample, str(tmp_path / "o"), overwrite=True)
    assert (again.documents, again.events) == (first.documents, first.events) == (count(tmp_path / "o", "documents"),
                                                                                  count(tmp_path / "o", "events"))
