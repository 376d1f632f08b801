"""The REST API under /api: read-only queries over the store, and extraction of pasted text."""

from __future__ import annotations

import csv
import io
import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from marsad.knowledge import KnowledgeBase
from marsad.model import EVENT_TYPES
from marsad.serving import queries
from marsad.serving.deps import knowledge, request_store
from marsad.serving.filters import Filters, check_day, event_filters, invalid
from marsad.storing.export import FLAT_COLUMNS, csv_row
from marsad.storing.query import EventFilter
from marsad.storing.store import Store

router = APIRouter(prefix="/api", tags=["api"])
StoreDep = Annotated[Store, Depends(request_store)]
FiltersDep = Annotated[Filters, Depends(event_filters)]
Sort = Literal["-date", "date", "-confidence", "confidence", "type", "outlet"]
MAX_DOWNLOAD = 100_000
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # spreadsheet programs run such cells as formulas


@router.get("/events", summary="Events matching the filters of `marsad events`, one page at a time")
def list_events(
    store: StoreDep, filters: FiltersDep, sort: Sort = "-date",
    limit: Annotated[int, Query(ge=1, le=1000)] = 50, offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    where, params = filters.to_sql(store)
    total, events = queries.search_events(store, where, params, sort, limit, offset)
    return {"total": total, "limit": limit, "offset": offset, "sort": sort, "filters": filters.given(),
            "events": events}


@router.get("/events/export", summary="Every event matching the filters, as a CSV or JSON download")
def export_events(
    store: StoreDep, filters: FiltersDep, sort: Sort = "-date", format: Literal["csv", "json"] = "csv",
    limit: Annotated[int, Query(ge=1, le=MAX_DOWNLOAD)] = MAX_DOWNLOAD,
) -> Response:
    where, params = filters.to_sql(store)
    _, events = queries.search_events(store, where, params, sort, limit)
    if format == "json":
        body, media = json.dumps(events, ensure_ascii=False, indent=1), "application/json"
    else:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(FLAT_COLUMNS)
        writer.writerows([_defuse(cell) for cell in csv_row(event)] for event in events)
        body, media = out.getvalue(), "text/csv; charset=utf-8"
    disposition = f'attachment; filename="marsad-events.{format}"'
    return Response(body, media_type=media, headers={"Content-Disposition": disposition})


def _defuse(cell: str) -> str:
    """Crawled text must not become a spreadsheet formula: prefix such cells with a quote."""
    return "'" + cell if cell.startswith(FORMULA_START) else cell


@router.get("/events/{event_id:path}", summary="One event with its evidence, article text and story")
def get_event(event_id: str, store: StoreDep) -> dict[str, Any]:
    event = store.event(event_id)
    if event is None:
        raise HTTPException(404, f"no event {event_id!r}")
    document = store.document(event["doc_id"]) or {}
    story_id = event["story_id"]
    story = queries.rows(store, "SELECT * FROM stories WHERE story_id = ?", [story_id]) if story_id else []
    others = queries.story_sources(store, story_id, event["doc_id"]) if story_id else []
    return {"event": event, "document": document, "story": next(iter(story), None), "other_sources": others}


@router.get("/actors", summary="Actors with their event counts, most active first")
def list_actors(
    store: StoreDep,
    q: Annotated[str | None, Query(max_length=200, description="name (English or Arabic) or id")] = None,
    country: Annotated[str | None, Query(pattern=r"^([A-Za-z]{3})?$")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50, offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    return {"actors": store.actors(q or None, country=country or None, limit=limit, offset=offset)}


@router.get("/actors/{actor_id}", summary="An actor: offices over time, counterparts, event types over time")
def get_actor(
    actor_id: str, store: StoreDep, kb: Annotated[KnowledgeBase, Depends(knowledge)],
    counterparts: Annotated[int, Query(ge=1, le=200)] = 15, latest: Annotated[int, Query(ge=1, le=200)] = 10,
) -> dict[str, Any]:
    found = queries.rows(store, "SELECT * FROM actors WHERE actor_id = ?", [actor_id])
    if not found:
        raise HTTPException(404, f"no actor {actor_id!r}")
    where, params = EventFilter(actor_ids=[actor_id]).where()
    days = queries.day_counts(store, where, params)
    starts = [day for row in days if not row[6] for day in row[4:6] if day]
    actor = found[0] | {"num_events": sum(row[3] for row in days), "first_date": min(starts, default=None),
                        "last_date": max(starts, default=None)}
    series = queries.timeline(days, published=queries.published_span(store, where, params))
    return {
        "actor": actor, **_knowledge_of(kb, actor.get("kb_id") or actor_id),
        "counterparts": queries.counterparts(store, actor_id, counterparts),
        "types": {t: sum(counts) for t, counts in series["by_type"].items()},
        "timeline": series,
        "latest": queries.search_events(store, where, params, "-date", latest)[1],
    }


def _knowledge_of(kb: KnowledgeBase, kb_id: str) -> dict[str, Any]:
    """What the knowledge base says of an actor: its record and its offices, oldest first."""
    person, organisation, state = kb.people.get(kb_id), kb.organisations.get(kb_id), kb.states.get(kb_id)
    record = person or organisation
    offices = [
        {"office": t.office, "country": t.country, "start": t.start, "end": t.end, "topic": t.topic}
        for t in sorted(kb.terms_of(kb_id), key=lambda t: t.start)
    ]
    known = None
    if record:
        known = {"id": record.id, "name": record.name, "country": record.country, "sector": record.sector,
                 "arabic": list(record.arabic), "wikidata": getattr(record, "wikidata", None)}
    elif state:  # a generic actor of a state: "SAU:MIL" is Saudi Arabia's military
        known = {"id": state.code, "name": state.name, "country": state.code, "sector": None,
                 "arabic": list(state.arabic), "wikidata": None}
    return {"knowledge": known, "offices": offices}


@router.get("/stories", summary="Stories (one interaction reported by several outlets), most reported first")
def list_stories(
    store: StoreDep, type: Annotated[str | None, Query(description="PLOVER type")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
) -> dict[str, Any]:
    if type and type.upper() not in EVENT_TYPES:
        raise invalid("type", f"unknown event type {type}; one of {', '.join(EVENT_TYPES)}", type)
    return {"stories": store.stories(type or None, limit=limit)}


@router.get("/stats", summary="Counts of documents, events, actors, stories and errors")
def stats(store: StoreDep) -> dict[str, Any]:
    return store.stats()


@router.get("/timeline", summary="Events per period for the filters, by type and by quad class",
            description="`auto` charts the period the articles were published in (from a week before the "
                        "first), leaving out events flagged as dated long before their article (`outside` counts "
                        "what it leaves out), at the finest interval that stays readable; a given interval "
                        "charts every event. Canonical events unless `mentions` is set.")
def get_timeline(
    store: StoreDep, filters: FiltersDep,
    interval: Literal["auto", "day", "week", "month", "year"] = "auto",
) -> dict[str, Any]:
    where, params = filters.to_sql(store)
    try:
        days, span = queries.day_counts(store, where, params), queries.published_span(store, where, params)
        return queries.timeline(days, interval, span)
    except ValueError as exc:
        raise invalid("interval", str(exc), interval) from None


@router.get("/network", summary="Actors as nodes and shared events as weighted edges, for the filters")
def get_network(
    store: StoreDep, filters: FiltersDep, edges: Annotated[int, Query(ge=1, le=1000)] = 120,
) -> dict[str, Any]:
    where, params = filters.to_sql(store)
    return queries.network(store, where, params, edges)


class ExtractRequest(BaseModel):
    text: str = Field(min_length=1, max_length=200_000, description="Arabic article text")
    published: str | None = Field(None, description="publication date YYYY[-MM[-DD]]")


@router.post("/extract", summary="Events of a pasted text (nothing is stored)")
def extract(body: ExtractRequest, request: Request) -> dict[str, Any]:
    published = body.published or None
    check_day("published", published, where="body")
    extraction = request.app.state.extractor(body.text, published)
    return {
        "cleaned_text": extraction.cleaned_text, "warnings": extraction.warnings,
        "events": [event.to_dict() for event in extraction.events],
    }
