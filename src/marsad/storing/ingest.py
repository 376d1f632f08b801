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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from marsad.extracting.pipeline import extract_document
from marsad.model import Document, Event, ReadError
from marsad.reading import FieldMapping, Item, read_paths, to_document
from marsad.reading.readers import GUESS
from marsad.storing.batch import Batch
from marsad.storing.dedup import NearDuplicates, signature
from marsad.storing.progress import Counts, Progress
from marsad.storing.store import Store
from marsad.storing.versions import current_stamp

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


def process(item: Item, published: str | None = None) -> Processed | Failed:
    """Worker: parse HTML if needed, extract events, sign the cleaned text. Never raises.
    `published` is the publication date of documents that carry none (plain text files)."""
    if isinstance(item, ReadError):
        return Failed(item, "read")
    document = to_document(item)
    if isinstance(document, ReadError):
        return Failed(document, "read")
    if published and not document.published:
        document.published = published
    where = document.origin or document.doc_id
    try:
        extraction = extract_document(document)
    except Exception as exc:  # one bad document must not stop the batch
        return Failed(ReadError(where, f"{type(exc).__name__}: {exc}"), "extract")
    if not extraction.cleaned_text.strip():
        return Failed(ReadError(where, "no text left after cleaning"), "clean")
    document.text = ""  # the cleaned text travels back instead
    return Processed(document, extraction.cleaned_text, extraction.events, signature(extraction.cleaned_text))


def ingest(
    paths: Iterable[str | Path], db: str | Path, workers: int = 1, mapping: FieldMapping = GUESS,
    progress: Progress | None = None, batch_size: int = BATCH_SIZE, published: str | None = None,
    model_version: str | None = None,
) -> Counts:
    """Ingest `paths` into the store at `db`, then recompute the stories; returns the counts.

    `published`: the publication date of documents that carry none (plain text files).
    `model_version`: the trained extractor's version, stamped on every event with Marsad's
    version and the knowledge base's fingerprint.
    """
    progress = progress or Progress(enabled=False)
    counts = Counts()
    stamp = current_stamp(model_version)
    with Store.open(db) as store:
        written = store.document_ids()
        actors = store.actor_ids()
        near = NearDuplicates(store.signatures)
        seq = store.last_seq()
        items = _new_items(read_paths(paths, mapping), set(written), counts)
        batch = Batch(stamp)
        for result in _processed(items, workers, published):
            if isinstance(result, Failed):
                counts.errors += 1
                batch.add_error(result.error.location, result.error.reason, result.stage)
            elif result.document.doc_id in written:  # HTML: its id is known only once parsed
                counts.skipped += 1
            else:
                doc, seq = result.document, seq + 1
                written.add(doc.doc_id)
                cluster = near.assign(doc.doc_id, result.signature)
                batch.add_document(doc, result.cleaned, result.events, cluster, seq, result.signature, actors)
                actors.update(batch.actors)
                counts.added += 1
                counts.events += len(result.events)
            if len(batch) >= batch_size:
                store.write(batch)
                batch = Batch(stamp)
            progress.update(counts)
        store.write(batch)
        if counts.added:
            store.rebuild_stories()
    progress.finish(counts)
    return counts


def _new_items(items: Iterator[Item], sent: set[str], counts: Counts) -> Iterator[Item]:
    """Items minus documents whose id is already stored or was seen earlier in this run."""
    for item in items:
        if isinstance(item, Document):
            if item.doc_id in sent:
                counts.skipped += 1
                continue
            sent.add(item.doc_id)
        yield item


def _processed(items: Iterator[Item], workers: int, published: str | None) -> Iterator[Processed | Failed]:
    """`process` over items, in input order: in this process, or in a pool of `workers`."""
    work = partial(process, published=published) if published else process
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
