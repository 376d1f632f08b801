"""Stores written by an earlier Marsad: brought up to date when a read-only command opens them.

Opening a store for writing adds the columns it lacks (schema.sql's ALTER statements); the
dates are then checked against publication and the stories rebuilt, so that its events get
their flags and its stories their representative events. Nothing is extracted again.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from marsad.storing.store import Store

COLUMNS = ("date_flag", "date_original", "marsad_version", "kb_version", "model_version")


def missing_columns(store: Store) -> list[str]:
    """The events columns of this Marsad that the store lacks."""
    found = {row[0] for row in store.con.execute(
        "SELECT column_name FROM duckdb_columns() WHERE table_name = 'events'").fetchall()}
    return [c for c in COLUMNS if c not in found]


def open_read_only(path: str | Path) -> Store:
    """The store at `path`, read-only, upgraded first if an earlier Marsad wrote it; ValueError with a
    one-line reason when it needs upgrading and another process is writing it."""
    store = Store.open(path, read_only=True)
    if not missing_columns(store):
        return store
    store.close()
    try:
        with Store.open(path) as writable:
            writable.rebuild_stories()
    except duckdb.IOException as exc:
        raise ValueError(f"{path} was written by an earlier Marsad and must be upgraded, but another "
                         f"process is writing it ({exc}); try again when it is done") from None
    return Store.open(path, read_only=True)
