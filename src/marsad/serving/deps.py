"""Per-request dependencies: a store cursor and the knowledge base.

Each request gets its own DuckDB cursor because one DuckDB connection must not be used by two
threads at a time, and FastAPI runs sync handlers in a thread pool.
"""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import Request

from marsad.knowledge import KnowledgeBase
from marsad.storing.store import Store


def request_store(request: Request) -> Iterator[Store]:
    """A read-only view of the app's store on a cursor of this request's own."""
    shared: Store = request.app.state.store
    cursor = shared.con.cursor()
    try:
        yield Store(cursor, shared.path, read_only=True)
    finally:
        cursor.close()


def knowledge(request: Request) -> KnowledgeBase:
    """The knowledge base, loaded on first use."""
    return request.app.state.knowledge()
