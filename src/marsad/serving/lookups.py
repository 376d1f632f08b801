"""Answers the served store gives the same way every time, kept in memory.

The store is opened read-only, so nothing here can go stale. Actor names are matched in
Python over every actor (with fuzzy spellings), and the store's text filter folds every
article in SQL on each query, which takes seconds on SaudiNewsNet; folding each article
once, here, turns a text search into a substring scan of about a hundred milliseconds.
"""

from __future__ import annotations

import threading

from marsad.cleaning.normalize import normalize
from marsad.storing.store import Store

MAX_REMEMBERED = 4096  # answers kept per kind before the memo starts afresh


class Lookups:
    """Actor ids by name and document ids by words, memoised; the folded texts built once."""

    def __init__(self) -> None:
        self.actors: dict[str, list[str]] = {}
        self.texts: dict[str, list[str]] = {}
        self.folded: list[tuple[str, str]] | None = None
        self.lock = threading.Lock()

    def find_actors(self, store: Store, query: str) -> list[str]:
        """`Store.find_actors`, remembered."""
        return _remember(self.actors, query, lambda: store.find_actors(query))

    def find_documents(self, store: Store, words: str) -> list[str]:
        """Ids of the documents whose title or cleaned text holds `words` (Arabic letter variants folded)."""
        return _remember(self.texts, words, lambda: self._scan(store, normalize(words).lower()))

    def prepare(self, store: Store) -> None:
        """Fold every document's title and text (a few seconds on 30,000 articles), once."""
        with self.lock:
            if self.folded is None:
                rows = store.con.execute("SELECT doc_id, title, text FROM documents").fetchall()
                self.folded = [(doc_id, normalize(f"{title or ''}\n{text}").lower()) for doc_id, title, text in rows]

    def _scan(self, store: Store, needle: str) -> list[str]:
        self.prepare(store)
        return [doc_id for doc_id, folded in self.folded if needle in folded]


def _remember(memo: dict[str, list[str]], key: str, compute) -> list[str]:
    found = memo.get(key)
    if found is None:
        found = compute()
        if len(memo) >= MAX_REMEMBERED:
            memo.clear()
        memo[key] = found
    return found
