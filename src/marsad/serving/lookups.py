"""Answers the served store gives the same way every time, kept in memory.

What is remembered stays true until the store changes; a server that writes (serve --watch,
--review) calls `refresh` after each write. Actor names are matched in
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
        self.folded: dict[str, str] | None = None  # doc_id → folded title and text
        self.lock = threading.Lock()

    def find_actors(self, store: Store, query: str) -> list[str]:
        """`Store.find_actors`, remembered."""
        return _remember(self.actors, query, lambda: store.find_actors(query))

    def find_documents(self, store: Store, words: str) -> list[str]:
        """Ids of the documents whose title or cleaned text holds `words` (Arabic letter variants folded)."""
        return _remember(self.texts, words, lambda: self._scan(store, normalize(words).lower()))

    def prepare(self, store: Store) -> dict[str, str]:
        """Fold every document's title and text (a few seconds on 30,000 articles), once."""
        with self.lock:
            if self.folded is None:
                rows = store.con.execute("SELECT doc_id, title, text FROM documents").fetchall()
                self.folded = {doc_id: _fold(title, text) for doc_id, title, text in rows}
            return self.folded

    def refresh(self, store: Store, doc_ids: list[str] | None = None) -> None:
        """Forget remembered answers after a write; fold `doc_ids` anew (all documents when None)."""
        with self.lock:
            self.actors.clear()
            self.texts.clear()
            if self.folded is None:
                return
            if doc_ids is None:
                self.folded = None
                return
            folded = dict(self.folded)  # a new dict: scans running now keep reading the old one
            for doc_id in doc_ids:
                folded.pop(doc_id, None)
            rows = store.con.execute(
                "SELECT doc_id, title, text FROM documents WHERE list_contains(?, doc_id)", [list(doc_ids)]).fetchall()
            folded.update({doc_id: _fold(title, text) for doc_id, title, text in rows})
            self.folded = folded

    def _scan(self, store: Store, needle: str) -> list[str]:
        return [doc_id for doc_id, folded in self.prepare(store).items() if needle in folded]


def _fold(title: str | None, text: str) -> str:
    return normalize(f"{title or ''}\n{text}").lower()


def _remember(memo: dict[str, list[str]], key: str, compute) -> list[str]:
    found = memo.get(key)
    if found is None:
        found = compute()
        if len(memo) >= MAX_REMEMBERED:
            memo.clear()
        memo[key] = found
    return found
