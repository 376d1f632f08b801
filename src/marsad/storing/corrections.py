"""Analysts' corrections: stored apart, applied on top of the extracted events, kept across re-extraction.

The `corrections` table (corrections.sql) is a log of who confirmed, rejected, edited or
added which event, when, with the event as extracted (`before`) and as corrected (`after`).
The `events` table holds the events as served — extracted, with the corrections applied —
so every reader (web UI, API, CLI, exports, stories) sees corrected data without knowing
about corrections. When a document is extracted again (`marsad ingest --reextract`, a new
model or knowledge base), `reapply` finds each corrected event among the new ones
(anchoring.py) and applies its correction again: a rejected event stays out, an edit is
laid over whatever the new extractor found, and an event the analyst vouched for is kept
even when the extractor no longer finds it.

    >>> correct(store, "confirm", "Huda", event_id="aawsat-1#0")
    >>> correct(store, "edit", "Huda", event_id="aawsat-1#1", changes={"type": "REJECT"})
    >>> correct(store, "add", "Huda", doc_id="aawsat-1", changes={"type": "AID", "evidence": "…", …})
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from typing import Any

import duckdb

from marsad.model import Event
from marsad.storing.anchoring import Wanted, actor_keys, anchor_of, locate, match
from marsad.storing.batch import Batch
from marsad.storing.edits import EDITABLE, CorrectionError, apply_changes, clean_changes
from marsad.storing.query import spec_record
from marsad.storing.store import Store

ACTIONS = ("confirm", "reject", "edit", "add")
MAX_REVIEWER = 80
MAX_NOTE = 2000
ADDED = "#a"  # event ids of events analysts added or kept: "<doc_id>#a<chain_id>"

_FINGERPRINT_SQL = """
WITH ea AS (
    SELECT event_id, string_agg(role || ':' || position || ':' || actor_id, ',' ORDER BY role, position) AS actors
    FROM event_actors WHERE event_id IN (SELECT event_id FROM events WHERE list_contains(?, doc_id))
    GROUP BY event_id)
SELECT e.doc_id, md5(string_agg(concat_ws('|', e.event_id, e.type, coalesce(e.mode, '-'), coalesce(e.cameo, '-'),
       coalesce(e.date, '-'), coalesce(e.location_name, '-'), coalesce(e.location_country, '-'),
       coalesce(CAST(e.evidence_start AS VARCHAR), '-'), coalesce(CAST(e.evidence_end AS VARCHAR), '-'),
       coalesce(ea.actors, '-')), chr(10) ORDER BY e.event_id))
FROM events e LEFT JOIN ea USING (event_id) WHERE list_contains(?, e.doc_id) GROUP BY e.doc_id
"""


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(resources.files("marsad.storing").joinpath("corrections.sql").read_text("utf-8"))


def has_corrections(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the store has a corrections table (a store nobody reviewed has none)."""
    return bool(con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'corrections'").fetchone()[0])


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass(slots=True)
class Reapplied:
    """What `reapply` did."""

    documents: int = 0  # documents whose events had changed since their corrections were applied
    applied: int = 0    # corrections applied to an event of the new extraction
    absent: int = 0     # rejected events the new extraction no longer has
    kept: int = 0       # confirmed, edited or added events the new extraction lacks, kept as the analyst said


# -- reading ---------------------------------------------------------------------------------


def corrections(
    store: Store, doc_id: str | None = None, event_id: str | None = None, active: bool | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Corrections, oldest first, as JSON-ready records; `active` keeps only (or leaves out) the ones in force."""
    if not has_corrections(store.con):
        return []
    clauses, params = ["TRUE"], []
    if doc_id:
        clauses.append("doc_id = ?")
        params.append(doc_id)
    if event_id:
        clauses.append("chain_id IN (SELECT chain_id FROM corrections WHERE event_id = ?)")
        params.append(event_id)
    if active is not None:
        clauses.append("superseded_by IS NULL" if active else "superseded_by IS NOT NULL")
    paging = f" LIMIT {int(limit)}" if limit else ""
    cursor = store.con.execute(
        f'SELECT * FROM corrections WHERE {" AND ".join(clauses)} ORDER BY "at", correction_id{paging}', params)
    names = [d[0] for d in cursor.description]
    return [_record(dict(zip(names, row, strict=True))) for row in cursor.fetchall()]


def _record(row: dict[str, Any]) -> dict[str, Any]:
    for key in ("changes", "before", "after", "anchor"):
        row[key] = json.loads(row[key]) if row[key] else None
    row["at"] = row["at"].isoformat(timespec="seconds") + "Z"
    row["active"] = row["superseded_by"] is None
    return row


def reviewed_documents(store: Store) -> list[str]:
    """Ids of the documents with a correction in force (undone ones do not count), in order of review."""
    if not has_corrections(store.con):
        return []
    return [row[0] for row in store.con.execute(
        "SELECT doc_id FROM corrections WHERE superseded_by IS NULL AND effect <> 'none' "
        'GROUP BY doc_id ORDER BY min("at"), doc_id').fetchall()]


# -- correcting ------------------------------------------------------------------------------


def correct(
    store: Store, action: str, reviewer: str, event_id: str | None = None, doc_id: str | None = None,
    changes: dict[str, Any] | None = None, note: str | None = None,
) -> dict[str, Any]:
    """Record one correction and apply it to the stored events, in one transaction; returns its record.

    confirm, reject and edit name an `event_id`; add names a `doc_id` and gives the whole event in
    `changes` (its `evidence` a part of the document's text, or its `evidence_span`).
    """
    if action not in ACTIONS:
        raise CorrectionError(f"action: unknown action {action!r} (one of {', '.join(ACTIONS)})")
    reviewer = _reviewer(reviewer)
    note = (note or "").strip()[:MAX_NOTE] or None
    ensure_schema(store.con)
    store.con.begin()
    try:
        row = _add(store, doc_id, changes or {}) if action == "add" else _change(store, action, event_id, changes)
        row.update(reviewer=reviewer, note=note, action=action)
        _insert(store.con, row)
        _remember(store, [row["doc_id"]])
        store.con.commit()
    except BaseException:
        store.con.rollback()
        raise
    return _by_id(store, row["correction_id"])


def undo(store: Store, correction_id: int, reviewer: str, note: str | None = None) -> dict[str, Any]:
    """Undo the correction in force for the event of `correction_id`: the extracted event comes back
    (a rejected one is restored, an edited one gets its extracted fields, an added one goes)."""
    reviewer = _reviewer(reviewer)
    if not has_corrections(store.con):
        raise CorrectionError(f"no correction {correction_id}", 404)
    store.con.begin()
    try:
        found = store.con.execute(
            "SELECT chain_id FROM corrections WHERE correction_id = ?", [correction_id]).fetchone()
        if found is None:
            raise CorrectionError(f"no correction {correction_id}", 404)
        current = _active(store.con, found[0])
        if current["effect"] == "none":
            raise CorrectionError(f"correction {correction_id} is already undone", 409)
        restored = _restore(store, current)
        row = _row(store.con, current["chain_id"], current["doc_id"], "none", {}, current["before"], restored,
                   current["anchor"], restored["event_id"] if restored else None)
        row.update(reviewer=reviewer, note=(note or "").strip()[:MAX_NOTE] or None, action="undo")
        _insert(store.con, row)
        store.con.execute("UPDATE corrections SET superseded_by = ? WHERE correction_id = ?",
                          [row["correction_id"], current["correction_id"]])
        _remember(store, [current["doc_id"]])
        store.con.commit()
    except BaseException:
        store.con.rollback()
        raise
    return _by_id(store, row["correction_id"])


def _reviewer(name: str | None) -> str:
    name = " ".join((name or "").split())
    if not name or len(name) > MAX_REVIEWER:
        raise CorrectionError(f"reviewer: give your name (at most {MAX_REVIEWER} characters)")
    return name


def _add(store: Store, doc_id: str | None, given: dict[str, Any]) -> dict[str, Any]:
    document = _document(store, doc_id)
    fields = {k: v for k, v in given.items() if k not in ("evidence", "evidence_span")}
    if "type" not in fields:
        raise CorrectionError("type: an added event needs a type")
    cleaned = clean_changes(fields, lambda aid: _stored_actor(store, aid))
    span = _evidence_span(document["text"], given.get("evidence"), given.get("evidence_span"))
    blank = {"type": cleaned["type"], "mode": None, "cameo": None, "source": [], "target": [], "date": None,
             "date_precision": None, "location": None, "contexts": []}
    after = apply_changes(blank, cleaned) | {
        "evidence": document["text"][span[0]:span[1]], "evidence_span": list(span), "confidence": 1.0,
        "doc_id": document["doc_id"]}
    correction_id = _next_id(store.con)
    after["event_id"] = f"{document['doc_id']}{ADDED}{correction_id}"
    _write_event(store, after)
    anchor = anchor_of(after, document["text"], document["content_hash"])
    changes = {key: after[key] for key in EDITABLE}
    return _row(store.con, correction_id, document["doc_id"], "keep", changes, None, after, anchor,
                after["event_id"], correction_id)


def _change(store: Store, action: str, event_id: str | None, changes: dict[str, Any] | None) -> dict[str, Any]:
    current = store.event(event_id) if event_id else None
    if current is None:
        raise CorrectionError(f"no event {event_id!r}", 404)
    document = _document(store, current["doc_id"])
    record = spec_record(current)
    chain = _active_for_event(store.con, event_id)
    before = chain["before"] if chain else record
    anchor = chain["anchor"] if chain else anchor_of(record, document["text"], document["content_hash"])
    kept = chain["changes"] if chain and chain["effect"] == "keep" else {}
    if action == "reject":
        _delete_event(store.con, event_id)
        effect, after, changes_now, where = ("drop" if before else "none"), None, {}, None
    elif action == "confirm":
        effect, after, changes_now, where = "keep", record, kept, event_id
    else:
        cleaned = clean_changes(changes or {}, lambda aid: _stored_actor(store, aid))
        if not cleaned:
            raise CorrectionError("changes: nothing to change")
        after = apply_changes(record, cleaned) | {"confidence": 1.0}
        changes_now = kept | cleaned if before else {key: after[key] for key in EDITABLE}
        _write_event(store, after)
        effect, where = "keep", event_id
    row = _row(store.con, chain["chain_id"] if chain else None, current["doc_id"], effect, changes_now, before,
               after, anchor, where)
    if chain:
        store.con.execute("UPDATE corrections SET superseded_by = ? WHERE correction_id = ?",
                          [row["correction_id"], chain["correction_id"]])
    return row


def _row(con, chain_id, doc_id, effect, changes, before, after, anchor, event_id, correction_id=None) -> dict:
    correction_id = correction_id or _next_id(con)
    return {"correction_id": correction_id, "chain_id": chain_id or correction_id, "doc_id": doc_id,
            "effect": effect, "changes": changes or {}, "before": before, "after": after, "anchor": anchor,
            "event_id": event_id, "status": "applied", "at": now()}


def _insert(con: duckdb.DuckDBPyConnection, row: dict[str, Any]) -> None:
    con.execute(
        'INSERT INTO corrections (correction_id, chain_id, doc_id, action, effect, reviewer, "at", note, changes, '
        "before, after, anchor, event_id, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [row["correction_id"], row["chain_id"], row["doc_id"], row["action"], row["effect"], row["reviewer"],
         row["at"], row["note"], _json(row["changes"]), _json(row["before"]), _json(row["after"]),
         _json(row["anchor"]), row["event_id"], row["status"]],
    )


def _restore(store: Store, current: dict[str, Any]) -> dict[str, Any] | None:
    """Put back the extracted event a correction replaced; returns it (None when it was an added event)."""
    before, event_id = current["before"], current["event_id"]
    if current["effect"] == "keep" and before is None:
        _delete_event(store.con, event_id)
        return None
    if current["effect"] == "keep":
        found = store.event(event_id) if event_id else None
        if found is None:
            raise CorrectionError(f"the event {event_id!r} is no longer in the store", 409)
        restored = spec_record(found) | {key: before[key] for key in (*EDITABLE, "date_precision", "confidence")}
    else:
        document = _document(store, current["doc_id"])
        span = locate(current["anchor"], document["text"], document["content_hash"])
        taken = store.event(before["event_id"]) is not None
        event_id = f"{current['doc_id']}{ADDED}{current['chain_id']}" if taken else before["event_id"]
        restored = before | {"event_id": event_id, "evidence_span": list(span) if span else None}
    _write_event(store, restored)
    return restored


# -- re-applying after re-extraction ---------------------------------------------------------


def reapply(store: Store, doc_ids: list[str] | None = None) -> Reapplied:
    """Apply the corrections of every document (or of `doc_ids`) whose events were extracted again since."""
    done = Reapplied()
    if store.read_only or not has_corrections(store.con):
        return done
    docs = reviewed_documents(store) if doc_ids is None else doc_ids
    if not docs:
        return done
    stale = _stale(store.con, docs)
    for doc_id in stale:
        store.con.begin()
        try:
            _reanchor(store, doc_id, done)
            _remember(store, [doc_id])
            store.con.commit()
        except BaseException:
            store.con.rollback()
            raise
    done.documents = len(stale)
    return done


def _stale(con: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> list[str]:
    """The documents among `doc_ids` with corrections whose events changed since they were applied."""
    corrected = {row[0] for row in con.execute(
        "SELECT DISTINCT doc_id FROM corrections WHERE list_contains(?, doc_id)", [doc_ids]).fetchall()}
    if not corrected:
        return []
    stored = dict(con.execute("SELECT doc_id, fingerprint FROM corrected_documents WHERE list_contains(?, doc_id)",
                              [sorted(corrected)]).fetchall())
    present = {row[0] for row in con.execute(
        "SELECT doc_id FROM documents WHERE list_contains(?, doc_id)", [sorted(corrected)]).fetchall()}
    current = _fingerprints(con, sorted(corrected))
    return sorted(d for d in corrected & present if stored.get(d) != current.get(d, ""))


def _fingerprints(con: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> dict[str, str]:
    return dict(con.execute(_FINGERPRINT_SQL, [doc_ids, doc_ids]).fetchall())


def _remember(store: Store, doc_ids: list[str]) -> None:
    """Note the events of `doc_ids` as corrected, so that only a later re-extraction triggers `reapply`."""
    prints = _fingerprints(store.con, doc_ids)
    for doc_id in doc_ids:
        store.con.execute(
            "INSERT OR REPLACE INTO corrected_documents VALUES (?, ?, ?)", [doc_id, prints.get(doc_id, ""), now()])
        store.con.execute(
            "UPDATE documents SET num_events = (SELECT count(*) FROM events WHERE doc_id = ?) WHERE doc_id = ?",
            [doc_id, doc_id])


def _reanchor(store: Store, doc_id: str, done: Reapplied) -> None:
    document = _document(store, doc_id)
    text, text_hash = document["text"], document["content_hash"]
    chains = [c for c in _active_chains(store.con, doc_id) if c["effect"] != "none"]
    for (event_id,) in store.con.execute(
            "SELECT event_id FROM events WHERE doc_id = ? AND starts_with(event_id, ?)",
            [doc_id, doc_id + ADDED]).fetchall():
        _delete_event(store.con, event_id)  # analysts' events are laid again below
    events = store.events(doc_id=doc_id, limit=None)
    wanted = []
    for chain in chains:
        after = chain["after"]
        types = {chain["anchor"]["type"]} | ({after["type"]} if chain["effect"] == "keep" and after else set())
        keys = [chain["anchor"]["keys"]] + ([actor_keys(after)] if chain["effect"] == "keep" and after else [])
        wanted.append(Wanted(chain["correction_id"], chain["anchor"], frozenset(types), keys))
    claimed = match(wanted, events, text, text_hash)
    for chain in chains:
        event_id, status = claimed.get(chain["correction_id"]), "applied"
        if chain["effect"] == "drop":
            if event_id:
                _delete_event(store.con, event_id)
                done.applied += 1
            else:
                status = "absent"
                done.absent += 1
            event_id = None
        elif event_id:
            record = spec_record(store.event(event_id))
            if chain["changes"]:
                _write_event(store, apply_changes(record, chain["changes"]) | {"confidence": 1.0})
            done.applied += 1
        else:
            span = locate(chain["anchor"], text, text_hash)
            event_id = f"{doc_id}{ADDED}{chain['chain_id']}"
            evidence = text[span[0]:span[1]] if span else chain["after"]["evidence"]
            _write_event(store, chain["after"] | {"event_id": event_id, "doc_id": doc_id, "evidence": evidence,
                                                  "evidence_span": list(span) if span else None})
            status = "applied" if chain["before"] is None else "kept"
            done.applied += status == "applied"
            done.kept += status == "kept"
        store.con.execute("UPDATE corrections SET event_id = ?, status = ? WHERE correction_id = ?",
                          [event_id, status, chain["correction_id"]])


# -- rows ------------------------------------------------------------------------------------


def _document(store: Store, doc_id: str | None) -> dict[str, Any]:
    found = store.con.execute(
        "SELECT doc_id, text, content_hash FROM documents WHERE doc_id = ?", [doc_id]).fetchone() if doc_id else None
    if found is None:
        raise CorrectionError(f"no document {doc_id!r}", 404)
    return dict(zip(("doc_id", "text", "content_hash"), found, strict=True))


def _evidence_span(text: str, evidence: Any, span: Any) -> tuple[int, int]:
    """The evidence of an added event as a span of the text: the given span when it holds the given
    evidence (or no evidence is given), else the occurrence of the evidence nearest to it."""
    valid = (isinstance(span, list | tuple) and len(span) == 2 and all(isinstance(v, int) for v in span)
             and 0 <= span[0] < span[1] <= len(text))
    if isinstance(evidence, str) and evidence.strip():
        wanted = evidence.strip()
        if valid and text[span[0]:span[1]].strip() == wanted:
            return _trimmed(text, span[0], span[1])
        near = locate({"evidence": wanted, "span": list(span) if valid else None}, text, "")
        if near is None or text[near[0]:near[1]] != wanted:
            raise CorrectionError("evidence: the words are not in the document's text")
        return near
    if not valid:
        raise CorrectionError("evidence: select the words of the document the event was read from")
    return _trimmed(text, span[0], span[1])


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        raise CorrectionError("evidence: the selection holds no words")
    return start, end


def _stored_actor(store: Store, actor_id: str) -> dict[str, Any] | None:
    found = store.con.execute("SELECT name, country, sector FROM actors WHERE actor_id = ?", [actor_id]).fetchone()
    return dict(zip(("name", "country", "sector"), found, strict=True)) if found else None


def _write_event(store: Store, record: dict[str, Any]) -> None:
    """Replace (or add) one event with its actors, keeping its story until the stories are recomputed."""
    story = store.con.execute("SELECT story_id FROM events WHERE event_id = ?", [record["event_id"]]).fetchone()
    _delete_event(store.con, record["event_id"])
    batch = Batch()
    batch.add_event(record["event_id"], record["doc_id"], Event.from_dict(record))
    store.insert(batch)
    if story and story[0]:
        store.con.execute("UPDATE events SET story_id = ? WHERE event_id = ?", [story[0], record["event_id"]])


def _delete_event(con: duckdb.DuckDBPyConnection, event_id: str) -> None:
    con.execute("DELETE FROM event_actors WHERE event_id = ?", [event_id])
    con.execute("DELETE FROM events WHERE event_id = ?", [event_id])


def _next_id(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute("SELECT nextval('correction_ids')").fetchone()[0]


def _by_id(store: Store, correction_id: int) -> dict[str, Any]:
    cursor = store.con.execute("SELECT * FROM corrections WHERE correction_id = ?", [correction_id])
    names = [d[0] for d in cursor.description]
    return _record(dict(zip(names, cursor.fetchone(), strict=True)))


def _active(con: duckdb.DuckDBPyConnection, chain_id: int) -> dict[str, Any]:
    cursor = con.execute("SELECT * FROM corrections WHERE chain_id = ? AND superseded_by IS NULL", [chain_id])
    names = [d[0] for d in cursor.description]
    return _record(dict(zip(names, cursor.fetchone(), strict=True)))


def _active_for_event(con: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    found = con.execute("SELECT chain_id FROM corrections WHERE event_id = ? AND superseded_by IS NULL",
                        [event_id]).fetchone()
    return _active(con, found[0]) if found else None


def _active_chains(con: duckdb.DuckDBPyConnection, doc_id: str) -> list[dict[str, Any]]:
    cursor = con.execute("SELECT * FROM corrections WHERE doc_id = ? AND superseded_by IS NULL ORDER BY chain_id",
                         [doc_id])
    names = [d[0] for d in cursor.description]
    return [_record(dict(zip(names, row, strict=True))) for row in cursor.fetchall()]


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, default=str)
