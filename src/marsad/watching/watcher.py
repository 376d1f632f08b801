"""The watcher: poll due sources, fetch the articles they list, extract and store them, round after round.

A round polls every source that is due, remembers the article URLs it has not seen
(state.py), fetches up to `per_round` of the waiting ones (fetch.py), extracts their text
(trafilatura) and events, and stores them with the ingest's own `Writer` (same
near-duplicates, stories and error rows as `marsad ingest`). A URL is marked done in the
transaction that stores its document, so a restart resumes where the last round stopped.
A failed fetch is recorded (in `watch_items` and the errors table) and tried again later;
nothing is dropped but what cannot succeed (404, robots.txt).
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from marsad.model import Document, Extraction, ReadError
from marsad.reading import HtmlPage, detect_format, read_file
from marsad.reading.html import html_to_document
from marsad.storing.ingest import Failed, Processed, Writer, process
from marsad.storing.store import Store
from marsad.watching.feeds import FeedError, FeedItem, parse_listing
from marsad.watching.fetch import Fetcher, FetchError, Stopped
from marsad.watching.sources import Source, SourcesFile
from marsad.watching.state import WatchState, now

log = logging.getLogger(__name__)
MAX_SITEMAPS = 10         # sitemaps of an index read per poll, the most recently modified first
MAX_TEXT_ATTEMPTS = 3     # fetches of a page without article text before it counts as failed
SETTLE = 1.0              # seconds a folder's file must stay unchanged before it is read
MAX_SLEEP = 60.0          # the longest wait between rounds (so a changed sources file is noticed)
HTML_TYPES = ("text/html", "application/xhtml+xml", "")


@dataclass(slots=True)
class Round:
    """What one round did."""

    started: datetime
    polls: list[tuple[str, str, bool]] = field(default_factory=list)  # (source, outcome, whether it worked)
    found: int = 0       # article URLs seen for the first time
    fetched: int = 0     # articles fetched
    added: int = 0       # documents stored
    skipped: int = 0     # already stored (or a copy of one stored this round)
    failed: int = 0      # fetches or extractions that failed this round
    events: int = 0
    doc_ids: list[str] = field(default_factory=list)

    def line(self) -> str:
        polls = "; ".join(f"{name}: {outcome}" for name, outcome, _ in self.polls) or "no source due"
        return (f"{self.started:%Y-%m-%d %H:%M:%S}Z  {polls}  |  new links {self.found}, fetched {self.fetched}, "
                f"added {self.added} ({self.events} events), known {self.skipped}, failed {self.failed}")


class Watcher:
    """Watches the sources of a sources file into an open, writable store."""

    def __init__(
        self, store: Store, sources: SourcesFile, lock: contextlib.AbstractContextManager | None = None,
        stop: threading.Event | None = None, extract: Callable[[Document], Extraction] | None = None,
        on_change: Callable[[list[str]], None] | None = None, transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.store = store
        self.sources = sources
        self.lock = lock or contextlib.nullcontext()
        self.stop = stop or threading.Event()
        self.extract = extract
        self.on_change = on_change
        self.state = WatchState(store, self.lock)
        self.fetcher = Fetcher(sources.settings, self.state, self.stop, transport)
        self._writer: Writer | None = None
        self._stored: list[tuple[str, str]] = []    # (url, doc_id) of fetched articles the next batch stores
        self._textless: list[tuple[str, str]] = []  # (url, reason) of fetched articles without usable text

    @property
    def writer(self) -> Writer:
        if self._writer is None:
            with self.lock:
                self._writer = Writer(self.store)
                self._writer.before_commit = self._marks
        return self._writer

    def _marks(self) -> list[tuple[str, list]]:
        stored, textless = self._stored, self._textless
        self._stored, self._textless = [], []
        return self.state.marks(stored, textless)

    def close(self) -> None:
        self.fetcher.close()

    # -- rounds ----------------------------------------------------------------------------

    def run(self, once: bool = False, report: Callable[[Round], None] | None = None) -> None:
        """Rounds until `stop` is set (or one, with `once`); an unexpected error is logged, not fatal."""
        try:
            while not self.stop.is_set():
                try:
                    done = self.round()
                except Stopped:  # keep what this round already fetched
                    if self._writer is not None:
                        with self.lock:
                            self._writer.finish()
                    break
                except Exception as exc:  # the watch goes on: the next round may well work
                    log.error("watch round failed: %s: %s", type(exc).__name__, exc)
                    if once:
                        raise
                    self.stop.wait(min(MAX_SLEEP, 30.0))
                    continue
                if report:
                    report(done)
                if once:
                    break
                self.stop.wait(self.seconds_to_next())
        finally:
            self.close()

    def round(self) -> Round:
        """Poll what is due, fetch what waits, store what was found."""
        done = Round(now())
        for source in self.sources.sources:
            if self.stop.is_set():
                raise Stopped()
            if self.state.due(source, done.started) is None:
                self._poll(source, done)
        self._fetch_waiting(done)
        if done.added:
            with self.lock:
                self.writer.finish()
            if self.on_change:
                self.on_change(done.doc_ids)
        return done

    def seconds_to_next(self) -> float:
        """Seconds until a source is due or a failed article is to be tried again."""
        at = now()
        if self.state.due_items(at, 1):
            return 0.0  # more articles wait than one round fetched
        times = [self.state.due(source, at) for source in self.sources.sources]
        times.append(self.state.next_retry())
        if any(t is None for t in times[:-1]):
            return 0.0
        soonest = min(t for t in times if t is not None)
        return min(max((soonest - at).total_seconds(), 0.05), MAX_SLEEP)

    # -- polling ---------------------------------------------------------------------------

    def _poll(self, source: Source, done: Round) -> None:
        if source.kind == "folder":
            outcome, ok = self._read_folder(source, done)
        else:
            outcome, ok = self._poll_url(source, done)
        self.state.polled(source, done.started, outcome, ok)
        done.polls.append((source.name, outcome, ok))
        if not ok:
            log.warning("watch: %s (%s): %s", source.name, source.location, outcome)

    def _poll_url(self, source: Source, done: Round) -> tuple[str, bool]:
        try:
            fetched = self.fetcher.get(source.location)
        except FetchError as exc:
            return exc.reason, False
        if fetched.status == 304:
            return "not modified", True
        try:
            listing = parse_listing(fetched.content, fetched.url)
        except FeedError as exc:
            return str(exc), False
        items = list(listing.items)
        newest = sorted(listing.sitemaps, key=lambda s: s[1] or "", reverse=True)[:MAX_SITEMAPS]
        for url, _ in newest:
            items += self._sitemap_items(url)
        new = self.state.add_items(source, items, done.started)
        done.found += new
        return f"links {len(items)}, new {new}", True

    def _sitemap_items(self, url: str) -> list[FeedItem]:
        try:
            fetched = self.fetcher.get(url)
            return [] if fetched.status == 304 else parse_listing(fetched.content, fetched.url).items
        except (FetchError, FeedError) as exc:
            log.warning("watch: sitemap %s: %s", url, exc)
            return []

    def _read_folder(self, source: Source, done: Round) -> tuple[str, bool]:
        folder, seen = Path(source.location), self.state.files(source)
        if not folder.is_dir():
            return f"no folder {folder}", False
        changed = []
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and detect_format(p.name)):
            if any(part.startswith(".") for part in path.relative_to(folder).parts):
                continue
            stat = path.stat()
            if seen.get(str(path)) != (stat.st_size, stat.st_mtime) and time.time() - stat.st_mtime >= SETTLE:
                changed.append((path, stat))
        for path, stat in changed:
            for item in read_file(path):
                self._store(self._processed_item(item, source), done)
            with self.lock:
                self.writer.also(self.state.file_read_sql(),
                                 [str(path), source.name, stat.st_size, stat.st_mtime, done.started])
                self.writer.flush()
        return f"new or changed files {len(changed)}", True

    def _processed_item(self, item, source: Source) -> Processed | Failed:
        result = process(item, self.extract)
        if isinstance(result, Processed) and source.outlet:
            result.document.source = source.outlet
        return result

    # -- fetching articles -----------------------------------------------------------------

    def _fetch_waiting(self, done: Round) -> None:
        outlets = {s.name: s.outlet for s in self.sources.sources}
        for item in _by_turns(self.state.due_items(done.started, self.sources.settings.per_round)):
            if self.stop.is_set():
                raise Stopped()
            result = self._fetch_article(item, outlets.get(item["source"]), done)
            if result is not None:
                self._store(result, done, url=item["url"])
        with self.lock:
            self.writer.flush()

    def _fetch_article(self, item: dict, outlet: str | None, done: Round) -> Processed | Failed | None:
        url = item["url"]
        try:
            fetched = self.fetcher.get(url, conditional=False)
        except FetchError as exc:
            self._failed(item, exc.reason, exc.permanent, done)
            return None
        done.fetched += 1
        kind = fetched.content_type.split(";")[0].strip().lower()
        if kind not in HTML_TYPES:
            self._failed(item, f"not an HTML page ({kind})", True, done)
            return None
        document = html_to_document(HtmlPage(fetched.content, url, url=url, crawl_date=item["published"]))
        if isinstance(document, ReadError):
            self._failed(item, document.reason, item["attempts"] + 1 >= MAX_TEXT_ATTEMPTS, done)
            return None
        if outlet:
            document.source = outlet
        if not document.title and item["title"]:
            document.title = item["title"]
        return process(document, self.extract)

    def _failed(self, item: dict, reason: str, permanent: bool, done: Round) -> None:
        done.failed += 1
        self.state.failed(item, reason, permanent, done.started, self.sources.settings)
        with self.lock:
            self.store.con.execute(
                "INSERT INTO errors (location, reason, stage) SELECT ?, ?, 'fetch' WHERE NOT EXISTS "
                "(SELECT 1 FROM errors WHERE location = ? AND reason = ?)", [item["url"], reason, item["url"], reason])
        log.info("watch: %s: %s%s", item["url"], reason, "" if permanent else " (will try again)")

    def _store(self, result: Processed | Failed, done: Round, url: str | None = None) -> None:
        """Hand a processed document to the writer; a fetched URL is marked done (or failed) in the
        transaction that writes it."""
        writer = self.writer
        before = (writer.counts.added, writer.counts.skipped, writer.counts.errors)
        with self.lock:
            if url and isinstance(result, Processed):
                self._stored.append((url, result.document.doc_id))
            elif url:
                self._textless.append((url, result.error.reason))
            writer.add(result)
        added, skipped, errors = (after - b for after, b in zip(
            (writer.counts.added, writer.counts.skipped, writer.counts.errors), before, strict=True))
        done.added += added
        done.skipped += skipped
        done.failed += errors
        if added:
            done.doc_ids.append(result.document.doc_id)
            done.events += len(result.events)


def _by_turns(items: list[dict]) -> list[dict]:
    """Articles ordered host by host in turn, so that the wait between two requests to one site is
    spent on the others."""
    hosts: dict[str, list[dict]] = {}
    for item in items:
        hosts.setdefault(urlsplit(item["url"]).netloc, []).append(item)
    queues = list(hosts.values())
    return [queue[n] for n in range(max(map(len, queues), default=0)) for queue in queues if n < len(queue)]
