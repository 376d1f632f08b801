"""Corrections over the API: read by anyone, written only by a reviewer holding the server's token.

Writes need `marsad serve --review` (with MARSAD_REVIEW_TOKEN set) and the header
`Authorization: Bearer <token>` on every request: without review mode a write is refused
with 403, without a token with 401, with a wrong one with 403. The token travels in a
header, never in a cookie, so another site cannot make a reviewer's browser write.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from marsad.serving.deps import request_store
from marsad.storing.corrections import correct, corrections, undo
from marsad.storing.edits import CorrectionError
from marsad.storing.gold import write_gold
from marsad.storing.store import Store

router = APIRouter(prefix="/api", tags=["review"])
StoreDep = Annotated[Store, Depends(request_store)]
READ_ONLY = ("this server is read-only: start it with `marsad serve --review` and MARSAD_REVIEW_TOKEN set "
             "to take corrections")


def reviewer_access(request: Request) -> None:
    """Dependency of every write endpoint: the server takes corrections and the request holds its token."""
    token = request.app.state.live.review_token
    if token is None:
        raise HTTPException(403, READ_ONLY)
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise HTTPException(401, "a review token is needed: send `Authorization: Bearer <token>`",
                            headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise HTTPException(403, "wrong review token")


class ActorIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    actor_id: str | None = Field(None, max_length=300, description="an actor of the store, e.g. sergey-lavrov")
    name: str | None = Field(None, max_length=200)
    country: str | None = Field(None, max_length=3, description="ISO-3 or organisation code")
    sector: str | None = Field(None, max_length=3)


class LocationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str | None = Field(None, max_length=200)
    country: str | None = Field(None, max_length=3)


class Changes(BaseModel):
    """The fields to set; a field left out is left as it is, null clears it."""

    model_config = ConfigDict(extra="forbid")
    type: str | None = Field(None, max_length=20)
    mode: str | None = Field(None, max_length=20)
    cameo: str | None = Field(None, max_length=4)
    date: str | None = Field(None, max_length=10, description="YYYY[-MM[-DD]]")
    location: LocationIn | None = None
    source: list[ActorIn] | None = Field(None, max_length=50)
    target: list[ActorIn] | None = Field(None, max_length=50)
    contexts: list[Annotated[str, Field(max_length=50)]] | None = Field(None, max_length=20)
    evidence: str | None = Field(None, max_length=10_000, description="add: the words the event was read from")
    evidence_span: list[int] | None = Field(None, min_length=2, max_length=2,
                                            description="add: [start, end] of the evidence in the document's text")


class CorrectionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    action: Literal["confirm", "reject", "edit", "add"]
    reviewer: str = Field(min_length=1, max_length=80, description="who corrects")
    event_id: str | None = Field(None, max_length=3000, description="confirm, reject, edit: the event")
    doc_id: str | None = Field(None, max_length=3000, description="add: the document")
    changes: Changes | None = Field(None, description="edit: the fields to change; add: the whole event")
    note: str | None = Field(None, max_length=2000)


class UndoIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reviewer: str = Field(min_length=1, max_length=80)
    note: str | None = Field(None, max_length=2000)


@router.get("/status", summary="When the data last changed, what it holds, how each watched source is doing")
def status(request: Request, store: StoreDep) -> dict[str, Any]:
    return request.app.state.live.status(store)


@router.get("/documents/{doc_id:path}", summary="A document with its events as served and their corrections")
def get_document(doc_id: str, request: Request, store: StoreDep) -> dict[str, Any]:
    document = store.document(doc_id)
    if document is None:
        raise HTTPException(404, f"no document {doc_id!r}")
    history = corrections(store, doc_id=doc_id)
    active = [c for c in history if c["active"]]
    by_event = {c["event_id"]: c for c in active if c["event_id"] and c["effect"] == "keep"}
    events = sorted(store.events(doc_id=doc_id, limit=None),
                    key=lambda e: ((e["evidence_span"] or [len(document["text"])])[0], e["event_id"]))
    for event in events:
        event["review"] = _review_of(by_event.get(event["event_id"]))
    rejected = [c for c in active if c["effect"] == "drop"]
    return {"document": document, "events": events, "rejected": rejected, "corrections": history,
            "review": request.app.state.live.reviewing}


def _review_of(found: dict[str, Any] | None) -> dict[str, Any] | None:
    if found is None:
        return None
    state = "added" if found["before"] is None else "edited" if found["changes"] else "confirmed"
    return {"state": state, "correction_id": found["correction_id"], "reviewer": found["reviewer"],
            "at": found["at"], "status": found["status"], "note": found["note"]}


@router.get("/corrections", summary="Analysts' corrections, oldest first")
def list_corrections(
    store: StoreDep, doc_id: Annotated[str | None, Query(max_length=3000)] = None,
    event_id: Annotated[str | None, Query(max_length=3000)] = None,
    active: Annotated[bool | None, Query(description="only those in force (true) or replaced (false)")] = None,
    limit: Annotated[int, Query(ge=1, le=10_000)] = 1000,
) -> dict[str, Any]:
    return {"corrections": corrections(store, doc_id=doc_id or None, event_id=event_id or None, active=active,
                                       limit=limit)}


@router.get("/corrections/export", summary="Reviewed documents as spec §5 gold JSON Lines, for `marsad train`",
            response_class=Response)
def export_corrections(store: StoreDep, reviewed_only: bool = False) -> Response:
    from io import StringIO

    out = StringIO()
    write_gold(store, out, reviewed_only=reviewed_only)
    return Response(out.getvalue(), media_type="application/x-ndjson; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="marsad-gold.jsonl"'})


@router.post("/review/check", status_code=204, dependencies=[Depends(reviewer_access)], response_class=Response,
             summary="Check a review token: 204 when it is right, 401 or 403 otherwise")
def check_token() -> Response:
    return Response(status_code=204)


@router.post("/corrections", status_code=201, dependencies=[Depends(reviewer_access)],
             summary="Confirm, reject or edit an event, or add a missed one (needs the review token)")
def post_correction(body: CorrectionIn, request: Request) -> dict[str, Any]:
    changes = body.changes.model_dump(exclude_unset=True) if body.changes else None
    return _write(request, lambda store: correct(
        store, body.action, body.reviewer, event_id=body.event_id, doc_id=body.doc_id, changes=changes,
        note=body.note))


@router.post("/corrections/{correction_id}/undo", dependencies=[Depends(reviewer_access)],
             summary="Undo the correction in force for an event: the extracted event comes back (needs the token)")
def post_undo(correction_id: int, body: UndoIn, request: Request) -> dict[str, Any]:
    return _write(request, lambda store: undo(store, correction_id, body.reviewer, body.note))


def _write(request: Request, change: Callable[[Store], dict[str, Any]]) -> dict[str, Any]:
    live = request.app.state.live
    store = live.writer_store()
    try:
        with live.lock:
            done = change(store)
        event = store.event(done["event_id"]) if done["event_id"] else None
    except CorrectionError as exc:
        raise HTTPException(exc.status, str(exc)) from None
    finally:
        store.con.close()
    live.corrected(done["doc_id"])
    return {"correction": done, "event": event}
