"""The Marsad store: one DuckDB file of documents, events, actors, stories and errors.

    >>> from marsad.storing import Store
    >>> with Store.open("marsad.duckdb", read_only=True) as store:
    ...     store.events(actor="لافروف", since="2015-07-01", limit=10)
    ...     store.actor("sergey-lavrov")
    ...     store.stats()

Records are plain dicts (JSON-ready but for dates). Only one process may open a store for
writing; any number may open it read-only when nobody writes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb

from marsad.storing.actor_search import ActorRow, ActorSearch
from marsad.storing.actors import knowledge_names
from marsad.storing.batch import Batch
from marsad.storing.dates import check_dates
from marsad.storing.owner import busy_error
from marsad.storing.query import EVENT_COLUMNS, EventFilter, event_record, parse_day
from marsad.storing.stories import rebuild_stories
from marsad.storing.transaction import transaction

# Events columns added since the first stores were written (schema.sql adds them with ALTER).
NEWER_COLUMNS = ("date_flag", "date_original", "marsad_version", "kb_version", "model_version")


def missing_columns(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The events columns of this Marsad that a store lacks (none for a new, empty file)."""
    found = {row[0] for row in con.execute(
        "SELECT column_name FROM duckdb_columns() WHERE table_name = 'events'").fetchall()}
    return [c for c in NEWER_COLUMNS if c not in found] if found else []


class Store:
    """A connection to a store file; open it with `Store.open`."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str, read_only: bool) -> None:
        self.con = con  # the DuckDB connection, for queries the methods below do not cover
        self.path = path
        self.read_only = read_only

    @classmethod
    def open(cls, path: str | Path = ":memory:", read_only: bool = False) -> Store:
        """Open (and, when writable, create or complete the schema of) the store at `path`."""
        try:
            con = duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as exc:
            busy = busy_error(str(path), str(exc))
            if busy is None:
                raise
            raise busy from None
        if not read_only:
            outdated = bool(missing_columns(con))
            con.execute(resources.files("marsad.storing").joinpath("schema.sql").read_text("utf-8"))
            if outdated:  # written by an earlier Marsad: its events get their date flags, its stories
                rebuild_stories(con)  # their representative events (nothing is extracted again)
        return cls(con, str(path), read_only)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------

    def write(self, batch: Batch, also: list[tuple[str, list]] | None = None) -> None:
        """Write a batch in one transaction: all of it or, on a crash, none of it; `also` are statements
        (SQL, parameters) that belong to the same transaction, such as a caller's bookkeeping."""
        with transaction(self.con):
            self.insert(batch)
            for sql, params in also or ():
                self.con.execute(sql, params)

    def insert(self, batch: Batch) -> None:
        """Write a batch inside the caller's transaction; documents it replaces are removed first."""
        if batch.replaced:
            self.delete_documents(sorted(batch.replaced))
        for name, table in batch.tables().items():
            self.con.register("_batch", table)
            columns = ", ".join(table.column_names)
            if name == "errors":
                self.con.execute(
                    f"INSERT INTO errors ({columns}) SELECT * FROM _batch b WHERE NOT EXISTS "
                    "(SELECT 1 FROM errors e WHERE e.location = b.location AND e.reason = b.reason)"
                )
            else:
                verb = "INSERT"
                if name == "actors":  # an actor row stays as first written, unless the batch refreshes them
                    verb = "INSERT OR REPLACE" if batch.refresh_actors else "INSERT OR IGNORE"
                self.con.execute(f"{verb} INTO {name} ({columns}) SELECT * FROM _batch")
            self.con.unregister("_batch")
        check_dates(self.con, batch.events["event_id"])  # extracted and corrected events alike

    def delete_documents(self, doc_ids: list[str]) -> None:
        """Remove documents with their signatures, events and event actors (before re-extracting them)."""
        for sql in (
            "DELETE FROM event_actors WHERE event_id IN (SELECT event_id FROM events WHERE list_contains(?, doc_id))",
            "DELETE FROM events WHERE list_contains(?, doc_id)",
            "DELETE FROM signatures WHERE list_contains(?, doc_id)",
            "DELETE FROM documents WHERE list_contains(?, doc_id)",
        ):
            self.con.execute(sql, [doc_ids])

    def delete_unused_actors(self) -> int:
        """Remove the actors no event names any more (after re-extraction with another knowledge base)."""
        return self.con.execute(
            "DELETE FROM actors WHERE actor_id NOT IN (SELECT actor_id FROM event_actors)").fetchone()[0]

    def rebuild_stories(self) -> int:
        """Recompute all stories from the stored events; returns how many there are."""
        return rebuild_stories(self.con)

    def document_ids(self) -> set[str]:
        return {row[0] for row in self.con.execute("SELECT doc_id FROM documents").fetchall()}

    def actor_ids(self) -> set[str]:
        return {row[0] for row in self.con.execute("SELECT actor_id FROM actors").fetchall()}

    def last_seq(self) -> int:
        return self.con.execute("SELECT coalesce(max(seq), 0) FROM documents").fetchone()[0]

    def signatures(self) -> Iterator[tuple[str, str, bytes]]:
        """(doc_id, cluster_id, MinHash signature) of every stored document, in ingest order."""
        cursor = self.con.execute(
            "SELECT d.doc_id, d.cluster_id, s.signature FROM documents d JOIN signatures s USING (doc_id) "
            "ORDER BY d.seq"
        )
        while rows := cursor.fetchmany(10_000):
            yield from rows

    # -- reading -------------------------------------------------------------------------

    def events(
        self, actor: str | None = None, country: str | None = None, type: str | list[str] | None = None,
        since: str | None = None, until: str | None = None, text: str | None = None,
        source: str | None = None, story: str | None = None, doc_id: str | None = None,
        limit: int | None = 100, offset: int = 0, canonical: bool = False,
    ) -> list[dict[str, Any]]:
        """Events matching every given filter, newest first.

        actor: a name in English or Arabic, any spelling variant, or an actor id; country:
        ISO-3 code of an actor; type: PLOVER type(s); since/until: YYYY[-MM[-DD]], inclusive;
        text: words in the evidence, title or text (Arabic letter variants folded); source:
        outlet id; story: story id; canonical: one event per story (its representative mention).
        Each record is spec §3's (actors with `actor_id`) plus quad_class, goldstein, coordinates,
        story_id and the story's counts, outlet, url, title, published, cluster_id, date flag and
        version stamps.
        """
        where, params = self._where(actor, country, type, since, until, text, source, story, doc_id, canonical)
        paging = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
        rows = self._dicts(
            f"SELECT {EVENT_COLUMNS} FROM events e JOIN documents d USING (doc_id) WHERE {where} "
            f"ORDER BY coalesce(e.date_start, d.published) DESC NULLS LAST, e.event_id{paging}",
            params,
        )
        actors = defaultdict(list)
        if rows:
            for actor_row in self._dicts(
                "SELECT * FROM event_actors WHERE list_contains(?, event_id)", [[r["event_id"] for r in rows]]
            ):
                actors[actor_row["event_id"]].append(actor_row)
        return [event_record(row, actors[row["event_id"]]) for row in rows]

    def count_events(
        self, actor: str | None = None, country: str | None = None, type: str | list[str] | None = None,
        since: str | None = None, until: str | None = None, text: str | None = None,
        source: str | None = None, story: str | None = None, doc_id: str | None = None, canonical: bool = False,
    ) -> int:
        """How many events match the filters (the same as in `events`)."""
        where, params = self._where(actor, country, type, since, until, text, source, story, doc_id, canonical)
        sql = f"SELECT count(*) FROM events e JOIN documents d USING (doc_id) WHERE {where}"
        return self.con.execute(sql, params).fetchone()[0]

    def _where(self, actor, country, type, since, until, text, source, story, doc_id, canonical=False):
        types = [type] if isinstance(type, str) else type
        return EventFilter(
            actor_ids=self.find_actors(actor) if actor else None, country=country, types=types,
            since=parse_day(since), until=parse_day(until, end=True), text=text, source=source,
            story=story, doc_id=doc_id, canonical=canonical,
        ).where()

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One event record by id (as in `events`), or None."""
        found = self.events(limit=None, doc_id=event_id.rsplit("#", 1)[0])
        return next((e for e in found if e["event_id"] == event_id), None)

    def document(self, doc_id: str) -> dict[str, Any] | None:
        """A document with its cleaned text and near-duplicate cluster, or None."""
        rows = self._dicts("SELECT * EXCLUDE (seq) FROM documents WHERE doc_id = ?", [doc_id])
        return rows[0] if rows else None

    def find_actors(self, query: str) -> list[str]:
        """Ids of the actors `query` names: an id, a name or alias in English or Arabic (exact matches
        first, then a title and a name, then substrings and close spellings); see actor_search.py."""
        rows = self.con.execute("SELECT actor_id, name, coalesce(arabic, []), kb_id FROM actors").fetchall()
        search = ActorSearch([ActorRow(aid, name, tuple(arabic), kb_id) for aid, name, arabic, kb_id in rows],
                             knowledge_names())
        return search.find(query)

    def actor(self, actor_id: str) -> dict[str, Any] | None:
        """An actor with its number of events and first and last event dates, or None."""
        rows = self._dicts(f"{_ACTORS_SQL} WHERE a.actor_id = ? GROUP BY ALL", [actor_id])
        return with_offices(rows[0]) if rows else None

    def actors(
        self, query: str | None = None, country: str | None = None, limit: int | None = 50, offset: int = 0,
    ) -> list[dict]:
        """Actors with their event counts and offices, most active first; `query` as in `find_actors`;
        limit None or 0: all."""
        clauses, params = ["TRUE"], []
        if query:
            clauses.append("list_contains(?, a.actor_id)")
            params.append(self.find_actors(query))
        if country:
            clauses.append("a.country = ?")
            params.append(country.upper())
        paging = (f" LIMIT {int(limit)}" if limit else "") + (f" OFFSET {int(offset)}" if offset else "")
        return [with_offices(row) for row in self._dicts(
            f"{_ACTORS_SQL} WHERE {' AND '.join(clauses)} GROUP BY ALL "
            f"ORDER BY num_events DESC, a.actor_id{paging}", params,
        )]

    def story(self, story_id: str) -> dict[str, Any] | None:
        """A story with its events, or None."""
        rows = self._dicts("SELECT * FROM stories WHERE story_id = ?", [story_id])
        if not rows:
            return None
        return rows[0] | {"events": self.events(story=story_id, limit=None)}

    def stories(self, type: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
        """Stories, the most widely reported first."""
        where, params = ("WHERE type = ?", [type.upper()]) if type else ("", [])
        return self._dicts(
            f"SELECT * FROM stories {where} ORDER BY num_sources DESC, num_documents DESC, date_start DESC, "
            f"story_id LIMIT {int(limit)}", params,
        )

    def errors(self, limit: int = 100) -> list[dict[str, Any]]:
        """Rows of the errors table, oldest first."""
        return self._dicts(f'SELECT * FROM errors ORDER BY "at", location LIMIT {int(limit)}')

    def stats(self) -> dict[str, Any]:
        """Counts of everything (canonical events and stories from two outlets or more too), the date
        range, the date flags and the events per type and per outlet."""
        one = self.con.execute(
            "SELECT (SELECT count(*) FROM documents), (SELECT count(DISTINCT cluster_id) FROM documents), "
            "(SELECT count(DISTINCT source) FROM documents), (SELECT count(*) FROM events), "
            "(SELECT count(*) FROM actors), (SELECT count(*) FROM stories), (SELECT count(*) FROM errors), "
            "(SELECT min(published) FROM documents), (SELECT max(published) FROM documents)"
        ).fetchone()
        names = ("documents", "clusters", "sources", "events", "actors", "stories", "errors", "first", "last")
        stats: dict[str, Any] = dict(zip(names, one, strict=True))
        stats["near_duplicates"] = stats["documents"] - stats["clusters"]
        stats["canonical_events"], stats["multi_outlet_stories"] = self.con.execute(
            "SELECT (SELECT count(*) FROM events WHERE story_id IS NULL OR story_id = event_id), "
            "(SELECT count(*) FROM stories WHERE num_sources >= 2)").fetchone()
        stats["date_flags"] = dict(self.con.execute(
            "SELECT date_flag, count(*) FROM events WHERE date_flag IS NOT NULL GROUP BY 1 ORDER BY 1").fetchall())
        stats["events_by_type"] = dict(self.con.execute(
            "SELECT type, count(*) FROM events GROUP BY type ORDER BY count(*) DESC, type").fetchall())
        stats["documents_by_source"] = dict(self.con.execute(
            "SELECT coalesce(source, '?'), count(*) FROM documents GROUP BY ALL ORDER BY 2 DESC, 1"
        ).fetchall())
        return stats

    def _dicts(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        cursor = self.con.execute(sql, params or [])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


# First and last dates leave out events flagged as dated long before their article (storing/dates.py).
_ACTORS_SQL = """
SELECT a.*, count(DISTINCT ea.event_id) AS num_events,
       min(e.date_start) FILTER (WHERE e.date_flag IS DISTINCT FROM 'long_before_publication') AS first_date,
       max(e.date_start) FILTER (WHERE e.date_flag IS DISTINCT FROM 'long_before_publication') AS last_date
FROM actors a LEFT JOIN event_actors ea USING (actor_id) LEFT JOIN events e USING (event_id)
"""


def with_offices(actor: dict[str, Any]) -> dict[str, Any]:
    """An actor row with the offices the knowledge base says it held, oldest first."""
    kb = knowledge_names().kb
    terms = sorted(kb.terms_of(actor["kb_id"]), key=lambda t: t.start) if kb and actor.get("kb_id") else []
    actor["offices"] = [{"office": t.office, "country": t.country, "start": t.start, "end": t.end,
                         "topic": t.topic} for t in terms]
    return actor

