"""The watcher round by round against a news site on 127.0.0.1, into a real store, with the real extractor."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from marsad.cli import main
from marsad.storing.store import Store
from marsad.watching.sources import load_sources
from marsad.watching.watcher import Watcher
from newsroom import ARTICLES, Newsroom, start


@pytest.fixture
def site():
    room = Newsroom()
    server, _ = start(room)
    yield room
    server.shutdown()


def sources_file(tmp_path: Path, body: str, every: str = "0.2s") -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(f'delay = 0\ntimeout = "1s"\nretries = 0\nretry_after = "0.1s"\n{body}'
                    .replace("EVERY", every), encoding="utf-8")
    return path


def feed(room: Newsroom, tmp_path: Path, outlet: str = "", every: str = "0.2s") -> Path:
    extra = f'outlet = "{outlet}"\n' if outlet else ""
    body = f'[[source]]\nname = "Marsad test"\nfeed = "{room.url}/feed.xml"\nevery = "EVERY"\n{extra}'
    return sources_file(tmp_path, body, every)


def url(room: Newsroom, slug: str) -> str:
    return f"{room.url}{ARTICLES[slug].path}"


def rows(store: Store, sql: str, params=None) -> list[tuple]:
    return store.con.execute(sql, params or []).fetchall()


def test_a_round_stores_the_articles_of_a_feed_without_their_boilerplate(site, tmp_path):
    site.add("lavrov-shoukry")
    site.add("saudi-iran")
    with Store.open(tmp_path / "w.duckdb") as store:
        done = Watcher(store, load_sources(feed(site, tmp_path, outlet="marsad-test"))).round()
        assert (done.found, done.fetched, done.added, done.failed) == (2, 2, 2, 0)
        assert set(done.doc_ids) == {url(site, "lavrov-shoukry"), url(site, "saudi-iran")}
        document = store.document(url(site, "lavrov-shoukry"))
        assert document["source"] == "marsad-test" and str(document["published"]) == "2019-09-17"
        assert "سيرغي لافروف" in document["text"]
        for boilerplate in ("اقرأ أيضا", "جميع الحقوق", "شارك الخبر", "الرئيسية", "document.write"):
            assert boilerplate not in document["text"]
        assert all(n >= 1 for (n,) in rows(store, "SELECT num_events FROM documents"))
        assert store.events(doc_id=url(site, "lavrov-shoukry"))[0]["url"] == url(site, "lavrov-shoukry")
        assert rows(store, "SELECT status, count(*) FROM watch_items GROUP BY ALL") == [("done", 2)]


def test_a_restart_refetches_nothing_and_an_unchanged_feed_costs_a_304(site, tmp_path):
    site.add("lavrov-shoukry")
    sources = load_sources(feed(site, tmp_path))
    with Store.open(tmp_path / "w.duckdb") as store:
        Watcher(store, sources).round()
    time.sleep(0.25)  # the feed is due again
    with Store.open(tmp_path / "w.duckdb") as store:
        done = Watcher(store, sources).round()
        assert (done.found, done.fetched, done.added) == (0, 0, 0)
        assert done.polls == [("Marsad test", "not modified", True)]
    assert len(site.asked(ARTICLES["lavrov-shoukry"].path)) == 1
    assert [r.headers.get("If-None-Match") is not None for r in site.asked("/feed.xml")] == [False, True]


def test_new_articles_come_in_on_the_next_round_and_copies_join_their_original(site, tmp_path):
    site.add("lavrov-shoukry")
    with Store.open(tmp_path / "w.duckdb") as store:
        watcher = Watcher(store, load_sources(feed(site, tmp_path)))
        watcher.round()
        assert watcher.round().polls == []  # not due yet
        site.add("lavrov-shoukry-copy")
        site.add("safadi-blinken")
        time.sleep(watcher.seconds_to_next())
        done = watcher.round()
        assert done.added == 2 and done.events >= 2
        copy = store.document(url(site, "lavrov-shoukry-copy"))
        assert copy["cluster_id"] == url(site, "lavrov-shoukry")
        story = store.events(doc_id=url(site, "lavrov-shoukry"))[0]["story_id"]
        assert {e["doc_id"] for e in store.events(story=story)} >= {url(site, "lavrov-shoukry"),
                                                                    url(site, "lavrov-shoukry-copy")}


def test_a_failed_fetch_is_recorded_and_retried_until_it_works(site, tmp_path):
    site.add("saudi-iran")
    site.fail(ARTICLES["saudi-iran"].path, "500", times=1)
    with Store.open(tmp_path / "w.duckdb") as store:
        watcher = Watcher(store, load_sources(feed(site, tmp_path)))
        done = watcher.round()
        assert (done.added, done.failed) == (0, 1)
        assert rows(store, "SELECT status, attempts, last_error FROM watch_items") == [("retry", 1, "HTTP 500")]
        assert rows(store, "SELECT location, reason, stage FROM errors") == [(url(site, "saudi-iran"), "HTTP 500",
                                                                              "fetch")]
        assert 0 < watcher.seconds_to_next() <= 0.2
        time.sleep(0.15)
        done = watcher.round()
        assert done.added == 1
        assert rows(store, "SELECT status, doc_id FROM watch_items") == [("done", url(site, "saudi-iran"))]
        assert rows(store, "SELECT count(*) FROM errors") == [(0,)]


def test_a_missing_page_fails_for_good_and_a_failing_feed_loses_nothing(site, tmp_path):
    site.add("lavrov-shoukry")
    site.add("saudi-iran")
    site.fail(ARTICLES["saudi-iran"].path, "404")
    with Store.open(tmp_path / "w.duckdb") as store:
        watcher = Watcher(store, load_sources(feed(site, tmp_path)))
        watcher.round()
        assert rows(store, "SELECT status, count(*) FROM watch_items GROUP BY ALL ORDER BY 1") == [
            ("done", 1), ("failed", 1)]
        site.fail("/feed.xml", "500")
        time.sleep(0.25)
        done = watcher.round()
        assert done.polls == [("Marsad test", "HTTP 500", False)]
        assert rows(store, "SELECT failures, last_status FROM watch_sources") == [(1, "HTTP 500")]
        assert len(site.asked(ARTICLES["saudi-iran"].path)) == 1  # not tried again
        assert store.stats()["documents"] == 1  # nothing lost
        site.heal("/feed.xml")
        site.add("safadi-blinken")
        time.sleep(0.25)
        assert watcher.round().added == 1
        assert rows(store, "SELECT failures FROM watch_sources") == [(0,)]


def test_sitemaps_and_folders(site, tmp_path):
    site.add("sisi-faisal")
    folder = tmp_path / "incoming"
    folder.mkdir()
    path = sources_file(tmp_path, f"""
[[source]]
name = "Map"
sitemap = "{site.url}/sitemap.xml"
every = "EVERY"

[[source]]
name = "Drop"
folder = "incoming"
every = "EVERY"
""")
    article = folder / "note.txt"
    article.write_text(ARTICLES["safadi-blinken"].paragraphs[0], encoding="utf-8")
    os.utime(article, (time.time() - 5, time.time() - 5))  # settled
    with Store.open(tmp_path / "w.duckdb") as store:
        watcher = Watcher(store, load_sources(path))
        done = watcher.round()
        assert done.added == 2
        assert store.document(url(site, "sisi-faisal"))["title"] == ARTICLES["sisi-faisal"].title
        assert rows(store, "SELECT count(*) FROM watch_files") == [(1,)]
        time.sleep(0.25)
        assert watcher.round().added == 0  # the file is read once


def test_watch_once_from_the_command_line(site, tmp_path, capsys):
    site.add("lavrov-shoukry")
    db = tmp_path / "w.duckdb"
    assert main(["watch", str(feed(site, tmp_path)), "--db", str(db), "--once"]) == 0
    line = capsys.readouterr().err
    assert "Marsad test: links 1, new 1" in line and "added 1 (" in line
    site.fail("/feed.xml", "500")
    time.sleep(0.25)
    assert main(["watch", str(feed(site, tmp_path)), "--db", str(db), "--once"]) == 1  # every poll failed
    with Store.open(db, read_only=True) as store:
        assert store.stats()["documents"] == 1


def test_articles_are_fetched_host_by_host_in_turn():
    from marsad.watching.watcher import _by_turns

    items = [{"url": url} for url in ("https://a.example/0", "https://a.example/1", "https://a.example/2",
                                      "https://b.example/0")]
    assert [i["url"] for i in _by_turns(items)] == [
        "https://a.example/0", "https://b.example/0", "https://a.example/1", "https://a.example/2"]


def test_a_store_held_by_marsad_watch_says_so_in_one_line(site, tmp_path):
    site.add("lavrov-shoukry")
    db = tmp_path / "w.duckdb"
    watcher = subprocess.Popen([sys.executable, "-m", "marsad.cli", "watch", str(feed(site, tmp_path, every="1h")),
                                "--db", str(db)], stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not (tmp_path / "w.duckdb.serve.json").exists():
            assert time.monotonic() < deadline and watcher.poll() is None, "marsad watch did not start"
            time.sleep(0.05)
        read = subprocess.run([sys.executable, "-m", "marsad.cli", "stats", "--db", str(db)], capture_output=True,
                              text=True, timeout=60)
        assert read.returncode == 3
        line = read.stderr.strip()
        assert f"is in use by `marsad watch` (pid {watcher.pid})" in line and "marsad serve --watch" in line
        assert "\n" not in line and "Traceback" not in line
    finally:
        watcher.send_signal(signal.SIGINT)
        assert watcher.wait(30) in (0, 130)
        watcher.stderr.close()
    assert not (tmp_path / "w.duckdb.serve.json").exists()


def test_ctrl_c_the_moment_the_watch_starts_stops_it_cleanly(site, tmp_path):
    """Ctrl-C while the watch still sets up its store once ended in DuckDB's 'Query interrupted'
    traceback, or was swallowed and the watch went on."""
    site.add("lavrov-shoukry")
    watcher = subprocess.Popen([sys.executable, "-m", "marsad.cli", "watch", str(feed(site, tmp_path, every="1h")),
                                "--db", str(tmp_path / "w.duckdb")], stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not (tmp_path / "w.duckdb.serve.json").exists():
        assert time.monotonic() < deadline and watcher.poll() is None, "marsad watch did not start"
        time.sleep(0.005)
    watcher.send_signal(signal.SIGINT)
    try:
        assert watcher.wait(30) == 0
    finally:
        watcher.kill()
    errors = watcher.stderr.read()
    watcher.stderr.close()
    assert "Traceback" not in errors and errors.rstrip().endswith("marsad: watch stopped")


def test_a_second_ctrl_c_interrupts_a_watch_stuck_in_a_slow_fetch(tmp_path):
    room = Newsroom(hang=20.0)
    server, _ = start(room)
    room.fail("/feed.xml", "hang")
    sources = tmp_path / "sources.toml"
    sources.write_text(f'delay = 0\ntimeout = "30s"\nretries = 0\n[[source]]\nname = "slow"\n'
                       f'feed = "{room.url}/feed.xml"\nevery = "1h"\n', encoding="utf-8")
    watcher = subprocess.Popen([sys.executable, "-m", "marsad.cli", "watch", str(sources),
                                "--db", str(tmp_path / "w.duckdb")], stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not room.asked("/feed.xml"):
            assert time.monotonic() < deadline and watcher.poll() is None, "the watch never asked for the feed"
            time.sleep(0.05)
        watcher.send_signal(signal.SIGINT)
        time.sleep(0.5)
        assert watcher.poll() is None  # the first Ctrl-C waits for the fetch under way
        watcher.send_signal(signal.SIGINT)
        assert watcher.wait(10) == 130
        errors = watcher.stderr.read()
        assert "Traceback" not in errors and errors.rstrip().endswith("interrupted")
    finally:
        watcher.kill()
        watcher.stderr.close()
        server.shutdown()


def test_stopping_mid_round_keeps_what_was_fetched(site, tmp_path):
    import threading

    for slug in ("lavrov-shoukry", "saudi-iran", "safadi-blinken"):
        site.add(slug)
    stop = threading.Event()
    with Store.open(tmp_path / "w.duckdb") as store:
        watcher = Watcher(store, load_sources(feed(site, tmp_path)), stop=stop)
        fetch = watcher.fetcher.get

        def fetch_then_stop(url, conditional=True):
            fetched = fetch(url, conditional)
            if url.endswith(ARTICLES["safadi-blinken"].path):
                stop.set()  # as Ctrl-C would, after the second article
            return fetched

        watcher.fetcher.get = fetch_then_stop
        watcher.run()
        assert store.stats()["documents"] == 2
        assert rows(store, "SELECT status, count(*) FROM watch_items GROUP BY ALL ORDER BY 1") == [
            ("done", 2), ("pending", 1)]
