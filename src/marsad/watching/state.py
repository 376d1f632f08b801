"""What the watcher remembers, in the store itself: so a restart refetches nothing it has.

    watch_sources  each source: when it was polled, when it is due, how it went
    watch_items    each article URL found: pending, done, retry (after a transient failure) or failed
    watch_files    each file of a folder source read, with its size and mtime
    watch_http     ETag and Last-Modified of each feed and sitemap, for conditional requests
"""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime, timedelta
from importlib import resources
from typing import Any

from marsad.storing.store import Store
from marsad.watching.feeds import FeedItem
from marsad.watching.sources import Settings, Source

MAX_REASON = 500


def now() -> datetime:
    """This moment in UTC, as the tables keep it (without a zone)."""
    return datetime.now(UTC).replace(tzinfo=None)


def ensure_schema(store: Store) -> None:
    store.con.execute(resources.files("marsad.watching").joinpath("state.sql").read_text("utf-8"))


def has_state(store: Store) -> bool:
    return bool(store.con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'watch_sources'").fetchone()[0])


class WatchState:
    """The watch tables of one store; every write holds `lock` (the server's one-writer lock)."""

    def __init__(self, store: Store, lock: contextlib.AbstractContextManager | None = None) -> None:
        self.store = store
        self.lock = lock or contextlib.nullcontext()
        with self.lock:
            ensure_schema(store)

    def _write(self, sql: str, params: list[Any]) -> None:
        with self.lock:
            self.store.con.execute(sql, params)

    # -- sources ---------------------------------------------------------------------------

    def due(self, source: Source, at: datetime) -> datetime | None:
        """None when `source` is due at `at`, else the time it will be."""
        found = self.store.con.execute(
            "SELECT next_poll, kind, location FROM watch_sources WHERE name = ?", [source.name]).fetchone()
        if found is None or found[0] is None or (found[1], found[2]) != (source.kind, source.location):
            return None  # never polled, or the sources file now says something else under this name
        return None if found[0] <= at else found[0]

    def polled(self, source: Source, at: datetime, status: str, ok: bool) -> None:
        """Record a poll: its outcome in a few words, and the next poll `every` later."""
        self._write(
            "INSERT INTO watch_sources (name, kind, location, last_polled, next_poll, failures, last_status, last_ok) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, "
            "location = excluded.location, last_polled = excluded.last_polled, next_poll = excluded.next_poll, "
            "failures = CASE WHEN ? THEN 0 ELSE watch_sources.failures + 1 END, last_status = excluded.last_status, "
            "last_ok = coalesce(excluded.last_ok, watch_sources.last_ok)",
            [source.name, source.kind, source.location, at, at + timedelta(seconds=source.every), 0 if ok else 1,
             status[:MAX_REASON], at if ok else None, ok],
        )

    # -- articles --------------------------------------------------------------------------

    def add_items(self, source: Source, items: list[FeedItem], at: datetime) -> int:
        """Remember the URLs not seen before as pending; returns how many were new."""
        if not items:
            return 0
        with self.lock:
            before = self.store.con.execute("SELECT count(*) FROM watch_items").fetchone()[0]
            self.store.con.execute(
                "INSERT OR IGNORE INTO watch_items (url, source, title, published, found_at, status, attempts) "
                "SELECT url, ?, title, published, ?, 'pending', 0 FROM (SELECT unnest(?::VARCHAR[]) AS url, "
                "unnest(?::VARCHAR[]) AS title, unnest(?::VARCHAR[]) AS published)",
                [source.name, at, [i.url for i in items], [i.title for i in items], [i.published for i in items]])
            return self.store.con.execute("SELECT count(*) FROM watch_items").fetchone()[0] - before

    def due_items(self, at: datetime, limit: int) -> list[dict[str, Any]]:
        """Articles to fetch now: never tried, or failed earlier and due again; oldest first."""
        return _dicts(self.store, (
            "SELECT url, source, title, published, attempts FROM watch_items WHERE status = 'pending' "
            "OR (status = 'retry' AND next_attempt <= ?) ORDER BY found_at, url LIMIT ?"), [at, limit])

    def next_retry(self) -> datetime | None:
        return self.store.con.execute("SELECT min(next_attempt) FROM watch_items WHERE status = 'retry'").fetchone()[0]

    @staticmethod
    def marks(done: list[tuple[str, str]], failed: list[tuple[str, str]]) -> list[tuple[str, list]]:
        """Statements marking fetched articles stored as (url, doc_id), or whose text could not be
        extracted as (url, reason): for the transaction that stores them."""
        statements: list[tuple[str, list]] = []
        if done:
            urls = [url for url, _ in done]
            statements += [
                ("UPDATE watch_items SET status = 'done', doc_id = m.doc_id, last_error = NULL, next_attempt = NULL "
                 "FROM (SELECT unnest(?::VARCHAR[]) AS url, unnest(?::VARCHAR[]) AS doc_id) m "
                 "WHERE watch_items.url = m.url", [urls, [doc_id for _, doc_id in done]]),
                ("DELETE FROM errors WHERE stage = 'fetch' AND list_contains(?, location)", [urls]),
            ]
        if failed:
            statements.append((
                "UPDATE watch_items SET status = 'failed', last_error = m.reason, next_attempt = NULL "
                "FROM (SELECT unnest(?::VARCHAR[]) AS url, unnest(?::VARCHAR[]) AS reason) m "
                "WHERE watch_items.url = m.url", [[url for url, _ in failed], [r[:MAX_REASON] for _, r in failed]]))
        return statements

    def failed(self, item: dict[str, Any], reason: str, permanent: bool, at: datetime, settings: Settings) -> None:
        """A failed fetch: retried later (backoff doubling up to a cap) unless trying again cannot help."""
        attempts = item["attempts"] + 1
        wait = min(settings.retry_after * 2 ** (attempts - 1), settings.max_retry_after)
        self._write(
            "UPDATE watch_items SET status = ?, attempts = ?, last_error = ?, next_attempt = ? WHERE url = ?",
            ["failed" if permanent else "retry", attempts, reason[:MAX_REASON],
             None if permanent else at + timedelta(seconds=wait), item["url"]],
        )

    def waiting(self) -> int:
        return self.store.con.execute(
            "SELECT count(*) FROM watch_items WHERE status IN ('pending', 'retry')").fetchone()[0]

    # -- files of folder sources -----------------------------------------------------------

    def files(self, source: Source) -> dict[str, tuple[int, float]]:
        return {path: (size, mtime) for path, size, mtime in self.store.con.execute(
            "SELECT path, size, mtime FROM watch_files WHERE source = ?", [source.name]).fetchall()}

    def file_read_sql(self) -> str:
        """SQL (path, source, size, mtime, seen_at) recording a file as read."""
        return "INSERT OR REPLACE INTO watch_files VALUES (?, ?, ?, ?, ?)"

    # -- conditional requests (fetch.Validators) -------------------------------------------

    def get(self, url: str) -> tuple[str | None, str | None] | None:
        found = self.store.con.execute("SELECT etag, last_modified FROM watch_http WHERE url = ?", [url]).fetchone()
        return (found[0], found[1]) if found else None

    def set(self, url: str, etag: str | None, last_modified: str | None) -> None:
        if etag or last_modified:
            self._write("INSERT OR REPLACE INTO watch_http VALUES (?, ?, ?, ?)", [url, etag, last_modified, now()])


def polled_sources(store: Store) -> list[dict[str, Any]]:
    """Every source polled so far, with its counts of articles by status (none before the first watch)."""
    if not has_state(store):
        return []
    return _dicts(store, """
        SELECT s.*, count(i.url) FILTER (WHERE i.status = 'done') AS done,
               count(i.url) FILTER (WHERE i.status IN ('pending', 'retry')) AS waiting,
               count(i.url) FILTER (WHERE i.status = 'failed') AS failed
        FROM watch_sources s LEFT JOIN watch_items i ON i.source = s.name GROUP BY ALL ORDER BY s.name""")


def _dicts(store: Store, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    cursor = store.con.execute(sql, params or [])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
