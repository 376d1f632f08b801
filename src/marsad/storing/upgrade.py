"""Stores written by an earlier Marsad: brought up to date when a read-only command opens them.

Opening a store for writing upgrades it (`Store.open`): schema.sql adds the columns it lacks,
the dates are checked against publication and the stories rebuilt, so that its events get
their flags and its stories their representative events. Nothing is extracted again. A
read-only command cannot write, so it opens an outdated store for writing once first.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from marsad.storing.owner import StoreUnavailable
from marsad.storing.store import Store, missing_columns


def open_read_only(path: str | Path) -> Store:
    """The store at `path`, read-only, upgraded first if an earlier Marsad wrote it; ValueError with a
    one-line reason when it needs upgrading and another process is using it."""
    store = Store.open(path, read_only=True)
    if not missing_columns(store.con):
        return store
    store.close()
    try:
        Store.open(path).close()
    except (duckdb.IOException, StoreUnavailable) as exc:
        raise ValueError(f"{path} was written by an earlier Marsad and must be upgraded, but another "
                         f"process is using it ({exc}); try again when it is done") from None
    return Store.open(path, read_only=True)
