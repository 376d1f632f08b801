"""`marsad load`: insert spark-extract's Parquet tables into the DuckDB store, as an ingest would.

Only documents not in the store yet go in (once each, earliest published first, numbered
after the store's last `seq`), with their signatures, events and event actors; each gets
its near-duplicate cluster from the store's MinHash index, new actors get their
knowledge-base rows, and the stories are rebuilt. Loading the same output twice adds nothing.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from marsad.engines.rows import TABLES
from marsad.model import Actor
from marsad.storing.actors import knowledge_names
from marsad.storing.dedup import NearDuplicates
from marsad.storing.store import Store
from marsad.storing.transaction import transaction

_FIRST = "QUALIFY row_number() OVER (PARTITION BY {keys} ORDER BY {keys}) = 1"
# FROM {p}: the output's table; _new: (doc_id, cluster_id, seq) of the documents to add.
_INSERTS = {
    "documents": "FROM {p} p JOIN _new n USING (doc_id) " + _FIRST.format(keys="doc_id"),
    "signatures": "FROM {p} p JOIN _new USING (doc_id) " + _FIRST.format(keys="doc_id"),
    "events": "FROM {p} p JOIN _new USING (doc_id) " + _FIRST.format(keys="event_id"),
    "event_actors": "FROM {p} p JOIN (SELECT DISTINCT event_id, doc_id FROM {events}) USING (event_id) "
    "JOIN _new USING (doc_id) " + _FIRST.format(keys="event_id, role, position"),
    "errors": "FROM {p} p WHERE NOT EXISTS (SELECT 1 FROM errors e WHERE e.location = p.location "
    "AND e.reason = p.reason) " + _FIRST.format(keys="location, reason"),
}
_COMPUTED = {"cluster_id": "n.cluster_id", "seq": "n.seq"}


def _insert(table: str, source: str, events: str | None) -> str:
    names = [name for name, _ in TABLES[table]]
    values = ", ".join(_COMPUTED.get(n, f'p."{n}"') for n in names)
    columns = ", ".join(f'"{n}"' for n in names)
    rest = _INSERTS[table].format(p=source, events=events)
    return f"INSERT INTO {table} ({columns}) SELECT {values} {rest}"


def _parquet(directory: Path, table: str) -> str | None:
    """A read_parquet() call over one output table, None when it has no files."""
    files = sorted((directory / table).glob("**/*.parquet"))
    if not files:
        return None
    listed = ", ".join("'" + f.resolve().as_posix().replace("'", "''") + "'" for f in files)
    return f"read_parquet([{listed}])"


def _new_documents(store: Store, documents: str, signatures: str | None) -> pa.Table:
    """(doc_id, cluster_id, seq) of the output's documents that the store does not have."""
    signed, blob = "", "NULL"
    if signatures:
        signed = f"LEFT JOIN (SELECT DISTINCT ON (doc_id) * FROM {signatures}) s USING (doc_id)"
        blob = "s.signature"
    rows = store.con.execute(
        f"SELECT DISTINCT ON (d.doc_id) d.doc_id, {blob}, d.published FROM {documents} d {signed} "
        "WHERE NOT EXISTS (SELECT 1 FROM documents t WHERE t.doc_id = d.doc_id) "
        "ORDER BY d.doc_id"
    ).fetchall()
    rows.sort(key=lambda r: (r[2] is None, r[2] or 0, r[0]))
    near, seq = NearDuplicates(store.signatures), store.last_seq()
    clusters = [near.assign(doc_id, blob) for doc_id, blob, _ in rows]
    return pa.table({
        "doc_id": pa.array([r[0] for r in rows], pa.string()),
        "cluster_id": pa.array(clusters, pa.string()),
        "seq": pa.array(range(seq + 1, seq + 1 + len(rows)), pa.int64()),
    })


def _add_actors(store: Store) -> int:
    """Rows in `actors` for actor ids of event_actors that have none yet."""
    missing = store.con.execute(
        "SELECT DISTINCT ON (actor_id) actor_id, name, country, sector FROM event_actors "
        "WHERE actor_id NOT IN (SELECT actor_id FROM actors) ORDER BY actor_id"
    ).fetchall()
    names = knowledge_names()
    for aid, name, country, sector in missing:
        kind, kb_id, arabic = names.describe(Actor(name, country, sector), aid)
        store.con.execute("INSERT INTO actors VALUES (?, ?, ?, ?, ?, ?, ?)",
                          [aid, name, country, sector, kind, kb_id, arabic])
    return len(missing)


def load(directory: Path, db: Path) -> dict[str, int]:
    """Rows added per table from `directory`'s Parquet tables."""
    added = dict.fromkeys(TABLES, 0)
    with Store.open(db) as store:
        con = store.con
        sources = {table: _parquet(directory, table) for table in TABLES}
        with transaction(con):
            if sources["documents"]:
                new = _new_documents(store, sources["documents"], sources["signatures"])  # noqa: F841
                con.execute("CREATE OR REPLACE TEMP TABLE _new AS SELECT * FROM new")  # scans `new`
            for table, source in sources.items():
                if source and (table == "errors" or sources["documents"]):
                    added[table] = con.execute(_insert(table, source, sources["events"])).fetchone()[0]
            added["actors"] = _add_actors(store)
        if added["documents"]:
            added["stories"] = store.rebuild_stories()
    return added
