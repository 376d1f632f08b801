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

from typing import Any

from marsad.storing import correction_log as log
from marsad.storing.anchoring import anchor_of, locate
from marsad.storing.batch import date_start
from marsad.storing.correction_log import corrections, reviewed_documents
from marsad.storing.edits import EDITABLE, CorrectionError, apply_changes, clean_changes
from marsad.storing.query import spec_record
from marsad.storing.reapply import Reapplied, reapply
from marsad.storing.store import Store
from marsad.storing.transaction import transaction

ACTIONS = ("confirm", "reject", "edit", "add")
MAX_REVIEWER = 80
MAX_NOTE = 2000
__all__ = ["ACTIONS", "CorrectionError", "Reapplied", "correct", "corrections", "reapply", "reviewed_documents", "undo"]


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
    log.ensure_schema(store.con)
    with transaction(store.con):
        row = _add(store, doc_id, changes or {}) if action == "add" else _change(store, action, event_id, changes)
        row.update(reviewer=reviewer, note=note, action=action)
        log.insert(store.con, row)
        log.remember(store.con, [row["doc_id"]])
    return log.by_id(store.con, row["correction_id"])


def undo(store: Store, correction_id: int, reviewer: str, note: str | None = None) -> dict[str, Any]:
    """Undo the correction in force for the event of `correction_id`: the extracted event comes back
    (a rejected one is restored, an edited one gets its extracted fields, an added one goes)."""
    reviewer = _reviewer(reviewer)
    if not log.has_corrections(store.con):
        raise CorrectionError(f"no correction {correction_id}", 404)
    with transaction(store.con):
        found = store.con.execute(
            "SELECT chain_id FROM corrections WHERE correction_id = ?", [correction_id]).fetchone()
        if found is None:
            raise CorrectionError(f"no correction {correction_id}", 404)
        current = log.active(store.con, found[0])
        if current["effect"] == "none":
            raise CorrectionError(f"correction {correction_id} is already undone", 409)
        restored = _restore(store, current)
        row = _row(store.con, current["chain_id"], current["doc_id"], "none", {}, current["before"], restored,
                   current["anchor"], restored["event_id"] if restored else None)
        row.update(reviewer=reviewer, note=(note or "").strip()[:MAX_NOTE] or None, action="undo")
        log.insert(store.con, row)
        store.con.execute("UPDATE corrections SET superseded_by = ? WHERE correction_id = ?",
                          [row["correction_id"], current["correction_id"]])
        log.remember(store.con, [current["doc_id"]])
    return log.by_id(store.con, row["correction_id"])


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
    _check_date(store, document["doc_id"], after["date"])
    correction_id = log.next_id(store.con)
    after["event_id"] = f"{document['doc_id']}{log.ADDED}{correction_id}"
    log.write_events(store, [after])
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
    chain = log.active_for_event(store.con, event_id)
    before = chain["before"] if chain else record
    anchor = chain["anchor"] if chain else anchor_of(record, document["text"], document["content_hash"])
    kept = chain["changes"] if chain and chain["effect"] == "keep" else {}
    if action == "reject":
        log.delete_events(store.con, [event_id])
        effect, after, changes_now, where = ("drop" if before else "none"), None, {}, None
    elif action == "confirm":
        effect, after, changes_now, where = "keep", record, kept, event_id
    else:
        cleaned = clean_changes(changes or {}, lambda aid: _stored_actor(store, aid))
        if not cleaned:
            raise CorrectionError("changes: nothing to change")
        after = apply_changes(record, cleaned) | {"confidence": 1.0}
        if "date" in cleaned:
            _check_date(store, current["doc_id"], after["date"])
        changes_now = kept | cleaned if before else {key: after[key] for key in EDITABLE}
        log.write_events(store, [after])
        effect, where = "keep", event_id
    row = _row(store.con, chain["chain_id"] if chain else None, current["doc_id"], effect, changes_now, before,
               after, anchor, where)
    if chain:
        store.con.execute("UPDATE corrections SET superseded_by = ? WHERE correction_id = ?",
                          [row["correction_id"], chain["correction_id"]])
    return row


def _row(con, chain_id, doc_id, effect, changes, before, after, anchor, event_id, correction_id=None) -> dict:
    correction_id = correction_id or log.next_id(con)
    return {"correction_id": correction_id, "chain_id": chain_id or correction_id, "doc_id": doc_id,
            "effect": effect, "changes": changes or {}, "before": before, "after": after, "anchor": anchor,
            "event_id": event_id, "status": "applied", "at": log.now()}


def _restore(store: Store, current: dict[str, Any]) -> dict[str, Any] | None:
    """Put back the extracted event a correction replaced; returns it (None when it was an added event)."""
    before, event_id = current["before"], current["event_id"]
    if current["effect"] == "keep" and before is None:
        log.delete_events(store.con, [event_id])
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
        event_id = f"{current['doc_id']}{log.ADDED}{current['chain_id']}" if taken else before["event_id"]
        restored = before | {"event_id": event_id, "evidence_span": list(span) if span else None}
    log.write_events(store, [restored])
    return restored


# -- rows ------------------------------------------------------------------------------------


def _document(store: Store, doc_id: str | None) -> dict[str, Any]:
    found = log.document(store, doc_id)
    if found is None:
        raise CorrectionError(f"no document {doc_id!r}", 404)
    return found


def _check_date(store: Store, doc_id: str, value: str | None) -> None:
    """An analyst's date, like an extracted one, cannot lie after the article's publication (storing/dates.py)."""
    published = store.con.execute("SELECT published FROM documents WHERE doc_id = ?", [doc_id]).fetchone()
    first_day = date_start(value)
    if published and published[0] and first_day and first_day > published[0]:
        raise CorrectionError(f"date: {value} is after the article's publication ({published[0].isoformat()}); "
                              "an event is dated when it is reported (a planned one when it was announced)")


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
