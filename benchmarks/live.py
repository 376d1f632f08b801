"""Live benchmark: the watcher's throughput, and corrections with their re-application on a full store.

1. watch: a site on 127.0.0.1 serves --articles SaudiNewsNet articles as HTML pages (made at run
   time from the corpus; nothing is copied into the project) behind an RSS feed; one watcher
   round fetches, extracts (trafilatura, then the extractor) and stores them all, with no delay
   between requests → articles/s.
2. corrections: on a copy of the SaudiNewsNet store (the one serve.py builds, built here when
   absent), --corrections corrections (reject, edit, confirm in turn) on events of as many
   documents → ms per correction; then the stories recomputed, as the server does after them.
3. re-extraction: those documents ingested again with --reextract → documents/s with their
   corrections re-applied; and the check every ingest and server start makes when nothing changed.

    .venv/bin/python benchmarks/live.py [--articles 1000] [--corrections 300]
"""

from __future__ import annotations

import argparse
import html
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from marsad.extracting.pipeline import default_extractor
from marsad.storing.corrections import correct, reapply
from marsad.storing.ingest import ingest
from marsad.storing.store import Store
from marsad.watching.sources import load_sources
from marsad.watching.watcher import Watcher
from serve import CORPUS, ROOT, build_store


def corpus_articles(limit: int) -> list[dict]:
    found: list[dict] = []
    for path in sorted(CORPUS.glob("*.zip")):
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                found += [a for a in json.loads(archive.read(name)) if (a.get("content") or "").strip()]
                if len(found) >= limit:
                    return found[:limit]
    return found


def site(articles: list[dict]) -> tuple[ThreadingHTTPServer, str]:
    """An RSS feed of the articles and one HTML page each, with a site's menus around the text."""
    pages = {}
    for n, article in enumerate(articles):
        body = "".join(f"<p>{html.escape(p)}</p>" for p in article["content"].split("\n") if p.strip())
        pages[f"/a/{n}.html"] = (
            f"<html><head><meta charset='utf-8'><title>{html.escape(article.get('title') or '')}</title>"
            f"<meta property='article:published_time' content='{article.get('date_extracted', '')[:10]}'></head>"
            "<body><nav><a href='/'>الرئيسية</a> <a href='/s'>سياسة</a></nav>"
            f"<article><h1>{html.escape(article.get('title') or '')}</h1>{body}</article>"
            "<footer>جميع الحقوق محفوظة</footer></body></html>").encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path == "/feed.xml":
                items = "".join(f"<item><link>{base}{path}</link></item>" for path in pages)
                body, kind = f"<rss version='2.0'><channel>{items}</channel></rss>".encode(), "application/rss+xml"
            elif self.path in pages:
                body, kind = pages[self.path], "text/html; charset=utf-8"
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, base


def bench_watch(count: int, folder: Path) -> None:
    articles = corpus_articles(count)
    server, base = site(articles)
    sources = folder / "sources.toml"
    sources.write_text(f'delay = 0\nper_round = {count}\n[[source]]\nname = "bench"\nfeed = "{base}/feed.xml"\n',
                       encoding="utf-8")
    with Store.open(folder / "watch.duckdb") as store:
        watcher = Watcher(store, load_sources(sources))
        assert watcher.writer is not None  # the store's ids and signatures, loaded before timing
        default_extractor()
        started = time.perf_counter()
        done = watcher.round()
        seconds = time.perf_counter() - started
        watcher.close()
    server.shutdown()
    print(f"watch: {done.added:,} of {len(articles):,} articles fetched, extracted and stored in {seconds:.1f} s: "
          f"{done.added / seconds:,.0f} articles/s ({done.events:,} events, {done.failed} failed, "
          f"{done.skipped} near-duplicates by id)")


def bench_corrections(db: Path, count: int, folder: Path) -> None:
    copy = folder / "corrections.duckdb"
    shutil.copy(db, copy)
    rng = random.Random(7)
    with Store.open(copy) as store:
        rows = store.con.execute(
            "SELECT e.event_id, e.doc_id, d.published FROM events e JOIN documents d USING (doc_id) "
            "QUALIFY row_number() OVER (PARTITION BY doc_id ORDER BY event_id) = 1 ORDER BY e.event_id").fetchall()
        chosen = rng.sample(rows, count)
        timings = []
        for n, (event_id, _, published) in enumerate(chosen):
            started = time.perf_counter()
            if n % 3 == 0:
                correct(store, "reject", "bench", event_id=event_id)
            elif n % 3 == 1:
                correct(store, "edit", "bench", event_id=event_id, changes={"type": "REJECT", "date": str(published)})
            else:
                correct(store, "confirm", "bench", event_id=event_id)
            timings.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        store.rebuild_stories()
        stories = time.perf_counter() - started
        docs = store.con.execute("SELECT count(*), (SELECT count(*) FROM events) FROM documents").fetchone()
        dump = folder / "reviewed.jsonl"
        with dump.open("w", encoding="utf-8") as out:
            for doc_id, text, published, source in store.con.execute(
                    "SELECT doc_id, text, published, source FROM documents WHERE list_contains(?, doc_id)",
                    [[d for _, d, _ in chosen]]).fetchall():
                out.write(json.dumps({"doc_id": doc_id, "text": text, "published": str(published), "source": source},
                                     ensure_ascii=False) + "\n")
    timings.sort()
    print(f"corrections: {count} on a store of {docs[0]:,} documents and {docs[1]:,} events: "
          f"p50 {statistics.median(timings):.1f} ms, p95 {timings[int(0.95 * (len(timings) - 1))]:.1f} ms, "
          f"max {timings[-1]:.1f} ms each; stories recomputed in {stories:.2f} s")
    started = time.perf_counter()
    counts = ingest([dump], copy, reextract=True)
    seconds = time.perf_counter() - started
    with Store.open(copy) as store:
        states = dict(store.con.execute(
            "SELECT status, count(*) FROM corrections WHERE superseded_by IS NULL GROUP BY ALL").fetchall())
        started = time.perf_counter()
        again = reapply(store)
        check = (time.perf_counter() - started) * 1000
    print(f"re-extraction: {counts.added:,} reviewed documents ingested again in {seconds:.1f} s "
          f"({counts.added / seconds:,.0f} docs/s, stories included), corrections re-applied: {states}; "
          f"the check when nothing changed: {check:.0f} ms ({again.documents} documents stale)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=ROOT / "build" / "serve-bench" / "saudinewsnet.duckdb",
                        help="the SaudiNewsNet store (built when absent; copied, never changed)")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--corrections", type=int, default=300)
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        bench_watch(args.articles, Path(tmp))
        if not args.db.exists():
            build_store(args.db, None, 2)
        bench_corrections(args.db, args.corrections, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
