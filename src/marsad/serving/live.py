"""A server that writes: it owns its store, watches sources in a background thread and takes corrections.

DuckDB lets one process write a file, so the server is that process: requests read through
cursors of its connection while the watcher thread ingests through another, and every
write (a round's batch, a correction) holds `lock`, so writes never conflict. After a
write the served answers are refreshed: the text-search index learns the new documents,
the memoised actor lookups start afresh, stories are recomputed (after a correction, a
moment later, so a burst of corrections costs one recomputation).
"""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from marsad.serving.lookups import Lookups
from marsad.storing import owner
from marsad.storing.reapply import reapply
from marsad.storing.store import Store
from marsad.watching.sources import SourcesFile

log = logging.getLogger(__name__)
STORIES_DELAY = 2.0  # seconds of quiet after a correction before the stories are recomputed


class Live:
    """The writing side of a server: its lock, its watcher thread, its review token."""

    def __init__(
        self, store: Store, path: Path, lookups: Lookups, review_token: str | None = None,
        sources: SourcesFile | None = None, watcher_options: dict[str, Any] | None = None,
    ) -> None:
        self.store = store
        self.path = path
        self.lookups = lookups
        self.review_token = review_token
        self.sources = sources
        self.watcher_options = watcher_options or {}
        self.lock = threading.RLock()
        self.stop = threading.Event()
        self.thread: threading.Thread | None = None
        self.watcher = None
        self.url: str | None = None
        self.started = datetime.now(UTC)
        self._stories_timer: threading.Timer | None = None

    @property
    def writable(self) -> bool:
        return not self.store.read_only

    @property
    def reviewing(self) -> bool:
        return self.review_token is not None

    def writer_store(self) -> Store:
        """A store on a cursor of its own, for writing from the calling thread."""
        return Store(self.store.con.cursor(), self.store.path, read_only=False)

    def start(self, url: str | None = None) -> None:
        """Claim the store, bring corrections up to date and start watching."""
        if not self.writable:
            return
        self.url = url
        if url:
            owner.claim(self.path, url)
        store = self.writer_store()
        try:
            with self.lock:
                if reapply(store).documents:
                    store.rebuild_stories()
        finally:
            store.con.close()
        if self.sources is not None:
            self.thread = threading.Thread(target=self._watch, name="marsad-watch", daemon=True)
            self.thread.start()

    def close(self) -> None:
        self.stop.set()
        if self.thread is not None:
            self.thread.join(30)
        if self._stories_timer is not None:
            self._stories_timer.cancel()
            self._stories_timer.join(30)  # one already recomputing stories finishes before the store closes
        if self.writable:
            owner.release(self.path)

    def _watch(self) -> None:
        from marsad.watching.watcher import Watcher  # the extractor loads in this thread, not at start

        store = self.writer_store()
        options = dict(self.watcher_options)
        report = options.pop("report", lambda done: log.info("watch: %s", done.line()))
        try:
            self.watcher = Watcher(store, self.sources, lock=self.lock, stop=self.stop, on_change=self.changed,
                                   **options)
            self.watcher.run(report=report)
        except Exception:
            log.exception("the watcher stopped")
        finally:
            store.con.close()

    def changed(self, doc_ids: list[str] | None = None) -> None:
        """New or changed data: refresh what the server remembers about it."""
        cursor = self.store.con.cursor()
        try:
            self.lookups.refresh(Store(cursor, self.store.path, read_only=True), doc_ids)
        finally:
            cursor.close()

    def corrected(self, doc_id: str) -> None:
        """A correction was stored: refresh lookups now and recompute the stories soon."""
        self.changed([doc_id])
        with self.lock:
            if self._stories_timer is not None:
                self._stories_timer.cancel()
            self._stories_timer = threading.Timer(STORIES_DELAY, self._rebuild_stories)
            self._stories_timer.daemon = True
            self._stories_timer.start()

    def _rebuild_stories(self) -> None:
        store = self.writer_store()
        try:
            with self.lock:
                store.rebuild_stories()
        except Exception:
            log.exception("recomputing the stories failed")
        finally:
            store.con.close()

    def status(self, store: Store) -> dict[str, Any]:
        """When the data last changed, what it holds, and how each watched source is doing."""
        from marsad.storing.correction_log import has_corrections
        from marsad.watching.state import polled_sources

        counts = store.con.execute(
            "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM events), "
            "(SELECT max(ingested_at) FROM documents)").fetchone()
        updated = counts[2].astimezone(UTC) if counts[2] else None  # stored in the host's local time
        corrected = None
        if has_corrections(store.con):
            last = store.con.execute('SELECT max("at") FROM corrections').fetchone()[0]
            corrected = last.replace(tzinfo=UTC) if last else None
        moments = [t for t in (updated, corrected) if t]
        watching = None
        if self.sources is not None:
            polled = {row["name"]: row for row in polled_sources(store)}
            watching = [_source_status(s, polled.get(s.name)) for s in self.sources.sources]
        return {
            "updated_at": _iso(max(moments)) if moments else None, "documents": counts[0], "events": counts[1],
            "last_ingest": _iso(updated), "last_correction": _iso(corrected), "writable": self.writable,
            "review": self.reviewing, "watching": watching, "server_started": _iso(self.started),
        }


def _source_status(source, row: dict[str, Any] | None) -> dict[str, Any]:
    row = row or {}
    return {
        "name": source.name, "kind": source.kind, "location": source.location, "every_seconds": source.every,
        "last_polled": _iso(_utc(row.get("last_polled"))), "next_poll": _iso(_utc(row.get("next_poll"))),
        "last_status": row.get("last_status"), "failures": row.get("failures", 0),
        "articles_done": row.get("done", 0), "articles_waiting": row.get("waiting", 0),
        "articles_failed": row.get("failed", 0),
    }


def _utc(value: datetime | None) -> datetime | None:
    return value.replace(tzinfo=UTC) if value else None


def _iso(value: datetime | None) -> str | None:
    return value.isoformat(timespec="seconds").replace("+00:00", "Z") if value else None
