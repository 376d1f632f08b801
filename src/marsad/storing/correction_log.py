"""The corrections tables (corrections.sql): reading the log, and the rows its writers share.

Each row of `corrections` is one thing an analyst did to one event; rows of one event share
a `chain_id`, and the newest (`superseded_by` null) says what holds. `corrected_documents`
keeps a fingerprint of each corrected document's events as the corrections left them.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from importlib import resources
from typing import Any

import duckdb

from marsad.model import Event
from marsad.storing.batch import Batch
from marsad.storing.dates import AFTER_PUBLICATION
from marsad.storing.store import Store
from marsad.storing.versions import Stamp

ADDED = "#a"  # event ids of events analysts added or kept: "<doc_id>#a<chain_id>"

_FINGERPRINT_SQL = """
WITH ea AS (
    SELECT event_id, string_agg(role || ':' || position || ':' || actor_id, ',' ORDER BY role, position) AS actors
    FROM event_actors WHERE event_id IN (SELECT event_id FROM events WHERE list_contains(?, doc_id))
    GROUP BY event_id)
SELECT e.doc_id, md5(string_agg(concat_ws('|', e.event_id, e.type, coalesce(e.mode, '-'), coalesce(e.cameo, '-'),
       coalesce(e.date, '-'), coalesce(e.location_name, '-'), coalesce(e.location_country, '-'),
       coalesce(CAST(e.evidence_start AS VARCHAR), '-'), coalesce(CAST(e.evidence_end AS VARCHAR), '-'),
       coalesce(ea.actors, '-')), chr(10) ORDER BY e.event_id))
FROM events e LEFT JOIN ea USING (event_id) WHERE list_contains(?, e.doc_id) GROUP BY e.doc_id
"""


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(resources.files("marsad.storing").joinpath("corrections.sql").read_text("utf-8"))


def has_corrections(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the store has a corrections table (a store nobody reviewed has none)."""
    return bool(con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'corrections'").fetchone()[0])


def now() -> datetime:
    """This moment in UTC, as the tables keep it (without a zone)."""
    return datetime.now(UTC).replace(tzinfo=None)


def corrections(
    store: Store, doc_id: str | None = None, event_id: str | None = None, active: bool | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Corrections, oldest first, as JSON-ready records; `active` keeps only (or leaves out) the ones in force."""
    if not has_corrections(store.con):
        return []
    clauses, params = ["TRUE"], []
    if doc_id:
        clauses.append("doc_id = ?")
        params.append(doc_id)
    if event_id:
        clauses.append("chain_id IN (SELECT chain_id FROM corrections WHERE event_id = ?)")
        params.append(event_id)
    if active is not None:
        clauses.append("superseded_by IS NULL" if active else "superseded_by IS NOT NULL")
    paging = f" LIMIT {int(limit)}" if limit else ""
    return rows(store.con, f'SELECT * FROM corrections WHERE {" AND ".join(clauses)} '
                           f'ORDER BY "at", correction_id{paging}', params)


def reviewed_documents(store: Store) -> list[str]:
    """Ids of the documents with a correction in force (undone ones do not count), in order of review."""
    if not has_corrections(store.con):
        return []
    return [row[0] for row in store.con.execute(
        "SELECT doc_id FROM corrections WHERE superseded_by IS NULL AND effect <> 'none' "
        'GROUP BY doc_id ORDER BY min("at"), doc_id').fetchall()]


def rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    """Rows of the corrections table as records: JSON columns parsed, times as ISO strings."""
    cursor = con.execute(sql, params or [])
    names = [d[0] for d in cursor.description]
    found = []
    for values in cursor.fetchall():
        row = dict(zip(names, values, strict=True))
        for key in ("changes", "before", "after", "anchor"):
            row[key] = json.loads(row[key]) if row[key] else None
        row["at"] = row["at"].isoformat(timespec="seconds") + "Z"
        row["active"] = row["superseded_by"] is None
        found.append(row)
    return found


def by_id(con: duckdb.DuckDBPyConnection, correction_id: int) -> dict[str, Any] | None:
    found = rows(con, "SELECT * FROM corrections WHERE correction_id = ?", [correction_id])
    return found[0] if found else None


def active(con: duckdb.DuckDBPyConnection, chain_id: int) -> dict[str, Any]:
    """The correction in force of a chain."""
    return rows(con, "SELECT * FROM corrections WHERE chain_id = ? AND superseded_by IS NULL", [chain_id])[0]


def active_for_event(con: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    found = rows(con, "SELECT * FROM corrections WHERE event_id = ? AND superseded_by IS NULL", [event_id])
    return found[0] if found else None


def active_chains(con: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> list[dict[str, Any]]:
    """The corrections in force of the documents, by chain."""
    return rows(con, "SELECT * FROM corrections WHERE list_contains(?, doc_id) AND superseded_by IS NULL "
                     "ORDER BY doc_id, chain_id", [doc_ids])


def insert(con: duckdb.DuckDBPyConnection, row: dict[str, Any]) -> None:
    con.execute(
        'INSERT INTO corrections (correction_id, chain_id, doc_id, action, effect, reviewer, "at", note, changes, '
        "before, after, anchor, event_id, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [row["correction_id"], row["chain_id"], row["doc_id"], row["action"], row["effect"], row["reviewer"],
         row["at"], row["note"], _json(row["changes"]), _json(row["before"]), _json(row["after"]),
         _json(row["anchor"]), row["event_id"], row["status"]],
    )


def next_id(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute("SELECT nextval('correction_ids')").fetchone()[0]


def fingerprints(con: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> dict[str, str]:
    """A hash of each document's events (ids, fields, evidence spans, actors); none for a document without."""
    return dict(con.execute(_FINGERPRINT_SQL, [doc_ids, doc_ids]).fetchall())


def remember(con: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> None:
    """Note the events of `doc_ids` as corrections left them (so that only a later re-extraction makes
    `reapply` work on them), and recount their events."""
    prints = fingerprints(con, doc_ids)
    con.executemany("INSERT OR REPLACE INTO corrected_documents VALUES (?, ?, ?)",
                    [[doc_id, prints.get(doc_id, ""), now()] for doc_id in doc_ids])
    con.execute(
        "UPDATE documents SET num_events = c.n FROM (SELECT t.doc_id, count(e.event_id) AS n "
        "FROM (SELECT unnest(?::VARCHAR[]) AS doc_id) t LEFT JOIN events e USING (doc_id) GROUP BY t.doc_id) c "
        "WHERE documents.doc_id = c.doc_id", [doc_ids])


def write_events(store: Store, records: list[dict[str, Any]], keep_stories: bool = True) -> None:
    """Replace (or add) events with their actors; with `keep_stories` each keeps its story until the
    stories are recomputed.

    The store derives the rest as for an extracted event (quad class, knowledge-base actor ids,
    date checks). An event that replaces an extracted one keeps that extraction's version stamps
    and, while its date is unchanged, its date flag: an edit of its type does not make an event
    clamped to its article's date look as if it had been read that way.
    """
    if not records:
        return
    ids = [r["event_id"] for r in records]
    stored = {row[0]: row[1:] for row in store.con.execute(
        "SELECT event_id, story_id, date, date_flag, date_original, marsad_version, kb_version, model_version "
        "FROM events WHERE list_contains(?, event_id)", [ids]).fetchall()}
    delete_events(store.con, ids, hand_on=False)  # written again below
    batch = Batch()
    for record in records:
        old = stored.get(record["event_id"])
        stamp = Stamp(*old[4:]) if old else None
        batch.add_event(record["event_id"], record["doc_id"], Event.from_dict(record), stamp=stamp)
    store.insert(batch)
    dates = {r["event_id"]: r.get("date") for r in records}
    flags = [[old[2], old[3], event_id] for event_id, old in stored.items()
             if old[2] == AFTER_PUBLICATION and dates[event_id] == old[1]]
    if flags:
        store.con.executemany("UPDATE events SET date_flag = ?, date_original = ? WHERE event_id = ?", flags)
    stories = [[old[0], event_id] for event_id, old in stored.items() if old[0]] if keep_stories else []
    if stories:
        store.con.executemany("UPDATE events SET story_id = ? WHERE event_id = ?", stories)


def delete_events(con: duckdb.DuckDBPyConnection, event_ids: list[str], hand_on: bool = True) -> None:
    """Remove events with their actors. With `hand_on`, a removed event that stood for its story (a
    rejected canonical event) hands the story to another of its mentions, so that the story's other
    reports stay listed until the stories are recomputed."""
    if not event_ids:
        return
    if hand_on:
        _hand_on_stories(con, event_ids)
    con.execute("DELETE FROM event_actors WHERE list_contains(?, event_id)", [event_ids])
    con.execute("DELETE FROM events WHERE list_contains(?, event_id)", [event_ids])


def _hand_on_stories(con: duckdb.DuckDBPyConnection, event_ids: list[str]) -> None:
    """Stories whose representative goes: the next mention (by id) stands for them; stories left with
    no mention go."""
    heirs = con.execute(
        "SELECT story_id, min(event_id), count(*) FROM events WHERE list_contains(?, story_id) "
        "AND NOT list_contains(?, event_id) GROUP BY story_id", [event_ids, event_ids]).fetchall()
    con.execute("DELETE FROM stories WHERE list_contains(?, story_id) AND story_id NOT IN "
                "(SELECT story_id FROM events WHERE story_id IS NOT NULL AND NOT list_contains(?, event_id))",
                [event_ids, event_ids])
    for story_id, heir, mentions in heirs:
        con.execute("UPDATE events SET story_id = ? WHERE story_id = ?", [heir, story_id])
        con.execute("INSERT INTO stories (story_id, type, date_start, date_end, num_events, num_documents, "
                    "num_sources, actor_key) SELECT ?, type, date_start, date_end, ?, num_documents, num_sources, "
                    "actor_key FROM stories WHERE story_id = ?", [heir, mentions, story_id])
        con.execute("DELETE FROM stories WHERE story_id = ?", [story_id])


def document(store: Store, doc_id: str | None) -> dict[str, Any] | None:
    """A document's id, cleaned text and its hash, or None."""
    found = store.con.execute(
        "SELECT doc_id, text, content_hash FROM documents WHERE doc_id = ?", [doc_id]).fetchone() if doc_id else None
    return dict(zip(("doc_id", "text", "content_hash"), found, strict=True)) if found else None


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, default=str)
