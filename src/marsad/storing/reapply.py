"""Corrections applied again after documents were extracted anew (a new model or knowledge base).

A document is stale when its events no longer have the fingerprint the corrections left
them with. Its analysts' events (`#a` ids) are laid again, and each correction in force
finds its event among the new ones (anchoring.py): a rejected event is dropped again, an
edit laid over what the new extractor found, and an event an analyst confirmed, edited or
added is kept even when the extractor no longer finds it. All stale documents are done in
one transaction with a few set-wise statements, so that re-ingesting reviewed documents
costs little more than ingesting them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import duckdb

from marsad.storing import correction_log as log
from marsad.storing.anchoring import Wanted, actor_keys, locate, match
from marsad.storing.edits import apply_changes
from marsad.storing.query import EVENT_COLUMNS, event_record, spec_record
from marsad.storing.store import Store
from marsad.storing.transaction import transaction


@dataclass(slots=True)
class Reapplied:
    """What `reapply` did."""

    documents: int = 0  # documents whose events had changed since their corrections were applied
    applied: int = 0    # corrections applied to an event of the new extraction
    absent: int = 0     # rejected events the new extraction no longer has
    kept: int = 0       # confirmed, edited or added events the new extraction lacks, kept as the analyst said


def reapply(store: Store, doc_ids: list[str] | None = None) -> Reapplied:
    """Apply the corrections of every document (or of `doc_ids`) whose events were extracted again since."""
    done = Reapplied()
    if store.read_only or not log.has_corrections(store.con):
        return done
    docs = log.reviewed_documents(store) if doc_ids is None else list(doc_ids)
    stale = stale_documents(store.con, docs) if docs else []
    if not stale:
        return done
    with transaction(store.con):
        _reanchor(store, stale, done)
        log.remember(store.con, stale)
    done.documents = len(stale)
    return done


def stale_documents(con: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> list[str]:
    """The documents among `doc_ids` with corrections whose events changed since they were applied."""
    corrected = sorted({row[0] for row in con.execute(
        "SELECT DISTINCT c.doc_id FROM corrections c JOIN documents d USING (doc_id) "
        "WHERE list_contains(?, c.doc_id)", [doc_ids]).fetchall()})
    if not corrected:
        return []
    stored = dict(con.execute("SELECT doc_id, fingerprint FROM corrected_documents WHERE list_contains(?, doc_id)",
                              [corrected]).fetchall())
    current = log.fingerprints(con, corrected)
    return [d for d in corrected if stored.get(d) != current.get(d, "")]


def _reanchor(store: Store, doc_ids: list[str], done: Reapplied) -> None:
    texts = {doc_id: (text, digest) for doc_id, text, digest in store.con.execute(
        "SELECT doc_id, text, content_hash FROM documents WHERE list_contains(?, doc_id)", [doc_ids]).fetchall()}
    chains: dict[str, list[dict]] = defaultdict(list)
    for chain in log.active_chains(store.con, doc_ids):
        if chain["effect"] != "none":
            chains[chain["doc_id"]].append(chain)
    events = _events(store.con, doc_ids)
    dropped, written, updates = [], [], []
    for doc_id in doc_ids:
        text, digest = texts[doc_id]
        mine = [e for e in events[doc_id] if e["event_id"].startswith(doc_id + log.ADDED)]
        dropped += [e["event_id"] for e in mine]  # analysts' events are laid again below
        extracted = {e["event_id"]: e for e in events[doc_id] if e not in mine}
        claimed = match([_wanted(c) for c in chains[doc_id]], list(extracted.values()), text, digest)
        for chain in chains[doc_id]:
            event_id, status = claimed.get(chain["correction_id"]), "applied"
            if chain["effect"] == "drop":
                status = "applied" if event_id else "absent"
                dropped += [event_id] if event_id else []
                event_id = None
            elif event_id:
                if chain["changes"]:
                    written.append(apply_changes(spec_record(extracted[event_id]), chain["changes"])
                                   | {"confidence": 1.0})
            else:
                written.append(_kept(chain, doc_id, text, digest))
                event_id = written[-1]["event_id"]
                status = "applied" if chain["before"] is None else "kept"
            done.applied += status == "applied"
            done.absent += status == "absent"
            done.kept += status == "kept"
            updates.append([event_id, status, chain["correction_id"]])
    log.delete_events(store.con, dropped, hand_on=False)  # the caller recomputes the stories
    log.write_events(store, written, keep_stories=False)  # the ingest recomputes the stories
    store.con.executemany("UPDATE corrections SET event_id = ?, status = ? WHERE correction_id = ?", updates)


def _wanted(chain: dict[str, Any]) -> Wanted:
    """The event a correction is about: as extracted, and (when it keeps the event) as corrected."""
    after = chain["after"] if chain["effect"] == "keep" else None
    types = {chain["anchor"]["type"]} | ({after["type"]} if after else set())
    keys = [chain["anchor"]["keys"]] + ([actor_keys(after)] if after else [])
    return Wanted(chain["correction_id"], chain["anchor"], frozenset(types), keys)


def _kept(chain: dict[str, Any], doc_id: str, text: str, digest: str) -> dict[str, Any]:
    """An event the extractor no longer finds, as the analyst left it, at its words in the text now."""
    span = locate(chain["anchor"], text, digest)
    evidence = text[span[0]:span[1]] if span else chain["after"]["evidence"]
    return chain["after"] | {"event_id": f"{doc_id}{log.ADDED}{chain['chain_id']}", "doc_id": doc_id,
                             "evidence": evidence, "evidence_span": list(span) if span else None}


def _events(con: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """The event records (as `Store.events` gives them) of the documents, by document."""
    cursor = con.execute(f"SELECT {EVENT_COLUMNS} FROM events e JOIN documents d USING (doc_id) "
                         "WHERE list_contains(?, e.doc_id) ORDER BY e.event_id", [doc_ids])
    names = [d[0] for d in cursor.description]
    rows = [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]
    cursor = con.execute("SELECT * FROM event_actors WHERE event_id IN "
                         "(SELECT event_id FROM events WHERE list_contains(?, doc_id))", [doc_ids])
    names = [d[0] for d in cursor.description]
    actors: dict[str, list[dict]] = defaultdict(list)
    for values in cursor.fetchall():
        actor = dict(zip(names, values, strict=True))
        actors[actor["event_id"]].append(actor)
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        found[row["doc_id"]].append(event_record(row, actors[row["event_id"]]))
    return found
