"""`marsad ingest`: bad input becomes error rows, re-runs add nothing, kill -9 loses nothing."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

from marsad.cli import main
from marsad.storing.ingest import ingest
from marsad.storing.store import Store

FIXTURES = Path(__file__).parent / "fixtures" / "store"
WORDS = (
    "الرئيس", "الوزير", "الحكومة", "القاهرة", "الرياض", "موسكو", "اجتماع", "بحث", "العلاقات", "الثنائية",
    "التعاون", "الاقتصادي", "الملف", "السوري", "المفاوضات", "الأمم", "المتحدة", "المبعوث", "وزارة",
    "الخارجية", "بيان", "صحفي", "مؤتمر", "قمة", "اتفاق",
)


def bad_inputs(folder: Path) -> Path:
    folder.mkdir()
    (folder / "ok.txt").write_text("خبر صحيح عن اجتماع وزير الخارجية مع نظيره في الرياض", encoding="utf-8")
    (folder / "bytes.txt").write_bytes(b"\xff\xfe\xfd broken")
    (folder / "lines.jsonl").write_text('{"id": "j1", "text": "خبر أول طويل للقراءة"}\n{"id": "j2", "te\n')
    (folder / "broken.zip").write_bytes(b"PK\x03\x04 this is not really a zip")
    (folder / "empty.html").write_text("<html><head><script>x()</script></head><body></body></html>")
    html = (FIXTURES / "page.html").read_bytes()
    record = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://a.example/1\r\n"
              b"Content-Type: application/http; msgtype=response\r\nContent-Length: 9999\r\n\r\n"
              b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + html[:300])
    (folder / "cut.warc").write_bytes(record)
    return folder


def test_bad_records_become_error_rows_and_the_rest_is_ingested(tmp_path):
    folder = bad_inputs(tmp_path / "in")
    db = tmp_path / "s.duckdb"
    counts = ingest([folder, tmp_path / "missing.json"], db)
    assert (counts.added, counts.errors) == (2, 6)
    with Store.open(db, read_only=True) as store:
        errors = {Path(e["location"].split(":")[0]).name: e["reason"] for e in store.errors()}
        assert store.stats()["documents"] == 2
    assert set(errors) == {"bytes.txt", "lines.jsonl", "broken.zip", "empty.html", "cut.warc", "missing.json"}
    assert "undecodable" in errors["bytes.txt"] and "broken JSON" in errors["lines.jsonl"]
    assert "corrupt zip" in errors["broken.zip"] and "truncated" in errors["cut.warc"]
    again = ingest([folder, tmp_path / "missing.json"], db)
    assert again.added == 0
    with Store.open(db, read_only=True) as store:
        assert store.stats()["errors"] == 6  # one row per location and reason, however often seen


def generated_corpus(path: Path, documents: int) -> Path:
    """A SaudiNewsNet-shaped zip: random articles, every tenth a re-post, a few empty ones."""
    rng = random.Random(7)
    records = []
    for n in range(documents):
        fresh = " ".join(rng.choice(WORDS) for _ in range(120))
        text = records[n - 5]["content"] + " المصدر" if n % 10 == 9 else fresh
        records.append({"source": f"outlet{n % 5}", "url": f"https://news.example/{n}",
                        "date_extracted": f"2015-08-{1 + n % 28:02d} 10:00:00", "title": f"خبر {n}",
                        "content": "" if n % 500 == 7 else text})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("2015-08-01.json", json.dumps(records, ensure_ascii=False))
    return path


TABLES = ("documents", "signatures", "events", "event_actors", "actors", "stories", "errors")


def snapshot(db: Path) -> dict:
    with Store.open(db, read_only=True) as store:
        con = store.con
        return {
            "counts": {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES},
            "documents": con.execute(
                "SELECT doc_id, cluster_id, seq, num_events FROM documents ORDER BY seq").fetchall(),
            "events": con.execute("SELECT event_id, story_id FROM events ORDER BY event_id").fetchall(),
        }


# The child says when a batch is committed, so the kill lands after one for sure (watching the WAL's
# size raced with DuckDB writing the first batch's commit).
INGEST_SCRIPT = """
import sys
from marsad.storing.ingest import ingest
from marsad.storing.store import Store
write = Store.write
def write_and_say(store, batch, *also):
    write(store, batch, *also)
    print("committed", flush=True)
Store.write = write_and_say
ingest([sys.argv[1]], sys.argv[2], batch_size=100)
"""


def test_kill_9_midway_then_rerun_equals_a_clean_run(tmp_path):
    corpus = generated_corpus(tmp_path / "2015-08-01.zip", 2000)
    clean, killed = tmp_path / "clean.duckdb", tmp_path / "killed.duckdb"
    ingest([corpus], clean, batch_size=100)
    process = subprocess.Popen([sys.executable, "-c", INGEST_SCRIPT, str(corpus), str(killed)],
                               stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "committed"
    assert process.poll() is None, "the ingest finished before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    process.stdout.close()
    with Store.open(killed, read_only=True) as store:
        partial = store.stats()["documents"]
    assert 0 < partial < 1996
    rerun = ingest([corpus], killed, batch_size=100)
    assert rerun.skipped == partial
    assert snapshot(killed) == snapshot(clean)
    assert snapshot(clean)["counts"]["documents"] == 1996  # 2000 minus 4 empty ones


def test_two_workers_give_the_same_store_as_one(tmp_path):
    corpus = generated_corpus(tmp_path / "c.zip", 600)
    ingest([corpus], tmp_path / "one.duckdb")
    ingest([corpus], tmp_path / "two.duckdb", workers=2)
    one, two = snapshot(tmp_path / "one.duckdb"), snapshot(tmp_path / "two.duckdb")
    assert one == two
    clusters = {cluster for _, cluster, _, _ in one["documents"]}
    assert len(clusters) == one["counts"]["documents"] - 60  # the 60 re-posts joined their originals


def test_meeting_story_end_to_end_with_the_real_extractor(tmp_path):
    db = tmp_path / "s.duckdb"
    ingest([FIXTURES / "meeting.jsonl"], db)
    with Store.open(db, read_only=True) as store:
        stories = store.stories(type="CONSULT")
        consult = [s for s in stories if {"EGY", "RUS"} <= set(s["actor_key"].split("+"))]
        assert len(consult) == 1
        assert (consult[0]["num_documents"], consult[0]["num_sources"]) == (2, 2)
        assert ids_of(store.events(story=consult[0]["story_id"])) == {"ahram-1", "rt-7", "masrawy-3"}


def ids_of(events) -> set[str]:
    return {e["doc_id"] for e in events}


def test_cli_ingest_events_and_stats(tmp_path, capsys):
    db = str(tmp_path / "cli.duckdb")
    assert main(["ingest", str(FIXTURES / "meeting.jsonl"), "--db", db, "--id-field", "url"]) == 0
    assert "added 4" in capsys.readouterr().err
    assert main(["events", "--db", db, "--format", "json", "--source", "rt", "--type", "CONSULT",
                 "--mentions"]) == 0
    events = json.loads(capsys.readouterr().out)
    assert events and {e["doc_id"] for e in events} == {"https://rt.example/7"}
    assert main(["events", "--db", db, "--format", "json", "--source", "rt", "--type", "CONSULT"]) == 0
    [canonical] = json.loads(capsys.readouterr().out)  # the story rt reported, shown by its representative
    assert canonical["event_id"] == canonical["story_id"] and canonical["num_sources"] == 2
    assert main(["events", "--db", db, "--actor", "لافروف"]) == 0
    table = capsys.readouterr().out
    assert "CONSULT" in table and "Sergey Lavrov" in table
    assert main(["stats", "--db", db, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["documents"] == 4
    assert main(["events", "--db", str(tmp_path / "none.duckdb")]) == 2


def test_the_command_line_starts_without_datasketch_and_scipy():
    """MinHash's library (and the scipy it pulls in) loads only when a text is signed: `marsad --help`
    and the query commands start in a fraction of a second."""
    import subprocess
    import sys

    code = ("import sys\nfrom marsad.cli import build_parser\nbuild_parser().format_help()\n"
            "assert not [m for m in sys.modules if m.startswith(('datasketch', 'scipy'))], 'datasketch imported'\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_published_dates_plain_text_files(tmp_path, capsys):
    (tmp_path / "note.txt").write_text("التقى وزير الخارجية الروسي سيرغي لافروف اليوم نظيره المصري سامح شكري في موسكو.",
                                       encoding="utf-8")
    db = str(tmp_path / "p.duckdb")
    assert main(["ingest", str(tmp_path / "note.txt"), "--db", db, "--published", "2019-09-16", "--quiet"]) == 0
    with Store.open(db, read_only=True) as store:
        [doc] = store.con.execute("SELECT published FROM documents").fetchall()
        assert str(doc[0]) == "2019-09-16"
        assert {e["date"] for e in store.events(limit=None)} == {"2019-09-16"}
    assert main(["ingest", str(tmp_path / "note.txt"), "--db", db, "--published", "16/09/2019"]) == 2
    assert "--published 16/09/2019" in capsys.readouterr().err
