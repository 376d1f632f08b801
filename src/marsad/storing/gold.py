"""`marsad corrections export`: reviewed documents as spec §5 gold JSONL, the input of `marsad train`.

A document counts as reviewed once an analyst corrected one of its events (an undone
correction does not count). Its gold events are its events as served: extracted, with
every correction applied — the analyst saw them all on the document page and fixed what
was wrong. `reviewed_only` keeps only the events an analyst confirmed, edited or added.
The text is the cleaned text the evidence refers to; the scorer and the trainer clean it
again, which leaves it as it is.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from marsad.storing.corrections import corrections, reviewed_documents
from marsad.storing.store import Store

GOLD_FIELDS = ("type", "mode", "cameo", "source", "target", "date", "date_precision", "location", "contexts",
               "evidence")


def gold_documents(store: Store, reviewed_only: bool = False) -> Iterator[dict[str, Any]]:
    """One spec §5 record per reviewed document, in the order they were first reviewed."""
    for doc_id in reviewed_documents(store):
        document = store.document(doc_id)
        if document is None:
            continue
        events = store.events(doc_id=doc_id, limit=None)
        if reviewed_only:
            vouched = {c["event_id"] for c in corrections(store, doc_id=doc_id, active=True) if c["effect"] == "keep"}
            events = [e for e in events if e["event_id"] in vouched]
        events.sort(key=lambda e: (e["evidence_span"] or [len(document["text"])])[0])
        published = document["published"]
        yield {
            "doc_id": doc_id, "published": published.isoformat() if published else None,
            "title": document["title"], "url": document["url"], "text": document["text"],
            "events": [gold_event(e) for e in events],
        }


def gold_event(record: dict[str, Any]) -> dict[str, Any]:
    """A stored event as a gold event (spec §5): §3's fields but ids, span and confidence."""
    out = {key: record[key] for key in GOLD_FIELDS}
    for side in ("source", "target"):
        out[side] = [{k: a[k] for k in ("name", "country", "sector")} for a in record[side]]
    return out


def write_gold(store: Store, output: str | Path | TextIO, reviewed_only: bool = False) -> tuple[int, int]:
    """Write the gold JSONL to a path or an open text stream; returns (documents, events)."""
    if isinstance(output, str | Path):
        with open(output, "w", encoding="utf-8") as handle:
            return write_gold(store, handle, reviewed_only)
    documents = events = 0
    for record in gold_documents(store, reviewed_only):
        output.write(json.dumps(record, ensure_ascii=False) + "\n")
        documents += 1
        events += len(record["events"])
    return documents, events
