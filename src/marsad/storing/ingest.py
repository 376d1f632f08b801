"""`marsad ingest`: read inputs, extract events in worker processes, write them in batches.

Crash safety: documents are written with their events, signatures and actors in one
transaction per batch, documents already stored are skipped, and reading is in a stable
order, so re-running an interrupted ingest (even after kill -9) ends with the same store as an
uninterrupted one. The parent process is the only writer.
"""

from __future__ import annotations

import itertools
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from marsad.extracting.pipeline import current_model_version, extract_document
from marsad.model import Document, Event, Extraction, ReadError
from marsad.reading import FieldMapping, Item, read_paths, to_document
from marsad.reading.readers import GUESS
from marsad.storing.batch import Batch
from marsad.storing.dedup import NearDuplicates, signature
from marsad.storing.progress import Counts, Progress
from marsad.storing.reapply import reapply
from marsad.storing.store import Store
from marsad.storing.versions import Stamp, current_stamp

BATCH_SIZE = 1000  # documents (and errors) per transaction
BLOCK_SIZE = 1000  # items handed to the worker pool at a time
BLOCKS_AHEAD = 4   # blocks in flight: workers keep busy while the parent reads and writes
CHUNK_SIZE = 200   # items per message to a worker


@dataclass(slots=True)
class Processed:
    """A document as a worker returns it: cleaned text, events and MinHash signature."""

    document: Document
    cleaned: str
    events: list[Event]
    signature: bytes | None


@dataclass(slots=True)
class Failed:
    """A record that could not be read, cleaned or extracted."""

    error: ReadError
    stage: str


def process(
    item: Item, extract: Callable[[Document], Extraction] | None = None, published: str | None = None,
) -> Processed | Failed:
    """Worker: parse HTML if needed, extract events (with `extract`, by default the extractor), sign the
    cleaned text. Never raises. `published` is the publication date of documents that carry none
    (plain text files)."""
    if isinstance(item, ReadError):
        return Failed(item, "read")
    document = to_document(item)
    if isinstance(document, ReadError):
        return Failed(document, "read")
    if published and not document.published:
        document.published = published
    where = document.origin or document.doc_id
    try:
        extraction = (extract or extract_document)(document)
    except Exception as exc:  # one bad document must not stop the batch
        return Failed(ReadError(where, f"{type(exc).__name__}: {exc}"), "extract")
    if not extraction.cleaned_text.strip():
        return Failed(ReadError(where, "no text left after cleaning"), "clean")
    document.text = ""  # the cleaned text travels back instead
    return Processed(document, extraction.cleaned_text, extraction.events, signature(extraction.cleaned_text))


def ingest(
    paths: Iterable[str | Path], db: str | Path, workers: int = 1, mapping: FieldMapping = GUESS,
    progress: Progress | None = None, batch_size: int = BATCH_SIZE, published: str | None = None,
    model_version: str | None = None, reextract: bool = False,
    extract: Callable[[Document], Extraction] | None = None,
) -> Counts:
    """Ingest `paths` into the store at `db`, then recompute the stories; returns the counts.

    `published`: the publication date of documents that carry none (plain text files).
    `model_version`: the trained extractor's version, stamped on every event with Marsad's
    version and the knowledge base's fingerprint.
    With `reextract`, documents already stored are read, cleaned and extracted again and
    replace their stored rows (analysts' corrections are then re-applied to the new events);
    without `paths`, every stored document is extracted again from its stored text.
    """
    progress = progress or Progress(enabled=False)
    with Store.open(db) as store:
        stamp = current_stamp(model_version or _model_version(extract))
        writer = Writer(store, batch_size=batch_size, reextract=reextract, stamp=stamp)
        sent = set() if reextract else set(writer.written)
        items = read_paths(paths, mapping) if paths or not reextract else stored_documents(store)
        for result in _processed(_new_items(items, sent, writer.counts), workers, extract, published):
            writer.add(result)
            progress.update(writer.counts)
        writer.finish()
    progress.finish(writer.counts)
    return writer.counts


def _model_version(extract) -> str | None:
    """The version of the model that extracts: the process's own, unless a caller brought its own extractor."""
    return current_model_version() if extract is None else None


def stored_documents(store: Store, chunk: int = BATCH_SIZE) -> Iterator[Document]:
    """Every stored document, in ingest order, as read from its stored text: cleaning that text again
    leaves it as it is, so evidence spans keep their places."""
    ids = [row[0] for row in store.con.execute("SELECT doc_id FROM documents ORDER BY seq").fetchall()]
    for start in range(0, len(ids), chunk):
        for doc_id, text, published, title, url, source, origin in store.con.execute(
                "SELECT doc_id, text, published, title, url, source, origin FROM documents "
                "WHERE list_contains(?, doc_id) ORDER BY seq", [ids[start:start + chunk]]).fetchall():
            yield Document(doc_id, text, published.isoformat() if published else None, title, url, source, origin)


class Writer:
    """Writes processed documents to an open store in batches: near-duplicate clusters, ingest order,
    errors, stories and the re-application of analysts' corrections. One writer per store at a time."""

    def __init__(
        self, store: Store, batch_size: int = BATCH_SIZE, reextract: bool = False, stamp: Stamp | None = None,
    ) -> None:
        self.store = store
        self.stamp = stamp or current_stamp(current_model_version())  # the versions written on every event
        self.batch_size = batch_size
        self.reextract = reextract
        self.counts = Counts()
        self.written = store.document_ids()
        # Re-extraction writes the row of every actor it meets once, with the knowledge base's names now.
        self.actors = set() if reextract else store.actor_ids()
        self.near = NearDuplicates(store.signatures)
        self.seq = store.last_seq()
        self.old_seq = dict(store.con.execute("SELECT doc_id, seq FROM documents").fetchall()) if reextract else {}
        self.seen: set[str] = set()  # documents written or replaced by this writer
        self.batch = self._new_batch()
        self.statements: list[tuple[str, list]] = []
        # Called as each batch is written: statements (SQL, parameters) for the same transaction.
        self.before_commit: Callable[[], list[tuple[str, list]]] | None = None
        self.changed = False  # whether stories need recomputing
        reapply(store)  # corrections a crashed earlier run wrote events under but did not re-apply

    def add(self, result: Processed | Failed) -> None:
        """One processed document (or failed record); the batch is written when full."""
        if isinstance(result, Failed):
            self.counts.errors += 1
            self.batch.add_error(result.error.location, result.error.reason, result.stage)
        elif result.document.doc_id in self.seen or (
                result.document.doc_id in self.written and not self.reextract):  # HTML: id known once parsed
            self.counts.skipped += 1
        else:
            doc = result.document
            if doc.doc_id in self.written:
                self.batch.replaced.add(doc.doc_id)
                seq = self.old_seq.get(doc.doc_id) or self._next_seq()
            else:
                seq = self._next_seq()
            self.written.add(doc.doc_id)
            self.seen.add(doc.doc_id)
            cluster = self.near.assign(doc.doc_id, result.signature)
            self.batch.add_document(doc, result.cleaned, result.events, cluster, seq, result.signature, self.actors)
            self.actors.update(self.batch.actors)
            self.counts.added += 1
            self.counts.events += len(result.events)
        if len(self.batch) >= self.batch_size:
            self.flush()

    def _new_batch(self) -> Batch:
        batch = Batch(self.stamp)
        batch.refresh_actors = self.reextract
        return batch

    def _next_seq(self) -> int:
        self.seq += 1
        return self.seq

    def also(self, sql: str, params: list) -> None:
        """A statement to run in the transaction that writes the next batch (a caller's bookkeeping)."""
        self.statements.append((sql, params))

    def flush(self) -> None:
        """Write the pending batch (and statements) in one transaction, then re-apply corrections to the
        documents it replaced."""
        batch, self.batch = self.batch, self._new_batch()
        statements, self.statements = self.statements, []
        if self.before_commit:
            statements += self.before_commit()
        self.store.write(batch, statements)
        self.changed = self.changed or bool(batch.documents["doc_id"])
        if batch.replaced:
            reapply(self.store, sorted(batch.replaced))

    def finish(self) -> None:
        """Write what is pending and, if documents were added, recompute the stories (after re-extraction,
        without the actors no event names any more)."""
        self.flush()
        if self.reextract and self.changed:
            self.store.delete_unused_actors()
        if self.changed:
            self.store.rebuild_stories()
            self.changed = False


def _new_items(items: Iterator[Item], sent: set[str], counts: Counts) -> Iterator[Item]:
    """Items minus documents whose id is already stored or was seen earlier in this run."""
    for item in items:
        if isinstance(item, Document):
            if item.doc_id in sent:
                counts.skipped += 1
                continue
            sent.add(item.doc_id)
        yield item


def _processed(
    items: Iterator[Item], workers: int, extract: Callable[[Document], Extraction] | None = None,
    published: str | None = None,
) -> Iterator[Processed | Failed]:
    """`process` over items, in input order: in this process, or in a pool of `workers`."""
    work = process if extract is None and not published else partial(process, extract=extract, published=published)
    if workers <= 1:
        yield from map(work, items)
        return
    with multiprocessing.get_context("forkserver").Pool(workers) as pool:
        pending: deque = deque()
        while block := list(itertools.islice(items, BLOCK_SIZE)):
            pending.append(pool.imap(work, block, chunksize=CHUNK_SIZE))
            if len(pending) > BLOCKS_AHEAD:
                yield from pending.popleft()
        while pending:
            yield from pending.popleft()
