"""HTML pages: Arabic right-to-left, rendered by Jinja2 with autoescaping, data drawn by static JS.

Crawled text reaches a page only through autoescaped template variables or, in scripts,
through `textContent`; the event page's highlight is three escaped pieces around a <mark>.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from marsad.knowledge import KnowledgeBase
from marsad.model import EVENT_TYPES
from marsad.serving import api
from marsad.serving.deps import knowledge, request_store
from marsad.serving.labels import arabic, arabic_all, english
from marsad.storing.store import Store

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")  # autoescapes .html
templates.env.globals.update(t=arabic, event_types=EVENT_TYPES, labels={"ar": arabic_all(), "en": english()})
FILTER_NAMES = ("actor", "country", "type", "since", "until", "text", "source", "story", "place", "mentions")
StoreDep = Annotated[Store, Depends(request_store)]


def _page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    given = {k: request.query_params.get(k, "") for k in FILTER_NAMES}
    return templates.TemplateResponse(request, name, {"filters": given, **context}, status_code=status)


@router.get("/", response_class=HTMLResponse)
def search_page(request: Request) -> HTMLResponse:
    return _page(request, "search.html", page="search")


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request) -> HTMLResponse:
    return _page(request, "timeline.html", page="timeline")


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request) -> HTMLResponse:
    return _page(request, "network.html", page="network")


@router.get("/paste", response_class=HTMLResponse)
def paste_page(request: Request) -> HTMLResponse:
    return _page(request, "paste.html", page="paste")


@router.get("/actors/{actor_id}", response_class=HTMLResponse)
def actor_page(
    actor_id: str, request: Request, store: StoreDep, kb: Annotated[KnowledgeBase, Depends(knowledge)],
) -> HTMLResponse:
    try:
        found = api.get_actor(actor_id, store, kb, 15, 10)
    except HTTPException:
        return _page(request, "missing.html", 404, page="actor", what=actor_id)
    # (label, count, link, label key) rows of the two bar charts drawn by the template.
    search = f"/?actor={quote(actor_id, safe='')}"
    found["type_bars"] = [(arabic(f"type_{t}"), n, f"{search}&type={t}", f"type_{t}")
                          for t, n in found["types"].items()]
    found["counterpart_bars"] = [
        (c["name"] or c["actor_id"], c["events"], f"/actors/{quote(c['actor_id'], safe='')}", None)
        for c in found["counterparts"]
    ]
    return _page(request, "actor.html", page="actor", **found)


@router.get("/events/{event_id:path}", response_class=HTMLResponse)
def event_page(event_id: str, request: Request, store: StoreDep) -> HTMLResponse:
    try:
        found = api.get_event(event_id, store)
    except HTTPException:
        return _page(request, "missing.html", 404, page="event", what=event_id)
    text = found["document"].get("text") or ""
    before, marked, after = highlight(text, found["event"]["evidence_span"], found["event"]["evidence"])
    return _page(request, "event.html", page="event", before=before, marked=marked, after=after, **found)


def highlight(text: str, span: list[int] | None, evidence: str | None) -> tuple[str, str, str]:
    """The text cut around its evidence: at the stored span when it fits, else where the sentence occurs."""
    if span and 0 <= span[0] < span[1] <= len(text):
        start, end = span
    elif evidence and (found := text.find(evidence)) >= 0:
        start, end = found, found + len(evidence)
    else:
        return text, "", ""
    return text[:start], text[start:end], text[end:]
